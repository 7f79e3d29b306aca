/* wl-dissect-udp.c — UDP headers.
 *
 * RFC 768 (UDP), RFC 1071 (checksum).  Carried in IPv4 (protocol 17); the payload goes to
 * the decoder of its port (DHCP on 67 and 68, wl-dissect-dhcp.c; DNS on 53,
 * wl-dissect-dns.c), else it is shown as data.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |          Source Port          |       Destination Port        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |            Length             |           Checksum            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                          data …                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Decodes udp.srcport, udp.dstport, udp.length, udp.checksum and udp.checksum.status
 * (1 good, 0 bad).  The checksum covers a pseudo-header (source and destination address,
 * protocol, UDP length), the header and the data; 0 means "no checksum" and gets no status,
 * nor does a datagram we cannot see whole (a fragment, a quoted or cut packet).  The length
 * rules are Wireshark's: below 8 is bogus and stops the decode; more than the IP payload is
 * bad (except in a fragment or a quoted packet) and the data shown is what IP carries.
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define UDP_HEADER_LEN 8

enum
{
  HF_UDP_SRCPORT,
  HF_UDP_DSTPORT,
  HF_UDP_LENGTH,
  HF_UDP_CHECKSUM,
  HF_UDP_CHECKSUM_STATUS,
};

const WlFieldInfo _wl_dissect_udp_fields[] = {
  [HF_UDP_SRCPORT] = WL_ROW_DEC ("udp.srcport", N_("Source Port")),
  [HF_UDP_DSTPORT] = WL_ROW_DEC ("udp.dstport", N_("Destination Port")),
  [HF_UDP_LENGTH] = WL_ROW_DEC ("udp.length", N_("Length")),
  [HF_UDP_CHECKSUM] = WL_ROW_HEX ("udp.checksum", N_("Checksum"), 4),
  [HF_UDP_CHECKSUM_STATUS] = WL_ROW ("udp.checksum.status", N_("Checksum Status"), WL_FIELD_BOOL),
};
const guint _wl_dissect_n_udp_fields = G_N_ELEMENTS (_wl_dissect_udp_fields);

#define HF(x) (&_wl_dissect_udp_fields[HF_UDP_##x])

static void
add_checksum (WlDissectCtx   *ctx,
              WlDissectLayer *layer,
              guint           offset,
              guint           end,
              guint           ulen)
{
  const guint8 *p = ctx->data + offset;
  guint checksum = wl_dissect_get16 (p + 6);
  guint32 sum;

  _wl_dissect_add_uint (layer, HF (CHECKSUM), offset + 6, 2, checksum);
  if (layer == NULL || checksum == 0 || ctx->ip_fragment || ulen > ctx->ip_payload_len ||
      !WL_DISSECT_FITS (offset, ulen, end))
    return;
  sum = _wl_dissect_pseudo_sum (ctx, 17, ulen);
  _wl_dissect_add_bool (layer, HF (CHECKSUM_STATUS), offset + 6, 2,
                        _wl_dissect_inet_ok (_wl_dissect_inet_sum (p, ulen, sum)));
}

void
_wl_dissect_udp (WlDissectCtx *ctx,
                 guint         offset,
                 guint         end)
{
  const guint8 *p = ctx->data + offset;
  WlDissectLayer *layer;
  guint avail = end - offset;
  guint ulen, data_end;

  g_assert (offset <= end);
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_UDP, "udp", N_("User Datagram Protocol"),
                                 WL_LAYER_TRANSPORT, offset, MIN (avail, UDP_HEADER_LEN));
  if (avail >= 2)
    _wl_dissect_add_uint (layer, HF (SRCPORT), offset, 2, wl_dissect_get16 (p));
  if (avail >= 4)
    _wl_dissect_add_uint (layer, HF (DSTPORT), offset + 2, 2, wl_dissect_get16 (p + 2));
  if (avail < 6)
    {
      _wl_dissect_truncated (ctx, layer);
      return;
    }
  ulen = wl_dissect_get16 (p + 4);
  _wl_dissect_add_uint (layer, HF (LENGTH), offset + 4, 2, ulen);
  if (ulen < UDP_HEADER_LEN)
    {
      _wl_dissect_malformed (ctx, layer); /* Rule: the length counts the 8-byte header. */
      return;
    }
  if (avail < UDP_HEADER_LEN)
    {
      _wl_dissect_truncated (ctx, layer);
      return;
    }
  add_checksum (ctx, layer, offset, end, ulen);

  /* Rule: the datagram fits in the IP payload (a fragment or a quoted packet holds only
   * part of it, so there the data simply stops where the bytes do). */
  if (ulen > ctx->ip_payload_len && ctx->depth == 0 && !ctx->ip_fragment)
    _wl_dissect_malformed (ctx, layer);
  data_end = WL_DISSECT_FITS (offset, ulen, end) ? offset + ulen : end;
  /* The payload's protocol by port, the lower port first as Wireshark tries it. */
  switch (MIN (wl_dissect_get16 (p), wl_dissect_get16 (p + 2)))
    {
    case 67: /* DHCP server */
    case 68: /* DHCP client */
      if (data_end > offset + UDP_HEADER_LEN)
        _wl_dissect_dhcp (ctx, offset + UDP_HEADER_LEN, data_end);
      break;
    case 53: /* DNS (wl-dissect-dns.c) */
      if (data_end > offset + UDP_HEADER_LEN)
        _wl_dissect_dns (ctx, offset + UDP_HEADER_LEN, data_end);
      break;
    default:
      _wl_dissect_data (ctx, offset + UDP_HEADER_LEN, data_end, WL_LAYER_APPLICATION);
      break;
    }
}

/* Bytes of the data layer right after this UDP header (0 if none). */
static guint
data_after (const WlDissection   *d,
            const WlDissectLayer *layer)
{
  for (guint i = 0; i + 1 < d->layers->len; i++)
    if (g_ptr_array_index (d->layers, i) == layer)
      {
        const WlDissectLayer *next = g_ptr_array_index (d->layers, i + 1);

        return g_str_equal (next->abbrev, "data") ? next->length : 0;
      }
  return 0;
}

char *
_wl_dissect_udp_summary (const WlDissection   *d,
                         const WlDissectLayer *layer)
{
  const WlField *src = wl_dissect_layer_find (layer, "udp.srcport");
  const WlField *dst = wl_dissect_layer_find (layer, "udp.dstport");
  const WlField *len = wl_dissect_layer_find (layer, "udp.length");
  guint ulen;

  if (src == NULL || dst == NULL || len == NULL)
    return g_strdup (_(layer->name));
  ulen = len->uint_value;
  if (ulen < UDP_HEADER_LEN)
    /* Translators: source port → destination port, then the bad length value. */
    return g_strdup_printf (_("%u → %u [BAD UDP LENGTH %u < 8]"), (guint) src->uint_value,
                            (guint) dst->uint_value, ulen);
  if (layer->malformed)
    return g_strdup_printf (_("%u → %u [BAD UDP LENGTH %u > IP PAYLOAD LENGTH] Len=%u"),
                            (guint) src->uint_value, (guint) dst->uint_value, ulen,
                            data_after (d, layer));
  /* Translators: source port → destination port, then the payload length in bytes. */
  return g_strdup_printf (_("%u → %u Len=%u"), (guint) src->uint_value, (guint) dst->uint_value,
                          ulen - UDP_HEADER_LEN);
}
