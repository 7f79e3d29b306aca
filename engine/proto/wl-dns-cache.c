/* wl-dns-cache.c — the cache of a resolver or stub: what it learnt, until the TTL says stop.
 *
 * RFC 1034 §4.3.4 and §5.3.2 (caching), RFC 2181 §5 (record sets: one TTL for the set, the
 * smallest; §5.4.1 ranking of data by where it came from), §8 (a TTL with the top bit set is
 * read as 0), RFC 2308 (negative caching: NXDOMAIN for a name, NODATA for a name and type,
 * each kept for min(SOA TTL, SOA MINIMUM)).
 *
 * Where it sits: inside wl-dns-resolver.c and wl-dns-stub.c, which decide what to cache and
 * emit the cache notes; this file only keeps data and the clock arithmetic.
 *
 * State: a hash table, key "name/type/class" with the name lower-cased (type 0 stands for
 * "any type" in an NXDOMAIN entry), value an entry:
 *
 *   kind      positive, nxdomain or nodata
 *   rrs       the record set (or, for a negative entry, the SOA that came with it)
 *   ttl       seconds, as cached
 *   expires   virtual time added + ttl: the entry is alive while now < expires
 *   rank      see WlDnsRank
 *
 * Size: at most max_entries; adding to a full cache first drops expired entries, then the
 * entry that would expire first (ties broken by key so runs repeat).
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <string.h>

#include "wl-dns-cache.h"

typedef struct
{
  WlDnsCacheResult kind;
  GPtrArray       *rrs;      /* of WlDnsRR*, owned */
  guint32          ttl;
  WlTime           expires;
  WlDnsRank        rank;
} Entry;

static void
entry_free (gpointer data)
{
  Entry *e = data;

  g_ptr_array_unref (e->rrs);
  g_free (e);
}

void
wl_dns_cache_init (WlDnsCache *cache,
                   guint       max_entries)
{
  cache->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_free);
  cache->max_entries = MAX (max_entries, 1);
}

void
wl_dns_cache_clear (WlDnsCache *cache)
{
  g_clear_pointer (&cache->entries, g_hash_table_unref);
}

guint
wl_dns_cache_size (WlDnsCache *cache)
{
  return g_hash_table_size (cache->entries);
}

static char *
make_key (const char *name,
          guint16     type,
          guint16     klass)
{
  g_autofree char *lower = wl_dns_name_key (name);

  return g_strdup_printf ("%s/%u/%u", lower, type, klass);
}

/* The live entry at key, or NULL; an expired one is removed. */
static Entry *
get_live (WlDnsCache *cache,
          const char *key,
          WlTime      now)
{
  Entry *e = g_hash_table_lookup (cache->entries, key);

  if (e != NULL && now >= e->expires)
    {
      g_hash_table_remove (cache->entries, key);
      return NULL;
    }
  return e;
}

static void
make_room (WlDnsCache *cache,
           WlTime      now)
{
  GHashTableIter it;
  gpointer key, value;
  const char *victim = NULL;
  WlTime soonest = WL_TIME_FOREVER;

  if (g_hash_table_size (cache->entries) < cache->max_entries)
    return;
  g_hash_table_iter_init (&it, cache->entries);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (now >= ((Entry *) value)->expires)
      g_hash_table_iter_remove (&it);
  if (g_hash_table_size (cache->entries) < cache->max_entries)
    return;
  g_hash_table_iter_init (&it, cache->entries);
  while (g_hash_table_iter_next (&it, &key, &value))
    {
      Entry *e = value;

      if (e->expires < soonest || (e->expires == soonest && strcmp (key, victim) < 0))
        {
          soonest = e->expires;
          victim = key;
        }
    }
  g_hash_table_remove (cache->entries, victim);
}

/* Stores an entry unless a live one of higher rank is there; returns the TTL stored. */
static guint32
store (WlDnsCache      *cache,
       WlTime           now,
       char            *key,
       WlDnsCacheResult kind,
       GPtrArray       *rrs,
       guint32          ttl,
       WlDnsRank        rank)
{
  Entry *old = get_live (cache, key, now);
  Entry *e;

  if (ttl == 0 || (old != NULL && old->rank > rank))
    {
      g_free (key);
      g_ptr_array_unref (rrs);
      return 0;
    }
  if (old == NULL)
    make_room (cache, now);
  e = g_new0 (Entry, 1);
  e->kind = kind;
  e->rrs = rrs;
  e->ttl = ttl;
  e->expires = now + (WlTime) ttl * WL_S;
  e->rank = rank;
  g_hash_table_replace (cache->entries, key, e);
  return ttl;
}

/* RFC 2181 §8: a TTL with the most significant bit set counts as zero. */
static guint32
sane_ttl (guint32 ttl)
{
  return ttl > G_MAXINT32 ? 0 : ttl;
}

guint32
wl_dns_cache_add_rrset (WlDnsCache *cache,
                        WlTime      now,
                        GPtrArray  *rrs,
                        WlDnsRank   rank)
{
  const WlDnsRR *first;
  GPtrArray *copy;
  guint32 ttl = WL_DNS_CACHE_MAX_TTL;

  g_return_val_if_fail (rrs != NULL && rrs->len > 0, 0);

  first = g_ptr_array_index (rrs, 0);
  copy = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  for (guint i = 0; i < rrs->len; i++)
    {
      WlDnsRR *rr = wl_dns_rr_copy (g_ptr_array_index (rrs, i));

      g_return_val_if_fail (rr->type == first->type && wl_dns_name_equal (rr->name, first->name),
                            0);
      ttl = MIN (ttl, sane_ttl (rr->ttl));
      g_ptr_array_add (copy, rr);
    }
  for (guint i = 0; i < copy->len; i++)
    ((WlDnsRR *) g_ptr_array_index (copy, i))->ttl = ttl;
  return store (cache, now, make_key (first->name, first->type, first->klass), WL_DNS_CACHE_HIT,
                copy, ttl, rank);
}

guint32
wl_dns_cache_add_negative (WlDnsCache    *cache,
                           WlTime         now,
                           const char    *name,
                           guint16        type,
                           guint16        klass,
                           gboolean       nxdomain,
                           const WlDnsRR *soa,
                           WlDnsRank      rank)
{
  GPtrArray *rrs;
  WlDnsRR *copy;
  guint32 ttl;

  g_return_val_if_fail (soa != NULL && soa->type == WL_DNS_TYPE_SOA, 0);

  ttl = MIN (MIN (sane_ttl (soa->ttl), sane_ttl (soa->minimum)), WL_DNS_CACHE_MAX_NCACHE);
  copy = wl_dns_rr_copy (soa);
  copy->ttl = ttl;
  rrs = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_ptr_array_add (rrs, copy);
  return store (cache, now, make_key (name, nxdomain ? 0 : type, klass),
                nxdomain ? WL_DNS_CACHE_NXDOMAIN : WL_DNS_CACHE_NODATA, rrs, ttl, rank);
}

static void
copy_out (const Entry *e,
          WlTime       now,
          GPtrArray   *out)
{
  /* Whole seconds left, to the nearest: what is cached at 1.000001 s with TTL 300 shows 270
   * at 31 s, as with BIND's one-second clock; in its last half second it shows 0. */
  guint32 left = (guint32) ((e->expires - now + WL_S / 2) / WL_S);

  if (out == NULL)
    return;
  for (guint i = 0; i < e->rrs->len; i++)
    {
      WlDnsRR *rr = wl_dns_rr_copy (g_ptr_array_index (e->rrs, i));

      rr->ttl = left;
      g_ptr_array_add (out, rr);
    }
}

WlDnsCacheResult
wl_dns_cache_lookup (WlDnsCache *cache,
                     WlTime      now,
                     const char *name,
                     guint16     type,
                     guint16     klass,
                     GPtrArray  *out)
{
  g_autofree char *key = make_key (name, type, klass);
  g_autofree char *nx_key = make_key (name, 0, klass);
  Entry *e = get_live (cache, key, now);

  if (e == NULL)
    e = get_live (cache, nx_key, now);
  if (e == NULL)
    return WL_DNS_CACHE_MISS;
  copy_out (e, now, out);
  return e->kind;
}

WlDnsCacheResult
wl_dns_cache_chase (WlDnsCache        *cache,
                    WlTime             now,
                    char             **name,
                    guint16            type,
                    guint              max_aliases,
                    GPtrArray         *answer,
                    WlDnsRR          **soa,
                    gboolean          *loop,
                    WlDnsCacheHitFunc  hit,
                    gpointer           user_data)
{
  *loop = FALSE;
  for (guint aliases = 0;; aliases++)
    {
      g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
      WlDnsCacheResult r = wl_dns_cache_lookup (cache, now, *name, type, WL_DNS_CLASS_IN, found);
      const WlDnsRR *cname;

      if (r == WL_DNS_CACHE_MISS && type != WL_DNS_TYPE_CNAME
          && wl_dns_cache_lookup (cache, now, *name, WL_DNS_TYPE_CNAME, WL_DNS_CLASS_IN, found)
                 == WL_DNS_CACHE_HIT)
        {
          cname = g_ptr_array_index (found, 0);
          hit (cname, WL_DNS_TYPE_CNAME, WL_DNS_CACHE_HIT, user_data);
          if (aliases >= max_aliases)
            {
              *loop = TRUE;
              return WL_DNS_CACHE_MISS;
            }
          g_ptr_array_add (answer, wl_dns_rr_copy (cname));
          g_free (*name);
          *name = g_strdup (cname->target);
          continue;
        }
      if (r == WL_DNS_CACHE_MISS)
        return r;
      hit (g_ptr_array_index (found, 0), type, r, user_data);
      if (r != WL_DNS_CACHE_HIT)
        *soa = wl_dns_rr_copy (g_ptr_array_index (found, 0));
      else
        for (guint i = 0; i < found->len; i++)
          g_ptr_array_add (answer, wl_dns_rr_copy (g_ptr_array_index (found, i)));
      return r;
    }
}
