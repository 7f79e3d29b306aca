/* wl-ethernet-wire.h — the Ethernet II header on the wire (IEEE 802.3 clause 3, RFC 894).
 *
 *    0                   6                  12      14
 *   +-------------------+-------------------+-------+--------------------------+-----+
 *   | destination MAC   | source MAC        | type  | payload (46..1500 bytes) | FCS |
 *   +-------------------+-------------------+-------+--------------------------+-----+
 *
 * The FCS and the padding up to 60 bytes are the port's business (wl_port_send_frame).
 */
#pragma once

#include "proto/wl-wire.h"

#define WL_ETH_HLEN 14
#define WL_ETH_OFF_DST 0   /* eth.dst */
#define WL_ETH_OFF_SRC 6   /* eth.src */
#define WL_ETH_OFF_TYPE 12 /* eth.type */

#define WL_ETHERTYPE_IPV4 0x0800
#define WL_ETHERTYPE_ARP 0x0806
