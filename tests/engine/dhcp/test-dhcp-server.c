/* The DHCP server: two servers on one LAN (the client takes the first offer, the other server
 * takes its offer back when it sees the REQUEST naming its rival), reservations by MAC, NAKs
 * (a wrong network, an address someone else now holds), DECLINE after an answered ARP probe,
 * the settings syntax and the lab service. */
#include "config.h"

#include <string.h>

#include "dhcp-test.h"
#include "proto/wl-udp-wire.h"
#include "proto/wl-wire.h"

static const char *const basic[] = {
  "pool=10.0.0.100-10.0.0.199", "lease=1h", "router=10.0.0.1", "dns=10.0.0.53", NULL,
};

static const DhcpSent *
nth (GArray *sent,
     guint   i)
{
  g_assert_cmpuint (i, <, sent->len);
  return &g_array_index (sent, DhcpSent, i);
}

static guint32
iface_address (L3Bed      *bed,
               const char *device)
{
  return wl_stack_get_iface (l3_bed_stack (bed, device), 0)->address;
}

static void
test_two_servers (void)
{
  static const char *const pool1[] = { "pool=10.0.0.100-10.0.0.149", NULL };
  static const char *const pool2[] = { "pool=10.0.0.150-10.0.0.199", NULL };
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GArray) seen = NULL;
  g_autoptr (GArray) acks = NULL;
  g_autofree char *types = NULL;
  g_autofree char *ip = NULL, *reason = NULL, *rival = NULL;
  WlDhcpServer *s1, *s2, *loser;
  const DhcpSent *first = NULL, *request = NULL;
  const WlTraceEvent *withdrawn;
  guint32 chosen;
  char buf[16];

  l3_add_host (lab, "S2", "10.0.0.2/24", NULL);
  l3_connect (lab, "S2", 0, "SW1", 7);
  bed = l3_bed_new (lab, 1);
  s1 = dhcp_start_server (bed, "S1", pool1);
  s2 = dhcp_start_server (bed, "S2", pool2);
  l3_bed_run (bed, 10 * WL_S);

  /* What crossed PC1's cable: one DISCOVER, two OFFERs, one REQUEST, one ACK. */
  seen = dhcp_sent (bed, -1, 1);
  types = dhcp_types (seen);
  g_assert_cmpstr (types, ==, "1,2,2,3,5");
  first = nth (seen, 1);
  request = nth (seen, 3);
  g_assert_cmpuint (request->msg.server_id, ==, first->msg.server_id);
  g_assert_cmpuint (request->msg.requested_ip, ==, first->msg.yiaddr);
  chosen = first->msg.server_id;
  g_assert_cmpuint (iface_address (bed, "PC1"), ==, first->msg.yiaddr);

  /* Only the chosen server ACKs; the other one gave its held address back. */
  acks = dhcp_sent (bed, chosen == l3_ip ("10.0.0.1") ? l3_bed_index (bed, "S1")
                                                      : l3_bed_index (bed, "S2"), -1);
  g_assert_cmpuint (nth (acks, acks->len - 1)->msg.msg_type, ==, WL_DHCP_ACK);
  loser = chosen == l3_ip ("10.0.0.1") ? s2 : s1;
  withdrawn = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_RELEASED,
                      l3_bed_index (bed, loser == s1 ? "S1" : "S2"), 0);
  g_assert_nonnull (withdrawn);
  ip = l3_arg (withdrawn, "ip");
  reason = l3_arg (withdrawn, "reason");
  rival = l3_arg (withdrawn, "server");
  g_assert_cmpstr (reason, ==, "other-server");
  g_assert_cmpstr (rival, ==, wl_ip_format (chosen, buf));
  g_assert_cmpint (wl_dhcp_pool_get_state (wl_dhcp_server_get_pool (loser), l3_ip (ip),
                                           10 * WL_S), ==, WL_DHCP_LEASE_FREE);
  /* The withdrawal happened when the REQUEST arrived, long before the offer would lapse. */
  g_assert_cmpuint (withdrawn->time, <, WL_S);
}

static void
test_reservation (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (2);
  g_autoptr (L3Bed) bed = NULL;
  g_autofree char *reserve = NULL;
  const char *settings[] = { "pool=10.0.0.100-10.0.0.199", NULL, NULL };
  WlMac mac;
  char m[18];

  /* PC2 (device 3) always gets 10.0.0.50, outside the pool. */
  wl_lab_default_mac (3, 0, &mac);
  reserve = g_strdup_printf ("reserve=%s 10.0.0.50", wl_mac_format (&mac, m));
  settings[1] = reserve;
  bed = l3_bed_new (lab, 1);
  dhcp_start_server (bed, "S1", settings);
  l3_bed_run (bed, 10 * WL_S);
  g_assert_cmpuint (iface_address (bed, "PC1"), ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (iface_address (bed, "PC2"), ==, l3_ip ("10.0.0.50"));
}

/* A REQUEST as an INIT-REBOOT client sends it, for address, from a raw station. */
static WlPacket *
reboot_request (const WlMac *mac,
                guint32      address)
{
  WlDhcpMessage msg;
  WlPacket *pkt;
  guint8 *udp, *ip;

  wl_dhcp_message_init (&msg, WL_BOOTP_REQUEST, 0x1234, mac);
  msg.has = WL_DHCP_HAS_MSG_TYPE | WL_DHCP_HAS_REQUESTED_IP;
  msg.msg_type = WL_DHCP_REQUEST;
  msg.requested_ip = address;
  pkt = wl_dhcp_encode_packet (&msg);
  udp = wl_packet_push (pkt, WL_UDP_HLEN);
  wl_put_u16 (udp, 68);
  wl_put_u16 (udp + 2, 67);
  wl_put_u16 (udp + 4, (guint16) wl_packet_len (pkt));
  wl_put_u16 (udp + 6, 0);  /* no checksum */
  ip = wl_packet_push (pkt, 20);
  wl_ipv4_write_header (ip, (guint16) wl_packet_len (pkt), 0, 0, 128, 17, 0, 0xffffffff, 0);
  return l3_eth_wrap (pkt, mac, &wl_mac_broadcast, 0x0800);
}

static void
test_nak_wrong_network (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (0);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
  g_autoptr (GArray) sent = NULL;
  WlMac mac = l3_mac (0x42);
  WlDevice *st;
  const DhcpSent *nak;
  const WlTraceEvent *note;

  dhcp_start_server (bed, "S1", basic);
  st = l3_bed_attach (bed, "SW1", 5, &mac);
  l3_station_send_at (st, WL_S, reboot_request (&mac, l3_ip ("10.9.0.5")));
  l3_bed_run (bed, 5 * WL_S);

  sent = dhcp_sent (bed, l3_bed_index (bed, "S1"), -1);
  g_assert_cmpuint (sent->len, ==, 1);
  nak = nth (sent, 0);
  g_assert_cmpuint (nak->msg.msg_type, ==, WL_DHCP_NAK);
  g_assert_cmpuint (nak->msg.xid, ==, 0x1234);
  g_assert_cmpuint (nak->msg.yiaddr, ==, 0);
  g_assert_cmpuint (nak->msg.server_id, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpstr (nak->msg.message, ==, "wrong network");
  g_assert_false (nak->msg.has & WL_DHCP_HAS_LEASE_TIME);
  /* RFC 2131 §4.1: without a relay, a NAK is broadcast. */
  g_assert_cmpuint (nak->ip_dst, ==, 0xffffffff);
  g_assert_true (wl_mac_is_broadcast ((const WlMac *) nak->ev->frame));
  note = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_NAK, -1, 0);
  g_assert_cmpstr (note->args, ==, "ip=10.9.0.5 mac=02:00:00:00:00:42 reason=wrong-network");
}

typedef struct
{
  WlDhcpServer *server;
  WlMac         client, thief;
} Steal;

/* The server's records change under the client: its address now belongs to someone else. */
static void
on_steal (WlSim   *sim,
          gpointer target,
          gpointer data)
{
  Steal *s = target;
  WlDhcpPool *pool = wl_dhcp_server_get_pool (s->server);
  WlTime now = wl_sim_now (sim);

  g_assert_true (wl_dhcp_pool_release (pool, &s->client, l3_ip ("10.0.0.100"), now));
  g_assert_cmpint (wl_dhcp_pool_commit (pool, &s->thief, l3_ip ("10.0.0.100"), now), ==,
                   WL_DHCP_POOL_OK);
}

static void
test_nak_on_renewal (void)
{
  static const char *const short_lease[] = { "pool=10.0.0.100-10.0.0.199", "lease=40s", NULL };
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
  g_autoptr (GArray) sent = NULL;
  g_autofree char *types = NULL, *states = NULL;
  Steal steal = { .thief = l3_mac (0x99) };
  const DhcpSent *nak;

  steal.server = dhcp_start_server (bed, "S1", short_lease);
  wl_lab_default_mac (2, 0, &steal.client);
  wl_sim_schedule_at (bed->sim, 10 * WL_S, on_steal, &steal, NULL, NULL);
  l3_bed_run (bed, 30 * WL_S);

  sent = dhcp_sent (bed, -1, 1);
  types = dhcp_types (sent);
  g_assert_cmpstr (types, ==, "1,2,3,5,3,6,1,2,3,5");
  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==,
                   "init>selecting,selecting>requesting,requesting>bound,bound>renewing,"
                   "renewing>init,init>selecting,selecting>requesting,requesting>bound");
  nak = nth (sent, 5);
  g_assert_cmpstr (nak->msg.message, ==, "address in use");
  g_assert_cmpuint (nak->ip_dst, ==, 0xffffffff);
  /* After a NAK the client starts afresh, without asking for the lost address. */
  g_assert_false (nth (sent, 6)->msg.has & WL_DHCP_HAS_REQUESTED_IP);
  g_assert_cmpuint (iface_address (bed, "PC1"), ==, l3_ip ("10.0.0.101"));
}

static void
test_decline (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GArray) sent = NULL;
  g_autofree char *types = NULL, *states = NULL;
  const DhcpSent *decline, *again;
  const WlTraceEvent *client_note, *server_note;

  /* H9 already uses the first address of the pool, statically. */
  l3_add_host (lab, "H9", "10.0.0.100/24", NULL);
  l3_connect (lab, "H9", 0, "SW1", 5);
  bed = l3_bed_new (lab, 1);
  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 30 * WL_S);

  sent = dhcp_sent (bed, -1, 1);
  types = dhcp_types (sent);
  g_assert_cmpstr (types, ==, "1,2,3,5,4,1,2,3,5");
  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==,
                   "init>selecting,selecting>requesting,requesting>init,init>selecting,"
                   "selecting>requesting,requesting>bound");

  /* DECLINE: broadcast from 0.0.0.0, naming the address and the server. */
  decline = nth (sent, 4);
  g_assert_cmpuint (decline->ip_src, ==, 0);
  g_assert_cmpuint (decline->ip_dst, ==, 0xffffffff);
  g_assert_cmpuint (decline->msg.requested_ip, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (decline->msg.server_id, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (decline->msg.ciaddr, ==, 0);
  /* Caused by H9's answer to the probe. */
  client_note = l3_by_id (bed, decline->ev->cause);
  g_assert_cmpint (client_note->code, ==, WL_NOTE_DHCP_DECLINED);
  g_assert_cmpstr (client_note->args, ==, "ip=10.0.0.100");
  g_assert_cmpint (l3_by_id (bed, client_note->cause)->kind, ==, WL_EVENT_FRAME_RECEIVED);
  server_note = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_DECLINED, l3_bed_index (bed, "S1"), 0);
  g_assert_nonnull (server_note);

  /* Ten seconds later, a new cycle; the declined address is not offered again. */
  again = nth (sent, 5);
  g_assert_cmpuint (again->ev->time, ==, decline->ev->time + 10 * WL_S);
  g_assert_cmpuint (nth (sent, 6)->msg.yiaddr, ==, l3_ip ("10.0.0.101"));
  g_assert_cmpuint (iface_address (bed, "PC1"), ==, l3_ip ("10.0.0.101"));
  g_assert_cmpuint (iface_address (bed, "H9"), ==, l3_ip ("10.0.0.100"));
}

/* Forty clients booting at the same instant: each gets its own address, all from the pool. */
static void
test_many_clients (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);

  l3_add_host (lab, "S1", "10.0.0.1/24", NULL);
  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW1");
  g_ptr_array_set_size (wl_lab_get_device (lab, 1)->ifaces, 0);
  for (guint p = 0; p < 41; p++)
    {
      g_autofree char *name = g_strdup_printf ("p%u", p + 1);

      wl_lab_device_add_iface (wl_lab_get_device (lab, 1), name);
    }
  l3_connect (lab, "S1", 0, "SW1", 0);
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("PC%u", i);

      dhcp_add_client (lab, name);
      l3_connect (lab, name, 0, "SW1", i);
    }
  bed = l3_bed_new (lab, 9);
  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 30 * WL_S);
  for (guint i = 1; i <= 40; i++)
    {
      g_autofree char *name = g_strdup_printf ("PC%u", i);
      guint32 ip = iface_address (bed, name);

      g_assert_cmpuint (ip, >=, l3_ip ("10.0.0.100"));
      g_assert_cmpuint (ip, <=, l3_ip ("10.0.0.139"));
      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (ip)));
      g_hash_table_add (seen, GUINT_TO_POINTER (ip));
    }
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_BOUND, -1), ==, 40);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_DECLINED, -1), ==, 0);
}

static void
expect_bad_settings (const char *const *settings,
                     const char        *in_message)
{
  WlDhcpServerConfig cfg;
  g_autoptr (GError) error = NULL;

  wl_dhcp_server_config_init (&cfg);
  g_assert_false (wl_dhcp_server_config_parse (&cfg, settings, &error));
  g_assert_error (error, WL_LAB_ERROR, error->code);
  g_assert_nonnull (strstr (error->message, in_message));
  wl_dhcp_server_config_clear (&cfg);
}

static void
test_settings (void)
{
  static const char *const full[] = {
    "pool=10.0.0.100-10.0.0.199", "mask=255.255.255.0", "lease=2d", "router=10.0.0.1",
    "dns=10.0.0.53; 10.0.0.54",
    "reserve=02:00:00:00:05:00 10.0.0.50; 02:00:00:00:06:00,10.0.0.60", NULL,
  };
  WlDhcpServerConfig cfg;
  WlDhcpRelayConfig rcfg;
  g_autoptr (GError) error = NULL;

  wl_dhcp_server_config_init (&cfg);
  g_assert_true (wl_dhcp_server_config_parse (&cfg, full, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (cfg.first, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (cfg.last, ==, l3_ip ("10.0.0.199"));
  g_assert_cmpuint (cfg.mask, ==, 0xffffff00);
  g_assert_cmpuint (cfg.lease_s, ==, 2 * 86400);
  g_assert_cmpuint (cfg.n_routers, ==, 1);
  g_assert_cmpuint (cfg.n_dns, ==, 2);
  g_assert_cmpuint (cfg.dns[1], ==, l3_ip ("10.0.0.54"));
  g_assert_cmpuint (cfg.reservations->len, ==, 2);
  g_assert_cmpuint (g_array_index (cfg.reservations, WlDhcpReservation, 1).ip, ==,
                    l3_ip ("10.0.0.60"));
  wl_dhcp_server_config_clear (&cfg);

  expect_bad_settings ((const char *[]) { "pool=10.0.0.100", NULL }, "pool=10.0.0.100");
  expect_bad_settings ((const char *[]) { "pool=10.0.0.9-10.0.0.1", NULL }, "pool=");
  expect_bad_settings ((const char *[]) { "lease=5", "pool=10.0.0.1-10.0.0.2", NULL }, "lease=5");
  expect_bad_settings ((const char *[]) { "lease=1w", NULL }, "lease=1w");
  expect_bad_settings ((const char *[]) { "mask=255.0.255.0", NULL }, "mask=");
  expect_bad_settings ((const char *[]) { "colour=blue", NULL }, "colour=blue");
  expect_bad_settings ((const char *[]) { "router=10.0.0.1", NULL }, "pool=FIRST-LAST");
  expect_bad_settings ((const char *[]) { "pool=10.0.0.1-10.0.1.9", "mask=255.255.255.0", NULL },
                       "one subnet");
  expect_bad_settings ((const char *[]) { "pool=10.0.0.1-10.0.0.9",
                                          "reserve=02:00:00:00:05:00 10.0.0.50;"
                                          "02:00:00:00:05:00 10.0.0.51", NULL }, "repeats");
  expect_bad_settings ((const char *[]) { "pool=10.0.0.1-10.0.0.9", "mask=255.255.255.0",
                                          "reserve=02:00:00:00:05:00 10.0.1.50", NULL },
                       "not in the pool's subnet");

  wl_dhcp_relay_config_init (&rcfg);
  g_assert_true (wl_dhcp_relay_config_parse (&rcfg, (const char *[]) { "server=10.0.2.5;10.0.3.5",
                                                                       "iface=eth0", NULL },
                                             &error));
  g_assert_cmpuint (rcfg.n_servers, ==, 2);
  g_assert_cmpstr (rcfg.ifaces[0], ==, "eth0");
  wl_dhcp_relay_config_clear (&rcfg);
  wl_dhcp_relay_config_init (&rcfg);
  g_assert_false (wl_dhcp_relay_config_parse (&rcfg, (const char *[]) { "iface=eth0", NULL },
                                              &error));
  g_assert_nonnull (strstr (error->message, "server=ADDRESS"));
  wl_dhcp_relay_config_clear (&rcfg);
}

static void
test_lab_service (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (WlLab) services = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GError) error = NULL;
  WlLabDevice *s1 = l3_add_host (services, "S1", "10.0.0.1/24", NULL);
  WlLabService *svc = wl_lab_device_add_service (s1, "dhcp-server");

  /* The service as a lab describes it (a lab of its own: the bed's lab carries none, so that
   * it runs whether or not the kind is registered yet). */
  wl_lab_service_set (svc, "pool", "10.0.0.100-10.0.0.199");
  wl_lab_service_set (svc, "reserve", "02:00:00:00:03:00 10.0.0.33");
  g_assert_true (wl_dhcp_server_check_service (s1, svc, &error));
  g_assert_no_error (error);

  /* A relay on the same device is refused: both need port 67. */
  wl_lab_service_set (wl_lab_device_add_service (s1, "dhcp-relay"), "server", "10.0.0.9");
  g_assert_false (wl_dhcp_server_check_service (s1, svc, &error));
  g_assert_nonnull (strstr (error->message, "S1"));
  g_clear_error (&error);
  wl_lab_device_remove_service (s1, "dhcp-relay");
  wl_lab_service_set (svc, "lease", "soon");
  g_assert_false (wl_dhcp_server_check_service (s1, svc, &error));
  g_assert_nonnull (strstr (error->message, "lease=soon"));
  g_clear_error (&error);
  wl_lab_service_unset (svc, "lease");

  /* Started as the network starts services: PC1 (device 2, MAC 02:00:00:00:03:00) gets its
   * reservation. */
  bed = l3_bed_new (lab, 1);
  g_assert_true (wl_dhcp_server_start_service (l3_bed_device (bed, "S1"), s1, svc, &error));
  g_assert_no_error (error);
  l3_bed_run (bed, 10 * WL_S);
  g_assert_cmpuint (iface_address (bed, "PC1"), ==, l3_ip ("10.0.0.33"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/server/two-servers", test_two_servers);
  g_test_add_func ("/engine/dhcp/server/reservation", test_reservation);
  g_test_add_func ("/engine/dhcp/server/nak-wrong-network", test_nak_wrong_network);
  g_test_add_func ("/engine/dhcp/server/nak-on-renewal", test_nak_on_renewal);
  g_test_add_func ("/engine/dhcp/server/decline", test_decline);
  g_test_add_func ("/engine/dhcp/server/many-clients", test_many_clients);
  g_test_add_func ("/engine/dhcp/server/settings", test_settings);
  g_test_add_func ("/engine/dhcp/server/lab-service", test_lab_service);
  return g_test_run ();
}
