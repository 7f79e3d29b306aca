/* wl-stack.c — the per-device IPv4 stack: building it, configuring it from the lab, and the
 * note/drop helpers every protocol file uses.
 *
 * Where it sits: a host or router device owns one stack (engine/devices/wl-host.c,
 * wl-router.c) and hands it every frame its ports receive (wl_stack_input, wl-ethernet.c).
 *
 * State it owns: the interfaces with their addresses, and every table of the protocols —
 * routes, the ARP cache, reassembly buffers, UDP ports, ICMP listeners — plus the running
 * applications (ping, traceroute) so that they die with the device.
 *
 * Deterministic numbers.  Real stacks draw several numbers at random: Linux picks IPv4
 * Identification values from a keyed hash per destination and ephemeral ports at random.
 * A lab must give the same bytes on every run, so a stack derives its starting values from
 * the simulation seed and its device index with a fixed mixing function (SplitMix64): two
 * devices start at different values, and the same lab and seed give the same values.
 *   Identification  a per-stack counter from mix(seed, device) >> 48, +1 per packet
 *   UDP source port counts up from a value in 32768..60999 derived the same way
 *   ICMP identifier (device index + 1) × 1000, +1 per ping or tracert: 1000, 1001 … on the
 *                   first device, readable in a capture (Linux uses the process id)
 */
#define G_LOG_DOMAIN "wl-stack"
#include "config.h"

#include <stdarg.h>

#include "wl-stack-private.h"
#include "wl-ipv4-wire.h"

/* SplitMix64's finaliser (Steele, Lea, Flood 2014): a cheap, well-mixed hash of 64 bits. */
static guint64
mix64 (guint64 x)
{
  x += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  x = (x ^ (x >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x = (x ^ (x >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return x ^ (x >> 31);
}

typedef struct
{
  gpointer       app;
  GDestroyNotify destroy;
} StackApp;

static void
stack_app_free (gpointer data)
{
  StackApp *a = data;

  if (a->destroy != NULL)
    a->destroy (a->app);
  g_free (a);
}

WlStack *
wl_stack_new (WlDevice *device,
              gboolean  forwarding)
{
  WlStack *stack;
  guint64 h;

  g_return_val_if_fail (device != NULL, NULL);

  stack = g_new0 (WlStack, 1);
  stack->device = device;
  stack->sim = device->sim;
  stack->forwarding = forwarding;
  stack->n_ifaces = device->n_ports;
  stack->ifaces = g_new0 (WlStackIface, MAX (device->n_ports, 1));
  for (guint i = 0; i < device->n_ports; i++)
    {
      stack->ifaces[i].port = device->ports[i];
      stack->ifaces[i].index = (gint) i;
    }

  h = mix64 (wl_sim_get_seed (stack->sim) ^ mix64 ((guint64) device->index + 1));
  stack->next_ip_id = (guint16) (h >> 48);
  stack->next_app_id = (guint16) (((guint) device->index + 1) * 1000);

  wl_route_table_init (&stack->routes);
  wl_arp_table_init (&stack->arp);
  wl_reasm_table_init (&stack->reasm);
  wl_udp_table_init (&stack->udp, (guint) (h & 0xffffffffu));
  wl_tcp_table_init (&stack->tcp, (guint) (h >> 32));
  wl_icmp_listeners_init (&stack->icmp);
  stack->apps = g_ptr_array_new_with_free_func (stack_app_free);
  return stack;
}

void
wl_stack_free (WlStack *stack)
{
  if (stack == NULL)
    return;
  /* TCP connections go quietly first (their sockets just forget them), then applications:
   * they may unbind ports and listeners on their way out. */
  wl_tcp_table_clear (&stack->tcp);
  g_clear_pointer (&stack->apps, g_ptr_array_unref);
  wl_icmp_listeners_clear (&stack->icmp);
  wl_udp_table_clear (&stack->udp);
  wl_reasm_table_clear (&stack->reasm);
  wl_arp_table_clear (&stack->arp);
  wl_route_table_clear (&stack->routes);
  g_free (stack->ifaces);
  g_free (stack);
}

void
wl_stack_set_address (WlStack *stack,
                      guint    iface,
                      guint32  address,
                      guint    prefix)
{
  g_return_if_fail (iface < stack->n_ifaces);
  g_return_if_fail (prefix <= 32);

  stack->ifaces[iface].address = address;
  stack->ifaces[iface].prefix = prefix;
  /* Like Linux's "proto kernel scope link" route: the subnet is reached directly. */
  if (address != 0)
    wl_route_table_add (&stack->routes, address, prefix, 0, (gint) iface, WL_ROUTE_CONNECTED);
}

void
wl_stack_clear_address (WlStack *stack,
                        guint    iface)
{
  GArray *routes = stack->routes.routes;

  g_return_if_fail (iface < stack->n_ifaces);

  stack->ifaces[iface].address = 0;
  stack->ifaces[iface].prefix = 0;
  /* Routes out of this interface can no longer be used: without an address there is no
   * connected network, so no next hop is reachable through it. */
  for (guint i = routes->len; i > 0; i--)
    if (g_array_index (routes, WlRoute, i - 1).iface == (gint) iface)
      g_array_remove_index (routes, i - 1);
}

gboolean
wl_stack_add_route (WlStack      *stack,
                    guint32       network,
                    guint         prefix,
                    guint32       via,
                    gint          iface,
                    WlRouteOrigin origin)
{
  g_return_val_if_fail (prefix <= 32, FALSE);
  g_return_val_if_fail (iface < (gint) stack->n_ifaces, FALSE);

  if (iface < 0)
    {
      /* The next hop must be on one of our links: find the connected network holding it,
       * as Linux does when told "via 10.0.1.2" without "dev". */
      for (guint i = 0; i < wl_route_table_get_len (&stack->routes) && iface < 0; i++)
        {
          const WlRoute *r = wl_route_table_get (&stack->routes, i);

          if (r->origin == WL_ROUTE_CONNECTED
              && (via & wl_ip_prefix_mask (r->prefix)) == r->network)
            iface = r->iface;
        }
      if (iface < 0)
        return FALSE;
    }
  wl_route_table_add (&stack->routes, network, prefix, via, iface, origin);
  return TRUE;
}

WlStack *
wl_stack_new_from_lab (WlDevice          *device,
                       const WlLabDevice *cfg,
                       gboolean           forwarding)
{
  WlStack *stack = wl_stack_new (device, forwarding);
  char buf[16];

  for (guint i = 0; i < cfg->ifaces->len && i < stack->n_ifaces; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (cfg->ifaces, i);

      /* DHCP interfaces stay without an address until the DHCP client exists. */
      if (!iface->dhcp && iface->address != 0)
        wl_stack_set_address (stack, i, iface->address, iface->prefix);
    }
  /* Static routes in the lab's order, then the gateway: on equal prefixes the first wins. */
  for (guint i = 0; i < cfg->routes->len; i++)
    {
      const WlLabRoute *r = g_ptr_array_index (cfg->routes, i);
      gint iface = -1;

      if (r->iface != NULL)
        iface = wl_lab_device_find_iface ((WlLabDevice *) cfg, r->iface);
      if (!wl_stack_add_route (stack, r->network, r->prefix, r->via, iface, WL_ROUTE_STATIC))
        g_debug ("%s: route via %s skipped: no interface reaches it", cfg->name,
                 wl_ip_format (r->via, buf));
    }
  if (cfg->gateway != 0
      && !wl_stack_add_route (stack, 0, 0, cfg->gateway, -1, WL_ROUTE_GATEWAY))
    g_debug ("%s: gateway %s skipped: not on any interface's network", cfg->name,
             wl_ip_format (cfg->gateway, buf));
  return stack;
}

WlStackIface *
wl_stack_get_iface (WlStack *stack,
                    gint     index)
{
  g_return_val_if_fail (index >= 0 && (guint) index < stack->n_ifaces, NULL);

  return &stack->ifaces[index];
}

const char *
_wl_stack_iface_name (WlStack *stack,
                      gint     iface)
{
  if (iface < 0 || (guint) iface >= stack->n_ifaces || stack->ifaces[iface].port->name == NULL)
    return "-";
  return stack->ifaces[iface].port->name;
}

void
wl_stack_add_app (WlStack       *stack,
                  gpointer       app,
                  GDestroyNotify destroy)
{
  StackApp *a = g_new (StackApp, 1);

  a->app = app;
  a->destroy = destroy;
  g_ptr_array_add (stack->apps, a);
}

/* Events ----------------------------------------------------------------------------------- */

guint64
_wl_stack_note (WlStack    *stack,
                gint        iface,
                WlProto     proto,
                WlLayer     layer,
                WlCode      code,
                const char *args_format,
                ...)
{
  g_autofree char *args = NULL;
  va_list ap;

  va_start (ap, args_format);
  args = g_strdup_vprintf (args_format, ap);
  va_end (ap);
  return wl_sim_note (stack->sim, stack->device->index, iface, proto, layer, code, "%s", args);
}

guint64
_wl_stack_drop_rx (WlStack         *stack,
                   const WlStackRx *rx,
                   WlPacket        *pkt,
                   WlProto          proto,
                   WlLayer          layer,
                   WlCode           code,
                   const char      *args)
{
  gsize head, len;
  guint64 id;

  if (rx->frame == NULL || rx->frame != pkt)
    {
      /* A datagram rebuilt from fragments never was one frame: report it without bytes. */
      return wl_sim_drop (stack->sim, stack->device->index, rx->iface->index, proto, layer,
                          code, NULL, 0, args);
    }
  /* Show the frame exactly as it arrived: receiving only moved the start and the end of the
   * data (pulled headers, trimmed padding), the bytes are still in the buffer.  The port
   * layer records it with its FCS. */
  head = pkt->head;
  len = pkt->len;
  pkt->head = rx->frame_head;
  pkt->len = rx->frame_len;
  id = wl_port_drop (rx->iface->port, pkt, layer, code, args);
  pkt->head = head;
  pkt->len = len;
  return id;
}

/* The protocol an IPv4 packet carries, as trace events name it. */
static WlProto
packet_proto (const guint8 *ip)
{
  switch (ip[WL_IPV4_OFF_PROTO])
    {
    case WL_IP_PROTO_ICMP:
      return WL_PROTO_ICMP;
    case WL_IP_PROTO_UDP:
      return WL_PROTO_UDP;
    case WL_IP_PROTO_TCP:
      return WL_PROTO_TCP;
    default:
      return WL_PROTO_IP;
    }
}

guint64
_wl_stack_drop_ip (WlStack      *stack,
                   gint          iface,
                   WlLayer       layer,
                   WlCode        code,
                   const guint8 *ip,
                   gsize         len,
                   const char   *extra)
{
  g_autofree char *args = NULL;
  char src[16], dst[16];

  g_assert (len >= WL_IPV4_HLEN);
  args = g_strdup_printf ("src=%s dst=%s proto=%u id=%u len=%u%s%s",
                          wl_ip_format (wl_get_u32 (ip + WL_IPV4_OFF_SRC), src),
                          wl_ip_format (wl_get_u32 (ip + WL_IPV4_OFF_DST), dst),
                          ip[WL_IPV4_OFF_PROTO], wl_get_u16 (ip + WL_IPV4_OFF_ID),
                          wl_get_u16 (ip + WL_IPV4_OFF_LEN), extra ? " " : "", extra ? extra : "");
  return wl_sim_drop (stack->sim, stack->device->index, iface, packet_proto (ip), layer, code,
                      NULL, 0, args);
}
