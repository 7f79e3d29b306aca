/* bench-util.h — running a lab for a benchmark and printing one line of figures. */
#pragma once

#include "lab/wl-lab.h"

/* Runs lab (seed 1) until nothing is left or until `until`, recording into a temporary lab
 * file when record is set, and prints: what, events/s, frames/s, wall time, peak RSS. */
void bench_run (const char *what, WlLab *lab, gboolean record, WlTime until);
/* Gives a device's first interface an address. */
void bench_set_addr (WlLabDevice *dev, guint32 ip, guint prefix);
/* A switch with n ports named p1..pn. */
WlLabDevice *bench_add_switch (WlLab *lab, const char *name, guint n_ports);
