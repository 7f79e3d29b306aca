/* wl-lab.c — the lab model: building a lab, finding things in it, comparing two labs.
 *
 * A lab owns everything it holds: devices own their interfaces, routes and services
 * (wl-lab-service.c), and the lab owns its devices, links and actions, all in GPtrArrays
 * with free functions, so releasing the last reference releases the whole tree.  Things
 * refer to each other by index (a link names device 3, interface 1), never by pointer,
 * because indices are what the lab file and the recorded runs store.
 *
 * The functions here do not check what they are given beyond programmer errors: editing
 * code and the loaders call wl_lab_validate (wl-lab-validate.c) before the lab is used.
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <string.h>

#include "wl-lab-private.h"

G_DEFINE_QUARK (wl-lab-error-quark, wl_lab_error)

static void
iface_free (gpointer data)
{
  WlLabIface *iface = data;

  g_free (iface->name);
  g_free (iface);
}

static void
route_free (gpointer data)
{
  WlLabRoute *route = data;

  g_free (route->iface);
  g_free (route);
}

static void
device_free (gpointer data)
{
  WlLabDevice *dev = data;

  g_free (dev->name);
  g_ptr_array_unref (dev->ifaces);
  g_ptr_array_unref (dev->routes);
  g_ptr_array_unref (dev->services);
  g_free (dev);
}

static void
link_free (gpointer data)
{
  WlLabLink *link = data;

  g_free (link->name);
  g_free (link);
}

static void
action_free (gpointer data)
{
  WlLabAction *action = data;

  g_free (action->command);
  g_free (action);
}

/* An empty lab: no title, no devices, seed 1 (the seed runs use unless told otherwise). */
WlLab *
wl_lab_new (void)
{
  WlLab *lab = g_new0 (WlLab, 1);

  lab->ref_count = 1;
  lab->title = g_strdup ("");
  lab->description = g_strdup ("");
  lab->seed = 1;
  lab->devices = g_ptr_array_new_with_free_func (device_free);
  lab->links = g_ptr_array_new_with_free_func (link_free);
  lab->actions = g_ptr_array_new_with_free_func (action_free);
  return lab;
}

WlLab *
wl_lab_ref (WlLab *lab)
{
  g_return_val_if_fail (lab != NULL, NULL);
  g_return_val_if_fail (lab->ref_count > 0, NULL);

  /* atomic: a run on a worker thread may hold the lab while the window holds it too */
  g_atomic_int_inc (&lab->ref_count);
  return lab;
}

void
wl_lab_unref (WlLab *lab)
{
  g_return_if_fail (lab != NULL);
  g_return_if_fail (lab->ref_count > 0);

  if (!g_atomic_int_dec_and_test (&lab->ref_count))
    return;
  g_free (lab->title);
  g_free (lab->description);
  g_ptr_array_unref (lab->devices);
  g_ptr_array_unref (lab->links);
  g_ptr_array_unref (lab->actions);
  g_free (lab);
}

/* 02 in the first octet sets the "locally administered" bit and leaves the multicast bit
 * clear (IEEE 802): such addresses never clash with a real vendor's.  Device + 1 keeps the
 * first device's MACs away from 02:00:00:00:00:xx. */
void
wl_lab_default_mac (guint device,
                    guint iface,
                    WlMac *out)
{
  guint32 n = device + 1;

  g_return_if_fail (out != NULL);

  out->b[0] = 0x02;
  out->b[1] = 0x00;
  out->b[2] = (guint8) ((n >> 16) & 0xff);
  out->b[3] = (guint8) ((n >> 8) & 0xff);
  out->b[4] = (guint8) (n & 0xff);
  out->b[5] = (guint8) (iface & 0xff);
}

WlLabDevice *
wl_lab_add_device (WlLab *lab,
                   WlDeviceKind kind,
                   const char *name)
{
  WlLabDevice *dev;
  guint index, count;

  g_return_val_if_fail (lab != NULL, NULL);
  g_return_val_if_fail ((guint) kind < WL_DEVICE_KIND_LAST, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  index = lab->devices->len;
  dev = g_new0 (WlLabDevice, 1);
  dev->name = g_strdup (name);
  dev->kind = kind;
  dev->ifaces = g_ptr_array_new_with_free_func (iface_free);
  dev->routes = g_ptr_array_new_with_free_func (route_free);
  dev->services = g_ptr_array_new_with_free_func (_wl_lab_service_free);
  dev->mac_ageing = WL_LAB_DEFAULT_MAC_AGEING;
  g_ptr_array_add (lab->devices, dev);

  /* the interfaces a real device of this kind comes with: a PC has one network card, a
   * small router two, a desktop hub or switch eight ports */
  count = wl_device_kind_default_iface_count (kind);
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *ifname = wl_device_kind_iface_name (kind, i);
      WlLabIface *iface = wl_lab_device_add_iface (dev, ifname);

      wl_lab_default_mac (index, i, &iface->mac);
    }
  return dev;
}

/* The device does not know its own index, so a new interface cannot be given its default
 * MAC from first principles.  It takes the first interface's MAC with its own index in the
 * last octet, which is the default MAC when the first one is the default too; a device with
 * no interface yet gets 00:00:00:00:00:00, and callers that know the index (the loaders,
 * wl_lab_add_device) assign wl_lab_default_mac themselves. */
WlLabIface *
wl_lab_device_add_iface (WlLabDevice *dev,
                         const char *name)
{
  WlLabIface *iface;

  g_return_val_if_fail (dev != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  iface = g_new0 (WlLabIface, 1);
  iface->name = g_strdup (name);
  iface->mtu = WL_LAB_DEFAULT_MTU;
  if (dev->ifaces->len > 0)
    {
      const WlLabIface *first = g_ptr_array_index (dev->ifaces, 0);

      iface->mac = first->mac;
      iface->mac.b[5] = (guint8) (dev->ifaces->len & 0xff);
    }
  g_ptr_array_add (dev->ifaces, iface);
  return iface;
}

WlLabLink *
wl_lab_add_link (WlLab *lab,
                 const char *name,
                 guint dev_a,
                 guint if_a,
                 guint dev_b,
                 guint if_b)
{
  WlLabLink *link;

  g_return_val_if_fail (lab != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  link = g_new0 (WlLabLink, 1);
  link->name = g_strdup (name);
  link->dev_a = dev_a;
  link->if_a = if_a;
  link->dev_b = dev_b;
  link->if_b = if_b;
  /* a short Fast Ethernet cable: 1 µs is about 200 m of copper; no impairments */
  link->delay = WL_LAB_DEFAULT_DELAY;
  link->bandwidth = WL_LAB_DEFAULT_BANDWIDTH;
  g_ptr_array_add (lab->links, link);
  return link;
}

WlLabAction *
wl_lab_add_action (WlLab *lab,
                   WlTime time,
                   guint device,
                   const char *command)
{
  WlLabAction *action;

  g_return_val_if_fail (lab != NULL, NULL);
  g_return_val_if_fail (command != NULL, NULL);

  action = g_new0 (WlLabAction, 1);
  action->time = time;
  action->device = device;
  action->command = g_strdup (command);
  g_ptr_array_add (lab->actions, action);
  return action;
}

WlLabDevice *
wl_lab_get_device (WlLab *lab,
                   guint index)
{
  g_return_val_if_fail (lab != NULL, NULL);

  if (index >= lab->devices->len)
    return NULL;
  return g_ptr_array_index (lab->devices, index);
}

int
wl_lab_find_device (WlLab *lab,
                    const char *name)
{
  g_return_val_if_fail (lab != NULL, -1);

  for (guint i = 0; i < lab->devices->len; i++)
    {
      const WlLabDevice *dev = g_ptr_array_index (lab->devices, i);

      if (g_strcmp0 (dev->name, name) == 0)
        return (int) i;
    }
  return -1;
}

int
wl_lab_device_find_iface (WlLabDevice *dev,
                          const char *name)
{
  g_return_val_if_fail (dev != NULL, -1);

  for (guint i = 0; i < dev->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);

      if (g_strcmp0 (iface->name, name) == 0)
        return (int) i;
    }
  return -1;
}

int
wl_lab_find_link (WlLab *lab,
                  const char *name)
{
  g_return_val_if_fail (lab != NULL, -1);

  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);

      if (g_strcmp0 (link->name, name) == 0)
        return (int) i;
    }
  return -1;
}

/* A linear scan over the links: meant for editing and look-ups, not for a per-frame path. */
int
wl_lab_find_link_at (WlLab *lab,
                     guint dev,
                     guint iface)
{
  g_return_val_if_fail (lab != NULL, -1);

  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);

      if ((link->dev_a == dev && link->if_a == iface)
          || (link->dev_b == dev && link->if_b == iface))
        return (int) i;
    }
  return -1;
}

/* Base names as the palette shows them; the lab text stores kinds by wl_device_kind_to_string. */
static const char *const name_bases[WL_DEVICE_KIND_LAST] = {
  [WL_DEVICE_PC] = "PC",         [WL_DEVICE_SERVER] = "Server",
  [WL_DEVICE_HUB] = "Hub",       [WL_DEVICE_REPEATER] = "Repeater",
  [WL_DEVICE_SWITCH] = "Switch", [WL_DEVICE_ROUTER] = "Router",
};

/* The smallest n >= 1 such that "<Base><n>" names no device: deleting PC2 of PC1..PC3 makes
 * the next PC "PC2" again. */
char *
wl_lab_next_device_name (WlLab *lab,
                         WlDeviceKind kind)
{
  const char *base;
  gsize base_len;
  g_autofree gboolean *used = NULL;
  guint n_devices;

  g_return_val_if_fail (lab != NULL, NULL);
  g_return_val_if_fail ((guint) kind < WL_DEVICE_KIND_LAST, NULL);

  /* Among N devices at most N numbers are taken, so one of 1..N+1 is free. */
  base = name_bases[kind];
  base_len = strlen (base);
  n_devices = lab->devices->len;
  used = g_new0 (gboolean, (gsize) n_devices + 2);
  for (guint i = 0; i < n_devices; i++)
    {
      const WlLabDevice *dev = g_ptr_array_index (lab->devices, i);
      guint64 n;

      if (strncmp (dev->name, base, base_len) != 0)
        continue;
      /* strict decimal: "PC01" does not take 1, since "PC1" is still free */
      if (dev->name[base_len] == '0'
          || !g_ascii_string_to_unsigned (dev->name + base_len, 10, 1, n_devices + 1, &n, NULL))
        continue;
      used[n] = TRUE;
    }
  for (guint n = 1;; n++) /* ends by n_devices + 1 at the latest */
    if (!used[n])
      return g_strdup_printf ("%s%u", base, n);
}

/* Deep comparison ------------------------------------------------------------------------- */

static gboolean
iface_equal (const WlLabIface *a,
             const WlLabIface *b)
{
  return g_strcmp0 (a->name, b->name) == 0 && wl_mac_equal (&a->mac, &b->mac)
         && a->dhcp == b->dhcp && a->address == b->address && a->prefix == b->prefix
         && a->mtu == b->mtu;
}

static gboolean
route_equal (const WlLabRoute *a,
             const WlLabRoute *b)
{
  return a->network == b->network && a->prefix == b->prefix && a->via == b->via
         && g_strcmp0 (a->iface, b->iface) == 0;
}

static gboolean
device_equal (const WlLabDevice *a,
              const WlLabDevice *b)
{
  if (g_strcmp0 (a->name, b->name) != 0 || a->kind != b->kind || a->x != b->x || a->y != b->y
      || a->gateway != b->gateway || a->dns != b->dns || a->mac_ageing != b->mac_ageing
      || a->ifaces->len != b->ifaces->len || a->routes->len != b->routes->len)
    return FALSE;
  for (guint i = 0; i < a->ifaces->len; i++)
    if (!iface_equal (g_ptr_array_index (a->ifaces, i), g_ptr_array_index (b->ifaces, i)))
      return FALSE;
  for (guint i = 0; i < a->routes->len; i++)
    if (!route_equal (g_ptr_array_index (a->routes, i), g_ptr_array_index (b->routes, i)))
      return FALSE;
  return _wl_lab_services_equal (a->services, b->services);
}

static gboolean
link_equal (const WlLabLink *a,
            const WlLabLink *b)
{
  /* doubles compare exactly: a round trip through text must give back the same bits */
  return g_strcmp0 (a->name, b->name) == 0 && a->dev_a == b->dev_a && a->if_a == b->if_a
         && a->dev_b == b->dev_b && a->if_b == b->if_b && a->delay == b->delay
         && a->bandwidth == b->bandwidth && a->jitter == b->jitter && a->loss == b->loss
         && a->duplicate == b->duplicate && a->ber == b->ber;
}

static gboolean
action_equal (const WlLabAction *a,
              const WlLabAction *b)
{
  return a->time == b->time && a->device == b->device && g_strcmp0 (a->command, b->command) == 0;
}

/* Everything, in order: two labs with the same devices in another order are different labs,
 * since indices are what links, actions and recorded runs refer to. */
gboolean
wl_lab_equal (WlLab *a,
              WlLab *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  if (g_strcmp0 (a->title, b->title) != 0 || g_strcmp0 (a->description, b->description) != 0
      || a->seed != b->seed || a->devices->len != b->devices->len
      || a->links->len != b->links->len || a->actions->len != b->actions->len)
    return FALSE;
  for (guint i = 0; i < a->devices->len; i++)
    if (!device_equal (g_ptr_array_index (a->devices, i), g_ptr_array_index (b->devices, i)))
      return FALSE;
  for (guint i = 0; i < a->links->len; i++)
    if (!link_equal (g_ptr_array_index (a->links, i), g_ptr_array_index (b->links, i)))
      return FALSE;
  for (guint i = 0; i < a->actions->len; i++)
    if (!action_equal (g_ptr_array_index (a->actions, i), g_ptr_array_index (b->actions, i)))
      return FALSE;
  return TRUE;
}
