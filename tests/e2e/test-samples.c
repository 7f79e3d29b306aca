/* End to end: each sample lab through wirelab-cli (new, run, export), with tshark as the
 * oracle for every field we check. */
#include "config.h"

#include <string.h>

#include "e2e-util.h"

typedef struct
{
  char *dir;
  char *lab;
} Fixture;

static void
fixture_run (Fixture *f, const char *sample)
{
  g_autofree char *text = sample_lab (sample);

  f->dir = e2e_tmpdir ();
  f->lab = make_and_run (f->dir, text, NULL);
}

static void
fixture_clear (Fixture *f)
{
  e2e_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->lab);
}

/* Exports a selection ("--link", "L1" or "--iface", "PC1:eth0" or NULL) and returns its path. */
static char *
export (Fixture *f, const char *opt, const char *value, const char *name)
{
  char *pcap = g_build_filename (f->dir, name, NULL);
  g_auto (CmdResult) r = { 0 };

  if (opt != NULL)
    run_cli_ok (&r, "export", f->lab, "--pcap", pcap, opt, value, NULL);
  else
    run_cli_ok (&r, "export", f->lab, "--pcap", pcap, NULL);
  assert_pcap_clean (pcap);
  return pcap;
}

/* The rows of fields for filter, joined into one string "r1|r2|…" for easy comparison. */
static char *
rows_joined (const char *pcap, const char *filter, const char *const *fields)
{
  g_autoptr (GPtrArray) rows = tshark_rows (pcap, filter, fields);

  g_ptr_array_add (rows, NULL);
  return g_strjoinv ("|", (char **) rows->pdata);
}

static guint
count_lines_containing (const char *text, const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

static void
test_hub_ping (void)
{
  Fixture f = { 0 };
  const char *fields[] = { "arp.opcode", "icmp.type", NULL };
  g_autofree char *l1 = NULL, *pc3 = NULL, *all = NULL, *seq = NULL;
  g_auto (CmdResult) ev = { 0 };

  fixture_run (&f, "01-hub-ping.lab");
  all = export (&f, NULL, NULL, "all.pcap");
  l1 = export (&f, "--link", "L1", "l1.pcap");
  /* PC1's cable: ARP request and reply, then three echo requests each answered */
  seq = rows_joined (l1, "arp || icmp", fields);
  g_assert_cmpstr (seq, ==, "1\t|2\t|\t8|\t0|\t8|\t0|\t8|\t0");
  /* PC3 is on the same hub: it receives every one of those frames */
  pc3 = export (&f, "--iface", "PC3:eth0", "pc3.pcap");
  g_assert_cmpuint (tshark_count (pc3, ""), ==, 8);
  g_assert_cmpuint (tshark_count (pc3, "icmp.type == 8 && ip.dst == 192.168.1.20"), ==, 3);
  g_assert_cmpuint (tshark_count (pc3, "eth.src == 02:00:00:00:03:00"), ==, 0); /* PC3 is silent */
  /* … and its network card drops the 7 unicast frames that are not for it */
  run_cli_ok (&ev, "events", f.lab, "--device", "PC3", NULL);
  g_assert_cmpuint (count_lines_containing (ev.out, " dropped "), ==, 7);
  /* the ping arrives: echo replies at PC1 with TTL 64 (no router in between) */
  g_assert_cmpuint (tshark_count (l1, "icmp.type == 0 && ip.ttl == 64 && ip.src == 192.168.1.20"),
                    ==, 3);
  fixture_clear (&f);
}

static void
test_switch_learning (void)
{
  Fixture f = { 0 };
  g_autofree char *l2 = NULL, *l3 = NULL, *l4 = NULL;
  g_auto (CmdResult) ev = { 0 };

  fixture_run (&f, "02-switch-learning.lab");
  l2 = export (&f, "--link", "L2", "l2.pcap");
  l3 = export (&f, "--link", "L3", "l3.pcap");
  l4 = export (&f, "--link", "L4", "l4.pcap");
  /* the first ARP request is a broadcast: flooded to PC2 and PC4 too … */
  g_assert_cmpuint (tshark_count (l2, ""), ==, 1);
  g_assert_cmpuint (tshark_count (l2, "arp.opcode == 1 && eth.dst == ff:ff:ff:ff:ff:ff"), ==, 1);
  g_assert_cmpuint (tshark_count (l4, ""), ==, 1);
  /* … but every unicast reaches only the target's cable */
  g_assert_cmpuint (tshark_count (l3, "arp.opcode == 2"), ==, 1);
  g_assert_cmpuint (tshark_count (l3, "icmp.type == 8"), ==, 2);
  g_assert_cmpuint (tshark_count (l3, "icmp.type == 0"), ==, 2);
  g_assert_cmpuint (tshark_count (l2, "icmp || arp.opcode == 2"), ==, 0);
  /* the switch says why: it learned PC1 and PC3 */
  run_cli_ok (&ev, "events", f.lab, "--device", "Switch1", NULL);
  g_assert_nonnull (strstr (ev.out, "learned 02:00:00:00:01:00 on port p1"));
  g_assert_nonnull (strstr (ev.out, "learned 02:00:00:00:03:00 on port p3"));
  fixture_clear (&f);
}

static void
test_router_ping (void)
{
  Fixture f = { 0 };
  g_autofree char *l1 = NULL, *l4 = NULL;
  const char *ttl[] = { "ip.ttl", NULL };
  g_autofree char *ttls = NULL;

  fixture_run (&f, "03-router-ping.lab");
  l1 = export (&f, "--link", "L1", "l1.pcap");
  l4 = export (&f, "--link", "L4", "l4.pcap");
  /* echo requests arrive at PC2 with TTL 63: R1 decremented it once */
  ttls = rows_joined (l4, "icmp.type == 8", ttl);
  g_assert_cmpstr (ttls, ==, "63|63|63");
  /* and leave PC1 with TTL 64 */
  g_free (ttls);
  ttls = rows_joined (l1, "icmp.type == 8", ttl);
  g_assert_cmpstr (ttls, ==, "64|64|64");
  /* ARP happens once per segment: PC1 asks for its gateway, R1 asks for PC2 */
  g_assert_cmpuint (tshark_count (l1, "arp.opcode == 1"), ==, 1);
  g_assert_cmpuint (tshark_count (l1, "arp.opcode == 1 && arp.dst.proto_ipv4 == 10.0.1.1"), ==, 1);
  g_assert_cmpuint (tshark_count (l4, "arp.opcode == 1"), ==, 1);
  g_assert_cmpuint (tshark_count (l4, "arp.opcode == 1 && arp.src.proto_ipv4 == 10.0.2.1 && "
                                      "arp.dst.proto_ipv4 == 10.0.2.10"),
                    ==, 1);
  /* replies come back through the router: TTL 63 at PC1 */
  g_assert_cmpuint (tshark_count (l1, "icmp.type == 0 && ip.ttl == 63"), ==, 3);
  fixture_clear (&f);
}

static void
test_traceroute (void)
{
  Fixture f = { 0 };
  g_autofree char *l1 = NULL, *answers = NULL;
  const char *fields[] = { "ip.src", "icmp.type", "icmp.code", NULL };

  fixture_run (&f, "04-traceroute.lab");
  l1 = export (&f, "--link", "L1", "l1.pcap");
  /* time exceeded from each hop in turn (3 probes each), then port unreachable from PC2 */
  answers = rows_joined (l1, "icmp && eth.dst == 02:00:00:00:01:00", fields);
  g_assert_cmpstr (answers, ==,
                   "10.0.1.1\t11\t0|10.0.1.1\t11\t0|10.0.1.1\t11\t0|"
                   "10.0.2.2\t11\t0|10.0.2.2\t11\t0|10.0.2.2\t11\t0|"
                   "10.0.3.10\t3\t3|10.0.3.10\t3\t3|10.0.3.10\t3\t3");
  /* each error quotes the whole 60-byte probe, as Linux routers do (RFC 1812: up to 576 bytes) */
  g_assert_cmpuint (tshark_count (l1, "icmp.type == 11 && ip.len == 88"), ==, 6);
  /* the probes are UDP with TTL 1, 1, 1, 2, 2, 2, 3, 3, 3 (!icmp: not the copies quoted in
   * the ICMP errors) */
  g_assert_cmpuint (tshark_count (l1, "!icmp && udp && ip.ttl == 1 && udp.dstport >= 33434"), ==, 3);
  g_assert_cmpuint (tshark_count (l1, "!icmp && udp && ip.ttl == 2"), ==, 3);
  g_assert_cmpuint (tshark_count (l1, "!icmp && udp && ip.ttl == 3"), ==, 3);
  fixture_clear (&f);
}

static void
test_fragmentation (void)
{
  Fixture f = { 0 };
  g_autofree char *l1 = NULL, *l2 = NULL, *frags = NULL;
  const char *fields[] = { "ip.len", "ip.flags.mf", "ip.frag_offset", NULL };
  g_auto (CmdResult) ev = { 0 };

  fixture_run (&f, "05-mtu-fragmentation.lab");
  l1 = export (&f, "--link", "L1", "l1.pcap");
  l2 = export (&f, "--link", "L2", "l2.pcap");
  /* PC1 sends each echo request whole: 20 + 8 + 1400 bytes */
  g_assert_cmpuint (tshark_count (l1, "ip.src == 10.0.1.10 && ip.len == 1428 && ip.flags.mf == 0 "
                                      "&& ip.frag_offset == 0"),
                    ==, 2);
  /* on the MTU-576 link, R1 cuts each into 552 + 552 + 304 data bytes (multiples of 8);
   * the offset field counts 8-byte units: 552 / 8 = 69 */
  frags = rows_joined (l2, "ip.src == 10.0.1.10", fields);
  g_assert_cmpstr (frags, ==,
                   "572\t1\t0|572\t1\t69|324\t0\t138|572\t1\t0|572\t1\t69|324\t0\t138");
  /* the replies are fragmented by R2 the same way; routers never reassemble, so PC1's cable
   * carries reply fragments and PC1 puts them back together */
  g_assert_cmpuint (tshark_count (l1, "ip.src == 10.0.3.10 && ip.flags.mf == 1"), ==, 4);
  run_cli_ok (&ev, "events", f.lab, "--device", "PC1", NULL);
  g_assert_cmpuint (count_lines_containing (ev.out, "ping: reply from 10.0.3.10"), ==, 2);
  g_assert_cmpuint (count_lines_containing (ev.out, "put back together from 3 fragments"), ==, 2);
  fixture_clear (&f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/samples/hub-ping", test_hub_ping);
  g_test_add_func ("/e2e/samples/switch-learning", test_switch_learning);
  g_test_add_func ("/e2e/samples/router-ping", test_router_ping);
  g_test_add_func ("/e2e/samples/traceroute", test_traceroute);
  g_test_add_func ("/e2e/samples/fragmentation", test_fragmentation);
  return g_test_run ();
}
