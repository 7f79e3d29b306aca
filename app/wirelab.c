/* wirelab.c — main() of the desktop app.
 *
 *   wirelab                         a window with an empty lab
 *   wirelab LAB.wirelab             the lab file
 *   wirelab data/labs/03-…lab       a lab text, as a new unsaved lab
 *
 * WL_LOCALEDIR overrides where translations are looked for (the build tree's po/ in tests).
 */
#define G_LOG_DOMAIN "wirelab"
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "wl-application.h"
#include "wl-ui.h"

int
main (int argc,
      char **argv)
{
  g_autoptr (WlApplication) app = NULL;
  const char *localedir = g_getenv ("WL_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* the resources live in a static library: register them before anything loads one */
  wl_ui_init ();
  g_set_application_name ("Wirelab");
  app = wl_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
