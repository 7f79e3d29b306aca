/* wl-dhcp-service.c — DHCP servers and relays as services of a lab's devices.
 *
 * A lab gives a device "[service R1 dhcp-relay]" or "[service S1 dhcp-server]" with
 * key=value settings (engine/lab/wl-lab.h).  This file checks them when the lab is validated
 * and starts them on the device's stack at time 0: the two rows of the service table
 * (engine/devices/wl-services.c).  The settings are described in wl-dhcp-server.c and
 * wl-dhcp-relay.c.
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-apps.h"
#include "wl-dhcp-private.h"

static char **
service_settings (const WlLabService *svc)
{
  char **out = g_new0 (char *, svc->settings->len + 1);

  for (guint i = 0; i < svc->settings->len; i++)
    {
      const WlLabSetting *s = g_ptr_array_index (svc->settings, i);

      out[i] = g_strdup_printf ("%s=%s", s->key, s->value);
    }
  return out;
}

static gboolean
service_error (GError            **error,
               const WlLabDevice  *dev,
               const WlLabService *svc,
               const char         *message)
{
  /* Translators: device name, service kind ("dhcp-server"), then what is wrong */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("Device “%s”, service %s: %s"),
               dev->name, svc->kind, message);
  return FALSE;
}

/* A server and a relay both listen on port 67. */
static gboolean
check_alone (const WlLabDevice  *dev,
             const WlLabService *svc,
             GError            **error)
{
  if (wl_lab_device_find_service ((WlLabDevice *) dev, "dhcp-server") == NULL
      || wl_lab_device_find_service ((WlLabDevice *) dev, "dhcp-relay") == NULL)
    return TRUE;
  return service_error (error, dev, svc,
                        _("a device cannot be a DHCP server and a DHCP relay at once: both "
                          "listen on UDP port 67"));
}

static gboolean
server_config_for (const WlLabDevice  *dev,
                   const WlLabService *svc,
                   WlDhcpServerConfig *cfg,
                   GError            **error)
{
  g_auto (GStrv) settings = service_settings (svc);
  g_autoptr (GError) cause = NULL;

  wl_dhcp_server_config_init (cfg);
  if (wl_dhcp_server_config_parse (cfg, (const char *const *) settings, &cause))
    return TRUE;
  wl_dhcp_server_config_clear (cfg);
  return service_error (error, dev, svc, cause->message);
}

static gboolean
relay_config_for (const WlLabDevice  *dev,
                  const WlLabService *svc,
                  WlDhcpRelayConfig  *cfg,
                  GError            **error)
{
  g_auto (GStrv) settings = service_settings (svc);
  g_autoptr (GError) cause = NULL;

  wl_dhcp_relay_config_init (cfg);
  if (!wl_dhcp_relay_config_parse (cfg, (const char *const *) settings, &cause))
    {
      wl_dhcp_relay_config_clear (cfg);
      return service_error (error, dev, svc, cause->message);
    }
  for (guint i = 0; cfg->ifaces != NULL && cfg->ifaces[i] != NULL; i++)
    if (wl_lab_device_find_iface ((WlLabDevice *) dev, cfg->ifaces[i]) < 0)
      {
        /* Translators: %s is an interface name such as "eth2" */
        g_autofree char *msg = g_strdup_printf (_("there is no interface “%s” to relay on"),
                                                cfg->ifaces[i]);

        wl_dhcp_relay_config_clear (cfg);
        return service_error (error, dev, svc, msg);
      }
  return TRUE;
}

gboolean
wl_dhcp_server_check_service (const WlLabDevice  *dev,
                              const WlLabService *svc,
                              GError            **error)
{
  WlDhcpServerConfig cfg;

  if (!check_alone (dev, svc, error) || !server_config_for (dev, svc, &cfg, error))
    return FALSE;
  wl_dhcp_server_config_clear (&cfg);
  return TRUE;
}

gboolean
wl_dhcp_relay_check_service (const WlLabDevice  *dev,
                             const WlLabService *svc,
                             GError            **error)
{
  WlDhcpRelayConfig cfg;

  if (!check_alone (dev, svc, error) || !relay_config_for (dev, svc, &cfg, error))
    return FALSE;
  wl_dhcp_relay_config_clear (&cfg);
  return TRUE;
}

gboolean
wl_dhcp_server_start_service (WlDevice           *dev,
                              const WlLabDevice  *cfg,
                              const WlLabService *svc,
                              GError            **error)
{
  WlStack *stack = wl_device_get_stack (dev);
  WlDhcpServerConfig scfg;
  gboolean ok = TRUE;

  g_return_val_if_fail (stack != NULL, FALSE);

  if (!server_config_for (cfg, svc, &scfg, error))
    return FALSE;
  if (wl_dhcp_server_start (stack, &scfg) == NULL)
    ok = service_error (error, cfg, svc, _("UDP port 67 is already in use"));
  wl_dhcp_server_config_clear (&scfg);
  return ok;
}

gboolean
wl_dhcp_relay_start_service (WlDevice           *dev,
                             const WlLabDevice  *cfg,
                             const WlLabService *svc,
                             GError            **error)
{
  WlStack *stack = wl_device_get_stack (dev);
  WlDhcpRelayConfig rcfg;
  gboolean ok;

  g_return_val_if_fail (stack != NULL, FALSE);

  if (!relay_config_for (cfg, svc, &rcfg, error))
    return FALSE;
  ok = wl_dhcp_relay_start (stack, &rcfg, error) != NULL;
  wl_dhcp_relay_config_clear (&rcfg);
  return ok;
}
