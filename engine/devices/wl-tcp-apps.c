/* wl-tcp-apps.c — nc (netcat), the TCP test program of the host console: a sink that
 * listens and counts, and a source that connects and sends a given number of bytes.
 *
 *   nc -l [-k] [-r RATE] PORT         listen on PORT (also "nc -l -p PORT"), read everything
 *   nc [-p SRCPORT] HOST PORT -n BYTES connect to HOST:PORT, send BYTES bytes, then close
 *
 *   -l        listen (the sink) instead of connecting
 *   -k        keep listening after the first connection (OpenBSD nc); without it, like nc,
 *             the first connection is the only one: the listener closes once it is accepted
 *   -r RATE   the sink reads at most RATE bytes per second (10 .. 1000000000), in slices of
 *             RATE/10 every 100 ms: a slow reader, whose receive buffer fills and whose
 *             advertised window shrinks, down to zero
 *   -n BYTES  how much the source sends (0 .. 1000000000, default 0: connect and close);
 *             real nc's -n means "no DNS", which needs no flag here: HOST is an address
 *   -p PORT   the source's local port (default: an ephemeral one); with -l, the port to
 *             listen on, as traditional nc takes it
 *
 * Where it sits: an application on a host's stack, through sockets (proto/wl-socket.h).  It
 * lives as long as the stack (wl_stack_add_app).
 *
 * What is sent: byte i of the stream is wl_nc_pattern(i) — lines of 63 letters and digits and
 * a newline, readable in Wireshark's "Follow TCP Stream" — and the sink checks every byte.
 *
 * Output: the socket notes of every call (connect, accept, close with "sent=" and
 * "received=" counts: the byte count of a transfer), and console notes as a user would see
 * them: "nc: 102400 bytes received from 10.0.0.1 port 40000" when the sink reaches the end of
 * a stream (", N bytes differ from what nc sends" when the data came out wrong), and real nc's
 * "nc: connect to 10.0.0.2 port 5001 (tcp) failed: Connection refused" when it fails.
 */
#define G_LOG_DOMAIN "wl-nc"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab/wl-lab.h"
#include "proto/wl-socket.h"
#include "wl-tcp-apps.h"

#define NC_TICK (100 * WL_MS)
#define NC_CHUNK 16384
#define NC_MAX_BYTES G_GUINT64_CONSTANT (1000000000)

typedef struct
{
  gboolean listen;
  gboolean keep;
  guint16  port;
  guint16  src_port;
  guint32  host;
  guint64  bytes;
  guint64  rate;     /* bytes/s, 0: as fast as data comes */
} NcOptions;

guint8
wl_nc_pattern (guint64 offset)
{
  static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  if (offset % 64 == 63)
    return '\n';
  return (guint8) alphabet[(offset / 64 + offset % 64) % (sizeof alphabet - 1)];
}

/* The pattern repeats every 64 lines of 64 bytes shifted through 62 letters: 64 · 62 bytes.
 * One period, computed once, lets senders copy and sinks compare whole runs at memcpy speed
 * (a constant, shared by every stack: it holds no state). */
#define NC_PERIOD (64 * 62)

static const guint8 *
pattern_period (void)
{
  static guint8 period[NC_PERIOD];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint i = 0; i < NC_PERIOD; i++)
        period[i] = wl_nc_pattern (i);
      g_once_init_leave (&done, 1);
    }
  return period;
}

static void
pattern_fill (guint64 offset, guint8 *buf, gsize len)
{
  const guint8 *period = pattern_period ();
  gsize pos = (gsize) (offset % NC_PERIOD);

  while (len > 0)
    {
      gsize n = MIN (len, NC_PERIOD - pos);

      memcpy (buf, period + pos, n);
      buf += n;
      len -= n;
      pos = 0;
    }
}

/* How many bytes of buf differ from the pattern at offset. */
static guint64
pattern_mismatches (guint64 offset, const guint8 *buf, gsize len)
{
  const guint8 *period = pattern_period ();
  gsize pos = (gsize) (offset % NC_PERIOD);
  guint64 differ = 0;

  while (len > 0)
    {
      gsize n = MIN (len, NC_PERIOD - pos);

      if (memcmp (buf, period + pos, n) != 0)
        for (gsize i = 0; i < n; i++)
          differ += buf[i] != period[pos + i];
      buf += n;
      len -= n;
      pos = 0;
    }
  return differ;
}

static void
console (WlStack    *stack,
         const char *line)
{
  wl_sim_note (stack->sim, stack->device->index, -1, WL_PROTO_TCP, WL_LAYER_APPLICATION,
               WL_NOTE_CONSOLE, "%s", line);
}

/* Parsing ------------------------------------------------------------------------------------ */

/* Rule: decimal digits only, in [min, max]. */
static gboolean
parse_number (const char *text,
              guint64     min,
              guint64     max,
              guint64    *out)
{
  guint64 v = 0;

  if (text == NULL || *text == '\0' || strlen (text) > 10)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = v * 10 + (guint64) (*p - '0');
    }
  if (v < min || v > max)
    return FALSE;
  *out = v;
  return TRUE;
}

static gboolean
bad (GError    **error,
     const char *what,
     const char *text)
{
  /* Translators: the first %s names what was expected ("a port"), the second the text typed */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("nc: “%s” is not %s"), text, what);
  return FALSE;
}

static gboolean
parse_port (const char *text,
            guint16    *out,
            GError    **error)
{
  guint64 v;

  if (!parse_number (text, 1, 65535, &v))
    return bad (error, _("a port (1 to 65535)"), text ? text : "");
  *out = (guint16) v;
  return TRUE;
}

/* An option's value: glued ("-n100") or the next word ("-n 100"). */
static const char *
option_value (char **argv,
              guint *i)
{
  if (argv[*i][2] != '\0')
    return argv[*i] + 2;
  if (argv[*i + 1] == NULL)
    return NULL;
  return argv[++*i];
}

static gboolean
parse_option (char     **argv,
              guint     *i,
              NcOptions *o,
              GError   **error)
{
  char opt = argv[*i][1];
  const char *v;

  if (strchr ("lkrnp", opt) == NULL || ((opt == 'l' || opt == 'k') && argv[*i][2] != '\0'))
    return bad (error, _("an option nc knows (-l, -k, -r, -n, -p)"), argv[*i]);
  if (opt == 'l' || opt == 'k')
    {
      *(opt == 'l' ? &o->listen : &o->keep) = TRUE;
      return TRUE;
    }
  v = option_value (argv, i);
  switch (opt)
    {
    case 'r':
      return parse_number (v, 10, NC_MAX_BYTES, &o->rate)
             || bad (error, _("a rate in bytes per second (10 to 1000000000)"), v ? v : "");
    case 'n':
      return parse_number (v, 0, NC_MAX_BYTES, &o->bytes)
             || bad (error, _("a number of bytes (0 to 1000000000)"), v ? v : "");
    case 'p':
    default:
      return parse_port (v, &o->src_port, error);
    }
}

static gboolean
check_modes (NcOptions  *o,
             GPtrArray  *words,
             GError    **error)
{
  if (o->listen)
    {
      if (words->len > 1 || (words->len == 0 && o->src_port == 0) || o->bytes > 0)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("nc: listening takes a port and no host or -n: nc -l [-k] [-r RATE] PORT"));
          return FALSE;
        }
      if (words->len == 0)
        o->port = o->src_port;
      return words->len == 0 || parse_port (g_ptr_array_index (words, 0), &o->port, error);
    }
  if (words->len != 2 || o->keep || o->rate > 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("nc: connecting takes a host and a port: nc [-p SRCPORT] HOST PORT -n BYTES"));
      return FALSE;
    }
  if (!wl_ip_parse (g_ptr_array_index (words, 0), &o->host) || o->host == 0
      || o->host == 0xffffffffu)
    return bad (error, _("an IPv4 address such as 10.0.0.2 (names need DNS)"),
                g_ptr_array_index (words, 0));
  return parse_port (g_ptr_array_index (words, 1), &o->port, error);
}

static gboolean
nc_parse (char     **argv,
          NcOptions *o,
          GError   **error)
{
  g_autoptr (GPtrArray) words = g_ptr_array_new ();

  memset (o, 0, sizeof *o);
  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          if (!parse_option (argv, &i, o, error))
            return FALSE;
        }
      else
        g_ptr_array_add (words, argv[i]);
    }
  return check_modes (o, words, error);
}

/* The sink ----------------------------------------------------------------------------------- */

typedef struct _NcServer NcServer;

typedef struct
{
  NcServer *srv;
  WlSocket *sock;      /* NULL once finished */
  guint32   peer;
  guint16   peer_port;
  guint64   received;
  guint64   differ;    /* bytes that are not what nc sends */
} NcConn;

struct _NcServer
{
  WlStack  *stack;
  NcOptions opts;
  WlSocket *listener;
  GPtrArray *conns;    /* of NcConn*, owned */
  WlTimerId tick;
};

static void
conn_finish (NcConn *c)
{
  g_autofree char *line = NULL;
  char ip[16];

  line = g_strdup_printf ("nc: %" G_GUINT64_FORMAT " bytes received from %s port %u", c->received,
                          wl_ip_format (c->peer, ip), c->peer_port);
  if (c->differ > 0)
    {
      g_autofree char *more = g_strdup_printf ("%s, %" G_GUINT64_FORMAT
                                               " bytes differ from what nc sends", line, c->differ);

      g_free (line);
      line = g_steal_pointer (&more);
    }
  console (c->srv->stack, line);
  g_clear_pointer (&c->sock, wl_socket_close);
}

/* Reads up to budget bytes; TRUE when the budget ran out (more may be waiting). */
static gboolean
conn_read (NcConn  *c,
           guint64  budget)
{
  guint8 buf[4096];

  while (c->sock != NULL && budget > 0)
    {
      g_autoptr (GError) error = NULL;
      gssize n = wl_socket_recv (c->sock, buf, MIN (sizeof buf, budget), &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return FALSE;
      if (n <= 0)
        {
          conn_finish (c);  /* end of stream, or the connection failed */
          return FALSE;
        }
      c->differ += pattern_mismatches (c->received, buf, (gsize) n);
      c->received += (guint64) n;
      budget -= (guint64) n;
    }
  return c->sock != NULL;
}

static void
on_tick (WlSim   *sim,
         gpointer target,
         gpointer data)
{
  NcServer *srv = target;
  gboolean more = FALSE;

  srv->tick = 0;
  for (guint i = 0; i < srv->conns->len; i++)
    more |= conn_read (g_ptr_array_index (srv->conns, i), MAX (srv->opts.rate / 10, 1));
  /* Tick again only while data waits; new data wakes us (READABLE) otherwise. */
  if (more)
    srv->tick = wl_sim_schedule (sim, NC_TICK, on_tick, srv, NULL, NULL);
}

static void
on_conn (WlSocket      *sock,
         WlSocketEvents events,
         gpointer       user_data)
{
  NcConn *c = user_data;
  NcServer *srv = c->srv;

  if (srv->opts.rate == 0)
    conn_read (c, G_MAXUINT64);
  else if (srv->tick == 0)
    srv->tick = wl_sim_schedule (srv->stack->sim, NC_TICK, on_tick, srv, NULL, NULL);
}

static void
on_listener (WlSocket      *sock,
             WlSocketEvents events,
             gpointer       user_data)
{
  NcServer *srv = user_data;
  WlSocket *child;

  while (srv->listener != NULL && (child = wl_socket_accept (srv->listener)) != NULL)
    {
      NcConn *c = g_new0 (NcConn, 1);
      WlTcpPcb *pcb = wl_socket_get_pcb (child);

      c->srv = srv;
      c->sock = child;
      if (pcb != NULL)
        {
          c->peer = pcb->remote_ip;
          c->peer_port = pcb->remote_port;
        }
      g_ptr_array_add (srv->conns, c);
      wl_socket_set_callback (child, on_conn, c);
      if (!srv->opts.keep)
        g_clear_pointer (&srv->listener, wl_socket_close);  /* nc serves one connection */
    }
}

static void
conn_free (gpointer data)
{
  NcConn *c = data;

  g_clear_pointer (&c->sock, wl_socket_close);
  g_free (c);
}

static void
server_free (gpointer data)
{
  NcServer *srv = data;

  if (srv->tick != 0)
    wl_sim_cancel (srv->stack->sim, srv->tick);
  g_clear_pointer (&srv->listener, wl_socket_close);
  g_ptr_array_unref (srv->conns);
  g_free (srv);
}

static void
server_start (WlStack         *stack,
              const NcOptions *opts)
{
  NcServer *srv = g_new0 (NcServer, 1);
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;

  srv->stack = stack;
  srv->opts = *opts;
  srv->conns = g_ptr_array_new_with_free_func (conn_free);
  wl_stack_add_app (stack, srv, server_free);
  srv->listener = wl_socket_tcp_new (stack);
  if (!wl_socket_bind (srv->listener, 0, opts->port, &error)
      || !wl_socket_listen (srv->listener, WL_TCP_BACKLOG, &error))
    {
      line = g_strdup_printf ("nc: Address already in use (port %u)", opts->port);
      console (stack, line);
      g_clear_pointer (&srv->listener, wl_socket_close);
      return;
    }
  wl_socket_set_callback (srv->listener, on_listener, srv);
}

/* The source --------------------------------------------------------------------------------- */

typedef struct
{
  WlStack  *stack;
  NcOptions opts;
  WlSocket *sock;       /* NULL once done */
  guint64   sent;
  gboolean  connected;
} NcClient;

static const char *
reason (const GError *error)
{
  if (error == NULL)
    return "Connection failed";
  /* strerror() texts, as nc prints them */
  switch (error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED:
      return "Connection refused";
    case G_IO_ERROR_CONNECTION_CLOSED:
      return "Connection reset by peer";
    case G_IO_ERROR_TIMED_OUT:
      return "Connection timed out";
    case G_IO_ERROR_NETWORK_UNREACHABLE:
      return "Network is unreachable";
    default:
      return "Connection failed";
    }
}

static void
client_fail (NcClient     *cl,
             const GError *error)
{
  g_autofree char *line = NULL;
  char ip[16];

  if (cl->connected)
    line = g_strdup_printf ("nc: write failed: %s", reason (error));
  else
    line = g_strdup_printf ("nc: connect to %s port %u (tcp) failed: %s",
                            wl_ip_format (cl->opts.host, ip), cl->opts.port, reason (error));
  console (cl->stack, line);
  g_clear_pointer (&cl->sock, wl_socket_close);
}

/* Sends what the buffer takes; closes once everything is queued. */
static void
client_push (NcClient *cl)
{
  guint8 buf[NC_CHUNK];

  while (cl->sock != NULL && cl->sent < cl->opts.bytes)
    {
      gsize chunk = (gsize) MIN (cl->opts.bytes - cl->sent, NC_CHUNK);
      gssize n;

      pattern_fill (cl->sent, buf, chunk);
      n = wl_socket_send (cl->sock, buf, chunk, NULL);
      if (n <= 0)
        return;  /* full: WRITABLE comes back (or ERROR) */
      cl->sent += (guint64) n;
    }
  if (cl->sock != NULL)
    g_clear_pointer (&cl->sock, wl_socket_close);
}

static void
on_client (WlSocket      *sock,
           WlSocketEvents events,
           gpointer       user_data)
{
  NcClient *cl = user_data;
  guint8 buf[4096];

  if (events & WL_SOCKET_EVENT_ERROR)
    {
      client_fail (cl, wl_socket_get_error (sock));
      return;
    }
  if (events & WL_SOCKET_EVENT_READABLE)
    while (wl_socket_recv (sock, buf, sizeof buf, NULL) > 0)
      ;  /* whatever the peer says is read and dropped, so that close() is a FIN */
  if (events & WL_SOCKET_EVENT_CONNECTED)
    cl->connected = TRUE;
  if (events & (WL_SOCKET_EVENT_CONNECTED | WL_SOCKET_EVENT_WRITABLE))
    client_push (cl);
}

static void
client_free (gpointer data)
{
  NcClient *cl = data;

  g_clear_pointer (&cl->sock, wl_socket_close);
  g_free (cl);
}

static void
client_start (WlStack         *stack,
              const NcOptions *opts)
{
  NcClient *cl = g_new0 (NcClient, 1);
  g_autoptr (GError) error = NULL;

  cl->stack = stack;
  cl->opts = *opts;
  wl_stack_add_app (stack, cl, client_free);
  cl->sock = wl_socket_tcp_new (stack);
  if (opts->src_port != 0 && !wl_socket_bind (cl->sock, 0, opts->src_port, &error))
    {
      console (stack, "nc: bind failed: Address already in use");
      g_clear_pointer (&cl->sock, wl_socket_close);
      return;
    }
  if (!wl_socket_connect (cl->sock, opts->host, opts->port, &error))
    {
      client_fail (cl, error);
      return;
    }
  wl_socket_set_callback (cl->sock, on_client, cl);
}

gboolean
wl_nc_command (WlStack    *stack,
               const char *line,
               char      **argv,
               GError    **error)
{
  NcOptions opts;

  if (!nc_parse (argv, &opts, error))
    return FALSE;
  if (stack == NULL)
    return TRUE;
  if (opts.listen)
    server_start (stack, &opts);
  else
    client_start (stack, &opts);
  return TRUE;
}
