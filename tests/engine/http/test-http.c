/* Tests of the HTTP server and client on a small lab (PC1 — Web1, one cable): every status
 * the server gives, answered to raw requests sent through a socket; the client's cookies;
 * and the connection counts of HTTP/1.0 (one per object) and HTTP/1.1 (one for all). */
#include "config.h"

#include <string.h>

#include "devices/wl-commands.h"
#include "l3-test.h"
#include "proto/wl-http.h"
#include "proto/wl-socket.h"

#define PAGE "<html><body><img src=\"/a.png\"><img src='b.png'></body></html>"

static WlLab *
http_lab (void)
{
  WlLab *lab = wl_lab_new ();
  WlLabDevice *web;
  WlLabService *svc;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  web = l3_add_host (lab, "Web1", "10.0.0.80/24", NULL);
  web->kind = WL_DEVICE_SERVER;
  svc = wl_lab_device_add_service (web, "http-server");
  wl_lab_service_set (svc, "index", PAGE);
  wl_lab_service_set (svc, "pages", "/a.png 2000 image/png; /b.png 3000 image/png");
  wl_lab_service_set (svc, "redirects", "/old /index.html");
  l3_connect (lab, "PC1", 0, "Web1", 0);
  return lab;
}

/* --- raw exchanges ------------------------------------------------------------------------- */

typedef struct
{
  const char *request;
  GString    *reply;
  gboolean    eof;
} Raw;

static void
on_raw (WlSocket      *sock,
        WlSocketEvents events,
        gpointer       user_data)
{
  Raw *r = user_data;
  guint8 buf[4096];
  gssize n;

  if (events & WL_SOCKET_EVENT_CONNECTED)
    wl_socket_send (sock, (const guint8 *) r->request, strlen (r->request), NULL);
  while ((n = wl_socket_recv (sock, buf, sizeof buf, NULL)) > 0)
    g_string_append_len (r->reply, (const char *) buf, n);
  if (n == 0)
    r->eof = TRUE;
}

/* Sends request from PC1 and returns everything Web1 answered within 2 s. */
static char *
exchange (const char *request,
          gboolean   *eof)
{
  g_autoptr (WlLab) lab = http_lab ();
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
  Raw r = { request, g_string_new (NULL), FALSE };
  WlSocket *sock;

  l3_bed_run (bed, WL_MS);  /* the services start at time 0 */
  sock = wl_socket_tcp_new (l3_bed_stack (bed, "PC1"));
  wl_socket_set_callback (sock, on_raw, &r);
  g_assert_true (wl_socket_connect (sock, l3_ip ("10.0.0.80"), 80, NULL));
  l3_bed_run (bed, 2 * WL_S);
  wl_socket_close (sock);
  if (eof != NULL)
    *eof = r.eof;
  return g_string_free (r.reply, FALSE);
}

static void
assert_status (const char *request,
               const char *status_line)
{
  g_autofree char *reply = exchange (request, NULL);

  if (!g_str_has_prefix (reply, status_line))
    g_test_message ("reply to %s: %s", request, reply);
  g_assert_true (g_str_has_prefix (reply, status_line));
}

static void
test_statuses (void)
{
  assert_status ("GET / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK\r\n");
  assert_status ("GET /nope HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 404 Not Found\r\n");
  assert_status ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported\r\n");
  assert_status ("DELETE / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 501 Not Implemented\r\n");
  assert_status ("GET / HTTP/1.1\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request\r\n");
  assert_status ("GET / HTTP/1.1\r\nIf-Modified-Since: Mon, 01 Jan 2024 00:00:00 GMT\r\n\r\n",
                 "HTTP/1.1 304 Not Modified\r\n");
  /* older than Last-Modified: the page is sent */
  assert_status ("GET / HTTP/1.1\r\nIf-Modified-Since: Sun, 31 Dec 2023 23:59:59 GMT\r\n\r\n",
                 "HTTP/1.1 200 OK\r\n");
}

static void
test_redirect (void)
{
  g_autofree char *reply = exchange ("GET /old HTTP/1.1\r\nHost: x\r\n\r\n", NULL);

  g_assert_true (g_str_has_prefix (reply, "HTTP/1.1 301 Moved Permanently\r\n"));
  g_assert_nonnull (strstr (reply, "\r\nLocation: /index.html\r\n"));
}

static void
test_head_and_post (void)
{
  g_autofree char *head = exchange ("HEAD /a.png HTTP/1.1\r\nHost: x\r\n\r\n", NULL);
  g_autofree char *post = exchange ("POST /form HTTP/1.1\r\nContent-Length: 7\r\n\r\nname=wl",
                                    NULL);
  const char *end = strstr (head, "\r\n\r\n");

  g_assert_nonnull (strstr (head, "\r\nContent-Length: 2000\r\n"));
  g_assert_nonnull (end);
  g_assert_cmpstr (end, ==, "\r\n\r\n");  /* no body after the head */
  g_assert_true (g_str_has_prefix (post, "HTTP/1.1 200 OK\r\n"));
  g_assert_true (g_str_has_suffix (post, "\r\n\r\nname=wl"));
}

/* Set-Cookie only when the request has no Cookie; 1.0 closes, 1.1 keeps the connection. */
static void
test_cookie_and_connection (void)
{
  gboolean eof10, eof11;
  g_autofree char *first = exchange ("GET / HTTP/1.0\r\n\r\n", &eof10);
  g_autofree char *again = exchange ("GET / HTTP/1.1\r\nCookie: session=1\r\n\r\n", &eof11);

  g_assert_nonnull (strstr (first, "\r\nSet-Cookie: session=1; Path=/\r\n"));
  g_assert_nonnull (strstr (first, "\r\nConnection: close\r\n"));
  g_assert_true (eof10);
  g_assert_null (strstr (again, "Set-Cookie"));
  g_assert_nonnull (strstr (again, "\r\nConnection: Keep-Alive\r\n"));
  g_assert_false (eof11);  /* still open after 1 s (Apache's KeepAliveTimeout is 5 s) */
}

/* --- the client ---------------------------------------------------------------------------- */

/* SYNs PC1 sent: one per connection it opened. */
static guint
count_syns (L3Bed *bed)
{
  g_autoptr (GPtrArray) frames = l3_ip_frames (bed, WL_EVENT_FRAME_SENT,
                                               l3_bed_index (bed, "PC1"), 6);
  guint n = 0;

  for (guint i = 0; i < frames->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (frames, i);

      if (ev->frame[L3_L4 + 13] & 0x02)
        n++;
    }
  return n;
}

static gboolean
console_has (L3Bed      *bed,
             const char *line)
{
  GPtrArray *lines = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE, l3_bed_index (bed, "PC1"));

  for (guint i = 0; i < lines->len; i++)
    if (g_strcmp0 (((const WlTraceEvent *) g_ptr_array_index (lines, i))->args, line) == 0)
      return TRUE;
  return FALSE;
}

static void
fetch_page (const char *command,
            guint       connections)
{
  g_autoptr (WlLab) lab = http_lab ();
  g_autoptr (L3Bed) bed = NULL;
  g_autofree char *summary = g_strdup_printf ("* 3 objects fetched over %u TCP connection%s",
                                              connections, connections == 1 ? "" : "s");
  GPtrArray *requests;

  l3_action (lab, WL_S, "PC1", command);
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  g_assert_cmpuint (count_syns (bed), ==, connections);
  g_assert_true (console_has (bed, summary));
  /* the page, then its objects in order (b.png relative to the page's folder) */
  requests = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_HTTP_REQUEST, l3_bed_index (bed, "Web1"));
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_nonnull (strstr (((const WlTraceEvent *) requests->pdata[0])->args, "path=/index.html"));
  g_assert_nonnull (strstr (((const WlTraceEvent *) requests->pdata[1])->args, "path=/a.png"));
  g_assert_nonnull (strstr (((const WlTraceEvent *) requests->pdata[2])->args, "path=/b.png"));
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_HTTP_RESPONSE,
                              l3_bed_index (bed, "PC1")), ==, 3);
}

static void
test_http10_connections (void)
{
  fetch_page ("http get -1.0 http://10.0.0.80/index.html", 3);
}

static void
test_http11_connections (void)
{
  fetch_page ("curl http://10.0.0.80/index.html", 1);
}

/* The first fetch gets a cookie; the second command on the same host sends it back. */
static void
test_client_cookies (void)
{
  g_autoptr (WlLab) lab = http_lab ();
  g_autoptr (L3Bed) bed = NULL;

  l3_action (lab, WL_S, "PC1", "http head http://10.0.0.80/");
  l3_action (lab, 2 * WL_S, "PC1", "http post -d a=1 http://10.0.0.80/form");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  g_assert_cmpstr (wl_http_client_get_cookies (l3_bed_stack (bed, "PC1"), "10.0.0.80"), ==,
                   "session=1");
  g_assert_true (console_has (bed, "> Cookie: session=1"));
  g_assert_true (console_has (bed, "< Set-Cookie: session=1; Path=/"));
  g_assert_true (console_has (bed, "a=1"));  /* the POST's echo */
  g_assert_true (console_has (bed, "* 1 object fetched over 1 TCP connection"));
}

static void
test_commands_check (void)
{
  const char *good[] = { "http get http://10.0.0.80/", "http head -1.0 10.0.0.80",
                         "curl -0 http://www.lab.test:8080/a/b", "http post -d x=1 http://h/" };
  const char *bad[] = { "http", "http put http://h/", "curl", "curl https://h/",
                        "curl http://h:0/", "curl http://h_h/", "http get -x http://h/",
                        "curl http://h/ extra" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (wl_stack_check_command (good[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (wl_stack_check_command (bad[i], &error));
      g_assert_nonnull (error);
    }
}

static void
test_settings_check (void)
{
  g_autoptr (WlLab) lab = http_lab ();
  WlLabService *svc = wl_lab_device_find_service (wl_lab_get_device (lab, 1), "http-server");
  g_autoptr (GError) error = NULL;

  g_assert_true (wl_http_server_check_service (wl_lab_get_device (lab, 1), svc, NULL));
  wl_lab_service_set (svc, "pages", "/a.png 2000000 image/png");
  g_assert_false (wl_http_server_check_service (wl_lab_get_device (lab, 1), svc, &error));
  g_assert_nonnull (strstr (error->message, "2000000"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/http/server/statuses", test_statuses);
  g_test_add_func ("/engine/http/server/redirect", test_redirect);
  g_test_add_func ("/engine/http/server/head-and-post", test_head_and_post);
  g_test_add_func ("/engine/http/server/cookie-and-connection", test_cookie_and_connection);
  g_test_add_func ("/engine/http/server/settings-check", test_settings_check);
  g_test_add_func ("/engine/http/client/http10-connections", test_http10_connections);
  g_test_add_func ("/engine/http/client/http11-connections", test_http11_connections);
  g_test_add_func ("/engine/http/client/cookies", test_client_cookies);
  g_test_add_func ("/engine/http/client/commands-check", test_commands_check);
  return g_test_run ();
}
