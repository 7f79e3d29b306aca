/* wl-describe.c — sentences for events (see wl-describe.h).
 *
 * Note sentences are templates in which "{key}" is replaced by the value of key from the
 * event's args; translators keep the braces and may move them.
 */
#define G_LOG_DOMAIN "wl-describe"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "dissect/wl-dissect.h"
#include "wl-describe.h"

typedef struct
{
  WlCode      code;
  const char *text;  /* N_() */
} CodeText;

static const CodeText drop_texts[] = {
  { WL_DROP_FCS_ERROR, N_("the frame check sequence is wrong: bits were flipped on the cable") },
  { WL_DROP_LINK_LOSS, N_("the cable lost the frame") },
  { WL_DROP_UNPLUGGED, N_("no cable is plugged into this interface") },
  { WL_DROP_TX_QUEUE_FULL, N_("the interface's transmit queue is full") },
  { WL_DROP_NOT_FOR_US, N_("the destination MAC address is another station's") },
  { WL_DROP_SAME_PORT, N_("the destination is on the port the frame came in on") },
  { WL_DROP_ARP_UNRESOLVED, N_("nobody answered the ARP requests for the next hop") },
  { WL_DROP_ARP_QUEUE_FULL, N_("too many packets are waiting for the same ARP reply") },
  { WL_DROP_TTL_EXCEEDED, N_("the time to live reached zero") },
  { WL_DROP_NO_ROUTE, N_("no route leads to the destination") },
  { WL_DROP_FRAG_NEEDED, N_("the packet is bigger than the MTU and must not be fragmented") },
  { WL_DROP_REASSEMBLY_TIMEOUT, N_("the missing fragments never arrived") },
  { WL_DROP_BAD_CHECKSUM, N_("the checksum is wrong") },
  { WL_DROP_MALFORMED, N_("the header is malformed") },
  { WL_DROP_UNKNOWN_PROTOCOL, N_("no protocol here handles this type") },
  { WL_DROP_PORT_UNREACHABLE, N_("nothing listens on the destination port") },
  { WL_DROP_NOT_FOR_HOST, N_("the packet is addressed to another host, and hosts do not route") },
  { WL_DROP_BUDGET, N_("the run stopped at its event budget") },
};

static const CodeText note_texts[] = {
  { WL_NOTE_MAC_LEARNED, N_("learned {mac} on port {port}") },
  { WL_NOTE_MAC_MOVED, N_("{mac} moved from port {from} to port {to}") },
  { WL_NOTE_MAC_AGED, N_("forgot {mac} on port {port}: not seen for the ageing time") },
  { WL_NOTE_FLOODED, N_("flooded the frame for {mac} out of every other port ({reason})") },
  { WL_NOTE_FORWARDED, N_("forwarded the frame for {mac} out of port {port} only") },
  { WL_NOTE_ARP_MISS, N_("no ARP entry for {ip}: the packet waits while an ARP request goes out") },
  { WL_NOTE_ARP_ADDED, N_("ARP cache: {ip} is at {mac}") },
  { WL_NOTE_ARP_UPDATED, N_("ARP cache updated: {ip} is at {mac}") },
  { WL_NOTE_ARP_EXPIRED, N_("ARP cache entry for {ip} expired") },
  { WL_NOTE_ROUTE_CHOSEN, N_("route to {dst}: {route} via {via} out of {iface}") },
  { WL_NOTE_TTL_EXPIRED, N_("TTL reached zero: the packet dies here and ICMP time exceeded goes back") },
  { WL_NOTE_FRAGMENTED, N_("packet {id} cut into {count} fragments to fit MTU {mtu}") },
  { WL_NOTE_REASSEMBLED, N_("packet {id} put back together from {count} fragments") },
  { WL_NOTE_PING_REPLY, N_("ping: reply from {from}: seq={seq} ttl={ttl} time={rtt}") },
  { WL_NOTE_PING_TIMEOUT, N_("ping: no reply for seq={seq}") },
  { WL_NOTE_PING_ERROR, N_("ping: seq={seq}: ICMP error type {type} code {code} from {from}") },
  { WL_NOTE_TRACE_HOP, N_("traceroute: hop {ttl}: {from} time={rtt}") },
  { WL_NOTE_TRACE_TIMEOUT, N_("traceroute: hop {ttl}: no answer") },
  { WL_NOTE_TRACE_DONE, N_("traceroute: reached the target in {hops} hops") },
  { WL_NOTE_DELIVERED, N_("packet delivered to this host") },
  { WL_NOTE_ROUTED, N_("packet routed: TTL decremented") },
  { WL_NOTE_RUN_BUDGET, N_("the run stopped after {max_events} events") },
  { WL_NOTE_ICMP_ERROR, N_("ICMP error type {type} code {code} from {from}") },
  { WL_NOTE_TCP_STATE, N_("TCP {conn}: {from} → {to}") },
  { WL_NOTE_TCP_CWND, N_("congestion window {cwnd} bytes, slow-start threshold {ssthresh} ({phase})") },
  { WL_NOTE_TCP_RTO, N_("retransmission timeout {rto} (smoothed RTT {srtt}, variation {rttvar})") },
  { WL_NOTE_TCP_RETRANSMIT, N_("timeout: retransmitted seq {seq} ({len} bytes)") },
  { WL_NOTE_TCP_FAST_RETRANSMIT, N_("three duplicate ACKs: retransmitted seq {seq} at once (fast retransmit)") },
  { WL_NOTE_TCP_WINDOW, N_("advertised receive window is now {wnd} bytes") },
  { WL_NOTE_TCP_RESET, N_("connection reset ({dir}, {reason})") },
  { WL_NOTE_SOCKET, N_("socket call {call} on {conn}") },
  { WL_NOTE_DHCP_STATE, N_("DHCP client: {from} → {to}") },
  { WL_NOTE_DHCP_OFFERED, N_("DHCP server reserved {ip} for {mac}") },
  { WL_NOTE_DHCP_BOUND, N_("bound {ip} for {lease_s} s, leased by {server}") },
  { WL_NOTE_DHCP_LEASE, N_("DHCP server leased {ip} to {mac} for {lease_s} s") },
  { WL_NOTE_DHCP_RELEASED, N_("{ip} released") },
  { WL_NOTE_DHCP_DECLINED, N_("{ip} is already in use: declined") },
  { WL_NOTE_DHCP_NAK, N_("DHCP server refused {ip} ({reason})") },
  { WL_NOTE_DHCP_RELAYED, N_("relayed with giaddr {giaddr} to {to}") },
  { WL_NOTE_DNS_QUERY, N_("asked {server} for {name} {type}") },
  { WL_NOTE_DNS_CACHE_HIT, N_("answered {name} {type} from the cache ({ttl} s left)") },
  { WL_NOTE_DNS_CACHE_ADD, N_("cached {name} {type} for {ttl} s") },
  { WL_NOTE_DNS_REFERRAL, N_("referral: {zone} is served by {ns}") },
  { WL_NOTE_DNS_ANSWER, N_("{name} {type}: {value} ({rcode})") },
  { WL_NOTE_HTTP_REQUEST, N_("HTTP request: {method} {path}") },
  { WL_NOTE_HTTP_RESPONSE, N_("HTTP response: {status}, {length} bytes") },
};

static const char *
find_text (const CodeText *table, gsize n, WlCode code)
{
  for (gsize i = 0; i < n; i++)
    if (table[i].code == code)
      return _(table[i].text);
  return NULL;
}

const char *
wl_describe_drop_reason (WlCode reason)
{
  const char *text = find_text (drop_texts, G_N_ELEMENTS (drop_texts), reason);

  return text ? text : wl_code_to_string (reason);
}

char *
wl_args_lookup (const char *args, const char *key)
{
  gsize klen = strlen (key);
  const char *p = args;

  while (p != NULL && *p != '\0')
    {
      const char *end = strchr (p, ' ');
      gsize len = end ? (gsize) (end - p) : strlen (p);

      if (len > klen && strncmp (p, key, klen) == 0 && p[klen] == '=')
        return g_strndup (p + klen + 1, len - klen - 1);
      p = end ? end + 1 : NULL;
    }
  return NULL;
}

/* "{key}" is the value of key; or, when the facts hold a time in ns ("rtt_ns=1234567"),
 * that time in milliseconds ("1.235 ms"). */
static char *
lookup_value (const char *args, const char *key)
{
  char *value = wl_args_lookup (args, key);
  g_autofree char *ns_key = NULL, *ns = NULL;

  if (value != NULL)
    return value;
  ns_key = g_strconcat (key, "_ns", NULL);
  ns = wl_args_lookup (args, ns_key);
  if (ns == NULL)
    return NULL;
  /* Translators: a duration in milliseconds */
  return g_strdup_printf (_("%.3f ms"), g_ascii_strtod (ns, NULL) / 1e6);
}

static char *
fill_template (const char *template, const char *args)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          g_autofree char *key = g_strndup (p + 1, (gsize) (close - p - 1));
          g_autofree char *value = lookup_value (args, key);

          g_string_append (out, value ? value : "?");
          p = close + 1;
          continue;
        }
      g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

static char *
frame_summary (const WlTraceEvent *event)
{
  g_autoptr (WlDissection) d = NULL;

  if (event->frame == NULL || event->frame_len == 0)
    return g_strdup ("");
  d = wl_dissect_frame (event->frame, event->frame_len, TRUE);
  return wl_dissection_summary (d);
}

char *
wl_describe_event (const WlTraceEvent *event)
{
  switch (event->kind)
    {
    case WL_EVENT_ACTION:
      return g_strdup_printf (_("command: %s"), event->args ? event->args : "");
    case WL_EVENT_FRAME_SENT:
    case WL_EVENT_FRAME_RECEIVED:
      return frame_summary (event);
    case WL_EVENT_FRAME_DROPPED:
      {
        g_autofree char *summary = frame_summary (event);

        /* Translators: "dropped: <reason> — <what the frame was>" */
        return g_strdup_printf (_("dropped: %s — %s"), wl_describe_drop_reason (event->code),
                                summary);
      }
    case WL_EVENT_NOTE:
      if (event->code == WL_NOTE_CONSOLE)
        return g_strdup (event->args ? event->args : ""); /* the line as the console shows it */
      {
        const char *template = find_text (note_texts, G_N_ELEMENTS (note_texts), event->code);
        g_autofree char *via = NULL;

        if (event->code == WL_NOTE_ROUTE_CHOSEN
            && g_strcmp0 (via = wl_args_lookup (event->args, "via"), "direct") == 0)
          template = _("route to {dst}: {route} is directly connected, out of {iface}");
        if (event->code == WL_NOTE_SOCKET && event->args && strstr (event->args, " sent="))
          template = _("socket call {call} on {conn}: {sent} bytes sent, {received} received");

        if (template == NULL)
          return g_strdup_printf ("%s %s", wl_code_to_string (event->code),
                                  event->args ? event->args : "");
        return fill_template (template, event->args);
      }
    case WL_EVENT_NONE:
    case WL_EVENT_LAST:
    default:
      return g_strdup ("");
    }
}
