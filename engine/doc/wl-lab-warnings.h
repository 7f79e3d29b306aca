/* wl-lab-warnings.h — what is legal in a lab but probably a mistake, shown before a run.
 *
 * wl_lab_validate refuses what cannot be simulated; these warnings point at what can be, but
 * will not do what the student expects: a network card with no cable, two hosts with the same
 * address, a default gateway that is not on any of the host's subnets; and, for information,
 * two DHCP servers answering on one segment.  The canvas draws them
 * on the devices concerned; messages are translated sentences for a tooltip.
 */
#pragma once

#include <glib.h>

#include "lab/wl-lab.h"

G_BEGIN_DECLS

typedef enum
{
  WL_WARNING_UNPLUGGED,        /* a host or router interface with no cable */
  WL_WARNING_DUPLICATE_IP,     /* the same IPv4 address on two interfaces */
  WL_WARNING_GATEWAY_OUTSIDE,  /* the gateway is in none of the device's subnets */
  WL_WARNING_TWO_DHCP_SERVERS, /* informational: another DHCP server on the same segment */
} WlWarningKind;

typedef struct
{
  WlWarningKind kind;
  guint         device;
  gint          iface;     /* -1 when about the device as a whole */
  gboolean      info;      /* worth knowing, not a mistake */
  char         *message;
} WlLabWarning;

void       wl_lab_warning_free (WlLabWarning *warning);
/* Of WlLabWarning*, by device then kind. */
GPtrArray *wl_lab_check_warnings (WlLab *lab);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlLabWarning, wl_lab_warning_free)

G_END_DECLS
