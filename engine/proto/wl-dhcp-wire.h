/* wl-dhcp-wire.h — the BOOTP/DHCP message format: field offsets, option codes, and a message
 * struct that encodes to bytes and decodes from untrusted bytes.
 *
 * RFC 951 (BOOTP), RFC 2131 §2 (the DHCP message), RFC 2132 (options), RFC 1542 §2.1 (300-byte
 * minimum).  wl-dhcp-wire.c says which rule every length is checked against.
 *
 * A DHCP message is a BOOTP message whose vendor area starts with the magic cookie
 * 99.130.83.99 and holds options as code, length, value:
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------+---------------+---------------+---------------+
 *   |     op (1)    |   htype (1)   |   hlen (1)    |   hops (1)    |
 *   +---------------+---------------+---------------+---------------+
 *   |                            xid (4)                            |
 *   +-------------------------------+-------------------------------+
 *   |           secs (2)            |           flags (2)           |
 *   +-------------------------------+-------------------------------+
 *   |                          ciaddr  (4)                          |
 *   |                          yiaddr  (4)                          |
 *   |                          siaddr  (4)                          |
 *   |                          giaddr  (4)                          |
 *   +---------------------------------------------------------------+
 *   |                          chaddr  (16)                         |
 *   |                          sname   (64)                         |
 *   |                          file    (128)                        |
 *   +---------------------------------------------------------------+
 *   |                  magic cookie 63 82 53 63 (4)                 |
 *   +---------------------------------------------------------------+
 *   |                          options (variable)                   |
 *   +---------------------------------------------------------------+
 *
 * flags: the top bit is BROADCAST (the client cannot take a unicast before it has its address);
 * the other 15 bits must be zero.
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "core/wl-types.h"

G_BEGIN_DECLS

#define WL_DHCP_SERVER_PORT 67
#define WL_DHCP_CLIENT_PORT 68

#define WL_DHCP_OFF_OP 0        /* dhcp.type: 1 BOOTREQUEST, 2 BOOTREPLY */
#define WL_DHCP_OFF_HTYPE 1     /* dhcp.hw.type: 1 Ethernet */
#define WL_DHCP_OFF_HLEN 2      /* dhcp.hw.len: 6 for Ethernet */
#define WL_DHCP_OFF_HOPS 3      /* dhcp.hops: relay agents add 1 */
#define WL_DHCP_OFF_XID 4       /* dhcp.id: the client's transaction number */
#define WL_DHCP_OFF_SECS 8      /* dhcp.secs: seconds since the client began */
#define WL_DHCP_OFF_FLAGS 10    /* dhcp.flags */
#define WL_DHCP_OFF_CIADDR 12   /* dhcp.ip.client: the client's address when it has one */
#define WL_DHCP_OFF_YIADDR 16   /* dhcp.ip.your: the address the server gives */
#define WL_DHCP_OFF_SIADDR 20   /* dhcp.ip.server: next server (boot file) */
#define WL_DHCP_OFF_GIADDR 24   /* dhcp.ip.relay: the relay agent's address */
#define WL_DHCP_OFF_CHADDR 28   /* dhcp.hw.mac_addr (16 bytes, hlen used) */
#define WL_DHCP_OFF_SNAME 44    /* dhcp.server (64 bytes) */
#define WL_DHCP_OFF_FILE 108    /* dhcp.file (128 bytes) */
#define WL_DHCP_OFF_COOKIE 236  /* dhcp.cookie */
#define WL_DHCP_OFF_OPTIONS 240

#define WL_DHCP_CHADDR_LEN 16
#define WL_DHCP_SNAME_LEN 64
#define WL_DHCP_FILE_LEN 128
#define WL_DHCP_MIN_LEN 300             /* RFC 1542 §2.1: BOOTP messages are padded to 300 */
#define WL_DHCP_MAX_LEN 1472            /* what one Ethernet frame carries over IPv4 + UDP */
#define WL_DHCP_MAGIC 0x63825363u       /* 99.130.83.99 */
#define WL_DHCP_FLAG_BROADCAST 0x8000

#define WL_BOOTP_REQUEST 1
#define WL_BOOTP_REPLY 2
#define WL_DHCP_HTYPE_ETHERNET 1

/* Option 53, DHCP message type. */
typedef enum
{
  WL_DHCP_DISCOVER = 1,
  WL_DHCP_OFFER = 2,
  WL_DHCP_REQUEST = 3,
  WL_DHCP_DECLINE = 4,
  WL_DHCP_ACK = 5,
  WL_DHCP_NAK = 6,
  WL_DHCP_RELEASE = 7,
  WL_DHCP_INFORM = 8,
} WlDhcpType;

/* Option codes (RFC 2132). */
enum
{
  WL_DHCP_OPT_PAD = 0,
  WL_DHCP_OPT_SUBNET_MASK = 1,
  WL_DHCP_OPT_ROUTER = 3,
  WL_DHCP_OPT_DNS = 6,
  WL_DHCP_OPT_HOST_NAME = 12,
  WL_DHCP_OPT_REQUESTED_IP = 50,
  WL_DHCP_OPT_LEASE_TIME = 51,
  WL_DHCP_OPT_OVERLOAD = 52,
  WL_DHCP_OPT_MSG_TYPE = 53,
  WL_DHCP_OPT_SERVER_ID = 54,
  WL_DHCP_OPT_PARAM_LIST = 55,
  WL_DHCP_OPT_MESSAGE = 56,
  WL_DHCP_OPT_MAX_SIZE = 57,
  WL_DHCP_OPT_RENEWAL_TIME = 58,
  WL_DHCP_OPT_REBINDING_TIME = 59,
  WL_DHCP_OPT_CLIENT_ID = 61,
  WL_DHCP_OPT_END = 255,
};

/* Which of the understood options a message holds (WlDhcpMessage.has). */
typedef enum
{
  WL_DHCP_HAS_MSG_TYPE = 1 << 0,
  WL_DHCP_HAS_CLIENT_ID = 1 << 1,
  WL_DHCP_HAS_REQUESTED_IP = 1 << 2,
  WL_DHCP_HAS_SERVER_ID = 1 << 3,
  WL_DHCP_HAS_LEASE_TIME = 1 << 4,
  WL_DHCP_HAS_RENEWAL_TIME = 1 << 5,
  WL_DHCP_HAS_REBINDING_TIME = 1 << 6,
  WL_DHCP_HAS_SUBNET_MASK = 1 << 7,
  WL_DHCP_HAS_ROUTER = 1 << 8,
  WL_DHCP_HAS_DNS = 1 << 9,
  WL_DHCP_HAS_HOST_NAME = 1 << 10,
  WL_DHCP_HAS_MAX_SIZE = 1 << 11,
  WL_DHCP_HAS_PARAM_LIST = 1 << 12,
  WL_DHCP_HAS_MESSAGE = 1 << 13,
} WlDhcpHas;

#define WL_DHCP_MAX_ADDRS 8             /* addresses kept from option 3 or 6 */
#define WL_DHCP_OTHER_MAX 1024          /* bytes of options kept raw */
#define WL_DHCP_INFINITE 0xffffffffu    /* lease time that never ends (RFC 2131 §3.3) */

/* One message, decoded.  Plain data, no pointers: copy it freely. */
typedef struct
{
  guint8  op, htype, hlen, hops;
  guint32 xid;
  guint16 secs, flags;
  guint32 ciaddr, yiaddr, siaddr, giaddr;
  guint8  chaddr[WL_DHCP_CHADDR_LEN];
  guint8  sname[WL_DHCP_SNAME_LEN];
  guint8  file[WL_DHCP_FILE_LEN];

  guint32 has;                 /* WlDhcpHas bits */
  guint8  msg_type;            /* 53 */
  guint8  client_id[255];      /* 61: type byte then identifier */
  guint   client_id_len;
  guint32 requested_ip;        /* 50 */
  guint32 server_id;           /* 54 */
  guint32 lease_time;          /* 51, seconds */
  guint32 renewal_time;        /* 58, T1 in seconds */
  guint32 rebinding_time;      /* 59, T2 in seconds */
  guint32 subnet_mask;         /* 1 */
  guint32 routers[WL_DHCP_MAX_ADDRS];  /* 3 */
  guint   n_routers;
  guint32 dns[WL_DHCP_MAX_ADDRS];      /* 6 */
  guint   n_dns;
  char    host_name[256];      /* 12, NUL-terminated here (not on the wire) */
  guint16 max_size;            /* 57 */
  guint8  params[255];         /* 55 */
  guint   n_params;
  char    message[256];        /* 56 */

  /* Every other option, and repeats of understood ones, as they came: code, length, value. */
  guint8  other[WL_DHCP_OTHER_MAX];
  guint   other_len;
} WlDhcpMessage;

/* Why bytes are not a DHCP message; the stable names are what drop events carry. */
#define WL_DHCP_ERROR (wl_dhcp_error_quark ())
GQuark wl_dhcp_error_quark (void);
typedef enum
{
  WL_DHCP_ERROR_TRUNCATED,    /* shorter than the fixed header and cookie */
  WL_DHCP_ERROR_BAD_HEADER,   /* op or hlen impossible */
  WL_DHCP_ERROR_BAD_COOKIE,   /* BOOTP without the DHCP magic cookie */
  WL_DHCP_ERROR_BAD_OPTION,   /* an option runs past the end or breaks its length rule */
  WL_DHCP_ERROR_NO_END,       /* the options do not end with option 255 */
  WL_DHCP_ERROR_TOO_LONG,     /* more than WL_DHCP_MAX_LEN bytes, or too many raw options */
} WlDhcpError;

const char *wl_dhcp_error_to_string (gint code);   /* "truncated", "bad-option" … */
const char *wl_dhcp_type_to_string (guint type);   /* "discover" … "inform", "unknown" */

/* A zeroed message with op, Ethernet hardware type and length, xid and chaddr set. */
void      wl_dhcp_message_init (WlDhcpMessage *msg,
                                guint8         op,
                                guint32        xid,
                                const WlMac   *chaddr);
/* The client's MAC from chaddr (FALSE unless htype 1 and hlen 6). */
gboolean  wl_dhcp_message_get_mac (const WlDhcpMessage *msg,
                                   WlMac               *out);
/* Appends one raw option to msg->other; FALSE when it does not fit. */
gboolean  wl_dhcp_message_add_other (WlDhcpMessage *msg,
                                     guint8         code,
                                     const guint8  *value,
                                     guint8         len);

/* Writes the message: header, cookie, the understood options in a fixed order (53, 61, 50,
 * 54, 51, 58, 59, 1, 3, 6, 12, 57, 55, 56), the raw ones, 255, then zeros up to 300 bytes.
 * Returns the length, or 0 when it would not fit in cap. */
gsize     wl_dhcp_encode (const WlDhcpMessage *msg,
                          guint8              *buf,
                          gsize                cap);
/* The same, as a packet with headroom for UDP, IPv4 and Ethernet. */
WlPacket *wl_dhcp_encode_packet (const WlDhcpMessage *msg);
/* Reads untrusted bytes.  Never reads outside [data, data + len); on failure out is left
 * partly filled and error says what rule broke (WL_DHCP_ERROR, translated). */
gboolean  wl_dhcp_decode (const guint8   *data,
                          gsize           len,
                          WlDhcpMessage  *out,
                          GError        **error);

G_END_DECLS
