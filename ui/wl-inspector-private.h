/* wl-inspector-private.h — what the inspector's page builders share. */
#pragma once

#include <adwaita.h>

#include "wl-inspector.h"

G_BEGIN_DECLS

struct _WlInspector
{
  GtkWidget      parent_instance;

  WlLabDocument *doc;
  gulong         changed_id, selection_id;
  GtkWidget     *scroller;
  GtkWidget     *page;      /* the box of the page shown */
  char          *shape;     /* what the page was built for; same shape → refresh only */
  GPtrArray     *fields;    /* WlInspectorField* of the page, borrowed */
};

/* wl-inspector.c */
GtkWidget *_wl_inspector_add_group (WlInspector *self, const char *title, const char *description);
GtkWidget *_wl_inspector_add_field (WlInspector *self,
                                    GtkWidget   *group,
                                    WlField      field,
                                    guint        index,
                                    guint        sub,
                                    const char  *label,
                                    const char  *placeholder);
void       _wl_inspector_add_header (WlInspector *self,
                                     const char  *icon_name,
                                     const char  *css_class,
                                     const char  *title,
                                     const char  *subtitle);
/* A row with a title, a subtitle and a remove button that calls remove (data) when clicked. */
GtkWidget *_wl_inspector_add_removable (WlInspector *self,
                                        GtkWidget   *group,
                                        const char  *title,
                                        const char  *subtitle,
                                        const char  *remove_tooltip,
                                        GCallback    remove,
                                        gpointer     data);
void       _wl_inspector_toast (WlInspector *self, const GError *error);

/* wl-inspector-device.c */
void       _wl_inspector_build_device (WlInspector *self, guint device);
char      *_wl_inspector_device_shape (WlInspector *self, guint device);

/* wl-inspector-link.c */
void       _wl_inspector_build_link (WlInspector *self, guint link);
void       _wl_inspector_build_lab (WlInspector *self);
/* The scenario group: actions of one device (or of all devices with device = -1). */
void       _wl_inspector_add_scenario (WlInspector *self, int device);

G_END_DECLS
