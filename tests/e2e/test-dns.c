/* End to end: the DNS sample lab through wirelab-cli, tshark as the oracle. */
#include "config.h"

#include <string.h>

#include "e2e-util.h"

static char *
rows_joined (const char *pcap, const char *filter, const char *const *fields)
{
  g_autoptr (GPtrArray) rows = tshark_rows (pcap, filter, fields);

  g_ptr_array_add (rows, NULL);
  return g_strjoinv ("|", (char **) rows->pdata);
}

static void
test_dns_iteration (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("11-dns-iteration.lab");
  g_autofree char *lab = g_build_filename (dir, "dns.wirelab", NULL);
  g_autofree char *res = g_build_filename (dir, "resolver.pcap", NULL);
  g_autofree char *asked = NULL, *answers = NULL;
  const char *dst[] = { "ip.dst", "dns.qry.name", "dns.qry.type", NULL };
  const char *ans[] = { "ip.dst", "dns.flags.rcode", "dns.cname", "dns.a", NULL };
  g_auto (CmdResult) n = { 0 }, r = { 0 }, e = { 0 }, ev = { 0 };

  run_cli_ok (&n, "new", lab, "--from", text, NULL);
  run_cli_ok (&r, "run", lab, "--until", "30s", NULL);
  run_cli_ok (&e, "export", lab, "--pcap", res, "--iface", "RESOLVER:eth0", NULL);
  assert_pcap_clean (res);

  /* the resolver iterates: root, then test., then lab.test.; later questions about lab.test
   * go straight to its server (the referral was cached); PC2's question at 4 s needs none */
  asked = rows_joined (res, "dns.flags.response == 0 && ip.src == 10.0.0.53", dst);
  g_assert_cmpstr (asked, ==,
                   "10.0.0.1\twww.lab.test\t1|10.0.0.2\twww.lab.test\t1|"
                   "10.0.0.3\twww.lab.test\t1|10.0.0.3\tlab.test\t15|"
                   "10.0.0.3\tnothere.lab.test\t1");
  /* … asking without recursion, as resolvers do */
  g_assert_cmpuint (tshark_count (res, "dns.flags.response == 0 && ip.src == 10.0.0.53 && "
                                       "dns.flags.recdesired == 0"),
                    ==, 5);
  /* referrals are not authoritative; the lab.test server's answers are */
  g_assert_cmpuint (tshark_count (res, "dns.flags.response == 1 && ip.src == 10.0.0.1 && "
                                       "dns.flags.authoritative == 0 && dns.count.auth_rr == 1"),
                    ==, 1);
  g_assert_cmpuint (tshark_count (res, "dns.flags.response == 1 && ip.src == 10.0.0.3 && "
                                       "dns.flags.authoritative == 1"),
                    ==, 3);
  /* what the PCs are told: recursion available, not authoritative; the CNAME and the address;
   * NXDOMAIN (rcode 3) with the SOA in authority */
  answers = rows_joined (res, "dns.flags.response == 1 && ip.src == 10.0.0.53 && "
                              "dns.flags.recavail == 1 && dns.flags.authoritative == 0", ans);
  g_assert_cmpstr (answers, ==,
                   "10.0.0.10\t0\tweb.lab.test\t10.0.0.80|10.0.0.10\t0\t\t|"
                   "10.0.0.10\t3\t\t|10.0.0.11\t0\tweb.lab.test\t10.0.0.80");
  g_assert_cmpuint (tshark_count (res, "dns.flags.rcode == 3 && dns.soa.mname"), ==, 2);
  g_assert_cmpuint (tshark_count (res, "dns.mx.mail_exchange == \"mail.lab.test\""), >=, 2);
  /* PC2's answer came from the cache, and nslookup printed it */
  run_cli_ok (&ev, "events", lab, "--device", "PC2", NULL);
  g_assert_nonnull (strstr (ev.out, "Address: 10.0.0.80"));
  g_clear_pointer (&ev.out, g_free);
  g_clear_pointer (&ev.err, g_free);
  run_cli_ok (&ev, "events", lab, "--device", "RESOLVER", NULL);
  g_assert_nonnull (strstr (ev.out, "answered www.lab.test CNAME from the cache"));
  e2e_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/dns/iteration", test_dns_iteration);
  return g_test_run ();
}
