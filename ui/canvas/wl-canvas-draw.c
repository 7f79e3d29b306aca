/* wl-canvas-draw.c — painting the canvas with GtkSnapshot.
 *
 * Layers, bottom to top: grid dots, cables (cairo lines), the cable being drawn, devices
 * (rounded tiles in their kind's colour with a white symbolic glyph, name below, warning
 * badge), port names of the hovered or selected cable, the palette drop preview, and the
 * rubber band.  Colours come from the theme (fg, accent, warning), so dark mode works.
 */
#define G_LOG_DOMAIN "wl-canvas"
#include "config.h"

#include <math.h>

#include "wl-canvas-private.h"

typedef struct
{
  GdkRGBA fg, accent, accent_bg, warning, view_bg;
  double  zoom;
} Style;

static void
lookup (GtkStyleContext *ctx,
        const char *name,
        const char *fallback,
        GdkRGBA *out)
{
  if (!gtk_style_context_lookup_color (ctx, name, out))
    gdk_rgba_parse (out, fallback);
}

static void
get_style (WlCanvas *self,
           Style *style)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (GTK_WIDGET (self));

  gtk_style_context_get_color (ctx, &style->fg);
  lookup (ctx, "accent_color", "#1c71d8", &style->accent);
  lookup (ctx, "accent_bg_color", "#3584e4", &style->accent_bg);
  lookup (ctx, "warning_bg_color", "#e5a50a", &style->warning);
  lookup (ctx, "view_bg_color", "#ffffff", &style->view_bg);
  style->zoom = wl_viewport_get_zoom (self->viewport);
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float alpha)
{
  GdkRGBA c = *color;

  c.alpha *= alpha;
  return c;
}

static void
draw_grid (WlCanvas *self,
           GtkSnapshot *snapshot,
           const Style *style,
           double width,
           double height)
{
  double step = WL_CANVAS_GRID, x0, y0, cx, cy, sx, sy;
  GdkRGBA dot = with_alpha (&style->fg, 0.18f);
  cairo_t *cr;

  /* dots closer than 10 px are noise: show every fifth grid point instead */
  while (step * style->zoom < 10)
    step *= 5;
  wl_viewport_to_canvas (self->viewport, 0, 0, &x0, &y0);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_cairo_set_source_rgba (cr, &dot);
  for (cy = floor (y0 / step) * step;; cy += step)
    {
      wl_viewport_to_widget (self->viewport, 0, cy, &sx, &sy);
      if (sy > height)
        break;
      for (cx = floor (x0 / step) * step;; cx += step)
        {
          wl_viewport_to_widget (self->viewport, cx, cy, &sx, &sy);
          if (sx > width)
            break;
          cairo_rectangle (cr, sx - 1, sy - 1, 2, 2);
        }
    }
  cairo_fill (cr);
  cairo_destroy (cr);
}

static void
draw_links (WlCanvas *self,
            GtkSnapshot *snapshot,
            const Style *style,
            double width,
            double height)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  GdkRGBA line = with_alpha (&style->fg, 0.55f);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);
      gboolean selected = wl_lab_document_is_link_selected (self->doc, i);
      gboolean hover = (int) i == self->hover_link;
      double ax, ay, bx, by;

      wl_canvas_get_device_position (self, link->dev_a, &ax, &ay);
      wl_canvas_get_device_position (self, link->dev_b, &bx, &by);
      if (selected)
        {
          /* a halo under the line, so a selected cable reads even where it is crossed */
          GdkRGBA halo = with_alpha (&style->accent_bg, 0.3f);

          gdk_cairo_set_source_rgba (cr, &halo);
          cairo_set_line_width (cr, 9);
          cairo_move_to (cr, ax, ay);
          cairo_line_to (cr, bx, by);
          cairo_stroke (cr);
        }
      gdk_cairo_set_source_rgba (cr, selected ? &style->accent : &line);
      cairo_set_line_width (cr, selected || hover ? 3 : 2);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
    }
  if (self->drag == WL_DRAG_CABLE)
    {
      double ax, ay, bx = self->pointer_x, by = self->pointer_y;
      static const double dash[] = { 6, 4 };

      wl_canvas_get_device_position (self, self->cable_from, &ax, &ay);
      if (self->hover_device >= 0 && (guint) self->hover_device != self->cable_from)
        wl_canvas_get_device_position (self, (guint) self->hover_device, &bx, &by);
      gdk_cairo_set_source_rgba (cr, &style->accent);
      cairo_set_line_width (cr, 2.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, ax, ay);
      cairo_line_to (cr, bx, by);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
fill_rounded (GtkSnapshot *snapshot,
              const graphene_rect_t *rect,
              float radius,
              const GdkRGBA *color)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, rect, radius);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, color, rect);
  gtk_snapshot_pop (snapshot);
}

/* Text centred horizontally on x, top at y, on an optional pill background. */
static void
draw_text (WlCanvas *self,
           GtkSnapshot *snapshot,
           const char *text,
           double x,
           double y,
           double points,
           gboolean bold,
           const GdkRGBA *color,
           const GdkRGBA *pill)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoFontDescription *font = pango_font_description_new ();
  int w, h;

  pango_font_description_set_size (font, (int) (CLAMP (points, 5, 24) * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (pill != NULL)
    fill_rounded (snapshot, &GRAPHENE_RECT_INIT (x - w / 2.0 - 5, y - 1, w + 10, h + 2),
                  (h + 2) / 2.0f, pill);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x - w / 2.0, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_tile (WlCanvas *self,
           GtkSnapshot *snapshot,
           const Style *style,
           WlDeviceKind kind,
           double wx,
           double wy,
           gboolean selected)
{
  double s = WL_TILE * style->zoom, icon = s * 0.58;
  float radius = (float) (WL_TILE_RADIUS * style->zoom);
  graphene_rect_t r = GRAPHENE_RECT_INIT (wx - s / 2, wy - s / 2, s, s);
  GdkRGBA color = _wl_canvas_kind_color (kind), white = { 1, 1, 1, 1 };
  GdkRGBA shadow = { 0, 0, 0, 0.25f };
  GskRoundedRect rr;

  if (selected)
    {
      graphene_rect_t ring;

      graphene_rect_inset_r (&r, -4, -4, &ring);
      fill_rounded (snapshot, &ring, radius + 4, &style->accent_bg);
      graphene_rect_inset_r (&r, -2, -2, &ring);
      fill_rounded (snapshot, &ring, radius + 2, &style->view_bg);
    }
  gsk_rounded_rect_init_from_rect (&rr, &r, radius);
  gtk_snapshot_append_outset_shadow (snapshot, &rr, &shadow, 0, 1.5f, 0, 3);
  fill_rounded (snapshot, &r, radius, &color);
  if (self->icons[kind] != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (wx - icon / 2, wy - icon / 2));
      gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (self->icons[kind]),
                                                snapshot, icon, icon, &white, 1);
      gtk_snapshot_restore (snapshot);
    }
}

/* A warning ("!" on the warning colour) or, when a device only has notes, an "i". */
static void
draw_badge (WlCanvas *self,
            GtkSnapshot *snapshot,
            const Style *style,
            double x,
            double y,
            gboolean info)
{
  double r = MAX (7, 8 * style->zoom);
  GdkRGBA dark = { 0, 0, 0, 0.8f }, white = { 1, 1, 1, 1 };

  fill_rounded (snapshot, &GRAPHENE_RECT_INIT (x - r - 1.5, y - r - 1.5, 2 * r + 3, 2 * r + 3),
                (float) r + 1.5f, &style->view_bg);
  fill_rounded (snapshot, &GRAPHENE_RECT_INIT (x - r, y - r, 2 * r, 2 * r), (float) r,
                info ? &style->accent_bg : &style->warning);
  draw_text (self, snapshot, info ? "i" : "!", x, y - r * 0.95, r * 1.1, TRUE,
             info ? &white : &dark, NULL);
}

static void
draw_handle (WlCanvas *self,
             GtkSnapshot *snapshot,
             const Style *style,
             guint device)
{
  double hx, hy, r = WL_HANDLE_RADIUS;
  GdkRGBA white = { 1, 1, 1, 1 };

  _wl_canvas_handle_center (self, device, &hx, &hy);
  fill_rounded (snapshot, &GRAPHENE_RECT_INIT (hx - r - 1.5, hy - r - 1.5, 2 * r + 3, 2 * r + 3),
                (float) r + 1.5f, &white);
  fill_rounded (snapshot, &GRAPHENE_RECT_INIT (hx - r, hy - r, 2 * r, 2 * r), (float) r,
                self->hover_handle ? &style->accent : &style->accent_bg);
  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (hx - 4, hy - 0.75, 8, 1.5));
  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (hx - 0.75, hy - 4, 1.5, 8));
}

static void
draw_devices (WlCanvas *self,
              GtkSnapshot *snapshot,
              const Style *style)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  double half = WL_TILE / 2 * style->zoom, points = 9.5 * MIN (style->zoom, 1.6);

  for (guint i = 0; i < lab->devices->len; i++)
    {
      const WlLabDevice *dev = g_ptr_array_index (lab->devices, i);
      gboolean selected = wl_lab_document_is_device_selected (self->doc, i);
      double wx, wy;

      wl_canvas_get_device_position (self, i, &wx, &wy);
      draw_tile (self, snapshot, style, dev->kind, wx, wy, selected);
      draw_text (self, snapshot, dev->name, wx, wy + half + WL_LABEL_GAP * style->zoom, points,
                 selected, selected ? &style->accent : &style->fg, NULL);
      if (i < self->n_warn && self->warn_counts[i] + self->info_counts[i] > 0)
        draw_badge (self, snapshot, style, wx + half - 2, wy - half + 2,
                    self->warn_counts[i] == 0);
    }
  if (self->hover_device >= 0 && self->drag == WL_DRAG_NONE
      && g_strcmp0 (self->tool, "select") == 0)
    draw_handle (self, snapshot, style, (guint) self->hover_device);
}

/* The two port names of a cable, just outside each end's tile. */
static void
draw_port_names (WlCanvas *self,
                 GtkSnapshot *snapshot,
                 const Style *style,
                 guint index)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  const WlLabLink *link = g_ptr_array_index (lab->links, index);
  const WlLabDevice *a = wl_lab_get_device (lab, link->dev_a);
  const WlLabDevice *b = wl_lab_get_device (lab, link->dev_b);
  const WlLabIface *ia = g_ptr_array_index (a->ifaces, link->if_a);
  const WlLabIface *ib = g_ptr_array_index (b->ifaces, link->if_b);
  double ax, ay, bx, by, len, ux, uy, d = WL_TILE / 2 * style->zoom + 18;

  wl_canvas_get_device_position (self, link->dev_a, &ax, &ay);
  wl_canvas_get_device_position (self, link->dev_b, &bx, &by);
  len = hypot (bx - ax, by - ay);
  if (len < 2 * d)
    return;
  ux = (bx - ax) / len;
  uy = (by - ay) / len;
  draw_text (self, snapshot, ia->name, ax + ux * d, ay + uy * d - 8, 8.5, FALSE, &style->fg,
             &style->view_bg);
  draw_text (self, snapshot, ib->name, bx - ux * d, by - uy * d - 8, 8.5, FALSE, &style->fg,
             &style->view_bg);
}

static void
draw_overlays (WlCanvas *self,
               GtkSnapshot *snapshot,
               const Style *style)
{
  GArray *links = wl_lab_document_get_selected_links (self->doc);

  if (self->hover_link >= 0 && self->drag == WL_DRAG_NONE)
    draw_port_names (self, snapshot, style, (guint) self->hover_link);
  for (guint i = 0; i < links->len; i++)
    if ((int) g_array_index (links, guint, i) != self->hover_link)
      draw_port_names (self, snapshot, style, g_array_index (links, guint, i));

  if (self->drop_kind >= 0)
    {
      double wx, wy;

      wl_viewport_to_widget (self->viewport, _wl_canvas_snap (self->drop_x),
                             _wl_canvas_snap (self->drop_y), &wx, &wy);
      gtk_snapshot_push_opacity (snapshot, 0.5);
      draw_tile (self, snapshot, style, (WlDeviceKind) self->drop_kind, wx, wy, FALSE);
      gtk_snapshot_pop (snapshot);
    }
  if (self->drag == WL_DRAG_RUBBER)
    {
      graphene_rect_t r = GRAPHENE_RECT_INIT (self->start_x, self->start_y, self->offset_x,
                                              self->offset_y);
      GdkRGBA fill = with_alpha (&style->accent_bg, 0.15f);
      GskRoundedRect rr;
      float widths[4] = { 1, 1, 1, 1 };
      GdkRGBA colors[4] = { style->accent_bg, style->accent_bg, style->accent_bg,
                            style->accent_bg };

      graphene_rect_normalize (&r);
      gtk_snapshot_append_color (snapshot, &fill, &r);
      gsk_rounded_rect_init_from_rect (&rr, &r, 0);
      gtk_snapshot_append_border (snapshot, &rr, widths, colors);
    }
}

void
_wl_canvas_snapshot (GtkWidget *widget,
                     GtkSnapshot *snapshot)
{
  WlCanvas *self = WL_CANVAS (widget);
  double width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  Style style;

  get_style (self, &style);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_grid (self, snapshot, &style, width, height);
  if (self->doc != NULL)
    {
      draw_links (self, snapshot, &style, width, height);
      draw_devices (self, snapshot, &style);
      draw_overlays (self, snapshot, &style);
    }
  gtk_snapshot_pop (snapshot);
}
