/* wl-http-wire.h — HTTP/1.x messages: parsing bytes that arrive a piece at a time, and
 * building the bytes of a request or a response.
 *
 * RFC 9112 (HTTP/1.1 message syntax), RFC 9110 (semantics), RFC 1945 (HTTP/1.0).
 *
 *   request-line  = method SP request-target SP HTTP-version CRLF     "GET / HTTP/1.1"
 *   status-line   = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 *   field-line    = field-name ":" OWS field-value OWS CRLF          "Host: 10.0.0.80"
 *   (empty line)  = CRLF                                              end of the head
 *   message-body  = Content-Length bytes (or, in a response without one, up to the close)
 *
 * Where it sits: under the HTTP server (wl-http-server.c) and client (wl-http-client.c), above
 * TCP sockets: TCP gives a byte stream, so a message may arrive in many pieces, or several
 * messages in one piece; the parser takes whatever arrived and says when a message is whole.
 *
 * Limits (hostile input is refused, not buffered without end): a start line or a field line
 * of at most WL_HTTP_MAX_LINE bytes, at most WL_HTTP_MAX_FIELDS fields, a head of at most
 * WL_HTTP_MAX_HEAD bytes, a body of at most the parser's max_body.  Every refusal is a
 * WL_HTTP_ERROR naming the rule that was broken.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WL_HTTP_PORT 80
#define WL_HTTP_MAX_LINE 8190         /* Apache's LimitRequestLine / LimitRequestFieldSize */
#define WL_HTTP_MAX_FIELDS 100        /* Apache's LimitRequestFields */
#define WL_HTTP_MAX_HEAD 65536
#define WL_HTTP_MAX_BODY (16 * 1024 * 1024)

#define WL_HTTP_ERROR (wl_http_error_quark ())
GQuark wl_http_error_quark (void);

typedef enum
{
  WL_HTTP_ERROR_SYNTAX,     /* a line that is not what the grammar allows */
  WL_HTTP_ERROR_TOO_LARGE,  /* a line, the head or the body over its limit */
  WL_HTTP_ERROR_VERSION,    /* not "HTTP/" DIGIT "." DIGIT */
  WL_HTTP_ERROR_UNSUPPORTED,/* Transfer-Encoding (chunked) is not implemented */
} WlHttpError;

typedef struct
{
  char *name;   /* as sent: "Content-Type" */
  char *value;  /* without the surrounding blanks */
} WlHttpField;

typedef struct
{
  gboolean    is_request;
  char       *method;     /* request: "GET" */
  char       *target;     /* request: "/index.html" */
  guint       version;    /* 10 for HTTP/1.0, 11 for HTTP/1.1 (major·10 + minor) */
  guint       status;     /* response: 200 */
  char       *reason;     /* response: "OK" */
  GPtrArray  *fields;     /* of WlHttpField*, in order */
  GByteArray *body;
} WlHttpMessage;

WlHttpMessage *wl_http_message_new_request (const char *method,
                                            const char *target,
                                            guint       version);
WlHttpMessage *wl_http_message_new_response (guint       version,
                                             guint       status,
                                             const char *reason);
void           wl_http_message_free (WlHttpMessage *msg);
/* Appends a field (several with one name are allowed, e.g. Set-Cookie). */
void           wl_http_message_add (WlHttpMessage *msg,
                                    const char    *name,
                                    const char    *value);
/* The first field's value, the name compared without case; NULL if none. */
const char    *wl_http_message_get (const WlHttpMessage *msg,
                                    const char          *name);
void           wl_http_message_set_body (WlHttpMessage *msg,
                                         const guint8  *data,
                                         gsize          len);
/* Start line, fields, empty line and body (no field is added: set Content-Length yourself). */
GBytes        *wl_http_message_to_bytes (const WlHttpMessage *msg);
/* "HTTP/1.1" for 11. */
const char    *wl_http_version_to_string (guint version);
/* RFC 9110's reason phrase for a status ("Not Found"), or "Unknown". */
const char    *wl_http_reason_phrase (guint status);

/* --- the incremental parser --------------------------------------------------------------- */

typedef enum
{
  WL_HTTP_PARSE_MORE,    /* every byte given was taken: the message is not whole yet */
  WL_HTTP_PARSE_DONE,    /* a whole message: take it with wl_http_parser_steal */
  WL_HTTP_PARSE_ERROR,   /* the input broke a rule: the parser stays in error */
} WlHttpParseStatus;

typedef struct _WlHttpParser WlHttpParser;

/* A parser of requests (a server's) or responses (a client's). */
WlHttpParser     *wl_http_parser_new (gboolean request,
                                      gsize    max_body);
void              wl_http_parser_free (WlHttpParser *parser);
/* The next response answers a HEAD (or is a 304): it has a head and no body. */
void              wl_http_parser_expect_no_body (WlHttpParser *parser);
/* Takes bytes; *consumed says how many (less than len when a message ended before them:
 * feed the rest again after stealing the message). */
WlHttpParseStatus wl_http_parser_feed (WlHttpParser *parser,
                                       const guint8 *data,
                                       gsize         len,
                                       gsize        *consumed,
                                       GError      **error);
/* The peer closed: a response whose body runs to the close is done now; anything else half
 * read is an error (ERROR), and nothing at all is MORE (a clean end). */
WlHttpParseStatus wl_http_parser_finish (WlHttpParser *parser,
                                         GError      **error);
/* The message that DONE announced; the parser starts over for the next one. */
WlHttpMessage    *wl_http_parser_steal (WlHttpParser *parser);
/* TRUE when no byte of a next message was taken yet. */
gboolean          wl_http_parser_is_idle (WlHttpParser *parser);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlHttpMessage, wl_http_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlHttpParser, wl_http_parser_free)

G_END_DECLS
