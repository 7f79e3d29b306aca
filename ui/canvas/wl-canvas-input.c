/* wl-canvas-input.c — what the pointer, the keyboard and palette drops do on the canvas.
 *
 * Primary button (one GtkGestureDrag, the mode decided at the press):
 *   on a device's "+" handle, or on a device with the cable tool  → draw a cable
 *   on a device                    → select it (Shift/Ctrl: toggle), then drag to move
 *                                    every selected device, snapped to the grid on release
 *   on a cable                     → select it (Shift/Ctrl: add)
 *   on empty canvas                → rubber band (Shift/Ctrl: add to the selection)
 *   with a device tool             → a click places that device
 * Middle button drags pan; scrolling pans; Ctrl+scroll and pinching zoom at the pointer.
 * Keys (when the canvas has focus): Delete/BackSpace delete the selection, Escape cancels,
 * Ctrl+A selects everything.  Palette drops (GtkDropTarget of a kind name) show a ghost tile
 * under the pointer, then add the device where it is dropped.
 */
#define G_LOG_DOMAIN "wl-canvas"
#include "config.h"

#include <math.h>

#include "wl-canvas-private.h"

#define CLICK_SLOP 4.0 /* pixels a click may move and stay a click */

static gboolean
modifier_held (GtkGesture *gesture)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  return (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0;
}

static void
begin_select (WlCanvas *self,
              GtkGesture *gesture,
              double x,
              double y)
{
  gboolean extend = modifier_held (gesture);
  int device = wl_canvas_device_at (self, x, y);
  int link;

  if (device >= 0)
    {
      self->click_selects = FALSE;
      if (extend)
        {
          wl_lab_document_toggle_device (self->doc, (guint) device);
          if (!wl_lab_document_is_device_selected (self->doc, (guint) device))
            return; /* toggled off: nothing to drag */
        }
      else if (!wl_lab_document_is_device_selected (self->doc, (guint) device))
        wl_lab_document_select_device (self->doc, (guint) device, FALSE);
      else
        self->click_selects = TRUE; /* maybe the start of moving the whole selection */
      self->drag = WL_DRAG_MOVE;
      self->cable_from = (guint) device; /* the device under the pointer leads the snapping */
      self->move_dx = self->move_dy = 0;
      return;
    }
  if ((link = _wl_canvas_link_at (self, x, y)) >= 0)
    {
      wl_lab_document_select_link (self->doc, (guint) link, extend);
      return;
    }
  self->drag = WL_DRAG_RUBBER;
  self->rubber_extend = extend;
  if (!extend)
    wl_lab_document_select_none (self->doc);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double x,
               double y,
               WlCanvas *self)
{
  int device;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (self->doc == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->start_x = self->pointer_x = x;
  self->start_y = self->pointer_y = y;
  self->offset_x = self->offset_y = 0;
  self->drag = WL_DRAG_NONE;
  device = wl_canvas_device_at (self, x, y);

  if (_wl_canvas_tool_kind (self) >= 0)
    self->drag = WL_DRAG_CLICK;
  else if (self->hover_device >= 0 && g_strcmp0 (self->tool, "select") == 0
           && _wl_canvas_handle_at (self, (guint) self->hover_device, x, y))
    {
      self->drag = WL_DRAG_CABLE;
      self->cable_from = (guint) self->hover_device;
    }
  else if (g_strcmp0 (self->tool, "cable") == 0)
    {
      if (device >= 0)
        {
          self->drag = WL_DRAG_CABLE;
          self->cable_from = (guint) device;
        }
    }
  else
    begin_select (self, GTK_GESTURE (gesture), x, y);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double ox,
                double oy,
                WlCanvas *self)
{
  self->offset_x = ox;
  self->offset_y = oy;
  self->pointer_x = self->start_x + ox;
  self->pointer_y = self->start_y + oy;
  if (self->drag == WL_DRAG_MOVE)
    {
      const WlLabDevice *lead = wl_lab_get_device (wl_lab_document_get_lab (self->doc),
                                                   self->cable_from);
      double zoom = wl_viewport_get_zoom (self->viewport);

      /* the grabbed device lands on the grid; the others keep their distance to it */
      self->move_dx = _wl_canvas_snap (lead->x + ox / zoom) - lead->x;
      self->move_dy = _wl_canvas_snap (lead->y + oy / zoom) - lead->y;
    }
  else if (self->drag == WL_DRAG_CABLE)
    self->hover_device = wl_canvas_device_at (self, self->pointer_x, self->pointer_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
end_move (WlCanvas *self)
{
  GArray *sel = wl_lab_document_get_selected_devices (self->doc);
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  g_autofree guint *indices = NULL;
  g_autofree double *xs = NULL, *ys = NULL;
  double dx = self->move_dx, dy = self->move_dy;
  g_autoptr (GError) error = NULL;
  guint n = sel->len;

  self->drag = WL_DRAG_NONE;
  if (dx == 0 && dy == 0)
    return;
  indices = g_memdup2 (sel->data, n * sizeof (guint));
  xs = g_new (double, n);
  ys = g_new (double, n);
  for (guint i = 0; i < n; i++)
    {
      const WlLabDevice *dev = wl_lab_get_device (lab, indices[i]);

      xs[i] = dev->x + dx;
      ys[i] = dev->y + dy;
    }
  if (!wl_lab_document_move_devices (self->doc, indices, xs, ys, n, &error))
    _wl_canvas_message (self, error->message);
}

static void
end_rubber (WlCanvas *self)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  g_autoptr (GArray) devices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) links = g_array_new (FALSE, FALSE, sizeof (guint));
  double x0 = MIN (self->start_x, self->pointer_x), x1 = MAX (self->start_x, self->pointer_x);
  double y0 = MIN (self->start_y, self->pointer_y), y1 = MAX (self->start_y, self->pointer_y);
  g_autofree gboolean *inside = g_new0 (gboolean, lab->devices->len + 1);

  self->drag = WL_DRAG_NONE;
  if (self->rubber_extend)
    {
      g_array_append_vals (devices, wl_lab_document_get_selected_devices (self->doc)->data,
                           wl_lab_document_get_selected_devices (self->doc)->len);
      g_array_append_vals (links, wl_lab_document_get_selected_links (self->doc)->data,
                           wl_lab_document_get_selected_links (self->doc)->len);
    }
  for (guint i = 0; i < lab->devices->len; i++)
    {
      double wx, wy;

      wl_canvas_get_device_position (self, i, &wx, &wy);
      if ((inside[i] = wx >= x0 && wx <= x1 && wy >= y0 && wy <= y1))
        g_array_append_val (devices, i);
    }
  /* a cable is inside when both its ends are */
  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);

      if (inside[link->dev_a] && inside[link->dev_b])
        g_array_append_val (links, i);
    }
  wl_lab_document_set_selection (self->doc, (guint *) (gpointer) devices->data, devices->len,
                                 (guint *) (gpointer) links->data, links->len);
}

static void
end_cable (WlCanvas *self)
{
  int target = wl_canvas_device_at (self, self->pointer_x, self->pointer_y);
  g_autoptr (GError) error = NULL;
  int link;

  self->drag = WL_DRAG_NONE;
  if (target < 0 || (guint) target == self->cable_from)
    return;
  link = wl_lab_document_connect (self->doc, self->cable_from, (guint) target, &error);
  if (link < 0)
    _wl_canvas_message (self, error->message);
  else
    wl_lab_document_select_link (self->doc, (guint) link, FALSE);
}

static void
on_drag_end (GtkGestureDrag *gesture,
             double ox,
             double oy,
             WlCanvas *self)
{
  WlDragMode mode = self->drag;

  if (self->doc == NULL)
    return;
  on_drag_update (gesture, ox, oy, self);
  switch (mode)
    {
    case WL_DRAG_MOVE:
      if (self->click_selects && hypot (ox, oy) <= CLICK_SLOP)
        {
          self->drag = WL_DRAG_NONE;
          wl_lab_document_select_device (self->doc, self->cable_from, FALSE);
          break;
        }
      end_move (self);
      break;
    case WL_DRAG_RUBBER:
      end_rubber (self);
      break;
    case WL_DRAG_CABLE:
      end_cable (self);
      break;
    case WL_DRAG_CLICK:
      self->drag = WL_DRAG_NONE;
      if (hypot (ox, oy) <= CLICK_SLOP
          && wl_canvas_drop_device (self, self->tool, self->start_x, self->start_y) >= 0)
        _wl_canvas_tool_done (self);
      break;
    case WL_DRAG_NONE:
    default:
      break;
    }
  self->drag = WL_DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_cancel (GtkGesture *gesture,
                GdkEventSequence *sequence,
                WlCanvas *self)
{
  self->drag = WL_DRAG_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_pan_begin (GtkGestureDrag *gesture,
              double x,
              double y,
              WlCanvas *self)
{
  self->pan_last_x = self->pan_last_y = 0;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_pan_update (GtkGestureDrag *gesture,
               double ox,
               double oy,
               WlCanvas *self)
{
  wl_viewport_scroll (self->viewport, -(ox - self->pan_last_x), -(oy - self->pan_last_y));
  self->pan_last_x = ox;
  self->pan_last_y = oy;
}

static void
on_pan_end (GtkGestureDrag *gesture,
            double ox,
            double oy,
            WlCanvas *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   g_strcmp0 (self->tool, "select") == 0 ? NULL : "crosshair");
}

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double dx,
           double dy,
           WlCanvas *self)
{
  GdkModifierType state =
    gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  /* a wheel click is one step; a touchpad reports pixels */
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? 40 : 1;

  if (state & GDK_CONTROL_MASK)
    {
      wl_viewport_zoom_at (self->viewport, pow (1.1, -dy * (step > 1 ? 1 : 0.1)),
                           self->pointer_x, self->pointer_y);
      return TRUE;
    }
  if (state & GDK_SHIFT_MASK && dx == 0)
    dx = dy, dy = 0;
  wl_viewport_scroll (self->viewport, dx * step, dy * step);
  return TRUE;
}

static void
on_pinch_begin (GtkGesture *gesture,
                GdkEventSequence *sequence,
                WlCanvas *self)
{
  self->pinch_zoom = wl_viewport_get_zoom (self->viewport);
}

static void
on_pinch_scale (GtkGestureZoom *gesture,
                double scale,
                WlCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    x = self->pointer_x, y = self->pointer_y;
  wl_viewport_set_zoom (self->viewport, self->pinch_zoom * scale, x, y);
}

static void
update_hover (WlCanvas *self,
              double x,
              double y)
{
  int device, link = -1;
  gboolean handle = FALSE;

  self->pointer_x = x;
  self->pointer_y = y;
  if (self->doc == NULL || self->drag != WL_DRAG_NONE)
    return;
  /* the handle sticks out of its tile: it belongs to the device already hovered */
  if (self->hover_device >= 0 && _wl_canvas_handle_at (self, (guint) self->hover_device, x, y))
    device = self->hover_device, handle = TRUE;
  else if ((device = wl_canvas_device_at (self, x, y)) < 0)
    link = _wl_canvas_link_at (self, x, y);
  if (device == self->hover_device && link == self->hover_link && handle == self->hover_handle)
    return;
  self->hover_device = device;
  self->hover_link = link;
  self->hover_handle = handle;
  if (g_strcmp0 (self->tool, "select") == 0)
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                     handle ? "crosshair" : device >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *controller,
           double x,
           double y,
           WlCanvas *self)
{
  self->pointer_inside = TRUE;
  update_hover (self, x, y);
}

static void
on_leave (GtkEventControllerMotion *controller,
          WlCanvas *self)
{
  self->pointer_inside = FALSE;
  if (self->drag != WL_DRAG_NONE)
    return;
  self->hover_device = self->hover_link = -1;
  self->hover_handle = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target,
                double x,
                double y,
                WlCanvas *self)
{
  const GValue *value = gtk_drop_target_get_value (target);
  WlDeviceKind kind;

  if (self->doc == NULL || value == NULL || !G_VALUE_HOLDS_STRING (value)
      || !wl_device_kind_from_string (g_value_get_string (value), &kind))
    return 0;
  self->drop_kind = (int) kind;
  wl_viewport_to_canvas (self->viewport, x, y, &self->drop_x, &self->drop_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target,
               WlCanvas *self)
{
  self->drop_kind = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue *value,
         double x,
         double y,
         WlCanvas *self)
{
  self->drop_kind = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (!G_VALUE_HOLDS_STRING (value))
    return FALSE;
  if (wl_canvas_drop_device (self, g_value_get_string (value), x, y) < 0)
    return FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  _wl_canvas_tool_done (self);
  return TRUE;
}

void
_wl_canvas_init_input (WlCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pan = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
    gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_COPY);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (pan), GDK_BUTTON_MIDDLE);
  g_signal_connect (pan, "drag-begin", G_CALLBACK (on_pan_begin), self);
  g_signal_connect (pan, "drag-update", G_CALLBACK (on_pan_update), self);
  g_signal_connect (pan, "drag-end", G_CALLBACK (on_pan_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pan));

  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (widget, scroll);

  g_signal_connect (motion, "enter", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (widget, motion);

  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drop));
}

static gboolean
delete_selection (GtkWidget *widget,
                  GVariant *args,
                  gpointer user_data)
{
  WlCanvas *self = WL_CANVAS (widget);
  g_autoptr (GError) error = NULL;

  if (self->doc == NULL)
    return FALSE;
  if (!wl_lab_document_delete_selection (self->doc, &error) && error != NULL)
    _wl_canvas_message (self, error->message);
  return TRUE;
}

static gboolean
cancel (GtkWidget *widget,
        GVariant *args,
        gpointer user_data)
{
  WlCanvas *self = WL_CANVAS (widget);

  if (self->drag != WL_DRAG_NONE)
    self->drag = WL_DRAG_NONE;
  else if (g_strcmp0 (self->tool, "select") != 0)
    _wl_canvas_tool_done (self);
  else if (self->doc != NULL)
    wl_lab_document_select_none (self->doc);
  gtk_widget_queue_draw (widget);
  return TRUE;
}

static gboolean
select_all (GtkWidget *widget,
            GVariant *args,
            gpointer user_data)
{
  WlCanvas *self = WL_CANVAS (widget);

  if (self->doc != NULL)
    wl_lab_document_select_all (self->doc);
  return TRUE;
}

void
_wl_canvas_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_selection, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_selection, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_BackSpace, 0, delete_selection, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, cancel, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, select_all, NULL);
}
