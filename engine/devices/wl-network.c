/* wl-network.c — builds a WlLab into a running simulation and schedules its scenario. */
#define G_LOG_DOMAIN "wl-network"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "wl-devices.h"
#include "wl-network.h"
#include "wl-services.h"

struct _WlNetwork
{
  WlLab     *lab;
  WlSim     *sim;
  GPtrArray *devices;  /* of WlDevice*, lab order */
  GPtrArray *links;    /* of WlLink*, lab order */
};

typedef struct
{
  WlNetwork *net;
  guint      action;   /* index into lab->actions */
} ActionRun;

static void
on_start (WlSim *sim, gpointer target, gpointer data)
{
  WlDevice *dev = target;

  dev->klass->start (dev);
}

/* Time 0, after every device's start(): the services the lab gives each device. */
static void
on_start_services (WlSim *sim, gpointer target, gpointer data)
{
  WlNetwork *net = target;

  for (guint i = 0; i < net->devices->len; i++)
    {
      WlDevice *dev = g_ptr_array_index (net->devices, i);
      g_autoptr (GError) error = NULL;

      if (!wl_services_start (dev, g_ptr_array_index (net->lab->devices, i), &error))
        g_warning ("%s: %s", dev->name, error->message); /* checked before the run */
    }
}

static void
on_action (WlSim *sim, gpointer target, gpointer data)
{
  WlNetwork *net = target;
  const WlLabAction *action = g_ptr_array_index (net->lab->actions, GPOINTER_TO_UINT (data));
  WlDevice *dev = g_ptr_array_index (net->devices, action->device);
  g_autoptr (GError) error = NULL;
  WlTraceEvent ev = {
    .kind = WL_EVENT_ACTION, .device = dev->index, .iface = -1, .link = -1,
    .layer = WL_LAYER_APPLICATION, .cause = 0, .args = action->command,
  };

  /* A user's action is a first cause: it has none itself. */
  wl_sim_set_cause (sim, wl_sim_emit (sim, &ev));
  if (!dev->klass->command (dev, action->command, &error))
    g_warning ("%s: %s", dev->name, error->message); /* checked before the run: cannot happen */
}

static gboolean
check_actions (WlNetwork *net, GError **error)
{
  for (guint i = 0; i < net->lab->actions->len; i++)
    {
      const WlLabAction *action = g_ptr_array_index (net->lab->actions, i);
      WlDevice *dev = g_ptr_array_index (net->devices, action->device);
      g_autoptr (GError) local = NULL;

      if (dev->klass->command == NULL || dev->klass->check_command == NULL)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("Device “%s” (a %s) does not run commands: “%s”"), dev->name,
                       dev->klass->kind, action->command);
          return FALSE;
        }
      if (!dev->klass->check_command (action->command, &local))
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("Device “%s”: %s"),
                       dev->name, local->message);
          return FALSE;
        }
    }
  return TRUE;
}

static void
build_links (WlNetwork *net)
{
  for (guint i = 0; i < net->lab->links->len; i++)
    {
      const WlLabLink *l = g_ptr_array_index (net->lab->links, i);
      WlDevice *a = g_ptr_array_index (net->devices, l->dev_a);
      WlDevice *b = g_ptr_array_index (net->devices, l->dev_b);
      WlLinkParams params = {
        .delay = l->delay, .bandwidth = l->bandwidth, .jitter = l->jitter, .loss = l->loss,
        .duplicate = l->duplicate, .ber = l->ber,
      };

      g_ptr_array_add (net->links,
                       wl_link_new (net->sim, (gint) i, a->ports[l->if_a], b->ports[l->if_b],
                                    &params));
    }
}

WlNetwork *
wl_network_new (WlLab *lab, guint64 seed, WlTraceSink *sink, GError **error)
{
  g_autoptr (WlNetwork) net = NULL;

  g_return_val_if_fail (lab != NULL, NULL);

  if (!wl_lab_validate (lab, error) || !wl_services_check_lab (lab, error))
    return NULL;

  net = g_new0 (WlNetwork, 1);
  net->lab = wl_lab_ref (lab);
  net->sim = wl_sim_new (seed, sink);
  net->devices = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_device_free);
  net->links = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_link_free);

  for (guint i = 0; i < lab->devices->len; i++)
    {
      const WlLabDevice *cfg = g_ptr_array_index (lab->devices, i);
      WlDeviceNewFunc ctor = wl_device_constructor_for_kind (cfg->kind);

      g_ptr_array_add (net->devices, ctor (net->sim, (gint) i, cfg));
    }
  build_links (net);
  if (!check_actions (net, error))
    return NULL;

  /* Time 0: devices start in lab order, then the actions in time order (the queue keeps
   * insertion order among equal times). */
  for (guint i = 0; i < net->devices->len; i++)
    {
      WlDevice *dev = g_ptr_array_index (net->devices, i);

      if (dev->klass->start != NULL)
        wl_sim_schedule_at (net->sim, 0, on_start, dev, NULL, NULL);
    }
  wl_sim_schedule_at (net->sim, 0, on_start_services, net, NULL, NULL);
  for (guint i = 0; i < lab->actions->len; i++)
    {
      const WlLabAction *action = g_ptr_array_index (lab->actions, i);

      wl_sim_schedule_at (net->sim, action->time, on_action, net, GUINT_TO_POINTER (i), NULL);
    }
  return g_steal_pointer (&net);
}

void
wl_network_free (WlNetwork *net)
{
  if (net == NULL)
    return;
  /* Links first (they point at ports), then devices, then the queue, whose pending events
   * may still hold packets. */
  g_clear_pointer (&net->links, g_ptr_array_unref);
  g_clear_pointer (&net->devices, g_ptr_array_unref);
  g_clear_pointer (&net->sim, wl_sim_free);
  g_clear_pointer (&net->lab, wl_lab_unref);
  g_free (net);
}

WlSim *
wl_network_get_sim (WlNetwork *net)
{
  return net->sim;
}

WlLab *
wl_network_get_lab (WlNetwork *net)
{
  return net->lab;
}

WlDevice *
wl_network_get_device (WlNetwork *net, guint index)
{
  g_return_val_if_fail (index < net->devices->len, NULL);
  return g_ptr_array_index (net->devices, index);
}

WlDevice *
wl_network_find_device (WlNetwork *net, const char *name)
{
  for (guint i = 0; i < net->devices->len; i++)
    {
      WlDevice *dev = g_ptr_array_index (net->devices, i);

      if (g_strcmp0 (dev->name, name) == 0)
        return dev;
    }
  return NULL;
}

WlLink *
wl_network_get_link (WlNetwork *net, guint index)
{
  g_return_val_if_fail (index < net->links->len, NULL);
  return g_ptr_array_index (net->links, index);
}

WlSimStop
wl_network_run (WlNetwork *net, WlTime until, guint64 max_events)
{
  return wl_sim_run (net->sim, until, max_events);
}
