/* wl-lab-text.c — reading the lab text (the format is described in wl-lab-text.h; the
 * canonical writer is in wl-lab-text-write.c).
 *
 * Reading happens in three steps.  GKeyFile splits the text into groups and keys; it merges
 * a group that appears twice and lets the last of two equal keys win, so both are caught
 * first (a repeated [device PC1] is almost always a copy-paste mistake).  Then the groups are
 * read in two passes: [lab] and the devices first, so that interfaces, services, links and
 * actions can name any device wherever their group is in the file; then everything else.  Last,
 * wl_lab_validate checks the rules that concern the lab as a whole.
 *
 * Each key is parsed by the strict value parsers of wl-lab-values.c; trailing spaces after a
 * value are ignored (they are invisible in an editor), anything else that is not exactly a
 * value is an error that names the group, the key and the value, so a typo is found from
 * the message alone.
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "wl-lab-text.h"

/* Errors ---------------------------------------------------------------------------------- */

/* @rule is an N_() string: what the value should have been. */
static gboolean
value_error (GError **error,
             const char *group,
             const char *key,
             const char *value,
             const char *rule)
{
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               /* Translators: "[group] key=value: what is wrong", as the line reads in the
                * lab text; e.g. "[interface PC1 eth0] address=10.0.0.1/33: not an IPv4
                * address/prefix (example: 10.0.0.1/24)" */
               _("[%s] %s=%s: %s"), group, key, value, _(rule));
  return FALSE;
}

static gboolean
missing_key (GError **error,
             const char *group,
             const char *key)
{
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX, _("[%s]: the key “%s” is missing"),
               group, key);
  return FALSE;
}

/* Every key of @group is one of @allowed (any key when @allowed is NULL), and none appears
 * twice. */
static gboolean
check_keys (GKeyFile *kf,
            const char *group,
            const char *const *allowed,
            GError **error)
{
  g_auto (GStrv) keys = g_key_file_get_keys (kf, group, NULL, NULL);

  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      if (allowed != NULL && !g_strv_contains (allowed, keys[i]))
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX, _("[%s]: unknown key “%s”"),
                       group, keys[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (keys[i], keys[j]) == 0)
          {
            g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                         _("[%s]: the key “%s” is given twice"), group, keys[i]);
            return FALSE;
          }
    }
  return TRUE;
}

/* GKeyFile keeps the last of two groups with one name; scan the group lines as it does (a
 * line whose first non-blank character is '[' names a group up to the first ']'). */
static gboolean
check_duplicate_groups (const char *text,
                        gsize len,
                        GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *end = text + len;

  for (const char *line = text; line < end;)
    {
      const char *eol = memchr (line, '\n', (gsize) (end - line));
      const char *close;

      if (eol == NULL)
        eol = end;
      while (line < eol && (*line == ' ' || *line == '\t'))
        line++;
      if (line < eol && *line == '['
          && (close = memchr (line, ']', (gsize) (eol - line))) != NULL)
        {
          char *name = g_strndup (line + 1, (gsize) (close - line - 1));

          if (!g_hash_table_add (seen, name))
            {
              g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                           _("The group [%s] is given twice"), name);
              return FALSE;
            }
        }
      line = eol + 1;
    }
  return TRUE;
}

/* Typed keys ------------------------------------------------------------------------------- */

/* The raw value without trailing blanks, or NULL when the key is absent. */
static char *
lookup (GKeyFile *kf,
        const char *group,
        const char *key)
{
  char *value = g_key_file_get_value (kf, group, key, NULL);

  return value != NULL ? g_strchomp (value) : NULL;
}

/* The kinds of value a key can hold; each has a parser and a rule to quote when it fails. */
typedef enum
{
  VALUE_TIME,
  VALUE_BANDWIDTH,
  VALUE_PROBABILITY,
  VALUE_IP,
  VALUE_MAC,
  VALUE_COORDINATE,
  VALUE_UINT64,
  VALUE_UINT,
} ValueType;

static const char *const value_rules[] = {
  [VALUE_TIME] = N_("not a time (examples: 0, 250us, 1.5ms, 2s)"),
  [VALUE_BANDWIDTH] = N_("not a bandwidth in bit/s (examples: 9600, 10k, 100M, 1G)"),
  [VALUE_PROBABILITY] = N_("not a probability (examples: 0.05, 5%, 1e-6)"),
  [VALUE_IP] = N_("not an IPv4 address (example: 10.0.0.254)"),
  [VALUE_MAC] = N_("not a MAC address (example: 02:00:00:00:01:00)"),
  [VALUE_COORDINATE] = N_("not a number (example: -120.5)"),
  [VALUE_UINT64] = N_("not a whole number from 0 to 18446744073709551615"),
  [VALUE_UINT] = N_("not a whole number (example: 1500)"),
};

/* A canvas coordinate: a finite decimal, possibly negative, nothing else (no spaces, no
 * "inf" or "nan", no hexadecimal, all of which g_ascii_strtod would take). */
static gboolean
parse_coordinate (const char *text,
                  double *out)
{
  const char *digits = text[0] == '-' ? text + 1 : text;
  char *end = NULL;
  double value;

  if (!g_ascii_isdigit (digits[0]) && digits[0] != '.')
    return FALSE;
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (".eE+-", *p) == NULL)
      return FALSE;
  value = g_ascii_strtod (text, &end);
  if (*end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
parse_typed (ValueType type,
             const char *text,
             gpointer out)
{
  guint64 n;

  switch (type)
    {
    case VALUE_TIME:
      return wl_parse_time (text, out);
    case VALUE_BANDWIDTH:
      return wl_parse_bandwidth (text, out);
    case VALUE_PROBABILITY:
      return wl_parse_probability (text, out);
    case VALUE_IP:
      return wl_ip_parse (text, out);
    case VALUE_MAC:
      return wl_mac_parse (text, out);
    case VALUE_COORDINATE:
      return parse_coordinate (text, out);
    case VALUE_UINT64:
      return g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, out, NULL);
    case VALUE_UINT:
      /* only a number here: ranges (the MTU's) are wl_lab_validate's rules */
      if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &n, NULL))
        return FALSE;
      *(guint *) out = (guint) n;
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* Parses @key as a @type into @out when the key is present; @out keeps its default when it
 * is absent. */
static gboolean
get_value (GKeyFile *kf,
           const char *group,
           const char *key,
           ValueType type,
           gpointer out,
           GError **error)
{
  g_autofree char *value = lookup (kf, group, key);

  if (value == NULL || parse_typed (type, value, out))
    return TRUE;
  return value_error (error, group, key, value, value_rules[type]);
}

/* Free text: GKeyFile's escapes (\n, \s, \\ …) are decoded; an unknown one ("\;") is an
 * error.  GKeyFile returns the raw value along with that error, so the error is what counts. */
static gboolean
get_text (GKeyFile *kf,
          const char *group,
          const char *key,
          char **out,
          GError **error)
{
  g_autoptr (GError) local = NULL;
  char *value;

  if (!g_key_file_has_key (kf, group, key, NULL))
    return TRUE;
  value = g_key_file_get_string (kf, group, key, &local);
  if (local != NULL)
    {
      g_free (value);
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX, _("[%s] %s: %s"), group, key,
                   local->message);
      return FALSE;
    }
  g_free (*out);
  *out = value;
  return TRUE;
}

/* "NET/PREFIX [via IPv4] [dev IFACE]", at least one of via and dev.  The network is kept as
 * written: that it is masked is checked by wl_lab_validate, with a message that says so. */
static gboolean
parse_route (const char *text,
             WlLabRoute *route)
{
  g_auto (GStrv) words = g_strsplit_set (text, " \t", -1);
  gboolean have_via = FALSE;
  guint n = 0;

  /* drop the empty words that runs of blanks leave; the kept words move down, so nothing
   * is freed twice and g_strfreev stops at the new end */
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      words[n++] = words[i];
    else
      g_free (words[i]);
  words[n] = NULL;

  if (n < 3 || n % 2 == 0 || !wl_parse_cidr (words[0], &route->network, &route->prefix))
    return FALSE;
  /* then "via IP" and "dev NAME" pairs, each at most once, in either order */
  for (guint i = 1; i < n; i += 2)
    {
      if (strcmp (words[i], "via") == 0 && !have_via)
        {
          if (!wl_ip_parse (words[i + 1], &route->via))
            return FALSE;
          have_via = TRUE;
        }
      else if (strcmp (words[i], "dev") == 0 && route->iface == NULL)
        {
          route->iface = g_strdup (words[i + 1]);
        }
      else
        {
          return FALSE;
        }
    }
  return TRUE;
}

/* Devices ----------------------------------------------------------------------------------- */

static gboolean
get_routes (GKeyFile *kf,
            const char *group,
            WlLabDevice *dev,
            GError **error)
{
  /* GKeyFile splits the list at ';' (a trailing ';' is allowed) */
  g_auto (GStrv) items = g_key_file_get_string_list (kf, group, "route", NULL, NULL);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      WlLabRoute *route = g_new0 (WlLabRoute, 1);

      g_ptr_array_add (dev->routes, route); /* owned by the device from here on */
      if (!parse_route (g_strstrip (items[i]), route))
        return value_error (error, group, "route", items[i],
                            N_("not a route (examples: 10.9.0.0/16 via 10.0.0.2, "
                               "0.0.0.0/0 via 10.0.0.1 dev eth0)"));
    }
  return TRUE;
}

/* interfaces=NAME;… or ports=N replace the kind's default interfaces; the new ones get the
 * default MACs of their positions. */
static gboolean
get_ifaces (GKeyFile *kf,
            const char *group,
            WlLabDevice *dev,
            guint index,
            GError **error)
{
  g_autofree char *ports = lookup (kf, group, "ports");
  g_auto (GStrv) names = NULL;
  guint64 count;

  if (ports != NULL && g_key_file_has_key (kf, group, "interfaces", NULL))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("[%s]: give either “interfaces” or “ports”, not both"), group);
      return FALSE;
    }
  if (ports != NULL)
    {
      if (wl_device_kind_has_ip (dev->kind))
        return value_error (error, group, "ports", ports,
                            N_("only hubs, repeaters and switches have numbered ports; "
                               "use “interfaces” (example: interfaces=eth0;eth1)"));
      if (!g_ascii_string_to_unsigned (ports, 10, 1, WL_LAB_MAX_PORTS, &count, NULL))
        return value_error (error, group, "ports", ports,
                            N_("not a number of ports from 1 to 256"));
      names = g_new0 (char *, count + 1);
      for (guint i = 0; i < count; i++)
        names[i] = wl_device_kind_iface_name (dev->kind, i);
    }
  else
    {
      names = g_key_file_get_string_list (kf, group, "interfaces", NULL, NULL);
      if (names == NULL)
        return TRUE; /* keep the kind's default interfaces */
    }

  /* the list replaces the defaults; MACs are those of the new positions, so that
   * "interfaces=a;b" gives the same MACs however the device was created */
  g_ptr_array_set_size (dev->ifaces, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      WlLabIface *iface = wl_lab_device_add_iface (dev, g_strstrip (names[i]));

      wl_lab_default_mac (index, i, &iface->mac);
    }
  return TRUE;
}

static gboolean
parse_device (WlLab *lab,
              GKeyFile *kf,
              const char *group,
              const char *name,
              GError **error)
{
  static const char *const keys[] = { "kind", "x", "y", "gateway", "dns", "route",
                                      "interfaces", "ports", "mac-ageing", NULL };
  g_autofree char *kind_name = NULL;
  WlDeviceKind kind;
  WlLabDevice *dev;
  guint index = lab->devices->len;

  if (!check_keys (kf, group, keys, error))
    return FALSE;
  if ((kind_name = lookup (kf, group, "kind")) == NULL)
    return missing_key (error, group, "kind");
  if (!wl_device_kind_from_string (kind_name, &kind))
    return value_error (error, group, "kind", kind_name,
                        N_("not a device kind (pc, server, hub, repeater, switch or router)"));

  /* the device's index is its position among the [device] groups, which GKeyFile lists in
   * file order */
  dev = wl_lab_add_device (lab, kind, name);
  return get_value (kf, group, "x", VALUE_COORDINATE, &dev->x, error)
         && get_value (kf, group, "y", VALUE_COORDINATE, &dev->y, error)
         && get_value (kf, group, "gateway", VALUE_IP, &dev->gateway, error)
         && get_value (kf, group, "dns", VALUE_IP, &dev->dns, error)
         && get_value (kf, group, "mac-ageing", VALUE_TIME, &dev->mac_ageing, error)
         && get_routes (kf, group, dev, error) && get_ifaces (kf, group, dev, index, error);
}

/* Interfaces, links, actions --------------------------------------------------------------- */

/* Device @dev_name, and when @if_name is not NULL its interface; @what is the text to quote
 * in the message ("[group]" or "[group] key=value"). */
static gboolean
resolve (WlLab *lab,
         const char *what,
         const char *dev_name,
         const char *if_name,
         guint *dev,
         guint *iface,
         GError **error)
{
  int d = wl_lab_find_device (lab, dev_name);
  int i;

  if (d < 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("%s: there is no device “%s”"), what, dev_name);
      return FALSE;
    }
  *dev = (guint) d;
  if (if_name == NULL)
    return TRUE;
  if ((i = wl_lab_device_find_iface (wl_lab_get_device (lab, *dev), if_name)) < 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("%s: device “%s” has no interface “%s”"), what, dev_name, if_name);
      return FALSE;
    }
  *iface = (guint) i;
  return TRUE;
}

static gboolean
parse_interface (WlLab *lab,
                 GKeyFile *kf,
                 const char *group,
                 const char *names,
                 GError **error)
{
  static const char *const keys[] = { "mac", "address", "mtu", NULL };
  g_autofree char *what = g_strdup_printf ("[%s]", group);
  g_auto (GStrv) parts = g_strsplit (names, " ", 2);
  g_autofree char *address = NULL;
  WlLabIface *iface;
  guint dev, index;

  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("[%s]: an interface group is named [interface DEVICE INTERFACE]"), group);
      return FALSE;
    }
  if (!check_keys (kf, group, keys, error)
      || !resolve (lab, what, parts[0], parts[1], &dev, &index, error))
    return FALSE;

  /* "dhcp" or a host address with its prefix; the subnet rules (not the network or the
   * broadcast address) are wl_lab_validate's */
  iface = g_ptr_array_index (wl_lab_get_device (lab, dev)->ifaces, index);
  address = lookup (kf, group, "address");
  if (g_strcmp0 (address, "dhcp") == 0)
    iface->dhcp = TRUE;
  else if (address != NULL && !wl_parse_cidr (address, &iface->address, &iface->prefix))
    return value_error (error, group, "address", address,
                        N_("not an IPv4 address/prefix or “dhcp” (example: 10.0.0.1/24)"));
  return get_value (kf, group, "mac", VALUE_MAC, &iface->mac, error)
         && get_value (kf, group, "mtu", VALUE_UINT, &iface->mtu, error);
}

/* [service DEVICE KIND]: any keys, each once, kept in the order of the file.  Values are
 * free text; how kinds and keys are spelt is wl_lab_validate's rule, what they mean the
 * service module's. */
static gboolean
parse_service (WlLab *lab,
               GKeyFile *kf,
               const char *group,
               const char *names,
               GError **error)
{
  g_autofree char *what = g_strdup_printf ("[%s]", group);
  g_auto (GStrv) parts = g_strsplit (names, " ", 2);
  g_auto (GStrv) keys = NULL;
  WlLabService *svc;
  guint dev;

  if (g_strv_length (parts) != 2)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("[%s]: a service group is named [service DEVICE KIND]"), group);
      return FALSE;
    }
  if (!check_keys (kf, group, NULL, error)
      || !resolve (lab, what, parts[0], NULL, &dev, NULL, error))
    return FALSE;
  /* a second group for the same service is caught by check_duplicate_groups */
  svc = wl_lab_device_add_service (wl_lab_get_device (lab, dev), parts[1]);
  keys = g_key_file_get_keys (kf, group, NULL, NULL); /* in file order */
  for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      if (!get_text (kf, group, keys[i], &value, error))
        return FALSE;
      wl_lab_service_set (svc, keys[i], value);
    }
  return TRUE;
}

/* "DEVICE:IFACE" */
static gboolean
get_end (WlLab *lab,
         GKeyFile *kf,
         const char *group,
         const char *key,
         guint *dev,
         guint *iface,
         GError **error)
{
  g_autofree char *value = lookup (kf, group, key);
  g_autofree char *what = NULL;
  g_auto (GStrv) parts = NULL;

  if (value == NULL)
    return missing_key (error, group, key);
  /* names never contain ':', so exactly two parts */
  parts = g_strsplit (value, ":", 0);
  if (g_strv_length (parts) != 2)
    return value_error (error, group, key, value,
                        N_("not a device and interface (example: PC1:eth0)"));
  what = g_strdup_printf ("[%s] %s=%s", group, key, value);
  return resolve (lab, what, parts[0], parts[1], dev, iface, error);
}

static gboolean
parse_link (WlLab *lab,
            GKeyFile *kf,
            const char *group,
            const char *name,
            GError **error)
{
  static const char *const keys[] = { "a", "b", "delay", "bandwidth", "jitter", "loss",
                                      "duplicate", "ber", NULL };
  guint dev_a = 0, if_a = 0, dev_b = 0, if_b = 0;
  WlLabLink *link;

  if (!check_keys (kf, group, keys, error)
      || !get_end (lab, kf, group, "a", &dev_a, &if_a, error)
      || !get_end (lab, kf, group, "b", &dev_b, &if_b, error))
    return FALSE;

  /* ranges (delay at most 10 s …) are wl_lab_validate's; here only the spelling */
  link = wl_lab_add_link (lab, name, dev_a, if_a, dev_b, if_b);
  return get_value (kf, group, "delay", VALUE_TIME, &link->delay, error)
         && get_value (kf, group, "bandwidth", VALUE_BANDWIDTH, &link->bandwidth, error)
         && get_value (kf, group, "jitter", VALUE_TIME, &link->jitter, error)
         && get_value (kf, group, "loss", VALUE_PROBABILITY, &link->loss, error)
         && get_value (kf, group, "duplicate", VALUE_PROBABILITY, &link->duplicate, error)
         && get_value (kf, group, "ber", VALUE_PROBABILITY, &link->ber, error);
}

static gboolean
parse_action (WlLab *lab,
              GKeyFile *kf,
              const char *group,
              GError **error)
{
  static const char *const keys[] = { "time", "device", "command", NULL };
  g_autofree char *device = lookup (kf, group, "device");
  g_autofree char *what = NULL;
  g_autofree char *command = NULL;
  WlTime at = 0;
  guint dev;

  if (!check_keys (kf, group, keys, error))
    return FALSE;
  if (device == NULL)
    return missing_key (error, group, "device");
  if (!g_key_file_has_key (kf, group, "command", NULL))
    return missing_key (error, group, "command");
  what = g_strdup_printf ("[%s] device=%s", group, device);
  if (!resolve (lab, what, device, NULL, &dev, NULL, error)
      || !get_value (kf, group, "time", VALUE_TIME, &at, error)
      || !get_text (kf, group, "command", &command, error))
    return FALSE;
  /* added in file order; wl_lab_validate sorts by time, stably, so that order breaks ties */
  wl_lab_add_action (lab, at, dev, command);
  return TRUE;
}

static gboolean
parse_lab (WlLab *lab,
           GKeyFile *kf,
           GError **error)
{
  static const char *const keys[] = { "title", "description", "seed", NULL };

  return check_keys (kf, "lab", keys, error)
         && get_text (kf, "lab", "title", &lab->title, error)
         && get_text (kf, "lab", "description", &lab->description, error)
         && get_value (kf, "lab", "seed", VALUE_UINT64, &lab->seed, error);
}

/* Parsing ------------------------------------------------------------------------------------ */

typedef enum
{
  GROUP_LAB,
  GROUP_DEVICE,
  GROUP_INTERFACE,
  GROUP_SERVICE,
  GROUP_LINK,
  GROUP_ACTION,
  GROUP_UNKNOWN,
} GroupKind;

/* The kind of a group, and in *rest what follows its first word ("PC1" of "device PC1"). */
static GroupKind
classify_group (const char *group,
                const char **rest)
{
  static const struct
  {
    const char *prefix;
    GroupKind kind;
  } prefixes[] = {
    { "device ", GROUP_DEVICE },
    { "interface ", GROUP_INTERFACE },
    { "service ", GROUP_SERVICE },
    { "link ", GROUP_LINK },
    { "action ", GROUP_ACTION },
  };

  *rest = NULL;
  if (strcmp (group, "lab") == 0)
    return GROUP_LAB;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (group, prefixes[i].prefix))
      {
        *rest = group + strlen (prefixes[i].prefix);
        return prefixes[i].kind;
      }
  return GROUP_UNKNOWN;
}

static gboolean
parse_group (WlLab *lab,
             GKeyFile *kf,
             const char *group,
             gboolean first_pass,
             GError **error)
{
  const char *rest;

  switch (classify_group (group, &rest))
    {
    case GROUP_LAB:
      return !first_pass || parse_lab (lab, kf, error);
    case GROUP_DEVICE:
      return !first_pass || parse_device (lab, kf, group, rest, error);
    case GROUP_INTERFACE:
      return first_pass || parse_interface (lab, kf, group, rest, error);
    case GROUP_SERVICE:
      return first_pass || parse_service (lab, kf, group, rest, error);
    case GROUP_LINK:
      return first_pass || parse_link (lab, kf, group, rest, error);
    case GROUP_ACTION:
      return first_pass || parse_action (lab, kf, group, error);
    case GROUP_UNKNOWN:
    default:
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("Unknown group [%s] (the groups are [lab], [device NAME], "
                     "[interface DEVICE INTERFACE], [service DEVICE KIND], [link NAME] and "
                     "[action LABEL])"),
                   group);
      return FALSE;
    }
}

WlLab *
wl_lab_text_parse (const char *text,
                   gssize len,
                   GError **error)
{
  g_autoptr (GKeyFile) kf = g_key_file_new ();
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (GError) local = NULL;
  g_auto (GStrv) groups = NULL;
  gsize length;

  g_return_val_if_fail (text != NULL || len == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = len < 0 ? strlen (text) : (gsize) len;
  if (!g_utf8_validate_len (text, length, NULL))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("The lab text is not valid UTF-8 text"));
      return NULL;
    }
  if (!check_duplicate_groups (text, length, error))
    return NULL;
  /* KEEP_TRANSLATIONS: otherwise GKeyFile silently drops "title[de]=…" for other locales,
   * and the unknown-key check would never see it */
  if (!g_key_file_load_from_data (kf, length > 0 ? text : "", length,
                                  G_KEY_FILE_KEEP_TRANSLATIONS, &local))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX, _("The lab text cannot be read: %s"),
                   local->message);
      return NULL;
    }

  /* pass 0: [lab] and devices, and unknown groups are refused; pass 1: the groups that
   * name devices (interfaces, services, links, actions) */
  groups = g_key_file_get_groups (kf, NULL);
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; groups[i] != NULL; i++)
      if (!parse_group (lab, kf, groups[i], pass == 0, error))
        return NULL;
  if (!wl_lab_validate (lab, error))
    return NULL;
  return g_steal_pointer (&lab);
}

WlLab *
wl_lab_text_load (const char *path,
                  GError **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  WlLab *lab;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  lab = wl_lab_text_parse (contents, (gssize) length, error);
  if (lab == NULL && error != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_prefix_error (error, "%s: ", display);
    }
  return lab;
}
