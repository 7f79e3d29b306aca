/* wl-viewport.c — zoom and origin of the canvas view (see wl-viewport.h). */
#define G_LOG_DOMAIN "wl-canvas"
#include "config.h"

#include "wl-viewport.h"

struct _WlViewport
{
  GObject parent_instance;

  double  zoom;
  double  x, y; /* canvas point shown at the widget's top-left corner */
};

G_DEFINE_FINAL_TYPE (WlViewport, wl_viewport, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_X,
  PROP_Y,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wl_viewport_get_property (GObject *object,
                          guint prop_id,
                          GValue *value,
                          GParamSpec *pspec)
{
  WlViewport *self = WL_VIEWPORT (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_X:
      g_value_set_double (value, self->x);
      break;
    case PROP_Y:
      g_value_set_double (value, self->y);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wl_viewport_class_init (WlViewportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = wl_viewport_get_property;
  properties[PROP_ZOOM] = g_param_spec_double ("zoom", NULL, NULL, WL_VIEWPORT_MIN_ZOOM,
                                               WL_VIEWPORT_MAX_ZOOM, 1.0,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_X] = g_param_spec_double ("x", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_Y] = g_param_spec_double ("y", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wl_viewport_init (WlViewport *self)
{
  self->zoom = 1.0;
}

WlViewport *
wl_viewport_new (void)
{
  return g_object_new (WL_TYPE_VIEWPORT, NULL);
}

double
wl_viewport_get_zoom (WlViewport *self)
{
  g_return_val_if_fail (WL_IS_VIEWPORT (self), 1.0);

  return self->zoom;
}

double
wl_viewport_get_x (WlViewport *self)
{
  g_return_val_if_fail (WL_IS_VIEWPORT (self), 0);

  return self->x;
}

double
wl_viewport_get_y (WlViewport *self)
{
  g_return_val_if_fail (WL_IS_VIEWPORT (self), 0);

  return self->y;
}

void
wl_viewport_to_widget (WlViewport *self,
                       double cx,
                       double cy,
                       double *wx,
                       double *wy)
{
  *wx = (cx - self->x) * self->zoom;
  *wy = (cy - self->y) * self->zoom;
}

void
wl_viewport_to_canvas (WlViewport *self,
                       double wx,
                       double wy,
                       double *cx,
                       double *cy)
{
  *cx = wx / self->zoom + self->x;
  *cy = wy / self->zoom + self->y;
}

static void
set_origin (WlViewport *self,
            double x,
            double y)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->x != x)
    {
      self->x = x;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_X]);
    }
  if (self->y != y)
    {
      self->y = y;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_Y]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
wl_viewport_set_zoom (WlViewport *self,
                      double zoom,
                      double wx,
                      double wy)
{
  double cx, cy;

  g_return_if_fail (WL_IS_VIEWPORT (self));

  zoom = CLAMP (zoom, WL_VIEWPORT_MIN_ZOOM, WL_VIEWPORT_MAX_ZOOM);
  if (zoom == self->zoom)
    return;
  /* the canvas point under the pointer stays under the pointer */
  wl_viewport_to_canvas (self, wx, wy, &cx, &cy);
  g_object_freeze_notify (G_OBJECT (self));
  self->zoom = zoom;
  set_origin (self, cx - wx / zoom, cy - wy / zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
wl_viewport_zoom_at (WlViewport *self,
                     double factor,
                     double wx,
                     double wy)
{
  g_return_if_fail (WL_IS_VIEWPORT (self));

  wl_viewport_set_zoom (self, self->zoom * factor, wx, wy);
}

void
wl_viewport_scroll (WlViewport *self,
                    double dx,
                    double dy)
{
  g_return_if_fail (WL_IS_VIEWPORT (self));

  set_origin (self, self->x + dx / self->zoom, self->y + dy / self->zoom);
}

void
wl_viewport_fit (WlViewport *self,
                 double x,
                 double y,
                 double w,
                 double h,
                 double width,
                 double height,
                 double margin)
{
  double zoom, avail_w, avail_h;

  g_return_if_fail (WL_IS_VIEWPORT (self));

  avail_w = MAX (width - 2 * margin, 1);
  avail_h = MAX (height - 2 * margin, 1);
  zoom = MIN (avail_w / MAX (w, 1), avail_h / MAX (h, 1));
  zoom = CLAMP (zoom, WL_VIEWPORT_MIN_ZOOM, 1.5);
  g_object_freeze_notify (G_OBJECT (self));
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  set_origin (self, x + w / 2 - width / (2 * zoom), y + h / 2 - height / (2 * zoom));
  g_object_thaw_notify (G_OBJECT (self));
}
