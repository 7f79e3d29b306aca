/* wl-lab-private.h — what the files of engine/lab/ share and nothing else may see. */
#pragma once

#include "lab/wl-lab.h"

G_BEGIN_DECLS

/* The free function of a device's services array (wl-lab-service.c). */
void      _wl_lab_service_free (gpointer data);

/* Two service lists hold the same kinds with the same settings, all in the same order. */
gboolean  _wl_lab_services_equal (const GPtrArray *a, const GPtrArray *b);

/* The generic rules for the services of one device (wl-lab-service-check.c), as stated in
 * wl-lab-validate.c; the first one broken is reported in WL_LAB_ERROR. */
gboolean  _wl_lab_validate_services (const WlLabDevice *dev, GError **error);

G_END_DECLS
