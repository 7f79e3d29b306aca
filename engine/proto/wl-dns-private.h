/* wl-dns-private.h — what the DNS programs (server, resolver, stub) share. */
#pragma once

#include "proto/wl-dns.h"
#include "proto/wl-udp.h"

G_BEGIN_DECLS

#define WL_DNS_MAX_CNAME_CHAIN 8   /* aliases a resolver follows before giving up */

/* A note of a DNS program on this stack's device (protocol dns, layer 7). */
guint64       _wl_dns_note (WlStack    *stack,
                            gint        iface,
                            WlCode      code,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

/* Encodes msg for UDP (at most 512 bytes: additional records go first, then the answer and
 * authority with TC set, RFC 2181 §9) and sends it. */
void          _wl_dns_send (WlStack            *stack,
                            guint32             src,
                            guint32             dst,
                            guint16             sport,
                            guint16             dport,
                            const WlDnsMessage *msg);
/* Decodes a datagram; an undecodable one is dropped (a malformed drop naming the rule). */
WlDnsMessage *_wl_dns_decode (WlStack         *stack,
                              const WlUdpInfo *info,
                              WlPacket        *payload);

/* Replies FORMERR (without a question) to a datagram whose header reads as a query but whose
 * rest does not decode. */
void          _wl_dns_reply_formerr (WlStack         *stack,
                                     const WlUdpInfo *info,
                                     WlPacket        *payload);
/* What a server must refuse before answering a query: NOERROR when it may answer. */
guint         _wl_dns_check_query (const WlDnsMessage *query);
/* A response to query: same id, opcode, RD and CD, the question, QR set, RA as given. */
WlDnsMessage *_wl_dns_reply_new (const WlDnsMessage *query,
                                 guint               rcode,
                                 gboolean            recursion_available);
/* The authoritative answer to a checked query from the zones of cfg (the deepest zone
 * holding the name), or NULL when none of them does. */
WlDnsMessage *_wl_dns_server_answer (const WlDnsServerConfig *cfg,
                                     const WlDnsMessage      *query,
                                     gboolean                 recursion_available);
const WlDnsZone *_wl_dns_server_find_zone (const WlDnsServerConfig *cfg,
                                           const char              *name);

/* For DNS answer notes: the final values of an answer ("10.0.0.80,10.0.0.81", MX as
 * "10:mail.lab.test") and its CNAME chain ("web.lab.test"), "" when none. */
char         *_wl_dns_answer_values (const WlDnsMessage *response,
                                     guint16             qtype);
char         *_wl_dns_answer_cnames (const WlDnsMessage *response);

/* "key=value" → key and value (newly allocated); FALSE when there is no '='. */
gboolean      _wl_dns_setting_split (const char *setting,
                                     char      **key,
                                     char      **value);
/* The ';'-separated items of a value, trimmed, empty ones left out. */
char        **_wl_dns_split_list (const char *value);
gboolean      _wl_dns_setting_error (GError    **error,
                                     const char *key,
                                     const char *value,
                                     const char *why);

G_END_DECLS
