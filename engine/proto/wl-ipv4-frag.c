/* wl-ipv4-frag.c — IPv4 fragmentation (at any sender or router) and reassembly (at the
 * destination only).
 *
 * RFC 791 §2.3 and §3.2 (the algorithm), RFC 815 (reassembly with a list of holes),
 * RFC 1122 §3.3.2 (reassembly timeout; "time exceeded, code 1" to the source), RFC 1191.
 *
 * Where it sits: _wl_ipv4_send_routed() cuts a packet bigger than the egress MTU (DF clear)
 * with wl_ipv4_fragment(); wl-ipv4.c hands each fragment addressed to us to
 * _wl_ipv4_reassemble().  Routers forward fragments as they are (and may cut them again).
 *
 * State: the stack's reassembly buffers (WlReasmTable), one per datagram in progress, keyed
 * by (source, destination, protocol, Identification) as RFC 791 says.
 *
 *   Flags and Fragment Offset (bytes 6–7 of the header):
 *      0   1   2   3 … 15
 *    +---+---+---+----------------------------+
 *    | 0 |DF |MF | offset, in 8-byte units     |
 *    +---+---+---+----------------------------+
 *
 * Cutting a 1428-byte packet (20 header + 1408 data) for an MTU of 576: each fragment gets a
 * copy of the header and at most (576 − 20) rounded down to a multiple of 8 = 552 data bytes:
 *
 *     data 0..551     offset 0    MF  length 572
 *     data 552..1103  offset 69   MF  length 572
 *     data 1104..1407 offset 138      length 324
 *
 * A fragment of a fragment keeps its place: offsets add up, and MF stays set on every piece
 * when the original had it.  The whole header, options included, is copied into every
 * fragment (RFC 791 copies only options whose "copied" flag is set; Wirelab sends no options).
 *
 * Reassembling: the data of each fragment goes at its offset in the datagram's buffer, and a
 * sorted list of the byte ranges received tells when nothing is missing (RFC 815's holes,
 * seen from the other side).  Out-of-order fragments need nothing special; an exact duplicate
 * changes nothing; overlapping data is written over (the later copy wins).  The datagram is
 * whole when the last fragment (MF clear) fixed its length and one range covers all of it.
 * Rules checked on every fragment (a broken one is dropped as malformed):
 *   - every fragment but the last carries a multiple of 8 data bytes, and at least 8;
 *   - offset + length stays within 65535 − header;
 *   - no data beyond the end the last fragment announced, and only one such end.
 * Limits: a datagram waits at most 30 s (Linux ipfrag_time) from its first fragment, then it
 * is dropped (reassembly-timeout) and, when its first fragment came, the source gets ICMP
 * time exceeded, code 1 (RFC 1122 §3.3.2).  A stack holds at most 256 KiB of fragments
 * (Linux's ipfrag_high_thresh before 4.17); a fragment that would pass that is dropped.
 */
#define G_LOG_DOMAIN "wl-ipv4"
#include "config.h"

#include <string.h>

#include "wl-stack-private.h"
#include "wl-icmp-wire.h"
#include "wl-ipv4-wire.h"

/* What a buffer costs besides its data, so that many tiny datagrams hit the limit too. */
#define BUF_OVERHEAD 128

GPtrArray *
wl_ipv4_fragment (WlPacket *pkt,
                  guint     mtu)
{
  const guint8 *hdr = wl_packet_data (pkt);
  guint hlen = wl_ipv4_hlen (hdr);
  guint data_len = (guint) wl_packet_len (pkt) - hlen;
  guint base = wl_ipv4_frag_offset (hdr);
  gboolean more = wl_ipv4_more_fragments (hdr);
  guint max;
  GPtrArray *frags;

  g_return_val_if_fail (wl_packet_len (pkt) >= hlen, NULL);

  /* Every fragment but the last carries a multiple of 8 bytes. */
  if (mtu < hlen + 8)
    return NULL;
  max = (mtu - hlen) & ~7u;
  frags = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_packet_unref);
  for (guint off = 0; off < data_len; off += max)
    {
      guint n = MIN (max, data_len - off);
      gboolean last = off + n == data_len;
      WlPacket *frag = wl_packet_new (hlen + n);
      guint8 *fh = wl_packet_data (frag);
      guint16 field = (guint16) ((base + off) / 8);

      memcpy (fh, hdr, hlen);
      memcpy (fh + hlen, hdr + hlen + off, n);
      if (!last || more)
        field |= WL_IPV4_FLAG_MF;
      wl_put_u16 (fh + WL_IPV4_OFF_LEN, (guint16) (hlen + n));
      wl_put_u16 (fh + WL_IPV4_OFF_FRAG, field);
      wl_put_u16 (fh + WL_IPV4_OFF_CSUM, 0);
      wl_put_u16 (fh + WL_IPV4_OFF_CSUM, wl_inet_checksum (fh, hlen));
      g_ptr_array_add (frags, frag);
    }
  return frags;
}

/* Reassembly ------------------------------------------------------------------------------- */

typedef struct
{
  guint32 src;
  guint32 dst;
  guint16 id;
  guint8  proto;
} ReasmKey;

typedef struct
{
  guint start;
  guint end;  /* one past the last byte */
} Range;

typedef struct
{
  ReasmKey  key;
  WlStack  *stack;
  guint8   *data;        /* the datagram's data (after the header) */
  guint     cap;         /* bytes allocated for data */
  GArray   *ranges;      /* of Range: received, sorted, disjoint, not touching */
  gboolean  have_last;
  guint     total;       /* data length, known once the last fragment came */
  guint8    first[60];   /* header of the first fragment (offset 0), for the whole datagram */
  guint     first_hlen;  /* 0 until the first fragment came */
  guint     count;       /* fragments taken */
  gint      iface;       /* where the first fragment to arrive came in */
  WlTimerId timer;
} ReasmBuf;

static guint
key_hash (gconstpointer k)
{
  const ReasmKey *key = k;

  return key->src ^ (key->dst * 2654435761u) ^ ((guint) key->id << 8 | key->proto);
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const ReasmKey *x = a, *y = b;

  return x->src == y->src && x->dst == y->dst && x->id == y->id && x->proto == y->proto;
}

static void
buf_free (gpointer data)
{
  ReasmBuf *buf = data;

  buf->stack->reasm.bytes -= buf->cap + BUF_OVERHEAD;
  g_array_unref (buf->ranges);
  g_free (buf->data);
  g_free (buf);
}

void
wl_reasm_table_init (WlReasmTable *table)
{
  table->bufs = g_hash_table_new_full (key_hash, key_equal, NULL, buf_free);
  table->bytes = 0;
}

void
wl_reasm_table_clear (WlReasmTable *table)
{
  g_clear_pointer (&table->bufs, g_hash_table_unref);
}

/* Adds [start, end) to the sorted list, merging what it touches or overlaps.  Returns FALSE
 * when the range was already covered (a duplicate). */
static gboolean
ranges_add (GArray *ranges,
            guint   start,
            guint   end)
{
  guint i = 0;

  while (i < ranges->len && g_array_index (ranges, Range, i).end < start)
    i++;
  if (i < ranges->len && g_array_index (ranges, Range, i).start <= start
      && g_array_index (ranges, Range, i).end >= end)
    return FALSE;
  /* Swallow every range that overlaps or touches [start, end), then insert the union. */
  while (i < ranges->len && g_array_index (ranges, Range, i).start <= end)
    {
      Range *r = &g_array_index (ranges, Range, i);

      start = MIN (start, r->start);
      end = MAX (end, r->end);
      g_array_remove_index (ranges, i);
    }
  g_array_insert_val (ranges, i, ((Range){ start, end }));
  return TRUE;
}

static void
on_timeout (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  ReasmBuf *buf = target;
  WlStack *stack = buf->stack;
  char src[16], dst[16], args[96];
  guint8 quote[60 + 8];
  guint64 drop;

  buf->timer = 0;
  g_snprintf (args, sizeof args, "src=%s dst=%s proto=%u id=%u fragments=%u",
              wl_ip_format (buf->key.src, src), wl_ip_format (buf->key.dst, dst), buf->key.proto,
              buf->key.id, buf->count);
  drop = wl_sim_drop (sim, stack->device->index, buf->iface, WL_PROTO_IP, WL_LAYER_NETWORK,
                      WL_DROP_REASSEMBLY_TIMEOUT, NULL, 0, args);
  /* RFC 1122 §3.3.2: tell the source only when fragment zero arrived (it is what the error
   * quotes: its header and first 8 data bytes, which a first fragment always has). */
  if (buf->first_hlen != 0)
    {
      memcpy (quote, buf->first, buf->first_hlen);
      memcpy (quote + buf->first_hlen, buf->data, 8);
      wl_sim_set_cause (sim, drop);
      wl_icmp_send_error (stack, quote, buf->first_hlen + 8, buf->iface, WL_ICMP_TIME_EXCEEDED,
                          WL_ICMP_EXC_REASSEMBLY, 0);
    }
  g_hash_table_remove (stack->reasm.bufs, &buf->key);
}

static ReasmBuf *
buf_get (WlStack       *stack,
         const ReasmKey *key,
         gint           iface)
{
  ReasmBuf *buf = g_hash_table_lookup (stack->reasm.bufs, key);

  if (buf != NULL)
    return buf;
  buf = g_new0 (ReasmBuf, 1);
  buf->key = *key;
  buf->stack = stack;
  buf->ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  buf->iface = iface;
  stack->reasm.bytes += BUF_OVERHEAD;
  g_hash_table_insert (stack->reasm.bufs, &buf->key, buf);
  /* The timeout is caused by the first fragment's arrival (the current cause). */
  buf->timer = wl_sim_schedule (stack->sim, WL_REASM_TIMEOUT, on_timeout, buf, NULL, NULL);
  return buf;
}

/* Builds the whole datagram: the first fragment's header with the fragment fields cleared. */
static WlPacket *
buf_take (ReasmBuf *buf)
{
  WlPacket *pkt = wl_packet_new (buf->first_hlen + buf->total);
  guint8 *hdr = wl_packet_data (pkt);

  memcpy (hdr, buf->first, buf->first_hlen);
  memcpy (hdr + buf->first_hlen, buf->data, buf->total);
  wl_put_u16 (hdr + WL_IPV4_OFF_LEN, (guint16) (buf->first_hlen + buf->total));
  wl_put_u16 (hdr + WL_IPV4_OFF_FRAG, wl_get_u16 (hdr + WL_IPV4_OFF_FRAG) & WL_IPV4_FLAG_DF);
  wl_put_u16 (hdr + WL_IPV4_OFF_CSUM, 0);
  wl_put_u16 (hdr + WL_IPV4_OFF_CSUM, wl_inet_checksum (hdr, buf->first_hlen));
  return pkt;
}

/* Checks one fragment against the rules above and against what the buffer knows. */
static gboolean
fragment_is_valid (const ReasmBuf *buf,
                   guint           hlen,
                   guint           off,
                   guint           n,
                   gboolean        more)
{
  if (more && (n < 8 || n % 8 != 0))
    return FALSE;
  if (off + n > WL_IPV4_MAX_LEN - hlen)
    return FALSE;
  if (buf == NULL)
    return TRUE;
  if (!more && buf->have_last && off + n != buf->total)
    return FALSE;
  if (!more && buf->ranges->len > 0
      && g_array_index (buf->ranges, Range, buf->ranges->len - 1).end > off + n)
    return FALSE;
  if (more && buf->have_last && off + n > buf->total)
    return FALSE;
  return TRUE;
}

WlPacket *
_wl_ipv4_reassemble (WlStack         *stack,
                     const WlStackRx *rx,
                     WlPacket        *pkt)
{
  const guint8 *hdr = wl_packet_data (pkt);
  guint hlen = wl_ipv4_hlen (hdr);
  guint off = wl_ipv4_frag_offset (hdr);
  guint n = (guint) wl_packet_len (pkt) - hlen;
  gboolean more = wl_ipv4_more_fragments (hdr);
  ReasmKey key = { 0 };
  ReasmBuf *buf;
  WlPacket *whole;
  guint64 note;

  key.src = wl_get_u32 (hdr + WL_IPV4_OFF_SRC);
  key.dst = wl_get_u32 (hdr + WL_IPV4_OFF_DST);
  key.id = wl_get_u16 (hdr + WL_IPV4_OFF_ID);
  key.proto = hdr[WL_IPV4_OFF_PROTO];
  buf = g_hash_table_lookup (stack->reasm.bufs, &key);

  if (!fragment_is_valid (buf, hlen, off, n, more))
    {
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK, WL_DROP_MALFORMED, NULL);
      wl_packet_unref (pkt);
      return NULL;
    }
  if (off + n > (buf != NULL ? buf->cap : 0)
      && stack->reasm.bytes + (off + n - (buf != NULL ? buf->cap : 0))
             + (buf == NULL ? BUF_OVERHEAD : 0) > WL_REASM_MAX_BYTES)
    {
      /* Over the memory limit: this fragment can never be part of a whole datagram. */
      _wl_stack_drop_rx (stack, rx, pkt, WL_PROTO_IP, WL_LAYER_NETWORK,
                         WL_DROP_REASSEMBLY_TIMEOUT, "reason=memory");
      wl_packet_unref (pkt);
      return NULL;
    }

  buf = buf_get (stack, &key, rx->iface->index);
  if (off + n > buf->cap)
    {
      buf->data = g_realloc (buf->data, off + n);
      stack->reasm.bytes += off + n - buf->cap;
      buf->cap = off + n;
    }
  memcpy (buf->data + off, hdr + hlen, n);
  if (ranges_add (buf->ranges, off, off + n))
    buf->count++;
  if (off == 0 && buf->first_hlen == 0)
    {
      memcpy (buf->first, hdr, hlen);
      buf->first_hlen = hlen;
    }
  if (!more)
    {
      buf->have_last = TRUE;
      buf->total = off + n;
    }
  wl_packet_unref (pkt);

  /* Whole when one range runs from 0 to the announced end. */
  if (!buf->have_last || buf->ranges->len != 1
      || g_array_index (buf->ranges, Range, 0).start != 0
      || g_array_index (buf->ranges, Range, 0).end != buf->total)
    return NULL;

  whole = buf_take (buf);
  note = _wl_stack_note (stack, rx->iface->index, WL_PROTO_IP, WL_LAYER_NETWORK,
                         WL_NOTE_REASSEMBLED, "id=%u count=%u len=%u", key.id, buf->count,
                         (guint) wl_packet_len (whole));
  wl_sim_cancel (stack->sim, buf->timer);
  g_hash_table_remove (stack->reasm.bufs, &key);
  /* The caller restores its cause after delivering. */
  wl_sim_set_cause (stack->sim, note);
  return whole;
}
