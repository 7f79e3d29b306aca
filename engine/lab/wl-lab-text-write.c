/* wl-lab-text-write.c — the canonical lab text (the format is described in wl-lab-text.h).
 *
 * One lab has exactly one canonical text, so that saving an unchanged lab changes no byte and
 * a diff of two lab texts shows only what a person changed:
 *
 *   - groups in a fixed order: [lab]; each device in index order, followed by its
 *     [interface …] groups, then its [service …] groups in the device's order; the links in
 *     index order; the actions as [action 1], [action 2] … in their (validated, time-sorted)
 *     order;
 *   - inside a group, keys in the order of wl-lab-text.h; a service's keys in its order;
 *   - only values that differ from their defaults, except title, kind, x, y, the two ends of
 *     a link and the three keys of an action, which are always there;
 *   - each value in one spelling: times and bandwidths in the largest unit that divides them
 *     exactly (wl_format_time, wl_format_bandwidth), doubles in the shortest form that reads
 *     back to the same bits.
 *
 * GKeyFile does the escaping of free text (leading blanks, line breaks, backslashes), which
 * is what service values are.  Every other value is written raw: names, addresses and
 * numbers hold no character GKeyFile would have to escape, which wl_lab_validate guarantees
 * for names (service kinds and keys included).
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <string.h>

#include "wl-lab-text.h"


/* The shortest of %.15g, %.16g, %.17g that reads back to the same double: "0.05", not
 * g_ascii_dtostr's "0.050000000000000003".  %.17g always round-trips. */
static void
set_double (GKeyFile *kf,
            const char *group,
            const char *key,
            double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buf, sizeof buf, formats[i], value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  g_key_file_set_value (kf, group, key, buf);
}

static void
set_ip (GKeyFile *kf,
        const char *group,
        const char *key,
        guint32 ip)
{
  char buf[16];

  g_key_file_set_value (kf, group, key, wl_ip_format (ip, buf));
}

static void
set_time (GKeyFile *kf,
          const char *group,
          const char *key,
          WlTime t)
{
  g_autofree char *text = wl_format_time (t);

  g_key_file_set_value (kf, group, key, text);
}

/* "10.9.0.0/16 via 10.0.0.2;0.0.0.0/0 dev eth0" */
static char *
routes_to_string (const WlLabDevice *dev)
{
  GString *s = g_string_new (NULL);
  char buf[16];

  for (guint i = 0; i < dev->routes->len; i++)
    {
      const WlLabRoute *route = g_ptr_array_index (dev->routes, i);

      if (i > 0)
        g_string_append_c (s, ';');
      g_string_append_printf (s, "%s/%u", wl_ip_format (route->network, buf), route->prefix);
      if (route->via != 0)
        g_string_append_printf (s, " via %s", wl_ip_format (route->via, buf));
      if (route->iface != NULL)
        g_string_append_printf (s, " dev %s", route->iface);
    }
  return g_string_free (s, FALSE);
}

/* Writes ports=N, interfaces=… or nothing, whichever gives back the device's interfaces. */
static void
write_iface_list (GKeyFile *kf,
                  const char *group,
                  const WlLabDevice *dev)
{
  g_autoptr (GString) list = g_string_new (NULL);
  gboolean kind_names = TRUE;

  for (guint i = 0; i < dev->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);
      g_autofree char *expected = wl_device_kind_iface_name (dev->kind, i);

      kind_names = kind_names && strcmp (iface->name, expected) == 0;
      g_string_append_printf (list, "%s%s", i > 0 ? ";" : "", iface->name);
    }
  if (kind_names && dev->ifaces->len == wl_device_kind_default_iface_count (dev->kind))
    return;
  if (kind_names && !wl_device_kind_has_ip (dev->kind))
    g_key_file_set_uint64 (kf, group, "ports", dev->ifaces->len);
  else
    g_key_file_set_value (kf, group, "interfaces", list->str);
}

static void
write_ifaces (GKeyFile *kf,
              const WlLabDevice *dev,
              guint index)
{
  for (guint i = 0; i < dev->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);
      g_autofree char *group = g_strdup_printf ("interface %s %s", dev->name, iface->name);
      char buf[18];
      WlMac mac;

      wl_lab_default_mac (index, i, &mac);
      if (!wl_mac_equal (&mac, &iface->mac))
        g_key_file_set_value (kf, group, "mac", wl_mac_format (&iface->mac, buf));
      if (iface->dhcp)
        g_key_file_set_value (kf, group, "address", "dhcp");
      else if (iface->address != 0)
        {
          g_autofree char *cidr = g_strdup_printf ("%s/%u", wl_ip_format (iface->address, buf),
                                                   iface->prefix);
          g_key_file_set_value (kf, group, "address", cidr);
        }
      if (iface->mtu != WL_LAB_DEFAULT_MTU)
        g_key_file_set_uint64 (kf, group, "mtu", iface->mtu);
    }
}

/* A service with no settings still has its group: GKeyFile only creates a group with a key
 * in it, so one is set and removed again. */
static void
write_services (GKeyFile *kf,
                const WlLabDevice *dev)
{
  for (guint i = 0; i < dev->services->len; i++)
    {
      const WlLabService *svc = g_ptr_array_index (dev->services, i);
      g_autofree char *group = g_strdup_printf ("service %s %s", dev->name, svc->kind);

      if (svc->settings->len == 0)
        {
          g_key_file_set_value (kf, group, "empty", "");
          g_key_file_remove_key (kf, group, "empty", NULL);
        }
      for (guint j = 0; j < svc->settings->len; j++)
        {
          const WlLabSetting *setting = g_ptr_array_index (svc->settings, j);

          g_key_file_set_string (kf, group, setting->key, setting->value);
        }
    }
}

static void
write_device (GKeyFile *kf,
              const WlLabDevice *dev,
              guint index)
{
  g_autofree char *group = g_strdup_printf ("device %s", dev->name);

  g_key_file_set_value (kf, group, "kind", wl_device_kind_to_string (dev->kind));
  set_double (kf, group, "x", dev->x);
  set_double (kf, group, "y", dev->y);
  if (dev->gateway != 0)
    set_ip (kf, group, "gateway", dev->gateway);
  if (dev->dns != 0)
    set_ip (kf, group, "dns", dev->dns);
  if (dev->routes->len > 0)
    {
      g_autofree char *routes = routes_to_string (dev);
      g_key_file_set_value (kf, group, "route", routes);
    }
  write_iface_list (kf, group, dev);
  if (dev->mac_ageing != WL_LAB_DEFAULT_MAC_AGEING)
    set_time (kf, group, "mac-ageing", dev->mac_ageing);
  write_ifaces (kf, dev, index);
  write_services (kf, dev);
}

static char *
end_to_string (WlLab *lab,
               guint dev,
               guint iface)
{
  const WlLabDevice *device = wl_lab_get_device (lab, dev);
  const WlLabIface *i = g_ptr_array_index (device->ifaces, iface);

  return g_strdup_printf ("%s:%s", device->name, i->name);
}

static void
write_link (GKeyFile *kf,
            WlLab *lab,
            const WlLabLink *link)
{
  g_autofree char *group = g_strdup_printf ("link %s", link->name);
  g_autofree char *a = end_to_string (lab, link->dev_a, link->if_a);
  g_autofree char *b = end_to_string (lab, link->dev_b, link->if_b);

  g_key_file_set_value (kf, group, "a", a);
  g_key_file_set_value (kf, group, "b", b);
  if (link->delay != WL_LAB_DEFAULT_DELAY)
    set_time (kf, group, "delay", link->delay);
  if (link->bandwidth != WL_LAB_DEFAULT_BANDWIDTH)
    {
      g_autofree char *bandwidth = wl_format_bandwidth (link->bandwidth);
      g_key_file_set_value (kf, group, "bandwidth", bandwidth);
    }
  if (link->jitter != 0)
    set_time (kf, group, "jitter", link->jitter);
  if (link->loss != 0.0)
    set_double (kf, group, "loss", link->loss);
  if (link->duplicate != 0.0)
    set_double (kf, group, "duplicate", link->duplicate);
  if (link->ber != 0.0)
    set_double (kf, group, "ber", link->ber);
}

char *
wl_lab_text_write (WlLab *lab)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();

  g_return_val_if_fail (lab != NULL, NULL);

  g_key_file_set_string (kf, "lab", "title", lab->title != NULL ? lab->title : "");
  if (lab->description != NULL && lab->description[0] != '\0')
    g_key_file_set_string (kf, "lab", "description", lab->description);
  if (lab->seed != 1)
    g_key_file_set_uint64 (kf, "lab", "seed", lab->seed);
  for (guint i = 0; i < lab->devices->len; i++)
    write_device (kf, g_ptr_array_index (lab->devices, i), i);
  for (guint i = 0; i < lab->links->len; i++)
    write_link (kf, lab, g_ptr_array_index (lab->links, i));
  for (guint i = 0; i < lab->actions->len; i++)
    {
      const WlLabAction *action = g_ptr_array_index (lab->actions, i);
      g_autofree char *group = g_strdup_printf ("action %u", i + 1);

      set_time (kf, group, "time", action->time);
      g_key_file_set_value (kf, group, "device", wl_lab_get_device (lab, action->device)->name);
      g_key_file_set_string (kf, group, "command", action->command);
    }
  return g_key_file_to_data (kf, NULL, NULL);
}

gboolean
wl_lab_text_save (WlLab *lab,
                  const char *path,
                  GError **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (lab != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  text = wl_lab_text_write (lab);
  /* written to a temporary file and renamed over @path: never half a lab */
  return g_file_set_contents (path, text, -1, error);
}
