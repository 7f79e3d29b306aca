/* wl-route.h — a routing table: which way a packet goes, by longest-prefix match.
 *
 * Every host and router owns one (inside its WlStack).  Entries come from three places, in
 * this order: one "connected" route per interface address (10.0.1.0/24 dev eth0), the static
 * routes of the lab, and a host's default gateway (0.0.0.0/0 via 10.0.1.1).  A lookup picks
 * the entry whose prefix is longest among those that contain the destination; two entries
 * with the same prefix length both containing it are a tie, won by the one added first.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  WL_ROUTE_CONNECTED,  /* the subnet of an interface address: reach it directly */
  WL_ROUTE_STATIC,     /* configured in the lab */
  WL_ROUTE_GATEWAY,    /* a host's default gateway */
} WlRouteOrigin;

typedef struct
{
  guint32       network;  /* host byte order, host bits clear */
  guint         prefix;   /* 0..32 */
  guint32       via;      /* next-hop router; 0 when the destination is on the link */
  gint          iface;    /* egress interface index */
  WlRouteOrigin origin;
} WlRoute;

typedef struct
{
  GArray *routes;  /* of WlRoute, in the order they were added */
} WlRouteTable;

void           wl_route_table_init (WlRouteTable *table);
void           wl_route_table_clear (WlRouteTable *table);

/* Adds an entry (network is masked to prefix).  Returns the entry, valid until the next add. */
const WlRoute *wl_route_table_add (WlRouteTable *table,
                                   guint32       network,
                                   guint         prefix,
                                   guint32       via,
                                   gint          iface,
                                   WlRouteOrigin origin);
/* Longest-prefix match; NULL when no entry contains dst. */
const WlRoute *wl_route_table_lookup (const WlRouteTable *table,
                                      guint32             dst);
guint          wl_route_table_get_len (const WlRouteTable *table);
const WlRoute *wl_route_table_get (const WlRouteTable *table,
                                   guint               i);

/* Writes "10.0.2.0/24" into buf (at least 19 bytes) and returns buf. */
char          *wl_route_format_prefix (const WlRoute *route,
                                       char          *buf);

G_END_DECLS
