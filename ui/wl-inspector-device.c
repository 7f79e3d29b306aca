/* wl-inspector-device.c — the inspector page of one device.
 *
 *   header      kind tile, name, kind
 *   Device      name; gateway and DNS server (PCs, servers, routers); MAC ageing (switches)
 *   eth0 …      per interface of a PC, server or router: where its cable goes, MAC, IPv4
 *               address/prefix, DHCP, MTU
 *   Ports       hubs, repeaters, switches: where each port's cable goes
 *   Routes      static routes, with an entry to add one
 *   Services    the settings of each service the device runs (DHCP server pool …), editable,
 *               with an entry to add a setting
 *   Scenario    the device's timed actions, with an entry to add one
 */
#define G_LOG_DOMAIN "wl-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "wl-inspector-private.h"
#include "wl-ui.h"

typedef struct
{
  WlInspector *self;
  guint        a, b;
} RowData;

static gpointer
row_data (WlInspector *self,
          guint a,
          guint b)
{
  RowData *d = g_new (RowData, 1);

  d->self = self;
  d->a = a;
  d->b = b;
  return d;
}

char *
_wl_inspector_device_shape (WlInspector *self,
                            guint device)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  const WlLabDevice *dev = wl_lab_get_device (lab, device);
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "device %u %d %u %u |", device, dev->kind, dev->ifaces->len,
                          dev->routes->len);
  for (guint i = 0; i < dev->ifaces->len; i++)
    g_string_append_printf (s, " %d/%d", wl_lab_find_link_at (lab, device, i),
                            ((WlLabIface *) g_ptr_array_index (dev->ifaces, i))->dhcp);
  for (guint i = 0; i < dev->services->len; i++)
    {
      const WlLabService *svc = g_ptr_array_index (dev->services, i);

      g_string_append_printf (s, " [%s", svc->kind);
      for (guint j = 0; j < svc->settings->len; j++)
        g_string_append_printf (s, " %s",
                                ((WlLabSetting *) g_ptr_array_index (svc->settings, j))->key);
      g_string_append_c (s, ']');
    }
  /* the scenario rows show actions by index: any change to the list rebuilds */
  g_string_append_printf (s, " | %u", lab->actions->len);
  for (guint i = 0; i < dev->routes->len; i++)
    {
      g_autofree char *route = wl_lab_route_to_string (g_ptr_array_index (dev->routes, i));

      g_string_append_printf (s, " %s", route);
    }
  return g_string_free (s, FALSE);
}

/* "Switch1 p1 (L1)" or "No cable". */
static char *
describe_peer (WlLab *lab,
               guint device,
               guint iface)
{
  int l = wl_lab_find_link_at (lab, device, iface);
  const WlLabLink *link;
  const WlLabDevice *peer;
  guint peer_dev, peer_if;
  gboolean a_side;

  if (l < 0)
    return g_strdup (_("No cable"));
  link = g_ptr_array_index (lab->links, l);
  a_side = link->dev_a == device && link->if_a == iface;
  peer_dev = a_side ? link->dev_b : link->dev_a;
  peer_if = a_side ? link->if_b : link->if_a;
  peer = wl_lab_get_device (lab, peer_dev);
  /* Translators: where a cable goes: "Cable L1 to Switch1 p2" */
  return g_strdup_printf (_("Cable %s to %s %s"), link->name, peer->name,
                          ((WlLabIface *) g_ptr_array_index (peer->ifaces, peer_if))->name);
}

static void
on_dhcp_toggled (GtkSwitch *sw,
                 GParamSpec *pspec,
                 RowData *d)
{
  g_autoptr (GError) error = NULL;
  WlLabDocument *doc = d->self->doc;

  if (!wl_lab_document_set_field (doc, WL_FIELD_IFACE_DHCP, d->a, d->b,
                                  gtk_switch_get_active (sw) ? "true" : "false", &error))
    _wl_inspector_toast (d->self, error);
}

static void
add_interface (WlInspector *self,
               guint device,
               guint index)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  const WlLabDevice *dev = wl_lab_get_device (lab, device);
  const WlLabIface *iface = g_ptr_array_index (dev->ifaces, index);
  g_autofree char *peer = describe_peer (lab, device, index);
  /* Translators: a group title, %s is an interface name such as eth0 */
  g_autofree char *title = g_strdup_printf (_("Interface %s"), iface->name);
  GtkWidget *group = _wl_inspector_add_group (self, title, peer);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  _wl_inspector_add_field (self, group, WL_FIELD_IFACE_ADDRESS, device, index,
                           _("IPv4 address / prefix"), _("e.g. 10.0.0.1/24, or dhcp"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Get the address by DHCP"));
  gtk_switch_set_active (GTK_SWITCH (sw), iface->dhcp);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  g_signal_connect_data (sw, "notify::active", G_CALLBACK (on_dhcp_toggled),
                         row_data (self, device, index), (GClosureNotify) (void (*) (void)) g_free,
                         0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  _wl_inspector_add_field (self, group, WL_FIELD_IFACE_MAC, device, index, _("MAC address"),
                           "02:00:00:00:01:00");
  _wl_inspector_add_field (self, group, WL_FIELD_IFACE_MTU, device, index, _("MTU (bytes)"),
                           "1500");
}

static void
add_ports (WlInspector *self,
           guint device)
{
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  const WlLabDevice *dev = wl_lab_get_device (lab, device);
  GtkWidget *group = _wl_inspector_add_group (self, _("Ports"), NULL);

  for (guint i = 0; i < dev->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);
      g_autofree char *peer = describe_peer (lab, device, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), iface->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), peer);
      if (wl_lab_find_link_at (lab, device, i) < 0)
        gtk_widget_add_css_class (row, "dim-label");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
on_remove_route (GtkButton *button,
                 RowData *d)
{
  g_autoptr (GError) error = NULL;

  if (!wl_lab_document_remove_route (d->self->doc, d->a, d->b, &error))
    _wl_inspector_toast (d->self, error);
}

static gboolean
commit_route (WlLabDocument *doc,
              const char *text,
              gpointer data,
              GError **error)
{
  return wl_lab_document_add_route (doc, GPOINTER_TO_UINT (data), text, error);
}

static void
add_routes (WlInspector *self,
            guint device)
{
  const WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (self->doc), device);
  GtkWidget *group = _wl_inspector_add_group (self, _("Static routes"),
                                              _("Packets to a network go to its next hop; the "
                                                "longest matching prefix wins."));
  GtkWidget *add;

  for (guint i = 0; i < dev->routes->len; i++)
    {
      g_autofree char *text = wl_lab_route_to_string (g_ptr_array_index (dev->routes, i));

      _wl_inspector_add_removable (self, group, text, NULL, _("Remove this route"),
                                   G_CALLBACK (on_remove_route), row_data (self, device, i));
    }
  add = wl_inspector_field_new_custom (self->doc, _("Add a route"),
                                       _("e.g. 10.9.0.0/16 via 10.0.0.2"), commit_route, NULL,
                                       GUINT_TO_POINTER (device), NULL);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), add);
}

typedef struct
{
  guint device;
  char *kind;
  char *key; /* NULL for the "add a setting" entry */
} SettingData;

static void
setting_data_free (gpointer data)
{
  SettingData *d = data;

  g_free (d->kind);
  g_free (d->key);
  g_free (d);
}

static gpointer
setting_data (guint device,
              const char *kind,
              const char *key)
{
  SettingData *d = g_new0 (SettingData, 1);

  d->device = device;
  d->kind = g_strdup (kind);
  d->key = g_strdup (key);
  return d;
}

static char *
read_setting (WlLabDocument *doc,
              gpointer data)
{
  SettingData *d = data;
  WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (doc), d->device);
  WlLabService *svc = dev != NULL ? wl_lab_device_find_service (dev, d->kind) : NULL;

  return g_strdup (svc != NULL ? wl_lab_service_get (svc, d->key) : NULL);
}

static gboolean
commit_setting (WlLabDocument *doc,
                const char *text,
                gpointer data,
                GError **error)
{
  SettingData *d = data;

  return wl_lab_document_set_service_setting (doc, d->device, d->kind, d->key, text, error);
}

/* "key=value" */
static gboolean
commit_new_setting (WlLabDocument *doc,
                    const char *text,
                    gpointer data,
                    GError **error)
{
  SettingData *d = data;
  g_auto (GStrv) parts = g_strsplit (text, "=", 2);

  if (parts[0] == NULL || parts[1] == NULL || g_strstrip (parts[0])[0] == '\0')
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("Write the setting as key=value, for example “lease=1h”"));
      return FALSE;
    }
  return wl_lab_document_set_service_setting (doc, d->device, d->kind, parts[0],
                                              g_strstrip (parts[1]), error);
}

static void
add_services (WlInspector *self,
              guint device)
{
  const WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (self->doc), device);

  for (guint i = 0; i < dev->services->len; i++)
    {
      const WlLabService *svc = g_ptr_array_index (dev->services, i);
      /* Translators: a group title; %s is a service kind such as dhcp-server */
      g_autofree char *title = g_strdup_printf (_("Service %s"), svc->kind);
      GtkWidget *group = _wl_inspector_add_group (self, title,
                                                  _("Empty a setting to remove it."));
      GtkWidget *row;

      for (guint j = 0; j < svc->settings->len; j++)
        {
          const WlLabSetting *set = g_ptr_array_index (svc->settings, j);

          row = wl_inspector_field_new_custom (self->doc, set->key, NULL, commit_setting,
                                               read_setting,
                                               setting_data (device, svc->kind, set->key),
                                               setting_data_free);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
          g_ptr_array_add (self->fields, row);
        }
      row = wl_inspector_field_new_custom (self->doc, _("Add a setting"), _("key=value"),
                                           commit_new_setting, NULL,
                                           setting_data (device, svc->kind, NULL),
                                           setting_data_free);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
}

static void
add_device_group (WlInspector *self,
                  guint device)
{
  const WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (self->doc), device);
  GtkWidget *group = _wl_inspector_add_group (self, _("Device"), NULL);

  _wl_inspector_add_field (self, group, WL_FIELD_DEVICE_NAME, device, 0, _("Name"), NULL);
  if (wl_device_kind_has_ip (dev->kind))
    {
      _wl_inspector_add_field (self, group, WL_FIELD_DEVICE_GATEWAY, device, 0,
                               _("Default gateway"), _("none"));
      _wl_inspector_add_field (self, group, WL_FIELD_DEVICE_DNS, device, 0, _("DNS server"),
                               _("none"));
    }
  if (dev->kind == WL_DEVICE_SWITCH)
    _wl_inspector_add_field (self, group, WL_FIELD_DEVICE_MAC_AGEING, device, 0,
                             _("MAC table ageing time"), "300s");
}

void
_wl_inspector_build_device (WlInspector *self,
                            guint device)
{
  const WlLabDevice *dev = wl_lab_get_device (wl_lab_document_get_lab (self->doc), device);
  g_autofree char *css = g_strdup_printf ("wl-kind-%s", wl_device_kind_to_string (dev->kind));

  _wl_inspector_add_header (self, wl_ui_kind_icon_name (dev->kind), css, dev->name,
                            wl_ui_kind_description (dev->kind));
  add_device_group (self, device);
  if (!wl_device_kind_has_ip (dev->kind))
    {
      add_ports (self, device);
      return;
    }
  for (guint i = 0; i < dev->ifaces->len; i++)
    add_interface (self, device, i);
  add_routes (self, device);
  add_services (self, device);
  _wl_inspector_add_scenario (self, (int) device);
}
