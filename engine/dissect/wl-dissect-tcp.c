/* wl-dissect-tcp.c — TCP headers.
 *
 * RFC 9293 (TCP, formerly RFC 793), RFC 3168 (ECE/CWR flags), RFC 1071 (checksum),
 * RFC 6691 / RFC 9293 §3.7.1 (MSS option).  Carried in IPv4 (protocol 6); the payload is
 * shown as data (the HTTP decoder will hook in here by port).
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
 *   |  Data |Res  |A|C|E|U|A|P|R|S|F|                               |
 *   | Offset|     |E|W|C|R|C|S|S|Y|I|            Window             |
 *   |       |     | |R|E|G|K|H|T|N|N|                               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Checksum            |         Urgent Pointer        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (Data Offset > 5) …                |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Decodes tcp.srcport, tcp.dstport, tcp.seq_raw, tcp.ack_raw (sequence numbers as sent: we
 * keep no conversation state, so there are no relative numbers), tcp.hdr_len (in bytes, as
 * tshark prints it), tcp.len, tcp.flags with one BOOL per bit and tshark's tcp.flags.str,
 * tcp.window_size_value, tcp.checksum, tcp.checksum.status (1 good, 0 bad), tcp.urgent_pointer,
 * tcp.options and tcp.options.mss_val.  Inside an ICMP error, where usually only 8 bytes are
 * quoted, the sequence number is tcp.seq, as Wireshark shows it there.
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define TCP_MIN_HEADER 20

enum
{
  HF_TCP_SRCPORT,
  HF_TCP_DSTPORT,
  HF_TCP_SEQ,
  HF_TCP_SEQ_RAW,
  HF_TCP_ACK_RAW,
  HF_TCP_HDR_LEN,
  HF_TCP_LEN,
  HF_TCP_FLAGS,
  HF_TCP_FLAGS_RES,
  HF_TCP_FLAGS_AE,
  HF_TCP_FLAGS_CWR,
  HF_TCP_FLAGS_ECE,
  HF_TCP_FLAGS_URG,
  HF_TCP_FLAGS_ACK,
  HF_TCP_FLAGS_PUSH,
  HF_TCP_FLAGS_RESET,
  HF_TCP_FLAGS_SYN,
  HF_TCP_FLAGS_FIN,
  HF_TCP_FLAGS_STR,
  HF_TCP_WINDOW_SIZE_VALUE,
  HF_TCP_CHECKSUM,
  HF_TCP_CHECKSUM_STATUS,
  HF_TCP_URGENT_POINTER,
  HF_TCP_OPTIONS,
  HF_TCP_OPTIONS_MSS_VAL,
};

const WlFieldInfo _wl_dissect_tcp_fields[] = {
  [HF_TCP_SRCPORT] = WL_ROW_DEC ("tcp.srcport", N_("Source Port")),
  [HF_TCP_DSTPORT] = WL_ROW_DEC ("tcp.dstport", N_("Destination Port")),
  [HF_TCP_SEQ] = WL_ROW_DEC ("tcp.seq", N_("Sequence Number")),
  [HF_TCP_SEQ_RAW] = WL_ROW_DEC ("tcp.seq_raw", N_("Sequence Number (raw)")),
  [HF_TCP_ACK_RAW] = WL_ROW_DEC ("tcp.ack_raw", N_("Acknowledgment number (raw)")),
  [HF_TCP_HDR_LEN] = WL_ROW_DEC ("tcp.hdr_len", N_("Header Length")),
  [HF_TCP_LEN] = WL_ROW_DEC ("tcp.len", N_("TCP Segment Len")),
  [HF_TCP_FLAGS] = WL_ROW_HEX ("tcp.flags", N_("Flags"), 4),
  [HF_TCP_FLAGS_RES] = WL_ROW ("tcp.flags.res", N_("Reserved"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_AE] = WL_ROW ("tcp.flags.ae", N_("Accurate ECN"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_CWR] = WL_ROW ("tcp.flags.cwr", N_("Congestion Window Reduced"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_ECE] = WL_ROW ("tcp.flags.ece", N_("ECN-Echo"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_URG] = WL_ROW ("tcp.flags.urg", N_("Urgent"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_ACK] = WL_ROW ("tcp.flags.ack", N_("Acknowledgment"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_PUSH] = WL_ROW ("tcp.flags.push", N_("Push"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_RESET] = WL_ROW ("tcp.flags.reset", N_("Reset"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_SYN] = WL_ROW ("tcp.flags.syn", N_("Syn"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_FIN] = WL_ROW ("tcp.flags.fin", N_("Fin"), WL_FIELD_BOOL),
  [HF_TCP_FLAGS_STR] = WL_ROW ("tcp.flags.str", N_("TCP Flags"), WL_FIELD_STRING),
  [HF_TCP_WINDOW_SIZE_VALUE] = WL_ROW_DEC ("tcp.window_size_value", N_("Window")),
  [HF_TCP_CHECKSUM] = WL_ROW_HEX ("tcp.checksum", N_("Checksum"), 4),
  [HF_TCP_CHECKSUM_STATUS] = WL_ROW ("tcp.checksum.status", N_("Checksum Status"), WL_FIELD_BOOL),
  [HF_TCP_URGENT_POINTER] = WL_ROW_DEC ("tcp.urgent_pointer", N_("Urgent Pointer")),
  [HF_TCP_OPTIONS] = WL_ROW ("tcp.options", N_("TCP Options"), WL_FIELD_BYTES),
  [HF_TCP_OPTIONS_MSS_VAL] = WL_ROW_DEC ("tcp.options.mss_val", N_("MSS Value")),
};
const guint _wl_dissect_n_tcp_fields = G_N_ELEMENTS (_wl_dissect_tcp_fields);

#define HF(x) (&_wl_dissect_tcp_fields[HF_TCP_##x])

/* The 12 flag bits, most significant first, with tshark's letter for each. */
static const struct
{
  guint bit;
  guint hf;
  const char *letter;
} flag_bits[] = {
  { 0x100, HF_TCP_FLAGS_AE, "A" }, { 0x080, HF_TCP_FLAGS_CWR, "C" },
  { 0x040, HF_TCP_FLAGS_ECE, "E" }, { 0x020, HF_TCP_FLAGS_URG, "U" },
  { 0x010, HF_TCP_FLAGS_ACK, "A" }, { 0x008, HF_TCP_FLAGS_PUSH, "P" },
  { 0x004, HF_TCP_FLAGS_RESET, "R" }, { 0x002, HF_TCP_FLAGS_SYN, "S" },
  { 0x001, HF_TCP_FLAGS_FIN, "F" },
};

static void
add_flags (WlDissectLayer *layer,
           guint           o,
           guint           flags)
{
  GString *str;

  if (layer == NULL)
    return;
  _wl_dissect_add_uint (layer, HF (FLAGS), o, 2, flags);
  _wl_dissect_add_bool (layer, HF (FLAGS_RES), o, 2, (flags & 0xe00) != 0);
  str = g_string_new (NULL);
  for (guint bit = 0x800; bit >= 0x200; bit >>= 1)
    g_string_append (str, (flags & bit) ? "R" : "·");
  for (guint i = 0; i < G_N_ELEMENTS (flag_bits); i++)
    {
      _wl_dissect_add_bool (layer, &_wl_dissect_tcp_fields[flag_bits[i].hf], o, 2,
                            (flags & flag_bits[i].bit) != 0);
      g_string_append (str, (flags & flag_bits[i].bit) ? flag_bits[i].letter : "·");
    }
  _wl_dissect_add_string (layer, HF (FLAGS_STR), o, 2, str->str);
  g_string_free (str, TRUE);
}

/* Walks the options (kind, length, value; kinds 0 and 1 are single bytes) for the MSS.
 * Rule: an option whose length is below 2 or runs past the header ends the walk. */
static void
add_options (WlDissectCtx   *ctx,
             WlDissectLayer *layer,
             guint           start,
             guint           end)
{
  const guint8 *p = ctx->data;
  guint i = start;

  _wl_dissect_add_bytes (layer, HF (OPTIONS), p, start, end - start);
  while (i < end && p[i] != 0)
    {
      guint len;

      if (p[i] == 1)
        {
          i++;
          continue;
        }
      if (end - i < 2)
        break;
      len = p[i + 1];
      if (len < 2 || len > end - i)
        break;
      if (p[i] == 2 && len == 4)
        _wl_dissect_add_uint (layer, HF (OPTIONS_MSS_VAL), i + 2, 2, wl_dissect_get16 (p + i + 2));
      i += len;
    }
}

/* Bytes 12–19 once the header length is known to be sane. */
static void
add_rest (WlDissectCtx   *ctx,
          WlDissectLayer *layer,
          guint           o,
          guint           end)
{
  const guint8 *p = ctx->data + o;
  guint avail = end - o;
  guint seg_len = ctx->ip_payload_len;

  if (avail >= 14)
    add_flags (layer, o + 12, wl_dissect_get16 (p + 12) & 0x0fff);
  if (avail >= 16)
    _wl_dissect_add_uint (layer, HF (WINDOW_SIZE_VALUE), o + 14, 2, wl_dissect_get16 (p + 14));
  if (avail >= 18)
    {
      _wl_dissect_add_uint (layer, HF (CHECKSUM), o + 16, 2, wl_dissect_get16 (p + 16));
      /* Rule: pseudo-header + segment sums to 0xffff; needs the whole segment. */
      if (layer != NULL && !ctx->ip_fragment && seg_len <= avail)
        _wl_dissect_add_bool (layer, HF (CHECKSUM_STATUS), o + 16, 2,
                              _wl_dissect_inet_ok (_wl_dissect_inet_sum (p, seg_len,
                                                   _wl_dissect_pseudo_sum (ctx, 6, seg_len))));
    }
  if (avail >= 20)
    _wl_dissect_add_uint (layer, HF (URGENT_POINTER), o + 18, 2, wl_dissect_get16 (p + 18));
}

void
_wl_dissect_tcp (WlDissectCtx *ctx,
                 guint         offset,
                 guint         end)
{
  const guint8 *p = ctx->data + offset;
  WlDissectLayer *layer;
  guint avail = end - offset;
  guint hlen;

  g_assert (offset <= end);
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_TCP, "tcp", N_("Transmission Control Protocol"),
                                 WL_LAYER_TRANSPORT, offset, MIN (avail, TCP_MIN_HEADER));
  if (avail >= 2)
    _wl_dissect_add_uint (layer, HF (SRCPORT), offset, 2, wl_dissect_get16 (p));
  if (avail >= 4)
    _wl_dissect_add_uint (layer, HF (DSTPORT), offset + 2, 2, wl_dissect_get16 (p + 2));
  if (avail >= 8)
    _wl_dissect_add_uint (layer, ctx->depth > 0 ? HF (SEQ) : HF (SEQ_RAW), offset + 4, 4,
                          wl_dissect_get32 (p + 4));
  if (avail >= 12)
    _wl_dissect_add_uint (layer, HF (ACK_RAW), offset + 8, 4, wl_dissect_get32 (p + 8));
  if (avail < 13)
    {
      _wl_dissect_truncated (ctx, layer);
      return;
    }

  hlen = (p[12] >> 4) * 4;
  _wl_dissect_add_uint (layer, HF (HDR_LEN), offset + 12, 1, hlen);
  if (hlen < TCP_MIN_HEADER)
    {
      _wl_dissect_malformed (ctx, layer); /* Rule: the data offset is at least 5 words. */
      return;
    }
  if (layer != NULL)
    layer->length = MIN (avail, hlen);
  /* Rule: the header fits in the segment IP carries. */
  if (hlen > ctx->ip_payload_len)
    _wl_dissect_malformed (ctx, layer);
  else if (ctx->depth == 0) /* computed: it covers the segment's data */
    _wl_dissect_add_uint (layer, HF (LEN), offset + hlen, ctx->ip_payload_len - hlen,
                          ctx->ip_payload_len - hlen);

  add_rest (ctx, layer, offset, end);
  if (avail < TCP_MIN_HEADER)
    {
      _wl_dissect_truncated (ctx, layer);
      return;
    }
  if (hlen > TCP_MIN_HEADER)
    add_options (ctx, layer, offset + TCP_MIN_HEADER, MIN (end, offset + hlen));
  if (avail < hlen)
    {
      _wl_dissect_truncated (ctx, layer);
      return;
    }
  /* The payload's protocol by port: HTTP on 80 (wl-dissect-http.c), else data. */
  if (ctx->depth == 0 && end > offset + hlen
      && (wl_dissect_get16 (p) == 80 || wl_dissect_get16 (p + 2) == 80))
    _wl_dissect_http (ctx, offset + hlen, end);
  else
    _wl_dissect_data (ctx, offset + hlen, end, WL_LAYER_APPLICATION);
}

/* ---- summary --------------------------------------------------------------------------- */

static void
append_flag_names (GString *out,
                   guint    flags)
{
  /* Wireshark's order in the Info column: lowest bit first, reserved bits last. */
  static const char *const names[] = {
    "FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE",
  };
  gboolean first = TRUE;

  g_string_append_c (out, '[');
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & (1u << i))
      {
        g_string_append_printf (out, "%s%s", first ? "" : ", ", names[i]);
        first = FALSE;
      }
  if (flags & 0xe00)
    {
      g_string_append_printf (out, "%sReserved", first ? "" : ", ");
      first = FALSE;
    }
  g_string_append (out, first ? "<None>]" : "]");
}

char *
_wl_dissect_tcp_summary (const WlDissection   *d,
                         const WlDissectLayer *layer)
{
  const WlField *src = wl_dissect_layer_find (layer, "tcp.srcport");
  const WlField *dst = wl_dissect_layer_find (layer, "tcp.dstport");
  const WlField *hlen = wl_dissect_layer_find (layer, "tcp.hdr_len");
  const WlField *flags = wl_dissect_layer_find (layer, "tcp.flags");
  const WlField *win = wl_dissect_layer_find (layer, "tcp.window_size_value");
  const WlField *len = wl_dissect_layer_find (layer, "tcp.len");
  const WlField *mss = wl_dissect_layer_find (layer, "tcp.options.mss_val");
  GString *out;
  guint f;

  if (src == NULL || dst == NULL)
    return g_strdup (_(layer->name));
  out = g_string_new (NULL);
  /* Translators: source port → destination port. */
  g_string_printf (out, _("%u → %u"), (guint) src->uint_value, (guint) dst->uint_value);
  if (hlen != NULL && hlen->uint_value < TCP_MIN_HEADER)
    {
      g_string_append_printf (out, _(", bogus TCP header length (%u, must be at least %u)"),
                              (guint) hlen->uint_value, TCP_MIN_HEADER);
      return g_string_free (out, FALSE);
    }
  if (flags == NULL || win == NULL)
    return g_string_free (out, FALSE);

  /* Seq/Ack/Win/Urg/Len/MSS are protocol terms, kept as Wireshark writes them. */
  f = flags->uint_value;
  g_string_append_c (out, ' ');
  append_flag_names (out, f);
  g_string_append_printf (out, " Seq=%u", (guint) _wl_dissect_layer_uint (layer, "tcp.seq_raw", 0));
  if (f & 0x010)
    g_string_append_printf (out, " Ack=%u",
                            (guint) _wl_dissect_layer_uint (layer, "tcp.ack_raw", 0));
  g_string_append_printf (out, " Win=%u", (guint) win->uint_value);
  if (f & 0x020)
    g_string_append_printf (out, " Urg=%u",
                            (guint) _wl_dissect_layer_uint (layer, "tcp.urgent_pointer", 0));
  if (len != NULL)
    g_string_append_printf (out, " Len=%u", (guint) len->uint_value);
  if (mss != NULL)
    g_string_append_printf (out, " MSS=%u", (guint) mss->uint_value);
  return g_string_free (out, FALSE);
}
