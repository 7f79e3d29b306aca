/* wl-socket.c — the socket layer between applications and TCP/UDP (see wl-socket.h).
 *
 * Where it sits: applications (engine/devices: nc; later HTTP, DNS) call these functions;
 * TCP sockets drive a connection (wl-tcp.h) and hear from it through its callback; UDP
 * sockets bind a port in the stack's UDP table (wl-udp.h) and queue the datagrams it hands
 * them.
 *
 * State: each socket owns its queue of waiting events, a listener its queue of established
 * connections not yet accepted, a UDP socket its queue of received datagrams.  The socket
 * belongs to the application; the TCP connection to the stack.  They point at each other
 * until one goes: close() lets go of the connection (which finishes alone, "orphaned" as
 * Linux says), and a connection that dies first tells its socket (WL_TCP_EVENT_FREED).
 *
 * Event delivery: TCP's callback only records what happened (pending bits) and schedules one
 * dispatch at the current time; the dispatch calls the application.  Events for a socket
 * without a callback yet (a connection not accepted) wait until one is set.
 *
 * What a socket call maps to:
 *   bind      wl_tcp_bind / wl_udp_bind          listen   wl_tcp_listen (CLOSED → LISTEN)
 *   connect   wl_tcp_connect (→ SYN_SENT)        accept   takes a child from the queue
 *   send      wl_tcp_write                       recv     wl_tcp_read (window may open)
 *   shutdown  wl_tcp_shutdown (FIN)              close    wl_tcp_close / wl_udp_unbind
 */
#define G_LOG_DOMAIN "wl-socket"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wl-socket.h"
#include "wl-stack-private.h"

typedef struct
{
  guint32   src;
  guint16   sport;
  WlPacket *payload;
} Datagram;

struct _WlSocket
{
  WlStack       *stack;
  WlSocketType   type;
  WlTcpPcb      *pcb;        /* TCP: the connection, until it is freed */
  WlSocket      *listener;   /* a connection not yet accepted: its listener */
  GQueue         accept_q;   /* a listener: established connections (WlSocket*) */
  GQueue         dgrams;     /* UDP: received Datagrams */
  guint32        addr;       /* bound address (0: any) */
  guint16        port;       /* bound port (0: none) */
  gboolean       listening;
  gboolean       want_write; /* a send() was cut short: WRITABLE when room comes */
  char           conn[WL_TCP_CONN_LEN]; /* the connection's name, kept for notes after it */
  GError        *error;
  WlSocketFunc   func;
  gpointer       user_data;
  WlSocketEvents pending;
  WlTimerId      dispatch;
  guint64        sent;
  guint64        received;
};

static gboolean
quiet (WlSocket *sock)
{
  return sock->stack->tcp.shutting_down;
}

/* A socket note; it becomes the cause of what the call sends (restore it with uncause()). */
static guint64
note (WlSocket   *sock,
      const char *call,
      const char *extra)
{
  WlProto proto = sock->type == WL_SOCKET_TCP ? WL_PROTO_TCP : WL_PROTO_UDP;
  guint64 prev = wl_sim_get_cause (sock->stack->sim);
  char ip[16];

  if (quiet (sock))
    return prev;
  if (sock->pcb != NULL && sock->pcb->remote_port != 0)
    wl_tcp_conn_format (sock->pcb, sock->conn);
  else if (sock->conn[0] == '\0' || sock->listening)
    g_snprintf (sock->conn, sizeof sock->conn, "%s:%u", wl_ip_format (sock->addr, ip),
                sock->port);
  wl_sim_set_cause (sock->stack->sim,
                    _wl_stack_note (sock->stack, -1, proto, WL_LAYER_APPLICATION,
                                    WL_NOTE_SOCKET, "call=%s conn=%s%s%s", call, sock->conn,
                                    extra ? " " : "", extra ? extra : ""));
  return prev;
}

static void
uncause (WlSocket *sock,
         guint64   prev)
{
  wl_sim_set_cause (sock->stack->sim, prev);
}

/* Event delivery ----------------------------------------------------------------------------- */

static void
on_dispatch (WlSim   *sim,
             gpointer target,
             gpointer data)
{
  WlSocket *sock = target;
  WlSocketEvents events = sock->pending;

  sock->dispatch = 0;
  if (sock->func == NULL)
    return;  /* they wait for a callback */
  sock->pending = 0;
  sock->func (sock, events, sock->user_data);  /* may close (free) the socket */
}

static void
post (WlSocket      *sock,
      WlSocketEvents events)
{
  sock->pending |= events;
  if (sock->dispatch == 0 && sock->func != NULL && !quiet (sock))
    sock->dispatch = wl_sim_schedule (sock->stack->sim, 0, on_dispatch, sock, NULL, NULL);
}

static void
set_tcp_error (WlSocket *sock,
               WlTcpError error)
{
  g_clear_error (&sock->error);
  switch (error)
    {
    case WL_TCP_ERROR_REFUSED:
      sock->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED,
                                         _("Connection refused (ECONNREFUSED)"));
      break;
    case WL_TCP_ERROR_RESET:
      sock->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                         _("Connection reset by peer (ECONNRESET)"));
      break;
    case WL_TCP_ERROR_TIMED_OUT:
      sock->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                         _("Connection timed out (ETIMEDOUT)"));
      break;
    case WL_TCP_ERROR_NONE:
    default:
      break;
    }
}

static WlSocket *
socket_new (WlStack     *stack,
            WlSocketType type)
{
  WlSocket *sock = g_new0 (WlSocket, 1);

  sock->stack = stack;
  sock->type = type;
  g_queue_init (&sock->accept_q);
  g_queue_init (&sock->dgrams);
  return sock;
}

static void on_tcp (WlTcpPcb  *pcb,
                    WlTcpEvent event,
                    gpointer   user_data);

/* A listener's connection reached ESTABLISHED: it waits in the accept queue. */
static void
queue_child (WlSocket *listener,
             WlTcpPcb *child)
{
  WlSocket *sock = socket_new (listener->stack, WL_SOCKET_TCP);

  sock->pcb = child;
  sock->listener = listener;
  sock->addr = child->local_ip;
  sock->port = child->local_port;
  wl_tcp_set_callback (child, on_tcp, sock);
  g_queue_push_tail (&listener->accept_q, sock);
  post (listener, WL_SOCKET_EVENT_ACCEPT);
}

static void
on_tcp (WlTcpPcb  *pcb,
        WlTcpEvent event,
        gpointer   user_data)
{
  WlSocket *sock = user_data;

  switch (event)
    {
    case WL_TCP_EVENT_CONNECTED:
      post (sock, WL_SOCKET_EVENT_CONNECTED | WL_SOCKET_EVENT_WRITABLE);
      break;
    case WL_TCP_EVENT_ACCEPT:
      queue_child (sock, pcb);
      break;
    case WL_TCP_EVENT_RECV:
    case WL_TCP_EVENT_EOF:
      post (sock, WL_SOCKET_EVENT_READABLE);
      break;
    case WL_TCP_EVENT_SENT:
      if (sock->want_write)
        {
          sock->want_write = FALSE;
          post (sock, WL_SOCKET_EVENT_WRITABLE);
        }
      break;
    case WL_TCP_EVENT_ERROR:
      set_tcp_error (sock, pcb->error);
      post (sock, WL_SOCKET_EVENT_ERROR);
      break;
    case WL_TCP_EVENT_FREED:
      sock->pcb = NULL;
      break;
    default:
      break;
    }
}

/* Calls ---------------------------------------------------------------------------------------- */

WlSocket *
wl_socket_tcp_new (WlStack *stack)
{
  g_return_val_if_fail (stack != NULL, NULL);
  return socket_new (stack, WL_SOCKET_TCP);
}

WlSocket *
wl_socket_udp_new (WlStack *stack)
{
  g_return_val_if_fail (stack != NULL, NULL);
  return socket_new (stack, WL_SOCKET_UDP);
}

void
wl_socket_set_callback (WlSocket    *sock,
                        WlSocketFunc func,
                        gpointer     user_data)
{
  sock->func = func;
  sock->user_data = user_data;
  if (sock->pending != 0)
    post (sock, 0);
}

static void
on_datagram (WlStack         *stack,
             const WlUdpInfo *info,
             WlPacket        *payload,
             gpointer         user_data)
{
  WlSocket *sock = user_data;
  Datagram *d = g_new (Datagram, 1);

  d->src = info->src;
  d->sport = info->sport;
  d->payload = payload;
  g_queue_push_tail (&sock->dgrams, d);
  post (sock, WL_SOCKET_EVENT_READABLE);
}

static gboolean
in_use (GError **error,
        guint16  port)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
               _("Port %u is already in use (EADDRINUSE)"), port);
  return FALSE;
}

gboolean
wl_socket_bind (WlSocket *sock,
                guint32   addr,
                guint16   port,
                GError  **error)
{
  g_return_val_if_fail (sock->port == 0 && sock->pcb == NULL, FALSE);

  if (sock->type == WL_SOCKET_UDP)
    {
      if (port == 0)
        port = wl_udp_alloc_port (sock->stack);
      if (port == 0 || !wl_udp_bind (sock->stack, port, on_datagram, sock))
        return in_use (error, port);
    }
  else
    {
      sock->pcb = wl_tcp_pcb_new (sock->stack);
      wl_tcp_set_callback (sock->pcb, on_tcp, sock);
      if (!wl_tcp_bind (sock->pcb, addr, port))
        {
          wl_tcp_close (sock->pcb);  /* never opened: freed quietly */
          sock->pcb = NULL;
          return in_use (error, port);
        }
      port = sock->pcb->local_port;
    }
  sock->addr = addr;
  sock->port = port;
  return TRUE;
}

gboolean
wl_socket_listen (WlSocket *sock,
                  guint     backlog,
                  GError  **error)
{
  g_return_val_if_fail (sock->type == WL_SOCKET_TCP, FALSE);

  if (sock->pcb == NULL && !wl_socket_bind (sock, 0, 0, error))
    return FALSE;
  if (sock->pcb == NULL || !wl_tcp_listen (sock->pcb, backlog))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The socket cannot listen: it is already connected (EINVAL)"));
      return FALSE;
    }
  sock->listening = TRUE;
  uncause (sock, note (sock, "listen", NULL));
  return TRUE;
}

WlSocket *
wl_socket_accept (WlSocket *sock)
{
  WlSocket *child = g_queue_pop_head (&sock->accept_q);

  if (child == NULL)
    return NULL;
  child->listener = NULL;
  if (child->pcb != NULL)
    wl_tcp_accepted (child->pcb);
  uncause (child, note (child, "accept", NULL));
  return child;
}

gboolean
wl_socket_connect (WlSocket *sock,
                   guint32   addr,
                   guint16   port,
                   GError  **error)
{
  guint32 src = wl_ipv4_select_source (sock->stack, addr);
  char ip[16], sip[16];
  guint64 prev;
  gboolean ok;

  g_return_val_if_fail (sock->type == WL_SOCKET_TCP && !sock->listening, FALSE);

  if (sock->pcb != NULL && sock->pcb->state != WL_TCP_CLOSED)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The socket is already connected (EISCONN)"));
      return FALSE;
    }
  if (src == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE,
                   _("No route to %s (ENETUNREACH)"), wl_ip_format (addr, ip));
      return FALSE;
    }
  /* An unbound socket gets its ephemeral port now, so that the note can name it. */
  if (sock->pcb == NULL && !wl_socket_bind (sock, 0, 0, error))
    return FALSE;
  g_snprintf (sock->conn, sizeof sock->conn, "%s:%u-%s:%u",
              wl_ip_format (sock->addr != 0 ? sock->addr : src, sip), sock->port,
              wl_ip_format (addr, ip), port);
  /* connect() explains the SYN */
  prev = note (sock, "connect", NULL);
  ok = wl_tcp_connect (sock->pcb, addr, port);
  uncause (sock, prev);
  if (!ok)  /* cannot happen: a route and a port are all it needs */
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("connect() failed"));
  return ok;
}

/* The error a call on a connection that is gone or failed gives. */
static gssize
broken (WlSocket *sock,
        GError  **error)
{
  if (sock->error != NULL)
    g_propagate_error (error, g_error_copy (sock->error));
  else
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED,
                         _("The socket is not connected (ENOTCONN)"));
  return -1;
}

gssize
wl_socket_send (WlSocket     *sock,
                const guint8 *data,
                gsize         len,
                GError      **error)
{
  gsize n;

  g_return_val_if_fail (sock->type == WL_SOCKET_TCP, -1);

  if (sock->pcb == NULL || sock->pcb->state == WL_TCP_CLOSED || sock->listening)
    return broken (sock, error);
  if (sock->pcb->fin_queued)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE,
                           _("The socket was shut down for sending (EPIPE)"));
      return -1;
    }
  n = wl_tcp_write (sock->pcb, data, len);
  if (n < len)
    sock->want_write = TRUE;
  sock->sent += n;
  return (gssize) n;
}

gssize
wl_socket_recv (WlSocket *sock,
                guint8   *buf,
                gsize     len,
                GError  **error)
{
  gsize n;

  g_return_val_if_fail (sock->type == WL_SOCKET_TCP, -1);

  if (sock->pcb == NULL)
    return sock->error != NULL ? broken (sock, error) : 0;
  n = wl_tcp_read (sock->pcb, buf, len);
  sock->received += n;
  if (n > 0)
    return (gssize) n;
  if (sock->pcb->fin_received)
    return 0;  /* end of stream */
  if (sock->error != NULL)
    return broken (sock, error);
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                       _("No data yet (EAGAIN)"));
  return -1;
}

gboolean
wl_socket_sendto (WlSocket     *sock,
                  const guint8 *data,
                  gsize         len,
                  guint32       addr,
                  guint16       port,
                  GError      **error)
{
  WlUdpSend params = { .dst = addr, .dport = port };

  g_return_val_if_fail (sock->type == WL_SOCKET_UDP, FALSE);

  if (sock->port == 0 && !wl_socket_bind (sock, 0, 0, error))
    return FALSE;
  params.src = sock->addr;
  params.sport = sock->port;
  wl_udp_send (sock->stack, &params, wl_packet_new_from_data (data, len));
  sock->sent += len;
  return TRUE;
}

gssize
wl_socket_recvfrom (WlSocket *sock,
                    guint8   *buf,
                    gsize     len,
                    guint32  *addr,
                    guint16  *port,
                    GError  **error)
{
  Datagram *d;
  gsize n;

  g_return_val_if_fail (sock->type == WL_SOCKET_UDP, -1);

  d = g_queue_pop_head (&sock->dgrams);
  if (d == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                           _("No datagram yet (EAGAIN)"));
      return -1;
    }
  n = MIN (len, wl_packet_len (d->payload));
  memcpy (buf, wl_packet_data (d->payload), n);
  if (addr != NULL)
    *addr = d->src;
  if (port != NULL)
    *port = d->sport;
  wl_packet_unref (d->payload);
  g_free (d);
  sock->received += n;
  return (gssize) n;
}

gboolean
wl_socket_shutdown (WlSocket *sock,
                    GError  **error)
{
  guint64 prev;

  g_return_val_if_fail (sock->type == WL_SOCKET_TCP, FALSE);

  if (sock->pcb == NULL || sock->listening || sock->pcb->state == WL_TCP_CLOSED)
    {
      broken (sock, error);
      return FALSE;
    }
  prev = note (sock, "shutdown", NULL);
  wl_tcp_shutdown (sock->pcb);
  uncause (sock, prev);
  return TRUE;
}

static void
datagram_free (gpointer data)
{
  Datagram *d = data;

  wl_packet_unref (d->payload);
  g_free (d);
}

void
wl_socket_close (WlSocket *sock)
{
  g_autofree char *counts = NULL;
  WlSocket *child;
  guint64 prev;

  if (sock == NULL)
    return;
  if (sock->dispatch != 0)
    wl_sim_cancel (sock->stack->sim, sock->dispatch);
  if (sock->listener != NULL)
    g_queue_remove (&sock->listener->accept_q, sock);
  /* Connections nobody accepted are reset, as Linux does when a listener closes. */
  while ((child = g_queue_pop_head (&sock->accept_q)) != NULL)
    {
      child->listener = NULL;
      if (child->pcb != NULL)
        {
          wl_tcp_set_callback (child->pcb, NULL, NULL);
          wl_tcp_abort (child->pcb);
          child->pcb = NULL;
        }
      wl_socket_close (child);
    }
  counts = g_strdup_printf ("sent=%" G_GUINT64_FORMAT " received=%" G_GUINT64_FORMAT,
                            sock->sent, sock->received);
  if (sock->type == WL_SOCKET_UDP && sock->port != 0)
    wl_udp_unbind (sock->stack, sock->port);
  prev = wl_sim_get_cause (sock->stack->sim);
  if (sock->type == WL_SOCKET_UDP || sock->conn[0] != '\0')
    note (sock, "close", counts);  /* close() explains the FIN (or RST) */
  if (sock->pcb != NULL)
    {
      wl_tcp_set_callback (sock->pcb, NULL, NULL);
      wl_tcp_close (sock->pcb);
    }
  uncause (sock, prev);
  g_queue_clear_full (&sock->dgrams, datagram_free);
  g_clear_error (&sock->error);
  g_free (sock);
}

WlSocketType
wl_socket_get_socket_type (WlSocket *sock)
{
  return sock->type;
}

WlTcpPcb *
wl_socket_get_pcb (WlSocket *sock)
{
  return sock->pcb;
}

const GError *
wl_socket_get_error (WlSocket *sock)
{
  return sock->error;
}

guint16
wl_socket_get_local_port (WlSocket *sock)
{
  return sock->port;
}

guint64
wl_socket_get_bytes_sent (WlSocket *sock)
{
  return sock->sent;
}

guint64
wl_socket_get_bytes_received (WlSocket *sock)
{
  return sock->received;
}
