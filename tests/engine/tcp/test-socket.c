/* The socket layer and nc: UDP sendto/recvfrom between two hosts (sources, truncation,
 * ephemeral ports, EADDRINUSE), events delivered at the same virtual time but never inside a
 * call, socket notes with byte counts, and nc's command line (checked and rejected like the
 * real one, with messages naming the text at fault). */
#include "config.h"

#include <string.h>

#include "tcp-test.h"
#include "devices/wl-tcp-apps.h"
#include "lab/wl-lab.h"

typedef struct
{
  guint    readable;
  gboolean in_call;   /* set while the test is inside a socket call */
} UdpApp;

static void
on_udp (WlSocket      *sock,
        WlSocketEvents events,
        gpointer       user_data)
{
  UdpApp *app = user_data;

  g_assert_false (app->in_call);  /* never called back from inside a call */
  if (events & WL_SOCKET_EVENT_READABLE)
    app->readable++;
}

static L3Bed *
two_hosts (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  return l3_bed_new (lab, 1);
}

static void
test_udp (void)
{
  g_autoptr (L3Bed) bed = two_hosts ();
  WlSocket *a = wl_socket_udp_new (l3_bed_stack (bed, "PC1"));
  WlSocket *b = wl_socket_udp_new (l3_bed_stack (bed, "PC2"));
  WlSocket *c = wl_socket_udp_new (l3_bed_stack (bed, "PC2"));
  UdpApp app = { 0 };
  g_autoptr (GError) error = NULL;
  guint8 buf[16];
  guint32 from = 0;
  guint16 port = 0;

  wl_socket_set_callback (b, on_udp, &app);
  g_assert_true (wl_socket_bind (b, 0, 9000, NULL));
  g_assert_false (wl_socket_bind (c, 0, 9000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_error (&error);
  /* nothing yet: EAGAIN */
  g_assert_cmpint (wl_socket_recvfrom (b, buf, sizeof buf, &from, &port, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_clear_error (&error);

  /* a is not bound: sendto picks an ephemeral port */
  g_assert_true (wl_socket_sendto (a, (const guint8 *) "hello, world", 12, l3_ip ("10.0.0.2"),
                                   9000, NULL));
  g_assert_true (wl_socket_sendto (a, (const guint8 *) "second", 6, l3_ip ("10.0.0.2"), 9000,
                                   NULL));
  g_assert_cmpuint (wl_socket_get_local_port (a), >=, WL_UDP_EPHEMERAL_MIN);
  l3_bed_run (bed, 0);
  g_assert_cmpuint (app.readable, >=, 1);
  /* cut to the buffer, as BSD does: the rest of the datagram is lost */
  g_assert_cmpint (wl_socket_recvfrom (b, buf, 5, &from, &port, NULL), ==, 5);
  g_assert_cmpmem (buf, 5, "hello", 5);
  g_assert_cmpuint (from, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (port, ==, wl_socket_get_local_port (a));
  g_assert_cmpint (wl_socket_recvfrom (b, buf, sizeof buf, NULL, NULL, NULL), ==, 6);
  g_assert_cmpmem (buf, 6, "second", 6);
  g_assert_cmpint (wl_socket_recvfrom (b, buf, sizeof buf, NULL, NULL, NULL), ==, -1);
  /* and back to a */
  g_assert_true (wl_socket_sendto (b, (const guint8 *) "reply", 5, from, port, NULL));
  l3_bed_run (bed, 0);
  g_assert_cmpint (wl_socket_recvfrom (a, buf, sizeof buf, &from, &port, NULL), ==, 5);
  g_assert_cmpuint (from, ==, l3_ip ("10.0.0.2"));
  g_assert_cmpuint (port, ==, 9000);
  wl_socket_close (a);
  wl_socket_close (b);
  wl_socket_close (c);
  /* the port is free again */
  g_assert_false (wl_udp_is_bound (l3_bed_stack (bed, "PC2"), 9000));
}

/* Events come through the queue: a connect() call returns before CONNECTED is delivered. */
static void
test_events_deferred (void)
{
  TcpFix f;
  const WlTraceEvent *connect_note, *close_note, *syn, *fin;
  g_autofree char *call = NULL;
  g_autoptr (GPtrArray) frames = NULL;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_assert_cmpuint (f.app.connected, ==, 1);
  g_assert_cmpint (wl_socket_send (f.app.sock, (const guint8 *) "abc", 3, NULL), ==, 3);
  tcp_step (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  connect_note = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_SOCKET, 0, 0);
  close_note = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_SOCKET, 0, 1);
  call = l3_arg (connect_note, "call");
  g_assert_cmpstr (call, ==, "connect");
  g_assert_cmpstr (connect_note->args, ==, "call=connect conn=10.0.0.1:40000-10.0.0.9:80");
  g_assert_cmpstr (close_note->args, ==,
                   "call=close conn=10.0.0.1:40000-10.0.0.9:80 sent=3 received=0");
  /* "why was this SYN sent?" — connect(); "why this FIN?" — close() */
  frames = l3_ip_frames (f.bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_TCP);
  syn = g_ptr_array_index (frames, 0);
  fin = g_ptr_array_index (frames, frames->len - 1);
  g_assert_cmpuint (syn->frame[L3_L4 + WL_TCP_OFF_FLAGS], ==, WL_TCP_SYN);
  g_assert_true (l3_caused_by (f.bed, syn, connect_note->id));
  tcp_step (&f);
  g_clear_pointer (&frames, g_ptr_array_unref);
  frames = l3_ip_frames (f.bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_TCP);
  fin = g_ptr_array_index (frames, frames->len - 1);
  g_assert_cmpuint (fin->frame[L3_L4 + WL_TCP_OFF_FLAGS], ==, WL_TCP_FIN | WL_TCP_ACK);
  g_assert_true (l3_caused_by (f.bed, fin, close_note->id));
  tcp_fix_clear (&f);
}

static void
assert_nc_error (const char *line,
                 const char *fragment)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (wl_stack_check_command (line, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s”: message “%s” lacks “%s”", line, error->message, fragment);
}

static void
test_nc_command_line (void)
{
  const char *good[] = {
    "nc -l 5001", "nc -l -p 5001", "nc -lk 5001" /* rejected below: -lk is not split */,
    NULL,
  };

  g_assert_true (wl_stack_check_command (good[0], NULL));
  g_assert_true (wl_stack_check_command (good[1], NULL));
  g_assert_true (wl_stack_check_command ("nc -l -k -r 1000 80", NULL));
  g_assert_true (wl_stack_check_command ("nc -l -r1000 80", NULL));
  g_assert_true (wl_stack_check_command ("nc 10.0.0.2 80 -n 102400", NULL));
  g_assert_true (wl_stack_check_command ("nc -n 5 -p 4000 10.0.0.2 80", NULL));
  g_assert_true (wl_stack_check_command ("nc 10.0.0.2 80", NULL));
  assert_nc_error (good[2], "-lk");
  assert_nc_error ("nc -l", "nc -l [-k] [-r RATE] PORT");
  assert_nc_error ("nc -l 0", "“0”");
  assert_nc_error ("nc -l 65536", "“65536”");
  assert_nc_error ("nc -l 80 -n 5", "nc -l [-k]");
  assert_nc_error ("nc 10.0.0.2", "HOST PORT");
  assert_nc_error ("nc 10.0.0.2 80 -k", "HOST PORT");
  assert_nc_error ("nc www.lab.test 80", "“www.lab.test”");
  assert_nc_error ("nc 10.0.0.2 80 -n -1", "“-1”");
  assert_nc_error ("nc 10.0.0.2 80 -n", "nc: “”");
  assert_nc_error ("nc 10.0.0.2 80 -n 1000000001", "“1000000001”");
  assert_nc_error ("nc -l 80 -r 5", "“5”");
  assert_nc_error ("nc -x 10.0.0.2 80", "“-x”");
}

/* The pattern nc sends: lines of 63 characters and a newline, the same on every run. */
static void
test_nc_pattern (void)
{
  g_assert_cmpuint (wl_nc_pattern (0), ==, 'a');
  g_assert_cmpuint (wl_nc_pattern (1), ==, 'b');
  g_assert_cmpuint (wl_nc_pattern (63), ==, '\n');
  g_assert_cmpuint (wl_nc_pattern (64), ==, 'b');  /* each line starts one letter later */
  g_assert_cmpuint (wl_nc_pattern (127), ==, '\n');
}

/* nc end to end in a lab: the sink counts exactly what the source sent, checks every byte,
 * and both sides close. */
static void
test_nc_transfer (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  const WlTraceEvent *console;
  g_autoptr (GPtrArray) socket_notes = NULL;
  g_autofree char *states = NULL;
  gboolean counted = FALSE;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, 0, "PC2", "nc -l 5001");
  l3_action (lab, WL_S, "PC1", "nc 10.0.0.2 5001 -n 250000");
  l3_action (lab, 2 * WL_S, "PC1", "nc 10.0.0.2 5002 -n 10");  /* nobody listens */
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  console = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 1, 0);
  g_assert_nonnull (console);
  g_assert_true (g_str_has_prefix (console->args, "nc: 250000 bytes received from 10.0.0.1 "));
  g_assert_null (strstr (console->args, "differ"));
  socket_notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_SOCKET, 1);
  for (guint i = 0; i < socket_notes->len; i++)
    counted |= strstr (((const WlTraceEvent *) g_ptr_array_index (socket_notes, i))->args,
                       "sent=0 received=250000") != NULL;
  g_assert_true (counted);
  /* the second nc is refused: real nc's message */
  console = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 0, 0);
  g_assert_nonnull (console);
  g_assert_cmpstr (console->args, ==,
                   "nc: connect to 10.0.0.2 port 5002 (tcp) failed: Connection refused");
  /* every connection ended, and none is left */
  g_assert_cmpuint (l3_bed_stack (bed, "PC1")->tcp.pcbs->len, ==, 0);
  g_assert_cmpuint (l3_bed_stack (bed, "PC2")->tcp.pcbs->len, ==, 0);
  states = tcp_states (bed, 1, "10.0.0.2:5001-10.0.0.1:");
  g_assert_cmpstr (states, ==, "LISTEN>SYN_RECEIVED SYN_RECEIVED>ESTABLISHED "
                               "ESTABLISHED>CLOSE_WAIT CLOSE_WAIT>LAST_ACK LAST_ACK>CLOSED");
}

/* nc serves one connection, as the real one; with -k it goes on listening. */
static void
run_two_clients (const char *listen_cmd,
                 L3Bed     **out)
{
  g_autoptr (WlLab) lab = wl_lab_new ();

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, 0, "PC2", listen_cmd);
  l3_action (lab, WL_S, "PC1", "nc 10.0.0.2 5001 -n 1000");
  l3_action (lab, 2 * WL_S, "PC1", "nc 10.0.0.2 5001 -n 2000");
  *out = l3_bed_new (lab, 1);
  l3_bed_run (*out, 0);
}

static void
test_nc_keep (void)
{
  g_autoptr (L3Bed) once = NULL;
  g_autoptr (L3Bed) keep = NULL;
  const WlTraceEvent *line;

  run_two_clients ("nc -l 5001", &once);
  g_assert_cmpuint (l3_count (once, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 1), ==, 1);
  line = l3_nth (once, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 0, 0);
  g_assert_nonnull (line);
  g_assert_cmpstr (line->args, ==,
                   "nc: connect to 10.0.0.2 port 5001 (tcp) failed: Connection refused");

  run_two_clients ("nc -l -k 5001", &keep);
  g_assert_cmpuint (l3_count (keep, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 0), ==, 0);
  g_assert_true (g_str_has_prefix (l3_nth (keep, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 1, 0)->args,
                                   "nc: 1000 bytes received"));
  g_assert_true (g_str_has_prefix (l3_nth (keep, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 1, 1)->args,
                                   "nc: 2000 bytes received"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/tcp/socket/udp", test_udp);
  g_test_add_func ("/engine/tcp/socket/events-deferred", test_events_deferred);
  g_test_add_func ("/engine/tcp/socket/nc-command-line", test_nc_command_line);
  g_test_add_func ("/engine/tcp/socket/nc-pattern", test_nc_pattern);
  g_test_add_func ("/engine/tcp/socket/nc-transfer", test_nc_transfer);
  g_test_add_func ("/engine/tcp/socket/nc-keep-listening", test_nc_keep);
  return g_test_run ();
}
