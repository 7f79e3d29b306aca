/* wl-udp.c — UDP: datagrams with ports and a checksum, nothing more.
 *
 * RFC 768 (the protocol), RFC 1122 §4.1 (hosts: checksums on by default, port unreachable
 * for a port nobody listens on, except for broadcasts).
 *
 * Where it sits: on IPv4 (protocol 17).  wl-ipv4.c delivers datagrams for us here; senders
 * (traceroute today; DHCP and DNS later) call wl_udp_send().
 *
 * State: the stack's port table (WlUdpTable): port → handler, and where the search for the
 * next ephemeral port starts.  Linux picks ephemeral ports at random in 32768–60999; we count
 * up from a start derived from the seed and the device (see wl-stack.c), so runs repeat.
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   Source Port   |  Dest. Port     |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *
 * The checksum covers this pseudo-header, then the UDP header and data:
 *
 *   +--------+--------+--------+--------+
 *   |          source address           |
 *   +--------+--------+--------+--------+
 *   |        destination address        |
 *   +--------+--------+--------+--------+
 *   |  zero  |proto 17|   UDP length    |
 *   +--------+--------+--------+--------+
 *
 * A computed checksum of 0 is sent as 0xffff (the same value in one's complement), because 0
 * means "no checksum"; a received 0 is accepted unchecked.
 *
 * Receiving, in order: at least 8 bytes and a Length between 8 and what IP carried (else
 * malformed; the datagram is cut to Length), the checksum (else bad-checksum), then the port:
 * a bound port gets the data (a delivered note); an unbound one drops it (port-unreachable)
 * and, unless it was sent to a broadcast, its source gets ICMP port unreachable (3/3).
 */
#define G_LOG_DOMAIN "wl-udp"
#include "config.h"

#include "wl-stack-private.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"
#include "wl-udp-wire.h"

#define EPHEMERAL_COUNT (WL_UDP_EPHEMERAL_MAX - WL_UDP_EPHEMERAL_MIN + 1)

typedef struct
{
  WlUdpRecvFunc func;
  gpointer      user_data;
} Binding;

void
wl_udp_table_init (WlUdpTable *table,
                   guint       seed)
{
  table->bindings = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  table->next_ephemeral = (guint16) (WL_UDP_EPHEMERAL_MIN + seed % EPHEMERAL_COUNT);
}

void
wl_udp_table_clear (WlUdpTable *table)
{
  g_clear_pointer (&table->bindings, g_hash_table_unref);
}

gboolean
wl_udp_bind (WlStack      *stack,
             guint16       port,
             WlUdpRecvFunc func,
             gpointer      user_data)
{
  Binding *b;

  g_return_val_if_fail (port != 0 && func != NULL, FALSE);

  if (wl_udp_is_bound (stack, port))
    return FALSE;
  b = g_new (Binding, 1);
  b->func = func;
  b->user_data = user_data;
  g_hash_table_insert (stack->udp.bindings, GUINT_TO_POINTER ((guint) port), b);
  return TRUE;
}

void
wl_udp_unbind (WlStack *stack,
               guint16  port)
{
  g_hash_table_remove (stack->udp.bindings, GUINT_TO_POINTER ((guint) port));
}

gboolean
wl_udp_is_bound (WlStack *stack,
                 guint16  port)
{
  return g_hash_table_contains (stack->udp.bindings, GUINT_TO_POINTER ((guint) port));
}

guint16
wl_udp_alloc_port (WlStack *stack)
{
  for (guint tries = 0; tries < EPHEMERAL_COUNT; tries++)
    {
      guint16 port = stack->udp.next_ephemeral;

      stack->udp.next_ephemeral = port == WL_UDP_EPHEMERAL_MAX ? WL_UDP_EPHEMERAL_MIN : port + 1;
      if (!wl_udp_is_bound (stack, port))
        return port;
    }
  return 0;  /* all 28232 taken */
}

static guint16
udp_checksum (guint32       src,
              guint32       dst,
              const guint8 *udp,
              gsize         len)
{
  guint32 sum = wl_inet_pseudo_header_sum (src, dst, WL_IP_PROTO_UDP, (guint16) len);

  return wl_inet_checksum_finish (wl_inet_checksum_add (sum, udp, len));
}

void
wl_udp_send (WlStack         *stack,
             const WlUdpSend *params,
             WlPacket        *payload)
{
  WlIpv4Send ip = {
    .src = params->src, .dst = params->dst, .proto = WL_IP_PROTO_UDP, .ttl = params->ttl,
    .df = params->df,
  };
  guint8 *h;
  guint16 sum;

  g_return_if_fail (wl_packet_len (payload) <= WL_IPV4_MAX_LEN - WL_IPV4_HLEN - WL_UDP_HLEN);

  /* The pseudo-header needs the source address now, before IPv4 would pick it. */
  if (ip.src == 0)
    ip.src = wl_ipv4_select_source (stack, ip.dst);
  h = wl_packet_push (payload, WL_UDP_HLEN);
  wl_put_u16 (h + WL_UDP_OFF_SPORT, params->sport);
  wl_put_u16 (h + WL_UDP_OFF_DPORT, params->dport);
  wl_put_u16 (h + WL_UDP_OFF_LEN, (guint16) wl_packet_len (payload));
  wl_put_u16 (h + WL_UDP_OFF_CSUM, 0);
  sum = udp_checksum (ip.src, ip.dst, h, wl_packet_len (payload));
  wl_put_u16 (h + WL_UDP_OFF_CSUM, sum == 0 ? 0xffff : sum);
  wl_ipv4_output (stack, payload, &ip);
}

static void
drop_unreachable (WlStack          *stack,
                  const WlStackRx  *rx,
                  WlPacket         *pkt,
                  const WlIpv4Info *ip)
{
  guint64 prev_cause = wl_sim_get_cause (stack->sim);
  guint64 drop;

  drop = _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_UDP, WL_LAYER_TRANSPORT,
                            WL_DROP_PORT_UNREACHABLE, NULL);
  if (!ip->to_broadcast)
    {
      /* The error quotes the IP header and the UDP header that follows it in memory. */
      wl_sim_set_cause (stack->sim, drop);
      wl_icmp_send_error (stack, ip->hdr, ip->hlen + wl_packet_len (pkt), ip->iface,
                          WL_ICMP_DEST_UNREACH, WL_ICMP_UNREACH_PORT, 0);
      wl_sim_set_cause (stack->sim, prev_cause);
    }
}

void
wl_udp_input (WlStack          *stack,
              const WlStackRx  *rx,
              WlPacket         *pkt,
              const WlIpv4Info *ip)
{
  const guint8 *h = wl_packet_data (pkt);
  gsize len = wl_packet_len (pkt);
  WlUdpInfo info = { 0 };
  Binding *b;
  guint16 ulen;

  ulen = len >= WL_UDP_HLEN ? wl_get_u16 (h + WL_UDP_OFF_LEN) : 0;
  if (ulen < WL_UDP_HLEN || ulen > len)
    {
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_UDP, WL_LAYER_TRANSPORT, WL_DROP_MALFORMED,
                         NULL);
      wl_packet_unref (pkt);
      return;
    }
  wl_packet_trim (pkt, ulen);
  if (wl_get_u16 (h + WL_UDP_OFF_CSUM) != 0 && udp_checksum (ip->src, ip->dst, h, ulen) != 0)
    {
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_UDP, WL_LAYER_TRANSPORT, WL_DROP_BAD_CHECKSUM,
                         NULL);
      wl_packet_unref (pkt);
      return;
    }

  info.src = ip->src;
  info.dst = ip->dst;
  info.sport = wl_get_u16 (h + WL_UDP_OFF_SPORT);
  info.dport = wl_get_u16 (h + WL_UDP_OFF_DPORT);
  info.ttl = ip->ttl;
  info.iface = ip->iface;
  b = g_hash_table_lookup (stack->udp.bindings, GUINT_TO_POINTER ((guint) info.dport));
  if (b == NULL)
    {
      drop_unreachable (stack, rx, pkt, ip);
      wl_packet_unref (pkt);
      return;
    }
  _wl_stack_note (stack, ip->iface, WL_PROTO_UDP, WL_LAYER_TRANSPORT, WL_NOTE_DELIVERED,
                  "sport=%u dport=%u len=%u", info.sport, info.dport, ulen - WL_UDP_HLEN);
  wl_packet_pull (pkt, WL_UDP_HLEN);
  b->func (stack, &info, pkt, b->user_data);
}
