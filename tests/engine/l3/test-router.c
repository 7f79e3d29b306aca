/* Routers: a ping across (TTL 63 on arrival, ARP once per segment, the route note, the
 * checksum after the TTL change), time exceeded at TTL 1, no route, fragmentation needed with
 * DF, fragmentation without it, ARP failure behind the router, pings to the router itself,
 * and the errors a router must never send. */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-arp-wire.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"

/* Devices of l3_lab_router(): PC1 0, R1 1, PC2 2; links L1 0 (PC1–R1), L2 1 (R1–PC2). */
enum { PC1, R1, PC2 };

static L3Bed *
run_router_lab (const char *command,
                guint       mtu)
{
  g_autoptr (WlLab) lab = l3_lab_router ();
  L3Bed *bed;

  if (mtu != 0)
    {
      l3_set_mtu (lab, "R1", 1, mtu);
      l3_set_mtu (lab, "PC2", 0, mtu);
    }
  l3_action (lab, WL_S, "PC1", command);
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  return bed;
}

static void
test_ping_across (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 3 10.0.2.10", 0);
  g_autoptr (GPtrArray) at_pc2 = l3_ip_frames (bed, WL_EVENT_FRAME_RECEIVED, PC2, 1);
  g_autoptr (GPtrArray) from_r1 = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, R1, 1);
  const WlTraceEvent *route;

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, PC1), ==, 3);
  g_assert_cmpuint (l3_arg_u64 (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, PC1, 0), "ttl"),
                    ==, 63);
  g_assert_cmpuint (at_pc2->len, ==, 3);
  for (guint i = 0; i < at_pc2->len; i++)
    {
      const guint8 *ip = ((const WlTraceEvent *) g_ptr_array_index (at_pc2, i))->frame + L3_IP;

      g_assert_cmpuint (ip[8], ==, 63);
      /* RFC 1624's update gives the checksum a full computation would. */
      g_assert_cmpuint (wl_inet_checksum (ip, 20), ==, 0);
    }
  /* One ARP exchange per segment: PC1 asks for R1, R1 asks for PC2; each learns the other
   * from the request, so the replies need none. */
  g_assert_cmpuint (l3_count_sent (bed, -1, 0, WL_ETHERTYPE_ARP, WL_ARP_OP_REQUEST), ==, 1);
  g_assert_cmpuint (l3_count_sent (bed, -1, 1, WL_ETHERTYPE_ARP, WL_ARP_OP_REQUEST), ==, 1);
  /* R1 forwarded 3 requests and 3 replies, each after choosing a route. */
  g_assert_cmpuint (from_r1->len, ==, 6);
  route = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ROUTE_CHOSEN, R1, 0);
  g_assert_cmpstr (route->args, ==, "dst=10.0.2.10 route=10.0.2.0/24 via=direct iface=eth1");
  g_assert_cmpint (route->iface, ==, 1);
  route = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ROUTE_CHOSEN, PC1, 0);
  g_assert_cmpstr (route->args, ==, "dst=10.0.2.10 route=0.0.0.0/0 via=10.0.1.1 iface=eth0");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1), ==, 0);
}

static void
test_ttl_exceeded (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 1 -t 1 10.0.2.10", 0);
  g_autoptr (GPtrArray) icmp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, R1, 1);
  const WlTraceEvent *note, *drop, *err, *ping_err;
  const guint8 *ip;

  note = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TTL_EXPIRED, R1, 0);
  g_assert_nonnull (note);
  g_assert_cmpstr (note->args, ==, "ttl=1 src=10.0.1.10 dst=10.0.2.10");
  g_assert_cmpint (note->iface, ==, 0);
  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_TTL_EXCEEDED, R1, 0);
  g_assert_cmpuint (drop->cause, ==, note->id);
  g_assert_cmpint (drop->link, ==, 0);
  g_assert_cmpuint (drop->frame[L3_IP + 8], ==, 1);  /* the frame as it arrived */
  g_assert_true (wl_ethernet_fcs_ok (drop->frame, drop->frame_len));

  g_assert_cmpuint (icmp->len, ==, 1);
  err = g_ptr_array_index (icmp, 0);
  g_assert_true (l3_caused_by (bed, err, note->id));
  ip = err->frame + L3_IP;
  g_assert_cmpuint (wl_get_u32 (ip + 12), ==, l3_ip ("10.0.1.1"));  /* ingress address */
  g_assert_cmpuint (ip[20], ==, WL_ICMP_TIME_EXCEEDED);
  g_assert_cmpuint (ip[21], ==, WL_ICMP_EXC_TTL);
  g_assert_cmpuint (ip[28 + 8], ==, 1);        /* quoted TTL as received */
  g_assert_cmpuint (ip[48], ==, WL_ICMP_ECHO_REQUEST);

  ping_err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, PC1, 0);
  g_assert_cmpstr (ping_err->args, ==, "seq=1 type=11 code=0 from=10.0.1.1");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, PC1), ==, 0);
  /* Nothing reached PC2. */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, PC2), ==, 0);
}

static void
test_no_route (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 1 192.168.5.5", 0);
  const WlTraceEvent *drop, *err;
  g_autoptr (GPtrArray) icmp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, R1, 1);
  const guint8 *ip;

  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_NO_ROUTE, R1, 0);
  g_assert_nonnull (drop);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_NETWORK);
  g_assert_cmpuint (icmp->len, ==, 1);
  ip = ((const WlTraceEvent *) g_ptr_array_index (icmp, 0))->frame + L3_IP;
  g_assert_cmpuint (ip[20], ==, WL_ICMP_DEST_UNREACH);
  g_assert_cmpuint (ip[21], ==, WL_ICMP_UNREACH_NET);
  g_assert_true (l3_caused_by (bed, g_ptr_array_index (icmp, 0), drop->id));
  err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, PC1, 0);
  g_assert_cmpstr (err->args, ==, "seq=1 type=3 code=0 from=10.0.1.1");
}

/* A host without a route: dropped at home, no ICMP on the wire, ping reports it. */
static void
test_host_no_route (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  const WlTraceEvent *drop, *err;

  l3_add_host (lab, "PC1", "10.0.1.10/24", NULL);
  l3_action (lab, WL_S, "PC1", "ping -c 1 192.168.5.5");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_NO_ROUTE, 0, 0);
  g_assert_nonnull (drop);
  g_assert_cmpint (drop->iface, ==, -1);
  g_assert_null (drop->frame);
  err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, 0, 0);
  /* No route, so no source address was ever chosen. */
  g_assert_cmpstr (err->args, ==, "seq=1 type=3 code=0 from=0.0.0.0");
  g_assert_cmpuint (err->cause, ==, drop->id);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, -1), ==, 0);
}

static void
test_frag_needed (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 1 -s 1400 -M do 10.0.2.10", 576);
  g_autoptr (GPtrArray) icmp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, R1, 1);
  const WlTraceEvent *drop, *err;
  const guint8 *ip;

  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_FRAG_NEEDED, R1, 0);
  g_assert_nonnull (drop);
  g_assert_cmpstr (drop->args, ==, "mtu=576");
  g_assert_cmpuint (icmp->len, ==, 1);
  ip = ((const WlTraceEvent *) g_ptr_array_index (icmp, 0))->frame + L3_IP;
  g_assert_cmpuint (ip[20], ==, WL_ICMP_DEST_UNREACH);
  g_assert_cmpuint (ip[21], ==, WL_ICMP_UNREACH_FRAG_NEEDED);
  g_assert_cmpuint (wl_get_u16 (ip + 24), ==, 0);
  g_assert_cmpuint (wl_get_u16 (ip + 26), ==, 576);   /* RFC 1191 next-hop MTU */
  g_assert_cmpuint (ip[28 + 8], ==, 64);             /* quoted before the TTL changed */
  err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, PC1, 0);
  g_assert_cmpstr (err->args, ==, "seq=1 type=3 code=4 from=10.0.1.1 mtu=576");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_FRAGMENTED, -1), ==, 0);
}

/* -s 1400 over the 576-byte link: R1 cuts the request, PC2 joins it, cuts its reply, and
 * R1 forwards those fragments as they are for PC1 to join. */
static void
test_fragment_across (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 2 -s 1400 10.0.2.10", 576);
  g_autoptr (GPtrArray) on_l2 = NULL;
  const WlTraceEvent *frag;
  g_autofree char *count = NULL;

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, PC1), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_FRAGMENTED, R1), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_FRAGMENTED, PC2), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, PC2), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, PC1), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, R1), ==, 0);
  frag = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_FRAGMENTED, R1, 0);
  count = l3_arg (frag, "count");
  g_assert_cmpstr (count, ==, "3");
  g_assert_true (g_str_has_suffix (frag->args, "mtu=576"));
  /* Every frame on the small link fits it. */
  on_l2 = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, -1, 0);
  for (guint i = 0; i < on_l2->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (on_l2, i);

      if (ev->link == 1)
        g_assert_cmpuint (wl_get_u16 (ev->frame + L3_IP + 2), <=, 576);
    }
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1), ==, 0);
}

/* Nobody answers ARP for 10.0.2.99: R1 gives up and tells PC1 "host unreachable". */
static void
test_arp_failure_behind_router (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 1 10.0.2.99", 0);
  const WlTraceEvent *drop, *err;

  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_UNRESOLVED, R1, 0);
  g_assert_nonnull (drop);
  g_assert_cmpint (drop->iface, ==, 1);
  g_assert_cmpuint (l3_count_sent (bed, R1, 1, WL_ETHERTYPE_ARP, WL_ARP_OP_REQUEST), ==, 3);
  err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, PC1, 0);
  g_assert_cmpstr (err->args, ==, "seq=1 type=3 code=1 from=10.0.1.1");
  g_assert_true (l3_caused_by (bed, err, drop->id));
}

static void
test_ping_router (void)
{
  g_autoptr (L3Bed) bed = run_router_lab ("ping -c 1 10.0.2.1", 0);
  const WlTraceEvent *reply = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, PC1, 0);
  g_autofree char *from = l3_arg (reply, "from");

  g_assert_cmpstr (from, ==, "10.0.2.1");
  g_assert_cmpuint (l3_arg_u64 (reply, "ttl"), ==, 64);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, PC2), ==, 0);
}

/* TTL 1 packets that must die silently: an ICMP error, a non-first fragment, one from
 * 0.0.0.0; a TTL 1 echo request is the control that does get an error. */
static void
test_no_error_rules (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  WlMac m9 = l3_mac (9), r1, zero = { { 0 } };
  guint8 err[36] = { WL_ICMP_DEST_UNREACH, 1 };
  guint8 data[16] = { 0 };
  g_autoptr (WlPacket) echo = l3_icmp_echo (1, 1, 8);
  WlDevice *st;
  WlPacket *p;

  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/24");
  bed = l3_bed_new (lab, 1);
  st = l3_bed_attach (bed, "R1", 0, &m9);
  wl_lab_default_mac (0, 0, &r1);
  l3_station_send_at (st, WL_MS, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.1.9"),
                                               &zero, l3_ip ("10.0.1.1")));
  /* 36 bytes: an unreachable quoting a minimal IPv4 header and 8 bytes */
  err[8] = 0x45;
  wl_put_u16 (err + 2, wl_inet_checksum (err, sizeof err));
  p = l3_ipv4_packet (l3_ip ("10.0.1.9"), l3_ip ("10.0.2.10"), 1, 1, 1, err, sizeof err);
  l3_station_send_at (st, 1 * WL_S, l3_eth_wrap (p, &m9, &r1, WL_ETHERTYPE_IPV4));
  p = l3_ipv4_packet (l3_ip ("10.0.1.9"), l3_ip ("10.0.2.10"), 17, 1, 2, data, sizeof data);
  wl_put_u16 (wl_packet_data (p) + 6, 10);  /* offset 80 bytes: not the first fragment */
  wl_put_u16 (wl_packet_data (p) + 10, 0);
  wl_put_u16 (wl_packet_data (p) + 10, wl_inet_checksum (wl_packet_data (p), 20));
  l3_station_send_at (st, 2 * WL_S, l3_eth_wrap (p, &m9, &r1, WL_ETHERTYPE_IPV4));
  p = l3_ipv4_packet (0, l3_ip ("10.0.2.10"), 17, 1, 3, data, sizeof data);
  l3_station_send_at (st, 3 * WL_S, l3_eth_wrap (p, &m9, &r1, WL_ETHERTYPE_IPV4));
  p = l3_ipv4_packet (l3_ip ("10.0.1.9"), l3_ip ("10.0.2.10"), 1, 1, 4, wl_packet_data (echo),
                      wl_packet_len (echo));
  l3_station_send_at (st, 4 * WL_S, l3_eth_wrap (p, &m9, &r1, WL_ETHERTYPE_IPV4));
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_TTL_EXCEEDED, 0), ==, 4);
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, WL_ETHERTYPE_IPV4, 0), ==, 1);
}

/* The same lab and seed give the same trace, byte for byte (IDs, ports, times, causes). */
static void
test_deterministic (void)
{
  g_autoptr (L3Bed) a = run_router_lab ("ping -c 2 -s 1400 10.0.2.10", 576);
  g_autoptr (L3Bed) b = run_router_lab ("ping -c 2 -s 1400 10.0.2.10", 576);

  g_assert_cmpuint (wl_trace_memory_len (a->mem), ==, wl_trace_memory_len (b->mem));
  for (guint i = 0; i < wl_trace_memory_len (a->mem); i++)
    {
      const WlTraceEvent *x = wl_trace_memory_get (a->mem, i);
      const WlTraceEvent *y = wl_trace_memory_get (b->mem, i);

      g_assert_cmpuint (x->time, ==, y->time);
      g_assert_cmpint (x->kind, ==, y->kind);
      g_assert_cmpint (x->code, ==, y->code);
      g_assert_cmpint (x->device, ==, y->device);
      g_assert_cmpint (x->iface, ==, y->iface);
      g_assert_cmpuint (x->cause, ==, y->cause);
      g_assert_cmpstr (x->args, ==, y->args);
      g_assert_cmpmem (x->frame, x->frame_len, y->frame, y->frame_len);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/router/ping-across", test_ping_across);
  g_test_add_func ("/engine/l3/router/ttl-exceeded", test_ttl_exceeded);
  g_test_add_func ("/engine/l3/router/no-route", test_no_route);
  g_test_add_func ("/engine/l3/router/host-no-route", test_host_no_route);
  g_test_add_func ("/engine/l3/router/frag-needed", test_frag_needed);
  g_test_add_func ("/engine/l3/router/fragment-across", test_fragment_across);
  g_test_add_func ("/engine/l3/router/arp-failure", test_arp_failure_behind_router);
  g_test_add_func ("/engine/l3/router/ping-router", test_ping_router);
  g_test_add_func ("/engine/l3/router/no-error-rules", test_no_error_rules);
  g_test_add_func ("/engine/l3/router/deterministic", test_deterministic);
  return g_test_run ();
}
