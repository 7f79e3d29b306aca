/* wl-udp.h — UDP (RFC 768): datagrams between ports, and the table of who listens where.
 *
 * The port table lives in each stack (WlUdpTable): binding a port registers a handler that
 * gets every datagram for it.  Sockets with queues, DHCP and DNS build on this later.
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "proto/wl-ipv4.h"

G_BEGIN_DECLS

typedef struct _WlStack   WlStack;
typedef struct _WlStackRx WlStackRx;

#define WL_UDP_EPHEMERAL_MIN 32768  /* Linux net.ipv4.ip_local_port_range */
#define WL_UDP_EPHEMERAL_MAX 60999

/* A datagram's addresses, as its handler sees them. */
typedef struct
{
  guint32 src;
  guint32 dst;
  guint16 sport;
  guint16 dport;
  guint8  ttl;
  gint    iface;  /* arrival interface */
} WlUdpInfo;

/* Gets the payload (UDP header pulled) and owns it. */
typedef void (*WlUdpRecvFunc) (WlStack         *stack,
                               const WlUdpInfo *info,
                               WlPacket        *payload,
                               gpointer         user_data);

typedef struct
{
  GHashTable *bindings;        /* port → WlUdpBinding*, owned */
  guint16     next_ephemeral;  /* where the next search for a free port starts */
} WlUdpTable;

/* What to send. */
typedef struct
{
  guint32  src;    /* 0: the egress interface's address */
  guint32  dst;
  guint16  sport;
  guint16  dport;
  guint8   ttl;    /* 0: default */
  gboolean df;
} WlUdpSend;

void     wl_udp_table_init (WlUdpTable *table,
                            guint       seed);
void     wl_udp_table_clear (WlUdpTable *table);
/* FALSE when the port is taken. */
gboolean wl_udp_bind (WlStack      *stack,
                      guint16       port,
                      WlUdpRecvFunc func,
                      gpointer      user_data);
void     wl_udp_unbind (WlStack *stack,
                        guint16  port);
gboolean wl_udp_is_bound (WlStack *stack,
                          guint16  port);
/* A free port from the ephemeral range (not bound, not handed out recently). */
guint16  wl_udp_alloc_port (WlStack *stack);

/* Prepends the header to payload, computes the checksum and sends.  Takes ownership. */
void     wl_udp_send (WlStack         *stack,
                      const WlUdpSend *params,
                      WlPacket        *payload);
/* A UDP datagram arrived for us: pkt starts at the UDP header.  Takes ownership. */
void     wl_udp_input (WlStack          *stack,
                       const WlStackRx  *rx,
                       WlPacket         *pkt,
                       const WlIpv4Info *ip);

G_END_DECLS
