/* wl-dns-resolver-fetch.c — iteration: asking the authoritative servers, root first.
 *
 * RFC 1034 §5.3.3 (the algorithm), RFC 2181 §5.4.1 (data ranking) and §6.1 (bailiwick: a
 * server is believed only about its own zone), RFC 2308 §2 and §5 (negative answers and their
 * caching), RFC 6604 (NXDOMAIN after aliases), RFC 5452 §9 (random id and source port for
 * every query; the port is bound for that query only).
 *
 * Where it sits: wl-dns-resolver.c hands a question it cannot answer from its cache to a
 * fetch, which lives until the answer is known and then replies to every waiting client.
 *
 * One fetch, one question, one query in flight at a time:
 *
 *   resume   the cache is tried (aliases followed); if it cannot finish, the closest zone
 *            whose name servers are cached is chosen (the root hints when none is), and…
 *   send     …one of its servers gets the query (RD=0).  Each server of the zone is tried in
 *            turn, at most `tries` times; a timeout, an error rcode, a truncated or "lame"
 *            reply moves on to the next.  When no server is left: SERVFAIL.
 *   reply    data for the name (in the server's bailiwick): cached, done.  A CNAME: cached,
 *            the lookup resumes at its target.  A referral (NS records of a zone below the
 *            one asked, in authority, addresses of those servers as glue in additional):
 *            both cached, the lookup goes on with that zone's servers.  NXDOMAIN or NODATA
 *            with the zone's SOA: cached for min(SOA TTL, MINIMUM), done.
 *   address  a zone whose servers have no known address (no glue, out of the zone) makes a
 *            child fetch for one server's address first (at most 3 deep).
 *
 * Limits that end a fetch with SERVFAIL: 30 queries, 8 aliases, no server left.
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include "wl-dns-resolver-private.h"

#define MAX_QUERIES 30
#define MAX_DEPTH 3

typedef enum
{
  TAKE_NONE,   /* no answer for the name */
  TAKE_DATA,   /* the data is in f->answer */
  TAKE_ALIAS,  /* moved along one or more CNAMEs */
  TAKE_LOOP,   /* too many aliases */
} Take;

static void fetch_send (Fetch *f);
static void fetch_resume (Fetch *f);

static const char *
zone_text (const char *name)
{
  return name[0] ? name : ".";
}

static void
server_clear (gpointer p)
{
  g_free (((Server *) p)->name);
}

static Fetch *
fetch_new (WlDnsResolver *res,
           const char    *qname,
           guint16        qtype,
           Fetch         *parent)
{
  Fetch *f = g_new0 (Fetch, 1);

  f->res = res;
  f->qname = g_strdup (qname);
  f->qtype = qtype;
  f->name = g_strdup (qname);
  f->answer = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  f->clients = _wl_dns_clients_new ();
  f->parent = parent;
  f->depth = parent != NULL ? parent->depth + 1 : 0;
  f->zone = g_strdup ("");
  f->servers = g_array_new (FALSE, TRUE, sizeof (Server));
  g_array_set_clear_func (f->servers, server_clear);
  g_ptr_array_add (res->fetches, f);
  return f;
}

static void
stop_query (Fetch *f)
{
  if (f->timer != 0)
    wl_sim_cancel (f->res->stack->sim, f->timer);
  if (f->port != 0)
    wl_udp_unbind (f->res->stack, f->port);
  f->timer = 0;
  f->port = 0;
}

void
_wl_dns_fetch_free (gpointer data)
{
  Fetch *f = data;

  stop_query (f);
  g_free (f->qname);
  g_free (f->name);
  g_ptr_array_unref (f->answer);
  g_clear_pointer (&f->soa, wl_dns_rr_free);
  g_array_unref (f->clients);
  g_free (f->zone);
  g_array_unref (f->servers);
  g_free (f);
}

/* ---- ending ---------------------------------------------------------------------------- */

static void
parent_resume (Fetch      *p,
               const char *ns_name,
               GArray     *addrs)
{
  guint n = p->servers->len;

  for (guint i = 0; i < n; i++)
    {
      Server *s = &g_array_index (p->servers, Server, i);

      if (s->addr != 0 || !wl_dns_name_equal (s->name, ns_name))
        continue;
      s->looked_up = TRUE;
      for (guint k = 0; k < addrs->len; k++)
        {
          Server extra = { g_strdup (ns_name), g_array_index (addrs, guint32, k), 0, TRUE };

          if (k == 0)
            {
              s->addr = extra.addr;
              g_free (extra.name);
            }
          else
            g_array_append_val (p->servers, extra);
        }
      break;
    }
  fetch_send (p);
}

/* The fetch is over: reply to its clients (or hand its addresses to its parent), forget it.
 * Nothing may touch f after this. */
static void
fetch_finish (Fetch *f,
              guint  rcode)
{
  WlDnsResolver *res = f->res;
  Fetch *parent = f->parent;
  g_autoptr (GArray) addrs = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree char *qname = g_strdup (f->qname);
  guint64 note;

  stop_query (f);
  if (rcode == WL_DNS_RCODE_SERVFAIL)
    g_ptr_array_set_size (f->answer, 0);
  note = _wl_dns_resolver_note_answer (res, f->qname, f->qtype, rcode, f->answer,
                                       f->clients->len);
  wl_sim_set_cause (res->stack->sim, note);
  for (guint i = 0; i < f->clients->len; i++)
    _wl_dns_resolver_reply (res, &g_array_index (f->clients, Client, i), rcode, f->answer,
                            f->soa);
  for (guint i = 0; i < f->answer->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (f->answer, i);

      if (rr->type == WL_DNS_TYPE_A)
        g_array_append_val (addrs, rr->a);
    }
  g_ptr_array_remove (res->fetches, f);
  if (parent != NULL)
    parent_resume (parent, qname, addrs);
}

static void
fail (Fetch      *f,
      const char *why)
{
  f->failure = why;
  fetch_send (f);
}

/* ---- caching what servers say ---------------------------------------------------------- */

static guint32
set_ttl (GPtrArray *set)
{
  guint32 ttl = WL_DNS_CACHE_MAX_TTL;

  for (guint i = 0; i < set->len; i++)
    {
      guint32 t = ((WlDnsRR *) g_ptr_array_index (set, i))->ttl;

      ttl = MIN (ttl, t > G_MAXINT32 ? 0 : t);
    }
  return ttl;
}

/* Caches one record set, with a dns-cache-add note; returns the set's TTL. */
static guint32
cache_set (Fetch     *f,
           GPtrArray *set,
           WlDnsRank  rank)
{
  const WlDnsRR *first = g_ptr_array_index (set, 0);
  guint32 ttl = wl_dns_cache_add_rrset (&f->res->cache, wl_sim_now (f->res->stack->sim), set,
                                        rank);

  if (ttl > 0)
    {
      g_autofree char *type = wl_dns_type_to_string (first->type);

      _wl_dns_note (f->res->stack, -1, WL_NOTE_DNS_CACHE_ADD, "name=%s type=%s ttl=%u",
                    zone_text (first->name), type, ttl);
    }
  return set_ttl (set);
}

/* Caches the answer's records of one owner, one set per type (several for ANY), and appends
 * them to the fetch's answer, each with its set's TTL. */
static void
take_set (Fetch     *f,
          GPtrArray *rrs,
          WlDnsRank  rank)
{
  for (guint i = 0; i < rrs->len; i++)
    {
      guint16 type = ((WlDnsRR *) g_ptr_array_index (rrs, i))->type;
      g_autoptr (GPtrArray) set = g_ptr_array_new ();
      gboolean seen = FALSE;
      guint32 ttl;

      for (guint k = 0; k < i; k++)
        seen |= ((WlDnsRR *) g_ptr_array_index (rrs, k))->type == type;
      if (seen)
        continue;  /* that type's set is done */
      for (guint k = i; k < rrs->len; k++)
        if (((WlDnsRR *) g_ptr_array_index (rrs, k))->type == type)
          g_ptr_array_add (set, g_ptr_array_index (rrs, k));
      ttl = cache_set (f, set, rank);
      for (guint k = 0; k < set->len; k++)
        {
          WlDnsRR *rr = wl_dns_rr_copy (g_ptr_array_index (set, k));

          rr->ttl = ttl;
          g_ptr_array_add (f->answer, rr);
        }
    }
}

/* Records of a section with this owner and type (ANY: any but CNAME) that lie in zone. */
static GPtrArray *
select_rrs (const WlDnsMessage *msg,
            WlDnsSection        section,
            const char         *owner,
            guint16             type,
            const char         *zone)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < msg->rrs[section]->len; i++)
    {
      WlDnsRR *rr = g_ptr_array_index (msg->rrs[section], i);

      if ((rr->type == type || (type == WL_DNS_TYPE_ANY && rr->type != WL_DNS_TYPE_CNAME))
          && rr->klass == WL_DNS_CLASS_IN && (owner == NULL || wl_dns_name_equal (rr->name, owner))
          && wl_dns_name_is_subdomain (rr->name, zone))
        g_ptr_array_add (out, rr);
    }
  return out;
}

/* The answer section, from the name asked: data, or aliases to follow. */
static Take
take_answer (Fetch              *f,
             const WlDnsMessage *msg)
{
  WlDnsRank rank = (msg->flags & WL_DNS_FLAG_AA) ? WL_DNS_RANK_AUTH_ANSWER : WL_DNS_RANK_ANSWER;
  gboolean moved = FALSE;

  for (;;)
    {
      g_autoptr (GPtrArray) data = select_rrs (msg, WL_DNS_SECTION_ANSWER, f->name, f->qtype,
                                               f->zone);
      g_autoptr (GPtrArray) alias = NULL;
      const WlDnsRR *cname;

      if (data->len > 0)
        {
          take_set (f, data, rank);
          return TAKE_DATA;
        }
      alias = select_rrs (msg, WL_DNS_SECTION_ANSWER, f->name, WL_DNS_TYPE_CNAME, f->zone);
      if (alias->len == 0 || f->qtype == WL_DNS_TYPE_CNAME)
        return moved ? TAKE_ALIAS : TAKE_NONE;
      if (++f->aliases > WL_DNS_MAX_CNAME_CHAIN)
        return TAKE_LOOP;
      g_ptr_array_set_size (alias, 1);
      take_set (f, alias, rank);
      cname = g_ptr_array_index (alias, 0);
      g_free (f->name);
      f->name = g_strdup (cname->target);
      moved = TRUE;
    }
}

/* The SOA of a negative answer: in authority, owning the name, inside the zone asked. */
static const WlDnsRR *
negative_soa (Fetch              *f,
              const WlDnsMessage *msg)
{
  g_autoptr (GPtrArray) soas = select_rrs (msg, WL_DNS_SECTION_AUTHORITY, NULL, WL_DNS_TYPE_SOA,
                                           f->zone);

  for (guint i = 0; i < soas->len; i++)
    {
      const WlDnsRR *soa = g_ptr_array_index (soas, i);

      if (wl_dns_name_is_subdomain (f->name, soa->name))
        return soa;
    }
  return NULL;
}

static void
negative (Fetch         *f,
          const WlDnsRR *soa,
          gboolean       nxdomain)
{
  if (soa != NULL)
    {
      WlTime now = wl_sim_now (f->res->stack->sim);
      guint32 ttl = wl_dns_cache_add_negative (&f->res->cache, now, f->name, f->qtype,
                                               WL_DNS_CLASS_IN, nxdomain, soa,
                                               WL_DNS_RANK_AUTH_ANSWER);
      g_autofree char *type = wl_dns_type_to_string (f->qtype);

      if (ttl > 0)
        _wl_dns_note (f->res->stack, -1, WL_NOTE_DNS_CACHE_ADD,
                      "name=%s type=%s ttl=%u negative=%s", zone_text (f->name), type, ttl,
                      nxdomain ? "nxdomain" : "nodata");
      f->soa = wl_dns_rr_copy (soa);
      f->soa->ttl = MIN (f->soa->ttl, f->soa->minimum);
    }
  fetch_finish (f, nxdomain ? WL_DNS_RCODE_NXDOMAIN : WL_DNS_RCODE_NOERROR);
}

/* ---- name servers ---------------------------------------------------------------------- */

/* The servers of a zone from its NS records: addresses from glue (if msg), else the cache,
 * else unknown (to be looked up, unless the name lies inside the zone: only glue can say). */
static void
set_servers (Fetch              *f,
             const char         *zone,
             GPtrArray          *ns,
             const WlDnsMessage *msg,
             const char         *glue_zone)
{
  WlTime now = wl_sim_now (f->res->stack->sim);

  g_free (f->zone);
  f->zone = g_strdup (zone);
  g_array_set_size (f->servers, 0);
  f->next = 0;
  for (guint i = 0; i < ns->len; i++)
    {
      const char *name = ((WlDnsRR *) g_ptr_array_index (ns, i))->target;
      g_autoptr (GPtrArray) addrs = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
      guint before = f->servers->len;

      if (msg != NULL)
        {
          g_autoptr (GPtrArray) glue = select_rrs (msg, WL_DNS_SECTION_ADDITIONAL, name,
                                                   WL_DNS_TYPE_A, glue_zone);

          for (guint k = 0; k < glue->len; k++)
            g_ptr_array_add (addrs, wl_dns_rr_copy (g_ptr_array_index (glue, k)));
        }
      if (addrs->len == 0)
        wl_dns_cache_lookup (&f->res->cache, now, name, WL_DNS_TYPE_A, WL_DNS_CLASS_IN, addrs);
      for (guint k = 0; k < addrs->len; k++)
        {
          Server s = { g_strdup (name), ((WlDnsRR *) g_ptr_array_index (addrs, k))->a, 0, TRUE };

          g_array_append_val (f->servers, s);
        }
      if (f->servers->len == before)
        {
          Server s = { g_strdup (name), 0, 0, wl_dns_name_is_subdomain (name, zone) };

          g_array_append_val (f->servers, s);
        }
    }
}

static gboolean
servers_usable (Fetch *f)
{
  for (guint i = 0; i < f->servers->len; i++)
    {
      const Server *s = &g_array_index (f->servers, Server, i);

      if (s->addr != 0 || !s->looked_up)
        return TRUE;
    }
  return FALSE;
}

/* The closest zone above the name whose servers the cache knows; else the root hints. */
static void
pick_zone (Fetch *f)
{
  WlDnsResolver *res = f->res;
  WlTime now = wl_sim_now (res->stack->sim);

  for (const char *n = f->name; n != NULL && n[0] != '\0'; n = wl_dns_name_parent (n))
    {
      g_autoptr (GPtrArray) ns = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);

      if (wl_dns_cache_lookup (&res->cache, now, n, WL_DNS_TYPE_NS, WL_DNS_CLASS_IN, ns)
          != WL_DNS_CACHE_HIT)
        continue;
      set_servers (f, n, ns, NULL, NULL);
      if (servers_usable (f))
        {
          _wl_dns_note (res->stack, -1, WL_NOTE_DNS_CACHE_HIT, "name=%s type=NS ttl=%u", n,
                        ((WlDnsRR *) g_ptr_array_index (ns, 0))->ttl);
          return;
        }
    }
  g_free (f->zone);
  f->zone = g_strdup ("");
  g_array_set_size (f->servers, 0);
  f->next = 0;
  for (guint i = 0; i < res->cfg->root_hints->len; i++)
    {
      const WlDnsHint *h = &g_array_index (res->cfg->root_hints, WlDnsHint, i);
      Server s = { g_strdup (h->name), h->address, 0, TRUE };

      g_array_append_val (f->servers, s);
    }
}

/* A referral: NS records, in authority, of a zone between the one asked and the name. */
static gboolean
follow_referral (Fetch              *f,
                 const WlDnsMessage *msg)
{
  g_autoptr (GPtrArray) any_ns = select_rrs (msg, WL_DNS_SECTION_AUTHORITY, NULL, WL_DNS_TYPE_NS,
                                             f->zone);
  g_autoptr (GPtrArray) ns = NULL;
  g_autofree char *cut = NULL, *old_zone = NULL;
  g_autoptr (GString) names = g_string_new (NULL);
  char from[16];

  if (any_ns->len == 0)
    return FALSE;
  cut = g_strdup (((WlDnsRR *) g_ptr_array_index (any_ns, 0))->name);
  /* Rule: strictly below the zone asked (else it is an upward referral: a lame server), and
   * above the name. */
  if (wl_dns_name_equal (cut, f->zone) || !wl_dns_name_is_subdomain (f->name, cut))
    return FALSE;
  ns = select_rrs (msg, WL_DNS_SECTION_AUTHORITY, cut, WL_DNS_TYPE_NS, f->zone);
  cache_set (f, ns, WL_DNS_RANK_AUTHORITY);
  for (guint i = 0; i < ns->len; i++)
    {
      const char *target = ((WlDnsRR *) g_ptr_array_index (ns, i))->target;
      g_autoptr (GPtrArray) glue = select_rrs (msg, WL_DNS_SECTION_ADDITIONAL, target,
                                               WL_DNS_TYPE_A, f->zone);

      if (glue->len > 0)
        cache_set (f, glue, WL_DNS_RANK_ADDITIONAL);
      g_string_append_printf (names, "%s%s", i ? "," : "", target);
    }
  wl_sim_set_cause (f->res->stack->sim,
                    _wl_dns_note (f->res->stack, -1, WL_NOTE_DNS_REFERRAL,
                                  "zone=%s ns=%s from=%s", cut, names->str,
                                  wl_ip_format (f->server, from)));
  old_zone = g_strdup (f->zone);
  set_servers (f, cut, ns, msg, old_zone);
  fetch_send (f);
  return TRUE;
}

/* ---- queries --------------------------------------------------------------------------- */

static void
handle_response (Fetch              *f,
                 const WlDnsMessage *msg)
{
  guint rcode = WL_DNS_RCODE (msg->flags);
  Take take;

  if ((msg->flags & WL_DNS_FLAG_TC) != 0)
    {
      fail (f, "truncated");  /* no TCP to ask again */
      return;
    }
  if (rcode == WL_DNS_RCODE_NXDOMAIN)
    {
      if (take_answer (f, msg) == TAKE_LOOP)
        fetch_finish (f, WL_DNS_RCODE_SERVFAIL);
      else
        negative (f, negative_soa (f, msg), TRUE);
      return;
    }
  if (rcode != WL_DNS_RCODE_NOERROR)
    {
      fail (f, rcode == WL_DNS_RCODE_SERVFAIL ? "servfail"
               : rcode == WL_DNS_RCODE_REFUSED ? "refused" : "error");
      return;
    }
  take = take_answer (f, msg);
  if (take == TAKE_DATA)
    fetch_finish (f, WL_DNS_RCODE_NOERROR);
  else if (take == TAKE_LOOP)
    fetch_finish (f, WL_DNS_RCODE_SERVFAIL);
  else if (take == TAKE_ALIAS && negative_soa (f, msg) == NULL)
    fetch_resume (f);  /* the target may be in another zone, or cached */
  else if (take == TAKE_NONE && follow_referral (f, msg))
    ;
  else if (negative_soa (f, msg) != NULL || msg->rrs[WL_DNS_SECTION_AUTHORITY]->len == 0)
    negative (f, negative_soa (f, msg), FALSE);
  else
    fail (f, "lame");  /* NS records that lead nowhere below: an upward referral */
}

static gboolean
response_matches (Fetch              *f,
                  const WlUdpInfo    *info,
                  const WlDnsMessage *msg)
{
  const WlDnsQuestion *q;

  if (info->src != f->server || info->sport != WL_DNS_PORT || msg->id != f->id
      || (msg->flags & WL_DNS_FLAG_QR) == 0 || msg->questions->len != 1)
    return FALSE;
  q = &g_array_index (msg->questions, WlDnsQuestion, 0);
  return wl_dns_name_equal (q->name, f->name) && q->type == f->qtype
         && q->klass == WL_DNS_CLASS_IN;
}

static void
on_response (WlStack         *stack,
             const WlUdpInfo *info,
             WlPacket        *payload,
             gpointer         user_data)
{
  Fetch *f = user_data;
  g_autoptr (WlDnsMessage) msg = _wl_dns_decode (stack, info, payload);

  wl_packet_unref (payload);
  /* Anything but the answer to our query (a forgery, a late reply) is ignored. */
  if (msg == NULL || !response_matches (f, info, msg))
    return;
  stop_query (f);
  handle_response (f, msg);
}

static void
on_timeout (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  Fetch *f = target;

  f->timer = 0;
  stop_query (f);
  fail (f, "timeout");
}

static void
send_query (Fetch  *f,
            Server *s)
{
  WlStack *stack = f->res->stack;
  g_autoptr (WlDnsMessage) query = NULL;
  g_autofree char *type = wl_dns_type_to_string (f->qtype);
  char ip[16];
  guint64 note;

  f->port = wl_udp_alloc_port (stack);
  if (f->port == 0)
    {
      fetch_finish (f, WL_DNS_RCODE_SERVFAIL);
      return;
    }
  wl_udp_bind (stack, f->port, on_response, f);
  f->id = (guint16) wl_sim_random_int (stack->sim, 65536);
  f->server = s->addr;
  f->queries++;
  note = _wl_dns_note (stack, -1, WL_NOTE_DNS_QUERY, "name=%s type=%s server=%s ns=%s zone=%s%s%s",
                       zone_text (f->name), type, wl_ip_format (s->addr, ip), s->name,
                       zone_text (f->zone), f->failure ? " after=" : "",
                       f->failure ? f->failure : "");
  f->failure = NULL;
  wl_sim_set_cause (stack->sim, note);
  query = wl_dns_message_new (f->id, 0);  /* RD=0: iterative */
  wl_dns_message_add_question (query, f->name, f->qtype, WL_DNS_CLASS_IN);
  _wl_dns_send (stack, 0, s->addr, f->port, WL_DNS_PORT, query);
  f->timer = wl_sim_schedule (stack->sim, f->res->cfg->timeout, on_timeout, f, NULL, NULL);
}

/* Starts a child fetch for the address of a server of the zone; FALSE when none can. */
static gboolean
look_up_server (Fetch *f)
{
  for (guint i = 0; i < f->servers->len; i++)
    {
      Server *s = &g_array_index (f->servers, Server, i);
      Fetch *child;

      if (s->addr != 0 || s->looked_up)
        continue;
      s->looked_up = TRUE;
      if (f->depth + 1 > MAX_DEPTH)
        continue;
      child = fetch_new (f->res, s->name, WL_DNS_TYPE_A, f);
      fetch_resume (child);
      return TRUE;
    }
  return FALSE;
}

static void
fetch_send (Fetch *f)
{
  guint n = f->servers->len;

  if (f->queries >= MAX_QUERIES)
    {
      fetch_finish (f, WL_DNS_RCODE_SERVFAIL);
      return;
    }
  for (guint k = 0; k < n; k++)
    {
      guint i = (f->next + k) % n;
      Server *s = &g_array_index (f->servers, Server, i);

      if (s->addr != 0 && s->tries < f->res->cfg->tries)
        {
          s->tries++;
          f->next = i + 1;
          send_query (f, s);
          return;
        }
    }
  if (!look_up_server (f))
    fetch_finish (f, WL_DNS_RCODE_SERVFAIL);
}

static void
fetch_resume (Fetch *f)
{
  switch (_wl_dns_resolver_chase (f->res, &f->name, f->qtype, f->answer, &f->soa))
    {
    case WL_DNS_CHASE_DATA:
    case WL_DNS_CHASE_NODATA: fetch_finish (f, WL_DNS_RCODE_NOERROR); break;
    case WL_DNS_CHASE_NXDOMAIN: fetch_finish (f, WL_DNS_RCODE_NXDOMAIN); break;
    case WL_DNS_CHASE_LOOP: fetch_finish (f, WL_DNS_RCODE_SERVFAIL); break;
    case WL_DNS_CHASE_MISS:
    default:
      pick_zone (f);
      fetch_send (f);
      break;
    }
}

void
_wl_dns_fetch_join (WlDnsResolver *res,
                    Client        *client)
{
  const WlDnsQuestion *q = &g_array_index (client->query->questions, WlDnsQuestion, 0);
  Fetch *f;

  /* A client asking what a fetch already looks for (a stub repeating its query) waits for
   * the same answer instead of starting the iteration again. */
  for (guint i = 0; i < res->fetches->len; i++)
    {
      f = g_ptr_array_index (res->fetches, i);
      if (f->parent == NULL && f->qtype == q->type && wl_dns_name_equal (f->qname, q->name))
        {
          /* The same client repeating the same query (same port and id: a retransmission)
           * is dropped, as BIND does: it will get the one answer. */
          for (guint k = 0; k < f->clients->len; k++)
            {
              const Client *c = &g_array_index (f->clients, Client, k);

              if (c->addr == client->addr && c->port == client->port
                  && c->query->id == client->query->id)
                {
                  g_clear_pointer (&client->query, wl_dns_message_free);
                  return;
                }
            }
          g_array_append_val (f->clients, *client);
          return;
        }
    }
  f = fetch_new (res, q->name, q->type, NULL);
  g_array_append_val (f->clients, *client);
  fetch_resume (f);
}

gboolean
_wl_dns_fetch_unreachable (WlDnsResolver *res,
                           guint32        server,
                           guint16        port)
{
  for (guint i = 0; i < res->fetches->len; i++)
    {
      Fetch *f = g_ptr_array_index (res->fetches, i);

      if (f->port == port && f->server == server)
        {
          stop_query (f);
          fail (f, "unreachable");
          return TRUE;
        }
    }
  return FALSE;
}
