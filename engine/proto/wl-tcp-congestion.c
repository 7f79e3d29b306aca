/* wl-tcp-congestion.c — TCP congestion control: slow start, congestion avoidance, fast
 * retransmit and fast recovery (NewReno).
 *
 * RFC 5681 (the four algorithms), RFC 6582 (NewReno's partial ACKs), RFC 6928 (initial
 * window of 10 segments), RFC 3465 (counting acknowledged bytes).
 *
 * Where it sits: wl-tcp-input.c tells it about ACKs (new data, duplicates), wl-tcp-timers.c
 * about timeouts; it sets cwnd and ssthresh, which wl-tcp-output.c obeys: no more than
 * min(cwnd, the peer's window) bytes in flight.
 *
 * State: per connection cwnd, ssthresh, the duplicate ACK count, bytes acknowledged since
 * cwnd last grew (congestion avoidance), and for fast recovery the flag and "recover".
 *
 *   start        cwnd = IW = min(10·MSS, max(2·MSS, 14600)), or 1 MSS when the SYN was lost;
 *                ssthresh = 65535
 *   slow start   (cwnd < ssthresh) each ACK of new data: cwnd += min(acked, 2·MSS), up to
 *                ssthresh
 *   cong. avoid. (cwnd ≥ ssthresh) cwnd += MSS once per cwnd bytes acknowledged
 *   3rd dup ACK  if it covers more than recover: recover = highest sequence sent,
 *                ssthresh = max(FlightSize/2, 2·MSS), retransmit, cwnd = ssthresh + 3·MSS
 *   in recovery  each further dup ACK: cwnd += MSS (each one means a segment left the net);
 *                partial ACK: retransmit the next hole, cwnd −= acked, += MSS if acked ≥ MSS;
 *                full ACK (covers recover): cwnd = min(ssthresh, max(FlightSize, MSS) + MSS)
 *   timeout      ssthresh = max(FlightSize/2, 2·MSS) on a first timeout, cwnd = 1 MSS,
 *                recovery ends, recover = highest sequence sent (RFC 6582 §3.2 step 4)
 *
 * Every change of cwnd, ssthresh or phase is a tcp-cwnd note
 * "cwnd=… ssthresh=… phase=slow-start|congestion-avoidance|fast-recovery", the series a
 * plot of the congestion window is drawn from.
 */
#define G_LOG_DOMAIN "wl-tcp"
#include "config.h"

#include "wl-tcp-private.h"

static const char *
phase (const WlTcpPcb *pcb)
{
  if (pcb->in_recovery)
    return "fast-recovery";
  return pcb->cwnd < pcb->ssthresh ? "slow-start" : "congestion-avoidance";
}

static void
cwnd_note (WlTcpPcb *pcb)
{
  _wl_tcp_note (pcb, WL_NOTE_TCP_CWND, "cwnd=%u ssthresh=%u phase=%s", pcb->cwnd,
                pcb->ssthresh, phase (pcb));
}

/* RFC 5681 equation (4). */
static guint32
half_flight (const WlTcpPcb *pcb)
{
  return MAX (_wl_tcp_flight_size (pcb) / 2, 2u * pcb->mss);
}

void
_wl_tcp_cc_init (WlTcpPcb *pcb,
                 gboolean  syn_lost)
{
  guint32 mss = pcb->mss;

  pcb->cwnd = syn_lost ? mss : MIN (10 * mss, MAX (2 * mss, 14600u));
  pcb->ssthresh = WL_TCP_INITIAL_SSTHRESH;
  pcb->bytes_acked = 0;
  pcb->dupacks = 0;
  pcb->in_recovery = FALSE;
  cwnd_note (pcb);
}

/* An ACK during fast recovery (RFC 6582 §3.2 steps 3 and 5). */
static gboolean
recovery_ack (WlTcpPcb *pcb,
              guint32   bytes)
{
  gboolean first;

  if (WL_SEQ_GT (pcb->snd_una, pcb->recover))
    {
      /* Full ACK: everything up to recover arrived. */
      pcb->cwnd = MIN (pcb->ssthresh, MAX (_wl_tcp_flight_size (pcb), pcb->mss) + pcb->mss);
      pcb->in_recovery = FALSE;
      pcb->dupacks = 0;
      pcb->bytes_acked = 0;
      cwnd_note (pcb);
      return TRUE;
    }
  /* Partial ACK: the next segment was lost too. */
  _wl_tcp_retransmit (pcb);
  pcb->cwnd = pcb->cwnd > bytes ? pcb->cwnd - bytes : 0;
  if (bytes >= pcb->mss)
    pcb->cwnd += pcb->mss;
  pcb->cwnd = MAX (pcb->cwnd, pcb->mss);
  cwnd_note (pcb);
  first = !pcb->partial_seen;
  pcb->partial_seen = TRUE;
  return first;
}

gboolean
_wl_tcp_cc_ack (WlTcpPcb *pcb,
                guint32   bytes)
{
  guint32 before = pcb->cwnd;

  if (pcb->in_recovery)
    return recovery_ack (pcb, bytes);
  pcb->dupacks = 0;
  if (bytes == 0 || pcb->cwnd == 0)
    return TRUE;  /* only a SYN or FIN acknowledged, or before ESTABLISHED */
  if (pcb->cwnd < pcb->ssthresh)
    pcb->cwnd = MIN (pcb->cwnd + MIN (bytes, 2u * pcb->mss), pcb->ssthresh);
  else
    {
      pcb->bytes_acked += bytes;
      if (pcb->bytes_acked >= pcb->cwnd)
        {
          pcb->bytes_acked -= pcb->cwnd;
          pcb->cwnd += pcb->mss;
        }
    }
  if (pcb->cwnd != before)
    cwnd_note (pcb);
  return TRUE;
}

void
_wl_tcp_cc_dupack (WlTcpPcb *pcb)
{
  guint64 prev, note;

  if (pcb->cwnd == 0)
    return;
  pcb->dupacks++;
  if (pcb->in_recovery)
    {
      pcb->cwnd += pcb->mss;  /* inflation: a segment has left the network */
      cwnd_note (pcb);
      return;
    }
  if (pcb->dupacks != 3 || !WL_SEQ_GT (pcb->snd_una, pcb->recover))
    return;  /* RFC 6582: not for losses of a window already recovered from */
  pcb->recover = pcb->snd_max - 1;
  pcb->ssthresh = half_flight (pcb);
  note = _wl_tcp_note (pcb, WL_NOTE_TCP_FAST_RETRANSMIT, "seq=%u", pcb->snd_una);
  prev = wl_sim_get_cause (pcb->stack->sim);
  wl_sim_set_cause (pcb->stack->sim, note);
  _wl_tcp_retransmit (pcb);
  _wl_tcp_rtx_restart (pcb);
  wl_sim_set_cause (pcb->stack->sim, prev);
  pcb->cwnd = pcb->ssthresh + 3 * pcb->mss;
  pcb->in_recovery = TRUE;
  pcb->partial_seen = FALSE;
  cwnd_note (pcb);
}

void
_wl_tcp_cc_timeout (WlTcpPcb *pcb)
{
  /* RFC 5681 §3.1: ssthresh is halved once; a segment timing out again keeps it. */
  if (pcb->retries == 0)
    pcb->ssthresh = half_flight (pcb);
  pcb->cwnd = pcb->mss;
  pcb->bytes_acked = 0;
  pcb->dupacks = 0;
  pcb->in_recovery = FALSE;
  pcb->recover = pcb->snd_max - 1;
  cwnd_note (pcb);
}
