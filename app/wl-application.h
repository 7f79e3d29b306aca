/* wl-application.h — the Wirelab desktop application: one window per lab.
 *
 * Files given on the command line (or opened from a window) go through
 * wl_application_open_path: a file already open in a window brings that window forward; a
 * lab file (.wirelab) or a lab text (.lab, opened as a new unsaved lab) otherwise opens in the
 * calling window when that one is an untouched empty lab, or in a new window.  Errors are
 * shown in a dialog naming the reason; nothing is written.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define WL_TYPE_APPLICATION (wl_application_get_type ())
G_DECLARE_FINAL_TYPE (WlApplication, wl_application, WL, APPLICATION, AdwApplication)

WlApplication *wl_application_new (void);
/* Opens path as described above; returns the window showing it, or NULL after an error. */
GtkWindow     *wl_application_open_path (WlApplication *self,
                                         const char    *path,
                                         GtkWindow     *from);
/* A new window with an empty lab. */
GtkWindow     *wl_application_new_window (WlApplication *self);

G_END_DECLS
