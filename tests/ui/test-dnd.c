/* A real pointer (xdotool on the Xvfb server) on the palette and the canvas: drag a device
 * from the palette, click-to-place, move by dragging, cable from the handle, rubber band,
 * Shift+click, the Delete key, Ctrl+scroll zoom. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ui-test-util.h"

typedef struct
{
  WlWindow      *window;
  WlLabDocument *doc;
  WlCanvas      *canvas;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  f->window = WL_WINDOW (wl_application_new_window (ui_test_get_app ()));
  ui_test_wait_shown (f->window);
  f->doc = wl_window_get_document (f->window);
  f->canvas = wl_window_get_canvas (f->window);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  ui_test_close (f->window);
}

static char *
num (int v)
{
  return g_strdup_printf ("%d", v);
}

/* Presses at (x0, y0) of from, moves in steps to (x1, y1) of to, releases.  Pauses let GTK
 * see the motion (drag thresholds, XDND round trips) as a hand would make it. */
static void
pointer_drag (GtkWidget *from,
              double x0,
              double y0,
              GtkWidget *to,
              double x1,
              double y1,
              const char *modifier)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  int sx, sy, tx, ty;

  ui_test_screen_point (from, x0, y0, &sx, &sy);
  ui_test_screen_point (to, x1, y1, &tx, &ty);
#define ADD(s) g_ptr_array_add (args, g_strdup (s))
  ADD ("mousemove"), ADD ("--sync"), g_ptr_array_add (args, num (sx)),
    g_ptr_array_add (args, num (sy));
  ADD ("sleep"), ADD ("0.2");
  if (modifier != NULL)
    ADD ("keydown"), ADD (modifier);
  ADD ("mousedown"), ADD ("1"), ADD ("sleep"), ADD ("0.2");
  for (int i = 1; i <= 8; i++)
    {
      ADD ("mousemove"), g_ptr_array_add (args, num (sx + (tx - sx) * i / 8));
      g_ptr_array_add (args, num (sy + (ty - sy) * i / 8)), ADD ("sleep"), ADD ("0.1");
    }
  ADD ("mousemove"), g_ptr_array_add (args, num (tx + 1)), g_ptr_array_add (args, num (ty));
  ADD ("sleep"), ADD ("0.3"), ADD ("mouseup"), ADD ("1");
  if (modifier != NULL)
    ADD ("keyup"), ADD (modifier);
  ADD ("sleep"), ADD ("0.3");
#undef ADD
  g_ptr_array_add (args, NULL);
  g_assert_true (ui_test_xdotool ((const char *const *) args->pdata));
  ui_test_spin (200);
}

static void
click (GtkWidget *widget,
       double x,
       double y,
       const char *modifier)
{
  g_autofree char *sx = NULL, *sy = NULL;
  int px, py;

  ui_test_screen_point (widget, x, y, &px, &py);
  sx = num (px);
  sy = num (py);
  if (modifier == NULL)
    g_assert_true (ui_test_xdotool ((const char *const[]) {
      "mousemove", "--sync", sx, sy, "sleep", "0.1", "click", "1", "sleep", "0.2", NULL }));
  else
    g_assert_true (ui_test_xdotool ((const char *const[]) {
      "mousemove", "--sync", sx, sy, "sleep", "0.1", "keydown", modifier, "click", "1", "keyup",
      modifier, "sleep", "0.2", NULL }));
  ui_test_spin (100);
}

static gboolean
has_devices (gpointer data)
{
  Fixture *f = data;

  return wl_lab_document_get_lab (f->doc)->devices->len > 0;
}

/* A real XDND drag from the palette's Switch button onto the canvas adds a switch where it
 * was dropped (snapped to the grid), and only one. */
static void
test_palette_drag (Fixture *f,
                   gconstpointer data)
{
  GtkWidget *button = wl_palette_get_button (wl_window_get_palette (f->window), "switch");
  GtkWidget *canvas = GTK_WIDGET (f->canvas);
  double tx = gtk_widget_get_width (canvas) / 2.0, ty = gtk_widget_get_height (canvas) / 2.0;
  WlLab *lab;
  double cx, cy;

  g_assert_nonnull (button);
  pointer_drag (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0,
                canvas, tx, ty, NULL);
  g_assert_true (ui_test_wait (has_devices, f, 5000));
  lab = wl_lab_document_get_lab (f->doc);
  g_assert_cmpuint (lab->devices->len, ==, 1);
  g_assert_cmpint (wl_lab_get_device (lab, 0)->kind, ==, WL_DEVICE_SWITCH);
  g_assert_cmpstr (wl_lab_get_device (lab, 0)->name, ==, "Switch1");
  wl_viewport_to_canvas (wl_canvas_get_viewport (f->canvas), tx, ty, &cx, &cy);
  g_assert_cmpfloat (fabs (wl_lab_get_device (lab, 0)->x - cx), <=, WL_CANVAS_GRID);
  g_assert_cmpfloat (fabs (wl_lab_get_device (lab, 0)->y - cy), <=, WL_CANVAS_GRID);
  g_assert_cmpstr (wl_canvas_get_tool (f->canvas), ==, "select");
}

/* Click the PC button, then click on the canvas: a PC there. */
static void
test_click_to_place (Fixture *f,
                     gconstpointer data)
{
  GtkWidget *button = wl_palette_get_button (wl_window_get_palette (f->window), "pc");

  click (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0, NULL);
  g_assert_cmpstr (wl_canvas_get_tool (f->canvas), ==, "pc");
  click (GTK_WIDGET (f->canvas), 200, 150, NULL);
  g_assert_cmpuint (wl_lab_document_get_lab (f->doc)->devices->len, ==, 1);
  g_assert_cmpint (wl_lab_get_device (wl_lab_document_get_lab (f->doc), 0)->kind, ==,
                   WL_DEVICE_PC);
  g_assert_cmpstr (wl_canvas_get_tool (f->canvas), ==, "select");
}

static void
add (Fixture *f,
     const char *kind,
     double x,
     double y)
{
  double cx, cy;

  wl_viewport_to_canvas (wl_canvas_get_viewport (f->canvas), x, y, &cx, &cy);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-device", "(sdd)", kind,
                              round (cx / WL_CANVAS_GRID) * WL_CANVAS_GRID,
                              round (cy / WL_CANVAS_GRID) * WL_CANVAS_GRID);
}

static void
device_point (Fixture *f,
              guint index,
              double *x,
              double *y)
{
  g_assert_true (wl_canvas_get_device_position (f->canvas, index, x, y));
}

/* Drag a device: it moves by the pointer's offset, snapped, as one undo step. */
static void
test_move_by_drag (Fixture *f,
                   gconstpointer data)
{
  WlLabDevice *dev;
  double x, y, x0;

  add (f, "router", 200, 200);
  wl_lab_document_select_none (f->doc);
  dev = wl_lab_get_device (wl_lab_document_get_lab (f->doc), 0);
  x0 = dev->x;
  device_point (f, 0, &x, &y);
  pointer_drag (GTK_WIDGET (f->canvas), x - 10, y - 10, GTK_WIDGET (f->canvas), x + 150,
                y + 70, NULL);
  dev = wl_lab_get_device (wl_lab_document_get_lab (f->doc), 0);
  g_assert_cmpfloat (dev->x, >=, x0 + 60);
  g_assert_cmpfloat (fmod (dev->x, WL_CANVAS_GRID), ==, 0);
  g_assert_cmpfloat (fmod (dev->y, WL_CANVAS_GRID), ==, 0);
  g_assert_true (wl_lab_document_is_device_selected (f->doc, 0));
  g_assert_cmpstr (wl_lab_document_get_undo_label (f->doc), ==, "Move Router1");
}

/* From the "+" handle of a hovered device to another device: a cable, ports auto-picked;
 * a PC whose port is taken refuses a second one (and the model is unchanged). */
static void
test_cable_by_drag (Fixture *f,
                    gconstpointer data)
{
  WlLab *lab;
  const WlLabLink *link;
  double ax, ay, bx, by, cx, cy;
  int hx, hy;
  g_autofree char *sx = NULL, *sy = NULL;

  add (f, "pc", 150, 150);
  add (f, "switch", 400, 150);
  add (f, "pc", 400, 350);
  device_point (f, 0, &ax, &ay);
  device_point (f, 1, &bx, &by);
  device_point (f, 2, &cx, &cy);
  /* hover the PC first so its handle appears, then drag from the handle */
  ui_test_screen_point (GTK_WIDGET (f->canvas), ax, ay, &hx, &hy);
  sx = num (hx);
  sy = num (hy);
  g_assert_true (ui_test_xdotool ((const char *const[]) { "mousemove", "--sync", sx, sy,
                                                          "sleep", "0.2", NULL }));
  ui_test_spin (50);
  pointer_drag (GTK_WIDGET (f->canvas), ax + 24 * wl_viewport_get_zoom (
                                                       wl_canvas_get_viewport (f->canvas)),
                ay, GTK_WIDGET (f->canvas), bx, by, NULL);
  lab = wl_lab_document_get_lab (f->doc);
  g_assert_cmpuint (lab->links->len, ==, 1);
  link = g_ptr_array_index (lab->links, 0);
  g_assert_cmpuint (link->dev_a, ==, 0);
  g_assert_cmpuint (link->dev_b, ==, 1);
  g_assert_cmpuint (link->if_b, ==, 0); /* p1, the first free port */

  /* with the Cable tool, from the second PC to the first: PC1 has no free port */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.tool", "s", "cable");
  pointer_drag (GTK_WIDGET (f->canvas), cx, cy, GTK_WIDGET (f->canvas), ax, ay, NULL);
  g_assert_cmpuint (wl_lab_document_get_lab (f->doc)->links->len, ==, 1);
  pointer_drag (GTK_WIDGET (f->canvas), cx, cy, GTK_WIDGET (f->canvas), bx, by, NULL);
  lab = wl_lab_document_get_lab (f->doc);
  g_assert_cmpuint (lab->links->len, ==, 2);
  g_assert_cmpuint (((WlLabLink *) g_ptr_array_index (lab->links, 1))->if_b, ==, 1);
}

/* Rubber band around two of three devices; Shift+click adds the third; Delete removes all. */
static void
test_select_and_delete (Fixture *f,
                        gconstpointer data)
{
  double x0, y0, x1, y1, x2, y2;

  add (f, "pc", 150, 150);
  add (f, "pc", 300, 150);
  add (f, "hub", 225, 350);
  wl_lab_document_select_none (f->doc);
  device_point (f, 0, &x0, &y0);
  device_point (f, 1, &x1, &y1);
  device_point (f, 2, &x2, &y2);
  pointer_drag (GTK_WIDGET (f->canvas), x0 - 60, y0 - 60, GTK_WIDGET (f->canvas), x1 + 60,
                y1 + 40, NULL);
  g_assert_cmpuint (wl_lab_document_get_selected_devices (f->doc)->len, ==, 2);
  g_assert_false (wl_lab_document_is_device_selected (f->doc, 2));
  click (GTK_WIDGET (f->canvas), x2, y2, "shift");
  g_assert_cmpuint (wl_lab_document_get_selected_devices (f->doc)->len, ==, 3);
  /* a plain click selects only that one */
  click (GTK_WIDGET (f->canvas), x0, y0, NULL);
  g_assert_cmpuint (wl_lab_document_get_selected_devices (f->doc)->len, ==, 1);
  g_assert_true (ui_test_xdotool ((const char *const[]) { "key", "ctrl+a", "sleep", "0.2",
                                                          "key", "Delete", "sleep", "0.2",
                                                          NULL }));
  ui_test_spin (100);
  g_assert_cmpuint (wl_lab_document_get_lab (f->doc)->devices->len, ==, 0);
  g_assert_true (ui_test_xdotool ((const char *const[]) { "key", "ctrl+z", "sleep", "0.2",
                                                          NULL }));
  ui_test_spin (100);
  g_assert_cmpuint (wl_lab_document_get_lab (f->doc)->devices->len, ==, 3);
}

static void
test_ctrl_scroll_zooms (Fixture *f,
                        gconstpointer data)
{
  WlViewport *viewport = wl_canvas_get_viewport (f->canvas);
  double before = wl_viewport_get_zoom (viewport);
  int sx, sy;
  g_autofree char *x = NULL, *y = NULL;

  ui_test_screen_point (GTK_WIDGET (f->canvas), 200, 200, &sx, &sy);
  x = num (sx);
  y = num (sy);
  /* button 4 is the wheel turned up */
  g_assert_true (ui_test_xdotool ((const char *const[]) {
    "mousemove", "--sync", x, y, "keydown", "ctrl", "click", "4", "sleep", "0.1", "click", "4",
    "keyup", "ctrl", "sleep", "0.2", NULL }));
  ui_test_spin (100);
  g_assert_cmpfloat (wl_viewport_get_zoom (viewport), >, before);
}

int
main (int argc,
      char **argv)
{
  ui_test_init (&argc, &argv);
#define ADD_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD_TEST ("/ui/dnd/palette-drag-adds-device", test_palette_drag);
  ADD_TEST ("/ui/canvas/click-to-place", test_click_to_place);
  ADD_TEST ("/ui/canvas/move-by-drag", test_move_by_drag);
  ADD_TEST ("/ui/canvas/cable-by-drag", test_cable_by_drag);
  ADD_TEST ("/ui/canvas/select-and-delete", test_select_and_delete);
  ADD_TEST ("/ui/canvas/ctrl-scroll-zooms", test_ctrl_scroll_zooms);
#undef ADD_TEST
  return g_test_run ();
}
