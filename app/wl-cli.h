/* wl-cli.h — what the wirelab-cli commands share. */
#pragma once

#include <glib.h>

#include "lab/wl-lab.h"
#include "store/wl-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *summary;  /* N_() */
  int       (*run) (int argc, char **argv);
} WlCliCommand;

/* Each returns the process exit status. */
int  wl_cli_new (int argc, char **argv);
int  wl_cli_dump (int argc, char **argv);
int  wl_cli_run (int argc, char **argv);
int  wl_cli_runs (int argc, char **argv);
int  wl_cli_events (int argc, char **argv);
int  wl_cli_export (int argc, char **argv);
int  wl_cli_console (int argc, char **argv);

#define WL_CLI_EXIT_FAILURE 1
#define WL_CLI_EXIT_USAGE 2

/* Prints "wirelab-cli: MESSAGE" on stderr and returns WL_CLI_EXIT_FAILURE. */
int  wl_cli_fail (const char *format, ...) G_GNUC_PRINTF (1, 2);
/* Parses the command's options; on error prints it and returns FALSE.  Leaves the positional
 * arguments in argv; the command name is argv[0]. */
gboolean wl_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int n_positional,
                       const char *usage_args);

/* The newest run when *run_id is 0; fails with a message when there is none. */
gboolean wl_cli_resolve_run (WlStore *store, gint64 *run_id, GError **error);

/* "1.000012345" */
char    *wl_cli_format_time (WlTime t);

G_END_DECLS
