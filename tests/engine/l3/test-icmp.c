/* ICMP: an echo round trip between two hosts on one cable (bytes, checksums, the reply
 * note), a bad checksum, and errors that must never be sent (about errors, non-first
 * fragments, odd sources). */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"

static void
test_echo_round_trip (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) req = NULL;
  g_autoptr (GPtrArray) rep = NULL;
  const WlTraceEvent *rq, *rp, *rx, *note;
  const guint8 *q, *p;
  g_autofree char *want = NULL;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, WL_S, "PC1", "ping -c 1 10.0.0.2");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);

  req = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  rep = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 1, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (req->len, ==, 1);
  g_assert_cmpuint (rep->len, ==, 1);
  rq = g_ptr_array_index (req, 0);
  rp = g_ptr_array_index (rep, 0);
  q = rq->frame + L3_L4;
  p = rp->frame + L3_L4;

  /* The request: type 8, identifier 1000 (first device), sequence 1, 56 data bytes whose
   * first 16 are the send time as a Linux timeval (1 s, 0 µs), then 16, 17 … 55. */
  g_assert_cmpuint (q[0], ==, WL_ICMP_ECHO_REQUEST);
  g_assert_cmpuint (wl_get_u16 (q + 4), ==, 1000);
  g_assert_cmpuint (wl_get_u16 (q + 6), ==, 1);
  g_assert_cmpuint (wl_inet_checksum (q, 64), ==, 0);
  g_assert_cmpuint (q[8], ==, 1);
  for (guint i = 1; i < 16; i++)
    g_assert_cmpuint (q[8 + i], ==, 0);
  for (guint i = 16; i < 56; i++)
    g_assert_cmpuint (q[8 + i], ==, i);

  /* The reply: type 0, same identifier, sequence and data, from the address pinged. */
  g_assert_cmpuint (p[0], ==, WL_ICMP_ECHO_REPLY);
  g_assert_cmpmem (p + 4, 60, q + 4, 60);
  g_assert_cmpuint (wl_inet_checksum (p, 64), ==, 0);
  g_assert_cmpuint (wl_get_u32 (rp->frame + L3_IP + 12), ==, l3_ip ("10.0.0.2"));
  g_assert_cmpuint (rp->frame[L3_IP + 8], ==, 64);
  /* The reply is caused by the request's arrival at PC2. */
  g_assert_cmpint (l3_by_id (bed, rp->cause)->kind, ==, WL_EVENT_NOTE);  /* route chosen */
  g_assert_cmpint (l3_by_id (bed, l3_by_id (bed, rp->cause)->cause)->kind, ==,
                   WL_EVENT_FRAME_RECEIVED);

  note = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0, 0);
  rx = l3_by_id (bed, note->cause);
  g_assert_cmpint (rx->kind, ==, WL_EVENT_FRAME_RECEIVED);
  g_assert_cmpint (note->layer, ==, WL_LAYER_APPLICATION);
  g_assert_cmpint (note->proto, ==, WL_PROTO_ICMP);
  g_assert_cmpint (note->iface, ==, 0);
  /* RTT from the moment ping sent (ARP included, as Linux measures) to the reply's arrival. */
  want = g_strdup_printf ("seq=1 rtt_ns=%" G_GUINT64_FORMAT " ttl=64 from=10.0.0.2 bytes=64",
                          rx->time - WL_S);
  g_assert_cmpstr (note->args, ==, want);
}

/* PC1 10.0.0.1 with a station 10.0.0.9 it has learned by ARP. */
static L3Bed *
bed_with_station (WlDevice **station)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  L3Bed *bed;
  WlMac m9 = l3_mac (9), zero = { { 0 } };

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  bed = l3_bed_new (lab, 1);
  *station = l3_bed_attach (bed, "PC1", 0, &m9);
  l3_station_send_at (*station, WL_MS, l3_arp_frame (&wl_mac_broadcast, 1, &m9,
                                                     l3_ip ("10.0.0.9"), &zero,
                                                     l3_ip ("10.0.0.1")));
  return bed;
}

static void
test_bad_checksum (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  g_autoptr (WlPacket) echo = l3_icmp_echo (1, 1, 8);
  WlPacket *ip;
  WlMac m9 = l3_mac (9), pc1;
  const WlTraceEvent *drop;

  wl_lab_default_mac (0, 0, &pc1);
  wl_packet_data (echo)[9] ^= 0xff;  /* a data byte changed after the checksum */
  ip = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 1, 64, 1, wl_packet_data (echo),
                       wl_packet_len (echo));
  l3_station_send_at (st, WL_S, l3_eth_wrap (ip, &m9, &pc1, WL_ETHERTYPE_IPV4));
  l3_bed_run (bed, 0);

  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_BAD_CHECKSUM, 0, 0);
  g_assert_nonnull (drop);
  g_assert_cmpint (drop->proto, ==, WL_PROTO_ICMP);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_NETWORK);
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, WL_ETHERTYPE_IPV4, 0), ==, 0);
}

/* Packets that would deserve an error from a host, but RFC 1122 §3.2.2 forbids one: UDP to
 * a closed port arriving as an ICMP error, from 0.0.0.0, or as a non-first fragment. */
static void
test_no_error_rules (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  WlMac m9 = l3_mac (9), pc1;
  guint8 udp[8] = { 0x13, 0x88, 0x00, 0x09, 0x00, 0x08, 0x00, 0x00 };  /* no checksum */
  guint8 err[36] = { WL_ICMP_DEST_UNREACH, 3 };
  WlPacket *p;

  wl_lab_default_mac (0, 0, &pc1);
  /* 1. a control: a datagram to a closed port gets port unreachable. */
  p = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 17, 64, 1, udp, 8);
  l3_station_send_at (st, 1 * WL_S, l3_eth_wrap (p, &m9, &pc1, WL_ETHERTYPE_IPV4));
  /* 2. the same from 0.0.0.0: no error. */
  p = l3_ipv4_packet (0, l3_ip ("10.0.0.1"), 17, 64, 2, udp, 8);
  l3_station_send_at (st, 2 * WL_S, l3_eth_wrap (p, &m9, &pc1, WL_ETHERTYPE_IPV4));
  /* 3. an ICMP error in an unknown protocol's clothes is still an error: protocol 1 type 3
   *    with a bad inner quote is malformed, never answered. */
  wl_put_u16 (err + 2, wl_inet_checksum (err, sizeof err));
  p = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 1, 64, 3, err, sizeof err);
  l3_station_send_at (st, 3 * WL_S, l3_eth_wrap (p, &m9, &pc1, WL_ETHERTYPE_IPV4));
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, 0), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0), ==, 1);
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, WL_ETHERTYPE_IPV4, 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/icmp/echo-round-trip", test_echo_round_trip);
  g_test_add_func ("/engine/l3/icmp/bad-checksum", test_bad_checksum);
  g_test_add_func ("/engine/l3/icmp/no-error-rules", test_no_error_rules);
  return g_test_run ();
}
