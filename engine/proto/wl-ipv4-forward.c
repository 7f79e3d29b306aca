/* wl-ipv4-forward.c — what a router does with a packet addressed to someone else.
 *
 * RFC 1812 §5.2 and §5.3 (forwarding: TTL, next-hop selection, fragmentation), §4.3 (which
 * ICMP errors a router sends), RFC 1624 (updating the checksum after changing the TTL),
 * RFC 1191 (the next-hop MTU in "fragmentation needed").
 *
 * Where it sits: wl-ipv4.c calls it for every valid packet that is not ours when the stack
 * forwards (a router).  From here the packet leaves through _wl_ipv4_send_routed — fragments
 * and ARP included — or dies with an ICMP error back to its source.
 *
 * State: none; it reads the routing table.
 *
 * The steps, in order (those that stop the packet say what the source hears):
 *   1. never forward multicast (no multicast routing) — dropped without an error;
 *   2. TTL <= 1: it would reach 0 here → ttl-expired note, ICMP time exceeded (11/0) from
 *      the interface it came in on, the packet is dropped (ttl-exceeded);
 *   3. route lookup: none → dropped (no-route), ICMP net unreachable (3/0);
 *      found → route-chosen note, the cause of everything after it;
 *   4. bigger than the egress MTU with DF set → dropped (frag-needed), ICMP 3/4 carrying
 *      the MTU (Linux checks this before decrementing, so the quoted TTL is the one received);
 *   5. TTL − 1 and the checksum updated in place (RFC 1624: HC' = ~(~HC + ~m + m'));
 *   6. out through the route: cut into fragments when needed, then ARP.
 *
 * Only the IP header changes: a router never looks into ICMP, UDP or TCP (no NAT here).
 * Routers do not send ICMP redirects (Linux does when a packet leaves by the interface it
 * came in on); labs where that happens simply show the packet going out again.
 *
 *    0               1               2               3
 *   +---------------+---------------+-------------------------------+
 *   |  Time to Live |    Protocol   |         Header Checksum       |  ← bytes 8..11: the
 *   +---------------+---------------+-------------------------------+    only ones we change
 */
#define G_LOG_DOMAIN "wl-ipv4"
#include "config.h"

#include "wl-stack-private.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"

/* RFC 1624 eqn. 3: the new checksum from the old one and the changed 16-bit word. */
static guint16
checksum_update (guint16 old_sum,
                 guint16 old_word,
                 guint16 new_word)
{
  guint32 sum = (guint32) (~old_sum & 0xffff) + (guint32) (~old_word & 0xffff) + new_word;

  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

static void
decrement_ttl (guint8 *hdr)
{
  guint16 old_word = wl_get_u16 (hdr + WL_IPV4_OFF_TTL);  /* TTL and protocol together */

  hdr[WL_IPV4_OFF_TTL]--;
  wl_put_u16 (hdr + WL_IPV4_OFF_CSUM,
              checksum_update (wl_get_u16 (hdr + WL_IPV4_OFF_CSUM), old_word,
                               wl_get_u16 (hdr + WL_IPV4_OFF_TTL)));
}

/* Drops the packet, then sends the ICMP error the drop explains. */
static void
drop_with_error (WlStack         *stack,
                 const WlStackRx *rx,
                 WlPacket        *pkt,
                 WlCode           code,
                 const char      *args,
                 guint8           type,
                 guint8           icmp_code,
                 guint32          rest)
{
  guint64 drop = _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, code, args);

  wl_sim_set_cause (stack->sim, drop);
  wl_icmp_send_error (stack, wl_packet_data (pkt), wl_packet_len (pkt), rx->iface->index, type,
                      icmp_code, rest);
  wl_packet_unref (pkt);
}

static void
ttl_expired (WlStack         *stack,
             const WlStackRx *rx,
             WlPacket        *pkt)
{
  const guint8 *hdr = wl_packet_data (pkt);
  char src[16], dst[16];
  guint64 note;

  note = _wl_stack_note (stack, rx->iface->index, WL_PROTO_IP, WL_LAYER_NETWORK,
                         WL_NOTE_TTL_EXPIRED, "ttl=%u src=%s dst=%s", hdr[WL_IPV4_OFF_TTL],
                         wl_ip_format (wl_get_u32 (hdr + WL_IPV4_OFF_SRC), src),
                         wl_ip_format (wl_get_u32 (hdr + WL_IPV4_OFF_DST), dst));
  /* The note explains both the error sent back and the drop. */
  wl_sim_set_cause (stack->sim, note);
  wl_icmp_send_error (stack, hdr, wl_packet_len (pkt), rx->iface->index, WL_ICMP_TIME_EXCEEDED,
                      WL_ICMP_EXC_TTL, 0);
  _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, WL_DROP_TTL_EXCEEDED, NULL);
  wl_packet_unref (pkt);
}

void
_wl_ipv4_forward (WlStack         *stack,
                  const WlStackRx *rx,
                  WlPacket        *pkt)
{
  guint8 *hdr = wl_packet_data (pkt);
  guint32 dst = wl_get_u32 (hdr + WL_IPV4_OFF_DST);
  guint64 prev_cause = wl_sim_get_cause (stack->sim);
  const WlRoute *route;
  guint64 note;
  guint mtu;
  char args[16];

  /* 1. No multicast routing. */
  if (wl_ipv4_is_multicast (dst))
    {
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, WL_DROP_NO_ROUTE, NULL);
      wl_packet_unref (pkt);
      return;
    }
  /* 2. RFC 1812 §5.3.1: a packet whose TTL would reach zero is not forwarded. */
  if (hdr[WL_IPV4_OFF_TTL] <= 1)
    {
      ttl_expired (stack, rx, pkt);
      wl_sim_set_cause (stack->sim, prev_cause);
      return;
    }
  /* 3. Where to? */
  route = _wl_ipv4_route (stack, dst, &note);
  if (route == NULL)
    {
      drop_with_error (stack, rx, pkt, WL_DROP_NO_ROUTE, NULL, WL_ICMP_DEST_UNREACH,
                       WL_ICMP_UNREACH_NET, 0);
      wl_sim_set_cause (stack->sim, prev_cause);
      return;
    }
  wl_sim_set_cause (stack->sim, note);
  /* 4. Too big for the next link, and the sender forbade cutting it. */
  mtu = stack->ifaces[route->iface].port->mtu;
  if (wl_packet_len (pkt) > mtu && (wl_get_u16 (hdr + WL_IPV4_OFF_FRAG) & WL_IPV4_FLAG_DF))
    {
      g_snprintf (args, sizeof args, "mtu=%u", mtu);
      drop_with_error (stack, rx, pkt, WL_DROP_FRAG_NEEDED, args, WL_ICMP_DEST_UNREACH,
                       WL_ICMP_UNREACH_FRAG_NEEDED, mtu & 0xffff);
      wl_sim_set_cause (stack->sim, prev_cause);
      return;
    }
  /* 5. and 6. */
  decrement_ttl (hdr);
  _wl_ipv4_send_routed (stack, pkt, route, rx->iface->index);
  wl_sim_set_cause (stack->sim, prev_cause);
}
