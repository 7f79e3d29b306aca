/* wl-pcap-export.h — a recorded run as a pcap file that Wireshark and tcpdump open.
 *
 * Frames are written as a capture on a real NIC shows them: Ethernet II (DLT_EN10MB) without
 * the 4-byte FCS, which the recorder keeps but capture hardware strips.  Timestamps are the
 * run's virtual time with nanosecond precision (a pcap with the nanosecond magic number), so
 * time 0 of the run is 1970-01-01 00:00:00 in Wireshark.
 */
#pragma once

#include <glib.h>

#include "store/wl-store.h"

G_BEGIN_DECLS

/* Which frames to export.
 *  - all -1: every frame sent onto any link; a frame crossing three links appears three
 *    times, each at the time it started onto that link;
 *  - link >= 0: the frames sent onto that link, in both directions (device and iface -1);
 *  - device >= 0, iface >= 0: the frames that interface sent (at the time they started) and
 *    received (at the time they arrived whole), as a capture on that NIC would see them;
 *  - device >= 0, iface -1: the same for every interface of the device. */
typedef struct
{
  gint link;
  gint device;
  gint iface;
} WlPcapSelection;

#define WL_PCAP_SELECTION_ALL { .link = -1, .device = -1, .iface = -1 }

/* Writes the selected frames of run_id to path (through a temporary file renamed into place:
 * an existing file is replaced only by a complete capture).  Errors name the path. */
gboolean wl_pcap_export (WlStore               *store,
                         gint64                 run_id,
                         const WlPcapSelection *sel,
                         const char            *path,
                         GError               **error);

G_END_DECLS
