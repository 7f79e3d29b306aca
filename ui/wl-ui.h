/* wl-ui.h — what every widget of the app shares: resources, icons, kind names. */
#pragma once

#include <gtk/gtk.h>

#include "lab/wl-lab.h"

G_BEGIN_DECLS

#define WL_APP_ID "io.github.wirelab.Wirelab"
#define WL_RESOURCE_PATH "/io/github/wirelab/Wirelab"

/* Registers the GResource (a static library's resource constructor can be dropped by the
 * linker, so it is registered explicitly) and, when there is a display, adds its icons to the
 * icon theme.  Safe to call more than once. */
void        wl_ui_init (void);

/* "PC", "Switch" … translated, for labels. */
const char *wl_ui_kind_label (WlDeviceKind kind);
/* One sentence on what the kind does, translated, for tooltips. */
const char *wl_ui_kind_description (WlDeviceKind kind);
/* "wl-pc-symbolic" … */
const char *wl_ui_kind_icon_name (WlDeviceKind kind);

G_END_DECLS
