/* IPv4 fragmentation and reassembly: offsets, MF and lengths for a 1428-byte packet at MTU
 * 576, fragments of fragments, reassembly in order, out of order and with duplicates, the
 * timeout with its ICMP error, broken fragments, and DF on a too-big packet of our own. */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"

#define ECHO_DATA 1400  /* ICMP 1408 bytes, IPv4 1428 */

/* An ICMP echo request from 10.0.0.9 to 10.0.0.1, 1428 bytes of IPv4, Identification 0x77. */
static WlPacket *
big_echo (void)
{
  g_autoptr (WlPacket) echo = l3_icmp_echo (0x4242, 1, ECHO_DATA);

  return l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), WL_IP_PROTO_ICMP, 64, 0x77,
                         wl_packet_data (echo), wl_packet_len (echo));
}

static void
test_fragment_576 (void)
{
  g_autoptr (WlPacket) pkt = big_echo ();
  g_autoptr (GPtrArray) frags = wl_ipv4_fragment (pkt, 576);
  static const guint want_len[3] = { 572, 572, 324 };
  static const guint want_off[3] = { 0, 69, 138 };
  static const gboolean want_mf[3] = { TRUE, TRUE, FALSE };
  g_autoptr (GByteArray) joined = g_byte_array_new ();

  g_assert_cmpuint (wl_packet_len (pkt), ==, 1428);
  g_assert_nonnull (frags);
  g_assert_cmpuint (frags->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      WlPacket *f = g_ptr_array_index (frags, i);
      const guint8 *h = wl_packet_data (f);
      guint16 field = wl_get_u16 (h + WL_IPV4_OFF_FRAG);

      g_assert_cmpuint (wl_packet_len (f), ==, want_len[i]);
      g_assert_cmpuint (wl_get_u16 (h + WL_IPV4_OFF_LEN), ==, want_len[i]);
      g_assert_cmpuint (field & WL_IPV4_OFFSET_MASK, ==, want_off[i]);
      g_assert_cmpint ((field & WL_IPV4_FLAG_MF) != 0, ==, want_mf[i]);
      g_assert_cmpuint (wl_get_u16 (h + WL_IPV4_OFF_ID), ==, 0x77);
      g_assert_cmpuint (wl_inet_checksum (h, 20), ==, 0);
      /* Every piece but the last carries a multiple of 8 bytes. */
      if (i < 2)
        g_assert_cmpuint ((want_len[i] - 20) % 8, ==, 0);
      g_byte_array_append (joined, h + 20, want_len[i] - 20);
    }
  g_assert_cmpmem (joined->data, joined->len, wl_packet_data (pkt) + 20, 1408);
  /* An MTU that cannot carry 8 data bytes cannot fragment. */
  g_assert_null (wl_ipv4_fragment (pkt, 27));
}

/* A router cuts a fragment again: offsets add up and MF stays on every piece. */
static void
test_fragment_of_fragment (void)
{
  g_autoptr (WlPacket) pkt = big_echo ();
  g_autoptr (GPtrArray) frags = wl_ipv4_fragment (pkt, 576);
  g_autoptr (GPtrArray) again = wl_ipv4_fragment (g_ptr_array_index (frags, 1), 300);
  static const guint want_off[2] = { 69, 104 };  /* 280 bytes = 35 units per piece */

  g_assert_cmpuint (again->len, ==, 2);
  for (guint i = 0; i < again->len; i++)
    {
      const guint8 *h = wl_packet_data (g_ptr_array_index (again, i));

      g_assert_cmpuint (wl_get_u16 (h + 6) & WL_IPV4_OFFSET_MASK, ==, want_off[i]);
      g_assert_true (wl_get_u16 (h + 6) & WL_IPV4_FLAG_MF);
    }
  g_assert_cmpuint (wl_packet_len (g_ptr_array_index (again, 1)), ==, 20 + 552 - 280);
}

/* PC1 10.0.0.1 (device 0) with a station 10.0.0.9 it knows by ARP. */
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

/* Sends fragments of big_echo() in the given order (indices into the three pieces). */
static void
send_fragments (WlDevice    *st,
                const guint *order,
                guint        n)
{
  g_autoptr (WlPacket) pkt = big_echo ();
  g_autoptr (GPtrArray) frags = wl_ipv4_fragment (pkt, 576);
  WlMac m9 = l3_mac (9), pc1;

  wl_lab_default_mac (0, 0, &pc1);
  for (guint i = 0; i < n; i++)
    {
      WlPacket *f = wl_packet_copy (g_ptr_array_index (frags, order[i]));

      l3_station_send_at (st, WL_S + i * WL_MS, l3_eth_wrap (f, &m9, &pc1, WL_ETHERTYPE_IPV4));
    }
}

static void
check_reassembled (const guint *order,
                   guint        n)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  g_autoptr (GPtrArray) replies = NULL;
  g_autoptr (WlPacket) want = l3_icmp_echo (0x4242, 1, ECHO_DATA);
  const WlTraceEvent *note, *reply;
  const guint8 *ip;

  send_fragments (st, order, n);
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, 0), ==, 1);
  note = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, 0, 0);
  g_assert_cmpstr (note->args, ==, "id=119 count=3 len=1428");
  g_assert_cmpint (note->layer, ==, WL_LAYER_NETWORK);
  /* The echo reply (1428 bytes fit PC1's MTU) follows from the reassembled datagram. */
  replies = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (replies->len, ==, 1);
  reply = g_ptr_array_index (replies, 0);
  g_assert_true (l3_caused_by (bed, reply, note->id));
  ip = reply->frame + L3_IP;
  g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 1428);
  g_assert_cmpuint (ip[20], ==, WL_ICMP_ECHO_REPLY);
  g_assert_cmpmem (ip + 28, ECHO_DATA, wl_packet_data (want) + 8, ECHO_DATA);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1), ==, 0);
  g_assert_cmpuint (g_hash_table_size (l3_bed_stack (bed, "PC1")->reasm.bufs), ==, 0);
  g_assert_cmpuint (l3_bed_stack (bed, "PC1")->reasm.bytes, ==, 0);
}

static void
test_reassemble_in_order (void)
{
  static const guint order[] = { 0, 1, 2 };

  check_reassembled (order, G_N_ELEMENTS (order));
}

static void
test_reassemble_out_of_order (void)
{
  static const guint order[] = { 2, 0, 1 };

  check_reassembled (order, G_N_ELEMENTS (order));
}

static void
test_reassemble_duplicates (void)
{
  static const guint order[] = { 1, 1, 0, 1, 2 };

  check_reassembled (order, G_N_ELEMENTS (order));
}

/* The middle piece never comes: after 30 s the datagram is dropped and, since the first
 * fragment came, the source hears "time exceeded, reassembly" (11/1). */
static void
test_reassembly_timeout (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  static const guint order[] = { 0, 2 };
  g_autoptr (GPtrArray) sent = NULL;
  const WlTraceEvent *first_rx, *drop;
  const guint8 *ip;

  send_fragments (st, order, 2);
  l3_bed_run (bed, 0);

  first_rx = l3_nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0, 1);
  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_REASSEMBLY_TIMEOUT, 0, 0);
  g_assert_nonnull (drop);
  g_assert_cmpuint (drop->time, ==, first_rx->time + 30 * WL_S);
  g_assert_cmpuint (drop->cause, ==, first_rx->id);
  g_assert_cmpstr (drop->args, ==, "src=10.0.0.9 dst=10.0.0.1 proto=1 id=119 fragments=2");
  sent = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (sent->len, ==, 1);
  ip = ((const WlTraceEvent *) g_ptr_array_index (sent, 0))->frame + L3_IP;
  g_assert_cmpuint (ip[20], ==, WL_ICMP_TIME_EXCEEDED);
  g_assert_cmpuint (ip[21], ==, WL_ICMP_EXC_REASSEMBLY);
  /* The quote: the first fragment's header (MF set, offset 0) and its first 8 bytes. */
  g_assert_cmpuint (wl_get_u16 (ip + 28 + 6), ==, WL_IPV4_FLAG_MF);
  g_assert_cmpuint (ip[48], ==, WL_ICMP_ECHO_REQUEST);
  g_assert_cmpuint (wl_get_u16 (ip + 48 + 4), ==, 0x4242);
  g_assert_cmpuint (l3_bed_stack (bed, "PC1")->reasm.bytes, ==, 0);
}

static void
test_timeout_without_first (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  static const guint order[] = { 1, 2 };

  send_fragments (st, order, 2);
  l3_bed_run (bed, 0);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_REASSEMBLY_TIMEOUT, 0), ==, 1);
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, WL_ETHERTYPE_IPV4, 0), ==, 0);
}

/* A fragment with more to come must carry a multiple of 8 bytes. */
static void
test_bad_fragment (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  guint8 data[100] = { 0 };
  WlPacket *f = l3_ipv4_packet (l3_ip ("10.0.0.9"), l3_ip ("10.0.0.1"), 1, 64, 5, data, 100);
  WlMac m9 = l3_mac (9), pc1;
  guint8 *ip = wl_packet_data (f);

  wl_lab_default_mac (0, 0, &pc1);
  wl_put_u16 (ip + 6, WL_IPV4_FLAG_MF);
  wl_put_u16 (ip + 10, 0);
  wl_put_u16 (ip + 10, wl_inet_checksum (ip, 20));
  l3_station_send_at (st, WL_S, l3_eth_wrap (f, &m9, &pc1, WL_ETHERTYPE_IPV4));
  l3_bed_run (bed, 0);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_REASSEMBLY_TIMEOUT, 0), ==, 0);
}

/* Our own packet, too big for our link with DF: dropped before the wire, ping told why. */
static void
test_df_local (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  const WlTraceEvent *drop, *err;
  g_autofree char *count = NULL;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, WL_S, "PC1", "ping -c 1 -s 2000 -M do 10.0.0.2");
  l3_action (lab, 5 * WL_S, "PC1", "ping -c 1 -s 2000 10.0.0.2");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);

  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_FRAG_NEEDED, 0, 0);
  g_assert_nonnull (drop);
  g_assert_true (g_str_has_suffix (drop->args, "len=2028 mtu=1500"));
  err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, 0, 0);
  g_assert_cmpstr (err->args, ==, "seq=1 type=3 code=4 from=10.0.0.1 mtu=1500");
  /* Without DF the same ping is cut in two by PC1 and answered (the reply cut by PC2). */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_FRAGMENTED, 0), ==, 1);
  count = l3_arg (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_FRAGMENTED, 0, 0), "count");
  g_assert_cmpstr (count, ==, "2");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, 1), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_REASSEMBLED, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/ipv4-frag/fragment-576", test_fragment_576);
  g_test_add_func ("/engine/l3/ipv4-frag/fragment-of-fragment", test_fragment_of_fragment);
  g_test_add_func ("/engine/l3/ipv4-frag/reassemble-in-order", test_reassemble_in_order);
  g_test_add_func ("/engine/l3/ipv4-frag/reassemble-out-of-order", test_reassemble_out_of_order);
  g_test_add_func ("/engine/l3/ipv4-frag/reassemble-duplicates", test_reassemble_duplicates);
  g_test_add_func ("/engine/l3/ipv4-frag/reassembly-timeout", test_reassembly_timeout);
  g_test_add_func ("/engine/l3/ipv4-frag/timeout-without-first", test_timeout_without_first);
  g_test_add_func ("/engine/l3/ipv4-frag/bad-fragment", test_bad_fragment);
  g_test_add_func ("/engine/l3/ipv4-frag/df-local", test_df_local);
  return g_test_run ();
}
