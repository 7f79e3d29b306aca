/* wl-types.h — basic vocabulary shared by every part of the engine.
 *
 * Virtual time is a count of nanoseconds since the start of a run (WlTime).  Events recorded by
 * the engine carry facts as codes (WlProto, WlLayer, WlEventKind, WlCode); words are for the UI,
 * which renders codes into (translated) sentences.  Every code has a stable machine name
 * ("fcs-error", "mac-learned") that is what the lab file stores, so that renumbering the enums
 * never breaks an old file.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef guint64 WlTime;

#define WL_NS ((WlTime) 1)
#define WL_US ((WlTime) 1000)
#define WL_MS ((WlTime) 1000000)
#define WL_S  ((WlTime) 1000000000)
#define WL_TIME_FOREVER G_MAXUINT64

/* The seven OSI layers; events are placed on one of them. */
typedef enum
{
  WL_LAYER_NONE = 0,
  WL_LAYER_PHYSICAL = 1,
  WL_LAYER_DATA_LINK = 2,
  WL_LAYER_NETWORK = 3,
  WL_LAYER_TRANSPORT = 4,
  WL_LAYER_SESSION = 5,
  WL_LAYER_PRESENTATION = 6,
  WL_LAYER_APPLICATION = 7,
} WlLayer;

/* Protocols, named as Wireshark's display filters name them ("eth", "arp", "ip" …). */
typedef enum
{
  WL_PROTO_NONE = 0,
  WL_PROTO_ETH,
  WL_PROTO_ARP,
  WL_PROTO_IP,
  WL_PROTO_ICMP,
  WL_PROTO_UDP,
  WL_PROTO_TCP,
  WL_PROTO_DHCP,
  WL_PROTO_DNS,
  WL_PROTO_HTTP,
  WL_PROTO_LAST
} WlProto;

/* What happened. */
typedef enum
{
  WL_EVENT_NONE = 0,
  WL_EVENT_ACTION,         /* a scenario action started (a user typed a command) */
  WL_EVENT_FRAME_SENT,     /* a frame started onto a cable from an interface */
  WL_EVENT_FRAME_RECEIVED, /* a frame arrived whole at an interface */
  WL_EVENT_FRAME_DROPPED,  /* a frame (or packet) was discarded; code says why */
  WL_EVENT_NOTE,           /* a state change that explains other events; code says which */
  WL_EVENT_LAST
} WlEventKind;

/* Reasons for drops and kinds of state notes.  Append new codes at the end of their group;
 * the stable names in wl-types.c are what files store. */
typedef enum
{
  WL_CODE_NONE = 0,

  /* why a frame or packet was dropped */
  WL_DROP_FCS_ERROR,          /* frame check sequence wrong: bits flipped on the cable */
  WL_DROP_LINK_LOSS,          /* the cable lost the frame (loss impairment) */
  WL_DROP_UNPLUGGED,          /* sent out of an interface with no cable */
  WL_DROP_TX_QUEUE_FULL,      /* the interface's transmit queue was full */
  WL_DROP_NOT_FOR_US,         /* NIC filter: destination MAC is another station's */
  WL_DROP_SAME_PORT,          /* switch: destination is on the port the frame came in on */
  WL_DROP_ARP_UNRESOLVED,     /* no ARP reply after the retries */
  WL_DROP_ARP_QUEUE_FULL,     /* too many packets waiting for one ARP resolution */
  WL_DROP_TTL_EXCEEDED,       /* TTL reached 0 in a router */
  WL_DROP_NO_ROUTE,           /* no route to the destination */
  WL_DROP_FRAG_NEEDED,        /* bigger than the egress MTU and DF set */
  WL_DROP_REASSEMBLY_TIMEOUT, /* fragments never completed */
  WL_DROP_BAD_CHECKSUM,       /* IP / ICMP / UDP / TCP checksum wrong */
  WL_DROP_MALFORMED,          /* header too short or inconsistent */
  WL_DROP_UNKNOWN_PROTOCOL,   /* EtherType or IP protocol nobody handles */
  WL_DROP_PORT_UNREACHABLE,   /* UDP datagram for a port nobody listens on */
  WL_DROP_NOT_FOR_HOST,       /* a host (not a router) got an IP packet for another address */
  WL_DROP_BUDGET,             /* the run stopped at its event budget */
  WL_DROP_LAST_,

  /* state notes */
  WL_NOTE_MAC_LEARNED = 100,  /* switch learned a MAC on a port: args mac, port */
  WL_NOTE_MAC_MOVED,          /* a learned MAC appeared on another port */
  WL_NOTE_MAC_AGED,           /* a MAC table entry expired */
  WL_NOTE_FLOODED,            /* switch flooded a frame (broadcast or unknown unicast) */
  WL_NOTE_FORWARDED,          /* switch forwarded a known unicast out of one port */
  WL_NOTE_ARP_MISS,           /* IP send found no ARP entry: the packet waits, a request goes out */
  WL_NOTE_ARP_ADDED,          /* ARP cache entry created: args ip, mac */
  WL_NOTE_ARP_UPDATED,        /* ARP cache entry refreshed or changed */
  WL_NOTE_ARP_EXPIRED,        /* ARP cache entry timed out */
  WL_NOTE_ROUTE_CHOSEN,       /* longest-prefix match picked a route: args dst, route, via, iface */
  WL_NOTE_TTL_EXPIRED,        /* TTL reached zero: ICMP time exceeded follows */
  WL_NOTE_FRAGMENTED,         /* a packet was cut into fragments: args id, count, mtu */
  WL_NOTE_REASSEMBLED,        /* fragments joined back into one packet */
  WL_NOTE_PING_REPLY,         /* ping got its echo reply: args seq, rtt_ns, ttl */
  WL_NOTE_PING_TIMEOUT,       /* ping gave up waiting for a reply */
  WL_NOTE_PING_ERROR,         /* ping got an ICMP error instead of a reply */
  WL_NOTE_TRACE_HOP,          /* traceroute heard from a hop: args ttl, from, rtt_ns */
  WL_NOTE_TRACE_TIMEOUT,      /* traceroute probe unanswered: args ttl */
  WL_NOTE_TRACE_DONE,         /* traceroute reached the target */
  WL_NOTE_DELIVERED,          /* an IP packet reached its destination host's stack */
  WL_NOTE_ROUTED,             /* a router forwarded an IP packet (TTL decremented) */
  WL_NOTE_RUN_BUDGET,         /* the run stopped at its event budget */
  WL_NOTE_ICMP_ERROR,         /* an ICMP error arrived for one of our packets: args type, code, from */

  /* transport: TCP (args name the connection as "conn=10.0.0.1:40000-10.0.0.2:80") */
  WL_NOTE_TCP_STATE = 200,    /* state transition: args from, to, conn */
  WL_NOTE_TCP_CWND,           /* congestion state: args cwnd, ssthresh, phase (slow-start, …) */
  WL_NOTE_TCP_RTO,            /* RTO recomputed: args rto_ns, srtt_ns, rttvar_ns */
  WL_NOTE_TCP_RETRANSMIT,     /* timeout retransmission: args seq, len, rto_ns */
  WL_NOTE_TCP_FAST_RETRANSMIT,/* 3 duplicate ACKs: args seq */
  WL_NOTE_TCP_WINDOW,         /* advertised receive window changed: args wnd */
  WL_NOTE_TCP_RESET,          /* a RST was sent or received: args conn, reason */
  WL_NOTE_SOCKET,             /* socket API call: args call (listen, connect, close …), conn */

  /* applications */
  WL_NOTE_DHCP_STATE = 300,   /* client state transition: args from, to */
  WL_NOTE_DHCP_OFFERED,       /* server reserved an address for a client: args ip, mac */
  WL_NOTE_DHCP_BOUND,         /* client bound a lease: args ip, lease_s, server */
  WL_NOTE_DHCP_LEASE,         /* server committed a lease: args ip, mac, lease_s */
  WL_NOTE_DHCP_RELEASED,      /* lease given back: args ip */
  WL_NOTE_DHCP_DECLINED,      /* client found the offered address in use: args ip */
  WL_NOTE_DHCP_NAK,           /* server refused a request: args ip, reason */
  WL_NOTE_DHCP_RELAYED,       /* relay agent forwarded a message: args giaddr, to */
  WL_NOTE_DNS_QUERY,          /* resolver asks a server: args name, type, server */
  WL_NOTE_DNS_CACHE_HIT,      /* answered from cache: args name, type, ttl */
  WL_NOTE_DNS_CACHE_ADD,      /* cached: args name, type, ttl */
  WL_NOTE_DNS_REFERRAL,       /* server answered with a referral: args zone, ns */
  WL_NOTE_DNS_ANSWER,         /* lookup finished: args name, type, value (or rcode) */
  WL_NOTE_HTTP_REQUEST,       /* client sent / server got a request: args method, path */
  WL_NOTE_HTTP_RESPONSE,      /* response: args status, length */
  WL_NOTE_CONSOLE,            /* one line of console output; args is the raw line (free text) */
  WL_NOTE_LAST_,
} WlCode;

const char *wl_proto_to_string (WlProto proto);
WlProto     wl_proto_from_string (const char *name);
const char *wl_event_kind_to_string (WlEventKind kind);
WlEventKind wl_event_kind_from_string (const char *name);
const char *wl_code_to_string (WlCode code);
WlCode      wl_code_from_string (const char *name);
const char *wl_layer_to_string (WlLayer layer);

/* A MAC address is 6 bytes; an IPv4 address is a guint32 in host byte order. */
typedef struct
{
  guint8 b[6];
} WlMac;

gboolean wl_mac_equal (const WlMac *a, const WlMac *b);
gboolean wl_mac_is_broadcast (const WlMac *mac);
gboolean wl_mac_is_multicast (const WlMac *mac);
/* Writes "aa:bb:cc:dd:ee:ff" into buf (at least 18 bytes) and returns buf. */
char    *wl_mac_format (const WlMac *mac, char *buf);
gboolean wl_mac_parse (const char *text, WlMac *out);

/* Writes dotted quad into buf (at least 16 bytes) and returns buf. */
char    *wl_ip_format (guint32 ip, char *buf);
/* Strict dotted quad: four decimal octets 0–255, no leading '+', no spaces. */
gboolean wl_ip_parse (const char *text, guint32 *out);
guint32  wl_ip_prefix_mask (guint prefix);

extern const WlMac wl_mac_broadcast;

G_END_DECLS
