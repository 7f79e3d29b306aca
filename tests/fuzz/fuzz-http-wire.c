/* fuzz-http-wire.c — libFuzzer target: the HTTP/1.x parser (engine/proto/wl-http-wire.h).
 *
 * The first input byte chooses the parser and how the rest arrives, as TCP may deliver it:
 *   bit 0   a parser of requests (a server's) or of responses (a client's);
 *   bit 1   the next response answers a HEAD (no body);
 *   bits 2-7  the size of the pieces fed (0 = all at once, else 1..63 bytes);
 * the remaining bytes are the stream.  Every message the parser completes is stolen,
 * written back with wl_http_message_to_bytes, and that must parse again to the same start
 * line and fields.  At the end the peer "closes" (wl_http_parser_finish).  A small max_body
 * keeps hostile Content-Length values cheap.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/wl-http-wire.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#define FUZZ_MAX_BODY 4096

/* The message written out parses back to the same method/status, target and fields. */
static void
check_message (const WlHttpMessage *msg,
               gboolean             request)
{
  g_autoptr(GBytes) bytes = wl_http_message_to_bytes (msg);
  g_autoptr(WlHttpParser) parser = wl_http_parser_new (request, FUZZ_MAX_BODY);
  g_autoptr(WlHttpMessage) again = NULL;
  gsize len, consumed = 0;
  const guint8 *p = g_bytes_get_data (bytes, &len);
  WlHttpParseStatus st = wl_http_parser_feed (parser, p, len, &consumed, NULL);

  if (st == WL_HTTP_PARSE_MORE)
    st = wl_http_parser_finish (parser, NULL);
  if (st != WL_HTTP_PARSE_DONE)
    abort ();
  again = wl_http_parser_steal (parser);
  if (again == NULL || again->version != msg->version || again->status != msg->status
      || g_strcmp0 (again->method, msg->method) != 0
      || g_strcmp0 (again->target, msg->target) != 0
      || again->fields->len != msg->fields->len)
    abort ();
  for (guint i = 0; i < msg->fields->len; i++)
    {
      const WlHttpField *a = g_ptr_array_index (msg->fields, i);
      const WlHttpField *b = g_ptr_array_index (again->fields, i);

      if (strcmp (a->name, b->name) != 0 || strcmp (a->value, b->value) != 0)
        abort ();
    }
}

/* Feeds one piece; FALSE once the parser is in error.  Completed messages are checked. */
static gboolean
feed_piece (WlHttpParser *parser,
            gboolean      request,
            const guint8 *p,
            gsize         len)
{
  while (len > 0)
    {
      gsize consumed = 0;
      g_autoptr(GError) error = NULL;
      WlHttpParseStatus st = wl_http_parser_feed (parser, p, len, &consumed, &error);

      if (consumed > len)
        abort ();
      if (st == WL_HTTP_PARSE_ERROR)
        return FALSE;
      if (st == WL_HTTP_PARSE_DONE)
        {
          g_autoptr(WlHttpMessage) msg = wl_http_parser_steal (parser);

          if (msg == NULL)
            abort ();
          check_message (msg, request);
        }
      else if (consumed != len)
        abort ();   /* MORE takes every byte */
      p += consumed;
      len -= consumed;
    }
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(WlHttpParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  gboolean request;
  gsize piece;

  if (size < 1)
    return 0;
  request = (data[0] & 1) != 0;
  piece = data[0] >> 2;
  parser = wl_http_parser_new (request, FUZZ_MAX_BODY);
  if (!request && (data[0] & 2))
    wl_http_parser_expect_no_body (parser);
  data++, size--;
  if (piece == 0)
    piece = size;
  for (gsize off = 0; off < size; off += piece)
    if (!feed_piece (parser, request, data + off, MIN (piece, size - off)))
      return 0;
  if (wl_http_parser_finish (parser, &error) == WL_HTTP_PARSE_DONE)
    {
      g_autoptr(WlHttpMessage) msg = wl_http_parser_steal (parser);

      check_message (msg, request);
    }
  return 0;
}
