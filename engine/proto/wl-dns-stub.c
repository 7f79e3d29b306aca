/* wl-dns-stub.c — a host's stub resolver: one DNS server, a cache, retries.
 *
 * RFC 1034 §5.3.1 (stub resolvers), RFC 1035 §7 (resolver implementation), RFC 2308 §5
 * (negative caching), RFC 5452 (a random id and a fresh source port for each lookup).
 *
 * Where it sits: an application on a host's stack, one per stack (wl_dns_stub_get finds it).
 * Programs (nslookup) ask it to look a name up; it answers from its cache or asks the host's
 * DNS server (the lab's dns= of the host, or what DHCP gave) with RD=1 and waits.
 *
 * State: the configuration, a cache of what answers said (each record set until its TTL
 * runs out; NXDOMAIN and NODATA for the SOA's negative TTL, like nscd or systemd-resolved),
 * and the lookups in flight.
 *
 * Modelled on glibc's resolver (res_send): an attempt waits `timeout` (5 s) for the answer,
 * then the query goes again, same id and port, up to `attempts` (2) times in all; then the
 * lookup has timed out.  A reply is taken only from the server asked, from port 53, with our
 * id and question; anything else is ignored.  An ICMP destination unreachable about the query
 * ends the lookup at once: port unreachable is "connection refused", host or network
 * unreachable (our own ARP gave up, or a router's error) is "host unreachable".  Lookups sent to a given server (nslookup NAME
 * SERVER) neither read nor fill the cache, since it holds the configured server's answers.
 *
 * Notes (protocol dns, layer 7):
 *   dns-query      "name=… type=… server=… attempt=N"       before each query sent
 *   dns-cache-hit  "name=… type=… ttl=…" for each cached set an answer uses
 *   dns-cache-add  "name=… type=… ttl=…" (negative=…) for each set learnt
 *   dns-answer     "name=… type=… rcode=… value=… cnames=… server=… source=cache|server"; when
 *                  no answer came, rcode, value and cnames are "-" and status says why
 *                  (timeout, refused, unreachable, no-server)
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include "proto/wl-dns-cache.h"
#include "wl-dns-private.h"
#include "wl-icmp-wire.h"
#include "wl-wire.h"

struct _WlDnsStub
{
  WlStack        *stack;
  WlDnsStubConfig cfg;
  WlDnsCache      cache;
  GPtrArray      *lookups;  /* of Lookup*, owned: in flight */
};

typedef struct
{
  WlDnsStub      *stub;
  char           *name;
  guint16         type;
  guint32         server;
  gboolean        use_cache;
  WlDnsStubFunc   func;
  gpointer        user_data;
  guint16         id;
  guint16         port;       /* bound while waiting; 0 otherwise */
  guint           attempt;
  WlTimerId       timer;
  WlDnsMessage   *cached;     /* an answer made from the cache, delivered by a timer */
  WlDnsStubStatus status;
} Lookup;

/* The key under which a stack's stub is found (see wl_dns_stub_get). */
static GQuark
stub_quark (void)
{
  return g_quark_from_static_string ("wl-dns-stub");
}

static void
lookup_free (gpointer data)
{
  Lookup *l = data;

  if (l->timer != 0)
    wl_sim_cancel (l->stub->stack->sim, l->timer);
  if (l->port != 0)
    wl_udp_unbind (l->stub->stack, l->port);
  g_clear_pointer (&l->cached, wl_dns_message_free);
  g_free (l->name);
  g_free (l);
}

/* ---- ending ---------------------------------------------------------------------------- */

static void
note_answer (Lookup             *l,
             const WlDnsMessage *response)
{
  g_autofree char *type = wl_dns_type_to_string (l->type);
  g_autofree char *values = NULL, *cnames = NULL;
  static const char *const statuses[] = { "answered", "timeout", "refused", "no-server",
                                           "unreachable" };
  char server[16];
  guint64 note;

  wl_ip_format (l->server, server);
  if (response == NULL)
    note = _wl_dns_note (l->stub->stack, -1, WL_NOTE_DNS_ANSWER,
                         "name=%s type=%s rcode=- value=- cnames=- server=%s status=%s", l->name,
                         type, server, statuses[l->status]);
  else
    {
      values = _wl_dns_answer_values (response, l->type);
      cnames = _wl_dns_answer_cnames (response);
      note = _wl_dns_note (l->stub->stack, -1, WL_NOTE_DNS_ANSWER,
                           "name=%s type=%s rcode=%s value=%s cnames=%s server=%s source=%s",
                           l->name, type, wl_dns_rcode_to_string (WL_DNS_RCODE (response->flags)),
                           values[0] ? values : "-", cnames[0] ? cnames : "-", server,
                           l->cached != NULL ? "cache" : "server");
    }
  wl_sim_set_cause (l->stub->stack->sim, note);
}

/* Tells the program and forgets the lookup.  Nothing may touch l after this. */
static void
finish (Lookup             *l,
        WlDnsStubStatus     status,
        const WlDnsMessage *response)
{
  WlDnsStubResult result = { l->name, l->type, l->server, status, l->cached != NULL,
                             l->attempt, response };

  if (l->timer != 0)
    wl_sim_cancel (l->stub->stack->sim, l->timer);
  if (l->port != 0)
    wl_udp_unbind (l->stub->stack, l->port);
  l->timer = 0;
  l->port = 0;
  l->status = status;
  note_answer (l, response);
  l->func (l->stub, &result, l->user_data);
  g_ptr_array_remove (l->stub->lookups, l);
}

/* ---- the cache ------------------------------------------------------------------------- */

static void
note_hit (const WlDnsRR    *rr,
          guint16           type,
          WlDnsCacheResult  result,
          gpointer          user_data)
{
  WlDnsStub *stub = user_data;
  g_autofree char *type_name = wl_dns_type_to_string (type);

  _wl_dns_note (stub->stack, -1, WL_NOTE_DNS_CACHE_HIT, "name=%s type=%s ttl=%u%s", rr->name,
                type_name, rr->ttl,
                result == WL_DNS_CACHE_NXDOMAIN ? " negative=nxdomain"
                : result == WL_DNS_CACHE_NODATA ? " negative=nodata" : "");
}

/* A response made from the cache, as the server would have sent it; NULL on a miss. */
static WlDnsMessage *
from_cache (WlDnsStub  *stub,
            const char *qname,
            guint16     type)
{
  g_autoptr (GPtrArray) answer = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_autoptr (WlDnsRR) soa = NULL;
  g_autofree char *name = g_strdup (qname);
  gboolean loop;
  WlDnsCacheResult r;
  WlDnsMessage *msg;

  r = wl_dns_cache_chase (&stub->cache, wl_sim_now (stub->stack->sim), &name, type,
                          WL_DNS_MAX_CNAME_CHAIN, answer, &soa, &loop, note_hit, stub);
  if (r == WL_DNS_CACHE_MISS)
    return NULL;
  msg = wl_dns_message_new (0, WL_DNS_FLAG_QR | WL_DNS_FLAG_RD | WL_DNS_FLAG_RA);
  wl_dns_message_add_question (msg, qname, type, WL_DNS_CLASS_IN);
  for (guint i = 0; i < answer->len; i++)
    wl_dns_message_add_rr (msg, WL_DNS_SECTION_ANSWER, g_ptr_array_index (answer, i));
  if (soa != NULL)
    wl_dns_message_add_rr (msg, WL_DNS_SECTION_AUTHORITY, soa);
  if (r == WL_DNS_CACHE_NXDOMAIN)
    wl_dns_message_set_rcode (msg, WL_DNS_RCODE_NXDOMAIN);
  return msg;
}

static void
cache_add (WlDnsStub  *stub,
           GPtrArray  *set,
           WlDnsRank   rank)
{
  const WlDnsRR *first = g_ptr_array_index (set, 0);
  guint32 ttl = wl_dns_cache_add_rrset (&stub->cache, wl_sim_now (stub->stack->sim), set, rank);
  g_autofree char *type = wl_dns_type_to_string (first->type);

  if (ttl > 0)
    _wl_dns_note (stub->stack, -1, WL_NOTE_DNS_CACHE_ADD, "name=%s type=%s ttl=%u", first->name,
                  type, ttl);
}

/* Learns what a response says: the answer's record sets (CNAME chain and data, in order),
 * and for a negative answer with an SOA, that the end of the chain has nothing. */
static void
learn (Lookup             *l,
       const WlDnsMessage *msg)
{
  WlDnsRank rank = (msg->flags & WL_DNS_FLAG_AA) ? WL_DNS_RANK_AUTH_ANSWER : WL_DNS_RANK_ANSWER;
  GPtrArray *answers = msg->rrs[WL_DNS_SECTION_ANSWER];
  const char *end = l->name;
  gboolean has_data = FALSE;

  for (guint i = 0; i < answers->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (answers, i);
      g_autoptr (GPtrArray) set = g_ptr_array_new ();

      if (i > 0 && ((WlDnsRR *) g_ptr_array_index (answers, i - 1))->type == rr->type
          && wl_dns_name_equal (((WlDnsRR *) g_ptr_array_index (answers, i - 1))->name, rr->name))
        continue;  /* already cached with its set */
      for (guint k = i; k < answers->len; k++)
        {
          WlDnsRR *other = g_ptr_array_index (answers, k);

          if (other->type == rr->type && wl_dns_name_equal (other->name, rr->name))
            g_ptr_array_add (set, other);
        }
      cache_add (l->stub, set, rank);
      if (rr->type == WL_DNS_TYPE_CNAME && wl_dns_name_equal (rr->name, end))
        end = rr->target;
      else if (rr->type == l->type)
        has_data = TRUE;
    }
  if (!has_data && msg->rrs[WL_DNS_SECTION_AUTHORITY]->len > 0)
    {
      const WlDnsRR *soa = g_ptr_array_index (msg->rrs[WL_DNS_SECTION_AUTHORITY], 0);
      gboolean nx = WL_DNS_RCODE (msg->flags) == WL_DNS_RCODE_NXDOMAIN;
      g_autofree char *type = wl_dns_type_to_string (l->type);
      guint32 ttl = 0;

      if (soa->type == WL_DNS_TYPE_SOA && (nx || WL_DNS_RCODE (msg->flags) == 0))
        ttl = wl_dns_cache_add_negative (&l->stub->cache, wl_sim_now (l->stub->stack->sim), end,
                                         l->type, WL_DNS_CLASS_IN, nx, soa, rank);
      if (ttl > 0)
        _wl_dns_note (l->stub->stack, -1, WL_NOTE_DNS_CACHE_ADD,
                      "name=%s type=%s ttl=%u negative=%s", end, type, ttl,
                      nx ? "nxdomain" : "nodata");
    }
}

/* ---- queries --------------------------------------------------------------------------- */

static void send_attempt (Lookup *l);

static void
on_timeout (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  Lookup *l = target;

  l->timer = 0;
  if (l->attempt < l->stub->cfg.attempts)
    send_attempt (l);
  else
    finish (l, WL_DNS_STUB_TIMED_OUT, NULL);
}

static void
on_response (WlStack         *stack,
             const WlUdpInfo *info,
             WlPacket        *payload,
             gpointer         user_data)
{
  Lookup *l = user_data;
  g_autoptr (WlDnsMessage) msg = _wl_dns_decode (stack, info, payload);
  const WlDnsQuestion *q;

  wl_packet_unref (payload);
  if (msg == NULL || info->src != l->server || info->sport != WL_DNS_PORT || msg->id != l->id
      || (msg->flags & WL_DNS_FLAG_QR) == 0 || msg->questions->len != 1)
    return;
  q = &g_array_index (msg->questions, WlDnsQuestion, 0);
  if (!wl_dns_name_equal (q->name, l->name) || q->type != l->type)
    return;
  if (l->use_cache)
    learn (l, msg);
  finish (l, WL_DNS_STUB_ANSWERED, msg);
}

static void
send_attempt (Lookup *l)
{
  WlStack *stack = l->stub->stack;
  g_autoptr (WlDnsMessage) query = NULL;
  g_autofree char *type = wl_dns_type_to_string (l->type);
  char ip[16];

  if (l->attempt++ == 0)
    {
      l->port = wl_udp_alloc_port (stack);
      if (l->port == 0 || !wl_udp_bind (stack, l->port, on_response, l))
        {
          l->port = 0;
          finish (l, WL_DNS_STUB_REFUSED, NULL);
          return;
        }
      l->id = (guint16) wl_sim_random_int (stack->sim, 65536);
    }
  wl_sim_set_cause (stack->sim,
                    _wl_dns_note (stack, -1, WL_NOTE_DNS_QUERY,
                                  "name=%s type=%s server=%s attempt=%u", l->name, type,
                                  wl_ip_format (l->server, ip), l->attempt));
  query = wl_dns_message_new (l->id, WL_DNS_FLAG_RD);
  wl_dns_message_add_question (query, l->name, l->type, WL_DNS_CLASS_IN);
  _wl_dns_send (stack, 0, l->server, l->port, WL_DNS_PORT, query);
  l->timer = wl_sim_schedule (stack->sim, l->stub->cfg.timeout, on_timeout, l, NULL, NULL);
}

/* Answers that need no network are delivered by an event, never from inside resolve(). */
static void
on_deliver (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  Lookup *l = target;

  l->timer = 0;
  if (l->cached != NULL)
    finish (l, WL_DNS_STUB_ANSWERED, l->cached);
  else
    finish (l, WL_DNS_STUB_NO_SERVER, NULL);
}

void
wl_dns_stub_resolve (WlDnsStub    *stub,
                     const char   *name,
                     guint16       type,
                     guint32       server,
                     WlDnsStubFunc func,
                     gpointer      user_data)
{
  Lookup *l;

  g_return_if_fail (stub != NULL && name != NULL && func != NULL);

  l = g_new0 (Lookup, 1);
  l->stub = stub;
  l->name = g_strdup (name);
  l->type = type;
  l->server = server != 0 ? server : stub->cfg.server;
  l->use_cache = server == 0;
  l->func = func;
  l->user_data = user_data;
  g_ptr_array_add (stub->lookups, l);
  if (l->use_cache)
    l->cached = from_cache (stub, name, type);
  if (l->cached != NULL || l->server == 0)
    l->timer = wl_sim_schedule (stub->stack->sim, 0, on_deliver, l, NULL, NULL);
  else
    send_attempt (l);
}

/* ---- the stub -------------------------------------------------------------------------- */

static gboolean
on_icmp (WlStack             *stack,
         const WlIcmpMessage *msg,
         gpointer             user_data)
{
  WlDnsStub *stub = user_data;
  WlIcmpQuote quote;

  if (msg->type != WL_ICMP_DEST_UNREACH || !wl_icmp_message_get_quote (msg, &quote)
      || quote.proto != 17 || quote.l4_len < 4)
    return FALSE;
  for (guint i = 0; i < stub->lookups->len; i++)
    {
      Lookup *l = g_ptr_array_index (stub->lookups, i);

      if (l->port != 0 && l->port == wl_get_u16 (quote.l4) && l->server == quote.dst)
        {
          finish (l, msg->code == WL_ICMP_UNREACH_PORT ? WL_DNS_STUB_REFUSED
                                                       : WL_DNS_STUB_UNREACHABLE, NULL);
          return TRUE;
        }
    }
  return FALSE;
}

static void
stub_free (gpointer data)
{
  WlDnsStub *stub = data;

  /* The ICMP listener is cleared with the stack right after, before any event runs. */
  g_dataset_id_remove_no_notify (stub->stack, stub_quark ());
  g_ptr_array_unref (stub->lookups);
  wl_dns_cache_clear (&stub->cache);
  g_free (stub);
}

WlDnsStub *
wl_dns_stub_start (WlStack               *stack,
                   const WlDnsStubConfig *cfg)
{
  WlDnsStub *stub;

  g_return_val_if_fail (stack != NULL && cfg != NULL, NULL);

  if ((stub = wl_dns_stub_get (stack)) != NULL)
    {
      /* Already running (the lab gave the host a DNS server): take the new settings, keep
       * the cache.  The cache's size stays what it was. */
      stub->cfg = *cfg;
      return stub;
    }
  stub = g_new0 (WlDnsStub, 1);
  stub->stack = stack;
  stub->cfg = *cfg;
  wl_dns_cache_init (&stub->cache, cfg->cache_size);
  stub->lookups = g_ptr_array_new_with_free_func (lookup_free);
  /* Until WlStack has a field for it, the stack's stub is found by the stack's address. */
  g_dataset_id_set_data (stack, stub_quark (), stub);
  wl_icmp_add_listener (stack, on_icmp, stub);
  wl_stack_add_app (stack, stub, stub_free);
  return stub;
}

WlDnsStub *
wl_dns_stub_get (WlStack *stack)
{
  g_return_val_if_fail (stack != NULL, NULL);
  return g_dataset_id_get_data (stack, stub_quark ());
}

void
wl_dns_stub_set_server (WlDnsStub *stub,
                        guint32    server)
{
  stub->cfg.server = server;
}

guint32
wl_dns_stub_get_server (WlDnsStub *stub)
{
  return stub->cfg.server;
}
