/* wl-dissect-private.h — what the per-protocol dissector files share with the core.
 *
 * Every protocol file has one static field table (rows indexed by an enum, like Wireshark's
 * hf_ array) and one function that decodes its header from a byte range of the frame.  The
 * same functions serve wl_dissect_classify(): then the context has no dissection, layer
 * pointers are NULL, every _wl_dissect_add_*() returns at once and checksums are skipped, so
 * classification walks the headers without allocating.
 *
 * Bounds rule: a protocol function gets [offset, end) with end <= ctx->len, and reads a byte
 * only after checking it lies below end (WL_DISSECT_FITS).  Offsets are guint and lengths come
 * from the frame, so every comparison is written as a subtraction that cannot wrap.
 */
#pragma once

#include "wl-dissect.h"

G_BEGIN_DECLS

/* TRUE when n bytes starting at off lie inside [.., end). */
#define WL_DISSECT_FITS(off, n, end) ((off) <= (end) && (gsize) (n) <= (gsize) ((end) - (off)))

typedef struct
{
  const guint8 *data;   /* the frame */
  guint len;            /* bytes before the FCS */
  guint frame_len;      /* all bytes including the FCS: what Wireshark calls pkt_len */
  WlDissection *d;      /* NULL when classifying */
  guint depth;          /* 0, or 1 while decoding the packet quoted in an ICMP error */

  WlProto top_proto;
  WlLayer top_layer;

  /* Set by IPv4 for the protocol it carries. */
  guint32 ip_src, ip_dst;
  gboolean ip_fragment;    /* MF set or offset non-zero: checksums above cannot be checked */
  guint ip_payload_len;    /* payload length the IP header claims (reported length) */
} WlDissectCtx;

static inline guint
wl_dissect_get16 (const guint8 *p)
{
  return ((guint) p[0] << 8) | p[1];
}

static inline guint32
wl_dissect_get32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* Layers: a new layer goes at the end of the list; NULL when classifying. */
WlDissectLayer *_wl_dissect_layer_new (WlDissectCtx *ctx,
                                       WlProto       proto,
                                       const char   *abbrev,
                                       const char   *name,
                                       WlLayer       osi,
                                       guint         offset,
                                       guint         length);
void _wl_dissect_truncated (WlDissectCtx   *ctx,
                            WlDissectLayer *layer);
void _wl_dissect_malformed (WlDissectCtx   *ctx,
                            WlDissectLayer *layer);
/* The bytes [offset, end) as a "data" layer (nothing if empty). */
void _wl_dissect_data (WlDissectCtx *ctx,
                       guint         offset,
                       guint         end,
                       WlLayer       osi);

/* Fields.  All return at once when layer is NULL. */
void _wl_dissect_add_uint   (WlDissectLayer    *layer,
                             const WlFieldInfo *info,
                             guint              offset,
                             guint              length,
                             guint64            value);
void _wl_dissect_add_bool   (WlDissectLayer    *layer,
                             const WlFieldInfo *info,
                             guint              offset,
                             guint              length,
                             gboolean           value);
void _wl_dissect_add_mac    (WlDissectLayer    *layer,
                             const WlFieldInfo *info,
                             const guint8      *frame,
                             guint              offset);
void _wl_dissect_add_ipv4   (WlDissectLayer    *layer,
                             const WlFieldInfo *info,
                             const guint8      *frame,
                             guint              offset);
void _wl_dissect_add_bytes  (WlDissectLayer    *layer,
                             const WlFieldInfo *info,
                             const guint8      *frame,
                             guint              offset,
                             guint              length);
void _wl_dissect_add_string (WlDissectLayer    *layer,
                             const WlFieldInfo *info,
                             guint              offset,
                             guint              length,
                             const char        *text);

/* Internet checksum (RFC 1071): the running one's-complement sum of 16-bit words. */
guint32 _wl_dissect_inet_sum  (const guint8 *p,
                               gsize         n,
                               guint32       sum);
/* TRUE when the folded sum is 0xffff, i.e. the checksummed range is intact. */
gboolean _wl_dissect_inet_ok  (guint32 sum);
/* Sum of the UDP/TCP pseudo-header (RFC 768 / RFC 793). */
guint32 _wl_dissect_pseudo_sum (const WlDissectCtx *ctx,
                                guint               proto,
                                guint               length);

/* Protocol decoders.  Each returns where its packet ends (ARP and IPv4 use this to find
 * Ethernet padding; the others return end). */
void  _wl_dissect_eth  (WlDissectCtx *ctx);
guint _wl_dissect_arp  (WlDissectCtx *ctx, guint offset, guint end);
guint _wl_dissect_ip   (WlDissectCtx *ctx, guint offset, guint end);
void  _wl_dissect_icmp (WlDissectCtx *ctx, guint offset, guint end);
void  _wl_dissect_udp  (WlDissectCtx *ctx, guint offset, guint end);
void  _wl_dissect_tcp  (WlDissectCtx *ctx, guint offset, guint end);
void  _wl_dissect_dhcp (WlDissectCtx *ctx, guint offset, guint end);  /* UDP ports 67, 68 */
void  _wl_dissect_dns  (WlDissectCtx *ctx, guint offset, guint end);  /* UDP port 53 */
void  _wl_dissect_http (WlDissectCtx *ctx, guint offset, guint end);  /* TCP port 80 */

/* Summaries, one per protocol: the Info text for a dissection whose top layer is theirs. */
char *_wl_dissect_eth_summary  (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_arp_summary  (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_ip_summary   (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_icmp_summary (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_udp_summary  (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_tcp_summary  (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_dhcp_summary (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_dns_summary  (const WlDissection *d, const WlDissectLayer *layer);
char *_wl_dissect_http_summary (const WlDissection *d, const WlDissectLayer *layer);

/* A field's number, or fallback when the layer lacks it. */
guint64 _wl_dissect_layer_uint (const WlDissectLayer *layer,
                                const char           *abbrev,
                                guint64               fallback);
/* The depth-0 layer right before `layer` with this abbreviation, or NULL. */
const WlDissectLayer *_wl_dissect_outer_layer (const WlDissection   *d,
                                               const WlDissectLayer *layer,
                                               const char           *abbrev);

/* Field tables. */
extern const WlFieldInfo _wl_dissect_eth_fields[];
extern const guint _wl_dissect_n_eth_fields;
extern const WlFieldInfo _wl_dissect_arp_fields[];
extern const guint _wl_dissect_n_arp_fields;
extern const WlFieldInfo _wl_dissect_ip_fields[];
extern const guint _wl_dissect_n_ip_fields;
extern const WlFieldInfo _wl_dissect_icmp_fields[];
extern const guint _wl_dissect_n_icmp_fields;
extern const WlFieldInfo _wl_dissect_udp_fields[];
extern const guint _wl_dissect_n_udp_fields;
extern const WlFieldInfo _wl_dissect_tcp_fields[];
extern const guint _wl_dissect_n_tcp_fields;
extern const WlFieldInfo _wl_dissect_dhcp_fields[];
extern const guint _wl_dissect_n_dhcp_fields;
extern const WlFieldInfo _wl_dissect_dns_fields[];
extern const guint _wl_dissect_n_dns_fields;
extern const WlFieldInfo _wl_dissect_http_fields[];
extern const guint _wl_dissect_n_http_fields;

/* Rows for tables: the explanation key is the abbreviation. */
#define WL_ROW_DEC(a, n)     { a, n, a, WL_FIELD_UINT, WL_FIELD_BASE_DEC, 0 }
#define WL_ROW_HEX(a, n, w)  { a, n, a, WL_FIELD_UINT, WL_FIELD_BASE_HEX, w }
#define WL_ROW(a, n, t)      { a, n, a, t, WL_FIELD_BASE_NONE, 0 }

G_END_DECLS
