/* wl-commands.h — the console commands hosts and routers understand, one row per program.
 *
 * A scenario action is a command line.  Its first word picks the program from the table in
 * wl-commands.c; the program's handler parses the rest.  With stack == NULL the handler only
 * checks the line (before a run starts, and when a user types it in the inspector), with the
 * same errors it would give when running it.  Adding a program means adding one row.
 */
#pragma once

#include <glib.h>

#include "proto/wl-stack.h"

G_BEGIN_DECLS

typedef gboolean (*WlCommandFunc) (WlStack    *stack,   /* NULL: check only */
                                   const char *line,    /* as typed */
                                   char      **argv,    /* line split like a shell does */
                                   GError    **error);

typedef struct
{
  const char   *name;   /* first word: "ping" */
  WlCommandFunc func;
} WlCommandInfo;

/* The table, and its length. */
const WlCommandInfo *wl_commands_get (guint *n_commands);

G_END_DECLS
