/* wl-arp.h — ARP for IPv4 over Ethernet (RFC 826): the neighbour cache and resolution.
 *
 * The cache maps (interface, IPv4 address) to a MAC address.  An entry is either resolving
 * (INCOMPLETE: requests going out, packets waiting) or resolved (REACHABLE until it expires).
 * The protocol side (wl-arp.c) answers requests, learns from replies and sends or queues the
 * IPv4 packets that wl-ipv4.c hands it; the table side (wl-arp-cache.c) keeps the entries and
 * their timers.  The constants below are the behaviour a lab shows; see wl-arp.c for why.
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "core/wl-sim.h"
#include "core/wl-types.h"

G_BEGIN_DECLS

typedef struct _WlStack   WlStack;
typedef struct _WlStackRx WlStackRx;

#define WL_ARP_LIFETIME (60 * WL_S)  /* a resolved entry lives this long after its last update */
#define WL_ARP_RETRANS (1 * WL_S)    /* time between two requests for one address */
#define WL_ARP_MAX_REQUESTS 3        /* requests sent before giving up */
#define WL_ARP_QUEUE_MAX 128         /* packets that may wait for one resolution */

typedef enum
{
  WL_ARP_INCOMPLETE,  /* request sent, no answer yet */
  WL_ARP_REACHABLE,   /* MAC known */
} WlArpState;

typedef struct
{
  WlStack   *stack;
  guint64    key;       /* iface << 32 | ip: the hash table's key */
  gint       iface;
  guint32    ip;
  WlMac      mac;       /* valid when REACHABLE */
  WlArpState state;
  WlTime     expires;   /* REACHABLE: when the entry goes */
  WlTimerId  timer;     /* REACHABLE: expiry; INCOMPLETE: next request or give-up */
  guint      requests;  /* INCOMPLETE: requests sent so far */
  GQueue     pending;   /* INCOMPLETE: packets waiting (WlArpPending) */
} WlArpEntry;

/* A packet waiting for its next hop's MAC. */
typedef struct
{
  WlPacket *pkt;      /* the IPv4 packet, header included */
  gint      ingress;  /* interface it came in on when forwarded, -1 when made here */
} WlArpPending;

typedef struct
{
  GHashTable *entries;  /* guint64 key → WlArpEntry*, owned */
} WlArpTable;

/* The cache (wl-arp-cache.c) */
void        wl_arp_table_init (WlArpTable *table);
void        wl_arp_table_clear (WlArpTable *table);
WlArpEntry *wl_arp_cache_lookup (WlStack *stack,
                                 gint     iface,
                                 guint32  ip);
/* A new INCOMPLETE entry (no note: the caller reports the miss). */
WlArpEntry *wl_arp_cache_add_incomplete (WlStack *stack,
                                         gint     iface,
                                         guint32  ip);
/* Records mac for ip: creates the entry or completes/refreshes it, emits arp-added or
 * arp-updated, and (re)starts its lifetime.  Returns the entry. */
WlArpEntry *wl_arp_cache_set (WlStack     *stack,
                              gint         iface,
                              guint32      ip,
                              const WlMac *mac);
/* Removes the entry and cancels its timer.  Its pending queue must be empty. */
void        wl_arp_cache_remove (WlStack    *stack,
                                 WlArpEntry *entry);
/* Every entry, sorted by interface then address (for "arp -a" and tests).  Free with
 * g_ptr_array_unref; the entries are borrowed. */
GPtrArray  *wl_arp_cache_list (WlStack *stack);

/* The protocol (wl-arp.c) */
/* An ARP packet arrived (Ethernet header already pulled).  Takes ownership. */
void        wl_arp_input (WlStack         *stack,
                          const WlStackRx *rx,
                          WlPacket        *pkt);
/* Sends an IPv4 packet to next_hop on iface: at once when the MAC is known, else after
 * resolving it.  ingress is the interface a forwarded packet came in on (-1: made here).
 * Takes ownership. */
void        wl_arp_output (WlStack  *stack,
                           gint      iface,
                           guint32   next_hop,
                           WlPacket *pkt,
                           gint      ingress);

G_END_DECLS
