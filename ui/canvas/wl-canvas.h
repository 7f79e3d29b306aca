/* wl-canvas.h — the topology canvas: devices as tiles with names, cables as lines.
 *
 * The canvas draws the document's lab through a WlViewport and edits it only through the
 * document's operations (so every edit is one undo step).  What it does with the pointer
 * depends on its tool: "select" (click, Shift+click, rubber band, drag to move, drag from a
 * device's handle to cable it), "cable" (drag from device to device), or a device kind name
 * ("pc", "switch" …: the next click places one, then the tool goes back to "select").
 * Refusals (no free port) are reported with the "message" signal for the window to show.
 */
#pragma once

#include <gtk/gtk.h>

#include "canvas/wl-viewport.h"
#include "doc/wl-lab-document.h"

G_BEGIN_DECLS

/* Canvas units between grid points; moved and placed devices snap to it. */
#define WL_CANVAS_GRID 20.0

#define WL_TYPE_CANVAS (wl_canvas_get_type ())
G_DECLARE_FINAL_TYPE (WlCanvas, wl_canvas, WL, CANVAS, GtkWidget)

GtkWidget     *wl_canvas_new (void);
WlLabDocument *wl_canvas_get_document (WlCanvas *self);
void           wl_canvas_set_document (WlCanvas *self, WlLabDocument *document);
WlViewport    *wl_canvas_get_viewport (WlCanvas *self);
const char    *wl_canvas_get_tool (WlCanvas *self);
void           wl_canvas_set_tool (WlCanvas *self, const char *tool);

void           wl_canvas_zoom_in (WlCanvas *self);
void           wl_canvas_zoom_out (WlCanvas *self);
void           wl_canvas_zoom_reset (WlCanvas *self);
/* Shows every device (at most 150 %). */
void           wl_canvas_zoom_fit (WlCanvas *self);

/* Where device @index is drawn, in widget coordinates (its tile's centre); FALSE if none. */
gboolean       wl_canvas_get_device_position (WlCanvas *self, guint index, double *x, double *y);
/* The device under widget point (x, y), or -1. */
int            wl_canvas_device_at (WlCanvas *self, double x, double y);
/* What a drop of the palette's "kind" at widget point (x, y) does: adds a device. */
int            wl_canvas_drop_device (WlCanvas *self, const char *kind, double x, double y);

G_END_DECLS
