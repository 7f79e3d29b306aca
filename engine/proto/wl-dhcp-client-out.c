/* wl-dhcp-client-out.c — what a DHCP client puts out: its messages, its ARP probe and
 * announcement, and the configuration a lease gives the interface.
 *
 * RFC 2131 §4.4 and Table 5 (the fields and options of each client message), §4.1
 * (retransmission), RFC 5227 §2.1–2.3 (probe and announcement).  The choices (options sent,
 * timing, how frames are built) are explained at the top of wl-dhcp-client.c, the state
 * machine that calls these.
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <string.h>

#include "wl-arp-wire.h"
#include "wl-dhcp-client-private.h"
#include "wl-dns.h"
#include "wl-ethernet-wire.h"
#include "wl-ipv4-wire.h"
#include "wl-stack-private.h"

/* Debian's dhclient.conf "request" line, as option numbers. */
static const guint8 param_list[] = { 1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42 };

/* Messages --------------------------------------------------------------------------------- */

/* A BOOTREQUEST of type with the header and the options every message of the client has. */
static void
message_init (WlDhcpClient  *c,
              WlDhcpMessage *m,
              guint8         type)
{
  WlTime secs = (wl_sim_now (c->stack->sim) - c->began) / WL_S;

  wl_dhcp_message_init (m, WL_BOOTP_REQUEST, c->xid, &c->mac);
  m->has = WL_DHCP_HAS_MSG_TYPE;
  m->msg_type = type;
  if (c->client_id)
    {
      m->has |= WL_DHCP_HAS_CLIENT_ID;
      m->client_id[0] = WL_DHCP_HTYPE_ETHERNET;
      memcpy (m->client_id + 1, c->mac.b, 6);
      m->client_id_len = 7;
    }
  if (type == WL_DHCP_DECLINE || type == WL_DHCP_RELEASE)
    return;
  m->secs = (guint16) MIN (secs, G_MAXUINT16);
  if (c->broadcast)
    m->flags = WL_DHCP_FLAG_BROADCAST;
  if (c->host_name != NULL)
    {
      m->has |= WL_DHCP_HAS_HOST_NAME;
      g_strlcpy (m->host_name, c->host_name, sizeof m->host_name);
    }
  m->has |= WL_DHCP_HAS_PARAM_LIST;
  memcpy (m->params, param_list, sizeof param_list);
  m->n_params = sizeof param_list;
}

static void
broadcast (WlDhcpClient        *c,
           guint32              src,
           const WlDhcpMessage *m)
{
  _wl_dhcp_send_raw (c->stack, c->iface, &wl_mac_broadcast, src, WL_IPV4_BROADCAST,
                     WL_DHCP_CLIENT_PORT, WL_DHCP_SERVER_PORT, m);
}

/* RFC 2131 §4.1: 4 s, 8 s … 64 s, each ±1 s. */
static WlTime
backoff (WlDhcpClient *c)
{
  WlTime base = MIN (RETRANS_FIRST << MIN (c->tries - 1, 4u), RETRANS_MAX);

  return base - WL_S + (WlTime) wl_sim_random_int (c->stack->sim, 2001) * WL_MS;
}

static void
arm_retrans (WlDhcpClient *c,
             WlTime        delay)
{
  c->retrans = wl_sim_schedule (c->stack->sim, delay, _wl_dhcp_client_on_retrans, c, NULL, NULL);
}

void
_wl_dhcp_client_send_discover (WlDhcpClient *c)
{
  WlDhcpMessage m;

  message_init (c, &m, WL_DHCP_DISCOVER);
  if (c->last_address != 0)
    {
      m.has |= WL_DHCP_HAS_REQUESTED_IP;
      m.requested_ip = c->last_address;
    }
  c->tries++;
  arm_retrans (c, backoff (c));
  broadcast (c, 0, &m);
}

/* RENEWING and REBINDING wait half the time left (to T2, to expiry), at least 60 s. */
static void
arm_renew_retrans (WlDhcpClient *c)
{
  WlTime now = wl_sim_now (c->stack->sim);
  WlTime until = c->state == WL_DHCP_STATE_RENEWING ? c->lease.t2 : c->lease.expires;
  WlTime delay = until > now ? (until - now) / 2 : 0;

  delay = MAX (delay, RENEW_RETRANS_MIN);
  if (until == WL_TIME_FOREVER || now + delay < until)
    arm_retrans (c, delay);
}

void
_wl_dhcp_client_send_request (WlDhcpClient *c)
{
  WlDhcpMessage m;

  message_init (c, &m, WL_DHCP_REQUEST);
  c->tries++;
  if (c->tries == 1)
    c->req_sent = wl_sim_now (c->stack->sim);
  if (c->state == WL_DHCP_STATE_REQUESTING)
    {
      m.has |= WL_DHCP_HAS_REQUESTED_IP | WL_DHCP_HAS_SERVER_ID;
      m.requested_ip = c->offered;
      m.server_id = c->offer_server;
      arm_retrans (c, backoff (c));
      broadcast (c, 0, &m);
      return;
    }
  /* RENEWING: unicast to the server; REBINDING: broadcast to any server (§4.4.5). */
  m.ciaddr = c->lease.address;
  m.flags = 0;
  arm_renew_retrans (c);
  if (c->state == WL_DHCP_STATE_RENEWING)
    _wl_dhcp_send_udp (c->stack, c->lease.address, c->lease.server, WL_DHCP_CLIENT_PORT,
                       WL_DHCP_SERVER_PORT, &m);
  else
    broadcast (c, c->lease.address, &m);
}

void
_wl_dhcp_client_send_arp (WlDhcpClient *c,
                          guint32       sender,
                          guint32       target)
{
  WlPacket *pkt = wl_packet_new (WL_ARP_LEN);
  guint8 *p = wl_packet_data (pkt);

  wl_put_u16 (p + WL_ARP_OFF_HTYPE, WL_ARP_HTYPE_ETHERNET);
  wl_put_u16 (p + WL_ARP_OFF_PTYPE, WL_ETHERTYPE_IPV4);
  p[WL_ARP_OFF_HLEN] = 6;
  p[WL_ARP_OFF_PLEN] = 4;
  wl_put_u16 (p + WL_ARP_OFF_OP, WL_ARP_OP_REQUEST);
  memcpy (p + WL_ARP_OFF_SHA, c->mac.b, 6);
  wl_put_u32 (p + WL_ARP_OFF_SPA, sender);
  wl_put_u32 (p + WL_ARP_OFF_TPA, target);  /* the target MAC stays zero */
  wl_stack_ethernet_output (c->stack, c->iface, &wl_mac_broadcast, WL_ETHERTYPE_ARP, pkt);
}

/* DECLINE: broadcast from 0.0.0.0, naming the address and its server (RFC 2131 §4.4.1). */
void
_wl_dhcp_client_send_decline (WlDhcpClient *c)
{
  WlDhcpMessage m;

  message_init (c, &m, WL_DHCP_DECLINE);
  m.has |= WL_DHCP_HAS_REQUESTED_IP | WL_DHCP_HAS_SERVER_ID;
  m.requested_ip = c->lease.address;
  m.server_id = c->lease.server;
  broadcast (c, 0, &m);
}

/* RELEASE: unicast to the server from the address given back, with a transaction of its own
 * (RFC 2131 §4.4.6). */
void
_wl_dhcp_client_send_release (WlDhcpClient *c)
{
  WlDhcpMessage m;

  message_init (c, &m, WL_DHCP_RELEASE);
  m.xid = (guint32) wl_sim_random_int (c->stack->sim, G_MAXUINT32) + 1;
  m.ciaddr = c->lease.address;
  m.has |= WL_DHCP_HAS_SERVER_ID;
  m.server_id = c->lease.server;
  _wl_dhcp_send_udp (c->stack, c->lease.address, c->lease.server, WL_DHCP_CLIENT_PORT,
                     WL_DHCP_SERVER_PORT, &m);
}

/* The interface ------------------------------------------------------------------------------ */

void
_wl_dhcp_client_unconfigure (WlDhcpClient *c)
{
  WlDnsStub *stub = wl_dns_stub_get (c->stack);

  if (!c->configured)
    return;
  wl_stack_clear_address (c->stack, (guint) c->iface);
  /* dhclient-script takes the server out of resolv.conf too. */
  if (stub != NULL && c->lease.n_dns > 0 && wl_dns_stub_get_server (stub) == c->lease.dns[0])
    wl_dns_stub_set_server (stub, 0);
  c->configured = FALSE;
}

/* The host's resolver asks the first server of option 6 from now on (the stub starts here
 * when the lab gave the host no DNS server of its own). */
static void
set_dns_server (WlStack *stack,
                guint32  server)
{
  WlDnsStub *stub = wl_dns_stub_get (stack);
  WlDnsStubConfig cfg;

  if (stub != NULL)
    {
      wl_dns_stub_set_server (stub, server);
      return;
    }
  wl_dns_stub_config_init (&cfg);
  cfg.server = server;
  wl_dns_stub_start (stack, &cfg);
}

void
_wl_dhcp_client_configure (WlDhcpClient *c)
{
  WlStackIface *ifc = wl_stack_get_iface (c->stack, c->iface);

  if (c->configured && ifc->address == c->lease.address && ifc->prefix == c->lease.prefix)
    return;
  _wl_dhcp_client_unconfigure (c);
  wl_stack_set_address (c->stack, (guint) c->iface, c->lease.address, c->lease.prefix);
  if (c->lease.router != 0)
    wl_stack_add_route (c->stack, 0, 0, c->lease.router, c->iface, WL_ROUTE_GATEWAY);
  if (c->lease.n_dns > 0)
    set_dns_server (c->stack, c->lease.dns[0]);
  c->configured = TRUE;
}
