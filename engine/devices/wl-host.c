/* wl-host.c — a host (PC or server): one stack with forwarding off, and the programs its
 * console runs.
 *
 * RFC 1122 (requirements for Internet hosts).  A host accepts only packets addressed to it
 * (others are dropped as not-for-host), never forwards, and sends everything through its
 * routing table: a connected route per interface, the lab's static routes, and the default
 * gateway as 0.0.0.0/0.  See engine/proto/wl-stack.h for the stack itself.
 *
 * Commands (scenario actions): ping, traceroute, tracert — engine/devices/wl-host-commands.c.
 * A host with a static address does nothing at time 0: Linux sends no gratuitous ARP when an
 * address is set statically (unless arp_notify is on), so the first frame of a run is
 * always explained by an action.  An interface whose lab address is "dhcp" gets a DHCP
 * client (proto/wl-dhcp.h, host name = the device's name) that starts at time 0; the ARP
 * frames the interface receives are shown to it first, as the packet socket of a real
 * client would see them, so that its probe of the offered address hears an answer.
 */
#define G_LOG_DOMAIN "wl-host"
#include "config.h"

#include "wl-devices.h"
#include "proto/wl-apps.h"
#include "proto/wl-dns.h"
#include "proto/wl-dhcp.h"
#include "proto/wl-ethernet-wire.h"

static void
host_receive (WlDevice *dev,
              WlPort   *port,
              WlPacket *frame)
{
  WlStack *stack = ((WlStackDevice *) dev)->stack;
  const guint8 *eth = wl_packet_data (frame);

  if (stack->ifaces[port->index].dhcp != NULL && wl_packet_len (frame) >= WL_ETH_HLEN
      && wl_get_u16 (eth + WL_ETH_OFF_TYPE) == WL_ETHERTYPE_ARP)
    wl_dhcp_client_arp_input (stack, port->index, eth, wl_packet_len (frame));
  wl_stack_input (stack, port, frame);
}

/* Time 0: the DHCP clients send their first DISCOVER. */
static void
host_start (WlDevice *dev)
{
  WlStack *stack = ((WlStackDevice *) dev)->stack;

  for (guint i = 0; i < stack->n_ifaces; i++)
    if (stack->ifaces[i].dhcp != NULL)
      wl_dhcp_client_start (stack->ifaces[i].dhcp);
}

static gboolean
host_command (WlDevice   *dev,
              const char *command,
              GError    **error)
{
  return wl_stack_run_command (((WlStackDevice *) dev)->stack, command, error);
}

static void
host_finalize (WlDevice *dev)
{
  g_clear_pointer (&((WlStackDevice *) dev)->stack, wl_stack_free);
}

static const WlDeviceClass host_class = {
  .kind = "host",
  .layer = WL_LAYER_APPLICATION,
  .size = sizeof (WlStackDevice),
  .receive = host_receive,
  .start = host_start,
  .command = host_command,
  .check_command = wl_stack_check_command,
  .finalize = host_finalize,
};

WlDevice *
wl_host_new (WlSim             *sim,
             gint               index,
             const WlLabDevice *cfg)
{
  WlDevice *dev;

  g_return_val_if_fail (cfg != NULL, NULL);

  dev = wl_device_new_from_lab (&host_class, sim, index, cfg);
  ((WlStackDevice *) dev)->stack = wl_stack_new_from_lab (dev, cfg, FALSE);
  if (cfg->dns != 0)
    {
      /* The lab names this host's DNS server: its stub resolver asks it (like a static
       * nameserver line in /etc/resolv.conf).  Without one, DHCP option 6 may start it. */
      WlDnsStubConfig stub;

      wl_dns_stub_config_init (&stub);
      stub.server = cfg->dns;
      wl_dns_stub_start (((WlStackDevice *) dev)->stack, &stub);
    }
  for (guint i = 0; i < cfg->ifaces->len && i < dev->n_ports; i++)
    {
      const WlLabIface *ifc = g_ptr_array_index (cfg->ifaces, i);
      WlDhcpClientConfig dhcp;

      if (!ifc->dhcp)
        continue;
      wl_dhcp_client_config_init (&dhcp);
      dhcp.host_name = cfg->name;
      wl_dhcp_client_new (((WlStackDevice *) dev)->stack, (gint) i, &dhcp);
    }
  return dev;
}

/* Implemented here for both kinds: routers use the same struct (wl-router.c). */
WlStack *
wl_device_get_stack (WlDevice *dev)
{
  g_return_val_if_fail (dev != NULL, NULL);

  if (g_strcmp0 (dev->klass->kind, "host") != 0 && g_strcmp0 (dev->klass->kind, "router") != 0)
    return NULL;
  return ((WlStackDevice *) dev)->stack;
}
