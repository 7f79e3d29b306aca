/* wirelab-cli — run, inspect and export Wirelab labs without a display.
 *
 *   wirelab-cli new LAB.wirelab --from LAB.txt     lab text → lab file
 *   wirelab-cli dump LAB.wirelab                   lab file → lab text
 *   wirelab-cli run LAB.wirelab [--seed N] …       simulate and record a run
 *   wirelab-cli runs LAB.wirelab                   list the recorded runs
 *   wirelab-cli events LAB.wirelab [--run N] …     the event list, or --why ID
 *   wirelab-cli export LAB.wirelab --pcap F …      a run (or part) as pcap
 *   wirelab-cli console LAB.wirelab --device PC1   what PC1's console showed
 */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "wl-cli.h"

static const WlCliCommand commands[] = {
  { "new", N_("Create a lab file from a lab text"), wl_cli_new },
  { "dump", N_("Print a lab file as lab text"), wl_cli_dump },
  { "run", N_("Simulate the lab's scenario and record the run in the lab file"), wl_cli_run },
  { "runs", N_("List the runs recorded in a lab file"), wl_cli_runs },
  { "events", N_("Print the events of a run, or why one happened"), wl_cli_events },
  { "export", N_("Export the frames of a run to a pcap file"), wl_cli_export },
  { "console", N_("Print what a device's console showed during a run"), wl_cli_console },
};

static void
print_usage (FILE *out)
{
  fprintf (out, _("Usage: wirelab-cli COMMAND [OPTION…]\n\nCommands:\n"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-8s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “wirelab-cli COMMAND --help” for the options of a command.\n"));
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("WL_LOCALEDIR"); /* uninstalled runs and tests */

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("wirelab-cli");

  if (argc < 2)
    {
      print_usage (stderr);
      return WL_CLI_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")
      || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("wirelab-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc - 1, argv + 1);

  fprintf (stderr, _("wirelab-cli: unknown command “%s”\n"), argv[1]);
  print_usage (stderr);
  return WL_CLI_EXIT_USAGE;
}
