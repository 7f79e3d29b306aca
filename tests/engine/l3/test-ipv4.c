/* IPv4: the header we build (bytes and checksum), Identification numbers, the checks on
 * receive, padding, broadcasts, protocols nobody speaks, and sending to ourselves. */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"

static void
test_header_bytes (void)
{
  /* A UDP header from the textbooks: 45 00 00 73 00 00 40 00 40 11 b8 61 c0 a8 00 01 c0 a8 00 c7 */
  static const guint8 want[20] = {
    0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
    0xb8, 0x61, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
  };
  guint8 hdr[20];

  wl_ipv4_write_header (hdr, 0x73, 0, WL_IPV4_FLAG_DF, 64, WL_IP_PROTO_UDP,
                        l3_ip ("192.168.0.1"), l3_ip ("192.168.0.199"), 0);
  g_assert_cmpmem (hdr, 20, want, 20);
  g_assert_cmpuint (wl_inet_checksum (hdr, 20), ==, 0);
}

static L3Bed *
two_hosts (const char *command,
           guint64     seed)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  L3Bed *bed;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  if (command != NULL)
    l3_action (lab, WL_S, "PC1", command);
  bed = l3_bed_new (lab, seed);
  l3_bed_run (bed, 0);
  return bed;
}

static guint16
first_ip_id (L3Bed *bed,
             gint   device)
{
  g_autoptr (GPtrArray) f = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, device, 0);

  g_assert_cmpuint (f->len, >, 0);
  return wl_get_u16 (((const WlTraceEvent *) g_ptr_array_index (f, 0))->frame + L3_IP + 4);
}

/* The header of an echo request as PC1 sends it, and Identification numbers. */
static void
test_sent_header (void)
{
  g_autoptr (L3Bed) bed = two_hosts ("ping -c 3 10.0.0.2", 7);
  g_autoptr (L3Bed) again = two_hosts ("ping -c 3 10.0.0.2", 7);
  g_autoptr (L3Bed) other = two_hosts ("ping -c 3 10.0.0.2", 8);
  g_autoptr (GPtrArray) sent = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  const guint8 *ip;
  guint16 id0;

  g_assert_cmpuint (sent->len, ==, 3);
  ip = ((const WlTraceEvent *) g_ptr_array_index (sent, 0))->frame + L3_IP;
  g_assert_cmpuint (ip[0], ==, 0x45);                         /* version 4, IHL 5 */
  g_assert_cmpuint (ip[1], ==, 0);                            /* TOS */
  g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 84);             /* 20 + 8 + 56 */
  g_assert_cmpuint (wl_get_u16 (ip + 6), ==, 0);              /* DF clear, offset 0 */
  g_assert_cmpuint (ip[8], ==, 64);                           /* TTL */
  g_assert_cmpuint (ip[9], ==, 1);                            /* ICMP */
  g_assert_cmpuint (wl_get_u32 (ip + 12), ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (wl_get_u32 (ip + 16), ==, l3_ip ("10.0.0.2"));
  g_assert_cmpuint (wl_inet_checksum (ip, 20), ==, 0);

  /* One counter per stack, +1 per packet; its start comes from seed and device only. */
  id0 = wl_get_u16 (ip + 4);
  for (guint i = 1; i < 3; i++)
    g_assert_cmpuint (wl_get_u16 (((const WlTraceEvent *) g_ptr_array_index (sent, i))->frame
                                  + L3_IP + 4), ==, (guint16) (id0 + i));
  g_assert_cmpuint (first_ip_id (again, 0), ==, id0);
  g_assert_cmpuint (first_ip_id (other, 0), !=, id0);
  g_assert_cmpuint (first_ip_id (bed, 1), !=, id0);
}

/* PC1 with a station (10.0.0.9) that it has learned by ARP. */
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

static WlPacket *
echo_frame (guint32 dst,
            gsize   data_len)
{
  WlPacket *echo = l3_icmp_echo (0x1234, 1, data_len);
  WlPacket *ip = l3_ipv4_packet (l3_ip ("10.0.0.9"), dst, 1, 64, 7, wl_packet_data (echo),
                                 wl_packet_len (echo));
  WlMac m9 = l3_mac (9);
  WlMac pc1;

  wl_lab_default_mac (0, 0, &pc1);
  wl_packet_unref (echo);
  return l3_eth_wrap (ip, &m9, &pc1, WL_ETHERTYPE_IPV4);
}

static void
test_receive_checks (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  WlPacket *bad_sum = echo_frame (l3_ip ("10.0.0.1"), 8);
  WlPacket *v6 = echo_frame (l3_ip ("10.0.0.1"), 8);
  WlPacket *too_long = echo_frame (l3_ip ("10.0.0.1"), 8);
  WlPacket *ihl4 = echo_frame (l3_ip ("10.0.0.1"), 8);
  guint8 *ip;
  const WlTraceEvent *drop;

  ip = wl_packet_data (bad_sum) + L3_IP;
  ip[10] ^= 0x01;
  ip = wl_packet_data (v6) + L3_IP;
  ip[0] = 0x65;
  ip = wl_packet_data (too_long) + L3_IP;
  wl_put_u16 (ip + 2, 200);  /* more than the frame holds */
  wl_put_u16 (ip + 10, 0);
  wl_put_u16 (ip + 10, wl_inet_checksum (ip, 20));
  ip = wl_packet_data (ihl4) + L3_IP;
  ip[0] = 0x44;
  l3_station_send_at (st, 1 * WL_S, bad_sum);
  l3_station_send_at (st, 2 * WL_S, v6);
  l3_station_send_at (st, 3 * WL_S, too_long);
  l3_station_send_at (st, 4 * WL_S, ihl4);
  l3_station_send_at (st, 5 * WL_S, echo_frame (l3_ip ("10.0.0.77"), 8));
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_BAD_CHECKSUM, 0), ==, 1);
  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_BAD_CHECKSUM, 0, 0);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_NETWORK);
  g_assert_cmpuint (drop->time, >, WL_S);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0), ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_NOT_FOR_HOST, 0), ==, 1);
  /* Nothing was answered. */
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, WL_ETHERTYPE_IPV4, 0), ==, 0);
}

/* A 28-byte packet travels in a 60-byte frame: the receiver cuts the padding off by Total
 * Length, so the echo reply carries no stray bytes. */
static void
test_padding_trimmed (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  g_autoptr (GPtrArray) replies = NULL;
  const WlTraceEvent *rx;
  const guint8 *ip;

  l3_station_send_at (st, WL_S, echo_frame (l3_ip ("10.0.0.1"), 0));
  l3_bed_run (bed, 0);
  rx = l3_nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0, 1);
  g_assert_cmpuint (rx->frame_len, ==, 64);
  replies = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (replies->len, ==, 1);
  ip = ((const WlTraceEvent *) g_ptr_array_index (replies, 0))->frame + L3_IP;
  g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 28);
  g_assert_cmpuint (ip[20], ==, WL_ICMP_ECHO_REPLY);
  g_assert_cmpuint (wl_inet_checksum (ip + 20, 8), ==, 0);
}

/* RFC 1122: no answer to a broadcast echo, protocol unreachable for an unknown protocol. */
static void
test_broadcast_and_unknown_protocol (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  WlPacket *bcast = echo_frame (WL_IPV4_BROADCAST, 8);
  static const guint8 junk[12] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 };
  WlPacket *proto99 = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 99, 64, 9, junk,
                                      sizeof junk);
  WlMac m9 = l3_mac (9), pc1;
  g_autoptr (GPtrArray) sent = NULL;
  const guint8 *ip;

  wl_lab_default_mac (0, 0, &pc1);
  memcpy (wl_packet_data (bcast), wl_mac_broadcast.b, 6);
  l3_station_send_at (st, 1 * WL_S, bcast);
  l3_station_send_at (st, 2 * WL_S, l3_eth_wrap (proto99, &m9, &pc1, WL_ETHERTYPE_IPV4));
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_NOT_FOR_HOST, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_UNKNOWN_PROTOCOL, 0), ==, 1);
  sent = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (sent->len, ==, 1);
  ip = ((const WlTraceEvent *) g_ptr_array_index (sent, 0))->frame + L3_IP;
  g_assert_cmpuint (ip[20], ==, WL_ICMP_DEST_UNREACH);
  g_assert_cmpuint (ip[21], ==, WL_ICMP_UNREACH_PROTOCOL);
  /* From the address the packet was for, quoting all of its 32 bytes. */
  g_assert_cmpuint (wl_get_u32 (ip + 12), ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 20 + 8 + 32);
  g_assert_cmpuint (ip[28 + 9], ==, 99);
  g_assert_cmpmem (ip + 48, 8, junk, 8);
}

/* Pinging our own address never touches the cable. */
static void
test_loopback (void)
{
  g_autoptr (L3Bed) bed = two_hosts ("ping -c 2 10.0.0.1", 1);
  const WlTraceEvent *reply;

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 2);
  reply = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0, 0);
  g_assert_cmpuint (l3_arg_u64 (reply, "rtt_ns"), ==, 0);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, -1), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/ipv4/header-bytes", test_header_bytes);
  g_test_add_func ("/engine/l3/ipv4/sent-header", test_sent_header);
  g_test_add_func ("/engine/l3/ipv4/receive-checks", test_receive_checks);
  g_test_add_func ("/engine/l3/ipv4/padding-trimmed", test_padding_trimmed);
  g_test_add_func ("/engine/l3/ipv4/broadcast-and-unknown-protocol",
                   test_broadcast_and_unknown_protocol);
  g_test_add_func ("/engine/l3/ipv4/loopback", test_loopback);
  return g_test_run ();
}
