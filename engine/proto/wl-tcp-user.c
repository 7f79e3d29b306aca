/* wl-tcp-user.c — what the user of a TCP connection (the socket layer) can ask of it: the
 * calls of RFC 9293 §3.10.1–3.10.5 (OPEN passive and active, SEND, RECEIVE, CLOSE, ABORT), as
 * BSD sockets split them (bind, listen, connect, write, read, shutdown, close).
 *
 * Where it sits: above the state machine (wl-tcp.c); wl-socket.c is the only caller.
 *
 * State: none of its own; the calls change the connection's state and buffers.
 *
 *   bind      a local address and port (ephemeral when 0); a port held by a live connection
 *             or a listener is taken, one held only by TIME_WAIT is not (SO_REUSEADDR)
 *   listen    CLOSED → LISTEN
 *   connect   CLOSED → SYN_SENT, SYN sent; refused at once when no route leads there
 *   write     into the send buffer (128 KiB), then whatever may go goes (wl-tcp-output.c)
 *   read      out of the receive buffer; the freed room may be announced (window update)
 *   shutdown  FIN after the data: ESTABLISHED → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK
 *   close     as shutdown, but the user is gone (an orphan); RST instead of FIN when data
 *             was received and never read (RFC 2525 §2.17); LISTEN and SYN_SENT close at once
 *   abort     RST (when synchronized), CLOSED at once
 */
#define G_LOG_DOMAIN "wl-tcp"
#include "config.h"

#include <string.h>

#include "wl-tcp-private.h"

void
wl_tcp_set_callback (WlTcpPcb      *pcb,
                     WlTcpEventFunc func,
                     gpointer       user_data)
{
  pcb->func = func;
  pcb->user_data = user_data;
}

gboolean
wl_tcp_bind (WlTcpPcb *pcb,
             guint32   addr,
             guint16   port)
{
  g_return_val_if_fail (pcb->state == WL_TCP_CLOSED && pcb->local_port == 0, FALSE);

  if (port == 0)
    port = _wl_tcp_alloc_port (pcb->stack);
  if (port == 0 || _wl_tcp_port_in_use (pcb->stack, port, FALSE))
    return FALSE;
  pcb->local_ip = addr;
  pcb->local_port = port;
  return TRUE;
}

gboolean
wl_tcp_listen (WlTcpPcb *pcb,
               guint     backlog)
{
  g_return_val_if_fail (pcb->state == WL_TCP_CLOSED, FALSE);

  if (pcb->local_port == 0)
    return FALSE;
  pcb->backlog = backlog > 0 ? backlog : 1;
  _wl_tcp_set_state (pcb, WL_TCP_LISTEN);
  return TRUE;
}

gboolean
wl_tcp_connect (WlTcpPcb *pcb,
                guint32   addr,
                guint16   port)
{
  guint32 src;

  g_return_val_if_fail (pcb->state == WL_TCP_CLOSED && !pcb->dead, FALSE);

  src = pcb->local_ip != 0 ? pcb->local_ip : wl_ipv4_select_source (pcb->stack, addr);
  if (src == 0)
    return FALSE;  /* no route: Linux's connect() fails at once (ENETUNREACH) */
  if (pcb->local_port == 0 && (pcb->local_port = _wl_tcp_alloc_port (pcb->stack)) == 0)
    return FALSE;
  pcb->local_ip = src;
  pcb->remote_ip = addr;
  pcb->remote_port = port;
  _wl_tcp_setup_route (pcb);
  _wl_tcp_start_send_space (pcb);
  _wl_tcp_set_state (pcb, WL_TCP_SYN_SENT);
  _wl_tcp_send_syn (pcb);
  return TRUE;
}

void
wl_tcp_accepted (WlTcpPcb *pcb)
{
  pcb->listener = NULL;
}

gsize
wl_tcp_write (WlTcpPcb     *pcb,
              const guint8 *data,
              gsize         len)
{
  gsize n;

  if (pcb->fin_queued || pcb->dead
      || (pcb->state != WL_TCP_ESTABLISHED && pcb->state != WL_TCP_CLOSE_WAIT
          && pcb->state != WL_TCP_SYN_SENT && pcb->state != WL_TCP_SYN_RECEIVED))
    return 0;
  n = MIN (len, wl_tcp_get_writable (pcb));
  g_byte_array_append (pcb->sndbuf, data, (guint) n);
  if (pcb->state == WL_TCP_ESTABLISHED || pcb->state == WL_TCP_CLOSE_WAIT)
    _wl_tcp_output (pcb);
  return n;
}

gsize
wl_tcp_read (WlTcpPcb *pcb,
             guint8   *buf,
             gsize     len)
{
  gsize n = MIN (len, pcb->rcvbuf->len);

  if (n == 0)
    return 0;
  memcpy (buf, pcb->rcvbuf->data, n);
  g_byte_array_remove_range (pcb->rcvbuf, 0, (guint) n);
  _wl_tcp_window_update_after_read (pcb);
  return n;
}

gsize
wl_tcp_get_readable (const WlTcpPcb *pcb)
{
  return pcb->rcvbuf->len;
}

gsize
wl_tcp_get_writable (const WlTcpPcb *pcb)
{
  return pcb->sndbuf->len < pcb->sndbuf_max ? pcb->sndbuf_max - pcb->sndbuf->len : 0;
}

/* Queues our FIN: ESTABLISHED (or SYN_RECEIVED) → FIN_WAIT_1, CLOSE_WAIT → LAST_ACK. */
static void
queue_fin (WlTcpPcb *pcb)
{
  if (pcb->fin_queued)
    return;
  pcb->fin_queued = TRUE;
  if (pcb->state == WL_TCP_ESTABLISHED || pcb->state == WL_TCP_SYN_RECEIVED)
    _wl_tcp_set_state (pcb, WL_TCP_FIN_WAIT_1);
  else if (pcb->state == WL_TCP_CLOSE_WAIT)
    _wl_tcp_set_state (pcb, WL_TCP_LAST_ACK);
  if (pcb->state == WL_TCP_FIN_WAIT_1 || pcb->state == WL_TCP_LAST_ACK)
    _wl_tcp_output (pcb);
}

void
wl_tcp_shutdown (WlTcpPcb *pcb)
{
  if (pcb->dead || pcb->state == WL_TCP_CLOSED || pcb->state == WL_TCP_LISTEN)
    return;
  queue_fin (pcb);
}

void
wl_tcp_close (WlTcpPcb *pcb)
{
  pcb->orphan = TRUE;
  pcb->func = NULL;
  pcb->user_data = NULL;
  switch (pcb->state)
    {
    case WL_TCP_CLOSED:
      pcb->dead = TRUE;  /* never opened: nothing to say */
      break;
    case WL_TCP_LISTEN:
    case WL_TCP_SYN_SENT:
      _wl_tcp_set_state (pcb, WL_TCP_CLOSED);
      break;
    case WL_TCP_FIN_WAIT_2:
      _wl_tcp_wait_start (pcb, WL_TCP_FIN_TIMEOUT);
      break;
    default:
      if (pcb->rcvbuf->len > 0)
        {
          /* RFC 2525 §2.17: data the application never read is lost: say so with RST. */
          _wl_tcp_send_rst (pcb, "unread-data");
          _wl_tcp_set_state (pcb, WL_TCP_CLOSED);
        }
      else
        queue_fin (pcb);
      break;
    }
  _wl_tcp_reap (pcb);
}

void
wl_tcp_abort (WlTcpPcb *pcb)
{
  if (pcb->state >= WL_TCP_SYN_RECEIVED && pcb->state <= WL_TCP_CLOSE_WAIT)
    _wl_tcp_send_rst (pcb, "abort");
  if (pcb->state == WL_TCP_CLOSED)
    pcb->dead = TRUE;
  else
    _wl_tcp_set_state (pcb, WL_TCP_CLOSED);
  _wl_tcp_reap (pcb);
}
