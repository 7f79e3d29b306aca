/* wl-dns-server.c — an authoritative-only DNS server (BIND 9 with "recursion no").
 *
 * RFC 1034 §4.3 (name server behaviour), RFC 1035 §4 (messages), RFC 2181 §9 (TC and the
 * additional section), RFC 2308 (negative answers), RFC 6604 (RCODE after a CNAME chain).
 *
 * Where it sits: an application on a stack, bound to UDP port 53.  It decodes each query
 * (wl-dns-wire.c), asks the deepest of its zones that holds the name (wl-dns-zone.c) and
 * sends the answer back from the address the query was sent to.  It owns its configuration
 * (the zones, shared by reference) and nothing else: it keeps no state between queries.
 *
 * What a reply looks like (as BIND 9.18 sends it):
 *   QR=1, AA=1 for data of its zones (AA=0 for a referral), RA=0 (it does not recurse), RD
 *   and CD copied from the query, the question repeated.
 *   REFUSED  for a name in none of its zones, and for a class other than IN
 *   FORMERR  for a query without exactly one question, or one that cannot be decoded but
 *            whose header can (the reply then has no question)
 *   NOTIMP   for an opcode other than QUERY
 *   Responses to port 53 (QR set) are ignored.
 * minimal-responses follows BIND 9.18's default "no-auth-recursive": a query with RD set gets
 * only the records the protocol needs; a query without RD (what resolvers send) also gets
 * the zone's NS records in authority and the addresses of NS and MX targets in additional.
 *
 * UDP only: without EDNS a reply is at most 512 bytes (RFC 1035 §4.2.1).  Lab answers are far
 * smaller, so TC is never set in practice; should one grow past 512 bytes the additional
 * section is left out first, then the answer and authority with TC set (RFC 2181 §9), and
 * there is no TCP fallback.
 *
 * Settings (the lab's [service DEVICE dns-server] group, or "key=value" strings given to
 * wl_dns_server_config_parse), each key at most once:
 *
 *   zone=NAME                (required) the zone's origin: "lab.test", "test", or "." for
 *                            the root zone
 *   records=REC;REC;…        the zone's records, one zone-file line each:
 *                            "OWNER [TTL] [IN] TYPE DATA"; a name (OWNER, or in DATA) is "@"
 *                            for the origin, relative to it, or absolute with a final dot; a
 *                            name that already ends with the origin is taken as absolute too
 *                            ("lab.test" in zone lab.test is the origin, not lab.test.lab.test:
 *                            BIND would append the origin, the classic forgotten dot).  Types:
 *                              www A 10.0.0.80           @ NS ns1
 *                              www CNAME web             @ MX 10 mail
 *                              @ SOA ns1 hostmaster 2024010101 3600 600 86400 300
 *                              x TYPE99 \# 2 abcd        (any other type, RFC 3597)
 *                            A delegation is an NS record below the origin, with glue:
 *                              lab NS ns1.lab;ns1.lab A 10.0.3.53
 *   ttl=TTL                  300   TTL of records that give none ($TTL); "3600", "1h", "2d"
 *   soa=MNAME RNAME SERIAL REFRESH RETRY EXPIRE MINIMUM
 *                            the SOA, if records has none; without either it is made up:
 *                            "<first NS or origin> hostmaster.<origin> 1 3600 600 86400 300"
 *                            (MINIMUM is the negative-caching TTL)
 *   minimal-responses=no-auth-recursive|yes|no     no-auth-recursive
 *
 * Example, the three levels of the DNS lab (one server each):
 *
 *   [service ROOT dns-server]          [service TLD dns-server]
 *   zone=.                             zone=test
 *   records=test NS ns.test.;ns.test.  records=@ NS ns;ns A 10.0.2.53;lab NS ns1.lab;
 *           A 10.0.2.53                        ns1.lab A 10.0.3.53
 *
 *   [service AUTH dns-server]
 *   zone=lab.test
 *   records=@ NS ns1;ns1 A 10.0.3.53;www CNAME web;web A 10.0.0.80;@ MX 10 mail;
 *           mail A 10.0.0.25
 *
 * The resolver's settings ([service DEVICE dns-resolver]):
 *
 *   root-hints=NAME ADDRESS;…  where iteration starts ("a.root-servers.net 10.0.1.53"; a
 *                            bare ADDRESS is named a.root-servers.net, b.… in order).
 *                            Without hints only the local zones can be answered.
 *   timeout=TIME             1s    waiting for one server before trying the next
 *   tries=N                  2     times each server of a zone is tried (1..10)
 *   cache-size=N             10000 cache entries (1..1000000)
 *
 * A device with both a dns-server and a dns-resolver service runs one program that answers
 * for its zones with authority (AA=1, RA=1) and resolves everything else, as named does with
 * zones and "recursion yes" (wl_dns_resolver_service_start).
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <stdarg.h>
#include <glib/gi18n-lib.h>

#include "wl-dns-private.h"

typedef struct
{
  WlStack           *stack;
  WlDnsServerConfig *cfg;
} WlDnsServer;

/* ---- helpers the DNS programs share ---------------------------------------------------- */

guint64
_wl_dns_note (WlStack    *stack,
              gint        iface,
              WlCode      code,
              const char *format,
              ...)
{
  g_autofree char *args = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  return wl_sim_note (stack->sim, stack->device->index, iface, WL_PROTO_DNS,
                      WL_LAYER_APPLICATION, code, "%s", args);
}

/* A copy of msg with only the sections below `keep` (and TC set when it loses answers). */
static WlDnsMessage *
shrink (const WlDnsMessage *msg,
        guint               keep)
{
  WlDnsMessage *small = wl_dns_message_new (msg->id, msg->flags);

  for (guint i = 0; i < msg->questions->len; i++)
    {
      const WlDnsQuestion *q = &g_array_index (msg->questions, WlDnsQuestion, i);

      wl_dns_message_add_question (small, q->name, q->type, q->klass);
    }
  for (guint s = 0; s < keep; s++)
    for (guint i = 0; i < msg->rrs[s]->len; i++)
      wl_dns_message_add_rr (small, s, g_ptr_array_index (msg->rrs[s], i));
  if (keep < WL_DNS_SECTION_ADDITIONAL)
    small->flags |= WL_DNS_FLAG_TC;
  return small;
}

void
_wl_dns_send (WlStack            *stack,
              guint32             src,
              guint32             dst,
              guint16             sport,
              guint16             dport,
              const WlDnsMessage *msg)
{
  WlUdpSend params = { .src = src, .dst = dst, .sport = sport, .dport = dport };
  g_autoptr (GError) error = NULL;
  GByteArray *bytes = wl_dns_message_encode (msg, &error);

  /* Rule: 512 bytes over UDP; drop the additional section, then truncate (RFC 2181 §9). */
  for (gint keep = WL_DNS_SECTION_ADDITIONAL; keep >= WL_DNS_SECTION_ANSWER; keep -= 2)
    {
      g_autoptr (WlDnsMessage) small = NULL;

      if (bytes == NULL || bytes->len <= WL_DNS_MAX_UDP)
        break;
      small = shrink (msg, (guint) keep);
      g_byte_array_unref (bytes);
      bytes = wl_dns_message_encode (small, &error);
    }
  if (bytes == NULL)
    {
      g_warning ("DNS message not sent: %s", error->message);
      return;
    }
  wl_udp_send (stack, &params, wl_packet_new_from_data (bytes->data, bytes->len));
  g_byte_array_unref (bytes);
}

static const char *
error_reason (const GError *error)
{
  static const char *const reasons[] = {
    [WL_DNS_ERROR_TRUNCATED] = "truncated",        [WL_DNS_ERROR_BAD_LABEL] = "bad-label",
    [WL_DNS_ERROR_BAD_POINTER] = "bad-pointer",    [WL_DNS_ERROR_NAME_TOO_LONG] = "name-too-long",
    [WL_DNS_ERROR_BAD_RDATA] = "bad-rdata",        [WL_DNS_ERROR_BAD_NAME] = "bad-name",
    [WL_DNS_ERROR_TOO_BIG] = "too-big",
  };

  if (error->domain == WL_DNS_ERROR && (guint) error->code < G_N_ELEMENTS (reasons))
    return reasons[error->code];
  return "malformed";
}

WlDnsMessage *
_wl_dns_decode (WlStack         *stack,
                const WlUdpInfo *info,
                WlPacket        *payload)
{
  g_autoptr (GError) error = NULL;
  WlDnsMessage *msg = wl_dns_message_decode (wl_packet_data (payload), wl_packet_len (payload),
                                             &error);
  g_autofree char *args = NULL;

  if (msg != NULL)
    return msg;
  args = g_strdup_printf ("sport=%u dport=%u reason=%s", info->sport, info->dport,
                          error_reason (error));
  wl_sim_drop (stack->sim, stack->device->index, info->iface, WL_PROTO_DNS,
               WL_LAYER_APPLICATION, WL_DROP_MALFORMED, NULL, 0, args);
  return NULL;
}

guint
_wl_dns_check_query (const WlDnsMessage *query)
{
  const WlDnsQuestion *q;

  if (WL_DNS_OPCODE (query->flags) != WL_DNS_OPCODE_QUERY)
    return WL_DNS_RCODE_NOTIMP;
  if (query->questions->len != 1)
    return WL_DNS_RCODE_FORMERR;
  q = &g_array_index (query->questions, WlDnsQuestion, 0);
  if (q->klass != WL_DNS_CLASS_IN)
    return WL_DNS_RCODE_REFUSED;
  return WL_DNS_RCODE_NOERROR;
}

WlDnsMessage *
_wl_dns_reply_new (const WlDnsMessage *query,
                   guint               rcode,
                   gboolean            recursion_available)
{
  guint16 flags = WL_DNS_FLAG_QR | (query->flags & (0x7800 | WL_DNS_FLAG_RD | WL_DNS_FLAG_CD));
  WlDnsMessage *reply;

  if (recursion_available)
    flags |= WL_DNS_FLAG_RA;
  reply = wl_dns_message_new (query->id, flags);
  wl_dns_message_set_rcode (reply, rcode);
  if (query->questions->len == 1)
    {
      const WlDnsQuestion *q = &g_array_index (query->questions, WlDnsQuestion, 0);

      wl_dns_message_add_question (reply, q->name, q->type, q->klass);
    }
  return reply;
}

const WlDnsZone *
_wl_dns_server_find_zone (const WlDnsServerConfig *cfg,
                          const char              *name)
{
  const WlDnsZone *best = NULL;
  guint best_labels = 0;

  for (guint i = 0; cfg != NULL && i < cfg->zones->len; i++)
    {
      const WlDnsZone *zone = g_ptr_array_index (cfg->zones, i);
      const char *origin = wl_dns_zone_get_origin (zone);
      guint labels = wl_dns_name_count_labels (origin);

      if (wl_dns_name_is_subdomain (name, origin) && (best == NULL || labels > best_labels))
        {
          best = zone;
          best_labels = labels;
        }
    }
  return best;
}

WlDnsMessage *
_wl_dns_server_answer (const WlDnsServerConfig *cfg,
                       const WlDnsMessage      *query,
                       gboolean                 recursion_available)
{
  const WlDnsQuestion *q = &g_array_index (query->questions, WlDnsQuestion, 0);
  const WlDnsZone *zone = _wl_dns_server_find_zone (cfg, q->name);
  gboolean minimal;
  WlDnsMessage *reply;

  if (zone == NULL)
    return NULL;
  minimal = cfg->minimal == WL_DNS_MINIMAL_YES
            || (cfg->minimal == WL_DNS_MINIMAL_NO_AUTH_RECURSIVE
                && (query->flags & WL_DNS_FLAG_RD) != 0);
  reply = _wl_dns_reply_new (query, WL_DNS_RCODE_NOERROR, recursion_available);
  wl_dns_zone_lookup (zone, q->name, q->type, minimal, reply);
  return reply;
}

/* ---- answer notes ---------------------------------------------------------------------- */

char *
_wl_dns_answer_values (const WlDnsMessage *response,
                       guint16             qtype)
{
  GString *out = g_string_new (NULL);
  GPtrArray *answers = response->rrs[WL_DNS_SECTION_ANSWER];

  for (guint i = 0; i < answers->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (answers, i);
      g_autofree char *value = NULL;

      if (rr->type != qtype && (qtype != WL_DNS_TYPE_ANY || rr->type == WL_DNS_TYPE_CNAME))
        continue;
      /* Values in notes contain no spaces: "10 mail.lab.test" is written 10:mail.lab.test. */
      value = g_strdelimit (wl_dns_rr_rdata_to_string (rr), " ", ':');
      g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", value[0] ? value : ".");
    }
  return g_string_free (out, FALSE);
}

char *
_wl_dns_answer_cnames (const WlDnsMessage *response)
{
  GString *out = g_string_new (NULL);
  GPtrArray *answers = response->rrs[WL_DNS_SECTION_ANSWER];

  for (guint i = 0; i < answers->len; i++)
    {
      const WlDnsRR *rr = g_ptr_array_index (answers, i);

      if (rr->type == WL_DNS_TYPE_CNAME)
        g_string_append_printf (out, "%s%s", out->len > 0 ? "," : "", rr->target);
    }
  return g_string_free (out, FALSE);
}

/* ---- the server ------------------------------------------------------------------------ */

/* A query whose header reads but whose rest does not gets FORMERR (without a question). */
void
_wl_dns_reply_formerr (WlStack         *stack,
                       const WlUdpInfo *info,
                       WlPacket        *payload)
{
  const guint8 *p = wl_packet_data (payload);
  g_autoptr (WlDnsMessage) reply = NULL;

  if (wl_packet_len (payload) < WL_DNS_HLEN || (p[WL_DNS_OFF_FLAGS] & 0x80) != 0)
    return;
  reply = wl_dns_message_new ((guint16) (p[0] << 8 | p[1]),
                              WL_DNS_FLAG_QR | ((p[2] << 8) & (0x7800 | WL_DNS_FLAG_RD)));
  wl_dns_message_set_rcode (reply, WL_DNS_RCODE_FORMERR);
  _wl_dns_send (stack, info->dst, info->src, WL_DNS_PORT, info->sport, reply);
}

static void
server_on_udp (WlStack         *stack,
               const WlUdpInfo *info,
               WlPacket        *payload,
               gpointer         user_data)
{
  WlDnsServer *server = user_data;
  g_autoptr (WlDnsMessage) query = _wl_dns_decode (stack, info, payload);
  g_autoptr (WlDnsMessage) reply = NULL;
  guint rcode;

  if (query == NULL)
    _wl_dns_reply_formerr (stack, info, payload);
  wl_packet_unref (payload);
  if (query == NULL || (query->flags & WL_DNS_FLAG_QR) != 0)
    return;
  rcode = _wl_dns_check_query (query);
  if (rcode == WL_DNS_RCODE_NOERROR)
    reply = _wl_dns_server_answer (server->cfg, query, FALSE);
  if (reply == NULL)
    reply = _wl_dns_reply_new (query, rcode ? rcode : WL_DNS_RCODE_REFUSED, FALSE);
  _wl_dns_send (stack, info->dst, info->src, WL_DNS_PORT, info->sport, reply);
}

static void
server_free (gpointer data)
{
  WlDnsServer *server = data;

  wl_udp_unbind (server->stack, WL_DNS_PORT);
  wl_dns_server_config_unref (server->cfg);
  g_free (server);
}

gboolean
wl_dns_server_start (WlStack           *stack,
                     WlDnsServerConfig *cfg,
                     GError           **error)
{
  WlDnsServer *server;

  g_return_val_if_fail (stack != NULL && cfg != NULL, FALSE);

  server = g_new0 (WlDnsServer, 1);
  server->stack = stack;
  server->cfg = wl_dns_server_config_ref (cfg);
  if (!wl_udp_bind (stack, WL_DNS_PORT, server_on_udp, server))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: UDP port %u is already taken"), stack->device->name,
                   WL_DNS_PORT);
      wl_dns_server_config_unref (server->cfg);
      g_free (server);
      return FALSE;
    }
  wl_stack_add_app (stack, server, server_free);
  return TRUE;
}
