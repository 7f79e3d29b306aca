/* wl-dns-zone.c — authoritative zone data and the lookup algorithm of RFC 1034 §4.3.2.
 *
 * RFC 1034 §4.2 (zones and cuts), §4.3.2 (the algorithm: step 3 is this file), §3.6.2 (a
 * CNAME stands alone), RFC 1035 §5 (zone file syntax, kept to one record per line), RFC 2308
 * §3 (negative answers carry the SOA, its TTL the smaller of the SOA's TTL and MINIMUM),
 * RFC 6604 (NXDOMAIN after a CNAME chain), RFC 3597 (unknown types).
 *
 * Where it sits: wl-dns-server.c holds zones and asks one of them to answer each query.
 *
 * State: one table per zone, name (lower-cased) → the records owned by that name, in the
 * order they were added.  Every name between a record's owner and the origin is a node too,
 * perhaps empty (an "empty non-terminal": b.lab.test when only a.b.lab.test has data): such a
 * name exists, so asking for it gives NODATA, not NXDOMAIN.
 *
 * The lookup, for qname in zone lab.test (the answers are what BIND 9 gives):
 *
 *   1. walk down from the origin towards qname; a name below the origin with NS records is a
 *      cut: answer with a referral (AA clear), the NS records in authority and the addresses
 *      of in-zone name servers ("glue") in additional;
 *   2. qname has no node: NXDOMAIN, AA, the SOA in authority;
 *   3. qname has records of qtype (or qtype is ANY): they are the answer, AA;
 *   4. qname has a CNAME: it goes in the answer and the lookup starts again at its target,
 *      as long as the target is in this zone (a resolver follows the rest);
 *   5. otherwise NODATA: AA, no answer, the SOA in authority.
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "core/wl-types.h"
#include "wl-dns-zone.h"

#define MAX_CNAME_CHAIN 16
#define MAX_TTL G_MAXINT32

struct _WlDnsZone
{
  char       *origin;
  GHashTable *nodes;      /* lower-cased name → GPtrArray of WlDnsRR*, owned */
  WlDnsRR    *soa;        /* borrowed from the origin's node */
  guint       n_records;
};

WlDnsZone *
wl_dns_zone_new (const char *origin,
                 GError    **error)
{
  g_autofree char *norm = wl_dns_name_normalize (origin, error);
  WlDnsZone *zone;

  if (norm == NULL)
    return NULL;
  zone = g_new0 (WlDnsZone, 1);
  zone->origin = g_steal_pointer (&norm);
  zone->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  return zone;
}

void
wl_dns_zone_free (WlDnsZone *zone)
{
  if (zone == NULL)
    return;
  g_hash_table_unref (zone->nodes);
  g_free (zone->origin);
  g_free (zone);
}

const char *
wl_dns_zone_get_origin (const WlDnsZone *zone)
{
  return zone->origin;
}

const WlDnsRR *
wl_dns_zone_get_soa (const WlDnsZone *zone)
{
  return zone->soa;
}

guint
wl_dns_zone_get_n_records (const WlDnsZone *zone)
{
  return zone->n_records;
}

/* ---- building -------------------------------------------------------------------------- */

static GPtrArray *
get_node (const WlDnsZone *zone,
          const char      *name)
{
  g_autofree char *key = wl_dns_name_key (name);

  return g_hash_table_lookup (zone->nodes, key);
}

/* The node of name, made (with the empty nodes above it) when missing. */
static GPtrArray *
ensure_node (WlDnsZone  *zone,
             const char *name)
{
  GPtrArray *node = get_node (zone, name);

  if (node != NULL)
    return node;
  node = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_hash_table_insert (zone->nodes, wl_dns_name_key (name), node);
  if (!wl_dns_name_equal (name, zone->origin))
    ensure_node (zone, wl_dns_name_parent (name));
  return node;
}

static gboolean
node_has_type (GPtrArray *node,
               guint16    type)
{
  for (guint i = 0; node != NULL && i < node->len; i++)
    if (((WlDnsRR *) g_ptr_array_index (node, i))->type == type)
      return TRUE;
  return FALSE;
}

/* The rules a record must meet to join the zone (see wl-dns-zone.h). */
static gboolean
check_record (WlDnsZone     *zone,
              const WlDnsRR *rr,
              GError       **error)
{
  GPtrArray *node = get_node (zone, rr->name);
  const char *why = NULL;

  if (!wl_dns_name_is_subdomain (rr->name, zone->origin))
    why = _("the name is outside the zone");
  else if (rr->klass != WL_DNS_CLASS_IN)
    why = _("only class IN is served");
  else if (rr->type == WL_DNS_TYPE_SOA && !wl_dns_name_equal (rr->name, zone->origin))
    why = _("an SOA record belongs at the zone's origin");
  else if (rr->type == WL_DNS_TYPE_SOA && zone->soa != NULL)
    why = _("the zone already has an SOA record");
  else if (rr->type == WL_DNS_TYPE_CNAME && node != NULL && node->len > 0
           && !node_has_type (node, WL_DNS_TYPE_CNAME))
    why = _("a name with a CNAME record can have no other data");
  else if (rr->type == WL_DNS_TYPE_CNAME && node_has_type (node, WL_DNS_TYPE_CNAME))
    why = _("a name has at most one CNAME record");
  else if (rr->type != WL_DNS_TYPE_CNAME && node_has_type (node, WL_DNS_TYPE_CNAME))
    why = _("a name with a CNAME record can have no other data");
  if (why == NULL)
    return TRUE;
  /* Translators: the first %s is a record's owner, the second the zone, the third why */
  g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_RDATA, _("Record of “%s” in zone “%s”: %s"),
               rr->name, zone->origin[0] ? zone->origin : ".", why);
  return FALSE;
}

gboolean
wl_dns_zone_add (WlDnsZone     *zone,
                 const WlDnsRR *rr,
                 GError       **error)
{
  GPtrArray *node;
  WlDnsRR *copy;

  g_return_val_if_fail (zone != NULL && rr != NULL, FALSE);

  if (!check_record (zone, rr, error))
    return FALSE;
  node = ensure_node (zone, rr->name);
  for (guint i = 0; i < node->len; i++)
    if (wl_dns_rr_equal (g_ptr_array_index (node, i), rr))
      return TRUE;
  copy = wl_dns_rr_copy (rr);
  g_ptr_array_add (node, copy);
  zone->n_records++;
  if (rr->type == WL_DNS_TYPE_SOA)
    zone->soa = copy;
  return TRUE;
}

void
wl_dns_zone_finish (WlDnsZone *zone,
                    guint32    default_ttl)
{
  GPtrArray *apex = get_node (zone, zone->origin);
  g_autoptr (WlDnsRR) soa = NULL;
  const char *mname = zone->origin;

  if (zone->soa != NULL)
    return;
  for (guint i = 0; apex != NULL && i < apex->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (apex, i);

      if (rr->type == WL_DNS_TYPE_NS)
        {
          mname = rr->target;
          break;
        }
    }
  soa = wl_dns_rr_new_name (zone->origin, WL_DNS_TYPE_SOA, default_ttl, mname);
  soa->rname = zone->origin[0] ? g_strconcat ("hostmaster.", zone->origin, NULL)
                               : g_strdup ("hostmaster");
  soa->serial = 1;
  soa->refresh = WL_DNS_DEFAULT_SOA_REFRESH;
  soa->retry = WL_DNS_DEFAULT_SOA_RETRY;
  soa->expire = WL_DNS_DEFAULT_SOA_EXPIRE;
  soa->minimum = WL_DNS_DEFAULT_SOA_MINIMUM;
  if (!wl_dns_zone_add (zone, soa, NULL))
    g_assert_not_reached ();
}

/* ---- answering ------------------------------------------------------------------------- */

static gboolean
message_has (const WlDnsMessage *msg,
             const WlDnsRR      *rr)
{
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    for (guint i = 0; i < msg->rrs[s]->len; i++)
      if (wl_dns_rr_equal (g_ptr_array_index (msg->rrs[s], i), rr))
        return TRUE;
  return FALSE;
}

/* Copies the records of node with this type (ANY: all) into a section, skipping repeats. */
static guint
add_rrset (WlDnsMessage *msg,
           WlDnsSection  section,
           GPtrArray    *node,
           guint16       type)
{
  guint n = 0;

  for (guint i = 0; node != NULL && i < node->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (node, i);

      if ((type == WL_DNS_TYPE_ANY || rr->type == type) && !message_has (msg, rr))
        {
          wl_dns_message_add_rr (msg, section, rr);
          n++;
        }
    }
  return n;
}

/* The addresses this zone holds for name (glue included) go to the additional section. */
static void
add_addresses (const WlDnsZone *zone,
               WlDnsMessage    *msg,
               const char      *name)
{
  if (wl_dns_name_is_subdomain (name, zone->origin))
    add_rrset (msg, WL_DNS_SECTION_ADDITIONAL, get_node (zone, name), WL_DNS_TYPE_A);
}

/* Additional-section processing (RFC 1035 §3.3.9, §3.3.11): addresses of the NS and MX
 * targets found in a section. */
static void
add_additional_for (const WlDnsZone *zone,
                    WlDnsMessage    *msg,
                    WlDnsSection     section)
{
  GPtrArray *rrs = msg->rrs[section];

  for (guint i = 0; i < rrs->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (rrs, i);

      if (rr->type == WL_DNS_TYPE_NS || rr->type == WL_DNS_TYPE_MX)
        add_addresses (zone, msg, rr->target);
    }
}

/* The highest name strictly below the origin, on the way down to name, that holds NS
 * records: a zone cut.  NULL when name is in this zone's own data. */
static const char *
find_cut (const WlDnsZone *zone,
          const char      *name)
{
  const char *cut = NULL;

  for (const char *n = name; n != NULL && !wl_dns_name_equal (n, zone->origin);
       n = wl_dns_name_parent (n))
    if (node_has_type (get_node (zone, n), WL_DNS_TYPE_NS))
      cut = n;  /* keep going up: the highest cut wins */
  return cut;
}

static void
add_negative_soa (const WlDnsZone *zone,
                  WlDnsMessage    *msg)
{
  WlDnsRR *soa = wl_dns_rr_copy (zone->soa);

  soa->ttl = MIN (soa->ttl, soa->minimum);  /* RFC 2308 §3 */
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_AUTHORITY, soa);
}

static WlDnsZoneResult
referral (const WlDnsZone *zone,
          const char      *cut,
          WlDnsMessage    *msg)
{
  add_rrset (msg, WL_DNS_SECTION_AUTHORITY, get_node (zone, cut), WL_DNS_TYPE_NS);
  add_additional_for (zone, msg, WL_DNS_SECTION_AUTHORITY);
  return WL_DNS_ZONE_REFERRAL;
}

static WlDnsZoneResult
positive (const WlDnsZone *zone,
          gboolean         minimal,
          WlDnsMessage    *msg)
{
  if (!minimal)
    {
      add_rrset (msg, WL_DNS_SECTION_AUTHORITY, get_node (zone, zone->origin), WL_DNS_TYPE_NS);
      add_additional_for (zone, msg, WL_DNS_SECTION_ANSWER);
      add_additional_for (zone, msg, WL_DNS_SECTION_AUTHORITY);
    }
  return WL_DNS_ZONE_ANSWER;
}

WlDnsZoneResult
wl_dns_zone_lookup (const WlDnsZone *zone,
                    const char      *qname,
                    guint16          qtype,
                    gboolean         minimal,
                    WlDnsMessage    *msg)
{
  g_autofree char *name = g_strdup (qname);

  g_return_val_if_fail (zone->soa != NULL, WL_DNS_ZONE_NXDOMAIN);
  g_return_val_if_fail (wl_dns_name_is_subdomain (qname, zone->origin), WL_DNS_ZONE_NXDOMAIN);

  msg->flags |= WL_DNS_FLAG_AA;
  for (guint chain = 0;; chain++)
    {
      const char *cut = find_cut (zone, name);
      GPtrArray *node;
      const WlDnsRR *cname;

      if (cut != NULL)
        {
          /* A referral is not authoritative data; after an in-zone CNAME the answer is. */
          if (chain == 0)
            msg->flags &= ~WL_DNS_FLAG_AA;
          return referral (zone, cut, msg);
        }
      node = get_node (zone, name);
      if (node == NULL)
        {
          wl_dns_message_set_rcode (msg, WL_DNS_RCODE_NXDOMAIN);
          add_negative_soa (zone, msg);
          return WL_DNS_ZONE_NXDOMAIN;
        }
      if (add_rrset (msg, WL_DNS_SECTION_ANSWER, node, qtype) > 0)
        return positive (zone, minimal, msg);
      cname = node->len == 1 ? g_ptr_array_index (node, 0) : NULL;
      if (cname == NULL || cname->type != WL_DNS_TYPE_CNAME)
        {
          add_negative_soa (zone, msg);
          return WL_DNS_ZONE_NODATA;
        }
      /* Step 4: the alias goes in the answer; go on at its target while it is ours (a CNAME
       * already in the answer means a loop: stop there, as BIND does). */
      if (message_has (msg, cname))
        return positive (zone, minimal, msg);
      wl_dns_message_add_rr (msg, WL_DNS_SECTION_ANSWER, cname);
      if (!wl_dns_name_is_subdomain (cname->target, zone->origin) || chain + 1 >= MAX_CNAME_CHAIN)
        return positive (zone, minimal, msg);
      g_free (name);
      name = g_strdup (cname->target);
    }
}

/* ---- zone file lines ------------------------------------------------------------------- */

gboolean
wl_dns_parse_ttl (const char *text,
                  guint32    *out)
{
  const char *p = text;
  guint64 total = 0;

  /* Rule: a bare number of seconds, or number+unit pairs ("1h30m") as BIND accepts. */
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (*p != '\0')
    {
      guint64 n = 0, unit = 1;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p) && n <= MAX_TTL)
        n = n * 10 + (guint64) (*p++ - '0');
      switch (g_ascii_tolower (*p))
        {
        case '\0': if (p != text && total > 0) return FALSE; break;
        case 's': p++; break;
        case 'm': unit = 60; p++; break;
        case 'h': unit = 3600; p++; break;
        case 'd': unit = 86400; p++; break;
        case 'w': unit = 604800; p++; break;
        default: return FALSE;
        }
      total += n * unit;
      if (n > MAX_TTL || total > MAX_TTL)
        return FALSE;
    }
  *out = (guint32) total;
  return TRUE;
}

/* A name of a zone file line: "@", relative to the origin, or absolute with a final dot.
 * Unlike BIND, a name that already ends with the origin is taken as absolute: "lab.test" in
 * zone lab.test is the origin, not lab.test.lab.test (the classic forgotten dot). */
static char *
absolute_name (const WlDnsZone *zone,
               const char      *token,
               GError         **error)
{
  gsize len = strlen (token);
  g_autofree char *joined = NULL;

  if (g_str_equal (token, "@"))
    return g_strdup (zone->origin);
  if ((len > 0 && token[len - 1] == '.' && (len < 2 || token[len - 2] != '\\'))
      || zone->origin[0] == '\0' || wl_dns_name_is_subdomain (token, zone->origin))
    return wl_dns_name_normalize (token, error);
  joined = g_strconcat (token, ".", zone->origin, NULL);
  return wl_dns_name_normalize (joined, error);
}

static gboolean
parse_u32 (const char *text,
           guint32    *out)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &n, NULL))
    return FALSE;
  *out = (guint32) n;
  return TRUE;
}

/* RFC 3597 §5: "\# LENGTH HEX…" for a type we have no syntax for. */
static gboolean
parse_generic (char   **args,
               guint    n,
               WlDnsRR *rr)
{
  g_autoptr (GString) hex = g_string_new (NULL);
  g_autofree guint8 *bytes = NULL;
  guint64 len;

  if (n < 2 || !g_str_equal (args[0], "\\#")
      || !g_ascii_string_to_unsigned (args[1], 10, 0, G_MAXUINT16, &len, NULL))
    return FALSE;
  for (guint i = 2; i < n; i++)
    g_string_append (hex, args[i]);
  if (hex->len != 2 * len)
    return FALSE;
  bytes = g_malloc (MAX (len, 1));
  for (guint i = 0; i < len; i++)
    {
      int hi = g_ascii_xdigit_value (hex->str[2 * i]), lo = g_ascii_xdigit_value (hex->str[2 * i + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      bytes[i] = (guint8) (hi << 4 | lo);
    }
  rr->raw = g_bytes_new (bytes, len);
  return TRUE;
}

/* Fills the RDATA of rr from its tokens; FALSE when they do not fit its type. */
static gboolean
parse_rdata (const WlDnsZone *zone,
             WlDnsRR         *rr,
             char           **args,
             guint            n,
             GError         **error)
{
  switch (rr->type)
    {
    case WL_DNS_TYPE_A:
      return n == 1 && wl_ip_parse (args[0], &rr->a);
    case WL_DNS_TYPE_NS:
    case WL_DNS_TYPE_CNAME:
    case WL_DNS_TYPE_PTR:
      return n == 1 && (rr->target = absolute_name (zone, args[0], error)) != NULL;
    case WL_DNS_TYPE_MX:
      {
        guint32 pref;

        if (n != 2 || !parse_u32 (args[0], &pref) || pref > G_MAXUINT16)
          return FALSE;
        rr->preference = (guint16) pref;
        return (rr->target = absolute_name (zone, args[1], error)) != NULL;
      }
    case WL_DNS_TYPE_SOA:
      return n == 7 && (rr->target = absolute_name (zone, args[0], error)) != NULL
             && (rr->rname = absolute_name (zone, args[1], error)) != NULL
             && parse_u32 (args[2], &rr->serial) && wl_dns_parse_ttl (args[3], &rr->refresh)
             && wl_dns_parse_ttl (args[4], &rr->retry) && wl_dns_parse_ttl (args[5], &rr->expire)
             && wl_dns_parse_ttl (args[6], &rr->minimum);
    default:
      return parse_generic (args, n, rr);
    }
}

static gboolean
line_error (GError    **error,
            const char *line,
            const char *why)
{
  /* Translators: the first %s is a zone record as written, the second what is wrong */
  g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_RDATA, _("Record “%s”: %s"), line, why);
  return FALSE;
}

gboolean
wl_dns_zone_add_text (WlDnsZone  *zone,
                      const char *line,
                      guint32     default_ttl,
                      GError    **error)
{
  g_auto (GStrv) all = g_strsplit_set (line, " \t", -1);
  g_autoptr (GPtrArray) tok = g_ptr_array_new ();
  g_autoptr (WlDnsRR) rr = g_new0 (WlDnsRR, 1);
  g_autoptr (GError) name_error = NULL;
  guint i = 1;

  for (guint k = 0; all[k] != NULL; k++)
    if (all[k][0] != '\0')
      g_ptr_array_add (tok, all[k]);
  if (tok->len < 3)
    return line_error (error, line, _("expected “NAME [TTL] [IN] TYPE DATA”"));
  rr->klass = WL_DNS_CLASS_IN;
  rr->ttl = default_ttl;
  if ((rr->name = absolute_name (zone, tok->pdata[0], &name_error)) == NULL)
    return line_error (error, line, name_error->message);
  if (g_ascii_isdigit (((char *) tok->pdata[i])[0])
      && !wl_dns_parse_ttl (tok->pdata[i++], &rr->ttl))
    return line_error (error, line, _("the TTL is not a number of seconds below 2³¹"));
  if (i < tok->len && g_ascii_strcasecmp (tok->pdata[i], "IN") == 0)
    i++;
  if (i >= tok->len || !wl_dns_type_from_string (tok->pdata[i], &rr->type)
      || rr->type == WL_DNS_TYPE_ANY)
    return line_error (error, line, _("unknown record type"));
  if (!parse_rdata (zone, rr, (char **) tok->pdata + i + 1, tok->len - i - 1, &name_error))
    return line_error (error, line, name_error != NULL ? name_error->message
                                                       : _("the data does not fit the type"));
  return wl_dns_zone_add (zone, rr, error);
}
