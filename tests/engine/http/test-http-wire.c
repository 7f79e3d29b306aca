/* Tests of HTTP message parsing and building (engine/proto/wl-http-wire.c): whole messages,
 * the same split at every byte, several in one piece, and input that breaks each rule. */
#include "config.h"

#include <string.h>

#include "proto/wl-http-wire.h"

static const char request[] =
  "GET /index.html HTTP/1.1\r\nHost: 10.0.0.80\r\nUser-Agent: curl/7.88.1\r\nAccept: */*\r\n\r\n";
static const char response[] =
  "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/html\r\n\r\nhello";

/* Feeds text in pieces of `piece` bytes (0: whole); returns the status after the last. */
static WlHttpParseStatus
feed_all (WlHttpParser *p,
          const char   *text,
          gsize         len,
          gsize         piece,
          gsize        *total,
          GError      **error)
{
  WlHttpParseStatus st = WL_HTTP_PARSE_MORE;
  gsize off = 0;

  while (off < len)
    {
      gsize n = piece == 0 ? len - off : MIN (piece, len - off), used;

      st = wl_http_parser_feed (p, (const guint8 *) text + off, n, &used, error);
      off += used;
      if (st != WL_HTTP_PARSE_MORE)
        break;
    }
  *total = off;
  return st;
}

static void
check_request (WlHttpMessage *msg)
{
  g_assert_true (msg->is_request);
  g_assert_cmpstr (msg->method, ==, "GET");
  g_assert_cmpstr (msg->target, ==, "/index.html");
  g_assert_cmpuint (msg->version, ==, 11);
  g_assert_cmpuint (msg->fields->len, ==, 3);
  g_assert_cmpstr (wl_http_message_get (msg, "host"), ==, "10.0.0.80");
  g_assert_cmpuint (msg->body->len, ==, 0);
}

static void
test_request_split (void)
{
  gsize len = strlen (request);

  /* Split at every byte: the first piece is i bytes, the rest come one at a time. */
  for (gsize i = 1; i <= len; i++)
    {
      g_autoptr (WlHttpParser) p = wl_http_parser_new (TRUE, 1024);
      g_autoptr (WlHttpMessage) msg = NULL;
      gsize used;

      g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) request, i, &used, NULL), ==,
                       i == len ? WL_HTTP_PARSE_DONE : WL_HTTP_PARSE_MORE);
      g_assert_cmpuint (used, ==, i);
      for (gsize j = i; j < len; j++)
        g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) request + j, 1, &used, NULL),
                         ==, j + 1 == len ? WL_HTTP_PARSE_DONE : WL_HTTP_PARSE_MORE);
      msg = wl_http_parser_steal (p);
      check_request (msg);
      g_assert_true (wl_http_parser_is_idle (p));
    }
}

static void
test_response_split (void)
{
  gsize len = strlen (response);

  for (gsize piece = 1; piece <= len; piece++)
    {
      g_autoptr (WlHttpParser) p = wl_http_parser_new (FALSE, 1024);
      g_autoptr (WlHttpMessage) msg = NULL;
      gsize used;

      g_assert_cmpint (feed_all (p, response, len, piece, &used, NULL), ==, WL_HTTP_PARSE_DONE);
      g_assert_cmpuint (used, ==, len);
      msg = wl_http_parser_steal (p);
      g_assert_false (msg->is_request);
      g_assert_cmpuint (msg->status, ==, 200);
      g_assert_cmpstr (msg->reason, ==, "OK");
      g_assert_cmpuint (msg->body->len, ==, 5);
      g_assert_cmpmem (msg->body->data, 5, "hello", 5);
    }
}

/* Two responses in one piece: the first DONE stops at its end; the rest is fed again. */
static void
test_pipelined (void)
{
  g_autofree char *two = g_strconcat (response, "HTTP/1.1 304 Not Modified\r\n\r\n", NULL);
  g_autoptr (WlHttpParser) p = wl_http_parser_new (FALSE, 1024);
  g_autoptr (WlHttpMessage) a = NULL, b = NULL;
  gsize used, used2;

  g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) two, strlen (two), &used, NULL), ==,
                   WL_HTTP_PARSE_DONE);
  g_assert_cmpuint (used, ==, strlen (response));
  a = wl_http_parser_steal (p);
  g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) two + used, strlen (two) - used,
                                        &used2, NULL), ==, WL_HTTP_PARSE_DONE);
  b = wl_http_parser_steal (p);
  g_assert_cmpuint (a->status, ==, 200);
  g_assert_cmpuint (b->status, ==, 304);  /* 304 has no body, whatever Content-Length says */
}

/* HEAD: Content-Length names the GET body, yet none follows. */
static void
test_head_response (void)
{
  const char *head = "HTTP/1.1 200 OK\r\nContent-Length: 119\r\n\r\n";
  g_autoptr (WlHttpParser) p = wl_http_parser_new (FALSE, 1024);
  gsize used;

  wl_http_parser_expect_no_body (p);
  g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) head, strlen (head), &used, NULL), ==,
                   WL_HTTP_PARSE_DONE);
}

/* HTTP/1.0 without Content-Length: the body runs to the close. */
static void
test_body_to_close (void)
{
  const char *resp = "HTTP/1.0 200 OK\r\n\r\nabc";
  g_autoptr (WlHttpParser) p = wl_http_parser_new (FALSE, 1024);
  g_autoptr (WlHttpMessage) msg = NULL;
  gsize used;

  g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) resp, strlen (resp), &used, NULL), ==,
                   WL_HTTP_PARSE_MORE);
  g_assert_cmpint (wl_http_parser_finish (p, NULL), ==, WL_HTTP_PARSE_DONE);
  msg = wl_http_parser_steal (p);
  g_assert_cmpuint (msg->version, ==, 10);
  g_assert_cmpuint (msg->body->len, ==, 3);
}

static void
expect_error (gboolean    is_request,
              const char *text,
              gsize       len,
              WlHttpError code)
{
  g_autoptr (WlHttpParser) p = wl_http_parser_new (is_request, 100);
  g_autoptr (GError) error = NULL;
  gsize used;

  g_assert_cmpint (feed_all (p, text, len, 0, &used, &error), ==, WL_HTTP_PARSE_ERROR);
  g_assert_error (error, WL_HTTP_ERROR, (gint) code);
  g_assert_nonnull (error->message);
  g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) "x", 1, &used, NULL), ==,
                   WL_HTTP_PARSE_ERROR);
}

static void
test_bad_input (void)
{
  g_autoptr (GString) big = g_string_new ("GET /");
  g_autoptr (GString) many = g_string_new ("GET / HTTP/1.1\r\n");
#define E(req, s, c) expect_error (req, s, strlen (s), c)

  E (TRUE, "GET / HTTP/1.1\nHost: a\r\n\r\n", WL_HTTP_ERROR_SYNTAX);       /* missing CR */
  E (TRUE, "GET / HTTP/1.1\rHost: a\r\n\r\n", WL_HTTP_ERROR_SYNTAX);       /* CR alone */
  E (TRUE, "GET / HTTP/x.1\r\n\r\n", WL_HTTP_ERROR_VERSION);
  E (TRUE, "GET / FTP/1.1\r\n\r\n", WL_HTTP_ERROR_VERSION);
  E (TRUE, "GET  / HTTP/1.1\r\n\r\n", WL_HTTP_ERROR_SYNTAX);               /* two spaces */
  E (TRUE, "GET /\r\n\r\n", WL_HTTP_ERROR_SYNTAX);                         /* HTTP/0.9 */
  E (TRUE, "GET / HTTP/1.1\r\nHost : a\r\n\r\n", WL_HTTP_ERROR_SYNTAX);    /* blank before ':' */
  E (TRUE, "GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n", WL_HTTP_ERROR_SYNTAX); /* folding */
  E (TRUE, "GET / HTTP/1.1\r\nNoColon\r\n\r\n", WL_HTTP_ERROR_SYNTAX);
  E (TRUE, "POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", WL_HTTP_ERROR_SYNTAX);
  E (TRUE, "POST / HTTP/1.1\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n",
     WL_HTTP_ERROR_SYNTAX);
  E (TRUE, "POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n", WL_HTTP_ERROR_TOO_LARGE);
  E (TRUE, "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", WL_HTTP_ERROR_UNSUPPORTED);
  E (FALSE, "HTTP/1.1 2OO OK\r\n\r\n", WL_HTTP_ERROR_SYNTAX);
  E (FALSE, "HTTQ/1.1 200 OK\r\n\r\n", WL_HTTP_ERROR_VERSION);
  expect_error (TRUE, "GET /\0 HTTP/1.1\r\n\r\n", 20, WL_HTTP_ERROR_SYNTAX);
  /* a line over 8190 bytes, without CRLF: refused before it ends */
  while (big->len <= WL_HTTP_MAX_LINE + 2)
    g_string_append_c (big, 'a');
  expect_error (TRUE, big->str, big->len, WL_HTTP_ERROR_TOO_LARGE);
  /* 101 fields */
  for (guint i = 0; i <= WL_HTTP_MAX_FIELDS; i++)
    g_string_append_printf (many, "X-%u: y\r\n", i);
  E (TRUE, many->str, WL_HTTP_ERROR_TOO_LARGE);
#undef E
}

/* A head over 64 KiB made of lines that are each allowed. */
static void
test_head_too_large (void)
{
  g_autoptr (WlHttpParser) p = wl_http_parser_new (TRUE, 100);
  g_autoptr (GError) error = NULL;
  g_autofree char *fill = g_strnfill (1000, 'v');
  g_autofree char *line = g_strdup_printf ("X: %s\r\n", fill);
  WlHttpParseStatus st;
  gsize used;

  st = wl_http_parser_feed (p, (const guint8 *) "GET / HTTP/1.1\r\n", 16, &used, NULL);
  for (guint i = 0; i < 80 && st == WL_HTTP_PARSE_MORE; i++)
    st = wl_http_parser_feed (p, (const guint8 *) line, strlen (line), &used, &error);
  g_assert_error (error, WL_HTTP_ERROR, WL_HTTP_ERROR_TOO_LARGE);
}

static void
test_truncated_close (void)
{
  g_autoptr (WlHttpParser) p = wl_http_parser_new (FALSE, 100);
  g_autoptr (GError) error = NULL;
  gsize used;

  wl_http_parser_feed (p, (const guint8 *) response, 20, &used, NULL);
  g_assert_cmpint (wl_http_parser_finish (p, &error), ==, WL_HTTP_PARSE_ERROR);
  g_assert_error (error, WL_HTTP_ERROR, WL_HTTP_ERROR_SYNTAX);
}

static void
test_build_round_trip (void)
{
  g_autoptr (WlHttpMessage) msg = wl_http_message_new_response (10, 404, NULL);
  g_autoptr (WlHttpParser) p = wl_http_parser_new (FALSE, 100);
  g_autoptr (WlHttpMessage) back = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize used, len;
  const char *data;

  wl_http_message_add (msg, "Content-Length", "3");
  wl_http_message_set_body (msg, (const guint8 *) "abc", 3);
  bytes = wl_http_message_to_bytes (msg);
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (g_str_has_prefix (data, "HTTP/1.0 404 Not Found\r\nContent-Length: 3\r\n\r\n"));
  g_assert_cmpint (wl_http_parser_feed (p, (const guint8 *) data, len, &used, NULL), ==,
                   WL_HTTP_PARSE_DONE);
  back = wl_http_parser_steal (p);
  g_assert_cmpuint (back->status, ==, 404);
  g_assert_cmpstr (back->reason, ==, "Not Found");
  g_assert_cmpmem (back->body->data, back->body->len, "abc", 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/http/wire/request-split", test_request_split);
  g_test_add_func ("/engine/http/wire/response-split", test_response_split);
  g_test_add_func ("/engine/http/wire/pipelined", test_pipelined);
  g_test_add_func ("/engine/http/wire/head-response", test_head_response);
  g_test_add_func ("/engine/http/wire/body-to-close", test_body_to_close);
  g_test_add_func ("/engine/http/wire/bad-input", test_bad_input);
  g_test_add_func ("/engine/http/wire/head-too-large", test_head_too_large);
  g_test_add_func ("/engine/http/wire/truncated-close", test_truncated_close);
  g_test_add_func ("/engine/http/wire/build-round-trip", test_build_round_trip);
  return g_test_run ();
}
