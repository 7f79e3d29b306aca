/* wl-dissect-ip.c — IPv4 headers.
 *
 * RFC 791 (IPv4), RFC 2474 / RFC 3168 (DS field: DSCP and ECN), RFC 1071 (header checksum).
 * Carried in Ethernet (EtherType 0x0800) or quoted inside an ICMP error; hands its payload to
 * ICMP, UDP or TCP, or shows it as data.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Identification        |R|D|M|      Fragment Offset    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Time to Live |    Protocol   |         Header Checksum       |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                       Source Address                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Destination Address                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    Options (IHL > 5) …                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Decodes every header field (options are skipped, not decoded) and checks the header
 * checksum (ip.checksum.status: 1 good, 0 bad, as tshark with ip.check_checksum on).
 *
 * Units, as tshark 4.0 prints them: ip.hdr_len is in bytes (20, not 5); ip.frag_offset is
 * the raw 13-bit field, in units of 8 bytes (a fragment starting at byte 1480 shows 185 —
 * the summary, like Wireshark's Info column, says off=1480); ip.flags is the 3 flag bits
 * shifted down (0x02 = DF); ip.len 0 is read as "the rest of the frame", Wireshark's rule for
 * captures made with TCP segmentation offload.
 *
 * Fragments: the first (offset 0, MF set) is decoded further like Wireshark with
 * reassembly off, but checksums above IP cannot be checked; later fragments are data.
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define IP_MIN_HEADER 20

enum
{
  HF_IP_VERSION,
  HF_IP_HDR_LEN,
  HF_IP_DSFIELD,
  HF_IP_DSFIELD_DSCP,
  HF_IP_DSFIELD_ECN,
  HF_IP_LEN,
  HF_IP_ID,
  HF_IP_FLAGS,
  HF_IP_FLAGS_RB,
  HF_IP_FLAGS_DF,
  HF_IP_FLAGS_MF,
  HF_IP_FRAG_OFFSET,
  HF_IP_TTL,
  HF_IP_PROTO,
  HF_IP_CHECKSUM,
  HF_IP_CHECKSUM_STATUS,
  HF_IP_SRC,
  HF_IP_DST,
};

const WlFieldInfo _wl_dissect_ip_fields[] = {
  [HF_IP_VERSION] = WL_ROW_DEC ("ip.version", N_("Version")),
  [HF_IP_HDR_LEN] = WL_ROW_DEC ("ip.hdr_len", N_("Header Length")),
  [HF_IP_DSFIELD] = WL_ROW_HEX ("ip.dsfield", N_("Differentiated Services Field"), 2),
  [HF_IP_DSFIELD_DSCP] = WL_ROW_DEC ("ip.dsfield.dscp", N_("Differentiated Services Codepoint")),
  [HF_IP_DSFIELD_ECN] = WL_ROW_DEC ("ip.dsfield.ecn", N_("Explicit Congestion Notification")),
  [HF_IP_LEN] = WL_ROW_DEC ("ip.len", N_("Total Length")),
  [HF_IP_ID] = WL_ROW_HEX ("ip.id", N_("Identification"), 4),
  [HF_IP_FLAGS] = WL_ROW_HEX ("ip.flags", N_("Flags"), 2),
  [HF_IP_FLAGS_RB] = WL_ROW ("ip.flags.rb", N_("Reserved bit"), WL_FIELD_BOOL),
  [HF_IP_FLAGS_DF] = WL_ROW ("ip.flags.df", N_("Don't fragment"), WL_FIELD_BOOL),
  [HF_IP_FLAGS_MF] = WL_ROW ("ip.flags.mf", N_("More fragments"), WL_FIELD_BOOL),
  [HF_IP_FRAG_OFFSET] = WL_ROW_DEC ("ip.frag_offset", N_("Fragment Offset")),
  [HF_IP_TTL] = WL_ROW_DEC ("ip.ttl", N_("Time to Live")),
  [HF_IP_PROTO] = WL_ROW_DEC ("ip.proto", N_("Protocol")),
  [HF_IP_CHECKSUM] = WL_ROW_HEX ("ip.checksum", N_("Header Checksum"), 4),
  [HF_IP_CHECKSUM_STATUS] = WL_ROW ("ip.checksum.status", N_("Header checksum status"),
                                    WL_FIELD_BOOL),
  [HF_IP_SRC] = WL_ROW ("ip.src", N_("Source Address"), WL_FIELD_IPV4),
  [HF_IP_DST] = WL_ROW ("ip.dst", N_("Destination Address"), WL_FIELD_IPV4),
};
const guint _wl_dissect_n_ip_fields = G_N_ELEMENTS (_wl_dissect_ip_fields);

#define HF(x) (&_wl_dissect_ip_fields[HF_IP_##x])

/* Fields of the fixed header that fit before `end`, in header order. */
static void
add_fixed_fields (WlDissectCtx   *ctx,
                  WlDissectLayer *layer,
                  guint           o,
                  guint           end,
                  guint           hlen)
{
  const guint8 *p = ctx->data + o;

  if (WL_DISSECT_FITS (o, 8, end))
    {
      guint frag = wl_dissect_get16 (p + 6);

      _wl_dissect_add_uint (layer, HF (ID), o + 4, 2, wl_dissect_get16 (p + 4));
      _wl_dissect_add_uint (layer, HF (FLAGS), o + 6, 1, p[6] >> 5);
      _wl_dissect_add_bool (layer, HF (FLAGS_RB), o + 6, 1, (p[6] & 0x80) != 0);
      _wl_dissect_add_bool (layer, HF (FLAGS_DF), o + 6, 1, (p[6] & 0x40) != 0);
      _wl_dissect_add_bool (layer, HF (FLAGS_MF), o + 6, 1, (p[6] & 0x20) != 0);
      _wl_dissect_add_uint (layer, HF (FRAG_OFFSET), o + 6, 2, frag & 0x1fff);
    }
  if (WL_DISSECT_FITS (o, 9, end))
    _wl_dissect_add_uint (layer, HF (TTL), o + 8, 1, p[8]);
  if (WL_DISSECT_FITS (o, 10, end))
    _wl_dissect_add_uint (layer, HF (PROTO), o + 9, 1, p[9]);
  if (WL_DISSECT_FITS (o, 12, end))
    {
      _wl_dissect_add_uint (layer, HF (CHECKSUM), o + 10, 2, wl_dissect_get16 (p + 10));
      /* Rule (RFC 1071): the one's-complement sum of the whole header, options included,
       * is 0xffff.  Only checkable when the whole header is here. */
      if (layer != NULL && WL_DISSECT_FITS (o, hlen, end))
        _wl_dissect_add_bool (layer, HF (CHECKSUM_STATUS), o + 10, 2,
                              _wl_dissect_inet_ok (_wl_dissect_inet_sum (p, hlen, 0)));
    }
  if (WL_DISSECT_FITS (o, 16, end))
    _wl_dissect_add_ipv4 (layer, HF (SRC), ctx->data, o + 12);
  if (WL_DISSECT_FITS (o, 20, end))
    _wl_dissect_add_ipv4 (layer, HF (DST), ctx->data, o + 16);
}

/* Hands [payload, payload_end) to the protocol the header names. */
static void
dissect_payload (WlDissectCtx *ctx,
                 guint         proto,
                 gboolean      later_fragment,
                 guint         payload,
                 guint         payload_end)
{
  /* A quoted packet often stops right after the IP header: nothing to show then. */
  if (ctx->depth > 0 && payload >= payload_end)
    return;
  if (later_fragment)
    {
      _wl_dissect_data (ctx, payload, payload_end, WL_LAYER_TRANSPORT);
      return;
    }
  switch (proto)
    {
    case 1:
      _wl_dissect_icmp (ctx, payload, payload_end);
      break;
    case 6:
      _wl_dissect_tcp (ctx, payload, payload_end);
      break;
    case 17:
      _wl_dissect_udp (ctx, payload, payload_end);
      break;
    default:
      _wl_dissect_data (ctx, payload, payload_end, WL_LAYER_TRANSPORT);
      break;
    }
}

guint
_wl_dissect_ip (WlDissectCtx *ctx,
                guint         offset,
                guint         end)
{
  const guint8 *p = ctx->data + offset;
  WlDissectLayer *layer;
  guint avail = end - offset;
  guint version, hlen, total, frag, packet_end;

  g_assert (offset <= end);
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_IP, "ip", N_("Internet Protocol Version 4"),
                                 WL_LAYER_NETWORK, offset, MIN (avail, IP_MIN_HEADER));
  if (avail < 1)
    {
      _wl_dissect_truncated (ctx, layer);
      return end;
    }

  version = p[0] >> 4;
  hlen = (p[0] & 0x0f) * 4;
  _wl_dissect_add_uint (layer, HF (VERSION), offset, 1, version);
  if (version != 4)
    {
      _wl_dissect_malformed (ctx, layer); /* Rule: only version 4 is IPv4. */
      return end;
    }
  _wl_dissect_add_uint (layer, HF (HDR_LEN), offset, 1, hlen);
  if (hlen < IP_MIN_HEADER)
    {
      _wl_dissect_malformed (ctx, layer); /* Rule: IHL is at least 5 words. */
      return end;
    }
  if (layer != NULL)
    layer->length = MIN (avail, hlen);

  if (avail >= 2)
    {
      _wl_dissect_add_uint (layer, HF (DSFIELD), offset + 1, 1, p[1]);
      _wl_dissect_add_uint (layer, HF (DSFIELD_DSCP), offset + 1, 1, p[1] >> 2);
      _wl_dissect_add_uint (layer, HF (DSFIELD_ECN), offset + 1, 1, p[1] & 0x03);
    }
  if (avail < 4)
    {
      _wl_dissect_truncated (ctx, layer);
      return end;
    }
  total = wl_dissect_get16 (p + 2);
  if (total == 0)
    total = avail; /* TSO capture, see the top of the file */
  _wl_dissect_add_uint (layer, HF (LEN), offset + 2, 2, total);
  if (total < hlen)
    {
      _wl_dissect_malformed (ctx, layer); /* Rule: the packet holds at least its header. */
      return end;
    }

  add_fixed_fields (ctx, layer, offset, end, hlen);
  if (avail < hlen)
    {
      _wl_dissect_truncated (ctx, layer);
      return end;
    }

  /* Rule: the total length may not promise more than the frame holds — except in a packet
   * quoted by an ICMP error, which is expected to be cut. */
  packet_end = offset + total;
  if (total > avail)
    {
      if (ctx->depth == 0)
        _wl_dissect_malformed (ctx, layer);
      packet_end = end;
    }

  frag = wl_dissect_get16 (p + 6);
  ctx->ip_src = wl_dissect_get32 (p + 12);
  ctx->ip_dst = wl_dissect_get32 (p + 16);
  ctx->ip_fragment = (frag & 0x3fff) != 0;
  ctx->ip_payload_len = ctx->depth == 0 ? packet_end - offset - hlen : total - hlen;
  dissect_payload (ctx, p[9], (frag & 0x1fff) != 0, offset + hlen, packet_end);

  return packet_end;
}

/* ---- summary --------------------------------------------------------------------------- */

/* Protocol names as Wireshark's ipprotostr() gives them (not translated: they are names). */
static const char *
proto_name (guint proto)
{
  static const struct
  {
    guint8 number;
    const char *name;
  } names[] = {
    { 0, "IPv6 Hop-by-Hop Option" }, { 1, "ICMP" }, { 2, "IGMP" }, { 4, "IPIP" },
    { 6, "TCP" }, { 17, "UDP" }, { 41, "IPv6" }, { 47, "Generic Routing Encapsulation" },
    { 50, "Encap Security Payload" }, { 51, "Authentication Header" }, { 89, "OSPF IGP" },
    { 103, "PIM" }, { 132, "SCTP" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].number == proto)
      return names[i].name;
  return _("Unknown");
}

char *
_wl_dissect_ip_summary (const WlDissection   *d,
                        const WlDissectLayer *layer)
{
  guint version = _wl_dissect_layer_uint (layer, "ip.version", 4);
  guint hlen = _wl_dissect_layer_uint (layer, "ip.hdr_len", 20);
  guint total = _wl_dissect_layer_uint (layer, "ip.len", G_MAXUINT);
  const WlField *proto = wl_dissect_layer_find (layer, "ip.proto");
  const WlField *frag = wl_dissect_layer_find (layer, "ip.frag_offset");
  const WlField *id = wl_dissect_layer_find (layer, "ip.id");

  if (version != 4)
    return g_strdup_printf (_("Bogus IPv4 version (%u, must be 4)"), version);
  if (hlen < IP_MIN_HEADER)
    return g_strdup_printf (_("Bogus IP header length (%u, must be at least %u)"), hlen,
                            IP_MIN_HEADER);
  if (total < hlen)
    return g_strdup_printf (_("Bogus IP length (%u, less than header length %u)"), total, hlen);
  if (layer->truncated || proto == NULL || frag == NULL || id == NULL)
    return g_strdup (_(layer->name));
  if (frag->uint_value != 0)
    /* Translators: a later IP fragment; off= is the fragment's offset in bytes, ID= the
     * datagram's identification in hex.  Keep "proto=", "off=" and "ID=" as they are. */
    return g_strdup_printf (_("Fragmented IP protocol (proto=%s %u, off=%u, ID=%04x)"),
                            proto_name (proto->uint_value), (guint) proto->uint_value,
                            (guint) frag->uint_value * 8, (guint) id->uint_value);
  return g_strdup_printf ("%s (%u)", proto_name (proto->uint_value), (guint) proto->uint_value);
}
