/* wl-dhcp-pool.c — which address a DHCP server gives to whom, and for how long.
 *
 * RFC 2131 §4.3.1–4.3.4.  Where it sits: inside one DHCP server (wl-dhcp-server.c), which
 * owns one pool.  State: the reservations and a lease record per address ever handed out;
 * no timers (states are read against the virtual clock, see wl-dhcp-pool.h).
 *
 * Choosing an address for a DISCOVER (§4.3.1, in the order ISC dhcpd and dnsmasq follow):
 *   1. the client's reservation (a "host" entry with fixed-address / dhcp-host);
 *   2. the address the client had before (its record, bound, expired or released), unless
 *      someone else holds it now;
 *   3. the address it asks for (option 50), when it is in the range and free;
 *   4. the lowest address of the range that was never given to anyone;
 *   5. the lowest address whose lease ended (free or expired);
 *   6. the lowest declined address — as ISC does, abandoned addresses are taken back only
 *      when nothing else is left.
 * An address reserved for another client is never picked.  The lowest free address (rather
 * than dnsmasq's hash of the MAC) makes the order of a lab easy to predict.
 *
 * Checking a REQUEST (§4.3.2): the address must be in the pool's subnet (else the client is
 * on the wrong network), must be the client's reservation if it has one, must be in the
 * range or reserved for it, and must not be offered to, bound by or declined for someone
 * else.  A lease that ended is anyone's.
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include "wl-dhcp-pool.h"
#include "wl-dhcp-wire.h"

const char *
wl_dhcp_pool_verdict_to_string (WlDhcpPoolVerdict verdict)
{
  switch (verdict)
    {
    case WL_DHCP_POOL_OK: return "ok";
    case WL_DHCP_POOL_WRONG_NETWORK: return "wrong-network";
    case WL_DHCP_POOL_NOT_IN_POOL: return "not-in-pool";
    case WL_DHCP_POOL_RESERVED: return "reserved";
    case WL_DHCP_POOL_WRONG_ADDRESS: return "wrong-address";
    case WL_DHCP_POOL_IN_USE: return "in-use";
    default: return "unknown";
    }
}

void
wl_dhcp_pool_init (WlDhcpPool *pool,
                   guint32     first,
                   guint32     last,
                   guint32     mask,
                   guint32     lease_s)
{
  g_return_if_fail (first <= last);

  pool->first = first;
  pool->last = last;
  pool->mask = mask;
  pool->lease_s = lease_s;
  pool->reservations = g_array_new (FALSE, FALSE, sizeof (WlDhcpReservation));
  pool->leases = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

void
wl_dhcp_pool_clear (WlDhcpPool *pool)
{
  g_clear_pointer (&pool->reservations, g_array_unref);
  g_clear_pointer (&pool->leases, g_hash_table_unref);
}

void
wl_dhcp_pool_reserve (WlDhcpPool  *pool,
                      const WlMac *mac,
                      guint32      ip)
{
  WlDhcpReservation r = { *mac, ip };

  g_array_append_val (pool->reservations, r);
}

gboolean
wl_dhcp_pool_in_subnet (WlDhcpPool *pool,
                        guint32     ip)
{
  return (ip & pool->mask) == (pool->first & pool->mask);
}

static gboolean
in_range (WlDhcpPool *pool,
          guint32     ip)
{
  return ip >= pool->first && ip <= pool->last;
}

/* The address reserved for mac (0: none), and the client an address is reserved for. */
static guint32
reserved_ip (WlDhcpPool  *pool,
             const WlMac *mac)
{
  for (guint i = 0; i < pool->reservations->len; i++)
    {
      const WlDhcpReservation *r = &g_array_index (pool->reservations, WlDhcpReservation, i);

      if (wl_mac_equal (&r->mac, mac))
        return r->ip;
    }
  return 0;
}

static const WlMac *
reserved_for (WlDhcpPool *pool,
              guint32     ip)
{
  for (guint i = 0; i < pool->reservations->len; i++)
    {
      const WlDhcpReservation *r = &g_array_index (pool->reservations, WlDhcpReservation, i);

      if (r->ip == ip)
        return &r->mac;
    }
  return NULL;
}

const WlDhcpLease *
wl_dhcp_pool_lookup (WlDhcpPool *pool,
                     guint32     ip)
{
  return g_hash_table_lookup (pool->leases, GUINT_TO_POINTER (ip));
}

static WlDhcpLeaseState
lease_state (const WlDhcpLease *l,
             WlTime             now)
{
  if (l->state == WL_DHCP_LEASE_OFFERED && now >= l->expires)
    return WL_DHCP_LEASE_FREE;
  if (l->state == WL_DHCP_LEASE_BOUND && now >= l->expires)
    return WL_DHCP_LEASE_EXPIRED;
  return l->state;
}

WlDhcpLeaseState
wl_dhcp_pool_get_state (WlDhcpPool *pool,
                        guint32     ip,
                        WlTime      now)
{
  const WlDhcpLease *l = wl_dhcp_pool_lookup (pool, ip);

  return l != NULL ? lease_state (l, now) : WL_DHCP_LEASE_FREE;
}

/* Held by someone other than mac right now: offered or bound (and not ended), or declined. */
static gboolean
held_by_other (WlDhcpPool  *pool,
               guint32      ip,
               const WlMac *mac,
               WlTime       now)
{
  const WlDhcpLease *l = wl_dhcp_pool_lookup (pool, ip);
  WlDhcpLeaseState s;

  if (l == NULL)
    return FALSE;
  s = lease_state (l, now);
  if (s == WL_DHCP_LEASE_ABANDONED)
    return TRUE;
  return (s == WL_DHCP_LEASE_OFFERED || s == WL_DHCP_LEASE_BOUND) && !wl_mac_equal (&l->mac, mac);
}

static WlDhcpLease *
set_lease (WlDhcpPool       *pool,
           guint32           ip,
           const WlMac      *mac,
           WlDhcpLeaseState  state,
           WlTime            expires)
{
  WlDhcpLease *l = g_hash_table_lookup (pool->leases, GUINT_TO_POINTER (ip));

  if (l == NULL)
    {
      l = g_new0 (WlDhcpLease, 1);
      l->ip = ip;
      g_hash_table_insert (pool->leases, GUINT_TO_POINTER (ip), l);
    }
  l->mac = *mac;
  l->state = state;
  l->expires = expires;
  return l;
}

/* The address mac had last (any state but abandoned), or 0. */
static guint32
previous_ip (WlDhcpPool  *pool,
             const WlMac *mac)
{
  GHashTableIter iter;
  gpointer value;
  guint32 best = 0;

  /* Hash order is not stable: pick the lowest so runs repeat. */
  g_hash_table_iter_init (&iter, pool->leases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const WlDhcpLease *l = value;

      if (wl_mac_equal (&l->mac, mac) && l->state != WL_DHCP_LEASE_ABANDONED
          && (best == 0 || l->ip < best))
        best = l->ip;
    }
  return best;
}

/* Steps 4–6: the lowest address in the range whose record satisfies the step. */
static guint32
lowest_free (WlDhcpPool  *pool,
             const WlMac *mac,
             guint        step,
             WlTime       now)
{
  for (guint32 ip = pool->first; ip >= pool->first && ip <= pool->last; ip++)
    {
      const WlDhcpLease *l = wl_dhcp_pool_lookup (pool, ip);
      const WlMac *owner = reserved_for (pool, ip);
      WlDhcpLeaseState s = l != NULL ? lease_state (l, now) : WL_DHCP_LEASE_FREE;

      if (owner != NULL && !wl_mac_equal (owner, mac))
        continue;
      if ((step == 4 && l == NULL)
          || (step == 5 && l != NULL && (s == WL_DHCP_LEASE_FREE || s == WL_DHCP_LEASE_EXPIRED))
          || (step == 6 && s == WL_DHCP_LEASE_ABANDONED))
        return ip;
      if (ip == G_MAXUINT32)
        break;
    }
  return 0;
}

static guint32
choose (WlDhcpPool  *pool,
        const WlMac *mac,
        guint32      requested,
        WlTime       now)
{
  guint32 ip;
  const WlMac *owner;

  if ((ip = reserved_ip (pool, mac)) != 0)
    return ip;
  ip = previous_ip (pool, mac);
  if (ip != 0 && in_range (pool, ip) && !held_by_other (pool, ip, mac, now))
    return ip;
  owner = requested != 0 ? reserved_for (pool, requested) : NULL;
  if (requested != 0 && in_range (pool, requested) && !held_by_other (pool, requested, mac, now)
      && (owner == NULL || wl_mac_equal (owner, mac)))
    return requested;
  for (guint step = 4; step <= 6; step++)
    if ((ip = lowest_free (pool, mac, step, now)) != 0)
      return ip;
  return 0;
}

guint32
wl_dhcp_pool_offer (WlDhcpPool  *pool,
                    const WlMac *mac,
                    guint32      requested,
                    WlTime       now)
{
  guint32 ip = choose (pool, mac, requested, now);
  const WlDhcpLease *l;

  if (ip == 0)
    return 0;
  /* A client asking again while bound keeps its lease; otherwise the address waits. */
  l = wl_dhcp_pool_lookup (pool, ip);
  if (l == NULL || lease_state (l, now) != WL_DHCP_LEASE_BOUND)
    set_lease (pool, ip, mac, WL_DHCP_LEASE_OFFERED, now + WL_DHCP_OFFER_HOLD);
  return ip;
}

static WlDhcpPoolVerdict
check (WlDhcpPool  *pool,
       const WlMac *mac,
       guint32      ip,
       WlTime       now)
{
  guint32 mine = reserved_ip (pool, mac);
  const WlMac *owner = reserved_for (pool, ip);

  if (!wl_dhcp_pool_in_subnet (pool, ip))
    return WL_DHCP_POOL_WRONG_NETWORK;
  if (mine != 0 && mine != ip)
    return WL_DHCP_POOL_WRONG_ADDRESS;
  if (owner != NULL && !wl_mac_equal (owner, mac))
    return WL_DHCP_POOL_RESERVED;
  if (!in_range (pool, ip) && mine != ip)
    return WL_DHCP_POOL_NOT_IN_POOL;
  if (held_by_other (pool, ip, mac, now))
    return WL_DHCP_POOL_IN_USE;
  return WL_DHCP_POOL_OK;
}

WlDhcpPoolVerdict
wl_dhcp_pool_commit (WlDhcpPool  *pool,
                     const WlMac *mac,
                     guint32      ip,
                     WlTime       now)
{
  WlDhcpPoolVerdict v = check (pool, mac, ip, now);
  GHashTableIter iter;
  gpointer value;
  WlTime end;

  if (v != WL_DHCP_POOL_OK)
    return v;
  /* One address per client: whatever else it held goes back to the pool. */
  g_hash_table_iter_init (&iter, pool->leases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WlDhcpLease *l = value;

      if (l->ip != ip && wl_mac_equal (&l->mac, mac) && l->state != WL_DHCP_LEASE_ABANDONED)
        l->state = WL_DHCP_LEASE_FREE;
    }
  end = pool->lease_s == WL_DHCP_INFINITE ? WL_TIME_FOREVER : now + pool->lease_s * WL_S;
  set_lease (pool, ip, mac, WL_DHCP_LEASE_BOUND, end);
  return WL_DHCP_POOL_OK;
}

guint32
wl_dhcp_pool_withdraw_offer (WlDhcpPool  *pool,
                             const WlMac *mac,
                             WlTime       now)
{
  GHashTableIter iter;
  gpointer value;
  guint32 ip = 0;

  g_hash_table_iter_init (&iter, pool->leases);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      WlDhcpLease *l = value;

      if (wl_mac_equal (&l->mac, mac) && lease_state (l, now) == WL_DHCP_LEASE_OFFERED)
        {
          l->state = WL_DHCP_LEASE_FREE;
          ip = l->ip;
        }
    }
  return ip;
}

gboolean
wl_dhcp_pool_release (WlDhcpPool  *pool,
                      const WlMac *mac,
                      guint32      ip,
                      WlTime       now)
{
  WlDhcpLease *l = g_hash_table_lookup (pool->leases, GUINT_TO_POINTER (ip));

  if (l == NULL || !wl_mac_equal (&l->mac, mac) || lease_state (l, now) != WL_DHCP_LEASE_BOUND)
    return FALSE;
  /* The record stays with the MAC: the client gets the same address when it comes back. */
  l->state = WL_DHCP_LEASE_FREE;
  l->expires = now;
  return TRUE;
}

gboolean
wl_dhcp_pool_decline (WlDhcpPool  *pool,
                      const WlMac *mac,
                      guint32      ip)
{
  WlDhcpLease *l = g_hash_table_lookup (pool->leases, GUINT_TO_POINTER (ip));

  if (l == NULL || !wl_mac_equal (&l->mac, mac))
    return FALSE;
  l->state = WL_DHCP_LEASE_ABANDONED;
  l->expires = WL_TIME_FOREVER;
  return TRUE;
}
