/* wl-window-file.c — opening, saving, closing, recent labs.
 *
 * File dialogs are GtkFileChooserNative (GTK 4.8 has no GtkFileDialog); confirmations are
 * AdwMessageDialog.  Saving a lab that was never saved asks for a file; a lab saved with a
 * name other than .wirelab gets the extension added.  Closing a window with unsaved changes
 * asks first (Cancel / Discard / Save); a Save that fails or is cancelled keeps the window.
 */
#define G_LOG_DOMAIN "wirelab"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-application.h"
#include "wl-window-private.h"

#define WL_MIME_TYPE "application/x-wirelab"
#define MAX_RECENT 8

void
_wl_window_add_recent (const char *path)
{
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  GtkRecentData data = {
    .mime_type = (char *) WL_MIME_TYPE,
    .app_name = (char *) "Wirelab",
    .app_exec = (char *) "wirelab %f",
  };

  if (uri != NULL && g_str_has_suffix (path, ".wirelab"))
    gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static gint
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *x = *(GtkRecentInfo *const *) a, *y = *(GtkRecentInfo *const *) b;

  /* newest first */
  return g_date_time_compare (gtk_recent_info_get_modified (y),
                              gtk_recent_info_get_modified (x));
}

void
_wl_window_update_recent (WlWindow *self)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  g_autoptr (GPtrArray) labs = g_ptr_array_new ();

  g_menu_remove_all (self->recent_section);
  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), ".wirelab")
          && gtk_recent_info_is_local (info) && gtk_recent_info_exists (info))
        g_ptr_array_add (labs, info);
    }
  g_ptr_array_sort (labs, compare_recent);
  for (guint i = 0; i < labs->len && i < MAX_RECENT; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (labs, i);
      g_autoptr (GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info),
                                                    NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s",
                                         gtk_recent_info_get_uri (info));
      g_menu_append_item (self->recent_section, item);
    }
  if (labs->len == 0)
    g_menu_append (self->recent_section, _("No Recent Labs"), "win.no-recent");
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
open_path (WlWindow *self,
           const char *path)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL && WL_IS_APPLICATION (app))
    wl_application_open_path (WL_APPLICATION (app), path, GTK_WINDOW (self));
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int response,
                  WlWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_path (self, path);
    }
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char *name,
            const char *const *patterns)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
_wl_window_open_dialog (WlWindow *self)
{
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Open a Lab"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));

  add_filter (GTK_FILE_CHOOSER (dialog), _("Labs and lab texts"),
              (const char *const[]) { "*.wirelab", "*.lab", NULL });
  add_filter (GTK_FILE_CHOOSER (dialog), _("All files"), (const char *const[]) { "*", NULL });
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

typedef struct
{
  WlWindow         *self;
  WlWindowSavedFunc done;
  gpointer          data;
} SaveData;

static void
save_finish (SaveData *sd,
             gboolean saved)
{
  if (sd->done != NULL)
    sd->done (sd->self, saved, sd->data);
  g_object_unref (sd->self);
  g_free (sd);
}

static gboolean
save_to (WlWindow *self,
         const char *path)
{
  g_autoptr (GError) error = NULL;
  gboolean ok = path == NULL ? wl_lab_document_save (self->doc, &error)
                             : wl_lab_document_save_as (self->doc, path, &error);

  if (!ok)
    {
      wl_window_show_error (self, _("Could Not Save the Lab"), error);
      return FALSE;
    }
  _wl_window_add_recent (wl_lab_document_get_path (self->doc));
  return TRUE;
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int response,
                  SaveData *sd)
{
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL && !g_str_has_suffix (path, ".wirelab"))
        {
          char *with_ext = g_strconcat (path, ".wirelab", NULL);

          g_free (path);
          path = with_ext;
        }
      saved = path != NULL && save_to (sd->self, path);
    }
  g_object_unref (dialog);
  save_finish (sd, saved);
}

void
wl_window_save (WlWindow *self,
                gboolean ask,
                WlWindowSavedFunc done,
                gpointer data)
{
  SaveData *sd = g_new0 (SaveData, 1);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;
  const char *path;

  g_return_if_fail (WL_IS_WINDOW (self));

  sd->self = g_object_ref (self);
  sd->done = done;
  sd->data = data;
  path = wl_lab_document_get_path (self->doc);
  if (!ask && path != NULL)
    {
      save_finish (sd, save_to (self, NULL));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Save the Lab"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (dialog), _("Labs"), (const char *const[]) { "*.wirelab", NULL });
  if (path != NULL)
    {
      g_autoptr (GFile) file = g_file_new_for_path (path);

      gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), file, NULL);
    }
  else
    {
      name = wl_lab_document_dup_suggested_name (self->doc);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), sd);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  _wl_window_open_dialog (WL_WINDOW (widget));
}

static void
open_recent_action (GtkWidget *widget,
                    const char *name,
                    GVariant *param)
{
  g_autofree char *path = g_filename_from_uri (g_variant_get_string (param, NULL), NULL, NULL);

  if (path != NULL)
    open_path (WL_WINDOW (widget), path);
}

static void
save_action (GtkWidget *widget,
             const char *name,
             GVariant *param)
{
  wl_window_save (WL_WINDOW (widget), g_str_equal (name, "win.save-as"), NULL, NULL);
}

/* After the dialog has finished its response: closing the window destroys the dialog too
 * (it is transient for it), which must not happen while the dialog is still emitting. */
static gboolean
close_later (gpointer data)
{
  WlWindow *self = data;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
close_after_save (WlWindow *self,
                  gboolean saved,
                  gpointer data)
{
  if (saved)
    g_idle_add_full (G_PRIORITY_DEFAULT, close_later, g_object_ref (self), g_object_unref);
}

static void
on_close_response (AdwMessageDialog *dialog,
                   const char *response,
                   WlWindow *self)
{
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT, close_later, g_object_ref (self), g_object_unref);
  else if (g_str_equal (response, "save"))
    wl_window_save (self, FALSE, close_after_save, NULL);
}

gboolean
_wl_window_close_request (GtkWindow *window)
{
  WlWindow *self = WL_WINDOW (window);
  GtkWidget *dialog;

  if (self->close_confirmed || !wl_lab_document_get_modified (self->doc))
    {
      _wl_window_cancel_run (self);
      return FALSE;
    }
  dialog = adw_message_dialog_new (window, _("Save Changes?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” has changes that are not saved. Closing without "
                                    "saving loses them."),
                                  wl_lab_document_get_title (self->doc));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
_wl_window_class_init_file (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_action);
}
