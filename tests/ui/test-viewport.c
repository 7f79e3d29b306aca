/* The canvas viewport's arithmetic, without a display: zoom keeps the point under the
 * pointer, scrolling moves by pixels, fitting centres and clamps. */
#include "config.h"

#include "canvas/wl-viewport.h"

static void
test_zoom_keeps_point (void)
{
  g_autoptr (WlViewport) vp = wl_viewport_new ();
  double cx, cy, wx, wy;

  wl_viewport_scroll (vp, 40, -20);
  wl_viewport_to_canvas (vp, 300, 200, &cx, &cy);
  wl_viewport_zoom_at (vp, 2.0, 300, 200);
  g_assert_cmpfloat (wl_viewport_get_zoom (vp), ==, 2.0);
  wl_viewport_to_widget (vp, cx, cy, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 300, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 200, 1e-9);
  /* clamped at both ends */
  wl_viewport_zoom_at (vp, 100, 0, 0);
  g_assert_cmpfloat (wl_viewport_get_zoom (vp), ==, WL_VIEWPORT_MAX_ZOOM);
  wl_viewport_zoom_at (vp, 0.0001, 0, 0);
  g_assert_cmpfloat (wl_viewport_get_zoom (vp), ==, WL_VIEWPORT_MIN_ZOOM);
}

static void
test_scroll_in_pixels (void)
{
  g_autoptr (WlViewport) vp = wl_viewport_new ();
  double wx, wy;

  wl_viewport_set_zoom (vp, 2.0, 0, 0);
  wl_viewport_scroll (vp, 100, 50);
  /* the canvas moved 100 px left: canvas (50, 25) is now at the corner */
  wl_viewport_to_widget (vp, 50, 25, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 0, 1e-9);
}

static void
test_fit (void)
{
  g_autoptr (WlViewport) vp = wl_viewport_new ();
  double wx, wy;

  /* 1000 × 500 units into 500 × 500 px with a 50 px margin: zoom 0.4, centred */
  wl_viewport_fit (vp, 0, 0, 1000, 500, 500, 500, 50);
  g_assert_cmpfloat_with_epsilon (wl_viewport_get_zoom (vp), 0.4, 1e-9);
  wl_viewport_to_widget (vp, 500, 250, &wx, &wy);
  g_assert_cmpfloat_with_epsilon (wx, 250, 1e-9);
  g_assert_cmpfloat_with_epsilon (wy, 250, 1e-9);
  /* a tiny lab is not blown up past 150 % */
  wl_viewport_fit (vp, 0, 0, 10, 10, 800, 600, 20);
  g_assert_cmpfloat (wl_viewport_get_zoom (vp), ==, 1.5);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/viewport/zoom-keeps-point", test_zoom_keeps_point);
  g_test_add_func ("/ui/viewport/scroll-in-pixels", test_scroll_in_pixels);
  g_test_add_func ("/ui/viewport/fit", test_fit);
  return g_test_run ();
}
