/* wl-inspector.h — the right pane: settings of what is selected.
 *
 * Nothing selected: the lab (title, description, scenario).  One device: its name, its
 * interfaces (MAC, IPv4 address/prefix or DHCP, MTU), gateway and DNS server, static routes,
 * MAC ageing of a switch, and its scenario actions.  One cable: delay, bandwidth, jitter,
 * loss, duplication, bit errors and the MTU at each end.  Several things: a summary.
 * Every value is a WlInspectorField: invalid input is refused inline with an explanation.
 */
#pragma once

#include <gtk/gtk.h>

#include "doc/wl-lab-document.h"
#include "wl-inspector-field.h"

G_BEGIN_DECLS

#define WL_TYPE_INSPECTOR (wl_inspector_get_type ())
G_DECLARE_FINAL_TYPE (WlInspector, wl_inspector, WL, INSPECTOR, GtkWidget)

GtkWidget        *wl_inspector_new (void);
void              wl_inspector_set_document (WlInspector *self, WlLabDocument *document);
WlLabDocument    *wl_inspector_get_document (WlInspector *self);
/* The field of the page shown that edits field (of interface sub, for interface fields). */
WlInspectorField *wl_inspector_find_field (WlInspector *self, WlField field, guint sub);

G_END_DECLS
