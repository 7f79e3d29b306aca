/* wl-wire.h — reading and writing protocol fields in network byte order, and the Internet
 * checksum (RFC 1071) that IPv4, ICMP, UDP and TCP share.
 *
 * Headers are never laid over bytes as packed structs: each field is read and written
 * through these helpers at its offset, the way the RFC diagrams number them.
 */
#pragma once

#include <glib.h>
#include <string.h>

G_BEGIN_DECLS

static inline guint16
wl_get_u16 (const guint8 *p)
{
  return (guint16) (p[0] << 8 | p[1]);
}

static inline guint32
wl_get_u32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static inline void
wl_put_u16 (guint8 *p, guint16 v)
{
  p[0] = v >> 8;
  p[1] = v & 0xff;
}

static inline void
wl_put_u32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = (v >> 16) & 0xff;
  p[2] = (v >> 8) & 0xff;
  p[3] = v & 0xff;
}

/* One's-complement sum of 16-bit words (odd length: last byte padded with zero), added to
 * sum; fold with wl_inet_checksum_finish.  Chaining lets UDP/TCP add the pseudo-header. */
guint32 wl_inet_checksum_add (guint32 sum, const guint8 *data, gsize len);
guint16 wl_inet_checksum_finish (guint32 sum);
/* The checksum field value for data (whose checksum field is zero). */
guint16 wl_inet_checksum (const guint8 *data, gsize len);
/* Sum of the IPv4 pseudo-header for UDP/TCP (RFC 768, RFC 9293 §3.1). */
guint32 wl_inet_pseudo_header_sum (guint32 src, guint32 dst, guint8 proto, guint16 length);

G_END_DECLS
