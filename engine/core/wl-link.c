/* wl-link.c — the cable: serialisation, propagation, the transmit queue and impairments.
 *
 * Timeline of one frame of L bytes sent from side s at time t on a link of bandwidth B:
 *
 *   t                     frame starts onto the wire: FRAME_SENT
 *   t + (8 + L)·8/B       last bit leaves (8 bytes of preamble + SFD go first)
 *   t + (20 + L)·8/B      the interface may start the next frame (12-byte inter-frame gap)
 *   t + (8 + L)·8/B + d   last bit arrives at the other side (+ jitter): FRAME_RECEIVED there
 *
 * Frames of one direction never overtake each other: jitter only delays.
 */
#define G_LOG_DOMAIN "wl-link"
#include "config.h"

#include <math.h>

#include "wl-device.h"
#include "wl-link-private.h"

#define PREAMBLE_BYTES 8
#define IFG_BYTES 12

typedef struct
{
  WlPacket *pkt;
  guint64   cause;
} TxItem;

static void start_tx (WlPort *port, WlPacket *raw);

WlLink *
wl_link_new (WlSim *sim, gint index, WlPort *a, WlPort *b, const WlLinkParams *params)
{
  WlLink *link;

  g_return_val_if_fail (a->link == NULL && b->link == NULL, NULL);
  g_return_val_if_fail (params->bandwidth > 0, NULL);

  link = g_new0 (WlLink, 1);
  link->sim = sim;
  link->index = index;
  link->end[0] = a;
  link->end[1] = b;
  link->params = *params;
  a->link = link;
  a->side = 0;
  b->link = link;
  b->side = 1;
  return link;
}

void
wl_link_free (WlLink *link)
{
  if (link == NULL)
    return;
  for (int i = 0; i < 2; i++)
    if (link->end[i] != NULL && link->end[i]->link == link)
      link->end[i]->link = NULL;
  g_free (link);
}

/* Time to put n bytes on a wire of bps bits per second, rounded up to whole ns. */
static WlTime
byte_time (guint64 bytes, guint64 bps)
{
  guint64 bits = bytes * 8;

  /* bits · 10⁹ overflows only past 2 GB frames; frames are at most 64 kB here. */
  return (bits * G_GUINT64_CONSTANT (1000000000) + bps - 1) / bps;
}

void
_wl_port_clear_queue (WlPort *port)
{
  TxItem *item;

  while ((item = g_queue_pop_head (&port->txq)) != NULL)
    {
      wl_packet_unref (item->pkt);
      g_free (item);
    }
}

void
wl_port_transmit (WlPort *port, WlPacket *raw)
{
  if (port->link == NULL)
    {
      _wl_port_drop_raw (port, raw, WL_LAYER_PHYSICAL, WL_DROP_UNPLUGGED, NULL);
      wl_packet_unref (raw);
      return;
    }
  if (port->busy)
    {
      TxItem *item;

      if (g_queue_get_length (&port->txq) >= WL_PORT_TXQ_MAX)
        {
          _wl_port_drop_raw (port, raw, WL_LAYER_DATA_LINK, WL_DROP_TX_QUEUE_FULL, NULL);
          wl_packet_unref (raw);
          return;
        }
      item = g_new (TxItem, 1);
      item->pkt = raw;
      item->cause = wl_sim_get_cause (port->device->sim);
      g_queue_push_tail (&port->txq, item);
      return;
    }
  start_tx (port, raw);
}

static void
on_tx_done (WlSim *sim, gpointer target, gpointer data)
{
  WlPort *port = target;
  TxItem *item = g_queue_pop_head (&port->txq);

  port->busy = FALSE;
  if (item == NULL)
    return;
  wl_sim_set_cause (sim, item->cause);
  if (port->link == NULL)
    {
      /* The cable was pulled while frames waited: none of them can go. */
      _wl_port_drop_raw (port, item->pkt, WL_LAYER_PHYSICAL, WL_DROP_UNPLUGGED, NULL);
      wl_packet_unref (item->pkt);
      g_free (item);
      while ((item = g_queue_pop_head (&port->txq)) != NULL)
        {
          wl_sim_set_cause (sim, item->cause);
          _wl_port_drop_raw (port, item->pkt, WL_LAYER_PHYSICAL, WL_DROP_UNPLUGGED, NULL);
          wl_packet_unref (item->pkt);
          g_free (item);
        }
      return;
    }
  start_tx (port, item->pkt);
  g_free (item);
}

static void
on_arrival (WlSim *sim, gpointer target, gpointer data)
{
  _wl_port_deliver (target, data);
}

static void
on_lost (WlSim *sim, gpointer target, gpointer data)
{
  WlPort *port = target;
  WlPacket *raw = data;
  WlProto proto;
  WlTraceEvent ev = {
    .kind = WL_EVENT_FRAME_DROPPED, .device = port->device->index, .iface = port->index,
    .link = port->link ? port->link->index : -1, .cause = wl_sim_get_cause (sim),
    .code = WL_DROP_LINK_LOSS, .layer = WL_LAYER_PHYSICAL, .frame = wl_packet_data (raw),
    .frame_len = wl_packet_len (raw),
  };

  _wl_port_event_layer (port, ev.frame, ev.frame_len, TRUE, &proto);
  ev.proto = proto;
  wl_sim_emit (sim, &ev);
  wl_packet_unref (raw);
}

static void
packet_destroy (gpointer data)
{
  wl_packet_unref (data);
}

/* Flips one random bit of the frame: the receiver's FCS check will catch it. */
static void
flip_random_bit (WlSim *sim, WlPacket *pkt)
{
  guint32 bit = wl_sim_random_int (sim, (guint32) wl_packet_len (pkt) * 8);

  wl_packet_data (pkt)[bit / 8] ^= (guint8) (1u << (bit % 8));
}

static void
start_tx (WlPort *port, WlPacket *raw)
{
  WlSim *sim = port->device->sim;
  WlLink *link = port->link;
  const WlLinkParams *lp = &link->params;
  WlPort *peer = link->end[!port->side];
  guint64 prev_cause = wl_sim_get_cause (sim);
  gsize len = wl_packet_len (raw);
  WlTime ser = byte_time (PREAMBLE_BYTES + len, lp->bandwidth);
  WlTime arrival;
  WlPacket *dup = NULL;
  gboolean lost = FALSE;
  gboolean corrupt = FALSE;
  WlProto proto;
  WlTraceEvent ev = {
    .kind = WL_EVENT_FRAME_SENT, .device = port->device->index, .iface = port->index,
    .link = link->index, .cause = prev_cause, .frame = wl_packet_data (raw), .frame_len = len,
  };

  ev.layer = _wl_port_event_layer (port, ev.frame, len, TRUE, &proto);
  ev.proto = proto;
  /* Everything this transmission leads to (arrival, loss) is caused by the sent event. */
  wl_sim_set_cause (sim, wl_sim_emit (sim, &ev));

  port->busy = TRUE;
  wl_sim_schedule (sim, ser + byte_time (IFG_BYTES, lp->bandwidth), on_tx_done, port, NULL, NULL);

  /* Impairments, drawn in a fixed order and only when enabled.  A duplicate is copied from
   * the clean bytes before any bit is flipped. */
  if (lp->loss > 0 && wl_sim_random (sim) < lp->loss)
    lost = TRUE;
  if (!lost && lp->ber > 0 && wl_sim_random (sim) >= pow (1.0 - lp->ber, (double) (len * 8)))
    corrupt = TRUE;
  if (!lost && lp->duplicate > 0 && wl_sim_random (sim) < lp->duplicate)
    dup = wl_packet_copy (raw);
  if (corrupt)
    flip_random_bit (sim, raw);

  arrival = wl_sim_now (sim) + ser + lp->delay;
  if (lp->jitter > 0)
    arrival += (WlTime) (wl_sim_random (sim) * (double) (lp->jitter + 1));
  arrival = MAX (arrival, link->last_arrival[port->side]);
  link->last_arrival[port->side] = arrival;

  if (lost)
    wl_sim_schedule_at (sim, arrival, on_lost, peer, raw, packet_destroy);
  else
    wl_sim_schedule_at (sim, arrival, on_arrival, peer, raw, packet_destroy);
  if (dup != NULL)
    {
      /* The duplicate follows right behind the original, one frame time later. */
      WlTime dup_arrival = arrival + ser;

      link->last_arrival[port->side] = dup_arrival;
      wl_sim_schedule_at (sim, dup_arrival, on_arrival, peer, dup, packet_destroy);
    }
  wl_sim_set_cause (sim, prev_cause);
}
