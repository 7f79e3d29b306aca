/* wl-lab-service.c — the services a device runs, as the lab holds them.
 *
 * A service is what a device offers the others on the network: "Server1 runs a DHCP server
 * with this pool", "DNS1 answers for lab.test with these records", "R1 relays DHCP requests
 * to 10.0.9.5".  The lab keeps each one as a kind and an ordered list of key=value settings,
 * nothing more:
 *
 *   device Server1
 *     service dhcp-server   pool=10.0.0.100-10.0.0.199
 *                           lease=1h
 *                           router=10.0.0.254
 *
 * The lab does not know what "pool" means.  Each service module (DHCP, DNS, HTTP …) reads
 * its own settings when the network is built, and checks them through the registry of
 * wl-lab-service-check.c, so the lab never depends on those modules.  What the lab does
 * check, in wl_lab_validate, is the spelling every service shares: names, uniqueness,
 * sizes (wl-lab-service-check.c).
 *
 * Like the rest of the model, these functions check only programmer errors; the order of
 * services and of settings is kept, because the lab text and the lab file write them back
 * in that order.
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <string.h>

#include "wl-lab-private.h"

static void
setting_free (gpointer data)
{
  WlLabSetting *setting = data;

  g_free (setting->key);
  g_free (setting->value);
  g_free (setting);
}

void
_wl_lab_service_free (gpointer data)
{
  WlLabService *svc = data;

  g_free (svc->kind);
  g_ptr_array_unref (svc->settings);
  g_free (svc);
}

static WlLabService *
service_new (const char *kind)
{
  WlLabService *svc = g_new0 (WlLabService, 1);

  svc->kind = g_strdup (kind);
  svc->settings = g_ptr_array_new_with_free_func (setting_free);
  return svc;
}

WlLabService *
wl_lab_device_add_service (WlLabDevice *dev,
                           const char *kind)
{
  WlLabService *svc;

  g_return_val_if_fail (dev != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  svc = service_new (kind);
  g_ptr_array_add (dev->services, svc);
  return svc;
}

/* The index of the first service of @kind, or -1. */
static int
find_service (const WlLabDevice *dev,
              const char *kind)
{
  for (guint i = 0; i < dev->services->len; i++)
    {
      const WlLabService *svc = g_ptr_array_index (dev->services, i);

      if (g_strcmp0 (svc->kind, kind) == 0)
        return (int) i;
    }
  return -1;
}

WlLabService *
wl_lab_device_find_service (WlLabDevice *dev,
                            const char *kind)
{
  int i;

  g_return_val_if_fail (dev != NULL, NULL);

  i = find_service (dev, kind);
  return i < 0 ? NULL : g_ptr_array_index (dev->services, i);
}

gboolean
wl_lab_device_remove_service (WlLabDevice *dev,
                              const char *kind)
{
  int i;

  g_return_val_if_fail (dev != NULL, FALSE);

  if ((i = find_service (dev, kind)) < 0)
    return FALSE;
  /* not _fast: the others keep their order */
  g_ptr_array_remove_index (dev->services, (guint) i);
  return TRUE;
}

void
wl_lab_device_copy_services (WlLabDevice *dest,
                             const WlLabDevice *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  for (guint i = 0; i < src->services->len; i++)
    {
      const WlLabService *from = g_ptr_array_index (src->services, i);
      WlLabService *to = wl_lab_device_add_service (dest, from->kind);

      for (guint j = 0; j < from->settings->len; j++)
        {
          const WlLabSetting *setting = g_ptr_array_index (from->settings, j);

          wl_lab_service_set (to, setting->key, setting->value);
        }
    }
}

/* Settings ---------------------------------------------------------------------------------- */

/* A service has at most a few hundred settings (WL_LAB_MAX_SERVICE_SETTINGS in a valid lab),
 * read when a network is built, never per frame: a linear scan is the right tool. */
static int
find_setting (const WlLabService *svc,
              const char *key)
{
  for (guint i = 0; i < svc->settings->len; i++)
    {
      const WlLabSetting *setting = g_ptr_array_index (svc->settings, i);

      if (g_strcmp0 (setting->key, key) == 0)
        return (int) i;
    }
  return -1;
}

void
wl_lab_service_set (WlLabService *svc,
                    const char *key,
                    const char *value)
{
  WlLabSetting *setting;
  int i;

  g_return_if_fail (svc != NULL);
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  /* a new value keeps the key's place, so an edit does not reorder the lab text */
  if ((i = find_setting (svc, key)) >= 0)
    {
      char *copy = g_strdup (value); /* before the free: @value may be the old value */

      setting = g_ptr_array_index (svc->settings, i);
      g_free (setting->value);
      setting->value = copy;
      return;
    }
  setting = g_new0 (WlLabSetting, 1);
  setting->key = g_strdup (key);
  setting->value = g_strdup (value);
  g_ptr_array_add (svc->settings, setting);
}

const char *
wl_lab_service_get (const WlLabService *svc,
                    const char *key)
{
  int i;

  g_return_val_if_fail (svc != NULL, NULL);

  if ((i = find_setting (svc, key)) < 0)
    return NULL;
  return ((const WlLabSetting *) g_ptr_array_index (svc->settings, i))->value;
}

gboolean
wl_lab_service_unset (WlLabService *svc,
                      const char *key)
{
  int i;

  g_return_val_if_fail (svc != NULL, FALSE);

  if ((i = find_setting (svc, key)) < 0)
    return FALSE;
  g_ptr_array_remove_index (svc->settings, (guint) i);
  return TRUE;
}

/* The convention every module shares for lists, so that "records=a;b" and "records=a; b;"
 * mean the same thing whichever module reads them. */
char **
wl_lab_service_dup_list (const WlLabService *svc,
                         const char *key)
{
  const char *value;
  char **items;
  guint n = 0;

  g_return_val_if_fail (svc != NULL, NULL);

  if ((value = wl_lab_service_get (svc, key)) == NULL)
    return NULL;
  items = g_strsplit (value, ";", -1);
  /* keep the non-empty items, moving them down over the empty ones (freed here) */
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        items[n++] = items[i];
      else
        g_free (items[i]);
    }
  items[n] = NULL;
  return items;
}

/* Comparison --------------------------------------------------------------------------------- */

static gboolean
service_equal (const WlLabService *a,
               const WlLabService *b)
{
  if (g_strcmp0 (a->kind, b->kind) != 0 || a->settings->len != b->settings->len)
    return FALSE;
  for (guint i = 0; i < a->settings->len; i++)
    {
      const WlLabSetting *x = g_ptr_array_index (a->settings, i);
      const WlLabSetting *y = g_ptr_array_index (b->settings, i);

      if (g_strcmp0 (x->key, y->key) != 0 || g_strcmp0 (x->value, y->value) != 0)
        return FALSE;
    }
  return TRUE;
}

/* In order: the lab text and the lab file keep the order, so a different order is a
 * different lab, as for interfaces. */
gboolean
_wl_lab_services_equal (const GPtrArray *a,
                        const GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!service_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}
