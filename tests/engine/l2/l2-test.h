/* l2-test.h — what the layer-1/2 tests share: a test station that records every frame it
 * receives, builders for real frames (an ARP request and reply, an ICMP echo request in
 * IPv4, byte for byte as a Linux host sends them), and questions about a recorded trace.
 */
#pragma once

#include <glib.h>

#include "core/wl-device.h"
#include "core/wl-trace.h"
#include "devices/wl-network.h"
#include "lab/wl-lab.h"

G_BEGIN_DECLS

/* A station: one port, a NIC that checks the FCS (layer 2 and up), and no stack.  It keeps
 * every good frame it receives (FCS stripped), in order, promiscuously: it does not filter
 * on its own MAC, so a test sees exactly what the wire delivered. */
typedef struct
{
  WlDevice   parent;
  GPtrArray *received;     /* of WlPacket*, owned */
  GArray    *received_at;  /* of WlTime, when each one arrived */
} TestStation;

WlDevice *test_station_new (WlSim *sim, gint index, const char *name, const WlMac *mac);
guint     test_station_count (WlDevice *station);
WlPacket *test_station_get (WlDevice *station, guint i);

/* Sends frame (no FCS: the port adds it) out of port 0 of dev at time at.  Takes frame. */
void      test_send_at (WlDevice *dev, WlTime at, WlPacket *frame);

/* A MAC 02:00:00:00:00:n. */
WlMac     test_mac (guint n);
/* A link with the given bandwidth and delay and no impairment. */
WlLinkParams test_link_params (guint64 bandwidth, WlTime delay);

/* Real frames (Ethernet header + payload, no FCS).  Addresses in host byte order. */
WlPacket *test_arp_request (const WlMac *sender, guint32 sender_ip, guint32 target_ip);
WlPacket *test_arp_reply (const WlMac *sender, guint32 sender_ip, const WlMac *target,
                          guint32 target_ip);
WlPacket *test_icmp_echo (const WlMac *src, const WlMac *dst, guint32 src_ip, guint32 dst_ip,
                          guint16 seq, gsize payload_len);
/* Any Ethernet II frame with a 2-byte sequence number after the header, padded to 60. */
WlPacket *test_frame (const WlMac *src, const WlMac *dst, guint16 seq);
/* The sequence number test_frame wrote; bytes start at the Ethernet header. */
guint16   test_frame_seq (const guint8 *bytes);

/* --- a lab with test stations plugged in ----------------------------------------------- */

/* The lab's devices built by wl_network_new (so by wl_hub_new, wl_switch_new … through
 * wl_device_constructor_for_kind), and test stations cabled to their free ports.  Station k
 * gets device index n_devices + k and its cable link index n_links + k (n_*: the lab's),
 * so trace indices never clash with the lab's. */
typedef struct
{
  WlTraceMemory *mem;
  WlNetwork     *net;
  WlSim         *sim;
  GPtrArray     *stations;  /* of WlDevice*, owned */
  GPtrArray     *links;     /* of WlLink*, owned: the stations' cables */
  guint          n_lab_devices;
  guint          n_lab_links;
} TestBed;

TestBed  *test_bed_new (WlLab *lab, guint64 seed);
void      test_bed_free (TestBed *bed);
WlDevice *test_bed_device (TestBed *bed, const char *name);
/* A station with MAC test_mac (mac_n), cabled (100 Mbit/s, 1 µs) to port of device. */
WlDevice *test_bed_attach (TestBed *bed, const char *device, const char *port, guint mac_n);
/* Unplugs station and plugs its cable (same index and parameters) into port of device. */
void      test_bed_move (TestBed *bed, WlDevice *station, const char *device, const char *port);
/* The index of the link a station is cabled with. */
gint      test_bed_link_of (WlDevice *station);
WlSimStop test_bed_run (TestBed *bed, WlTime until);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestBed, test_bed_free)

/* --- questions about a trace ------------------------------------------------------------- */

/* The event with this id (ids are 1, 2, 3 … in order), or NULL. */
const WlTraceEvent *test_trace_by_id (WlTraceMemory *mem, guint64 id);
/* Events matching kind, code (WL_CODE_NONE = any), device, iface and link (-1 = any), in
 * order; the array holds borrowed pointers. */
GPtrArray          *test_trace_find (WlTraceMemory *mem, WlEventKind kind, WlCode code,
                                     gint device, gint iface, gint link);
guint               test_trace_count (WlTraceMemory *mem, WlEventKind kind, WlCode code,
                                      gint device, gint iface, gint link);
/* The only matching event (asserts there is exactly one). */
const WlTraceEvent *test_trace_one (WlTraceMemory *mem, WlEventKind kind, WlCode code,
                                    gint device, gint iface, gint link);
/* TRUE when two traces hold the same events (ids, times, places, codes, args and bytes). */
gboolean            test_trace_equal (WlTraceMemory *a, WlTraceMemory *b);

G_END_DECLS
