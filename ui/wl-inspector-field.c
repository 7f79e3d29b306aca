/* wl-inspector-field.c — a labelled entry that validates through the document. */
#define G_LOG_DOMAIN "wl-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-inspector-field.h"

struct _WlInspectorField
{
  AdwPreferencesRow parent_instance;

  WlLabDocument    *doc;
  WlField           field;
  guint             index, sub;
  WlFieldCommitFunc commit;
  WlFieldReadFunc   read;
  gpointer          data;
  GDestroyNotify    data_destroy;

  GtkWidget        *entry;
  GtkWidget        *error_label;
  char             *error;
  gboolean          committing;
};

G_DEFINE_FINAL_TYPE (WlInspectorField, wl_inspector_field, ADW_TYPE_PREFERENCES_ROW)

static void
set_error (WlInspectorField *self,
           const char *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (GTK_LABEL (self->error_label), message != NULL ? message : "");
  gtk_widget_set_visible (self->error_label, message != NULL);
  if (message != NULL)
    {
      gtk_widget_add_css_class (self->entry, "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (self->entry, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static void
show_value (WlInspectorField *self)
{
  g_autofree char *value = NULL;

  if (self->doc == NULL)
    ;
  else if (self->commit == NULL)
    value = wl_lab_document_dup_field (self->doc, self->field, self->index, self->sub);
  else if (self->read != NULL)
    value = self->read (self->doc, self->data);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), value != NULL ? value : "");
}

gboolean
wl_inspector_field_commit (WlInspectorField *self)
{
  g_autoptr (GError) error = NULL;
  const char *text;
  gboolean ok;

  g_return_val_if_fail (WL_IS_INSPECTOR_FIELD (self), FALSE);

  if (self->doc == NULL || self->committing)
    return FALSE;
  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (self->commit != NULL && self->read == NULL && text[0] == '\0')
    {
      set_error (self, NULL);
      return TRUE;
    }
  /* the document's "changed" may rebuild the inspector under us: keep ourselves alive */
  g_object_ref (self);
  self->committing = TRUE;
  if (self->commit != NULL)
    ok = self->commit (self->doc, text, self->data, &error);
  else
    ok = wl_lab_document_set_field (self->doc, self->field, self->index, self->sub, text, &error);
  self->committing = FALSE;
  set_error (self, ok ? NULL : error->message);
  if (ok)
    show_value (self);
  g_object_unref (self);
  return ok;
}

static void
on_activate (GtkEntry *entry,
             WlInspectorField *self)
{
  wl_inspector_field_commit (self);
}

static void
on_focus_leave (GtkEventControllerFocus *focus,
                WlInspectorField *self)
{
  /* a field that adds things (a route) only acts on Enter or its button: leaving it is not
   * "add" */
  if ((self->commit == NULL || self->read != NULL)
      && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    wl_inspector_field_commit (self);
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                WlInspectorField *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  set_error (self, NULL);
  show_value (self);
  return TRUE;
}

static void
wl_inspector_field_dispose (GObject *object)
{
  WlInspectorField *self = WL_INSPECTOR_FIELD (object);

  g_clear_object (&self->doc);
  if (self->data_destroy != NULL)
    g_clear_pointer (&self->data, self->data_destroy);
  G_OBJECT_CLASS (wl_inspector_field_parent_class)->dispose (object);
}

static void
wl_inspector_field_finalize (GObject *object)
{
  WlInspectorField *self = WL_INSPECTOR_FIELD (object);

  g_free (self->error);
  G_OBJECT_CLASS (wl_inspector_field_parent_class)->finalize (object);
}

static void
wl_inspector_field_class_init (WlInspectorFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wl_inspector_field_dispose;
  object_class->finalize = wl_inspector_field_finalize;
}

static void
wl_inspector_field_init (WlInspectorField *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkEventController *key = gtk_event_controller_key_new ();

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (self), FALSE);
  gtk_widget_add_css_class (box, "wl-field");
  self->entry = gtk_entry_new ();
  gtk_widget_set_hexpand (self->entry, TRUE);
  self->error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_widget_add_css_class (self->error_label, "caption");
  gtk_widget_set_visible (self->error_label, FALSE);
  gtk_box_append (GTK_BOX (box), self->entry);
  gtk_box_append (GTK_BOX (box), self->error_label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);

  g_signal_connect (self->entry, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (self->entry, focus);
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (self->entry, key);
}

static void
setup (WlInspectorField *self,
       WlLabDocument *doc,
       const char *label,
       const char *placeholder)
{
  GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
  GtkWidget *title = gtk_label_new (label);

  self->doc = g_object_ref (doc);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_widget_add_css_class (title, "dim-label");
  gtk_box_prepend (GTK_BOX (box), title);
  gtk_entry_set_placeholder_text (GTK_ENTRY (self->entry), placeholder);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  show_value (self);
}

GtkWidget *
wl_inspector_field_new (WlLabDocument *doc,
                        WlField field,
                        guint index,
                        guint sub,
                        const char *label,
                        const char *placeholder)
{
  WlInspectorField *self = g_object_new (WL_TYPE_INSPECTOR_FIELD, NULL);

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (doc), NULL);

  self->field = field;
  self->index = index;
  self->sub = sub;
  setup (self, doc, label, placeholder);
  return GTK_WIDGET (self);
}

GtkWidget *
wl_inspector_field_new_custom (WlLabDocument *doc,
                               const char *label,
                               const char *placeholder,
                               WlFieldCommitFunc commit,
                               WlFieldReadFunc read,
                               gpointer data,
                               GDestroyNotify data_destroy)
{
  WlInspectorField *self = g_object_new (WL_TYPE_INSPECTOR_FIELD, NULL);
  GtkWidget *button, *row, *box;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (doc), NULL);

  self->field = WL_FIELD_LAST;
  self->commit = commit;
  self->read = read;
  self->data = data;
  self->data_destroy = data_destroy;
  setup (self, doc, label, placeholder);
  if (read != NULL)
    return GTK_WIDGET (self);

  /* entry and an Add button side by side */
  button = gtk_button_new_from_icon_name ("list-add-symbolic");
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (self));
  g_object_ref (self->entry);
  gtk_box_remove (GTK_BOX (box), self->entry);
  gtk_box_append (GTK_BOX (row), self->entry);
  g_object_unref (self->entry);
  gtk_widget_set_tooltip_text (button, label);
  gtk_widget_add_css_class (button, "flat");
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (wl_inspector_field_commit), self);
  gtk_box_append (GTK_BOX (row), button);
  gtk_box_insert_child_after (GTK_BOX (box), row, gtk_widget_get_first_child (box));
  return GTK_WIDGET (self);
}

WlField
wl_inspector_field_get_field (WlInspectorField *self)
{
  g_return_val_if_fail (WL_IS_INSPECTOR_FIELD (self), WL_FIELD_LAST);

  return self->field;
}

guint
wl_inspector_field_get_sub (WlInspectorField *self)
{
  g_return_val_if_fail (WL_IS_INSPECTOR_FIELD (self), 0);

  return self->sub;
}

GtkEntry *
wl_inspector_field_get_entry (WlInspectorField *self)
{
  g_return_val_if_fail (WL_IS_INSPECTOR_FIELD (self), NULL);

  return GTK_ENTRY (self->entry);
}

void
wl_inspector_field_refresh (WlInspectorField *self)
{
  g_return_if_fail (WL_IS_INSPECTOR_FIELD (self));

  if (self->error == NULL && !self->committing && (self->commit == NULL || self->read != NULL))
    show_value (self);
}

const char *
wl_inspector_field_get_error (WlInspectorField *self)
{
  g_return_val_if_fail (WL_IS_INSPECTOR_FIELD (self), NULL);

  return self->error;
}
