/* wl-socket.h — sockets: how applications inside the engine use TCP and UDP.
 *
 * The calls are named after BSD sockets so that what a student reads here is what they will
 * write on a real system: socket() → wl_socket_tcp_new / wl_socket_udp_new, then bind, listen,
 * accept, connect, send, recv, sendto, recvfrom, shutdown, close.
 *
 * There are no threads and nothing blocks: where a real program would sleep in accept(),
 * connect(), recv() or a full send(), an engine application returns and is called back.  One
 * callback per socket receives a set of events; like poll(), it says what can be done now:
 *
 *   CONNECTED  connect() completed (the handshake is done); the socket is also WRITABLE
 *   ACCEPT     a listener has a connection waiting: call wl_socket_accept() until NULL
 *   READABLE   recv()/recvfrom() has data — or the peer closed (recv() then returns 0)
 *   WRITABLE   a send() that took less than offered can now take more
 *   ERROR      the connection was refused, reset or timed out: wl_socket_get_error()
 *
 * Callbacks never run inside a call the application makes, nor inside TCP's own processing:
 * events are delivered through the simulation queue at the same virtual time (the way a
 * kernel wakes a process), so an application may call anything, close included, from its
 * callback.  Every call that changes a connection (listen, connect, accept, shutdown, close)
 * is recorded as a socket note "call=connect conn=10.0.0.1:40000-10.0.0.2:80"; close adds the
 * bytes the application sent and received ("sent=… received=…").
 *
 * Errors are GIOError codes (the errno a real socket call would give is in the message).
 */
#pragma once

#include <gio/gio.h>

#include "proto/wl-stack.h"
#include "proto/wl-tcp.h"

G_BEGIN_DECLS

typedef struct _WlSocket WlSocket;

typedef enum
{
  WL_SOCKET_TCP,
  WL_SOCKET_UDP,
} WlSocketType;

typedef enum
{
  WL_SOCKET_EVENT_CONNECTED = 1 << 0,
  WL_SOCKET_EVENT_ACCEPT = 1 << 1,
  WL_SOCKET_EVENT_READABLE = 1 << 2,
  WL_SOCKET_EVENT_WRITABLE = 1 << 3,
  WL_SOCKET_EVENT_ERROR = 1 << 4,
} WlSocketEvents;

typedef void (*WlSocketFunc) (WlSocket      *sock,
                              WlSocketEvents events,
                              gpointer       user_data);

/* socket(AF_INET, SOCK_STREAM) and socket(AF_INET, SOCK_DGRAM) on a stack. */
WlSocket     *wl_socket_tcp_new (WlStack *stack);
WlSocket     *wl_socket_udp_new (WlStack *stack);
/* Events waiting for a callback are delivered once one is set. */
void          wl_socket_set_callback (WlSocket    *sock,
                                      WlSocketFunc func,
                                      gpointer     user_data);

/* addr 0 = any; port 0 = an ephemeral port.  EADDRINUSE when taken. */
gboolean      wl_socket_bind (WlSocket *sock,
                              guint32   addr,
                              guint16   port,
                              GError  **error);
gboolean      wl_socket_listen (WlSocket *sock,
                                guint     backlog,
                                GError  **error);
/* The next established connection, or NULL when none waits (EAGAIN). */
WlSocket     *wl_socket_accept (WlSocket *sock);
/* Starts the handshake; CONNECTED or ERROR follows.  Fails at once when no route leads to
 * addr (ENETUNREACH). */
gboolean      wl_socket_connect (WlSocket *sock,
                                 guint32   addr,
                                 guint16   port,
                                 GError  **error);
/* Queues data; returns how many bytes were taken (0 when the send buffer is full: wait for
 * WRITABLE), or -1 with an error (not connected, shut down, reset). */
gssize        wl_socket_send (WlSocket     *sock,
                              const guint8 *data,
                              gsize         len,
                              GError      **error);
/* Bytes read (> 0), 0 at end of stream, or -1: G_IO_ERROR_WOULD_BLOCK when nothing is there
 * yet, or the connection's error. */
gssize        wl_socket_recv (WlSocket *sock,
                              guint8   *buf,
                              gsize     len,
                              GError  **error);
/* UDP: one datagram to addr:port (binds an ephemeral port first if needed). */
gboolean      wl_socket_sendto (WlSocket     *sock,
                                const guint8 *data,
                                gsize         len,
                                guint32       addr,
                                guint16       port,
                                GError      **error);
/* UDP: the next datagram (cut to len, as BSD does), its source in addr and port; -1 with
 * G_IO_ERROR_WOULD_BLOCK when none waits. */
gssize        wl_socket_recvfrom (WlSocket *sock,
                                  guint8   *buf,
                                  gsize     len,
                                  guint32  *addr,
                                  guint16  *port,
                                  GError  **error);
/* shutdown(SHUT_WR): no more sending; TCP sends its FIN after the queued data. */
gboolean      wl_socket_shutdown (WlSocket *sock,
                                  GError  **error);
/* close(): frees the socket.  TCP finishes the connection on its own (FIN, or RST when
 * received data was never read); a listener resets the connections nobody accepted. */
void          wl_socket_close (WlSocket *sock);

WlSocketType  wl_socket_get_socket_type (WlSocket *sock);
/* The TCP connection (NULL for UDP, before connect/listen, and once it is gone). */
WlTcpPcb     *wl_socket_get_pcb (WlSocket *sock);
/* Why the connection failed, or NULL. */
const GError *wl_socket_get_error (WlSocket *sock);
guint16       wl_socket_get_local_port (WlSocket *sock);
guint64       wl_socket_get_bytes_sent (WlSocket *sock);
guint64       wl_socket_get_bytes_received (WlSocket *sock);

G_END_DECLS
