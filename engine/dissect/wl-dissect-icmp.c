/* wl-dissect-icmp.c — ICMP for IPv4.
 *
 * RFC 792 (ICMP), RFC 1191 (next-hop MTU in "fragmentation needed"), RFC 1812 §4.3 (what
 * routers send).  Carried in IPv4 (protocol 1).  Ping's echo request/reply and the error
 * messages routers and hosts send back: time exceeded (traceroute's answers), destination
 * unreachable, redirect, parameter problem.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |     Code      |           Checksum            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  echo: Identifier             |  echo: Sequence Number        |
 *   |  errors: unused / next-hop MTU / gateway / pointer            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  echo: data …   errors: original IP header + first 8 bytes …  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Decodes icmp.type, icmp.code, icmp.checksum, icmp.checksum.status (1 good, 0 bad; not
 * checkable in a fragment or in a quoted packet, as in Wireshark), icmp.ident and icmp.seq
 * (echo, timestamp, information and address-mask messages), icmp.unused, icmp.mtu,
 * icmp.redir_gw and icmp.pointer for errors; the packet an error quotes follows as nested
 * "ip" (and "udp"/"tcp"/"icmp") layers at depth 1.  Echo data is a "data" layer.
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define ICMP_HEADER_LEN 8

enum
{
  ICMP_ECHOREPLY = 0,
  ICMP_UNREACH = 3,
  ICMP_SOURCEQUENCH = 4,
  ICMP_REDIRECT = 5,
  ICMP_ECHO = 8,
  ICMP_TIMXCEED = 11,
  ICMP_PARAMPROB = 12,
  ICMP_TSTAMP = 13,
  ICMP_MASKREPLY = 18,
};

#define ICMP_FRAG_NEEDED 4 /* code of ICMP_UNREACH */

enum
{
  HF_ICMP_TYPE,
  HF_ICMP_CODE,
  HF_ICMP_CHECKSUM,
  HF_ICMP_CHECKSUM_STATUS,
  HF_ICMP_IDENT,
  HF_ICMP_SEQ,
  HF_ICMP_UNUSED,
  HF_ICMP_MTU,
  HF_ICMP_REDIR_GW,
  HF_ICMP_POINTER,
};

const WlFieldInfo _wl_dissect_icmp_fields[] = {
  [HF_ICMP_TYPE] = WL_ROW_DEC ("icmp.type", N_("Type")),
  [HF_ICMP_CODE] = WL_ROW_DEC ("icmp.code", N_("Code")),
  [HF_ICMP_CHECKSUM] = WL_ROW_HEX ("icmp.checksum", N_("Checksum"), 4),
  [HF_ICMP_CHECKSUM_STATUS] = WL_ROW ("icmp.checksum.status", N_("Checksum Status"), WL_FIELD_BOOL),
  [HF_ICMP_IDENT] = WL_ROW_DEC ("icmp.ident", N_("Identifier")),
  [HF_ICMP_SEQ] = WL_ROW_DEC ("icmp.seq", N_("Sequence Number")),
  [HF_ICMP_UNUSED] = WL_ROW ("icmp.unused", N_("Unused"), WL_FIELD_BYTES),
  [HF_ICMP_MTU] = WL_ROW_DEC ("icmp.mtu", N_("MTU of next hop")),
  [HF_ICMP_REDIR_GW] = WL_ROW ("icmp.redir_gw", N_("Gateway Address"), WL_FIELD_IPV4),
  [HF_ICMP_POINTER] = WL_ROW_DEC ("icmp.pointer", N_("Pointer")),
};
const guint _wl_dissect_n_icmp_fields = G_N_ELEMENTS (_wl_dissect_icmp_fields);

#define HF(x) (&_wl_dissect_icmp_fields[HF_ICMP_##x])

static gboolean
has_ident (guint type)
{
  return type == ICMP_ECHOREPLY || type == ICMP_ECHO ||
         (type >= ICMP_TSTAMP && type <= ICMP_MASKREPLY);
}

static gboolean
is_error (guint type)
{
  return type == ICMP_UNREACH || type == ICMP_SOURCEQUENCH || type == ICMP_REDIRECT ||
         type == ICMP_TIMXCEED || type == ICMP_PARAMPROB;
}

/* Bytes 4–7 of an error message. */
static void
add_error_fields (WlDissectCtx   *ctx,
                  WlDissectLayer *layer,
                  guint           o,
                  guint           type,
                  guint           code)
{
  const guint8 *p = ctx->data + o;

  if (type == ICMP_UNREACH && code == ICMP_FRAG_NEEDED)
    {
      _wl_dissect_add_bytes (layer, HF (UNUSED), ctx->data, o + 4, 2);
      _wl_dissect_add_uint (layer, HF (MTU), o + 6, 2, wl_dissect_get16 (p + 6));
    }
  else if (type == ICMP_REDIRECT)
    _wl_dissect_add_ipv4 (layer, HF (REDIR_GW), ctx->data, o + 4);
  else if (type == ICMP_PARAMPROB)
    {
      _wl_dissect_add_uint (layer, HF (POINTER), o + 4, 1, p[4]);
      _wl_dissect_add_bytes (layer, HF (UNUSED), ctx->data, o + 5, 3);
    }
  else
    _wl_dissect_add_bytes (layer, HF (UNUSED), ctx->data, o + 4, 4);
}

/* The datagram an error message quotes: IP header + at least 8 bytes (RFC 792). */
static void
dissect_quoted (WlDissectCtx *ctx,
                guint         offset,
                guint         end)
{
  WlDissectCtx saved = *ctx;

  if (offset >= end)
    return;
  ctx->depth++;
  _wl_dissect_ip (ctx, offset, end);
  ctx->depth = saved.depth;
  ctx->ip_src = saved.ip_src;
  ctx->ip_dst = saved.ip_dst;
  ctx->ip_fragment = saved.ip_fragment;
  ctx->ip_payload_len = saved.ip_payload_len;
}

void
_wl_dissect_icmp (WlDissectCtx *ctx,
                  guint         offset,
                  guint         end)
{
  const guint8 *p = ctx->data + offset;
  WlDissectLayer *layer;
  guint avail = end - offset;
  guint type, code;

  g_assert (offset <= end);
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_ICMP, "icmp",
                                 N_("Internet Control Message Protocol"), WL_LAYER_NETWORK,
                                 offset, MIN (avail, ICMP_HEADER_LEN));
  if (avail >= 1)
    _wl_dissect_add_uint (layer, HF (TYPE), offset, 1, p[0]);
  if (avail >= 2)
    _wl_dissect_add_uint (layer, HF (CODE), offset + 1, 1, p[1]);
  if (avail >= 4)
    {
      _wl_dissect_add_uint (layer, HF (CHECKSUM), offset + 2, 2, wl_dissect_get16 (p + 2));
      /* Rule: the sum over the whole ICMP message is 0xffff.  Needs the whole message: not
       * in a fragment, not in a quoted packet, not when the frame is cut. */
      if (layer != NULL && ctx->depth == 0 && !ctx->ip_fragment && avail >= ctx->ip_payload_len)
        _wl_dissect_add_bool (layer, HF (CHECKSUM_STATUS), offset + 2, 2,
                              _wl_dissect_inet_ok (_wl_dissect_inet_sum (p, avail, 0)));
    }
  if (avail < ICMP_HEADER_LEN)
    {
      _wl_dissect_truncated (ctx, layer);
      return;
    }

  type = p[0];
  code = p[1];
  if (has_ident (type))
    {
      _wl_dissect_add_uint (layer, HF (IDENT), offset + 4, 2, wl_dissect_get16 (p + 4));
      _wl_dissect_add_uint (layer, HF (SEQ), offset + 6, 2, wl_dissect_get16 (p + 6));
      if (type == ICMP_ECHO || type == ICMP_ECHOREPLY)
        _wl_dissect_data (ctx, offset + ICMP_HEADER_LEN, end, WL_LAYER_APPLICATION);
    }
  else if (is_error (type))
    {
      add_error_fields (ctx, layer, offset, type, code);
      /* One level only: an error quoted in an error is not opened further. */
      if (ctx->depth == 0)
        dissect_quoted (ctx, offset + ICMP_HEADER_LEN, end);
    }
}

/* ---- summary --------------------------------------------------------------------------- */

static const char *
type_text (guint type)
{
  switch (type)
    {
    case 0: return _("Echo (ping) reply");
    case 3: return _("Destination unreachable");
    case 4: return _("Source quench (flow control)");
    case 5: return _("Redirect");
    case 8: return _("Echo (ping) request");
    case 9: return _("Router advertisement");
    case 10: return _("Router solicitation");
    case 11: return _("Time-to-live exceeded");
    case 12: return _("Parameter problem");
    case 13: return _("Timestamp request");
    case 14: return _("Timestamp reply");
    case 15: return _("Information request");
    case 16: return _("Information reply");
    case 17: return _("Address mask request");
    case 18: return _("Address mask reply");
    default: return _("Unknown ICMP (obsolete or malformed?)");
    }
}

/* The code's meaning for the types that have named codes, or NULL. */
static char *
code_text (guint type,
           guint code)
{
  static const char *const unreach[] = {
    N_("Network unreachable"), N_("Host unreachable"), N_("Protocol unreachable"),
    N_("Port unreachable"), N_("Fragmentation needed"), N_("Source route failed"),
    N_("Destination network unknown"), N_("Destination host unknown"),
    N_("Source host isolated"), N_("Network administratively prohibited"),
    N_("Host administratively prohibited"), N_("Network unreachable for TOS"),
    N_("Host unreachable for TOS"), N_("Communication administratively filtered"),
    N_("Host precedence violation"), N_("Precedence cutoff in effect"),
  };
  static const char *const redirect[] = {
    N_("Redirect for network"), N_("Redirect for host"), N_("Redirect for TOS and network"),
    N_("Redirect for TOS and host"),
  };
  static const char *const exceeded[] = {
    N_("Time to live exceeded in transit"), N_("Fragment reassembly time exceeded"),
  };
  static const char *const param[] = {
    N_("Pointer indicates the error"), N_("Required option missing"), N_("Bad length"),
  };
  const char *const *names;
  guint n;

  switch (type)
    {
    case ICMP_UNREACH: names = unreach; n = G_N_ELEMENTS (unreach); break;
    case ICMP_REDIRECT: names = redirect; n = G_N_ELEMENTS (redirect); break;
    case ICMP_TIMXCEED: names = exceeded; n = G_N_ELEMENTS (exceeded); break;
    case ICMP_PARAMPROB: names = param; n = G_N_ELEMENTS (param); break;
    default: return NULL;
    }
  if (code < n)
    return g_strdup (_(names[code]));
  return g_strdup_printf (_("Unknown code: %u"), code);
}

char *
_wl_dissect_icmp_summary (const WlDissection   *d,
                          const WlDissectLayer *layer)
{
  const WlField *type = wl_dissect_layer_find (layer, "icmp.type");
  const WlField *code = wl_dissect_layer_find (layer, "icmp.code");
  const WlField *ident = wl_dissect_layer_find (layer, "icmp.ident");
  const WlField *seq = wl_dissect_layer_find (layer, "icmp.seq");
  const WlDissectLayer *ip = _wl_dissect_outer_layer (d, layer, "ip");
  const WlField *ttl = ip != NULL ? wl_dissect_layer_find (ip, "ip.ttl") : NULL;
  g_autofree char *code_str = NULL;
  const char *type_str;
  GString *out;
  glong chars;

  if (type == NULL || code == NULL || layer->truncated)
    return g_strdup (_(layer->name));

  /* Wireshark's layout: the type name padded to 20 characters, the code's meaning in
   * parentheses, then identifier and sequence number (also byte-swapped, as Windows and
   * Linux pings count differently) and the TTL. */
  type_str = type_text (type->uint_value);
  out = g_string_new (type_str);
  for (chars = g_utf8_strlen (type_str, -1); chars < 20; chars++)
    g_string_append_c (out, ' ');
  code_str = code_text (type->uint_value, code->uint_value);
  if (code_str != NULL)
    g_string_append_printf (out, " (%s)", code_str);
  if (ident != NULL && seq != NULL)
    {
      guint s = seq->uint_value;

      g_string_append_printf (out, " id=0x%04x, seq=%u/%u", (guint) ident->uint_value, s,
                              ((s & 0xff) << 8) | (s >> 8));
      if (ttl != NULL)
        g_string_append_printf (out, ", ttl=%u", (guint) ttl->uint_value);
    }
  return g_string_free (out, FALSE);
}
