/* wl-dhcp-client.c — the DHCP client of one interface: getting an address, keeping it,
 * giving it back.
 *
 * RFC 2131 §4.4 (client behaviour), §4.1 (retransmission), RFC 5227 (the ARP probe that
 * RFC 2131 §2.2 and §4.4.1 ask for before using an address).  The messages are ISC
 * dhclient's (Debian's dhclient.conf), the probe and announcement systemd-networkd's and
 * Windows'.
 *
 * Where it sits: an application on a host's stack, on UDP port 68 (one binding per stack,
 * shared by the clients of its interfaces: the datagram's arrival interface picks the
 * client).  The stack knows the client of an interface (WlStackIface.dhcp) so that a unicast
 * to the address being offered reaches it before the interface has that address
 * (wl-ipv4.c).  ARP frames reach the probe through wl_dhcp_client_arp_input(), the copy a
 * packet socket would see (engine/devices/wl-host.c).
 *
 * State: the state of RFC 2131 Figure 5, the transaction id, the offer being requested, the
 * lease held, and five timers (retransmission, T1, T2, expiry, probe/restart).
 *
 *    INIT ──DISCOVER──▶ SELECTING ──1st OFFER, REQUEST──▶ REQUESTING ──ACK, probe quiet──▶ BOUND
 *      ▲                                                    │ ACK, probe answered: DECLINE,
 *      └──────────── NAK, no answer, lease expired ─────────┘ and INIT again after 10 s
 *    BOUND ──T1, unicast REQUEST──▶ RENEWING ──T2, broadcast REQUEST──▶ REBINDING
 *    RENEWING, REBINDING ──ACK──▶ BOUND          REBINDING ──expiry──▶ INIT
 *
 * Every transition is a dhcp-state note "from=… to=…" (with reason=… when going back to
 * INIT: timeout, nak, declined, expired, released), and what the client sends next is caused
 * by it.  Binding adds a dhcp-bound note "ip=… lease_s=… server=…".
 *
 * What it sends is built in wl-dhcp-client-out.c.  Choices, with what real clients do:
 *   messages  DISCOVER and REQUEST carry 53, 61 (type 1 + MAC, as Windows and systemd send;
 *             dhclient only when configured), 50, 54 (REQUEST in SELECTING), 12 (the device
 *             name, dhclient's "send host-name = gethostname()") and 55 (Debian's request
 *             list: 1 28 2 3 15 6 119 12 44 47 26 121 42).  The BROADCAST flag is clear:
 *             Linux clients hear unicasts through their packet socket.  DECLINE and RELEASE
 *             carry only 53, 61, 50/ciaddr and 54, as RFC 2131 Table 5 demands.
 *   sending   before it has an address, or when broadcasting, the client builds its frames
 *             like dhclient's packet socket (wl-dhcp-io.c): from 0.0.0.0 (or its address
 *             when rebinding) to 255.255.255.255.  Renewing and RELEASE are unicasts through
 *             the stack's UDP, from the leased address to the server.
 *   secs      seconds since the exchange began (the first DISCOVER, or the first REQUEST of a
 *             renewal).  xid: a new one for each DISCOVER cycle and each renewal, drawn from
 *             the simulation's generator.
 *   timing    the first DISCOVER at once (RFC 2131 suggests a random 1–10 s wait; dhclient's
 *             default initial-delay is 0).  Retransmissions after 4, 8, 16, 32 s, each ±1 s
 *             drawn from the generator (RFC 2131 §4.1); after 5 DISCOVERs with no OFFER the
 *             client gives up and stays in INIT (Windows would then pick a 169.254 address,
 *             dhclient retry after 5 min; `ipconfig /renew` starts again).  5 REQUESTs with
 *             no answer, or a NAK, start a new DISCOVER cycle; after 3 cycles it gives up.
 *   offers    the first OFFER wins (dhclient's select-timeout 0); later ones are ignored.
 *   probe     when the ACK arrives, one ARP probe (sender 0.0.0.0, target the address) and
 *             1 s of listening (RFC 5227's PROBE_MIN; it sends 3 probes over 1–2 s each).
 *             Any ARP from the address, or another probe for it, means someone uses it:
 *             DECLINE, and DISCOVER again after 10 s (RFC 2131 §3.1 step 5).  Quiet: the
 *             address is set with its mask (option 1, else the classful mask), the default
 *             route via option 3, the stub resolver's server from option 6 (wl-dns-stub.c),
 *             and one announcement (ARP request, sender = target = the address) tells the
 *             LAN.
 *   lease     times count from when the first REQUEST of the exchange was sent (RFC 2131
 *             §4.4.1).  T1 is option 58, else 0.5 × lease; T2 option 59, else 0.875 × lease.
 *             Renewing retransmits after half the time left to T2, rebinding after half the
 *             time left to expiry, never sooner than 60 s (§4.4.5).  On expiry the address is
 *             dropped and a new DISCOVER cycle starts.
 *   release   RELEASE to the server, the address, route and DNS server are dropped, and the
 *             next DISCOVER asks for the old address again (option 50).
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <string.h>

#include "wl-arp-wire.h"
#include "wl-dhcp-client-private.h"
#include "wl-ethernet-wire.h"
#include "wl-stack-private.h"

const char *
wl_dhcp_client_state_to_string (WlDhcpClientState state)
{
  static const char *const names[] = {
    "init", "selecting", "requesting", "bound", "renewing", "rebinding",
  };

  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (names), "unknown");
  return names[state];
}

/* Emits the transition and makes it the cause of what follows. */
static void
set_state (WlDhcpClient     *c,
           WlDhcpClientState to,
           const char       *reason)
{
  guint64 id = _wl_dhcp_note (c->stack, c->iface, WL_NOTE_DHCP_STATE, "from=%s to=%s%s%s",
                              wl_dhcp_client_state_to_string (c->state),
                              wl_dhcp_client_state_to_string (to), reason ? " reason=" : "",
                              reason ? reason : "");

  c->state = to;
  wl_sim_set_cause (c->stack->sim, id);
}

static void
cancel (WlDhcpClient *c,
        WlTimerId    *timer)
{
  if (*timer != 0)
    wl_sim_cancel (c->stack->sim, *timer);
  *timer = 0;
}

static void
cancel_all (WlDhcpClient *c)
{
  cancel (c, &c->retrans);
  cancel (c, &c->t1);
  cancel (c, &c->t2);
  cancel (c, &c->expiry);
  cancel (c, &c->wait);
  c->probing = FALSE;
}

static void
finish (WlDhcpClient *c,
        gboolean      bound)
{
  WlDhcpDoneFunc done = c->done;

  c->done = NULL;
  if (done != NULL)
    done (c, bound, c->done_data);
}

/* Cycles ------------------------------------------------------------------------------------- */

/* INIT → SELECTING: a new transaction. */
static void
start_cycle (WlDhcpClient *c)
{
  WlTime now = wl_sim_now (c->stack->sim);

  c->cycles++;
  c->xid = (guint32) wl_sim_random_int (c->stack->sim, G_MAXUINT32) + 1;
  c->began = now;
  c->tries = 0;
  set_state (c, WL_DHCP_STATE_SELECTING, NULL);
  _wl_dhcp_client_send_discover (c);
}

static void
on_restart (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  WlDhcpClient *c = target;

  c->wait = 0;
  start_cycle (c);
}

/* Back to INIT; start over unless this was the last cycle (then the client waits). */
static void
back_to_init (WlDhcpClient *c,
              const char   *reason,
              WlTime        pause)
{
  cancel_all (c);
  _wl_dhcp_client_unconfigure (c);
  set_state (c, WL_DHCP_STATE_INIT, reason);
  if (c->cycles >= MAX_CYCLES || g_strcmp0 (reason, "released") == 0)
    {
      finish (c, FALSE);
      return;
    }
  if (pause == 0)
    start_cycle (c);
  else
    c->wait = wl_sim_schedule (c->stack->sim, pause, on_restart, c, NULL, NULL);
}

void
_wl_dhcp_client_on_retrans (WlSim   *sim,
                            gpointer target,
                            gpointer data)
{
  WlDhcpClient *c = target;

  c->retrans = 0;
  if (c->state == WL_DHCP_STATE_SELECTING && c->tries >= MAX_TRIES)
    {
      /* No server answered: give up until told to try again. */
      c->cycles = MAX_CYCLES;
      back_to_init (c, "timeout", 0);
    }
  else if (c->state == WL_DHCP_STATE_REQUESTING && c->tries >= MAX_TRIES)
    back_to_init (c, "timeout", 0);
  else if (c->state == WL_DHCP_STATE_SELECTING)
    _wl_dhcp_client_send_discover (c);
  else
    _wl_dhcp_client_send_request (c);
}

/* Lease timers ------------------------------------------------------------------------------- */

static void
on_t1 (WlSim   *sim,
       gpointer target,
       gpointer data)
{
  WlDhcpClient *c = target;

  c->t1 = 0;
  if (c->state != WL_DHCP_STATE_BOUND)
    return;
  c->xid = (guint32) wl_sim_random_int (sim, G_MAXUINT32) + 1;
  c->began = wl_sim_now (sim);
  c->tries = 0;
  set_state (c, WL_DHCP_STATE_RENEWING, NULL);
  _wl_dhcp_client_send_request (c);
}

static void
on_t2 (WlSim   *sim,
       gpointer target,
       gpointer data)
{
  WlDhcpClient *c = target;

  c->t2 = 0;
  if (c->state != WL_DHCP_STATE_RENEWING && c->state != WL_DHCP_STATE_BOUND)
    return;
  cancel (c, &c->retrans);
  set_state (c, WL_DHCP_STATE_REBINDING, NULL);
  _wl_dhcp_client_send_request (c);
}

static void
on_expiry (WlSim   *sim,
           gpointer target,
           gpointer data)
{
  WlDhcpClient *c = target;

  c->expiry = 0;
  c->last_address = c->lease.address;
  c->cycles = 0;
  back_to_init (c, "expired", 0);
}

static WlTimerId
schedule_at (WlDhcpClient *c,
             WlTime        at,
             WlSimFunc     func)
{
  if (at == WL_TIME_FOREVER)
    return 0;
  return wl_sim_schedule_at (c->stack->sim, MAX (at, wl_sim_now (c->stack->sim)), func, c, NULL,
                             NULL);
}

/* RFC 2131 §4.4.5: T1, T2 and the end of the lease, from when the REQUEST was sent. */
static void
set_lease_times (WlDhcpClient        *c,
                 const WlDhcpMessage *ack)
{
  WlDhcpLeaseInfo *l = &c->lease;
  guint64 lease_ns = (guint64) ack->lease_time * WL_S;
  guint64 t1 = lease_ns / 2, t2 = lease_ns / 8 * 7;

  l->lease_s = ack->lease_time;
  l->obtained = c->req_sent;
  if (ack->lease_time == WL_DHCP_INFINITE)
    {
      l->t1 = l->t2 = l->expires = WL_TIME_FOREVER;
      return;
    }
  if ((ack->has & WL_DHCP_HAS_RENEWAL_TIME) && ack->renewal_time < ack->lease_time)
    t1 = (guint64) ack->renewal_time * WL_S;
  if ((ack->has & WL_DHCP_HAS_REBINDING_TIME) && ack->rebinding_time < ack->lease_time
      && (guint64) ack->rebinding_time * WL_S >= t1)
    t2 = (guint64) ack->rebinding_time * WL_S;
  l->t1 = c->req_sent + t1;
  l->t2 = c->req_sent + MAX (t1, t2);
  l->expires = c->req_sent + lease_ns;
}

/* Classful mask when the server sent none (RFC 1122 §3.3.1.1 falls back on it). */
static guint
classful_prefix (guint32 ip)
{
  return ip < 0x80000000u ? 8 : ip < 0xc0000000u ? 16 : 24;
}

static void
take_ack (WlDhcpClient        *c,
          const WlDhcpMessage *ack)
{
  WlDhcpLeaseInfo *l = &c->lease;
  guint32 mask = ack->subnet_mask;

  memset (l, 0, sizeof *l);
  l->address = ack->yiaddr;
  l->prefix = classful_prefix (ack->yiaddr);
  /* A mask is ones then zeros (adding its lowest set bit clears it); the prefix is 32 minus
   * the zeros. */
  if ((ack->has & WL_DHCP_HAS_SUBNET_MASK) && mask != 0 && (~mask & (~mask + 1)) == 0)
    l->prefix = 32 - (guint) g_bit_nth_lsf (mask, -1);
  if (ack->has & WL_DHCP_HAS_ROUTER)
    l->router = ack->routers[0];
  memcpy (l->dns, ack->dns, sizeof l->dns);
  l->n_dns = ack->has & WL_DHCP_HAS_DNS ? ack->n_dns : 0;
  l->server = ack->has & WL_DHCP_HAS_SERVER_ID ? ack->server_id : c->offer_server;
  set_lease_times (c, ack);
}

static void
bind_lease (WlDhcpClient *c)
{
  WlStackIface *ifc = wl_stack_get_iface (c->stack, c->iface);
  gboolean announce = !c->configured || ifc->address != c->lease.address;
  char a[16], s[16];

  c->probing = FALSE;
  _wl_dhcp_client_configure (c);
  set_state (c, WL_DHCP_STATE_BOUND, NULL);
  wl_sim_set_cause (c->stack->sim,
                    _wl_dhcp_note (c->stack, c->iface, WL_NOTE_DHCP_BOUND,
                                   "ip=%s lease_s=%u server=%s", wl_ip_format (c->lease.address, a),
                                   c->lease.lease_s, wl_ip_format (c->lease.server, s)));
  cancel (c, &c->retrans);
  cancel (c, &c->t1);
  cancel (c, &c->t2);
  cancel (c, &c->expiry);
  c->t1 = schedule_at (c, c->lease.t1, on_t1);
  c->t2 = schedule_at (c, c->lease.t2, on_t2);
  c->expiry = schedule_at (c, c->lease.expires, on_expiry);
  c->cycles = 0;
  c->last_address = c->lease.address;
  if (announce)
    _wl_dhcp_client_send_arp (c, c->lease.address, c->lease.address);
  finish (c, TRUE);
}

/* Receiving ---------------------------------------------------------------------------------- */

static void
on_offer (WlDhcpClient        *c,
          const WlDhcpMessage *m)
{
  if (c->state != WL_DHCP_STATE_SELECTING || m->yiaddr == 0
      || !(m->has & WL_DHCP_HAS_SERVER_ID))
    return;  /* only the first offer counts */
  cancel (c, &c->retrans);
  c->offered = m->yiaddr;
  c->offer_server = m->server_id;
  c->tries = 0;
  set_state (c, WL_DHCP_STATE_REQUESTING, NULL);
  _wl_dhcp_client_send_request (c);
}

static void
on_probe_quiet (WlSim   *sim,
                gpointer target,
                gpointer data)
{
  WlDhcpClient *c = target;

  c->wait = 0;
  bind_lease (c);
}

static void
on_ack (WlDhcpClient        *c,
        const WlDhcpMessage *m)
{
  gboolean requesting = c->state == WL_DHCP_STATE_REQUESTING;

  /* An ACK to a REQUEST carries the lease time (RFC 2131 Table 3); an ACK without it answers
   * an INFORM. */
  if (m->yiaddr == 0 || !(m->has & WL_DHCP_HAS_LEASE_TIME) || c->probing
      || !(requesting || c->state == WL_DHCP_STATE_RENEWING
           || c->state == WL_DHCP_STATE_REBINDING))
    return;
  cancel (c, &c->retrans);
  take_ack (c, m);
  if (!requesting || !c->arp_probe)
    {
      bind_lease (c);
      return;
    }
  /* RFC 5227: ask who has the address, from no address, and listen for a second. */
  c->probing = TRUE;
  _wl_dhcp_client_send_arp (c, 0, c->lease.address);
  c->wait = wl_sim_schedule (c->stack->sim, PROBE_WAIT, on_probe_quiet, c, NULL, NULL);
}

static void
on_nak (WlDhcpClient        *c,
        const WlDhcpMessage *m)
{
  if (c->state != WL_DHCP_STATE_REQUESTING && c->state != WL_DHCP_STATE_RENEWING
      && c->state != WL_DHCP_STATE_REBINDING)
    return;
  if (c->state != WL_DHCP_STATE_REQUESTING)
    c->cycles = 0;  /* a lease was lost: a fresh start */
  c->last_address = 0;
  back_to_init (c, "nak", 0);
}

static void
on_udp (WlStack         *stack,
        const WlUdpInfo *info,
        WlPacket        *payload,
        gpointer         user_data)
{
  WlDhcpClient *c = wl_dhcp_client_get (stack, info->iface);
  guint64 prev = wl_sim_get_cause (stack->sim);
  WlDhcpMessage m;
  WlMac mac;

  if (c == NULL)
    {
      wl_packet_unref (payload);
      return;
    }
  if (!_wl_dhcp_receive (stack, info, payload, &m))
    return;
  /* Ours: a reply, to our transaction, for our MAC. */
  if (m.op != WL_BOOTP_REPLY || m.xid != c->xid || !wl_dhcp_message_get_mac (&m, &mac)
      || !wl_mac_equal (&mac, &c->mac) || !(m.has & WL_DHCP_HAS_MSG_TYPE))
    return;
  if (m.msg_type == WL_DHCP_OFFER)
    on_offer (c, &m);
  else if (m.msg_type == WL_DHCP_ACK)
    on_ack (c, &m);
  else if (m.msg_type == WL_DHCP_NAK)
    on_nak (c, &m);
  wl_sim_set_cause (stack->sim, prev);
}

static void
decline (WlDhcpClient *c)
{
  char a[16];

  wl_sim_set_cause (c->stack->sim,
                    _wl_dhcp_note (c->stack, c->iface, WL_NOTE_DHCP_DECLINED, "ip=%s",
                                   wl_ip_format (c->lease.address, a)));
  _wl_dhcp_client_send_decline (c);
  c->last_address = 0;
  back_to_init (c, "declined", DECLINE_WAIT);
}

void
wl_dhcp_client_arp_input (WlStack      *stack,
                          gint          iface,
                          const guint8 *frame,
                          gsize         len)
{
  WlDhcpClient *c = wl_dhcp_client_get (stack, iface);
  const guint8 *p = frame + WL_ETH_HLEN;
  guint32 spa, tpa;
  guint64 prev;

  if (c == NULL || !c->probing || len < WL_ETH_HLEN + WL_ARP_LEN
      || wl_get_u16 (frame + WL_ETH_OFF_TYPE) != WL_ETHERTYPE_ARP
      || wl_get_u16 (p + WL_ARP_OFF_PTYPE) != WL_ETHERTYPE_IPV4
      || memcmp (p + WL_ARP_OFF_SHA, c->mac.b, 6) == 0)
    return;
  spa = wl_get_u32 (p + WL_ARP_OFF_SPA);
  tpa = wl_get_u32 (p + WL_ARP_OFF_TPA);
  /* RFC 5227 §2.1.1: a conflict is any ARP from the address, or another host's probe for it. */
  if (spa != c->lease.address
      && !(spa == 0 && tpa == c->lease.address
           && wl_get_u16 (p + WL_ARP_OFF_OP) == WL_ARP_OP_REQUEST))
    return;
  prev = wl_sim_get_cause (stack->sim);
  decline (c);
  wl_sim_set_cause (stack->sim, prev);
}

/* The program ------------------------------------------------------------------------------ */

void
wl_dhcp_client_config_init (WlDhcpClientConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->client_id = TRUE;
  cfg->arp_probe = TRUE;
}

static void
client_free (gpointer data)
{
  WlDhcpClient *c = data;

  cancel_all (c);
  c->stack->ifaces[c->iface].dhcp = NULL;
  g_free (c->host_name);
  g_free (c);
}

WlDhcpClient *
wl_dhcp_client_new (WlStack                  *stack,
                    gint                      iface,
                    const WlDhcpClientConfig *cfg)
{
  WlStackIface *ifc = wl_stack_get_iface (stack, iface);
  WlDhcpClient *c;

  g_return_val_if_fail (ifc != NULL && ifc->dhcp == NULL, NULL);

  c = g_new0 (WlDhcpClient, 1);
  c->stack = stack;
  c->iface = iface;
  c->mac = ifc->port->mac;
  c->host_name = g_strdup (cfg->host_name);
  c->broadcast = cfg->broadcast;
  c->client_id = cfg->client_id;
  c->arp_probe = cfg->arp_probe;
  c->state = WL_DHCP_STATE_INIT;
  ifc->dhcp = c;
  /* One port 68 for the whole stack; the arrival interface finds the client. */
  if (!wl_udp_is_bound (stack, WL_DHCP_CLIENT_PORT))
    wl_udp_bind (stack, WL_DHCP_CLIENT_PORT, on_udp, NULL);
  wl_stack_add_app (stack, c, client_free);
  return c;
}

WlDhcpClient *
wl_dhcp_client_get (WlStack *stack,
                    gint     iface)
{
  if (iface < 0 || (guint) iface >= stack->n_ifaces)
    return NULL;
  return stack->ifaces[iface].dhcp;
}

void
wl_dhcp_client_start (WlDhcpClient *c)
{
  g_return_if_fail (c != NULL);

  if (c->state != WL_DHCP_STATE_INIT || c->wait != 0)
    return;
  c->cycles = 0;
  start_cycle (c);
}

void
wl_dhcp_client_renew (WlDhcpClient  *c,
                      WlDhcpDoneFunc done,
                      gpointer       user_data)
{
  g_return_if_fail (c != NULL);

  c->done = done;
  c->done_data = user_data;
  if (c->state == WL_DHCP_STATE_BOUND)
    {
      /* Windows renews at once: T1 comes now. */
      cancel (c, &c->t1);
      on_t1 (c->stack->sim, c, NULL);
    }
  else if (c->state == WL_DHCP_STATE_INIT)
    wl_dhcp_client_start (c);
}

gboolean
wl_dhcp_client_release (WlDhcpClient *c)
{
  char a[16];

  g_return_val_if_fail (c != NULL, FALSE);

  if (c->state != WL_DHCP_STATE_BOUND && c->state != WL_DHCP_STATE_RENEWING
      && c->state != WL_DHCP_STATE_REBINDING)
    return FALSE;
  wl_sim_set_cause (c->stack->sim,
                    _wl_dhcp_note (c->stack, c->iface, WL_NOTE_DHCP_RELEASED, "ip=%s",
                                   wl_ip_format (c->lease.address, a)));
  _wl_dhcp_client_send_release (c);
  c->last_address = c->lease.address;
  back_to_init (c, "released", 0);
  return TRUE;
}

WlDhcpClientState
wl_dhcp_client_get_state (WlDhcpClient *c)
{
  g_return_val_if_fail (c != NULL, WL_DHCP_STATE_INIT);
  return c->state;
}

gboolean
wl_dhcp_client_get_lease (WlDhcpClient    *c,
                          WlDhcpLeaseInfo *out)
{
  g_return_val_if_fail (c != NULL && out != NULL, FALSE);

  if (c->state != WL_DHCP_STATE_BOUND && c->state != WL_DHCP_STATE_RENEWING
      && c->state != WL_DHCP_STATE_REBINDING)
    return FALSE;
  *out = c->lease;
  return TRUE;
}
