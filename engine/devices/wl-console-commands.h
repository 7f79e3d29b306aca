/* wl-console-commands.h — `arp`, `route` and `netstat`: console programs of hosts and routers
 * that show a table of the stack as Windows prints it (wl-console-commands.c). */
#pragma once

#include <glib.h>

#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* Rows of wl-commands.c: stack NULL only checks the line, with the errors a run would give. */
gboolean wl_arp_command (WlStack    *stack,
                         const char *line,
                         char      **argv,
                         GError    **error);
gboolean wl_route_command (WlStack    *stack,
                           const char *line,
                           char      **argv,
                           GError    **error);
gboolean wl_netstat_command (WlStack    *stack,
                             const char *line,
                             char      **argv,
                             GError    **error);

G_END_DECLS
