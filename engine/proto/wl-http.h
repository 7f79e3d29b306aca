/* wl-http.h — the HTTP programs of a stack: the web server (a lab service) and the client
 * behind the console's `http` and `curl` commands.
 *
 *      http get / curl (engine/devices/wl-http-commands.c)
 *          |
 *      client (wl-http-client.c): URL, cookies per host, page + the objects it references
 *          |  TCP sockets (wl-socket.h)                          messages (wl-http-wire.c)
 *      server (wl-http-server.c): pages from the lab's [service DEV http-server] settings
 */
#pragma once

#include <glib.h>

#include "core/wl-device.h"
#include "lab/wl-lab.h"
#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* --- server ------------------------------------------------------------------------------- */

/* The row of the service table (engine/devices/wl-services.c):
 *   { "http-server", wl_http_server_check_service, wl_http_server_service_start },
 * The settings are described at the top of wl-http-server.c. */
gboolean wl_http_server_check_service (const WlLabDevice  *dev,
                                       const WlLabService *svc,
                                       GError            **error);
gboolean wl_http_server_service_start (WlDevice           *dev,
                                       const WlLabDevice  *cfg,
                                       const WlLabService *svc,
                                       GError            **error);
/* The byte at offset i of a generated object (pages=…): what the client can check. */
guint8   wl_http_object_byte (guint64 offset);

/* --- client ------------------------------------------------------------------------------- */

typedef struct
{
  char    *method;    /* "GET", "HEAD", "POST" */
  guint    version;   /* 10 or 11 */
  char    *host;      /* address or name, as in the URL */
  guint16  port;
  char    *path;      /* "/index.html" */
  char    *data;      /* POST body, or NULL */
} WlHttpRequestSpec;

/* Parses "http://HOST[:PORT][/PATH]" into spec's host, port and path (WL_LAB_ERROR_INVALID
 * naming the URL otherwise). */
gboolean wl_http_parse_url (const char        *url,
                            WlHttpRequestSpec *spec,
                            GError           **error);
void     wl_http_request_spec_clear (WlHttpRequestSpec *spec);
/* Runs one fetch on the stack (the spec's strings are copied). */
void     wl_http_client_start (WlStack                 *stack,
                               const WlHttpRequestSpec *spec);
/* Cookies the stack's client keeps for host ("a=1; b=2"), or NULL. */
const char *wl_http_client_get_cookies (WlStack    *stack,
                                        const char *host);

/* "http" and "curl": rows of the console command table (stack NULL: only check the line). */
gboolean wl_http_command (WlStack    *stack,
                          const char *line,
                          char      **argv,
                          GError    **error);

G_END_DECLS
