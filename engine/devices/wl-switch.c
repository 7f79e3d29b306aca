/* wl-switch.c — the switch: a store-and-forward transparent learning bridge (IEEE 802.1D-2004
 * clause 7, "Principles of bridge operation"), without the spanning tree protocol.
 *
 * Where it sits: layer 2.  The port layer (wl-device.c) has already received the whole frame,
 * checked its FCS (a bad frame is dropped there and never reaches us) and stripped it, so
 * switch_receive gets a good Ethernet frame:
 *
 *    0                   6                  12       14
 *   +-------------------+------------------+--------+---------------------------+
 *   | destination MAC   | source MAC       | type   | payload (padded to 46 B)  |
 *   +-------------------+------------------+--------+---------------------------+
 *
 * For every frame, two things happen, in this order (802.1D §7.7 and §7.8):
 *
 *   1. Learning.  The source address is a station that exists on the ingress port, so the
 *      filtering database (wl-switch-table.c) records "source -> ingress port".  Group
 *      addresses (multicast, broadcast) are never sources and are never learned.
 *   2. Forwarding.  Look the destination up:
 *        broadcast / multicast / not in the table  -> flood: a copy out of every other port;
 *        in the table, on another port             -> forward out of that port only;
 *        in the table, on the ingress port         -> filter (drop): the destination already
 *                                                     heard the frame on its own segment.
 *
 * Each outgoing copy gets a freshly computed FCS (wl_port_send_frame): a store-and-forward
 * switch regenerates the frame.  Copies go out in port order, never in hash order, so the
 * trace is the same on every run and every GLib version.
 *
 * Not modelled yet: the spanning tree (a loop of switches floods a broadcast for ever, as it
 * would without STP), VLANs, and the reserved group addresses 01:80:c2:00:00:00..0f (STP
 * BPDUs, pause frames, LLDP) that a bridge must never relay (802.1D §7.12.6).  Nothing in
 * the simulation sends to those yet, so here they would be flooded like any multicast.
 *
 * Ageing (802.1D §7.9.2): a station that has been silent for the ageing time (lab setting,
 * default 300 s; 0 means entries never age) is forgotten, so a station that moved without
 * saying anything is found again by flooding.  Each entry has exactly one pending timer, due
 * at the entry's expiry as it was when the timer was set.  When it fires and the entry was
 * refreshed meanwhile, it is set again for the new expiry; otherwise the entry goes and a
 * mac-aged note says so.  An idle table thus empties and its timers stop.
 *
 * Causes in the trace:
 *   - learned/moved/flooded/forwarded notes and the same-port drop are caused by the
 *     FRAME_RECEIVED event at the switch's port (the cause current in receive);
 *   - the FRAME_SENT of every forwarded or flooded copy is caused by that same RECEIVED
 *     event (the notes explain the decision but do not become the cause);
 *   - a mac-aged note is caused by the RECEIVED event of the frame that last refreshed the
 *     entry: "forgotten because nothing was heard from it since this frame".
 *
 * State owned: the filtering database (WlSwitchTable) and, through its entries, one ageing
 * timer per entry.  Events are NOTE codes mac-learned, mac-moved, mac-aged, flooded,
 * forwarded, all at proto eth, layer 2, with facts like "mac=02:00:00:00:01:00 port=p1".
 */
#define G_LOG_DOMAIN "wl-switch"
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "wl-devices.h"
#include "wl-switch-table.h"

#define ETH_HEADER_LEN 14

typedef struct
{
  WlDevice       parent;
  WlSwitchTable *table;
} WlSwitch;

static void schedule_ageing (WlSwitch *sw, WlSwitchEntry *entry, WlMac *mac);

/* The name trace facts use for a port ("p1"); the index when the port has no name. */
static const char *
port_label (WlPort *port,
            char   *buf,
            gsize   size)
{
  if (port->name != NULL)
    return port->name;
  g_snprintf (buf, size, "%d", port->index);
  return buf;
}

/* Emits a note at port about mac; format continues "mac=%s " with the other facts. */
static void G_GNUC_PRINTF (5, 6)
switch_note (WlSwitch    *sw,
             WlPort      *port,
             WlCode       code,
             const WlMac *mac,
             const char  *format,
             ...)
{
  WlDevice *dev = &sw->parent;
  g_autofree char *facts = NULL;
  char macbuf[18];
  va_list ap;

  va_start (ap, format);
  facts = g_strdup_vprintf (format, ap);
  va_end (ap);
  wl_sim_note (dev->sim, dev->index, port->index, WL_PROTO_ETH, WL_LAYER_DATA_LINK, code,
               "mac=%s %s", wl_mac_format (mac, macbuf), facts);
}

/* --- ageing ------------------------------------------------------------------------------ */

/* An entry's timer fired.  data is the entry's MAC (owned by this event). */
static void
on_ageing_timer (WlSim   *sim,
                 gpointer target,
                 gpointer data)
{
  WlSwitch *sw = target;
  WlMac *mac = data;
  WlSwitchEntry *entry = wl_switch_table_lookup (sw->table, mac);
  WlTime expiry;
  char buf[16];

  /* Only this timer removes an entry, and each entry has exactly one timer. */
  g_assert (entry != NULL);

  expiry = wl_switch_table_expiry (sw->table, entry);
  if (expiry > wl_sim_now (sim))
    {
      /* Heard from since the timer was set: wait for the new expiry. */
      schedule_ageing (sw, entry, mac);
      return;
    }

  wl_sim_set_cause (sim, entry->cause);
  switch_note (sw, sw->parent.ports[entry->port], WL_NOTE_MAC_AGED, mac, "port=%s",
               port_label (sw->parent.ports[entry->port], buf, sizeof buf));
  wl_switch_table_remove (sw->table, mac);
  g_free (mac);
}

/* Sets the entry's one timer for its current expiry; takes ownership of mac (the timer's
 * copy of the address, NULL to make one). */
static void
schedule_ageing (WlSwitch      *sw,
                 WlSwitchEntry *entry,
                 WlMac         *mac)
{
  WlSim *sim = sw->parent.sim;
  WlTime expiry = wl_switch_table_expiry (sw->table, entry);

  if (mac == NULL)
    mac = g_memdup2 (&entry->mac, sizeof entry->mac);
  entry->timer = wl_sim_schedule_at (sim, expiry, on_ageing_timer, sw, mac, g_free);
}

/* --- learning ---------------------------------------------------------------------------- */

static void
learn_source (WlSwitch    *sw,
              WlPort      *in_port,
              const WlMac *src)
{
  WlSim *sim = sw->parent.sim;
  WlSwitchEntry *entry;
  guint old_port = 0;
  char a[16], b[16];

  /* A group address is never the source of a frame: a frame claiming one is not learned. */
  if (wl_mac_is_multicast (src))
    return;

  switch (wl_switch_table_learn (sw->table, src, (guint) in_port->index, wl_sim_now (sim),
                                 &old_port))
    {
    case WL_SWITCH_LEARN_NEW:
      switch_note (sw, in_port, WL_NOTE_MAC_LEARNED, src, "port=%s",
                   port_label (in_port, a, sizeof a));
      entry = wl_switch_table_lookup (sw->table, src);
      if (wl_switch_table_get_ageing (sw->table) > 0)
        schedule_ageing (sw, entry, NULL);
      break;
    case WL_SWITCH_LEARN_MOVED:
      switch_note (sw, in_port, WL_NOTE_MAC_MOVED, src, "from=%s to=%s",
                   port_label (sw->parent.ports[old_port], a, sizeof a),
                   port_label (in_port, b, sizeof b));
      entry = wl_switch_table_lookup (sw->table, src);
      break;
    case WL_SWITCH_LEARN_REFRESHED:
      /* Silent: only the last-seen time changed; the pending timer will notice. */
      entry = wl_switch_table_lookup (sw->table, src);
      break;
    case WL_SWITCH_LEARN_FULL:
    default:
      /* Table full: the station is not learned and frames to it will be flooded. */
      return;
    }
  entry->cause = wl_sim_get_cause (sim);
}

/* --- forwarding -------------------------------------------------------------------------- */

/* Sends a copy of frame out of every port but the ingress one, in port order. */
static void
flood (WlSwitch    *sw,
       WlPort      *in_port,
       WlPacket    *frame,
       const WlMac *dst)
{
  WlDevice *dev = &sw->parent;
  const char *reason = wl_mac_is_broadcast (dst)   ? "broadcast"
                       : wl_mac_is_multicast (dst) ? "multicast"
                                                   : "unknown";

  switch_note (sw, in_port, WL_NOTE_FLOODED, dst, "reason=%s", reason);
  for (guint i = 0; i < dev->n_ports; i++)
    {
      WlPort *out = dev->ports[i];

      /* A port with no cable has no segment to flood to: skipping it is not a drop. */
      if (out == in_port || out->link == NULL)
        continue;
      wl_port_send_frame (out, wl_packet_copy (frame));
    }
}

static void
switch_receive (WlDevice *dev,
                WlPort   *in_port,
                WlPacket *frame)
{
  WlSwitch *sw = (WlSwitch *) dev;
  const guint8 *bytes = wl_packet_data (frame);
  WlSwitchEntry *entry;
  WlMac dst, src;
  char a[16];

  /* The port layer only hands over frames with a good FCS, but a runt can still come
   * through a hub: without a whole Ethernet header there is nothing to learn or forward. */
  if (wl_packet_len (frame) < ETH_HEADER_LEN)
    {
      wl_port_drop (in_port, frame, WL_LAYER_DATA_LINK, WL_DROP_MALFORMED, NULL);
      wl_packet_unref (frame);
      return;
    }
  memcpy (dst.b, bytes, 6);
  memcpy (src.b, bytes + 6, 6);

  learn_source (sw, in_port, &src);

  entry = wl_mac_is_multicast (&dst) ? NULL : wl_switch_table_lookup (sw->table, &dst);
  if (entry == NULL)
    flood (sw, in_port, frame, &dst);
  else if (entry->port == (guint) in_port->index)
    {
      g_autofree char *args = NULL;
      char macbuf[18];

      /* Filtering: the destination sits on the segment the frame came from and has heard
       * it already; sending it back would make it arrive twice. */
      args = g_strdup_printf ("mac=%s port=%s", wl_mac_format (&dst, macbuf),
                              port_label (in_port, a, sizeof a));
      wl_port_drop (in_port, frame, WL_LAYER_DATA_LINK, WL_DROP_SAME_PORT, args);
    }
  else
    {
      WlPort *out = dev->ports[entry->port];

      switch_note (sw, out, WL_NOTE_FORWARDED, &dst, "port=%s", port_label (out, a, sizeof a));
      wl_port_send_frame (out, wl_packet_copy (frame));
    }
  wl_packet_unref (frame);
}

static void
switch_finalize (WlDevice *dev)
{
  WlSwitch *sw = (WlSwitch *) dev;

  /* Pending ageing timers hold only a copy of their MAC, which the simulation frees with
   * itself, so the switch and the simulation may be freed in either order (as for every
   * device, the simulation must not run again once a device is gone). */
  g_clear_pointer (&sw->table, wl_switch_table_free);
}

static const WlDeviceClass switch_class = {
  .kind = "switch",
  .layer = WL_LAYER_DATA_LINK,
  .size = sizeof (WlSwitch),
  .receive = switch_receive,
  .finalize = switch_finalize,
};

WlDevice *
wl_switch_new (WlSim             *sim,
               gint               index,
               const WlLabDevice *cfg)
{
  WlDevice *dev;
  WlSwitch *sw;

  g_return_val_if_fail (sim != NULL, NULL);
  g_return_val_if_fail (cfg != NULL, NULL);

  dev = wl_device_new_from_lab (&switch_class, sim, index, cfg);
  sw = (WlSwitch *) dev;
  sw->table = wl_switch_table_new (cfg->mac_ageing, WL_SWITCH_TABLE_DEFAULT_MAX);
  return dev;
}
