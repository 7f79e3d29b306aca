/* wl-tcp-output.c — TCP sending: building segments, deciding what may go now, and when to
 * acknowledge.
 *
 * RFC 9293 §3.8.6 (windows, silly window syndrome), §3.7.4 and RFC 896 (Nagle), RFC 1122
 * §4.2.3.2 and RFC 5681 §4.2 (delayed ACKs), RFC 6298 (timing one segment per round trip).
 *
 * Where it sits: below the state machine (wl-tcp.c) and the timers (wl-tcp-timers.c), above
 * IPv4: every segment leaves through _wl_tcp_xmit, which puts the header in front of the data
 * (wl-tcp-wire.h), computes the checksum with the pseudo-header and calls wl_ipv4_output with
 * DF set, as Linux does.
 *
 * What goes (_wl_tcp_output), segment by segment from snd_nxt:
 *   len = min(unsent data, MSS, snd_una + min(snd_wnd, cwnd) − snd_nxt)
 *   - a segment cut short by the window goes only if it is at least half the largest window
 *     the peer ever offered (sender-side SWS avoidance, §3.8.6.2.1);
 *   - a segment shorter than the MSS waits while an earlier short one is unacknowledged
 *     (Nagle with Minshall's change, Linux's tcp_minshall_check), unless it carries the FIN;
 *   - the FIN rides on the last data segment, or goes alone — even into a zero window;
 *   - PSH marks the segment that empties the send buffer.
 * When data waits, nothing is in flight and the window forbids sending, the persist timer
 * starts (its probe is _wl_tcp_send_probe).  Every segment we send carries the ACK of all we
 * received; the one still owed after that goes bare, at once or from the delayed-ACK timer.
 *
 * Sequence numbers: data segments start at snd_nxt, which a timeout moves back to snd_una
 * (go back N); bare ACKs and RSTs use snd_max, the highest sent (Linux's snd_nxt, which is
 * never moved back), so that they are never taken for old segments.
 */
#define G_LOG_DOMAIN "wl-tcp"
#include "config.h"

#include "wl-tcp-private.h"
#include "wl-ipv4-wire.h"

void
_wl_tcp_xmit (WlStack           *stack,
              guint32            src,
              guint32            dst,
              const WlTcpHeader *h,
              const guint8      *data,
              gsize              len)
{
  WlPacket *pkt = wl_packet_new_from_data (data, len);
  WlIpv4Send ip = { .src = src, .dst = dst, .proto = WL_IP_PROTO_TCP, .df = TRUE };
  guint hlen = wl_tcp_header_len (h);
  guint8 *p = wl_packet_push (pkt, hlen);

  wl_tcp_header_encode (p, h);
  wl_put_u16 (p + WL_TCP_OFF_CSUM, wl_tcp_checksum (src, dst, p, hlen + len));
  wl_ipv4_output (stack, pkt, &ip);
}

/* The window we may offer now: the free buffer (out-of-order data uses it too), but the
 * right edge only moves by a useful amount (receiver SWS avoidance, RFC 9293 §3.8.6.2.2) and
 * never moves left.  After the peer's FIN nothing more can come: the free space is offered. */
static guint32
window_to_offer (const WlTcpPcb *pcb)
{
  guint32 used = pcb->rcvbuf->len + _wl_tcp_ooo_bytes (pcb);
  guint32 free = pcb->rcvbuf_max > used ? pcb->rcvbuf_max - used : 0;
  guint32 cur = WL_SEQ_GT (pcb->rcv_adv, pcb->rcv_nxt) ? pcb->rcv_adv - pcb->rcv_nxt : 0;
  guint32 wnd = free >= cur + MIN (pcb->rcvbuf_max / 2, pcb->mss) ? free : cur;

  if (pcb->fin_received)
    wnd = MAX (free, cur);

  return MIN (wnd, 65535);  /* no window scaling */
}

static guint16
select_window (WlTcpPcb *pcb)
{
  guint32 wnd = window_to_offer (pcb);

  pcb->rcv_adv = pcb->rcv_nxt + wnd;
  if (wnd != pcb->rcv_wnd_sent)
    _wl_tcp_note (pcb, WL_NOTE_TCP_WINDOW, "wnd=%u", wnd);
  pcb->rcv_wnd_sent = (guint16) wnd;
  return (guint16) wnd;
}

/* One segment of this connection; with ACK set it acknowledges everything received. */
static void
send_segment (WlTcpPcb     *pcb,
              guint32       seq,
              guint8        flags,
              const guint8 *data,
              guint32       len,
              gboolean      with_mss)
{
  WlTcpHeader h = {
    .sport = pcb->local_port, .dport = pcb->remote_port, .seq = seq, .flags = flags,
  };

  if (flags & WL_TCP_ACK)
    {
      h.ack = pcb->rcv_nxt;
      pcb->rcv_acked = pcb->rcv_nxt;
      pcb->ack_now = FALSE;
      pcb->ack_delayed = FALSE;
      _wl_tcp_delack_stop (pcb);
    }
  h.window = select_window (pcb);
  h.mss = with_mss ? pcb->adv_mss : 0;
  _wl_tcp_xmit (pcb->stack, pcb->local_ip, pcb->remote_ip, &h, data, len);
}

void
_wl_tcp_send_syn (WlTcpPcb *pcb)
{
  guint8 flags = WL_TCP_SYN | (pcb->state == WL_TCP_SYN_RECEIVED ? WL_TCP_ACK : 0);
  gboolean first = pcb->snd_max == pcb->iss;

  send_segment (pcb, pcb->iss, flags, NULL, 0, TRUE);
  pcb->snd_nxt = pcb->iss + 1;
  pcb->snd_max = pcb->iss + 1;
  /* The handshake gives the first RTT sample, unless the SYN had to be sent again (Karn). */
  pcb->rtt_timing = first;
  pcb->rtt_seq = pcb->iss + 1;
  pcb->rtt_start = wl_sim_now (pcb->stack->sim);
  _wl_tcp_rtx_restart (pcb);
}

void
_wl_tcp_send_ack (WlTcpPcb *pcb)
{
  send_segment (pcb, pcb->snd_max, WL_TCP_ACK, NULL, 0, FALSE);
}

void
_wl_tcp_send_rst (WlTcpPcb   *pcb,
                  const char *reason)
{
  WlTcpHeader h = {
    .sport = pcb->local_port, .dport = pcb->remote_port, .seq = pcb->snd_max,
    .ack = pcb->rcv_nxt, .flags = WL_TCP_RST | WL_TCP_ACK,
  };
  guint64 prev = wl_sim_get_cause (pcb->stack->sim);

  wl_sim_set_cause (pcb->stack->sim,
                    _wl_tcp_note (pcb, WL_NOTE_TCP_RESET, "dir=sent reason=%s", reason));
  _wl_tcp_xmit (pcb->stack, pcb->local_ip, pcb->remote_ip, &h, NULL, 0);
  wl_sim_set_cause (pcb->stack->sim, prev);
}

/* Sends [seq, seq + len) of the send buffer, with FIN when asked. */
static void
send_data (WlTcpPcb *pcb,
           guint32   seq,
           guint32   len,
           gboolean  fin)
{
  guint8 flags = WL_TCP_ACK;

  if (fin)
    flags |= WL_TCP_FIN;
  if (len > 0 && seq + len == _wl_tcp_data_end (pcb))
    flags |= WL_TCP_PSH;
  send_segment (pcb, seq, flags, pcb->sndbuf->data + (seq - pcb->snd_buf_seq), len, FALSE);
  if (len < pcb->mss)
    pcb->snd_sml = seq + len;
}

/* Nagle (RFC 896) as Linux does it, with Minshall's change: a short segment waits while a
 * short segment sent earlier is still unacknowledged. */
static gboolean
nagle_holds (const WlTcpPcb *pcb)
{
  return WL_SEQ_GT (pcb->snd_sml, pcb->snd_una) && WL_SEQ_LEQ (pcb->snd_sml, pcb->snd_nxt);
}

/* Sends the next segment if the windows, SWS avoidance and Nagle allow; FALSE if none went. */
static gboolean
send_one (WlTcpPcb *pcb)
{
  guint32 end = _wl_tcp_data_end (pcb);
  guint32 unsent = WL_SEQ_LT (pcb->snd_nxt, end) ? end - pcb->snd_nxt : 0;
  guint32 edge = pcb->snd_una + MIN (pcb->snd_wnd, pcb->cwnd);
  guint32 usable = WL_SEQ_GT (edge, pcb->snd_nxt) ? edge - pcb->snd_nxt : 0;
  guint32 len = MIN (unsent, MIN (usable, pcb->mss));
  gboolean fin = pcb->fin_queued && WL_SEQ_LEQ (pcb->snd_nxt, end) && pcb->snd_nxt + len == end;
  gboolean resend = WL_SEQ_LT (pcb->snd_nxt, pcb->snd_max);

  if (len == 0 && !fin)
    return FALSE;
  if (len < pcb->mss && len < unsent && len < pcb->max_snd_wnd / 2)
    return FALSE;  /* the window would only let a silly small segment through */
  if (len < pcb->mss && !fin && nagle_holds (pcb))
    return FALSE;

  send_data (pcb, pcb->snd_nxt, len, fin);
  if (resend)
    pcb->rtt_timing = FALSE;  /* Karn: sent before, so never timed */
  else if (!pcb->rtt_timing && len > 0)
    {
      pcb->rtt_timing = TRUE;
      pcb->rtt_seq = pcb->snd_nxt + len;
      pcb->rtt_start = wl_sim_now (pcb->stack->sim);
    }
  pcb->snd_nxt += len + (fin ? 1 : 0);
  if (WL_SEQ_GT (pcb->snd_nxt, pcb->snd_max))
    pcb->snd_max = pcb->snd_nxt;
  if (pcb->rtx_timer == 0)
    _wl_tcp_rtx_start (pcb);
  return TRUE;
}

void
_wl_tcp_output (WlTcpPcb *pcb)
{
  guint32 end;

  if (pcb->dead)
    return;
  if (pcb->state >= WL_TCP_ESTABLISHED && pcb->state != WL_TCP_TIME_WAIT)
    {
      while (send_one (pcb))
        ;
      /* Data waits, nothing is in flight, the window says no: the persist timer probes. */
      end = _wl_tcp_data_end (pcb);
      if (WL_SEQ_LT (pcb->snd_nxt, end) && pcb->rtx_timer == 0)
        _wl_tcp_persist_start (pcb);
      else
        _wl_tcp_persist_stop (pcb);
    }
  if (pcb->ack_now)
    _wl_tcp_send_ack (pcb);
  else if (pcb->ack_delayed && pcb->delack_timer == 0)
    _wl_tcp_delack_start (pcb);
}

void
_wl_tcp_retransmit (WlTcpPcb *pcb)
{
  guint32 end = _wl_tcp_data_end (pcb);
  guint32 len = _wl_tcp_first_len (pcb);
  gboolean fin;

  if (pcb->state == WL_TCP_SYN_SENT || pcb->state == WL_TCP_SYN_RECEIVED)
    {
      _wl_tcp_send_syn (pcb);
      return;
    }
  /* The FIN too when it was sent and comes right after this data. */
  fin = pcb->fin_queued && pcb->snd_una + len == end && WL_SEQ_GT (pcb->snd_max, end);
  if (len == 0 && !fin)
    return;
  send_data (pcb, pcb->snd_una, len, fin);
  pcb->rtt_timing = FALSE;
  if (WL_SEQ_LT (pcb->snd_nxt, pcb->snd_una + len + (fin ? 1 : 0)))
    pcb->snd_nxt = pcb->snd_una + len + (fin ? 1 : 0);
}

void
_wl_tcp_send_probe (WlTcpPcb *pcb)
{
  guint32 end = _wl_tcp_data_end (pcb);
  guint32 unsent = WL_SEQ_LT (pcb->snd_nxt, end) ? end - pcb->snd_nxt : 0;
  guint32 len;

  if (unsent == 0)
    return;
  if (pcb->snd_wnd == 0)
    {
      /* One byte of new data (RFC 9293 §3.8.6.1).  snd_nxt stays: if the receiver has no
       * room the byte is sent again later; snd_max grows so that its ACK is acceptable. */
      send_data (pcb, pcb->snd_nxt, 1, FALSE);
      if (WL_SEQ_GT (pcb->snd_nxt + 1, pcb->snd_max))
        pcb->snd_max = pcb->snd_nxt + 1;
      return;
    }
  /* A window too small for the SWS rule: send what fits (Linux tcp_write_wakeup). */
  len = MIN (unsent, MIN (pcb->snd_wnd, pcb->mss));
  send_data (pcb, pcb->snd_nxt, len, FALSE);
  pcb->snd_nxt += len;
  if (WL_SEQ_GT (pcb->snd_nxt, pcb->snd_max))
    pcb->snd_max = pcb->snd_nxt;
  _wl_tcp_rtx_start (pcb);
}

void
_wl_tcp_schedule_ack (WlTcpPcb *pcb,
                      gboolean  fin)
{
  guint32 unacked = pcb->rcv_nxt - pcb->rcv_acked - (fin ? 1 : 0);
  guint32 wnd = WL_SEQ_GT (pcb->rcv_adv, pcb->rcv_nxt) ? pcb->rcv_adv - pcb->rcv_nxt : 0;

  if (!pcb->data_seen && unacked > 0)
    {
      /* Linux's quick-ack mode at the first data: up to 16 segments acknowledged at once. */
      pcb->data_seen = TRUE;
      pcb->quickacks = MIN (WL_TCP_QUICKACKS, wnd / (2u * pcb->mss));
    }
  if (pcb->ack_now)
    return;
  if (unacked > pcb->mss)
    pcb->ack_now = TRUE;  /* a second full-sized segment */
  else if (!fin && pcb->quickacks > 0)
    {
      pcb->quickacks--;
      pcb->ack_now = TRUE;
    }
  else
    pcb->ack_delayed = TRUE;
}

void
_wl_tcp_window_update_after_read (WlTcpPcb *pcb)
{
  guint32 cur, next;

  if (pcb->state != WL_TCP_ESTABLISHED && pcb->state != WL_TCP_FIN_WAIT_1
      && pcb->state != WL_TCP_FIN_WAIT_2)
    return;
  cur = WL_SEQ_GT (pcb->rcv_adv, pcb->rcv_nxt) ? pcb->rcv_adv - pcb->rcv_nxt : 0;
  next = window_to_offer (pcb);
  /* Linux tcp_cleanup_rbuf: "lots" of room means at least double a window that had fallen
   * to half the buffer or less. */
  if (cur <= pcb->rcvbuf_max / 2 && next > cur && next >= 2 * cur)
    _wl_tcp_send_ack (pcb);
}
