/* wl-arp-wire.h — the ARP packet for IPv4 over Ethernet (RFC 826), 28 bytes.
 *
 *    0       2       4   5   6       8             14      18            24      28
 *   +-------+-------+---+---+-------+-------------+-------+-------------+-------+
 *   | htype | ptype |hln|pln|  op   | sender MAC  |sender | target MAC  |target |
 *   |   1   |0x0800 | 6 | 4 | 1 / 2 |    (sha)    |IP(spa)|    (tha)    |IP(tpa)|
 *   +-------+-------+---+---+-------+-------------+-------+-------------+-------+
 *
 * Field names in brackets are Wireshark's (arp.hw.type, arp.opcode, arp.src.hw_mac …).
 */
#pragma once

#include "proto/wl-wire.h"

#define WL_ARP_LEN 28
#define WL_ARP_OFF_HTYPE 0 /* arp.hw.type */
#define WL_ARP_OFF_PTYPE 2 /* arp.proto.type */
#define WL_ARP_OFF_HLEN 4  /* arp.hw.size */
#define WL_ARP_OFF_PLEN 5  /* arp.proto.size */
#define WL_ARP_OFF_OP 6    /* arp.opcode */
#define WL_ARP_OFF_SHA 8   /* arp.src.hw_mac */
#define WL_ARP_OFF_SPA 14  /* arp.src.proto_ipv4 */
#define WL_ARP_OFF_THA 18  /* arp.dst.hw_mac */
#define WL_ARP_OFF_TPA 24  /* arp.dst.proto_ipv4 */

#define WL_ARP_HTYPE_ETHERNET 1
#define WL_ARP_OP_REQUEST 1
#define WL_ARP_OP_REPLY 2
