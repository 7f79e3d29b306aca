/* wl-cli-lab.c — "new" and "dump": between lab text and lab file. */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lab/wl-lab-text.h"
#include "wl-cli.h"

int
wl_cli_new (int argc, char **argv)
{
  g_autofree char *from = NULL;
  gboolean force = FALSE;
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (WlStore) store = NULL;
  const GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_FILENAME, &from, N_("Lab text to read"), N_("FILE") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Replace LAB.wirelab if it exists"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("LAB.wirelab — create a lab file"));

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (ctx, _("Creates a lab file from a lab text (see data/labs/ for "
                                       "examples). The file is written whole or not at all."));
  if (!wl_cli_parse (ctx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;
  if (from == NULL)
    return wl_cli_fail (_("missing --from FILE: the lab text to read"));

  lab = wl_lab_text_load (from, &error);
  if (lab == NULL)
    return wl_cli_fail ("%s: %s", from, error->message);
  store = wl_store_create (argv[1], lab, force, &error);
  if (store == NULL)
    return wl_cli_fail ("%s", error->message);
  printf (_("Created %s: %u devices, %u links, %u actions\n"), argv[1], lab->devices->len,
          lab->links->len, lab->actions->len);
  return 0;
}

int
wl_cli_dump (int argc, char **argv)
{
  g_autofree char *output = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autofree char *text = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the lab text to FILE instead of standard output"), N_("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("LAB.wirelab — print as lab text"));

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  if (!wl_cli_parse (ctx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;

  store = wl_store_open (argv[1], &error);
  if (store == NULL)
    return wl_cli_fail ("%s", error->message);
  lab = wl_store_load_lab (store, &error);
  if (lab == NULL)
    return wl_cli_fail ("%s", error->message);
  if (output != NULL)
    {
      if (!wl_lab_text_save (lab, output, &error))
        return wl_cli_fail ("%s", error->message);
      return 0;
    }
  text = wl_lab_text_write (lab);
  fputs (text, stdout);
  return 0;
}
