/* l3-test.h — what the layer-3 tests share: labs built in a few lines, a network running them
 * with an in-memory trace, a raw station to inject hand-made frames, frame builders, and
 * questions about the trace.
 */
#pragma once

#include <glib.h>

#include "core/wl-device.h"
#include "core/wl-trace.h"
#include "devices/wl-network.h"
#include "lab/wl-lab.h"
#include "proto/wl-apps.h"
#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* --- labs ------------------------------------------------------------------------------- */

guint32      l3_ip (const char *dotted);
/* A PC with eth0 at cidr ("10.0.1.10/24") and an optional gateway. */
WlLabDevice *l3_add_host (WlLab      *lab,
                          const char *name,
                          const char *cidr,
                          const char *gateway);
/* A router with eth0 and eth1 at the two addresses. */
WlLabDevice *l3_add_router (WlLab      *lab,
                            const char *name,
                            const char *cidr0,
                            const char *cidr1);
void         l3_set_mtu (WlLab      *lab,
                         const char *device,
                         guint       iface,
                         guint       mtu);
void         l3_add_route (WlLab      *lab,
                           const char *device,
                           const char *cidr,
                           const char *via);
WlLabLink   *l3_connect (WlLab      *lab,
                         const char *a,
                         guint       if_a,
                         const char *b,
                         guint       if_b);
void         l3_action (WlLab      *lab,
                        WlTime      time,
                        const char *device,
                        const char *command);

/* PC1 10.0.1.10/24 — R1 10.0.1.1 | 10.0.2.1 — PC2 10.0.2.10/24 (links L1, L2). */
WlLab       *l3_lab_router (void);

/* --- a running lab ---------------------------------------------------------------------- */

typedef struct
{
  WlTraceMemory *mem;
  WlNetwork     *net;
  WlSim         *sim;
  guint          n_devices;  /* the lab's */
  guint          n_links;
  GPtrArray     *stations;   /* of WlDevice*, owned */
  GPtrArray     *links;      /* of WlLink*, owned: the stations' cables */
} L3Bed;

L3Bed       *l3_bed_new (WlLab  *lab,
                         guint64 seed);
void         l3_bed_free (L3Bed *bed);
/* Runs until the given time, or (until = 0) until nothing is left to do. */
WlSimStop    l3_bed_run (L3Bed *bed,
                         WlTime until);
gint         l3_bed_index (L3Bed      *bed,
                           const char *device);
WlDevice    *l3_bed_device (L3Bed      *bed,
                            const char *device);
WlStack     *l3_bed_stack (L3Bed      *bed,
                           const char *device);

/* A station (no stack: it swallows what it receives) with the given MAC, cabled to port
 * iface of device; it gets the next device index and link index after the lab's. */
WlDevice    *l3_bed_attach (L3Bed       *bed,
                            const char  *device,
                            guint        iface,
                            const WlMac *mac);
/* Sends frame (Ethernet header + payload, no FCS) from the station at time at. */
void         l3_station_send_at (WlDevice *station,
                                 WlTime    at,
                                 WlPacket *frame);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (L3Bed, l3_bed_free)

/* --- frames ----------------------------------------------------------------------------- */

WlMac        l3_mac (guint n);  /* 02:00:00:00:00:n */
WlPacket    *l3_arp_frame (const WlMac *eth_dst,
                           guint16      op,
                           const WlMac *sha,
                           guint32      spa,
                           const WlMac *tha,
                           guint32      tpa);
/* An IPv4 packet (20-byte header, checksum right) carrying payload. */
WlPacket    *l3_ipv4_packet (guint32       src,
                             guint32       dst,
                             guint8        proto,
                             guint8        ttl,
                             guint16       id,
                             const guint8 *payload,
                             gsize         len);
/* An ICMP echo request message (header + data of len bytes 0, 1, 2 …). */
WlPacket    *l3_icmp_echo (guint16 ident,
                           guint16 seq,
                           gsize   len);
/* Prepends an Ethernet header (type 0x0800 unless ARP). Takes pkt. */
WlPacket    *l3_eth_wrap (WlPacket    *pkt,
                          const WlMac *src,
                          const WlMac *dst,
                          guint16      type);

/* --- the trace -------------------------------------------------------------------------- */

/* Events matching kind, code (WL_CODE_NONE: any) and device (-1: any), in order (borrowed). */
GPtrArray          *l3_find (L3Bed      *bed,
                             WlEventKind kind,
                             WlCode      code,
                             gint        device);
guint               l3_count (L3Bed      *bed,
                              WlEventKind kind,
                              WlCode      code,
                              gint        device);
/* The nth (from 0) matching event, or NULL. */
const WlTraceEvent *l3_nth (L3Bed      *bed,
                            WlEventKind kind,
                            WlCode      code,
                            gint        device,
                            guint       n);
const WlTraceEvent *l3_by_id (L3Bed  *bed,
                              guint64 id);
/* The value of key in an event's args ("seq=1 ttl=63": "ttl" → "63"); NULL when absent. */
char               *l3_arg (const WlTraceEvent *ev,
                            const char         *key);
guint64             l3_arg_u64 (const WlTraceEvent *ev,
                                const char         *key);
/* Frames sent by a device (-1: any) on a link (-1: any) of an EtherType (0: any); for ARP, only
 * opcode op (0: any). */
guint               l3_count_sent (L3Bed  *bed,
                                   gint    device,
                                   gint    link,
                                   guint16 ethertype,
                                   guint16 arp_op);
/* Frames of a kind (sent/received) at a device, with IPv4 protocol proto (0: any IPv4). */
GPtrArray          *l3_ip_frames (L3Bed      *bed,
                                  WlEventKind kind,
                                  gint        device,
                                  guint8      proto);
/* Follows causes from ev back to the first event; TRUE when the event with id is on the way. */
gboolean            l3_caused_by (L3Bed              *bed,
                                  const WlTraceEvent *ev,
                                  guint64             id);

/* Offsets into a frame event's bytes (Ethernet header first). */
#define L3_IP 14
#define L3_L4 34

G_END_DECLS
