/* The retransmission timer (RFC 6298): SRTT, RTTVAR and RTO on a scripted sequence of RTT
 * samples against the RFC's formulas, the 200 ms floor and 120 s ceiling, exponential backoff
 * on repeated timeouts, and Karn's rule (no sample from a retransmitted segment; the backed-off
 * RTO stays until a fresh sample). */
#include "config.h"

#include <math.h>

#include "tcp-test.h"

/* The RFC's formulas in floating point, written independently of wl-tcp-timers.c. */
typedef struct
{
  double srtt;
  double rttvar;
  double rto;
  int    n;
} RefRto;

static void
ref_sample (RefRto *r,
            double  rtt)
{
  const double alpha = 1.0 / 8, beta = 1.0 / 4, k = 4, g = 0.001;

  if (r->n++ == 0)
    {
      r->srtt = rtt;             /* (2.2) */
      r->rttvar = rtt / 2;
    }
  else
    {
      r->rttvar = (1 - beta) * r->rttvar + beta * fabs (r->srtt - rtt);  /* (2.3) */
      r->srtt = (1 - alpha) * r->srtt + alpha * rtt;
    }
  r->rto = r->srtt + MAX (g, k * r->rttvar);
  r->rto = CLAMP (r->rto, 0.2, 120.0);  /* Linux's floor, RFC 6298 (2.5)'s ceiling */
}

static void
test_formulas (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  WlTcpPcb *pcb;
  /* milliseconds: a quiet path, then a spike, then quiet again */
  const double rtts[] = { 100, 200, 50, 50, 60, 400, 70, 80, 90, 100, 100, 100, 100, 100 };
  RefRto ref = { 0 };
  g_autoptr (GPtrArray) notes = NULL;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  bed = l3_bed_new (lab, 1);
  pcb = wl_tcp_pcb_new (l3_bed_stack (bed, "PC1"));
  g_assert_cmpuint (pcb->rto, ==, WL_S);  /* (2.1) before any sample */

  for (guint i = 0; i < G_N_ELEMENTS (rtts); i++)
    {
      _wl_tcp_rtt_sample (pcb, (WlTime) (rtts[i] * WL_MS));
      ref_sample (&ref, rtts[i] / 1000);
      /* integer nanoseconds against real numbers: the truncations stay below 10 ns */
      g_assert_cmpfloat_with_epsilon ((double) pcb->srtt / WL_S, ref.srtt, 1e-8);
      g_assert_cmpfloat_with_epsilon ((double) pcb->rttvar / WL_S, ref.rttvar, 1e-8);
      g_assert_cmpfloat_with_epsilon ((double) pcb->rto / WL_S, ref.rto, 4e-8);
    }

  /* The first three by hand: 100 ms → SRTT 100, RTTVAR 50, RTO 100 + 4·50 = 300 ms;
   * 200 ms → RTTVAR 3/4·50 + 1/4·100 = 62.5, SRTT 7/8·100 + 1/8·200 = 112.5, RTO 362.5;
   * 50 ms → RTTVAR 3/4·62.5 + 1/4·62.5 = 62.5, SRTT 104.6875, RTO 354.6875 ms. */
  notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_TCP_RTO, 0);
  g_assert_cmpuint (notes->len, ==, G_N_ELEMENTS (rtts));
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 0), "rto_ns"), ==, 300000000);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 0), "srtt_ns"), ==, 100000000);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 0), "rttvar_ns"), ==, 50000000);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 1), "rto_ns"), ==, 362500000);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 1), "rttvar_ns"), ==, 62500000);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 2), "srtt_ns"), ==, 104687500);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 2), "rto_ns"), ==, 354687500);
  /* after the 400 ms spike the RTO jumps, then decays towards SRTT + 4·RTTVAR of a calm
   * path: 100 ms samples leave RTTVAR shrinking by a quarter each time */
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 5), "rto_ns"), >, 600000000);
  g_assert_cmpuint (l3_arg_u64 (g_ptr_array_index (notes, 13), "rto_ns"), <,
                    l3_arg_u64 (g_ptr_array_index (notes, 12), "rto_ns"));
  wl_tcp_close (pcb);
}

static void
test_bounds (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  WlTcpPcb *fast, *slow;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  bed = l3_bed_new (lab, 1);
  fast = wl_tcp_pcb_new (l3_bed_stack (bed, "PC1"));
  slow = wl_tcp_pcb_new (l3_bed_stack (bed, "PC1"));
  /* 1 ms: 1 + 4·0.5 = 3 ms, raised to Linux's 200 ms floor */
  _wl_tcp_rtt_sample (fast, WL_MS);
  g_assert_cmpuint (fast->srtt, ==, WL_MS);
  g_assert_cmpuint (fast->rto, ==, WL_TCP_RTO_MIN);
  /* 100 s: 100 + 4·50 = 300 s, cut to 120 s */
  _wl_tcp_rtt_sample (slow, 100 * WL_S);
  g_assert_cmpuint (slow->rto, ==, WL_TCP_RTO_MAX);
  wl_tcp_close (fast);
  wl_tcp_close (slow);
}

/* Data that is never acknowledged: timeouts after RTO, 2·RTO, 4·RTO … (RFC 6298 (5.5)). */
static void
test_backoff (void)
{
  TcpFix f;
  g_autoptr (GPtrArray) rtx = NULL;
  WlTime last;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_assert_cmpuint (tcp_fix_pcb (&f)->rto, ==, WL_TCP_RTO_MIN);  /* a 1 ms handshake */
  g_assert_cmpint (wl_socket_send (f.app.sock, (const guint8 *) "hello", 5, NULL), ==, 5);
  last = f.t;
  tcp_run_until (f.bed, f.t + 60 * WL_S);
  rtx = l3_find (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RETRANSMIT, 0);
  g_assert_cmpuint (rtx->len, ==, 8);  /* 0.2 + 0.4 + … + 25.6 s = 51 s */
  for (guint i = 0; i < rtx->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (rtx, i);
      WlTime rto = WL_TCP_RTO_MIN << i;

      g_assert_cmpuint (ev->time - last, ==, rto);
      g_assert_cmpuint (l3_arg_u64 (ev, "rto_ns"), ==, rto);
      g_assert_cmpuint (l3_arg_u64 (ev, "seq"), ==, f.iss + 1);
      g_assert_cmpuint (l3_arg_u64 (ev, "len"), ==, 5);
      last = ev->time;
    }
  /* every retransmission is the same segment, and each is explained by its note */
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 2 + 1 + 8);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.seq, ==, f.iss + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->len, ==, 5);
  tcp_fix_clear (&f);
}

/* Karn: the ACK of a retransmitted segment gives no sample; the backed-off RTO stays until a
 * segment sent once is acknowledged. */
static void
test_karn (void)
{
  TcpFix f;
  WlTcpPcb *pcb;
  WlTime srtt;
  guint rto_notes;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  pcb = tcp_fix_pcb (&f);
  srtt = pcb->srtt;
  g_assert_cmpint (wl_socket_send (f.app.sock, (const guint8 *) "hello", 5, NULL), ==, 5);
  /* not acknowledged: one timeout at 200 ms, then the RTO is 400 ms */
  tcp_run_until (f.bed, f.t + 300 * WL_MS);
  f.t += 300 * WL_MS;
  g_assert_cmpuint (pcb->rto, ==, 2 * WL_TCP_RTO_MIN);
  rto_notes = l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RTO, 0);
  /* 100 ms after the retransmission, the ACK: no sample (Karn), RTO stays backed off */
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 6, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (pcb->srtt, ==, srtt);
  g_assert_cmpuint (pcb->rto, ==, 2 * WL_TCP_RTO_MIN);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RTO, 0), ==, rto_notes);
  /* new data acknowledged after 5 ms: a sample; the RTO is computed again */
  g_assert_cmpint (wl_socket_send (f.app.sock, (const guint8 *) "world", 5, NULL), ==, 5);
  f.t += 5 * WL_MS;
  tcp_run_until (f.bed, f.t);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 11, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (pcb->srtt, !=, srtt);
  g_assert_cmpuint (pcb->rto, ==, WL_TCP_RTO_MIN);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RTO, 0), ==, rto_notes + 1);
  tcp_fix_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/tcp/rto/rfc6298-formulas", test_formulas);
  g_test_add_func ("/engine/tcp/rto/bounds", test_bounds);
  g_test_add_func ("/engine/tcp/rto/backoff", test_backoff);
  g_test_add_func ("/engine/tcp/rto/karn", test_karn);
  return g_test_run ();
}
