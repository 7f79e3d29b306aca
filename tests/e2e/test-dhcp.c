/* End to end: the DHCP sample lab through wirelab-cli, tshark as the oracle. */
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
test_dhcp_sample (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("10-dhcp.lab");
  g_autofree char *lab = g_build_filename (dir, "dhcp.wirelab", NULL);
  g_autofree char *pc1 = g_build_filename (dir, "pc1.pcap", NULL);
  g_autofree char *pc2 = g_build_filename (dir, "pc2.pcap", NULL);
  g_autofree char *all = g_build_filename (dir, "all.pcap", NULL);
  g_autofree char *seq1 = NULL, *seq2 = NULL, *acks = NULL;
  const char *types[] = { "dhcp.option.dhcp", NULL };
  const char *yours[] = { "dhcp.hw.mac_addr", "dhcp.ip.your", NULL };
  g_auto (CmdResult) n = { 0 }, r = { 0 }, e1 = { 0 }, e2 = { 0 }, e3 = { 0 }, ev = { 0 };

  run_cli_ok (&n, "new", lab, "--from", text, NULL);
  /* leases renew forever: a DHCP run needs an end */
  run_cli_ok (&r, "run", lab, "--until", "60s", NULL);
  run_cli_ok (&e1, "export", lab, "--pcap", pc1, "--iface", "PC1:eth0", NULL);
  run_cli_ok (&e2, "export", lab, "--pcap", pc2, "--iface", "PC2:eth0", NULL);
  run_cli_ok (&e3, "export", lab, "--pcap", all, "--link", "L1", NULL);
  assert_pcap_clean (pc1);
  assert_pcap_clean (all);

  /* PC1's own exchange: DISCOVER, OFFER, REQUEST, ACK */
  seq1 = rows_joined (pc1, "dhcp.hw.mac_addr == 02:00:00:00:03:00", types);
  g_assert_cmpstr (seq1, ==, "1|2|3|5");
  /* PC2 releases at 30 s and asks again */
  seq2 = rows_joined (pc2, "dhcp.hw.mac_addr == 02:00:00:00:04:00", types);
  g_assert_cmpstr (seq2, ==, "1|2|3|5|7|1|2|3|5");
  /* what each client is given: pool order, and PC3's reservation */
  acks = rows_joined (all, "dhcp.option.dhcp == 5", yours);
  g_assert_cmpstr (acks, ==,
                   "02:00:00:00:03:00\t192.168.10.100|02:00:00:00:04:00\t192.168.10.101|"
                   "02:00:00:00:05:00\t192.168.10.50|02:00:00:00:04:00\t192.168.10.101");
  /* the options real clients and servers use */
  g_assert_cmpuint (tshark_count (all, "dhcp.option.dhcp == 1 && dhcp.option.request_list_item "
                                       "&& dhcp.option.type == 61"),
                    ==, 4);
  g_assert_cmpuint (tshark_count (all, "dhcp.option.dhcp == 2 && dhcp.option.dhcp_server_id == "
                                       "192.168.10.2 && dhcp.option.ip_address_lease_time == 3600 "
                                       "&& dhcp.option.subnet_mask == 255.255.255.0 && "
                                       "dhcp.option.router == 192.168.10.1"),
                    ==, 4);
  g_assert_cmpuint (tshark_count (all, "dhcp.option.dhcp == 3 && dhcp.option.requested_ip_address"),
                    ==, 4);
  /* every client probed its address with ARP (sender 0.0.0.0) before using it */
  g_assert_cmpuint (tshark_count (all, "arp.opcode == 1 && arp.src.proto_ipv4 == 0.0.0.0"), ==, 4);
  /* ipconfig shows what PC1 was given */
  run_cli_ok (&ev, "events", lab, "--device", "PC1", NULL);
  g_assert_nonnull (strstr (ev.out, "192.168.10.100"));
  g_assert_nonnull (strstr (ev.out, "DHCP client: requesting → bound"));
  /* PC2's console: each command after a prompt, and what ipconfig printed */
  {
    g_auto (CmdResult) con = { 0 };

    run_cli_ok (&con, "console", lab, "--device", "PC2", NULL);
    g_assert_true (g_str_has_prefix (con.out, "PC2> ipconfig /release\n"));
    g_assert_nonnull (strstr (con.out, "PC2> ipconfig /renew\n"));
    g_assert_nonnull (strstr (con.out, "IPv4 Address. . . . . . . . . . . : 192.168.10.101"));
  }
  e2e_rmdir (dir);
}

static char *
run_sample (const char *dir, const char *sample)
{
  g_autofree char *text = sample_lab (sample);
  char *lab = g_build_filename (dir, "lab.wirelab", NULL);
  g_auto (CmdResult) n = { 0 }, r = { 0 };

  run_cli_ok (&n, "new", lab, "--from", text, "--force", NULL);
  run_cli_ok (&r, "run", lab, "--until", "20s", NULL);
  return lab;
}

static char *
export_link (const char *dir, const char *lab, const char *link)
{
  char *pcap = g_strdup_printf ("%s/%s.pcap", dir, link);
  g_auto (CmdResult) e = { 0 };

  run_cli_ok (&e, "export", lab, "--pcap", pcap, "--link", link, NULL);
  assert_pcap_clean (pcap);
  return pcap;
}

static void
test_dhcp_relay (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *lab = run_sample (dir, "12-dhcp-relay.lab");
  g_autofree char *client_side = export_link (dir, lab, "L1");
  g_autofree char *server_side = export_link (dir, lab, "L3");
  g_autofree char *relayed = NULL;
  const char *fields[] = { "dhcp.option.dhcp", "ip.src", "ip.dst", "dhcp.ip.relay", "dhcp.hops",
                           NULL };

  /* between relay and server: unicast, giaddr = the relay's client-side address, hops 1 */
  relayed = rows_joined (server_side, "dhcp", fields);
  g_assert_cmpstr (relayed, ==,
                   "1\t10.0.9.1\t10.0.9.5\t192.168.20.1\t1|"
                   "2\t10.0.9.5\t192.168.20.1\t192.168.20.1\t0|"
                   "3\t10.0.9.1\t10.0.9.5\t192.168.20.1\t1|"
                   "5\t10.0.9.5\t192.168.20.1\t192.168.20.1\t0");
  /* on the client's segment the client broadcasts and gets an address from the right pool */
  g_assert_cmpuint (tshark_count (client_side, "dhcp.option.dhcp == 1 && ip.dst == 255.255.255.255"),
                    ==, 1);
  g_assert_cmpuint (tshark_count (client_side, "dhcp.option.dhcp == 5 && dhcp.ip.your == "
                                               "192.168.20.100 && dhcp.option.router == "
                                               "192.168.20.1"),
                    ==, 1);
  /* and with it PC1 reaches the server across the router */
  g_assert_cmpuint (tshark_count (client_side, "icmp.type == 0 && ip.src == 10.0.9.5 && "
                                               "ip.ttl == 63"),
                    ==, 2);
  e2e_rmdir (dir);
}

static void
test_dhcp_two_servers (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *lab = run_sample (dir, "13-dhcp-two-servers.lab");
  g_autofree char *pc = export_link (dir, lab, "L3");
  g_autofree char *seq = NULL;
  const char *fields[] = { "dhcp.option.dhcp", "dhcp.option.dhcp_server_id", "dhcp.ip.your",
                           NULL };
  g_auto (CmdResult) ev = { 0 };

  /* two offers; the request names the first server; only that one acknowledges */
  seq = rows_joined (pc, "dhcp", fields);
  g_assert_cmpstr (seq, ==,
                   "1\t\t0.0.0.0|2\t192.168.30.2\t192.168.30.100|"
                   "2\t192.168.30.3\t192.168.30.150|3\t192.168.30.2\t0.0.0.0|"
                   "5\t192.168.30.2\t192.168.30.100");
  /* the other server takes its offer back */
  run_cli_ok (&ev, "events", lab, "--device", "Server2", NULL);
  g_assert_nonnull (strstr (ev.out, "192.168.30.150 released"));
  e2e_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/dhcp/sample", test_dhcp_sample);
  g_test_add_func ("/e2e/dhcp/relay", test_dhcp_relay);
  g_test_add_func ("/e2e/dhcp/two-servers", test_dhcp_two_servers);
  return g_test_run ();
}
