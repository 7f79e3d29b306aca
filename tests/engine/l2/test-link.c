/* test-link.c — the cable and the port layer (engine/core/wl-link.c, wl-device.c), IEEE 802.3
 * as the simulation models it: serialisation and propagation times to the nanosecond, the
 * inter-frame gap, the transmit queue and its bound, FIFO order under jitter, and the
 * impairments (loss, duplication, bit errors caught by the FCS), each reproducible by seed.
 *
 * Two test stations (l2-test.h) joined by one cable: A is device 0, B device 1, the cable is
 * link 0.  Numbers worth knowing: a minimum frame is 64 bytes with its FCS, and with the
 * 8-byte preamble it takes (8 + 64) · 8 bits = 576 bit-times on the wire: 57.6 µs at
 * 10 Mbit/s; the next frame may start 12 byte-times (9.6 µs) after that.
 */
#include "config.h"

#include <string.h>

#include "l2-test.h"

typedef struct
{
  WlTraceMemory *mem;
  WlSim         *sim;
  WlDevice      *a, *b;
  WlLink        *link;
} Pair;

static void
pair_init (Pair               *p,
           guint64             seed,
           const WlLinkParams *params)
{
  WlMac ma = test_mac (1), mb = test_mac (2);

  p->mem = wl_trace_memory_new ();
  p->sim = wl_sim_new (seed, &p->mem->parent);
  p->a = test_station_new (p->sim, 0, "A", &ma);
  p->b = test_station_new (p->sim, 1, "B", &mb);
  p->link = wl_link_new (p->sim, 0, p->a->ports[0], p->b->ports[0], params);
}

static void
pair_clear (Pair *p)
{
  g_clear_pointer (&p->link, wl_link_free);
  g_clear_pointer (&p->a, wl_device_free);
  g_clear_pointer (&p->b, wl_device_free);
  g_clear_pointer (&p->sim, wl_sim_free);
  g_clear_pointer (&p->mem, wl_trace_memory_free);
}

/* Sends n numbered test frames from A to B at time at. */
static void
send_frames (Pair  *p,
             guint  n,
             WlTime at)
{
  WlMac ma = test_mac (1), mb = test_mac (2);

  for (guint i = 0; i < n; i++)
    test_send_at (p->a, at, test_frame (&ma, &mb, (guint16) i));
}

/* The CRC-32 check value of IEEE 802.3 (the CRC of the nine ASCII digits "123456789"). */
static void
test_crc32 (void)
{
  const guint8 digits[] = "123456789";
  guint8 frame[13];
  guint32 crc = wl_ethernet_crc32 (digits, 9);

  g_assert_cmphex (crc, ==, 0xcbf43926);
  /* On the wire, least significant byte first. */
  memcpy (frame, digits, 9);
  frame[9] = crc & 0xff;
  frame[10] = (crc >> 8) & 0xff;
  frame[11] = (crc >> 16) & 0xff;
  frame[12] = crc >> 24;
  g_assert_true (wl_ethernet_fcs_ok (frame, 13));
  frame[0] ^= 0x01;
  g_assert_false (wl_ethernet_fcs_ok (frame, 13));
  g_assert_false (wl_ethernet_fcs_ok (frame, 3));
}

static void
test_serialisation (void)
{
  WlLinkParams params = test_link_params (10000000, 5 * WL_US);
  const WlTraceEvent *sent, *recv;
  Pair p;

  pair_init (&p, 1, &params);
  send_frames (&p, 1, 0);
  g_assert_cmpint (wl_sim_run (p.sim, WL_TIME_FOREVER, 0), ==, WL_SIM_STOP_EMPTY);

  sent = test_trace_one (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  recv = test_trace_one (p.mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1, 0, 0);
  g_assert_cmpuint (sent->time, ==, 0);
  g_assert_cmpuint (sent->frame_len, ==, 64);
  /* (8 + 64) · 8 / 10⁷ s = 57.6 µs on the wire, then 5 µs of propagation. */
  g_assert_cmpuint (recv->time, ==, 57600 + 5000);
  g_assert_cmpuint (recv->cause, ==, sent->id);
  g_assert_cmpuint (test_station_count (p.b), ==, 1);
  g_assert_cmpuint (wl_sim_get_pending (p.sim), ==, 0);
  pair_clear (&p);

  /* A full-size frame (1514 + 4 bytes) at 1 Gbit/s: (8 + 1518) · 8 ns = 12.208 µs. */
  params = test_link_params (1000000000, 0);
  pair_init (&p, 1, &params);
  test_send_at (p.a, 1000, wl_packet_new (1514));
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);
  recv = test_trace_one (p.mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1, 0, 0);
  g_assert_cmpuint (recv->time, ==, 1000 + 12208);
  pair_clear (&p);
}

static void
test_back_to_back (void)
{
  WlLinkParams params = test_link_params (10000000, 5 * WL_US);
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GPtrArray) recv = NULL;
  Pair p;

  pair_init (&p, 1, &params);
  send_frames (&p, 3, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  sent = test_trace_find (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  recv = test_trace_find (p.mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1, 0, 0);
  g_assert_cmpuint (sent->len, ==, 3);
  g_assert_cmpuint (recv->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const WlTraceEvent *s = g_ptr_array_index (sent, i);
      const WlTraceEvent *r = g_ptr_array_index (recv, i);

      /* Each frame waits for the previous one and its gap: (8 + 64 + 12) · 0.8 µs. */
      g_assert_cmpuint (s->time, ==, i * 67200);
      g_assert_cmpuint (r->time, ==, i * 67200 + 62600);
      g_assert_cmpuint (r->cause, ==, s->id);
      g_assert_cmpuint (test_frame_seq (r->frame), ==, i);
    }
  pair_clear (&p);
}

static void
test_fifo_under_jitter (void)
{
  WlLinkParams params = test_link_params (100000000, 1 * WL_US);
  TestStation *b;
  gboolean jittered = FALSE;
  Pair p;

  params.jitter = 200 * WL_US; /* much longer than one frame time (6.72 µs) */
  pair_init (&p, 7, &params);
  send_frames (&p, 200, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  b = (TestStation *) p.b;
  g_assert_cmpuint (b->received->len, ==, 200);
  for (guint i = 0; i < 200; i++)
    {
      WlTime at = g_array_index (b->received_at, WlTime, i);
      WlTime base = i * 6720 + 5760 + 1000; /* the arrival time without jitter */

      g_assert_cmpuint (test_frame_seq (wl_packet_data (test_station_get (p.b, i))), ==, i);
      g_assert_cmpuint (at, >=, base);
      g_assert_cmpuint (at, <=, base + params.jitter);
      if (i > 0)
        g_assert_cmpuint (at, >=, g_array_index (b->received_at, WlTime, i - 1));
      jittered |= at > base;
    }
  g_assert_true (jittered);
  pair_clear (&p);
}

static void
test_loss_all (void)
{
  WlLinkParams params = test_link_params (100000000, 1 * WL_US);
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GPtrArray) lost = NULL;
  Pair p;

  params.loss = 1.0;
  pair_init (&p, 3, &params);
  send_frames (&p, 10, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  /* A lost frame still took its time on the sender's wire; the receiver never gets it. */
  sent = test_trace_find (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  lost = test_trace_find (p.mem, WL_EVENT_FRAME_DROPPED, WL_DROP_LINK_LOSS, 1, 0, 0);
  g_assert_cmpuint (sent->len, ==, 10);
  g_assert_cmpuint (lost->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const WlTraceEvent *d = g_ptr_array_index (lost, i);

      g_assert_cmpint (d->layer, ==, WL_LAYER_PHYSICAL);
      g_assert_cmpuint (d->cause, ==, ((const WlTraceEvent *) g_ptr_array_index (sent, i))->id);
    }
  g_assert_cmpuint (test_trace_count (p.mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, -1, -1, -1),
                    ==, 0);
  g_assert_cmpuint (test_station_count (p.b), ==, 0);
  pair_clear (&p);
}

/* Which of 100 frames a 30 % lossy cable loses with this seed, as a 100-character string of
 * '.' (arrived) and 'x' (lost). */
static char *
loss_pattern (guint64 seed)
{
  WlLinkParams params = test_link_params (100000000, 1 * WL_US);
  char *pattern = g_malloc (101);
  g_autoptr (GPtrArray) lost = NULL;
  Pair p;

  params.loss = 0.3;
  pair_init (&p, seed, &params);
  send_frames (&p, 100, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  memset (pattern, '.', 100);
  pattern[100] = '\0';
  lost = test_trace_find (p.mem, WL_EVENT_FRAME_DROPPED, WL_DROP_LINK_LOSS, 1, 0, 0);
  for (guint i = 0; i < lost->len; i++)
    pattern[test_frame_seq (((const WlTraceEvent *) g_ptr_array_index (lost, i))->frame)] = 'x';
  g_assert_cmpuint (test_station_count (p.b) + lost->len, ==, 100);
  pair_clear (&p);
  return pattern;
}

static void
test_loss_seeded (void)
{
  g_autofree char *first = loss_pattern (42);
  g_autofree char *again = loss_pattern (42);
  g_autofree char *other = loss_pattern (43);
  guint n_lost = 0;

  g_test_message ("seed 42: %s", first);
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
  for (const char *c = first; *c != '\0'; c++)
    n_lost += *c == 'x';
  /* 30 expected; 10..50 is more than four standard deviations either way. */
  g_assert_cmpuint (n_lost, >=, 10);
  g_assert_cmpuint (n_lost, <=, 50);
}

static void
test_duplicate (void)
{
  WlLinkParams params = test_link_params (10000000, 5 * WL_US);
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GPtrArray) recv = NULL;
  Pair p;

  params.duplicate = 1.0;
  pair_init (&p, 5, &params);
  send_frames (&p, 3, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  sent = test_trace_find (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  recv = test_trace_find (p.mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1, 0, 0);
  g_assert_cmpuint (sent->len, ==, 3);
  g_assert_cmpuint (recv->len, ==, 6);
  for (guint i = 0; i < 3; i++)
    {
      const WlTraceEvent *s = g_ptr_array_index (sent, i);
      const WlTraceEvent *r1 = g_ptr_array_index (recv, 2 * i);
      const WlTraceEvent *r2 = g_ptr_array_index (recv, 2 * i + 1);

      /* Both copies come from the one transmission, the copy one frame time behind. */
      g_assert_cmpuint (r1->cause, ==, s->id);
      g_assert_cmpuint (r2->cause, ==, s->id);
      g_assert_cmpuint (r2->time, ==, r1->time + 57600);
      g_assert_cmpuint (test_frame_seq (r1->frame), ==, i);
      g_assert_cmpmem (r1->frame, r1->frame_len, r2->frame, r2->frame_len);
    }
  pair_clear (&p);
}

static guint
bit_difference (const guint8 *a,
                const guint8 *b,
                gsize         len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    for (guint x = a[i] ^ b[i]; x != 0; x &= x - 1)
      n++;
  return n;
}

static void
test_bit_errors (void)
{
  WlLinkParams params = test_link_params (100000000, 1 * WL_US);
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GPtrArray) bad = NULL;
  Pair p;

  /* At this rate a 512-bit frame is all but certain to take a hit. */
  params.ber = 0.5;
  pair_init (&p, 9, &params);
  send_frames (&p, 10, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  sent = test_trace_find (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  bad = test_trace_find (p.mem, WL_EVENT_FRAME_DROPPED, WL_DROP_FCS_ERROR, 1, 0, 0);
  g_assert_cmpuint (bad->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      const WlTraceEvent *s = g_ptr_array_index (sent, i);
      const WlTraceEvent *d = g_ptr_array_index (bad, i);

      /* Sent clean, arrived with one bit flipped, caught by the receiver's CRC check. */
      g_assert_true (wl_ethernet_fcs_ok (s->frame, s->frame_len));
      g_assert_false (wl_ethernet_fcs_ok (d->frame, d->frame_len));
      g_assert_cmpuint (d->frame_len, ==, s->frame_len);
      g_assert_cmpuint (bit_difference (s->frame, d->frame, s->frame_len), ==, 1);
      g_assert_cmpint (d->layer, ==, WL_LAYER_DATA_LINK);
      g_assert_cmpuint (d->cause, ==, s->id);
    }
  g_assert_cmpuint (test_station_count (p.b), ==, 0);
  pair_clear (&p);
}

static void
test_tx_queue_full (void)
{
  WlLinkParams params = test_link_params (1000000000, 1 * WL_US);
  g_autoptr (GPtrArray) full = NULL;
  Pair p;

  pair_init (&p, 1, &params);
  /* One frame on the wire, WL_PORT_TXQ_MAX waiting, and 5 more that find no room. */
  send_frames (&p, WL_PORT_TXQ_MAX + 6, 0);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  full = test_trace_find (p.mem, WL_EVENT_FRAME_DROPPED, WL_DROP_TX_QUEUE_FULL, 0, 0, 0);
  g_assert_cmpuint (full->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const WlTraceEvent *d = g_ptr_array_index (full, i);

      g_assert_cmpuint (d->time, ==, 0);
      g_assert_cmpuint (test_frame_seq (d->frame), ==, WL_PORT_TXQ_MAX + 1 + i);
    }
  g_assert_cmpuint (test_trace_count (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0), ==,
                    WL_PORT_TXQ_MAX + 1);
  g_assert_cmpuint (test_station_count (p.b), ==, WL_PORT_TXQ_MAX + 1);
  pair_clear (&p);
}

static void
test_unplugged (void)
{
  g_autoptr (WlTraceMemory) mem = wl_trace_memory_new ();
  WlSim *sim = wl_sim_new (1, &mem->parent);
  WlMac mc = test_mac (3);
  WlDevice *c = test_station_new (sim, 4, "C", &mc);
  const WlTraceEvent *d;

  test_send_at (c, 10, test_arp_request (&mc, 0x0a000003, 0x0a000001));
  wl_sim_run (sim, WL_TIME_FOREVER, 0);

  g_assert_cmpuint (wl_trace_memory_len (mem), ==, 1);
  d = test_trace_one (mem, WL_EVENT_FRAME_DROPPED, WL_DROP_UNPLUGGED, 4, 0, -1);
  g_assert_cmpint (d->link, ==, -1);
  g_assert_cmpint (d->layer, ==, WL_LAYER_PHYSICAL);
  g_assert_cmpuint (d->time, ==, 10);
  g_assert_cmpuint (d->frame_len, ==, 64);
  wl_device_free (c);
  wl_sim_free (sim);
}

static void
test_sent_bytes (void)
{
  WlLinkParams params = test_link_params (100000000, 1 * WL_US);
  WlMac ma = test_mac (1), mb = test_mac (2);
  g_autoptr (WlPacket) arp = test_arp_request (&ma, 0x0a000001, 0x0a000002);
  g_autoptr (WlPacket) ping = test_icmp_echo (&ma, &mb, 0x0a000001, 0x0a000002, 1, 56);
  g_autoptr (GPtrArray) sent = NULL;
  const WlTraceEvent *s;
  static const guint8 zeros[18] = { 0 };
  Pair p;

  pair_init (&p, 1, &params);
  test_send_at (p.a, 0, wl_packet_copy (arp));
  test_send_at (p.a, 0, wl_packet_copy (ping));
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);
  sent = test_trace_find (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  g_assert_cmpuint (sent->len, ==, 2);

  /* The 42-byte ARP request is padded with zeros to 60 bytes, then gets its FCS. */
  s = g_ptr_array_index (sent, 0);
  g_assert_cmpuint (wl_packet_len (arp), ==, 42);
  g_assert_cmpuint (s->frame_len, ==, 64);
  g_assert_cmpmem (s->frame, 42, wl_packet_data (arp), 42);
  g_assert_cmpmem (s->frame + 42, 18, zeros, 18);
  g_assert_true (wl_ethernet_fcs_ok (s->frame, s->frame_len));
  /* B's NIC checked that FCS and stripped it. */
  g_assert_cmpmem (wl_packet_data (test_station_get (p.b, 0)),
                   wl_packet_len (test_station_get (p.b, 0)), s->frame, 60);

  /* The 98-byte echo request needs no padding: 102 bytes with its FCS. */
  s = g_ptr_array_index (sent, 1);
  g_assert_cmpuint (s->frame_len, ==, 98 + 4);
  g_assert_cmpmem (s->frame, 98, wl_packet_data (ping), 98);
  g_assert_true (wl_ethernet_fcs_ok (s->frame, s->frame_len));
  pair_clear (&p);
}

/* An action that sends two frames at once: both SENT events name the action, even the one
 * that waited in the queue; each RECEIVED names its SENT. */
static void
on_marker_action (WlSim   *sim,
                  gpointer target,
                  gpointer data)
{
  Pair *p = target;
  WlMac ma = test_mac (1), mb = test_mac (2);
  WlTraceEvent ev = { .kind = WL_EVENT_ACTION, .device = 0, .iface = -1, .link = -1 };

  wl_sim_set_cause (sim, wl_sim_emit (sim, &ev));
  wl_port_send_frame (p->a->ports[0], test_frame (&ma, &mb, 0));
  wl_port_send_frame (p->a->ports[0], test_frame (&ma, &mb, 1));
}

static void
test_cause_chain (void)
{
  WlLinkParams params = test_link_params (10000000, 5 * WL_US);
  g_autoptr (GPtrArray) sent = NULL;
  g_autoptr (GPtrArray) recv = NULL;
  const WlTraceEvent *action;
  Pair p;

  pair_init (&p, 1, &params);
  wl_sim_schedule_at (p.sim, 100, on_marker_action, &p, NULL, NULL);
  wl_sim_run (p.sim, WL_TIME_FOREVER, 0);

  action = test_trace_one (p.mem, WL_EVENT_ACTION, WL_CODE_NONE, 0, -1, -1);
  sent = test_trace_find (p.mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0, 0);
  recv = test_trace_find (p.mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1, 0, 0);
  g_assert_cmpuint (sent->len, ==, 2);
  g_assert_cmpuint (recv->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const WlTraceEvent *s = g_ptr_array_index (sent, i);
      const WlTraceEvent *r = g_ptr_array_index (recv, i);

      g_assert_cmpuint (s->cause, ==, action->id);
      g_assert_cmpuint (r->cause, ==, s->id);
      g_assert_cmpuint (s->time, ==, 100 + i * 67200);
    }
  pair_clear (&p);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l2/link/crc32", test_crc32);
  g_test_add_func ("/engine/l2/link/serialisation", test_serialisation);
  g_test_add_func ("/engine/l2/link/back-to-back", test_back_to_back);
  g_test_add_func ("/engine/l2/link/fifo-under-jitter", test_fifo_under_jitter);
  g_test_add_func ("/engine/l2/link/loss-all", test_loss_all);
  g_test_add_func ("/engine/l2/link/loss-seeded", test_loss_seeded);
  g_test_add_func ("/engine/l2/link/duplicate", test_duplicate);
  g_test_add_func ("/engine/l2/link/bit-errors", test_bit_errors);
  g_test_add_func ("/engine/l2/link/tx-queue-full", test_tx_queue_full);
  g_test_add_func ("/engine/l2/link/unplugged", test_unplugged);
  g_test_add_func ("/engine/l2/link/sent-bytes", test_sent_bytes);
  g_test_add_func ("/engine/l2/link/cause-chain", test_cause_chain);
  return g_test_run ();
}
