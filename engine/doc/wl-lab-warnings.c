/* wl-lab-warnings.c — mistakes a lab may legally contain, found before a run.
 *
 * Rules (each warning names the device and, where it applies, the interface):
 *
 *   unplugged     an interface of a PC, server or router with no cable.  Free ports of hubs,
 *                 repeaters and switches are normal and not reported.
 *   duplicate IP  two interfaces (anywhere in the lab) with the same fixed address: ARP
 *                 replies from both will fight over it.  Each of them is reported.
 *   gateway       a device whose default gateway lies in none of the subnets of its
 *                 interfaces (address & mask): the host cannot ARP for it, so every packet
 *                 for another subnet is dropped.  Not checked when an interface uses DHCP,
 *                 since the subnet is only known at run time.
 *   DHCP servers  (informational) two devices running a "dhcp-server" service on one
 *                 segment: the interfaces joined by cables, hubs, repeaters and switches
 *                 (hosts and routers end a segment).  Both answer a DISCOVER; a client takes
 *                 the first offer, which may be a lesson or a mistake.
 */
#define G_LOG_DOMAIN "wl-doc"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-lab-warnings.h"

void
wl_lab_warning_free (WlLabWarning *warning)
{
  if (warning == NULL)
    return;
  g_free (warning->message);
  g_free (warning);
}

static void
add (GPtrArray *out,
     WlWarningKind kind,
     guint device,
     gint iface,
     char *message)
{
  WlLabWarning *w = g_new0 (WlLabWarning, 1);

  w->kind = kind;
  w->device = device;
  w->iface = iface;
  w->message = message;
  g_ptr_array_add (out, w);
}

static void
check_unplugged (WlLab *lab,
                 guint d,
                 GPtrArray *out)
{
  const WlLabDevice *dev = g_ptr_array_index (lab->devices, d);

  if (!wl_device_kind_has_ip (dev->kind))
    return;
  for (guint i = 0; i < dev->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);

      if (wl_lab_find_link_at (lab, d, i) < 0)
        add (out, WL_WARNING_UNPLUGGED, d, (gint) i,
             /* Translators: %s is an interface name such as eth0 */
             g_strdup_printf (_("Interface %s has no cable"), iface->name));
    }
}

static void
check_gateway (WlLab *lab,
               guint d,
               GPtrArray *out)
{
  const WlLabDevice *dev = g_ptr_array_index (lab->devices, d);
  char gw[16];

  if (dev->gateway == 0)
    return;
  for (guint i = 0; i < dev->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);
      guint32 mask = wl_ip_prefix_mask (iface->prefix);

      if (iface->dhcp)
        return;
      if (iface->address != 0 && (iface->address & mask) == (dev->gateway & mask))
        return;
    }
  add (out, WL_WARNING_GATEWAY_OUTSIDE, d, -1,
       g_strdup_printf (_("The gateway %s is outside every subnet of this device: it cannot "
                          "be reached"),
                        wl_ip_format (dev->gateway, gw)));
}

/* One pass over all interfaces with a hash of address → first (device, iface). */
static void
check_duplicates (WlLab *lab,
                  GPtrArray *out)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) reported = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint d = 0; d < lab->devices->len; d++)
    {
      const WlLabDevice *dev = g_ptr_array_index (lab->devices, d);

      for (guint i = 0; i < dev->ifaces->len; i++)
        {
          const WlLabIface *iface = g_ptr_array_index (dev->ifaces, i);
          gpointer key = GUINT_TO_POINTER (iface->address);
          gpointer here = GUINT_TO_POINTER (d * WL_LAB_MAX_PORTS + i + 1);
          gpointer first;
          char ip[16];

          if (iface->address == 0)
            continue;
          if ((first = g_hash_table_lookup (seen, key)) == NULL)
            {
              g_hash_table_insert (seen, key, here);
              continue;
            }
          wl_ip_format (iface->address, ip);
          if (g_hash_table_add (reported, first))
            {
              guint f = GPOINTER_TO_UINT (first) - 1;

              add (out, WL_WARNING_DUPLICATE_IP, f / WL_LAB_MAX_PORTS,
                   (gint) (f % WL_LAB_MAX_PORTS),
                   g_strdup_printf (_("The address %s is used by another interface too"), ip));
            }
          add (out, WL_WARNING_DUPLICATE_IP, d, (gint) i,
               g_strdup_printf (_("The address %s is used by another interface too"), ip));
        }
    }
}

/* Segments by union-find over nodes: interface i of an IP device is node
 * dev * WL_LAB_MAX_PORTS + i (its own), a hub, repeater or switch is one node for the whole
 * device (dev * WL_LAB_MAX_PORTS), since it joins its ports into one segment. */
static guint
node_of (WlLab *lab,
         guint dev,
         guint iface)
{
  const WlLabDevice *d = g_ptr_array_index (lab->devices, dev);

  return dev * WL_LAB_MAX_PORTS + (wl_device_kind_has_ip (d->kind) ? iface : 0);
}

static guint
find_root (GHashTable *parent,
           guint node)
{
  gpointer p;

  while ((p = g_hash_table_lookup (parent, GUINT_TO_POINTER (node + 1))) != NULL)
    node = GPOINTER_TO_UINT (p) - 1;
  return node;
}

static void
check_dhcp_servers (WlLab *lab,
                    GPtrArray *out)
{
  g_autoptr (GHashTable) parent = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) first = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr (GHashTable) warned = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);
      guint a = find_root (parent, node_of (lab, link->dev_a, link->if_a));
      guint b = find_root (parent, node_of (lab, link->dev_b, link->if_b));

      if (a != b)
        g_hash_table_insert (parent, GUINT_TO_POINTER (a + 1), GUINT_TO_POINTER (b + 1));
    }
  for (guint d = 0; d < lab->devices->len; d++)
    {
      WlLabDevice *dev = g_ptr_array_index (lab->devices, d);

      if (!wl_device_kind_has_ip (dev->kind)
          || wl_lab_device_find_service (dev, "dhcp-server") == NULL)
        continue;
      for (guint i = 0; i < dev->ifaces->len; i++)
        {
          gpointer seg = GUINT_TO_POINTER (find_root (parent, node_of (lab, d, i)) + 1);
          gpointer other = g_hash_table_lookup (first, seg);
          guint o;

          if (wl_lab_find_link_at (lab, d, i) < 0)
            continue;
          if (other == NULL)
            {
              g_hash_table_insert (first, seg, GUINT_TO_POINTER (d + 1));
              continue;
            }
          o = GPOINTER_TO_UINT (other) - 1;
          if (o == d)
            continue;
          for (guint k = 0; k < 2; k++)
            {
              guint who = k == 0 ? o : d, peer = k == 0 ? d : o;

              if (!g_hash_table_add (warned, GUINT_TO_POINTER (who + 1)))
                continue;
              add (out, WL_WARNING_TWO_DHCP_SERVERS, who, -1,
                   g_strdup_printf (_("%s also runs a DHCP server on this network segment: "
                                      "clients take the first offer they get"),
                                    wl_lab_get_device (lab, peer)->name));
              ((WlLabWarning *) g_ptr_array_index (out, out->len - 1))->info = TRUE;
            }
        }
    }
}

static gint
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const WlLabWarning *x = *(WlLabWarning *const *) a, *y = *(WlLabWarning *const *) b;

  if (x->device != y->device)
    return x->device < y->device ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return x->iface < y->iface ? -1 : x->iface > y->iface;
}

GPtrArray *
wl_lab_check_warnings (WlLab *lab)
{
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_lab_warning_free);

  g_return_val_if_fail (lab != NULL, out);

  for (guint d = 0; d < lab->devices->len; d++)
    {
      check_unplugged (lab, d, out);
      check_gateway (lab, d, out);
    }
  check_duplicates (lab, out);
  check_dhcp_servers (lab, out);
  g_ptr_array_sort (out, compare_warnings);
  return out;
}
