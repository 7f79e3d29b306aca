/* bench-ping — how fast the engine simulates, with and without recording.
 *
 *   bench-ping N K [--record]
 *
 * Builds N hosts behind access switches (47 hosts each) joined by a core switch, plus one
 * server; every host pings the server K times (1 s apart, starts staggered by 1 ms).  Prints
 * one line of figures: events/s, frames/s, wall time, peak RSS.  Not a test: nothing here
 * asserts a time.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>

#include "devices/wl-network.h"
#include "lab/wl-lab-text.h"
#include "store/wl-recorder.h"

#define HOSTS_PER_SWITCH 47

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

static void
set_addr (WlLabDevice *dev, guint32 ip)
{
  WlLabIface *iface = g_ptr_array_index (dev->ifaces, 0);

  iface->address = ip;
  iface->prefix = 16;
}

static WlLab *
build_lab (guint n, guint k)
{
  WlLab *lab = wl_lab_new ();
  guint n_access = (n + HOSTS_PER_SWITCH - 1) / HOSTS_PER_SWITCH;
  WlLabDevice *core = wl_lab_add_device (lab, WL_DEVICE_SWITCH, "Core");
  WlLabDevice *server = wl_lab_add_device (lab, WL_DEVICE_SERVER, "Server");
  guint core_idx = 0, server_idx = 1, core_port = 0;

  g_ptr_array_set_size (core->ifaces, 0);
  for (guint p = 0; p < n_access + 1; p++)
    {
      g_autofree char *name = g_strdup_printf ("p%u", p + 1);

      wl_lab_device_add_iface (core, name);
    }
  set_addr (server, 0x0a000001);
  wl_lab_add_link (lab, "Lsrv", server_idx, 0, core_idx, core_port++);

  for (guint s = 0; s < n_access; s++)
    {
      g_autofree char *sw_name = g_strdup_printf ("Access%u", s + 1);
      g_autofree char *up_name = g_strdup_printf ("Up%u", s + 1);
      WlLabDevice *sw = wl_lab_add_device (lab, WL_DEVICE_SWITCH, sw_name);
      guint sw_idx = lab->devices->len - 1;

      g_ptr_array_set_size (sw->ifaces, 0);
      for (guint p = 0; p < HOSTS_PER_SWITCH + 1; p++)
        {
          g_autofree char *name = g_strdup_printf ("p%u", p + 1);

          wl_lab_device_add_iface (sw, name);
        }
      wl_lab_add_link (lab, up_name, sw_idx, HOSTS_PER_SWITCH, core_idx, core_port++);
      for (guint h = 0; h < HOSTS_PER_SWITCH && s * HOSTS_PER_SWITCH + h < n; h++)
        {
          guint i = s * HOSTS_PER_SWITCH + h;
          g_autofree char *name = g_strdup_printf ("PC%u", i + 1);
          g_autofree char *link = g_strdup_printf ("L%u", i + 1);
          g_autofree char *cmd = g_strdup_printf ("ping -c %u 10.0.0.1", k);
          WlLabDevice *pc = wl_lab_add_device (lab, WL_DEVICE_PC, name);
          guint pc_idx = lab->devices->len - 1;

          set_addr (pc, 0x0a000100 + i + 10);
          wl_lab_add_link (lab, link, pc_idx, 0, sw_idx, h);
          wl_lab_add_action (lab, WL_S + i * WL_MS, pc_idx, cmd);
        }
    }
  return lab;
}

static glong
peak_rss_kb (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (WlNetwork) net = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autofree char *dir = NULL, *path = NULL, *text = NULL;
  WlRecorder *rec = NULL;
  CountSink count = { { count_emit }, 0, 0 };
  gboolean record;
  guint n, k;
  gint64 t0, t1;
  double secs;
  guint64 events, frames;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-ping N K [--record]\n");
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  k = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  record = argc > 3 && g_str_equal (argv[3], "--record");
  lab = build_lab (n, k);
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
  wl_network_run (net, WL_TIME_FOREVER, 0);
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
  printf ("hosts=%u pings=%u record=%s sim_events=%" G_GUINT64_FORMAT " trace_events=%"
          G_GUINT64_FORMAT " frames=%" G_GUINT64_FORMAT
          " wall=%.3fs events/s=%.0f frames/s=%.0f peak_rss=%ldkB\n",
          n, k, record ? "on" : "off", wl_sim_get_events_run (wl_network_get_sim (net)),
          events, frames, secs, (double) events / secs, (double) frames / secs, peak_rss_kb ());
  if (record)
    {
      wl_recorder_free (rec);
      g_clear_pointer (&store, wl_store_close);
      g_remove (path);
      g_rmdir (dir);
    }
  return 0;
}
