/* wl-router.c — a router: one stack with forwarding on.
 *
 * RFC 1812 (requirements for IPv4 routers).  A router forwards packets that are not for it
 * (engine/proto/wl-ipv4-forward.c: TTL, route, fragmentation, ICMP errors), answers pings to
 * any of its addresses, and routes by longest-prefix match over its connected networks (one
 * per interface address) and the lab's static routes, ties going to the route added first.
 * It has no default gateway of its own: a default route is a static 0.0.0.0/0.
 *
 * Like a Cisco or Linux router it can run ping, traceroute and tracert from its console.
 * No dynamic routing (RIP) yet, no NAT, no ICMP redirects.
 */
#define G_LOG_DOMAIN "wl-router"
#include "config.h"

#include "wl-devices.h"
#include "proto/wl-apps.h"

static void
router_receive (WlDevice *dev,
                WlPort   *port,
                WlPacket *frame)
{
  wl_stack_input (((WlStackDevice *) dev)->stack, port, frame);
}

static gboolean
router_command (WlDevice   *dev,
                const char *command,
                GError    **error)
{
  return wl_stack_run_command (((WlStackDevice *) dev)->stack, command, error);
}

static void
router_finalize (WlDevice *dev)
{
  g_clear_pointer (&((WlStackDevice *) dev)->stack, wl_stack_free);
}

static const WlDeviceClass router_class = {
  .kind = "router",
  .layer = WL_LAYER_NETWORK,
  .size = sizeof (WlStackDevice),
  .receive = router_receive,
  .command = router_command,
  .check_command = wl_stack_check_command,
  .finalize = router_finalize,
};

WlDevice *
wl_router_new (WlSim             *sim,
               gint               index,
               const WlLabDevice *cfg)
{
  WlDevice *dev;

  g_return_val_if_fail (cfg != NULL, NULL);

  dev = wl_device_new_from_lab (&router_class, sim, index, cfg);
  ((WlStackDevice *) dev)->stack = wl_stack_new_from_lab (dev, cfg, TRUE);
  return dev;
}
