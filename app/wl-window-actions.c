/* wl-window-actions.c — the window's GActions ("win.*"), installed on the widget class.
 *
 *   win.open  win.open-recent(s)  win.save  win.save-as       files (wl-window-file.c)
 *   win.run  win.cancel-run                                   runs (wl-window-run.c)
 *   win.undo  win.redo  win.delete  win.select-all            editing
 *   win.zoom-in  win.zoom-out  win.zoom-reset  win.zoom-fit   the canvas view
 *   win.tool(s)                                               palette tool, a property action
 *   win.add-device((sdd))  win.connect((uu))                  editing by name, for scripts and
 *                                                             tests: kind, x, y / two devices
 * Accelerators are set by the application (wl-application.c) so the shortcuts window and
 * menus show them.
 */
#define G_LOG_DOMAIN "wirelab"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-window-private.h"

static void
undo_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  WlWindow *self = WL_WINDOW (widget);
  g_autofree char *label = g_strdup (wl_lab_document_get_undo_label (self->doc));

  if (wl_lab_document_undo (self->doc) && label != NULL)
    {
      /* Translators: a toast after undoing, "Undone: Add PC1" */
      g_autofree char *text = g_strdup_printf (_("Undone: %s"), label);

      wl_window_toast (self, text);
    }
}

static void
redo_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  wl_lab_document_redo (WL_WINDOW (widget)->doc);
}

static void
delete_action (GtkWidget *widget,
               const char *name,
               GVariant *param)
{
  WlWindow *self = WL_WINDOW (widget);
  g_autoptr (GError) error = NULL;

  if (!wl_lab_document_delete_selection (self->doc, &error) && error != NULL)
    wl_window_toast (self, error->message);
}

static void
select_all_action (GtkWidget *widget,
                   const char *name,
                   GVariant *param)
{
  wl_lab_document_select_all (WL_WINDOW (widget)->doc);
}

static void
zoom_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  WlCanvas *canvas = WL_WINDOW (widget)->canvas;

  if (g_str_equal (name, "win.zoom-in"))
    wl_canvas_zoom_in (canvas);
  else if (g_str_equal (name, "win.zoom-out"))
    wl_canvas_zoom_out (canvas);
  else if (g_str_equal (name, "win.zoom-reset"))
    wl_canvas_zoom_reset (canvas);
  else
    wl_canvas_zoom_fit (canvas);
}

static void
add_device_action (GtkWidget *widget,
                   const char *name,
                   GVariant *param)
{
  WlWindow *self = WL_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  const char *kind_name;
  WlDeviceKind kind;
  double x, y;

  g_variant_get (param, "(&sdd)", &kind_name, &x, &y);
  if (!wl_device_kind_from_string (kind_name, &kind))
    {
      g_warning ("win.add-device: “%s” is not a device kind", kind_name);
      return;
    }
  if (wl_lab_document_add_device (self->doc, kind, x, y, &error) < 0)
    wl_window_toast (self, error->message);
}

static void
connect_action (GtkWidget *widget,
                const char *name,
                GVariant *param)
{
  WlWindow *self = WL_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  guint a, b;

  g_variant_get (param, "(uu)", &a, &b);
  if (wl_lab_document_connect (self->doc, a, b, &error) < 0)
    wl_window_toast (self, error->message);
}

static void
run_action (GtkWidget *widget,
            const char *name,
            GVariant *param)
{
  wl_window_run (WL_WINDOW (widget));
}

static void
cancel_run_action (GtkWidget *widget,
                   const char *name,
                   GVariant *param)
{
  _wl_window_cancel_run (WL_WINDOW (widget));
}

void
_wl_window_update_actions (WlWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean running = wl_window_is_running (self);
  gboolean selection = wl_lab_document_get_selected_devices (self->doc)->len
                       + wl_lab_document_get_selected_links (self->doc)->len > 0;

  gtk_widget_action_set_enabled (widget, "win.undo", wl_lab_document_can_undo (self->doc));
  gtk_widget_action_set_enabled (widget, "win.redo", wl_lab_document_can_redo (self->doc));
  gtk_widget_action_set_enabled (widget, "win.delete", selection);
  /* the recorder holds the lab file while a run is recorded into it */
  gtk_widget_action_set_enabled (widget, "win.save", !running);
  gtk_widget_action_set_enabled (widget, "win.save-as", !running);
  gtk_widget_action_set_enabled (widget, "win.run", !running);
  gtk_widget_action_set_enabled (widget, "win.cancel-run", running);
}

void
_wl_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.add-device", "(sdd)", add_device_action);
  gtk_widget_class_install_action (widget_class, "win.connect", "(uu)", connect_action);
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-run", NULL, cancel_run_action);
  gtk_widget_class_install_property_action (widget_class, "win.tool", "tool");
}
