/* wl-route.c — routing table with longest-prefix match.
 *
 * RFC 1812 §5.2.4.3 (next-hop selection: the longest matching prefix wins), RFC 4632 §5.1
 * (CIDR: "the most specific route").
 *
 * Where it sits: wl-ipv4.c asks it for every packet it sends or forwards; the answer names the
 * egress interface and the next hop that ARP must resolve (the router given in "via", or the
 * destination itself for a connected network).
 *
 * State: an array of routes in insertion order.  A lookup is a linear scan: a lab's tables
 * hold a handful of entries, and a scan keeps the tie rule (first added wins) obvious.
 * Real routers use a trie (Linux: LC-trie, fib_trie.c) because they hold a million entries.
 *
 * Example: with 10.0.0.0/8 via A, 10.1.0.0/16 via B and 0.0.0.0/0 via C,
 *   10.1.2.3 → B (16 bits match), 10.9.9.9 → A (8 bits), 192.0.2.1 → C (0 bits).
 */
#define G_LOG_DOMAIN "wl-route"
#include "config.h"

#include "wl-route.h"
#include "core/wl-types.h"

void
wl_route_table_init (WlRouteTable *table)
{
  table->routes = g_array_new (FALSE, TRUE, sizeof (WlRoute));
}

void
wl_route_table_clear (WlRouteTable *table)
{
  g_clear_pointer (&table->routes, g_array_unref);
}

const WlRoute *
wl_route_table_add (WlRouteTable *table,
                    guint32       network,
                    guint         prefix,
                    guint32       via,
                    gint          iface,
                    WlRouteOrigin origin)
{
  WlRoute route = { 0 };

  g_return_val_if_fail (prefix <= 32, NULL);

  route.prefix = prefix;
  route.network = network & wl_ip_prefix_mask (prefix);
  route.via = via;
  route.iface = iface;
  route.origin = origin;
  g_array_append_val (table->routes, route);
  return &g_array_index (table->routes, WlRoute, table->routes->len - 1);
}

const WlRoute *
wl_route_table_lookup (const WlRouteTable *table,
                       guint32             dst)
{
  const WlRoute *best = NULL;

  for (guint i = 0; i < table->routes->len; i++)
    {
      const WlRoute *r = &g_array_index (table->routes, WlRoute, i);

      /* The route contains dst when dst agrees with its network on the first prefix bits. */
      if ((dst & wl_ip_prefix_mask (r->prefix)) != r->network)
        continue;
      /* Strictly longer only: on a tie the entry added first stays chosen. */
      if (best == NULL || r->prefix > best->prefix)
        best = r;
    }
  return best;
}

guint
wl_route_table_get_len (const WlRouteTable *table)
{
  return table->routes->len;
}

const WlRoute *
wl_route_table_get (const WlRouteTable *table,
                    guint               i)
{
  g_return_val_if_fail (i < table->routes->len, NULL);

  return &g_array_index (table->routes, WlRoute, i);
}

char *
wl_route_format_prefix (const WlRoute *route,
                        char          *buf)
{
  char ip[16];

  g_snprintf (buf, 19, "%s/%u", wl_ip_format (route->network, ip), route->prefix);
  return buf;
}
