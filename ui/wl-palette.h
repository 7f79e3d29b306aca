/* wl-palette.h — the tools and devices on the left of the window.
 *
 * Each button sets the window's "win.tool" action (select, cable, or a device kind: then a
 * click on the canvas places it); device buttons are also drag sources whose content is the
 * kind's name ("pc", "switch" …), which the canvas accepts as a drop.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define WL_TYPE_PALETTE (wl_palette_get_type ())
G_DECLARE_FINAL_TYPE (WlPalette, wl_palette, WL, PALETTE, GtkWidget)

GtkWidget *wl_palette_new (void);
/* The button of a tool ("select", "cable", "pc" …), or NULL. */
GtkWidget *wl_palette_get_button (WlPalette *self, const char *tool);

G_END_DECLS
