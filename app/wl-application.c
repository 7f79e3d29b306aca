/* wl-application.c — the application: windows, opening files, app actions, accelerators. */
#define G_LOG_DOMAIN "wirelab"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-application.h"
#include "wl-ui.h"
#include "wl-window-private.h"

struct _WlApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (WlApplication, wl_application, ADW_TYPE_APPLICATION)

GtkWindow *
wl_application_new_window (WlApplication *self)
{
  WlWindow *window;

  g_return_val_if_fail (WL_IS_APPLICATION (self), NULL);

  window = wl_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static WlWindow *
find_window (WlApplication *self,
             const char *path)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (WL_IS_WINDOW (l->data)
        && g_strcmp0 (wl_lab_document_get_path (wl_window_get_document (l->data)), path) == 0)
      return l->data;
  return NULL;
}

GtkWindow *
wl_application_open_path (WlApplication *self,
                          const char *path,
                          GtkWindow *from)
{
  g_autofree char *canonical = NULL;
  g_autoptr (WlLabDocument) doc = NULL;
  g_autoptr (GError) error = NULL;
  WlWindow *window;

  g_return_val_if_fail (WL_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  /* one window per lab */
  canonical = g_canonicalize_filename (path, NULL);
  if ((window = find_window (self, canonical)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return GTK_WINDOW (window);
    }
  if (from == NULL)
    from = gtk_application_get_active_window (GTK_APPLICATION (self));
  doc = wl_lab_document_open (canonical, &error);
  if (doc == NULL)
    {
      g_autofree char *base = g_path_get_basename (canonical);
      g_autofree char *heading = NULL;

      if (from == NULL || !WL_IS_WINDOW (from))
        from = wl_application_new_window (self);
      /* Translators: a dialog heading; %s is a file name */
      heading = g_strdup_printf (_("Could Not Open “%s”"), base);
      wl_window_show_error (WL_WINDOW (from), heading, error);
      return NULL;
    }
  _wl_window_add_recent (canonical);
  if (from != NULL && WL_IS_WINDOW (from) && wl_window_is_pristine (WL_WINDOW (from)))
    window = WL_WINDOW (from);
  else
    window = WL_WINDOW (wl_application_new_window (self));
  wl_window_set_document (window, doc);
  gtk_window_present (GTK_WINDOW (window));
  return GTK_WINDOW (window);
}

static void
wl_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window != NULL)
    gtk_window_present (window);
  else
    wl_application_new_window (WL_APPLICATION (app));
}

static void
wl_application_open (GApplication *app,
                     GFile **files,
                     int n_files,
                     const char *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);

      if (path != NULL)
        wl_application_open_path (WL_APPLICATION (app), path, NULL);
    }
  if (gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL)
    wl_application_new_window (WL_APPLICATION (app));
}

static void
new_action (GSimpleAction *action,
            GVariant *param,
            gpointer app)
{
  wl_application_new_window (WL_APPLICATION (app));
}

static void
quit_action (GSimpleAction *action,
             GVariant *param,
             gpointer app)
{
  /* closing each window asks about its unsaved changes; the last one closed quits */
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
about_action (GSimpleAction *action,
              GVariant *param,
              gpointer app)
{
  static const char *developers[] = { "The Wirelab team", NULL };
  GtkWidget *about = adw_about_window_new ();

  gtk_window_set_transient_for (GTK_WINDOW (about),
                                gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_object_set (about,
                "application-name", "Wirelab",
                "application-icon", WL_APP_ID,
                "version", PACKAGE_VERSION,
                "developer-name", "The Wirelab team",
                "developers", developers,
                "comments", _("Build networks, run them, and watch every frame"),
                "license-type", GTK_LICENSE_GPL_3_0,
                "website", "https://github.com/wirelab/wirelab",
                /* Translators: your names, one per line */
                "translator-credits", _("translator-credits"),
                NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { .name = "new", .activate = new_action },
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static const struct
{
  const char *action;
  const char *accels[4];
} accels[] = {
  { "app.new", { "<Control>n", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.open", { "<Control>o", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "window.close", { "<Control>w", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-fit", { "<Control>0", NULL } },
  { "win.zoom-reset", { "<Control>1", NULL } },
  { "win.run", { "F5", NULL } },
};

static void
wl_application_startup (GApplication *app)
{
  wl_ui_init ();
  G_APPLICATION_CLASS (wl_application_parent_class)->startup (app);
  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action,
                                           accels[i].accels);
}

static void
wl_application_class_init (WlApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = wl_application_startup;
  app_class->activate = wl_application_activate;
  app_class->open = wl_application_open;
}

static void
wl_application_init (WlApplication *self)
{
}

WlApplication *
wl_application_new (void)
{
  return g_object_new (WL_TYPE_APPLICATION,
                       "application-id", WL_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", WL_RESOURCE_PATH,
                       NULL);
}
