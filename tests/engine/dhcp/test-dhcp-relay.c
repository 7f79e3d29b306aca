/* The DHCP relay agent on a router: giaddr and hops on the way to a server on another
 * subnet, the server's replies to the relay, the relay's unicast (or broadcast) to the
 * client's segment, and a renewal that goes straight to the server through the router.
 *
 *   PC1 (dhcp) ── L1 ── eth0 10.0.1.1  R1  10.0.2.1 eth1 ── L2 ── S1 10.0.2.5
 */
#include "config.h"

#include "dhcp-test.h"
#include "proto/wl-udp-wire.h"
#include "proto/wl-wire.h"

static const char *const settings[] = {
  "pool=10.0.1.100-10.0.1.150", "mask=255.255.255.0", "router=10.0.1.1", "lease=60s", NULL,
};

static L3Bed *
relay_bed (gboolean manual_client)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (WlLab) services = wl_lab_new ();
  g_autoptr (GError) error = NULL;
  WlLabDevice *r1;
  WlLabService *svc;
  L3Bed *bed;

  if (manual_client)
    wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  else
    dhcp_add_client (lab, "PC1");
  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/24");
  l3_add_host (lab, "S1", "10.0.2.5/24", "10.0.2.1");
  l3_connect (lab, "PC1", 0, "R1", 0);
  l3_connect (lab, "R1", 1, "S1", 0);
  bed = l3_bed_new (lab, 1);

  /* The relay as a lab service would start it (the service lives in a lab of its own). */
  r1 = l3_add_router (services, "R1", "10.0.1.1/24", "10.0.2.1/24");
  svc = wl_lab_device_add_service (r1, "dhcp-relay");
  wl_lab_service_set (svc, "server", "10.0.2.5");
  g_assert_true (wl_dhcp_relay_check_service (r1, svc, &error));
  g_assert_true (wl_dhcp_relay_start_service (l3_bed_device (bed, "R1"), r1, svc, &error));
  g_assert_no_error (error);
  dhcp_start_server (bed, "S1", settings);
  return bed;
}

static void
test_relay_settings (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (GError) error = NULL;
  WlLabDevice *r1 = l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/24");
  WlLabService *svc = wl_lab_device_add_service (r1, "dhcp-relay");

  wl_lab_service_set (svc, "server", "10.0.2.5");
  wl_lab_service_set (svc, "iface", "eth0; eth7");
  g_assert_false (wl_dhcp_relay_check_service (r1, svc, &error));
  g_assert_nonnull (strstr (error->message, "eth7"));
  g_clear_error (&error);
  wl_lab_service_set (svc, "iface", "eth0");
  g_assert_true (wl_dhcp_relay_check_service (r1, svc, &error));
  wl_lab_service_unset (svc, "server");
  g_assert_false (wl_dhcp_relay_check_service (r1, svc, &error));
  g_assert_nonnull (strstr (error->message, "server=ADDRESS"));
}

static const DhcpSent *
nth (GArray *sent,
     guint   i)
{
  g_assert_cmpuint (i, <, sent->len);
  return &g_array_index (sent, DhcpSent, i);
}

static guint
udp_port (const DhcpSent *s,
          guint           off)
{
  return wl_get_u16 (s->ev->frame + L3_L4 + off);
}

static void
test_relay (void)
{
  g_autoptr (L3Bed) bed = relay_bed (FALSE);
  g_autoptr (GArray) l1 = NULL;
  g_autoptr (GArray) l2 = NULL;
  g_autofree char *t1 = NULL, *t2 = NULL, *states = NULL;
  g_autoptr (GPtrArray) relayed = NULL;
  const DhcpSent *d2, *o2, *o1;
  WlStack *pc;
  WlMac mac;

  l3_bed_run (bed, 10 * WL_S);
  pc = l3_bed_stack (bed, "PC1");
  wl_lab_default_mac (0, 0, &mac);

  l1 = dhcp_sent (bed, -1, 0);
  l2 = dhcp_sent (bed, -1, 1);
  t1 = dhcp_types (l1);
  t2 = dhcp_types (l2);
  g_assert_cmpstr (t1, ==, "1,2,3,5");
  g_assert_cmpstr (t2, ==, "1,2,3,5");

  /* Relayed DISCOVER: from the router to the server, port 67 to 67, giaddr and hops set,
   * through the router's own UDP (TTL 64). */
  d2 = nth (l2, 0);
  g_assert_cmpuint (d2->ip_src, ==, l3_ip ("10.0.2.1"));
  g_assert_cmpuint (d2->ip_dst, ==, l3_ip ("10.0.2.5"));
  g_assert_cmpuint (udp_port (d2, 0), ==, 67);
  g_assert_cmpuint (udp_port (d2, 2), ==, 67);
  g_assert_cmpuint (d2->ip_ttl, ==, 64);
  g_assert_cmpuint (d2->msg.giaddr, ==, l3_ip ("10.0.1.1"));
  g_assert_cmpuint (d2->msg.hops, ==, 1);
  g_assert_cmpuint (d2->msg.xid, ==, nth (l1, 0)->msg.xid);

  /* The server answers the relay, for the relay's subnet. */
  o2 = nth (l2, 1);
  g_assert_cmpuint (o2->ip_dst, ==, l3_ip ("10.0.1.1"));
  g_assert_cmpuint (udp_port (o2, 2), ==, 67);
  g_assert_cmpuint (o2->msg.yiaddr, ==, l3_ip ("10.0.1.100"));
  g_assert_cmpuint (o2->msg.server_id, ==, l3_ip ("10.0.2.5"));
  g_assert_cmpuint (o2->msg.routers[0], ==, l3_ip ("10.0.1.1"));

  /* The relay hands it to the client's segment: unicast to yiaddr at chaddr, port 68. */
  o1 = nth (l1, 1);
  g_assert_cmpuint (o1->ev->device, ==, l3_bed_index (bed, "R1"));
  g_assert_cmpuint (o1->ip_src, ==, l3_ip ("10.0.1.1"));
  g_assert_cmpuint (o1->ip_dst, ==, l3_ip ("10.0.1.100"));
  g_assert_cmpmem (o1->ev->frame, 6, mac.b, 6);
  g_assert_cmpuint (udp_port (o1, 0), ==, 67);
  g_assert_cmpuint (udp_port (o1, 2), ==, 68);
  g_assert_cmpuint (o1->msg.giaddr, ==, l3_ip ("10.0.1.1"));

  relayed = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_RELAYED, l3_bed_index (bed, "R1"));
  g_assert_cmpuint (relayed->len, ==, 4);
  g_assert_cmpstr (((const WlTraceEvent *) relayed->pdata[0])->args, ==,
                   "giaddr=10.0.1.1 to=10.0.2.5");
  g_assert_cmpstr (((const WlTraceEvent *) relayed->pdata[1])->args, ==,
                   "giaddr=10.0.1.1 to=10.0.1.100");

  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==, "init>selecting,selecting>requesting,requesting>bound");
  g_assert_cmpuint (wl_stack_get_iface (pc, 0)->address, ==, l3_ip ("10.0.1.100"));
  g_assert_cmpuint (wl_route_table_lookup (&pc->routes, l3_ip ("10.0.2.5"))->via, ==,
                    l3_ip ("10.0.1.1"));
}

static void
test_renewal_goes_direct (void)
{
  g_autoptr (L3Bed) bed = relay_bed (FALSE);
  g_autoptr (GArray) l2 = NULL;
  g_autofree char *t2 = NULL, *states = NULL;
  const DhcpSent *renew, *ack;

  l3_bed_run (bed, 40 * WL_S);
  l2 = dhcp_sent (bed, -1, 1);
  t2 = dhcp_types (l2);
  g_assert_cmpstr (t2, ==, "1,2,3,5,3,5");
  /* T1 = 30 s: the REQUEST goes by unicast through the router, not through the relay. */
  renew = nth (l2, 4);
  g_assert_cmpuint (renew->ip_src, ==, l3_ip ("10.0.1.100"));
  g_assert_cmpuint (renew->ip_dst, ==, l3_ip ("10.0.2.5"));
  g_assert_cmpuint (renew->ip_ttl, ==, 63);  /* routed once */
  g_assert_cmpuint (renew->msg.giaddr, ==, 0);
  g_assert_cmpuint (renew->msg.hops, ==, 0);
  ack = nth (l2, 5);
  g_assert_cmpuint (ack->ip_dst, ==, l3_ip ("10.0.1.100"));
  g_assert_cmpuint (udp_port (ack, 2), ==, 68);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_RELAYED, -1), ==, 4);
  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==, "init>selecting,selecting>requesting,requesting>bound,"
                               "bound>renewing,renewing>bound");
}

static void
test_relay_broadcast_flag (void)
{
  g_autoptr (L3Bed) bed = relay_bed (TRUE);
  g_autoptr (GArray) l1 = NULL;
  WlDhcpClientConfig cfg;

  wl_dhcp_client_config_init (&cfg);
  cfg.broadcast = TRUE;
  wl_dhcp_client_new (l3_bed_stack (bed, "PC1"), 0, &cfg);
  l3_bed_run (bed, 10 * WL_S);
  l1 = dhcp_sent (bed, l3_bed_index (bed, "R1"), 0);
  g_assert_cmpuint (l1->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (nth (l1, i)->ip_dst, ==, 0xffffffff);
      g_assert_true (wl_mac_is_broadcast ((const WlMac *) nth (l1, i)->ev->frame));
    }
  g_assert_cmpuint (wl_stack_get_iface (l3_bed_stack (bed, "PC1"), 0)->address, ==,
                    l3_ip ("10.0.1.100"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/relay/dora-through-relay", test_relay);
  g_test_add_func ("/engine/dhcp/relay/renewal-goes-direct", test_renewal_goes_direct);
  g_test_add_func ("/engine/dhcp/relay/broadcast-flag", test_relay_broadcast_flag);
  g_test_add_func ("/engine/dhcp/relay/settings", test_relay_settings);
  return g_test_run ();
}
