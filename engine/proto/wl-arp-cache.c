/* wl-arp-cache.c — the ARP cache (neighbour table) of one stack.
 *
 * RFC 826 (the table a translator keeps), RFC 1122 §2.3.2.1 (entries must time out).
 *
 * Where it sits: wl-arp.c reads and fills it; wl_arp_cache_list() shows it ("arp -a").
 *
 * State: a hash table keyed by (interface, IPv4 address) — the same address may sit behind
 * two interfaces of a router — holding WlArpEntry records:
 *
 *     (nothing) --miss--> INCOMPLETE --reply/request--> REACHABLE --60 s--> (gone)
 *                             |                            ^    |
 *                             +--3 requests, no answer     +----+ refreshed by any ARP
 *                                --> (gone, packets dropped)      packet from the neighbour
 *
 * Lifetime: a resolved entry lives WL_ARP_LIFETIME = 60 s after it was last confirmed by an
 * ARP packet from that neighbour, then it is removed with an arp-expired note.  Real stacks
 * vary: Linux keeps an entry REACHABLE for a random 15–45 s, then STALE until garbage
 * collection (gc_stale_time 60 s) or revalidation; Windows uses a random 15–45 s; Cisco
 * routers four hours.  A single fixed 60 s is deterministic, long enough that a ping series
 * needs one ARP exchange, and short enough that a lab can show an entry expiring.  Sending
 * traffic does not refresh an entry (Linux would, through upper-layer confirmation).
 */
#define G_LOG_DOMAIN "wl-arp"
#include "config.h"

#include "wl-stack-private.h"

static guint64
entry_key (gint    iface,
           guint32 ip)
{
  return (guint64) (guint32) iface << 32 | ip;
}

static void
entry_free (gpointer data)
{
  WlArpEntry *e = data;
  WlArpPending *p;

  while ((p = g_queue_pop_head (&e->pending)) != NULL)
    {
      wl_packet_unref (p->pkt);
      g_free (p);
    }
  g_free (e);
}

void
wl_arp_table_init (WlArpTable *table)
{
  table->entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, entry_free);
}

void
wl_arp_table_clear (WlArpTable *table)
{
  /* Timers still queued in the simulation point at entries: they are never run after the
   * devices are gone, and they own no data, so dropping them with the simulation is safe. */
  g_clear_pointer (&table->entries, g_hash_table_unref);
}

WlArpEntry *
wl_arp_cache_lookup (WlStack *stack,
                     gint     iface,
                     guint32  ip)
{
  guint64 key = entry_key (iface, ip);

  return g_hash_table_lookup (stack->arp.entries, &key);
}

static WlArpEntry *
entry_new (WlStack   *stack,
           gint       iface,
           guint32    ip,
           WlArpState state)
{
  WlArpEntry *e = g_new0 (WlArpEntry, 1);

  e->stack = stack;
  e->key = entry_key (iface, ip);
  e->iface = iface;
  e->ip = ip;
  e->state = state;
  g_queue_init (&e->pending);
  g_hash_table_insert (stack->arp.entries, &e->key, e);
  return e;
}

WlArpEntry *
wl_arp_cache_add_incomplete (WlStack *stack,
                             gint     iface,
                             guint32  ip)
{
  g_return_val_if_fail (wl_arp_cache_lookup (stack, iface, ip) == NULL, NULL);

  return entry_new (stack, iface, ip, WL_ARP_INCOMPLETE);
}

void
wl_arp_cache_remove (WlStack    *stack,
                     WlArpEntry *entry)
{
  g_return_if_fail (g_queue_is_empty (&entry->pending));

  if (entry->timer != 0)
    wl_sim_cancel (stack->sim, entry->timer);
  g_hash_table_remove (stack->arp.entries, &entry->key);
}

static void
on_expired (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  WlArpEntry *e = target;
  WlStack *stack = e->stack;
  char ip[16], mac[18];

  e->timer = 0;
  _wl_stack_note (stack, e->iface, WL_PROTO_ARP, WL_LAYER_DATA_LINK, WL_NOTE_ARP_EXPIRED,
                  "ip=%s mac=%s", wl_ip_format (e->ip, ip), wl_mac_format (&e->mac, mac));
  wl_arp_cache_remove (stack, e);
}

WlArpEntry *
wl_arp_cache_set (WlStack     *stack,
                  gint         iface,
                  guint32      ip,
                  const WlMac *mac)
{
  WlArpEntry *e = wl_arp_cache_lookup (stack, iface, ip);
  guint64 prev_cause = wl_sim_get_cause (stack->sim);
  char ips[16], macs[18], old[18];
  guint64 note;

  if (e == NULL || e->state == WL_ARP_INCOMPLETE)
    {
      /* A new entry, or the answer an INCOMPLETE one was waiting for. */
      if (e == NULL)
        e = entry_new (stack, iface, ip, WL_ARP_REACHABLE);
      e->state = WL_ARP_REACHABLE;
      e->mac = *mac;
      note = _wl_stack_note (stack, iface, WL_PROTO_ARP, WL_LAYER_DATA_LINK, WL_NOTE_ARP_ADDED,
                             "ip=%s mac=%s", wl_ip_format (ip, ips), wl_mac_format (mac, macs));
    }
  else if (!wl_mac_equal (&e->mac, mac))
    {
      /* The neighbour changed its card (or someone is spoofing it): say what it was. */
      wl_mac_format (&e->mac, old);
      e->mac = *mac;
      note = _wl_stack_note (stack, iface, WL_PROTO_ARP, WL_LAYER_DATA_LINK,
                             WL_NOTE_ARP_UPDATED, "ip=%s mac=%s old_mac=%s",
                             wl_ip_format (ip, ips), wl_mac_format (mac, macs), old);
    }
  else
    {
      note = _wl_stack_note (stack, iface, WL_PROTO_ARP, WL_LAYER_DATA_LINK,
                             WL_NOTE_ARP_UPDATED, "ip=%s mac=%s", wl_ip_format (ip, ips),
                             wl_mac_format (mac, macs));
    }

  /* (Re)start the lifetime; the expiry will name this note as its cause. */
  if (e->timer != 0)
    wl_sim_cancel (stack->sim, e->timer);
  e->requests = 0;
  e->expires = wl_sim_now (stack->sim) + WL_ARP_LIFETIME;
  wl_sim_set_cause (stack->sim, note);
  e->timer = wl_sim_schedule_at (stack->sim, e->expires, on_expired, e, NULL, NULL);
  wl_sim_set_cause (stack->sim, prev_cause);
  return e;
}

static gint
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const WlArpEntry *x = *(WlArpEntry *const *) a;
  const WlArpEntry *y = *(WlArpEntry *const *) b;

  if (x->iface != y->iface)
    return x->iface < y->iface ? -1 : 1;
  return x->ip < y->ip ? -1 : x->ip > y->ip;
}

GPtrArray *
wl_arp_cache_list (WlStack *stack)
{
  GPtrArray *list = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, stack->arp.entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (list, value);
  /* Hash order is an accident of the table: sort so the listing reads the same every time. */
  g_ptr_array_sort (list, compare_entries);
  return list;
}
