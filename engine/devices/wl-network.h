/* wl-network.h — a running lab: the simulation with every device and cable of a WlLab built,
 * and the lab's scenario scheduled.
 *
 * At time 0 each device's start() runs (in device order); each scenario action then runs at
 * its time as a WL_EVENT_ACTION (args "command=…" is not used: the command text is the args
 * field as typed) which becomes the cause of everything it leads to.
 */
#pragma once

#include "core/wl-device.h"
#include "core/wl-sim.h"
#include "lab/wl-lab.h"

G_BEGIN_DECLS

typedef struct _WlNetwork WlNetwork;

/* Builds the network.  Fails (WL_LAB_ERROR) when the lab is invalid or a scenario command
 * is not one its device understands, naming the device and the command. */
WlNetwork *wl_network_new (WlLab *lab, guint64 seed, WlTraceSink *sink, GError **error);
void       wl_network_free (WlNetwork *net);

WlSim     *wl_network_get_sim (WlNetwork *net);
WlLab     *wl_network_get_lab (WlNetwork *net);
WlDevice  *wl_network_get_device (WlNetwork *net, guint index);
WlDevice  *wl_network_find_device (WlNetwork *net, const char *name);
WlLink    *wl_network_get_link (WlNetwork *net, guint index);

/* Runs until nothing is left to do, until the given time, or until max_events events have
 * run (0 = no budget).  Can be called again to go on. */
WlSimStop  wl_network_run (WlNetwork *net, WlTime until, guint64 max_events);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlNetwork, wl_network_free)

G_END_DECLS
