/* test-dns-cache.c — the DNS cache on the virtual clock.
 *
 * An entry added at time T with TTL t answers while now < T + t and is gone at exactly
 * T + t; the TTL it answers with counts down in whole seconds, rounded to the nearest.  Negative entries
 * live min(SOA TTL, MINIMUM) (RFC 2308 §5); data of a lower rank never replaces a higher one.
 */
#include "config.h"

#include "proto/wl-dns-cache.h"

#define T0 (3 * WL_S + 250 * WL_MS)

static GPtrArray *
one_a (const char *name,
       guint32     ttl,
       guint32     addr)
{
  GPtrArray *set = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);

  g_ptr_array_add (set, wl_dns_rr_new_a (name, ttl, addr));
  return set;
}

static WlDnsRR *
soa (guint32 ttl,
     guint32 minimum)
{
  WlDnsRR *rr = wl_dns_rr_new_name ("lab.test", WL_DNS_TYPE_SOA, ttl, "ns1.lab.test");

  rr->rname = g_strdup ("hostmaster.lab.test");
  rr->minimum = minimum;
  return rr;
}

/* The TTL a lookup answers with at time now, or -1 on a miss. */
static gint64
ttl_at (WlDnsCache *cache,
        WlTime      now,
        const char *name,
        guint16     type)
{
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);

  if (wl_dns_cache_lookup (cache, now, name, type, WL_DNS_CLASS_IN, out) == WL_DNS_CACHE_MISS)
    return -1;
  return ((WlDnsRR *) g_ptr_array_index (out, 0))->ttl;
}

static void
test_expiry (void)
{
  WlDnsCache cache;
  g_autoptr (GPtrArray) set = one_a ("web.lab.test", 300, 0x0a000050);

  wl_dns_cache_init (&cache, 100);
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, T0, set, WL_DNS_RANK_ANSWER), ==, 300);
  g_assert_cmpint (ttl_at (&cache, T0, "web.lab.test", WL_DNS_TYPE_A), ==, 300);
  g_assert_cmpint (ttl_at (&cache, T0 + 1, "WEB.LAB.TEST", WL_DNS_TYPE_A), ==, 300);
  g_assert_cmpint (ttl_at (&cache, T0 + WL_S, "web.lab.test", WL_DNS_TYPE_A), ==, 299);
  g_assert_cmpint (ttl_at (&cache, T0 + 30 * WL_S + 1, "web.lab.test", WL_DNS_TYPE_A), ==, 270);
  g_assert_cmpint (ttl_at (&cache, T0 + 299 * WL_S, "web.lab.test", WL_DNS_TYPE_A), ==, 1);
  g_assert_cmpint (ttl_at (&cache, T0 + 300 * WL_S - 1, "web.lab.test", WL_DNS_TYPE_A), ==, 0);
  /* the other type, the other name: nothing */
  g_assert_cmpint (ttl_at (&cache, T0, "web.lab.test", WL_DNS_TYPE_MX), ==, -1);
  g_assert_cmpint (ttl_at (&cache, T0, "www.lab.test", WL_DNS_TYPE_A), ==, -1);
  /* gone at exactly T0 + 300 s, and removed */
  g_assert_cmpint (ttl_at (&cache, T0 + 300 * WL_S, "web.lab.test", WL_DNS_TYPE_A), ==, -1);
  g_assert_cmpuint (wl_dns_cache_size (&cache), ==, 0);
  wl_dns_cache_clear (&cache);
}

static void
test_set_ttl (void)
{
  WlDnsCache cache;
  g_autoptr (GPtrArray) set = one_a ("web.lab.test", 300, 1);
  g_autoptr (GPtrArray) zero = one_a ("zero.lab.test", 0, 1);
  g_autoptr (GPtrArray) huge = one_a ("huge.lab.test", 0x80000000u, 1);
  g_autoptr (GPtrArray) week = one_a ("week.lab.test", 10000000, 1);

  wl_dns_cache_init (&cache, 100);
  /* RFC 2181 §5.2: one TTL for the set, the smallest */
  g_ptr_array_add (set, wl_dns_rr_new_a ("web.lab.test", 60, 2));
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 0, set, WL_DNS_RANK_ANSWER), ==, 60);
  g_assert_cmpint (ttl_at (&cache, 0, "web.lab.test", WL_DNS_TYPE_A), ==, 60);
  /* TTL 0 is not cached; a TTL with the top bit set is 0 (RFC 2181 §8) */
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 0, zero, WL_DNS_RANK_ANSWER), ==, 0);
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 0, huge, WL_DNS_RANK_ANSWER), ==, 0);
  /* at most a week */
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 0, week, WL_DNS_RANK_ANSWER), ==,
                    WL_DNS_CACHE_MAX_TTL);
  wl_dns_cache_clear (&cache);
}

static void
test_negative (void)
{
  WlDnsCache cache;
  g_autoptr (WlDnsRR) s = soa (3600, 300);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);

  wl_dns_cache_init (&cache, 100);
  g_assert_cmpuint (wl_dns_cache_add_negative (&cache, T0, "nope.lab.test", WL_DNS_TYPE_A,
                                               WL_DNS_CLASS_IN, TRUE, s, WL_DNS_RANK_AUTH_ANSWER),
                    ==, 300);
  g_assert_cmpuint (wl_dns_cache_add_negative (&cache, T0, "web.lab.test", WL_DNS_TYPE_MX,
                                               WL_DNS_CLASS_IN, FALSE, s, WL_DNS_RANK_AUTH_ANSWER),
                    ==, 300);
  /* NXDOMAIN covers every type of the name; NODATA only its type */
  g_assert_cmpint (wl_dns_cache_lookup (&cache, T0 + WL_S, "nope.lab.test", WL_DNS_TYPE_MX,
                                        WL_DNS_CLASS_IN, out), ==, WL_DNS_CACHE_NXDOMAIN);
  g_assert_cmpuint (out->len, ==, 1);
  g_assert_cmpuint (((WlDnsRR *) g_ptr_array_index (out, 0))->type, ==, WL_DNS_TYPE_SOA);
  g_assert_cmpuint (((WlDnsRR *) g_ptr_array_index (out, 0))->ttl, ==, 299);
  g_assert_cmpint (wl_dns_cache_lookup (&cache, T0, "web.lab.test", WL_DNS_TYPE_MX,
                                        WL_DNS_CLASS_IN, NULL), ==, WL_DNS_CACHE_NODATA);
  g_assert_cmpint (wl_dns_cache_lookup (&cache, T0, "web.lab.test", WL_DNS_TYPE_A,
                                        WL_DNS_CLASS_IN, NULL), ==, WL_DNS_CACHE_MISS);
  g_assert_cmpint (wl_dns_cache_lookup (&cache, T0 + 300 * WL_S, "nope.lab.test", WL_DNS_TYPE_A,
                                        WL_DNS_CLASS_IN, NULL), ==, WL_DNS_CACHE_MISS);
  /* the SOA's own TTL when it is the smaller, and the 3-hour cap */
  g_clear_pointer (&s, wl_dns_rr_free);
  s = soa (30, 300);
  g_assert_cmpuint (wl_dns_cache_add_negative (&cache, 0, "a.lab.test", 1, 1, TRUE, s, 4), ==, 30);
  g_clear_pointer (&s, wl_dns_rr_free);
  s = soa (86400, 86400);
  g_assert_cmpuint (wl_dns_cache_add_negative (&cache, 0, "b.lab.test", 1, 1, TRUE, s, 4), ==,
                    WL_DNS_CACHE_MAX_NCACHE);
  wl_dns_cache_clear (&cache);
}

static void
test_rank (void)
{
  WlDnsCache cache;
  g_autoptr (GPtrArray) glue = one_a ("ns1.lab.test", 100, 1);
  g_autoptr (GPtrArray) auth = one_a ("ns1.lab.test", 200, 2);
  g_autoptr (GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);

  wl_dns_cache_init (&cache, 100);
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 0, glue, WL_DNS_RANK_ADDITIONAL), ==, 100);
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 0, auth, WL_DNS_RANK_AUTH_ANSWER), ==, 200);
  /* glue does not replace the authoritative answer while it lives */
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, WL_S, glue, WL_DNS_RANK_ADDITIONAL), ==, 0);
  wl_dns_cache_lookup (&cache, WL_S, "ns1.lab.test", WL_DNS_TYPE_A, WL_DNS_CLASS_IN, out);
  g_assert_cmpuint (((WlDnsRR *) g_ptr_array_index (out, 0))->a, ==, 2);
  /* but once it has expired, glue may come back */
  g_assert_cmpuint (wl_dns_cache_add_rrset (&cache, 200 * WL_S, glue, WL_DNS_RANK_ADDITIONAL),
                    ==, 100);
  wl_dns_cache_clear (&cache);
}

static void
test_size (void)
{
  WlDnsCache cache;

  wl_dns_cache_init (&cache, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("h%u.lab.test", i);
      g_autoptr (GPtrArray) set = one_a (name, 100 + i, i);

      wl_dns_cache_add_rrset (&cache, 0, set, WL_DNS_RANK_ANSWER);
    }
  {
    g_autoptr (GPtrArray) set = one_a ("new.lab.test", 50, 9);

    /* full: the entry closest to expiry (h0) makes room */
    wl_dns_cache_add_rrset (&cache, 0, set, WL_DNS_RANK_ANSWER);
  }
  g_assert_cmpuint (wl_dns_cache_size (&cache), ==, 3);
  g_assert_cmpint (ttl_at (&cache, 0, "h0.lab.test", WL_DNS_TYPE_A), ==, -1);
  g_assert_cmpint (ttl_at (&cache, 0, "h1.lab.test", WL_DNS_TYPE_A), ==, 101);
  g_assert_cmpint (ttl_at (&cache, 0, "new.lab.test", WL_DNS_TYPE_A), ==, 50);
  wl_dns_cache_clear (&cache);
}

static void
count_hit (const WlDnsRR    *rr,
           guint16           type,
           WlDnsCacheResult  result,
           gpointer          user_data)
{
  (*(guint *) user_data)++;
}

static void
test_chase (void)
{
  WlDnsCache cache;
  g_autoptr (GPtrArray) alias = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_autoptr (GPtrArray) data = one_a ("web.lab.test", 60, 0x0a000050);
  g_autoptr (GPtrArray) answer = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_autoptr (GPtrArray) loop = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_autofree char *name = g_strdup ("www.lab.test");
  g_autofree char *loop_name = g_strdup ("l.lab.test");
  WlDnsRR *soa_out = NULL;
  gboolean is_loop;
  guint hits = 0;

  wl_dns_cache_init (&cache, 100);
  g_ptr_array_add (alias, wl_dns_rr_new_name ("www.lab.test", WL_DNS_TYPE_CNAME, 300,
                                              "web.lab.test"));
  wl_dns_cache_add_rrset (&cache, 0, alias, WL_DNS_RANK_ANSWER);
  g_assert_cmpint (wl_dns_cache_chase (&cache, 0, &name, WL_DNS_TYPE_A, 8, answer, &soa_out,
                                       &is_loop, count_hit, &hits), ==, WL_DNS_CACHE_MISS);
  g_assert_false (is_loop);
  g_assert_cmpstr (name, ==, "web.lab.test");  /* where it stopped */
  g_assert_cmpuint (answer->len, ==, 1);
  wl_dns_cache_add_rrset (&cache, 0, data, WL_DNS_RANK_ANSWER);
  g_ptr_array_set_size (answer, 0);
  g_free (name);
  name = g_strdup ("www.lab.test");
  g_assert_cmpint (wl_dns_cache_chase (&cache, 10 * WL_S, &name, WL_DNS_TYPE_A, 8, answer,
                                       &soa_out, &is_loop, count_hit, &hits), ==,
                   WL_DNS_CACHE_HIT);
  g_assert_cmpuint (answer->len, ==, 2);
  g_assert_cmpuint (((WlDnsRR *) g_ptr_array_index (answer, 0))->ttl, ==, 290);
  g_assert_cmpuint (((WlDnsRR *) g_ptr_array_index (answer, 1))->ttl, ==, 50);
  g_assert_cmpuint (hits, ==, 3);
  /* a CNAME to itself stops at the limit */
  g_ptr_array_add (loop, wl_dns_rr_new_name ("l.lab.test", WL_DNS_TYPE_CNAME, 300, "l.lab.test"));
  wl_dns_cache_add_rrset (&cache, 0, loop, WL_DNS_RANK_ANSWER);
  g_ptr_array_set_size (answer, 0);
  g_assert_cmpint (wl_dns_cache_chase (&cache, 0, &loop_name, WL_DNS_TYPE_A, 8, answer, &soa_out,
                                       &is_loop, count_hit, &hits), ==, WL_DNS_CACHE_MISS);
  g_assert_true (is_loop);
  g_assert_cmpuint (answer->len, ==, 8);
  wl_dns_cache_clear (&cache);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dns/cache/expiry", test_expiry);
  g_test_add_func ("/engine/dns/cache/set-ttl", test_set_ttl);
  g_test_add_func ("/engine/dns/cache/negative", test_negative);
  g_test_add_func ("/engine/dns/cache/rank", test_rank);
  g_test_add_func ("/engine/dns/cache/size", test_size);
  g_test_add_func ("/engine/dns/cache/chase", test_chase);
  return g_test_run ();
}
