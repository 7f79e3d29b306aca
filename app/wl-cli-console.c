/* wl-cli-console.c — "console": what a device's console showed during a run: each command
 * typed (a scenario action) and what it printed. */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "describe/wl-describe.h"
#include "lab/wl-lab-text.h"
#include "wl-cli.h"

typedef struct
{
  const char *device;
  gboolean    with_times;
} ConsoleContext;

/* Programs that report by notes (ping, traceroute) are shown in the words of the event list;
 * programs that print (ipconfig, nslookup, nc …) are shown as they printed. */
static gboolean
is_program_note (WlCode code)
{
  switch ((int) code)
    {
    case WL_NOTE_PING_REPLY:
    case WL_NOTE_PING_TIMEOUT:
    case WL_NOTE_PING_ERROR:
    case WL_NOTE_TRACE_HOP:
    case WL_NOTE_TRACE_TIMEOUT:
    case WL_NOTE_TRACE_DONE:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
on_event (const WlTraceEvent *ev, gpointer user_data)
{
  ConsoleContext *ctx = user_data;
  g_autofree char *time = ctx->with_times ? wl_cli_format_time (ev->time) : NULL;
  const char *prefix = time ? time : "";
  const char *sep = time ? "  " : "";

  if (ev->kind == WL_EVENT_ACTION)
    printf ("%s%s%s> %s\n", prefix, sep, ctx->device, ev->args ? ev->args : "");
  else if (ev->kind == WL_EVENT_NOTE && ev->code == WL_NOTE_CONSOLE)
    printf ("%s%s%s\n", prefix, sep, ev->args ? ev->args : "");
  else if (ev->kind == WL_EVENT_NOTE && is_program_note (ev->code))
    {
      g_autofree char *line = wl_describe_event (ev);

      printf ("%s%s%s\n", prefix, sep, line);
    }
  return TRUE;
}

int
wl_cli_console (int argc, char **argv)
{
  gint64 run_id = 0;
  gboolean times = FALSE;
  g_autofree char *device = NULL, *lab_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (WlLab) lab = NULL;
  WlEventFilter filter = WL_EVENT_FILTER_INIT;
  ConsoleContext ctx = { 0 };
  const GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run_id, N_("Run number (default: the newest)"),
      N_("N") },
    { "device", 'd', 0, G_OPTION_ARG_STRING, &device, N_("The device whose console to show"),
      N_("NAME") },
    { "times", 't', 0, G_OPTION_ARG_NONE, &times, N_("Start each line with its simulated time"),
      NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) octx = g_option_context_new (_("LAB.wirelab — a device's console"));

  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (octx, _("Prints the commands a device ran in a run, each after "
                                        "a prompt, and what they printed."));
  if (!wl_cli_parse (octx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;
  if (device == NULL)
    return wl_cli_fail (_("missing --device NAME: whose console to show"));

  store = wl_store_open (argv[1], &error);
  if (store == NULL || !wl_cli_resolve_run (store, &run_id, &error))
    return wl_cli_fail ("%s", error->message);
  lab_text = wl_store_dup_run_lab_text (store, run_id, &error);
  if (lab_text == NULL || (lab = wl_lab_text_parse (lab_text, -1, &error)) == NULL)
    return wl_cli_fail ("%s", error->message);
  if ((filter.device = wl_lab_find_device (lab, device)) < 0)
    return wl_cli_fail (_("--device: run %lld has no device “%s”"), (long long) run_id, device);
  filter.kinds = WL_EVENT_KIND_BIT (WL_EVENT_ACTION) | WL_EVENT_KIND_BIT (WL_EVENT_NOTE);
  ctx.device = device;
  ctx.with_times = times;
  if (!wl_store_foreach_event (store, run_id, &filter, on_event, &ctx, &error))
    return wl_cli_fail ("%s", error->message);
  return 0;
}
