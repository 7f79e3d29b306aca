/* wl-store-lab-load.c — reading the lab (topology, configuration, scenario) from the file.
 *
 * Loading trusts nothing: a file that passed the open checks can still hold values no
 * version of Wirelab wrote (edited by hand, damaged, hostile).  Every row is checked against
 * the rule its reader states before it becomes part of the WlLab, and the finished lab goes
 * through wl_lab_validate, so a loaded lab is always a valid one.  A broken rule is
 * WL_STORE_ERROR_CORRUPT with the file, the row and the value in its message.  Rows that
 * could grow the lab past what a valid one holds are refused before anything is copied: by
 * count (devices, interfaces per device, services per device, settings per service) and by
 * size (the names and values of services).
 *
 * Text columns hold values as people type them ("10.0.0.1/24", "02:00:00:00:00:01") and are
 * parsed with the lab's own strict parsers (wl-lab.h, wl-types.h), which accept nothing but
 * exactly a valid value.
 */
#define G_LOG_DOMAIN "wl-store"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "store/wl-store-private.h"

/* Rows become a lab in table order: devices first (each with no interfaces), then the
 * interfaces, routes and services that refer to them, then links and actions. */
typedef struct
{
  WlStore *store;
  WlLab   *lab;
} LabLoader;

typedef gboolean (*RowFunc) (LabLoader *ld, sqlite3_stmt *row, GError **error);

static gboolean damaged (LabLoader  *ld,
                         GError    **error,
                         const char *format,
                         ...) G_GNUC_PRINTF (3, 4);

/* Sets WL_STORE_ERROR_CORRUPT: the file, then what is wrong in it.  Always FALSE, so a
 * reader can "return damaged (…)". */
static gboolean
damaged (LabLoader *ld, GError **error, const char *format, ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the first %s is a file name, the second what is wrong in it. */
  g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT, _("“%s” is damaged (%s)"),
               ld->store->path, detail);
  return FALSE;
}

static const char *
text (sqlite3_stmt *row,
      int           col)
{
  return (const char *) sqlite3_column_text (row, col);
}

/* Rule for every reference to a device: a row id 1..n of a device already loaded.  table
 * names the table of the row in the message. */
static WlLabDevice *
lookup_device (LabLoader     *ld,
               sqlite3_stmt  *row,
               int            col,
               const char    *table,
               GError       **error)
{
  gint64 id = sqlite3_column_int64 (row, col);

  if (sqlite3_column_type (row, col) != SQLITE_INTEGER || id < 1 || id > ld->lab->devices->len)
    {
      /* Translators: the first %s is a table of the lab file ("links", "services" …) */
      damaged (ld, error, _("a row of “%s” refers to device %s, which does not exist"), table,
               text (row, col) ? text (row, col) : "NULL");
      return NULL;
    }
  return g_ptr_array_index (ld->lab->devices, id - 1);
}

/* Rule for every unsigned field (indices, MTUs): an integer that fits a guint. */
static gboolean
read_uint (LabLoader     *ld,
           sqlite3_stmt  *row,
           int            col,
           guint         *out,
           GError       **error)
{
  gint64 v = sqlite3_column_int64 (row, col);

  if (sqlite3_column_type (row, col) != SQLITE_INTEGER || v < 0 || v > G_MAXUINT)
    return damaged (ld, error, _("“%s” is not a valid number here"),
                    text (row, col) ? text (row, col) : "NULL");
  *out = (guint) v;
  return TRUE;
}

/* Rule for optional addresses: NULL ("none") or a strict dotted quad. */
static gboolean
read_ip (LabLoader     *ld,
         sqlite3_stmt  *row,
         int            col,
         guint32       *out,
         GError       **error)
{
  *out = 0;
  if (text (row, col) == NULL || wl_ip_parse (text (row, col), out))
    return TRUE;
  return damaged (ld, error, _("“%s” is not an IPv4 address"), text (row, col));
}

/* Rule for a row's own id: rows are numbered 1, 2, 3 … in the lab's order. */
static gboolean
check_row_id (LabLoader     *ld,
              sqlite3_stmt  *row,
              guint          expected,
              GError       **error)
{
  if (sqlite3_column_int64 (row, 0) == (gint64) expected)
    return TRUE;
  return damaged (ld, error, _("row %lld is out of order, row %u was expected"),
                  (long long) sqlite3_column_int64 (row, 0), expected);
}

/* Rule: a device has a name and a known kind; gateway and DNS are addresses or NULL.  The
 * rest (name syntax, uniqueness, position) is wl_lab_validate's. */
static gboolean
read_device (LabLoader     *ld,
             sqlite3_stmt  *row,
             GError       **error)
{
  WlDeviceKind kind;
  WlLabDevice *dev;
  const char *name = text (row, 1);

  if (!check_row_id (ld, row, ld->lab->devices->len + 1, error))
    return FALSE;
  if (ld->lab->devices->len >= WL_LAB_MAX_DEVICES)
    return damaged (ld, error, _("it holds more than %d devices"), WL_LAB_MAX_DEVICES);
  if (name == NULL)
    return damaged (ld, error, _("a device has no name"));
  if (!wl_device_kind_from_string (text (row, 2), &kind))
    return damaged (ld, error, _("device “%s” is of an unknown kind “%s”"), name,
                    text (row, 2) ? text (row, 2) : "NULL");
  /* Interfaces are rows of their own: start from none. */
  dev = wl_lab_add_device (ld->lab, kind, name);
  g_ptr_array_set_size (dev->ifaces, 0);
  dev->x = sqlite3_column_double (row, 3);
  dev->y = sqlite3_column_double (row, 4);
  dev->mac_ageing = (WlTime) sqlite3_column_int64 (row, 7);
  return read_ip (ld, row, 5, &dev->gateway, error) && read_ip (ld, row, 6, &dev->dns, error);
}

/* Rule: interfaces of a device are numbered 0, 1, 2 …; the MAC is "xx:xx:xx:xx:xx:xx"; the
 * address is NULL, "dhcp" or an address with a prefix. */
static gboolean
read_iface (LabLoader     *ld,
            sqlite3_stmt  *row,
            GError       **error)
{
  WlLabDevice *dev = lookup_device (ld, row, 0, "interfaces", error);
  const char *address = text (row, 4);
  WlLabIface *iface;
  guint idx;

  if (dev == NULL || !read_uint (ld, row, 1, &idx, error))
    return FALSE;
  if (idx != dev->ifaces->len || idx >= WL_LAB_MAX_PORTS || text (row, 2) == NULL)
    return damaged (ld, error, _("device “%s” has a misnumbered or unnamed interface %u"),
                    dev->name, idx);
  iface = wl_lab_device_add_iface (dev, text (row, 2));
  if (!wl_mac_parse (text (row, 3), &iface->mac))
    return damaged (ld, error, _("“%s” is not a MAC address"),
                    text (row, 3) ? text (row, 3) : "NULL");
  if (g_strcmp0 (address, "dhcp") == 0)
    iface->dhcp = TRUE;
  else if (address != NULL && !wl_parse_cidr (address, &iface->address, &iface->prefix))
    return damaged (ld, error, _("“%s” is not an address with a prefix"), address);
  return read_uint (ld, row, 5, &iface->mtu, error);
}

/* Rule: routes of a device are numbered 0, 1, 2 …; the destination has a prefix. */
static gboolean
read_route (LabLoader     *ld,
            sqlite3_stmt  *row,
            GError       **error)
{
  WlLabDevice *dev = lookup_device (ld, row, 0, "routes", error);
  g_autofree WlLabRoute *route = NULL;
  guint seq;

  if (dev == NULL || !read_uint (ld, row, 1, &seq, error))
    return FALSE;
  if (seq != dev->routes->len)
    return damaged (ld, error, _("device “%s” has a misnumbered route %u"), dev->name, seq);
  route = g_new0 (WlLabRoute, 1);
  if (!wl_parse_cidr (text (row, 2), &route->network, &route->prefix))
    return damaged (ld, error, _("“%s” is not an address with a prefix"),
                    text (row, 2) ? text (row, 2) : "NULL");
  if (!read_ip (ld, row, 3, &route->via, error))
    return FALSE;
  route->iface = g_strdup (text (row, 4));
  g_ptr_array_add (dev->routes, g_steal_pointer (&route));
  return TRUE;
}

/* Rule for the names and values of services: TEXT (not NULL, a number or a BLOB) with no NUL
 * byte inside (C would silently cut the value there), of at most max bytes, so a hostile
 * file never makes the loader copy more than a valid lab can hold.  what names the column
 * in the message; *out points into the row. */
static gboolean
read_text (LabLoader     *ld,
           sqlite3_stmt  *row,
           int            col,
           gsize          max,
           const char    *what,
           const char   **out,
           GError       **error)
{
  gsize bytes;

  if (sqlite3_column_type (row, col) != SQLITE_TEXT)
    return damaged (ld, error, _("%s is not text"), what);
  *out = text (row, col);
  bytes = (gsize) sqlite3_column_bytes (row, col); /* after the text, as SQLite asks */
  if (bytes > max)
    return damaged (ld, error, _("%s is %lu bytes long; at most %lu are allowed"), what,
                    (unsigned long) bytes, (unsigned long) max);
  if (strlen (*out) != bytes)
    return damaged (ld, error, _("%s holds a NUL byte"), what);
  return TRUE;
}

/* Rule: services of a device are numbered 0, 1, 2 …, at most WL_LAB_MAX_SERVICES of them;
 * the kind is text of at most WL_LAB_MAX_SERVICE_NAME bytes.  How it is spelt and that it
 * is unique are wl_lab_validate's rules. */
static gboolean
read_service (LabLoader     *ld,
              sqlite3_stmt  *row,
              GError       **error)
{
  WlLabDevice *dev = lookup_device (ld, row, 0, "services", error);
  g_autofree char *what = NULL;
  const char *kind;
  guint seq;

  if (dev == NULL || !read_uint (ld, row, 1, &seq, error))
    return FALSE;
  if (seq != dev->services->len)
    return damaged (ld, error, _("device “%s” has a misnumbered service %u"), dev->name, seq);
  if (seq >= WL_LAB_MAX_SERVICES)
    return damaged (ld, error, _("device “%s” has more than %d services"), dev->name,
                    WL_LAB_MAX_SERVICES);
  /* Translators: the subject of "%s is not text", "%s holds a NUL byte" … */
  what = g_strdup_printf (_("the name of service %u of device “%s”"), seq, dev->name);
  if (!read_text (ld, row, 2, WL_LAB_MAX_SERVICE_NAME, what, &kind, error))
    return FALSE;
  wl_lab_device_add_service (dev, kind);
  return TRUE;
}

/* Rule: a setting belongs to a service already loaded, named by (device_id, service_seq);
 * the settings of a service are numbered 0, 1, 2 …, at most WL_LAB_MAX_SERVICE_SETTINGS of
 * them; the key is text of at most WL_LAB_MAX_SERVICE_NAME bytes, the value text of at most
 * WL_LAB_MAX_SERVICE_VALUE bytes.  Settings are appended as they are, so that a key given
 * twice reaches wl_lab_validate instead of one value silently replacing the other. */
static gboolean
read_setting (LabLoader     *ld,
              sqlite3_stmt  *row,
              GError       **error)
{
  WlLabDevice *dev = lookup_device (ld, row, 0, "service_settings", error);
  g_autofree char *what = NULL;
  WlLabService *svc;
  WlLabSetting *setting;
  const char *key, *value;
  guint service_seq, seq;

  if (dev == NULL || !read_uint (ld, row, 1, &service_seq, error)
      || !read_uint (ld, row, 2, &seq, error))
    return FALSE;
  if (service_seq >= dev->services->len)
    return damaged (ld, error, _("a setting refers to service %u of device “%s”, which does "
                                 "not exist"), service_seq, dev->name);
  svc = g_ptr_array_index (dev->services, service_seq);
  if (seq != svc->settings->len)
    return damaged (ld, error, _("service “%s” of device “%s” has a misnumbered setting %u"),
                    svc->kind, dev->name, seq);
  if (seq >= WL_LAB_MAX_SERVICE_SETTINGS)
    return damaged (ld, error, _("service “%s” of device “%s” has more than %d settings"),
                    svc->kind, dev->name, WL_LAB_MAX_SERVICE_SETTINGS);
  what = g_strdup_printf (_("the key of setting %u of service “%s” of device “%s”"), seq,
                          svc->kind, dev->name);
  if (!read_text (ld, row, 3, WL_LAB_MAX_SERVICE_NAME, what, &key, error))
    return FALSE;
  g_free (what);
  what = g_strdup_printf (_("the value of “%s” in service “%s” of device “%s”"), key,
                          svc->kind, dev->name);
  if (!read_text (ld, row, 4, WL_LAB_MAX_SERVICE_VALUE, what, &value, error))
    return FALSE;
  setting = g_new0 (WlLabSetting, 1);
  setting->key = g_strdup (key);
  setting->value = g_strdup (value);
  g_ptr_array_add (svc->settings, setting);
  return TRUE;
}

/* Rule: a link has a name and both ends name a device; that the interfaces exist and are
 * free is checked by wl_lab_validate. */
static gboolean
read_link (LabLoader     *ld,
           sqlite3_stmt  *row,
           GError       **error)
{
  WlLabDevice *dev_a, *dev_b;
  WlLabLink *link;
  guint if_a, if_b;

  if (!check_row_id (ld, row, ld->lab->links->len + 1, error))
    return FALSE;
  if (text (row, 1) == NULL)
    return damaged (ld, error, _("a link has no name"));
  if ((dev_a = lookup_device (ld, row, 2, "links", error)) == NULL
      || !read_uint (ld, row, 3, &if_a, error)
      || (dev_b = lookup_device (ld, row, 4, "links", error)) == NULL
      || !read_uint (ld, row, 5, &if_b, error))
    return FALSE;
  link = wl_lab_add_link (ld->lab, text (row, 1),
                          (guint) sqlite3_column_int64 (row, 2) - 1, if_a,
                          (guint) sqlite3_column_int64 (row, 4) - 1, if_b);
  link->delay = (WlTime) sqlite3_column_int64 (row, 6);
  link->bandwidth = (guint64) sqlite3_column_int64 (row, 7);
  link->jitter = (WlTime) sqlite3_column_int64 (row, 8);
  link->loss = sqlite3_column_double (row, 9);
  link->duplicate = sqlite3_column_double (row, 10);
  link->ber = sqlite3_column_double (row, 11);
  return TRUE;
}

/* Rule: an action names a device and has a command. */
static gboolean
read_action (LabLoader     *ld,
             sqlite3_stmt  *row,
             GError       **error)
{
  if (!check_row_id (ld, row, ld->lab->actions->len + 1, error)
      || lookup_device (ld, row, 2, "actions", error) == NULL)
    return FALSE;
  if (text (row, 3) == NULL)
    return damaged (ld, error, _("an action has no command"));
  wl_lab_add_action (ld->lab, (WlTime) sqlite3_column_int64 (row, 1),
                     (guint) sqlite3_column_int64 (row, 2) - 1, text (row, 3));
  return TRUE;
}

/* The one row of `lab`.  NULL text reads as empty: only the title could be, and an untitled
 * lab is still a lab. */
static gboolean
read_lab_row (LabLoader     *ld,
              sqlite3_stmt  *row,
              GError       **error)
{
  g_free (ld->lab->title);
  g_free (ld->lab->description);
  ld->lab->title = g_strdup (text (row, 0) ? text (row, 0) : "");
  ld->lab->description = g_strdup (text (row, 1) ? text (row, 1) : "");
  ld->lab->seed = (guint64) sqlite3_column_int64 (row, 2);
  return TRUE;
}

/* Runs sql and func on each row; returns the number of rows through n_rows. */
static gboolean
read_rows (LabLoader   *ld,
           const char  *sql,
           RowFunc      func,
           guint       *n_rows,
           GError     **error)
{
  sqlite3_stmt *stmt = _wl_store_prepare (ld->store, sql, error);
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  if (stmt == NULL)
    return FALSE;
  *n_rows = 0;
  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ok = func (ld, stmt, error);
      (*n_rows)++;
    }
  sqlite3_finalize (stmt);
  if (ok && rc != SQLITE_DONE)
    {
      _wl_store_set_error (ld->store, rc, FALSE, error);
      return FALSE;
    }
  return ok;
}

/* Parents before children, each in the order of its ids, so indices come out right. */
static gboolean
load_tables (LabLoader  *ld,
             GError    **error)
{
  guint n;

  if (!read_rows (ld, "SELECT title, description, seed FROM lab WHERE id = 1", read_lab_row,
                  &n, error))
    return FALSE;
  if (n == 0)
    return damaged (ld, error, _("it holds no lab"));
  return read_rows (ld, "SELECT id, name, kind, x, y, gateway, dns, mac_ageing_ns FROM devices"
                        " ORDER BY id", read_device, &n, error)
         && read_rows (ld, "SELECT device_id, idx, name, mac, address, mtu FROM interfaces"
                           " ORDER BY device_id, idx", read_iface, &n, error)
         && read_rows (ld, "SELECT device_id, seq, destination, via, iface FROM routes"
                           " ORDER BY device_id, seq", read_route, &n, error)
         && read_rows (ld, "SELECT device_id, seq, kind FROM services ORDER BY device_id, seq",
                       read_service, &n, error)
         && read_rows (ld, "SELECT device_id, service_seq, seq, key, value FROM service_settings"
                           " ORDER BY device_id, service_seq, seq", read_setting, &n, error)
         && read_rows (ld, "SELECT id, name, device_a, iface_a, device_b, iface_b, delay_ns,"
                           " bandwidth_bps, jitter_ns, loss, duplicate, ber FROM links"
                           " ORDER BY id", read_link, &n, error)
         && read_rows (ld, "SELECT id, time_ns, device_id, command FROM actions ORDER BY id",
                       read_action, &n, error);
}

WlLab *
wl_store_load_lab (WlStore  *store,
                   GError  **error)
{
  g_autoptr(WlLab) lab = wl_lab_new ();
  g_autoptr(GError) invalid = NULL;
  LabLoader ld = { .store = store, .lab = lab };
  gboolean own_transaction, ok;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* One read transaction: the eight tables come from the same version of the file.  A
   * recorder's open batch already is one. */
  own_transaction = sqlite3_get_autocommit (store->db);
  if (own_transaction && !_wl_store_exec (store, "BEGIN", FALSE, error))
    return NULL;
  ok = load_tables (&ld, error);
  if (own_transaction)
    sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL);
  if (!ok)
    return NULL;

  if (!wl_lab_validate (lab, &invalid))
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” holds an invalid lab: %s"), store->path, invalid->message);
      return NULL;
    }
  return g_steal_pointer (&lab);
}
