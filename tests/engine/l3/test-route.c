/* Routing table: longest-prefix match, ties, the default route, and a stack's table built
 * from a lab (connected, static, gateway). */
#include "config.h"

#include "l3-test.h"
#include "proto/wl-route.h"

static void
test_lpm_overlapping (void)
{
  WlRouteTable t;
  const WlRoute *r;

  wl_route_table_init (&t);
  wl_route_table_add (&t, l3_ip ("10.0.0.0"), 8, l3_ip ("192.168.0.1"), 0, WL_ROUTE_STATIC);
  wl_route_table_add (&t, l3_ip ("10.1.0.0"), 16, l3_ip ("192.168.0.2"), 0, WL_ROUTE_STATIC);
  wl_route_table_add (&t, l3_ip ("10.1.2.0"), 24, l3_ip ("192.168.0.3"), 0, WL_ROUTE_STATIC);
  wl_route_table_add (&t, l3_ip ("10.1.2.128"), 25, 0, 1, WL_ROUTE_CONNECTED);

  r = wl_route_table_lookup (&t, l3_ip ("10.1.2.200"));
  g_assert_nonnull (r);
  g_assert_cmpuint (r->prefix, ==, 25);
  g_assert_cmpint (r->iface, ==, 1);
  g_assert_cmpuint (r->via, ==, 0);
  r = wl_route_table_lookup (&t, l3_ip ("10.1.2.127"));
  g_assert_cmphex (r->via, ==, l3_ip ("192.168.0.3"));
  r = wl_route_table_lookup (&t, l3_ip ("10.1.99.1"));
  g_assert_cmphex (r->via, ==, l3_ip ("192.168.0.2"));
  r = wl_route_table_lookup (&t, l3_ip ("10.200.0.1"));
  g_assert_cmphex (r->via, ==, l3_ip ("192.168.0.1"));
  /* Nothing contains 11.0.0.1 and there is no default route. */
  g_assert_null (wl_route_table_lookup (&t, l3_ip ("11.0.0.1")));
  wl_route_table_clear (&t);
}

static void
test_default_route (void)
{
  WlRouteTable t;
  const WlRoute *r;
  char buf[19];

  wl_route_table_init (&t);
  wl_route_table_add (&t, 0, 0, l3_ip ("10.0.0.1"), 0, WL_ROUTE_GATEWAY);
  wl_route_table_add (&t, l3_ip ("10.0.0.77"), 24, 0, 0, WL_ROUTE_CONNECTED);

  r = wl_route_table_lookup (&t, l3_ip ("8.8.8.8"));
  g_assert_cmpuint (r->prefix, ==, 0);
  g_assert_cmpstr (wl_route_format_prefix (r, buf), ==, "0.0.0.0/0");
  r = wl_route_table_lookup (&t, l3_ip ("10.0.0.9"));
  g_assert_cmpuint (r->prefix, ==, 24);
  /* The network was masked when added. */
  g_assert_cmpstr (wl_route_format_prefix (r, buf), ==, "10.0.0.0/24");
  /* A /32 host route beats everything. */
  wl_route_table_add (&t, l3_ip ("10.0.0.9"), 32, l3_ip ("10.0.0.5"), 0, WL_ROUTE_STATIC);
  g_assert_cmpuint (wl_route_table_lookup (&t, l3_ip ("10.0.0.9"))->prefix, ==, 32);
  g_assert_cmpuint (wl_route_table_lookup (&t, l3_ip ("10.0.0.8"))->prefix, ==, 24);
  wl_route_table_clear (&t);
}

static void
test_tie_first_added (void)
{
  WlRouteTable t;

  wl_route_table_init (&t);
  wl_route_table_add (&t, l3_ip ("10.2.0.0"), 16, l3_ip ("10.0.0.1"), 0, WL_ROUTE_STATIC);
  wl_route_table_add (&t, l3_ip ("10.2.0.0"), 16, l3_ip ("10.0.0.2"), 1, WL_ROUTE_STATIC);
  g_assert_cmphex (wl_route_table_lookup (&t, l3_ip ("10.2.3.4"))->via, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (wl_route_table_get_len (&t), ==, 2);
  wl_route_table_clear (&t);
}

/* A router's table from the lab: connected routes first, static routes resolved to the
 * interface that reaches their next hop, an unreachable next hop skipped. */
static void
test_stack_from_lab (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  WlStack *r1, *pc;
  const WlRoute *r;

  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/30");
  l3_add_route (lab, "R1", "10.0.3.0/24", "10.0.2.2");
  l3_add_route (lab, "R1", "0.0.0.0/0", "10.0.1.254");
  l3_add_route (lab, "R1", "172.16.0.0/12", "192.168.9.9");  /* no interface reaches it */
  l3_add_host (lab, "PC1", "10.0.1.10/24", "10.0.1.1");
  bed = l3_bed_new (lab, 1);

  r1 = l3_bed_stack (bed, "R1");
  g_assert_true (r1->forwarding);
  g_assert_cmpuint (wl_route_table_get_len (&r1->routes), ==, 4);
  r = wl_route_table_get (&r1->routes, 1);
  g_assert_cmpint (r->origin, ==, WL_ROUTE_CONNECTED);
  g_assert_cmpint (r->iface, ==, 1);
  g_assert_cmpuint (r->prefix, ==, 30);
  r = wl_route_table_lookup (&r1->routes, l3_ip ("10.0.3.7"));
  g_assert_cmpint (r->iface, ==, 1);
  g_assert_cmphex (r->via, ==, l3_ip ("10.0.2.2"));
  r = wl_route_table_lookup (&r1->routes, l3_ip ("172.16.0.1"));
  g_assert_cmphex (r->via, ==, l3_ip ("10.0.1.254"));  /* the default, not the skipped one */
  g_assert_cmpint (r->iface, ==, 0);

  pc = l3_bed_stack (bed, "PC1");
  g_assert_false (pc->forwarding);
  r = wl_route_table_lookup (&pc->routes, l3_ip ("10.9.9.9"));
  g_assert_cmpint (r->origin, ==, WL_ROUTE_GATEWAY);
  g_assert_cmphex (r->via, ==, l3_ip ("10.0.1.1"));
  g_assert_cmpuint (wl_ipv4_select_source (pc, l3_ip ("10.9.9.9")), ==, l3_ip ("10.0.1.10"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/route/lpm-overlapping", test_lpm_overlapping);
  g_test_add_func ("/engine/l3/route/default-route", test_default_route);
  g_test_add_func ("/engine/l3/route/tie-first-added", test_tie_first_added);
  g_test_add_func ("/engine/l3/route/stack-from-lab", test_stack_from_lab);
  return g_test_run ();
}
