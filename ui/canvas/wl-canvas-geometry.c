/* wl-canvas-geometry.c — where things are drawn and what is under a point.
 *
 * A device is a WL_TILE square centred on its position (plus the drag offset while it is
 * being moved), with its name below; the hit area is the tile and the name.  A cable is the
 * segment between the centres of its two devices, hit within WL_LINK_HIT pixels.  The cable
 * handle is a small disc on the right edge of a hovered device's tile.
 */
#define G_LOG_DOMAIN "wl-canvas"
#include "config.h"

#include <math.h>

#include "wl-canvas-private.h"

gboolean
_wl_canvas_device_moving (WlCanvas *self,
                          guint index)
{
  return self->drag == WL_DRAG_MOVE && wl_lab_document_is_device_selected (self->doc, index);
}

/* Where a device is drawn, in canvas units: its position, plus the drag offset while moving. */
void
_wl_canvas_device_center (WlCanvas *self,
                          guint index,
                          double *cx,
                          double *cy)
{
  const WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (self->doc), index);

  *cx = dev->x;
  *cy = dev->y;
  if (_wl_canvas_device_moving (self, index))
    {
      *cx += self->move_dx;
      *cy += self->move_dy;
    }
}

gboolean
wl_canvas_get_device_position (WlCanvas *self,
                               guint index,
                               double *x,
                               double *y)
{
  double cx, cy;

  g_return_val_if_fail (WL_IS_CANVAS (self), FALSE);

  if (self->doc == NULL || index >= wl_lab_document_get_lab (self->doc)->devices->len)
    return FALSE;
  _wl_canvas_device_center (self, index, &cx, &cy);
  wl_viewport_to_widget (self->viewport, cx, cy, x, y);
  return TRUE;
}

/* The tile and the name under it; the topmost (last drawn) device wins. */
int
wl_canvas_device_at (WlCanvas *self,
                     double x,
                     double y)
{
  WlLab *lab;
  double cx, cy;

  g_return_val_if_fail (WL_IS_CANVAS (self), -1);

  if (self->doc == NULL)
    return -1;
  lab = wl_lab_document_get_lab (self->doc);
  wl_viewport_to_canvas (self->viewport, x, y, &cx, &cy);
  for (guint i = lab->devices->len; i-- > 0;)
    {
      double dx, dy;

      _wl_canvas_device_center (self, i, &dx, &dy);
      if (fabs (cx - dx) <= WL_TILE / 2 + 4 && cy >= dy - WL_TILE / 2 - 2
          && cy <= dy + WL_TILE / 2 + WL_LABEL_GAP + 16)
        return (int) i;
    }
  return -1;
}

static double
segment_distance (double px,
                  double py,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double vx = bx - ax, vy = by - ay, len2 = vx * vx + vy * vy, t;

  t = len2 > 0 ? CLAMP (((px - ax) * vx + (py - ay) * vy) / len2, 0, 1) : 0;
  return hypot (px - (ax + t * vx), py - (ay + t * vy));
}

int
_wl_canvas_link_at (WlCanvas *self,
                    double wx,
                    double wy)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);

  for (guint i = lab->links->len; i-- > 0;)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);
      double ax, ay, bx, by;

      wl_canvas_get_device_position (self, link->dev_a, &ax, &ay);
      wl_canvas_get_device_position (self, link->dev_b, &bx, &by);
      if (segment_distance (wx, wy, ax, ay, bx, by) <= WL_LINK_HIT)
        return (int) i;
    }
  return -1;
}

/* The cable handle: a small round "+" on the right edge of the tile, shown on hover. */
void
_wl_canvas_handle_center (WlCanvas *self,
                          guint device,
                          double *wx,
                          double *wy)
{
  double cx, cy;

  _wl_canvas_device_center (self, device, &cx, &cy);
  wl_viewport_to_widget (self->viewport, cx + WL_TILE / 2, cy, wx, wy);
}

gboolean
_wl_canvas_handle_at (WlCanvas *self,
                      guint device,
                      double wx,
                      double wy)
{
  double hx, hy;

  _wl_canvas_handle_center (self, device, &hx, &hy);
  return hypot (wx - hx, wy - hy) <= WL_HANDLE_RADIUS + 3;
}
