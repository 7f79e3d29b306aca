/* wl-trace.h — what the engine reports, and the sink interface that receives it.
 *
 * Every event of a run is one WlTraceEvent: when, what kind, where (device, interface, link),
 * at which protocol and OSI layer, why (the id of the event that caused it, and a code), and
 * for frame events the frame's bytes exactly as they were on the wire, FCS included.
 *
 * The engine never knows what a sink does with an event: the lab store writes it to SQLite
 * (engine/store/wl-recorder.h), tests keep it in memory (WlTraceMemory below).
 *
 * Ids: events are numbered 1, 2, 3 … in emission order within a run; id 0 means "none".
 * Emission order is time order (the simulation never emits into the past).
 * Indices: device is the lab's device index, iface the interface index within that device,
 * link the lab's link index; -1 where not applicable.
 *
 * args: facts as "key=value" pairs separated by single spaces, machine-readable, never
 * prose ("ip=10.0.0.2 mac=02:00:00:00:00:02").  Values contain no spaces.
 */
#pragma once

#include <glib.h>

#include "core/wl-types.h"

G_BEGIN_DECLS

typedef struct
{
  guint64       id;
  WlTime        time;
  WlEventKind   kind;
  gint          device;
  gint          iface;
  gint          link;
  WlProto       proto;
  WlLayer       layer;
  guint64       cause;
  WlCode        code;
  const char   *args;      /* may be NULL */
  const guint8 *frame;     /* may be NULL; frame bytes including the 4-byte FCS */
  gsize         frame_len;
} WlTraceEvent;

typedef struct _WlTraceSink WlTraceSink;

struct _WlTraceSink
{
  /* Called for every event, in order.  The event and its buffers are only valid during
   * the call: copy what you keep. */
  void (*emit) (WlTraceSink *sink, const WlTraceEvent *event);
};

static inline void
wl_trace_sink_emit (WlTraceSink *sink, const WlTraceEvent *event)
{
  if (sink != NULL && sink->emit != NULL)
    sink->emit (sink, event);
}

/* An in-memory sink for tests and tools: keeps a deep copy of every event. */
typedef struct
{
  WlTraceSink parent;
  GArray     *events;  /* of WlTraceEvent, with args and frame owned by the array */
} WlTraceMemory;

WlTraceMemory      *wl_trace_memory_new (void);
void                wl_trace_memory_free (WlTraceMemory *mem);
guint               wl_trace_memory_len (WlTraceMemory *mem);
const WlTraceEvent *wl_trace_memory_get (WlTraceMemory *mem, guint i);
/* Number of events matching kind (WL_EVENT_NONE = any) and code (WL_CODE_NONE = any)
 * and device (-1 = any). */
guint               wl_trace_memory_count (WlTraceMemory *mem, WlEventKind kind, WlCode code,
                                           gint device);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlTraceMemory, wl_trace_memory_free)

G_END_DECLS
