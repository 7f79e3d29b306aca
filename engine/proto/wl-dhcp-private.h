/* wl-dhcp-private.h — what the DHCP client, server and relay share (wl-dhcp-io.c). */
#pragma once

#include "proto/wl-dhcp.h"
#include "proto/wl-udp.h"

G_BEGIN_DECLS

/* Header values of ISC dhclient, dhcpd and dhcrelay when they build a frame themselves. */
#define WL_DHCP_RAW_TTL 128
#define WL_DHCP_RAW_TOS 0x10  /* IPTOS_LOWDELAY */

/* Sends msg as ISC's daemons send through their packet socket (Linux LPF): the IPv4 and UDP
 * headers are built here, not by the stack — TOS 0x10, Identification 0, TTL 128, UDP
 * checksum — and the frame goes to dst_mac out of iface without a route lookup or ARP.  This
 * is how a client with no address yet can send from 0.0.0.0, and how a server or relay
 * reaches a client that cannot answer ARP. */
void     _wl_dhcp_send_raw (WlStack             *stack,
                            gint                 iface,
                            const WlMac         *dst_mac,
                            guint32              src,
                            guint32              dst,
                            guint16              sport,
                            guint16              dport,
                            const WlDhcpMessage *msg);
/* Sends msg through the stack's UDP (a normal socket: routed, ARP, the stack's headers).
 * src 0: the egress interface's address. */
void     _wl_dhcp_send_udp (WlStack             *stack,
                            guint32              src,
                            guint32              dst,
                            guint16              sport,
                            guint16              dport,
                            const WlDhcpMessage *msg);
/* Decodes a datagram's payload (and unrefs it).  On failure the message is dropped with a
 * malformed event naming the broken rule ("error=bad-option") and FALSE is returned. */
gboolean _wl_dhcp_receive (WlStack         *stack,
                           const WlUdpInfo *info,
                           WlPacket        *payload,
                           WlDhcpMessage   *out);
/* A note of proto dhcp at layer 7 on stack's device. */
guint64  _wl_dhcp_note (WlStack    *stack,
                        gint        iface,
                        WlCode      code,
                        const char *format,
                        ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
