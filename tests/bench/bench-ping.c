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

#include <stdio.h>

#include "bench-util.h"

#define HOSTS_PER_SWITCH 47

static WlLab *
build_lab (guint n, guint k)
{
  WlLab *lab = wl_lab_new ();
  guint n_access = (n + HOSTS_PER_SWITCH - 1) / HOSTS_PER_SWITCH;
  WlLabDevice *server;
  guint core_idx = 0, server_idx = 1, core_port = 0;

  bench_add_switch (lab, "Core", n_access + 1);
  server = wl_lab_add_device (lab, WL_DEVICE_SERVER, "Server");
  bench_set_addr (server, 0x0a000001, 16);
  wl_lab_add_link (lab, "Lsrv", server_idx, 0, core_idx, core_port++);

  for (guint s = 0; s < n_access; s++)
    {
      g_autofree char *sw_name = g_strdup_printf ("Access%u", s + 1);
      g_autofree char *up_name = g_strdup_printf ("Up%u", s + 1);
      guint sw_idx;

      bench_add_switch (lab, sw_name, HOSTS_PER_SWITCH + 1);
      sw_idx = lab->devices->len - 1;
      wl_lab_add_link (lab, up_name, sw_idx, HOSTS_PER_SWITCH, core_idx, core_port++);
      for (guint h = 0; h < HOSTS_PER_SWITCH && s * HOSTS_PER_SWITCH + h < n; h++)
        {
          guint i = s * HOSTS_PER_SWITCH + h;
          g_autofree char *name = g_strdup_printf ("PC%u", i + 1);
          g_autofree char *link = g_strdup_printf ("L%u", i + 1);
          g_autofree char *cmd = g_strdup_printf ("ping -c %u 10.0.0.1", k);
          WlLabDevice *pc = wl_lab_add_device (lab, WL_DEVICE_PC, name);
          guint pc_idx = lab->devices->len - 1;

          bench_set_addr (pc, 0x0a000100 + i + 10, 16);
          wl_lab_add_link (lab, link, pc_idx, 0, sw_idx, h);
          wl_lab_add_action (lab, WL_S + i * WL_MS, pc_idx, cmd);
        }
    }
  return lab;
}

int
main (int argc, char **argv)
{
  g_autoptr (WlLab) lab = NULL;
  g_autofree char *what = NULL;
  guint n, k;

  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-ping N K [--record]\n");
      return 2;
    }
  n = (guint) g_ascii_strtoull (argv[1], NULL, 10);
  k = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  lab = build_lab (n, k);
  what = g_strdup_printf ("ping hosts=%u pings=%u", n, k);
  bench_run (what, lab, argc > 3 && g_str_equal (argv[3], "--record"), WL_TIME_FOREVER);
  return 0;
}
