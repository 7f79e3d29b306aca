/* wl-device-lab.c — building simulated devices from the lab's description. */
#define G_LOG_DOMAIN "wl-devices"
#include "config.h"

#include "wl-devices.h"

WlDevice *
wl_device_new_from_lab (const WlDeviceClass *klass, WlSim *sim, gint index,
                        const WlLabDevice *cfg)
{
  WlDevice *dev = wl_device_new (klass, sim, index, cfg->name, cfg->ifaces->len);

  for (guint i = 0; i < cfg->ifaces->len; i++)
    {
      const WlLabIface *iface = g_ptr_array_index (cfg->ifaces, i);

      wl_device_set_port (dev, i, iface->name, &iface->mac, iface->mtu);
    }
  return dev;
}

WlDeviceNewFunc
wl_device_constructor_for_kind (WlDeviceKind kind)
{
  switch (kind)
    {
    case WL_DEVICE_PC:
    case WL_DEVICE_SERVER:
      return wl_host_new;
    case WL_DEVICE_HUB:
      return wl_hub_new;
    case WL_DEVICE_REPEATER:
      return wl_repeater_new;
    case WL_DEVICE_SWITCH:
      return wl_switch_new;
    case WL_DEVICE_ROUTER:
      return wl_router_new;
    case WL_DEVICE_KIND_LAST:
    default:
      break;
    }
  g_return_val_if_reached (NULL);
}
