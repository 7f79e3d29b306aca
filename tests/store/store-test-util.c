/* store-test-util.c — the sample lab, temporary folders and the synthetic run of the store
 * tests.  Frames are built byte by byte (not with the engine's protocol code) so that the
 * store and pcap tests do not depend on it, and so tshark has real protocols to decode. */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include <glib/gstdio.h>

#include "store-test-util.h"

static void
set_cidr (WlLabIface *iface,
          const char *cidr)
{
  g_assert_true (wl_parse_cidr (cidr, &iface->address, &iface->prefix));
}

static guint32
ip (const char *text)
{
  guint32 v = 0;

  g_assert_true (wl_ip_parse (text, &v));
  return v;
}

static void
add_route (WlLabDevice *dev,
           const char  *cidr,
           const char  *via,
           const char  *iface)
{
  WlLabRoute *route = g_new0 (WlLabRoute, 1);

  g_assert_true (wl_parse_cidr (cidr, &route->network, &route->prefix));
  route->via = via ? ip (via) : 0;
  route->iface = g_strdup (iface);
  g_ptr_array_add (dev->routes, route);
}

WlLab *
store_test_make_lab (void)
{
  WlLab *lab = wl_lab_new ();
  WlLabDevice *pc1, *pc2, *sw, *router;
  WlLabIface *extra;
  WlLabService *svc;
  WlLabLink *link;

  g_free (lab->title);
  g_free (lab->description);
  lab->title = g_strdup ("ARP — first contact");
  lab->description = g_strdup ("Ping PC2 from PC1.\nWatch the switch learn «MACs» 交换机.");
  lab->seed = G_GUINT64_CONSTANT (0xfedcba9876543210); /* above G_MAXINT64 on purpose */

  pc1 = wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  pc1->x = 12.5;
  pc1->y = -3.25;
  set_cidr (g_ptr_array_index (pc1->ifaces, 0), "10.0.0.1/24");
  pc1->gateway = ip ("10.0.0.254");
  pc1->dns = ip ("10.0.0.53");
  svc = wl_lab_device_add_service (pc1, "http-server");
  wl_lab_service_set (svc, "pages", "/index.html;/logo.png");
  wl_lab_service_set (svc, "index-html", " <h1>实验 «ok»</h1> \\ ");
  wl_lab_service_set (svc, "empty", "");

  pc2 = wl_lab_add_device (lab, WL_DEVICE_PC, "PC2");
  pc2->x = 300.0 / 7.0; /* not exact in decimal: the file must keep every bit */
  pc2->y = 1e-3;
  ((WlLabIface *) g_ptr_array_index (pc2->ifaces, 0))->dhcp = TRUE;
  ((WlLabIface *) g_ptr_array_index (pc2->ifaces, 0))->mtu = 1400;

  sw = wl_lab_add_device (lab, WL_DEVICE_SWITCH, "Switch1");
  sw->mac_ageing = 120 * WL_S;

  router = wl_lab_add_device (lab, WL_DEVICE_ROUTER, "Router1");
  set_cidr (g_ptr_array_index (router->ifaces, 0), "10.0.0.254/24");
  set_cidr (g_ptr_array_index (router->ifaces, 1), "10.0.1.254/24");
  extra = wl_lab_device_add_iface (router, "eth2");
  g_assert_true (wl_mac_parse ("0a:1b:2c:3d:4e:5f", &extra->mac));
  add_route (router, "10.2.0.0/16", "10.0.1.1", NULL);
  add_route (router, "10.3.0.0/24", NULL, "eth1");
  svc = wl_lab_device_add_service (router, "dhcp-relay");
  wl_lab_service_set (svc, "server", "10.0.1.5");
  wl_lab_device_add_service (router, "dns-resolver"); /* no settings */

  link = wl_lab_add_link (lab, "L1", 0, 0, 2, 0);
  link->delay = 5 * WL_US;
  link->bandwidth = 10000000;
  link->jitter = 1 * WL_US;
  link->loss = 0.01;
  link->duplicate = 0.001;
  link->ber = 1e-7;
  wl_lab_add_link (lab, "L2", 1, 0, 2, 1);
  link = wl_lab_add_link (lab, "L3", 3, 0, 2, 2);
  link->bandwidth = G_GUINT64_CONSTANT (1000000000);

  wl_lab_add_action (lab, 2 * WL_S, 0, "ping -c 3 10.0.0.2");
  wl_lab_add_action (lab, 500 * WL_MS, 1, "ipconfig /renew");
  return lab;
}

char *
store_test_make_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("wl-store-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
store_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        store_test_remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

GBytes *
store_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

gboolean
store_test_file_exists (const char *path)
{
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char *
store_test_list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Frames --------------------------------------------------------------------------------- */

static void
put16 (GByteArray *f,
       guint16     v)
{
  guint8 b[2] = { v >> 8, v & 0xff };

  g_byte_array_append (f, b, 2);
}

static void
put32 (GByteArray *f,
       guint32     v)
{
  guint8 b[4] = { v >> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff };

  g_byte_array_append (f, b, 4);
}

static guint16
inet_checksum (const guint8 *data,
               gsize         len)
{
  guint32 sum = 0;

  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (guint32) (data[i] << 8 | data[i + 1]);
  if (len & 1)
    sum += (guint32) data[len - 1] << 8;
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* Pads to the 60-byte Ethernet minimum and appends the FCS: CRC-32 (IEEE 802.3, the same
 * polynomial as zlib), least significant byte first. */
static GByteArray *
finish_frame (GByteArray *f)
{
  static const guint8 zero[60] = { 0 };
  guint32 fcs;

  if (f->len < 60)
    g_byte_array_append (f, zero, 60 - f->len);
  fcs = (guint32) crc32 (0, f->data, f->len);
  for (int i = 0; i < 4; i++)
    {
      guint8 b = (fcs >> (8 * i)) & 0xff;

      g_byte_array_append (f, &b, 1);
    }
  return f;
}

static void
put_eth (GByteArray   *f,
         const guint8 *dst,
         const guint8 *src,
         guint16       type)
{
  g_byte_array_append (f, dst, 6);
  g_byte_array_append (f, src, 6);
  put16 (f, type);
}

GByteArray *
store_test_arp_frame (gboolean      reply,
                      const guint8 *src_mac,
                      guint32       src_ip,
                      const guint8 *dst_mac,
                      guint32       dst_ip)
{
  static const guint8 broadcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  static const guint8 unknown[6] = { 0 };
  GByteArray *f = g_byte_array_new ();

  put_eth (f, reply ? dst_mac : broadcast, src_mac, 0x0806);
  put16 (f, 1);       /* hardware type: Ethernet */
  put16 (f, 0x0800);  /* protocol type: IPv4 */
  g_byte_array_append (f, (const guint8 *) "\x06\x04", 2);
  put16 (f, reply ? 2 : 1);
  g_byte_array_append (f, src_mac, 6);
  put32 (f, src_ip);
  g_byte_array_append (f, reply ? dst_mac : unknown, 6);
  put32 (f, dst_ip);
  return finish_frame (f);
}

GByteArray *
store_test_icmp_frame (const guint8 *src_mac,
                       guint32       src_ip,
                       const guint8 *dst_mac,
                       guint32       dst_ip,
                       guint16       seq)
{
  GByteArray *f = g_byte_array_new ();
  guint16 sum;

  put_eth (f, dst_mac, src_mac, 0x0800);
  /* IPv4: version 4, IHL 5, total 20 + 8 + 32, id = seq, DF, TTL 64, protocol 1 (ICMP) */
  put16 (f, 0x4500);
  put16 (f, 60);
  put16 (f, seq);
  put16 (f, 0x4000);
  put16 (f, 0x4001);
  put16 (f, 0);
  put32 (f, src_ip);
  put32 (f, dst_ip);
  sum = inet_checksum (f->data + 14, 20);
  f->data[14 + 10] = sum >> 8;
  f->data[14 + 11] = sum & 0xff;
  /* ICMP echo request, identifier 0x77, 32 bytes of payload */
  put16 (f, 0x0800);
  put16 (f, 0);
  put16 (f, 0x77);
  put16 (f, seq);
  for (guint8 i = 0; i < 32; i++)
    g_byte_array_append (f, &i, 1);
  sum = inet_checksum (f->data + 34, 40);
  f->data[34 + 2] = sum >> 8;
  f->data[34 + 3] = sum & 0xff;
  return finish_frame (f);
}

/* The synthetic run ----------------------------------------------------------------------- */

typedef struct
{
  WlTraceSink *sink;
  guint64      next_id;
  WlTime       t0;
} Emitter;

static guint64
emit (Emitter          *em,
      WlTime            offset,
      WlEventKind       kind,
      gint              dev,
      gint              iface,
      gint              link,
      WlProto           proto,
      WlLayer           layer,
      guint64           cause,
      WlCode            code,
      const char       *args,
      const GByteArray *frame)
{
  WlTraceEvent ev = {
    .id = em->next_id++, .time = em->t0 + offset, .kind = kind, .device = dev, .iface = iface,
    .link = link, .proto = proto, .layer = layer, .cause = cause, .code = code, .args = args,
    .frame = frame ? frame->data : NULL, .frame_len = frame ? frame->len : 0,
  };

  wl_trace_sink_emit (em->sink, &ev);
  return ev.id;
}

void
store_test_emit_rounds (WlTraceSink *sink,
                        guint        n_rounds)
{
  static const guint8 mac1[6] = { 0x02, 0, 0, 0, 0x01, 0 };
  static const guint8 mac2[6] = { 0x02, 0, 0, 0, 0x02, 0 };
  Emitter em = { .sink = sink, .next_id = 1 };
  const guint32 ip1 = 0x0a000001, ip2 = 0x0a000002;

  for (guint r = 0; r < n_rounds; r++)
    {
      g_autoptr(GByteArray) req = store_test_arp_frame (FALSE, mac1, ip1, NULL, ip2);
      g_autoptr(GByteArray) rep = store_test_arp_frame (TRUE, mac2, ip2, mac1, ip1);
      g_autoptr(GByteArray) ping = store_test_icmp_frame (mac1, ip1, mac2, ip2, (guint16) r);
      guint64 a, b, c;

      em.t0 = STORE_TEST_T0 + (WlTime) r * STORE_TEST_ROUND;
      a = emit (&em, 0, WL_EVENT_ACTION, 0, -1, -1, WL_PROTO_NONE, WL_LAYER_APPLICATION, 0,
                WL_CODE_NONE, "command=ping", NULL);
      a = emit (&em, 0, WL_EVENT_NOTE, 0, -1, -1, WL_PROTO_ARP, WL_LAYER_NETWORK, a,
                WL_NOTE_ARP_MISS, "ip=10.0.0.2", NULL);
      a = emit (&em, 1000, WL_EVENT_FRAME_SENT, 0, 0, 0, WL_PROTO_ARP, WL_LAYER_DATA_LINK, a,
                WL_CODE_NONE, NULL, req);
      b = emit (&em, 2000, WL_EVENT_FRAME_RECEIVED, 2, 0, 0, WL_PROTO_ARP, WL_LAYER_PHYSICAL, a,
                WL_CODE_NONE, NULL, req);
      emit (&em, 2000, WL_EVENT_NOTE, 2, 0, -1, WL_PROTO_ETH, WL_LAYER_DATA_LINK, b,
            WL_NOTE_MAC_LEARNED, "mac=02:00:00:00:01:00 port=0", NULL);
      c = emit (&em, 2000, WL_EVENT_NOTE, 2, -1, -1, WL_PROTO_ETH, WL_LAYER_DATA_LINK, b,
                WL_NOTE_FLOODED, NULL, NULL);
      c = emit (&em, 3000, WL_EVENT_FRAME_SENT, 2, 1, 1, WL_PROTO_ARP, WL_LAYER_DATA_LINK, c,
                WL_CODE_NONE, NULL, req);
      c = emit (&em, 4000, WL_EVENT_FRAME_RECEIVED, 1, 0, 1, WL_PROTO_ARP, WL_LAYER_PHYSICAL, c,
                WL_CODE_NONE, NULL, req);
      c = emit (&em, 5000, WL_EVENT_FRAME_SENT, 1, 0, 1, WL_PROTO_ARP, WL_LAYER_DATA_LINK, c,
                WL_CODE_NONE, NULL, rep);
      c = emit (&em, 6000, WL_EVENT_FRAME_RECEIVED, 2, 1, 1, WL_PROTO_ARP, WL_LAYER_PHYSICAL, c,
                WL_CODE_NONE, NULL, rep);
      c = emit (&em, 7000, WL_EVENT_FRAME_SENT, 2, 0, 0, WL_PROTO_ARP, WL_LAYER_DATA_LINK, c,
                WL_CODE_NONE, NULL, rep);
      c = emit (&em, 8000, WL_EVENT_FRAME_RECEIVED, 0, 0, 0, WL_PROTO_ARP, WL_LAYER_PHYSICAL, c,
                WL_CODE_NONE, NULL, rep);
      c = emit (&em, 8000, WL_EVENT_NOTE, 0, -1, -1, WL_PROTO_ARP, WL_LAYER_NETWORK, c,
                WL_NOTE_ARP_ADDED, "ip=10.0.0.2 mac=02:00:00:00:02:00", NULL);
      c = emit (&em, 9000, WL_EVENT_FRAME_SENT, 0, 0, 0, WL_PROTO_ICMP, WL_LAYER_DATA_LINK, c,
                WL_CODE_NONE, NULL, ping);
      ping->data[20] ^= 0x10; /* a bit error on the cable */
      emit (&em, 10000, WL_EVENT_FRAME_DROPPED, 2, 0, 0, WL_PROTO_ETH, WL_LAYER_DATA_LINK, c,
            WL_DROP_FCS_ERROR, NULL, ping);
    }
}
