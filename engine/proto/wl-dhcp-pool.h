/* wl-dhcp-pool.h — a DHCP server's addresses: the range it hands out, the reservations by
 * MAC, and one lease record per address it has ever given, kept on the virtual clock.
 *
 * RFC 2131 §4.3.1 (choosing an address), §4.3.2 (checking a request), §4.3.3–4 (DECLINE,
 * RELEASE).  See wl-dhcp-pool.c for the rules, modelled on ISC dhcpd and dnsmasq.
 *
 * The pool is plain bookkeeping with no timers: a lease stores when it ends, and its state is
 * read against "now" (an offer not taken up in WL_DHCP_OFFER_HOLD is free again; a bound
 * lease past its end is expired).  Records are kept after they end, so a client that comes
 * back gets its old address again when nobody else took it.
 */
#pragma once

#include <glib.h>

#include "core/wl-types.h"

G_BEGIN_DECLS

#define WL_DHCP_OFFER_HOLD (60 * WL_S)  /* an offered address waits this long for its REQUEST */

typedef enum
{
  WL_DHCP_LEASE_FREE,       /* never given, released, or an offer that lapsed */
  WL_DHCP_LEASE_OFFERED,    /* in a DHCPOFFER, waiting for the client's REQUEST */
  WL_DHCP_LEASE_BOUND,      /* ACKed and running */
  WL_DHCP_LEASE_EXPIRED,    /* was bound; the client never renewed */
  WL_DHCP_LEASE_ABANDONED,  /* a client DECLINEd it: someone else uses the address */
} WlDhcpLeaseState;

typedef struct
{
  guint32          ip;
  WlMac            mac;      /* the client it was last given to */
  WlDhcpLeaseState state;    /* as stored; read it through wl_dhcp_pool_get_state() */
  WlTime           expires;  /* offered: when the offer lapses; bound: when the lease ends */
} WlDhcpLease;

typedef struct
{
  WlMac   mac;
  guint32 ip;
} WlDhcpReservation;

typedef struct
{
  guint32     first, last;   /* the range, inclusive */
  guint32     mask;          /* the clients' subnet mask */
  guint32     lease_s;       /* lease length in seconds (WL_DHCP_INFINITE: forever) */
  GArray     *reservations;  /* of WlDhcpReservation */
  GHashTable *leases;        /* ip → WlDhcpLease*, owned */
} WlDhcpPool;

/* Why a request was refused (also the "reason" of dhcp-nak notes). */
typedef enum
{
  WL_DHCP_POOL_OK,
  WL_DHCP_POOL_WRONG_NETWORK,  /* "wrong-network": not in the pool's subnet */
  WL_DHCP_POOL_NOT_IN_POOL,    /* "not-in-pool": in the subnet, outside the range */
  WL_DHCP_POOL_RESERVED,       /* "reserved": another client's reservation */
  WL_DHCP_POOL_WRONG_ADDRESS,  /* "wrong-address": this client has another reserved address */
  WL_DHCP_POOL_IN_USE,         /* "in-use": offered to or bound by someone else, or declined */
} WlDhcpPoolVerdict;

const char      *wl_dhcp_pool_verdict_to_string (WlDhcpPoolVerdict verdict);

void             wl_dhcp_pool_init (WlDhcpPool *pool,
                                    guint32     first,
                                    guint32     last,
                                    guint32     mask,
                                    guint32     lease_s);
void             wl_dhcp_pool_clear (WlDhcpPool *pool);
void             wl_dhcp_pool_reserve (WlDhcpPool  *pool,
                                       const WlMac *mac,
                                       guint32      ip);
/* The state of ip's record at time now (FREE when there is none). */
WlDhcpLeaseState wl_dhcp_pool_get_state (WlDhcpPool *pool,
                                         guint32     ip,
                                         WlTime      now);
/* The record for ip, or NULL (borrowed). */
const WlDhcpLease *wl_dhcp_pool_lookup (WlDhcpPool *pool,
                                        guint32     ip);
/* Picks the address to offer mac (requested: option 50, or 0) and marks it offered until
 * now + WL_DHCP_OFFER_HOLD.  0 when the pool has nothing left. */
guint32          wl_dhcp_pool_offer (WlDhcpPool  *pool,
                                     const WlMac *mac,
                                     guint32      requested,
                                     WlTime       now);
/* May mac have ip?  When it may, the lease is bound until now + the lease time (any other
 * lease of mac is freed: one address per client). */
WlDhcpPoolVerdict wl_dhcp_pool_commit (WlDhcpPool  *pool,
                                       const WlMac *mac,
                                       guint32      ip,
                                       WlTime       now);
/* The client went to another server: its pending offer (if any) is freed.  Returns the
 * address that was offered, or 0. */
guint32          wl_dhcp_pool_withdraw_offer (WlDhcpPool  *pool,
                                              const WlMac *mac,
                                              WlTime       now);
/* DHCPRELEASE: TRUE when mac held ip (it is free again). */
gboolean         wl_dhcp_pool_release (WlDhcpPool  *pool,
                                       const WlMac *mac,
                                       guint32      ip,
                                       WlTime       now);
/* DHCPDECLINE: TRUE when mac had been given ip (it is abandoned). */
gboolean         wl_dhcp_pool_decline (WlDhcpPool  *pool,
                                       const WlMac *mac,
                                       guint32      ip);
gboolean         wl_dhcp_pool_in_subnet (WlDhcpPool *pool,
                                         guint32     ip);

G_END_DECLS
