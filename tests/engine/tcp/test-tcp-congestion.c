/* Congestion control (RFC 5681, RFC 6582) on scripted loss patterns: PC1 sends to a peer that
 * acknowledges every segment at once and "loses" the first copy of chosen segments; the
 * tcp-cwnd notes must show exactly the cwnd and ssthresh the RFCs give. */
#include "config.h"

#include "tcp-test.h"

#define MSS 1460

/* PC1 (connected to the peer, which now acknowledges every segment) sends segs full segments;
 * the first copy of the segments numbered in lost (1-based, 0-terminated) is lost. */
static void
transfer (TcpFix      *f,
          guint        segs,
          const guint *lost)
{
  g_autofree guint8 *data = g_malloc0 (segs * MSS);

  tcp_fix_init (f);
  tcp_establish_active (f);
  tcp_peer_receive (f->peer, f->iss + 1, 65535);
  for (guint i = 0; lost[i] != 0; i++)
    tcp_peer_lose (f->peer, f->iss + 1 + (lost[i] - 1) * MSS);
  g_assert_cmpint (wl_socket_send (f->app.sock, data, segs * MSS, NULL), ==, segs * MSS);
  tcp_run_until (f->bed, f->t + 10 * WL_S);
  g_assert_cmpuint (f->peer->bytes, ==, segs * MSS);  /* everything arrived, in order */
}

/* "a/b/phase …" for cwnd values first..last step MSS in phase, with ssthresh. */
static void
append_steps (GString    *s,
              guint       first,
              guint       last,
              guint       ssthresh,
              const char *phase)
{
  for (guint c = first; c <= last; c += MSS)
    g_string_append_printf (s, "%s%u/%u/%s", s->len ? " " : "", c, ssthresh, phase);
}

/* Segment 12 of 30 is lost.  Slow start from IW = 10·MSS: each ACK of segments 1–11 adds one
 * MSS (30660).  Segments 13–30 each bring a duplicate ACK; the third one triggers fast
 * retransmit: ssthresh = FlightSize/2 = 19·1460/2 = 13870, cwnd = ssthresh + 3·MSS = 18250,
 * then one MSS more for each of the 15 later duplicates (40150).  The retransmission fills the
 * hole: a full ACK, cwnd = min(ssthresh, max(FlightSize, MSS) + MSS) = 2920, slow start. */
static void
test_fast_retransmit (void)
{
  TcpFix f;
  const guint lost[] = { 12, 0 };
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autofree char *cwnds = NULL;
  const WlTraceEvent *fr;

  transfer (&f, 30, lost);
  append_steps (expected, 14600, 30660, 65535, "slow-start");
  append_steps (expected, 18250, 40150, 13870, "fast-recovery");
  g_string_append (expected, " 2920/13870/slow-start");
  cwnds = tcp_cwnds (f.bed, 0);
  g_assert_cmpstr (cwnds, ==, expected->str);

  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_FAST_RETRANSMIT, 0), ==, 1);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RETRANSMIT, 0), ==, 0);
  fr = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_FAST_RETRANSMIT, 0, 0);
  g_assert_cmpuint (l3_arg_u64 (fr, "seq"), ==, f.iss + 1 + 11 * MSS);
  /* 30 segments, the SYN and its ACK, one retransmission */
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 2 + 30 + 1);
  tcp_fix_clear (&f);
}

/* Segments 12 and 16 are lost (NewReno, RFC 6582).  As above until the third duplicate ACK
 * (13870 and 18250); 14 more duplicates (segments 17–30): 38690.  The retransmitted 12 brings
 * a partial ACK (up to 16, 4 segments): 16 is sent at once, cwnd = 38690 − 5840 + MSS = 34310,
 * still in fast recovery.  Its retransmission brings the full ACK: 2920. */
static void
test_newreno_partial_ack (void)
{
  TcpFix f;
  const guint lost[] = { 12, 16, 0 };
  g_autoptr (GString) expected = g_string_new (NULL);
  g_autofree char *cwnds = NULL;

  transfer (&f, 30, lost);
  append_steps (expected, 14600, 30660, 65535, "slow-start");
  append_steps (expected, 18250, 38690, 13870, "fast-recovery");
  g_string_append (expected, " 34310/13870/fast-recovery 2920/13870/slow-start");
  cwnds = tcp_cwnds (f.bed, 0);
  g_assert_cmpstr (cwnds, ==, expected->str);
  /* one fast retransmit; the second hole is repaired by the partial ACK, not a timeout */
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_FAST_RETRANSMIT, 0), ==, 1);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RETRANSMIT, 0), ==, 0);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 2 + 30 + 2);
  tcp_fix_clear (&f);
}

/* The last of 5 segments is lost: no duplicate ACKs can come, the timer fires.  Slow start to
 * 20440; timeout: ssthresh = max(FlightSize/2, 2·MSS) = 2920, cwnd = 1 MSS; the ACK of the
 * retransmission: cwnd 2920 = ssthresh, congestion avoidance. */
static void
test_timeout (void)
{
  TcpFix f;
  const guint lost[] = { 5, 0 };
  g_autofree char *cwnds = NULL;
  const WlTraceEvent *rtx, *last_ack;
  g_autoptr (GPtrArray) frames = NULL;

  transfer (&f, 5, lost);
  cwnds = tcp_cwnds (f.bed, 0);
  g_assert_cmpstr (cwnds, ==,
                   "14600/65535/slow-start 16060/65535/slow-start 17520/65535/slow-start "
                   "18980/65535/slow-start 20440/65535/slow-start 1460/2920/slow-start "
                   "2920/2920/congestion-avoidance");
  rtx = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RETRANSMIT, 0, 0);
  g_assert_nonnull (rtx);
  g_assert_cmpuint (l3_arg_u64 (rtx, "seq"), ==, f.iss + 1 + 4 * MSS);
  g_assert_cmpuint (l3_arg_u64 (rtx, "len"), ==, MSS);
  g_assert_cmpuint (l3_arg_u64 (rtx, "rto_ns"), ==, WL_TCP_RTO_MIN);
  /* the timer was restarted by the last ACK of new data (RFC 6298 (5.3)) */
  frames = l3_ip_frames (f.bed, WL_EVENT_FRAME_RECEIVED, 0, WL_IP_PROTO_TCP);
  last_ack = NULL;
  for (guint i = 0; i < frames->len; i++)
    if (((const WlTraceEvent *) g_ptr_array_index (frames, i))->time < rtx->time)
      last_ack = g_ptr_array_index (frames, i);
  g_assert_nonnull (last_ack);
  g_assert_cmpuint (rtx->time - last_ack->time, ==, WL_TCP_RTO_MIN);
  tcp_fix_clear (&f);
}

/* Congestion avoidance: one MSS per cwnd bytes acknowledged.  ssthresh is reached at 65535
 * after slow start; from then on cwnd grows by MSS only when a whole cwnd was acknowledged. */
static void
test_congestion_avoidance (void)
{
  TcpFix f;
  const guint lost[] = { 0 };
  g_autoptr (GPtrArray) notes = NULL;
  const WlTraceEvent *ca, *next;

  g_autoptr (GPtrArray) acks = NULL;
  g_autofree char *phase = NULL;
  guint between = 0;

  transfer (&f, 85, lost);
  notes = l3_find (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_CWND, 0);
  /* 14600 + 35 ACKs · 1460 = 65700 > 65535: the 35th ACK stops at ssthresh */
  ca = g_ptr_array_index (notes, 35);
  phase = l3_arg (ca, "phase");
  g_assert_cmpuint (l3_arg_u64 (ca, "cwnd"), ==, 65535);
  g_assert_cmpstr (phase, ==, "congestion-avoidance");
  next = g_ptr_array_index (notes, 36);
  g_assert_cmpuint (l3_arg_u64 (next, "cwnd"), ==, 65535 + MSS);
  /* 65535 bytes are 45 ACKs of 1460 (65700): the increase comes with the 45th */
  acks = l3_ip_frames (f.bed, WL_EVENT_FRAME_RECEIVED, 0, WL_IP_PROTO_TCP);
  for (guint i = 0; i < acks->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (acks, i);

      if (ev->time > ca->time && ev->time <= next->time)
        between++;
    }
  g_assert_cmpuint (between, ==, 45);
  tcp_fix_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/tcp/congestion/fast-retransmit", test_fast_retransmit);
  g_test_add_func ("/engine/tcp/congestion/newreno-partial-ack", test_newreno_partial_ack);
  g_test_add_func ("/engine/tcp/congestion/timeout", test_timeout);
  g_test_add_func ("/engine/tcp/congestion/congestion-avoidance", test_congestion_avoidance);
  return g_test_run ();
}
