/* wl-window-private.h — the window's state, shared by its aspect files. */
#pragma once

#include "wl-window.h"

G_BEGIN_DECLS

struct _WlWindow
{
  AdwApplicationWindow parent_instance;

  WlLabDocument *doc;
  char          *tool;          /* "win.tool": select, cable, or a device kind */
  GBinding      *tool_binding;

  /* template children */
  AdwWindowTitle *window_title;
  AdwToastOverlay *toast_overlay;
  GtkPaned       *vpaned;
  GtkPaned       *hpaned;
  GtkPaned       *inner_paned;
  WlPalette      *palette;
  WlCanvas       *canvas;
  WlInspector    *inspector;
  GtkLabel       *zoom_label;
  GtkWidget      *run_box;
  GtkProgressBar *run_progress;
  GtkLabel       *run_label;
  GMenu          *recent_section;

  /* runs (wl-window-run.c) */
  GCancellable   *run_cancellable;
  guint           run_progress_id;
  gpointer        run_state;
  char           *last_run;

  gboolean        close_confirmed;
};

/* wl-window-actions.c */
void _wl_window_class_init_actions (GtkWidgetClass *widget_class);
void _wl_window_update_actions (WlWindow *self);

/* wl-window-file.c */
void     _wl_window_class_init_file (GtkWidgetClass *widget_class);
void     _wl_window_open_dialog (WlWindow *self);
void     _wl_window_update_recent (WlWindow *self);
void     _wl_window_add_recent (const char *path);
gboolean _wl_window_close_request (GtkWindow *window);

/* wl-window-run.c */
void _wl_window_cancel_run (WlWindow *self);
void _wl_window_dispose_run (WlWindow *self);

G_END_DECLS
