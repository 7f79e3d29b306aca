/* wl-store-events.c — reading recorded runs and their events back.
 *
 * A run is one row of `runs`; its events are rows of `events` keyed by (run_id, id).  Events
 * come back as WlTraceEvent, exactly as the engine emitted them: codes stored as stable names
 * are turned back into enums (a name this version does not know reads as "none"), NULL
 * columns become -1 (indices) or 0 (cause), and args and frame point straight into SQLite's
 * row buffer, which is why they are only valid during the callback.
 *
 * Filters become a WHERE clause with bound parameters.  The primary key (run_id, id) reads
 * a run in time order, because the recorder only accepts events in time order; the indexes
 * by protocol and by device read a filtered run in the same order; a link filter scans the
 * run.  Seeking to a time is a binary search over ids, each probe one primary-key look-up.
 */
#define G_LOG_DOMAIN "wl-store"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "store/wl-store-private.h"

#define EVENT_COLUMNS \
  "id, time_ns, kind, device, iface, link, proto, layer, cause, code, args, frame"

void
wl_run_info_clear (WlRunInfo *info)
{
  g_clear_pointer (&info->engine_version, g_free);
  g_clear_pointer (&info->status, g_free);
}

void
wl_run_info_free (WlRunInfo *info)
{
  if (info == NULL)
    return;
  wl_run_info_clear (info);
  g_free (info);
}

/* Runs ---------------------------------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

/* An index column: NULL, or anything outside 0..G_MAXINT that a damaged file may hold, is
 * "none" (-1). */
static gint
column_index (sqlite3_stmt *stmt,
              int           col)
{
  gint64 v;

  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return -1;
  v = sqlite3_column_int64 (stmt, col);
  return v >= 0 && v <= G_MAXINT ? (gint) v : -1;
}

/* The columns read_run_info reads, in its order. */
#define RUN_COLUMNS \
  "id, seed, engine_version, created_at, end_time_ns, events, frames, drops, status"

/* Fills info from a row of RUN_COLUMNS; the strings are copies the caller owns. */
static void
read_run_info (sqlite3_stmt *stmt,
               WlRunInfo    *info)
{
  info->id = sqlite3_column_int64 (stmt, 0);
  info->seed = (guint64) sqlite3_column_int64 (stmt, 1);
  info->engine_version = g_strdup (column_text (stmt, 2));
  info->created_at = sqlite3_column_int64 (stmt, 3);
  info->end_time = (WlTime) sqlite3_column_int64 (stmt, 4);
  info->events = (guint64) sqlite3_column_int64 (stmt, 5);
  info->frames = (guint64) sqlite3_column_int64 (stmt, 6);
  info->drops = (guint64) sqlite3_column_int64 (stmt, 7);
  info->status = g_strdup (column_text (stmt, 8));
}

GPtrArray *
wl_store_list_runs (WlStore  *store,
                    GError  **error)
{
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_run_info_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _wl_store_prepare (store, "SELECT " RUN_COLUMNS " FROM runs ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WlRunInfo *info = g_new0 (WlRunInfo, 1);

      read_run_info (stmt, info);
      g_ptr_array_add (runs, info);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _wl_store_set_error (store, rc, FALSE, error);
      return NULL;
    }
  return g_steal_pointer (&runs);
}

/* The one message for a run id that names nothing. */
static void
set_no_such_run (WlStore  *store,
                 gint64    run_id,
                 GError  **error)
{
  g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN,
               _("“%s” has no run %lld"), store->path, (long long) run_id);
}

/* Steps a statement that selects at most one row of run run_id: TRUE with a row, FALSE and
 * an error without (the statement is finalized then). */
static gboolean
step_run_row (WlStore       *store,
              sqlite3_stmt  *stmt,
              gint64         run_id,
              GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    set_no_such_run (store, run_id, error);
  else
    _wl_store_set_error (store, rc, FALSE, error);
  return FALSE;
}

gboolean
wl_store_get_run (WlStore    *store,
                  gint64      run_id,
                  WlRunInfo  *out,
                  GError    **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  stmt = _wl_store_prepare (store, "SELECT " RUN_COLUMNS " FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (!step_run_row (store, stmt, run_id, error))
    return FALSE;
  read_run_info (stmt, out);
  sqlite3_finalize (stmt);
  return TRUE;
}

char *
wl_store_dup_run_lab_text (WlStore  *store,
                           gint64    run_id,
                           GError  **error)
{
  sqlite3_stmt *stmt;
  char *text;

  g_return_val_if_fail (store != NULL, NULL);

  stmt = _wl_store_prepare (store, "SELECT lab_text FROM runs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (!step_run_row (store, stmt, run_id, error))
    return NULL;
  text = g_strdup (column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text != NULL ? text : g_strdup ("");
}

gboolean
_wl_store_check_run (WlStore  *store,
                     gint64    run_id,
                     GError  **error)
{
  sqlite3_stmt *stmt = _wl_store_prepare (store, "SELECT 1 FROM runs WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (!step_run_row (store, stmt, run_id, error))
    return FALSE;
  sqlite3_finalize (stmt);
  return TRUE;
}

/* Events first: the run row is what makes a run exist, so it goes last. */
gboolean
_wl_store_remove_run (WlStore  *store,
                      gint64    run_id,
                      GError  **error)
{
  static const char *const sql[] = {
    "DELETE FROM events WHERE run_id = ?",
    "DELETE FROM runs WHERE id = ?",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _wl_store_prepare (store, sql[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, run_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          _wl_store_set_error (store, rc, TRUE, error);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
wl_store_delete_run (WlStore  *store,
                     gint64    run_id,
                     GError  **error)
{
  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (!store->recording, FALSE);

  if (!_wl_store_check_run (store, run_id, error)
      || !_wl_store_exec (store, "BEGIN IMMEDIATE", TRUE, error))
    return FALSE;
  if (_wl_store_remove_run (store, run_id, error)
      && _wl_store_exec (store, "COMMIT", TRUE, error))
    return TRUE;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Events -------------------------------------------------------------------------------- */

/* Fills ev from a row of EVENT_COLUMNS.  Nothing is copied: args and frame stay SQLite's
 * until the next step of the statement. */
static void
read_event (sqlite3_stmt *stmt,
            WlTraceEvent *ev)
{
  gint64 layer;

  ev->id = (guint64) sqlite3_column_int64 (stmt, 0);
  ev->time = (WlTime) sqlite3_column_int64 (stmt, 1);
  ev->kind = wl_event_kind_from_string (column_text (stmt, 2));
  ev->device = column_index (stmt, 3);
  ev->iface = column_index (stmt, 4);
  ev->link = column_index (stmt, 5);
  ev->proto = wl_proto_from_string (column_text (stmt, 6));
  layer = sqlite3_column_int64 (stmt, 7);
  ev->layer = layer >= WL_LAYER_NONE && layer <= WL_LAYER_APPLICATION ? (WlLayer) layer
                                                                      : WL_LAYER_NONE;
  ev->cause = (guint64) sqlite3_column_int64 (stmt, 8);
  ev->code = wl_code_from_string (column_text (stmt, 9));
  ev->args = column_text (stmt, 10);
  /* column_blob before column_bytes, as SQLite asks. */
  ev->frame = sqlite3_column_blob (stmt, 11);
  ev->frame_len = ev->frame != NULL ? (gsize) sqlite3_column_bytes (stmt, 11) : 0;
}

/* Steps stmt to the end, calling func for every row, or until func returns FALSE. */
static gboolean
run_event_query (WlStore       *store,
                 sqlite3_stmt  *stmt,
                 WlEventFunc    func,
                 gpointer       user_data,
                 guint         *n_rows,
                 GError       **error)
{
  int rc;

  *n_rows = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      WlTraceEvent ev;

      read_event (stmt, &ev);
      (*n_rows)++;
      if (!func (&ev, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  if (rc != SQLITE_DONE)
    {
      _wl_store_set_error (store, rc, FALSE, error);
      return FALSE;
    }
  return TRUE;
}

/* Filters ------------------------------------------------------------------------------- */

/* The WHERE clause of a filter, after "run_id = ?1"; parameters are bound in the same order
 * by bind_filter. */
static void
append_filter (GString             *sql,
               const WlEventFilter *filter)
{
  if (filter->n_protos > 0)
    {
      gboolean any_none = FALSE;

      g_string_append (sql, " AND (proto IN (");
      for (guint i = 0; i < filter->n_protos; i++)
        {
          g_string_append (sql, i > 0 ? ", ?" : "?");
          any_none |= filter->protos[i] == WL_PROTO_NONE;
        }
      g_string_append (sql, any_none ? ") OR proto IS NULL)" : "))");
    }
  if (filter->device >= 0)
    g_string_append (sql, " AND device = ?");
  if (filter->iface >= 0)
    g_string_append (sql, " AND iface = ?");
  if (filter->link >= 0)
    g_string_append (sql, " AND link = ?");
  if (filter->kinds != 0)
    {
      const char *sep = "";

      /* Bits of kinds this version does not know match nothing: IN ('') stays valid SQL. */
      g_string_append (sql, " AND kind IN (");
      for (guint k = WL_EVENT_NONE + 1; k < WL_EVENT_LAST; k++)
        if (filter->kinds & WL_EVENT_KIND_BIT (k))
          {
            g_string_append_printf (sql, "%s?", sep);
            sep = ", ";
          }
      g_string_append (sql, *sep == '\0' ? "'')" : ")");
    }
}

/* Binds a filter's values to the parameters append_filter wrote, from ?2 on (?1 is the
 * run).  Names are static strings: bound without a copy. */
static void
bind_filter (sqlite3_stmt        *stmt,
             const WlEventFilter *filter)
{
  int p = 2;

  for (guint i = 0; i < filter->n_protos; i++)
    sqlite3_bind_text (stmt, p++, wl_proto_to_string (filter->protos[i]), -1, SQLITE_STATIC);
  if (filter->device >= 0)
    sqlite3_bind_int (stmt, p++, filter->device);
  if (filter->iface >= 0)
    sqlite3_bind_int (stmt, p++, filter->iface);
  if (filter->link >= 0)
    sqlite3_bind_int (stmt, p++, filter->link);
  for (guint k = WL_EVENT_NONE + 1; k < WL_EVENT_LAST; k++)
    if (filter->kinds & WL_EVENT_KIND_BIT (k))
      sqlite3_bind_text (stmt, p++, wl_event_kind_to_string (k), -1, SQLITE_STATIC);
}

/* The statement is prepared per call, not cached: func may itself read the store (look up
 * the cause of an event, say), and a cached statement cannot run twice at once. */
gboolean
wl_store_foreach_event (WlStore              *store,
                        gint64                run_id,
                        const WlEventFilter  *filter,
                        WlEventFunc           func,
                        gpointer              user_data,
                        GError              **error)
{
  static const WlEventFilter all = WL_EVENT_FILTER_INIT;
  g_autoptr(GString) sql = g_string_new ("SELECT " EVENT_COLUMNS " FROM events WHERE run_id = ?");
  sqlite3_stmt *stmt;
  gboolean ok;
  guint n_rows;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  if (filter == NULL)
    filter = &all;
  g_return_val_if_fail (filter->n_protos == 0 || filter->protos != NULL, FALSE);
  g_return_val_if_fail (filter->iface < 0 || filter->device >= 0, FALSE);

  if (!_wl_store_check_run (store, run_id, error))
    return FALSE;
  append_filter (sql, filter);
  /* id order is time order (see data/schema.sql): the indexes deliver it without a sort */
  g_string_append (sql, " ORDER BY id");
  stmt = _wl_store_prepare (store, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  bind_filter (stmt, filter);
  ok = run_event_query (store, stmt, func, user_data, &n_rows, error);
  sqlite3_finalize (stmt);
  return ok;
}

gboolean
wl_store_get_event (WlStore      *store,
                    gint64        run_id,
                    guint64       event_id,
                    WlEventFunc   func,
                    gpointer      user_data,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;
  guint n_rows = 0;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!_wl_store_check_run (store, run_id, error))
    return FALSE;
  stmt = _wl_store_prepare (store,
                            "SELECT " EVENT_COLUMNS " FROM events WHERE run_id = ? AND id = ?",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int64 (stmt, 2, (gint64) event_id);
  ok = run_event_query (store, stmt, func, user_data, &n_rows, error);
  sqlite3_finalize (stmt);
  if (ok && n_rows == 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_FOUND,
                   _("“%s” has no event %llu in run %lld"), store->path,
                   (unsigned long long) event_id, (long long) run_id);
      return FALSE;
    }
  return ok;
}

/* Seeking -------------------------------------------------------------------------------- */

/* Steps stmt (run_id bound as ?1) for the first event with id >= from: SQLITE_ROW with its
 * id and time, SQLITE_DONE when there is none, or an error code. */
static int
next_event (sqlite3_stmt *stmt,
            guint64       from,
            guint64      *id,
            WlTime       *time)
{
  int rc;

  sqlite3_bind_int64 (stmt, 2, (gint64) from);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = (guint64) sqlite3_column_int64 (stmt, 0);
      *time = (WlTime) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc;
}

gboolean
wl_store_find_event_at (WlStore  *store,
                        gint64    run_id,
                        WlTime    time,
                        guint64  *event_id,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  guint64 lo = 0, hi = G_MAXINT64, id = 0;
  WlTime t = 0;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);

  *event_id = 0;
  if (!_wl_store_check_run (store, run_id, error))
    return FALSE;
  stmt = _wl_store_prepare (store,
                            "SELECT id, time_ns FROM events WHERE run_id = ?1 AND id >= ?2"
                            " ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);

  /* P(x): "the first event with id >= x is at or after time, or there is none".  As x
   * grows, P only turns from false to true, because times never decrease with ids; the
   * smallest x with P(x) leads to the answer.  Ids need not be contiguous. */
  while (lo < hi)
    {
      guint64 mid = lo + (hi - lo) / 2;

      rc = next_event (stmt, mid, &id, &t);
      if (rc == SQLITE_ROW && t < time)
        lo = mid + 1;
      else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        hi = mid;
      else
        break;
    }
  if (lo == hi)
    rc = next_event (stmt, lo, &id, &t);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _wl_store_set_error (store, rc, FALSE, error);
      return FALSE;
    }
  if (rc == SQLITE_ROW && t >= time)
    *event_id = id;
  return TRUE;
}
