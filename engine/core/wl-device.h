/* wl-device.h — simulated devices and their ports, and the cables (links) between ports.
 *
 * A device is a struct that starts with WlDevice and a class (vtable) describing its kind:
 * hub and repeater (layer 1), switch (layer 2), router and hosts (layer 3 and up).  Devices
 * talk only through their ports: a port transmits a frame onto its link, and the link
 * delivers it, some nanoseconds later, to the port at its other end.
 *
 * What the port layer does for every device (so that devices never repeat it):
 *   sending    wl_port_send_frame(): pads to the Ethernet minimum (60 bytes), appends the
 *              FCS (CRC-32) and transmits; wl_port_transmit() sends raw bytes as they are
 *              (a hub repeating bits, a bad FCS included).  Frames queue behind each other
 *              when the interface is busy serialising (bounded queue, then tx-queue-full
 *              drops).  A FRAME_SENT event is emitted when a frame starts onto the cable.
 *   receiving  a FRAME_RECEIVED event is emitted when the last bit arrives; then, for devices
 *              of layer 2 and up, the FCS is checked (a mismatch is a FRAME_DROPPED fcs-error
 *              instead) and stripped, and the class's receive() gets the frame with the
 *              received event as the current cause.  Layer-1 devices get the raw bits.
 *
 * The cable (WlLink): full duplex — each direction is independent; serialisation time is
 * (preamble 8 B + frame) × 8 / bandwidth, and the next frame may start 12 byte-times later
 * (the inter-frame gap); the frame arrives after serialisation + propagation delay + jitter.
 * Impairments are drawn from the simulation's generator, only for those that are non-zero,
 * always in the order loss, bit errors, duplication, jitter: the same seed, the same fate.
 * A link never reorders frames of one direction.
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "core/wl-sim.h"
#include "core/wl-types.h"

G_BEGIN_DECLS

typedef struct _WlDevice      WlDevice;
typedef struct _WlDeviceClass WlDeviceClass;
typedef struct _WlPort        WlPort;
typedef struct _WlLink        WlLink;

struct _WlDeviceClass
{
  const char *kind;       /* "hub", "switch" … */
  WlLayer     layer;      /* highest layer the device works at; L1 devices get raw bits */
  gsize       size;       /* sizeof the device struct (WlDevice first) */
  /* A frame arrived on port (FCS checked and stripped unless layer is 1); takes ownership. */
  void      (*receive) (WlDevice *dev, WlPort *port, WlPacket *frame);
  /* Called once at time 0, before any scenario action. Optional. */
  void      (*start) (WlDevice *dev);
  /* A scenario action: a command line as the user typed it.  Returns FALSE with an error for
   * a command the device does not know or cannot parse. Optional (NULL: no commands). */
  gboolean  (*command) (WlDevice *dev, const char *command, GError **error);
  /* Checks a command line without running it (before a run starts), with the same errors
   * command() would give.  Optional (NULL: the device takes no commands). */
  gboolean  (*check_command) (const char *command, GError **error);
  /* Frees what the subclass owns (not the struct itself). Optional. */
  void      (*finalize) (WlDevice *dev);
};

struct _WlDevice
{
  const WlDeviceClass *klass;
  WlSim               *sim;
  gint                 index;    /* lab device index: what trace events name */
  char                *name;
  WlPort             **ports;
  guint                n_ports;
};

struct _WlPort
{
  WlDevice *device;
  gint      index;     /* interface index within the device */
  char     *name;
  WlMac     mac;
  guint     mtu;
  WlLink   *link;      /* NULL when unplugged */
  guint     side;      /* 0 or 1: which end of the link */
  /* transmit side */
  GQueue    txq;       /* of queued frames waiting for the wire */
  gboolean  busy;      /* serialising a frame right now */
};

typedef struct
{
  WlTime  delay;
  guint64 bandwidth;   /* bit/s, > 0 */
  WlTime  jitter;
  double  loss;
  double  duplicate;
  double  ber;
} WlLinkParams;

struct _WlLink
{
  WlSim       *sim;
  gint         index;  /* lab link index */
  WlPort      *end[2];
  WlLinkParams params;
  WlTime       last_arrival[2];  /* per direction (index = sending side): keeps FIFO order */
};

#define WL_PORT_TXQ_MAX 1000  /* like Linux's default txqueuelen */
#define WL_ETH_MIN_FRAME 60   /* without FCS */
#define WL_ETH_FCS_LEN 4

/* Allocates klass->size bytes (zeroed), with n_ports ports named by the caller afterwards
 * (wl_device_set_port). */
WlDevice *wl_device_new (const WlDeviceClass *klass, WlSim *sim, gint index, const char *name,
                         guint n_ports);
void      wl_device_set_port (WlDevice *dev, guint i, const char *name, const WlMac *mac,
                              guint mtu);
void      wl_device_free (WlDevice *dev);
WlPort   *wl_device_find_port (WlDevice *dev, const char *name);

/* Connects two ports with a cable. */
WlLink   *wl_link_new (WlSim *sim, gint index, WlPort *a, WlPort *b, const WlLinkParams *params);
void      wl_link_free (WlLink *link);

/* Pads (to 60 bytes), appends the FCS and transmits.  Takes ownership of frame, which holds
 * the Ethernet header and payload and no FCS. */
void      wl_port_send_frame (WlPort *port, WlPacket *frame);
/* Transmits the bytes exactly as given (FCS included).  Takes ownership. */
void      wl_port_transmit (WlPort *port, WlPacket *raw);

/* Emits a FRAME_DROPPED at this port for a frame the device decided to discard.  frame is
 * the frame as devices of layer 2 and up have it: Ethernet header and payload, no FCS (the
 * event records it with its FCS, like every frame event).  frame may be NULL. */
guint64   wl_port_drop (WlPort *port, WlPacket *frame, WlLayer layer, WlCode reason,
                        const char *args);

/* Pads frame to the Ethernet minimum (60 bytes) and appends its FCS. */
void      wl_ethernet_append_fcs (WlPacket *frame);
/* CRC-32 of an Ethernet frame as it goes in the FCS field (IEEE 802.3, zlib's crc32). */
guint32   wl_ethernet_crc32 (const guint8 *data, gsize len);
/* TRUE when the last 4 bytes are the right FCS for the bytes before them. */
gboolean  wl_ethernet_fcs_ok (const guint8 *frame, gsize len);

G_END_DECLS
