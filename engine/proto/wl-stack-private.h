/* wl-stack-private.h — what the protocol files of a stack tell each other. */
#pragma once

#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* Notes and drops of this stack's device (see wl-stack.c). */
guint64        _wl_stack_note (WlStack    *stack,
                               gint        iface,
                               WlProto     proto,
                               WlLayer     layer,
                               WlCode      code,
                               const char *args_format,
                               ...) G_GNUC_PRINTF (6, 7);
/* Drops a received packet; the event shows the whole frame as it was on the wire when pkt is
 * rx's frame, whatever headers were pulled since (its protocol is then the frame's top one,
 * as for sent and received frames).  proto is used only for a datagram rebuilt from
 * fragments, which has no frame and is reported without bytes. */
guint64        _wl_stack_drop_rx (WlStack         *stack,
                                  const WlStackRx *rx,
                                  WlPacket        *pkt,
                                  WlProto          proto,
                                  WlLayer          layer,
                                  WlCode           code,
                                  const char      *args);
/* Drops an IPv4 packet that is not a frame (being sent, or waiting for ARP): the event has no
 * bytes, its protocol is the packet's (icmp, udp … or ip), and its args name the packet
 * ("src=… dst=… proto=… id=… len=…" then extra). */
guint64        _wl_stack_drop_ip (WlStack      *stack,
                                  gint          iface,
                                  WlLayer       layer,
                                  WlCode        code,
                                  const guint8 *ip,
                                  gsize         len,
                                  const char   *extra);
const char    *_wl_stack_iface_name (WlStack *stack,
                                     gint     iface);

/* IPv4 internals */
/* Route lookup for a packet to dst, with a route-chosen note; NULL when there is none. */
const WlRoute *_wl_ipv4_route (WlStack *stack,
                               guint32  dst,
                               guint64 *note_id);
/* The last step of sending: MTU check, fragmentation, ARP.  pkt has its header. */
void           _wl_ipv4_send_routed (WlStack       *stack,
                                     WlPacket      *pkt,
                                     const WlRoute *route,
                                     gint           ingress);
gboolean       _wl_ipv4_is_broadcast (WlStack *stack,
                                      guint32  dst);
void           _wl_ipv4_forward (WlStack         *stack,
                                 const WlStackRx *rx,
                                 WlPacket        *pkt);
/* Takes a fragment for us; returns the whole datagram (a new packet) when it is complete,
 * else NULL.  Takes ownership of pkt. */
WlPacket      *_wl_ipv4_reassemble (WlStack         *stack,
                                    const WlStackRx *rx,
                                    WlPacket        *pkt);

G_END_DECLS
