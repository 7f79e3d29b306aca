/* wl-palette.c — tool and device buttons, each a drag source for its device kind. */
#define G_LOG_DOMAIN "wl-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-palette.h"
#include "wl-ui.h"

struct _WlPalette
{
  GtkWidget   parent_instance;

  GtkWidget  *box;
  GHashTable *buttons; /* tool name → GtkToggleButton (borrowed) */
};

G_DEFINE_FINAL_TYPE (WlPalette, wl_palette, GTK_TYPE_WIDGET)

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source,
                 double x,
                 double y,
                 const char *kind)
{
  WlDeviceKind k;
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));
  g_autoptr (GtkIconPaintable) icon = NULL;

  if (wl_device_kind_from_string (kind, &k))
    {
      icon = gtk_icon_theme_lookup_icon (theme, wl_ui_kind_icon_name (k), NULL, 32,
                                         gtk_widget_get_scale_factor (widget),
                                         gtk_widget_get_direction (widget), 0);
      gtk_drag_source_set_icon (source, GDK_PAINTABLE (icon), 16, 16);
    }
  return gdk_content_provider_new_typed (G_TYPE_STRING, kind);
}

static GtkWidget *
add_button (WlPalette *self,
            GtkWidget *grid,
            guint position,
            const char *tool,
            const char *icon_name,
            const char *label,
            const char *tooltip)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *text = gtk_label_new (label);

  gtk_image_set_pixel_size (GTK_IMAGE (image), 32);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (text, "caption");
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), text);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "wl-palette-button");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.tool");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", tool);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_grid_attach (GTK_GRID (grid), button, (int) (position % 2), (int) (position / 2), 1, 1);
  g_hash_table_insert (self->buttons, g_strdup (tool), button);
  return button;
}

static GtkWidget *
add_section (WlPalette *self,
             const char *title)
{
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *grid = gtk_grid_new ();

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");
  gtk_widget_set_margin_start (heading, 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  gtk_box_append (GTK_BOX (self->box), heading);
  gtk_box_append (GTK_BOX (self->box), grid);
  return grid;
}

static void
wl_palette_dispose (GObject *object)
{
  WlPalette *self = WL_PALETTE (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->buttons, g_hash_table_unref);
  G_OBJECT_CLASS (wl_palette_parent_class)->dispose (object);
}

static void
wl_palette_class_init (WlPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wl_palette_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "wlpalette");
}

static void
wl_palette_init (WlPalette *self)
{
  GtkWidget *grid;

  self->buttons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 6);
  gtk_widget_set_margin_end (self->box, 6);

  grid = add_section (self, _("Tools"));
  add_button (self, grid, 0, "select", "wl-pointer-symbolic", _("Select"),
              _("Select, move and delete (Esc)"));
  add_button (self, grid, 1, "cable", "wl-cable-symbolic", _("Cable"),
              _("Drag from one device to another to connect them with a cable"));

  grid = add_section (self, _("Devices"));
  gtk_widget_set_margin_top (gtk_widget_get_prev_sibling (grid), 12);
  for (guint k = 0; k < WL_DEVICE_KIND_LAST; k++)
    {
      const char *kind = wl_device_kind_to_string (k);
      g_autofree char *tooltip =
        g_strdup_printf ("%s\n%s", wl_ui_kind_description (k),
                         _("Drag it onto the canvas, or click it and then click on the canvas"));
      GtkWidget *button = add_button (self, grid, k, kind, wl_ui_kind_icon_name (k),
                                      wl_ui_kind_label (k), tooltip);
      GtkDragSource *source = gtk_drag_source_new ();

      gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
      g_signal_connect_data (source, "prepare", G_CALLBACK (on_drag_prepare), g_strdup (kind),
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      gtk_widget_add_controller (button, GTK_EVENT_CONTROLLER (source));
    }
}

GtkWidget *
wl_palette_new (void)
{
  return g_object_new (WL_TYPE_PALETTE, NULL);
}

GtkWidget *
wl_palette_get_button (WlPalette *self,
                       const char *tool)
{
  g_return_val_if_fail (WL_IS_PALETTE (self), NULL);

  return g_hash_table_lookup (self->buttons, tool);
}
