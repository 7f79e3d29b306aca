/* wl-tcp-wire.h — the TCP header on the wire (RFC 9293 §3.1), and its options (§3.2).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                        Sequence Number                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Acknowledgment Number                      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Data |       |C|E|U|A|P|R|S|F|                               |
 *   | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 *   |       |       |R|E|G|K|H|T|N|N|                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |         Urgent Pointer        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           [Options]                           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Data Offset counts 32-bit words (5 without options, at most 15).  The checksum covers the
 * pseudo-header (source and destination address, zero, protocol 6, TCP length), the header
 * and the data, like UDP's — but for TCP it is never optional.
 *
 * Options are kind, length, value (kinds 0 "end of list" and 1 "no operation" are one byte).
 * We send only Maximum Segment Size (kind 2, length 4) and only on SYNs: no window scaling,
 * no SACK, no timestamps (see wl-tcp.c).  Reading, every option is walked and skipped by its
 * length so that a Linux SYN (MSS, SACK-permitted, timestamps, NOP, window scale) parses.
 *
 * Nothing here is laid over the bytes: a decoded header is a plain struct, filled field by
 * field at the offsets above.
 */
#pragma once

#include "proto/wl-wire.h"

#define WL_TCP_HLEN 20           /* without options */
#define WL_TCP_HLEN_MAX 60       /* Data Offset 15 */
#define WL_TCP_OFF_SPORT 0       /* tcp.srcport */
#define WL_TCP_OFF_DPORT 2       /* tcp.dstport */
#define WL_TCP_OFF_SEQ 4         /* tcp.seq_raw */
#define WL_TCP_OFF_ACK 8         /* tcp.ack_raw */
#define WL_TCP_OFF_DOFF 12       /* tcp.hdr_len (high 4 bits, in words) */
#define WL_TCP_OFF_FLAGS 13      /* tcp.flags (low 8 bits) */
#define WL_TCP_OFF_WINDOW 14     /* tcp.window_size_value */
#define WL_TCP_OFF_CSUM 16       /* tcp.checksum */
#define WL_TCP_OFF_URP 18        /* tcp.urgent_pointer */

#define WL_TCP_FIN 0x01
#define WL_TCP_SYN 0x02
#define WL_TCP_RST 0x04
#define WL_TCP_PSH 0x08
#define WL_TCP_ACK 0x10
#define WL_TCP_URG 0x20

#define WL_TCP_OPT_END 0
#define WL_TCP_OPT_NOP 1
#define WL_TCP_OPT_MSS 2         /* tcp.options.mss_val */
#define WL_TCP_OPT_MSS_LEN 4

#define WL_TCP_DEFAULT_MSS 536   /* RFC 9293 §3.7.1: assumed when a SYN carries no MSS */

/* One header, decoded. */
typedef struct
{
  guint16 sport;
  guint16 dport;
  guint32 seq;
  guint32 ack;
  guint8  flags;   /* WL_TCP_FIN … (the reserved, CWR and ECE bits are ignored) */
  guint16 window;
  guint16 urgent;
  guint   hlen;    /* bytes, options included */
  guint16 mss;     /* the MSS option's value, 0 when absent */
} WlTcpHeader;

/* Rule: an option list ends at End of Option List, at the end of the header, or at an
 * option whose length is below 2 or runs past the header (the rest is ignored, as Linux
 * does).  MSS counts only with its length of 4. */
static inline void
wl_tcp_options_decode (const guint8 *opt,
                       guint         len,
                       WlTcpHeader  *h)
{
  guint i = 0;

  while (i < len && opt[i] != WL_TCP_OPT_END)
    {
      guint olen;

      if (opt[i] == WL_TCP_OPT_NOP)
        {
          i++;
          continue;
        }
      if (len - i < 2 || (olen = opt[i + 1]) < 2 || olen > len - i)
        return;
      if (opt[i] == WL_TCP_OPT_MSS && olen == WL_TCP_OPT_MSS_LEN)
        h->mss = wl_get_u16 (opt + i + 2);
      i += olen;
    }
}

/* Reads the header at p (len bytes of segment).  Rule: at least 20 bytes, and a Data Offset
 * of at least 5 words that fits in the segment; FALSE (h undefined) otherwise. */
static inline gboolean
wl_tcp_header_decode (const guint8 *p,
                      gsize         len,
                      WlTcpHeader  *h)
{
  if (len < WL_TCP_HLEN)
    return FALSE;
  h->hlen = (guint) (p[WL_TCP_OFF_DOFF] >> 4) * 4;
  if (h->hlen < WL_TCP_HLEN || h->hlen > len)
    return FALSE;
  h->sport = wl_get_u16 (p + WL_TCP_OFF_SPORT);
  h->dport = wl_get_u16 (p + WL_TCP_OFF_DPORT);
  h->seq = wl_get_u32 (p + WL_TCP_OFF_SEQ);
  h->ack = wl_get_u32 (p + WL_TCP_OFF_ACK);
  h->flags = p[WL_TCP_OFF_FLAGS] & 0x3f;
  h->window = wl_get_u16 (p + WL_TCP_OFF_WINDOW);
  h->urgent = wl_get_u16 (p + WL_TCP_OFF_URP);
  h->mss = 0;
  wl_tcp_options_decode (p + WL_TCP_HLEN, h->hlen - WL_TCP_HLEN, h);
  return TRUE;
}

/* The header length h will be sent with: 24 bytes when it carries the MSS option. */
static inline guint
wl_tcp_header_len (const WlTcpHeader *h)
{
  return h->mss != 0 ? WL_TCP_HLEN + WL_TCP_OPT_MSS_LEN : WL_TCP_HLEN;
}

/* Writes h at p (wl_tcp_header_len bytes) with a zero checksum; returns the length. */
static inline guint
wl_tcp_header_encode (guint8            *p,
                      const WlTcpHeader *h)
{
  guint hlen = wl_tcp_header_len (h);

  wl_put_u16 (p + WL_TCP_OFF_SPORT, h->sport);
  wl_put_u16 (p + WL_TCP_OFF_DPORT, h->dport);
  wl_put_u32 (p + WL_TCP_OFF_SEQ, h->seq);
  wl_put_u32 (p + WL_TCP_OFF_ACK, h->ack);
  p[WL_TCP_OFF_DOFF] = (guint8) ((hlen / 4) << 4);
  p[WL_TCP_OFF_FLAGS] = h->flags;
  wl_put_u16 (p + WL_TCP_OFF_WINDOW, h->window);
  wl_put_u16 (p + WL_TCP_OFF_CSUM, 0);
  wl_put_u16 (p + WL_TCP_OFF_URP, h->urgent);
  if (h->mss != 0)
    {
      p[WL_TCP_HLEN] = WL_TCP_OPT_MSS;
      p[WL_TCP_HLEN + 1] = WL_TCP_OPT_MSS_LEN;
      wl_put_u16 (p + WL_TCP_HLEN + 2, h->mss);
    }
  return hlen;
}

/* The checksum over the pseudo-header and len bytes of segment (header + data).  Sending:
 * computed with the field zero, then stored.  Receiving: 0 when the segment is intact. */
static inline guint16
wl_tcp_checksum (guint32       src,
                 guint32       dst,
                 const guint8 *seg,
                 gsize         len)
{
  guint32 sum = wl_inet_pseudo_header_sum (src, dst, 6, (guint16) len);

  return wl_inet_checksum_finish (wl_inet_checksum_add (sum, seg, len));
}

/* Sequence numbers wrap at 2^32: compare them as RFC 9293 §3.4 does, modulo 2^32. */
#define WL_SEQ_LT(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) < 0)
#define WL_SEQ_LEQ(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) <= 0)
#define WL_SEQ_GT(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) > 0)
#define WL_SEQ_GEQ(a, b) ((gint32) ((guint32) (a) - (guint32) (b)) >= 0)
