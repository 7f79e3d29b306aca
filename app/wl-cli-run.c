/* wl-cli-run.c — "run" (simulate and record) and "runs" (list what was recorded). */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "devices/wl-network.h"
#include "lab/wl-lab-text.h"
#include "store/wl-recorder.h"
#include "wl-cli.h"

#define DEFAULT_MAX_EVENTS G_GUINT64_CONSTANT (2000000)

static const char *
stop_status (WlSimStop stop)
{
  switch (stop)
    {
    case WL_SIM_STOP_EMPTY:
      return "complete";
    case WL_SIM_STOP_UNTIL:
      return "incomplete"; /* stopped at --until with work still queued */
    case WL_SIM_STOP_BUDGET:
    default:
      return "budget";
    }
}

static const char *
status_label (const char *status)
{
  /* Translators: how a run ended: nothing was left to do */
  if (g_strcmp0 (status, "complete") == 0)
    return _("complete");
  /* Translators: how a run ended: it reached its event budget (--max-events) */
  if (g_strcmp0 (status, "budget") == 0)
    return _("budget");
  /* Translators: how a run ended: stopped at --until with work still to do */
  return _("incomplete");
}

static void
print_run (const WlRunInfo *r, gboolean with_status)
{
  g_autofree char *end = wl_cli_format_time (r->end_time);

  printf (_("Run %lld: seed %llu, %llu events, %llu frames sent, %llu dropped, ended at %s s"),
          (long long) r->id, (unsigned long long) r->seed, (unsigned long long) r->events,
          (unsigned long long) r->frames, (unsigned long long) r->drops, end);
  if (with_status)
    printf (" (%s)", status_label (r->status));
  printf ("\n");
}

int
wl_cli_run (int argc, char **argv)
{
  g_autofree char *seed_text = NULL, *until_text = NULL;
  gint64 max_events = (gint64) DEFAULT_MAX_EVENTS;
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (WlNetwork) net = NULL;
  g_autofree char *lab_text = NULL;
  WlRecorder *rec;
  WlTime until = WL_TIME_FOREVER;
  guint64 seed;
  WlSimStop stop;
  WlRunInfo info = { 0 };
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("Seed for the run's random numbers (default: the lab's)"), N_("N") },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until_text,
      N_("Stop at this simulated time (e.g. 10s, 250ms)"), N_("TIME") },
    { "max-events", 0, 0, G_OPTION_ARG_INT64, &max_events,
      N_("Stop after this many events (default 2000000)"), N_("N") },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("LAB.wirelab — simulate and record"));

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!wl_cli_parse (ctx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;
  if (until_text != NULL && !wl_parse_time (until_text, &until))
    return wl_cli_fail (_("--until: “%s” is not a time (examples: 10s, 250ms)"), until_text);
  if (max_events <= 0)
    return wl_cli_fail (_("--max-events: must be a positive number"));

  store = wl_store_open (argv[1], &error);
  if (store == NULL)
    return wl_cli_fail ("%s", error->message);
  lab = wl_store_load_lab (store, &error);
  if (lab == NULL)
    return wl_cli_fail ("%s", error->message);
  seed = lab->seed;
  if (seed_text != NULL && !g_ascii_string_to_unsigned (seed_text, 10, 0, G_MAXUINT64, &seed, NULL))
    return wl_cli_fail (_("--seed: “%s” is not a whole number"), seed_text);

  /* Build the network first: a lab whose scenario cannot run is refused before anything is
   * written to the file. */
  net = wl_network_new (lab, seed, NULL, &error);
  if (net == NULL)
    return wl_cli_fail ("%s", error->message);
  lab_text = wl_lab_text_write (lab);
  rec = wl_recorder_new (store, seed, lab_text, &error);
  if (rec == NULL)
    return wl_cli_fail ("%s", error->message);
  wl_sim_set_sink (wl_network_get_sim (net), wl_recorder_get_sink (rec));
  stop = wl_network_run (net, until, (guint64) max_events);
  if (stop == WL_SIM_STOP_BUDGET)
    wl_sim_note (wl_network_get_sim (net), -1, -1, WL_PROTO_NONE, WL_LAYER_NONE,
                 WL_NOTE_RUN_BUDGET, "max_events=%" G_GINT64_FORMAT, max_events);
  if (!wl_recorder_finish (rec, wl_sim_now (wl_network_get_sim (net)), stop_status (stop), &error)
      || !wl_store_get_run (store, wl_recorder_get_run_id (rec), &info, &error))
    {
      wl_recorder_free (rec);
      return wl_cli_fail ("%s", error->message);
    }
  print_run (&info, FALSE);
  if (stop == WL_SIM_STOP_BUDGET)
    fprintf (stderr, _("wirelab-cli: the run stopped after %lld events (--max-events); what was "
                       "recorded so far is kept\n"),
             (long long) max_events);
  wl_run_info_clear (&info);
  wl_recorder_free (rec);
  return 0;
}

int
wl_cli_runs (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("LAB.wirelab — list the runs"));

  if (!wl_cli_parse (ctx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;
  store = wl_store_open (argv[1], &error);
  if (store == NULL)
    return wl_cli_fail ("%s", error->message);
  runs = wl_store_list_runs (store, &error);
  if (runs == NULL)
    return wl_cli_fail ("%s", error->message);
  for (guint i = 0; i < runs->len; i++)
    {
      const WlRunInfo *r = g_ptr_array_index (runs, i);
      print_run (r, TRUE);
    }
  return 0;
}
