/* wl-viewport.h — which part of the lab the canvas shows: a zoom factor and an origin.
 *
 * Plain GObject, no widget (as libshumate's ShumateViewport): the canvas draws through it, the
 * zoom buttons and gestures change it, and tests check the arithmetic without a display.
 * Canvas coordinates are the lab's (WlLabDevice.x/y); widget coordinates are pixels from the
 * widget's top-left corner:  widget = (canvas - origin) * zoom.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define WL_VIEWPORT_MIN_ZOOM 0.2
#define WL_VIEWPORT_MAX_ZOOM 4.0

#define WL_TYPE_VIEWPORT (wl_viewport_get_type ())
G_DECLARE_FINAL_TYPE (WlViewport, wl_viewport, WL, VIEWPORT, GObject)

WlViewport *wl_viewport_new (void);

double      wl_viewport_get_zoom (WlViewport *self);
double      wl_viewport_get_x (WlViewport *self);
double      wl_viewport_get_y (WlViewport *self);

void        wl_viewport_to_widget (WlViewport *self, double cx, double cy, double *wx, double *wy);
void        wl_viewport_to_canvas (WlViewport *self, double wx, double wy, double *cx, double *cy);

/* Zooms by factor (clamped) keeping the canvas point under widget point (wx, wy) in place. */
void        wl_viewport_zoom_at (WlViewport *self, double factor, double wx, double wy);
void        wl_viewport_set_zoom (WlViewport *self, double zoom, double wx, double wy);
/* Moves the view by (dx, dy) widget pixels (content moves the other way). */
void        wl_viewport_scroll (WlViewport *self, double dx, double dy);
/* Shows the canvas rectangle (x, y, w, h) centred in a widget of width × height, with a margin
 * of pixels around it, at a zoom no larger than 1.5. */
void        wl_viewport_fit (WlViewport *self,
                             double      x,
                             double      y,
                             double      w,
                             double      h,
                             double      width,
                             double      height,
                             double      margin);

G_END_DECLS
