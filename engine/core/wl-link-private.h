/* wl-link-private.h — what the port layer and the cable tell each other. */
#pragma once

#include "core/wl-device.h"

G_BEGIN_DECLS

void    _wl_port_deliver (WlPort *port, WlPacket *raw);
void    _wl_port_clear_queue (WlPort *port);
guint64 _wl_port_drop_raw (WlPort *port, WlPacket *raw, WlLayer layer, WlCode reason,
                           const char *args);
WlLayer _wl_port_event_layer (WlPort *port, const guint8 *bytes, gsize len, gboolean has_fcs,
                              WlProto *proto);

G_END_DECLS
