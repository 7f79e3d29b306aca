/* wl-ethernet.c — Ethernet II framing for a host or router: the receive filter, the demux by
 * EtherType, and putting the header on frames that leave.
 *
 * Standards: IEEE 802.3 (the frame), RFC 894 (IPv4 over Ethernet: EtherType 0x0800),
 * RFC 826 (ARP: EtherType 0x0806).
 *
 * Where it sits: the bottom of the stack.  The port layer (engine/core/wl-device.c) has
 * already checked and stripped the FCS; from here a frame goes up to ARP or IPv4, and frames
 * from them go down to wl_port_send_frame, which pads to 60 bytes and appends the FCS.
 *
 * State: none of its own; the MAC addresses are the ports'.
 *
 *    0                   6                  12      14
 *   +-------------------+-------------------+-------+-------------------+
 *   | destination MAC   | source MAC        | type  | payload           |
 *   +-------------------+-------------------+-------+-------------------+
 *
 * Receive rule (what a NIC not in promiscuous mode does): keep a frame when its destination
 * is this port's MAC or the broadcast address; anything else is another station's frame and
 * is dropped as not-for-us.  Multicast frames are dropped too: nothing in Wirelab joins a
 * multicast group yet.
 */
#define G_LOG_DOMAIN "wl-ethernet"
#include "config.h"

#include <string.h>

#include "wl-stack-private.h"
#include "wl-ethernet-wire.h"

void
wl_stack_input (WlStack  *stack,
                WlPort   *port,
                WlPacket *frame)
{
  WlStackRx rx = { 0 };
  const guint8 *eth;
  WlMac dst;
  guint16 type;

  g_return_if_fail (port->device == stack->device && (guint) port->index < stack->n_ifaces);

  rx.iface = &stack->ifaces[port->index];
  rx.frame = frame;
  rx.frame_head = frame->head;
  rx.frame_len = wl_packet_len (frame);

  /* Rule: a frame holds at least the 14-byte header. */
  if (wl_packet_len (frame) < WL_ETH_HLEN)
    {
      _wl_stack_drop_rx (stack, &rx, frame, WL_PROTO_ETH, WL_LAYER_DATA_LINK, WL_DROP_MALFORMED,
                         NULL);
      wl_packet_unref (frame);
      return;
    }
  eth = wl_packet_data (frame);
  memcpy (dst.b, eth + WL_ETH_OFF_DST, 6);
  type = wl_get_u16 (eth + WL_ETH_OFF_TYPE);

  if (!wl_mac_equal (&dst, &port->mac) && !wl_mac_is_broadcast (&dst))
    {
      _wl_stack_drop_rx (stack, &rx, frame, WL_PROTO_ETH, WL_LAYER_DATA_LINK, WL_DROP_NOT_FOR_US,
                         NULL);
      wl_packet_unref (frame);
      return;
    }

  wl_packet_pull (frame, WL_ETH_HLEN);
  switch (type)
    {
    case WL_ETHERTYPE_ARP:
      wl_arp_input (stack, &rx, frame);
      break;
    case WL_ETHERTYPE_IPV4:
      wl_ipv4_input (stack, &rx, frame);
      break;
    default:
      /* IPv6 (0x86dd), LLDP … : nobody here speaks it. */
      _wl_stack_drop_rx (stack, &rx, frame, WL_PROTO_ETH, WL_LAYER_DATA_LINK,
                         WL_DROP_UNKNOWN_PROTOCOL, NULL);
      wl_packet_unref (frame);
      break;
    }
}

void
wl_stack_ethernet_output (WlStack     *stack,
                          gint         iface,
                          const WlMac *dst,
                          guint16      ethertype,
                          WlPacket    *pkt)
{
  WlPort *port;
  guint8 *eth;

  g_return_if_fail (iface >= 0 && (guint) iface < stack->n_ifaces);

  port = stack->ifaces[iface].port;
  eth = wl_packet_push (pkt, WL_ETH_HLEN);
  memcpy (eth + WL_ETH_OFF_DST, dst->b, 6);
  memcpy (eth + WL_ETH_OFF_SRC, port->mac.b, 6);
  wl_put_u16 (eth + WL_ETH_OFF_TYPE, ethertype);
  wl_port_send_frame (port, pkt);
}
