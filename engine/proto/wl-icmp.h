/* wl-icmp.h — ICMP (RFC 792, RFC 1122 §3.2.2, RFC 1812 §4.3): echo, destination unreachable,
 * time exceeded; and the listeners (ping, traceroute) that hear replies and errors.
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "proto/wl-ipv4.h"

G_BEGIN_DECLS

typedef struct _WlStack   WlStack;
typedef struct _WlStackRx WlStackRx;

/* An ICMP message the stack received (or, with local set, one it made up for its own packet
 * that could not go: Linux reports those to the sending socket the same way). */
typedef struct
{
  guint8        type;
  guint8        code;
  guint32       rest;      /* header bytes 4..7: identifier << 16 | sequence for echo */
  guint32       src;       /* of the IPv4 packet that carried it */
  guint32       dst;
  guint8        ttl;
  gint          iface;     /* arrival interface; for local errors the egress one, or -1 */
  gboolean      local;
  const guint8 *data;      /* after the 8-byte header: echo data, or the quoted datagram */
  gsize         data_len;
} WlIcmpMessage;

/* The datagram quoted in an error message. */
typedef struct
{
  guint32       src;
  guint32       dst;
  guint8        proto;
  guint16       id;
  const guint8 *l4;        /* the first bytes of its payload (8 or more) */
  gsize         l4_len;
} WlIcmpQuote;

/* Returns TRUE when it took the message (later listeners do not see it). */
typedef gboolean (*WlIcmpListenFunc) (WlStack             *stack,
                                      const WlIcmpMessage *msg,
                                      gpointer             user_data);

typedef struct
{
  GArray *listeners;  /* of an internal record, in registration order */
  guint   next_id;
} WlIcmpListeners;

void     wl_icmp_listeners_init (WlIcmpListeners *ls);
void     wl_icmp_listeners_clear (WlIcmpListeners *ls);
/* Listeners hear echo replies and errors.  Not to be removed from inside a listener. */
guint    wl_icmp_add_listener (WlStack         *stack,
                               WlIcmpListenFunc func,
                               gpointer         user_data);
void     wl_icmp_remove_listener (WlStack *stack,
                                  guint    id);
gboolean wl_icmp_message_get_quote (const WlIcmpMessage *msg,
                                    WlIcmpQuote         *out);

/* An ICMP message arrived for us: pkt starts at the ICMP header.  Takes ownership. */
void     wl_icmp_input (WlStack          *stack,
                        const WlStackRx  *rx,
                        WlPacket         *pkt,
                        const WlIpv4Info *ip);
/* Prepends the 8-byte header (rest = bytes 4..7) to data, checksums and sends.  ttl 0 means
 * the default.  Takes ownership of data. */
void     wl_icmp_send (WlStack  *stack,
                       guint32   src,
                       guint32   dst,
                       guint8    type,
                       guint8    code,
                       guint32   rest,
                       WlPacket *data,
                       guint8    ttl,
                       gboolean  df);
/* Reports an error about the IPv4 packet ip (len bytes from its header) to its source,
 * following RFC 1122 §3.2.2: nothing about ICMP errors, non-first fragments, broadcasts or
 * multicasts.  ingress is where the packet came in (-1: made here, so the error goes to our
 * own listeners instead of the wire). */
void     wl_icmp_send_error (WlStack      *stack,
                             const guint8 *ip,
                             gsize         len,
                             gint          ingress,
                             guint8        type,
                             guint8        code,
                             guint32       rest);

G_END_DECLS
