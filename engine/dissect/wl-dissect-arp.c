/* wl-dissect-arp.c — ARP, the Address Resolution Protocol.
 *
 * RFC 826 (ARP), RFC 903 (RARP), RFC 2390 (Inverse ARP), RFC 5227 (probes and
 * announcements).  Carried directly in Ethernet (EtherType 0x0806); it answers "which MAC
 * address has this IPv4 address?".  Like Packet Tracer's OSI view, we draw it in the
 * data-link lane: it never leaves its segment and is carried directly by Ethernet.  The
 * stack's ARP notes (cache entries, misses) sit in the same lane.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |         Hardware type         |         Protocol type         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  HW size (6)  | Proto size (4)|            Opcode             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Sender hardware address (HW size bytes)                      |
 *   |  Sender protocol address (Proto size bytes)                   |
 *   |  Target hardware address (HW size bytes)                      |
 *   |  Target protocol address (Proto size bytes)                   |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Decodes arp.hw.type, arp.proto.type, arp.hw.size, arp.proto.size, arp.opcode, the four
 * addresses — as arp.src.hw_mac / arp.src.proto_ipv4 … when they are Ethernet MACs and IPv4
 * addresses, as raw bytes (arp.src.hw, arp.src.proto …) otherwise, exactly as Wireshark picks —
 * and Wireshark's verdicts arp.isgratuitous, arp.isannouncement and arp.isprobe (present only
 * when true).
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define ARP_OSI_LAYER  WL_LAYER_DATA_LINK
#define ARP_FIXED_LEN  8

enum
{
  HF_ARP_HW_TYPE,
  HF_ARP_PROTO_TYPE,
  HF_ARP_HW_SIZE,
  HF_ARP_PROTO_SIZE,
  HF_ARP_OPCODE,
  HF_ARP_ISGRATUITOUS,
  HF_ARP_ISPROBE,
  HF_ARP_ISANNOUNCEMENT,
  HF_ARP_SRC_HW_MAC,
  HF_ARP_SRC_HW,
  HF_ARP_SRC_PROTO_IPV4,
  HF_ARP_SRC_PROTO,
  HF_ARP_DST_HW_MAC,
  HF_ARP_DST_HW,
  HF_ARP_DST_PROTO_IPV4,
  HF_ARP_DST_PROTO,
};

const WlFieldInfo _wl_dissect_arp_fields[] = {
  [HF_ARP_HW_TYPE] = WL_ROW_DEC ("arp.hw.type", N_("Hardware type")),
  [HF_ARP_PROTO_TYPE] = WL_ROW_HEX ("arp.proto.type", N_("Protocol type"), 4),
  [HF_ARP_HW_SIZE] = WL_ROW_DEC ("arp.hw.size", N_("Hardware size")),
  [HF_ARP_PROTO_SIZE] = WL_ROW_DEC ("arp.proto.size", N_("Protocol size")),
  [HF_ARP_OPCODE] = WL_ROW_DEC ("arp.opcode", N_("Opcode")),
  [HF_ARP_ISGRATUITOUS] = WL_ROW ("arp.isgratuitous", N_("Is gratuitous"), WL_FIELD_BOOL),
  [HF_ARP_ISPROBE] = WL_ROW ("arp.isprobe", N_("Is probe"), WL_FIELD_BOOL),
  [HF_ARP_ISANNOUNCEMENT] = WL_ROW ("arp.isannouncement", N_("Is announcement"), WL_FIELD_BOOL),
  [HF_ARP_SRC_HW_MAC] = WL_ROW ("arp.src.hw_mac", N_("Sender MAC address"), WL_FIELD_MAC),
  [HF_ARP_SRC_HW] = WL_ROW ("arp.src.hw", N_("Sender hardware address"), WL_FIELD_BYTES),
  [HF_ARP_SRC_PROTO_IPV4] = WL_ROW ("arp.src.proto_ipv4", N_("Sender IP address"), WL_FIELD_IPV4),
  [HF_ARP_SRC_PROTO] = WL_ROW ("arp.src.proto", N_("Sender protocol address"), WL_FIELD_BYTES),
  [HF_ARP_DST_HW_MAC] = WL_ROW ("arp.dst.hw_mac", N_("Target MAC address"), WL_FIELD_MAC),
  [HF_ARP_DST_HW] = WL_ROW ("arp.dst.hw", N_("Target hardware address"), WL_FIELD_BYTES),
  [HF_ARP_DST_PROTO_IPV4] = WL_ROW ("arp.dst.proto_ipv4", N_("Target IP address"), WL_FIELD_IPV4),
  [HF_ARP_DST_PROTO] = WL_ROW ("arp.dst.proto", N_("Target protocol address"), WL_FIELD_BYTES),
};
const guint _wl_dissect_n_arp_fields = G_N_ELEMENTS (_wl_dissect_arp_fields);

#define HF(x) (&_wl_dissect_arp_fields[HF_ARP_##x])

enum
{
  ARPOP_REQUEST = 1,
  ARPOP_REPLY = 2,
  ARPOP_RREQUEST = 3, /* RARP */
  ARPOP_RREPLY = 4,
  ARPOP_IREQUEST = 8, /* Inverse ARP */
  ARPOP_IREPLY = 9,
  ARPOP_NAK = 10,     /* ATM ARP */
};

/* Wireshark's ARP_HW_IS_ETHER and ARP_PRO_IS_IPv4: when to show addresses as MAC / IPv4. */
static gboolean
hw_is_ether (guint type,
             guint size)
{
  return (type == 1 || type == 6) && size == 6;
}

static gboolean
proto_is_ipv4 (guint type,
               guint size)
{
  return (type == 0x0800 || type == 0xcc) && size == 4;
}

static gboolean
all_zero (const guint8 *p,
          guint         n)
{
  for (guint i = 0; i < n; i++)
    if (p[i] != 0)
      return FALSE;
  return TRUE;
}

/* One address; MAC/IPv4 when the sizes say so, bytes otherwise. */
static void
add_address (WlDissectCtx      *ctx,
             WlDissectLayer    *layer,
             const WlFieldInfo *typed,
             const WlFieldInfo *raw,
             gboolean           is_typed,
             guint              offset,
             guint              size)
{
  if (size == 0)
    return;
  if (!is_typed)
    _wl_dissect_add_bytes (layer, raw, ctx->data, offset, size);
  else if (typed->type == WL_FIELD_MAC)
    _wl_dissect_add_mac (layer, typed, ctx->data, offset);
  else
    _wl_dissect_add_ipv4 (layer, typed, ctx->data, offset);
}

/* RFC 5227 and Wireshark's reading of them: same sender and target IP is gratuitous; a
 * request that also leaves the target MAC zero announces; one from 0.0.0.0 to nobody probes. */
static void
add_verdicts (WlDissectCtx   *ctx,
              WlDissectLayer *layer,
              guint           op,
              guint           spa,
              guint           tha,
              guint           tpa,
              guint           hln,
              guint           pln)
{
  const guint8 *p = ctx->data;
  gboolean gratuitous, announcement, probe;

  if (op != ARPOP_REQUEST && op != ARPOP_REPLY)
    return;
  gratuitous = memcmp (p + spa, p + tpa, pln) == 0;
  announcement = op == ARPOP_REQUEST && gratuitous && all_zero (p + tha, hln);
  probe = op == ARPOP_REQUEST && !gratuitous && all_zero (p + spa, pln) && all_zero (p + tha, hln);
  if (gratuitous)
    _wl_dissect_add_bool (layer, HF (ISGRATUITOUS), spa, pln, TRUE);
  if (announcement)
    _wl_dissect_add_bool (layer, HF (ISANNOUNCEMENT), spa, pln, TRUE);
  if (probe)
    _wl_dissect_add_bool (layer, HF (ISPROBE), spa, pln, TRUE);
}

guint
_wl_dissect_arp (WlDissectCtx *ctx,
                 guint         offset,
                 guint         end)
{
  const guint8 *p = ctx->data + offset;
  WlDissectLayer *layer;
  guint hrd, pro, hln, pln, op, total, sha, spa, tha, tpa;
  gboolean ether, ipv4;

  layer = _wl_dissect_layer_new (ctx, WL_PROTO_ARP, "arp", N_("Address Resolution Protocol"),
                                 ARP_OSI_LAYER, offset, MIN (end - offset, ARP_FIXED_LEN));
  if (!WL_DISSECT_FITS (offset, ARP_FIXED_LEN, end))
    {
      if (WL_DISSECT_FITS (offset, 2, end))
        _wl_dissect_add_uint (layer, HF (HW_TYPE), offset, 2, wl_dissect_get16 (p));
      if (WL_DISSECT_FITS (offset, 4, end))
        _wl_dissect_add_uint (layer, HF (PROTO_TYPE), offset + 2, 2, wl_dissect_get16 (p + 2));
      if (WL_DISSECT_FITS (offset, 5, end))
        _wl_dissect_add_uint (layer, HF (HW_SIZE), offset + 4, 1, p[4]);
      if (WL_DISSECT_FITS (offset, 6, end))
        _wl_dissect_add_uint (layer, HF (PROTO_SIZE), offset + 5, 1, p[5]);
      _wl_dissect_truncated (ctx, layer);
      return end;
    }

  hrd = wl_dissect_get16 (p);
  pro = wl_dissect_get16 (p + 2);
  hln = p[4];
  pln = p[5];
  op = wl_dissect_get16 (p + 6);
  _wl_dissect_add_uint (layer, HF (HW_TYPE), offset, 2, hrd);
  _wl_dissect_add_uint (layer, HF (PROTO_TYPE), offset + 2, 2, pro);
  _wl_dissect_add_uint (layer, HF (HW_SIZE), offset + 4, 1, hln);
  _wl_dissect_add_uint (layer, HF (PROTO_SIZE), offset + 5, 1, pln);
  _wl_dissect_add_uint (layer, HF (OPCODE), offset + 6, 2, op);

  /* The sizes say how long the packet is; Ethernet shows what follows as padding. */
  total = ARP_FIXED_LEN + 2 * hln + 2 * pln;
  sha = offset + ARP_FIXED_LEN;
  spa = sha + hln;
  tha = spa + pln;
  tpa = tha + hln;
  ether = hw_is_ether (hrd, hln);
  ipv4 = proto_is_ipv4 (pro, pln);
  if (layer != NULL)
    layer->length = MIN (total, end - offset);

  if (WL_DISSECT_FITS (offset, total, end))
    add_verdicts (ctx, layer, op, spa, tha, tpa, hln, pln);
  if (WL_DISSECT_FITS (sha, hln, end))
    add_address (ctx, layer, HF (SRC_HW_MAC), HF (SRC_HW), ether, sha, hln);
  if (WL_DISSECT_FITS (spa, pln, end))
    add_address (ctx, layer, HF (SRC_PROTO_IPV4), HF (SRC_PROTO), ipv4, spa, pln);
  if (WL_DISSECT_FITS (tha, hln, end))
    add_address (ctx, layer, HF (DST_HW_MAC), HF (DST_HW), ether, tha, hln);
  if (WL_DISSECT_FITS (tpa, pln, end))
    add_address (ctx, layer, HF (DST_PROTO_IPV4), HF (DST_PROTO), ipv4, tpa, pln);

  if (!WL_DISSECT_FITS (offset, total, end))
    {
      _wl_dissect_truncated (ctx, layer);
      return end;
    }
  return offset + total;
}

/* ---- summary --------------------------------------------------------------------------- */

static const char *
address_text (const WlDissectLayer *layer,
              const char           *typed,
              const char           *raw)
{
  const WlField *field = wl_dissect_layer_find (layer, typed);

  if (field == NULL)
    field = wl_dissect_layer_find (layer, raw);
  return field != NULL ? field->display : NULL;
}

char *
_wl_dissect_arp_summary (const WlDissection   *d,
                         const WlDissectLayer *layer)
{
  const char *sha = address_text (layer, "arp.src.hw_mac", "arp.src.hw");
  const char *spa = address_text (layer, "arp.src.proto_ipv4", "arp.src.proto");
  const char *tha = address_text (layer, "arp.dst.hw_mac", "arp.dst.hw");
  const char *tpa = address_text (layer, "arp.dst.proto_ipv4", "arp.dst.proto");
  guint64 op = _wl_dissect_layer_uint (layer, "arp.opcode", 0);

  if (layer->truncated || sha == NULL || spa == NULL || tha == NULL || tpa == NULL)
    return g_strdup (_(layer->name));

  switch (op)
    {
    case ARPOP_REQUEST:
      if (wl_dissect_layer_find (layer, "arp.isannouncement") != NULL)
        return g_strdup_printf (_("ARP Announcement for %s"), spa);
      if (wl_dissect_layer_find (layer, "arp.isgratuitous") != NULL)
        return g_strdup_printf (_("Gratuitous ARP for %s (Request)"), spa);
      if (wl_dissect_layer_find (layer, "arp.isprobe") != NULL)
        return g_strdup_printf (_("Who has %s? (ARP Probe)"), tpa);
      /* Translators: an ARP request; first the address asked about, then the asker's. */
      return g_strdup_printf (_("Who has %s? Tell %s"), tpa, spa);
    case ARPOP_REPLY:
      if (wl_dissect_layer_find (layer, "arp.isgratuitous") != NULL)
        return g_strdup_printf (_("Gratuitous ARP for %s (Reply)"), spa);
      /* Translators: an ARP reply: "<IP address> is at <MAC address>". */
      return g_strdup_printf (_("%s is at %s"), spa, sha);
    case ARPOP_RREQUEST:
    case ARPOP_IREQUEST:
      /* Translators: a reverse or inverse ARP request, asked about a MAC address. */
      return g_strdup_printf (_("Who is %s? Tell %s"), tha, sha);
    case ARPOP_RREPLY:
      return g_strdup_printf (_("%s is at %s"), tha, tpa);
    case ARPOP_IREPLY:
      return g_strdup_printf (_("%s is at %s"), sha, spa);
    case ARPOP_NAK:
      return g_strdup (_("ARP NAK"));
    default:
      return g_strdup_printf (_("Unknown ARP opcode 0x%04x"), (guint) op);
    }
}
