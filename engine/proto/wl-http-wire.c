/* wl-http-wire.c — HTTP/1.x message parsing and building (see wl-http-wire.h).
 *
 * RFC 9112 §2 (message format), §3 (request line), §4 (status line), §5 (field lines),
 * §6.3 (message body length); RFC 9110 §5.6.2 (tokens), §15 (status codes); RFC 1945.
 *
 * The parser is a small state machine fed with whatever TCP delivered:
 *
 *   START ──line──▶ FIELDS ──empty line──▶ BODY (Content-Length bytes, or until close)
 *                     │                     │
 *                     └──no body────────────┴──▶ DONE ──steal──▶ START
 *
 * Bytes of the line being read collect in `line`; a line is whole at CRLF.  Rules checked
 * (each refusal says which): lines end with CRLF (a bare LF or CR is refused, which RFC 9112
 * §2.2 allows a recipient to do); a line is at most WL_HTTP_MAX_LINE bytes; a field name is a
 * token directly followed by ':' (no blank before the colon, §5.1); a line starting with a
 * blank (obsolete line folding, §5.2) is refused; Content-Length is digits only and, when
 * repeated, the same each time (§6.3); Transfer-Encoding is not implemented and refused.
 * Empty lines before a request line are skipped (§2.2).  Unlike real servers that answer 400,
 * the parser only reports: the server decides what to send.
 */
#define G_LOG_DOMAIN "wl-http"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-http-wire.h"

G_DEFINE_QUARK (wl-http-error-quark, wl_http_error)

/* --- messages ------------------------------------------------------------------------------ */

static void
field_free (gpointer data)
{
  WlHttpField *f = data;

  g_free (f->name);
  g_free (f->value);
  g_free (f);
}

static WlHttpMessage *
message_new (void)
{
  WlHttpMessage *msg = g_new0 (WlHttpMessage, 1);

  msg->fields = g_ptr_array_new_with_free_func (field_free);
  msg->body = g_byte_array_new ();
  return msg;
}

WlHttpMessage *
wl_http_message_new_request (const char *method,
                             const char *target,
                             guint       version)
{
  WlHttpMessage *msg = message_new ();

  msg->is_request = TRUE;
  msg->method = g_strdup (method);
  msg->target = g_strdup (target);
  msg->version = version;
  return msg;
}

WlHttpMessage *
wl_http_message_new_response (guint       version,
                              guint       status,
                              const char *reason)
{
  WlHttpMessage *msg = message_new ();

  msg->version = version;
  msg->status = status;
  msg->reason = g_strdup (reason != NULL ? reason : wl_http_reason_phrase (status));
  return msg;
}

void
wl_http_message_free (WlHttpMessage *msg)
{
  if (msg == NULL)
    return;
  g_free (msg->method);
  g_free (msg->target);
  g_free (msg->reason);
  g_ptr_array_unref (msg->fields);
  g_byte_array_unref (msg->body);
  g_free (msg);
}

void
wl_http_message_add (WlHttpMessage *msg,
                     const char    *name,
                     const char    *value)
{
  WlHttpField *f = g_new0 (WlHttpField, 1);

  f->name = g_strdup (name);
  f->value = g_strdup (value);
  g_ptr_array_add (msg->fields, f);
}

const char *
wl_http_message_get (const WlHttpMessage *msg,
                     const char          *name)
{
  for (guint i = 0; i < msg->fields->len; i++)
    {
      const WlHttpField *f = g_ptr_array_index (msg->fields, i);

      if (g_ascii_strcasecmp (f->name, name) == 0)
        return f->value;
    }
  return NULL;
}

void
wl_http_message_set_body (WlHttpMessage *msg,
                          const guint8  *data,
                          gsize          len)
{
  g_byte_array_set_size (msg->body, 0);
  g_byte_array_append (msg->body, data, (guint) len);
}

/* version is major · 10 + minor, as parse_version() reads any "HTTP/" DIGIT "." DIGIT: every
 * one of the 100 has its text, so a message always writes back the version it was read with
 * (a server answers 505 to the ones it does not speak). */
const char *
wl_http_version_to_string (guint version)
{
  static char names[100][9];
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (guint v = 0; v < 100; v++)
        g_snprintf (names[v], sizeof names[v], "HTTP/%u.%u", v / 10, v % 10);
      g_once_init_leave (&done, 1);
    }
  return names[MIN (version, 99)];
}

const char *
wl_http_reason_phrase (guint status)
{
  switch (status)
    {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 404: return "Not Found";
    case 413: return "Content Too Large";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    case 505: return "HTTP Version Not Supported";
    default: return "Unknown";
    }
}

GBytes *
wl_http_message_to_bytes (const WlHttpMessage *msg)
{
  GString *out = g_string_new (NULL);

  if (msg->is_request)
    g_string_append_printf (out, "%s %s %s\r\n", msg->method, msg->target,
                            wl_http_version_to_string (msg->version));
  else
    g_string_append_printf (out, "%s %03u %s\r\n", wl_http_version_to_string (msg->version),
                            msg->status, msg->reason);
  for (guint i = 0; i < msg->fields->len; i++)
    {
      const WlHttpField *f = g_ptr_array_index (msg->fields, i);

      g_string_append_printf (out, "%s: %s\r\n", f->name, f->value);
    }
  g_string_append (out, "\r\n");
  g_string_append_len (out, (const char *) msg->body->data, msg->body->len);
  return g_string_free_to_bytes (out);
}

/* --- the parser ---------------------------------------------------------------------------- */

typedef enum
{
  STATE_START,
  STATE_FIELDS,
  STATE_BODY,
  STATE_BODY_TO_CLOSE,
  STATE_DONE,
  STATE_ERROR,
} State;

struct _WlHttpParser
{
  gboolean       request;
  gsize          max_body;
  gboolean       no_body;      /* the next response answers HEAD */
  State          state;
  GString       *line;         /* the line being read, without its CRLF */
  gsize          head_bytes;
  guint64        body_left;
  WlHttpMessage *msg;
};

WlHttpParser *
wl_http_parser_new (gboolean request,
                    gsize    max_body)
{
  WlHttpParser *p = g_new0 (WlHttpParser, 1);

  p->request = request;
  p->max_body = MIN (max_body, WL_HTTP_MAX_BODY);
  p->line = g_string_new (NULL);
  return p;
}

void
wl_http_parser_free (WlHttpParser *p)
{
  if (p == NULL)
    return;
  g_string_free (p->line, TRUE);
  wl_http_message_free (p->msg);
  g_free (p);
}

void
wl_http_parser_expect_no_body (WlHttpParser *p)
{
  p->no_body = TRUE;
}

gboolean
wl_http_parser_is_idle (WlHttpParser *p)
{
  return p->state == STATE_START && p->line->len == 0 && p->msg == NULL;
}

static WlHttpParseStatus
fail (WlHttpParser *p,
      GError      **error,
      WlHttpError   code,
      const char   *message)
{
  p->state = STATE_ERROR;
  g_set_error_literal (error, WL_HTTP_ERROR, code, message);
  return WL_HTTP_PARSE_ERROR;
}

/* RFC 9110 §5.6.2: tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." /
 * "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA */
static gboolean
is_token (const char *s,
          gsize       len)
{
  if (len == 0)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isalnum (s[i]) && strchr ("!#$%&'*+-.^_`|~", s[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3), with a major version of at least 1: HTTP/0.9 had
 * no version in its lines at all (RFC 1945 §4.1), so "HTTP/0.x" in a start line is no HTTP. */
static gboolean
parse_version (const char *s,
               guint      *out)
{
  if (strlen (s) != 8 || strncmp (s, "HTTP/", 5) != 0 || !g_ascii_isdigit (s[5]) || s[6] != '.'
      || !g_ascii_isdigit (s[7]) || s[5] == '0')
    return FALSE;
  *out = (guint) (s[5] - '0') * 10 + (guint) (s[7] - '0');
  return TRUE;
}

static WlHttpParseStatus
parse_request_line (WlHttpParser *p,
                    GError      **error)
{
  g_auto (GStrv) parts = g_strsplit (p->line->str, " ", -1);
  guint version;

  /* Rule: exactly three parts split by single spaces; a token method; a target without
   * control characters (the split already excludes spaces). */
  if (g_strv_length (parts) != 3 || !is_token (parts[0], strlen (parts[0])) || parts[1][0] == '\0')
    return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                 _("The request line is not “METHOD TARGET HTTP/x.y”"));
  for (const char *c = parts[1]; *c != '\0'; c++)
    if ((guchar) *c <= 0x20 || *c == 0x7f)
      return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                   _("The request target holds a control character"));
  if (!parse_version (parts[2], &version))
    return fail (p, error, WL_HTTP_ERROR_VERSION,
                 _("The request line does not end with a version such as HTTP/1.1"));
  p->msg = wl_http_message_new_request (parts[0], parts[1], version);
  return WL_HTTP_PARSE_MORE;
}

static WlHttpParseStatus
parse_status_line (WlHttpParser *p,
                   GError      **error)
{
  const char *s = p->line->str;
  g_autofree char *vtext = NULL;
  guint version;

  /* Rule: version SP 3DIGIT SP reason (the reason may be empty, the SP before it is not
   * always sent by old servers, so it is optional here). */
  if (p->line->len < 12 || s[8] != ' ' || !g_ascii_isdigit (s[9]) || !g_ascii_isdigit (s[10])
      || !g_ascii_isdigit (s[11]) || (p->line->len > 12 && s[12] != ' '))
    return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                 _("The status line is not “HTTP/x.y CODE REASON”"));
  vtext = g_strndup (s, 8);
  if (!parse_version (vtext, &version))
    return fail (p, error, WL_HTTP_ERROR_VERSION,
                 _("The status line does not start with a version such as HTTP/1.1"));
  p->msg = wl_http_message_new_response (version, (guint) g_ascii_strtoull (s + 9, NULL, 10),
                                         p->line->len > 12 ? s + 13 : "");
  return WL_HTTP_PARSE_MORE;
}

static WlHttpParseStatus
parse_field_line (WlHttpParser *p,
                  GError      **error)
{
  const char *s = p->line->str;
  const char *colon = strchr (s, ':');
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;

  if (s[0] == ' ' || s[0] == '\t')
    return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                 _("A field line starts with a blank (obsolete line folding is refused)"));
  if (colon == NULL || !is_token (s, (gsize) (colon - s)))
    return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                 _("A field line is not “Name: value” (no blank is allowed before the colon)"));
  if (p->msg->fields->len >= WL_HTTP_MAX_FIELDS)
    return fail (p, error, WL_HTTP_ERROR_TOO_LARGE, _("More than 100 header fields"));
  name = g_strndup (s, (gsize) (colon - s));
  value = g_strstrip (g_strdup (colon + 1));
  for (const char *c = value; *c != '\0'; c++)
    if (((guchar) *c < 0x20 && *c != '\t') || *c == 0x7f)
      return fail (p, error, WL_HTTP_ERROR_SYNTAX, _("A field value holds a control character"));
  wl_http_message_add (p->msg, name, value);
  return WL_HTTP_PARSE_MORE;
}

/* Rule (RFC 9112 §6.3): Content-Length is 1*DIGIT; repeated, it must be the same. */
static gboolean
content_length (WlHttpParser *p,
                gint64       *out,
                GError      **error)
{
  *out = -1;
  for (guint i = 0; i < p->msg->fields->len; i++)
    {
      const WlHttpField *f = g_ptr_array_index (p->msg->fields, i);
      guint64 v;

      if (g_ascii_strcasecmp (f->name, "Content-Length") != 0)
        continue;
      if (f->value[0] == '\0' || strlen (f->value) > 12
          || strspn (f->value, "0123456789") != strlen (f->value))
        return fail (p, error, WL_HTTP_ERROR_SYNTAX, _("Content-Length is not a number")), FALSE;
      v = g_ascii_strtoull (f->value, NULL, 10);
      if (*out >= 0 && (guint64) *out != v)
        return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                     _("Two Content-Length fields disagree")), FALSE;
      *out = (gint64) v;
    }
  return TRUE;
}

/* The empty line ended the head: how long is the body? */
static WlHttpParseStatus
end_of_head (WlHttpParser *p,
             GError      **error)
{
  gint64 length;
  gboolean bodiless_status = !p->request && (p->msg->status / 100 == 1 || p->msg->status == 204
                                             || p->msg->status == 304);

  if (wl_http_message_get (p->msg, "Transfer-Encoding") != NULL)
    return fail (p, error, WL_HTTP_ERROR_UNSUPPORTED, _("Transfer-Encoding is not supported"));
  if (!content_length (p, &length, error))
    return WL_HTTP_PARSE_ERROR;
  if (length > (gint64) p->max_body)
    return fail (p, error, WL_HTTP_ERROR_TOO_LARGE, _("The body is larger than allowed"));
  if (p->no_body || bodiless_status || length == 0 || (length < 0 && p->request))
    {
      p->state = STATE_DONE;
      return WL_HTTP_PARSE_DONE;
    }
  p->state = length < 0 ? STATE_BODY_TO_CLOSE : STATE_BODY;
  p->body_left = length < 0 ? 0 : (guint64) length;
  return WL_HTTP_PARSE_MORE;
}

static WlHttpParseStatus
line_done (WlHttpParser *p,
           GError      **error)
{
  if (p->state == STATE_START)
    {
      if (p->line->len == 0 && p->request)
        return WL_HTTP_PARSE_MORE;  /* RFC 9112 §2.2: empty lines before a request */
      p->state = STATE_FIELDS;
      return p->request ? parse_request_line (p, error) : parse_status_line (p, error);
    }
  if (p->line->len == 0)
    return end_of_head (p, error);
  return parse_field_line (p, error);
}

/* Takes head bytes up to and including one LF. */
static WlHttpParseStatus
feed_head (WlHttpParser *p,
           const guint8 *data,
           gsize         len,
           gsize        *used,
           GError      **error)
{
  WlHttpParseStatus st;
  gsize i;

  *used = 0;
  for (i = 0; i < len && data[i] != '\n'; i++)
    if (data[i] == '\0' || (i > 0 && data[i - 1] == '\r')
        || (i == 0 && p->line->len > 0 && p->line->str[p->line->len - 1] == '\r'))
      return fail (p, error, WL_HTTP_ERROR_SYNTAX,
                   data[i] == '\0' ? _("A NUL byte in the head")
                                   : _("A CR that does not end a line"));
  *used = i < len ? i + 1 : i;
  p->head_bytes += *used;
  if (p->line->len + i > WL_HTTP_MAX_LINE + 1)
    return fail (p, error, WL_HTTP_ERROR_TOO_LARGE, _("A line of the head is longer than 8190 bytes"));
  if (p->head_bytes > WL_HTTP_MAX_HEAD)
    return fail (p, error, WL_HTTP_ERROR_TOO_LARGE, _("The head is larger than 64 KiB"));
  g_string_append_len (p->line, (const char *) data, (gssize) i);
  if (i == len)
    return WL_HTTP_PARSE_MORE;
  /* Rule: every line ends with CRLF. */
  if (p->line->len == 0 || p->line->str[p->line->len - 1] != '\r')
    return fail (p, error, WL_HTTP_ERROR_SYNTAX, _("A line ends with LF alone instead of CRLF"));
  g_string_truncate (p->line, p->line->len - 1);
  st = line_done (p, error);
  g_string_truncate (p->line, 0);
  return st;
}

WlHttpParseStatus
wl_http_parser_feed (WlHttpParser *p,
                     const guint8 *data,
                     gsize         len,
                     gsize        *consumed,
                     GError      **error)
{
  gsize off = 0;

  *consumed = 0;
  if (p->state == STATE_ERROR)
    return fail (p, error, WL_HTTP_ERROR_SYNTAX, _("The parser already failed"));
  if (p->state == STATE_DONE)
    return WL_HTTP_PARSE_DONE;
  while (off < len)
    {
      WlHttpParseStatus st = WL_HTTP_PARSE_MORE;
      gsize used;

      if (p->state == STATE_START || p->state == STATE_FIELDS)
        st = feed_head (p, data + off, len - off, &used, error);
      else
        {
          used = p->state == STATE_BODY ? (gsize) MIN (p->body_left, len - off) : len - off;
          if (p->msg->body->len + used > p->max_body)
            st = fail (p, error, WL_HTTP_ERROR_TOO_LARGE, _("The body is larger than allowed"));
          else
            g_byte_array_append (p->msg->body, data + off, (guint) used);
          p->body_left -= p->state == STATE_BODY ? used : 0;
          if (st != WL_HTTP_PARSE_ERROR && p->state == STATE_BODY && p->body_left == 0)
            {
              p->state = STATE_DONE;
              st = WL_HTTP_PARSE_DONE;
            }
        }
      off += used;
      *consumed = off;
      if (st != WL_HTTP_PARSE_MORE)
        return st;
    }
  return WL_HTTP_PARSE_MORE;
}

WlHttpParseStatus
wl_http_parser_finish (WlHttpParser *p,
                       GError      **error)
{
  if (p->state == STATE_BODY_TO_CLOSE || p->state == STATE_DONE)
    {
      p->state = STATE_DONE;
      return WL_HTTP_PARSE_DONE;
    }
  if (p->state == STATE_ERROR)
    return WL_HTTP_PARSE_ERROR;
  if (wl_http_parser_is_idle (p))
    return WL_HTTP_PARSE_MORE;
  return fail (p, error, WL_HTTP_ERROR_SYNTAX, _("The connection closed in the middle of a message"));
}

WlHttpMessage *
wl_http_parser_steal (WlHttpParser *p)
{
  g_return_val_if_fail (p->state == STATE_DONE, NULL);
  p->state = STATE_START;
  p->no_body = FALSE;
  p->head_bytes = 0;
  p->body_left = 0;
  g_string_truncate (p->line, 0);
  return g_steal_pointer (&p->msg);
}
