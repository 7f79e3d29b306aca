/* wl-dhcp-relay.c — a DHCP relay agent on a router (ISC dhcrelay's behaviour).
 *
 * RFC 1542 §4 (relay agents), RFC 2131 §4.1 (giaddr).  No option 82 (RFC 3046): the server
 * tells subnets apart by giaddr alone.
 *
 * Where it sits: an application on a router's stack, bound to UDP port 67 (so a device is
 * either a relay or a server).  State: the servers to forward to, and which interfaces face
 * clients.
 *
 * Settings ("key=value"):
 *   server=10.0.2.5    where requests go (required; up to 4 as "A;B", each gets a copy)
 *   iface=eth0         the interfaces that face clients ("eth0;eth2"); by default every
 *                      interface with an address whose subnet holds none of the servers
 *
 * Client → server.  A BOOTREQUEST broadcast on a client-side interface: giaddr is set to that
 * interface's address when it is 0 (a relay further out may already have set it), hops goes
 * up by one (more than WL_DHCP_RELAY_MAX_HOPS: dropped), and a copy goes by ordinary UDP from
 * port 67 to each server's port 67 (dhcp-relayed note "giaddr=… to=<server>").
 *
 * Server → client.  A BOOTREPLY whose giaddr is one of our client-side addresses goes out of
 * that interface to port 68: broadcast when the BROADCAST flag is set or there is no yiaddr
 * (a NAK), else unicast to yiaddr at chaddr — built for the MAC directly, since the client
 * cannot answer ARP before it has its address (dhcrelay writes these frames through its
 * packet socket, with ISC's headers: TOS 0x10, ID 0, TTL 128).
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dhcp-private.h"
#include "wl-ipv4-wire.h"
#include "wl-stack-private.h"

struct _WlDhcpRelay
{
  WlStack  *stack;
  guint32   servers[WL_DHCP_RELAY_MAX_SERVERS];
  guint     n_servers;
  gboolean *client_side;  /* per interface */
};

void
wl_dhcp_relay_config_init (WlDhcpRelayConfig *cfg)
{
  memset (cfg, 0, sizeof *cfg);
}

void
wl_dhcp_relay_config_clear (WlDhcpRelayConfig *cfg)
{
  g_clear_pointer (&cfg->ifaces, g_strfreev);
}

/* One item of a "server=" list. */
static gboolean
add_server (WlDhcpRelayConfig *cfg,
            const char        *text)
{
  guint32 ip;

  if (!wl_ip_parse (text, &ip) || ip == 0 || cfg->n_servers == WL_DHCP_RELAY_MAX_SERVERS)
    return FALSE;
  cfg->servers[cfg->n_servers++] = ip;
  return TRUE;
}

static gboolean
add_iface (WlDhcpRelayConfig *cfg,
           const char        *name)
{
  guint n = cfg->ifaces != NULL ? g_strv_length (cfg->ifaces) : 0;

  cfg->ifaces = g_renew (char *, cfg->ifaces, n + 2);
  cfg->ifaces[n] = g_strdup (name);
  cfg->ifaces[n + 1] = NULL;
  return TRUE;
}

/* A ';'-separated list (the lab's convention; ',' works too), each item given to add. */
static gboolean
parse_list (WlDhcpRelayConfig *cfg,
            const char        *text,
            gboolean         (*add) (WlDhcpRelayConfig *, const char *))
{
  g_auto (GStrv) items = g_strsplit_set (text, ";,", -1);
  guint n = 0;

  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] == '\0')
        continue;
      if (!add (cfg, items[i]))
        return FALSE;
      n++;
    }
  return n > 0;
}

gboolean
wl_dhcp_relay_config_parse (WlDhcpRelayConfig  *cfg,
                            const char *const  *settings,
                            GError            **error)
{
  for (guint i = 0; settings != NULL && settings[i] != NULL; i++)
    {
      const char *s = settings[i];
      gboolean ok;

      if (g_str_has_prefix (s, "server="))
        ok = parse_list (cfg, s + 7, add_server);
      else if (g_str_has_prefix (s, "iface="))
        ok = parse_list (cfg, s + 6, add_iface);
      else
        {
          /* Translators: %s is the setting as written */
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("Unknown DHCP relay setting “%s”: use server=ADDRESS or iface=NAME"), s);
          return FALSE;
        }
      if (!ok)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("Cannot read the DHCP setting “%s”"), s);
          return FALSE;
        }
    }
  if (cfg->n_servers == 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("A DHCP relay needs the address of a server (server=ADDRESS)"));
      return FALSE;
    }
  return TRUE;
}

/* Client → server -------------------------------------------------------------------------- */

static void
relay_request (WlDhcpRelay     *relay,
               const WlUdpInfo *info,
               WlDhcpMessage   *msg)
{
  const WlStackIface *ifc = wl_stack_get_iface (relay->stack, info->iface);
  guint64 prev = wl_sim_get_cause (relay->stack->sim);
  char g[16], s[16];

  if (!relay->client_side[info->iface] || ifc->address == 0)
    return;
  if (msg->hops >= WL_DHCP_RELAY_MAX_HOPS)
    {
      wl_sim_drop (relay->stack->sim, relay->stack->device->index, info->iface, WL_PROTO_DHCP,
                   WL_LAYER_APPLICATION, WL_DROP_TTL_EXCEEDED, NULL, 0, "error=too-many-hops");
      return;
    }
  if (msg->giaddr == 0)
    msg->giaddr = ifc->address;
  msg->hops++;
  for (guint i = 0; i < relay->n_servers; i++)
    {
      wl_sim_set_cause (relay->stack->sim,
                        _wl_dhcp_note (relay->stack, info->iface, WL_NOTE_DHCP_RELAYED,
                                       "giaddr=%s to=%s", wl_ip_format (msg->giaddr, g),
                                       wl_ip_format (relay->servers[i], s)));
      _wl_dhcp_send_udp (relay->stack, 0, relay->servers[i], WL_DHCP_SERVER_PORT,
                         WL_DHCP_SERVER_PORT, msg);
      wl_sim_set_cause (relay->stack->sim, prev);
    }
}

/* Server → client -------------------------------------------------------------------------- */

static gint
client_iface_of (WlDhcpRelay *relay,
                 guint32      giaddr)
{
  for (guint i = 0; i < relay->stack->n_ifaces; i++)
    if (relay->client_side[i] && relay->stack->ifaces[i].address == giaddr)
      return (gint) i;
  return -1;
}

static void
relay_reply (WlDhcpRelay         *relay,
             const WlDhcpMessage *msg)
{
  gint iface = client_iface_of (relay, msg->giaddr);
  guint32 dst = WL_IPV4_BROADCAST;
  const WlMac *to = &wl_mac_broadcast;
  guint64 prev = wl_sim_get_cause (relay->stack->sim);
  WlMac mac;
  char g[16], d[16];

  if (iface < 0)
    return;
  if (!(msg->flags & WL_DHCP_FLAG_BROADCAST) && msg->yiaddr != 0
      && wl_dhcp_message_get_mac (msg, &mac))
    {
      dst = msg->yiaddr;
      to = &mac;
    }
  wl_sim_set_cause (relay->stack->sim,
                    _wl_dhcp_note (relay->stack, iface, WL_NOTE_DHCP_RELAYED, "giaddr=%s to=%s",
                                   wl_ip_format (msg->giaddr, g), wl_ip_format (dst, d)));
  _wl_dhcp_send_raw (relay->stack, iface, to, msg->giaddr, dst, WL_DHCP_SERVER_PORT,
                     WL_DHCP_CLIENT_PORT, msg);
  wl_sim_set_cause (relay->stack->sim, prev);
}

static void
on_udp (WlStack         *stack,
        const WlUdpInfo *info,
        WlPacket        *payload,
        gpointer         user_data)
{
  WlDhcpRelay *relay = user_data;
  WlDhcpMessage msg;

  if (!_wl_dhcp_receive (stack, info, payload, &msg))
    return;
  if (msg.op == WL_BOOTP_REQUEST)
    relay_request (relay, info, &msg);
  else
    relay_reply (relay, &msg);
}

/* Starting --------------------------------------------------------------------------------- */

/* Default client side: an interface with an address whose subnet holds no server. */
static gboolean
faces_clients (WlDhcpRelay *relay,
               guint        i)
{
  const WlStackIface *ifc = &relay->stack->ifaces[i];
  guint32 m = wl_ip_prefix_mask (ifc->prefix);

  if (ifc->address == 0)
    return FALSE;
  for (guint s = 0; s < relay->n_servers; s++)
    if ((relay->servers[s] & m) == (ifc->address & m))
      return FALSE;
  return TRUE;
}

static gboolean
choose_ifaces (WlDhcpRelay             *relay,
               const WlDhcpRelayConfig *cfg,
               GError                 **error)
{
  WlStack *stack = relay->stack;

  for (guint i = 0; i < stack->n_ifaces; i++)
    relay->client_side[i] = cfg->ifaces == NULL && faces_clients (relay, i);
  for (guint n = 0; cfg->ifaces != NULL && cfg->ifaces[n] != NULL; n++)
    {
      WlPort *port = wl_device_find_port (stack->device, cfg->ifaces[n]);

      if (port == NULL)
        {
          /* Translators: a device name, then an interface name */
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                       _("%s has no interface “%s” to relay DHCP on"), stack->device->name,
                       cfg->ifaces[n]);
          return FALSE;
        }
      relay->client_side[port->index] = TRUE;
    }
  return TRUE;
}

static void
relay_free (gpointer data)
{
  WlDhcpRelay *relay = data;

  wl_udp_unbind (relay->stack, WL_DHCP_SERVER_PORT);
  g_free (relay->client_side);
  g_free (relay);
}

WlDhcpRelay *
wl_dhcp_relay_start (WlStack                 *stack,
                     const WlDhcpRelayConfig *cfg,
                     GError                 **error)
{
  WlDhcpRelay *relay;

  g_return_val_if_fail (stack != NULL && cfg != NULL && cfg->n_servers > 0, NULL);

  relay = g_new0 (WlDhcpRelay, 1);
  relay->stack = stack;
  memcpy (relay->servers, cfg->servers, sizeof relay->servers);
  relay->n_servers = cfg->n_servers;
  relay->client_side = g_new0 (gboolean, MAX (stack->n_ifaces, 1));
  if (!choose_ifaces (relay, cfg, error))
    {
      g_free (relay->client_side);
      g_free (relay);
      return NULL;
    }
  if (!wl_udp_bind (stack, WL_DHCP_SERVER_PORT, on_udp, relay))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                   _("%s already runs a DHCP server or relay on port 67"), stack->device->name);
      g_free (relay->client_side);
      g_free (relay);
      return NULL;
    }
  wl_stack_add_app (stack, relay, relay_free);
  return relay;
}
