/* wl-devices.h — one constructor per kind of device, each building the device and its ports
 * from the lab's description of it (names, MACs, MTUs, addresses, routes …).
 *
 * The lab has been validated (wl_lab_validate) before any of these is called.
 */
#pragma once

#include "core/wl-device.h"
#include "lab/wl-lab.h"

G_BEGIN_DECLS

/* Creates a device of klass whose ports are cfg's interfaces, in order. */
WlDevice *wl_device_new_from_lab (const WlDeviceClass *klass, WlSim *sim, gint index,
                                  const WlLabDevice *cfg);

WlDevice *wl_hub_new (WlSim *sim, gint index, const WlLabDevice *cfg);
WlDevice *wl_repeater_new (WlSim *sim, gint index, const WlLabDevice *cfg);
WlDevice *wl_switch_new (WlSim *sim, gint index, const WlLabDevice *cfg);
/* PCs and servers */
WlDevice *wl_host_new (WlSim *sim, gint index, const WlLabDevice *cfg);
WlDevice *wl_router_new (WlSim *sim, gint index, const WlLabDevice *cfg);

/* The constructor for a kind. */
typedef WlDevice *(*WlDeviceNewFunc) (WlSim *sim, gint index, const WlLabDevice *cfg);
WlDeviceNewFunc wl_device_constructor_for_kind (WlDeviceKind kind);

G_END_DECLS
