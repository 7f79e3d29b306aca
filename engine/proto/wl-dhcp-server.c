/* wl-dhcp-server.c — a DHCP server on UDP port 67 of a host or router.
 *
 * RFC 2131 §4.3 (server behaviour), §4.1 (where replies go), RFC 2132 (options).  The
 * behaviour is dnsmasq's and ISC dhcpd's where they agree, and says which one otherwise.
 *
 * Where it sits: an application on a stack (wl_stack_add_app), above UDP; its bookkeeping is
 * a WlDhcpPool (wl-dhcp-pool.c); wl-dhcp-io.c sends and decodes.
 *
 * Settings ("key=value", as a lab's service section will give them):
 *   pool=10.0.0.100-10.0.0.199         the range handed out (required)
 *   mask=255.255.255.0                 option 1; default: the prefix of the interface whose
 *                                      subnet holds the pool, else /24
 *   lease=1h                           option 51: a number of seconds, or with s, m, h, d, or
 *                                      "infinite"; at least 10 s; default 1h (dnsmasq)
 *   router=10.0.0.1                    option 3 (several: "A;B", as lab lists are written)
 *   dns=10.0.0.53;10.0.0.54            option 6
 *   reserve=02:00:00:00:05:00 10.0.0.50; 02:00:00:00:06:00 10.0.0.60
 *                                      the address a MAC always gets; an address may lie
 *                                      outside the pool, not outside the subnet
 *
 * Which requests it serves: one that came through a relay (giaddr set) when giaddr is in the
 * pool's subnet; one from a client that has an address (ciaddr: renewing, releasing) when
 * that address is; else one heard on an interface in that subnet.
 * Anything else is for another server and is ignored, as ISC does for an unknown subnet.
 * The server identifier (option 54) is the address of the interface the request came in on.
 *
 * Messages (RFC 2131 §4.3):
 *   DISCOVER  an address from the pool (see wl-dhcp-pool.c for the order) is held for the
 *             client and offered at once (dhcp-offered note).  No ICMP echo check first:
 *             ISC dhcpd and dnsmasq ping the address and wait about a second, which we leave
 *             out (as with ISC's "ping-check false" or dnsmasq's --no-ping); the client's ARP
 *             probe catches a duplicate instead.  An empty pool means no answer.
 *   REQUEST   naming another server (option 54): the client chose a rival's offer, so the
 *             address held for it goes back to the pool (dhcp-released note with
 *             reason=other-server) and nothing is sent.  Naming us, or without option 54
 *             (INIT-REBOOT, RENEWING, REBINDING: the address is option 50 or ciaddr): ACK
 *             when the pool allows it (dhcp-lease note), else NAK (dhcp-nak note; option 56
 *             says why in dnsmasq's words).  Like dnsmasq (authoritative), a free address the
 *             server never gave is ACKed, an impossible one NAKed.
 *   DECLINE   the address is in use by someone else: abandoned (dhcp-declined note).
 *   RELEASE   the lease ends now (dhcp-released note).
 *   INFORM    an ACK with the options and no lease, to ciaddr.
 * Options of an OFFER or ACK, in dnsmasq's order: 53, 54, 51, 58 (T1 = lease/2), 59 (T2 =
 * lease·7/8), 1, 3, 6; siaddr stays 0 (ISC; dnsmasq puts its own address there).
 *
 * Where a reply goes (RFC 2131 §4.1): to the relay (giaddr, port 67) when there is one, with
 * the broadcast bit set on a NAK; else a NAK is broadcast; else to ciaddr when the client has
 * an address; else broadcast when the client set the BROADCAST flag; else unicast to yiaddr
 * at chaddr — the client cannot answer ARP yet, so the frame is built for its MAC directly.
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dhcp-private.h"
#include "wl-ipv4-wire.h"
#include "wl-stack-private.h"

#define DEFAULT_LEASE 3600
#define MIN_LEASE 10

struct _WlDhcpServer
{
  WlStack           *stack;
  WlDhcpServerConfig cfg;   /* reservations are in the pool */
  WlDhcpPool         pool;
};

/* Settings -------------------------------------------------------------------------------- */

void
wl_dhcp_server_config_init (WlDhcpServerConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
  cfg->lease_s = DEFAULT_LEASE;
  cfg->reservations = g_array_new (FALSE, FALSE, sizeof (WlDhcpReservation));
}

void
wl_dhcp_server_config_clear (WlDhcpServerConfig *cfg)
{
  g_clear_pointer (&cfg->reservations, g_array_unref);
}

static gboolean
invalid (GError    **error,
         const char *setting)
{
  /* Translators: %s is a setting as written, e.g. "lease=5x" */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("Cannot read the DHCP setting “%s”"), setting);
  return FALSE;
}

/* "3600", "90s", "30m", "1h", "2d" or "infinite". */
static gboolean
parse_lease (const char *text,
             guint32    *out)
{
  static const struct { char suffix; guint64 mult; } units[] = {
    { 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
  };
  guint64 value, mult = 1;
  char *end;

  if (g_strcmp0 (text, "infinite") == 0)
    {
      *out = WL_DHCP_INFINITE;
      return TRUE;
    }
  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  for (guint i = 0; i < G_N_ELEMENTS (units) && *end != '\0'; i++)
    if (end[0] == units[i].suffix && end[1] == '\0')
      {
        mult = units[i].mult;
        end++;
      }
  if (*end != '\0' || value > G_MAXUINT32 / mult || value * mult >= WL_DHCP_INFINITE)
    return FALSE;
  *out = (guint32) (value * mult);
  return TRUE;
}

/* "A;B…" or "A,B…": at most WL_DHCP_MAX_ADDRS addresses. */
static gboolean
parse_addr_list (const char *text,
                 guint32    *addrs,
                 guint      *n)
{
  g_auto (GStrv) parts = g_strsplit_set (text, ";,", -1);

  *n = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      if (*n == WL_DHCP_MAX_ADDRS || !wl_ip_parse (parts[i], &addrs[*n]))
        return FALSE;
      (*n)++;
    }
  return *n > 0;
}

static gboolean
parse_mask (const char *text,
            guint32    *out)
{
  guint32 m;

  if (!wl_ip_parse (text, &m) || m == 0)
    return FALSE;
  /* A mask is ones then zeros: adding its lowest set bit clears it. */
  if ((~m & (~m + 1)) != 0)
    return FALSE;
  *out = m;
  return TRUE;
}

static gboolean
parse_pool (const char *text,
            guint32    *first,
            guint32    *last)
{
  g_auto (GStrv) ends = g_strsplit (text, "-", 2);

  return ends[0] != NULL && ends[1] != NULL && wl_ip_parse (ends[0], first)
         && wl_ip_parse (ends[1], last) && *first != 0 && *first <= *last;
}

/* "MAC IP" (or "MAC,IP"). */
static gboolean
parse_reservation (const char        *text,
                   WlDhcpReservation *out)
{
  g_auto (GStrv) parts = g_strsplit_set (text, " ,", -1);
  guint n = 0;
  const char *words[2] = { NULL, NULL };

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        if (n == 2)
          return FALSE;
        words[n++] = parts[i];
      }
  return n == 2 && wl_mac_parse (words[0], &out->mac) && wl_ip_parse (words[1], &out->ip);
}

/* "MAC IP; MAC IP …" (the lab's ';'-separated list). */
static gboolean
parse_reservations (const char *text,
                    GArray     *out)
{
  g_auto (GStrv) items = g_strsplit (text, ";", -1);
  guint n = 0;

  for (guint i = 0; items[i] != NULL; i++)
    {
      WlDhcpReservation r;

      g_strstrip (items[i]);
      if (items[i][0] == '\0')
        continue;
      if (!parse_reservation (items[i], &r))
        return FALSE;
      g_array_append_val (out, r);
      n++;
    }
  return n > 0;
}

static gboolean
parse_one (WlDhcpServerConfig *cfg,
           const char         *key,
           const char         *value)
{
  if (g_str_equal (key, "pool"))
    return parse_pool (value, &cfg->first, &cfg->last);
  if (g_str_equal (key, "mask"))
    return parse_mask (value, &cfg->mask);
  if (g_str_equal (key, "lease"))
    return parse_lease (value, &cfg->lease_s) && cfg->lease_s >= MIN_LEASE;
  if (g_str_equal (key, "router"))
    return parse_addr_list (value, cfg->routers, &cfg->n_routers);
  if (g_str_equal (key, "dns"))
    return parse_addr_list (value, cfg->dns, &cfg->n_dns);
  g_assert (g_str_equal (key, "reserve"));
  return parse_reservations (value, cfg->reservations);
}

/* A reservation that repeats an earlier MAC or address, or lies outside the subnet. */
static gboolean
check_reservation (const WlDhcpServerConfig *cfg,
                   guint                     i,
                   GError                  **error)
{
  const WlDhcpReservation *r = &g_array_index (cfg->reservations, WlDhcpReservation, i);
  char mac[18], ip[16];

  for (guint j = 0; j < i; j++)
    {
      const WlDhcpReservation *o = &g_array_index (cfg->reservations, WlDhcpReservation, j);

      if (wl_mac_equal (&r->mac, &o->mac) || r->ip == o->ip)
        {
          /* Translators: a MAC address, then an IPv4 address */
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                       _("The DHCP reservation %s %s repeats an earlier MAC or address"),
                       wl_mac_format (&r->mac, mac), wl_ip_format (r->ip, ip));
          return FALSE;
        }
    }
  if (cfg->mask != 0 && (r->ip & cfg->mask) != (cfg->first & cfg->mask))
    {
      /* Translators: a MAC address, then an IPv4 address */
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("The DHCP reservation %s %s is not in the pool's subnet"),
                   wl_mac_format (&r->mac, mac), wl_ip_format (r->ip, ip));
      return FALSE;
    }
  return TRUE;
}

/* What holds for the settings together: a pool, in one subnet with its reservations, and no
 * MAC or address reserved twice. */
static gboolean
check_config (const WlDhcpServerConfig *cfg,
              GError                  **error)
{
  char a[16], b[16], m[16];

  if (cfg->first == 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("A DHCP server needs a pool of addresses (pool=FIRST-LAST)"));
      return FALSE;
    }
  if (cfg->mask != 0 && (cfg->first & cfg->mask) != (cfg->last & cfg->mask))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("The DHCP pool %s-%s does not fit in one subnet of mask %s"),
                   wl_ip_format (cfg->first, a), wl_ip_format (cfg->last, b),
                   wl_ip_format (cfg->mask, m));
      return FALSE;
    }
  for (guint i = 0; i < cfg->reservations->len; i++)
    if (!check_reservation (cfg, i, error))
      return FALSE;
  return TRUE;
}

gboolean
wl_dhcp_server_config_parse (WlDhcpServerConfig *cfg,
                             const char *const  *settings,
                             GError            **error)
{
  static const char *const keys[] = {
    "pool", "mask", "lease", "router", "dns", "reserve", NULL,
  };

  g_return_val_if_fail (cfg != NULL && cfg->reservations != NULL, FALSE);

  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      const char *eq = strchr (settings[i], '=');
      g_autofree char *key = eq ? g_strndup (settings[i], (gsize) (eq - settings[i])) : NULL;

      if (key == NULL || !g_strv_contains (keys, key))
        {
          /* Translators: %s is the setting as written; the rest lists the known keys */
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("Unknown DHCP server setting “%s”: use pool, mask, lease, router, dns "
                         "or reserve"), settings[i]);
          return FALSE;
        }
      if (!parse_one (cfg, key, eq + 1))
        return invalid (error, settings[i]);
    }
  return check_config (cfg, error);
}

/* Replies ---------------------------------------------------------------------------------- */

/* A reply to req with the fields RFC 2131 Table 3 copies from the request. */
static void
reply_init (WlDhcpMessage       *rep,
            const WlDhcpMessage *req,
            guint8               type,
            guint32              server_id)
{
  wl_dhcp_message_init (rep, WL_BOOTP_REPLY, req->xid, NULL);
  rep->htype = req->htype;
  rep->hlen = req->hlen;
  memcpy (rep->chaddr, req->chaddr, sizeof rep->chaddr);
  rep->flags = req->flags;
  rep->giaddr = req->giaddr;
  rep->has = WL_DHCP_HAS_MSG_TYPE | WL_DHCP_HAS_SERVER_ID;
  rep->msg_type = type;
  rep->server_id = server_id;
}

/* The configuration options of an OFFER or ACK (lease times only when with_lease). */
static void
add_options (WlDhcpServer  *server,
             WlDhcpMessage *rep,
             gboolean       with_lease)
{
  guint32 lease = server->pool.lease_s;

  if (with_lease)
    {
      rep->has |= WL_DHCP_HAS_LEASE_TIME;
      rep->lease_time = lease;
      if (lease != WL_DHCP_INFINITE)
        {
          rep->has |= WL_DHCP_HAS_RENEWAL_TIME | WL_DHCP_HAS_REBINDING_TIME;
          rep->renewal_time = lease / 2;
          rep->rebinding_time = (guint32) ((guint64) lease * 7 / 8);
        }
    }
  rep->has |= WL_DHCP_HAS_SUBNET_MASK;
  rep->subnet_mask = server->pool.mask;
  if (server->cfg.n_routers > 0)
    {
      rep->has |= WL_DHCP_HAS_ROUTER;
      memcpy (rep->routers, server->cfg.routers, sizeof rep->routers);
      rep->n_routers = server->cfg.n_routers;
    }
  if (server->cfg.n_dns > 0)
    {
      rep->has |= WL_DHCP_HAS_DNS;
      memcpy (rep->dns, server->cfg.dns, sizeof rep->dns);
      rep->n_dns = server->cfg.n_dns;
    }
}

/* RFC 2131 §4.1: the relay, a broadcast, the client's address, or its MAC. */
static void
send_reply (WlDhcpServer        *server,
            const WlUdpInfo     *info,
            const WlDhcpMessage *req,
            WlDhcpMessage       *rep)
{
  WlStack *stack = server->stack;
  guint32 src = rep->server_id;
  WlMac mac;

  if (req->giaddr != 0)
    {
      if (rep->msg_type == WL_DHCP_NAK)
        rep->flags |= WL_DHCP_FLAG_BROADCAST;
      _wl_dhcp_send_udp (stack, src, req->giaddr, WL_DHCP_SERVER_PORT, WL_DHCP_SERVER_PORT, rep);
    }
  else if (rep->msg_type == WL_DHCP_NAK
           || (req->ciaddr == 0 && (req->flags & WL_DHCP_FLAG_BROADCAST))
           || !wl_dhcp_message_get_mac (req, &mac))
    _wl_dhcp_send_raw (stack, info->iface, &wl_mac_broadcast, src, WL_IPV4_BROADCAST,
                       WL_DHCP_SERVER_PORT, WL_DHCP_CLIENT_PORT, rep);
  else if (req->ciaddr != 0)
    _wl_dhcp_send_udp (stack, src, req->ciaddr, WL_DHCP_SERVER_PORT, WL_DHCP_CLIENT_PORT, rep);
  else
    _wl_dhcp_send_raw (stack, info->iface, &mac, src, rep->yiaddr, WL_DHCP_SERVER_PORT,
                       WL_DHCP_CLIENT_PORT, rep);
}

/* Messages --------------------------------------------------------------------------------- */

static void
on_discover (WlDhcpServer        *server,
             const WlUdpInfo     *info,
             const WlDhcpMessage *req,
             const WlMac         *mac,
             guint32              server_id)
{
  WlTime now = wl_sim_now (server->stack->sim);
  guint32 requested = req->has & WL_DHCP_HAS_REQUESTED_IP ? req->requested_ip : 0;
  guint32 ip = wl_dhcp_pool_offer (&server->pool, mac, requested, now);
  WlDhcpMessage rep;
  char a[16], m[18];

  if (ip == 0)
    return;  /* ISC: "no free leases" — the client hears nothing */
  wl_sim_set_cause (server->stack->sim,
                    _wl_dhcp_note (server->stack, info->iface, WL_NOTE_DHCP_OFFERED,
                                   "ip=%s mac=%s", wl_ip_format (ip, a), wl_mac_format (mac, m)));
  reply_init (&rep, req, WL_DHCP_OFFER, server_id);
  rep.yiaddr = ip;
  add_options (server, &rep, TRUE);
  send_reply (server, info, req, &rep);
}

static void
send_nak (WlDhcpServer        *server,
          const WlUdpInfo     *info,
          const WlDhcpMessage *req,
          guint32              server_id,
          guint32              ip,
          WlDhcpPoolVerdict    verdict)
{
  /* dnsmasq's texts for option 56. */
  static const char *const texts[] = {
    [WL_DHCP_POOL_WRONG_NETWORK] = "wrong network",
    [WL_DHCP_POOL_NOT_IN_POOL] = "address not available",
    [WL_DHCP_POOL_RESERVED] = "address reserved",
    [WL_DHCP_POOL_WRONG_ADDRESS] = "wrong address",
    [WL_DHCP_POOL_IN_USE] = "address in use",
  };
  WlDhcpMessage rep;
  char a[16], m[18];
  WlMac mac = { { 0 } };

  wl_dhcp_message_get_mac (req, &mac);
  wl_sim_set_cause (server->stack->sim,
                    _wl_dhcp_note (server->stack, info->iface, WL_NOTE_DHCP_NAK,
                                   "ip=%s mac=%s reason=%s", wl_ip_format (ip, a),
                                   wl_mac_format (&mac, m),
                                   wl_dhcp_pool_verdict_to_string (verdict)));
  reply_init (&rep, req, WL_DHCP_NAK, server_id);
  rep.has |= WL_DHCP_HAS_MESSAGE;
  g_strlcpy (rep.message, texts[verdict], sizeof rep.message);
  send_reply (server, info, req, &rep);
}

static void
on_request (WlDhcpServer        *server,
            const WlUdpInfo     *info,
            const WlDhcpMessage *req,
            const WlMac         *mac,
            guint32              server_id)
{
  WlTime now = wl_sim_now (server->stack->sim);
  WlDhcpPoolVerdict verdict;
  WlDhcpMessage rep;
  guint32 ip;
  char a[16], b[16], m[18];

  if ((req->has & WL_DHCP_HAS_SERVER_ID) && req->server_id != server_id)
    {
      /* SELECTING, and the client chose another server's offer. */
      if ((ip = wl_dhcp_pool_withdraw_offer (&server->pool, mac, now)) != 0)
        _wl_dhcp_note (server->stack, info->iface, WL_NOTE_DHCP_RELEASED,
                       "ip=%s mac=%s reason=other-server server=%s", wl_ip_format (ip, a),
                       wl_mac_format (mac, m), wl_ip_format (req->server_id, b));
      return;
    }
  /* SELECTING and INIT-REBOOT name the address in option 50; RENEWING and REBINDING in
   * ciaddr (RFC 2131 §4.3.2). */
  ip = req->has & WL_DHCP_HAS_REQUESTED_IP ? req->requested_ip : req->ciaddr;
  if (ip == 0)
    return;
  verdict = wl_dhcp_pool_commit (&server->pool, mac, ip, now);
  if (verdict != WL_DHCP_POOL_OK)
    {
      send_nak (server, info, req, server_id, ip, verdict);
      return;
    }
  wl_sim_set_cause (server->stack->sim,
                    _wl_dhcp_note (server->stack, info->iface, WL_NOTE_DHCP_LEASE,
                                   "ip=%s mac=%s lease_s=%u", wl_ip_format (ip, a),
                                   wl_mac_format (mac, m), server->pool.lease_s));
  reply_init (&rep, req, WL_DHCP_ACK, server_id);
  rep.ciaddr = req->ciaddr;
  rep.yiaddr = ip;
  add_options (server, &rep, TRUE);
  send_reply (server, info, req, &rep);
}

static void
on_inform (WlDhcpServer        *server,
           const WlUdpInfo     *info,
           const WlDhcpMessage *req,
           guint32              server_id)
{
  WlDhcpMessage rep;

  if (req->ciaddr == 0)
    return;
  reply_init (&rep, req, WL_DHCP_ACK, server_id);
  rep.ciaddr = req->ciaddr;
  add_options (server, &rep, FALSE);
  send_reply (server, info, req, &rep);
}

/* DECLINE (option 50) and RELEASE (ciaddr), both only when they name us. */
static void
on_decline_or_release (WlDhcpServer        *server,
                       const WlUdpInfo     *info,
                       const WlDhcpMessage *req,
                       const WlMac         *mac,
                       guint32              server_id)
{
  WlTime now = wl_sim_now (server->stack->sim);
  char a[16], m[18];

  if (!(req->has & WL_DHCP_HAS_SERVER_ID) || req->server_id != server_id)
    return;
  if (req->msg_type == WL_DHCP_DECLINE && (req->has & WL_DHCP_HAS_REQUESTED_IP)
      && wl_dhcp_pool_decline (&server->pool, mac, req->requested_ip))
    _wl_dhcp_note (server->stack, info->iface, WL_NOTE_DHCP_DECLINED, "ip=%s mac=%s",
                   wl_ip_format (req->requested_ip, a), wl_mac_format (mac, m));
  else if (req->msg_type == WL_DHCP_RELEASE
           && wl_dhcp_pool_release (&server->pool, mac, req->ciaddr, now))
    _wl_dhcp_note (server->stack, info->iface, WL_NOTE_DHCP_RELEASED, "ip=%s mac=%s",
                   wl_ip_format (req->ciaddr, a), wl_mac_format (mac, m));
}

/* Our identifier for this request, or 0 when it belongs to another subnet. */
static guint32
serving_address (WlDhcpServer        *server,
                 const WlUdpInfo     *info,
                 const WlDhcpMessage *req)
{
  const WlStackIface *ifc = wl_stack_get_iface (server->stack, info->iface);

  if (ifc->address == 0)
    return 0;
  /* The client's subnet: the relay's, else that of the address it already has (a renewal
   * by unicast may come from behind a router), else the one it was heard on. */
  if (req->giaddr != 0)
    return wl_dhcp_pool_in_subnet (&server->pool, req->giaddr) ? ifc->address : 0;
  if (req->ciaddr != 0)
    return wl_dhcp_pool_in_subnet (&server->pool, req->ciaddr) ? ifc->address : 0;
  return wl_dhcp_pool_in_subnet (&server->pool, ifc->address) ? ifc->address : 0;
}

static void
on_udp (WlStack         *stack,
        const WlUdpInfo *info,
        WlPacket        *payload,
        gpointer         user_data)
{
  WlDhcpServer *server = user_data;
  guint64 prev_cause = wl_sim_get_cause (stack->sim);
  WlDhcpMessage req;
  guint32 server_id;
  WlMac mac;

  if (!_wl_dhcp_receive (stack, info, payload, &req))
    return;
  /* Requests only (a BOOTREPLY is for relays and clients), from Ethernet clients, DHCP only
   * (plain BOOTP is not served). */
  if (req.op != WL_BOOTP_REQUEST || !wl_dhcp_message_get_mac (&req, &mac)
      || !(req.has & WL_DHCP_HAS_MSG_TYPE)
      || (server_id = serving_address (server, info, &req)) == 0)
    return;
  switch (req.msg_type)
    {
    case WL_DHCP_DISCOVER:
      on_discover (server, info, &req, &mac, server_id);
      break;
    case WL_DHCP_REQUEST:
      on_request (server, info, &req, &mac, server_id);
      break;
    case WL_DHCP_DECLINE:
    case WL_DHCP_RELEASE:
      on_decline_or_release (server, info, &req, &mac, server_id);
      break;
    case WL_DHCP_INFORM:
      on_inform (server, info, &req, server_id);
      break;
    default:
      break;  /* a server never receives OFFER, ACK or NAK */
    }
  wl_sim_set_cause (stack->sim, prev_cause);
}

/* Starting --------------------------------------------------------------------------------- */

/* mask= when given; else the prefix of the interface whose subnet holds the pool; else /24. */
static guint32
resolve_mask (WlStack                  *stack,
              const WlDhcpServerConfig *cfg)
{
  if (cfg->mask != 0)
    return cfg->mask;
  for (guint i = 0; i < stack->n_ifaces; i++)
    {
      const WlStackIface *ifc = &stack->ifaces[i];
      guint32 m = wl_ip_prefix_mask (ifc->prefix);

      if (ifc->address != 0 && ifc->prefix > 0 && (ifc->address & m) == (cfg->first & m))
        return m;
    }
  return wl_ip_prefix_mask (24);
}

static void
server_free (gpointer data)
{
  WlDhcpServer *server = data;

  wl_udp_unbind (server->stack, WL_DHCP_SERVER_PORT);
  wl_dhcp_pool_clear (&server->pool);
  g_free (server);
}

WlDhcpServer *
wl_dhcp_server_start (WlStack                  *stack,
                      const WlDhcpServerConfig *cfg)
{
  WlDhcpServer *server;

  g_return_val_if_fail (stack != NULL && cfg != NULL && cfg->first != 0, NULL);

  server = g_new0 (WlDhcpServer, 1);
  if (!wl_udp_bind (stack, WL_DHCP_SERVER_PORT, on_udp, server))
    {
      g_free (server);
      return NULL;
    }
  server->stack = stack;
  server->cfg = *cfg;
  server->cfg.reservations = NULL;
  wl_dhcp_pool_init (&server->pool, cfg->first, cfg->last, resolve_mask (stack, cfg),
                     cfg->lease_s);
  for (guint i = 0; cfg->reservations != NULL && i < cfg->reservations->len; i++)
    {
      const WlDhcpReservation *r = &g_array_index (cfg->reservations, WlDhcpReservation, i);

      wl_dhcp_pool_reserve (&server->pool, &r->mac, r->ip);
    }
  wl_stack_add_app (stack, server, server_free);
  return server;
}

WlDhcpPool *
wl_dhcp_server_get_pool (WlDhcpServer *server)
{
  g_return_val_if_fail (server != NULL, NULL);
  return &server->pool;
}
