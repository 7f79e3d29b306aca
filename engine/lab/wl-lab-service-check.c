/* wl-lab-service-check.c — checking services: the rules every service shares, and the
 * registry through which each service module checks what its own settings mean.
 *
 * Two levels, because the lab must not depend on the modules that run services:
 *
 *  1. Generic rules, part of wl_lab_validate (called from validate_device, in this order;
 *     the first one broken is reported):
 *       - only pcs, servers and routers run services: hubs, repeaters and switches have no
 *         IP stack to run them on;
 *       - at most WL_LAB_MAX_SERVICES (32) services per device and
 *         WL_LAB_MAX_SERVICE_SETTINGS (256) settings per service;
 *       - a kind and a key are 1..32 characters of a-z 0-9 '-': they appear in group names
 *         and keys of the lab text ("[service DNS1 dns-server]", "records=…"), which must
 *         not need quoting, and a module compares them with strcmp;
 *       - kinds are unique within a device, keys within a service: a second "pool=" would
 *         leave it to chance which one the module reads;
 *       - a value is valid UTF-8 of at most WL_LAB_MAX_SERVICE_VALUE (4096) bytes without
 *         control characters (Unicode Cc: U+0000..U+001F and U+007F..U+009F, so also no line
 *         break or tab): it is one line of the lab text, and a bounded size keeps a hostile
 *         lab file from making the program hold more than the file.
 *
 *  2. Semantic rules ("is pool= a range of addresses?"), by the modules: each registers its
 *     kind with a checker (wl_lab_register_service_kind) and wl_lab_check_services runs them.
 *     The registry is one table for the whole process, unlike the protocol tables that live
 *     in each stack: it describes which programs exist, not the state of any device, and is
 *     written once at start-up and read by every lab.  A GMutex guards it because the GTK
 *     application validates labs on worker threads; checkers run without the lock held.
 *
 * Messages quote names and values through quote(): valid UTF-8 whatever the input, control
 * characters spelt out ("\n"), at most QUOTE_CHARS characters, so that a 4 KB value or a
 * hostile name never fills a dialog.
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wl-lab-private.h"

#define QUOTE_CHARS 48

/* The text of a message quoting @text; free with g_free(). */
static char *
quote (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  GString *s = g_string_new (NULL);
  guint n = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == QUOTE_CHARS)
        {
          g_string_append (s, "…");
          break;
        }
      if (c == '\n')
        g_string_append (s, "\\n");
      else if (c == '\t')
        g_string_append (s, "\\t");
      else if (c == '\r')
        g_string_append (s, "\\r");
      else if (g_unichar_iscntrl (c))
        g_string_append_printf (s, "\\u%04X", c);
      else
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

/* 1..32 of a-z 0-9 '-': the spelling of kinds and keys. */
static gboolean
name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL || (len = strlen (name)) == 0 || len > WL_LAB_MAX_SERVICE_NAME)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

/* Generic rules ------------------------------------------------------------------------------ */

/* The first control character of a valid UTF-8 @value, or 0 when there is none. */
static gunichar
find_control (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        return c;
    }
  return 0;
}

static gboolean
validate_value (const WlLabDevice *dev,
                const WlLabService *svc,
                const WlLabSetting *setting,
                GError **error)
{
  g_autofree char *shown = quote (setting->value);
  gsize len = strlen (setting->value);
  gunichar c;

  if (!g_utf8_validate (setting->value, -1, NULL))
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s”: the value of “%s” is not valid UTF-8 (“%s”)"),
                   dev->name, svc->kind, setting->key, shown);
      return FALSE;
    }
  if (len > WL_LAB_MAX_SERVICE_VALUE)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s”: the value of “%s” is %lu bytes long; at most "
                     "%u are allowed (“%s”)"),
                   dev->name, svc->kind, setting->key, (unsigned long) len,
                   WL_LAB_MAX_SERVICE_VALUE, shown);
      return FALSE;
    }
  if ((c = find_control (setting->value)) != 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s”: the value of “%s” has the control character "
                     "U+%04X (“%s”); a value is one line of text"),
                   dev->name, svc->kind, setting->key, c, shown);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_setting (const WlLabDevice *dev,
                  const WlLabService *svc,
                  guint index,
                  GError **error)
{
  const WlLabSetting *setting = g_ptr_array_index (svc->settings, index);

  if (!name_is_valid (setting->key))
    {
      g_autofree char *shown = quote (setting->key);

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s”: the key “%s” is not valid: use 1 to 32 "
                     "lower-case letters, digits or “-”"),
                   dev->name, svc->kind, shown);
      return FALSE;
    }
  for (guint j = 0; j < index; j++)
    if (strcmp (((const WlLabSetting *) g_ptr_array_index (svc->settings, j))->key,
                setting->key) == 0)
      {
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                     _("Device “%s”: service “%s” has the key “%s” twice"), dev->name,
                     svc->kind, setting->key);
        return FALSE;
      }
  if (setting->value == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s”: the key “%s” has no value"), dev->name,
                   svc->kind, setting->key);
      return FALSE;
    }
  return validate_value (dev, svc, setting, error);
}

static gboolean
validate_service (const WlLabDevice *dev,
                  guint index,
                  GError **error)
{
  const WlLabService *svc = g_ptr_array_index (dev->services, index);

  if (!name_is_valid (svc->kind))
    {
      g_autofree char *shown = quote (svc->kind);

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service name “%s” is not valid: use 1 to 32 lower-case "
                     "letters, digits or “-”"),
                   dev->name, shown);
      return FALSE;
    }
  for (guint j = 0; j < index; j++)
    if (strcmp (((const WlLabService *) g_ptr_array_index (dev->services, j))->kind,
                svc->kind) == 0)
      {
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE,
                     _("Device “%s” runs the service “%s” twice"), dev->name, svc->kind);
        return FALSE;
      }
  if (svc->settings->len > WL_LAB_MAX_SERVICE_SETTINGS)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s” has %u settings; at most %u are allowed"),
                   dev->name, svc->kind, svc->settings->len, WL_LAB_MAX_SERVICE_SETTINGS);
      return FALSE;
    }
  for (guint i = 0; i < svc->settings->len; i++)
    if (!validate_setting (dev, svc, i, error))
      return FALSE;
  return TRUE;
}

gboolean
_wl_lab_validate_services (const WlLabDevice *dev,
                           GError **error)
{
  if (dev->services->len == 0)
    return TRUE;
  if (!wl_device_kind_has_ip (dev->kind))
    {
      const WlLabService *first = g_ptr_array_index (dev->services, 0);
      g_autofree char *shown = quote (first->kind);

      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s”: service “%s”: hubs, repeaters and switches run no "
                     "services"),
                   dev->name, shown);
      return FALSE;
    }
  if (dev->services->len > WL_LAB_MAX_SERVICES)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("Device “%s” has %u services; at most %u are allowed"), dev->name,
                   dev->services->len, WL_LAB_MAX_SERVICES);
      return FALSE;
    }
  for (guint i = 0; i < dev->services->len; i++)
    if (!validate_service (dev, i, error))
      return FALSE;
  return TRUE;
}

/* The registry -------------------------------------------------------------------------------- */

/* A function pointer cannot travel in a gpointer in ISO C, so each one gets a small box. */
typedef struct
{
  WlServiceCheckFunc check;
} KindEntry;

static GMutex registry_lock;
static GHashTable *registry; /* kind → KindEntry*, both owned; guarded by registry_lock */

void
wl_lab_register_service_kind (const char *kind,
                              WlServiceCheckFunc check)
{
  KindEntry *entry;

  g_return_if_fail (name_is_valid (kind));

  entry = g_new0 (KindEntry, 1);
  entry->check = check;
  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_insert (registry, g_strdup (kind), entry);
  g_mutex_unlock (&registry_lock);
}

/* Whether @kind is registered, with its checker; *n_kinds is the number of kinds. */
static gboolean
lookup_kind (const char *kind,
             WlServiceCheckFunc *check,
             guint *n_kinds)
{
  const KindEntry *entry = NULL;

  g_mutex_lock (&registry_lock);
  *n_kinds = registry != NULL ? g_hash_table_size (registry) : 0;
  if (registry != NULL)
    entry = g_hash_table_lookup (registry, kind);
  *check = entry != NULL ? entry->check : NULL;
  g_mutex_unlock (&registry_lock);
  return entry != NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char **
wl_lab_dup_service_kinds (void)
{
  GPtrArray *kinds = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_mutex_lock (&registry_lock);
  if (registry != NULL)
    {
      g_hash_table_iter_init (&iter, registry);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_ptr_array_add (kinds, g_strdup (key));
    }
  g_mutex_unlock (&registry_lock);
  /* sorted: hash order would change the message from run to run */
  g_ptr_array_sort (kinds, compare_strings);
  g_ptr_array_add (kinds, NULL);
  return (char **) g_ptr_array_free (kinds, FALSE);
}

static gboolean
unknown_kind (const WlLabDevice *dev,
              const WlLabService *svc,
              GError **error)
{
  g_auto (GStrv) kinds = wl_lab_dup_service_kinds ();
  g_autofree char *known = g_strjoinv (", ", kinds);

  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
               /* Translators: the last %s is a list of service names, e.g. "dhcp-relay,
                * dhcp-server, dns-server"; the names are kept as they are. */
               _("Device “%s”: “%s” is not a known service (the known services are: %s)"),
               dev->name, svc->kind, known);
  return FALSE;
}

/* One service through its module's checker. */
static gboolean
check_service (const WlLabDevice *dev,
               const WlLabService *svc,
               GError **error)
{
  g_autoptr (GError) local = NULL;
  WlServiceCheckFunc check;
  guint n_kinds;

  if (!lookup_kind (svc->kind, &check, &n_kinds))
    return n_kinds == 0 || unknown_kind (dev, svc, error);
  if (check == NULL || check (dev, svc, &local))
    {
      g_warn_if_fail (local == NULL); /* a checker that succeeds sets no error */
      return TRUE;
    }
  if (local == NULL) /* a checker that forgot to say why */
    g_set_error (&local, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                 _("Device “%s”: service “%s” is not valid"), dev->name, svc->kind);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}

gboolean
wl_lab_check_services (WlLab *lab,
                       GError **error)
{
  g_return_val_if_fail (lab != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint d = 0; d < lab->devices->len; d++)
    {
      const WlLabDevice *dev = g_ptr_array_index (lab->devices, d);

      for (guint i = 0; i < dev->services->len; i++)
        if (!check_service (dev, g_ptr_array_index (dev->services, i), error))
          return FALSE;
    }
  return TRUE;
}
