/* wl-lab-validate.c — every rule a lab must satisfy before it is simulated or saved.
 *
 * The rules, in the order they are checked (the first one broken is reported):
 *
 *   lab      at most WL_LAB_MAX_DEVICES devices.
 *   device   name of 1..32 characters from [A-Za-z0-9_.-], unique among devices; a known
 *            kind; a finite position; 1..WL_LAB_MAX_PORTS interfaces.
 *   iface    name as for devices, unique within its device; MTU 68..9000 (68 is the IPv4
 *            minimum of RFC 791, 9000 a common jumbo frame); ports of hubs, repeaters and
 *            switches have no address and no DHCP; DHCP excludes a fixed address; a prefix
 *            needs an address and is 0..32; when the subnet has at least two host addresses
 *            (prefix <= 30) the host part is neither all zeros (the network itself) nor all
 *            ones (its broadcast).  /31 (RFC 3021) and /32 have no such addresses to avoid.
 *   device   hubs, repeaters and switches have no gateway, DNS server or routes.
 *   route    prefix 0..32; the network has no host bits set; a next hop ("via") unless an
 *            egress interface is given; that interface exists on the device.
 *   service  (wl-lab-service-check.c) only on pcs, servers and routers; at most 32 per
 *            device; kind of 1..32 characters from [a-z0-9-], unique in the device; at most
 *            256 settings; keys spelt like kinds, unique in the service; values of valid
 *            UTF-8, at most 4096 bytes, without control characters.  What the settings mean
 *            is checked by the service's module (wl_lab_check_services), not here.
 *   link     name as for devices, unique among links; both ends name an existing device and
 *            interface; the two ends differ; no interface is in two links; delay and jitter
 *            at most 10 s; bandwidth 1 bit/s..100 Gbit/s; loss, duplicate and ber in [0, 1].
 *   action   an existing device; a command of 1..1024 characters of UTF-8 without a line
 *            break (one action is one line typed at a console).
 *
 * Then the actions are sorted by time, stably: two actions at the same time keep their order,
 * which is the order they were typed in.  Duplicate MAC addresses are allowed on purpose: a
 * teacher may set two equal ones to show what goes wrong.
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wl-lab-private.h"

#define NAME_MAX_LEN 32
#define MTU_MIN 68
#define MTU_MAX 9000
#define MAX_LINK_DELAY (10 * WL_S)
#define MAX_BANDWIDTH G_GUINT64_CONSTANT (100000000000)
#define MAX_COMMAND_CHARS 1024

/* Names appear in group headers of the lab text ("[device PC1]", "a=PC1:eth0"), in console
 * commands and in pcap interface names, so they keep to characters none of those quote:
 * no spaces, no ':' (the device:interface separator), no '[' or ']'. */
static gboolean
name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL || (len = strlen (name)) == 0 || len > NAME_MAX_LEN)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
validate_address (const WlLabDevice *dev,
                  const WlLabIface *iface,
                  GError **error)
{
  char ip[16];
  guint32 host_mask;

  if (iface->prefix > 32)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface “%s”: prefix /%u is not in 0..32"), dev->name,
                   iface->name, iface->prefix);
      return FALSE;
    }
  /* 0.0.0.0 means "no address"; a prefix alone would be lost on the way through a file */
  if (iface->address == 0)
    {
      if (iface->prefix == 0)
        return TRUE;
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface “%s”: prefix /%u is set without an address"),
                   dev->name, iface->name, iface->prefix);
      return FALSE;
    }
  if (iface->dhcp)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface “%s”: DHCP and the fixed address %s/%u exclude "
                     "each other"),
                   dev->name, iface->name, wl_ip_format (iface->address, ip), iface->prefix);
      return FALSE;
    }
  if (iface->prefix > 30)
    return TRUE;

  /* The host part is what the prefix leaves: in 10.0.0.1/24 the last octet.  All zeros
   * names the subnet itself and all ones is its directed broadcast (RFC 919, RFC 1122
   * 3.2.1.3); a host given either would answer for the whole subnet. */
  host_mask = ~wl_ip_prefix_mask (iface->prefix);
  if ((iface->address & host_mask) == 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface “%s”: %s/%u is the network address of its subnet, "
                     "not a host address"),
                   dev->name, iface->name, wl_ip_format (iface->address, ip), iface->prefix);
      return FALSE;
    }
  if ((iface->address & host_mask) == host_mask)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface “%s”: %s/%u is the broadcast address of its "
                     "subnet, not a host address"),
                   dev->name, iface->name, wl_ip_format (iface->address, ip), iface->prefix);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_iface (const WlLabDevice *dev,
                guint index,
                GError **error)
{
  const WlLabIface *iface = g_ptr_array_index (dev->ifaces, index);

  if (!name_is_valid (iface->name))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface name “%s” is not valid: use 1 to 32 letters, "
                     "digits, “_”, “.” or “-”"),
                   dev->name, iface->name);
      return FALSE;
    }
  for (guint j = 0; j < index; j++)
    {
      const WlLabIface *other = g_ptr_array_index (dev->ifaces, j);

      if (strcmp (other->name, iface->name) == 0)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                       _("Device “%s” has two interfaces named “%s”"), dev->name, iface->name);
          return FALSE;
        }
    }
  /* RFC 791: every IPv4 link must carry 68 octets unfragmented (a 60-byte header and the
   * smallest fragment of 8) */
  if (iface->mtu < MTU_MIN || iface->mtu > MTU_MAX)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: interface “%s”: MTU %u is not in 68..9000"), dev->name,
                   iface->name, iface->mtu);
      return FALSE;
    }
  /* hubs and repeaters work at layer 1 and switches at layer 2: their ports forward frames
   * and never take part in IP themselves */
  if (!wl_device_kind_has_ip (dev->kind) && (iface->address != 0 || iface->dhcp))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: port “%s”: hubs, repeaters and switches have no IP address "
                     "and no DHCP"),
                   dev->name, iface->name);
      return FALSE;
    }
  return validate_address (dev, iface, error);
}

static gboolean
validate_route (WlLabDevice *dev,
                const WlLabRoute *route,
                GError **error)
{
  char net[16], masked[16];
  guint32 mask;

  if (route->prefix > 32)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: route %s/%u: the prefix is not in 0..32"), dev->name,
                   wl_ip_format (route->network, net), route->prefix);
      return FALSE;
    }
  /* "10.9.1.0/16" is a typo for 10.9.0.0/16 or for 10.9.1.0/24; longest-prefix match
   * compares destination & mask with the network, so host bits would never match */
  mask = wl_ip_prefix_mask (route->prefix);
  wl_ip_format (route->network, net);
  if ((route->network & mask) != route->network)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: route %s/%u: the network has host bits set (the network "
                     "of this prefix is %s/%u)"),
                   dev->name, net, route->prefix, wl_ip_format (route->network & mask, masked),
                   route->prefix);
      return FALSE;
    }
  /* without a next hop the destination must be on the link itself, and then the route has
   * to say which link */
  if (route->via == 0 && route->iface == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: route %s/%u needs a next hop (via) or an interface (dev)"),
                   dev->name, net, route->prefix);
      return FALSE;
    }
  if (route->iface != NULL && wl_lab_device_find_iface (dev, route->iface) < 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("Device “%s”: route %s/%u: there is no interface “%s”"), dev->name, net,
                   route->prefix, route->iface);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_device (WlLabDevice *dev,
                 GHashTable *names,
                 GError **error)
{
  if (!name_is_valid (dev->name))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device name “%s” is not valid: use 1 to 32 letters, digits, “_”, “.” or "
                     "“-”"),
                   dev->name != NULL ? dev->name : "");
      return FALSE;
    }
  /* @names borrows the device names: they live as long as the lab */
  if (!g_hash_table_add (names, dev->name))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                   _("Two devices are named “%s”"), dev->name);
      return FALSE;
    }
  if ((guint) dev->kind >= WL_DEVICE_KIND_LAST)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: %d is not a device kind"), dev->name, (int) dev->kind);
      return FALSE;
    }
  if (!isfinite (dev->x) || !isfinite (dev->y))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: its position is not a finite number"), dev->name);
      return FALSE;
    }
  if (dev->ifaces->len < 1 || dev->ifaces->len > WL_LAB_MAX_PORTS)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s” has %u interfaces; it needs 1 to %u"), dev->name,
                   dev->ifaces->len, WL_LAB_MAX_PORTS);
      return FALSE;
    }
  for (guint i = 0; i < dev->ifaces->len; i++)
    if (!validate_iface (dev, i, error))
      return FALSE;
  /* layer 3 settings on a device without layer 3 would silently do nothing */
  if (!wl_device_kind_has_ip (dev->kind)
      && (dev->gateway != 0 || dev->dns != 0 || dev->routes->len > 0))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: hubs, repeaters and switches have no gateway, DNS server "
                     "or routes"),
                   dev->name);
      return FALSE;
    }
  for (guint i = 0; i < dev->routes->len; i++)
    if (!validate_route (dev, g_ptr_array_index (dev->routes, i), error))
      return FALSE;
  return _wl_lab_validate_services (dev, error);
}

/* One end of a link: an existing device and one of its interfaces. */
static gboolean
validate_link_end (WlLab *lab,
                   const WlLabLink *link,
                   guint dev,
                   guint iface,
                   GError **error)
{
  const WlLabDevice *device;

  if (dev >= lab->devices->len)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("Link “%s”: there is no device number %u (the lab has %u devices)"),
                   link->name, dev, lab->devices->len);
      return FALSE;
    }
  device = g_ptr_array_index (lab->devices, dev);
  if (iface >= device->ifaces->len)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("Link “%s”: device “%s” has no interface number %u (it has %u)"),
                   link->name, device->name, iface, device->ifaces->len);
      return FALSE;
    }
  return TRUE;
}

static const char *
iface_name (WlLab *lab,
            guint dev,
            guint iface)
{
  const WlLabDevice *device = g_ptr_array_index (lab->devices, dev);

  return ((const WlLabIface *) g_ptr_array_index (device->ifaces, iface))->name;
}

/* Each interface is in at most one link.  @plugged maps dev * WL_LAB_MAX_PORTS + iface (the
 * indices are in range here, so this fits in 32 bits) to the link index + 1. */
static gboolean
plug (WlLab *lab,
      GHashTable *plugged,
      guint link_index,
      guint dev,
      guint iface,
      GError **error)
{
  gpointer key = GUINT_TO_POINTER (dev * WL_LAB_MAX_PORTS + iface);
  guint other = GPOINTER_TO_UINT (g_hash_table_lookup (plugged, key));

  if (other != 0)
    {
      const WlLabLink *first = g_ptr_array_index (lab->links, other - 1);
      const WlLabLink *second = g_ptr_array_index (lab->links, link_index);

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                   _("Interface “%s:%s” is plugged into two links, “%s” and “%s”"),
                   wl_lab_get_device (lab, dev)->name, iface_name (lab, dev, iface),
                   first->name, second->name);
      return FALSE;
    }
  g_hash_table_insert (plugged, key, GUINT_TO_POINTER (link_index + 1));
  return TRUE;
}

static gboolean
validate_link_values (const WlLabLink *link,
                      GError **error)
{
  const struct
  {
    const char *key;
    double value;
  } probabilities[] = {
    { "loss", link->loss }, { "duplicate", link->duplicate }, { "ber", link->ber },
  };

  if (link->delay > MAX_LINK_DELAY)
    {
      g_autofree char *delay = wl_format_time (link->delay);

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Link “%s”: delay %s is longer than 10 s"), link->name, delay);
      return FALSE;
    }
  if (link->jitter > MAX_LINK_DELAY)
    {
      g_autofree char *jitter = wl_format_time (link->jitter);

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Link “%s”: jitter %s is longer than 10 s"), link->name, jitter);
      return FALSE;
    }
  if (link->bandwidth < 1 || link->bandwidth > MAX_BANDWIDTH)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Link “%s”: bandwidth %llu bit/s is not in 1 bit/s..100 Gbit/s"),
                   link->name, (unsigned long long) link->bandwidth);
      return FALSE;
    }
  /* written as !(in range) so that NaN, which compares false with everything, fails too */
  for (gsize i = 0; i < G_N_ELEMENTS (probabilities); i++)
    if (!(probabilities[i].value >= 0.0 && probabilities[i].value <= 1.0))
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_dtostr (buf, sizeof buf, probabilities[i].value);
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                     /* Translators: the second %s is a key of the lab text: "loss",
                      * "duplicate" or "ber" (bit error rate); keep it as is. */
                     _("Link “%s”: %s %s is not a probability between 0 and 1"), link->name,
                     probabilities[i].key, buf);
        return FALSE;
      }
  return TRUE;
}

static gboolean
validate_links (WlLab *lab,
                GError **error)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) plugged = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < lab->links->len; i++)
    {
      const WlLabLink *link = g_ptr_array_index (lab->links, i);

      if (!name_is_valid (link->name))
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("Link name “%s” is not valid: use 1 to 32 letters, digits, “_”, “.” "
                         "or “-”"),
                       link->name != NULL ? link->name : "");
          return FALSE;
        }
      if (!g_hash_table_add (names, link->name))
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                       _("Two links are named “%s”"), link->name);
          return FALSE;
        }
      if (!validate_link_end (lab, link, link->dev_a, link->if_a, error)
          || !validate_link_end (lab, link, link->dev_b, link->if_b, error))
        return FALSE;
      /* a cable from a port to itself; two ports of one device is allowed (a loop, which
       * a lab about broadcast storms may want) */
      if (link->dev_a == link->dev_b && link->if_a == link->if_b)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("Link “%s” plugs both of its ends into interface “%s:%s”"), link->name,
                       wl_lab_get_device (lab, link->dev_a)->name,
                       iface_name (lab, link->dev_a, link->if_a));
          return FALSE;
        }
      if (!plug (lab, plugged, i, link->dev_a, link->if_a, error)
          || !plug (lab, plugged, i, link->dev_b, link->if_b, error)
          || !validate_link_values (link, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
validate_action (WlLab *lab,
                 guint index,
                 GError **error)
{
  const WlLabAction *action = g_ptr_array_index (lab->actions, index);
  const char *device;

  if (action->device >= lab->devices->len)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("Action %u: there is no device number %u (the lab has %u devices)"),
                   index + 1, action->device, lab->devices->len);
      return FALSE;
    }
  device = wl_lab_get_device (lab, action->device)->name;
  /* the command is replayed as typed into the device's console: it must be one line */
  if (action->command == NULL || action->command[0] == '\0')
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Action %u on “%s”: the command is empty"), index + 1, device);
      return FALSE;
    }
  if (!g_utf8_validate (action->command, -1, NULL))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Action %u on “%s”: the command is not valid UTF-8"), index + 1, device);
      return FALSE;
    }
  if (g_utf8_strlen (action->command, -1) > MAX_COMMAND_CHARS)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Action %u on “%s”: the command is longer than 1024 characters"),
                   index + 1, device);
      return FALSE;
    }
  if (strpbrk (action->command, "\r\n") != NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Action %u on “%s”: the command “%s” has a line break; one action is one "
                     "line"),
                   index + 1, device, action->command);
      return FALSE;
    }
  return TRUE;
}

static int
compare_action_time (gconstpointer a,
                     gconstpointer b)
{
  const WlLabAction *x = *(WlLabAction *const *) a;
  const WlLabAction *y = *(WlLabAction *const *) b;

  return x->time < y->time ? -1 : x->time > y->time ? 1 : 0;
}

gboolean
wl_lab_validate (WlLab *lab,
                 GError **error)
{
  g_autoptr (GHashTable) names = NULL;

  g_return_val_if_fail (lab != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (lab->devices->len > WL_LAB_MAX_DEVICES)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("The lab has %u devices; at most %u are allowed"), lab->devices->len,
                   WL_LAB_MAX_DEVICES);
      return FALSE;
    }
  /* devices first: links and actions name them by index and report them by name */
  names = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < lab->devices->len; i++)
    if (!validate_device (g_ptr_array_index (lab->devices, i), names, error))
      return FALSE;
  if (!validate_links (lab, error))
    return FALSE;
  for (guint i = 0; i < lab->actions->len; i++)
    if (!validate_action (lab, i, error))
      return FALSE;

  /* g_ptr_array_sort is a stable sort (guaranteed since GLib 2.32): actions at equal times
   * keep the order they were added in. */
  g_ptr_array_sort (lab->actions, compare_action_time);
  return TRUE;
}
