/* wl-arp.c — ARP, the Address Resolution Protocol for IPv4 over Ethernet.
 *
 * RFC 826 (the protocol and its packet-reception algorithm), RFC 1122 §2.3.2 (cache
 * timeouts, flooding limits, queueing while resolving), RFC 5227 (ARP probes: sender 0.0.0.0).
 *
 * Where it sits: between IPv4 and Ethernet.  wl-ipv4.c calls wl_arp_output() with a packet and
 * the next hop's address; ARP finds the MAC in the cache or asks for it.  The Ethernet demux
 * (wl-ethernet.c) hands it every frame of EtherType 0x0806.  Events sit at layer 2 (data
 * link): ARP lives at the boundary of layers 2 and 3, and Wireshark and Packet Tracer show it
 * with the link layer.
 *
 * State: the cache (wl-arp-cache.c), whose INCOMPLETE entries hold the packets waiting.
 *
 *    0       2       4   5   6       8             14      18            24      28
 *   +-------+-------+---+---+-------+-------------+-------+-------------+-------+
 *   | htype | ptype |hln|pln|  op   | sender MAC  |sender | target MAC  |target |
 *   |   1   |0x0800 | 6 | 4 | 1 / 2 |             |  IP   | (0 in req.) |  IP   |
 *   +-------+-------+---+---+-------+-------------+-------+-------------+-------+
 *
 * Resolving (Linux's defaults: mcast_solicit 3, retrans_time 1 s):
 *   t      a packet for 10.0.0.2 finds no entry: arp-miss note, the packet waits, a broadcast
 *          request goes out (caused by the note)
 *   t+1 s  no reply yet: second request;  t+2 s: third
 *   t+3 s  still nothing: every waiting packet is dropped (arp-unresolved); a router sends
 *          ICMP host unreachable to each packet's source, a host tells its own application
 *   reply  the entry is completed (arp-added) and the waiting packets leave in order, caused
 *          by the received reply
 * At most WL_ARP_QUEUE_MAX = 128 packets wait per neighbour (Linux bounds the queue by bytes,
 * 212992, about 140 full frames; a count is easier to see).  When it is full the oldest packet
 * is dropped (arp-queue-full) to make room, as Linux does; RFC 1122 asks to keep the latest.
 *
 * Receiving (RFC 826's algorithm, in this order):
 *   1. hardware type 1, protocol type 0x0800, lengths 6 and 4, opcode 1 or 2, else malformed;
 *   2. if the sender's address is in the cache, update its MAC ("merge");
 *   3. if the target address is ours: add the sender when step 2 did not, and answer a
 *      request with a unicast reply;
 *   4. otherwise nothing more: we never add entries for conversations of others.
 * "Ours" means the address of the interface the packet arrived on (Linux's arp_ignore=1;
 * Linux by default answers for any of its addresses on any interface, which surprises people
 * with two interfaces on one segment).  A sender address of 0.0.0.0 (an RFC 5227 probe) is
 * never learned, but is still answered.
 */
#define G_LOG_DOMAIN "wl-arp"
#include "config.h"

#include <string.h>

#include "wl-stack-private.h"
#include "wl-arp-wire.h"
#include "wl-ethernet-wire.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"

static const WlMac zero_mac = { { 0, 0, 0, 0, 0, 0 } };

static void
arp_send (WlStack     *stack,
          gint         iface,
          guint16      op,
          const WlMac *eth_dst,
          const WlMac *tha,
          guint32      tpa)
{
  WlStackIface *ifc = &stack->ifaces[iface];
  WlPacket *pkt = wl_packet_new (WL_ARP_LEN);
  guint8 *p = wl_packet_data (pkt);

  wl_put_u16 (p + WL_ARP_OFF_HTYPE, WL_ARP_HTYPE_ETHERNET);
  wl_put_u16 (p + WL_ARP_OFF_PTYPE, WL_ETHERTYPE_IPV4);
  p[WL_ARP_OFF_HLEN] = 6;
  p[WL_ARP_OFF_PLEN] = 4;
  wl_put_u16 (p + WL_ARP_OFF_OP, op);
  memcpy (p + WL_ARP_OFF_SHA, ifc->port->mac.b, 6);
  wl_put_u32 (p + WL_ARP_OFF_SPA, ifc->address);
  memcpy (p + WL_ARP_OFF_THA, tha->b, 6);
  wl_put_u32 (p + WL_ARP_OFF_TPA, tpa);
  wl_stack_ethernet_output (stack, iface, eth_dst, WL_ETHERTYPE_ARP, pkt);
}

/* The waiting packets leave now that their next hop's MAC is known. */
static void
flush_pending (WlStack    *stack,
               WlArpEntry *e)
{
  WlArpPending *p;

  while ((p = g_queue_pop_head (&e->pending)) != NULL)
    {
      wl_stack_ethernet_output (stack, e->iface, &e->mac, WL_ETHERTYPE_IPV4, p->pkt);
      g_free (p);
    }
}

/* Learns sender → mac; completes a resolution and sends what waited for it. */
static void
learn (WlStack     *stack,
       gint         iface,
       guint32      ip,
       const WlMac *mac)
{
  WlArpEntry *e = wl_arp_cache_set (stack, iface, ip, mac);

  flush_pending (stack, e);
}

void
wl_arp_input (WlStack         *stack,
              const WlStackRx *rx,
              WlPacket        *pkt)
{
  WlStackIface *ifc = rx->iface;
  const guint8 *p = wl_packet_data (pkt);
  guint16 op;
  WlMac sha;
  guint32 spa, tpa;
  gboolean merged = FALSE;

  /* Rule 1: only IPv4-over-Ethernet ARP, whole, with a known opcode. */
  if (wl_packet_len (pkt) < WL_ARP_LEN || wl_get_u16 (p + WL_ARP_OFF_HTYPE) != WL_ARP_HTYPE_ETHERNET
      || wl_get_u16 (p + WL_ARP_OFF_PTYPE) != WL_ETHERTYPE_IPV4 || p[WL_ARP_OFF_HLEN] != 6
      || p[WL_ARP_OFF_PLEN] != 4)
    goto malformed;
  op = wl_get_u16 (p + WL_ARP_OFF_OP);
  if (op != WL_ARP_OP_REQUEST && op != WL_ARP_OP_REPLY)
    goto malformed;
  memcpy (sha.b, p + WL_ARP_OFF_SHA, 6);
  spa = wl_get_u32 (p + WL_ARP_OFF_SPA);
  tpa = wl_get_u32 (p + WL_ARP_OFF_TPA);
  /* A group address cannot be a station's own: such a packet would poison the cache. */
  if (wl_mac_is_multicast (&sha))
    goto malformed;

  /* Rule 2: merge.  Never learn 0.0.0.0 (a probe) or our own address (a conflict). */
  if (spa != 0 && spa != ifc->address && wl_arp_cache_lookup (stack, ifc->index, spa) != NULL)
    {
      learn (stack, ifc->index, spa, &sha);
      merged = TRUE;
    }

  /* Rules 3 and 4: only packets about our address go further. */
  if (ifc->address != 0 && tpa == ifc->address)
    {
      if (!merged && spa != 0 && spa != ifc->address)
        learn (stack, ifc->index, spa, &sha);
      if (op == WL_ARP_OP_REQUEST)
        arp_send (stack, ifc->index, WL_ARP_OP_REPLY, &sha, &sha, spa);
    }
  wl_packet_unref (pkt);
  return;

malformed:
  _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_ARP, WL_LAYER_DATA_LINK, WL_DROP_MALFORMED, NULL);
  wl_packet_unref (pkt);
}

static guint64
drop_pending (WlStack      *stack,
              gint          iface,
              guint32       next_hop,
              WlArpPending *p,
              WlCode        code)
{
  char via[16], extra[32];

  g_snprintf (extra, sizeof extra, "via=%s", wl_ip_format (next_hop, via));
  return _wl_stack_drop_ip (stack, iface, WL_LAYER_DATA_LINK, code, wl_packet_data (p->pkt),
                            wl_packet_len (p->pkt), extra);
}

static void
give_up (WlStack    *stack,
         WlArpEntry *e)
{
  GQueue waiting;
  gint iface = e->iface;
  guint32 ip = e->ip;
  WlArpPending *p;
  guint64 prev_cause = wl_sim_get_cause (stack->sim);

  /* Take the packets and forget the neighbour first: the ICMP errors below may send packets
   * of their own through ARP. */
  waiting = e->pending;
  g_queue_init (&e->pending);
  e->timer = 0;
  wl_arp_cache_remove (stack, e);

  while ((p = g_queue_pop_head (&waiting)) != NULL)
    {
      guint64 drop = drop_pending (stack, iface, ip, p, WL_DROP_ARP_UNRESOLVED);

      /* RFC 1812 §4.3.3.1: a router that cannot reach the next hop says "host unreachable".
       * The error is caused by the drop. */
      wl_sim_set_cause (stack->sim, drop);
      wl_icmp_send_error (stack, wl_packet_data (p->pkt), wl_packet_len (p->pkt), p->ingress,
                          WL_ICMP_DEST_UNREACH, WL_ICMP_UNREACH_HOST, 0);
      wl_sim_set_cause (stack->sim, prev_cause);
      wl_packet_unref (p->pkt);
      g_free (p);
    }
}

static void
on_retry (WlSim   *sim,
          gpointer target,
          gpointer data)
{
  WlArpEntry *e = target;
  WlStack *stack = e->stack;

  e->timer = 0;
  if (e->requests >= WL_ARP_MAX_REQUESTS)
    {
      give_up (stack, e);
      return;
    }
  arp_send (stack, e->iface, WL_ARP_OP_REQUEST, &wl_mac_broadcast, &zero_mac, e->ip);
  e->requests++;
  e->timer = wl_sim_schedule (sim, WL_ARP_RETRANS, on_retry, e, NULL, NULL);
}

static void
enqueue (WlStack    *stack,
         WlArpEntry *e,
         WlPacket   *pkt,
         gint        ingress)
{
  WlArpPending *p;

  if (g_queue_get_length (&e->pending) >= WL_ARP_QUEUE_MAX)
    {
      p = g_queue_pop_head (&e->pending);
      drop_pending (stack, e->iface, e->ip, p, WL_DROP_ARP_QUEUE_FULL);
      wl_packet_unref (p->pkt);
      g_free (p);
    }
  p = g_new (WlArpPending, 1);
  p->pkt = pkt;
  p->ingress = ingress;
  g_queue_push_tail (&e->pending, p);
}

void
wl_arp_output (WlStack  *stack,
               gint      iface,
               guint32   next_hop,
               WlPacket *pkt,
               gint      ingress)
{
  WlArpEntry *e = wl_arp_cache_lookup (stack, iface, next_hop);
  guint64 prev_cause, note;
  char ip[16];

  if (e != NULL && e->state == WL_ARP_REACHABLE)
    {
      wl_stack_ethernet_output (stack, iface, &e->mac, WL_ETHERTYPE_IPV4, pkt);
      return;
    }
  if (e != NULL)
    {
      /* Already asking: wait with the others, without a second request. */
      enqueue (stack, e, pkt, ingress);
      return;
    }

  e = wl_arp_cache_add_incomplete (stack, iface, next_hop);
  enqueue (stack, e, pkt, ingress);
  prev_cause = wl_sim_get_cause (stack->sim);
  note = _wl_stack_note (stack, iface, WL_PROTO_ARP, WL_LAYER_DATA_LINK, WL_NOTE_ARP_MISS,
                         "ip=%s iface=%s", wl_ip_format (next_hop, ip),
                         _wl_stack_iface_name (stack, iface));
  /* The request, its retries and, in the end, any give-up are all caused by the miss. */
  wl_sim_set_cause (stack->sim, note);
  on_retry (stack->sim, e, NULL);
  wl_sim_set_cause (stack->sim, prev_cause);
}
