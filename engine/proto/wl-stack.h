/* wl-stack.h — the IPv4 protocol stack of one host or router.
 *
 * A stack sits between a device's ports and its applications:
 *
 *      ping, traceroute (engine/devices)         applications
 *              |                 |
 *            ICMP               UDP   TCP         wl-icmp.c, wl-udp.c, wl-tcp*.c
 *               \               /
 *                IPv4 ---- routes                 wl-ipv4*.c, wl-route.c
 *                  |
 *                 ARP (neighbour cache)           wl-arp.c, wl-arp-cache.c
 *                  |
 *              Ethernet demux                     wl-ethernet.c
 *                  |
 *          ports (WlPort, engine/core)
 *
 * Every table of the stack lives in this struct, never in a file-level variable: one process
 * runs hundreds of stacks side by side.  The struct is plain data, readable by the protocol
 * files; only those change it.
 *
 * Events: every note and drop a stack emits names its device and interface, and is caused by
 * whatever made the stack act (a frame received, a timer, a scenario action).
 */
#pragma once

#include <glib.h>

#include "core/wl-device.h"
#include "lab/wl-lab.h"
#include "proto/wl-arp.h"
#include "proto/wl-icmp.h"
#include "proto/wl-ipv4.h"
#include "proto/wl-route.h"
#include "proto/wl-tcp.h"
#include "proto/wl-udp.h"

G_BEGIN_DECLS

typedef struct _WlStack      WlStack;
typedef struct _WlStackIface WlStackIface;
typedef struct _WlStackRx    WlStackRx;
typedef struct _WlDhcpClient WlDhcpClient;  /* proto/wl-dhcp.h */

/* One interface: a port of the device with its IPv4 address. */
struct _WlStackIface
{
  WlPort       *port;     /* borrowed from the device */
  gint          index;    /* = port->index */
  guint32       address;  /* 0 when the interface has none */
  guint         prefix;
  WlDhcpClient *dhcp;     /* its DHCP client (owned by the stack's apps), NULL when static:
                           * while it has no address, unicast UDP for any address is ours
                           * (wl-ipv4.c) */
};

/* Where the packet being handled came from, so that a drop can show the frame as it arrived.
 * Receiving only pulls headers and trims padding, never writes: the frame's bytes stay where
 * they were in the packet's buffer while the stack looks at it. */
struct _WlStackRx
{
  WlStackIface *iface;       /* arrival interface */
  WlPacket     *frame;       /* the received packet, or NULL for one rebuilt by reassembly */
  gsize         frame_head;  /* frame->head where its Ethernet header starts */
  gsize         frame_len;   /* its length as received (FCS stripped) */
};

struct _WlStack
{
  WlDevice        *device;     /* borrowed: the device owns the stack */
  WlSim           *sim;
  WlStackIface    *ifaces;     /* one per port, same index */
  guint            n_ifaces;
  gboolean         forwarding; /* a router (RFC 1812) rather than a host (RFC 1122) */
  guint16          next_ip_id; /* Identification of the next packet sent */
  guint16          next_app_id;/* ICMP identifiers handed to ping and tracert */
  WlRouteTable     routes;
  WlArpTable       arp;
  WlReasmTable     reasm;
  WlUdpTable       udp;
  WlTcpTable       tcp;
  WlIcmpListeners  icmp;
  GPtrArray       *apps;       /* running applications, freed with the stack */
};

/* A stack for dev with one interface per port, no addresses yet.  Identification numbers
 * start at a value derived from the simulation seed and the device index. */
WlStack      *wl_stack_new (WlDevice *device,
                            gboolean  forwarding);
/* A stack configured from the lab: addresses, connected routes, static routes, gateway. */
WlStack      *wl_stack_new_from_lab (WlDevice          *device,
                                     const WlLabDevice *cfg,
                                     gboolean           forwarding);
void          wl_stack_free (WlStack *stack);

/* Gives an interface its address and adds its connected route. */
void          wl_stack_set_address (WlStack *stack,
                                    guint    iface,
                                    guint32  address,
                                    guint    prefix);
/* Takes an interface's address away (DHCP release or expiry), with every route through the
 * interface: its connected route, and the gateway and static routes whose next hop it
 * reached (Linux flushes them with the address). */
void          wl_stack_clear_address (WlStack *stack,
                                      guint    iface);
/* Adds a static route.  iface < 0: the interface whose connected network holds via.
 * Returns FALSE (adding nothing) when no interface reaches via. */
gboolean      wl_stack_add_route (WlStack       *stack,
                                  guint32        network,
                                  guint          prefix,
                                  guint32        via,
                                  gint           iface,
                                  WlRouteOrigin  origin);
WlStackIface *wl_stack_get_iface (WlStack *stack,
                                  gint     index);

/* A frame arrived on port (FCS stripped).  Takes ownership. */
void          wl_stack_input (WlStack  *stack,
                              WlPort   *port,
                              WlPacket *frame);
/* Prepends an Ethernet header and sends the frame out of iface.  Takes ownership. */
void          wl_stack_ethernet_output (WlStack     *stack,
                                        gint         iface,
                                        const WlMac *dst,
                                        guint16      ethertype,
                                        WlPacket    *pkt);

/* Keeps an application alive as long as the stack. */
void          wl_stack_add_app (WlStack       *stack,
                                gpointer       app,
                                GDestroyNotify destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlStack, wl_stack_free)

G_END_DECLS
