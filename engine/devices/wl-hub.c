/* wl-hub.c — the hub and the repeater: layer-1 devices (IEEE 802.3 clause 9, "repeater unit";
 * the multiport repeater of 10BASE-T is what everyone calls a hub).
 *
 * Where it sits: a hub works below the MAC layer.  It does not know what a frame is, an
 * address, or a check sequence: bits that come in on one port go out on every other port.
 * So, unlike a switch, a hub
 *   - keeps no MAC table: every station hears every frame, whoever it is for;
 *   - checks no FCS: a frame corrupted on the way in is repeated corrupted, and the station
 *     that finally receives it drops it (fcs-error at the station, not at the hub);
 *   - adds nothing to the frame: the very same bytes, FCS included, go out again.
 * The port layer (wl-device.c) gives layer-1 devices the raw bits, FCS included, and records
 * the FRAME_RECEIVED at the hub's port; each copy that goes out is a FRAME_SENT caused by it.
 *
 * A repeater is a hub with two ports: it joins two cable segments into one (the classic
 * 10BASE5 repeater that doubled the reach of a coaxial segment).  Both kinds share this code
 * and differ only by their kind name and their default number of ports (from the lab).
 *
 * State owned: nothing besides the ports: a hub has no memory.
 *
 * Simplifications (to keep in mind when reading a trace):
 *   - A real hub repeats each bit as it arrives, a few bit-times later.  Here the frame is
 *     repeated once its last bit has arrived, so each hop through a hub adds one frame
 *     serialisation time.  The order of frames is still the order they arrived in.
 *   - All ports of a hub are one collision domain: two stations sending at once collide, and
 *     CSMA/CD (carrier sense, jam, binary exponential backoff, 802.3 §4.2.3.2) resolves it.
 *     Collisions are not modelled yet (a later issue): the cables here are full duplex and a
 *     hub port queues a frame behind another instead of colliding with it.
 */
#define G_LOG_DOMAIN "wl-hub"
#include "config.h"

#include "wl-devices.h"

/* Repeats raw to every port except the one it came in on.  Ports without a cable are
 * skipped: a hub port with nothing plugged in is not a failure, the bits just go nowhere. */
static void
hub_receive (WlDevice *dev,
             WlPort   *in_port,
             WlPacket *raw)
{
  /* Ports are visited in index order: the copies go out in a fixed order, so the trace is
   * the same run after run. */
  for (guint i = 0; i < dev->n_ports; i++)
    {
      WlPort *out = dev->ports[i];

      if (out == in_port || out->link == NULL)
        continue;
      /* Every port gets its own copy: whoever receives a frame may strip its headers in
       * place (wl-packet.h).  wl_port_transmit sends bytes as they are: no new FCS. */
      wl_port_transmit (out, wl_packet_copy (raw));
    }
  wl_packet_unref (raw);
}

static const WlDeviceClass hub_class = {
  .kind = "hub",
  .layer = WL_LAYER_PHYSICAL,
  .size = sizeof (WlDevice),
  .receive = hub_receive,
};

static const WlDeviceClass repeater_class = {
  .kind = "repeater",
  .layer = WL_LAYER_PHYSICAL,
  .size = sizeof (WlDevice),
  .receive = hub_receive,
};

WlDevice *
wl_hub_new (WlSim             *sim,
            gint               index,
            const WlLabDevice *cfg)
{
  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (cfg != NULL, NULL);

  return wl_device_new_from_lab (&hub_class, sim, index, cfg);
}

WlDevice *
wl_repeater_new (WlSim             *sim,
                 gint               index,
                 const WlLabDevice *cfg)
{
  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (cfg != NULL, NULL);

  return wl_device_new_from_lab (&repeater_class, sim, index, cfg);
}
