/* Command lines of hosts and routers: what parses to what, and the error for each kind of
 * mistake, naming the text at fault. */
#include "config.h"

#include <string.h>

#include "l3-test.h"

static void
test_valid (void)
{
  WlCommand cmd;
  g_autoptr (GError) error = NULL;

  g_assert_true (wl_command_parse ("ping 10.0.0.2", &cmd, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cmd.kind, ==, WL_COMMAND_PING);
  g_assert_cmpuint (cmd.ping.target, ==, l3_ip ("10.0.0.2"));
  g_assert_cmpuint (cmd.ping.count, ==, 4);
  g_assert_cmpuint (cmd.ping.size, ==, 56);
  g_assert_cmpuint (cmd.ping.interval, ==, WL_S);
  g_assert_cmpuint (cmd.ping.ttl, ==, 64);
  g_assert_cmpuint (cmd.ping.timeout, ==, 10 * WL_S);
  g_assert_false (cmd.ping.df);

  g_assert_true (wl_command_parse ("ping -c 3 -s1400 -i 0.2 -t 5 -W 2.5 -M do -n 10.0.0.2",
                                   &cmd, &error));
  g_assert_cmpuint (cmd.ping.count, ==, 3);
  g_assert_cmpuint (cmd.ping.size, ==, 1400);
  g_assert_cmpuint (cmd.ping.interval, ==, 200 * WL_MS);
  g_assert_cmpuint (cmd.ping.ttl, ==, 5);
  g_assert_cmpuint (cmd.ping.timeout, ==, 2500 * WL_MS);
  g_assert_true (cmd.ping.df);

  /* Options after the target, and quotes, as a shell allows. */
  g_assert_true (wl_command_parse ("ping '10.0.0.9' -c 2 -M dont", &cmd, &error));
  g_assert_cmpuint (cmd.ping.target, ==, l3_ip ("10.0.0.9"));
  g_assert_cmpuint (cmd.ping.count, ==, 2);
  g_assert_false (cmd.ping.df);

  g_assert_true (wl_command_parse ("traceroute -m 5 -q 1 -w .5 10.0.0.2", &cmd, &error));
  g_assert_cmpint (cmd.kind, ==, WL_COMMAND_TRACE);
  g_assert_cmpint (cmd.trace.method, ==, WL_TRACE_UDP);
  g_assert_cmpuint (cmd.trace.max_hops, ==, 5);
  g_assert_cmpuint (cmd.trace.probes, ==, 1);
  g_assert_cmpuint (cmd.trace.wait, ==, 500 * WL_MS);

  g_assert_true (wl_command_parse ("tracert -d -h 10 -w 750 10.0.0.2", &cmd, &error));
  g_assert_cmpint (cmd.trace.method, ==, WL_TRACE_ICMP);
  g_assert_cmpuint (cmd.trace.max_hops, ==, 10);
  g_assert_cmpuint (cmd.trace.probes, ==, 3);
  g_assert_cmpuint (cmd.trace.wait, ==, 750 * WL_MS);
  g_assert_true (wl_command_parse ("traceroute 10.0.0.2", &cmd, &error));
  g_assert_cmpuint (cmd.trace.max_hops, ==, 30);
  g_assert_cmpuint (cmd.trace.wait, ==, 5 * WL_S);
}

static void
test_errors (void)
{
  static const struct
  {
    const char *line;
    const char *names;  /* the message must contain this */
  } bad[] = {
    { "pong 10.0.0.2", "“pong”" },
    { "ping -x 10.0.0.2", "“-x”" },
    { "ping -c abc 10.0.0.2", "“abc”" },
    { "ping -c 0 10.0.0.2", "“0”" },
    { "ping -c 10001 10.0.0.2", "“10001”" },
    { "ping -s 65508 10.0.0.2", "“65508”" },
    { "ping -t 256 10.0.0.2", "“256”" },
    { "ping -i 0 10.0.0.2", "“0”" },
    { "ping -i 1.0000000001 10.0.0.2", "“1.0000000001”" },
    { "ping -W -1 10.0.0.2", "“-1”" },
    { "ping -M maybe 10.0.0.2", "“maybe”" },
    { "ping 300.1.1.1", "“300.1.1.1”" },
    { "ping 10.0.0", "“10.0.0”" },
    { "ping www.example.com", "“www.example.com”" },
    { "ping 0.0.0.0", "“0.0.0.0”" },
    { "ping", "destination" },
    { "ping -c", "“-c”" },
    { "ping 10.0.0.1 10.0.0.2", "“10.0.0.2”" },
    { "traceroute -q 11 10.0.0.2", "“11”" },
    { "traceroute -h 5 10.0.0.2", "“-h”" },
    { "tracert -m 5 10.0.0.2", "“-m”" },
    { "tracert -w 0.5 10.0.0.2", "“0.5”" },
    { "ping 'unterminated", "unterminated" },
    { "", "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      WlCommand cmd;

      g_assert_false (wl_command_parse (bad[i].line, &cmd, &error));
      g_assert_error (error, WL_LAB_ERROR, (gint) WL_LAB_ERROR_INVALID);
      if (strstr (error->message, bad[i].names) == NULL)
        g_error ("“%s” gave “%s”, which does not mention %s", bad[i].line, error->message,
                 bad[i].names);
      /* check_command gives the same answer without running anything. */
      g_clear_error (&error);
      g_assert_false (wl_stack_check_command (bad[i].line, &error));
      g_assert_nonnull (error);
    }
}

/* The network refuses a lab whose scenario has a bad command, before anything runs. */
static void
test_network_checks (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WlTraceMemory) mem = wl_trace_memory_new ();
  WlNetwork *net;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_router (lab, "R1", "10.0.0.254/24", "10.0.1.254/24");
  l3_action (lab, WL_S, "R1", "traceroute 10.0.0.1");  /* routers take commands too */
  l3_action (lab, WL_S, "PC1", "ping -c 2 10.0.0.300");
  net = wl_network_new (lab, 1, &mem->parent, &error);
  g_assert_null (net);
  g_assert_error (error, WL_LAB_ERROR, (gint) WL_LAB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PC1"));
  g_assert_nonnull (strstr (error->message, "10.0.0.300"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/commands/valid", test_valid);
  g_test_add_func ("/engine/l3/commands/errors", test_errors);
  g_test_add_func ("/engine/l3/commands/network-checks", test_network_checks);
  return g_test_run ();
}
