/* wl-http-client.c — the web client behind `http get|head|post` and `curl`.
 *
 * RFC 9110 (methods, Host), RFC 9112 §9 (connection management: persistence in 1.1, one
 * request per connection in 1.0), RFC 1945, RFC 6265 (cookies, the simple part: name=value
 * kept per host and sent back in Cookie).
 *
 * Where it sits: a program on a host's stack; it resolves a name through the host's stub
 * resolver (wl-dns.h), talks through a TCP socket (wl-socket.h) and parses responses with
 * wl-http-wire.c.  One fetch lives with the stack (wl_stack_add_app); the cookie jar is one
 * per stack, found like the DNS stub by the stack's address (g_dataset), so a second command
 * on the same host sends the cookie the first one got.
 *
 * A fetch, like a browser loading a page with curl's messages:
 *   1. GET the URL; if the response is 200 text/html, every src="…" of the page is an object
 *      to fetch next, in order (same server; a relative src is taken from the page's folder).
 *   2. HTTP/1.1: the objects go one after the other over the same connection (no
 *      pipelining: each request waits for the previous response), unless the server said
 *      Connection: close.  HTTP/1.0: the server closes after each response, so each object
 *      needs a new connection — the textbook difference, visible as tcp.stream counts.
 *   3. When nothing is left, the client closes its connection.
 * Console lines are what `curl -v` prints: "*" for connection events, "> " for the request
 * head, "< " for the response head, then the body when it is text (binary bodies are
 * summarised), and a last line counting objects and connections.  Notes: http-request
 * (method, path, version, to) and http-response (status, length) per exchange.
 */
#define G_LOG_DOMAIN "wl-http"
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "proto/wl-dns.h"
#include "proto/wl-http-wire.h"
#include "proto/wl-http.h"
#include "proto/wl-socket.h"

#define MAX_RESPONSE_BODY (4 * 1024 * 1024)
#define MAX_OBJECTS 32
#define USER_AGENT "curl/7.88.1"   /* Debian 12's curl */

typedef struct
{
  WlStack           *stack;
  WlHttpRequestSpec  spec;
  guint32            addr;
  GQueue             paths;       /* of char*: objects still to fetch */
  char              *path;        /* the one in flight */
  WlSocket          *sock;
  WlHttpParser      *parser;
  gboolean           reuse;       /* the server keeps the connection open */
  guint              connections;
  guint              objects;
  gboolean           done;
} Client;

/* --- the cookie jar ------------------------------------------------------------------------ */

static GQuark
jar_quark (void)
{
  return g_quark_from_static_string ("wl-http-cookie-jar");
}

typedef struct
{
  WlStack    *stack;
  GHashTable *cookies;  /* host → "name=value; name2=value2" */
} Jar;

static void
jar_free (gpointer data)
{
  Jar *jar = data;

  /* The stack's address may be reused by a later stack: forget the jar under it. */
  g_dataset_id_remove_no_notify (jar->stack, jar_quark ());
  g_hash_table_unref (jar->cookies);
  g_free (jar);
}

static GHashTable *
jar_get (WlStack *stack)
{
  Jar *jar = g_dataset_id_get_data (stack, jar_quark ());

  if (jar == NULL)
    {
      jar = g_new0 (Jar, 1);
      jar->stack = stack;
      jar->cookies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_dataset_id_set_data (stack, jar_quark (), jar);
      wl_stack_add_app (stack, jar, jar_free);
    }
  return jar->cookies;
}

const char *
wl_http_client_get_cookies (WlStack    *stack,
                            const char *host)
{
  Jar *jar = g_dataset_id_get_data (stack, jar_quark ());

  return jar != NULL ? g_hash_table_lookup (jar->cookies, host) : NULL;
}

/* Set-Cookie: name=value[; attributes] — keeps name=value, replacing a cookie of that name. */
static void
jar_store (WlStack    *stack,
           const char *host,
           const char *set_cookie)
{
  GHashTable *jar = jar_get (stack);
  const char *old = g_hash_table_lookup (jar, host);
  g_autofree char *pair = g_strstrip (g_strndup (set_cookie, strcspn (set_cookie, ";")));
  g_autofree char *name = g_strndup (pair, strcspn (pair, "="));
  g_autoptr (GString) out = g_string_new (NULL);
  g_auto (GStrv) items = g_strsplit (old != NULL ? old : "", "; ", -1);

  if (strchr (pair, '=') == NULL || name[0] == '\0')
    return;  /* RFC 6265 §5.2: a cookie without '=' or without a name is ignored */
  for (guint i = 0; items[i] != NULL; i++)
    if (items[i][0] != '\0' && !(g_str_has_prefix (items[i], name)
                                 && items[i][strlen (name)] == '='))
      g_string_append_printf (out, "%s%s", out->len ? "; " : "", items[i]);
  g_string_append_printf (out, "%s%s", out->len ? "; " : "", pair);
  g_hash_table_replace (jar, g_strdup (host), g_strdup (out->str));
}

/* --- output -------------------------------------------------------------------------------- */

static void
say (Client     *cl,
     const char *format,
     ...) G_GNUC_PRINTF (2, 3);

static void
say (Client     *cl,
     const char *format,
     ...)
{
  g_autofree char *line = NULL;
  va_list ap;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  wl_sim_note (cl->stack->sim, cl->stack->device->index, -1, WL_PROTO_HTTP,
               WL_LAYER_APPLICATION, WL_NOTE_CONSOLE, "%s", line);
}

static void
say_head (Client              *cl,
          const char          *prefix,
          const WlHttpMessage *msg)
{
  if (msg->is_request)
    say (cl, "%s%s %s %s", prefix, msg->method, msg->target,
         wl_http_version_to_string (msg->version));
  else
    say (cl, "%s%s %u %s", prefix, wl_http_version_to_string (msg->version), msg->status,
         msg->reason);
  for (guint i = 0; i < msg->fields->len; i++)
    {
      const WlHttpField *f = g_ptr_array_index (msg->fields, i);

      say (cl, "%s%s: %s", prefix, f->name, f->value);
    }
}

static void
say_body (Client              *cl,
          const WlHttpMessage *msg)
{
  const char *type = wl_http_message_get (msg, "Content-Type");
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;

  if (msg->body->len == 0)
    return;
  if (type == NULL || !g_str_has_prefix (type, "text/")
      || !g_utf8_validate ((const char *) msg->body->data, msg->body->len, NULL))
    {
      say (cl, "* %u bytes of %s", msg->body->len, type != NULL ? type : "data");
      return;
    }
  text = g_strndup ((const char *) msg->body->data, msg->body->len);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' || lines[i + 1] != NULL)
      say (cl, "%s", lines[i]);
}

/* --- the objects a page references --------------------------------------------------------- */

/* Every src="…" (or src='…') of the page, resolved against the page's folder. */
static void
queue_objects (Client              *cl,
               const WlHttpMessage *page)
{
  g_autofree char *html = g_strndup ((const char *) page->body->data, page->body->len);
  g_autofree char *folder = g_strndup (cl->path, strrchr (cl->path, '/') - cl->path + 1);
  const char *p = html;

  while ((p = strstr (p, "src=")) != NULL && g_queue_get_length (&cl->paths) < MAX_OBJECTS)
    {
      char quote = p[4];
      const char *end;

      p += 5;
      if ((quote != '"' && quote != '\'') || (end = strchr (p, quote)) == NULL)
        continue;
      if (end > p && strchr (" \t", *p) == NULL)
        {
          g_autofree char *ref = g_strndup (p, (gsize) (end - p));

          if (ref[0] == '/')
            g_queue_push_tail (&cl->paths, g_steal_pointer (&ref));
          else if (strstr (ref, "://") == NULL)  /* other servers are not fetched */
            g_queue_push_tail (&cl->paths, g_strconcat (folder, ref, NULL));
        }
      p = end + 1;
    }
}

/* --- the exchange -------------------------------------------------------------------------- */

static void open_connection (Client *cl);

static void
finish (Client *cl)
{
  if (cl->done)
    return;
  cl->done = TRUE;
  if (cl->sock != NULL)
    say (cl, "* Closing connection #%u", cl->connections - 1);
  g_clear_pointer (&cl->sock, wl_socket_close);
  say (cl, "* %u object%s fetched over %u TCP connection%s", cl->objects,
       cl->objects == 1 ? "" : "s", cl->connections, cl->connections == 1 ? "" : "s");
}

static void
fail (Client     *cl,
      const char *what)
{
  say (cl, "curl: %s", what);
  cl->done = TRUE;
  g_clear_pointer (&cl->sock, wl_socket_close);
}

static char *
host_field (Client *cl)
{
  if (cl->spec.port == WL_HTTP_PORT)
    return g_strdup (cl->spec.host);
  return g_strdup_printf ("%s:%u", cl->spec.host, cl->spec.port);
}

static void
send_request (Client *cl)
{
  g_autoptr (WlHttpMessage) req = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *host = host_field (cl);
  const char *cookies = wl_http_client_get_cookies (cl->stack, cl->spec.host);
  const char *method = cl->objects == 0 ? cl->spec.method : "GET";
  char to[16];

  g_free (cl->path);
  cl->path = g_queue_pop_head (&cl->paths);
  req = wl_http_message_new_request (method, cl->path, cl->spec.version);
  wl_http_message_add (req, "Host", host);
  wl_http_message_add (req, "User-Agent", USER_AGENT);
  wl_http_message_add (req, "Accept", "*/*");
  if (cookies != NULL)
    wl_http_message_add (req, "Cookie", cookies);
  if (strcmp (method, "POST") == 0)
    {
      g_autofree char *len = g_strdup_printf ("%zu", strlen (cl->spec.data));

      wl_http_message_add (req, "Content-Length", len);
      wl_http_message_add (req, "Content-Type", "application/x-www-form-urlencoded");
      wl_http_message_set_body (req, (const guint8 *) cl->spec.data, strlen (cl->spec.data));
    }
  if (strcmp (method, "HEAD") == 0)
    wl_http_parser_expect_no_body (cl->parser);
  say_head (cl, "> ", req);
  say (cl, ">");
  wl_sim_note (cl->stack->sim, cl->stack->device->index, -1, WL_PROTO_HTTP,
               WL_LAYER_APPLICATION, WL_NOTE_HTTP_REQUEST, "method=%s path=%s version=%s to=%s",
               method, cl->path, wl_http_version_to_string (cl->spec.version),
               wl_ip_format (cl->addr, to));
  bytes = wl_http_message_to_bytes (req);
  /* A request is small: the send buffer takes it whole. */
  wl_socket_send (cl->sock, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
}

static void
got_response (Client        *cl,
              WlHttpMessage *resp)
{
  const char *conn = wl_http_message_get (resp, "Connection");
  const char *type = wl_http_message_get (resp, "Content-Type");

  say_head (cl, "< ", resp);
  say (cl, "<");
  say_body (cl, resp);
  wl_sim_note (cl->stack->sim, cl->stack->device->index, -1, WL_PROTO_HTTP,
               WL_LAYER_APPLICATION, WL_NOTE_HTTP_RESPONSE, "status=%u length=%u",
               resp->status, resp->body->len);
  for (guint i = 0; i < resp->fields->len; i++)
    {
      const WlHttpField *f = g_ptr_array_index (resp->fields, i);

      if (g_ascii_strcasecmp (f->name, "Set-Cookie") == 0)
        jar_store (cl->stack, cl->spec.host, f->value);
    }
  if (cl->objects++ == 0 && resp->status == 200 && strcmp (cl->spec.method, "GET") == 0
      && type != NULL && g_str_has_prefix (type, "text/html"))
    queue_objects (cl, resp);
  /* RFC 9112 §9.3: 1.1 persists unless "close"; 1.0 closes unless "keep-alive". */
  cl->reuse = resp->version == 11 ? !(conn && g_ascii_strcasecmp (conn, "close") == 0)
                                  : (conn && g_ascii_strcasecmp (conn, "keep-alive") == 0);
  cl->reuse = cl->reuse && cl->spec.version == 11;
  if (g_queue_is_empty (&cl->paths))
    finish (cl);
  else if (cl->reuse)
    send_request (cl);
  else
    {
      say (cl, "* Closing connection #%u", cl->connections - 1);
      g_clear_pointer (&cl->sock, wl_socket_close);
      open_connection (cl);
    }
}

static void
read_input (Client *cl)
{
  guint8 buf[4096];

  while (cl->sock != NULL)
    {
      g_autoptr (GError) error = NULL;
      gssize n = wl_socket_recv (cl->sock, buf, sizeof buf, &error);
      gsize off = 0;

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return;
      if (n <= 0)
        {
          /* The server closed: a body that runs to the close is whole now. */
          if (wl_http_parser_finish (cl->parser, NULL) == WL_HTTP_PARSE_DONE)
            {
              g_autoptr (WlHttpMessage) resp = wl_http_parser_steal (cl->parser);

              got_response (cl, resp);
            }
          else
            fail (cl, "(52) Empty reply from server");
          return;
        }
      while (cl->sock != NULL && off < (gsize) n)
        {
          g_autoptr (GError) perr = NULL;
          gsize used;
          WlHttpParseStatus st = wl_http_parser_feed (cl->parser, buf + off, (gsize) n - off,
                                                      &used, &perr);

          off += used;
          if (st == WL_HTTP_PARSE_ERROR)
            {
              g_autofree char *msg = g_strdup_printf ("(8) Weird server reply: %s", perr->message);

              fail (cl, msg);
              return;
            }
          if (st == WL_HTTP_PARSE_DONE)
            {
              g_autoptr (WlHttpMessage) resp = wl_http_parser_steal (cl->parser);

              got_response (cl, resp);
            }
          else
            break;
        }
    }
}

static const char *
reason (const GError *error)
{
  if (error == NULL)
    return "Connection failed";
  switch (error->code)
    {
    case G_IO_ERROR_CONNECTION_REFUSED: return "Connection refused";
    case G_IO_ERROR_TIMED_OUT: return "Connection timed out";
    case G_IO_ERROR_NETWORK_UNREACHABLE: return "Network is unreachable";
    case G_IO_ERROR_CONNECTION_CLOSED: return "Connection reset by peer";
    default: return "Connection failed";
    }
}

static void
connect_failed (Client       *cl,
                const GError *error)
{
  g_autofree char *msg = NULL;
  char ip[16];

  msg = g_strdup_printf ("(7) Failed to connect to %s port %u: %s",
                         wl_ip_format (cl->addr, ip), cl->spec.port, reason (error));
  fail (cl, msg);
}

static void
on_socket (WlSocket      *sock,
           WlSocketEvents events,
           gpointer       user_data)
{
  Client *cl = user_data;
  char ip[16];

  if (sock != cl->sock)
    return;
  if (events & WL_SOCKET_EVENT_ERROR)
    {
      if (cl->objects == 0 && !(events & WL_SOCKET_EVENT_CONNECTED))
        connect_failed (cl, wl_socket_get_error (sock));
      else
        fail (cl, "(56) Recv failure: Connection reset by peer");
      return;
    }
  if (events & WL_SOCKET_EVENT_CONNECTED)
    {
      say (cl, "* Connected to %s (%s) port %u (#%u)", cl->spec.host,
           wl_ip_format (cl->addr, ip), cl->spec.port, cl->connections - 1);
      send_request (cl);
    }
  if (events & WL_SOCKET_EVENT_READABLE)
    read_input (cl);
}

static void
open_connection (Client *cl)
{
  g_autoptr (GError) error = NULL;
  char ip[16];

  say (cl, "*   Trying %s:%u...", wl_ip_format (cl->addr, ip), cl->spec.port);
  g_clear_pointer (&cl->parser, wl_http_parser_free);
  cl->parser = wl_http_parser_new (FALSE, MAX_RESPONSE_BODY);
  cl->sock = wl_socket_tcp_new (cl->stack);
  cl->connections++;
  if (!wl_socket_connect (cl->sock, cl->addr, cl->spec.port, &error))
    {
      connect_failed (cl, error);
      return;
    }
  wl_socket_set_callback (cl->sock, on_socket, cl);
}

static void
on_resolved (WlDnsStub             *stub,
             const WlDnsStubResult *result,
             gpointer               user_data)
{
  Client *cl = user_data;
  g_autofree char *msg = NULL;

  if (result->status == WL_DNS_STUB_ANSWERED
      && WL_DNS_RCODE (result->response->flags) == WL_DNS_RCODE_NOERROR)
    {
      GPtrArray *answers = result->response->rrs[WL_DNS_SECTION_ANSWER];

      for (guint i = 0; i < answers->len; i++)
        {
          const WlDnsRR *rr = g_ptr_array_index (answers, i);

          if (rr->type == WL_DNS_TYPE_A)
            {
              cl->addr = rr->a;
              open_connection (cl);
              return;
            }
        }
    }
  msg = g_strdup_printf ("(6) Could not resolve host: %s", cl->spec.host);
  fail (cl, msg);
}

static void
client_free (gpointer data)
{
  Client *cl = data;

  g_clear_pointer (&cl->sock, wl_socket_close);
  g_clear_pointer (&cl->parser, wl_http_parser_free);
  g_queue_clear_full (&cl->paths, g_free);
  g_free (cl->path);
  wl_http_request_spec_clear (&cl->spec);
  g_free (cl);
}

void
wl_http_client_start (WlStack                 *stack,
                      const WlHttpRequestSpec *spec)
{
  Client *cl = g_new0 (Client, 1);
  WlDnsStub *stub;

  g_return_if_fail (stack != NULL && spec != NULL);
  cl->stack = stack;
  cl->spec.method = g_strdup (spec->method);
  cl->spec.version = spec->version;
  cl->spec.host = g_strdup (spec->host);
  cl->spec.port = spec->port;
  cl->spec.path = g_strdup (spec->path);
  cl->spec.data = g_strdup (spec->data != NULL ? spec->data : "");
  g_queue_init (&cl->paths);
  g_queue_push_tail (&cl->paths, g_strdup (spec->path));
  wl_stack_add_app (stack, cl, client_free);
  jar_get (stack);
  if (wl_ip_parse (spec->host, &cl->addr))
    {
      open_connection (cl);
      return;
    }
  if ((stub = wl_dns_stub_get (stack)) == NULL)
    {
      WlDnsStubConfig cfg;

      wl_dns_stub_config_init (&cfg);  /* no server: the lookup fails, as it would */
      stub = wl_dns_stub_start (stack, &cfg);
    }
  wl_dns_stub_resolve (stub, spec->host, WL_DNS_TYPE_A, 0, on_resolved, cl);
}

/* --- URLs ---------------------------------------------------------------------------------- */

void
wl_http_request_spec_clear (WlHttpRequestSpec *spec)
{
  g_clear_pointer (&spec->method, g_free);
  g_clear_pointer (&spec->host, g_free);
  g_clear_pointer (&spec->path, g_free);
  g_clear_pointer (&spec->data, g_free);
}

static gboolean
bad_url (GError    **error,
         const char *url,
         const char *why)
{
  /* Translators: the first %s is the URL typed, the second what is wrong with it */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("“%s” is not a URL this client "
                                                            "can fetch: %s"), url, why);
  return FALSE;
}

gboolean
wl_http_parse_url (const char        *url,
                   WlHttpRequestSpec *spec,
                   GError           **error)
{
  const char *rest = url, *slash, *colon;
  g_autofree char *authority = NULL;
  guint64 port = WL_HTTP_PORT;

  if (strstr (url, "://") != NULL && !g_str_has_prefix (url, "http://"))
    return bad_url (error, url, _("only http:// is supported"));
  if (g_str_has_prefix (url, "http://"))
    rest += 7;
  slash = strchr (rest, '/');
  authority = slash ? g_strndup (rest, (gsize) (slash - rest)) : g_strdup (rest);
  if ((colon = strchr (authority, ':')) != NULL)
    {
      if (!g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port, NULL))
        return bad_url (error, url, _("the port must be 1 to 65535"));
      authority[colon - authority] = '\0';
    }
  /* Rule: a host is an address or a name of letters, digits, '-' and '.' (RFC 1123). */
  if (authority[0] == '\0' || strlen (authority) > 253
      || strspn (authority, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
         != strlen (authority))
    return bad_url (error, url, _("the host must be an IPv4 address or a name"));
  for (const char *c = slash; c != NULL && *c != '\0'; c++)
    if ((guchar) *c <= 0x20 || *c == 0x7f)
      return bad_url (error, url, _("the path holds a blank or a control character"));
  g_free (spec->host);
  g_free (spec->path);
  spec->host = g_ascii_strdown (authority, -1);
  spec->port = (guint16) port;
  spec->path = g_strdup (slash != NULL ? slash : "/");
  return TRUE;
}
