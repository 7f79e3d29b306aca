/* wl-window.c — the main window: template, document binding, title, toasts and dialogs. */
#define G_LOG_DOMAIN "wirelab"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wl-window-private.h"

G_DEFINE_FINAL_TYPE (WlWindow, wl_window, ADW_TYPE_APPLICATION_WINDOW)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_TOOL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* "~/labs/x.wirelab" for the subtitle. */
static char *
display_path (const char *path)
{
  const char *home = g_get_home_dir ();
  g_autofree char *dir = g_path_get_dirname (path);

  if (home != NULL && g_str_has_prefix (dir, home)
      && (dir[strlen (home)] == '\0' || dir[strlen (home)] == G_DIR_SEPARATOR))
    return g_strconcat ("~", dir + strlen (home), NULL);
  return g_steal_pointer (&dir);
}

static void
update_title (WlWindow *self)
{
  const char *title = wl_lab_document_get_title (self->doc);
  const char *path = wl_lab_document_get_path (self->doc);
  gboolean modified = wl_lab_document_get_modified (self->doc);
  g_autofree char *shown = modified ? g_strdup_printf ("• %s", title) : g_strdup (title);
  g_autofree char *window = g_strdup_printf ("%s — Wirelab", shown);
  g_autofree char *subtitle = path != NULL ? display_path (path) : g_strdup (_("Not saved"));

  adw_window_title_set_title (self->window_title, shown);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), window);
}

static void
update_zoom_label (WlWindow *self)
{
  double zoom = wl_viewport_get_zoom (wl_canvas_get_viewport (self->canvas));
  g_autofree char *text = g_strdup_printf ("%d%%", (int) (zoom * 100 + 0.5));

  gtk_label_set_text (self->zoom_label, text);
}

static void
on_canvas_message (WlWindow *self,
                   const char *message)
{
  wl_window_toast (self, message);
}

static void
wl_window_dispose (GObject *object)
{
  WlWindow *self = WL_WINDOW (object);

  _wl_window_dispose_run (self);
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_clear_object (&self->doc);
  gtk_widget_dispose_template (GTK_WIDGET (self), WL_TYPE_WINDOW);
  G_OBJECT_CLASS (wl_window_parent_class)->dispose (object);
}

static void
wl_window_finalize (GObject *object)
{
  WlWindow *self = WL_WINDOW (object);

  g_free (self->tool);
  g_free (self->last_run);
  G_OBJECT_CLASS (wl_window_parent_class)->finalize (object);
}

static void
wl_window_get_property (GObject *object,
                        guint prop_id,
                        GValue *value,
                        GParamSpec *pspec)
{
  WlWindow *self = WL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->doc);
      break;
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wl_window_set_property (GObject *object,
                        guint prop_id,
                        const GValue *value,
                        GParamSpec *pspec)
{
  WlWindow *self = WL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      wl_window_set_document (self, g_value_get_object (value));
      break;
    case PROP_TOOL:
      if (g_strcmp0 (self->tool, g_value_get_string (value)) != 0)
        {
          g_free (self->tool);
          self->tool = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wl_window_class_init (WlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = wl_window_dispose;
  object_class->finalize = wl_window_finalize;
  object_class->get_property = wl_window_get_property;
  object_class->set_property = wl_window_set_property;
  window_class->close_request = _wl_window_close_request;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, WL_TYPE_LAB_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOL] = g_param_spec_string ("tool", NULL, NULL, "select",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (WL_TYPE_CANVAS);
  g_type_ensure (WL_TYPE_PALETTE);
  g_type_ensure (WL_TYPE_INSPECTOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/wirelab/Wirelab/ui/wl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, WlWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, vpaned);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, hpaned);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, palette);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, run_box);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, run_progress);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, run_label);
  gtk_widget_class_bind_template_child (widget_class, WlWindow, recent_section);

  _wl_window_class_init_actions (widget_class);
  _wl_window_class_init_file (widget_class);
}

static void
wl_window_init (WlWindow *self)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();

  self->tool = g_strdup ("select");
  gtk_widget_init_template (GTK_WIDGET (self));
  g_object_bind_property (self, "tool", self->canvas, "tool",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (wl_canvas_get_viewport (self->canvas), "notify::zoom",
                           G_CALLBACK (update_zoom_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "message", G_CALLBACK (on_canvas_message), self,
                           G_CONNECT_SWAPPED);
  wl_window_set_document (self, doc);
  _wl_window_update_recent (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (_wl_window_update_recent), self, G_CONNECT_SWAPPED);
}

WlWindow *
wl_window_new (GtkApplication *app)
{
  return g_object_new (WL_TYPE_WINDOW, "application", app, NULL);
}

WlLabDocument *
wl_window_get_document (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), NULL);

  return self->doc;
}

void
wl_window_set_document (WlWindow *self,
                        WlLabDocument *document)
{
  g_return_if_fail (WL_IS_WINDOW (self));
  g_return_if_fail (WL_IS_LAB_DOCUMENT (document));

  if (self->doc == document)
    return;
  if (self->doc != NULL)
    g_signal_handlers_disconnect_by_data (self->doc, self);
  g_set_object (&self->doc, document);
  g_signal_connect_swapped (document, "notify::title", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::path", G_CALLBACK (update_title), self);
  g_signal_connect_swapped (document, "notify::can-undo",
                            G_CALLBACK (_wl_window_update_actions), self);
  g_signal_connect_swapped (document, "notify::can-redo",
                            G_CALLBACK (_wl_window_update_actions), self);
  g_signal_connect_swapped (document, "selection-changed",
                            G_CALLBACK (_wl_window_update_actions), self);
  wl_canvas_set_document (self->canvas, document);
  wl_inspector_set_document (self->inspector, document);
  update_title (self);
  _wl_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

gboolean
wl_window_is_pristine (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), FALSE);

  return wl_lab_document_get_path (self->doc) == NULL
         && !wl_lab_document_get_modified (self->doc)
         && !wl_lab_document_can_undo (self->doc)
         && wl_lab_document_get_lab (self->doc)->devices->len == 0 && !wl_window_is_running (self);
}

WlCanvas *
wl_window_get_canvas (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), NULL);

  return self->canvas;
}

WlInspector *
wl_window_get_inspector (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), NULL);

  return self->inspector;
}

WlPalette *
wl_window_get_palette (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), NULL);

  return self->palette;
}

void
wl_window_toast (WlWindow *self,
                 const char *message)
{
  AdwToast *toast;

  g_return_if_fail (WL_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
wl_window_show_error (WlWindow *self,
                      const char *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (WL_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

const char *
wl_window_get_last_run (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), NULL);

  return self->last_run;
}
