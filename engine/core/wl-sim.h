/* wl-sim.h — the discrete-event simulation core: virtual clock, event queue, seeded random
 * numbers, the cause of what is happening now, and the trace sink.
 *
 * Determinism: queued events run in (time, insertion sequence) order, so events scheduled for
 * the same nanosecond run in the order they were scheduled.  All randomness comes from the
 * simulation's own generator (GRand, Mersenne Twister, seeded with the run's seed) and is
 * drawn in a fixed order.  The same lab and seed therefore give the same trace, byte for byte.
 *
 * Causality: every queued event remembers the trace event id that was current when it was
 * scheduled (its cause).  When it runs, that id becomes current again, so whatever it emits
 * names its cause.  Code that emits an event which explains what follows (an ARP miss before
 * the ARP request) makes that event current with wl_sim_set_cause().
 *
 * Memory: queue records live in a pool that grows by doubling and is reused through a free
 * list; the heap holds pool indices.  Scheduling allocates nothing once the pool is warm.
 */
#pragma once

#include <glib.h>

#include "core/wl-trace.h"
#include "core/wl-types.h"

G_BEGIN_DECLS

typedef struct _WlSim WlSim;

/* A queued event's action.  It owns data from here on (the destroy notify given at scheduling
 * is only called when the event is cancelled or discarded without running). */
typedef void (*WlSimFunc) (WlSim *sim, gpointer target, gpointer data);

/* Identifies a scheduled event for wl_sim_cancel(); 0 is never a valid id. */
typedef guint64 WlTimerId;

typedef enum
{
  WL_SIM_STOP_EMPTY,   /* nothing left to do */
  WL_SIM_STOP_UNTIL,   /* reached the time limit */
  WL_SIM_STOP_BUDGET,  /* ran the maximum number of events */
} WlSimStop;

WlSim     *wl_sim_new (guint64 seed, WlTraceSink *sink);
/* Discards queued events (calling their destroy notifies) and frees the simulation. */
void       wl_sim_free (WlSim *sim);

/* Where events go from now on (NULL: nowhere). */
void       wl_sim_set_sink (WlSim *sim, WlTraceSink *sink);
WlTime     wl_sim_now (WlSim *sim);
guint64    wl_sim_get_seed (WlSim *sim);

/* Uniform double in [0, 1) and integer in [0, n) from the simulation's generator. */
double     wl_sim_random (WlSim *sim);
guint32    wl_sim_random_int (WlSim *sim, guint32 n);

WlTimerId  wl_sim_schedule (WlSim *sim, WlTime delay, WlSimFunc func, gpointer target,
                            gpointer data, GDestroyNotify data_destroy);
WlTimerId  wl_sim_schedule_at (WlSim *sim, WlTime at, WlSimFunc func, gpointer target,
                               gpointer data, GDestroyNotify data_destroy);
/* Cancels a pending event; returns FALSE when it already ran or was cancelled. */
gboolean   wl_sim_cancel (WlSim *sim, WlTimerId id);

/* Runs events until the queue is empty, the next event is later than until, or max_events
 * events have run (0 = no budget).  The clock ends at the last event run (or at until when
 * stopped by time). */
WlSimStop  wl_sim_run (WlSim *sim, WlTime until, guint64 max_events);
guint64    wl_sim_get_events_run (WlSim *sim);
guint      wl_sim_get_pending (WlSim *sim);

/* The trace event that explains what runs now (0 = none). */
guint64    wl_sim_get_cause (WlSim *sim);
void       wl_sim_set_cause (WlSim *sim, guint64 cause);

/* Sends an event to the sink: fills in id and time (now) and returns the id.  The event's
 * cause is taken as given; callers usually pass wl_sim_get_cause(). */
guint64    wl_sim_emit (WlSim *sim, WlTraceEvent *event);
/* Emits a WL_EVENT_NOTE caused by the current cause; args is a printf format producing
 * "key=value key=value" facts (or NULL).  Returns the note's id. */
guint64    wl_sim_note (WlSim *sim, gint device, gint iface, WlProto proto, WlLayer layer,
                        WlCode code, const char *args_format, ...) G_GNUC_PRINTF (7, 8);
/* Emits a WL_EVENT_FRAME_DROPPED that no port is involved in.  bytes, when not NULL, must be
 * a whole Ethernet frame with its FCS, like every frame in the trace; devices that hold the
 * received frame use wl_port_drop() instead, which does that for them. */
guint64    wl_sim_drop (WlSim *sim, gint device, gint iface, WlProto proto, WlLayer layer,
                        WlCode reason, const guint8 *bytes, gsize len, const char *args);
guint64    wl_sim_get_last_event_id (WlSim *sim);

G_END_DECLS
