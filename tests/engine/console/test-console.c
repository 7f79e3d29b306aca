/* The console programs that print a stack's tables as Windows does: arp -a (empty cache,
 * one and two interfaces, filters by address and by interface), route print (a host with a
 * gateway, a router with a static route), netstat (TIME_WAIT, FIN_WAIT_1, ESTABLISHED, and
 * LISTENING only with -a), the same output from two runs, and the command lines refused.
 *
 * The lab: PC1 10.0.1.10 — R1 10.0.1.1 | 10.0.2.1 — PC2 10.0.2.10, R1 with a static route to
 * 192.168.0.0/16 via PC2.  PC2 runs two nc sinks: 5001 keeps listening (-k) and gets a 2000
 * byte stream that ends at once; 5002 reads 100 B/s, so PC1's 100000 bytes are still flowing
 * when netstat looks.
 */
#include "config.h"

#include <string.h>

#include "../l3/l3-test.h"

/* The console lines a device printed in [from, to), joined by '\n'. */
static char *
console (L3Bed      *bed,
         const char *device,
         WlTime      from,
         WlTime      to)
{
  g_autoptr (GPtrArray) notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE,
                                         l3_bed_index (bed, device));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      const WlTraceEvent *ev = notes->pdata[i];

      if (ev->time >= from && ev->time < to)
        g_string_append_printf (out, "%s\n", ev->args != NULL ? ev->args : "");
    }
  return g_string_free (out, FALSE);
}

/* The console output of one command run at time t (commands are 100 ms apart). */
static char *
output_at (L3Bed      *bed,
           const char *device,
           WlTime      t)
{
  return console (bed, device, t, t + 100 * WL_MS);
}

static L3Bed *
console_bed (guint64 seed)
{
  g_autoptr (WlLab) lab = l3_lab_router ();
  L3Bed *bed;

  l3_add_route (lab, "R1", "192.168.0.0/16", "10.0.2.10");
  l3_action (lab, 0, "PC2", "nc -l -k 5001");
  l3_action (lab, 0, "PC2", "nc -l -r 100 5002");
  l3_action (lab, 1 * WL_S, "PC1", "arp -a");
  l3_action (lab, 1 * WL_S + 1, "PC1", "ping -c 1 10.0.2.10");
  l3_action (lab, 2 * WL_S, "PC1", "nc 10.0.2.10 5001 -n 2000");
  l3_action (lab, 3 * WL_S, "PC1", "nc 10.0.2.10 5002 -n 100000");
  l3_action (lab, 5000 * WL_MS, "PC1", "arp -a");
  l3_action (lab, 5100 * WL_MS, "R1", "arp -a");
  l3_action (lab, 5200 * WL_MS, "R1", "arp -a 10.0.2.10");
  l3_action (lab, 5300 * WL_MS, "R1", "arp -g -N 10.0.1.1");
  l3_action (lab, 5400 * WL_MS, "R1", "arp /A 10.0.9.9");
  l3_action (lab, 6000 * WL_MS, "PC1", "route print");
  l3_action (lab, 6100 * WL_MS, "R1", "route PRINT -4");
  l3_action (lab, 7000 * WL_MS, "PC1", "netstat");
  l3_action (lab, 7100 * WL_MS, "PC2", "netstat");
  l3_action (lab, 7200 * WL_MS, "PC2", "netstat -an");
  l3_action (lab, 7300 * WL_MS, "PC2", "netstat /a -N");
  bed = l3_bed_new (lab, seed);
  l3_bed_run (bed, 8 * WL_S);
  return bed;
}

static void
test_arp (void)
{
  g_autoptr (L3Bed) bed = console_bed (1);
  g_autofree char *before = output_at (bed, "PC1", 1 * WL_S);
  g_autofree char *pc1 = output_at (bed, "PC1", 5000 * WL_MS);
  g_autofree char *r1 = output_at (bed, "R1", 5100 * WL_MS);
  g_autofree char *by_addr = output_at (bed, "R1", 5200 * WL_MS);
  g_autofree char *by_iface = output_at (bed, "R1", 5300 * WL_MS);
  g_autofree char *none = output_at (bed, "R1", 5400 * WL_MS);

  /* Nothing resolved yet: Windows' message, no interface block. */
  g_assert_cmpstr (before, ==, "No ARP Entries Found.\n");
  g_assert_cmpstr (pc1, ==,
                   "\n"
                   "Interface: 10.0.1.10 --- 0x2\n"
                   "  Internet Address      Physical Address      Type\n"
                   "  10.0.1.1              02-00-00-00-02-00     dynamic\n");
  /* A router: one block per interface, numbered from 0x2. */
  g_assert_cmpstr (r1, ==,
                   "\n"
                   "Interface: 10.0.1.1 --- 0x2\n"
                   "  Internet Address      Physical Address      Type\n"
                   "  10.0.1.10             02-00-00-00-01-00     dynamic\n"
                   "\n"
                   "Interface: 10.0.2.1 --- 0x3\n"
                   "  Internet Address      Physical Address      Type\n"
                   "  10.0.2.10             02-00-00-00-03-00     dynamic\n");
  g_assert_cmpstr (by_addr, ==,
                   "\n"
                   "Interface: 10.0.2.1 --- 0x3\n"
                   "  Internet Address      Physical Address      Type\n"
                   "  10.0.2.10             02-00-00-00-03-00     dynamic\n");
  g_assert_cmpstr (by_iface, ==,
                   "\n"
                   "Interface: 10.0.1.1 --- 0x2\n"
                   "  Internet Address      Physical Address      Type\n"
                   "  10.0.1.10             02-00-00-00-01-00     dynamic\n");
  g_assert_cmpstr (none, ==, "No ARP Entries Found.\n");
}

static void
test_route (void)
{
  g_autoptr (L3Bed) bed = console_bed (1);
  g_autofree char *pc1 = output_at (bed, "PC1", 6000 * WL_MS);
  g_autofree char *r1 = output_at (bed, "R1", 6100 * WL_MS);

  /* A host: the gateway first (sorted by destination), its connected network On-link; the
   * configured gateway is a persistent route. */
  g_assert_cmpstr (pc1, ==,
                   "===========================================================================\n"
                   "Interface List\n"
                   "  2...02 00 00 00 01 00 ......eth0\n"
                   "===========================================================================\n"
                   "\n"
                   "IPv4 Route Table\n"
                   "===========================================================================\n"
                   "Active Routes:\n"
                   "Network Destination        Netmask          Gateway       Interface  Metric\n"
                   "          0.0.0.0          0.0.0.0         10.0.1.1        10.0.1.10     25\n"
                   "         10.0.1.0    255.255.255.0          On-link        10.0.1.10    281\n"
                   "===========================================================================\n"
                   "Persistent Routes:\n"
                   "  Network Address          Netmask  Gateway Address  Metric\n"
                   "          0.0.0.0          0.0.0.0         10.0.1.1  Default\n");
  /* A router: two connected networks and a static route (metric 1 + 25). */
  g_assert_cmpstr (r1, ==,
                   "===========================================================================\n"
                   "Interface List\n"
                   "  2...02 00 00 00 02 00 ......eth0\n"
                   "  3...02 00 00 00 02 01 ......eth1\n"
                   "===========================================================================\n"
                   "\n"
                   "IPv4 Route Table\n"
                   "===========================================================================\n"
                   "Active Routes:\n"
                   "Network Destination        Netmask          Gateway       Interface  Metric\n"
                   "         10.0.1.0    255.255.255.0          On-link         10.0.1.1    281\n"
                   "         10.0.2.0    255.255.255.0          On-link         10.0.2.1    281\n"
                   "      192.168.0.0      255.255.0.0        10.0.2.10         10.0.2.1     26\n"
                   "===========================================================================\n"
                   "Persistent Routes:\n"
                   "  Network Address          Netmask  Gateway Address  Metric\n"
                   "      192.168.0.0      255.255.0.0        10.0.2.10       1\n");
}

/* PC1's local port for the connection to PC2's port (ephemeral, from the seeded PRNG). */
static guint
local_port_to (L3Bed  *bed,
               guint16 remote_port)
{
  WlStack *pc1 = l3_bed_stack (bed, "PC1");

  for (guint i = 0; i < pc1->tcp.pcbs->len; i++)
    {
      const WlTcpPcb *pcb = pc1->tcp.pcbs->pdata[i];

      if (pcb->remote_port == remote_port)
        return pcb->local_port;
    }
  g_assert_not_reached ();
}

static void
test_netstat (void)
{
  g_autoptr (L3Bed) bed = console_bed (1);
  g_autofree char *pc1 = output_at (bed, "PC1", 7000 * WL_MS);
  g_autofree char *pc2 = output_at (bed, "PC2", 7100 * WL_MS);
  g_autofree char *pc2_all = output_at (bed, "PC2", 7200 * WL_MS);
  g_autofree char *pc2_all2 = output_at (bed, "PC2", 7300 * WL_MS);
  guint p1 = local_port_to (bed, 5001), p2 = local_port_to (bed, 5002);
  g_autofree char *want_pc1 = NULL, *want_pc2 = NULL, *want_pc2_all = NULL;

  /* PC1 closed both: the finished one waits 2·MSL, the other's FIN waits behind its data. */
  g_assert_cmpuint (p1, <, p2);
  want_pc1 = g_strdup_printf ("\n"
                              "Active Connections\n"
                              "\n"
                              "  Proto  Local Address          Foreign Address        State\n"
                              "  TCP    10.0.1.10:%-5u        10.0.2.10:5001         TIME_WAIT\n"
                              "  TCP    10.0.1.10:%-5u        10.0.2.10:5002         FIN_WAIT_1\n",
                              p1, p2);
  g_assert_cmpstr (pc1, ==, want_pc1);
  /* PC2: without -a, no listener; the -k listener on 5001 with -a (0.0.0.0:0 as foreign). */
  want_pc2 = g_strdup_printf ("\n"
                              "Active Connections\n"
                              "\n"
                              "  Proto  Local Address          Foreign Address        State\n"
                              "  TCP    10.0.2.10:5002         10.0.1.10:%-5u        ESTABLISHED\n",
                              p2);
  g_assert_cmpstr (pc2, ==, want_pc2);
  want_pc2_all = g_strdup_printf ("\n"
                                  "Active Connections\n"
                                  "\n"
                                  "  Proto  Local Address          Foreign Address        State\n"
                                  "  TCP    0.0.0.0:5001           0.0.0.0:0              "
                                  "LISTENING\n"
                                  "  TCP    10.0.2.10:5002         10.0.1.10:%-5u        "
                                  "ESTABLISHED\n",
                                  p2);
  g_assert_cmpstr (pc2_all, ==, want_pc2_all);
  g_assert_cmpstr (pc2_all2, ==, want_pc2_all);
}

/* The same lab and seed print the same lines. */
static void
test_deterministic (void)
{
  g_autoptr (L3Bed) a = console_bed (7);
  g_autoptr (L3Bed) b = console_bed (7);

  for (const char *const *d = (const char *const[]) { "PC1", "R1", "PC2", NULL }; *d; d++)
    {
      g_autofree char *x = console (a, *d, 0, 8 * WL_S);
      g_autofree char *y = console (b, *d, 0, 8 * WL_S);

      g_assert_cmpuint (strlen (x), >, 0);
      g_assert_cmpstr (x, ==, y);
    }
}

static void
assert_refused (const char *line,
                const char *part)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (wl_stack_check_command (line, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s”: “%s” does not name “%s”", line, error->message, part);
}

static void
test_check (void)
{
  const char *const good[] = {
    "arp -a", "arp -g", "arp /a", "arp -A 10.0.0.1", "arp -a -N 10.0.0.1",
    "arp -a 10.0.0.2 -n 10.0.0.1", "route print", "route PRINT", "route print -4",
    "netstat", "netstat -n", "netstat -a", "netstat -an", "netstat -NA", "netstat -a -n",
    "netstat /a /n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (GError) error = NULL;

      if (!wl_stack_check_command (good[i], &error))
        g_error ("“%s” refused: %s", good[i], error->message);
    }
  assert_refused ("arp", "arp -a [ADDRESS] [-N INTERFACE-ADDRESS]");
  assert_refused ("arp -d 10.0.0.2", "“-d”");
  assert_refused ("arp -s 10.0.0.2 02-00-00-00-00-01", "“-s”");
  assert_refused ("arp -a www.lab.test", "arp: “www.lab.test” is not an IPv4 address");
  assert_refused ("arp -a -N", "arp: “” is not an IPv4 address");
  assert_refused ("arp -a -N 10.0.0.300", "“10.0.0.300”");
  assert_refused ("arp -a 10.0.0.2 extra", "“extra”");
  assert_refused ("route", "route does not understand “”");
  assert_refused ("route add 10.0.0.0 mask 255.0.0.0 10.0.0.1", "“add”");
  assert_refused ("route print -6", "“-6”");
  assert_refused ("route print -4 x", "“x”");
  assert_refused ("netstat -o", "“-o”");
  assert_refused ("netstat -ano", "“-ano”");
  assert_refused ("netstat 5", "“5”");
  assert_refused ("netstat -", "“-”");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/console/arp", test_arp);
  g_test_add_func ("/engine/console/route", test_route);
  g_test_add_func ("/engine/console/netstat", test_netstat);
  g_test_add_func ("/engine/console/deterministic", test_deterministic);
  g_test_add_func ("/engine/console/check", test_check);
  return g_test_run ();
}
