/* wl-cli-common.c — option parsing, errors and formatting shared by the commands. */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <stdio.h>

#include "wl-cli.h"

int
wl_cli_fail (const char *format, ...)
{
  g_autofree char *msg = NULL;
  va_list ap;

  va_start (ap, format);
  msg = g_strdup_vprintf (format, ap);
  va_end (ap);
  fprintf (stderr, "wirelab-cli: %s\n", msg);
  return WL_CLI_EXIT_FAILURE;
}

gboolean
wl_cli_parse (GOptionContext *ctx, int *argc, char ***argv, int n_positional,
              const char *usage_args)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (ctx, argc, argv, &error))
    {
      wl_cli_fail ("%s", error->message);
      return FALSE;
    }
  if (*argc - 1 != n_positional)
    {
      wl_cli_fail (_("expected %s (see --help)"), usage_args);
      return FALSE;
    }
  return TRUE;
}

gboolean
wl_cli_resolve_run (WlStore *store, gint64 *run_id, GError **error)
{
  g_autoptr (GPtrArray) runs = NULL;

  if (*run_id > 0)
    return TRUE;
  runs = wl_store_list_runs (store, error);
  if (runs == NULL)
    return FALSE;
  if (runs->len == 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN,
                   _("“%s” has no recorded run yet (use “wirelab-cli run” first)"),
                   wl_store_get_path (store));
      return FALSE;
    }
  *run_id = ((WlRunInfo *) g_ptr_array_index (runs, runs->len - 1))->id;
  return TRUE;
}

char *
wl_cli_format_time (WlTime t)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%09" G_GUINT64_FORMAT, t / WL_S, t % WL_S);
}
