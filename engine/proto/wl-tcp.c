/* wl-tcp.c — TCP connections: the table of a stack and the state machine, one handler per
 * state (the calls a user makes are in wl-tcp-user.c).
 *
 * RFC 9293 (TCP), RFC 6298 (retransmission timer), RFC 5681 (congestion control), RFC 6582
 * (NewReno), RFC 6928 (initial window), RFC 5961 (challenge ACKs), RFC 1122 §4.2, RFC 896
 * (Nagle), RFC 2525 §2.17 (RST on close with unread data).
 *
 * Where it sits: on IPv4 (protocol 6).  wl-ipv4.c hands us segments (wl_tcp_input in
 * wl-tcp-input.c), we send with wl_ipv4_output (wl-tcp-output.c).  Above us is the socket
 * layer (wl-socket.c), the only user of these calls; applications use sockets.
 *
 * State: the stack's WlTcpTable — every connection (WlTcpPcb) including listeners, and where
 * the next ephemeral port search starts.  A connection holds its sequence spaces, its send and
 * receive buffers, its RTT estimate, congestion window and four timers.  It is freed when it
 * reaches CLOSED, at the end of whatever call got it there (_wl_tcp_reap).
 *
 *                               +---------+ ---------\      active OPEN
 *                               |  CLOSED |            \    -----------
 *                               +---------+<---------\   \   create TCB
 *                                 |     ^              \   \  snd SYN
 *                    passive OPEN |     |   CLOSE        \   \
 *                    ------------ |     | ----------       \   \
 *                     create TCB  |     | delete TCB         \   \
 *                                 V     |                      \   \
 *             rcv RST (note 1)  +---------+            CLOSE    |    \
 *          -------------------->|  LISTEN |          ---------- |     |
 *         /                     +---------+          delete TCB |     |
 *        /           rcv SYN      |     |     SEND              |     |
 *       /           -----------   |     |    -------            |     V
 *   +--------+      snd SYN,ACK  /       \   snd SYN          +--------+
 *   |        |<-----------------           ------------------>|        |
 *   |  SYN   |                    rcv SYN                     |  SYN   |
 *   |  RCVD  |<-----------------------------------------------|  SENT  |
 *   |        |                  snd SYN,ACK                   |        |
 *   |        |------------------           -------------------|        |
 *   +--------+   rcv ACK of SYN  \       /  rcv SYN,ACK       +--------+
 *      |         --------------   |     |   -----------
 *      |                x         |     |     snd ACK
 *      |                          V     V
 *      |  CLOSE                 +---------+
 *      | -------                |  ESTAB  |
 *      | snd FIN                +---------+
 *      |                 CLOSE    |     |    rcv FIN
 *      V                -------   |     |    -------
 *   +---------+         snd FIN  /       \   snd ACK         +---------+
 *   |  FIN    |<----------------          ------------------>|  CLOSE  |
 *   | WAIT-1  |------------------                            |   WAIT  |
 *   +---------+          rcv FIN  \                          +---------+
 *     | rcv ACK of FIN   -------   |                          CLOSE  |
 *     | --------------   snd ACK   |                         ------- |
 *     V        x                   V                         snd FIN V
 *   +---------+               +---------+                    +---------+
 *   |FINWAIT-2|               | CLOSING |                    | LAST-ACK|
 *   +---------+               +---------+                    +---------+
 *     |                rcv ACK of FIN |                 rcv ACK of FIN |
 *     |  rcv FIN       -------------- |    Timeout=2MSL -------------- |
 *     |  -------              x       V    ------------        x       V
 *      \ snd ACK              +---------+delete TCB          +---------+
 *        -------------------->|TIME-WAIT|------------------->| CLOSED  |
 *                             +---------+                    +---------+
 *   (RFC 9293 Figure 5; note 1: a RST in SYN-RECEIVED returns a passively opened connection
 *   to LISTEN.)  Every transition is a tcp-state note "conn=… from=… to=…".
 *
 * Choices, where RFC 9293 leaves one (Linux's behaviour unless said otherwise):
 *   TIME_WAIT    2·MSL = 60 s, i.e. MSL = 30 s: Linux's TCP_TIMEWAIT_LEN (RFC: MSL 2 min).
 *   ISN          32 random bits from the run's generator (wl_sim_random_int), drawn at the
 *                SYN; Linux hashes the 4-tuple with a secret and adds a clock (RFC 6528).
 *   ports        ephemeral ports count up in 32768–60999 from a start derived from the seed
 *                (Linux picks them at random); bind() behaves as with SO_REUSEADDR, which
 *                servers set: a port held only by TIME_WAIT connections can be bound again.
 *   MSS          we announce egress MTU − 40 on SYNs; no MSS option means 536.
 *   options      MSS only: no window scaling (windows stop at 65535), SACK, timestamps.
 *   windows      receive buffer 65535 bytes; the offered window is its free space, moved
 *                right only by at least min(buffer/2, MSS) (receiver SWS avoidance, RFC 9293
 *                §3.8.6.2.2), never shrunk; a window update is sent after a read that at least
 *                doubles a window no bigger than half the buffer (Linux tcp_cleanup_rbuf).
 *   Nagle        on, with Minshall's variant as Linux: a small segment waits while an earlier
 *                small one is unacknowledged; a FIN is never held back.  The sender also
 *                avoids silly windows: a segment cut short by the peer's window goes only when
 *                it is at least half the largest window the peer offered.
 *   zero window  persist timer: the first probe after one RTO, then doubling up to 120 s; a
 *                probe is one byte of new data (RFC 9293 §3.8.6.1; Linux sends an empty
 *                segment with an old sequence number instead).  A FIN is sent even into a zero
 *                window, as BSD does.
 *   RTO          RFC 6298 (SRTT, RTTVAR, K = 4, G = 1 ms), initial 1 s, minimum 200 ms
 *                (Linux; the RFC says 1 s), maximum 120 s; one segment timed per round trip;
 *                Karn: never a retransmitted one; backoff doubles the RTO, which stays backed
 *                off until the next valid sample.  After a timeout, go back N: everything from
 *                snd_una is sent again as the window allows.  Give up (no RST, as Linux) after
 *                6 SYN, 5 SYN-ACK or 15 data retransmissions.
 *   congestion   IW = min(10·MSS, max(2·MSS, 14600)) (RFC 6928, Linux), or one segment when the
 *                SYN had to be retransmitted (RFC 5681 §3.1); initial ssthresh 65535 (the
 *                largest window without scaling, RFC 5681's example; Linux uses "infinity").
 *                Slow start adds min(acked, 2·MSS) per ACK (RFC 3465 with L = 2, which is what
 *                Linux's per-packet counting does with delayed ACKs) up to ssthresh; congestion
 *                avoidance adds one MSS per cwnd bytes acknowledged (byte counting).  Three
 *                duplicate ACKs: fast retransmit and NewReno fast recovery (RFC 6582, cwnd
 *                after a full ACK = min(ssthresh, max(FlightSize, MSS) + MSS); the timer restarts
 *                only on the first partial ACK).  A timeout: ssthresh = max(FlightSize/2, 2·MSS)
 *                unless the segment had already timed out, cwnd = 1 MSS.  No SACK, no limited
 *                transmit, no cwnd validation.  Every change is a tcp-cwnd note.
 *   delayed ACK  an ACK goes at once for: the first 16 data segments of a connection (Linux's
 *                quick-ack mode, TCP_MAX_QUICKACKS, at most window/(2·MSS) of them), more than
 *                one full-sized segment unacknowledged (so every second full segment), an
 *                out-of-order segment, one that fills a gap, a duplicate, or a FIN in FIN_WAIT;
 *                otherwise the delayed-ACK timer waits 40 ms.  A FIN in ESTABLISHED turns quick
 *                ACKs off (Linux's "pingpong" mode): when the application closes at once its
 *                FIN carries the ACK, giving Linux's three-segment close FIN → FIN,ACK → ACK.
 *   close        close() with received data never read sends RST (RFC 2525, Linux); data
 *                arriving after close() is answered with RST (Linux); an orphaned connection
 *                in FIN_WAIT_2 gives up after 60 s (tcp_fin_timeout).
 *   RST          RFC 9293 §3.5.2 for closed ports and bad ACKs; RSTs and SYNs in synchronized
 *                states follow RFC 5961 (exact sequence number, else a challenge ACK).  A RST
 *                ends TIME_WAIT early, as Linux with tcp_rfc1337 = 0 (RFC 9293 too).
 *   FIN,ACK      our FIN acknowledged by the peer's FIN in one segment: FIN_WAIT_1 → FIN_WAIT_2
 *                → TIME_WAIT, two notes at the same instant (Linux passes through FIN_WAIT2).
 *   simultaneous open  a SYN,ACK in SYN_RECEIVED that carries the peer's ISN and acks our
 *                SYN completes the handshake (Linux), so both sides are ESTABLISHED after
 *                SYN, SYN, SYN-ACK, SYN-ACK.
 *   PMTU         DF is set on every segment (Linux); an ICMP "fragmentation needed" for one of
 *                our segments lowers the MSS and sends the lost data again.
 */
#define G_LOG_DOMAIN "wl-tcp"
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "wl-tcp-private.h"
#include "wl-ipv4-wire.h"

#define EPHEMERAL_COUNT (WL_UDP_EPHEMERAL_MAX - WL_UDP_EPHEMERAL_MIN + 1)

static const char *const state_names[] = {
  "CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
  "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT",
};

const char *
wl_tcp_state_to_string (WlTcpState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), "?");
  return state_names[state];
}

char *
wl_tcp_conn_format (const WlTcpPcb *pcb,
                    char           *buf)
{
  char l[16], r[16];

  g_snprintf (buf, WL_TCP_CONN_LEN, "%s:%u-%s:%u", wl_ip_format (pcb->local_ip, l),
              pcb->local_port, wl_ip_format (pcb->remote_ip, r), pcb->remote_port);
  return buf;
}

guint64
_wl_tcp_note (WlTcpPcb   *pcb,
              WlCode      code,
              const char *format,
              ...)
{
  g_autofree char *args = NULL;
  char conn[WL_TCP_CONN_LEN];
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  return _wl_stack_note (pcb->stack, pcb->iface, WL_PROTO_TCP, WL_LAYER_TRANSPORT, code,
                         "conn=%s %s", wl_tcp_conn_format (pcb, conn), args);
}

void
_wl_tcp_set_state (WlTcpPcb  *pcb,
                   WlTcpState to)
{
  WlTcpState from = pcb->state;

  if (from == to)
    return;
  _wl_tcp_note (pcb, WL_NOTE_TCP_STATE, "from=%s to=%s", state_names[from], state_names[to]);
  pcb->state = to;
  /* What a state brings with it. */
  switch (to)
    {
    case WL_TCP_CLOSED:
      pcb->dead = TRUE;
      _wl_tcp_timers_stop (pcb);
      break;
    case WL_TCP_TIME_WAIT:
      _wl_tcp_timers_stop (pcb);
      _wl_tcp_wait_start (pcb, 2 * WL_TCP_MSL);
      break;
    case WL_TCP_FIN_WAIT_2:
      if (pcb->orphan)
        _wl_tcp_wait_start (pcb, WL_TCP_FIN_TIMEOUT);
      break;
    default:
      break;
    }
}

void
_wl_tcp_notify (WlTcpPcb  *pcb,
                WlTcpEvent event)
{
  if (pcb->func != NULL)
    pcb->func (pcb, event, pcb->user_data);
}

void
_wl_tcp_terminate (WlTcpPcb  *pcb,
                   WlTcpError error)
{
  pcb->error = error;
  if (error != WL_TCP_ERROR_NONE)
    _wl_tcp_notify (pcb, WL_TCP_EVENT_ERROR);
  _wl_tcp_set_state (pcb, WL_TCP_CLOSED);
}

/* The table ------------------------------------------------------------------------------- */

void
wl_tcp_table_init (WlTcpTable *table,
                   guint       seed)
{
  table->pcbs = g_ptr_array_new ();
  table->next_ephemeral = (guint16) (WL_UDP_EPHEMERAL_MIN + seed % EPHEMERAL_COUNT);
  table->icmp_listener = 0;
  table->shutting_down = FALSE;
}

static void
pcb_free (WlTcpPcb *pcb)
{
  _wl_tcp_timers_stop (pcb);
  _wl_tcp_ooo_clear (pcb);
  g_array_unref (pcb->ooo);
  g_byte_array_unref (pcb->sndbuf);
  g_byte_array_unref (pcb->rcvbuf);
  g_free (pcb);
}

void
wl_tcp_table_clear (WlTcpTable *table)
{
  if (table->pcbs == NULL)
    return;
  table->shutting_down = TRUE;
  for (guint i = 0; i < table->pcbs->len; i++)
    {
      WlTcpPcb *pcb = g_ptr_array_index (table->pcbs, i);

      _wl_tcp_notify (pcb, WL_TCP_EVENT_FREED);
      pcb_free (pcb);
    }
  g_clear_pointer (&table->pcbs, g_ptr_array_unref);
}

WlTcpPcb *
wl_tcp_pcb_new (WlStack *stack)
{
  WlTcpPcb *pcb;

  g_return_val_if_fail (stack != NULL, NULL);

  pcb = g_new0 (WlTcpPcb, 1);
  pcb->stack = stack;
  pcb->state = WL_TCP_CLOSED;
  pcb->iface = -1;
  pcb->sndbuf = g_byte_array_new ();
  pcb->rcvbuf = g_byte_array_new ();
  pcb->ooo = g_array_new (FALSE, FALSE, sizeof (gpointer));
  pcb->sndbuf_max = WL_TCP_SNDBUF;
  pcb->rcvbuf_max = WL_TCP_RCVBUF;
  pcb->rto = WL_TCP_RTO_INITIAL;
  g_ptr_array_add (stack->tcp.pcbs, pcb);
  _wl_tcp_icmp_listen (stack);
  return pcb;
}

/* Children of a listener that go with it: they were never accepted. */
static void
abort_children (WlTcpPcb *listener)
{
  g_autoptr (GPtrArray) children = g_ptr_array_new ();
  GPtrArray *pcbs = listener->stack->tcp.pcbs;

  for (guint i = 0; i < pcbs->len; i++)
    if (((WlTcpPcb *) g_ptr_array_index (pcbs, i))->listener == listener)
      g_ptr_array_add (children, g_ptr_array_index (pcbs, i));
  for (guint i = 0; i < children->len; i++)
    {
      WlTcpPcb *child = g_ptr_array_index (children, i);

      child->listener = NULL;
      wl_tcp_abort (child);
    }
}

void
_wl_tcp_reap (WlTcpPcb *pcb)
{
  if (!pcb->dead)
    return;
  g_ptr_array_remove (pcb->stack->tcp.pcbs, pcb);
  abort_children (pcb);
  _wl_tcp_notify (pcb, WL_TCP_EVENT_FREED);
  pcb_free (pcb);
}

WlTcpPcb *
_wl_tcp_lookup (WlStack *stack,
                guint32  local,
                guint16  lport,
                guint32  remote,
                guint16  rport)
{
  WlTcpPcb *listener = NULL;

  /* A connection's exact 4-tuple first, then a listener on the port (RFC 9293 §3.10.7). */
  for (guint i = 0; i < stack->tcp.pcbs->len; i++)
    {
      WlTcpPcb *p = g_ptr_array_index (stack->tcp.pcbs, i);

      if (p->dead || p->local_port != lport || p->state == WL_TCP_CLOSED)
        continue;
      if (p->state == WL_TCP_LISTEN)
        {
          if (listener == NULL && (p->local_ip == 0 || p->local_ip == local))
            listener = p;
          continue;
        }
      if (p->remote_port == rport && p->remote_ip == remote && p->local_ip == local)
        return p;
    }
  return listener;
}

/* A port is taken when a live connection or a listener other than TIME_WAIT holds it. */
gboolean
_wl_tcp_port_in_use (WlStack *stack,
                     guint16  port,
                     gboolean any_state)
{
  for (guint i = 0; i < stack->tcp.pcbs->len; i++)
    {
      WlTcpPcb *p = g_ptr_array_index (stack->tcp.pcbs, i);

      if (!p->dead && p->local_port == port && (any_state || p->state != WL_TCP_TIME_WAIT))
        return TRUE;
    }
  return FALSE;
}

guint16
_wl_tcp_alloc_port (WlStack *stack)
{
  WlTcpTable *t = &stack->tcp;

  for (guint tries = 0; tries < EPHEMERAL_COUNT; tries++)
    {
      guint16 port = t->next_ephemeral;

      t->next_ephemeral = port == WL_UDP_EPHEMERAL_MAX ? WL_UDP_EPHEMERAL_MIN : port + 1;
      if (!_wl_tcp_port_in_use (stack, port, TRUE))
        return port;
    }
  return 0;
}

/* 32 bits from the run's generator (which gives at most 31 at a time). */
static guint32
new_isn (WlStack *stack)
{
  guint32 hi = wl_sim_random_int (stack->sim, 0x10000);

  return hi << 16 | wl_sim_random_int (stack->sim, 0x10000);
}

/* The interface towards addr, and the MSS we announce there: its MTU − 40. */
void
_wl_tcp_setup_route (WlTcpPcb *pcb)
{
  WlStack *stack = pcb->stack;
  const WlRoute *route = wl_route_table_lookup (&stack->routes, pcb->remote_ip);
  guint mtu = 1500;

  pcb->iface = -1;
  for (guint i = 0; i < stack->n_ifaces; i++)
    if (stack->ifaces[i].address != 0 && stack->ifaces[i].address == pcb->remote_ip)
      pcb->iface = (gint) i;
  if (pcb->iface < 0 && route != NULL)
    pcb->iface = route->iface;
  if (pcb->iface >= 0)
    mtu = stack->ifaces[pcb->iface].port->mtu;
  pcb->adv_mss = (guint16) (mtu - WL_IPV4_HLEN - WL_TCP_HLEN);
  pcb->mss = pcb->adv_mss;
}

/* The peer's SYN: its ISN, its MSS, its first window. */
static void
take_peer_syn (WlTcpPcb       *pcb,
               const WlTcpSeg *seg)
{
  guint16 peer_mss = seg->h.mss != 0 ? seg->h.mss : WL_TCP_DEFAULT_MSS;

  pcb->irs = seg->h.seq;
  pcb->rcv_nxt = seg->h.seq + 1;
  pcb->rcv_acked = pcb->rcv_nxt;
  pcb->rcv_adv = pcb->rcv_nxt;
  pcb->mss = MIN (pcb->adv_mss, peer_mss);
  pcb->snd_wnd = seg->h.window;
  pcb->max_snd_wnd = seg->h.window;
  pcb->snd_wl1 = seg->h.seq;
  pcb->snd_wl2 = seg->h.ack;
}

void
_wl_tcp_start_send_space (WlTcpPcb *pcb)
{
  pcb->iss = new_isn (pcb->stack);
  pcb->snd_una = pcb->iss;
  pcb->snd_nxt = pcb->iss;
  pcb->snd_max = pcb->iss;
  pcb->snd_sml = pcb->iss;
  pcb->snd_buf_seq = pcb->iss + 1;
  pcb->recover = pcb->iss;
}

/* ESTABLISHED reached: congestion control starts, the user hears of it. */
static void
established (WlTcpPcb *pcb)
{
  _wl_tcp_set_state (pcb, WL_TCP_ESTABLISHED);
  pcb->retries = 0;
  _wl_tcp_cc_init (pcb, pcb->syn_lost);
  if (pcb->listener != NULL && pcb->listener->func != NULL)
    pcb->listener->func (pcb, WL_TCP_EVENT_ACCEPT, pcb->listener->user_data);
  else if (!pcb->passive)
    _wl_tcp_notify (pcb, WL_TCP_EVENT_CONNECTED);
  if (pcb->fin_queued)
    _wl_tcp_set_state (pcb, WL_TCP_FIN_WAIT_1);  /* shutdown() came during the handshake */
}

/* Segment arrives: one handler per state (RFC 9293 §3.10.7) --------------------------------- */

static guint
count_children (WlTcpPcb *listener)
{
  guint n = 0;

  for (guint i = 0; i < listener->stack->tcp.pcbs->len; i++)
    if (((WlTcpPcb *) g_ptr_array_index (listener->stack->tcp.pcbs, i))->listener == listener)
      n++;
  return n;
}

/* LISTEN: a SYN makes a child connection in SYN_RECEIVED; the listener stays. */
static void
on_listen (WlTcpPcb *pcb,
           WlTcpSeg *seg)
{
  WlTcpPcb *child;

  if (seg->h.flags & WL_TCP_RST)
    return;
  if (seg->h.flags & WL_TCP_ACK)
    {
      _wl_tcp_reply_reset (pcb->stack, seg, "bad-ack");
      return;
    }
  if (!(seg->h.flags & WL_TCP_SYN))
    return;
  if (count_children (pcb) >= pcb->backlog)
    {
      /* Linux drops the SYN when the queue is full; the client will retry. */
      _wl_stack_drop_rx (pcb->stack, seg->rx, seg->pkt, WL_PROTO_TCP, WL_LAYER_TRANSPORT,
                         WL_DROP_PORT_UNREACHABLE, "reason=backlog-full");
      return;
    }
  child = wl_tcp_pcb_new (pcb->stack);
  child->state = WL_TCP_LISTEN;  /* a copy of the listener, which now leaves LISTEN */
  child->local_ip = seg->dst;
  child->local_port = pcb->local_port;
  child->remote_ip = seg->src;
  child->remote_port = seg->h.sport;
  child->listener = pcb;
  child->passive = TRUE;
  _wl_tcp_setup_route (child);
  take_peer_syn (child, seg);
  _wl_tcp_start_send_space (child);
  _wl_tcp_set_state (child, WL_TCP_SYN_RECEIVED);
  _wl_tcp_send_syn (child);
}

/* SYN_SENT: waiting for the SYN,ACK (or a SYN: simultaneous open). */
static void
on_syn_sent (WlTcpPcb *pcb,
             WlTcpSeg *seg)
{
  guint8 f = seg->h.flags;

  if ((f & WL_TCP_ACK)
      && (WL_SEQ_LEQ (seg->h.ack, pcb->iss) || WL_SEQ_GT (seg->h.ack, pcb->snd_nxt)))
    {
      _wl_tcp_reply_reset (pcb->stack, seg, "bad-ack");
      return;
    }
  if (f & WL_TCP_RST)
    {
      if (f & WL_TCP_ACK)
        {
          _wl_tcp_note (pcb, WL_NOTE_TCP_RESET, "dir=received reason=refused");
          _wl_tcp_terminate (pcb, WL_TCP_ERROR_REFUSED);
        }
      return;
    }
  if (!(f & WL_TCP_SYN))
    return;
  take_peer_syn (pcb, seg);
  if (!(f & WL_TCP_ACK))
    {
      /* Both sides sent a SYN: answer with SYN,ACK (our ISN again). */
      _wl_tcp_set_state (pcb, WL_TCP_SYN_RECEIVED);
      _wl_tcp_send_syn (pcb);
      return;
    }
  _wl_tcp_process_ack (pcb, seg);
  established (pcb);
  _wl_tcp_send_ack (pcb);
  _wl_tcp_output (pcb);
}

/* The synchronized states share steps 1 to 4 of §3.10.7.4; FALSE: the segment is done. */
static gboolean
precheck (WlTcpPcb *pcb,
          WlTcpSeg *seg)
{
  if (!_wl_tcp_check_sequence (pcb, seg))
    return FALSE;
  if (seg->h.flags & WL_TCP_RST)
    {
      if (!_wl_tcp_rst_is_exact (pcb, seg))
        return FALSE;
      _wl_tcp_note (pcb, WL_NOTE_TCP_RESET, "dir=received reason=reset");
      if (pcb->state == WL_TCP_SYN_RECEIVED && pcb->passive)
        {
          /* Note 1 of the diagram: back to LISTEN — the listener goes on, this copy goes. */
          _wl_tcp_set_state (pcb, WL_TCP_LISTEN);
          pcb->dead = TRUE;
          _wl_tcp_timers_stop (pcb);
        }
      else if (pcb->state == WL_TCP_SYN_RECEIVED)
        _wl_tcp_terminate (pcb, WL_TCP_ERROR_REFUSED);
      else if (pcb->state <= WL_TCP_CLOSE_WAIT)
        _wl_tcp_terminate (pcb, WL_TCP_ERROR_RESET);
      else
        _wl_tcp_terminate (pcb, WL_TCP_ERROR_NONE);  /* CLOSING, LAST_ACK, TIME_WAIT */
      return FALSE;
    }
  if (seg->h.flags & WL_TCP_SYN)
    {
      /* RFC 5961 §4: a SYN in a synchronized state gets a challenge ACK. */
      _wl_tcp_send_ack (pcb);
      return FALSE;
    }
  return (seg->h.flags & WL_TCP_ACK) != 0;
}

/* TRUE when our FIN is acknowledged. */
static gboolean
fin_acked (const WlTcpPcb *pcb)
{
  return pcb->fin_queued && WL_SEQ_GT (pcb->snd_una, _wl_tcp_data_end (pcb));
}

static void
on_syn_received (WlTcpPcb *pcb,
                 WlTcpSeg *seg)
{
  guint8 f = seg->h.flags;

  if ((f & (WL_TCP_SYN | WL_TCP_ACK | WL_TCP_RST)) == WL_TCP_SYN && seg->h.seq == pcb->irs)
    {
      _wl_tcp_send_syn (pcb);  /* the peer did not get our SYN,ACK: Linux sends it again */
      return;
    }
  if ((f & (WL_TCP_SYN | WL_TCP_ACK | WL_TCP_RST)) == (WL_TCP_SYN | WL_TCP_ACK)
      && seg->h.seq == pcb->irs && seg->h.ack == pcb->snd_nxt && !pcb->passive)
    f = seg->h.flags = WL_TCP_ACK;  /* simultaneous open: its SYN,ACK acks our SYN */
  else if (!precheck (pcb, seg))
    return;
  if (WL_SEQ_LEQ (seg->h.ack, pcb->snd_una) || WL_SEQ_GT (seg->h.ack, pcb->snd_nxt))
    {
      _wl_tcp_reply_reset (pcb->stack, seg, "bad-ack");
      return;
    }
  pcb->snd_wnd = seg->h.window;  /* RFC 9293: SND.WND, WL1, WL2 from this segment */
  pcb->max_snd_wnd = MAX (pcb->max_snd_wnd, seg->h.window);
  pcb->snd_wl1 = seg->h.seq;
  pcb->snd_wl2 = seg->h.ack;
  _wl_tcp_process_ack (pcb, seg);
  established (pcb);
  if (_wl_tcp_process_text (pcb, seg))
    _wl_tcp_set_state (pcb, pcb->state == WL_TCP_ESTABLISHED ? WL_TCP_CLOSE_WAIT : WL_TCP_CLOSING);
  _wl_tcp_output (pcb);
}

static void
on_established (WlTcpPcb *pcb,
                WlTcpSeg *seg)
{
  if (!precheck (pcb, seg) || !_wl_tcp_process_ack (pcb, seg))
    return;
  if (_wl_tcp_process_text (pcb, seg))
    _wl_tcp_set_state (pcb, WL_TCP_CLOSE_WAIT);
  _wl_tcp_output (pcb);
}

static void
on_fin_wait_1 (WlTcpPcb *pcb,
               WlTcpSeg *seg)
{
  if (!precheck (pcb, seg) || !_wl_tcp_process_ack (pcb, seg))
    return;
  if (fin_acked (pcb))
    _wl_tcp_set_state (pcb, WL_TCP_FIN_WAIT_2);
  if (_wl_tcp_process_text (pcb, seg))
    {
      /* Their FIN: simultaneous close when ours is still unacknowledged. */
      pcb->ack_now = TRUE;
      _wl_tcp_set_state (pcb, pcb->state == WL_TCP_FIN_WAIT_2 ? WL_TCP_TIME_WAIT : WL_TCP_CLOSING);
    }
  _wl_tcp_output (pcb);
}

static void
on_fin_wait_2 (WlTcpPcb *pcb,
               WlTcpSeg *seg)
{
  if (!precheck (pcb, seg) || !_wl_tcp_process_ack (pcb, seg))
    return;
  if (_wl_tcp_process_text (pcb, seg))
    {
      pcb->ack_now = TRUE;
      _wl_tcp_set_state (pcb, WL_TCP_TIME_WAIT);
    }
  _wl_tcp_output (pcb);
}

/* CLOSE_WAIT: the peer has finished sending; we may still send. */
static void
on_close_wait (WlTcpPcb *pcb,
               WlTcpSeg *seg)
{
  if (!precheck (pcb, seg) || !_wl_tcp_process_ack (pcb, seg))
    return;
  _wl_tcp_output (pcb);
}

static void
on_closing (WlTcpPcb *pcb,
            WlTcpSeg *seg)
{
  if (!precheck (pcb, seg) || !_wl_tcp_process_ack (pcb, seg))
    return;
  if (fin_acked (pcb))
    _wl_tcp_set_state (pcb, WL_TCP_TIME_WAIT);
  _wl_tcp_output (pcb);
}

static void
on_last_ack (WlTcpPcb *pcb,
             WlTcpSeg *seg)
{
  if (!precheck (pcb, seg) || !_wl_tcp_process_ack (pcb, seg))
    return;
  if (fin_acked (pcb))
    _wl_tcp_set_state (pcb, WL_TCP_CLOSED);
  else
    _wl_tcp_output (pcb);
}

/* TIME_WAIT: only a retransmitted FIN can come; ack it and wait 2·MSL again. */
static void
on_time_wait (WlTcpPcb *pcb,
              WlTcpSeg *seg)
{
  if ((seg->h.flags & (WL_TCP_FIN | WL_TCP_RST)) == WL_TCP_FIN)
    _wl_tcp_wait_start (pcb, 2 * WL_TCP_MSL);
  if (!precheck (pcb, seg))
    return;
  _wl_tcp_output (pcb);
}

typedef void (*StateHandler) (WlTcpPcb *pcb,
                              WlTcpSeg *seg);

static const StateHandler handlers[] = {
  [WL_TCP_CLOSED] = NULL,
  [WL_TCP_LISTEN] = on_listen,
  [WL_TCP_SYN_SENT] = on_syn_sent,
  [WL_TCP_SYN_RECEIVED] = on_syn_received,
  [WL_TCP_ESTABLISHED] = on_established,
  [WL_TCP_FIN_WAIT_1] = on_fin_wait_1,
  [WL_TCP_FIN_WAIT_2] = on_fin_wait_2,
  [WL_TCP_CLOSE_WAIT] = on_close_wait,
  [WL_TCP_CLOSING] = on_closing,
  [WL_TCP_LAST_ACK] = on_last_ack,
  [WL_TCP_TIME_WAIT] = on_time_wait,
};

void
_wl_tcp_segment_arrives (WlTcpPcb *pcb,
                         WlTcpSeg *seg)
{
  g_assert ((guint) pcb->state < G_N_ELEMENTS (handlers) && handlers[pcb->state] != NULL);

  pcb->ack_now = FALSE;
  handlers[pcb->state](pcb, seg);
  /* A handler that queued an ACK and returned early (an unacceptable segment) sends it. */
  if (pcb->ack_now && !pcb->dead)
    _wl_tcp_send_ack (pcb);
  _wl_tcp_reap (pcb);
}
