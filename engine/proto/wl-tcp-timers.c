/* wl-tcp-timers.c — the four timers of a TCP connection.
 *
 * RFC 6298 (computing TCP's retransmission timer), RFC 9293 §3.8.1 and §3.8.6.1 (persist),
 * RFC 1122 §4.2.3.2 (delayed ACK), RFC 9293 §3.3.2 (TIME_WAIT), Karn and Partridge 1987.
 *
 * Where it sits: beside wl-tcp-output.c.  Timers are events in the simulation queue whose
 * target is the connection; freeing a connection cancels them.  A timer that fires runs with
 * the cause it was armed with, and what it sends names a note it emits first (a retransmit
 * note before the retransmitted segment).
 *
 *   retransmission  RTO after the oldest unacknowledged segment was sent (restarted by every
 *                   ACK of new data, RFC 6298 (5.3)).  On expiry: RTO doubles (max 120 s),
 *                   congestion control hears of it, snd_nxt goes back to snd_una and the first
 *                   segment is sent again.  Gives up after 6 SYNs, 5 SYN-ACKs, 15 data.
 *   persist         data waits behind a zero (or silly) window with nothing in flight: after
 *                   RTO << probes (max 120 s), a probe (wl-tcp-output.c).
 *   delayed ACK     40 ms after data that did not need an immediate ACK.
 *   wait            TIME_WAIT: 2·MSL = 60 s, restarted by a retransmitted FIN; then CLOSED.
 *                   Also an orphan's FIN_WAIT_2 limit (60 s, Linux tcp_fin_timeout).
 *
 * The RTO (RFC 6298 §2), from RTT samples R in nanoseconds, K = 4, G = 1 ms:
 *   first sample     SRTT = R, RTTVAR = R/2
 *   later samples    RTTVAR = 3/4 RTTVAR + 1/4 |SRTT − R|, then SRTT = 7/8 SRTT + 1/8 R
 *   RTO = SRTT + max(G, K·RTTVAR), at least 200 ms (Linux; the RFC says 1 s), at most 120 s.
 * Integer arithmetic on nanoseconds, so the same samples give the same RTO everywhere.
 * Each new value is a tcp-rto note "rto_ns=… srtt_ns=… rttvar_ns=…".
 */
#define G_LOG_DOMAIN "wl-tcp"
#include "config.h"

#include "wl-tcp-private.h"

static void
rto_note (WlTcpPcb *pcb)
{
  _wl_tcp_note (pcb, WL_NOTE_TCP_RTO,
                "rto_ns=%" G_GUINT64_FORMAT " srtt_ns=%" G_GUINT64_FORMAT
                " rttvar_ns=%" G_GUINT64_FORMAT, pcb->rto, pcb->srtt, pcb->rttvar);
}

void
_wl_tcp_rtt_sample (WlTcpPcb *pcb,
                    WlTime    r)
{
  if (!pcb->have_rtt)
    {
      pcb->srtt = r;             /* (2.2) */
      pcb->rttvar = r / 2;
      pcb->have_rtt = TRUE;
    }
  else
    {
      WlTime diff = pcb->srtt > r ? pcb->srtt - r : r - pcb->srtt;

      pcb->rttvar = (3 * pcb->rttvar + diff) / 4;  /* (2.3): beta = 1/4, with the old SRTT */
      pcb->srtt = (7 * pcb->srtt + r) / 8;         /* alpha = 1/8 */
    }
  pcb->rto = pcb->srtt + MAX (WL_TCP_CLOCK_G, 4 * pcb->rttvar);
  pcb->rto = CLAMP (pcb->rto, WL_TCP_RTO_MIN, WL_TCP_RTO_MAX);  /* (2.4), (2.5) */
  rto_note (pcb);
}

static void
cancel (WlTcpPcb  *pcb,
        WlTimerId *id)
{
  if (*id != 0)
    wl_sim_cancel (pcb->stack->sim, *id);
  *id = 0;
}

/* Retransmission --------------------------------------------------------------------------- */

static guint
retry_limit (const WlTcpPcb *pcb)
{
  if (pcb->state == WL_TCP_SYN_SENT)
    return WL_TCP_SYN_RETRIES;
  if (pcb->state == WL_TCP_SYN_RECEIVED)
    return WL_TCP_SYNACK_RETRIES;
  return WL_TCP_RETRIES;
}

static void
rtx_timeout (WlTcpPcb *pcb)
{
  WlTime expired = pcb->rto;
  guint64 prev, note;

  if (pcb->retries >= retry_limit (pcb))
    {
      /* Linux gives up without a RST: the peer is unreachable anyway. */
      _wl_tcp_terminate (pcb, WL_TCP_ERROR_TIMED_OUT);
      return;
    }
  if (pcb->state >= WL_TCP_ESTABLISHED)
    _wl_tcp_cc_timeout (pcb);  /* before counting: it checks for a first timeout */
  else
    pcb->syn_lost = TRUE;      /* the initial window will be one segment */
  pcb->retries++;
  pcb->rto = MIN (pcb->rto * 2, WL_TCP_RTO_MAX);  /* (5.5) back off */
  rto_note (pcb);
  note = _wl_tcp_note (pcb, WL_NOTE_TCP_RETRANSMIT, "seq=%u len=%u rto_ns=%" G_GUINT64_FORMAT,
                       pcb->snd_una, _wl_tcp_first_len (pcb), expired);
  prev = wl_sim_get_cause (pcb->stack->sim);
  wl_sim_set_cause (pcb->stack->sim, note);
  pcb->snd_nxt = pcb->snd_una;  /* go back N */
  _wl_tcp_retransmit (pcb);     /* (5.4) */
  _wl_tcp_rtx_start (pcb);      /* (5.6) */
  wl_sim_set_cause (pcb->stack->sim, prev);
}

static void
on_rtx (WlSim   *sim,
        gpointer target,
        gpointer data)
{
  WlTcpPcb *pcb = target;

  pcb->rtx_timer = 0;
  rtx_timeout (pcb);
  _wl_tcp_reap (pcb);
}

void
_wl_tcp_rtx_start (WlTcpPcb *pcb)
{
  if (pcb->rtx_timer == 0)
    pcb->rtx_timer = wl_sim_schedule (pcb->stack->sim, pcb->rto, on_rtx, pcb, NULL, NULL);
}

void
_wl_tcp_rtx_restart (WlTcpPcb *pcb)
{
  cancel (pcb, &pcb->rtx_timer);
  _wl_tcp_rtx_start (pcb);
}

void
_wl_tcp_rtx_stop (WlTcpPcb *pcb)
{
  cancel (pcb, &pcb->rtx_timer);
}

/* Persist ---------------------------------------------------------------------------------- */

static void
on_persist (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  WlTcpPcb *pcb = target;

  pcb->persist_timer = 0;
  _wl_tcp_send_probe (pcb);
  pcb->probes++;
  _wl_tcp_output (pcb);  /* re-arms the timer (backed off) if the window is still shut */
  _wl_tcp_reap (pcb);
}

void
_wl_tcp_persist_start (WlTcpPcb *pcb)
{
  WlTime delay = pcb->rto;

  if (pcb->persist_timer != 0)
    return;
  for (guint i = 0; i < pcb->probes && delay < WL_TCP_RTO_MAX; i++)
    delay *= 2;
  delay = MIN (delay, WL_TCP_RTO_MAX);
  pcb->persist_timer = wl_sim_schedule (pcb->stack->sim, delay, on_persist, pcb, NULL, NULL);
}

void
_wl_tcp_persist_stop (WlTcpPcb *pcb)
{
  cancel (pcb, &pcb->persist_timer);
  pcb->probes = 0;
}

/* Delayed ACK ------------------------------------------------------------------------------ */

static void
on_delack (WlSim   *sim,
           gpointer target,
           gpointer data)
{
  WlTcpPcb *pcb = target;

  pcb->delack_timer = 0;
  if (pcb->ack_delayed || pcb->rcv_acked != pcb->rcv_nxt)
    _wl_tcp_send_ack (pcb);
}

void
_wl_tcp_delack_start (WlTcpPcb *pcb)
{
  if (pcb->delack_timer == 0)
    pcb->delack_timer = wl_sim_schedule (pcb->stack->sim, WL_TCP_DELACK, on_delack, pcb, NULL,
                                         NULL);
}

void
_wl_tcp_delack_stop (WlTcpPcb *pcb)
{
  cancel (pcb, &pcb->delack_timer);
}

/* TIME_WAIT and FIN_WAIT_2 ----------------------------------------------------------------- */

static void
on_wait (WlSim   *sim,
         gpointer target,
         gpointer data)
{
  WlTcpPcb *pcb = target;

  pcb->wait_timer = 0;
  _wl_tcp_set_state (pcb, WL_TCP_CLOSED);
  _wl_tcp_reap (pcb);
}

void
_wl_tcp_wait_start (WlTcpPcb *pcb,
                    WlTime    delay)
{
  cancel (pcb, &pcb->wait_timer);
  pcb->wait_timer = wl_sim_schedule (pcb->stack->sim, delay, on_wait, pcb, NULL, NULL);
}

void
_wl_tcp_timers_stop (WlTcpPcb *pcb)
{
  cancel (pcb, &pcb->rtx_timer);
  cancel (pcb, &pcb->persist_timer);
  cancel (pcb, &pcb->delack_timer);
  cancel (pcb, &pcb->wait_timer);
}
