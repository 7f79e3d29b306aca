/* l3-test.c — shared helpers of the layer-3 tests (see l3-test.h). */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-arp-wire.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"

/* Labs ------------------------------------------------------------------------------------- */

guint32
l3_ip (const char *dotted)
{
  guint32 ip = 0;

  g_assert_true (wl_ip_parse (dotted, &ip));
  return ip;
}

static WlLabDevice *
get_device (WlLab      *lab,
            const char *name)
{
  int i = wl_lab_find_device (lab, name);

  g_assert_cmpint (i, >=, 0);
  return wl_lab_get_device (lab, (guint) i);
}

static void
set_address (WlLabDevice *dev,
             guint        iface,
             const char  *cidr)
{
  WlLabIface *ifc = g_ptr_array_index (dev->ifaces, iface);

  g_assert_true (wl_parse_cidr (cidr, &ifc->address, &ifc->prefix));
}

WlLabDevice *
l3_add_host (WlLab      *lab,
             const char *name,
             const char *cidr,
             const char *gateway)
{
  WlLabDevice *dev = wl_lab_add_device (lab, WL_DEVICE_PC, name);

  set_address (dev, 0, cidr);
  if (gateway != NULL)
    dev->gateway = l3_ip (gateway);
  return dev;
}

WlLabDevice *
l3_add_router (WlLab      *lab,
               const char *name,
               const char *cidr0,
               const char *cidr1)
{
  WlLabDevice *dev = wl_lab_add_device (lab, WL_DEVICE_ROUTER, name);

  set_address (dev, 0, cidr0);
  set_address (dev, 1, cidr1);
  return dev;
}

void
l3_set_mtu (WlLab      *lab,
            const char *device,
            guint       iface,
            guint       mtu)
{
  WlLabIface *ifc = g_ptr_array_index (get_device (lab, device)->ifaces, iface);

  ifc->mtu = mtu;
}

void
l3_add_route (WlLab      *lab,
              const char *device,
              const char *cidr,
              const char *via)
{
  WlLabRoute *r = g_new0 (WlLabRoute, 1);

  g_assert_true (wl_parse_cidr (cidr, &r->network, &r->prefix));
  r->via = l3_ip (via);
  g_ptr_array_add (get_device (lab, device)->routes, r);
}

WlLabLink *
l3_connect (WlLab      *lab,
            const char *a,
            guint       if_a,
            const char *b,
            guint       if_b)
{
  g_autofree char *name = g_strdup_printf ("L%u", lab->links->len + 1);

  return wl_lab_add_link (lab, name, (guint) wl_lab_find_device (lab, a), if_a,
                          (guint) wl_lab_find_device (lab, b), if_b);
}

void
l3_action (WlLab      *lab,
           WlTime      time,
           const char *device,
           const char *command)
{
  wl_lab_add_action (lab, time, (guint) wl_lab_find_device (lab, device), command);
}

WlLab *
l3_lab_router (void)
{
  WlLab *lab = wl_lab_new ();

  l3_add_host (lab, "PC1", "10.0.1.10/24", "10.0.1.1");
  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/24");
  l3_add_host (lab, "PC2", "10.0.2.10/24", "10.0.2.1");
  l3_connect (lab, "PC1", 0, "R1", 0);
  l3_connect (lab, "R1", 1, "PC2", 0);
  return lab;
}

/* The bed ---------------------------------------------------------------------------------- */

L3Bed *
l3_bed_new (WlLab  *lab,
            guint64 seed)
{
  L3Bed *bed = g_new0 (L3Bed, 1);
  g_autoptr (GError) error = NULL;

  bed->mem = wl_trace_memory_new ();
  bed->net = wl_network_new (lab, seed, &bed->mem->parent, &error);
  g_assert_no_error (error);
  bed->sim = wl_network_get_sim (bed->net);
  bed->n_devices = lab->devices->len;
  bed->n_links = lab->links->len;
  bed->stations = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_device_free);
  bed->links = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_link_free);
  return bed;
}

void
l3_bed_free (L3Bed *bed)
{
  /* The stations' cables point at lab ports: unplug them before the network goes. */
  g_ptr_array_unref (bed->links);
  wl_network_free (bed->net);
  g_ptr_array_unref (bed->stations);
  wl_trace_memory_free (bed->mem);
  g_free (bed);
}

WlSimStop
l3_bed_run (L3Bed *bed,
            WlTime until)
{
  return wl_network_run (bed->net, until == 0 ? WL_TIME_FOREVER : until, 0);
}

gint
l3_bed_index (L3Bed      *bed,
              const char *device)
{
  WlDevice *dev = wl_network_find_device (bed->net, device);

  g_assert_nonnull (dev);
  return dev->index;
}

WlDevice *
l3_bed_device (L3Bed      *bed,
               const char *device)
{
  WlDevice *dev = wl_network_find_device (bed->net, device);

  g_assert_nonnull (dev);
  return dev;
}

WlStack *
l3_bed_stack (L3Bed      *bed,
              const char *device)
{
  WlStack *stack = wl_device_get_stack (l3_bed_device (bed, device));

  g_assert_nonnull (stack);
  return stack;
}

static void
station_receive (WlDevice *dev,
                 WlPort   *port,
                 WlPacket *frame)
{
  wl_packet_unref (frame);
}

static const WlDeviceClass station_class = {
  .kind = "station",
  .layer = WL_LAYER_DATA_LINK,
  .size = sizeof (WlDevice),
  .receive = station_receive,
};

WlDevice *
l3_bed_attach (L3Bed       *bed,
               const char  *device,
               guint        iface,
               const WlMac *mac)
{
  WlDevice *st = wl_device_new (&station_class, bed->sim,
                                (gint) (bed->n_devices + bed->stations->len), "station", 1);
  WlLinkParams params = { .delay = WL_US, .bandwidth = G_GUINT64_CONSTANT (100000000) };

  wl_device_set_port (st, 0, "eth0", mac, 1500);
  g_ptr_array_add (bed->stations, st);
  g_ptr_array_add (bed->links, wl_link_new (bed->sim, (gint) (bed->n_links + bed->links->len),
                                            st->ports[0],
                                            l3_bed_device (bed, device)->ports[iface],
                                            &params));
  return st;
}

static void
on_station_send (WlSim   *sim,
                 gpointer target,
                 gpointer data)
{
  WlDevice *st = target;

  wl_port_send_frame (st->ports[0], data);
}

void
l3_station_send_at (WlDevice *station,
                    WlTime    at,
                    WlPacket *frame)
{
  wl_sim_schedule_at (station->sim, at, on_station_send, station, frame,
                      (GDestroyNotify) wl_packet_unref);
}

/* Frames ----------------------------------------------------------------------------------- */

WlMac
l3_mac (guint n)
{
  WlMac mac = { { 0x02, 0, 0, 0, 0, (guint8) n } };

  return mac;
}

WlPacket *
l3_eth_wrap (WlPacket    *pkt,
             const WlMac *src,
             const WlMac *dst,
             guint16      type)
{
  guint8 *eth = wl_packet_push (pkt, WL_ETH_HLEN);

  memcpy (eth, dst->b, 6);
  memcpy (eth + 6, src->b, 6);
  wl_put_u16 (eth + 12, type);
  return pkt;
}

WlPacket *
l3_arp_frame (const WlMac *eth_dst,
              guint16      op,
              const WlMac *sha,
              guint32      spa,
              const WlMac *tha,
              guint32      tpa)
{
  WlPacket *pkt = wl_packet_new (WL_ARP_LEN);
  guint8 *p = wl_packet_data (pkt);

  wl_put_u16 (p, 1);
  wl_put_u16 (p + 2, 0x0800);
  p[4] = 6;
  p[5] = 4;
  wl_put_u16 (p + 6, op);
  memcpy (p + 8, sha->b, 6);
  wl_put_u32 (p + 14, spa);
  memcpy (p + 18, tha->b, 6);
  wl_put_u32 (p + 24, tpa);
  return l3_eth_wrap (pkt, sha, eth_dst, WL_ETHERTYPE_ARP);
}

WlPacket *
l3_ipv4_packet (guint32       src,
                guint32       dst,
                guint8        proto,
                guint8        ttl,
                guint16       id,
                const guint8 *payload,
                gsize         len)
{
  WlPacket *pkt = wl_packet_new_from_data (payload, len);

  wl_ipv4_write_header (wl_packet_push (pkt, WL_IPV4_HLEN), (guint16) (len + WL_IPV4_HLEN), id,
                        0, ttl, proto, src, dst, 0);
  return pkt;
}

WlPacket *
l3_icmp_echo (guint16 ident,
              guint16 seq,
              gsize   len)
{
  WlPacket *pkt = wl_packet_new (WL_ICMP_HLEN + len);
  guint8 *p = wl_packet_data (pkt);

  p[0] = WL_ICMP_ECHO_REQUEST;
  wl_put_u16 (p + 4, ident);
  wl_put_u16 (p + 6, seq);
  for (gsize i = 0; i < len; i++)
    p[WL_ICMP_HLEN + i] = (guint8) i;
  wl_put_u16 (p + 2, wl_inet_checksum (p, WL_ICMP_HLEN + len));
  return pkt;
}

/* The trace -------------------------------------------------------------------------------- */

GPtrArray *
l3_find (L3Bed      *bed,
         WlEventKind kind,
         WlCode      code,
         gint        device)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      if ((kind == WL_EVENT_NONE || ev->kind == kind) && (code == WL_CODE_NONE || ev->code == code)
          && (device < 0 || ev->device == device))
        g_ptr_array_add (out, (gpointer) ev);
    }
  return out;
}

guint
l3_count (L3Bed      *bed,
          WlEventKind kind,
          WlCode      code,
          gint        device)
{
  return wl_trace_memory_count (bed->mem, kind, code, device);
}

const WlTraceEvent *
l3_nth (L3Bed      *bed,
        WlEventKind kind,
        WlCode      code,
        gint        device,
        guint       n)
{
  g_autoptr (GPtrArray) found = l3_find (bed, kind, code, device);

  return n < found->len ? g_ptr_array_index (found, n) : NULL;
}

const WlTraceEvent *
l3_by_id (L3Bed  *bed,
          guint64 id)
{
  if (id == 0 || id > wl_trace_memory_len (bed->mem))
    return NULL;
  return wl_trace_memory_get (bed->mem, (guint) (id - 1));
}

char *
l3_arg (const WlTraceEvent *ev,
        const char         *key)
{
  g_auto (GStrv) pairs = NULL;
  gsize klen = strlen (key);

  if (ev == NULL || ev->args == NULL)
    return NULL;
  pairs = g_strsplit (ev->args, " ", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    if (strncmp (pairs[i], key, klen) == 0 && pairs[i][klen] == '=')
      return g_strdup (pairs[i] + klen + 1);
  return NULL;
}

guint64
l3_arg_u64 (const WlTraceEvent *ev,
            const char         *key)
{
  g_autofree char *v = l3_arg (ev, key);

  g_assert_nonnull (v);
  return g_ascii_strtoull (v, NULL, 10);
}

guint
l3_count_sent (L3Bed  *bed,
               gint    device,
               gint    link,
               guint16 ethertype,
               guint16 arp_op)
{
  guint n = 0;

  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      if (ev->kind != WL_EVENT_FRAME_SENT || (link >= 0 && ev->link != link)
          || (device >= 0 && ev->device != device) || ev->frame_len < 22)
        continue;
      if (ethertype != 0 && wl_get_u16 (ev->frame + 12) != ethertype)
        continue;
      if (arp_op != 0 && wl_get_u16 (ev->frame + 20) != arp_op)
        continue;
      n++;
    }
  return n;
}

GPtrArray *
l3_ip_frames (L3Bed      *bed,
              WlEventKind kind,
              gint        device,
              guint8      proto)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      if (ev->kind != kind || (device >= 0 && ev->device != device) || ev->frame_len < L3_L4
          || wl_get_u16 (ev->frame + 12) != WL_ETHERTYPE_IPV4)
        continue;
      if (proto != 0 && ev->frame[L3_IP + WL_IPV4_OFF_PROTO] != proto)
        continue;
      g_ptr_array_add (out, (gpointer) ev);
    }
  return out;
}

gboolean
l3_caused_by (L3Bed              *bed,
              const WlTraceEvent *ev,
              guint64             id)
{
  while (ev != NULL)
    {
      if (ev->id == id)
        return TRUE;
      ev = l3_by_id (bed, ev->cause);
    }
  return FALSE;
}
