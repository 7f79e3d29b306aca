/* UDP: port unreachable for a closed port (and its ICMP bytes), the checksum with its
 * pseudo-header (0 sent as 0xffff), delivery to a bound port, broken datagrams, broadcasts. */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"
#include "proto/wl-udp-wire.h"

typedef struct
{
  WlStack *stack;
  guint32  dst;
  guint16  dport;
  guint8   data[2];
} SendJob;

static void
on_send (WlSim   *sim,
         gpointer target,
         gpointer data)
{
  SendJob *job = target;
  WlUdpSend params = { .dst = job->dst, .sport = 40000, .dport = job->dport };

  wl_udp_send (job->stack, &params, wl_packet_new_from_data (job->data, 2));
}

static L3Bed *
two_hosts (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  return l3_bed_new (lab, 1);
}

/* The UDP checksum of a sent frame, verified independently of the code under test. */
static guint16
verify_udp (const WlTraceEvent *ev)
{
  const guint8 *ip = ev->frame + L3_IP;
  guint16 len = wl_get_u16 (ip + 20 + WL_UDP_OFF_LEN);
  guint32 sum = 0;

  /* pseudo-header: source, destination, zero, protocol, UDP length */
  sum = wl_inet_checksum_add (sum, ip + 12, 8);
  sum += WL_IP_PROTO_UDP + len;
  sum = wl_inet_checksum_add (sum, ip + 20, len);
  return wl_inet_checksum_finish (sum);
}

static void
test_port_unreachable (void)
{
  g_autoptr (L3Bed) bed = two_hosts ();
  SendJob job = { l3_bed_stack (bed, "PC1"), l3_ip ("10.0.0.2"), 9999, { 0xab, 0xcd } };
  g_autoptr (GPtrArray) udp = NULL;
  g_autoptr (GPtrArray) icmp = NULL;
  const WlTraceEvent *drop, *err;
  const guint8 *ip;

  wl_sim_schedule_at (bed->sim, WL_S, on_send, &job, NULL, NULL);
  l3_bed_run (bed, 0);

  udp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_UDP);
  g_assert_cmpuint (udp->len, ==, 1);
  g_assert_cmpuint (verify_udp (g_ptr_array_index (udp, 0)), ==, 0);

  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, 1, 0);
  g_assert_nonnull (drop);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_TRANSPORT);
  g_assert_cmpint (drop->proto, ==, WL_PROTO_UDP);
  icmp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 1, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (icmp->len, ==, 1);
  err = g_ptr_array_index (icmp, 0);
  g_assert_true (l3_caused_by (bed, err, drop->id));
  ip = err->frame + L3_IP;
  /* 20 IPv4 + 8 ICMP + the whole 30-byte datagram (it fits in 576 bytes, RFC 1812), from the
   * address the datagram was for. */
  g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 20 + 8 + 30);
  g_assert_cmpuint (wl_get_u32 (ip + 12), ==, l3_ip ("10.0.0.2"));
  g_assert_cmpuint (wl_get_u32 (ip + 16), ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (ip[20], ==, WL_ICMP_DEST_UNREACH);
  g_assert_cmpuint (ip[21], ==, WL_ICMP_UNREACH_PORT);
  g_assert_cmpuint (wl_get_u32 (ip + 24), ==, 0);
  g_assert_cmpuint (wl_inet_checksum (ip + 20, 8 + 30), ==, 0);
  g_assert_cmpmem (ip + 28, 28, ((const WlTraceEvent *) g_ptr_array_index (udp, 0))->frame + L3_IP,
                   28);
}

/* A payload chosen so that the checksum comes out 0: it must be sent as 0xffff. */
static void
test_checksum_zero (void)
{
  g_autoptr (L3Bed) bed = two_hosts ();
  g_autoptr (L3Bed) bed2 = two_hosts ();
  SendJob job = { l3_bed_stack (bed, "PC1"), l3_ip ("10.0.0.2"), 9999, { 0, 0 } };
  SendJob job2 = job;
  g_autoptr (GPtrArray) udp = NULL;
  g_autoptr (GPtrArray) udp2 = NULL;
  const WlTraceEvent *ev;
  guint16 c;

  wl_sim_schedule_at (bed->sim, WL_S, on_send, &job, NULL, NULL);
  l3_bed_run (bed, 0);
  udp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_UDP);
  c = wl_get_u16 (((const WlTraceEvent *) g_ptr_array_index (udp, 0))->frame + L3_L4 + 6);
  g_assert_cmpuint (c, !=, 0);

  /* With the payload word equal to that checksum, the sum becomes 0xffff: checksum 0. */
  job2.stack = l3_bed_stack (bed2, "PC1");
  job2.data[0] = c >> 8;
  job2.data[1] = c & 0xff;
  wl_sim_schedule_at (bed2->sim, WL_S, on_send, &job2, NULL, NULL);
  l3_bed_run (bed2, 0);
  udp2 = l3_ip_frames (bed2, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_UDP);
  ev = g_ptr_array_index (udp2, 0);
  g_assert_cmpuint (wl_get_u16 (ev->frame + L3_L4 + 6), ==, 0xffff);
  g_assert_cmpuint (verify_udp (ev), ==, 0);
  /* and PC2 accepts it (a closed port, not a bad checksum) */
  g_assert_cmpuint (l3_count (bed2, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, 1), ==, 1);
}

typedef struct
{
  guint     calls;
  WlUdpInfo info;
  guint8    data[2];
} Got;

static void
on_datagram (WlStack         *stack,
             const WlUdpInfo *info,
             WlPacket        *payload,
             gpointer         user_data)
{
  Got *got = user_data;

  got->calls++;
  got->info = *info;
  g_assert_cmpuint (wl_packet_len (payload), ==, 2);
  memcpy (got->data, wl_packet_data (payload), 2);
  wl_packet_unref (payload);
}

static void
test_bound_port (void)
{
  g_autoptr (L3Bed) bed = two_hosts ();
  SendJob job = { l3_bed_stack (bed, "PC1"), l3_ip ("10.0.0.2"), 7, { 0x12, 0x34 } };
  WlStack *pc2 = l3_bed_stack (bed, "PC2");
  Got got = { 0 };
  const WlTraceEvent *note;

  g_assert_true (wl_udp_bind (pc2, 7, on_datagram, &got));
  g_assert_false (wl_udp_bind (pc2, 7, on_datagram, &got));
  wl_sim_schedule_at (bed->sim, WL_S, on_send, &job, NULL, NULL);
  l3_bed_run (bed, 0);

  g_assert_cmpuint (got.calls, ==, 1);
  g_assert_cmpuint (got.info.sport, ==, 40000);
  g_assert_cmpuint (got.info.dport, ==, 7);
  g_assert_cmpuint (got.info.src, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (got.data[0], ==, 0x12);
  note = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DELIVERED, 1, 0);
  g_assert_cmpstr (note->args, ==, "sport=40000 dport=7 len=2");
  g_assert_cmpint (note->layer, ==, WL_LAYER_TRANSPORT);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1), ==, 0);
  wl_udp_unbind (pc2, 7);
  g_assert_false (wl_udp_is_bound (pc2, 7));
}

static void
test_ephemeral_ports (void)
{
  g_autoptr (L3Bed) bed = two_hosts ();
  g_autoptr (L3Bed) same = two_hosts ();
  WlStack *pc1 = l3_bed_stack (bed, "PC1");
  guint16 a = wl_udp_alloc_port (pc1), b;

  g_assert_cmpuint (a, >=, WL_UDP_EPHEMERAL_MIN);
  g_assert_cmpuint (a, <=, WL_UDP_EPHEMERAL_MAX);
  /* The same seed and device give the same port; a bound port is skipped. */
  g_assert_cmpuint (wl_udp_alloc_port (l3_bed_stack (same, "PC1")), ==, a);
  wl_udp_bind (pc1, a == WL_UDP_EPHEMERAL_MAX ? WL_UDP_EPHEMERAL_MIN : a + 1, on_datagram, NULL);
  b = wl_udp_alloc_port (pc1);
  g_assert_cmpuint (b, !=, a);
  g_assert_false (wl_udp_is_bound (pc1, b));
  g_assert_cmpuint (wl_udp_alloc_port (l3_bed_stack (bed, "PC2")), !=, a);
}

/* Broken datagrams, and a closed port reached by broadcast (dropped without an error). */
static void
test_bad_datagrams (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  WlMac m9 = l3_mac (9), pc1, zero = { { 0 } };
  guint8 good[10] = { 0x13, 0x88, 0x00, 0x09, 0x00, 0x0a, 0x00, 0x00, 0x55, 0x66 };
  guint8 long_len[10], bad_sum[10];
  WlDevice *st;
  WlPacket *p;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  bed = l3_bed_new (lab, 1);
  st = l3_bed_attach (bed, "PC1", 0, &m9);
  wl_lab_default_mac (0, 0, &pc1);
  l3_station_send_at (st, WL_MS, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"),
                                               &zero, l3_ip ("10.0.0.1")));
  memcpy (long_len, good, 10);
  wl_put_u16 (long_len + 4, 30);  /* says 30 bytes, carries 10 */
  memcpy (bad_sum, good, 10);
  wl_put_u16 (bad_sum + 6, 0x1234);
  p = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 17, 64, 1, long_len, 10);
  l3_station_send_at (st, 1 * WL_S, l3_eth_wrap (p, &m9, &pc1, WL_ETHERTYPE_IPV4));
  p = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 17, 64, 2, bad_sum, 10);
  l3_station_send_at (st, 2 * WL_S, l3_eth_wrap (p, &m9, &pc1, WL_ETHERTYPE_IPV4));
  p = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.255"), 17, 64, 3, good, 10);
  l3_station_send_at (st, 3 * WL_S, l3_eth_wrap (p, &m9, &wl_mac_broadcast, WL_ETHERTYPE_IPV4));
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_BAD_CHECKSUM, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, 0), ==, 1);
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, WL_ETHERTYPE_IPV4, 0), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/udp/port-unreachable", test_port_unreachable);
  g_test_add_func ("/engine/l3/udp/checksum-zero", test_checksum_zero);
  g_test_add_func ("/engine/l3/udp/bound-port", test_bound_port);
  g_test_add_func ("/engine/l3/udp/ephemeral-ports", test_ephemeral_ports);
  g_test_add_func ("/engine/l3/udp/bad-datagrams", test_bad_datagrams);
  return g_test_run ();
}
