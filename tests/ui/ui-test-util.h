/* ui-test-util.h — running the app's windows in a test: the application, waiting for the
 * main loop, sample labs, pixels of a widget, and a real pointer through xdotool. */
#pragma once

#include <gtk/gtk.h>

#include "wl-application.h"
#include "wl-window.h"

G_BEGIN_DECLS

/* The application, registered (its startup ran: resources, accelerators, style) but not run. */
WlApplication *ui_test_init (int *argc, char ***argv);
WlApplication *ui_test_get_app (void);

/* Iterates the main loop until cond (data) is TRUE or timeout_ms passed; returns cond. */
gboolean       ui_test_wait (gboolean (*cond) (gpointer data), gpointer data, guint timeout_ms);
/* Iterates the main loop for ms milliseconds. */
void           ui_test_spin (guint ms);
/* Waits until the window is mapped and its canvas allocated and drawn. */
void           ui_test_wait_shown (WlWindow *window);
/* Closes (without asking) and destroys a window, and lets the main loop settle. */
void           ui_test_close (WlWindow *window);

char          *ui_test_sample (const char *name);
/* A fresh empty temporary directory, under the build dir. */
char          *ui_test_tmpdir (void);

/* The widget rendered as it is shown now. */
GdkTexture    *ui_test_render (GtkWidget *widget);
/* The colour at (x, y) of a texture, as 0xRRGGBB. */
guint32        ui_test_pixel (GdkTexture *texture, int x, int y);
gboolean       ui_test_save_png (GtkWidget *widget, const char *path);

/* Where (x, y) of widget is on the X screen (root window coordinates). */
void           ui_test_screen_point (GtkWidget *widget, double x, double y, int *sx, int *sy);
/* Runs xdotool with args (NULL-terminated) while the main loop runs; returns its success. */
gboolean       ui_test_xdotool (const char *const *args);

G_END_DECLS
