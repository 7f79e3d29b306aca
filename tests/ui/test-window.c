/* The main window under Xvfb: opening a sample lab and seeing its devices, editing through
 * the window's actions, save → reopen, inspector refusals, and a recorded run. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "doc/wl-lab-document.h"
#include "store/wl-store.h"
#include "ui-test-util.h"

static WlWindow *
open_sample (const char *name)
{
  g_autofree char *path = ui_test_sample (name);
  GtkWindow *window = wl_application_open_path (ui_test_get_app (), path, NULL);

  g_assert_nonnull (window);
  g_assert_true (WL_IS_WINDOW (window));
  ui_test_wait_shown (WL_WINDOW (window));
  return WL_WINDOW (window);
}

static WlLab *
lab_of (WlWindow *window)
{
  return wl_lab_document_get_lab (wl_window_get_document (window));
}

/* The sample opens as a new unsaved lab, titled after the lab, and every device is drawn
 * inside the canvas: its tile has its kind's colour where the canvas says it is. */
static void
test_open_sample (void)
{
  WlWindow *window = open_sample ("03-router-ping.lab");
  WlCanvas *canvas = wl_window_get_canvas (window);
  g_autoptr (GdkTexture) texture = ui_test_render (GTK_WIDGET (canvas));
  WlLab *lab = lab_of (window);
  int w = gtk_widget_get_width (GTK_WIDGET (canvas));
  int h = gtk_widget_get_height (GTK_WIDGET (canvas));

  g_assert_cmpuint (lab->devices->len, ==, 5);
  g_assert_cmpuint (lab->links->len, ==, 4);
  g_assert_null (wl_lab_document_get_path (wl_window_get_document (window)));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Ping across a router"));
  for (guint i = 0; i < lab->devices->len; i++)
    {
      const WlLabDevice *dev = wl_lab_get_device (lab, i);
      static const guint32 colors[WL_DEVICE_KIND_LAST] = {
        [WL_DEVICE_PC] = 0x3584e4,     [WL_DEVICE_SERVER] = 0x9141ac,
        [WL_DEVICE_HUB] = 0xe66100,    [WL_DEVICE_REPEATER] = 0x986a44,
        [WL_DEVICE_SWITCH] = 0x26a269, [WL_DEVICE_ROUTER] = 0xe01b24,
      };
      double x, y;

      g_assert_true (wl_canvas_get_device_position (canvas, i, &x, &y));
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (x, <, w);
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (y, <, h);
      g_assert_cmpint (wl_canvas_device_at (canvas, x, y), ==, (int) i);
      /* a point of the tile away from the white glyph: the tile's top-left inner part */
      g_assert_cmphex (ui_test_pixel (texture, (int) x - 18, (int) y - 10), ==,
                       colors[dev->kind]);
    }
  ui_test_close (window);
}

static void
test_actions_edit_model (void)
{
  GtkWindow *window = wl_application_new_window (ui_test_get_app ());
  WlWindow *win = WL_WINDOW (window);
  WlLabDocument *doc;
  WlLab *lab;

  ui_test_wait_shown (win);
  doc = wl_window_get_document (win);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-device", "(sdd)",
                                             "pc", 100.0, 100.0));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-device", "(sdd)", "switch", 300.0,
                              100.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-device", "(sdd)", "pc", 500.0,
                              100.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", "(uu)", 0, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", "(uu)", 2, 1);
  lab = wl_lab_document_get_lab (doc);
  g_assert_cmpuint (lab->devices->len, ==, 3);
  g_assert_cmpstr (wl_lab_get_device (lab, 2)->name, ==, "PC2");
  g_assert_cmpuint (lab->links->len, ==, 2);
  g_assert_true (wl_lab_document_get_modified (doc));
  g_assert_nonnull (strstr (gtk_window_get_title (window), "•"));

  /* PC1's only port is taken: refused, the model is unchanged */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", "(uu)", 0, 2);
  g_assert_cmpuint (wl_lab_document_get_lab (doc)->links->len, ==, 2);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpuint (wl_lab_document_get_lab (doc)->links->len, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpuint (wl_lab_document_get_lab (doc)->links->len, ==, 2);

  /* select the switch and delete it: its two cables go with it */
  wl_lab_document_select_device (doc, 1, FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.delete", NULL));
  lab = wl_lab_document_get_lab (doc);
  g_assert_cmpuint (lab->devices->len, ==, 2);
  g_assert_cmpuint (lab->links->len, ==, 0);

  /* the palette's tool action, and a click with a device tool places it (snapped) */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.tool", "s", "router");
  g_assert_cmpstr (wl_canvas_get_tool (wl_window_get_canvas (win)), ==, "router");
  g_assert_cmpint (wl_canvas_drop_device (wl_window_get_canvas (win), "router", 200, 200), ==, 2);
  lab = wl_lab_document_get_lab (doc);
  g_assert_cmpfloat (fmod (wl_lab_get_device (lab, 2)->x, WL_CANVAS_GRID), ==, 0);
  ui_test_close (win);
}

static void
test_save_reopen (void)
{
  g_autofree char *dir = ui_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "router.wirelab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLabDocument) reread = NULL;
  g_autoptr (WlLab) saved = NULL;
  WlWindow *window = open_sample ("03-router-ping.lab");
  WlLabDocument *doc = wl_window_get_document (window);
  GtkWindow *again;

  /* what Save As does once the file chooser has given a path */
  g_assert_true (wl_lab_document_save_as (doc, path, &error));
  g_assert_no_error (error);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-device", "(sdd)", "server", 400.0,
                              400.0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.connect", "(uu)", 5, 3);
  g_assert_true (wl_lab_document_set_field (doc, WL_FIELD_IFACE_ADDRESS, 5, 0, "10.0.2.80/24",
                                            NULL));
  g_assert_true (wl_lab_document_get_modified (doc));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (wl_lab_document_get_modified (doc));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  /* saving made it a recent lab, offered in the Open button's menu */
  {
    g_autofree char *uri = g_filename_to_uri (wl_lab_document_get_path (doc), NULL, NULL);

    g_assert_true (gtk_recent_manager_has_item (gtk_recent_manager_get_default (), uri));
  }

  /* one window per lab: opening the file again shows the same window */
  again = wl_application_open_path (ui_test_get_app (), path, NULL);
  g_assert_true (again == GTK_WINDOW (window));

  reread = wl_lab_document_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (wl_lab_document_get_lab (reread), wl_lab_document_get_lab (doc)));
  saved = wl_lab_document_dup_lab (doc);
  ui_test_close (window);

  /* closed, then opened again: a new window with the same topology */
  again = wl_application_open_path (ui_test_get_app (), path, NULL);
  g_assert_nonnull (again);
  ui_test_wait_shown (WL_WINDOW (again));
  g_assert_true (wl_lab_equal (lab_of (WL_WINDOW (again)), saved));
  ui_test_close (WL_WINDOW (again));
  g_remove (path);
  g_rmdir (dir);
}

static void
type_into (WlInspectorField *field,
           const char *text)
{
  GtkEntry *entry = wl_inspector_field_get_entry (field);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
  ui_test_spin (20);
}

static void
test_inspector_refuses (void)
{
  WlWindow *window = open_sample ("03-router-ping.lab");
  WlLabDocument *doc = wl_window_get_document (window);
  WlInspector *inspector = wl_window_get_inspector (window);
  g_autoptr (WlLab) before = NULL;
  WlInspectorField *address, *mac, *mtu;
  const char *const bad[] = { "300.1.1.1/24", "10.0.1.10/33", "10.0.1.10" };

  wl_lab_document_select_device (doc, 0, FALSE); /* PC1 */
  ui_test_spin (50);
  address = wl_inspector_find_field (inspector, WL_FIELD_IFACE_ADDRESS, 0);
  mac = wl_inspector_find_field (inspector, WL_FIELD_IFACE_MAC, 0);
  mtu = wl_inspector_find_field (inspector, WL_FIELD_IFACE_MTU, 0);
  g_assert_nonnull (address);
  g_assert_nonnull (mac);
  g_assert_nonnull (mtu);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wl_inspector_field_get_entry (address))),
                   ==, "10.0.1.10/24");
  before = wl_lab_document_dup_lab (doc);

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      type_into (address, bad[i]);
      g_assert_nonnull (wl_inspector_field_get_error (address));
      g_assert_true (gtk_widget_has_css_class (
        GTK_WIDGET (wl_inspector_field_get_entry (address)), "error"));
      /* the refused text stays for fixing; the model is untouched */
      g_assert_cmpstr (gtk_editable_get_text (
                         GTK_EDITABLE (wl_inspector_field_get_entry (address))), ==, bad[i]);
      g_assert_true (wl_lab_equal (wl_lab_document_get_lab (doc), before));
    }
  g_assert_nonnull (strstr (wl_inspector_field_get_error (address), "prefix"));
  type_into (mac, "02:00:00:00:01");
  g_assert_nonnull (strstr (wl_inspector_field_get_error (mac), "5 octets"));
  type_into (mtu, "20");
  g_assert_nonnull (wl_inspector_field_get_error (mtu));
  g_assert_true (wl_lab_equal (wl_lab_document_get_lab (doc), before));
  g_assert_false (wl_lab_document_can_undo (doc));

  /* a valid value goes in and clears the error */
  type_into (address, "10.0.1.20/24");
  g_assert_null (wl_inspector_field_get_error (address));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (wl_inspector_field_get_entry (address)),
                                            "error"));
  g_assert_cmpuint (((WlLabIface *) g_ptr_array_index (wl_lab_get_device (lab_of (window), 0)
                                                         ->ifaces, 0))->address,
                    ==, (10u << 24) | (1 << 8) | 20);
  /* undo shows the old value again in the field */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  ui_test_spin (20);
  address = wl_inspector_find_field (inspector, WL_FIELD_IFACE_ADDRESS, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (wl_inspector_field_get_entry (address))),
                   ==, "10.0.1.10/24");
  ui_test_close (window);
}

static gboolean
run_finished (gpointer data)
{
  return !wl_window_is_running (data) && wl_window_get_last_run (data) != NULL;
}

static void
test_run_records (void)
{
  g_autofree char *dir = ui_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "run.wirelab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  WlWindow *window = open_sample ("03-router-ping.lab");
  const WlRunInfo *run;

  g_assert_true (wl_lab_document_save_as (wl_window_get_document (window), path, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL));
  g_assert_true (wl_window_is_running (window));
  g_assert_true (ui_test_wait (run_finished, window, 60000));
  g_assert_nonnull (strstr (wl_window_get_last_run (window), "Run 1"));

  store = wl_store_open (path, &error);
  g_assert_no_error (error);
  runs = wl_store_list_runs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpstr (run->status, ==, "complete");
  g_assert_cmpuint (run->frames, >, 0);
  ui_test_close (window);
  g_clear_pointer (&store, wl_store_close);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_open_error (void)
{
  g_autofree char *dir = ui_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bogus.wirelab", NULL);
  g_autofree char *contents = NULL;
  guint before;

  g_assert_true (g_file_set_contents (path, "not a lab at all", -1, NULL));
  before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (ui_test_get_app ())));
  g_assert_null (wl_application_open_path (ui_test_get_app (), path, NULL));
  ui_test_spin (100);
  /* a window for the dialog (there was none) and the dialog itself, naming the file */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

        if (ADW_IS_MESSAGE_DIALOG (w))
          {
            g_assert_nonnull (strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (w)),
                                      "bogus.wirelab"));
            g_assert_nonnull (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (w)));
            gtk_window_destroy (GTK_WINDOW (w));
            before = G_MAXUINT;
          }
      }
  }
  g_assert_cmpuint (before, ==, G_MAXUINT);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "not a lab at all");
  while (gtk_application_get_windows (GTK_APPLICATION (ui_test_get_app ())) != NULL)
    {
      gtk_window_destroy (gtk_application_get_windows (GTK_APPLICATION (ui_test_get_app ()))->data);
      ui_test_spin (20);
    }
  g_remove (path);
  g_rmdir (dir);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) w = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
        return GTK_WINDOW (w);
    }
  return NULL;
}

static void
test_help_and_about (void)
{
  GtkWindow *window = wl_application_new_window (ui_test_get_app ());
  GtkWindow *about;

  ui_test_wait_shown (WL_WINDOW (window));
  /* the shortcuts window comes from gtk/help-overlay.ui in the resources */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_action_group_activate_action (G_ACTION_GROUP (ui_test_get_app ()), "about", NULL);
  ui_test_spin (100);
  about = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  gtk_window_destroy (about);
  ui_test_close (WL_WINDOW (window));
}

static gboolean
window_gone (gpointer data)
{
  return g_list_find (gtk_application_get_windows (GTK_APPLICATION (ui_test_get_app ())), data)
         == NULL;
}

/* Closing with unsaved changes asks; Cancel keeps the window, Discard closes it. */
static void
test_close_confirmation (void)
{
  GtkWindow *window = wl_application_new_window (ui_test_get_app ());
  AdwMessageDialog *dialog;

  ui_test_wait_shown (WL_WINDOW (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-device", "(sdd)", "hub", 0.0, 0.0);
  gtk_window_close (window);
  ui_test_spin (100);
  g_assert_false (window_gone (window));
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  ui_test_spin (100);
  g_assert_false (window_gone (window));
  gtk_window_close (window);
  ui_test_spin (100);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  g_assert_true (ui_test_wait (window_gone, window, 2000));
}

static gboolean
run_stopped (gpointer data)
{
  return !wl_window_is_running (data);
}

/* A long run cancelled at once: the window is free again and the file has no run. */
static void
test_run_cancel (void)
{
  g_autofree char *dir = ui_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "long.wirelab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (GPtrArray) runs = NULL;
  WlWindow *window = open_sample ("03-router-ping.lab");
  WlLabDocument *doc = wl_window_get_document (window);

  g_assert_cmpint (wl_lab_document_add_action (doc, 0, "2s", "ping -c 10000 -i 0.01 10.0.2.10",
                                               &error), >=, 0);
  g_assert_no_error (error);
  g_assert_true (wl_lab_document_save_as (doc, path, &error));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (wl_window_is_running (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-run", NULL);
  g_assert_true (ui_test_wait (run_stopped, window, 60000));
  g_assert_null (wl_window_get_last_run (window));
  store = wl_store_open (path, &error);
  g_assert_no_error (error);
  runs = wl_store_list_runs (store, &error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&store, wl_store_close);
  ui_test_close (window);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
  g_test_add_func ("/ui/window/open-sample", test_open_sample);
  g_test_add_func ("/ui/window/actions-edit-model", test_actions_edit_model);
  g_test_add_func ("/ui/window/save-reopen", test_save_reopen);
  g_test_add_func ("/ui/window/inspector-refuses", test_inspector_refuses);
  g_test_add_func ("/ui/window/run-records", test_run_records);
  g_test_add_func ("/ui/window/open-error", test_open_error);
  g_test_add_func ("/ui/window/help-and-about", test_help_and_about);
  g_test_add_func ("/ui/window/close-confirmation", test_close_confirmation);
  g_test_add_func ("/ui/window/run-cancel", test_run_cancel);
  return g_test_run ();
}
