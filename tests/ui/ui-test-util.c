/* ui-test-util.c — helpers for the UI tests (see ui-test-util.h).
 *
 * The tests run under Xvfb (run-ui-test.sh) with the cairo renderer, so what they render is
 * what the same code renders on any machine.  They drive the real application object: its
 * startup registers the resources and accelerators exactly as `wirelab` does.
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "ui-test-util.h"
#include "wl-window.h"

static WlApplication *the_app;

WlApplication *
ui_test_init (int *argc,
              char ***argv)
{
  g_autoptr (GError) error = NULL;
  const char *localedir = g_getenv ("WL_LOCALEDIR");

  /* as main() does: translations from the build tree when told */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (argc, argv, NULL);
  the_app = wl_application_new ();
  /* no D-Bus on the test machine, and no other instance to talk to */
  g_application_set_flags (G_APPLICATION (the_app),
                           G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  if (!g_application_register (G_APPLICATION (the_app), NULL, &error))
    g_error ("cannot register the application: %s", error->message);
  g_application_hold (G_APPLICATION (the_app));
  return the_app;
}

WlApplication *
ui_test_get_app (void)
{
  return the_app;
}

typedef struct
{
  gboolean done;
} Timeout;

static gboolean
on_timeout (gpointer data)
{
  ((Timeout *) data)->done = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
ui_test_wait (gboolean (*cond) (gpointer data),
              gpointer data,
              guint timeout_ms)
{
  Timeout t = { FALSE };
  guint id = g_timeout_add (timeout_ms, on_timeout, &t);

  while (!(cond != NULL && cond (data)) && !t.done)
    g_main_context_iteration (NULL, TRUE);
  if (!t.done)
    g_source_remove (id);
  return cond != NULL && cond (data);
}

void
ui_test_spin (guint ms)
{
  ui_test_wait (NULL, NULL, ms);
}

static gboolean
is_shown (gpointer data)
{
  WlWindow *window = data;
  GtkWidget *canvas = GTK_WIDGET (wl_window_get_canvas (window));

  return gtk_widget_get_mapped (GTK_WIDGET (window)) && gtk_widget_get_width (canvas) > 100;
}

void
ui_test_wait_shown (WlWindow *window)
{
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_test_wait (is_shown, window, 10000));
  /* a few frames for the first layout, the fit-to-view and the first paint */
  ui_test_spin (300);
}

void
ui_test_close (WlWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin (100);
}

char *
ui_test_sample (const char *name)
{
  const char *src = g_getenv ("WL_SOURCE_DIR");

  return g_build_filename (src != NULL ? src : WL_SOURCE_DIR, "data", "labs", name, NULL);
}

char *
ui_test_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("wl-ui-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* Until the widget has been laid out and painted once, its paintable draws nothing: wait
 * for frames (a slow machine, or an ASan build, may need a few). */
GdkTexture *
ui_test_render (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr (GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int w = 0, h = 0;

  for (guint attempt = 0; attempt < 100 && node == NULL; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        ui_test_spin (50);
      w = gtk_widget_get_width (widget);
      h = gtk_widget_get_height (widget);
      gdk_paintable_snapshot (paintable, snapshot, w, h);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
}

guint32
ui_test_pixel (GdkTexture *texture,
               int x,
               int y)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  guint32 argb;

  g_assert_true (x >= 0 && x < w && y >= 0 && y < h);
  /* GDK_MEMORY_DEFAULT: cairo's native-endian premultiplied ARGB32 */
  gdk_texture_download (texture, data, (gsize) w * 4);
  memcpy (&argb, data + ((gsize) y * w + x) * 4, 4);
  return argb & 0xffffff;
}

gboolean
ui_test_save_png (GtkWidget *widget,
                  const char *path)
{
  g_autoptr (GdkTexture) texture = ui_test_render (widget);
  g_autofree char *dir = g_path_get_dirname (path);

  g_mkdir_with_parents (dir, 0755);
  return gdk_texture_save_to_png (texture, path);
}

void
ui_test_screen_point (GtkWidget *widget,
                      double x,
                      double y,
                      int *sx,
                      int *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *dpy = gdk_x11_display_get_xdisplay (gtk_widget_get_display (widget));
  graphene_point_t in = GRAPHENE_POINT_INIT ((float) x, (float) y), out;
  double tx, ty;
  int rx, ry;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  /* the native widget sits inside its surface by the client-side decoration's margin */
  gtk_native_get_surface_transform (native, &tx, &ty);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (surface), DefaultRootWindow (dpy), 0, 0,
                         &rx, &ry, &child);
  *sx = rx + (int) (out.x + tx);
  *sy = ry + (int) (out.y + ty);
}

static void
on_xdotool_done (GObject *source,
                 GAsyncResult *result,
                 gpointer data)
{
  g_autoptr (GError) error = NULL;
  int *status = data;

  *status = g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error) ? 1 : 0;
  if (error != NULL)
    g_test_message ("xdotool: %s", error->message);
}

static gboolean
xdotool_done (gpointer data)
{
  return *(int *) data >= 0;
}

gboolean
ui_test_xdotool (const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) proc = NULL;
  int status = -1;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  proc = g_subprocess_newv ((const char *const *) argv->pdata, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  /* the app must keep running while xdotool moves the pointer: wait in the main loop */
  g_subprocess_wait_check_async (proc, NULL, on_xdotool_done, &status);
  g_assert_true (ui_test_wait (xdotool_done, &status, 30000));
  return status == 1;
}
