/* wl-canvas-private.h — the canvas's state, shared by its drawing and input files. */
#pragma once

#include "wl-canvas.h"

G_BEGIN_DECLS

/* Geometry in canvas units: a device is a square tile centred on its position, its name below. */
#define WL_TILE 48.0
#define WL_TILE_RADIUS 12.0
#define WL_LABEL_GAP 6.0
#define WL_HANDLE_RADIUS 7.0
#define WL_LINK_HIT 6.0 /* pixels */

typedef enum
{
  WL_DRAG_NONE,
  WL_DRAG_MOVE,    /* moving the selected devices */
  WL_DRAG_RUBBER,  /* selecting with a rectangle */
  WL_DRAG_CABLE,   /* drawing a cable from cable_from */
  WL_DRAG_CLICK,   /* a press that may become a click (placing a device) */
} WlDragMode;

struct _WlCanvas
{
  GtkWidget      parent_instance;

  WlLabDocument *doc;
  WlViewport    *viewport;
  char          *tool;
  gulong         changed_id, selection_id;

  guint         *warn_counts;   /* per device, from wl_lab_check_warnings (not counting info) */
  guint         *info_counts;   /* per device, informational notes */
  char         **warn_text;     /* per device, newline-joined messages, or NULL */
  guint          n_warn;

  GtkIconPaintable *icons[WL_DEVICE_KIND_LAST];

  /* pointer */
  double         pointer_x, pointer_y; /* widget coordinates */
  gboolean       pointer_inside;
  int            hover_device, hover_link;
  gboolean       hover_handle;

  /* the primary-button drag */
  WlDragMode     drag;
  double         start_x, start_y;     /* widget coordinates of the press */
  double         offset_x, offset_y;   /* widget offset so far */
  double         move_dx, move_dy;     /* snapped canvas offset of a move */
  guint          cable_from;
  gboolean       rubber_extend;
  gboolean       click_selects;        /* a click (no move) on a selected device selects it alone */

  /* panning (middle button) and pinching */
  double         pan_last_x, pan_last_y;
  double         pinch_zoom;

  /* the palette device being dragged over the canvas, for a live preview */
  int            drop_kind;            /* -1 when none */
  double         drop_x, drop_y;

  gboolean       fit_pending;
};

/* wl-canvas-geometry.c */
void     _wl_canvas_device_center (WlCanvas *self, guint index, double *cx, double *cy);
gboolean _wl_canvas_device_moving (WlCanvas *self, guint index);
int      _wl_canvas_link_at (WlCanvas *self, double wx, double wy);
gboolean _wl_canvas_handle_at (WlCanvas *self, guint device, double wx, double wy);
void     _wl_canvas_handle_center (WlCanvas *self, guint device, double *wx, double *wy);

/* wl-canvas.c */
double   _wl_canvas_snap (double v);
void     _wl_canvas_message (WlCanvas *self, const char *message);
void     _wl_canvas_tool_done (WlCanvas *self);
int      _wl_canvas_tool_kind (WlCanvas *self);
GdkRGBA  _wl_canvas_kind_color (WlDeviceKind kind);

/* wl-canvas-draw.c */
void     _wl_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot);

/* wl-canvas-input.c */
void     _wl_canvas_init_input (WlCanvas *self);
void     _wl_canvas_class_init_input (GtkWidgetClass *widget_class);

G_END_DECLS
