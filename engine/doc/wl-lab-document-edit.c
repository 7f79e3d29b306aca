/* wl-lab-document-edit.c — the topology edits: devices, cables, routes, scenario actions.
 *
 * Every function follows one pattern: copy the current lab, change the copy, hand it to
 * _wl_lab_document_commit, which validates it and makes it current as one undo step.  Checks
 * done here are only the ones that deserve a better message than wl_lab_validate would give
 * ("PC1 has no free port" rather than "interface plugged into two links").
 */
#define G_LOG_DOMAIN "wl-doc"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wl-lab-document-private.h"

static gboolean
check_device (WlLab *lab,
              guint device,
              GError **error)
{
  if (device < lab->devices->len)
    return TRUE;
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
               _("There is no device number %u (the lab has %u)"), device, lab->devices->len);
  return FALSE;
}

int
wl_lab_document_add_device (WlLabDocument *self,
                            WlDeviceKind kind,
                            double x,
                            double y,
                            GError **error)
{
  WlLab *copy;
  WlLabDevice *dev;
  g_autofree char *name = NULL, *label = NULL;
  guint index;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), -1);
  g_return_val_if_fail ((guint) kind < WL_DEVICE_KIND_LAST, -1);

  copy = _wl_lab_copy (self->lab);
  name = wl_lab_next_device_name (copy, kind);
  index = copy->devices->len;
  dev = wl_lab_add_device (copy, kind, name);
  dev->x = x;
  dev->y = y;
  /* Translators: an undo step, "Undo Add PC1"; %s is a device name */
  label = g_strdup_printf (_("Add %s"), name);
  if (!_wl_lab_document_commit (self, copy, label, error))
    return -1;
  wl_lab_document_select_device (self, index, FALSE);
  return (int) index;
}

gboolean
wl_lab_document_move_devices (WlLabDocument *self,
                              const guint *devices,
                              const double *xs,
                              const double *ys,
                              guint n_devices,
                              GError **error)
{
  WlLab *copy;
  g_autofree char *label = NULL;
  gboolean moved = FALSE;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);
  g_return_val_if_fail (n_devices == 0 || (devices != NULL && xs != NULL && ys != NULL), FALSE);

  for (guint i = 0; i < n_devices; i++)
    {
      const WlLabDevice *dev;

      if (!check_device (self->lab, devices[i], error))
        return FALSE;
      dev = g_ptr_array_index (self->lab->devices, devices[i]);
      moved |= dev->x != xs[i] || dev->y != ys[i];
    }
  if (!moved)
    return TRUE;
  copy = _wl_lab_copy (self->lab);
  for (guint i = 0; i < n_devices; i++)
    {
      WlLabDevice *dev = g_ptr_array_index (copy->devices, devices[i]);

      dev->x = xs[i];
      dev->y = ys[i];
    }
  if (n_devices == 1)
    /* Translators: an undo step; %s is a device name */
    label = g_strdup_printf (_("Move %s"), wl_lab_get_device (copy, devices[0])->name);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Move %u device", "Move %u devices",
                                          n_devices),
                             n_devices);
  return _wl_lab_document_commit (self, copy, label, error);
}

/* Removes the marked devices and links from lab, with every link and action that names a
 * removed device; indices of what stays shift down.  dev_gone and link_gone are indexed by the
 * old indices. */
static void
remove_marked (WlLab *lab,
               const gboolean *dev_gone,
               const gboolean *link_gone)
{
  g_autofree guint *new_index = g_new0 (guint, lab->devices->len + 1);
  guint next = 0;

  for (guint i = 0; i < lab->devices->len; i++)
    new_index[i] = dev_gone[i] ? G_MAXUINT : next++;
  for (guint i = lab->links->len; i-- > 0;)
    {
      WlLabLink *link = g_ptr_array_index (lab->links, i);

      if (link_gone[i] || dev_gone[link->dev_a] || dev_gone[link->dev_b])
        {
          g_ptr_array_remove_index (lab->links, i);
          continue;
        }
      link->dev_a = new_index[link->dev_a];
      link->dev_b = new_index[link->dev_b];
    }
  for (guint i = lab->actions->len; i-- > 0;)
    {
      WlLabAction *action = g_ptr_array_index (lab->actions, i);

      if (dev_gone[action->device])
        g_ptr_array_remove_index (lab->actions, i);
      else
        action->device = new_index[action->device];
    }
  for (guint i = lab->devices->len; i-- > 0;)
    if (dev_gone[i])
      g_ptr_array_remove_index (lab->devices, i);
}

gboolean
wl_lab_document_delete (WlLabDocument *self,
                        const guint *devices,
                        guint n_devices,
                        const guint *links,
                        guint n_links,
                        GError **error)
{
  WlLab *lab, *copy;
  g_autofree gboolean *dev_gone = NULL, *link_gone = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  lab = self->lab;
  if (n_devices + n_links == 0)
    return TRUE;
  dev_gone = g_new0 (gboolean, lab->devices->len + 1);
  link_gone = g_new0 (gboolean, lab->links->len + 1);
  for (guint i = 0; i < n_devices; i++)
    {
      if (!check_device (lab, devices[i], error))
        return FALSE;
      dev_gone[devices[i]] = TRUE;
    }
  for (guint i = 0; i < n_links; i++)
    {
      if (links[i] >= lab->links->len)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                       _("There is no cable number %u (the lab has %u)"), links[i],
                       lab->links->len);
          return FALSE;
        }
      link_gone[links[i]] = TRUE;
    }
  if (n_devices == 1 && n_links == 0)
    /* Translators: an undo step; %s is a device name */
    label = g_strdup_printf (_("Delete %s"), wl_lab_get_device (lab, devices[0])->name);
  else if (n_devices == 0 && n_links == 1)
    /* Translators: an undo step; %s is a cable name such as L1 */
    label = g_strdup_printf (_("Delete cable %s"),
                             ((WlLabLink *) g_ptr_array_index (lab->links, links[0]))->name);
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u item", "Delete %u items",
                                          n_devices + n_links),
                             n_devices + n_links);
  copy = _wl_lab_copy (lab);
  remove_marked (copy, dev_gone, link_gone);
  if (!_wl_lab_document_commit (self, copy, label, error))
    return FALSE;
  wl_lab_document_select_none (self);
  return TRUE;
}

gboolean
wl_lab_document_delete_selection (WlLabDocument *self,
                                  GError **error)
{
  g_autoptr (GArray) devices = NULL, links = NULL;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  if (self->sel_devices->len + self->sel_links->len == 0)
    return FALSE;
  /* copies: the delete clears the selection while it runs */
  devices = g_array_copy (self->sel_devices);
  links = g_array_copy (self->sel_links);
  return wl_lab_document_delete (self, (guint *) (gpointer) devices->data, devices->len,
                                 (guint *) (gpointer) links->data, links->len, error);
}

static int
first_free_iface (WlLab *lab,
                  guint device)
{
  const WlLabDevice *dev = g_ptr_array_index (lab->devices, device);

  for (guint i = 0; i < dev->ifaces->len; i++)
    if (wl_lab_find_link_at (lab, device, i) < 0)
      return (int) i;
  return -1;
}

/* "L1", "L2" …: the smallest number no link uses. */
static char *
next_link_name (WlLab *lab)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", n);

      if (wl_lab_find_link (lab, name) < 0)
        return g_steal_pointer (&name);
    }
}

int
wl_lab_document_connect (WlLabDocument *self,
                         guint dev_a,
                         guint dev_b,
                         GError **error)
{
  int if_a, if_b;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), -1);

  if (!check_device (self->lab, dev_a, error) || !check_device (self->lab, dev_b, error))
    return -1;
  if (dev_a == dev_b)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("A cable joins two different devices"));
      return -1;
    }
  /* a device's port count limits its cables: a PC has one network card */
  if ((if_a = first_free_iface (self->lab, dev_a)) < 0
      || (if_b = first_free_iface (self->lab, dev_b)) < 0)
    {
      guint full = if_a < 0 ? dev_a : dev_b;

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("%s has no free port: every interface already has a cable"),
                   wl_lab_get_device (self->lab, full)->name);
      return -1;
    }
  return wl_lab_document_connect_ports (self, dev_a, (guint) if_a, dev_b, (guint) if_b, error);
}

int
wl_lab_document_connect_ports (WlLabDocument *self,
                               guint dev_a,
                               guint if_a,
                               guint dev_b,
                               guint if_b,
                               GError **error)
{
  WlLab *copy;
  WlLabDevice *a, *b;
  g_autofree char *name = NULL, *label = NULL;
  guint index;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), -1);

  if (!check_device (self->lab, dev_a, error) || !check_device (self->lab, dev_b, error))
    return -1;
  a = wl_lab_get_device (self->lab, dev_a);
  b = wl_lab_get_device (self->lab, dev_b);
  if (if_a < a->ifaces->len && if_b < b->ifaces->len)
    {
      const WlLabDevice *busy = NULL;
      const WlLabIface *busy_if = NULL;

      if (wl_lab_find_link_at (self->lab, dev_a, if_a) >= 0)
        busy = a, busy_if = g_ptr_array_index (a->ifaces, if_a);
      else if (wl_lab_find_link_at (self->lab, dev_b, if_b) >= 0)
        busy = b, busy_if = g_ptr_array_index (b->ifaces, if_b);
      if (busy != NULL)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                       _("Port %s of %s already has a cable"), busy_if->name, busy->name);
          return -1;
        }
    }
  copy = _wl_lab_copy (self->lab);
  name = next_link_name (copy);
  index = copy->links->len;
  wl_lab_add_link (copy, name, dev_a, if_a, dev_b, if_b);
  /* Translators: an undo step; the %s are device names */
  label = g_strdup_printf (_("Connect %s and %s"), a->name, b->name);
  if (!_wl_lab_document_commit (self, copy, label, error))
    return -1;
  return (int) index;
}

gboolean
wl_lab_document_disconnect (WlLabDocument *self,
                            guint link,
                            GError **error)
{
  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  return wl_lab_document_delete (self, NULL, 0, &link, 1, error);
}

/* "NET/PREFIX [via IPv4] [dev IFACE]": the words of the lab text's route= key. */
static gboolean
parse_route (const char *text,
             WlLabRoute *route)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t", -1);
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();
  gboolean have_via = FALSE;

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      g_ptr_array_add (kept, words[i]);
  if (kept->len < 3 || kept->len % 2 == 0
      || !wl_parse_cidr (g_ptr_array_index (kept, 0), &route->network, &route->prefix))
    return FALSE;
  for (guint i = 1; i < kept->len; i += 2)
    {
      const char *key = g_ptr_array_index (kept, i), *value = g_ptr_array_index (kept, i + 1);

      if (strcmp (key, "via") == 0 && !have_via)
        {
          if (!wl_ip_parse (value, &route->via))
            return FALSE;
          have_via = TRUE;
        }
      else if (strcmp (key, "dev") == 0 && route->iface == NULL)
        route->iface = g_strdup (value);
      else
        return FALSE;
    }
  return TRUE;
}

char *
wl_lab_route_to_string (const WlLabRoute *route)
{
  GString *s = g_string_new (NULL);
  char ip[16];

  g_return_val_if_fail (route != NULL, NULL);

  g_string_append_printf (s, "%s/%u", wl_ip_format (route->network, ip), route->prefix);
  if (route->via != 0)
    g_string_append_printf (s, " via %s", wl_ip_format (route->via, ip));
  if (route->iface != NULL)
    g_string_append_printf (s, " dev %s", route->iface);
  return g_string_free (s, FALSE);
}

gboolean
wl_lab_document_add_route (WlLabDocument *self,
                           guint device,
                           const char *text,
                           GError **error)
{
  WlLabRoute *route;
  WlLab *copy;
  WlLabDevice *dev;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!check_device (self->lab, device, error))
    return FALSE;
  route = g_new0 (WlLabRoute, 1);
  if (!parse_route (text, route))
    {
      g_free (route->iface);
      g_free (route);
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("“%s” is not a route: write NETWORK/PREFIX via GATEWAY, or dev "
                     "INTERFACE (examples: 10.9.0.0/16 via 10.0.0.2, 0.0.0.0/0 dev eth0)"),
                   text);
      return FALSE;
    }
  copy = _wl_lab_copy (self->lab);
  dev = wl_lab_get_device (copy, device);
  g_ptr_array_add (dev->routes, route);
  /* Translators: an undo step */
  return _wl_lab_document_commit (self, copy, _("Add route"), error);
}

gboolean
wl_lab_document_remove_route (WlLabDocument *self,
                              guint device,
                              guint route,
                              GError **error)
{
  WlLab *copy;
  WlLabDevice *dev;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  if (!check_device (self->lab, device, error))
    return FALSE;
  if (route >= wl_lab_get_device (self->lab, device)->routes->len)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND, _("There is no such route"));
      return FALSE;
    }
  copy = _wl_lab_copy (self->lab);
  dev = wl_lab_get_device (copy, device);
  g_ptr_array_remove_index (dev->routes, route);
  return _wl_lab_document_commit (self, copy, _("Remove route"), error);
}

int
wl_lab_document_add_action (WlLabDocument *self,
                            guint device,
                            const char *time,
                            const char *command,
                            GError **error)
{
  g_autofree char *line = NULL;
  WlLab *copy;
  WlLabAction *action;
  WlTime t;
  guint index = 0;
  gboolean found;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), -1);
  g_return_val_if_fail (time != NULL && command != NULL, -1);

  if (!check_device (self->lab, device, error))
    return -1;
  if (!wl_parse_time (time, &t))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("“%s” is not a time (examples: 0, 1s, 250ms, 10us)"), time);
      return -1;
    }
  line = g_strstrip (g_strdup (command));
  if (line[0] == '\0')
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Type a command, for example “ping 10.0.0.2”"));
      return -1;
    }
  copy = _wl_lab_copy (self->lab);
  action = wl_lab_add_action (copy, t, device, line);
  if (!_wl_lab_document_commit (self, copy, _("Add action"), error))
    return -1;
  /* validation sorted the actions by time; find where this one went */
  found = g_ptr_array_find (self->lab->actions, action, &index);
  g_assert (found);
  return (int) index;
}

gboolean
wl_lab_document_remove_action (WlLabDocument *self,
                               guint action,
                               GError **error)
{
  WlLab *copy;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);

  if (action >= self->lab->actions->len)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND, _("There is no such action"));
      return FALSE;
    }
  copy = _wl_lab_copy (self->lab);
  g_ptr_array_remove_index (copy->actions, action);
  return _wl_lab_document_commit (self, copy, _("Remove action"), error);
}

gboolean
wl_lab_document_set_service_setting (WlLabDocument *self,
                                     guint device,
                                     const char *kind,
                                     const char *key,
                                     const char *value,
                                     GError **error)
{
  g_autofree char *label = NULL;
  WlLabService *svc;
  WlLab *copy;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);
  g_return_val_if_fail (kind != NULL && key != NULL && value != NULL, FALSE);

  if (!check_device (self->lab, device, error))
    return FALSE;
  copy = _wl_lab_copy (self->lab);
  svc = wl_lab_device_find_service (wl_lab_get_device (copy, device), kind);
  if (svc == NULL)
    {
      wl_lab_unref (copy);
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("%s runs no service “%s”"), wl_lab_get_device (self->lab, device)->name,
                   kind);
      return FALSE;
    }
  if (value[0] == '\0')
    wl_lab_service_unset (svc, key);
  else
    wl_lab_service_set (svc, key, value);
  if (wl_lab_equal (copy, self->lab))
    {
      wl_lab_unref (copy);
      return TRUE;
    }
  /* the spelling is wl_lab_validate's; what the value means is the service module's */
  if (!wl_lab_validate (copy, error) || !wl_lab_check_services (copy, error))
    {
      wl_lab_unref (copy);
      return FALSE;
    }
  /* Translators: an undo step; %s is a service kind such as dhcp-server */
  label = g_strdup_printf (_("Change %s"), kind);
  return _wl_lab_document_commit (self, copy, label, error);
}
