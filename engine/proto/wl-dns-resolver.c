/* wl-dns-resolver.c — a recursive resolver (BIND 9 with "recursion yes"): clients and cache.
 *
 * RFC 1034 §4.3.1 and §5.3.3 (the resolver algorithm), RFC 1035 §7 (resolver
 * implementation), RFC 2181 §5.4.1 (which data to trust), RFC 2308 (negative caching),
 * RFC 5452 (ids and ports drawn at random for every query).
 *
 * Where it sits: an application bound to UDP port 53 of a server's stack.  Clients (the stub
 * resolvers of hosts) send it queries with RD=1; it answers from its cache, or starts a
 * "fetch" (wl-dns-resolver-fetch.c) that asks the authoritative servers one after the other,
 * from the root hints down, and answers every client waiting for the same question when the
 * fetch ends.  A client repeating a query still being worked on (same address, port and id:
 * a stub's retransmission) is dropped, as BIND drops duplicates; it gets the one answer.
 *
 * State (WlDnsResolver, in wl-dns-resolver-private.h): the configuration, the cache and the
 * fetches in progress.
 *
 * Replies to clients, as BIND 9.18 gives them (minimal-responses no-auth-recursive, so only
 * what the protocol needs): QR=1, RA=1, AA=0 (the data is not its own), RD and CD copied;
 *   the answer: the CNAME chain from the asked name, then the data, each with the TTL left
 *               in the cache (TTLs count down between two answers);
 *   NXDOMAIN or NODATA: the SOA that came with the negative answer, in authority;
 *   SERVFAIL: nothing (every server of a zone failed, or a loop, or too much work).
 * A query with RD=0 is answered from the cache only (when the cache has nothing, with an
 * empty NOERROR: BIND would refer to the closest name servers it knows).  With local zones
 * (a dns-server on the same device) their names are answered with authority (AA=1, RA=1).
 *
 * What we leave out, and say so: no priming query for the root (the hints are trusted as
 * given), no QNAME minimisation (the whole name is asked at every level, as before BIND 9.14),
 * no EDNS, no DNSSEC, no TCP (a truncated answer counts as a failed server).
 *
 * Notes (protocol dns, layer 7):
 *   dns-cache-hit  "name=… type=… ttl=…" (and negative=nxdomain|nodata) for each cached set
 *                  used to answer
 *   dns-answer     "name=… type=… rcode=… value=… cnames=… clients=N" when a lookup ends
 * and those of fetches (wl-dns-resolver-fetch.c): dns-query, dns-referral, dns-cache-add.
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-dns-resolver-private.h"
#include "wl-icmp-wire.h"
#include "wl-wire.h"

/* ---- the cache ------------------------------------------------------------------------- */

static void
note_hit (const WlDnsRR    *rr,
          guint16           type,
          WlDnsCacheResult  result,
          gpointer          user_data)
{
  WlDnsResolver *res = user_data;
  g_autofree char *type_name = wl_dns_type_to_string (type);

  _wl_dns_note (res->stack, -1, WL_NOTE_DNS_CACHE_HIT, "name=%s type=%s ttl=%u%s",
                rr->name[0] ? rr->name : ".", type_name, rr->ttl,
                result == WL_DNS_CACHE_NXDOMAIN ? " negative=nxdomain"
                : result == WL_DNS_CACHE_NODATA ? " negative=nodata" : "");
}

WlDnsChase
_wl_dns_resolver_chase (WlDnsResolver *res,
                        char         **name,
                        guint16        qtype,
                        GPtrArray     *answer,
                        WlDnsRR      **soa)
{
  gboolean loop;

  switch (wl_dns_cache_chase (&res->cache, wl_sim_now (res->stack->sim), name, qtype,
                              WL_DNS_MAX_CNAME_CHAIN, answer, soa, &loop, note_hit, res))
    {
    case WL_DNS_CACHE_HIT: return WL_DNS_CHASE_DATA;
    case WL_DNS_CACHE_NXDOMAIN: return WL_DNS_CHASE_NXDOMAIN;
    case WL_DNS_CACHE_NODATA: return WL_DNS_CHASE_NODATA;
    case WL_DNS_CACHE_MISS:
    default: return loop ? WL_DNS_CHASE_LOOP : WL_DNS_CHASE_MISS;
    }
}

/* ---- replies --------------------------------------------------------------------------- */

void
_wl_dns_resolver_reply (WlDnsResolver *res,
                        const Client  *client,
                        guint          rcode,
                        GPtrArray     *answer,
                        const WlDnsRR *soa)
{
  g_autoptr (WlDnsMessage) reply = _wl_dns_reply_new (client->query, rcode, TRUE);

  for (guint i = 0; answer != NULL && rcode != WL_DNS_RCODE_SERVFAIL && i < answer->len; i++)
    wl_dns_message_add_rr (reply, WL_DNS_SECTION_ANSWER, g_ptr_array_index (answer, i));
  if (soa != NULL && rcode != WL_DNS_RCODE_SERVFAIL)
    wl_dns_message_add_rr (reply, WL_DNS_SECTION_AUTHORITY, soa);
  _wl_dns_send (res->stack, client->local, client->addr, WL_DNS_PORT, client->port, reply);
}

guint64
_wl_dns_resolver_note_answer (WlDnsResolver *res,
                              const char    *qname,
                              guint16        qtype,
                              guint          rcode,
                              GPtrArray     *answer,
                              guint          n_clients)
{
  g_autoptr (WlDnsMessage) tmp = wl_dns_message_new (0, 0);
  g_autofree char *type_name = wl_dns_type_to_string (qtype);
  g_autofree char *values = NULL, *cnames = NULL;

  for (guint i = 0; answer != NULL && i < answer->len; i++)
    wl_dns_message_add_rr (tmp, WL_DNS_SECTION_ANSWER, g_ptr_array_index (answer, i));
  values = _wl_dns_answer_values (tmp, qtype);
  cnames = _wl_dns_answer_cnames (tmp);
  return _wl_dns_note (res->stack, -1, WL_NOTE_DNS_ANSWER,
                       "name=%s type=%s rcode=%s value=%s cnames=%s clients=%u",
                       qname[0] ? qname : ".", type_name, wl_dns_rcode_to_string (rcode),
                       values[0] ? values : "-", cnames[0] ? cnames : "-", n_clients);
}

/* ---- clients --------------------------------------------------------------------------- */

static void
client_clear (gpointer p)
{
  g_clear_pointer (&((Client *) p)->query, wl_dns_message_free);
}

GArray *
_wl_dns_clients_new (void)
{
  GArray *clients = g_array_new (FALSE, TRUE, sizeof (Client));

  g_array_set_clear_func (clients, client_clear);
  return clients;
}

/* A query without RD: the cache answers, or nothing does (RFC 1034 §4.3.1). */
static void
answer_from_cache (WlDnsResolver *res,
                   const Client  *client)
{
  const WlDnsQuestion *q = &g_array_index (client->query->questions, WlDnsQuestion, 0);
  g_autoptr (GPtrArray) answer = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  g_autoptr (WlDnsRR) soa = NULL;
  g_autofree char *name = g_strdup (q->name);
  guint rcode;

  switch (_wl_dns_resolver_chase (res, &name, q->type, answer, &soa))
    {
    case WL_DNS_CHASE_DATA:
    case WL_DNS_CHASE_NODATA: rcode = WL_DNS_RCODE_NOERROR; break;
    case WL_DNS_CHASE_NXDOMAIN: rcode = WL_DNS_RCODE_NXDOMAIN; break;
    case WL_DNS_CHASE_LOOP: rcode = WL_DNS_RCODE_SERVFAIL; break;
    case WL_DNS_CHASE_MISS:
    default:
      rcode = WL_DNS_RCODE_NOERROR;  /* the cache is all we give */
      g_ptr_array_set_size (answer, 0);
      break;
    }
  wl_sim_set_cause (res->stack->sim,
                    _wl_dns_resolver_note_answer (res, q->name, q->type, rcode, answer, 1));
  _wl_dns_resolver_reply (res, client, rcode, answer, soa);
}

static void
on_client_query (WlStack         *stack,
                 const WlUdpInfo *info,
                 WlPacket        *payload,
                 gpointer         user_data)
{
  WlDnsResolver *res = user_data;
  Client client = { info->src, info->sport, info->dst, _wl_dns_decode (stack, info, payload) };
  g_autoptr (WlDnsMessage) reply = NULL;
  guint rcode;

  if (client.query == NULL)
    _wl_dns_reply_formerr (stack, info, payload);
  wl_packet_unref (payload);
  if (client.query == NULL || (client.query->flags & WL_DNS_FLAG_QR) != 0)
    {
      client_clear (&client);
      return;
    }
  rcode = _wl_dns_check_query (client.query);
  if (rcode == WL_DNS_RCODE_NOERROR)
    reply = _wl_dns_server_answer (res->cfg->local, client.query, TRUE);
  else
    reply = _wl_dns_reply_new (client.query, rcode, TRUE);
  if (reply != NULL)
    _wl_dns_send (stack, info->dst, info->src, WL_DNS_PORT, info->sport, reply);
  else if ((client.query->flags & WL_DNS_FLAG_RD) == 0)
    answer_from_cache (res, &client);
  else
    {
      _wl_dns_fetch_join (res, &client);  /* takes the client */
      return;
    }
  client_clear (&client);
}

/* ICMP destination unreachable about one of our queries: that server does not run DNS, or
 * cannot be reached; the next one is tried at once. */
static gboolean
on_icmp (WlStack             *stack,
         const WlIcmpMessage *msg,
         gpointer             user_data)
{
  WlDnsResolver *res = user_data;
  WlIcmpQuote quote;

  if (msg->type != WL_ICMP_DEST_UNREACH || !wl_icmp_message_get_quote (msg, &quote)
      || quote.proto != 17
      || quote.l4_len < 4)
    return FALSE;
  return _wl_dns_fetch_unreachable (res, quote.dst, wl_get_u16 (quote.l4));
}

static void
resolver_free (gpointer data)
{
  WlDnsResolver *res = data;

  /* The ICMP listener keeps pointing here until the stack clears its listeners, right after
   * its applications: no event runs in between, so it is never called again. */
  g_ptr_array_unref (res->fetches);
  wl_udp_unbind (res->stack, WL_DNS_PORT);
  wl_dns_cache_clear (&res->cache);
  wl_dns_resolver_config_unref (res->cfg);
  g_free (res);
}

gboolean
wl_dns_resolver_start (WlStack             *stack,
                       WlDnsResolverConfig *cfg,
                       GError             **error)
{
  WlDnsResolver *res;

  g_return_val_if_fail (stack != NULL && cfg != NULL, FALSE);

  res = g_new0 (WlDnsResolver, 1);
  res->stack = stack;
  res->cfg = wl_dns_resolver_config_ref (cfg);
  wl_dns_cache_init (&res->cache, cfg->cache_size);
  res->fetches = g_ptr_array_new_with_free_func (_wl_dns_fetch_free);
  if (!wl_udp_bind (stack, WL_DNS_PORT, on_client_query, res))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: UDP port %u is already taken"), stack->device->name,
                   WL_DNS_PORT);
      g_ptr_array_unref (res->fetches);
      wl_dns_cache_clear (&res->cache);
      wl_dns_resolver_config_unref (res->cfg);
      g_free (res);
      return FALSE;
    }
  wl_icmp_add_listener (stack, on_icmp, res);
  wl_stack_add_app (stack, res, resolver_free);
  return TRUE;
}
