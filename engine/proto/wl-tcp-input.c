/* wl-tcp-input.c — TCP receiving: checking a segment, finding its connection, and the steps
 * of RFC 9293 §3.10.7.4 that the synchronized states share (sequence check, RST, ACK, data,
 * FIN); the state handlers in wl-tcp.c put them together.
 *
 * RFC 9293 §3.10.7 (segment arrives), §3.5.2 (reset generation), §3.8.6 (windows), RFC 5961
 * (blind reset), RFC 5681 §4.2 (when to ACK out-of-order data), RFC 1191 (path MTU).
 *
 * Where it sits: wl-ipv4.c delivers protocol 6 here (wl_tcp_input), with the IP header pulled.
 *
 * State: per connection, the out-of-order queue (pcb->ooo, segments that arrived beyond a
 * gap, kept by sequence number until the gap fills) and the receive buffer the user reads.
 *
 * Checks, in order: at least 20 bytes and a Data Offset between 5 and the segment length
 * (else malformed), the checksum over pseudo-header, header and data (else bad-checksum), not
 * sent to a broadcast or multicast address (RFC 1122 §4.2.3.10; dropped as not-for-host).
 * Then the connection: the exact 4-tuple, else a listener on the port, else the port is
 * closed: the segment is dropped (port-unreachable) and answered with RST (§3.5.2):
 *
 *   segment had ACK      <SEQ=SEG.ACK><CTL=RST>
 *   segment had no ACK   <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
 *   segment was a RST    nothing
 *
 * A segment is acceptable (§3.10.7.4, first) when it overlaps the receive window
 * [RCV.NXT, RCV.NXT+RCV.WND); an empty one when its sequence number is in it (or is RCV.NXT
 * for a zero window).  Beyond that, RFC 9293's "special allowance" as Linux makes it: a
 * segment at RCV.NXT into a zero window (a window probe) has its data dropped but its ACK
 * and window used, and a FIN there is taken.  Unacceptable segments get an immediate ACK.
 * The parts of a segment before RCV.NXT or past the window are cut off.
 */
#define G_LOG_DOMAIN "wl-tcp"
#include "config.h"

#include <string.h>

#include "wl-tcp-private.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"

/* A segment that arrived beyond a gap. */
typedef struct
{
  guint32  seq;
  guint    len;
  gboolean fin;
  guint8  *data;
} OooSeg;

static void
drop (WlStack         *stack,
      const WlStackRx *rx,
      WlPacket        *pkt,
      WlCode           code)
{
  _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_TCP, WL_LAYER_TRANSPORT, code, NULL);
}

void
_wl_tcp_reply_reset (WlStack        *stack,
                     const WlTcpSeg *seg,
                     const char     *reason)
{
  WlTcpHeader h = { .sport = seg->h.dport, .dport = seg->h.sport };
  guint64 prev = wl_sim_get_cause (stack->sim);
  char us[16], peer[16];

  if (seg->h.flags & WL_TCP_RST)
    return;  /* never answer a reset with a reset */
  if (seg->h.flags & WL_TCP_ACK)
    {
      h.seq = seg->h.ack;
      h.flags = WL_TCP_RST;
    }
  else
    {
      h.seq = 0;
      h.ack = seg->h.seq + _wl_tcp_seg_len (seg);
      h.flags = WL_TCP_RST | WL_TCP_ACK;
    }
  wl_sim_set_cause (stack->sim,
                    _wl_stack_note (stack, seg->iface, WL_PROTO_TCP, WL_LAYER_TRANSPORT,
                                    WL_NOTE_TCP_RESET, "conn=%s:%u-%s:%u dir=sent reason=%s",
                                    wl_ip_format (seg->dst, us), seg->h.dport,
                                    wl_ip_format (seg->src, peer), seg->h.sport, reason));
  _wl_tcp_xmit (stack, seg->dst, seg->src, &h, NULL, 0);
  wl_sim_set_cause (stack->sim, prev);
}

/* A segment for a port with neither connection nor listener. */
static void
closed_port (WlStack  *stack,
             WlTcpSeg *seg)
{
  guint64 prev = wl_sim_get_cause (stack->sim);

  wl_sim_set_cause (stack->sim,
                    _wl_stack_drop_rx (stack, seg->rx, seg->pkt, WL_PROTO_TCP,
                                       WL_LAYER_TRANSPORT, WL_DROP_PORT_UNREACHABLE, NULL));
  _wl_tcp_reply_reset (stack, seg, "closed-port");
  wl_sim_set_cause (stack->sim, prev);
}

void
wl_tcp_input (WlStack          *stack,
              const WlStackRx  *rx,
              WlPacket         *pkt,
              const WlIpv4Info *ip)
{
  const guint8 *p = wl_packet_data (pkt);
  gsize len = wl_packet_len (pkt);
  WlTcpSeg seg = { 0 };
  WlTcpPcb *pcb;

  if (!wl_tcp_header_decode (p, len, &seg.h))
    drop (stack, rx, pkt, WL_DROP_MALFORMED);
  else if (wl_tcp_checksum (ip->src, ip->dst, p, len) != 0)
    drop (stack, rx, pkt, WL_DROP_BAD_CHECKSUM);
  else if (ip->to_broadcast)
    drop (stack, rx, pkt, WL_DROP_NOT_FOR_HOST);
  else
    {
      seg.data = p + seg.h.hlen;
      seg.len = (guint) (len - seg.h.hlen);
      seg.src = ip->src;
      seg.dst = ip->dst;
      seg.iface = ip->iface;
      seg.rx = rx;
      seg.pkt = pkt;
      pcb = _wl_tcp_lookup (stack, ip->dst, seg.h.dport, ip->src, seg.h.sport);
      if (pcb == NULL)
        closed_port (stack, &seg);
      else
        _wl_tcp_segment_arrives (pcb, &seg);
    }
  wl_packet_unref (pkt);
}

/* First: is the segment acceptable? --------------------------------------------------------- */

static guint32
rcv_window (const WlTcpPcb *pcb)
{
  return WL_SEQ_GT (pcb->rcv_adv, pcb->rcv_nxt) ? pcb->rcv_adv - pcb->rcv_nxt : 0;
}

static gboolean
in_window (const WlTcpPcb *pcb,
           guint32         seq,
           guint32         wnd)
{
  return WL_SEQ_GEQ (seq, pcb->rcv_nxt) && WL_SEQ_LT (seq, pcb->rcv_nxt + wnd);
}

/* Cuts what lies before RCV.NXT (already received) and past the window. */
static void
trim (WlTcpPcb *pcb,
      WlTcpSeg *seg,
      guint32   wnd)
{
  guint32 end;

  if (WL_SEQ_LT (seg->h.seq, pcb->rcv_nxt) && !(seg->h.flags & WL_TCP_SYN))
    {
      guint32 cut = MIN (pcb->rcv_nxt - seg->h.seq, seg->len);

      seg->data += cut;
      seg->len -= cut;
      seg->h.seq += cut;
      pcb->ack_now = TRUE;  /* a duplicate: tell the sender at once what we have */
    }
  end = seg->h.seq + seg->len;
  if (WL_SEQ_GT (end, pcb->rcv_nxt + wnd))
    {
      seg->len -= end - (pcb->rcv_nxt + wnd);
      seg->h.flags &= ~WL_TCP_FIN;  /* the FIN came after bytes we could not take */
      pcb->ack_now = TRUE;
    }
}

gboolean
_wl_tcp_check_sequence (WlTcpPcb *pcb,
                        WlTcpSeg *seg)
{
  guint32 wnd = rcv_window (pcb);
  guint32 slen = _wl_tcp_seg_len (seg);
  guint32 seq = seg->h.seq;
  gboolean ok;

  if (slen == 0)
    ok = wnd == 0 ? seq == pcb->rcv_nxt : in_window (pcb, seq, wnd);
  else
    ok = wnd > 0 && (in_window (pcb, seq, wnd) || in_window (pcb, seq + slen - 1, wnd));
  if (!ok && wnd == 0 && seq == pcb->rcv_nxt && !(seg->h.flags & (WL_TCP_SYN | WL_TCP_RST)))
    {
      /* Into a zero window: no data can be taken, but the ACK, the window and a FIN can. */
      if (seg->len > 0)
        {
          seg->len = 0;
          seg->h.flags &= ~WL_TCP_FIN;
          pcb->ack_now = TRUE;
        }
      return TRUE;
    }
  if (!ok)
    {
      if (!(seg->h.flags & WL_TCP_RST))
        pcb->ack_now = TRUE;  /* <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, then drop */
      return FALSE;
    }
  trim (pcb, seg, wnd);
  return TRUE;
}

gboolean
_wl_tcp_rst_is_exact (WlTcpPcb       *pcb,
                      const WlTcpSeg *seg)
{
  if (seg->h.seq == pcb->rcv_nxt)
    return TRUE;
  pcb->ack_now = TRUE;  /* RFC 5961 §3.2: in the window but not exact: challenge ACK */
  return FALSE;
}

/* Fifth: the ACK field ------------------------------------------------------------------------ */

/* RFC 5681 §2: same ACK as before, no data, no SYN/FIN, same window, data outstanding (and,
 * ours, not a zero window: the answers to window probes are not duplicate ACKs). */
static gboolean
is_dupack (const WlTcpPcb *pcb,
           const WlTcpSeg *seg)
{
  return seg->h.ack == pcb->snd_una && seg->len == 0
         && !(seg->h.flags & (WL_TCP_SYN | WL_TCP_FIN)) && seg->h.window == pcb->snd_wnd
         && pcb->snd_wnd > 0 && pcb->snd_max != pcb->snd_una;
}

static void
ack_new_data (WlTcpPcb *pcb,
              guint32   ack)
{
  guint32 bytes = 0;
  gboolean restart;

  /* RFC 6298 with Karn's rule: only a segment sent once is timed (rtt_timing is cleared
   * by any retransmission). */
  if (pcb->rtt_timing && WL_SEQ_GEQ (ack, pcb->rtt_seq))
    {
      pcb->rtt_timing = FALSE;
      _wl_tcp_rtt_sample (pcb, wl_sim_now (pcb->stack->sim) - pcb->rtt_start);
    }
  if (WL_SEQ_GT (ack, pcb->snd_buf_seq))
    {
      bytes = MIN (ack - pcb->snd_buf_seq, pcb->sndbuf->len);
      g_byte_array_remove_range (pcb->sndbuf, 0, bytes);
      pcb->snd_buf_seq += bytes;
    }
  pcb->snd_una = ack;
  if (WL_SEQ_LT (pcb->snd_nxt, ack))
    pcb->snd_nxt = ack;  /* after go-back-N, or a window probe that was taken */
  pcb->retries = 0;
  restart = _wl_tcp_cc_ack (pcb, bytes);
  /* RFC 6298 (5.2), (5.3) */
  if (pcb->snd_una == pcb->snd_max)
    _wl_tcp_rtx_stop (pcb);
  else if (restart)
    _wl_tcp_rtx_restart (pcb);
  if (bytes > 0)
    _wl_tcp_notify (pcb, WL_TCP_EVENT_SENT);
}

/* The send window, from the newest segment only (SND.WL1, SND.WL2: RFC 9293 §3.10.7.4). */
static void
update_window (WlTcpPcb       *pcb,
               const WlTcpSeg *seg)
{
  if (!(WL_SEQ_LT (pcb->snd_wl1, seg->h.seq)
        || (pcb->snd_wl1 == seg->h.seq && WL_SEQ_LEQ (pcb->snd_wl2, seg->h.ack))))
    return;
  pcb->snd_wnd = seg->h.window;
  pcb->max_snd_wnd = MAX (pcb->max_snd_wnd, pcb->snd_wnd);
  pcb->snd_wl1 = seg->h.seq;
  pcb->snd_wl2 = seg->h.ack;
}

gboolean
_wl_tcp_process_ack (WlTcpPcb       *pcb,
                     const WlTcpSeg *seg)
{
  guint32 ack = seg->h.ack;
  gboolean dup;

  if (WL_SEQ_GT (ack, pcb->snd_max))
    {
      pcb->ack_now = TRUE;  /* it acknowledges what we never sent: ACK and drop */
      return FALSE;
    }
  if (WL_SEQ_LT (ack, pcb->snd_una))
    return TRUE;  /* an old ACK: nothing to learn from it */
  dup = is_dupack (pcb, seg);
  if (WL_SEQ_GT (ack, pcb->snd_una))
    ack_new_data (pcb, ack);
  update_window (pcb, seg);
  if (dup)
    _wl_tcp_cc_dupack (pcb);
  return TRUE;
}

/* Seventh and eighth: the data and the FIN -------------------------------------------------- */

static void
ooo_free (OooSeg *o)
{
  g_free (o->data);
  g_free (o);
}

void
_wl_tcp_ooo_clear (WlTcpPcb *pcb)
{
  for (guint i = 0; i < pcb->ooo->len; i++)
    ooo_free (g_array_index (pcb->ooo, OooSeg *, i));
  g_array_set_size (pcb->ooo, 0);
}

guint32
_wl_tcp_ooo_bytes (const WlTcpPcb *pcb)
{
  guint32 n = 0;

  for (guint i = 0; i < pcb->ooo->len; i++)
    n += g_array_index (pcb->ooo, OooSeg *, i)->len;
  return n;
}

/* Keeps a segment that arrived beyond a gap, in sequence order (one copy per start). */
static void
ooo_insert (WlTcpPcb       *pcb,
            const WlTcpSeg *seg)
{
  OooSeg *o;
  guint i = 0;

  while (i < pcb->ooo->len && WL_SEQ_LT (g_array_index (pcb->ooo, OooSeg *, i)->seq, seg->h.seq))
    i++;
  if (i < pcb->ooo->len && g_array_index (pcb->ooo, OooSeg *, i)->seq == seg->h.seq
      && g_array_index (pcb->ooo, OooSeg *, i)->len >= seg->len)
    return;  /* we have it already */
  o = g_new0 (OooSeg, 1);
  o->seq = seg->h.seq;
  o->len = seg->len;
  o->fin = (seg->h.flags & WL_TCP_FIN) != 0;
  o->data = g_memdup2 (seg->data, seg->len);
  g_array_insert_val (pcb->ooo, i, o);
}

/* Moves what became contiguous to the receive buffer; TRUE when a queued FIN was reached. */
static gboolean
ooo_drain (WlTcpPcb *pcb)
{
  gboolean fin = FALSE;

  while (pcb->ooo->len > 0 && !fin)
    {
      OooSeg *o = g_array_index (pcb->ooo, OooSeg *, 0);
      guint32 end = o->seq + o->len;

      if (WL_SEQ_GT (o->seq, pcb->rcv_nxt))
        break;  /* still a gap */
      g_array_remove_index (pcb->ooo, 0);
      if (WL_SEQ_GT (end, pcb->rcv_nxt))
        {
          guint32 skip = pcb->rcv_nxt - o->seq;

          g_byte_array_append (pcb->rcvbuf, o->data + skip, end - pcb->rcv_nxt);
          pcb->rcv_nxt = end;
        }
      fin = o->fin && end == pcb->rcv_nxt;
      ooo_free (o);
    }
  if (fin)
    _wl_tcp_ooo_clear (pcb);  /* nothing can follow a FIN */
  return fin;
}

gboolean
_wl_tcp_process_text (WlTcpPcb       *pcb,
                      const WlTcpSeg *seg)
{
  gboolean fin = (seg->h.flags & WL_TCP_FIN) != 0;
  guint32 before = pcb->rcv_nxt;

  if ((seg->len == 0 && !fin) || pcb->fin_received)
    return FALSE;
  if (pcb->orphan && seg->len > 0)
    {
      /* Nobody will ever read it: Linux answers with RST ("TCPAbortOnData"). */
      _wl_tcp_send_rst (pcb, "data-after-close");
      _wl_tcp_terminate (pcb, WL_TCP_ERROR_NONE);
      return FALSE;
    }
  if (seg->h.seq != pcb->rcv_nxt)
    {
      ooo_insert (pcb, seg);
      pcb->ack_now = TRUE;  /* RFC 5681 §4.2: a duplicate ACK at once */
      return FALSE;
    }
  g_byte_array_append (pcb->rcvbuf, seg->data, seg->len);
  pcb->rcv_nxt += seg->len;
  if (pcb->ooo->len > 0)
    {
      fin = ooo_drain (pcb) || fin;
      pcb->ack_now = TRUE;  /* RFC 5681 §4.2: it filled (part of) a gap */
    }
  if (pcb->rcv_nxt != before)
    _wl_tcp_notify (pcb, WL_TCP_EVENT_RECV);
  if (fin)
    {
      pcb->rcv_nxt++;
      pcb->fin_received = TRUE;
    }
  _wl_tcp_schedule_ack (pcb, fin);
  if (fin)
    _wl_tcp_notify (pcb, WL_TCP_EVENT_EOF);
  return fin;
}

/* Path MTU discovery (RFC 1191) --------------------------------------------------------------- */

/* A router could not forward one of our segments (DF is set) and named its next-hop MTU:
 * segments shrink to fit, and what was lost goes again at once, without a congestion
 * response (Linux tcp_simple_retransmit). */
static gboolean
on_icmp (WlStack             *stack,
         const WlIcmpMessage *msg,
         gpointer             user_data)
{
  WlIcmpQuote q;
  WlTcpPcb *pcb;
  guint mtu = msg->rest & 0xffff;

  if (msg->type != WL_ICMP_DEST_UNREACH || msg->code != WL_ICMP_UNREACH_FRAG_NEEDED
      || !wl_icmp_message_get_quote (msg, &q) || q.proto != WL_IP_PROTO_TCP || q.l4_len < 4)
    return FALSE;
  pcb = _wl_tcp_lookup (stack, q.src, wl_get_u16 (q.l4), q.dst, wl_get_u16 (q.l4 + 2));
  if (pcb == NULL || pcb->state == WL_TCP_LISTEN)
    return FALSE;
  /* Rule: an MTU that could not carry a header and a byte (or would not shrink us) is
   * ignored. */
  if (mtu > WL_IPV4_HLEN + WL_TCP_HLEN && mtu - WL_IPV4_HLEN - WL_TCP_HLEN < pcb->mss)
    {
      pcb->mss = (guint16) (mtu - WL_IPV4_HLEN - WL_TCP_HLEN);
      if (pcb->state >= WL_TCP_ESTABLISHED)
        {
          pcb->snd_nxt = pcb->snd_una;
          _wl_tcp_retransmit (pcb);
          _wl_tcp_output (pcb);
        }
      _wl_tcp_reap (pcb);
    }
  return TRUE;
}

void
_wl_tcp_icmp_listen (WlStack *stack)
{
  if (stack->tcp.icmp_listener == 0)
    stack->tcp.icmp_listener = wl_icmp_add_listener (stack, on_icmp, NULL);
}
