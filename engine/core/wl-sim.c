/* wl-sim.c — virtual clock, event queue (binary min-heap over a record pool), random numbers,
 * causes and trace emission.  See wl-sim.h for the guarantees.
 *
 * Queue invariants:
 *   - heap[0..heap_len) holds pool indices; the record at heap[i] is not later than its
 *     children heap[2i+1], heap[2i+2] in (time, seq) order.
 *   - a pool record is either in the heap (func may be NULL when cancelled: it is skipped
 *     when it reaches the top) or on the free list.
 *   - a WlTimerId is (generation << 32 | pool index + 1); a slot's generation changes each
 *     time it is reused, so a stale id never cancels someone else's event.
 */
#define G_LOG_DOMAIN "wl-sim"
#include "config.h"

#include <stdarg.h>

#include "wl-sim.h"

typedef struct
{
  WlTime         time;
  guint64        seq;
  WlSimFunc      func;  /* NULL: cancelled */
  gpointer       target;
  gpointer       data;
  GDestroyNotify destroy;
  guint64        cause;
  guint32        generation;
  guint32        next_free;  /* free list link (index + 1), 0 = end */
} QueueRecord;

struct _WlSim
{
  WlTime       now;
  guint64      seed;
  GRand       *rand;
  WlTraceSink *sink;
  guint64      cause;
  guint64      next_event_id;
  guint64      next_seq;
  guint64      events_run;

  QueueRecord *pool;
  guint32      pool_cap;
  guint32      free_head;  /* index + 1, 0 = empty */
  guint32     *heap;
  guint32      heap_len;
  guint32      live;       /* scheduled and not cancelled */
};

WlSim *
wl_sim_new (guint64 seed, WlTraceSink *sink)
{
  WlSim *sim = g_new0 (WlSim, 1);
  guint32 seed_words[2] = { (guint32) seed, (guint32) (seed >> 32) };

  sim->seed = seed;
  sim->rand = g_rand_new_with_seed_array (seed_words, 2);
  sim->sink = sink;
  sim->next_event_id = 1;
  return sim;
}

void
wl_sim_free (WlSim *sim)
{
  if (sim == NULL)
    return;
  for (guint32 i = 0; i < sim->heap_len; i++)
    {
      QueueRecord *r = &sim->pool[sim->heap[i]];

      if (r->func != NULL && r->destroy != NULL)
        r->destroy (r->data);
    }
  g_free (sim->pool);
  g_free (sim->heap);
  g_rand_free (sim->rand);
  g_free (sim);
}

void
wl_sim_set_sink (WlSim *sim, WlTraceSink *sink)
{
  sim->sink = sink;
}

WlTime
wl_sim_now (WlSim *sim)
{
  return sim->now;
}

guint64
wl_sim_get_seed (WlSim *sim)
{
  return sim->seed;
}

double
wl_sim_random (WlSim *sim)
{
  return g_rand_double (sim->rand);
}

guint32
wl_sim_random_int (WlSim *sim, guint32 n)
{
  g_return_val_if_fail (n > 0, 0);
  return g_rand_int_range (sim->rand, 0, (gint32) MIN (n, (guint32) G_MAXINT32));
}

static inline gboolean
record_before (const QueueRecord *a, const QueueRecord *b)
{
  return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

static void
heap_sift_up (WlSim *sim, guint32 i)
{
  guint32 idx = sim->heap[i];

  while (i > 0)
    {
      guint32 parent = (i - 1) / 2;

      if (!record_before (&sim->pool[idx], &sim->pool[sim->heap[parent]]))
        break;
      sim->heap[i] = sim->heap[parent];
      i = parent;
    }
  sim->heap[i] = idx;
}

static void
heap_sift_down (WlSim *sim, guint32 i)
{
  guint32 idx = sim->heap[i];

  for (;;)
    {
      guint32 child = 2 * i + 1;

      if (child >= sim->heap_len)
        break;
      if (child + 1 < sim->heap_len
          && record_before (&sim->pool[sim->heap[child + 1]], &sim->pool[sim->heap[child]]))
        child++;
      if (!record_before (&sim->pool[sim->heap[child]], &sim->pool[idx]))
        break;
      sim->heap[i] = sim->heap[child];
      i = child;
    }
  sim->heap[i] = idx;
}

static guint32
pool_take (WlSim *sim)
{
  guint32 idx;

  if (sim->free_head == 0)
    {
      guint32 old = sim->pool_cap;
      guint32 cap = old ? old * 2 : 256;

      sim->pool = g_renew (QueueRecord, sim->pool, cap);
      sim->heap = g_renew (guint32, sim->heap, cap);
      for (guint32 i = old; i < cap; i++)
        {
          sim->pool[i].generation = 0;
          sim->pool[i].next_free = (i + 1 < cap) ? i + 2 : 0;
        }
      sim->free_head = old + 1;
      sim->pool_cap = cap;
    }
  idx = sim->free_head - 1;
  sim->free_head = sim->pool[idx].next_free;
  return idx;
}

static void
pool_give (WlSim *sim, guint32 idx)
{
  sim->pool[idx].generation++;
  sim->pool[idx].next_free = sim->free_head;
  sim->free_head = idx + 1;
}

WlTimerId
wl_sim_schedule_at (WlSim *sim, WlTime at, WlSimFunc func, gpointer target, gpointer data,
                    GDestroyNotify data_destroy)
{
  guint32 idx;
  QueueRecord *r;

  g_return_val_if_fail (func != NULL, 0);
  g_return_val_if_fail (at >= sim->now, 0);

  idx = pool_take (sim);
  r = &sim->pool[idx];
  r->time = at;
  r->seq = sim->next_seq++;
  r->func = func;
  r->target = target;
  r->data = data;
  r->destroy = data_destroy;
  r->cause = sim->cause;
  sim->heap[sim->heap_len++] = idx;
  heap_sift_up (sim, sim->heap_len - 1);
  sim->live++;
  return (guint64) r->generation << 32 | (idx + 1);
}

WlTimerId
wl_sim_schedule (WlSim *sim, WlTime delay, WlSimFunc func, gpointer target, gpointer data,
                 GDestroyNotify data_destroy)
{
  g_return_val_if_fail (delay <= WL_TIME_FOREVER - sim->now, 0);
  return wl_sim_schedule_at (sim, sim->now + delay, func, target, data, data_destroy);
}

gboolean
wl_sim_cancel (WlSim *sim, WlTimerId id)
{
  guint32 idx = (guint32) (id & 0xffffffffu);
  guint32 generation = (guint32) (id >> 32);
  QueueRecord *r;

  if (idx == 0 || idx > sim->pool_cap)
    return FALSE;
  r = &sim->pool[idx - 1];
  if (r->generation != generation || r->func == NULL)
    return FALSE;
  /* Lazy deletion: the record stays in the heap and is skipped when it reaches the top. */
  r->func = NULL;
  if (r->destroy != NULL)
    r->destroy (r->data);
  r->data = NULL;
  sim->live--;
  return TRUE;
}

static guint32
heap_pop (WlSim *sim)
{
  guint32 top = sim->heap[0];

  sim->heap[0] = sim->heap[--sim->heap_len];
  if (sim->heap_len > 0)
    heap_sift_down (sim, 0);
  return top;
}

WlSimStop
wl_sim_run (WlSim *sim, WlTime until, guint64 max_events)
{
  guint64 ran = 0;

  while (sim->heap_len > 0)
    {
      QueueRecord *r = &sim->pool[sim->heap[0]];
      QueueRecord copy;
      guint32 idx;

      if (r->func == NULL)
        {
          pool_give (sim, heap_pop (sim));
          continue;
        }
      if (r->time > until)
        {
          sim->now = MAX (sim->now, until);
          return WL_SIM_STOP_UNTIL;
        }
      if (max_events != 0 && ran >= max_events)
        return WL_SIM_STOP_BUDGET;

      idx = heap_pop (sim);
      copy = sim->pool[idx];
      /* Free the slot before running: the action may schedule (and grow the pool). */
      pool_give (sim, idx);
      sim->live--;
      sim->now = copy.time;
      sim->cause = copy.cause;
      copy.func (sim, copy.target, copy.data);
      sim->events_run++;
      ran++;
    }
  return WL_SIM_STOP_EMPTY;
}

guint64
wl_sim_get_events_run (WlSim *sim)
{
  return sim->events_run;
}

guint
wl_sim_get_pending (WlSim *sim)
{
  return sim->live;
}

guint64
wl_sim_get_cause (WlSim *sim)
{
  return sim->cause;
}

void
wl_sim_set_cause (WlSim *sim, guint64 cause)
{
  sim->cause = cause;
}

guint64
wl_sim_get_last_event_id (WlSim *sim)
{
  return sim->next_event_id - 1;
}

guint64
wl_sim_emit (WlSim *sim, WlTraceEvent *event)
{
  event->id = sim->next_event_id++;
  event->time = sim->now;
  wl_trace_sink_emit (sim->sink, event);
  return event->id;
}

guint64
wl_sim_note (WlSim *sim, gint device, gint iface, WlProto proto, WlLayer layer, WlCode code,
             const char *args_format, ...)
{
  g_autofree char *args = NULL;
  WlTraceEvent ev = {
    .kind = WL_EVENT_NOTE, .device = device, .iface = iface, .link = -1, .proto = proto,
    .layer = layer, .cause = sim->cause, .code = code,
  };

  if (args_format != NULL)
    {
      va_list ap;

      va_start (ap, args_format);
      args = g_strdup_vprintf (args_format, ap);
      va_end (ap);
    }
  ev.args = args;
  return wl_sim_emit (sim, &ev);
}

guint64
wl_sim_drop (WlSim *sim, gint device, gint iface, WlProto proto, WlLayer layer, WlCode reason,
             const guint8 *bytes, gsize len, const char *args)
{
  WlTraceEvent ev = {
    .kind = WL_EVENT_FRAME_DROPPED, .device = device, .iface = iface, .link = -1,
    .proto = proto, .layer = layer, .cause = sim->cause, .code = reason, .args = args,
    .frame = bytes, .frame_len = bytes ? len : 0,
  };

  return wl_sim_emit (sim, &ev);
}
