/* bench-util.c — see bench-util.h. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "bench-util.h"
#include "devices/wl-network.h"
#include "lab/wl-lab-text.h"
#include "store/wl-recorder.h"

typedef struct
{
  WlTraceSink parent;
  guint64     events, frames;
} CountSink;

static void
count_emit (WlTraceSink *sink, const WlTraceEvent *ev)
{
  CountSink *c = (CountSink *) sink;

  c->events++;
  c->frames += ev->kind == WL_EVENT_FRAME_SENT;
}

void
bench_set_addr (WlLabDevice *dev, guint32 ip, guint prefix)
{
  WlLabIface *iface = g_ptr_array_index (dev->ifaces, 0);

  iface->address = ip;
  iface->prefix = prefix;
}

WlLabDevice *
bench_add_switch (WlLab *lab, const char *name, guint n_ports)
{
  WlLabDevice *sw = wl_lab_add_device (lab, WL_DEVICE_SWITCH, name);

  g_ptr_array_set_size (sw->ifaces, 0);
  for (guint p = 0; p < n_ports; p++)
    {
      g_autofree char *port = g_strdup_printf ("p%u", p + 1);

      wl_lab_device_add_iface (sw, port);
    }
  return sw;
}

static glong
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

void
bench_run (const char *what, WlLab *lab, gboolean record, WlTime until)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WlNetwork) net = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autofree char *dir = NULL, *path = NULL, *text = NULL;
  WlRecorder *rec = NULL;
  CountSink count = { { count_emit }, 0, 0 };
  guint64 events, frames;
  gint64 t0, t1;
  double secs;

  if (!wl_lab_validate (lab, &error))
    g_error ("%s", error->message);
  if (record)
    {
      dir = g_dir_make_tmp ("wirelab-bench-XXXXXX", &error);
      path = g_build_filename (dir, "bench.wirelab", NULL);
      store = wl_store_create (path, lab, FALSE, &error);
      g_assert_no_error (error);
      text = wl_lab_text_write (lab);
      rec = wl_recorder_new (store, 1, text, &error);
      g_assert_no_error (error);
    }

  t0 = g_get_monotonic_time ();
  net = wl_network_new (lab, 1, record ? wl_recorder_get_sink (rec) : &count.parent, &error);
  g_assert_no_error (error);
  wl_network_run (net, until, 0);
  if (record)
    {
      WlRunInfo info = { 0 };

      wl_recorder_finish (rec, wl_sim_now (wl_network_get_sim (net)), "complete", &error);
      g_assert_no_error (error);
      wl_store_get_run (store, wl_recorder_get_run_id (rec), &info, &error);
      events = info.events;
      frames = info.frames;
      wl_run_info_clear (&info);
    }
  else
    {
      events = count.events;
      frames = count.frames;
    }
  t1 = g_get_monotonic_time ();
  secs = (double) (t1 - t0) / 1e6;
  printf ("%s record=%s sim_events=%" G_GUINT64_FORMAT " trace_events=%" G_GUINT64_FORMAT
          " frames=%" G_GUINT64_FORMAT " wall=%.3fs events/s=%.0f frames/s=%.0f peak_rss=%ldkB\n",
          what, record ? "on" : "off", wl_sim_get_events_run (wl_network_get_sim (net)), events,
          frames, secs, (double) events / secs, (double) frames / secs, peak_rss_kb ());
  if (record)
    {
      wl_recorder_free (rec);
      g_clear_pointer (&store, wl_store_close);
      g_remove (path);
      g_rmdir (dir);
    }
}
