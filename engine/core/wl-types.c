/* wl-types.c — stable names for the engine's codes, and MAC / IPv4 text forms. */
#define G_LOG_DOMAIN "wl-types"
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "wl-types.h"

const WlMac wl_mac_broadcast = { { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff } };

static const char *const proto_names[WL_PROTO_LAST] = {
  [WL_PROTO_NONE] = "none", [WL_PROTO_ETH] = "eth",   [WL_PROTO_ARP] = "arp",
  [WL_PROTO_IP] = "ip",     [WL_PROTO_ICMP] = "icmp", [WL_PROTO_UDP] = "udp",
  [WL_PROTO_TCP] = "tcp",   [WL_PROTO_DHCP] = "dhcp", [WL_PROTO_DNS] = "dns",
  [WL_PROTO_HTTP] = "http",
};

static const char *const kind_names[WL_EVENT_LAST] = {
  [WL_EVENT_NONE] = "none",
  [WL_EVENT_ACTION] = "action",
  [WL_EVENT_FRAME_SENT] = "sent",
  [WL_EVENT_FRAME_RECEIVED] = "received",
  [WL_EVENT_FRAME_DROPPED] = "dropped",
  [WL_EVENT_NOTE] = "note",
};

typedef struct
{
  WlCode code;
  const char *name;
} CodeName;

static const CodeName code_names[] = {
  { WL_CODE_NONE, "none" },
  { WL_DROP_FCS_ERROR, "fcs-error" },
  { WL_DROP_LINK_LOSS, "link-loss" },
  { WL_DROP_UNPLUGGED, "unplugged" },
  { WL_DROP_TX_QUEUE_FULL, "tx-queue-full" },
  { WL_DROP_NOT_FOR_US, "not-for-us" },
  { WL_DROP_SAME_PORT, "same-port" },
  { WL_DROP_ARP_UNRESOLVED, "arp-unresolved" },
  { WL_DROP_ARP_QUEUE_FULL, "arp-queue-full" },
  { WL_DROP_TTL_EXCEEDED, "ttl-exceeded" },
  { WL_DROP_NO_ROUTE, "no-route" },
  { WL_DROP_FRAG_NEEDED, "frag-needed" },
  { WL_DROP_REASSEMBLY_TIMEOUT, "reassembly-timeout" },
  { WL_DROP_BAD_CHECKSUM, "bad-checksum" },
  { WL_DROP_MALFORMED, "malformed" },
  { WL_DROP_UNKNOWN_PROTOCOL, "unknown-protocol" },
  { WL_DROP_PORT_UNREACHABLE, "port-unreachable" },
  { WL_DROP_NOT_FOR_HOST, "not-for-host" },
  { WL_DROP_BUDGET, "budget" },
  { WL_NOTE_MAC_LEARNED, "mac-learned" },
  { WL_NOTE_MAC_MOVED, "mac-moved" },
  { WL_NOTE_MAC_AGED, "mac-aged" },
  { WL_NOTE_FLOODED, "flooded" },
  { WL_NOTE_FORWARDED, "forwarded" },
  { WL_NOTE_ARP_MISS, "arp-miss" },
  { WL_NOTE_ARP_ADDED, "arp-added" },
  { WL_NOTE_ARP_UPDATED, "arp-updated" },
  { WL_NOTE_ARP_EXPIRED, "arp-expired" },
  { WL_NOTE_ROUTE_CHOSEN, "route-chosen" },
  { WL_NOTE_TTL_EXPIRED, "ttl-expired" },
  { WL_NOTE_FRAGMENTED, "fragmented" },
  { WL_NOTE_REASSEMBLED, "reassembled" },
  { WL_NOTE_PING_REPLY, "ping-reply" },
  { WL_NOTE_PING_TIMEOUT, "ping-timeout" },
  { WL_NOTE_PING_ERROR, "ping-error" },
  { WL_NOTE_TRACE_HOP, "trace-hop" },
  { WL_NOTE_TRACE_TIMEOUT, "trace-timeout" },
  { WL_NOTE_TRACE_DONE, "trace-done" },
  { WL_NOTE_DELIVERED, "delivered" },
  { WL_NOTE_ROUTED, "routed" },
  { WL_NOTE_RUN_BUDGET, "run-budget" },
  { WL_NOTE_ICMP_ERROR, "icmp-error" },
  { WL_NOTE_TCP_STATE, "tcp-state" },
  { WL_NOTE_TCP_CWND, "tcp-cwnd" },
  { WL_NOTE_TCP_RTO, "tcp-rto" },
  { WL_NOTE_TCP_RETRANSMIT, "tcp-retransmit" },
  { WL_NOTE_TCP_FAST_RETRANSMIT, "tcp-fast-retransmit" },
  { WL_NOTE_TCP_WINDOW, "tcp-window" },
  { WL_NOTE_TCP_RESET, "tcp-reset" },
  { WL_NOTE_SOCKET, "socket" },
  { WL_NOTE_DHCP_STATE, "dhcp-state" },
  { WL_NOTE_DHCP_OFFERED, "dhcp-offered" },
  { WL_NOTE_DHCP_BOUND, "dhcp-bound" },
  { WL_NOTE_DHCP_LEASE, "dhcp-lease" },
  { WL_NOTE_DHCP_RELEASED, "dhcp-released" },
  { WL_NOTE_DHCP_DECLINED, "dhcp-declined" },
  { WL_NOTE_DHCP_NAK, "dhcp-nak" },
  { WL_NOTE_DHCP_RELAYED, "dhcp-relayed" },
  { WL_NOTE_DNS_QUERY, "dns-query" },
  { WL_NOTE_DNS_CACHE_HIT, "dns-cache-hit" },
  { WL_NOTE_DNS_CACHE_ADD, "dns-cache-add" },
  { WL_NOTE_DNS_REFERRAL, "dns-referral" },
  { WL_NOTE_DNS_ANSWER, "dns-answer" },
  { WL_NOTE_HTTP_REQUEST, "http-request" },
  { WL_NOTE_HTTP_RESPONSE, "http-response" },
  { WL_NOTE_CONSOLE, "console" },
};

static const char *const layer_names[] = {
  "none", "physical", "data-link", "network", "transport", "session", "presentation",
  "application",
};

const char *
wl_proto_to_string (WlProto proto)
{
  if ((guint) proto >= WL_PROTO_LAST)
    return "none";
  return proto_names[proto];
}

WlProto
wl_proto_from_string (const char *name)
{
  for (guint i = 0; i < WL_PROTO_LAST; i++)
    if (g_strcmp0 (proto_names[i], name) == 0)
      return (WlProto) i;
  return WL_PROTO_NONE;
}

const char *
wl_event_kind_to_string (WlEventKind kind)
{
  if ((guint) kind >= WL_EVENT_LAST)
    return "none";
  return kind_names[kind];
}

WlEventKind
wl_event_kind_from_string (const char *name)
{
  for (guint i = 0; i < WL_EVENT_LAST; i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      return (WlEventKind) i;
  return WL_EVENT_NONE;
}

const char *
wl_code_to_string (WlCode code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (code_names[i].code == code)
      return code_names[i].name;
  return "none";
}

WlCode
wl_code_from_string (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (code_names); i++)
    if (g_strcmp0 (code_names[i].name, name) == 0)
      return code_names[i].code;
  return WL_CODE_NONE;
}

const char *
wl_layer_to_string (WlLayer layer)
{
  if ((guint) layer >= G_N_ELEMENTS (layer_names))
    return "none";
  return layer_names[layer];
}

gboolean
wl_mac_equal (const WlMac *a, const WlMac *b)
{
  return memcmp (a->b, b->b, 6) == 0;
}

gboolean
wl_mac_is_broadcast (const WlMac *mac)
{
  return wl_mac_equal (mac, &wl_mac_broadcast);
}

gboolean
wl_mac_is_multicast (const WlMac *mac)
{
  /* The I/G bit: least significant bit of the first octet (IEEE 802). */
  return (mac->b[0] & 0x01) != 0;
}

char *
wl_mac_format (const WlMac *mac, char *buf)
{
  snprintf (buf, 18, "%02x:%02x:%02x:%02x:%02x:%02x", mac->b[0], mac->b[1], mac->b[2],
            mac->b[3], mac->b[4], mac->b[5]);
  return buf;
}

static int
hex_digit (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Accepts six groups of exactly two hex digits separated by ':' or '-'. */
gboolean
wl_mac_parse (const char *text, WlMac *out)
{
  WlMac mac;

  if (text == NULL || strlen (text) != 17)
    return FALSE;
  for (int i = 0; i < 6; i++)
    {
      int hi = hex_digit (text[i * 3]);
      int lo = hex_digit (text[i * 3 + 1]);

      if (hi < 0 || lo < 0)
        return FALSE;
      if (i < 5 && text[i * 3 + 2] != ':' && text[i * 3 + 2] != '-')
        return FALSE;
      mac.b[i] = (guint8) (hi << 4 | lo);
    }
  if (out)
    *out = mac;
  return TRUE;
}

char *
wl_ip_format (guint32 ip, char *buf)
{
  snprintf (buf, 16, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 0xff, (ip >> 8) & 0xff, ip & 0xff);
  return buf;
}

gboolean
wl_ip_parse (const char *text, guint32 *out)
{
  guint32 ip = 0;
  const char *p = text;

  if (text == NULL)
    return FALSE;
  for (int octet = 0; octet < 4; octet++)
    {
      guint value = 0;
      int digits = 0;

      while (*p >= '0' && *p <= '9')
        {
          value = value * 10 + (guint) (*p - '0');
          if (++digits > 3 || value > 255)
            return FALSE;
          p++;
        }
      if (digits == 0)
        return FALSE;
      ip = ip << 8 | value;
      if (octet < 3 && *p++ != '.')
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  if (out)
    *out = ip;
  return TRUE;
}

guint32
wl_ip_prefix_mask (guint prefix)
{
  if (prefix == 0)
    return 0;
  if (prefix >= 32)
    return 0xffffffffu;
  return 0xffffffffu << (32 - prefix);
}
