/* wl-icmp-wire.h — the ICMP message on the wire (RFC 792), header 8 bytes.
 *
 *    0               1               2               3
 *   +---------------+---------------+-------------------------------+
 *   |     Type      |     Code      |           Checksum            |
 *   +---------------+---------------+-------------------------------+
 *   | echo:    Identifier           |        Sequence Number        |
 *   | unreach: unused (0)           | Next-Hop MTU (code 4, RFC 1191)|
 *   | time exceeded: unused (0)                                     |
 *   +---------------+---------------+-------------------------------+
 *   | echo: data …   errors: the offending IP header + 8 data bytes |
 *   +---------------------------------------------------------------+
 *
 * The checksum covers the whole message (header and data).
 */
#pragma once

#include "proto/wl-wire.h"

#define WL_ICMP_HLEN 8
#define WL_ICMP_OFF_TYPE 0 /* icmp.type */
#define WL_ICMP_OFF_CODE 1 /* icmp.code */
#define WL_ICMP_OFF_CSUM 2 /* icmp.checksum */
#define WL_ICMP_OFF_ID 4   /* icmp.ident */
#define WL_ICMP_OFF_SEQ 6  /* icmp.seq */
#define WL_ICMP_OFF_MTU 6  /* icmp.mtu (unreachable, code 4) */

#define WL_ICMP_ECHO_REPLY 0
#define WL_ICMP_DEST_UNREACH 3
#define WL_ICMP_SOURCE_QUENCH 4
#define WL_ICMP_REDIRECT 5
#define WL_ICMP_ECHO_REQUEST 8
#define WL_ICMP_TIME_EXCEEDED 11
#define WL_ICMP_PARAM_PROBLEM 12

/* codes of Destination Unreachable */
#define WL_ICMP_UNREACH_NET 0
#define WL_ICMP_UNREACH_HOST 1
#define WL_ICMP_UNREACH_PROTOCOL 2
#define WL_ICMP_UNREACH_PORT 3
#define WL_ICMP_UNREACH_FRAG_NEEDED 4

/* codes of Time Exceeded */
#define WL_ICMP_EXC_TTL 0
#define WL_ICMP_EXC_REASSEMBLY 1

/* Error messages (as opposed to queries) never cause another error (RFC 1122 §3.2.2). */
static inline gboolean
wl_icmp_type_is_error (guint8 type)
{
  return type == WL_ICMP_DEST_UNREACH || type == WL_ICMP_SOURCE_QUENCH
         || type == WL_ICMP_REDIRECT || type == WL_ICMP_TIME_EXCEEDED
         || type == WL_ICMP_PARAM_PROBLEM;
}
