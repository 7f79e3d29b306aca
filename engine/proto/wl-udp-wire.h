/* wl-udp-wire.h — the UDP header on the wire (RFC 768), 8 bytes.
 *
 *    0      7 8     15 16    23 24    31
 *   +--------+--------+--------+--------+
 *   |   Source Port   |  Dest. Port     |
 *   +--------+--------+--------+--------+
 *   |     Length      |    Checksum     |
 *   +--------+--------+--------+--------+
 *   |          data octets ...
 *   +-------------------------------- ...
 *
 * Length counts header and data.  The checksum covers a pseudo-header (source and destination
 * address, protocol 17, UDP length), the header and the data; 0 means "not computed", so a
 * computed 0 is sent as 0xffff.
 */
#pragma once

#include "proto/wl-wire.h"

#define WL_UDP_HLEN 8
#define WL_UDP_OFF_SPORT 0 /* udp.srcport */
#define WL_UDP_OFF_DPORT 2 /* udp.dstport */
#define WL_UDP_OFF_LEN 4   /* udp.length */
#define WL_UDP_OFF_CSUM 6  /* udp.checksum */
