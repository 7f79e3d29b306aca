/* wl-inspector-link.c — the inspector pages of a cable and of the lab, and the scenario list.
 *
 *   cable   its ends; delay, bandwidth, jitter, loss, duplication, bit error rate; the MTU
 *           of the interface at each end (the lab keeps MTUs per interface); Disconnect
 *   lab     title, description, what it holds; the whole scenario
 */
#define G_LOG_DOMAIN "wl-ui"
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "wl-inspector-private.h"

typedef struct
{
  WlInspector *self;
  guint        index;
} IndexData;

static gpointer
index_data (WlInspector *self,
            guint index)
{
  IndexData *d = g_new (IndexData, 1);

  d->self = self;
  d->index = index;
  return d;
}

static void
on_disconnect (GtkButton *button,
               IndexData *d)
{
  g_autoptr (GError) error = NULL;

  if (!wl_lab_document_disconnect (d->self->doc, d->index, &error))
    _wl_inspector_toast (d->self, error);
}

void
_wl_inspector_build_link (WlInspector *self,
                          guint index)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  const WlLabLink *link = g_ptr_array_index (lab->links, index);
  const WlLabDevice *a = wl_lab_get_device (lab, link->dev_a);
  const WlLabDevice *b = wl_lab_get_device (lab, link->dev_b);
  const char *ia = ((WlLabIface *) g_ptr_array_index (a->ifaces, link->if_a))->name;
  const char *ib = ((WlLabIface *) g_ptr_array_index (b->ifaces, link->if_b))->name;
  g_autofree char *ends = g_strdup_printf ("%s %s ↔ %s %s", a->name, ia, b->name, ib);
  g_autofree char *mtu_a = NULL, *mtu_b = NULL, *end_a = NULL, *end_b = NULL;
  GtkWidget *group, *button;

  _wl_inspector_add_header (self, "wl-cable-symbolic", "wl-kind-cable", link->name, ends);
  group = _wl_inspector_add_group (self, _("Cable"),
                                   _("How long a frame takes to cross, and what can go "
                                     "wrong on the way."));
  _wl_inspector_add_field (self, group, WL_FIELD_LINK_DELAY, index, 0,
                           _("Propagation delay"), _("e.g. 5us, 1ms"));
  _wl_inspector_add_field (self, group, WL_FIELD_LINK_BANDWIDTH, index, 0,
                           _("Bandwidth (bit/s)"), _("e.g. 100M, 1G"));
  _wl_inspector_add_field (self, group, WL_FIELD_LINK_JITTER, index, 0, _("Jitter"), "0");
  _wl_inspector_add_field (self, group, WL_FIELD_LINK_LOSS, index, 0, _("Frame loss"),
                           _("e.g. 0.01 or 1%"));
  _wl_inspector_add_field (self, group, WL_FIELD_LINK_DUPLICATE, index, 0,
                           _("Duplicated frames"), "0");
  _wl_inspector_add_field (self, group, WL_FIELD_LINK_BER, index, 0, _("Bit error rate"), "0");

  group = _wl_inspector_add_group (self, _("MTU"),
                                   _("The largest IP packet each end sends without "
                                     "fragmenting it."));
  end_a = g_strdup_printf ("%s %s", a->name, ia);
  end_b = g_strdup_printf ("%s %s", b->name, ib);
  /* Translators: "MTU at PC1 eth0 (bytes)" */
  mtu_a = g_strdup_printf (_("MTU at %s (bytes)"), end_a);
  mtu_b = g_strdup_printf (_("MTU at %s (bytes)"), end_b);
  _wl_inspector_add_field (self, group, WL_FIELD_IFACE_MTU, link->dev_a, link->if_a, mtu_a,
                           "1500");
  _wl_inspector_add_field (self, group, WL_FIELD_IFACE_MTU, link->dev_b, link->if_b, mtu_b,
                           "1500");

  button = gtk_button_new_with_mnemonic (_("_Disconnect"));
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  g_signal_connect_data (button, "clicked", G_CALLBACK (on_disconnect), index_data (self, index),
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_box_append (GTK_BOX (self->page), button);
}

static void
on_remove_action (GtkButton *button,
                  IndexData *d)
{
  g_autoptr (GError) error = NULL;

  if (!wl_lab_document_remove_action (d->self->doc, d->index, &error))
    _wl_inspector_toast (d->self, error);
}

/* "1s ping 10.0.0.2": the time first, then the command as typed at the console. */
static gboolean
commit_action (WlLabDocument *doc,
               const char *text,
               gpointer data,
               GError **error)
{
  g_autofree char *line = g_strstrip (g_strdup (text));
  char *space = strpbrk (line, " \t");

  if (space == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("Write when, then the command: for example “1s ping 10.0.0.2”"));
      return FALSE;
    }
  *space = '\0';
  return wl_lab_document_add_action (doc, GPOINTER_TO_UINT (data), line, space + 1, error) >= 0;
}

void
_wl_inspector_add_scenario (WlInspector *self,
                            int device)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  GtkWidget *group = _wl_inspector_add_group (self, _("Scenario"),
                                              device >= 0
                                                ? _("Commands this device runs, at their time "
                                                    "after the start of a run.")
                                                : _("Commands the devices run, at their time "
                                                    "after the start of a run."));
  guint shown = 0;

  for (guint i = 0; i < lab->actions->len; i++)
    {
      const WlLabAction *action = g_ptr_array_index (lab->actions, i);
      g_autofree char *time = NULL, *title = NULL;

      if (device >= 0 && action->device != (guint) device)
        continue;
      time = wl_format_time (action->time);
      if (device >= 0)
        /* Translators: a scenario action, "at 1s" */
        title = g_strdup_printf (_("at %s"), time);
      else
        /* Translators: a scenario action, "PC1 at 1s" */
        title = g_strdup_printf (_("%s at %s"), wl_lab_get_device (lab, action->device)->name,
                                 time);
      _wl_inspector_add_removable (self, group, action->command, title,
                                   _("Remove this action"), G_CALLBACK (on_remove_action),
                                   index_data (self, i));
      shown++;
    }
  if (device >= 0)
    {
      GtkWidget *add = wl_inspector_field_new_custom (self->doc, _("Add an action"),
                                                      _("e.g. 1s ping 10.0.0.2"), commit_action,
                                                      NULL, GUINT_TO_POINTER ((guint) device),
                                                      NULL);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
    }
  else if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No actions yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Select a PC, server or router to add one."));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

void
_wl_inspector_build_lab (WlInspector *self)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  g_autofree char *devices = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u device",
                                                           "%u devices", lab->devices->len),
                                              lab->devices->len);
  g_autofree char *links = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u cable",
                                                         "%u cables", lab->links->len),
                                            lab->links->len);
  /* Translators: "5 devices, 4 cables" */
  g_autofree char *summary = g_strdup_printf (_("%s, %s"), devices, links);
  GtkWidget *group;

  _wl_inspector_add_header (self, "io.github.wirelab.Wirelab-symbolic", "wl-kind-lab",
                            wl_lab_document_get_title (self->doc), summary);
  group = _wl_inspector_add_group (self, _("Lab"),
                                   _("Select a device or a cable on the canvas to configure "
                                     "it."));
  _wl_inspector_add_field (self, group, WL_FIELD_LAB_TITLE, 0, 0, _("Title"),
                           _("e.g. Ping across a router"));
  _wl_inspector_add_field (self, group, WL_FIELD_LAB_DESCRIPTION, 0, 0, _("Instructions"),
                           _("What the student should do and look for"));
  _wl_inspector_add_scenario (self, -1);
}
