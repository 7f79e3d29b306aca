/* wl-inspector.c — the inspector pane: choosing the page, rebuilding or refreshing it.
 *
 * Pages are built from the document when what they show changes shape (another selection,
 * an interface or route more or less, a cable plugged); when only values change (an undo,
 * an edit in another field) the existing fields re-read their values, so the entry being
 * typed in keeps its focus.  The shape is a string: equal strings, same widgets.
 */
#define G_LOG_DOMAIN "wl-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-inspector-private.h"

G_DEFINE_FINAL_TYPE (WlInspector, wl_inspector, GTK_TYPE_WIDGET)

static char *
current_shape (WlInspector *self)
{
  GArray *devices, *links;
  WlLab *lab;

  if (self->doc == NULL)
    return g_strdup ("none");
  devices = wl_lab_document_get_selected_devices (self->doc);
  links = wl_lab_document_get_selected_links (self->doc);
  lab = wl_lab_document_get_lab (self->doc);
  if (devices->len == 1 && links->len == 0)
    return _wl_inspector_device_shape (self, g_array_index (devices, guint, 0));
  if (devices->len == 0 && links->len == 1)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, g_array_index (links, guint, 0));

      return g_strdup_printf ("link %u %s %u:%u %u:%u", g_array_index (links, guint, 0),
                              link->name, link->dev_a, link->if_a, link->dev_b, link->if_b);
    }
  if (devices->len + links->len == 0)
    return g_strdup_printf ("lab %u %u %u %s", lab->devices->len, lab->links->len,
                            lab->actions->len, wl_lab_document_get_title (self->doc));
  return g_strdup_printf ("multi %u %u", devices->len, links->len);
}

static void
build_multi (WlInspector *self)
{
  GArray *devices = wl_lab_document_get_selected_devices (self->doc);
  GArray *links = wl_lab_document_get_selected_links (self->doc);
  g_autofree char *d = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device", "%u devices",
                                                     devices->len),
                                        devices->len);
  g_autofree char *l = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cable", "%u cables",
                                                     links->len),
                                        links->len);
  /* Translators: "3 devices and 2 cables selected" */
  g_autofree char *title = g_strdup_printf (_("%s and %s selected"), d, l);
  GtkWidget *page = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "edit-select-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page),
                                   _("Drag them to move them together, or press Delete to "
                                     "remove them. Select one to configure it."));
  gtk_widget_add_css_class (page, "compact");
  gtk_box_append (GTK_BOX (self->page), page);
}

static void
rebuild (WlInspector *self,
         char *shape)
{
  GArray *devices, *links;

  g_free (self->shape);
  self->shape = shape;
  g_ptr_array_set_size (self->fields, 0);
  self->page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_add_css_class (self->page, "wl-inspector-page");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->page);
  if (self->doc == NULL)
    return;
  devices = wl_lab_document_get_selected_devices (self->doc);
  links = wl_lab_document_get_selected_links (self->doc);
  if (devices->len == 1 && links->len == 0)
    _wl_inspector_build_device (self, g_array_index (devices, guint, 0));
  else if (devices->len == 0 && links->len == 1)
    _wl_inspector_build_link (self, g_array_index (links, guint, 0));
  else if (devices->len + links->len == 0)
    _wl_inspector_build_lab (self);
  else
    build_multi (self);
}

static void
update (WlInspector *self)
{
  char *shape = current_shape (self);

  if (g_strcmp0 (shape, self->shape) != 0)
    {
      rebuild (self, shape);
      return;
    }
  g_free (shape);
  for (guint i = 0; i < self->fields->len; i++)
    wl_inspector_field_refresh (g_ptr_array_index (self->fields, i));
}

static void
wl_inspector_dispose (GObject *object)
{
  WlInspector *self = WL_INSPECTOR (object);

  wl_inspector_set_document (self, NULL);
  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  G_OBJECT_CLASS (wl_inspector_parent_class)->dispose (object);
}

static void
wl_inspector_finalize (GObject *object)
{
  WlInspector *self = WL_INSPECTOR (object);

  g_free (self->shape);
  G_OBJECT_CLASS (wl_inspector_parent_class)->finalize (object);
}

static void
wl_inspector_class_init (WlInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wl_inspector_dispose;
  object_class->finalize = wl_inspector_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wlinspector");
}

static void
wl_inspector_init (WlInspector *self)
{
  self->fields = g_ptr_array_new ();
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
  rebuild (self, g_strdup ("none"));
}

GtkWidget *
wl_inspector_new (void)
{
  return g_object_new (WL_TYPE_INSPECTOR, NULL);
}

WlLabDocument *
wl_inspector_get_document (WlInspector *self)
{
  g_return_val_if_fail (WL_IS_INSPECTOR (self), NULL);

  return self->doc;
}

void
wl_inspector_set_document (WlInspector *self,
                           WlLabDocument *document)
{
  g_return_if_fail (WL_IS_INSPECTOR (self));

  if (self->doc == document)
    return;
  if (self->doc != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->doc);
      g_clear_signal_handler (&self->selection_id, self->doc);
      g_clear_object (&self->doc);
    }
  if (document != NULL)
    {
      self->doc = g_object_ref (document);
      self->changed_id = g_signal_connect_swapped (document, "changed", G_CALLBACK (update), self);
      self->selection_id = g_signal_connect_swapped (document, "selection-changed",
                                                     G_CALLBACK (update), self);
    }
  if (self->scroller != NULL)
    rebuild (self, current_shape (self));
}

WlInspectorField *
wl_inspector_find_field (WlInspector *self,
                         WlField field,
                         guint sub)
{
  g_return_val_if_fail (WL_IS_INSPECTOR (self), NULL);

  for (guint i = 0; i < self->fields->len; i++)
    {
      WlInspectorField *f = g_ptr_array_index (self->fields, i);

      if (wl_inspector_field_get_field (f) == field && wl_inspector_field_get_sub (f) == sub)
        return f;
    }
  return NULL;
}

/* Builders shared by the pages ------------------------------------------------------------ */

GtkWidget *
_wl_inspector_add_group (WlInspector *self,
                         const char *title,
                         const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description != NULL)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  gtk_box_append (GTK_BOX (self->page), group);
  return group;
}

GtkWidget *
_wl_inspector_add_field (WlInspector *self,
                         GtkWidget *group,
                         WlField field,
                         guint index,
                         guint sub,
                         const char *label,
                         const char *placeholder)
{
  GtkWidget *row = wl_inspector_field_new (self->doc, field, index, sub, label, placeholder);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_ptr_array_add (self->fields, row);
  return row;
}

void
_wl_inspector_add_header (WlInspector *self,
                          const char *icon_name,
                          const char *css_class,
                          const char *title,
                          const char *subtitle)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *t = gtk_label_new (title), *s = gtk_label_new (subtitle);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 24);
  gtk_widget_add_css_class (image, "wl-kind-tile");
  if (css_class != NULL)
    gtk_widget_add_css_class (image, css_class);
  gtk_widget_set_valign (image, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (t), 0);
  gtk_label_set_xalign (GTK_LABEL (s), 0);
  gtk_label_set_ellipsize (GTK_LABEL (t), PANGO_ELLIPSIZE_END);
  gtk_label_set_wrap (GTK_LABEL (s), TRUE);
  gtk_widget_add_css_class (t, "title-3");
  gtk_widget_add_css_class (s, "dim-label");
  gtk_box_append (GTK_BOX (labels), t);
  gtk_box_append (GTK_BOX (labels), s);
  gtk_widget_set_valign (labels, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), labels);
  gtk_box_append (GTK_BOX (self->page), box);
}

GtkWidget *
_wl_inspector_add_removable (WlInspector *self,
                             GtkWidget *group,
                             const char *title,
                             const char *subtitle,
                             const char *remove_tooltip,
                             GCallback remove,
                             gpointer data)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, remove_tooltip);
  g_signal_connect_data (button, "clicked", remove, data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return row;
}

/* Failures of buttons (not of fields, which explain inline) go to the window's toasts. */
void
_wl_inspector_toast (WlInspector *self,
                     const GError *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (error->message));
  else
    g_message ("%s", error->message);
}
