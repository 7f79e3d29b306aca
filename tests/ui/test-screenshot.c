/* Screenshots of the main window for review, in the language of the environment
 * (LANGUAGE=en or zh_CN): $WL_BUILD_DIR/screenshots/wirelab-<name>.png, -editing.png and
 * -refused.png, where <name> is the first argument after the GTest ones. */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ui-test-util.h"

static const char *shot_name = "en";

static char *
shot_path (const char *suffix)
{
  const char *build = g_getenv ("WL_BUILD_DIR");
  g_autofree char *file = g_strdup_printf ("wirelab-%s%s.png", shot_name, suffix);

  return g_build_filename (build != NULL ? build : ".", "screenshots", file, NULL);
}

static void
test_screenshots (void)
{
  g_autofree char *sample = ui_test_sample ("03-router-ping.lab");
  g_autofree char *main_shot = shot_path ("");
  g_autofree char *edit_shot = shot_path ("-editing");
  GtkWindow *window = wl_application_open_path (ui_test_get_app (), sample, NULL);
  WlLabDocument *doc = wl_window_get_document (WL_WINDOW (window));
  int index;

  g_assert_nonnull (window);
  ui_test_wait_shown (WL_WINDOW (window));
  /* the router selected: the inspector shows its interfaces and routes */
  wl_lab_document_select_device (doc, 2, FALSE);
  ui_test_spin (300);
  g_assert_true (ui_test_save_png (GTK_WIDGET (window), main_shot));
  g_test_message ("screenshot: %s", main_shot);

  /* editing: a new server with no cable (a warning badge), a cable selected (its ports) */
  index = wl_lab_document_add_device (doc, WL_DEVICE_SERVER, 560, 340, NULL);
  g_assert_cmpint (index, ==, 5);
  g_assert_true (wl_lab_document_set_field (doc, WL_FIELD_IFACE_ADDRESS, 5, 0, "10.0.2.10/24",
                                            NULL));
  wl_lab_document_select_link (doc, 1, FALSE);
  wl_canvas_zoom_fit (wl_window_get_canvas (WL_WINDOW (window)));
  ui_test_spin (300);
  g_assert_true (ui_test_save_png (GTK_WIDGET (window), edit_shot));
  g_test_message ("screenshot: %s", edit_shot);

  /* a PC with a refused address: the inline explanation */
  {
    g_autofree char *refused_shot = shot_path ("-refused");
    WlInspectorField *field;
    GtkEntry *entry;

    wl_lab_document_select_device (doc, 0, FALSE);
    ui_test_spin (100);
    field = wl_inspector_find_field (wl_window_get_inspector (WL_WINDOW (window)),
                                     WL_FIELD_IFACE_ADDRESS, 0);
    entry = wl_inspector_field_get_entry (field);
    gtk_editable_set_text (GTK_EDITABLE (entry), "300.1.1.1/24");
    g_signal_emit_by_name (entry, "activate");
    ui_test_spin (300);
    g_assert_nonnull (wl_inspector_field_get_error (field));
    g_assert_true (ui_test_save_png (GTK_WIDGET (window), refused_shot));
    g_test_message ("screenshot: %s", refused_shot);
  }
  g_assert_true (g_file_test (main_shot, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (edit_shot, G_FILE_TEST_EXISTS));
  ui_test_close (WL_WINDOW (window));
}

int
main (int argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  if (argc > 1)
    shot_name = argv[1];
  g_test_add_func ("/ui/screenshot", test_screenshots);
  return g_test_run ();
}
