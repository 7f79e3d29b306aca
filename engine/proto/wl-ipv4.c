/* wl-ipv4.c — IPv4: checking what arrives, delivering what is ours, sending what we make.
 *
 * RFC 791 (the protocol), RFC 1122 §3.2.1 (what a host must check and do), RFC 1812 §5.2
 * (what a router must check), RFC 919/922 (broadcast addresses), RFC 1112 (multicast MACs).
 *
 * Where it sits: above ARP and Ethernet, below ICMP and UDP.  Frames of EtherType 0x0800 come
 * up from wl-ethernet.c; a packet for one of our addresses goes up to ICMP or UDP (after
 * reassembly when it is a fragment, wl-ipv4-frag.c); a packet for someone else is forwarded
 * by a router (wl-ipv4-forward.c) and dropped by a host.  Going down, a packet gets its route
 * (wl-route.c), its header, fragments when the egress MTU is smaller (wl-ipv4-frag.c), and
 * ARP finds the next hop's MAC (wl-arp.c).
 *
 * State: the Identification counter (WlStack.next_ip_id; see wl-stack.c for its start).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |Type of Service|          Total Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Identification        |Flags|      Fragment Offset    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Source Address                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination Address                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Headers we build: version 4, IHL 5 (no options), TOS 0, TTL 64 (Linux's default) unless
 * the sender asks, DF only when the sender asks, Identification from the stack's counter for
 * every packet (Linux sends ID 0 on some DF packets; a counter is easier to follow).
 *
 * Which packets are ours (Linux's "weak host" model): any address of any of our interfaces,
 * 255.255.255.255, and the directed broadcast of any of our subnets.  A host drops the rest
 * (not-for-host); a router forwards it.
 *
 * Every packet we send gets a route-chosen note ("dst=… route=… via=… iface=…"): it explains
 * which MAC the frame goes to, and what follows is caused by it.  Packets to one of our own
 * addresses never touch a cable: they are handed back to our own input (a loopback), at the
 * same virtual time.
 */
#define G_LOG_DOMAIN "wl-ipv4"
#include "config.h"

#include "wl-stack-private.h"
#include "wl-ethernet-wire.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"

void
wl_ipv4_write_header (guint8  *hdr,
                      guint16  total_len,
                      guint16  id,
                      guint16  frag,
                      guint8   ttl,
                      guint8   proto,
                      guint32  src,
                      guint32  dst,
                      guint8   tos)
{
  hdr[WL_IPV4_OFF_VER_IHL] = 4 << 4 | WL_IPV4_HLEN / 4;
  hdr[WL_IPV4_OFF_TOS] = tos;
  wl_put_u16 (hdr + WL_IPV4_OFF_LEN, total_len);
  wl_put_u16 (hdr + WL_IPV4_OFF_ID, id);
  wl_put_u16 (hdr + WL_IPV4_OFF_FRAG, frag);
  hdr[WL_IPV4_OFF_TTL] = ttl;
  hdr[WL_IPV4_OFF_PROTO] = proto;
  wl_put_u16 (hdr + WL_IPV4_OFF_CSUM, 0);
  wl_put_u32 (hdr + WL_IPV4_OFF_SRC, src);
  wl_put_u32 (hdr + WL_IPV4_OFF_DST, dst);
  /* The checksum is computed with its own field zero (RFC 791 §3.1). */
  wl_put_u16 (hdr + WL_IPV4_OFF_CSUM, wl_inet_checksum (hdr, WL_IPV4_HLEN));
}

gboolean
wl_ipv4_is_local (WlStack *stack,
                  guint32  ip)
{
  for (guint i = 0; i < stack->n_ifaces; i++)
    if (stack->ifaces[i].address != 0 && stack->ifaces[i].address == ip)
      return TRUE;
  return FALSE;
}

static gint
local_iface (WlStack *stack,
             guint32  ip)
{
  for (guint i = 0; i < stack->n_ifaces; i++)
    if (stack->ifaces[i].address != 0 && stack->ifaces[i].address == ip)
      return (gint) i;
  return -1;
}

/* The directed broadcast of an interface's subnet (RFC 922): all host bits set.  /31 and /32
 * have none (RFC 3021). */
static gboolean
is_directed_broadcast (const WlStackIface *ifc,
                       guint32             dst)
{
  return ifc->address != 0 && ifc->prefix <= 30
         && dst == (ifc->address | ~wl_ip_prefix_mask (ifc->prefix));
}

gboolean
_wl_ipv4_is_broadcast (WlStack *stack,
                       guint32  dst)
{
  if (dst == WL_IPV4_BROADCAST || wl_ipv4_is_multicast (dst))
    return TRUE;
  for (guint i = 0; i < stack->n_ifaces; i++)
    if (is_directed_broadcast (&stack->ifaces[i], dst))
      return TRUE;
  return FALSE;
}

const WlRoute *
_wl_ipv4_route (WlStack *stack,
                guint32  dst,
                guint64 *note_id)
{
  const WlRoute *route = wl_route_table_lookup (&stack->routes, dst);
  char d[16], via[16], prefix[19];

  *note_id = 0;
  if (route == NULL)
    return NULL;
  *note_id = _wl_stack_note (stack, route->iface, WL_PROTO_IP, WL_LAYER_NETWORK,
                             WL_NOTE_ROUTE_CHOSEN, "dst=%s route=%s via=%s iface=%s",
                             wl_ip_format (dst, d), wl_route_format_prefix (route, prefix),
                             route->via != 0 ? wl_ip_format (route->via, via) : "direct",
                             _wl_stack_iface_name (stack, route->iface));
  return route;
}

guint32
wl_ipv4_select_source (WlStack *stack,
                       guint32  dst)
{
  const WlRoute *route;

  if (wl_ipv4_is_local (stack, dst))
    return dst;
  route = wl_route_table_lookup (&stack->routes, dst);
  return route != NULL ? stack->ifaces[route->iface].address : 0;
}

/* Up to ICMP or UDP: the packet is ours and whole. */
static void
deliver (WlStack         *stack,
         const WlStackRx *rx,
         WlPacket        *pkt)
{
  const guint8 *hdr = wl_packet_data (pkt);
  WlIpv4Info info = { 0 };
  guint64 drop;

  info.hdr = hdr;
  info.hlen = wl_ipv4_hlen (hdr);
  info.src = wl_get_u32 (hdr + WL_IPV4_OFF_SRC);
  info.dst = wl_get_u32 (hdr + WL_IPV4_OFF_DST);
  info.proto = hdr[WL_IPV4_OFF_PROTO];
  info.ttl = hdr[WL_IPV4_OFF_TTL];
  info.id = wl_get_u16 (hdr + WL_IPV4_OFF_ID);
  info.iface = rx->iface->index;
  info.to_broadcast = _wl_ipv4_is_broadcast (stack, info.dst);

  switch (info.proto)
    {
    case WL_IP_PROTO_ICMP:
      wl_packet_pull (pkt, info.hlen);
      wl_icmp_input (stack, rx, pkt, &info);
      return;
    case WL_IP_PROTO_UDP:
      wl_packet_pull (pkt, info.hlen);
      wl_udp_input (stack, rx, pkt, &info);
      return;
    case WL_IP_PROTO_TCP:
      wl_packet_pull (pkt, info.hlen);
      wl_tcp_input (stack, rx, pkt, &info);
      return;
    default:
      /* RFC 1122 §3.2.2.1: a host SHOULD say "protocol unreachable" (3/2). */
      drop = _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK,
                                WL_DROP_UNKNOWN_PROTOCOL, NULL);
      wl_sim_set_cause (stack->sim, drop);
      wl_icmp_send_error (stack, hdr, wl_packet_len (pkt), rx->iface->index,
                          WL_ICMP_DEST_UNREACH, WL_ICMP_UNREACH_PROTOCOL, 0);
      wl_packet_unref (pkt);
      return;
    }
}

/* A packet for us: fragments wait for the rest of their datagram first. */
static void
deliver_local (WlStack         *stack,
               const WlStackRx *rx,
               WlPacket        *pkt)
{
  guint64 prev_cause = wl_sim_get_cause (stack->sim);
  WlStackRx whole = { 0 };

  if (!wl_ipv4_is_fragment (wl_packet_data (pkt)))
    {
      deliver (stack, rx, pkt);
      wl_sim_set_cause (stack->sim, prev_cause);
      return;
    }
  pkt = _wl_ipv4_reassemble (stack, rx, pkt);
  if (pkt == NULL)
    return;
  /* The datagram was never one frame; what follows is caused by the reassembled note. */
  whole.iface = rx->iface;
  deliver (stack, &whole, pkt);
  wl_sim_set_cause (stack->sim, prev_cause);
}

void
wl_ipv4_input (WlStack         *stack,
               const WlStackRx *rx,
               WlPacket        *pkt)
{
  const guint8 *hdr = wl_packet_data (pkt);
  gsize len = wl_packet_len (pkt);
  guint hlen, total;
  guint32 dst;

  /* RFC 1812 §5.2.2 / RFC 1122 §3.2.1: the header must be whole and consistent. */
  if (len < WL_IPV4_HLEN || hdr[WL_IPV4_OFF_VER_IHL] >> 4 != 4)
    goto malformed;
  hlen = wl_ipv4_hlen (hdr);
  total = wl_get_u16 (hdr + WL_IPV4_OFF_LEN);
  if (hlen < WL_IPV4_HLEN || hlen > len || total < hlen || total > len)
    goto malformed;
  /* The sum over a correct header, checksum included, is 0xffff: its complement is 0. */
  if (wl_inet_checksum (hdr, hlen) != 0)
    {
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, WL_DROP_BAD_CHECKSUM, NULL);
      wl_packet_unref (pkt);
      return;
    }
  /* Short packets were padded to Ethernet's 60 bytes: Total Length says where IP ends. */
  wl_packet_trim (pkt, total);

  dst = wl_get_u32 (hdr + WL_IPV4_OFF_DST);
  if (wl_ipv4_is_local (stack, dst) || _wl_ipv4_is_broadcast (stack, dst))
    {
      /* Multicast is "ours" only once something joins a group: nothing does yet. */
      if (wl_ipv4_is_multicast (dst))
        goto not_ours;
      deliver_local (stack, rx, pkt);
      return;
    }
  /* A DHCP client waiting for its address hears the unicast UDP sent to the address it is
   * being offered (RFC 2131 §4.1: to yiaddr at chaddr): dhclient's packet socket takes it
   * before the interface has any address.  Only UDP: nothing else is for it. */
  if (rx->iface->address == 0 && rx->iface->dhcp != NULL
      && hdr[WL_IPV4_OFF_PROTO] == WL_IP_PROTO_UDP)
    {
      deliver_local (stack, rx, pkt);
      return;
    }
  if (stack->forwarding)
    {
      _wl_ipv4_forward (stack, rx, pkt);
      return;
    }

not_ours:
  /* RFC 1122 §3.2.1.3: a host silently discards what is not addressed to it. */
  _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, WL_DROP_NOT_FOR_HOST, NULL);
  wl_packet_unref (pkt);
  return;

malformed:
  _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, WL_DROP_MALFORMED, NULL);
  wl_packet_unref (pkt);
}

/* Sending ---------------------------------------------------------------------------------- */

static void
on_loopback (WlSim   *sim,
             gpointer target,
             gpointer data)
{
  WlStack *stack = target;
  WlPacket *pkt = data;
  gint iface = local_iface (stack, wl_get_u32 (wl_packet_data (pkt) + WL_IPV4_OFF_DST));
  WlStackRx rx = { 0 };

  if (iface < 0)
    {
      /* The address went away in between; nothing can take the packet. */
      wl_packet_unref (pkt);
      return;
    }
  rx.iface = &stack->ifaces[iface];
  deliver_local (stack, &rx, pkt);
}

static void
packet_unref (gpointer data)
{
  wl_packet_unref (data);
}

/* Puts the frame on the link: broadcasts and multicasts need no ARP. */
static void
link_output (WlStack  *stack,
             gint      iface,
             guint32   next_hop,
             WlPacket *pkt,
             gint      ingress)
{
  guint32 dst = wl_get_u32 (wl_packet_data (pkt) + WL_IPV4_OFF_DST);
  WlMac mac;

  if (dst == WL_IPV4_BROADCAST || is_directed_broadcast (&stack->ifaces[iface], dst))
    {
      wl_stack_ethernet_output (stack, iface, &wl_mac_broadcast, WL_ETHERTYPE_IPV4, pkt);
      return;
    }
  if (wl_ipv4_is_multicast (dst))
    {
      /* RFC 1112 §6.4: 01:00:5e and the low 23 bits of the group. */
      mac = (WlMac){ { 0x01, 0x00, 0x5e, (dst >> 16) & 0x7f, (dst >> 8) & 0xff, dst & 0xff } };
      wl_stack_ethernet_output (stack, iface, &mac, WL_ETHERTYPE_IPV4, pkt);
      return;
    }
  wl_arp_output (stack, iface, next_hop, pkt, ingress);
}

void
_wl_ipv4_send_routed (WlStack       *stack,
                      WlPacket      *pkt,
                      const WlRoute *route,
                      gint           ingress)
{
  const guint8 *hdr = wl_packet_data (pkt);
  guint32 next_hop = route->via != 0 ? route->via : wl_get_u32 (hdr + WL_IPV4_OFF_DST);
  guint mtu = stack->ifaces[route->iface].port->mtu;
  g_autoptr (GPtrArray) frags = NULL;
  gpointer *parts;
  gsize n_parts;
  guint64 prev_cause, note;
  char extra[16];

  if (wl_packet_len (pkt) <= mtu)
    {
      link_output (stack, route->iface, next_hop, pkt, ingress);
      return;
    }
  prev_cause = wl_sim_get_cause (stack->sim);
  if (wl_get_u16 (hdr + WL_IPV4_OFF_FRAG) & WL_IPV4_FLAG_DF)
    {
      /* Too big and not to be cut: RFC 1191's "fragmentation needed", with the MTU. */
      g_snprintf (extra, sizeof extra, "mtu=%u", mtu);
      wl_sim_set_cause (stack->sim,
                        _wl_stack_drop_ip (stack, route->iface, WL_LAYER_NETWORK,
                                           WL_DROP_FRAG_NEEDED, hdr, wl_packet_len (pkt), extra));
      wl_icmp_send_error (stack, hdr, wl_packet_len (pkt), ingress, WL_ICMP_DEST_UNREACH,
                          WL_ICMP_UNREACH_FRAG_NEEDED, mtu & 0xffff);
      wl_sim_set_cause (stack->sim, prev_cause);
      wl_packet_unref (pkt);
      return;
    }
  /* An MTU under 28 bytes could not carry 8 data bytes; the lab's minimum is 68. */
  frags = wl_ipv4_fragment (pkt, mtu);
  g_assert (frags != NULL);
  note = _wl_stack_note (stack, route->iface, WL_PROTO_IP, WL_LAYER_NETWORK, WL_NOTE_FRAGMENTED,
                         "id=%u count=%u mtu=%u", wl_get_u16 (hdr + WL_IPV4_OFF_ID), frags->len,
                         mtu);
  wl_sim_set_cause (stack->sim, note);
  /* Each fragment is handed over on its own: take them out of the array first. */
  parts = g_ptr_array_steal (frags, &n_parts);
  for (gsize i = 0; i < n_parts; i++)
    link_output (stack, route->iface, next_hop, parts[i], ingress);
  g_free (parts);
  wl_sim_set_cause (stack->sim, prev_cause);
  wl_packet_unref (pkt);
}

void
wl_ipv4_output (WlStack          *stack,
                WlPacket         *payload,
                const WlIpv4Send *params)
{
  guint32 src = params->src;
  guint8 ttl = params->ttl != 0 ? params->ttl : WL_IPV4_DEFAULT_TTL;
  guint64 prev_cause = wl_sim_get_cause (stack->sim);
  const WlRoute *route = NULL;
  guint64 note = 0;
  gboolean local;
  guint8 *hdr;

  g_return_if_fail (wl_packet_len (payload) <= WL_IPV4_MAX_LEN - WL_IPV4_HLEN);

  local = wl_ipv4_is_local (stack, params->dst);
  if (!local)
    route = _wl_ipv4_route (stack, params->dst, &note);
  /* The source is the egress interface's address (RFC 1122 §3.3.4.3), or the destination
   * itself when we talk to ourselves; 0.0.0.0 when there is no way out. */
  if (src == 0)
    src = local ? params->dst : route != NULL ? stack->ifaces[route->iface].address : 0;
  hdr = wl_packet_push (payload, WL_IPV4_HLEN);
  wl_ipv4_write_header (hdr, (guint16) wl_packet_len (payload), stack->next_ip_id++,
                        params->df ? WL_IPV4_FLAG_DF : 0, ttl, params->proto, src, params->dst,
                        params->tos);

  if (local)
    {
      wl_sim_schedule (stack->sim, 0, on_loopback, stack, payload, packet_unref);
      return;
    }
  if (route == NULL)
    {
      /* No way out: dropped here, and our own application hears "network unreachable". */
      wl_sim_set_cause (stack->sim,
                        _wl_stack_drop_ip (stack, -1, WL_LAYER_NETWORK, WL_DROP_NO_ROUTE, hdr,
                                           wl_packet_len (payload), NULL));
      wl_icmp_send_error (stack, hdr, wl_packet_len (payload), -1, WL_ICMP_DEST_UNREACH,
                          WL_ICMP_UNREACH_NET, 0);
      wl_sim_set_cause (stack->sim, prev_cause);
      wl_packet_unref (payload);
      return;
    }
  wl_sim_set_cause (stack->sim, note);
  _wl_ipv4_send_routed (stack, payload, route, -1);
  wl_sim_set_cause (stack->sim, prev_cause);
}
