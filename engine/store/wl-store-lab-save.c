/* wl-store-lab-save.c — writing the lab (topology, configuration, scenario) into the file.
 *
 * Saving replaces every lab table in one transaction, so a lab file always holds one whole
 * lab, old or new, even if the program dies half-way (the rollback journal restores the old
 * one on the next open); runs and their events are never touched.  Rows keep the lab's
 * order: device, link and action i are rows with id i + 1; interfaces, routes and services
 * are numbered within their device (idx, seq from 0), settings within their service (seq
 * from 0).  Tables are cleared children first, so
 * the foreign keys of data/schema.sql hold at every step.
 *
 * The lab is validated before anything is written: the file never holds a lab that
 * wl_store_load_lab would refuse.
 */
#define G_LOG_DOMAIN "wl-store"
#include "config.h"

#include "store/wl-store-private.h"

static const char clear_sql[] =
  "DELETE FROM actions; DELETE FROM links; DELETE FROM interfaces; DELETE FROM routes;"
  "DELETE FROM service_settings; DELETE FROM services; DELETE FROM devices; DELETE FROM lab;";

/* The INSERT statements of one save, prepared once and reused for every row. */
typedef struct
{
  WlStore      *store;
  sqlite3_stmt *device;
  sqlite3_stmt *route;
  sqlite3_stmt *iface;
  sqlite3_stmt *service;
  sqlite3_stmt *setting;
  sqlite3_stmt *link;
  sqlite3_stmt *action;
} LabWriter;

static void
lab_writer_clear (LabWriter *w)
{
  g_clear_pointer (&w->device, sqlite3_finalize);
  g_clear_pointer (&w->route, sqlite3_finalize);
  g_clear_pointer (&w->iface, sqlite3_finalize);
  g_clear_pointer (&w->service, sqlite3_finalize);
  g_clear_pointer (&w->setting, sqlite3_finalize);
  g_clear_pointer (&w->link, sqlite3_finalize);
  g_clear_pointer (&w->action, sqlite3_finalize);
}

/* Runs an INSERT and makes it ready for the next row's bindings. */
static gboolean
step_done (WlStore       *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _wl_store_set_error (store, rc, TRUE, error);
      return FALSE;
    }
  return TRUE;
}

/* Addresses are stored as text, as people type them, so a lab file opened in any SQLite
 * browser reads like the inspector.  A dotted quad, or NULL for 0.0.0.0 ("none"). */
static void
bind_ip (sqlite3_stmt *stmt,
         int           param,
         guint32       ip)
{
  char buf[16];

  if (ip == 0)
    sqlite3_bind_null (stmt, param);
  else
    sqlite3_bind_text (stmt, param, wl_ip_format (ip, buf), -1, SQLITE_TRANSIENT);
}

/* "10.0.0.1/24": an interface address keeps its host bits, a route's network has none. */
static void
bind_cidr (sqlite3_stmt *stmt,
           int           param,
           guint32       ip,
           guint         prefix)
{
  char buf[16];
  g_autofree char *text = g_strdup_printf ("%s/%u", wl_ip_format (ip, buf), prefix);

  sqlite3_bind_text (stmt, param, text, -1, SQLITE_TRANSIENT);
}

/* Interface idx of device dev_index: the pair (device_id, idx) is what links refer to. */
static gboolean
write_iface (LabWriter         *w,
             guint              dev_index,
             guint              index,
             const WlLabIface  *iface,
             GError           **error)
{
  char mac[18];

  sqlite3_bind_int64 (w->iface, 1, dev_index + 1);
  sqlite3_bind_int64 (w->iface, 2, index);
  sqlite3_bind_text (w->iface, 3, iface->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->iface, 4, wl_mac_format (&iface->mac, mac), -1, SQLITE_TRANSIENT);
  /* valid labs never combine DHCP with an address, nor a prefix with no address */
  if (iface->dhcp)
    sqlite3_bind_text (w->iface, 5, "dhcp", -1, SQLITE_STATIC);
  else if (iface->address != 0)
    bind_cidr (w->iface, 5, iface->address, iface->prefix);
  sqlite3_bind_int64 (w->iface, 6, iface->mtu);
  return step_done (w->store, w->iface, error);
}

/* Route seq of device dev_index; via and iface NULL when unset. */
static gboolean
write_route (LabWriter         *w,
             guint              dev_index,
             guint              seq,
             const WlLabRoute  *route,
             GError           **error)
{
  sqlite3_bind_int64 (w->route, 1, dev_index + 1);
  sqlite3_bind_int64 (w->route, 2, seq);
  bind_cidr (w->route, 3, route->network, route->prefix);
  bind_ip (w->route, 4, route->via);
  if (route->iface != NULL)
    sqlite3_bind_text (w->route, 5, route->iface, -1, SQLITE_STATIC);
  return step_done (w->store, w->route, error);
}

/* Service seq of device dev_index, then its settings numbered from 0: the pair (device_id,
 * seq) is what the settings refer to.  Values are bound as they are: validation made them
 * UTF-8 text of at most 4096 bytes. */
static gboolean
write_service (LabWriter           *w,
               guint                dev_index,
               guint                seq,
               const WlLabService  *svc,
               GError             **error)
{
  sqlite3_bind_int64 (w->service, 1, dev_index + 1);
  sqlite3_bind_int64 (w->service, 2, seq);
  sqlite3_bind_text (w->service, 3, svc->kind, -1, SQLITE_STATIC);
  if (!step_done (w->store, w->service, error))
    return FALSE;
  for (guint i = 0; i < svc->settings->len; i++)
    {
      const WlLabSetting *setting = g_ptr_array_index (svc->settings, i);

      sqlite3_bind_int64 (w->setting, 1, dev_index + 1);
      sqlite3_bind_int64 (w->setting, 2, seq);
      sqlite3_bind_int64 (w->setting, 3, i);
      sqlite3_bind_text (w->setting, 4, setting->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (w->setting, 5, setting->value, -1, SQLITE_STATIC);
      if (!step_done (w->store, w->setting, error))
        return FALSE;
    }
  return TRUE;
}

/* A device row, then its interfaces, routes and services: children after their parent, as
 * the foreign keys require. */
static gboolean
write_device (LabWriter          *w,
              guint               index,
              const WlLabDevice  *dev,
              GError            **error)
{
  sqlite3_bind_int64 (w->device, 1, index + 1);
  sqlite3_bind_text (w->device, 2, dev->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (w->device, 3, wl_device_kind_to_string (dev->kind), -1, SQLITE_STATIC);
  sqlite3_bind_double (w->device, 4, dev->x);
  sqlite3_bind_double (w->device, 5, dev->y);
  bind_ip (w->device, 6, dev->gateway);
  bind_ip (w->device, 7, dev->dns);
  sqlite3_bind_int64 (w->device, 8, (gint64) dev->mac_ageing);
  if (!step_done (w->store, w->device, error))
    return FALSE;
  for (guint i = 0; i < dev->ifaces->len; i++)
    if (!write_iface (w, index, i, g_ptr_array_index (dev->ifaces, i), error))
      return FALSE;
  for (guint i = 0; i < dev->routes->len; i++)
    if (!write_route (w, index, i, g_ptr_array_index (dev->routes, i), error))
      return FALSE;
  for (guint i = 0; i < dev->services->len; i++)
    if (!write_service (w, index, i, g_ptr_array_index (dev->services, i), error))
      return FALSE;
  return TRUE;
}

/* Link index + 1; its ends as (device id, interface idx), both present by now. */
static gboolean
write_link (LabWriter        *w,
            guint             index,
            const WlLabLink  *link,
            GError          **error)
{
  sqlite3_stmt *s = w->link;

  sqlite3_bind_int64 (s, 1, index + 1);
  sqlite3_bind_text (s, 2, link->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (s, 3, (gint64) link->dev_a + 1);
  sqlite3_bind_int64 (s, 4, link->if_a);
  sqlite3_bind_int64 (s, 5, (gint64) link->dev_b + 1);
  sqlite3_bind_int64 (s, 6, link->if_b);
  sqlite3_bind_int64 (s, 7, (gint64) link->delay);
  sqlite3_bind_int64 (s, 8, (gint64) link->bandwidth);
  sqlite3_bind_int64 (s, 9, (gint64) link->jitter);
  sqlite3_bind_double (s, 10, link->loss);
  sqlite3_bind_double (s, 11, link->duplicate);
  sqlite3_bind_double (s, 12, link->ber);
  return step_done (w->store, s, error);
}

/* Actions in the lab's order, which validation made time order. */
static gboolean
write_action (LabWriter          *w,
              guint               index,
              const WlLabAction  *action,
              GError            **error)
{
  sqlite3_bind_int64 (w->action, 1, index + 1);
  sqlite3_bind_int64 (w->action, 2, (gint64) action->time);
  sqlite3_bind_int64 (w->action, 3, (gint64) action->device + 1);
  sqlite3_bind_text (w->action, 4, action->command, -1, SQLITE_STATIC);
  return step_done (w->store, w->action, error);
}

static gboolean
lab_writer_prepare (LabWriter  *w,
                    GError    **error)
{
  return (w->device = _wl_store_prepare (w->store,
            "INSERT INTO devices (id, name, kind, x, y, gateway, dns, mac_ageing_ns)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error)) != NULL
         && (w->iface = _wl_store_prepare (w->store,
            "INSERT INTO interfaces (device_id, idx, name, mac, address, mtu)"
            " VALUES (?, ?, ?, ?, ?, ?)", error)) != NULL
         && (w->route = _wl_store_prepare (w->store,
            "INSERT INTO routes (device_id, seq, destination, via, iface) VALUES (?, ?, ?, ?, ?)",
            error)) != NULL
         && (w->service = _wl_store_prepare (w->store,
            "INSERT INTO services (device_id, seq, kind) VALUES (?, ?, ?)", error)) != NULL
         && (w->setting = _wl_store_prepare (w->store,
            "INSERT INTO service_settings (device_id, service_seq, seq, key, value)"
            " VALUES (?, ?, ?, ?, ?)", error)) != NULL
         && (w->link = _wl_store_prepare (w->store,
            "INSERT INTO links (id, name, device_a, iface_a, device_b, iface_b, delay_ns,"
            " bandwidth_bps, jitter_ns, loss, duplicate, ber)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)) != NULL
         && (w->action = _wl_store_prepare (w->store,
            "INSERT INTO actions (id, time_ns, device_id, command) VALUES (?, ?, ?, ?)",
            error)) != NULL;
}

/* The single row of `lab` (id 1). */
static gboolean
write_lab_row (WlStore  *store,
               WlLab    *lab,
               GError  **error)
{
  sqlite3_stmt *stmt = _wl_store_prepare (store,
                                          "INSERT INTO lab (id, title, description, seed)"
                                          " VALUES (1, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, lab->title ? lab->title : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, lab->description ? lab->description : "", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, (gint64) lab->seed);
  if (!step_done (store, stmt, error))
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
_wl_store_write_lab (WlStore  *store,
                     WlLab    *lab,
                     GError  **error)
{
  LabWriter w = { .store = store };
  gboolean ok;

  ok = _wl_store_exec (store, clear_sql, TRUE, error)
       && write_lab_row (store, lab, error)
       && lab_writer_prepare (&w, error);
  for (guint i = 0; ok && i < lab->devices->len; i++)
    ok = write_device (&w, i, g_ptr_array_index (lab->devices, i), error);
  for (guint i = 0; ok && i < lab->links->len; i++)
    ok = write_link (&w, i, g_ptr_array_index (lab->links, i), error);
  for (guint i = 0; ok && i < lab->actions->len; i++)
    ok = write_action (&w, i, g_ptr_array_index (lab->actions, i), error);
  lab_writer_clear (&w);
  return ok;
}

gboolean
wl_store_save_lab (WlStore  *store,
                   WlLab    *lab,
                   GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (lab != NULL, FALSE);
  g_return_val_if_fail (!store->recording, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wl_lab_validate (lab, error)
      || !_wl_store_exec (store, "BEGIN IMMEDIATE", TRUE, error))
    return FALSE;
  if (_wl_store_write_lab (store, lab, error)
      && _wl_store_exec (store, "COMMIT", TRUE, error))
    return TRUE;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}
