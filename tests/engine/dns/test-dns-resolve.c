/* test-dns-resolve.c — the DNS hierarchy at work: a stub asks a recursive resolver, which
 * iterates root → test. → lab.test. and caches what it learns.
 *
 * The lab is dns-test.h's: one switch, three authoritative servers, a resolver, two PCs.
 * Every test reads the DNS messages off the wire (the frames sent, decoded) and the notes.
 */
#include "config.h"

#include <string.h>

#include "dns-test.h"

#define ROOT_IP "10.0.0.1"
#define TLD_IP "10.0.0.2"
#define AUTH_IP "10.0.0.3"
#define RES_IP "10.0.0.53"

static L3Bed *
run_lab (WlLab  *lab,
         guint64 seed)
{
  L3Bed *bed = dns_bed_new (lab, seed, NULL);

  l3_bed_run (bed, 0);
  return bed;
}

static const DnsSeen *
seen (GPtrArray *sent,
      guint      i)
{
  g_assert_cmpuint (i, <, sent->len);
  return g_ptr_array_index (sent, i);
}

static const WlDnsRR *
rr_at (const DnsSeen *s,
       WlDnsSection   section,
       guint          i)
{
  g_assert_cmpuint (i, <, s->msg->rrs[section]->len);
  return g_ptr_array_index (s->msg->rrs[section], i);
}

static void
assert_query (const DnsSeen *s,
              const char    *to,
              const char    *name,
              guint16        type,
              gboolean       rd)
{
  const WlDnsQuestion *q = &g_array_index (s->msg->questions, WlDnsQuestion, 0);

  g_assert_cmphex (s->dst, ==, l3_ip (to));
  g_assert_cmpuint (s->dport, ==, 53);
  g_assert_cmpuint (s->sport, >=, WL_UDP_EPHEMERAL_MIN);
  g_assert_false (s->msg->flags & WL_DNS_FLAG_QR);
  g_assert_cmpuint (!!(s->msg->flags & WL_DNS_FLAG_RD), ==, rd);
  g_assert_cmpuint (s->msg->questions->len, ==, 1);
  g_assert_cmpstr (q->name, ==, name);
  g_assert_cmpuint (q->type, ==, type);
}

/* A response to query q: same id and ports swapped, flags as given. */
static void
assert_response (const DnsSeen *s,
                 const DnsSeen *q,
                 guint16        flags)
{
  g_assert_cmphex (s->dst, ==, q->src);
  g_assert_cmpuint (s->sport, ==, 53);
  g_assert_cmpuint (s->dport, ==, q->sport);
  g_assert_cmphex (s->msg->id, ==, q->msg->id);
  g_assert_cmphex (s->msg->flags, ==, flags);
}

/* The whole iteration for www.lab.test (a CNAME to web.lab.test), message by message. */
static void
test_iteration (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) all = NULL;
  const DnsSeen *q, *r;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  bed = run_lab (lab, 1);
  all = dns_sent (bed, NULL);
  g_assert_cmpuint (all->len, ==, 8);

  /* PC1 → RES: RD=1 */
  q = seen (all, 0);
  assert_query (q, RES_IP, "www.lab.test", WL_DNS_TYPE_A, TRUE);
  /* RES → ROOT (RD=0), referral to test. (AA=0, RA=0) with its glue */
  assert_query (seen (all, 1), ROOT_IP, "www.lab.test", WL_DNS_TYPE_A, FALSE);
  r = seen (all, 2);
  assert_response (r, seen (all, 1), 0x8000);
  g_assert_cmpuint (r->msg->rrs[WL_DNS_SECTION_ANSWER]->len, ==, 0);
  g_assert_cmpstr (rr_at (r, WL_DNS_SECTION_AUTHORITY, 0)->name, ==, "test");
  g_assert_cmpstr (rr_at (r, WL_DNS_SECTION_AUTHORITY, 0)->target, ==, "ns.test");
  g_assert_cmphex (rr_at (r, WL_DNS_SECTION_ADDITIONAL, 0)->a, ==, l3_ip (TLD_IP));
  /* RES → TLD, referral to lab.test */
  assert_query (seen (all, 3), TLD_IP, "www.lab.test", WL_DNS_TYPE_A, FALSE);
  r = seen (all, 4);
  assert_response (r, seen (all, 3), 0x8000);
  g_assert_cmpstr (rr_at (r, WL_DNS_SECTION_AUTHORITY, 0)->name, ==, "lab.test");
  g_assert_cmphex (rr_at (r, WL_DNS_SECTION_ADDITIONAL, 0)->a, ==, l3_ip (AUTH_IP));
  /* RES → AUTH: the authoritative answer (AA=1, RA=0), the CNAME chased inside the zone;
   * RD was clear so BIND adds the zone's NS and their addresses */
  assert_query (seen (all, 5), AUTH_IP, "www.lab.test", WL_DNS_TYPE_A, FALSE);
  r = seen (all, 6);
  assert_response (r, seen (all, 5), 0x8400);
  g_assert_cmpuint (rr_at (r, WL_DNS_SECTION_ANSWER, 0)->type, ==, WL_DNS_TYPE_CNAME);
  g_assert_cmpstr (rr_at (r, WL_DNS_SECTION_ANSWER, 0)->target, ==, "web.lab.test");
  g_assert_cmphex (rr_at (r, WL_DNS_SECTION_ANSWER, 1)->a, ==, l3_ip ("10.0.0.80"));
  g_assert_cmpuint (r->msg->rrs[WL_DNS_SECTION_AUTHORITY]->len, ==, 1);
  g_assert_cmpuint (r->msg->rrs[WL_DNS_SECTION_ADDITIONAL]->len, ==, 1);
  /* RES → PC1: RA=1, RD copied, AA=0; the same chain, nothing else */
  r = seen (all, 7);
  assert_response (r, q, 0x8180);
  g_assert_cmpuint (r->msg->rrs[WL_DNS_SECTION_ANSWER]->len, ==, 2);
  g_assert_cmpuint (rr_at (r, WL_DNS_SECTION_ANSWER, 0)->ttl, ==, 300);
  g_assert_cmpuint (rr_at (r, WL_DNS_SECTION_ANSWER, 1)->ttl, ==, 60);
  g_assert_cmpuint (r->msg->rrs[WL_DNS_SECTION_AUTHORITY]->len, ==, 0);
  g_assert_cmpuint (r->msg->rrs[WL_DNS_SECTION_ADDITIONAL]->len, ==, 0);
}

/* The notes tell the story, each caused by what came before. */
static void
test_notes (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  gint res, pc1;
  const WlTraceEvent *ev, *referral;
  g_autofree char *zone = NULL, *value = NULL, *cnames = NULL, *source = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  bed = run_lab (lab, 1);
  dns_dump (bed);
  res = l3_bed_index (bed, "RES");
  pc1 = l3_bed_index (bed, "PC1");

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_QUERY, res), ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_REFERRAL, res), ==, 2);
  referral = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_REFERRAL, res, 1);
  zone = l3_arg (referral, "zone");
  g_assert_cmpstr (zone, ==, "lab.test");
  /* the query to AUTH exists because of that referral, which exists because of TLD's answer */
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_QUERY, res, 2);
  g_assert_cmpuint (ev->cause, ==, referral->id);
  g_assert_cmpint (l3_by_id (bed, referral->cause)->kind, ==, WL_EVENT_FRAME_RECEIVED);
  /* cached: NS and glue of test and lab.test, the CNAME and the address */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_CACHE_ADD, res), ==, 6);
  /* the answer, at the resolver and at the stub */
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, pc1, 0);
  value = l3_arg (ev, "value");
  cnames = l3_arg (ev, "cnames");
  source = l3_arg (ev, "source");
  g_assert_cmpstr (value, ==, "10.0.0.80");
  g_assert_cmpstr (cnames, ==, "web.lab.test");
  g_assert_cmpstr (source, ==, "server");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, res), ==, 1);
  /* every frame has a cause that leads back to the scenario action */
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE, pc1, 0);
  g_assert_true (l3_caused_by (bed, ev, l3_nth (bed, WL_EVENT_ACTION, 0, pc1, 0)->id));
}

/* A second host asks the same thing: the resolver answers from its cache, with the TTLs
 * counted down; another name of lab.test goes straight to lab.test's server. */
static void
test_resolver_cache (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) pc2 = NULL;
  g_autoptr (GPtrArray) res = NULL;
  const DnsSeen *answer;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, 31 * WL_S, "PC2", "nslookup www.lab.test");
  l3_action (lab, 40 * WL_S, "PC2", "nslookup mail.lab.test");
  bed = run_lab (lab, 1);

  g_assert_cmpuint (dns_count_queries (bed, "RES", ROOT_IP), ==, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", TLD_IP), ==, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 2);  /* www, then mail */
  res = dns_sent (bed, "RES");
  /* the answer to PC2's first question: 30 s later, TTLs 300 → 270 and 60 → 30 */
  answer = NULL;
  for (guint i = 0; i < res->len; i++)
    {
      const DnsSeen *s = g_ptr_array_index (res, i);

      if (s->dst == l3_ip ("10.0.0.11") && answer == NULL)
        answer = s;
    }
  g_assert_nonnull (answer);
  g_assert_cmpuint (rr_at (answer, WL_DNS_SECTION_ANSWER, 0)->ttl, ==, 270);
  g_assert_cmpuint (rr_at (answer, WL_DNS_SECTION_ANSWER, 1)->ttl, ==, 30);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_CACHE_HIT,
                              l3_bed_index (bed, "RES")), >=, 2);
  pc2 = dns_sent (bed, "PC2");
  g_assert_cmpuint (pc2->len, ==, 2);
}

/* After the TTL of web's address (60 s) the resolver asks lab.test's server again, and only
 * it: the NS records of lab.test are still cached (1 day). */
static void
test_resolver_expiry (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, 62 * WL_S, "PC2", "nslookup www.lab.test");
  bed = run_lab (lab, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", ROOT_IP), ==, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 2);
}

/* The stub's own cache: a second lookup on the same host sends nothing. */
static void
test_stub_cache (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) pc1 = NULL;
  gint dev;
  const WlTraceEvent *ev;
  g_autofree char *source = NULL;
  g_autofree char *console = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, 5 * WL_S, "PC1", "nslookup www.lab.test");
  bed = run_lab (lab, 1);
  dev = l3_bed_index (bed, "PC1");
  pc1 = dns_sent (bed, "PC1");
  g_assert_cmpuint (pc1->len, ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, dev), ==, 2);
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, dev, 1);
  source = l3_arg (ev, "source");
  g_assert_cmpstr (source, ==, "cache");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_CACHE_HIT, dev), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_CACHE_ADD, dev), ==, 2);
  /* both lookups print the same thing */
  console = dns_console (bed, "PC1");
  g_assert_cmpstr (console, ==,
                   "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\n"
                   "Non-authoritative answer:\nwww.lab.test\tcanonical name = web.lab.test.\n"
                   "Name:\tweb.lab.test\nAddress: 10.0.0.80\n\n"
                   "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\n"
                   "Non-authoritative answer:\nwww.lab.test\tcanonical name = web.lab.test.\n"
                   "Name:\tweb.lab.test\nAddress: 10.0.0.80\n");
}

/* A name that does not exist: NXDOMAIN with lab.test's SOA, cached negatively (RFC 2308). */
static void
test_nxdomain (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) res = NULL;
  const DnsSeen *answer;
  g_autofree char *console = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup nope.lab.test");
  l3_action (lab, 10 * WL_S, "PC2", "nslookup nope.lab.test");
  bed = run_lab (lab, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 1);
  res = dns_sent (bed, "RES");
  answer = g_ptr_array_index (res, res->len - 1);
  g_assert_cmphex (answer->dst, ==, l3_ip ("10.0.0.11"));
  g_assert_cmphex (answer->msg->flags, ==, 0x8183);
  g_assert_cmpuint (rr_at (answer, WL_DNS_SECTION_AUTHORITY, 0)->type, ==, WL_DNS_TYPE_SOA);
  /* min(3600, 300), 9 s later */
  g_assert_cmpuint (rr_at (answer, WL_DNS_SECTION_AUTHORITY, 0)->ttl, ==, 291);
  console = dns_console (bed, "PC2");
  g_assert_cmpstr (console, ==, "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\n"
                                "** server can't find nope.lab.test: NXDOMAIN\n");
}

/* Two clients asking the same question at once share one iteration. */
static void
test_join (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  const WlTraceEvent *ev;
  g_autofree char *clients = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, WL_S, "PC2", "nslookup www.lab.test");
  bed = run_lab (lab, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", ROOT_IP), ==, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 1);
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, l3_bed_index (bed, "RES"), 0);
  clients = l3_arg (ev, "clients");
  g_assert_cmpstr (clients, ==, "2");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DNS_ANSWER, -1), ==, 3);
}

/* lab.test's server is not running: ICMP port unreachable twice, then SERVFAIL. */
static void
test_servfail (void)
{
  static const char *const skip[] = { "AUTH", NULL };
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) res = NULL;
  const DnsSeen *answer;
  const WlTraceEvent *ev;
  g_autofree char *after = NULL, *console = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  bed = dns_bed_new (lab, 1, skip);
  l3_bed_run (bed, 0);
  dns_dump (bed);
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 2);  /* tries=2 */
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DNS_QUERY, l3_bed_index (bed, "RES"), 3);
  after = l3_arg (ev, "after");
  g_assert_cmpstr (after, ==, "unreachable");
  res = dns_sent (bed, "RES");
  answer = g_ptr_array_index (res, res->len - 1);
  g_assert_cmphex (answer->msg->flags, ==, 0x8182);
  console = dns_console (bed, "PC1");
  g_assert_true (strstr (console, "** server can't find www.lab.test: SERVFAIL") != NULL);
}

/* The same lab and seed give the same bytes; another seed other ids and ports. */
static GByteArray *
frames_of (guint64 seed)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  GByteArray *out = g_byte_array_new ();

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, 2 * WL_S, "PC2", "nslookup -type=MX lab.test");
  l3_action (lab, 3 * WL_S, "PC2", "nslookup nope.lab.test");
  bed = run_lab (lab, seed);
  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      g_byte_array_append (out, (const guint8 *) &ev->time, sizeof ev->time);
      if (ev->frame != NULL)
        g_byte_array_append (out, ev->frame, (guint) ev->frame_len);
      if (ev->args != NULL)
        g_byte_array_append (out, (const guint8 *) ev->args, (guint) strlen (ev->args));
    }
  return out;
}

static void
test_determinism (void)
{
  g_autoptr (GByteArray) a = frames_of (7);
  g_autoptr (GByteArray) b = frames_of (7);
  g_autoptr (GByteArray) c = frames_of (8);

  g_assert_cmpmem (a->data, a->len, b->data, b->len);
  g_assert_false (a->len == c->len && memcmp (a->data, c->data, a->len) == 0);
}

/* A resolver that also holds lab.test (dns-server and dns-resolver on one device) answers
 * for it with authority, without iterating. */
static void
test_local_zone (void)
{
  static const char *const skip[] = { "RES", NULL };
  static const char *const zone[] = {
    "zone=lab.test", "records=@ NS ns1;ns1 A 10.0.0.53;www A 10.0.0.80", NULL,
  };
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (WlDnsResolverConfig) cfg = wl_dns_resolver_config_new ();
  g_autoptr (GPtrArray) res = NULL;
  g_autoptr (GError) error = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  l3_action (lab, 2 * WL_S, "PC1", "nslookup www.other.test");
  bed = dns_bed_new (lab, 1, skip);
  cfg->local = dns_server_config (zone);
  g_assert_true (wl_dns_resolver_config_parse (cfg, (const char *const[]) {
                                                 "root-hints=10.0.0.1", NULL }, &error));
  g_assert_true (wl_dns_resolver_start (l3_bed_stack (bed, "RES"), cfg, &error));
  l3_bed_run (bed, 0);
  res = dns_sent (bed, "RES");
  /* AA and RA both set for lab.test; the other name is resolved from the root */
  g_assert_cmphex (((DnsSeen *) g_ptr_array_index (res, 0))->msg->flags, ==, 0x8580);
  g_assert_cmpuint (dns_count_queries (bed, "RES", ROOT_IP), ==, 1);
  g_assert_cmphex (((DnsSeen *) g_ptr_array_index (res, res->len - 1))->msg->flags, ==, 0x8183);
}

/* ANY through the resolver: every set of the name comes back, and each is cached on its own. */
static void
test_any (void)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) res = NULL;
  const DnsSeen *answer;

  l3_action (lab, WL_S, "PC1", "nslookup -type=ANY lab.test");
  l3_action (lab, 2 * WL_S, "PC2", "nslookup -type=MX lab.test");
  bed = run_lab (lab, 1);
  res = dns_sent (bed, "RES");
  answer = g_ptr_array_index (res, 3);  /* root, TLD, AUTH, then the answer to PC1 */
  g_assert_cmphex (answer->dst, ==, l3_ip ("10.0.0.10"));
  g_assert_cmpuint (answer->msg->rrs[WL_DNS_SECTION_ANSWER]->len, ==, 3);
  /* the MX set came with it: PC2's question is answered from the cache */
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 1);
}

/* An answer over 512 bytes (40 addresses) does not fit UDP without EDNS: the server sets TC
 * and sends the question alone; the resolver, with no TCP to ask again, gives up on it. */
static void
test_truncation (void)
{
  static const char *const skip[] = { "AUTH", NULL };
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GString) records = g_string_new ("records=@ NS ns1;ns1 A 10.0.0.3");
  g_autoptr (WlDnsServerConfig) cfg = NULL;
  g_autoptr (GPtrArray) auth = NULL, res = NULL;
  g_autoptr (GError) error = NULL;
  const char *settings[] = { "zone=lab.test", NULL, NULL };
  const DnsSeen *reply;

  for (guint i = 1; i <= 40; i++)
    g_string_append_printf (records, ";big A 10.0.1.%u", i);
  settings[1] = records->str;
  cfg = dns_server_config (settings);
  l3_action (lab, WL_S, "PC1", "nslookup big.lab.test");
  bed = dns_bed_new (lab, 1, skip);
  g_assert_true (wl_dns_server_start (l3_bed_stack (bed, "AUTH"), cfg, &error));
  l3_bed_run (bed, 0);
  auth = dns_sent (bed, "AUTH");
  g_assert_cmpuint (auth->len, ==, 2);  /* tries=2 */
  reply = g_ptr_array_index (auth, 0);
  g_assert_true (reply->msg->flags & WL_DNS_FLAG_TC);
  g_assert_cmpuint (reply->msg->rrs[WL_DNS_SECTION_ANSWER]->len, ==, 0);
  g_assert_cmpuint (reply->msg->questions->len, ==, 1);
  g_assert_cmpuint (reply->ev->frame_len - 4 - 42, <=, WL_DNS_MAX_UDP);
  res = dns_sent (bed, "RES");
  reply = g_ptr_array_index (res, res->len - 1);
  g_assert_cmphex (reply->dst, ==, l3_ip ("10.0.0.10"));
  g_assert_cmphex (reply->msg->flags, ==, 0x8182);
}

/* A server holding several zones (one config per zone, merged). */
static WlDnsServerConfig *
zones_config (const char *const *const *zones)
{
  WlDnsServerConfig *cfg = wl_dns_server_config_new ();

  for (guint i = 0; zones[i] != NULL; i++)
    {
      g_autoptr (WlDnsServerConfig) one = dns_server_config (zones[i]);

      g_ptr_array_add (cfg->zones, g_ptr_array_steal_index (one->zones, 0));
    }
  return cfg;
}

/* A CNAME into another zone, whose server is named without glue: the resolver follows the
 * alias from the top again, and looks the name server's address up on the way (a child
 * lookup), then asks it. */
static void
test_cross_zone (void)
{
  static const char *const skip[] = { "TLD", "AUTH", NULL };
  static const char *const tld[] = {
    "zone=test", "records=lab NS ns1.lab;ns1.lab A 10.0.0.3;lab2 NS ns1.lab;other NS ns.lab2",
    NULL,
  };
  static const char *const lab[] = {
    "zone=lab.test", "records=@ NS ns1;ns1 A 10.0.0.3;www CNAME www.other.test.", NULL,
  };
  static const char *const lab2[] = { "zone=lab2.test", "records=@ NS ns;ns A 10.0.0.3", NULL };
  static const char *const other[] = {
    "zone=other.test", "records=@ NS ns.lab2.test.;www A 10.0.0.90", NULL,
  };
  const char *const *const auth_zones[] = { lab, lab2, other, NULL };
  g_autoptr (WlLab) l = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (WlDnsServerConfig) tcfg = dns_server_config (tld);
  g_autoptr (WlDnsServerConfig) acfg = zones_config (auth_zones);
  g_autoptr (GPtrArray) res = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *console = NULL;
  const DnsSeen *answer;
  gboolean asked_ns = FALSE;

  l3_action (l, WL_S, "PC1", "nslookup www.lab.test");
  bed = dns_bed_new (l, 1, skip);
  g_assert_true (wl_dns_server_start (l3_bed_stack (bed, "TLD"), tcfg, &error));
  g_assert_true (wl_dns_server_start (l3_bed_stack (bed, "AUTH"), acfg, &error));
  l3_bed_run (bed, 0);
  dns_dump (bed);
  console = dns_console (bed, "PC1");
  g_assert_cmpstr (console, ==, "Server:\t\t10.0.0.53\nAddress:\t10.0.0.53#53\n\n"
                                "Non-authoritative answer:\n"
                                "www.lab.test\tcanonical name = www.other.test.\n"
                                "Name:\twww.other.test\nAddress: 10.0.0.90\n");
  res = dns_sent (bed, "RES");
  for (guint i = 0; i < res->len; i++)
    {
      const DnsSeen *q = g_ptr_array_index (res, i);
      const WlDnsQuestion *qq = &g_array_index (q->msg->questions, WlDnsQuestion, 0);

      asked_ns |= g_str_equal (qq->name, "ns.lab2.test");
    }
  g_assert_true (asked_ns);
  /* the root once; the TLD for each of the three names; AUTH for each too */
  g_assert_cmpuint (dns_count_queries (bed, "RES", ROOT_IP), ==, 1);
  g_assert_cmpuint (dns_count_queries (bed, "RES", TLD_IP), ==, 3);
  g_assert_cmpuint (dns_count_queries (bed, "RES", AUTH_IP), ==, 3);
  answer = g_ptr_array_index (res, res->len - 1);
  g_assert_cmpuint (answer->msg->rrs[WL_DNS_SECTION_ANSWER]->len, ==, 2);
}

/* The programs started from lab services, as a lab file describes them (the services are
 * added once the devices have started: the table of service kinds is not ours to fill). */
static void
test_services (void)
{
  static const char *const skip[] = { "RES", NULL };
  g_autoptr (WlLab) lab = dns_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GError) error = NULL;
  WlLabDevice *res, *root;
  WlLabService *srv, *rsv, *bad;
  WlDevice *dev;
  g_autoptr (GPtrArray) sent = NULL;

  l3_action (lab, WL_S, "PC1", "nslookup www.lab.test");
  bed = dns_bed_new (lab, 1, skip);
  l3_bed_run (bed, WL_MS);
  res = wl_lab_get_device (lab, (guint) wl_lab_find_device (lab, "RES"));
  srv = wl_lab_device_add_service (res, "dns-server");
  rsv = wl_lab_device_add_service (res, "dns-resolver");
  wl_lab_service_set (srv, "zone", "lab.test");
  wl_lab_service_set (srv, "records", "www A 10.0.0.80");
  wl_lab_service_set (rsv, "root-hints", "10.0.0.1");
  g_assert_true (wl_dns_server_check_service (res, srv, &error));
  g_assert_true (wl_dns_resolver_check_service (res, rsv, &error));
  dev = l3_bed_device (bed, "RES");
  /* one program for both: the server's start leaves the zone to the resolver */
  g_assert_true (wl_dns_server_service_start (dev, res, srv, &error));
  g_assert_true (wl_dns_resolver_service_start (dev, res, rsv, &error));
  g_assert_no_error (error);
  l3_bed_run (bed, 0);
  g_assert_cmpuint (dns_count_queries (bed, "RES", ROOT_IP), ==, 0);
  sent = dns_sent (bed, "RES");
  g_assert_cmpuint (sent->len, ==, 1);
  g_assert_cmphex (((DnsSeen *) g_ptr_array_index (sent, 0))->msg->flags, ==, 0x8580);

  /* a bad setting names the device, the service, the key and the value */
  root = wl_lab_get_device (lab, (guint) wl_lab_find_device (lab, "ROOT"));
  bad = wl_lab_device_add_service (root, "dns-resolver");
  wl_lab_service_set (bad, "timeout", "5 minutes");
  g_assert_false (wl_dns_resolver_check_service (root, bad, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (strstr (error->message, "ROOT") != NULL);
  g_assert_true (strstr (error->message, "dns-resolver") != NULL);
  g_assert_true (strstr (error->message, "timeout=5 minutes") != NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dns/resolve/iteration", test_iteration);
  g_test_add_func ("/engine/dns/resolve/notes", test_notes);
  g_test_add_func ("/engine/dns/resolve/resolver-cache", test_resolver_cache);
  g_test_add_func ("/engine/dns/resolve/resolver-expiry", test_resolver_expiry);
  g_test_add_func ("/engine/dns/resolve/stub-cache", test_stub_cache);
  g_test_add_func ("/engine/dns/resolve/nxdomain", test_nxdomain);
  g_test_add_func ("/engine/dns/resolve/join", test_join);
  g_test_add_func ("/engine/dns/resolve/servfail", test_servfail);
  g_test_add_func ("/engine/dns/resolve/determinism", test_determinism);
  g_test_add_func ("/engine/dns/resolve/local-zone", test_local_zone);
  g_test_add_func ("/engine/dns/resolve/cross-zone", test_cross_zone);
  g_test_add_func ("/engine/dns/resolve/any", test_any);
  g_test_add_func ("/engine/dns/resolve/truncation", test_truncation);
  g_test_add_func ("/engine/dns/resolve/services", test_services);
  return g_test_run ();
}
