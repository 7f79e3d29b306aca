/* wl-dissect.c — the dissector's core: layers, fields, lookups, summaries, classification.
 *
 * The protocol files (wl-dissect-eth.c … wl-dissect-tcp.c) decode headers; this file owns
 * the result.  A WlDissection is a list of layers, outermost first; a layer holds a GArray of
 * WlField, and every field carries its value twice: as a number (uint_value) and as the text
 * tshark prints for it with `-T fields` (display), so the UI, the CLI and the tests read the
 * same thing.
 *
 * Decoding starts at _wl_dissect_eth(), which calls the protocol it carries, which calls the
 * next: the call chain mirrors encapsulation.  wl_dissect_classify() runs the very same chain
 * with no dissection attached (see wl-dissect-private.h), so the two can never disagree on
 * the top protocol.
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "proto/wl-wire.h"
#include "wl-dissect-private.h"

/* The "data" pseudo-protocol: bytes nobody decodes, as Wireshark's data dissector shows them. */
enum
{
  HF_DATA_DATA,
  HF_DATA_LEN,
};

static const WlFieldInfo data_fields[] = {
  [HF_DATA_DATA] = WL_ROW ("data.data", N_("Data"), WL_FIELD_BYTES),
  [HF_DATA_LEN] = WL_ROW_DEC ("data.len", N_("Length")),
};

/* ---- layers ---------------------------------------------------------------------------- */

static void
field_clear (gpointer p)
{
  WlField *field = p;

  g_clear_pointer (&field->display, g_free);
}

static void
layer_free (gpointer p)
{
  WlDissectLayer *layer = p;

  g_array_unref (layer->fields);
  g_free (layer);
}

WlDissectLayer *
_wl_dissect_layer_new (WlDissectCtx *ctx,
                       WlProto       proto,
                       const char   *abbrev,
                       const char   *name,
                       WlLayer       osi,
                       guint         offset,
                       guint         length)
{
  WlDissectLayer *layer;

  /* The top protocol is the last real protocol of the frame itself; "data" and whatever an
   * ICMP error quotes do not count. */
  if (ctx->depth == 0 && proto != WL_PROTO_NONE)
    {
      ctx->top_proto = proto;
      ctx->top_layer = osi;
    }
  if (ctx->d == NULL)
    return NULL;

  layer = g_new0 (WlDissectLayer, 1);
  layer->proto = proto;
  layer->abbrev = abbrev;
  layer->name = name;
  layer->layer = osi;
  layer->offset = offset;
  layer->length = length;
  layer->depth = ctx->depth;
  layer->fields = g_array_new (FALSE, TRUE, sizeof (WlField));
  g_array_set_clear_func (layer->fields, field_clear);
  g_ptr_array_add (ctx->d->layers, layer);

  return layer;
}

/* A header cut short.  Inside an ICMP error this is normal (RFC 792 quotes only 8 bytes of
 * the original datagram), so it marks the layer but not the frame, as Wireshark does. */
void
_wl_dissect_truncated (WlDissectCtx   *ctx,
                       WlDissectLayer *layer)
{
  if (layer == NULL)
    return;
  layer->truncated = TRUE;
  if (layer->depth == 0)
    ctx->d->malformed = TRUE;
}

void
_wl_dissect_malformed (WlDissectCtx   *ctx,
                       WlDissectLayer *layer)
{
  if (layer == NULL)
    return;
  layer->malformed = TRUE;
  if (layer->depth == 0)
    ctx->d->malformed = TRUE;
}

void
_wl_dissect_data (WlDissectCtx *ctx,
                  guint         offset,
                  guint         end,
                  WlLayer       osi)
{
  WlDissectLayer *layer;

  if (offset >= end)
    return;
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_NONE, "data", N_("Data"), osi, offset, end - offset);
  _wl_dissect_add_bytes (layer, &data_fields[HF_DATA_DATA], ctx->data, offset, end - offset);
  _wl_dissect_add_uint (layer, &data_fields[HF_DATA_LEN], offset, end - offset, end - offset);
}

/* ---- fields ---------------------------------------------------------------------------- */

static void
add_field (WlDissectLayer    *layer,
           const WlFieldInfo *info,
           guint              offset,
           guint              length,
           guint64            value,
           char              *display)
{
  WlField field = {
    .abbrev = info->abbrev,
    .name = info->name,
    .explain_key = info->explain_key,
    .type = info->type,
    .offset = offset,
    .length = length,
    .uint_value = value,
    .display = display,
  };

  g_array_append_val (layer->fields, field);
}

void
_wl_dissect_add_uint (WlDissectLayer    *layer,
                      const WlFieldInfo *info,
                      guint              offset,
                      guint              length,
                      guint64            value)
{
  char *text;

  if (layer == NULL)
    return;
  g_assert (info->type == WL_FIELD_UINT);
  if (info->base == WL_FIELD_BASE_HEX)
    text = g_strdup_printf ("0x%0*" G_GINT64_MODIFIER "x", (int) info->hex_digits, value);
  else
    text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);
  add_field (layer, info, offset, length, value, text);
}

void
_wl_dissect_add_bool (WlDissectLayer    *layer,
                      const WlFieldInfo *info,
                      guint              offset,
                      guint              length,
                      gboolean           value)
{
  if (layer == NULL)
    return;
  g_assert (info->type == WL_FIELD_BOOL);
  add_field (layer, info, offset, length, value ? 1 : 0, g_strdup (value ? "1" : "0"));
}

void
_wl_dissect_add_mac (WlDissectLayer    *layer,
                     const WlFieldInfo *info,
                     const guint8      *frame,
                     guint              offset)
{
  WlMac mac;
  char buf[18];
  guint64 packed = 0;

  if (layer == NULL)
    return;
  g_assert (info->type == WL_FIELD_MAC);
  memcpy (mac.b, frame + offset, 6);
  for (guint i = 0; i < 6; i++)
    packed = (packed << 8) | mac.b[i];
  add_field (layer, info, offset, 6, packed, g_strdup (wl_mac_format (&mac, buf)));
}

void
_wl_dissect_add_ipv4 (WlDissectLayer    *layer,
                      const WlFieldInfo *info,
                      const guint8      *frame,
                      guint              offset)
{
  guint32 ip;
  char buf[16];

  if (layer == NULL)
    return;
  g_assert (info->type == WL_FIELD_IPV4);
  ip = wl_dissect_get32 (frame + offset);
  add_field (layer, info, offset, 4, ip, g_strdup (wl_ip_format (ip, buf)));
}

void
_wl_dissect_add_bytes (WlDissectLayer    *layer,
                       const WlFieldInfo *info,
                       const guint8      *frame,
                       guint              offset,
                       guint              length)
{
  static const char hex[] = "0123456789abcdef";
  char *text;

  if (layer == NULL)
    return;
  g_assert (info->type == WL_FIELD_BYTES);
  text = g_malloc ((gsize) length * 2 + 1);
  for (guint i = 0; i < length; i++)
    {
      text[2 * i] = hex[frame[offset + i] >> 4];
      text[2 * i + 1] = hex[frame[offset + i] & 0xf];
    }
  text[(gsize) length * 2] = '\0';
  add_field (layer, info, offset, length, length, text);
}

void
_wl_dissect_add_string (WlDissectLayer    *layer,
                        const WlFieldInfo *info,
                        guint              offset,
                        guint              length,
                        const char        *text)
{
  if (layer == NULL)
    return;
  g_assert (info->type == WL_FIELD_STRING);
  add_field (layer, info, offset, length, 0, g_strdup (text));
}

/* ---- checksums ------------------------------------------------------------------------- */
/* The arithmetic is the stack's own (proto/wl-wire.h): the dissector only decides what a
 * verified sum means. */

guint32
_wl_dissect_inet_sum (const guint8 *p,
                      gsize         n,
                      guint32       sum)
{
  return wl_inet_checksum_add (sum, p, n);
}

gboolean
_wl_dissect_inet_ok (guint32 sum)
{
  /* A correct checksum field makes the one's-complement sum of everything 0xffff. */
  return wl_inet_checksum_finish (sum) == 0;
}

guint32
_wl_dissect_pseudo_sum (const WlDissectCtx *ctx,
                        guint               proto,
                        guint               length)
{
  return wl_inet_pseudo_header_sum (ctx->ip_src, ctx->ip_dst, (guint8) proto, (guint16) length);
}

/* ---- the frame ------------------------------------------------------------------------- */

static void
ctx_init (WlDissectCtx *ctx,
          const guint8 *data,
          gsize         len,
          gboolean      has_fcs,
          WlDissection *d)
{
  memset (ctx, 0, sizeof *ctx);
  ctx->data = data;
  /* No Ethernet frame comes near 4 GiB; clamp so offsets fit a guint everywhere. */
  ctx->frame_len = (guint) MIN (len, G_MAXUINT / 2);
  ctx->len = ctx->frame_len;
  if (has_fcs && ctx->frame_len >= 4)
    ctx->len -= 4;
  ctx->d = d;
}

WlDissection *
wl_dissect_frame (const guint8 *data,
                  gsize         len,
                  gboolean      has_fcs)
{
  WlDissection *d;
  WlDissectCtx ctx;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  d = g_new0 (WlDissection, 1);
  d->layers = g_ptr_array_new_with_free_func (layer_free);
  ctx_init (&ctx, data, len, has_fcs, d);
  d->fcs_present = has_fcs && ctx.frame_len >= 4;

  if (ctx.frame_len == 0)
    d->malformed = TRUE;
  else
    _wl_dissect_eth (&ctx);
  if (has_fcs && !d->fcs_present)
    d->malformed = TRUE;

  d->top_proto = ctx.top_proto;
  d->top_layer = ctx.top_layer;
  return d;
}

WlProto
wl_dissect_classify (const guint8 *data,
                     gsize         len,
                     gboolean      has_fcs,
                     WlLayer      *layer_out)
{
  WlDissectCtx ctx;

  g_return_val_if_fail (data != NULL || len == 0, WL_PROTO_NONE);

  ctx_init (&ctx, data, len, has_fcs, NULL);
  if (ctx.frame_len > 0)
    _wl_dissect_eth (&ctx);
  if (layer_out != NULL)
    *layer_out = ctx.top_layer;
  return ctx.top_proto;
}

void
wl_dissection_free (WlDissection *d)
{
  if (d == NULL)
    return;
  g_ptr_array_unref (d->layers);
  g_free (d);
}

/* ---- lookups --------------------------------------------------------------------------- */

const WlField *
wl_dissect_layer_find (const WlDissectLayer *layer,
                       const char           *abbrev)
{
  g_return_val_if_fail (layer != NULL, NULL);
  g_return_val_if_fail (abbrev != NULL, NULL);

  for (guint i = 0; i < layer->fields->len; i++)
    {
      const WlField *field = &g_array_index (layer->fields, WlField, i);

      if (strcmp (field->abbrev, abbrev) == 0)
        return field;
    }
  return NULL;
}

const WlField *
wl_dissection_find (const WlDissection *d,
                    const char         *abbrev)
{
  g_return_val_if_fail (d != NULL, NULL);
  g_return_val_if_fail (abbrev != NULL, NULL);

  for (guint i = 0; i < d->layers->len; i++)
    {
      const WlField *field = wl_dissect_layer_find (g_ptr_array_index (d->layers, i), abbrev);

      if (field != NULL)
        return field;
    }
  return NULL;
}

const WlDissectLayer *
wl_dissection_find_layer (const WlDissection *d,
                          const char         *abbrev)
{
  g_return_val_if_fail (d != NULL, NULL);
  g_return_val_if_fail (abbrev != NULL, NULL);

  for (guint i = 0; i < d->layers->len; i++)
    {
      const WlDissectLayer *layer = g_ptr_array_index (d->layers, i);

      if (strcmp (layer->abbrev, abbrev) == 0)
        return layer;
    }
  return NULL;
}

guint64
_wl_dissect_layer_uint (const WlDissectLayer *layer,
                        const char           *abbrev,
                        guint64               fallback)
{
  const WlField *field = layer != NULL ? wl_dissect_layer_find (layer, abbrev) : NULL;

  return field != NULL ? field->uint_value : fallback;
}

const WlDissectLayer *
_wl_dissect_outer_layer (const WlDissection   *d,
                         const WlDissectLayer *layer,
                         const char           *abbrev)
{
  const WlDissectLayer *found = NULL;

  for (guint i = 0; i < d->layers->len; i++)
    {
      const WlDissectLayer *l = g_ptr_array_index (d->layers, i);

      if (l == layer)
        break;
      if (l->depth == 0 && strcmp (l->abbrev, abbrev) == 0)
        found = l;
    }
  return found;
}

/* ---- summary --------------------------------------------------------------------------- */

char *
wl_dissection_summary (const WlDissection *d)
{
  const WlDissectLayer *top = NULL;
  GString *out;
  char *text = NULL;

  g_return_val_if_fail (d != NULL, NULL);

  for (guint i = 0; i < d->layers->len; i++)
    {
      const WlDissectLayer *layer = g_ptr_array_index (d->layers, i);

      if (layer->depth == 0 && layer->proto == d->top_proto)
        top = layer;
    }

  if (top != NULL)
    {
      switch (top->proto)
        {
        case WL_PROTO_ARP: text = _wl_dissect_arp_summary (d, top); break;
        case WL_PROTO_IP: text = _wl_dissect_ip_summary (d, top); break;
        case WL_PROTO_ICMP: text = _wl_dissect_icmp_summary (d, top); break;
        case WL_PROTO_UDP: text = _wl_dissect_udp_summary (d, top); break;
        case WL_PROTO_TCP: text = _wl_dissect_tcp_summary (d, top); break;
        case WL_PROTO_DHCP: text = _wl_dissect_dhcp_summary (d, top); break;
        case WL_PROTO_DNS: text = _wl_dissect_dns_summary (d, top); break;
        case WL_PROTO_HTTP: text = _wl_dissect_http_summary (d, top); break;
        default: text = _wl_dissect_eth_summary (d, top); break;
        }
    }

  out = g_string_new (text != NULL ? text : _("Empty frame"));
  g_free (text);
  if (d->fcs_present && !d->fcs_ok)
    g_string_append (out, _(" [ETHERNET FRAME CHECK SEQUENCE INCORRECT]"));
  if (d->malformed)
    /* Translators: appended to a frame's one-line summary when its headers are cut short or
     * contradict each other. */
    g_string_append (out, _(" [Malformed]"));
  return g_string_free (out, FALSE);
}

/* ---- field tables ---------------------------------------------------------------------- */

typedef struct
{
  const char *abbrev;
  const WlFieldInfo *rows;
  const guint *n_rows;
} FieldTable;

static const guint n_data_fields = G_N_ELEMENTS (data_fields);

static const FieldTable tables[] = {
  { "eth", _wl_dissect_eth_fields, &_wl_dissect_n_eth_fields },
  { "arp", _wl_dissect_arp_fields, &_wl_dissect_n_arp_fields },
  { "ip", _wl_dissect_ip_fields, &_wl_dissect_n_ip_fields },
  { "icmp", _wl_dissect_icmp_fields, &_wl_dissect_n_icmp_fields },
  { "udp", _wl_dissect_udp_fields, &_wl_dissect_n_udp_fields },
  { "tcp", _wl_dissect_tcp_fields, &_wl_dissect_n_tcp_fields },
  { "dhcp", _wl_dissect_dhcp_fields, &_wl_dissect_n_dhcp_fields },
  { "dns", _wl_dissect_dns_fields, &_wl_dissect_n_dns_fields },
  { "http", _wl_dissect_http_fields, &_wl_dissect_n_http_fields },
  { "data", data_fields, &n_data_fields },
};

const WlFieldInfo *
wl_dissect_get_fields (const char *proto_abbrev,
                       guint      *n_fields)
{
  g_return_val_if_fail (proto_abbrev != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (strcmp (tables[i].abbrev, proto_abbrev) == 0)
      {
        if (n_fields != NULL)
          *n_fields = *tables[i].n_rows;
        return tables[i].rows;
      }
  if (n_fields != NULL)
    *n_fields = 0;
  return NULL;
}

const WlFieldInfo *
wl_dissect_lookup_field (const char *abbrev)
{
  g_return_val_if_fail (abbrev != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    for (guint j = 0; j < *tables[i].n_rows; j++)
      if (strcmp (tables[i].rows[j].abbrev, abbrev) == 0)
        return &tables[i].rows[j];
  return NULL;
}
