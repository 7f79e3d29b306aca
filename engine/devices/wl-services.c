/* wl-services.c — the table of service kinds (see wl-services.h). */
#define G_LOG_DOMAIN "wl-services"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "proto/wl-apps.h"
#include "proto/wl-dhcp.h"
#include "proto/wl-dns.h"
#include "proto/wl-http.h"
#include "wl-services.h"

static const WlServiceInfo services[] = {
  /* one row per kind: { "kind", check, start }, */
  { "dhcp-server", wl_dhcp_server_check_service, wl_dhcp_server_start_service },
  { "dhcp-relay", wl_dhcp_relay_check_service, wl_dhcp_relay_start_service },
  { "dns-server", wl_dns_server_check_service, wl_dns_server_service_start },
  { "dns-resolver", wl_dns_resolver_check_service, wl_dns_resolver_service_start },
  { "http-server", wl_http_server_check_service, wl_http_server_service_start },
  { NULL, NULL, NULL },
};

void
wl_services_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      for (const WlServiceInfo *s = services; s->kind != NULL; s++)
        wl_lab_register_service_kind (s->kind, s->check);
      g_once_init_leave (&done, 1);
    }
}

const WlServiceInfo *
wl_services_lookup (const char *kind)
{
  for (const WlServiceInfo *s = services; s->kind != NULL; s++)
    if (g_strcmp0 (s->kind, kind) == 0)
      return s;
  return NULL;
}

static char *
known_kinds (void)
{
  g_autoptr (GString) known = g_string_new (NULL);

  for (const WlServiceInfo *s = services; s->kind != NULL; s++)
    g_string_append_printf (known, "%s%s", known->len ? ", " : "", s->kind);
  /* Translators: shown when no service kind exists yet */
  return known->len ? g_strdup (known->str) : g_strdup (_("none yet"));
}

gboolean
wl_services_check_lab (WlLab *lab, GError **error)
{
  wl_services_init ();
  for (guint i = 0; i < lab->devices->len; i++)
    {
      const WlLabDevice *dev = g_ptr_array_index (lab->devices, i);

      for (guint j = 0; j < dev->services->len; j++)
        {
          const WlLabService *svc = g_ptr_array_index (dev->services, j);

          if (wl_services_lookup (svc->kind) == NULL)
            {
              g_autofree char *known = known_kinds ();

              g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                           _("Device “%s”: no service is called “%s” (known: %s)"), dev->name,
                           svc->kind, known);
              return FALSE;
            }
        }
    }
  return wl_lab_check_services (lab, error);
}

gboolean
wl_services_start (WlDevice *dev, const WlLabDevice *cfg, GError **error)
{
  for (guint j = 0; j < cfg->services->len; j++)
    {
      const WlLabService *svc = g_ptr_array_index (cfg->services, j);
      const WlServiceInfo *info = wl_services_lookup (svc->kind);

      g_assert (info != NULL); /* checked by wl_services_check_lab */
      if (!info->start (dev, cfg, svc, error))
        return FALSE;
    }
  return TRUE;
}
