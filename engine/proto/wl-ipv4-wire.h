/* wl-ipv4-wire.h — the IPv4 header on the wire (RFC 791 §3.1), 20 bytes without options.
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
 *   |                    Options (IHL > 5)          |    Padding    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * IHL and the fragment offset count in units (4 and 8 bytes); Flags are 0, DF, MF.
 */
#pragma once

#include "proto/wl-wire.h"

#define WL_IPV4_HLEN 20         /* without options */
#define WL_IPV4_MAX_LEN 65535   /* Total Length is 16 bits */
#define WL_IPV4_OFF_VER_IHL 0   /* ip.version, ip.hdr_len */
#define WL_IPV4_OFF_TOS 1       /* ip.dsfield */
#define WL_IPV4_OFF_LEN 2       /* ip.len */
#define WL_IPV4_OFF_ID 4        /* ip.id */
#define WL_IPV4_OFF_FRAG 6      /* ip.flags, ip.frag_offset */
#define WL_IPV4_OFF_TTL 8       /* ip.ttl */
#define WL_IPV4_OFF_PROTO 9     /* ip.proto */
#define WL_IPV4_OFF_CSUM 10     /* ip.checksum */
#define WL_IPV4_OFF_SRC 12      /* ip.src */
#define WL_IPV4_OFF_DST 16      /* ip.dst */

#define WL_IPV4_FLAG_DF 0x4000  /* ip.flags.df: don't fragment */
#define WL_IPV4_FLAG_MF 0x2000  /* ip.flags.mf: more fragments follow */
#define WL_IPV4_OFFSET_MASK 0x1fff

#define WL_IP_PROTO_ICMP 1
#define WL_IP_PROTO_TCP 6
#define WL_IP_PROTO_UDP 17

#define WL_IPV4_BROADCAST 0xffffffffu

static inline guint
wl_ipv4_hlen (const guint8 *hdr)
{
  return (guint) (hdr[WL_IPV4_OFF_VER_IHL] & 0x0f) * 4;
}

/* Offset of the fragment's data in bytes (the field counts 8-byte units). */
static inline guint
wl_ipv4_frag_offset (const guint8 *hdr)
{
  return (guint) (wl_get_u16 (hdr + WL_IPV4_OFF_FRAG) & WL_IPV4_OFFSET_MASK) * 8;
}

static inline gboolean
wl_ipv4_more_fragments (const guint8 *hdr)
{
  return (wl_get_u16 (hdr + WL_IPV4_OFF_FRAG) & WL_IPV4_FLAG_MF) != 0;
}

static inline gboolean
wl_ipv4_is_fragment (const guint8 *hdr)
{
  return (wl_get_u16 (hdr + WL_IPV4_OFF_FRAG) & (WL_IPV4_FLAG_MF | WL_IPV4_OFFSET_MASK)) != 0;
}

static inline gboolean
wl_ipv4_is_multicast (guint32 ip)
{
  return (ip >> 28) == 0xe;  /* 224.0.0.0/4, class D */
}
