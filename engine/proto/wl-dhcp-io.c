/* wl-dhcp-io.c — how DHCP messages leave and arrive: the two ways of sending that the ISC
 * daemons use, and decoding with a recorded drop for anything broken.
 *
 * RFC 2131 §4.1 (where each message goes), RFC 768 (the UDP checksum over the pseudo-header).
 *
 * Where it sits: between the DHCP programs (client, server, relay) and the stack.  State:
 * none.
 *
 * Two ways out, as on Linux:
 *   raw     the packet socket (LPF) that dhclient, dhcpd and dhcrelay open on an interface:
 *           they write the Ethernet, IPv4 and UDP headers themselves (ISC's
 *           assemble_udp_ip_header: TOS 0x10, ID 0, TTL 128).  Used when the stack cannot
 *           route the packet: a client without an address sending from 0.0.0.0, a broadcast
 *           out of one chosen interface, a unicast to a client's MAC that cannot answer ARP.
 *   socket  the ordinary UDP socket ("fallback interface" in ISC's words): a client renewing
 *           by unicast, a RELEASE, a server answering a relay or a bound client, a relay
 *           forwarding to its server.  The stack routes, ARPs and writes its own headers.
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <stdarg.h>

#include "wl-dhcp-private.h"
#include "wl-ethernet-wire.h"
#include "wl-ipv4-wire.h"
#include "wl-stack-private.h"
#include "wl-udp-wire.h"
#include "wl-wire.h"

void
_wl_dhcp_send_raw (WlStack             *stack,
                   gint                 iface,
                   const WlMac         *dst_mac,
                   guint32              src,
                   guint32              dst,
                   guint16              sport,
                   guint16              dport,
                   const WlDhcpMessage *msg)
{
  WlPacket *pkt = wl_dhcp_encode_packet (msg);
  guint8 *udp, *ip;
  guint16 ulen, sum;

  g_return_if_fail (pkt != NULL);

  ulen = (guint16) (wl_packet_len (pkt) + WL_UDP_HLEN);
  udp = wl_packet_push (pkt, WL_UDP_HLEN);
  wl_put_u16 (udp + WL_UDP_OFF_SPORT, sport);
  wl_put_u16 (udp + WL_UDP_OFF_DPORT, dport);
  wl_put_u16 (udp + WL_UDP_OFF_LEN, ulen);
  wl_put_u16 (udp + WL_UDP_OFF_CSUM, 0);
  sum = wl_inet_checksum_finish (
    wl_inet_checksum_add (wl_inet_pseudo_header_sum (src, dst, WL_IP_PROTO_UDP, ulen), udp, ulen));
  /* 0 means "no checksum": a computed 0 is sent as 0xffff (RFC 768). */
  wl_put_u16 (udp + WL_UDP_OFF_CSUM, sum == 0 ? 0xffff : sum);

  ip = wl_packet_push (pkt, WL_IPV4_HLEN);
  wl_ipv4_write_header (ip, (guint16) wl_packet_len (pkt), 0, 0, WL_DHCP_RAW_TTL, WL_IP_PROTO_UDP,
                        src, dst, WL_DHCP_RAW_TOS);
  wl_stack_ethernet_output (stack, iface, dst_mac, WL_ETHERTYPE_IPV4, pkt);
}

void
_wl_dhcp_send_udp (WlStack             *stack,
                   guint32              src,
                   guint32              dst,
                   guint16              sport,
                   guint16              dport,
                   const WlDhcpMessage *msg)
{
  WlUdpSend params = { .src = src, .dst = dst, .sport = sport, .dport = dport };
  WlPacket *pkt = wl_dhcp_encode_packet (msg);

  g_return_if_fail (pkt != NULL);
  wl_udp_send (stack, &params, pkt);
}

gboolean
_wl_dhcp_receive (WlStack         *stack,
                  const WlUdpInfo *info,
                  WlPacket        *payload,
                  WlDhcpMessage   *out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *args = NULL;
  char src[16];

  if (wl_dhcp_decode (wl_packet_data (payload), wl_packet_len (payload), out, &error))
    {
      wl_packet_unref (payload);
      return TRUE;
    }
  /* The datagram got past UDP, so the frame itself was recorded as received; the drop says
   * which rule of the DHCP format it broke. */
  args = g_strdup_printf ("src=%s sport=%u error=%s", wl_ip_format (info->src, src),
                          info->sport, wl_dhcp_error_to_string (error->code));
  wl_sim_drop (stack->sim, stack->device->index, info->iface, WL_PROTO_DHCP,
               WL_LAYER_APPLICATION, WL_DROP_MALFORMED, NULL, 0, args);
  g_debug ("%s: %s", stack->device->name, error->message);
  wl_packet_unref (payload);
  return FALSE;
}

guint64
_wl_dhcp_note (WlStack    *stack,
               gint        iface,
               WlCode      code,
               const char *format,
               ...)
{
  g_autofree char *args = NULL;
  va_list ap;

  va_start (ap, format);
  args = g_strdup_vprintf (format, ap);
  va_end (ap);
  return wl_sim_note (stack->sim, stack->device->index, iface, WL_PROTO_DHCP,
                      WL_LAYER_APPLICATION, code, "%s", args);
}
