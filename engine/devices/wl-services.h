/* wl-services.h — the services a lab can give a host or router (DHCP server, DNS server …),
 * one row per kind.
 *
 * A lab describes a service as a kind and key=value settings ([service DEV KIND] groups in
 * lab text, see engine/lab/wl-lab.h).  Each kind's module provides a checker for its settings
 * (used by the lab's validation, the CLI and the inspector) and a start function that runs
 * the service on the device's stack at time 0.  Adding a service means adding one row to the
 * table in wl-services.c.
 */
#pragma once

#include "core/wl-device.h"
#include "lab/wl-lab.h"

G_BEGIN_DECLS

typedef gboolean (*WlServiceStartFunc) (WlDevice           *dev,
                                        const WlLabDevice  *cfg,
                                        const WlLabService *svc,
                                        GError            **error);

typedef struct
{
  const char        *kind;   /* "dhcp-server" */
  WlServiceCheckFunc check;  /* may be NULL: nothing to check */
  WlServiceStartFunc start;
} WlServiceInfo;

/* Registers every kind's checker with the lab (once per process; thread-safe). */
void                 wl_services_init (void);
const WlServiceInfo *wl_services_lookup (const char *kind);
/* Checks that every service of every device is a known kind on a device that can run it,
 * and that its settings are valid (WL_LAB_ERROR). */
gboolean             wl_services_check_lab (WlLab *lab, GError **error);
/* Starts the device's services, in lab order. */
gboolean             wl_services_start (WlDevice *dev, const WlLabDevice *cfg, GError **error);

G_END_DECLS
