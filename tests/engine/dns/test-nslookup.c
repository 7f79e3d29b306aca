/* test-nslookup.c — nslookup on a host: its command line, what it prints (as BIND 9.18's
 * nslookup prints it on Linux), and the stub resolver under it (retries, ICMP errors, a
 * given server that bypasses the cache).
 */
#include "config.h"

#include <string.h>

#include "dns-test.h"

static char *
console_of (const char *device,
            const char *command,
            WlTime      until)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;

  l3_action (lab, WL_S, device, command);
  bed = dns_bed_new (lab, 1, NULL);
  l3_bed_run (bed, until);
  return dns_console (bed, device);
}

static void
assert_console (const char *command,
                const char *expected)
{
  g_autofree char *got = console_of ("PC1", command, 0);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_parse (void)
{
  static const char *const good[] = {
    "nslookup www.lab.test", "nslookup -type=mx lab.test 10.0.0.3", "nslookup -q=NS lab.test",
    "nslookup -query=TYPE99 x.lab.test", "nslookup 10.0.0.80", "nslookup .", NULL,
  };
  static const struct
  {
    const char *line;
    const char *needle;
  } bad[] = {
    { "nslookup", "interactive" },
    { "nslookup -type=XYZ a.test", "-type=XYZ" },
    { "nslookup -port=53 a.test", "-port=53" },
    { "nslookup a.test ns1.lab.test", "ns1.lab.test" },
    { "nslookup a.test 10.0.0.1 more", "more" },
    { "nslookup a..test", "empty label" },
  };

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_true (wl_stack_check_command (good[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (wl_stack_check_command (bad[i].line, &error));
      g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_true (strstr (error->message, bad[i].needle) != NULL);
    }
}

/* Asked directly, the authoritative server answers with AA: no "Non-authoritative" line. */
static void
test_authoritative (void)
{
  assert_console ("nslookup www.lab.test 10.0.0.3",
                  "Server:\t\t10.0.0.3\nAddress:\t10.0.0.3#53\n\n"
                  "www.lab.test\tcanonical name = web.lab.test.\n"
                  "Name:\tweb.lab.test\nAddress: 10.0.0.80\n");
}

static void
test_mx (void)
{
  assert_console ("nslookup -type=MX lab.test",
                  "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\n"
                  "Non-authoritative answer:\nlab.test\tmail exchanger = 10 mail.lab.test.\n\n"
                  "Authoritative answers can be found from:\n");
}

static void
test_soa (void)
{
  assert_console ("nslookup -type=SOA lab.test 10.0.0.3",
                  "Server:\t\t10.0.0.3\nAddress:\t10.0.0.3#53\n\n"
                  "lab.test\n\torigin = ns1.lab.test\n\tmail addr = hostmaster.lab.test\n"
                  "\tserial = 2024010101\n\trefresh = 3600\n\tretry = 600\n\texpire = 86400\n"
                  "\tminimum = 300\n");
}

static void
test_nodata (void)
{
  assert_console ("nslookup -type=MX web.lab.test 10.0.0.3",
                  "Server:\t\t10.0.0.3\nAddress:\t10.0.0.3#53\n\n"
                  "*** Can't find web.lab.test: No answer\n");
}

/* An address is looked up in reverse; AUTH has no in-addr.arpa zone and refuses. */
static void
test_reverse (void)
{
  assert_console ("nslookup 10.0.0.80 10.0.0.3",
                  "Server:\t\t10.0.0.3\nAddress:\t10.0.0.3#53\n\n"
                  "** server can't find 80.0.0.10.in-addr.arpa: REFUSED\n");
}

/* Nothing listens on PC2's port 53: ICMP port unreachable, at once. */
static void
test_refused (void)
{
  assert_console ("nslookup www.lab.test 10.0.0.11",
                  ";; communications error to 10.0.0.11#53: connection refused\n"
                  ";; no servers could be reached\n");
}

/* Nobody at that address: ARP gives up after 3 requests and the stack reports the host
 * unreachable to the stub, as Linux reports EHOSTUNREACH to the socket. */
static void
test_unreachable (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autofree char *console = NULL, *status = NULL;
  const WlTraceEvent *answer;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test 10.0.0.77");
  bed = dns_bed_new (lab, 1, NULL);
  l3_bed_run (bed, 0);
  console = dns_console (bed, "PC1");
  g_assert_cmpstr (console, ==, ";; communications error to 10.0.0.77#53: host unreachable\n"
                                ";; no servers could be reached\n");
  answer = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, l3_bed_index (bed, "PC1"), 0);
  status = l3_arg (answer, "status");
  g_assert_cmpstr (status, ==, "unreachable");
}

/* The stub gives up before the resolver does: lab.test's server (10.0.0.99 in TLD's glue) does
 * not exist, and the resolver takes 2 s to say SERVFAIL; the stub waits 800 ms twice. */
static L3Bed *
slow_lab (const char *stub_timeout)
{
  static const char *const skip[] = { "TLD", "PC1", NULL };
  static const char *const tld[] = {
    "zone=test", "records=@ NS ns;ns A 10.0.0.2;lab NS ns1.lab;ns1.lab A 10.0.0.99", NULL,
  };
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (WlDnsServerConfig) cfg = dns_server_config (tld);
  g_autoptr (GError) error = NULL;
  g_autofree char *timeout = g_strconcat ("timeout=", stub_timeout, NULL);
  const char *const stub_settings[] = { "server=10.0.0.53", timeout, NULL };
  WlDnsStubConfig stub;
  L3Bed *bed;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  bed = dns_bed_new (lab, 1, skip);
  g_assert_true (wl_dns_server_start (l3_bed_stack (bed, "TLD"), cfg, &error));
  wl_dns_stub_config_init (&stub);
  g_assert_true (wl_dns_stub_config_parse (&stub, stub_settings, &error));
  wl_dns_stub_start (l3_bed_stack (bed, "PC1"), &stub);
  l3_bed_run (bed, 0);
  dns_dump (bed);
  return bed;
}

static void
test_timeout (void)
{
  g_autoptr (L3Bed) bed = slow_lab ("800ms");
  g_autofree char *console = dns_console (bed, "PC1");
  gint pc1 = l3_bed_index (bed, "PC1");
  const WlTraceEvent *answer = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, pc1, 0);
  g_autofree char *status = l3_arg (answer, "status");

  g_assert_cmpstr (console, ==, ";; communications error to 10.0.0.53#53: timed out\n"
                                ";; communications error to 10.0.0.53#53: timed out\n"
                                ";; no servers could be reached\n");
  g_assert_cmpstr (status, ==, "timeout");
  g_assert_cmpuint (answer->time, ==, WL_S + 1600 * WL_MS);
  g_assert_cmpuint (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_QUERY, pc1, 1)->time, ==,
                    WL_S + 800 * WL_MS);
}

/* A host whose stub has no server: the lab gives PC1 no DNS server. */
static void
test_no_server (void)
{
  static const char *const skip[] = { "PC1", NULL };
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autofree char *console = NULL;

  wl_lab_get_device (lab, (guint) wl_lab_find_device (lab, "PC1"))->dns = 0;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  bed = dns_bed_new (lab, 1, skip);
  l3_bed_run (bed, 0);
  console = dns_console (bed, "PC1");
  g_assert_cmpstr (console, ==, ";; no servers could be reached\n");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, l3_bed_index (bed, "PC1")),
                    ==, 0);
}

/* "nslookup NAME SERVER" asks that server even when the stub has the answer cached. */
static void
test_server_bypasses_cache (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, 2 * WL_S, "PC1", "nslookup www.lab.test 10.0.0.53");
  l3_action (lab, 3 * WL_S, "PC1", "nslookup www.lab.test");
  bed = dns_bed_new (lab, 1, NULL);
  l3_bed_run (bed, 0);
  g_assert_cmpuint (dns_count_queries (bed, "PC1", "10.0.0.53"), ==, 2);
}

/* The stub retransmits after its timeout with the same id and port; the resolver, still
 * waiting for lab.test's unreachable server, drops the repeat and answers once. */
static void
test_retry (void)
{
  g_autoptr (L3Bed) bed = slow_lab ("1500ms");
  g_autoptr (GPtrArray) pc1 = dns_sent (bed, "PC1");
  g_autoptr (GPtrArray) res = dns_sent (bed, "RES");
  g_autofree char *console = dns_console (bed, "PC1");
  const DnsSeen *a, *b;
  guint to_pc1 = 0;

  g_assert_cmpuint (pc1->len, ==, 2);
  a = g_ptr_array_index (pc1, 0);
  b = g_ptr_array_index (pc1, 1);
  g_assert_cmpuint (a->msg->id, ==, b->msg->id);
  g_assert_cmpuint (a->sport, ==, b->sport);
  /* the first frame waited for ARP, the second did not: the notes say when each was sent */
  g_assert_cmpuint (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_QUERY, l3_bed_index (bed, "PC1"),
                            1)->time, ==, WL_S + 1500 * WL_MS);
  g_assert_cmpuint (b->ev->time - a->ev->time, <, 1500 * WL_MS + WL_MS);
  for (guint i = 0; i < res->len; i++)
    to_pc1 += ((DnsSeen *) g_ptr_array_index (res, i))->dst == l3_ip ("10.0.0.10");
  g_assert_cmpuint (to_pc1, ==, 1);
  g_assert_true (strstr (console, "** server can't find www.lab.test: SERVFAIL") != NULL);
}

static void
test_stub_settings (void)
{
  WlDnsStubConfig cfg;
  g_autoptr (GError) error = NULL;
  const char *const bad[] = { "server=10.0.0.300", NULL };
  const char *const bad_key[] = { "servers=10.0.0.1", NULL };
  const char *const good[] = { "server=10.0.0.1", "attempts=3", "timeout=2s", "cache-size=10",
                               NULL };

  wl_dns_stub_config_init (&cfg);
  g_assert_true (wl_dns_stub_config_parse (&cfg, good, &error));
  g_assert_cmpuint (cfg.attempts, ==, 3);
  g_assert_cmpuint (cfg.timeout, ==, 2 * WL_S);
  g_assert_false (wl_dns_stub_config_parse (&cfg, bad, &error));
  g_assert_true (strstr (error->message, "server=10.0.0.300") != NULL);
  g_clear_error (&error);
  g_assert_false (wl_dns_stub_config_parse (&cfg, bad_key, &error));
  g_assert_true (strstr (error->message, "servers") != NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dns/nslookup/parse", test_parse);
  g_test_add_func ("/engine/dns/nslookup/authoritative", test_authoritative);
  g_test_add_func ("/engine/dns/nslookup/mx", test_mx);
  g_test_add_func ("/engine/dns/nslookup/soa", test_soa);
  g_test_add_func ("/engine/dns/nslookup/nodata", test_nodata);
  g_test_add_func ("/engine/dns/nslookup/reverse", test_reverse);
  g_test_add_func ("/engine/dns/nslookup/refused", test_refused);
  g_test_add_func ("/engine/dns/nslookup/unreachable", test_unreachable);
  g_test_add_func ("/engine/dns/nslookup/timeout", test_timeout);
  g_test_add_func ("/engine/dns/nslookup/no-server", test_no_server);
  g_test_add_func ("/engine/dns/nslookup/server-bypasses-cache", test_server_bypasses_cache);
  g_test_add_func ("/engine/dns/nslookup/retry", test_retry);
  g_test_add_func ("/engine/dns/nslookup/stub-settings", test_stub_settings);
  return g_test_run ();
}
