/* wl-dissect-eth.c — Ethernet II frames: addresses, type, padding, trailer, FCS.
 *
 * Ethernet II ("DIX", RFC 894 for IPv4 over it) and IEEE 802.3 (clause 3: frame format,
 * clause 3.2.9: FCS).  The first decoder of every frame; it hands the payload to ARP or IPv4
 * and afterwards labels the bytes the payload did not claim.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination MAC address                    |
 *   +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                               |                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 *   |                      Source MAC address                       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     EtherType (or Length)     |  Payload (46–1500 bytes) …    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  … padding up to 60 bytes     |   FCS: CRC-32 (4 bytes)       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Decodes eth.dst, eth.src, eth.type (or eth.len for an 802.3 length field ≤ 1500),
 * eth.padding, eth.trailer, eth.fcs and eth.fcs.status.
 *
 * Padding and trailer follow Wireshark 4.0's rule (packet-eth.c, add_ethernet_trailer with
 * the default "padding: zeros"): bytes after the payload that bring a frame of at least 60
 * bytes up to 60 are padding if they are all zero; the rest (or everything, if they are not
 * all zero) is a trailer.  The FCS is the CRC-32 of destination … padding; on the wire and
 * in our frames it is stored least significant byte first, and Wireshark shows it as the four
 * bytes read big-endian — eth.fcs follows Wireshark.
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <zlib.h>
#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define ETH_HEADER_LEN 14
#define ETH_MIN_FRAME  60  /* without FCS: 64 on the wire */
#define ETH_MAX_LENGTH 1500 /* type values up to this are 802.3 lengths */

enum
{
  HF_ETH_DST,
  HF_ETH_SRC,
  HF_ETH_TYPE,
  HF_ETH_LEN,
  HF_ETH_PADDING,
  HF_ETH_TRAILER,
  HF_ETH_FCS,
  HF_ETH_FCS_STATUS,
};

const WlFieldInfo _wl_dissect_eth_fields[] = {
  [HF_ETH_DST] = WL_ROW ("eth.dst", N_("Destination"), WL_FIELD_MAC),
  [HF_ETH_SRC] = WL_ROW ("eth.src", N_("Source"), WL_FIELD_MAC),
  [HF_ETH_TYPE] = WL_ROW_HEX ("eth.type", N_("Type"), 4),
  [HF_ETH_LEN] = WL_ROW_DEC ("eth.len", N_("Length")),
  [HF_ETH_PADDING] = WL_ROW ("eth.padding", N_("Padding"), WL_FIELD_BYTES),
  [HF_ETH_TRAILER] = WL_ROW ("eth.trailer", N_("Trailer"), WL_FIELD_BYTES),
  [HF_ETH_FCS] = WL_ROW_HEX ("eth.fcs", N_("Frame check sequence"), 8),
  [HF_ETH_FCS_STATUS] = WL_ROW ("eth.fcs.status", N_("FCS Status"), WL_FIELD_BOOL),
};
const guint _wl_dissect_n_eth_fields = G_N_ELEMENTS (_wl_dissect_eth_fields);

#define HF(x) (&_wl_dissect_eth_fields[HF_ETH_##x])

/* Bytes after the payload: padding (zeros up to the 60-byte minimum) and trailer. */
static void
add_trailer (WlDissectCtx   *ctx,
             WlDissectLayer *layer,
             guint           payload_end)
{
  guint padding = 0;

  g_assert (payload_end <= ctx->len);
  if (payload_end == ctx->len)
    return;

  /* Wireshark decides on the frame length as captured, FCS included; we also keep padding
   * out of the FCS, which only a hostile frame could make overlap. */
  if (ctx->frame_len >= ETH_MIN_FRAME && payload_end < ETH_MIN_FRAME)
    {
      padding = MIN (ETH_MIN_FRAME - payload_end, ctx->len - payload_end);
      for (guint i = 0; i < padding; i++)
        if (ctx->data[payload_end + i] != 0)
          {
            padding = 0;
            break;
          }
    }
  if (padding > 0)
    _wl_dissect_add_bytes (layer, HF (PADDING), ctx->data, payload_end, padding);
  if (payload_end + padding < ctx->len)
    _wl_dissect_add_bytes (layer, HF (TRAILER), ctx->data, payload_end + padding,
                           ctx->len - payload_end - padding);
}

static void
add_fcs (WlDissectCtx   *ctx,
         WlDissectLayer *layer)
{
  const guint8 *fcs = ctx->data + ctx->len;
  guint32 sent_le;
  gboolean ok;

  if (ctx->frame_len == ctx->len || layer == NULL)
    return;
  g_assert (ctx->frame_len - ctx->len == 4);

  sent_le = (guint32) fcs[0] | ((guint32) fcs[1] << 8) | ((guint32) fcs[2] << 16) |
            ((guint32) fcs[3] << 24);
  ok = crc32 (0L, ctx->data, ctx->len) == sent_le;
  ctx->d->fcs_ok = ok;
  _wl_dissect_add_uint (layer, HF (FCS), ctx->len, 4, wl_dissect_get32 (fcs));
  _wl_dissect_add_bool (layer, HF (FCS_STATUS), ctx->len, 4, ok);
}

void
_wl_dissect_eth (WlDissectCtx *ctx)
{
  WlDissectLayer *layer;
  guint len = ctx->len;
  guint type, payload_end;

  layer = _wl_dissect_layer_new (ctx, WL_PROTO_ETH, "eth", N_("Ethernet II"), WL_LAYER_DATA_LINK,
                                 0, MIN (len, ETH_HEADER_LEN));
  if (len >= 6)
    _wl_dissect_add_mac (layer, HF (DST), ctx->data, 0);
  if (len >= 12)
    _wl_dissect_add_mac (layer, HF (SRC), ctx->data, 6);
  if (len < ETH_HEADER_LEN)
    {
      _wl_dissect_truncated (ctx, layer);
      add_fcs (ctx, layer);
      return;
    }

  type = wl_dissect_get16 (ctx->data + 12);
  if (type <= ETH_MAX_LENGTH)
    {
      /* IEEE 802.3 with an LLC header we do not decode: the field is the payload length. */
      if (layer != NULL)
        layer->name = N_("IEEE 802.3 Ethernet");
      _wl_dissect_add_uint (layer, HF (LEN), 12, 2, type);
      payload_end = ETH_HEADER_LEN + type;
      if (payload_end > len)
        {
          /* Rule: the length may not promise more bytes than the frame has. */
          _wl_dissect_malformed (ctx, layer);
          payload_end = len;
        }
      _wl_dissect_data (ctx, ETH_HEADER_LEN, payload_end, WL_LAYER_NETWORK);
    }
  else
    {
      _wl_dissect_add_uint (layer, HF (TYPE), 12, 2, type);
      switch (type)
        {
        case 0x0800:
          payload_end = _wl_dissect_ip (ctx, ETH_HEADER_LEN, len);
          break;
        case 0x0806:
          payload_end = _wl_dissect_arp (ctx, ETH_HEADER_LEN, len);
          break;
        default:
          _wl_dissect_data (ctx, ETH_HEADER_LEN, len, WL_LAYER_NETWORK);
          payload_end = len;
          break;
        }
    }

  add_trailer (ctx, layer, payload_end);
  add_fcs (ctx, layer);
}

char *
_wl_dissect_eth_summary (const WlDissection   *d,
                         const WlDissectLayer *layer)
{
  /* Like Wireshark, a frame nobody above Ethernet decodes is summed up by its header's name. */
  return g_strdup (_(layer->name));
}
