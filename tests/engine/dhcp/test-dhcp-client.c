/* The DHCP client: DORA with the options and addressing of each message, the ARP probe and
 * announcement, the interface configured; T1/T2 at their exact times, RENEWING by unicast,
 * REBINDING by broadcast, expiry back to INIT; retransmission backoff and giving up; the
 * broadcast flag; RELEASE; determinism. */
#include "config.h"

#include <string.h>

#include "dhcp-test.h"
#include "proto/wl-arp-wire.h"
#include "proto/wl-dns.h"
#include "proto/wl-wire.h"

static const char *const basic[] = {
  "pool=10.0.0.100-10.0.0.199", "lease=1h", "router=10.0.0.1", "dns=10.0.0.53", NULL,
};

#define PC1_LINK 1  /* L2: PC1 — SW1 */

static const DhcpSent *
nth (GArray *sent,
     guint   i)
{
  g_assert_cmpuint (i, <, sent->len);
  return &g_array_index (sent, DhcpSent, i);
}

/* The options a message carries, as "53,61,12,55", in wire order. */
static char *
options_of (const DhcpSent *s)
{
  const guint8 *p = s->ev->frame + L3_L4 + 8 + 240;
  const guint8 *end = s->ev->frame + L3_L4 + wl_get_u16 (s->ev->frame + L3_L4 + 4);
  GString *out = g_string_new (NULL);

  while (p < end && *p != 255)
    {
      if (*p == 0)
        {
          p++;
          continue;
        }
      g_string_append_printf (out, "%s%u", out->len ? "," : "", p[0]);
      p += 2 + p[1];
    }
  return g_string_free (out, FALSE);
}

static void
test_dora (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
  g_autoptr (GArray) sent = NULL;
  g_autofree char *types = NULL, *states = NULL, *o = NULL;
  WlStack *pc = NULL;
  const DhcpSent *d, *of, *rq, *ack;
  const WlTraceEvent *bound, *probe, *announce, *why;
  const WlRoute *route;
  WlDhcpLeaseInfo lease;
  WlMac mac;

  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 10 * WL_S);
  pc = l3_bed_stack (bed, "PC1");
  wl_lab_default_mac (2, 0, &mac);

  sent = dhcp_sent (bed, -1, PC1_LINK);
  types = dhcp_types (sent);
  g_assert_cmpstr (types, ==, "1,2,3,5");
  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==, "init>selecting,selecting>requesting,requesting>bound");

  /* DISCOVER: from nowhere to everyone, built like dhclient's packet socket builds it. */
  d = nth (sent, 0);
  g_assert_cmpuint (d->ip_src, ==, 0);
  g_assert_cmpuint (d->ip_dst, ==, 0xffffffff);
  g_assert_cmpuint (d->ip_ttl, ==, 128);
  g_assert_cmpuint (d->ip_tos, ==, 0x10);
  g_assert_cmpuint (d->msg.flags, ==, 0);
  g_assert_cmpuint (d->msg.ciaddr, ==, 0);
  g_assert_cmpmem (d->msg.chaddr, 6, mac.b, 6);
  g_assert_cmpstr (d->msg.host_name, ==, "PC1");
  g_assert_cmpuint (d->msg.n_params, ==, 13);
  o = options_of (d);
  g_assert_cmpstr (o, ==, "53,61,12,55");
  g_clear_pointer (&o, g_free);

  /* OFFER: unicast to the offered address at the client's MAC (it cannot answer ARP). */
  of = nth (sent, 1);
  g_assert_cmpuint (of->msg.xid, ==, d->msg.xid);
  g_assert_cmpuint (of->msg.yiaddr, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (of->ip_dst, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (of->ip_src, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpmem (of->ev->frame, 6, mac.b, 6);
  g_assert_cmpuint (of->msg.lease_time, ==, 3600);
  g_assert_cmpuint (of->msg.renewal_time, ==, 1800);
  g_assert_cmpuint (of->msg.rebinding_time, ==, 3150);
  o = options_of (of);
  g_assert_cmpstr (o, ==, "53,54,51,58,59,1,3,6");
  g_clear_pointer (&o, g_free);

  /* REQUEST: still broadcast, naming the offer and its server. */
  rq = nth (sent, 2);
  g_assert_cmpuint (rq->msg.xid, ==, d->msg.xid);
  g_assert_cmpuint (rq->ip_src, ==, 0);
  g_assert_cmpuint (rq->ip_dst, ==, 0xffffffff);
  g_assert_cmpuint (rq->msg.requested_ip, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (rq->msg.server_id, ==, l3_ip ("10.0.0.1"));
  o = options_of (rq);
  g_assert_cmpstr (o, ==, "53,61,50,54,12,55");
  g_clear_pointer (&o, g_free);
  /* Why the REQUEST went out: the transition, which the OFFER's arrival at PC1 caused. */
  why = l3_by_id (bed, rq->ev->cause);
  g_assert_nonnull (why);
  g_assert_cmpint (why->code, ==, WL_NOTE_DHCP_STATE);
  g_assert_cmpstr (why->args, ==, "from=selecting to=requesting");
  why = l3_by_id (bed, why->cause);
  g_assert_cmpint (why->kind, ==, WL_EVENT_FRAME_RECEIVED);
  g_assert_cmpint (why->device, ==, 2);

  ack = nth (sent, 3);
  g_assert_cmpuint (ack->msg.yiaddr, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (ack->msg.dns[0], ==, l3_ip ("10.0.0.53"));

  /* The probe after the ACK, the announcement one second later with the binding. */
  probe = l3_nth (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 2, 2);
  g_assert_nonnull (probe);
  g_assert_cmpuint (wl_get_u16 (probe->frame + 12), ==, 0x0806);
  g_assert_cmpuint (wl_get_u32 (probe->frame + 14 + WL_ARP_OFF_SPA), ==, 0);
  g_assert_cmpuint (wl_get_u32 (probe->frame + 14 + WL_ARP_OFF_TPA), ==, l3_ip ("10.0.0.100"));
  bound = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_BOUND, 2, 0);
  g_assert_nonnull (bound);
  g_assert_cmpstr (bound->args, ==, "ip=10.0.0.100 lease_s=3600 server=10.0.0.1");
  g_assert_cmpuint (bound->time - probe->time, ==, WL_S);
  announce = l3_nth (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 2, 3);
  g_assert_nonnull (announce);
  g_assert_cmpuint (wl_get_u32 (announce->frame + 14 + WL_ARP_OFF_SPA), ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (wl_get_u32 (announce->frame + 14 + WL_ARP_OFF_TPA), ==, l3_ip ("10.0.0.100"));

  /* The interface is configured: address, mask, default route. */
  g_assert_cmpuint (wl_stack_get_iface (pc, 0)->address, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (wl_stack_get_iface (pc, 0)->prefix, ==, 24);
  route = wl_route_table_lookup (&pc->routes, l3_ip ("192.0.2.1"));
  g_assert_nonnull (route);
  g_assert_cmpuint (route->via, ==, l3_ip ("10.0.0.1"));
  g_assert_true (wl_dhcp_client_get_lease (wl_dhcp_client_get (pc, 0), &lease));
  g_assert_cmpuint (lease.n_dns, ==, 1);
  g_assert_cmpuint (lease.dns[0], ==, l3_ip ("10.0.0.53"));
  /* The host's resolver now asks option 6's server. */
  g_assert_nonnull (wl_dns_stub_get (pc));
  g_assert_cmpuint (wl_dns_stub_get_server (wl_dns_stub_get (pc)), ==, l3_ip ("10.0.0.53"));
  /* Lease times count from the REQUEST (RFC 2131 §4.4.1). */
  g_assert_cmpuint (lease.obtained, ==, rq->ev->time);
  g_assert_cmpuint (lease.t1, ==, rq->ev->time + 1800 * WL_S);
  g_assert_cmpuint (lease.t2, ==, rq->ev->time + 3150 * WL_S);
  g_assert_cmpuint (lease.expires, ==, rq->ev->time + 3600 * WL_S);
}

/* Time of the nth state note of PC1 going to state `to`. */
static WlTime
state_time (L3Bed      *bed,
            const char *to,
            guint       n)
{
  g_autoptr (GPtrArray) notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_STATE,
                                         l3_bed_index (bed, "PC1"));

  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *v = l3_arg (g_ptr_array_index (notes, i), "to");

      if (g_str_equal (v, to) && n-- == 0)
        return ((const WlTraceEvent *) g_ptr_array_index (notes, i))->time;
    }
  g_assert_not_reached ();
  return 0;
}

static void
on_server_down (WlSim   *sim,
                gpointer target,
                gpointer data)
{
  wl_udp_unbind (target, WL_DHCP_SERVER_PORT);
}

static void
test_timers (void)
{
  static const char *const short_lease[] = { "pool=10.0.0.100-10.0.0.199", "lease=80s", NULL };
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 3);
  g_autoptr (GArray) sent = NULL;
  g_autofree char *states = NULL;
  const DhcpSent *renew = NULL, *rebind = NULL, *rediscover = NULL;
  WlTime req, t1, t2, t1b;
  WlStack *pc;

  dhcp_start_server (bed, "S1", short_lease);
  /* The server answers the first renewal (at 40 s), then goes quiet at 60 s. */
  wl_sim_schedule_at (bed->sim, 60 * WL_S, on_server_down, l3_bed_stack (bed, "S1"), NULL,
                      NULL);
  l3_bed_run (bed, 400 * WL_S);
  pc = l3_bed_stack (bed, "PC1");

  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==,
                   "init>selecting,selecting>requesting,requesting>bound,"
                   "bound>renewing,renewing>bound,"
                   "bound>renewing,renewing>rebinding,rebinding>init,init>selecting,"
                   "selecting>init");

  sent = dhcp_sent (bed, l3_bed_index (bed, "PC1"), -1);
  req = nth (sent, 1)->ev->time;  /* the first REQUEST */
  t1 = state_time (bed, "renewing", 0);
  g_assert_cmpuint (t1, ==, req + 40 * WL_S);   /* T1 = 0.5 × 80 s */
  renew = nth (sent, 2);
  /* (it waits for ARP to find the server's MAC) */
  g_assert_cmpuint (renew->ev->time, >=, t1);
  g_assert_cmpuint (renew->ev->time, <, t1 + WL_MS);
  /* RENEWING: unicast through the stack's UDP, from the leased address, no 50 or 54. */
  g_assert_cmpuint (renew->ip_src, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (renew->ip_dst, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (renew->ip_ttl, ==, 64);
  g_assert_cmpuint (renew->msg.ciaddr, ==, l3_ip ("10.0.0.100"));
  g_assert_false (renew->msg.has & (WL_DHCP_HAS_REQUESTED_IP | WL_DHCP_HAS_SERVER_ID));

  /* The renewed lease counts from the renewal's REQUEST: next T1 40 s later. */
  t1b = state_time (bed, "renewing", 1);
  g_assert_cmpuint (t1b, ==, t1 + 40 * WL_S);
  t2 = state_time (bed, "rebinding", 0);
  g_assert_cmpuint (t2, ==, t1 + 70 * WL_S);  /* T2 = 0.875 × 80 s */
  rebind = nth (sent, 4);
  g_assert_cmpuint (rebind->ev->time, ==, t2);
  g_assert_cmpuint (rebind->ip_src, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (rebind->ip_dst, ==, 0xffffffff);
  g_assert_cmpuint (rebind->msg.ciaddr, ==, l3_ip ("10.0.0.100"));

  /* Expiry: back to INIT, the address gone, a DISCOVER asking for the old one. */
  g_assert_cmpuint (state_time (bed, "init", 0), ==, t1 + 80 * WL_S);
  rediscover = nth (sent, 5);
  g_assert_cmpuint (rediscover->msg.msg_type, ==, WL_DHCP_DISCOVER);
  g_assert_cmpuint (rediscover->msg.requested_ip, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (wl_stack_get_iface (pc, 0)->address, ==, 0);
  g_assert_null (wl_route_table_lookup (&pc->routes, l3_ip ("10.0.0.1")));
  g_assert_cmpint (wl_dhcp_client_get_state (wl_dhcp_client_get (pc, 0)), ==,
                   WL_DHCP_STATE_INIT);
}

static void
test_backoff_and_give_up (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 5);
  g_autoptr (GArray) sent = NULL;
  g_autofree char *states = NULL;
  static const WlTime base[] = { 4, 8, 16, 32 };
  WlTime prev, give_up;

  /* No server: five DISCOVERs 4, 8, 16, 32 s apart (±1 s), then 64 ± 1 s of waiting. */
  l3_bed_run (bed, 0);
  sent = dhcp_sent (bed, l3_bed_index (bed, "PC1"), -1);
  g_assert_cmpuint (sent->len, ==, 5);
  prev = nth (sent, 0)->ev->time;
  g_assert_cmpuint (prev, ==, 0);
  for (guint i = 1; i < 5; i++)
    {
      WlTime t = nth (sent, i)->ev->time, gap = t - prev;

      g_assert_cmpuint (gap, >=, (base[i - 1] - 1) * WL_S);
      g_assert_cmpuint (gap, <=, (base[i - 1] + 1) * WL_S);
      /* Same transaction; secs counts whole seconds since the first. */
      g_assert_cmpuint (nth (sent, i)->msg.xid, ==, nth (sent, 0)->msg.xid);
      g_assert_cmpuint (nth (sent, i)->msg.secs, ==, t / WL_S);
      prev = t;
    }
  give_up = state_time (bed, "init", 0);
  g_assert_cmpuint (give_up - prev, >=, 63 * WL_S);
  g_assert_cmpuint (give_up - prev, <=, 65 * WL_S);
  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==, "init>selecting,selecting>init");
  g_assert_nonnull (strstr (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_STATE, -1, 1)->args,
                            "reason=timeout"));
}

static void
test_broadcast_flag (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GArray) sent = NULL;
  WlDhcpClientConfig cfg;

  /* A client made by hand (the lab gives it no address) with the BROADCAST flag set. */
  l3_add_host (lab, "S1", "10.0.0.1/24", NULL);
  wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  l3_connect (lab, "S1", 0, "PC1", 0);
  bed = l3_bed_new (lab, 1);
  wl_dhcp_client_config_init (&cfg);
  cfg.broadcast = TRUE;
  wl_dhcp_client_new (l3_bed_stack (bed, "PC1"), 0, &cfg);
  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 10 * WL_S);

  sent = dhcp_sent (bed, -1, -1);
  g_assert_cmpuint (sent->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const DhcpSent *s = nth (sent, i);

      g_assert_cmpuint (s->msg.flags, ==, WL_DHCP_FLAG_BROADCAST);
      g_assert_cmpuint (s->ip_dst, ==, 0xffffffff);
      g_assert_true (wl_mac_is_broadcast ((const WlMac *) s->ev->frame));
    }
  g_assert_false (nth (sent, 0)->msg.has & WL_DHCP_HAS_HOST_NAME);
  g_assert_cmpuint (wl_stack_get_iface (l3_bed_stack (bed, "PC1"), 0)->address, ==,
                    l3_ip ("10.0.0.100"));
}

static void
test_release_and_renew (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GArray) sent = NULL;
  g_autofree char *types = NULL, *states = NULL;
  const DhcpSent *rel, *disc;
  WlStack *pc;

  l3_action (lab, 20 * WL_S, "PC1", "ipconfig /release");
  l3_action (lab, 30 * WL_S, "PC1", "ipconfig /renew");
  bed = l3_bed_new (lab, 1);
  dhcp_start_server (bed, "S1", basic);
  pc = l3_bed_stack (bed, "PC1");
  /* Between the two: no address, no route, no DNS server. */
  l3_bed_run (bed, 25 * WL_S);
  g_assert_cmpuint (wl_stack_get_iface (pc, 0)->address, ==, 0);
  g_assert_cmpuint (wl_route_table_get_len (&pc->routes), ==, 0);
  g_assert_cmpuint (wl_dns_stub_get_server (wl_dns_stub_get (pc)), ==, 0);
  l3_bed_run (bed, 60 * WL_S);

  sent = dhcp_sent (bed, -1, PC1_LINK);
  types = dhcp_types (sent);
  g_assert_cmpstr (types, ==, "1,2,3,5,7,1,2,3,5");
  states = dhcp_states (bed, "PC1");
  g_assert_cmpstr (states, ==,
                   "init>selecting,selecting>requesting,requesting>bound,bound>init,"
                   "init>selecting,selecting>requesting,requesting>bound");
  /* RELEASE: unicast to the server from the address being given up, 53, 61, 54 only. */
  rel = nth (sent, 4);
  /* (after the ARP exchange that finds the server's MAC) */
  g_assert_cmpuint (rel->ev->time, >=, 20 * WL_S);
  g_assert_cmpuint (rel->ev->time, <, 20 * WL_S + WL_MS);
  g_assert_cmpuint (rel->ip_src, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (rel->ip_dst, ==, l3_ip ("10.0.0.1"));
  g_assert_cmpuint (rel->msg.ciaddr, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (rel->msg.has, ==,
                    WL_DHCP_HAS_MSG_TYPE | WL_DHCP_HAS_CLIENT_ID | WL_DHCP_HAS_SERVER_ID);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_RELEASED, 0), ==, 1);
  g_assert_cmpuint (wl_dns_stub_get_server (wl_dns_stub_get (pc)), ==, l3_ip ("10.0.0.53"));
  /* The renewal asks for the old address again, and gets it. */
  disc = nth (sent, 5);
  g_assert_cmpuint (disc->ev->time, ==, 30 * WL_S);
  g_assert_cmpuint (disc->msg.requested_ip, ==, l3_ip ("10.0.0.100"));
  g_assert_cmpuint (wl_stack_get_iface (pc, 0)->address, ==, l3_ip ("10.0.0.100"));
}

/* The same lab and seed give the same bytes; another seed another transaction id. */
static GBytes *
run_bytes (guint64 seed)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (3);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, seed);
  GByteArray *all = g_byte_array_new ();

  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 30 * WL_S);
  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      g_byte_array_append (all, (const guint8 *) &ev->time, sizeof ev->time);
      if (ev->frame != NULL)
        g_byte_array_append (all, ev->frame, (guint) ev->frame_len);
      if (ev->args != NULL)
        g_byte_array_append (all, (const guint8 *) ev->args, (guint) strlen (ev->args));
    }
  return g_byte_array_free_to_bytes (all);
}

static void
test_determinism (void)
{
  g_autoptr (GBytes) a = run_bytes (11);
  g_autoptr (GBytes) b = run_bytes (11);
  g_autoptr (GBytes) c = run_bytes (12);

  g_assert_true (g_bytes_equal (a, b));
  g_assert_false (g_bytes_equal (a, c));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/client/dora", test_dora);
  g_test_add_func ("/engine/dhcp/client/timers", test_timers);
  g_test_add_func ("/engine/dhcp/client/backoff-and-give-up", test_backoff_and_give_up);
  g_test_add_func ("/engine/dhcp/client/broadcast-flag", test_broadcast_flag);
  g_test_add_func ("/engine/dhcp/client/release-and-renew", test_release_and_renew);
  g_test_add_func ("/engine/dhcp/client/determinism", test_determinism);
  return g_test_run ();
}
