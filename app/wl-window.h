/* wl-window.h — the main window: header bar, palette, canvas, inspector, run area.
 *
 * The window holds one lab document and binds every view to it; the views never talk to
 * each other.  Its aspects live in separate files, as in GNOME Text Editor: actions
 * (wl-window-actions.c), files (open, save, close, recent: wl-window-file.c) and runs
 * (wl-window-run.c), sharing wl-window-private.h.
 */
#pragma once

#include <adwaita.h>

#include "canvas/wl-canvas.h"
#include "doc/wl-lab-document.h"
#include "wl-inspector.h"
#include "wl-palette.h"

G_BEGIN_DECLS

#define WL_TYPE_WINDOW (wl_window_get_type ())
G_DECLARE_FINAL_TYPE (WlWindow, wl_window, WL, WINDOW, AdwApplicationWindow)

WlWindow      *wl_window_new (GtkApplication *app);
WlLabDocument *wl_window_get_document (WlWindow *self);
void           wl_window_set_document (WlWindow *self, WlLabDocument *document);
/* An empty lab that was never edited nor saved: the window can take a lab being opened. */
gboolean       wl_window_is_pristine (WlWindow *self);

WlCanvas      *wl_window_get_canvas (WlWindow *self);
WlInspector   *wl_window_get_inspector (WlWindow *self);
WlPalette     *wl_window_get_palette (WlWindow *self);

/* Shows a toast at the bottom of the canvas. */
void           wl_window_toast (WlWindow *self, const char *message);
/* Shows an error dialog with a heading and the error's message. */
void           wl_window_show_error (WlWindow *self, const char *heading, const GError *error);

/* Saves to the document's file, or asks for one (Save As) first; then calls done (ok). */
typedef void (*WlWindowSavedFunc) (WlWindow *self, gboolean saved, gpointer user_data);
void           wl_window_save (WlWindow *self, gboolean ask, WlWindowSavedFunc done, gpointer data);

/* Runs are recorded in the lab file: the lab is saved first when it needs to be. */
void           wl_window_run (WlWindow *self);
gboolean       wl_window_is_running (WlWindow *self);
/* Summary of the last run ("Run 1: …"), or NULL. */
const char    *wl_window_get_last_run (WlWindow *self);

G_END_DECLS
