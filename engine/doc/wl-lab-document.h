/* wl-lab-document.h — a lab being edited: the WlLab, its file, its undo history, its selection.
 *
 * The document is what the window, the canvas and the inspector all bind to (they never talk
 * to each other).  It is plain GObject, no GTK, so every editing operation is tested without a
 * display (tests/doc/).
 *
 * Editing model.  Each operation builds the new lab on a private copy, checks it with
 * wl_lab_validate and only then makes it current, so the document never holds an invalid value:
 * a refused edit returns FALSE with a translated WL_LAB_ERROR naming the value and the rule,
 * and changes nothing.  The lab it replaces goes on the undo stack; undo and redo swap whole
 * labs, so undoing returns exactly the previous lab (wl_lab_equal) whatever the operation was.
 *
 * Lifetime of what the getters return: wl_lab_document_get_lab() borrows the current lab, which
 * is replaced (not changed in place) by every edit, undo and redo.  Never keep it across a
 * "changed" emission; take a reference (wl_lab_ref) or a copy if you must.
 *
 * Signals: "changed" after every edit, undo, redo, open or reload; "selection-changed" when the
 * selected devices or links change.  Properties: "title", "modified", "path", "can-undo",
 * "can-redo" (all read-only, notified).
 */
#pragma once

#include <gio/gio.h>

#include "lab/wl-lab.h"

G_BEGIN_DECLS

#define WL_TYPE_LAB_DOCUMENT (wl_lab_document_get_type ())
G_DECLARE_FINAL_TYPE (WlLabDocument, wl_lab_document, WL, LAB_DOCUMENT, GObject)

/* The fields the inspector edits, each as text (the same syntax as the lab text). */
typedef enum
{
  WL_FIELD_LAB_TITLE,          /* index, sub unused */
  WL_FIELD_LAB_DESCRIPTION,
  WL_FIELD_DEVICE_NAME,        /* index = device */
  WL_FIELD_DEVICE_GATEWAY,     /* "10.0.0.254" or "" */
  WL_FIELD_DEVICE_DNS,         /* "10.0.0.53" or "" */
  WL_FIELD_DEVICE_MAC_AGEING,  /* "300s" */
  WL_FIELD_IFACE_MAC,          /* index = device, sub = interface: "02:00:00:00:01:00" */
  WL_FIELD_IFACE_ADDRESS,      /* "10.0.0.1/24", "dhcp" or "" */
  WL_FIELD_IFACE_DHCP,         /* "true" / "false" */
  WL_FIELD_IFACE_MTU,          /* "1500" */
  WL_FIELD_LINK_DELAY,         /* index = link: "1us" */
  WL_FIELD_LINK_BANDWIDTH,     /* "100M" */
  WL_FIELD_LINK_JITTER,        /* "0" */
  WL_FIELD_LINK_LOSS,          /* "0", "0.01" or "1%" */
  WL_FIELD_LINK_DUPLICATE,
  WL_FIELD_LINK_BER,
  WL_FIELD_LAST
} WlField;

/* Creating, opening, saving */
WlLabDocument *wl_lab_document_new (void);
/* A new unsaved document holding a copy of lab (which must be valid). */
WlLabDocument *wl_lab_document_new_for_lab (WlLab *lab);
/* Opens a lab file (SQLite, WL_STORE_ERROR) or a lab text (WL_LAB_ERROR, G_FILE_ERROR).  A lab
 * text opens as a new unsaved lab: the document has no path until it is saved. */
WlLabDocument *wl_lab_document_open (const char *path, GError **error);

WlLab      *wl_lab_document_get_lab (WlLabDocument *self);
/* A deep copy of the current lab, safe to hand to another thread. */
WlLab      *wl_lab_document_dup_lab (WlLabDocument *self);
/* The lab file, or NULL when the lab was never saved. */
const char *wl_lab_document_get_path (WlLabDocument *self);
/* A file name to offer in Save As: the file's, the lab text's with .wirelab, or from the title. */
char       *wl_lab_document_dup_suggested_name (WlLabDocument *self);
/* The lab's title, else the file's base name, else "Untitled lab". */
const char *wl_lab_document_get_title (WlLabDocument *self);
gboolean    wl_lab_document_get_modified (WlLabDocument *self);
/* Saves to the document's path (which must be set), keeping the runs the file holds. */
gboolean    wl_lab_document_save (WlLabDocument *self, GError **error);
/* Saves to path: the document's own file is updated in place; another path gets a new file
 * (replacing what was there once the new one is complete) and becomes the document's path. */
gboolean    wl_lab_document_save_as (WlLabDocument *self, const char *path, GError **error);

/* Undo and redo */
gboolean    wl_lab_document_can_undo (WlLabDocument *self);
gboolean    wl_lab_document_can_redo (WlLabDocument *self);
/* What the next undo / redo does ("Add PC1"), NULL when there is nothing to do. */
const char *wl_lab_document_get_undo_label (WlLabDocument *self);
const char *wl_lab_document_get_redo_label (WlLabDocument *self);
gboolean    wl_lab_document_undo (WlLabDocument *self);
gboolean    wl_lab_document_redo (WlLabDocument *self);

/* Editing.  Each is one undo step; each returns FALSE (or -1) with error set and changes
 * nothing when the result would be invalid. */
int         wl_lab_document_add_device (WlLabDocument *self,
                                        WlDeviceKind   kind,
                                        double         x,
                                        double         y,
                                        GError       **error);
gboolean    wl_lab_document_move_devices (WlLabDocument *self,
                                          const guint   *devices,
                                          const double  *xs,
                                          const double  *ys,
                                          guint          n_devices,
                                          GError       **error);
/* Deletes devices (with their cables and scenario actions) and links; the indices of what
 * remains shift down. */
gboolean    wl_lab_document_delete (WlLabDocument *self,
                                    const guint   *devices,
                                    guint          n_devices,
                                    const guint   *links,
                                    guint          n_links,
                                    GError       **error);
/* Cables the first free interface of dev_a to the first free one of dev_b.  Returns the new
 * link's index, or -1 when a device has no free port (or dev_a == dev_b). */
int         wl_lab_document_connect (WlLabDocument *self,
                                     guint          dev_a,
                                     guint          dev_b,
                                     GError       **error);
int         wl_lab_document_connect_ports (WlLabDocument *self,
                                           guint          dev_a,
                                           guint          if_a,
                                           guint          dev_b,
                                           guint          if_b,
                                           GError       **error);
gboolean    wl_lab_document_disconnect (WlLabDocument *self, guint link, GError **error);
/* route: "NET/PREFIX [via IPv4] [dev IFACE]", as in the lab text. */
gboolean    wl_lab_document_add_route (WlLabDocument *self,
                                       guint          device,
                                       const char    *route,
                                       GError       **error);
gboolean    wl_lab_document_remove_route (WlLabDocument *self,
                                          guint          device,
                                          guint          route,
                                          GError       **error);
/* time as for wl_parse_time ("1s"); the command is what one types at the device's console. */
int         wl_lab_document_add_action (WlLabDocument *self,
                                        guint          device,
                                        const char    *time,
                                        const char    *command,
                                        GError       **error);
gboolean    wl_lab_document_remove_action (WlLabDocument *self, guint action, GError **error);
/* Sets (or with value "" removes) a setting of a service the device runs ("pool" of its
 * "dhcp-server").  Checked by wl_lab_validate and the service's registered checker. */
gboolean    wl_lab_document_set_service_setting (WlLabDocument *self,
                                                 guint          device,
                                                 const char    *kind,
                                                 const char    *key,
                                                 const char    *value,
                                                 GError       **error);

/* Fields as text.  set_field with the current value is a no-op (no undo step). */
char       *wl_lab_document_dup_field (WlLabDocument *self, WlField field, guint index, guint sub);
gboolean    wl_lab_document_set_field (WlLabDocument *self,
                                       WlField        field,
                                       guint          index,
                                       guint          sub,
                                       const char    *text,
                                       GError       **error);

/* Route as the lab text writes it ("10.9.0.0/16 via 10.0.0.2"). */
char       *wl_lab_route_to_string (const WlLabRoute *route);

/* Selection: devices and links, by index.  Not part of the undo history; indices that an edit
 * or an undo makes invalid are dropped. */
void        wl_lab_document_select_none (WlLabDocument *self);
void        wl_lab_document_select_all (WlLabDocument *self);
/* Replaces the selection (extend FALSE) or adds to it (extend TRUE). */
void        wl_lab_document_select_device (WlLabDocument *self, guint device, gboolean extend);
void        wl_lab_document_select_link (WlLabDocument *self, guint link, gboolean extend);
void        wl_lab_document_toggle_device (WlLabDocument *self, guint device);
void        wl_lab_document_set_selection (WlLabDocument *self,
                                           const guint   *devices,
                                           guint          n_devices,
                                           const guint   *links,
                                           guint          n_links);
gboolean    wl_lab_document_is_device_selected (WlLabDocument *self, guint device);
gboolean    wl_lab_document_is_link_selected (WlLabDocument *self, guint link);
/* Sorted indices, borrowed. */
GArray     *wl_lab_document_get_selected_devices (WlLabDocument *self);
GArray     *wl_lab_document_get_selected_links (WlLabDocument *self);
/* Deletes what is selected (one undo step); FALSE when nothing is. */
gboolean    wl_lab_document_delete_selection (WlLabDocument *self, GError **error);

G_END_DECLS
