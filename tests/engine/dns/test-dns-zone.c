/* test-dns-zone.c — zone data and the answers BIND gives from it; the server's settings.
 *
 * The zone lab.test below holds every case of RFC 1034 §4.3.2 step 3: data, a CNAME chain, MX
 * with the mail server's address as additional data, names that do not exist (NXDOMAIN with
 * the SOA), names without the type asked (NODATA), an empty non-terminal, a delegation with
 * glue (referral), a CNAME leaving the zone and a CNAME loop.
 */
#include "config.h"

#include <string.h>

#include "proto/wl-dns.h"

static const char *const lab_settings[] = {
  "zone=lab.test",
  "ttl=1h",
  "soa=ns1 hostmaster 2024010101 3600 600 86400 300",
  "records=@ NS ns1;ns1 A 10.0.3.53;www CNAME web;web 60 A 10.0.0.80;web A 10.0.0.81;"
  "lab.test MX 10 mail;mail IN A 10.0.0.25;alias CNAME www.lab.test;out CNAME www.example.;"
  "sub NS ns.sub;ns.sub A 10.0.4.53;a.b.deep A 10.0.0.1;loop1 CNAME loop2;loop2 CNAME loop1;"
  "x TYPE99 \\# 2 abcd",
  NULL,
};

static WlDnsServerConfig *
parse (const char *const *settings,
       GError           **error)
{
  g_autoptr (WlDnsServerConfig) cfg = wl_dns_server_config_new ();

  if (!wl_dns_server_config_parse (cfg, settings, error))
    return NULL;
  return g_steal_pointer (&cfg);
}

static WlDnsServerConfig *
lab_config (void)
{
  g_autoptr (GError) error = NULL;
  WlDnsServerConfig *cfg = parse (lab_settings, &error);

  g_assert_no_error (error);
  return cfg;
}

static WlDnsMessage *
ask (WlDnsServerConfig *cfg,
     const char        *name,
     guint16            type,
     gboolean           minimal,
     WlDnsZoneResult   *result)
{
  WlDnsMessage *msg = wl_dns_message_new (1, WL_DNS_FLAG_QR);

  *result = wl_dns_zone_lookup (g_ptr_array_index (cfg->zones, 0), name, type, minimal, msg);
  return msg;
}

/* "TYPE owner rdata" per record of a section, joined by " | ". */
static char *
section_text (const WlDnsMessage *msg,
              WlDnsSection        s)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < msg->rrs[s]->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (msg->rrs[s], i);
      g_autofree char *type = wl_dns_type_to_string (rr->type);
      g_autofree char *data = wl_dns_rr_rdata_to_string (rr);

      g_string_append_printf (out, "%s%s %s %s/%u", i ? " | " : "", type,
                              rr->name[0] ? rr->name : ".", data, rr->ttl);
    }
  return g_string_free (out, FALSE);
}

static void
assert_sections (const WlDnsMessage *msg,
                 const char         *answer,
                 const char         *authority,
                 const char         *additional)
{
  const char *want[] = { answer, authority, additional };

  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    {
      g_autofree char *got = section_text (msg, s);

      g_assert_cmpstr (got, ==, want[s]);
    }
}

static void
test_answer (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) full = ask (cfg, "WEB.lab.test", WL_DNS_TYPE_A, FALSE, &r);
  g_autoptr (WlDnsMessage) minimal = ask (cfg, "web.lab.test", WL_DNS_TYPE_A, TRUE, &r);

  g_assert_cmpint (r, ==, WL_DNS_ZONE_ANSWER);
  g_assert_true (full->flags & WL_DNS_FLAG_AA);
  g_assert_cmpuint (WL_DNS_RCODE (full->flags), ==, 0);
  /* the record's own TTL (60) and the zone's (1h) */
  assert_sections (full, "A web.lab.test 10.0.0.80/60 | A web.lab.test 10.0.0.81/3600",
                   "NS lab.test ns1.lab.test/3600", "A ns1.lab.test 10.0.3.53/3600");
  assert_sections (minimal, "A web.lab.test 10.0.0.80/60 | A web.lab.test 10.0.0.81/3600", "",
                   "");
}

static void
test_cname_chain (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = ask (cfg, "alias.lab.test", WL_DNS_TYPE_A, TRUE, &r);
  g_autoptr (WlDnsMessage) cname = ask (cfg, "www.lab.test", WL_DNS_TYPE_CNAME, TRUE, &r);
  g_autoptr (WlDnsMessage) out = ask (cfg, "out.lab.test", WL_DNS_TYPE_A, TRUE, &r);
  g_autoptr (WlDnsMessage) loop = ask (cfg, "loop1.lab.test", WL_DNS_TYPE_A, TRUE, &r);

  assert_sections (msg, "CNAME alias.lab.test www.lab.test/3600 | CNAME www.lab.test "
                        "web.lab.test/3600 | A web.lab.test 10.0.0.80/60 | A web.lab.test "
                        "10.0.0.81/3600", "", "");
  g_assert_true (msg->flags & WL_DNS_FLAG_AA);
  /* asking for the CNAME itself does not follow it */
  assert_sections (cname, "CNAME www.lab.test web.lab.test/3600", "", "");
  /* a target outside the zone ends the chain: the resolver goes on from there */
  g_assert_cmpint (r, ==, WL_DNS_ZONE_ANSWER);
  assert_sections (out, "CNAME out.lab.test www.example/3600", "", "");
  assert_sections (loop, "CNAME loop1.lab.test loop2.lab.test/3600 | CNAME loop2.lab.test "
                         "loop1.lab.test/3600", "", "");
}

static void
test_mx (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = ask (cfg, "lab.test", WL_DNS_TYPE_MX, FALSE, &r);

  g_assert_cmpint (r, ==, WL_DNS_ZONE_ANSWER);
  assert_sections (msg, "MX lab.test 10 mail.lab.test/3600", "NS lab.test ns1.lab.test/3600",
                   "A mail.lab.test 10.0.0.25/3600 | A ns1.lab.test 10.0.3.53/3600");
}

static void
test_nxdomain (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = ask (cfg, "nope.lab.test", WL_DNS_TYPE_A, FALSE, &r);

  g_assert_cmpint (r, ==, WL_DNS_ZONE_NXDOMAIN);
  g_assert_cmpuint (WL_DNS_RCODE (msg->flags), ==, WL_DNS_RCODE_NXDOMAIN);
  g_assert_true (msg->flags & WL_DNS_FLAG_AA);
  /* RFC 2308 §3: the SOA's TTL is min(TTL, MINIMUM) */
  assert_sections (msg, "", "SOA lab.test ns1.lab.test hostmaster.lab.test 2024010101 3600 600 "
                            "86400 300/300", "");
}

static void
test_nodata (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = ask (cfg, "web.lab.test", WL_DNS_TYPE_MX, FALSE, &r);
  g_autoptr (WlDnsMessage) ent = NULL;

  g_assert_cmpint (r, ==, WL_DNS_ZONE_NODATA);
  g_assert_cmpuint (WL_DNS_RCODE (msg->flags), ==, 0);
  assert_sections (msg, "", "SOA lab.test ns1.lab.test hostmaster.lab.test 2024010101 3600 600 "
                            "86400 300/300", "");
  /* b.deep.lab.test has no records but a name below it does: it exists */
  ent = ask (cfg, "b.deep.lab.test", WL_DNS_TYPE_A, FALSE, &r);
  g_assert_cmpint (r, ==, WL_DNS_ZONE_NODATA);
}

static void
test_referral (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = ask (cfg, "www.sub.lab.test", WL_DNS_TYPE_A, TRUE, &r);
  g_autoptr (WlDnsMessage) glue = ask (cfg, "ns.sub.lab.test", WL_DNS_TYPE_A, TRUE, &r);

  g_assert_cmpint (r, ==, WL_DNS_ZONE_REFERRAL);
  g_assert_false (msg->flags & WL_DNS_FLAG_AA);
  assert_sections (msg, "", "NS sub.lab.test ns.sub.lab.test/3600",
                   "A ns.sub.lab.test 10.0.4.53/3600");
  /* glue is not authoritative data: asking for it gets the referral too */
  g_assert_false (glue->flags & WL_DNS_FLAG_AA);
  assert_sections (glue, "", "NS sub.lab.test ns.sub.lab.test/3600",
                   "A ns.sub.lab.test 10.0.4.53/3600");
}

static void
test_root_zone (void)
{
  static const char *const settings[] = {
    "zone=.", "records=test NS ns.test.;ns.test. A 10.0.2.53", NULL,
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (WlDnsServerConfig) cfg = parse (settings, &error);
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = NULL;

  g_assert_no_error (error);
  msg = ask (cfg, "www.lab.test", WL_DNS_TYPE_A, TRUE, &r);
  g_assert_cmpint (r, ==, WL_DNS_ZONE_REFERRAL);
  assert_sections (msg, "", "NS test ns.test/300", "A ns.test 10.0.2.53/300");
  /* the SOA made up for a zone without one */
  g_clear_pointer (&msg, wl_dns_message_free);
  msg = ask (cfg, "nope", WL_DNS_TYPE_A, TRUE, &r);
  assert_sections (msg, "", "SOA . . hostmaster 1 3600 600 86400 300/300", "");
}

static void
test_other_types (void)
{
  g_autoptr (WlDnsServerConfig) cfg = lab_config ();
  WlDnsZoneResult r;
  g_autoptr (WlDnsMessage) msg = ask (cfg, "x.lab.test", 99, TRUE, &r);
  g_autoptr (WlDnsMessage) any = ask (cfg, "lab.test", WL_DNS_TYPE_ANY, TRUE, &r);

  assert_sections (msg, "TYPE99 x.lab.test \\# 2 abcd/3600", "", "");
  g_assert_cmpuint (any->rrs[WL_DNS_SECTION_ANSWER]->len, ==, 3);  /* SOA, NS, MX */
}

static void
assert_parse_error (const char *const *settings,
                    const char        *needle)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WlDnsServerConfig) cfg = parse (settings, &error);

  g_assert_null (cfg);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_test_message ("%s", error->message);
  if (strstr (error->message, needle) == NULL)
    g_error ("“%s” does not name “%s”", error->message, needle);
}

static void
test_settings_errors (void)
{
  const char *const no_zone[] = { "records=www A 10.0.0.1", NULL };
  const char *const unknown[] = { "zone=lab.test", "zones=x", NULL };
  const char *const bad_a[] = { "zone=lab.test", "records=www A 10.0.0.300", NULL };
  const char *const bad_type[] = { "zone=lab.test", "records=www AAA 10.0.0.1", NULL };
  const char *const cname_and[] = { "zone=lab.test", "records=www A 10.0.0.1;www CNAME web",
                                    NULL };
  const char *const outside[] = { "zone=lab.test", "records=www.other. A 10.0.0.1", NULL };
  const char *const two_soa[] = { "zone=lab.test", "soa=a b 1 2 3 4 5",
                                  "records=@ SOA a b 1 2 3 4 5", NULL };
  const char *const bad_ttl[] = { "zone=lab.test", "ttl=forever", NULL };
  const char *const bad_minimal[] = { "zone=lab.test", "minimal-responses=maybe", NULL };
  const char *const label[] = { "zone=lab.test", "records=a..b A 10.0.0.1", NULL };

  assert_parse_error (no_zone, "zone=NAME");
  assert_parse_error (unknown, "zones=x");
  assert_parse_error (bad_a, "www A 10.0.0.300");
  assert_parse_error (bad_type, "unknown record type");
  assert_parse_error (cname_and, "CNAME");
  assert_parse_error (outside, "outside the zone");
  assert_parse_error (two_soa, "already has an SOA");
  assert_parse_error (bad_ttl, "ttl=forever");
  assert_parse_error (bad_minimal, "minimal-responses=maybe");
  assert_parse_error (label, "empty label");
}

static void
test_ttl_syntax (void)
{
  guint32 t;

  g_assert_true (wl_dns_parse_ttl ("0", &t) && t == 0);
  g_assert_true (wl_dns_parse_ttl ("3600", &t) && t == 3600);
  g_assert_true (wl_dns_parse_ttl ("1h30m", &t) && t == 5400);
  g_assert_true (wl_dns_parse_ttl ("2D", &t) && t == 172800);
  g_assert_true (wl_dns_parse_ttl ("2147483647", &t));
  g_assert_false (wl_dns_parse_ttl ("2147483648", &t));
  g_assert_false (wl_dns_parse_ttl ("1h30", &t));
  g_assert_false (wl_dns_parse_ttl ("h", &t));
  g_assert_false (wl_dns_parse_ttl ("", &t));
  g_assert_false (wl_dns_parse_ttl ("-1", &t));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dns/zone/answer", test_answer);
  g_test_add_func ("/engine/dns/zone/cname-chain", test_cname_chain);
  g_test_add_func ("/engine/dns/zone/mx-additional", test_mx);
  g_test_add_func ("/engine/dns/zone/nxdomain", test_nxdomain);
  g_test_add_func ("/engine/dns/zone/nodata", test_nodata);
  g_test_add_func ("/engine/dns/zone/referral", test_referral);
  g_test_add_func ("/engine/dns/zone/root-zone", test_root_zone);
  g_test_add_func ("/engine/dns/zone/other-types", test_other_types);
  g_test_add_func ("/engine/dns/zone/settings-errors", test_settings_errors);
  g_test_add_func ("/engine/dns/zone/ttl-syntax", test_ttl_syntax);
  return g_test_run ();
}
