/* wl-canvas.c — the canvas widget: document binding, warnings, zoom, tooltips.
 *
 * Drawing is in wl-canvas-draw.c, pointer/keyboard/drop handling in wl-canvas-input.c and
 * geometry and hit testing in wl-canvas-geometry.c;
 * this file owns the state they share (wl-canvas-private.h).  The canvas never caches the
 * document's lab: it is replaced by every edit, so each draw and each hit test asks for it.
 */
#define G_LOG_DOMAIN "wl-canvas"
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "doc/wl-lab-warnings.h"
#include "wl-canvas-private.h"

G_DEFINE_FINAL_TYPE (WlCanvas, wl_canvas, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_TOOL,
  PROP_VIEWPORT,
  N_PROPS
};

enum
{
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
clear_warnings (WlCanvas *self)
{
  for (guint i = 0; i < self->n_warn; i++)
    g_free (self->warn_text[i]);
  g_clear_pointer (&self->warn_text, g_free);
  g_clear_pointer (&self->warn_counts, g_free);
  g_clear_pointer (&self->info_counts, g_free);
  self->n_warn = 0;
}

static void
update_warnings (WlCanvas *self)
{
  g_autoptr (GPtrArray) warnings = NULL;
  WlLab *lab;
  g_autofree GString **texts = NULL;

  clear_warnings (self);
  if (self->doc == NULL)
    return;
  lab = wl_lab_document_get_lab (self->doc);
  warnings = wl_lab_check_warnings (lab);
  self->n_warn = lab->devices->len;
  self->warn_counts = g_new0 (guint, self->n_warn + 1);
  self->info_counts = g_new0 (guint, self->n_warn + 1);
  self->warn_text = g_new0 (char *, self->n_warn + 1);
  texts = g_new0 (GString *, self->n_warn + 1);
  for (guint i = 0; i < warnings->len; i++)
    {
      const WlLabWarning *w = g_ptr_array_index (warnings, i);

      if (w->info)
        self->info_counts[w->device]++;
      else
        self->warn_counts[w->device]++;
      if (texts[w->device] == NULL)
        texts[w->device] = g_string_new (w->message);
      else
        g_string_append_printf (texts[w->device], "\n%s", w->message);
    }
  for (guint i = 0; i < self->n_warn; i++)
    if (texts[i] != NULL)
      self->warn_text[i] = g_string_free (texts[i], FALSE);
}

static void
on_document_changed (WlCanvas *self)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);

  update_warnings (self);
  if (self->hover_device >= (int) lab->devices->len)
    self->hover_device = -1;
  if (self->hover_link >= (int) lab->links->len)
    self->hover_link = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wl_canvas_dispose (GObject *object)
{
  WlCanvas *self = WL_CANVAS (object);

  wl_canvas_set_document (self, NULL);
  g_clear_object (&self->viewport);
  for (guint i = 0; i < WL_DEVICE_KIND_LAST; i++)
    g_clear_object (&self->icons[i]);
  G_OBJECT_CLASS (wl_canvas_parent_class)->dispose (object);
}

static void
wl_canvas_finalize (GObject *object)
{
  WlCanvas *self = WL_CANVAS (object);

  clear_warnings (self);
  g_free (self->tool);
  G_OBJECT_CLASS (wl_canvas_parent_class)->finalize (object);
}

static void
wl_canvas_get_property (GObject *object,
                        guint prop_id,
                        GValue *value,
                        GParamSpec *pspec)
{
  WlCanvas *self = WL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->doc);
      break;
    case PROP_TOOL:
      g_value_set_string (value, self->tool);
      break;
    case PROP_VIEWPORT:
      g_value_set_object (value, self->viewport);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wl_canvas_set_property (GObject *object,
                        guint prop_id,
                        const GValue *value,
                        GParamSpec *pspec)
{
  WlCanvas *self = WL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      wl_canvas_set_document (self, g_value_get_object (value));
      break;
    case PROP_TOOL:
      wl_canvas_set_tool (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wl_canvas_size_allocate (GtkWidget *widget,
                         int width,
                         int height,
                         int baseline)
{
  WlCanvas *self = WL_CANVAS (widget);

  if (self->fit_pending && width > 1 && height > 1)
    {
      self->fit_pending = FALSE;
      wl_canvas_zoom_fit (self);
    }
}

/* Symbolic icons from the app's resources (icons/scalable/actions/wl-*-symbolic.svg), looked
 * up large so that zooming in stays sharp. */
static void
load_icons (WlCanvas *self)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));

  for (guint k = 0; k < WL_DEVICE_KIND_LAST; k++)
    {
      g_autofree char *name = g_strdup_printf ("wl-%s-symbolic", wl_device_kind_to_string (k));

      g_clear_object (&self->icons[k]);
      self->icons[k] = gtk_icon_theme_lookup_icon (theme, name, NULL, 64, 1,
                                                   gtk_widget_get_direction (GTK_WIDGET (self)),
                                                   0);
    }
}

static void
wl_canvas_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (wl_canvas_parent_class)->realize (widget);
  load_icons (WL_CANVAS (widget));
}

static char *
device_tooltip (WlCanvas *self,
                guint index)
{
  WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (self->doc), index);
  GString *s = g_string_new (NULL);
  g_autofree char *name = g_markup_escape_text (dev->name, -1);

  g_string_append_printf (s, "<b>%s</b>", name);
  for (guint i = 0; i < dev->ifaces->len && wl_device_kind_has_ip (dev->kind); i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);
      char ip[16];

      if (iface->dhcp)
        g_string_append_printf (s, "\n%s: %s", iface->name, _("DHCP"));
      else if (iface->address != 0)
        g_string_append_printf (s, "\n%s: %s/%u", iface->name,
                                wl_ip_format (iface->address, ip), iface->prefix);
    }
  if (index < self->n_warn && self->warn_text[index] != NULL)
    {
      g_autofree char *text = g_markup_escape_text (self->warn_text[index], -1);

      g_string_append_printf (s, "\n%s %s", self->warn_counts[index] > 0 ? "⚠" : "ℹ", text);
    }
  return g_string_free (s, FALSE);
}

static char *
link_tooltip (WlCanvas *self,
              guint index)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  const WlLabLink *link = g_ptr_array_index (lab->links, index);
  const WlLabDevice *a = wl_lab_get_device (lab, link->dev_a);
  const WlLabDevice *b = wl_lab_get_device (lab, link->dev_b);
  const WlLabIface *ia = g_ptr_array_index (a->ifaces, link->if_a);
  const WlLabIface *ib = g_ptr_array_index (b->ifaces, link->if_b);
  g_autofree char *delay = wl_format_time (link->delay);
  g_autofree char *bw = wl_format_bandwidth (link->bandwidth);
  g_autofree char *text = g_strdup_printf ("%s  %s %s ↔ %s %s\n%s, %sbit/s", link->name,
                                           a->name, ia->name, b->name, ib->name, delay, bw);

  return g_markup_escape_text (text, -1);
}

static gboolean
on_query_tooltip (GtkWidget *widget,
                  int x,
                  int y,
                  gboolean keyboard,
                  GtkTooltip *tooltip)
{
  WlCanvas *self = WL_CANVAS (widget);
  g_autofree char *markup = NULL;
  int index;

  if (self->doc == NULL || self->drag != WL_DRAG_NONE)
    return FALSE;
  if ((index = wl_canvas_device_at (self, x, y)) >= 0)
    markup = device_tooltip (self, (guint) index);
  else if ((index = _wl_canvas_link_at (self, x, y)) >= 0)
    markup = link_tooltip (self, (guint) index);
  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

static void
wl_canvas_class_init (WlCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wl_canvas_dispose;
  object_class->finalize = wl_canvas_finalize;
  object_class->get_property = wl_canvas_get_property;
  object_class->set_property = wl_canvas_set_property;
  widget_class->snapshot = _wl_canvas_snapshot;
  widget_class->size_allocate = wl_canvas_size_allocate;
  widget_class->realize = wl_canvas_realize;
  widget_class->query_tooltip = on_query_tooltip;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, WL_TYPE_LAB_DOCUMENT,
                                                   G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOOL] = g_param_spec_string ("tool", NULL, NULL, "select",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY
                                               | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEWPORT] = g_param_spec_object ("viewport", NULL, NULL, WL_TYPE_VIEWPORT,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a refusal to tell the user about ("PC1 has no free port") */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "wlcanvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  _wl_canvas_class_init_input (widget_class);
}

static void
on_viewport_notify (WlCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
wl_canvas_init (WlCanvas *self)
{
  self->tool = g_strdup ("select");
  self->viewport = wl_viewport_new ();
  self->hover_device = self->hover_link = -1;
  self->drop_kind = -1;
  self->fit_pending = TRUE;
  g_signal_connect_object (self->viewport, "notify", G_CALLBACK (on_viewport_notify), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  _wl_canvas_init_input (self);
}

GtkWidget *
wl_canvas_new (void)
{
  return g_object_new (WL_TYPE_CANVAS, NULL);
}

WlLabDocument *
wl_canvas_get_document (WlCanvas *self)
{
  g_return_val_if_fail (WL_IS_CANVAS (self), NULL);

  return self->doc;
}

void
wl_canvas_set_document (WlCanvas *self,
                        WlLabDocument *document)
{
  g_return_if_fail (WL_IS_CANVAS (self));
  g_return_if_fail (document == NULL || WL_IS_LAB_DOCUMENT (document));

  if (self->doc == document)
    return;
  if (self->doc != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->doc);
      g_clear_signal_handler (&self->selection_id, self->doc);
      g_clear_object (&self->doc);
    }
  self->drag = WL_DRAG_NONE;
  self->hover_device = self->hover_link = -1;
  if (document != NULL)
    {
      self->doc = g_object_ref (document);
      self->changed_id = g_signal_connect_swapped (document, "changed",
                                                   G_CALLBACK (on_document_changed), self);
      self->selection_id = g_signal_connect_swapped (document, "selection-changed",
                                                     G_CALLBACK (gtk_widget_queue_draw), self);
      self->fit_pending = TRUE;
      if (gtk_widget_get_width (GTK_WIDGET (self)) > 1)
        gtk_widget_queue_allocate (GTK_WIDGET (self));
    }
  update_warnings (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

WlViewport *
wl_canvas_get_viewport (WlCanvas *self)
{
  g_return_val_if_fail (WL_IS_CANVAS (self), NULL);

  return self->viewport;
}

const char *
wl_canvas_get_tool (WlCanvas *self)
{
  g_return_val_if_fail (WL_IS_CANVAS (self), NULL);

  return self->tool;
}

void
wl_canvas_set_tool (WlCanvas *self,
                    const char *tool)
{
  g_return_if_fail (WL_IS_CANVAS (self));

  if (tool == NULL)
    tool = "select";
  if (g_strcmp0 (self->tool, tool) == 0)
    return;
  g_free (self->tool);
  self->tool = g_strdup (tool);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   g_str_equal (tool, "select") ? NULL : "crosshair");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOOL]);
}

/* The device kind of the tool, or -1 for "select" and "cable". */
int
_wl_canvas_tool_kind (WlCanvas *self)
{
  WlDeviceKind kind;

  return wl_device_kind_from_string (self->tool, &kind) ? (int) kind : -1;
}

void
_wl_canvas_tool_done (WlCanvas *self)
{
  wl_canvas_set_tool (self, "select");
}

void
_wl_canvas_message (WlCanvas *self,
                    const char *message)
{
  g_signal_emit (self, signals[MESSAGE], 0, message);
}

double
_wl_canvas_snap (double v)
{
  return round (v / WL_CANVAS_GRID) * WL_CANVAS_GRID;
}

/* The kind colours, from the GNOME palette: one hue per kind so a topology reads at a glance. */
GdkRGBA
_wl_canvas_kind_color (WlDeviceKind kind)
{
  static const char *const colors[WL_DEVICE_KIND_LAST] = {
    [WL_DEVICE_PC] = "#3584e4",     [WL_DEVICE_SERVER] = "#9141ac",
    [WL_DEVICE_HUB] = "#e66100",    [WL_DEVICE_REPEATER] = "#986a44",
    [WL_DEVICE_SWITCH] = "#26a269", [WL_DEVICE_ROUTER] = "#e01b24",
  };
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, colors[kind < WL_DEVICE_KIND_LAST ? kind : 0]);
  return rgba;
}

static void
zoom_center (WlCanvas *self,
             double zoom)
{
  wl_viewport_set_zoom (self->viewport, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                        gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
wl_canvas_zoom_in (WlCanvas *self)
{
  g_return_if_fail (WL_IS_CANVAS (self));

  zoom_center (self, wl_viewport_get_zoom (self->viewport) * 1.25);
}

void
wl_canvas_zoom_out (WlCanvas *self)
{
  g_return_if_fail (WL_IS_CANVAS (self));

  zoom_center (self, wl_viewport_get_zoom (self->viewport) / 1.25);
}

void
wl_canvas_zoom_reset (WlCanvas *self)
{
  g_return_if_fail (WL_IS_CANVAS (self));

  zoom_center (self, 1.0);
}

void
wl_canvas_zoom_fit (WlCanvas *self)
{
  double x0 = 0, y0 = 0, x1 = 400, y1 = 300;
  WlLab *lab;

  g_return_if_fail (WL_IS_CANVAS (self));

  if (self->doc != NULL && (lab = wl_lab_document_get_lab (self->doc))->devices->len > 0)
    {
      x0 = y0 = G_MAXDOUBLE;
      x1 = y1 = -G_MAXDOUBLE;
      for (guint i = 0; i < lab->devices->len; i++)
        {
          const WlLabDevice *dev = g_ptr_array_index (lab->devices, i);

          x0 = MIN (x0, dev->x - WL_TILE);
          y0 = MIN (y0, dev->y - WL_TILE);
          x1 = MAX (x1, dev->x + WL_TILE);
          y1 = MAX (y1, dev->y + WL_TILE + 16);
        }
    }
  wl_viewport_fit (self->viewport, x0, y0, x1 - x0, y1 - y0,
                   gtk_widget_get_width (GTK_WIDGET (self)),
                   gtk_widget_get_height (GTK_WIDGET (self)), 24);
}

int
wl_canvas_drop_device (WlCanvas *self,
                       const char *kind_name,
                       double x,
                       double y)
{
  g_autoptr (GError) error = NULL;
  WlDeviceKind kind;
  double cx, cy;
  int index;

  g_return_val_if_fail (WL_IS_CANVAS (self), -1);

  if (self->doc == NULL || !wl_device_kind_from_string (kind_name, &kind))
    return -1;
  wl_viewport_to_canvas (self->viewport, x, y, &cx, &cy);
  index = wl_lab_document_add_device (self->doc, kind, _wl_canvas_snap (cx), _wl_canvas_snap (cy),
                                      &error);
  if (index < 0)
    _wl_canvas_message (self, error->message);
  return index;
}
