/* wl-inspector-field.h — one editable value of the inspector: a label, an entry, and the
 * explanation of why the last input was refused.
 *
 * A field commits its text when Enter is pressed or the entry loses focus.  A refused value
 * stays in the entry (so it can be fixed), the entry gets the "error" style and the reason is
 * shown under it; the document keeps its old value.  Escape puts the document's value back.
 *
 * By default a field edits a document field (wl_lab_document_set_field); with a custom commit
 * function it can do anything that may fail with a GError (add a route, add an action), and
 * is emptied after each success.
 */
#pragma once

#include <adwaita.h>

#include "doc/wl-lab-document.h"

G_BEGIN_DECLS

#define WL_TYPE_INSPECTOR_FIELD (wl_inspector_field_get_type ())
G_DECLARE_FINAL_TYPE (WlInspectorField, wl_inspector_field, WL, INSPECTOR_FIELD,
                      AdwPreferencesRow)

typedef gboolean (*WlFieldCommitFunc) (WlLabDocument *doc,
                                       const char    *text,
                                       gpointer       data,
                                       GError       **error);

/* The value to show, for a custom field that edits a value (NULL: the field adds things and
 * is emptied after each success). */
typedef char    *(*WlFieldReadFunc) (WlLabDocument *doc,
                                     gpointer       data);

GtkWidget  *wl_inspector_field_new (WlLabDocument *doc,
                                    WlField        field,
                                    guint          index,
                                    guint          sub,
                                    const char    *label,
                                    const char    *placeholder);
GtkWidget  *wl_inspector_field_new_custom (WlLabDocument    *doc,
                                           const char       *label,
                                           const char       *placeholder,
                                           WlFieldCommitFunc commit,
                                           WlFieldReadFunc   read,
                                           gpointer          data,
                                           GDestroyNotify    data_destroy);

WlField     wl_inspector_field_get_field (WlInspectorField *self);
guint       wl_inspector_field_get_sub (WlInspectorField *self);
GtkEntry   *wl_inspector_field_get_entry (WlInspectorField *self);
/* Shows the document's value again, unless the field holds a refused input. */
void        wl_inspector_field_refresh (WlInspectorField *self);
/* Applies the entry's text; FALSE when refused (the reason is then shown). */
gboolean    wl_inspector_field_commit (WlInspectorField *self);
/* The explanation shown, or NULL when the field is fine. */
const char *wl_inspector_field_get_error (WlInspectorField *self);

G_END_DECLS
