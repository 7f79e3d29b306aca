/* wl-icmp.c — ICMP: answering echo requests, sending errors, and passing replies and errors
 * to the applications that wait for them.
 *
 * RFC 792 (messages), RFC 1122 §3.2.2 (when a host must not send an error), RFC 1812 §4.3
 * (errors from routers), RFC 1191 (the next-hop MTU in "fragmentation needed").
 *
 * Where it sits: on IPv4 (protocol 1).  wl-ipv4.c delivers ICMP messages for us here, and
 * calls wl_icmp_send_error() when it drops a packet whose source should hear of it.  Ping and
 * traceroute (engine/devices) register listeners.
 *
 * State: the stack's listener list (WlIcmpListeners).
 *
 *    0               1               2               3
 *   +---------------+---------------+-------------------------------+
 *   |     Type      |     Code      |           Checksum            |
 *   +---------------+---------------+-------------------------------+
 *   | echo: Identifier              |  echo: Sequence Number        |
 *   | errors: unused, or Next-Hop MTU in the low 16 bits (3/4)      |
 *   +---------------+---------------+-------------------------------+
 *   | echo: data …   errors: the offending packet, as much as fits   |
 *   +---------------------------------------------------------------+
 *
 * Echo: a request for one of our addresses is answered with the same identifier, sequence
 * number and data, from the address it was sent to.  Requests to a broadcast address are not
 * answered (Linux's icmp_echo_ignore_broadcasts=1, against smurf attacks).
 *
 * Errors we send quote the offending packet: as much of it as fits in a 576-byte error
 * (RFC 1812 §4.3.2.3, and what Linux does), which is never less than RFC 792's minimum of the
 * IP header and the first 8 bytes of its payload — the ports of UDP and TCP, the identifier
 * and sequence of an echo: all a receiver needs to match the error with its sender.
 * No error is sent about (RFC 1122 §3.2.2): an ICMP error, a fragment other than the first, a
 * packet to a broadcast or multicast address, or a packet whose source is not one host (0.0.0.0,
 * broadcast, multicast, 127/8).  The error comes from the address the packet was sent to when
 * that is ours (port unreachable), else from the interface it came in on (time exceeded).
 * Errors are not rate-limited (Linux allows about one per second per destination).
 *
 * Local errors: when our own packet cannot go (no route, ARP failed, too big with DF), Linux
 * reports it to the sending socket as if an ICMP error had come ("From 10.0.0.1 icmp_seq=1
 * Destination Host Unreachable").  We do the same: the listeners get the message with local
 * set; nothing goes on the wire.
 */
#define G_LOG_DOMAIN "wl-icmp"
#include "config.h"

#include <string.h>

#include "wl-stack-private.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"

/* An error is at most 576 bytes: IP header (20) + ICMP header (8) + the quote. */
#define QUOTE_MAX (576 - 20 - 8)

typedef struct
{
  guint            id;
  WlIcmpListenFunc func;
  gpointer         user_data;
} Listener;

void
wl_icmp_listeners_init (WlIcmpListeners *ls)
{
  ls->listeners = g_array_new (FALSE, TRUE, sizeof (Listener));
  ls->next_id = 1;
}

void
wl_icmp_listeners_clear (WlIcmpListeners *ls)
{
  g_clear_pointer (&ls->listeners, g_array_unref);
}

guint
wl_icmp_add_listener (WlStack         *stack,
                      WlIcmpListenFunc func,
                      gpointer         user_data)
{
  Listener l = { stack->icmp.next_id++, func, user_data };

  g_array_append_val (stack->icmp.listeners, l);
  return l.id;
}

void
wl_icmp_remove_listener (WlStack *stack,
                         guint    id)
{
  for (guint i = 0; i < stack->icmp.listeners->len; i++)
    if (g_array_index (stack->icmp.listeners, Listener, i).id == id)
      {
        g_array_remove_index (stack->icmp.listeners, i);
        return;
      }
}

static void
dispatch (WlStack             *stack,
          const WlIcmpMessage *msg)
{
  for (guint i = 0; i < stack->icmp.listeners->len; i++)
    {
      Listener l = g_array_index (stack->icmp.listeners, Listener, i);

      if (l.func (stack, msg, l.user_data))
        return;
    }
}

gboolean
wl_icmp_message_get_quote (const WlIcmpMessage *msg,
                           WlIcmpQuote         *out)
{
  guint hlen;

  if (msg->data_len < WL_IPV4_HLEN || msg->data[0] >> 4 != 4)
    return FALSE;
  hlen = wl_ipv4_hlen (msg->data);
  if (hlen < WL_IPV4_HLEN || hlen > msg->data_len)
    return FALSE;
  out->src = wl_get_u32 (msg->data + WL_IPV4_OFF_SRC);
  out->dst = wl_get_u32 (msg->data + WL_IPV4_OFF_DST);
  out->proto = msg->data[WL_IPV4_OFF_PROTO];
  out->id = wl_get_u16 (msg->data + WL_IPV4_OFF_ID);
  out->l4 = msg->data + hlen;
  out->l4_len = msg->data_len - hlen;
  return TRUE;
}

void
wl_icmp_send (WlStack  *stack,
              guint32   src,
              guint32   dst,
              guint8    type,
              guint8    code,
              guint32   rest,
              WlPacket *data,
              guint8    ttl,
              gboolean  df)
{
  guint8 *h = wl_packet_push (data, WL_ICMP_HLEN);
  WlIpv4Send ip = { .src = src, .dst = dst, .proto = WL_IP_PROTO_ICMP, .ttl = ttl, .df = df };

  h[WL_ICMP_OFF_TYPE] = type;
  h[WL_ICMP_OFF_CODE] = code;
  wl_put_u16 (h + WL_ICMP_OFF_CSUM, 0);
  wl_put_u32 (h + WL_ICMP_OFF_ID, rest);
  wl_put_u16 (h + WL_ICMP_OFF_CSUM, wl_inet_checksum (h, wl_packet_len (data)));
  wl_ipv4_output (stack, data, &ip);
}

/* RFC 1122 §3.2.2's list of packets that must never cause an error. */
static gboolean
error_allowed (WlStack      *stack,
               const guint8 *ip,
               gsize         len)
{
  guint hlen = wl_ipv4_hlen (ip);
  guint32 src = wl_get_u32 (ip + WL_IPV4_OFF_SRC);
  guint32 dst = wl_get_u32 (ip + WL_IPV4_OFF_DST);

  if (wl_ipv4_frag_offset (ip) != 0)
    return FALSE;
  if (ip[WL_IPV4_OFF_PROTO] == WL_IP_PROTO_ICMP && len > hlen && wl_icmp_type_is_error (ip[hlen]))
    return FALSE;
  if (_wl_ipv4_is_broadcast (stack, dst))
    return FALSE;
  if (src == 0 || _wl_ipv4_is_broadcast (stack, src) || src >> 24 == 127)
    return FALSE;
  return TRUE;
}

void
wl_icmp_send_error (WlStack      *stack,
                    const guint8 *ip,
                    gsize         len,
                    gint          ingress,
                    guint8        type,
                    guint8        code,
                    guint32       rest)
{
  guint hlen;
  gsize quote_len;
  guint32 src, dst, from;
  WlPacket *data;

  if (len < WL_IPV4_HLEN || (hlen = wl_ipv4_hlen (ip)) > len)
    return;
  quote_len = MIN (len, QUOTE_MAX);
  src = wl_get_u32 (ip + WL_IPV4_OFF_SRC);
  dst = wl_get_u32 (ip + WL_IPV4_OFF_DST);

  if (ingress < 0)
    {
      /* Our own packet: tell our own applications, as the kernel tells a socket. */
      WlIcmpMessage msg = {
        .type = type, .code = code, .rest = rest, .src = src, .dst = src, .iface = -1,
        .local = TRUE, .data = ip, .data_len = quote_len,
      };

      dispatch (stack, &msg);
      return;
    }
  if (!error_allowed (stack, ip, len))
    return;

  if (wl_ipv4_is_local (stack, dst))
    from = dst;
  else if (stack->ifaces[ingress].address != 0)
    from = stack->ifaces[ingress].address;
  else
    from = wl_ipv4_select_source (stack, src);
  data = wl_packet_new_from_data (ip, quote_len);
  wl_icmp_send (stack, from, src, type, code, rest, data, 0, FALSE);
}

static void
answer_echo (WlStack          *stack,
             const WlIpv4Info *ip,
             WlPacket         *pkt)
{
  const guint8 *h = wl_packet_data (pkt);
  guint32 rest = wl_get_u32 (h + WL_ICMP_OFF_ID);
  WlPacket *data;

  /* Same identifier, sequence and data, back to where it came from (RFC 792). */
  data = wl_packet_new_from_data (h + WL_ICMP_HLEN, wl_packet_len (pkt) - WL_ICMP_HLEN);
  wl_icmp_send (stack, ip->dst, ip->src, WL_ICMP_ECHO_REPLY, 0, rest, data, 0, FALSE);
}

void
wl_icmp_input (WlStack          *stack,
               const WlStackRx  *rx,
               WlPacket         *pkt,
               const WlIpv4Info *ip)
{
  const guint8 *h = wl_packet_data (pkt);
  gsize len = wl_packet_len (pkt);
  WlIcmpMessage msg = { 0 };
  WlIcmpQuote quote;
  WlCode drop = WL_CODE_NONE;

  /* Rules: a whole header; the checksum over the whole message; errors quote an IP header. */
  if (len < WL_ICMP_HLEN)
    drop = WL_DROP_MALFORMED;
  else if (wl_inet_checksum (h, len) != 0)
    drop = WL_DROP_BAD_CHECKSUM;
  if (drop == WL_CODE_NONE)
    {
      msg.type = h[WL_ICMP_OFF_TYPE];
      msg.code = h[WL_ICMP_OFF_CODE];
      msg.rest = wl_get_u32 (h + WL_ICMP_OFF_ID);
      msg.src = ip->src;
      msg.dst = ip->dst;
      msg.ttl = ip->ttl;
      msg.iface = ip->iface;
      msg.data = h + WL_ICMP_HLEN;
      msg.data_len = len - WL_ICMP_HLEN;
      if (wl_icmp_type_is_error (msg.type) && !wl_icmp_message_get_quote (&msg, &quote))
        drop = WL_DROP_MALFORMED;
    }
  if (drop == WL_CODE_NONE && msg.type == WL_ICMP_ECHO_REQUEST && ip->to_broadcast)
    drop = WL_DROP_NOT_FOR_HOST;  /* ignored broadcast echo (see the top of this file) */
  if (drop != WL_CODE_NONE)
    {
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_ICMP, WL_LAYER_NETWORK, drop, NULL);
      wl_packet_unref (pkt);
      return;
    }

  switch (msg.type)
    {
    case WL_ICMP_ECHO_REQUEST:
      answer_echo (stack, ip, pkt);
      break;
    case WL_ICMP_ECHO_REPLY:
    case WL_ICMP_DEST_UNREACH:
    case WL_ICMP_TIME_EXCEEDED:
    case WL_ICMP_SOURCE_QUENCH:
    case WL_ICMP_REDIRECT:
    case WL_ICMP_PARAM_PROBLEM:
      /* For whoever waits for it; a reply or error nobody waits for is simply consumed. */
      dispatch (stack, &msg);
      break;
    default:
      /* Timestamp, address mask … : obsolete queries nobody here answers. */
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_ICMP, WL_LAYER_NETWORK,
                         WL_DROP_UNKNOWN_PROTOCOL, NULL);
      break;
    }
  wl_packet_unref (pkt);
}
