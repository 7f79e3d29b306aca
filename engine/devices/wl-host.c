/* wl-host.c — a host (PC or server): one stack with forwarding off, and the programs its
 * console runs.
 *
 * RFC 1122 (requirements for Internet hosts).  A host accepts only packets addressed to it
 * (others are dropped as not-for-host), never forwards, and sends everything through its
 * routing table: a connected route per interface, the lab's static routes, and the default
 * gateway as 0.0.0.0/0.  See engine/proto/wl-stack.h for the stack itself.
 *
 * Commands (scenario actions): ping, traceroute, tracert — engine/devices/wl-host-commands.c.
 * A host does nothing at time 0: Linux sends no gratuitous ARP when an address is set
 * statically (unless arp_notify is on), so the first frame of a run is always explained by
 * an action.
 */
#define G_LOG_DOMAIN "wl-host"
#include "config.h"

#include "wl-devices.h"
#include "proto/wl-apps.h"

static void
host_receive (WlDevice *dev,
              WlPort   *port,
              WlPacket *frame)
{
  wl_stack_input (((WlStackDevice *) dev)->stack, port, frame);
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
