/* wl-ipv4.h — IPv4 (RFC 791, RFC 1122 for hosts, RFC 1812 for routers): sending, receiving,
 * forwarding, fragmentation and reassembly.
 *
 *   wl-ipv4.c          receive checks, local delivery, sending (route, header, hand to ARP)
 *   wl-ipv4-forward.c  what a router does with a packet for someone else
 *   wl-ipv4-frag.c     cutting packets to the egress MTU and joining fragments at the target
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "core/wl-sim.h"

G_BEGIN_DECLS

typedef struct _WlStack   WlStack;
typedef struct _WlStackRx WlStackRx;

#define WL_IPV4_DEFAULT_TTL 64            /* Linux net.ipv4.ip_default_ttl */
#define WL_REASM_TIMEOUT (30 * WL_S)      /* Linux net.ipv4.ipfrag_time */
#define WL_REASM_MAX_BYTES (256 * 1024)   /* per stack; Linux's ipfrag_high_thresh until 4.17 */

/* What the upper layers learn about the packet that carried their message. */
typedef struct
{
  guint32       src;
  guint32       dst;
  guint8        proto;
  guint8        ttl;
  guint16       id;
  gint          iface;        /* interface it arrived on */
  gboolean      to_broadcast; /* dst was a broadcast or multicast address */
  const guint8 *hdr;          /* the IPv4 header, valid while the handler runs */
  guint         hlen;
} WlIpv4Info;

/* How to send a packet. */
typedef struct
{
  guint32  src;    /* 0: the address of the egress interface */
  guint32  dst;
  guint8   proto;
  guint8   ttl;    /* 0: WL_IPV4_DEFAULT_TTL */
  guint8   tos;
  gboolean df;     /* set Don't Fragment */
} WlIpv4Send;

/* Reassembly buffers of one stack. */
typedef struct
{
  GHashTable *bufs;   /* WlReasmKey* → WlReasmBuf*, owned */
  gsize       bytes;  /* data bytes held by all buffers */
} WlReasmTable;

/* An IPv4 packet arrived (Ethernet header pulled).  Takes ownership. */
void       wl_ipv4_input (WlStack         *stack,
                          const WlStackRx *rx,
                          WlPacket        *pkt);
/* Prepends an IPv4 header to the payload and sends it.  Takes ownership.  Packets that cannot
 * go (no route, too big with DF, ARP failure) are dropped with an event, and the stack's ICMP
 * listeners hear of it as a local error. */
void       wl_ipv4_output (WlStack          *stack,
                           WlPacket         *payload,
                           const WlIpv4Send *params);
/* The source address a packet to dst would carry (the egress interface's), 0 when no route. */
guint32    wl_ipv4_select_source (WlStack *stack,
                                  guint32  dst);
/* TRUE when ip is an address of one of the stack's interfaces. */
gboolean   wl_ipv4_is_local (WlStack *stack,
                             guint32  ip);

/* Writes a 20-byte header with its checksum at hdr. frag holds flags and offset (8-byte
 * units) as on the wire. */
void       wl_ipv4_write_header (guint8  *hdr,
                                 guint16  total_len,
                                 guint16  id,
                                 guint16  frag,
                                 guint8   ttl,
                                 guint8   proto,
                                 guint32  src,
                                 guint32  dst,
                                 guint8   tos);

/* Fragmentation and reassembly (wl-ipv4-frag.c) */
void       wl_reasm_table_init (WlReasmTable *table);
void       wl_reasm_table_clear (WlReasmTable *table);
/* Cuts a packet (header included) into fragments that fit mtu.  Returns new packets in
 * order; pkt is not changed.  NULL when the header leaves no room for 8 data bytes. */
GPtrArray *wl_ipv4_fragment (WlPacket *pkt,
                             guint     mtu);

G_END_DECLS
