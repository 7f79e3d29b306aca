/* wl-tcp-apps.h — TCP test programs of the host console (wl-tcp-apps.c). */
#pragma once

#include <glib.h>

#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* The byte nc sends at offset i of its stream (so that the sink can check what arrived). */
guint8   wl_nc_pattern (guint64 offset);

/* "nc": a row of wl-commands.c (stack NULL: only checks the line). */
gboolean wl_nc_command (WlStack    *stack,
                        const char *line,
                        char      **argv,
                        GError    **error);

G_END_DECLS
