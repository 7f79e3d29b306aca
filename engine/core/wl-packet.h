/* wl-packet.h — a refcounted packet buffer with headroom.
 *
 * Encapsulation as it is taught: an application writes its payload, then each layer
 * *prepends* its header (wl_packet_push): UDP, then IPv4, then Ethernet, and the NIC
 * *appends* the FCS (wl_packet_put).  Receiving strips headers in the same order
 * (wl_packet_pull).  A packet starts with WL_PACKET_HEADROOM bytes free in front so the
 * usual stack of headers never needs a copy; push grows the buffer when it must.
 *
 *   buf: [ headroom ...... | data (len bytes) ........ | tailroom ]
 *                          ^ head                       ^ head + len
 *
 * A packet handed to another layer or device is handed over (ownership moves); a packet
 * that two owners need (a hub repeating a frame out of four ports) is copied, because
 * receivers strip headers in place.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WL_PACKET_HEADROOM 64

typedef struct
{
  gint    ref_count;
  guint8 *buf;
  gsize   cap;
  gsize   head;
  gsize   len;
} WlPacket;

/* A packet with len bytes of zeroed payload. */
WlPacket     *wl_packet_new (gsize len);
WlPacket     *wl_packet_new_from_data (const guint8 *data, gsize len);
WlPacket     *wl_packet_ref (WlPacket *pkt);
void          wl_packet_unref (WlPacket *pkt);
/* A deep copy (same bytes, fresh headroom). */
WlPacket     *wl_packet_copy (const WlPacket *pkt);

static inline guint8 *
wl_packet_data (WlPacket *pkt)
{
  return pkt->buf + pkt->head;
}

static inline gsize
wl_packet_len (const WlPacket *pkt)
{
  return pkt->len;
}

/* Prepends n bytes (uninitialised) and returns a pointer to them. */
guint8       *wl_packet_push (WlPacket *pkt, gsize n);
/* Strips n bytes from the front and returns a pointer to them (valid until the next push),
 * or NULL, changing nothing, when the packet is shorter than n. */
guint8       *wl_packet_pull (WlPacket *pkt, gsize n);
/* Appends n zeroed bytes and returns a pointer to them. */
guint8       *wl_packet_put (WlPacket *pkt, gsize n);
/* Cuts the packet to len bytes (no-op when already shorter). */
void          wl_packet_trim (WlPacket *pkt, gsize len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlPacket, wl_packet_unref)

G_END_DECLS
