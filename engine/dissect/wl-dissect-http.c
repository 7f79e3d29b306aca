/* wl-dissect-http.c — HTTP/1.x messages.
 *
 * RFC 9112 (message syntax), RFC 1945.  Carried in TCP to or from port 80
 * (wl-dissect-tcp.c); the message is what one TCP segment carries:
 *
 *   GET /index.html HTTP/1.1\r\n            request line  (or: HTTP/1.1 200 OK\r\n)
 *   Host: 10.0.0.80\r\n                      field lines
 *   \r\n                                     end of the head
 *   <body>                                   shown as data
 *
 * Decodes, with tshark's abbreviations: http.request or http.response (1), then
 * http.request.method, http.request.uri, http.request.version, or http.response.version,
 * http.response.code, http.response.phrase; and the fields of the head tshark names:
 * http.host, http.user_agent, http.content_type, http.content_length_header, http.connection,
 * http.cookie, http.set_cookie, http.location, http.date, http.server, http.last_modified.
 *
 * We keep no state across frames (no TCP reassembly), so a segment is HTTP only when it
 * starts with a request or status line; any other segment of port 80 (the rest of a long
 * body) is data, never malformed.  A head cut by the end of the segment is decoded as far as
 * its whole lines go, again without complaint: Wireshark would reassemble it.
 *
 * The summary is Wireshark's Info column: "GET /index.html HTTP/1.1 " and
 * "HTTP/1.1 200 OK  (text/html)" (the type in brackets when the response has one).
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

enum
{
  HF_REQUEST, HF_RESPONSE, HF_METHOD, HF_URI, HF_REQ_VERSION, HF_RESP_VERSION, HF_CODE,
  HF_PHRASE, HF_HOST, HF_USER_AGENT, HF_CONTENT_TYPE, HF_CONTENT_LENGTH, HF_CONNECTION,
  HF_COOKIE, HF_SET_COOKIE, HF_LOCATION, HF_DATE, HF_SERVER, HF_LAST_MODIFIED,
};

const WlFieldInfo _wl_dissect_http_fields[] = {
  [HF_REQUEST] = WL_ROW ("http.request", N_("Request"), WL_FIELD_BOOL),
  [HF_RESPONSE] = WL_ROW ("http.response", N_("Response"), WL_FIELD_BOOL),
  [HF_METHOD] = WL_ROW ("http.request.method", N_("Request Method"), WL_FIELD_STRING),
  [HF_URI] = WL_ROW ("http.request.uri", N_("Request URI"), WL_FIELD_STRING),
  [HF_REQ_VERSION] = WL_ROW ("http.request.version", N_("Request Version"), WL_FIELD_STRING),
  [HF_RESP_VERSION] = WL_ROW ("http.response.version", N_("Response Version"), WL_FIELD_STRING),
  [HF_CODE] = WL_ROW_DEC ("http.response.code", N_("Status Code")),
  [HF_PHRASE] = WL_ROW ("http.response.phrase", N_("Response Phrase"), WL_FIELD_STRING),
  [HF_HOST] = WL_ROW ("http.host", N_("Host"), WL_FIELD_STRING),
  [HF_USER_AGENT] = WL_ROW ("http.user_agent", N_("User-Agent"), WL_FIELD_STRING),
  [HF_CONTENT_TYPE] = WL_ROW ("http.content_type", N_("Content-Type"), WL_FIELD_STRING),
  [HF_CONTENT_LENGTH] = WL_ROW ("http.content_length_header", N_("Content-Length"),
                                WL_FIELD_STRING),
  [HF_CONNECTION] = WL_ROW ("http.connection", N_("Connection"), WL_FIELD_STRING),
  [HF_COOKIE] = WL_ROW ("http.cookie", N_("Cookie"), WL_FIELD_STRING),
  [HF_SET_COOKIE] = WL_ROW ("http.set_cookie", N_("Set-Cookie"), WL_FIELD_STRING),
  [HF_LOCATION] = WL_ROW ("http.location", N_("Location"), WL_FIELD_STRING),
  [HF_DATE] = WL_ROW ("http.date", N_("Date"), WL_FIELD_STRING),
  [HF_SERVER] = WL_ROW ("http.server", N_("Server"), WL_FIELD_STRING),
  [HF_LAST_MODIFIED] = WL_ROW ("http.last_modified", N_("Last-Modified"), WL_FIELD_STRING),
};
const guint _wl_dissect_n_http_fields = G_N_ELEMENTS (_wl_dissect_http_fields);

#define HF(x) (&_wl_dissect_http_fields[HF_##x])

/* Header names and their rows (compared without case, as HTTP does). */
static const struct
{
  const char *name;
  guint hf;
} named_fields[] = {
  { "Host", HF_HOST }, { "User-Agent", HF_USER_AGENT }, { "Content-Type", HF_CONTENT_TYPE },
  { "Content-Length", HF_CONTENT_LENGTH }, { "Connection", HF_CONNECTION },
  { "Cookie", HF_COOKIE }, { "Set-Cookie", HF_SET_COOKIE }, { "Location", HF_LOCATION },
  { "Date", HF_DATE }, { "Server", HF_SERVER }, { "Last-Modified", HF_LAST_MODIFIED },
};

/* Length of the line at [off, end) up to its CRLF; FALSE when no CRLF ends it in range. */
static gboolean
line_at (const guint8 *p,
         guint         off,
         guint         end,
         guint        *len)
{
  for (guint i = off; i + 1 < end; i++)
    if (p[i] == '\r' && p[i + 1] == '\n')
      {
        *len = i - off;
        return TRUE;
      }
  return FALSE;
}

static char *
text (const guint8 *p,
      guint         off,
      guint         len)
{
  g_autofree char *raw = g_strndup ((const char *) p + off, len);

  return g_utf8_make_valid (raw, -1);
}

/* "METHOD SP target SP HTTP/x.y" or "HTTP/x.y SP code SP phrase": TRUE for either. */
static gboolean
is_start_line (const guint8 *p,
               guint         off,
               guint         len)
{
  guint i = 0;

  if (len >= 12 && memcmp (p + off, "HTTP/", 5) == 0 && p[off + 8] == ' ')
    return TRUE;
  while (i < len && i < 16 && g_ascii_isupper (p[off + i]))
    i++;
  return i > 0 && i < len && p[off + i] == ' ' && len >= 9
         && memcmp (p + off + len - 8, "HTTP/", 5) == 0 && p[off + len - 9] == ' ';
}

/* The start line is split at its first two spaces, found in the raw bytes: offsets and
 * lengths always describe the frame's bytes, whatever they hold (invalid UTF-8, NUL);
 * only the displayed text is made valid. */
static void
add_start_line (WlDissectLayer *layer,
                const guint8   *p,
                guint           off,
                guint           len)
{
  const guint8 *line = p + off;
  const guint8 *sp1 = memchr (line, ' ', len);
  const guint8 *sp2;
  guint a, b, rest_off, rest_len;
  g_autofree char *first = NULL, *second = NULL, *rest = NULL;

  if (layer == NULL || sp1 == NULL)
    return;
  a = (guint) (sp1 - line);
  sp2 = memchr (sp1 + 1, ' ', len - a - 1);
  b = sp2 ? (guint) (sp2 - sp1 - 1) : len - a - 1;
  rest_off = a + b + 2;
  rest_len = sp2 ? len - rest_off : 0;
  first = text (p, off, a);
  second = text (p, off + a + 1, b);
  rest = sp2 ? text (p, off + rest_off, rest_len) : NULL;
  if (len >= 5 && memcmp (line, "HTTP/", 5) == 0)
    {
      _wl_dissect_add_bool (layer, HF (RESPONSE), off, len + 2, TRUE);
      _wl_dissect_add_string (layer, HF (RESP_VERSION), off, a, first);
      _wl_dissect_add_uint (layer, HF (CODE), off + a + 1, b, g_ascii_strtoull (second, NULL, 10));
      if (rest != NULL)
        _wl_dissect_add_string (layer, HF (PHRASE), off + rest_off, rest_len, rest);
      return;
    }
  _wl_dissect_add_bool (layer, HF (REQUEST), off, len + 2, TRUE);
  _wl_dissect_add_string (layer, HF (METHOD), off, a, first);
  _wl_dissect_add_string (layer, HF (URI), off + a + 1, b, second);
  if (rest != NULL)
    _wl_dissect_add_string (layer, HF (REQ_VERSION), off + rest_off, rest_len, rest);
}

static void
add_field_line (WlDissectLayer *layer,
                const guint8   *p,
                guint           off,
                guint           len)
{
  const guint8 *colon = memchr (p + off, ':', len);
  guint name_len, v;

  if (layer == NULL || colon == NULL)
    return;
  name_len = (guint) (colon - (p + off));
  for (v = name_len + 1; v < len && (p[off + v] == ' ' || p[off + v] == '\t'); v++)
    ;
  for (guint i = 0; i < G_N_ELEMENTS (named_fields); i++)
    if (strlen (named_fields[i].name) == name_len
        && g_ascii_strncasecmp ((const char *) p + off, named_fields[i].name, name_len) == 0)
      {
        g_autofree char *value = g_strchomp (text (p, off + v, len - v));

        _wl_dissect_add_string (layer, &_wl_dissect_http_fields[named_fields[i].hf], off, len,
                                value);
      }
}

void
_wl_dissect_http (WlDissectCtx *ctx,
                  guint         offset,
                  guint         end)
{
  const guint8 *p = ctx->data;
  WlDissectLayer *layer;
  guint off = offset, len;

  g_assert (offset <= end);
  if (!line_at (p, offset, end, &len) || !is_start_line (p, offset, len))
    {
      _wl_dissect_data (ctx, offset, end, WL_LAYER_APPLICATION);  /* a continuation */
      return;
    }
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_HTTP, "http", N_("Hypertext Transfer Protocol"),
                                 WL_LAYER_APPLICATION, offset, end - offset);
  add_start_line (layer, p, off, len);
  off += len + 2;
  while (off < end && line_at (p, off, end, &len) && len > 0)
    {
      add_field_line (layer, p, off, len);
      off += len + 2;
    }
  if (off < end && line_at (p, off, end, &len) && len == 0)
    {
      off += 2;  /* the empty line: the body follows */
      if (layer != NULL)
        layer->length = off - offset;
      _wl_dissect_data (ctx, off, end, WL_LAYER_APPLICATION);
    }
}

char *
_wl_dissect_http_summary (const WlDissection   *d,
                          const WlDissectLayer *layer)
{
  const WlField *method = wl_dissect_layer_find (layer, "http.request.method");
  const WlField *uri = wl_dissect_layer_find (layer, "http.request.uri");
  const WlField *rv = wl_dissect_layer_find (layer, "http.request.version");
  const WlField *sv = wl_dissect_layer_find (layer, "http.response.version");
  const WlField *code = wl_dissect_layer_find (layer, "http.response.code");
  const WlField *phrase = wl_dissect_layer_find (layer, "http.response.phrase");
  const WlField *type = wl_dissect_layer_find (layer, "http.content_type");

  if (method != NULL && uri != NULL)
    return g_strdup_printf ("%s %s %s ", method->display, uri->display,
                            rv != NULL ? rv->display : "");
  if (sv != NULL && code != NULL)
    {
      g_autofree char *type_part = NULL;

      /* Wireshark strips parameters: "text/html; charset=utf-8" shows as text/html. */
      if (type != NULL)
        type_part = g_strdup_printf (" (%.*s)", (int) strcspn (type->display, ";"), type->display);
      return g_strdup_printf ("%s %s %s %s", sv->display, code->display,
                              phrase != NULL ? phrase->display : "",
                              type_part != NULL ? type_part : "");
    }
  return g_strdup (_(layer->name));
}
