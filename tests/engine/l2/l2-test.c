/* l2-test.c — test station, frame builders and trace questions for the layer-1/2 tests (see
 * l2-test.h).  The frames are built field by field at the offsets of their standards:
 * Ethernet II (IEEE 802.3 §3.2), ARP (RFC 826), IPv4 (RFC 791), ICMP echo (RFC 792).
 */
#define G_LOG_DOMAIN "wl-test"
#include "config.h"

#include <string.h>

#include "l2-test.h"
#include "proto/wl-wire.h"

#define ETH_HLEN 14
#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_ARP 0x0806
/* IEEE 802 "local experimental" EtherType: a frame no protocol claims. */
#define ETHERTYPE_TEST 0x88b5

/* --- the test station -------------------------------------------------------------------- */

static void
station_receive (WlDevice *dev,
                 WlPort   *port,
                 WlPacket *frame)
{
  TestStation *st = (TestStation *) dev;
  WlTime now = wl_sim_now (dev->sim);

  g_ptr_array_add (st->received, frame);
  g_array_append_val (st->received_at, now);
}

static void
station_finalize (WlDevice *dev)
{
  TestStation *st = (TestStation *) dev;

  g_clear_pointer (&st->received, g_ptr_array_unref);
  g_clear_pointer (&st->received_at, g_array_unref);
}

static const WlDeviceClass station_class = {
  .kind = "test-station",
  .layer = WL_LAYER_NETWORK,
  .size = sizeof (TestStation),
  .receive = station_receive,
  .finalize = station_finalize,
};

WlDevice *
test_station_new (WlSim       *sim,
                  gint         index,
                  const char  *name,
                  const WlMac *mac)
{
  WlDevice *dev = wl_device_new (&station_class, sim, index, name, 1);
  TestStation *st = (TestStation *) dev;

  wl_device_set_port (dev, 0, "eth0", mac, 1500);
  st->received = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_packet_unref);
  st->received_at = g_array_new (FALSE, FALSE, sizeof (WlTime));
  return dev;
}

guint
test_station_count (WlDevice *station)
{
  g_assert (station->klass == &station_class);
  return ((TestStation *) station)->received->len;
}

WlPacket *
test_station_get (WlDevice *station,
                  guint     i)
{
  TestStation *st = (TestStation *) station;

  g_assert (station->klass == &station_class);
  g_assert_cmpuint (i, <, st->received->len);
  return g_ptr_array_index (st->received, i);
}

static void
on_send (WlSim   *sim,
         gpointer target,
         gpointer data)
{
  WlDevice *dev = target;

  wl_port_send_frame (dev->ports[0], data);
}

void
test_send_at (WlDevice *dev,
              WlTime    at,
              WlPacket *frame)
{
  wl_sim_schedule_at (dev->sim, at, on_send, dev, frame, (GDestroyNotify) wl_packet_unref);
}

WlMac
test_mac (guint n)
{
  WlMac mac = { { 0x02, 0x00, 0x00, 0x00, (n >> 8) & 0xff, n & 0xff } };

  return mac;
}

WlLinkParams
test_link_params (guint64 bandwidth,
                  WlTime  delay)
{
  WlLinkParams params = { .bandwidth = bandwidth, .delay = delay };

  return params;
}

/* --- frames ------------------------------------------------------------------------------ */

static WlPacket *
eth_frame (const WlMac *src,
           const WlMac *dst,
           guint16      ethertype,
           gsize        payload_len)
{
  WlPacket *pkt = wl_packet_new (ETH_HLEN + payload_len);
  guint8 *p = wl_packet_data (pkt);

  memcpy (p, dst->b, 6);
  memcpy (p + 6, src->b, 6);
  wl_put_u16 (p + 12, ethertype);
  return pkt;
}

/* RFC 826, for Ethernet and IPv4: 28 bytes after the Ethernet header. */
static WlPacket *
arp_frame (guint16      op,
           const WlMac *eth_dst,
           const WlMac *sha,
           guint32      spa,
           const WlMac *tha,
           guint32      tpa)
{
  WlPacket *pkt = eth_frame (sha, eth_dst, ETHERTYPE_ARP, 28);
  guint8 *p = wl_packet_data (pkt) + ETH_HLEN;

  wl_put_u16 (p, 1);                /* hardware type: Ethernet */
  wl_put_u16 (p + 2, ETHERTYPE_IPV4); /* protocol type: IPv4 */
  p[4] = 6;                         /* hardware address length */
  p[5] = 4;                         /* protocol address length */
  wl_put_u16 (p + 6, op);
  memcpy (p + 8, sha->b, 6);
  wl_put_u32 (p + 14, spa);
  memcpy (p + 18, tha->b, 6);
  wl_put_u32 (p + 24, tpa);
  return pkt;
}

WlPacket *
test_arp_request (const WlMac *sender,
                  guint32      sender_ip,
                  guint32      target_ip)
{
  /* Linux puts zeros in the target hardware address of a request. */
  const WlMac zero = { { 0 } };

  return arp_frame (1, &wl_mac_broadcast, sender, sender_ip, &zero, target_ip);
}

WlPacket *
test_arp_reply (const WlMac *sender,
                guint32      sender_ip,
                const WlMac *target,
                guint32      target_ip)
{
  return arp_frame (2, target, sender, sender_ip, target, target_ip);
}

WlPacket *
test_icmp_echo (const WlMac *src,
                const WlMac *dst,
                guint32      src_ip,
                guint32      dst_ip,
                guint16      seq,
                gsize        payload_len)
{
  gsize ip_len = 20 + 8 + payload_len;
  WlPacket *pkt = eth_frame (src, dst, ETHERTYPE_IPV4, ip_len);
  guint8 *ip = wl_packet_data (pkt) + ETH_HLEN;
  guint8 *icmp = ip + 20;

  /* IPv4 header, as Linux's ping sends it: DF set, TTL 64. */
  ip[0] = 0x45;                        /* version 4, header length 5 words */
  ip[1] = 0;                           /* DSCP / ECN */
  wl_put_u16 (ip + 2, (guint16) ip_len);
  wl_put_u16 (ip + 4, (guint16) (0x1000 + seq)); /* identification */
  wl_put_u16 (ip + 6, 0x4000);         /* flags: don't fragment */
  ip[8] = 64;                          /* TTL */
  ip[9] = 1;                           /* protocol: ICMP */
  wl_put_u32 (ip + 12, src_ip);
  wl_put_u32 (ip + 16, dst_ip);
  wl_put_u16 (ip + 10, wl_inet_checksum (ip, 20));

  /* ICMP echo request: type 8, code 0, checksum, identifier, sequence, data. */
  icmp[0] = 8;
  wl_put_u16 (icmp + 4, 0x4242);
  wl_put_u16 (icmp + 6, seq);
  for (gsize i = 0; i < payload_len; i++)
    icmp[8 + i] = (guint8) (0x10 + i);
  wl_put_u16 (icmp + 2, wl_inet_checksum (icmp, 8 + payload_len));
  return pkt;
}

WlPacket *
test_frame (const WlMac *src,
            const WlMac *dst,
            guint16      seq)
{
  WlPacket *pkt = eth_frame (src, dst, ETHERTYPE_TEST, WL_ETH_MIN_FRAME - ETH_HLEN);

  wl_put_u16 (wl_packet_data (pkt) + ETH_HLEN, seq);
  return pkt;
}

guint16
test_frame_seq (const guint8 *bytes)
{
  g_assert_cmpuint (wl_get_u16 (bytes + 12), ==, ETHERTYPE_TEST);
  return wl_get_u16 (bytes + ETH_HLEN);
}

/* --- test bed ---------------------------------------------------------------------------- */

TestBed *
test_bed_new (WlLab  *lab,
              guint64 seed)
{
  TestBed *bed = g_new0 (TestBed, 1);
  g_autoptr (GError) error = NULL;

  bed->mem = wl_trace_memory_new ();
  bed->net = wl_network_new (lab, seed, &bed->mem->parent, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bed->net);
  bed->sim = wl_network_get_sim (bed->net);
  bed->stations = g_ptr_array_new ();
  bed->links = g_ptr_array_new ();
  bed->n_lab_devices = lab->devices->len;
  bed->n_lab_links = lab->links->len;
  return bed;
}

void
test_bed_free (TestBed *bed)
{
  if (bed == NULL)
    return;
  /* Our cables first (they point at ports of the network's devices), then our stations,
   * then the network, which frees the simulation last. */
  for (guint i = 0; i < bed->links->len; i++)
    wl_link_free (g_ptr_array_index (bed->links, i));
  for (guint i = 0; i < bed->stations->len; i++)
    wl_device_free (g_ptr_array_index (bed->stations, i));
  g_ptr_array_unref (bed->links);
  g_ptr_array_unref (bed->stations);
  wl_network_free (bed->net);
  wl_trace_memory_free (bed->mem);
  g_free (bed);
}

WlDevice *
test_bed_device (TestBed    *bed,
                 const char *name)
{
  WlDevice *dev = wl_network_find_device (bed->net, name);

  g_assert_nonnull (dev);
  return dev;
}

static WlPort *
bed_port (TestBed    *bed,
          const char *device,
          const char *port)
{
  WlPort *p = wl_device_find_port (test_bed_device (bed, device), port);

  g_assert_nonnull (p);
  g_assert_null (p->link);
  return p;
}

WlDevice *
test_bed_attach (TestBed    *bed,
                 const char *device,
                 const char *port,
                 guint       mac_n)
{
  guint k = bed->stations->len;
  g_autofree char *name = g_strdup_printf ("S%u", k + 1);
  WlMac mac = test_mac (mac_n);
  WlLinkParams params = test_link_params (WL_LAB_DEFAULT_BANDWIDTH, WL_LAB_DEFAULT_DELAY);
  WlDevice *st = test_station_new (bed->sim, (gint) (bed->n_lab_devices + k), name, &mac);
  WlLink *link = wl_link_new (bed->sim, (gint) (bed->n_lab_links + k), st->ports[0],
                              bed_port (bed, device, port), &params);

  g_ptr_array_add (bed->stations, st);
  g_ptr_array_add (bed->links, link);
  return st;
}

void
test_bed_move (TestBed    *bed,
               WlDevice   *station,
               const char *device,
               const char *port)
{
  WlLink *old = station->ports[0]->link;
  WlLinkParams params = old->params;
  gint index = old->index;
  guint k;

  g_assert_true (g_ptr_array_find (bed->links, old, &k));
  wl_link_free (old);
  bed->links->pdata[k] = wl_link_new (bed->sim, index, station->ports[0],
                                      bed_port (bed, device, port), &params);
}

gint
test_bed_link_of (WlDevice *station)
{
  g_assert_nonnull (station->ports[0]->link);
  return station->ports[0]->link->index;
}

WlSimStop
test_bed_run (TestBed *bed,
              WlTime   until)
{
  return wl_network_run (bed->net, until, 0);
}

/* --- trace questions --------------------------------------------------------------------- */

const WlTraceEvent *
test_trace_by_id (WlTraceMemory *mem,
                  guint64        id)
{
  const WlTraceEvent *ev;

  if (id == 0 || id > wl_trace_memory_len (mem))
    return NULL;
  ev = wl_trace_memory_get (mem, (guint) (id - 1));
  g_assert_cmpuint (ev->id, ==, id);
  return ev;
}

GPtrArray *
test_trace_find (WlTraceMemory *mem,
                 WlEventKind    kind,
                 WlCode         code,
                 gint           device,
                 gint           iface,
                 gint           link)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < wl_trace_memory_len (mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (mem, i);

      if (ev->kind != kind || (code != WL_CODE_NONE && ev->code != code))
        continue;
      if ((device >= 0 && ev->device != device) || (iface >= 0 && ev->iface != iface)
          || (link >= 0 && ev->link != link))
        continue;
      g_ptr_array_add (found, (gpointer) ev);
    }
  return found;
}

guint
test_trace_count (WlTraceMemory *mem,
                  WlEventKind    kind,
                  WlCode         code,
                  gint           device,
                  gint           iface,
                  gint           link)
{
  g_autoptr (GPtrArray) found = test_trace_find (mem, kind, code, device, iface, link);

  return found->len;
}

const WlTraceEvent *
test_trace_one (WlTraceMemory *mem,
                WlEventKind    kind,
                WlCode         code,
                gint           device,
                gint           iface,
                gint           link)
{
  g_autoptr (GPtrArray) found = test_trace_find (mem, kind, code, device, iface, link);

  g_assert_cmpuint (found->len, ==, 1);
  return g_ptr_array_index (found, 0);
}

gboolean
test_trace_equal (WlTraceMemory *a,
                  WlTraceMemory *b)
{
  if (wl_trace_memory_len (a) != wl_trace_memory_len (b))
    return FALSE;
  for (guint i = 0; i < wl_trace_memory_len (a); i++)
    {
      const WlTraceEvent *x = wl_trace_memory_get (a, i);
      const WlTraceEvent *y = wl_trace_memory_get (b, i);

      if (x->id != y->id || x->time != y->time || x->kind != y->kind || x->device != y->device
          || x->iface != y->iface || x->link != y->link || x->proto != y->proto
          || x->layer != y->layer || x->cause != y->cause || x->code != y->code
          || g_strcmp0 (x->args, y->args) != 0 || x->frame_len != y->frame_len
          || (x->frame_len > 0 && memcmp (x->frame, y->frame, x->frame_len) != 0))
        return FALSE;
    }
  return TRUE;
}
