/* wl-trace.c — the in-memory trace sink. */
#define G_LOG_DOMAIN "wl-trace"
#include "config.h"

#include "wl-trace.h"

static void
memory_emit (WlTraceSink *sink, const WlTraceEvent *event)
{
  WlTraceMemory *mem = (WlTraceMemory *) sink;
  WlTraceEvent copy = *event;

  copy.args = g_strdup (event->args);
  copy.frame = event->frame ? g_memdup2 (event->frame, event->frame_len) : NULL;
  g_array_append_val (mem->events, copy);
}

static void
clear_event (gpointer data)
{
  WlTraceEvent *ev = data;

  g_free ((char *) ev->args);
  g_free ((guint8 *) ev->frame);
}

WlTraceMemory *
wl_trace_memory_new (void)
{
  WlTraceMemory *mem = g_new0 (WlTraceMemory, 1);

  mem->parent.emit = memory_emit;
  mem->events = g_array_new (FALSE, TRUE, sizeof (WlTraceEvent));
  g_array_set_clear_func (mem->events, clear_event);
  return mem;
}

void
wl_trace_memory_free (WlTraceMemory *mem)
{
  if (mem == NULL)
    return;
  g_array_unref (mem->events);
  g_free (mem);
}

guint
wl_trace_memory_len (WlTraceMemory *mem)
{
  return mem->events->len;
}

const WlTraceEvent *
wl_trace_memory_get (WlTraceMemory *mem, guint i)
{
  g_return_val_if_fail (i < mem->events->len, NULL);
  return &g_array_index (mem->events, WlTraceEvent, i);
}

guint
wl_trace_memory_count (WlTraceMemory *mem, WlEventKind kind, WlCode code, gint device)
{
  guint n = 0;

  for (guint i = 0; i < mem->events->len; i++)
    {
      const WlTraceEvent *ev = &g_array_index (mem->events, WlTraceEvent, i);

      if ((kind == WL_EVENT_NONE || ev->kind == kind) && (code == WL_CODE_NONE || ev->code == code)
          && (device < 0 || ev->device == device))
        n++;
    }
  return n;
}
