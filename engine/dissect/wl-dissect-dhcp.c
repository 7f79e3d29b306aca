/* wl-dissect-dhcp.c — BOOTP and DHCP messages, as Wireshark's "dhcp" dissector shows them.
 *
 * RFC 951 (BOOTP), RFC 2131 (DHCP), RFC 2132 (options).  Carried in UDP on ports 67 and 68
 * (wl-dissect-udp.c hands the payload over when the lower of its ports is one of them, the
 * port Wireshark tries first).  The layout is drawn in engine/proto/wl-dhcp-wire.h:
 *
 *   op htype hlen hops | xid | secs flags | ciaddr yiaddr siaddr giaddr | chaddr (16) |
 *   sname (64) | file (128) | cookie 99.130.83.99 | options: code, length, value … 255
 *
 * Fields, with tshark 4.0's abbreviations and its way of printing them:
 *   header  dhcp.type (op), dhcp.hw.type, dhcp.hw.len, dhcp.hops, dhcp.id, dhcp.secs,
 *           dhcp.flags, dhcp.flags.bc, dhcp.flags.reserved, dhcp.ip.client, dhcp.ip.your,
 *           dhcp.ip.server, dhcp.ip.relay, dhcp.hw.mac_addr and dhcp.hw.addr_padding
 *           (Ethernet; otherwise dhcp.hw.addr), dhcp.server, dhcp.file, dhcp.cookie
 *   options dhcp.option.type, dhcp.option.length and dhcp.option.value for each, then the
 *           option's own field: 53 dhcp.option.dhcp, 50 requested_ip_address, 54
 *           dhcp_server_id, 51 ip_address_lease_time, 58 renewal_time_value, 59
 *           rebinding_time_value, 1 subnet_mask, 3 router, 6 domain_name_server (one per
 *           address), 12 hostname, 56 message, 57 dhcp_max_message_size, 55
 *           request_list_item (one per byte), 61 client id (type 1 with a MAC: dhcp.hw.type
 *           and dhcp.hw.mac_addr again; type 0: dhcp.client_id.type and
 *           dhcp.client_id.undef).  A run of pad bytes is one dhcp.option.type 0 with
 *           dhcp.option.padding; the end option is dhcp.option.end 255 (and, as tshark 4.0
 *           prints it, a dhcp.option.type of 0), and everything after it is padding.
 *   other   without the magic cookie the message is plain BOOTP: dhcp.bootp and 64 bytes of
 *           dhcp.vendor_specific_options.
 * A known option with the wrong length gets no field of its own (tshark adds an expert note);
 * the lengths of 53, 50, 54, 51, 58, 59, 1, 57 must match, 3 and 6 must be multiples of 4
 * (tshark decodes whole addresses and flags the rest).  Option overload (52) is shown as an
 * ordinary option; sname and file stay text.
 *
 * Malformed (as tshark's exceptions): a fixed field cut short, an option whose length byte
 * or value runs past the end (an option without its length byte is not shown at all), a BOOTP
 * vendor area under 64 bytes.  A missing end option is not malformed (tshark only notes it).
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dissect-private.h"

#define DHCP_FIXED_LEN 236
#define DHCP_MAGIC 0x63825363u
#define BOOTP_VENDOR_LEN 64

enum
{
  HF_TYPE, HF_HW_TYPE, HF_HW_LEN, HF_HOPS, HF_ID, HF_SECS, HF_FLAGS, HF_FLAGS_BC,
  HF_FLAGS_RESERVED, HF_IP_CLIENT, HF_IP_YOUR, HF_IP_SERVER, HF_IP_RELAY, HF_HW_MAC_ADDR,
  HF_HW_ADDR, HF_HW_ADDR_PADDING, HF_SERVER, HF_FILE, HF_COOKIE, HF_BOOTP, HF_VENDOR,
  HF_OPT_TYPE, HF_OPT_LENGTH, HF_OPT_VALUE, HF_OPT_PADDING, HF_OPT_END, HF_OPT_DHCP,
  HF_OPT_REQUESTED_IP, HF_OPT_SERVER_ID, HF_OPT_LEASE_TIME, HF_OPT_RENEWAL_TIME,
  HF_OPT_REBINDING_TIME, HF_OPT_SUBNET_MASK, HF_OPT_ROUTER, HF_OPT_DNS, HF_OPT_HOSTNAME,
  HF_OPT_MESSAGE, HF_OPT_MAX_SIZE, HF_OPT_REQUEST_LIST_ITEM, HF_CLIENT_ID_TYPE,
  HF_CLIENT_ID_UNDEF, HF_CLIENT_HW_ADDRESS,
};

const WlFieldInfo _wl_dissect_dhcp_fields[] = {
  [HF_TYPE] = WL_ROW_DEC ("dhcp.type", N_("Message type")),
  [HF_HW_TYPE] = WL_ROW_HEX ("dhcp.hw.type", N_("Hardware type"), 2),
  [HF_HW_LEN] = WL_ROW_DEC ("dhcp.hw.len", N_("Hardware address length")),
  [HF_HOPS] = WL_ROW_DEC ("dhcp.hops", N_("Hops")),
  [HF_ID] = WL_ROW_HEX ("dhcp.id", N_("Transaction ID"), 8),
  [HF_SECS] = WL_ROW_DEC ("dhcp.secs", N_("Seconds elapsed")),
  [HF_FLAGS] = WL_ROW_HEX ("dhcp.flags", N_("Bootp flags"), 4),
  [HF_FLAGS_BC] = WL_ROW ("dhcp.flags.bc", N_("Broadcast flag"), WL_FIELD_BOOL),
  [HF_FLAGS_RESERVED] = WL_ROW_HEX ("dhcp.flags.reserved", N_("Reserved flags"), 4),
  [HF_IP_CLIENT] = WL_ROW ("dhcp.ip.client", N_("Client IP address"), WL_FIELD_IPV4),
  [HF_IP_YOUR] = WL_ROW ("dhcp.ip.your", N_("Your (client) IP address"), WL_FIELD_IPV4),
  [HF_IP_SERVER] = WL_ROW ("dhcp.ip.server", N_("Next server IP address"), WL_FIELD_IPV4),
  [HF_IP_RELAY] = WL_ROW ("dhcp.ip.relay", N_("Relay agent IP address"), WL_FIELD_IPV4),
  [HF_HW_MAC_ADDR] = WL_ROW ("dhcp.hw.mac_addr", N_("Client MAC address"), WL_FIELD_MAC),
  [HF_HW_ADDR] = WL_ROW ("dhcp.hw.addr", N_("Client hardware address"), WL_FIELD_BYTES),
  [HF_HW_ADDR_PADDING] = WL_ROW ("dhcp.hw.addr_padding", N_("Client hardware address padding"),
                                 WL_FIELD_BYTES),
  [HF_SERVER] = WL_ROW ("dhcp.server", N_("Server host name"), WL_FIELD_STRING),
  [HF_FILE] = WL_ROW ("dhcp.file", N_("Boot file name"), WL_FIELD_STRING),
  [HF_COOKIE] = WL_ROW ("dhcp.cookie", N_("Magic cookie"), WL_FIELD_IPV4),
  [HF_BOOTP] = WL_ROW ("dhcp.bootp", N_("Frame is BOOTP"), WL_FIELD_BOOL),
  [HF_VENDOR] = WL_ROW ("dhcp.vendor_specific_options", N_("Bootp vendor specific options"),
                        WL_FIELD_BYTES),
  [HF_OPT_TYPE] = WL_ROW_DEC ("dhcp.option.type", N_("Option")),
  [HF_OPT_LENGTH] = WL_ROW_DEC ("dhcp.option.length", N_("Length")),
  [HF_OPT_VALUE] = WL_ROW ("dhcp.option.value", N_("Value"), WL_FIELD_BYTES),
  [HF_OPT_PADDING] = WL_ROW ("dhcp.option.padding", N_("Padding"), WL_FIELD_BYTES),
  [HF_OPT_END] = WL_ROW_DEC ("dhcp.option.end", N_("Option End")),
  [HF_OPT_DHCP] = WL_ROW_DEC ("dhcp.option.dhcp", N_("DHCP")),
  [HF_OPT_REQUESTED_IP] = WL_ROW ("dhcp.option.requested_ip_address", N_("Requested IP Address"),
                                  WL_FIELD_IPV4),
  [HF_OPT_SERVER_ID] = WL_ROW ("dhcp.option.dhcp_server_id", N_("DHCP Server Identifier"),
                               WL_FIELD_IPV4),
  [HF_OPT_LEASE_TIME] = WL_ROW_DEC ("dhcp.option.ip_address_lease_time",
                                    N_("IP Address Lease Time")),
  [HF_OPT_RENEWAL_TIME] = WL_ROW_DEC ("dhcp.option.renewal_time_value", N_("Renewal Time Value")),
  [HF_OPT_REBINDING_TIME] = WL_ROW_DEC ("dhcp.option.rebinding_time_value",
                                        N_("Rebinding Time Value")),
  [HF_OPT_SUBNET_MASK] = WL_ROW ("dhcp.option.subnet_mask", N_("Subnet Mask"), WL_FIELD_IPV4),
  [HF_OPT_ROUTER] = WL_ROW ("dhcp.option.router", N_("Router"), WL_FIELD_IPV4),
  [HF_OPT_DNS] = WL_ROW ("dhcp.option.domain_name_server", N_("Domain Name Server"),
                         WL_FIELD_IPV4),
  [HF_OPT_HOSTNAME] = WL_ROW ("dhcp.option.hostname", N_("Host Name"), WL_FIELD_STRING),
  [HF_OPT_MESSAGE] = WL_ROW ("dhcp.option.message", N_("Message"), WL_FIELD_STRING),
  [HF_OPT_MAX_SIZE] = WL_ROW_DEC ("dhcp.option.dhcp_max_message_size",
                                  N_("Maximum DHCP Message Size")),
  [HF_OPT_REQUEST_LIST_ITEM] = WL_ROW_DEC ("dhcp.option.request_list_item",
                                           N_("Parameter Request List Item")),
  [HF_CLIENT_ID_TYPE] = WL_ROW_DEC ("dhcp.client_id.type", N_("Type")),
  [HF_CLIENT_ID_UNDEF] = WL_ROW ("dhcp.client_id.undef", N_("Client Identifier"),
                                 WL_FIELD_STRING),
  [HF_CLIENT_HW_ADDRESS] = WL_ROW ("dhcp.client_hardware_address", N_("Client hardware address"),
                                   WL_FIELD_STRING),
};
const guint _wl_dissect_n_dhcp_fields = G_N_ELEMENTS (_wl_dissect_dhcp_fields);

#define HF(x) (&_wl_dissect_dhcp_fields[HF_##x])

/* Text of n bytes, cut at the first NUL, made valid UTF-8 (tshark prints the raw bytes). */
static void
add_text (WlDissectLayer    *layer,
          const WlFieldInfo *info,
          const guint8      *data,
          guint              offset,
          guint              n)
{
  gsize len = strnlen ((const char *) data + offset, n);
  g_autofree char *text = g_utf8_make_valid ((const char *) data + offset, (gssize) len);

  _wl_dissect_add_string (layer, info, offset, n, text);
}

static void
add_u32 (WlDissectLayer    *layer,
         const WlFieldInfo *info,
         const guint8      *data,
         guint              offset)
{
  _wl_dissect_add_uint (layer, info, offset, 4, wl_dissect_get32 (data + offset));
}

/* Option 61: a MAC with its hardware type, or a text identifier (type 0). */
static void
add_client_id (WlDissectLayer *layer,
               const guint8   *d,
               guint           v,
               guint           len)
{
  static const char hex[] = "0123456789abcdef";

  if (len == 7)
    {
      _wl_dissect_add_uint (layer, HF (HW_TYPE), v, 1, d[v]);
      if (d[v] == 1)
        _wl_dissect_add_mac (layer, HF (HW_MAC_ADDR), d, v + 1);
      else
        {
          char text[13];

          for (guint i = 0; i < 6; i++)
            {
              text[2 * i] = hex[d[v + 1 + i] >> 4];
              text[2 * i + 1] = hex[d[v + 1 + i] & 0xf];
            }
          text[12] = '\0';
          _wl_dissect_add_string (layer, HF (CLIENT_HW_ADDRESS), v + 1, 6, text);
        }
    }
  else if (len >= 2 && d[v] == 0)
    {
      _wl_dissect_add_uint (layer, HF (CLIENT_ID_TYPE), v, 1, 0);
      add_text (layer, HF (CLIENT_ID_UNDEF), d, v + 1, len - 1);
    }
}

/* The option's own field(s) for value bytes [v, v + len), all inside the frame. */
static void
add_option_value (WlDissectLayer *layer,
                  const guint8   *d,
                  guint           code,
                  guint           v,
                  guint           len)
{
  switch (code)
    {
    case 53:
      if (len >= 1)
        _wl_dissect_add_uint (layer, HF (OPT_DHCP), v, 1, d[v]);
      break;
    case 50: case 54: case 1:
      if (len == 4)
        _wl_dissect_add_ipv4 (layer, code == 50 ? HF (OPT_REQUESTED_IP)
                                     : code == 54 ? HF (OPT_SERVER_ID) : HF (OPT_SUBNET_MASK),
                              d, v);
      break;
    case 51: case 58: case 59:
      if (len == 4)
        add_u32 (layer, code == 51 ? HF (OPT_LEASE_TIME)
                        : code == 58 ? HF (OPT_RENEWAL_TIME) : HF (OPT_REBINDING_TIME), d, v);
      break;
    case 3: case 6:
      for (guint i = 0; i + 4 <= len; i += 4)
        _wl_dissect_add_ipv4 (layer, code == 3 ? HF (OPT_ROUTER) : HF (OPT_DNS), d, v + i);
      break;
    case 12: case 56:
      add_text (layer, code == 12 ? HF (OPT_HOSTNAME) : HF (OPT_MESSAGE), d, v, len);
      break;
    case 57:
      if (len == 2)
        _wl_dissect_add_uint (layer, HF (OPT_MAX_SIZE), v, 2, wl_dissect_get16 (d + v));
      break;
    case 55:
      for (guint i = 0; i < len; i++)
        _wl_dissect_add_uint (layer, HF (OPT_REQUEST_LIST_ITEM), v + i, 1, d[v + i]);
      break;
    case 61:
      add_client_id (layer, d, v, len);
      break;
    default:
      break;
    }
}

/* Options in [off, end).  Rule: each option but 0 and 255 has a length byte and its value
 * inside the frame; the first one that does not makes the message malformed. */
static void
dissect_options (WlDissectCtx   *ctx,
                 WlDissectLayer *layer,
                 guint           off,
                 guint           end)
{
  const guint8 *d = ctx->data;

  while (off < end)
    {
      guint code = d[off], len, start = off;

      if (code == 0)
        {
          while (off < end && d[off] == 0)
            off++;
          _wl_dissect_add_uint (layer, HF (OPT_TYPE), start, 1, 0);
          _wl_dissect_add_bytes (layer, HF (OPT_PADDING), d, start, off - start);
          continue;
        }
      if (code == 255)
        {
          /* tshark 4.0 gives the end option's type item the value 0. */
          _wl_dissect_add_uint (layer, HF (OPT_TYPE), off, 1, 0);
          _wl_dissect_add_uint (layer, HF (OPT_END), off, 1, 255);
          if (off + 1 < end)
            _wl_dissect_add_bytes (layer, HF (OPT_PADDING), d, off + 1, end - off - 1);
          return;
        }
      /* (tshark reads the length before it shows the option at all) */
      if (!WL_DISSECT_FITS (off, 2, end))
        {
          _wl_dissect_malformed (ctx, layer);
          return;
        }
      _wl_dissect_add_uint (layer, HF (OPT_TYPE), off, 1, code);
      len = d[off + 1];
      _wl_dissect_add_uint (layer, HF (OPT_LENGTH), off + 1, 1, len);
      if (!WL_DISSECT_FITS (off + 2, len, end))
        {
          _wl_dissect_malformed (ctx, layer);
          return;
        }
      _wl_dissect_add_bytes (layer, HF (OPT_VALUE), d, off + 2, len);
      add_option_value (layer, d, code, off + 2, len);
      off += 2 + len;
    }
}

/* chaddr: a MAC and 10 bytes of padding for Ethernet, else hlen bytes. */
static void
dissect_chaddr (WlDissectLayer *layer,
                const guint8   *d,
                guint           off)
{
  guint htype = d[off - 27], hlen = d[off - 26];

  if (htype == 1 && hlen == 6)
    {
      _wl_dissect_add_mac (layer, HF (HW_MAC_ADDR), d, off);
      _wl_dissect_add_bytes (layer, HF (HW_ADDR_PADDING), d, off + 6, 10);
    }
  else if (hlen > 0 && hlen <= 16)
    {
      _wl_dissect_add_bytes (layer, HF (HW_ADDR), d, off, hlen);
      if (hlen < 16)
        _wl_dissect_add_bytes (layer, HF (HW_ADDR_PADDING), d, off + hlen, 16 - hlen);
    }
  else
    _wl_dissect_add_bytes (layer, HF (HW_ADDR_PADDING), d, off, 16);
}

/* The numbers and addresses of the fixed header: offset, size, row. */
static const struct
{
  guint8 off, len, hf;
} fixed_fields[] = {
  { 0, 1, HF_TYPE }, { 1, 1, HF_HW_TYPE }, { 2, 1, HF_HW_LEN }, { 3, 1, HF_HOPS },
  { 4, 4, HF_ID }, { 8, 2, HF_SECS }, { 10, 2, HF_FLAGS }, { 12, 4, HF_IP_CLIENT },
  { 16, 4, HF_IP_YOUR }, { 20, 4, HF_IP_SERVER }, { 24, 4, HF_IP_RELAY },
};

static void
add_fixed (WlDissectLayer *layer,
           const guint8   *d,
           guint           off,
           guint           i)
{
  const WlFieldInfo *info = &_wl_dissect_dhcp_fields[fixed_fields[i].hf];
  guint at = off + fixed_fields[i].off, len = fixed_fields[i].len;
  guint value = len == 1 ? d[at] : len == 2 ? wl_dissect_get16 (d + at) : wl_dissect_get32 (d + at);

  if (info->type == WL_FIELD_IPV4)
    {
      _wl_dissect_add_ipv4 (layer, info, d, at);
      return;
    }
  _wl_dissect_add_uint (layer, info, at, len, value);
  if (fixed_fields[i].hf == HF_FLAGS)
    {
      _wl_dissect_add_bool (layer, HF (FLAGS_BC), at, 2, (value & 0x8000) != 0);
      _wl_dissect_add_uint (layer, HF (FLAGS_RESERVED), at, 2, value & 0x7fff);
    }
}

/* The fixed header, as far as the bytes go; FALSE when it is cut short. */
static gboolean
dissect_fixed (WlDissectCtx   *ctx,
               WlDissectLayer *layer,
               guint           off,
               guint           end)
{
  const guint8 *d = ctx->data;
  guint avail = end - off;

  for (guint i = 0; i < G_N_ELEMENTS (fixed_fields); i++)
    if (avail >= (guint) fixed_fields[i].off + fixed_fields[i].len)
      add_fixed (layer, d, off, i);
  if (avail >= 44)
    dissect_chaddr (layer, d, off + 28);
  if (avail >= 108)
    add_text (layer, HF (SERVER), d, off + 44, 64);
  if (avail >= DHCP_FIXED_LEN)
    {
      add_text (layer, HF (FILE), d, off + 108, 128);
      return TRUE;
    }
  _wl_dissect_truncated (ctx, layer);
  return FALSE;
}

void
_wl_dissect_dhcp (WlDissectCtx *ctx,
                  guint         offset,
                  guint         end)
{
  WlDissectLayer *layer;
  guint vend = offset + DHCP_FIXED_LEN;

  g_assert (offset <= end);
  layer = _wl_dissect_layer_new (ctx, WL_PROTO_DHCP, "dhcp",
                                 N_("Dynamic Host Configuration Protocol"),
                                 WL_LAYER_APPLICATION, offset, end - offset);
  if (layer == NULL || !dissect_fixed (ctx, layer, offset, end))
    return;  /* classifying, or cut short */
  if (WL_DISSECT_FITS (vend, 4, end) && wl_dissect_get32 (ctx->data + vend) == DHCP_MAGIC)
    {
      _wl_dissect_add_ipv4 (layer, HF (COOKIE), ctx->data, vend);
      dissect_options (ctx, layer, vend + 4, end);
      return;
    }
  /* Plain BOOTP (RFC 951): a 64-byte vendor area (tshark expects one even when the message
   * stops right after the header). */
  _wl_dissect_add_bool (layer, HF (BOOTP), vend, 0, TRUE);
  if (!WL_DISSECT_FITS (vend, BOOTP_VENDOR_LEN, end))
    {
      _wl_dissect_malformed (ctx, layer);
      return;
    }
  _wl_dissect_add_bytes (layer, HF (VENDOR), ctx->data, vend, BOOTP_VENDOR_LEN);
}

/* Wireshark's names for option 53, padded to 8 characters in the Info column. */
static const char *
type_name (guint type)
{
  static const char *const names[] = {
    NULL, "Discover", "Offer", "Request", "Decline", "ACK", "NAK", "Release", "Inform",
    "Force Renew", "Lease query", "Lease Unassigned", "Lease Unknown", "Lease Active",
    "Bulk Lease Query", "Lease Query Done", "Active LeaseQuery", "Lease Query Status", "TLS",
  };

  return type >= 1 && type < G_N_ELEMENTS (names) ? names[type] : NULL;
}

char *
_wl_dissect_dhcp_summary (const WlDissection   *d,
                          const WlDissectLayer *layer)
{
  const WlField *type = wl_dissect_layer_find (layer, "dhcp.option.dhcp");
  const WlField *op = wl_dissect_layer_find (layer, "dhcp.type");
  const WlField *mac = wl_dissect_layer_find (layer, "dhcp.hw.mac_addr");
  guint64 xid = _wl_dissect_layer_uint (layer, "dhcp.id", 0);
  g_autofree char *unknown = NULL;
  const char *name;

  /* The Info column is Wireshark's, untranslated, so that it compares with tshark. */
  if (type != NULL)
    {
      name = type_name ((guint) type->uint_value);
      if (name == NULL)
        name = unknown = g_strdup_printf ("Unknown Message Type (0x%02x)",
                                          (guint) type->uint_value);
      return g_strdup_printf ("DHCP %-8s - Transaction ID 0x%" G_GINT64_MODIFIER "x", name, xid);
    }
  if (op != NULL && op->uint_value == 1 && mac != NULL)
    return g_strdup_printf ("Boot Request from %s (%s)", mac->display, mac->display);
  if (op != NULL && op->uint_value == 2)
    return g_strdup ("Boot Reply");
  return g_strdup (_(layer->name));
}
