/* wl-dns-zone.h — the data of one authoritative zone, and the answers it gives.
 *
 * A zone is every name at or below its origin down to the zone cuts (RFC 1034 §4.2): "lab.test"
 * holds www.lab.test and web.lab.test; a delegation "sub NS ns.sub" hands sub.lab.test and
 * below to other servers, and the zone then only keeps the NS records of the cut and the glue
 * addresses that let a resolver reach them.
 */
#pragma once

#include <glib.h>

#include "proto/wl-dns-wire.h"

G_BEGIN_DECLS

typedef struct _WlDnsZone WlDnsZone;

typedef enum
{
  WL_DNS_ZONE_ANSWER,    /* the answer section holds data (possibly only a CNAME chain) */
  WL_DNS_ZONE_REFERRAL,  /* the name lies below a zone cut: NS in authority, glue in additional */
  WL_DNS_ZONE_NXDOMAIN,  /* no such name: SOA in authority */
  WL_DNS_ZONE_NODATA,    /* the name exists without data of that type: SOA in authority */
} WlDnsZoneResult;

/* Settings values BIND 9 gives its defaults. */
#define WL_DNS_DEFAULT_TTL 300          /* $TTL of a zone without one */
#define WL_DNS_DEFAULT_SOA_REFRESH 3600
#define WL_DNS_DEFAULT_SOA_RETRY 600
#define WL_DNS_DEFAULT_SOA_EXPIRE 86400
#define WL_DNS_DEFAULT_SOA_MINIMUM 300  /* negative-caching TTL (RFC 2308 §4) */

/* origin: a domain name ("lab.test", "" or "." for the root); NULL with an error if not one. */
WlDnsZone       *wl_dns_zone_new (const char *origin,
                                  GError    **error);
void             wl_dns_zone_free (WlDnsZone *zone);
const char      *wl_dns_zone_get_origin (const WlDnsZone *zone);
/* The SOA record (after wl_dns_zone_finish), borrowed. */
const WlDnsRR   *wl_dns_zone_get_soa (const WlDnsZone *zone);
guint            wl_dns_zone_get_n_records (const WlDnsZone *zone);

/* Adds a copy of rr.  Refused with an error: an owner outside the zone, a second SOA or one
 * not at the origin, a CNAME beside other data at the same name (RFC 1034 §3.6.2, RFC 2181
 * §10.1), a class other than IN.  An identical record is added once. */
gboolean         wl_dns_zone_add (WlDnsZone     *zone,
                                  const WlDnsRR *rr,
                                  GError       **error);
/* Adds a record written like a zone file line: "OWNER [TTL] [IN] TYPE RDATA" where OWNER is
 * "@" for the origin, a name relative to the origin, or absolute with a final dot (a name that
 * already ends with the origin is absolute too: "lab.test" in zone lab.test, "www.lab.test");
 * TTL is seconds or a number with s, m, h, d or w; RDATA is
 *   A      10.0.0.80
 *   NS     ns1                      (names in RDATA are relative too unless they end in '.')
 *   CNAME  web
 *   PTR    host.lab.test.
 *   MX     10 mail
 *   SOA    ns1 hostmaster 2024010101 3600 600 86400 300
 *   TYPEnn \# 4 0a000050            (RFC 3597, any other type)
 * Errors name the line and what is wrong with it. */
gboolean         wl_dns_zone_add_text (WlDnsZone  *zone,
                                       const char *line,
                                       guint32     default_ttl,
                                       GError    **error);
/* Completes the zone: without an SOA, one is made up as BIND's defaults would have it
 * ("@ SOA <first NS or origin> hostmaster.<origin> 1 3600 600 86400 300"). */
void             wl_dns_zone_finish (WlDnsZone *zone,
                                     guint32    default_ttl);

/* Answers qname/qtype from this zone (RFC 1034 §4.3.2, step 3) into response: sets AA (not
 * for a referral), the rcode (NXDOMAIN), and fills the sections.  CNAMEs are followed while
 * their targets stay in this zone (at most 16).  With minimal (BIND's minimal-responses) the
 * authority and additional sections only get what the protocol needs: the SOA of a negative
 * answer and the NS and glue of a referral; otherwise a positive answer also carries the
 * zone's NS records, and the additional section the addresses of NS and MX targets. */
WlDnsZoneResult  wl_dns_zone_lookup (const WlDnsZone *zone,
                                     const char      *qname,
                                     guint16          qtype,
                                     gboolean         minimal,
                                     WlDnsMessage    *response);

/* Parses "3600", "1h", "2d" into seconds (up to 2^31 − 1, RFC 2181 §8). */
gboolean         wl_dns_parse_ttl (const char *text,
                                   guint32    *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlDnsZone, wl_dns_zone_free)

G_END_DECLS
