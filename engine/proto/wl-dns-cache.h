/* wl-dns-cache.h — a DNS cache on the virtual clock: record sets and negative answers, each
 * until its TTL runs out.
 *
 * One cache per resolver or stub (it lives in their struct, never in a global).  An entry is
 * keyed by (name, type, class), names compared without case.  What comes back out carries the
 * TTL that is left, in whole seconds rounded to the nearest, so a record cached with TTL 300
 * is answered with 300 at once, 299 a second later, and 0 in its last half second; at exactly
 * the time it was added + TTL it is gone.
 */
#pragma once

#include <glib.h>

#include "core/wl-types.h"
#include "proto/wl-dns-wire.h"

G_BEGIN_DECLS

/* How far to trust data, by where it came from (RFC 2181 §5.4.1, simplified): data of a
 * higher rank replaces a lower one; never the other way round while the older is alive. */
typedef enum
{
  WL_DNS_RANK_ADDITIONAL = 1,  /* glue and other additional-section data */
  WL_DNS_RANK_AUTHORITY,       /* the NS records of a referral */
  WL_DNS_RANK_ANSWER,          /* the answer section of a non-authoritative answer */
  WL_DNS_RANK_AUTH_ANSWER,     /* the answer (or negative answer) of an authoritative server */
} WlDnsRank;

typedef enum
{
  WL_DNS_CACHE_MISS,
  WL_DNS_CACHE_HIT,       /* out gets the record set */
  WL_DNS_CACHE_NXDOMAIN,  /* out gets the SOA the negative answer came with */
  WL_DNS_CACHE_NODATA,    /* idem */
} WlDnsCacheResult;

#define WL_DNS_CACHE_MAX_TTL 604800    /* BIND's max-cache-ttl: one week */
#define WL_DNS_CACHE_MAX_NCACHE 10800  /* BIND's max-ncache-ttl: three hours */
#define WL_DNS_CACHE_DEFAULT_SIZE 10000

typedef struct
{
  GHashTable *entries;      /* "name/type/class" (lower case) → entry, owned */
  guint       max_entries;
} WlDnsCache;

void             wl_dns_cache_init (WlDnsCache *cache,
                                    guint       max_entries);
void             wl_dns_cache_clear (WlDnsCache *cache);
guint            wl_dns_cache_size (WlDnsCache *cache);

/* Caches one record set: records of one owner, type and class (of WlDnsRR*, borrowed).  The
 * set's TTL is the smallest of its records' (RFC 2181 §5.2), capped at one week.  Returns the
 * TTL cached, or 0 when nothing was (TTL 0, or the cache holds better-ranked data). */
guint32          wl_dns_cache_add_rrset (WlDnsCache *cache,
                                         WlTime      now,
                                         GPtrArray  *rrs,
                                         WlDnsRank   rank);
/* Caches a negative answer (RFC 2308 §5): nxdomain for the whole name, else "no data of this
 * type".  Its TTL is the smaller of the SOA's TTL and MINIMUM (§5), capped at three hours.
 * Returns the TTL cached (0: nothing). */
guint32          wl_dns_cache_add_negative (WlDnsCache    *cache,
                                            WlTime         now,
                                            const char    *name,
                                            guint16        type,
                                            guint16        klass,
                                            gboolean       nxdomain,
                                            const WlDnsRR *soa,
                                            WlDnsRank      rank);
/* Looks up (name, type, class) at time now.  out (of WlDnsRR*, may be NULL) gets copies with
 * the TTL that is left.  Expired entries are removed as they are met. */
WlDnsCacheResult wl_dns_cache_lookup (WlDnsCache *cache,
                                      WlTime      now,
                                      const char *name,
                                      guint16     type,
                                      guint16     klass,
                                      GPtrArray  *out);

/* Called for every cache entry a chase uses: the first record (for a negative entry, the SOA)
 * with the TTL left, the type looked up, and what the entry said. */
typedef void (*WlDnsCacheHitFunc) (const WlDnsRR    *rr,
                                   guint16           type,
                                   WlDnsCacheResult  result,
                                   gpointer          user_data);

/* Follows *name/type through the cache as far as it goes: data of the type, or a CNAME (then
 * its target, at most max_aliases times; *loop is set when that is not enough).  Appends what
 * it uses to answer (CNAMEs, then the data), moves *name to where it stopped and sets *soa
 * for a negative answer.  Returns HIT, NXDOMAIN, NODATA, or MISS (also for a loop). */
WlDnsCacheResult wl_dns_cache_chase (WlDnsCache        *cache,
                                     WlTime             now,
                                     char             **name,
                                     guint16            type,
                                     guint              max_aliases,
                                     GPtrArray         *answer,
                                     WlDnsRR          **soa,
                                     gboolean          *loop,
                                     WlDnsCacheHitFunc  hit,
                                     gpointer           user_data);

G_END_DECLS
