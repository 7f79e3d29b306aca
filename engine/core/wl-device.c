/* wl-device.c — devices, ports, and what every port does on send and receive (see
 * wl-device.h for the rules).  The cable itself is in wl-link.c. */
#define G_LOG_DOMAIN "wl-device"
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "dissect/wl-dissect.h"
#include "wl-device.h"
#include "wl-link-private.h"

WlDevice *
wl_device_new (const WlDeviceClass *klass, WlSim *sim, gint index, const char *name,
               guint n_ports)
{
  WlDevice *dev;

  g_return_val_if_fail (klass != NULL && klass->size >= sizeof (WlDevice), NULL);

  dev = g_malloc0 (klass->size);
  dev->klass = klass;
  dev->sim = sim;
  dev->index = index;
  dev->name = g_strdup (name);
  dev->n_ports = n_ports;
  dev->ports = g_new0 (WlPort *, MAX (n_ports, 1));
  for (guint i = 0; i < n_ports; i++)
    {
      WlPort *port = g_new0 (WlPort, 1);

      port->device = dev;
      port->index = (gint) i;
      port->mtu = 1500;
      g_queue_init (&port->txq);
      dev->ports[i] = port;
    }
  return dev;
}

void
wl_device_set_port (WlDevice *dev, guint i, const char *name, const WlMac *mac, guint mtu)
{
  WlPort *port;

  g_return_if_fail (i < dev->n_ports);
  port = dev->ports[i];
  g_free (port->name);
  port->name = g_strdup (name);
  if (mac != NULL)
    port->mac = *mac;
  port->mtu = mtu;
}

void
wl_device_free (WlDevice *dev)
{
  if (dev == NULL)
    return;
  if (dev->klass->finalize != NULL)
    dev->klass->finalize (dev);
  for (guint i = 0; i < dev->n_ports; i++)
    {
      WlPort *port = dev->ports[i];

      _wl_port_clear_queue (port);
      g_free (port->name);
      g_free (port);
    }
  g_free (dev->ports);
  g_free (dev->name);
  g_free (dev);
}

WlPort *
wl_device_find_port (WlDevice *dev, const char *name)
{
  for (guint i = 0; i < dev->n_ports; i++)
    if (g_strcmp0 (dev->ports[i]->name, name) == 0)
      return dev->ports[i];
  return NULL;
}

guint32
wl_ethernet_crc32 (const guint8 *data, gsize len)
{
  return (guint32) crc32 (crc32 (0L, Z_NULL, 0), data, (uInt) len);
}

gboolean
wl_ethernet_fcs_ok (const guint8 *frame, gsize len)
{
  guint32 fcs;

  if (len < WL_ETH_FCS_LEN)
    return FALSE;
  /* The FCS goes on the wire least significant byte first (IEEE 802.3 clause 3.2.9). */
  fcs = (guint32) frame[len - 4] | (guint32) frame[len - 3] << 8 | (guint32) frame[len - 2] << 16
        | (guint32) frame[len - 1] << 24;
  return wl_ethernet_crc32 (frame, len - WL_ETH_FCS_LEN) == fcs;
}

void
wl_ethernet_append_fcs (WlPacket *frame)
{
  guint32 fcs;
  guint8 *p;

  /* Ethernet's minimum frame is 64 bytes with the FCS: pad with zeros to 60 first. */
  if (wl_packet_len (frame) < WL_ETH_MIN_FRAME)
    wl_packet_put (frame, WL_ETH_MIN_FRAME - wl_packet_len (frame));
  fcs = wl_ethernet_crc32 (wl_packet_data (frame), wl_packet_len (frame));
  p = wl_packet_put (frame, WL_ETH_FCS_LEN);
  p[0] = fcs & 0xff;
  p[1] = (fcs >> 8) & 0xff;
  p[2] = (fcs >> 16) & 0xff;
  p[3] = fcs >> 24;
}

void
wl_port_send_frame (WlPort *port, WlPacket *frame)
{
  wl_ethernet_append_fcs (frame);
  wl_port_transmit (port, frame);
}

/* The layer a frame event sits at: the frame's own top layer, capped at the device's layer
 * (a hub repeating a DNS answer works at layer 1, a switch forwarding it at layer 2). */
WlLayer
_wl_port_event_layer (WlPort *port, const guint8 *bytes, gsize len, gboolean has_fcs,
                      WlProto *proto)
{
  WlLayer layer = WL_LAYER_DATA_LINK;

  *proto = wl_dissect_classify (bytes, len, has_fcs, &layer);
  return MIN (layer, port->device->klass->layer);
}

/* Records a drop at port.  raw, when given, holds the frame's bytes with its FCS. */
guint64
_wl_port_drop_raw (WlPort *port, WlPacket *raw, WlLayer layer, WlCode reason, const char *args)
{
  WlSim *sim = port->device->sim;
  WlProto proto;
  WlTraceEvent ev = {
    .kind = WL_EVENT_FRAME_DROPPED, .device = port->device->index, .iface = port->index,
    .link = port->link ? port->link->index : -1, .layer = layer, .cause = wl_sim_get_cause (sim),
    .code = reason, .args = args,
  };

  if (raw != NULL)
    {
      ev.frame = wl_packet_data (raw);
      ev.frame_len = wl_packet_len (raw);
      (void) _wl_port_event_layer (port, ev.frame, ev.frame_len, TRUE, &proto);
      ev.proto = proto;
    }
  return wl_sim_emit (sim, &ev);
}

guint64
wl_port_drop (WlPort *port, WlPacket *frame, WlLayer layer, WlCode reason, const char *args)
{
  g_autoptr (WlPacket) raw = NULL;

  if (frame == NULL)
    return _wl_port_drop_raw (port, NULL, layer, reason, args);
  /* Trace events always carry whole frames, FCS included: put back the FCS the NIC checked
   * and stripped (it is a function of the bytes, so it is the same one). */
  raw = wl_packet_copy (frame);
  wl_ethernet_append_fcs (raw);
  return _wl_port_drop_raw (port, raw, layer, reason, args);
}

/* The last bit of a frame arrived at port (called by the link). */
void
_wl_port_deliver (WlPort *port, WlPacket *raw)
{
  WlDevice *dev = port->device;
  WlSim *sim = dev->sim;
  WlProto proto;
  WlTraceEvent ev = {
    .device = dev->index, .iface = port->index, .link = port->link ? port->link->index : -1,
    .cause = wl_sim_get_cause (sim), .frame = wl_packet_data (raw),
    .frame_len = wl_packet_len (raw),
  };
  gboolean fcs_ok = TRUE;

  ev.layer = _wl_port_event_layer (port, ev.frame, ev.frame_len, TRUE, &proto);
  ev.proto = proto;
  if (dev->klass->layer >= WL_LAYER_DATA_LINK)
    fcs_ok = wl_ethernet_fcs_ok (ev.frame, ev.frame_len);
  if (!fcs_ok)
    {
      /* The NIC's CRC check fails: the frame is discarded before anyone looks at it. */
      ev.kind = WL_EVENT_FRAME_DROPPED;
      ev.code = WL_DROP_FCS_ERROR;
      ev.layer = WL_LAYER_DATA_LINK;
      wl_sim_emit (sim, &ev);
      wl_packet_unref (raw);
      return;
    }
  ev.kind = WL_EVENT_FRAME_RECEIVED;
  wl_sim_set_cause (sim, wl_sim_emit (sim, &ev));
  if (dev->klass->layer >= WL_LAYER_DATA_LINK)
    wl_packet_trim (raw, wl_packet_len (raw) - WL_ETH_FCS_LEN);
  if (dev->klass->receive != NULL)
    dev->klass->receive (dev, port, raw);
  else
    wl_packet_unref (raw);
}
