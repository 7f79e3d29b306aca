/* wl-recorder.c — the trace sink that writes a run's events into the lab file.
 *
 * Speed comes from doing as little as possible per event: one prepared INSERT reused for the
 * whole run (the run id is bound once), strings and frame bytes bound without copying
 * (SQLITE_STATIC: the engine's buffers outlive sqlite3_step, which copies them into the
 * row), and a transaction per batch of events instead of per event, because a commit with
 * synchronous=FULL waits for the disk.
 *
 * States: RECORDING until finish or free; FINISHED after a successful finish; DISCARDED when
 * the run was removed (failed finish).  Freeing a RECORDING recorder removes its run.
 */
#define G_LOG_DOMAIN "wl-recorder"
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "store/wl-recorder.h"
#include "store/wl-store-private.h"

typedef enum
{
  RECORDING,
  FINISHED,
  DISCARDED,
} RecorderState;

struct _WlRecorder
{
  WlTraceSink   sink;        /* first: the engine calls sink.emit with a WlTraceSink* */
  WlStore      *store;
  gint64        run_id;
  sqlite3_stmt *insert;
  RecorderState state;
  guint         batch_size;
  guint         in_batch;    /* events written in the open transaction; 0 = none open */
  gsize         batch_bytes; /* their frames and args */
  guint64       events;
  guint64       frames;
  guint64       drops;
  guint64       last_id;     /* the previous event, for the order rule */
  WlTime        last_time;
  GError       *error;       /* the first failure, returned by finish */
};

static const char insert_sql[] =
  "INSERT INTO events (run_id, id, time_ns, kind, device, iface, link, proto, layer, cause,"
  " code, args, frame) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";

/* Remembers the first error and drops the open batch: later events are ignored. */
static void
recorder_fail (WlRecorder *rec,
               int         rc)
{
  if (rec->error == NULL)
    _wl_store_set_error (rec->store, rc, TRUE, &rec->error);
  if (!sqlite3_get_autocommit (rec->store->db))
    sqlite3_exec (rec->store->db, "ROLLBACK", NULL, NULL, NULL);
  rec->in_batch = 0;
  rec->batch_bytes = 0;
}

/* BEGIN or COMMIT of a batch; a failure becomes the recorder's error. */
static gboolean
recorder_exec (WlRecorder *rec,
               const char *sql)
{
  int rc = sqlite3_exec (rec->store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      recorder_fail (rec, rc);
      return FALSE;
    }
  return TRUE;
}

/* Device, interface and link indices: -1 ("not applicable") is NULL in the file. */
static inline void
bind_index (sqlite3_stmt *stmt,
            int           param,
            gint          value)
{
  if (value >= 0)
    sqlite3_bind_int (stmt, param, value);
  else
    sqlite3_bind_null (stmt, param);
}

/* Text that outlives the step (static names, the engine's args): bound without a copy. */
static inline void
bind_static_text (sqlite3_stmt *stmt,
                  int           param,
                  const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, param, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, param);
}

/* Rule: ids increase and times never decrease.  Readers rely on it: the primary key
 * (run_id, id) is their time order (data/schema.sql). */
static gboolean
check_order (WlRecorder         *rec,
             const WlTraceEvent *ev)
{
  if (rec->events == 0 || (ev->id > rec->last_id && ev->time >= rec->last_time))
    {
      rec->last_id = ev->id;
      rec->last_time = ev->time;
      return TRUE;
    }
  g_set_error (&rec->error, WL_STORE_ERROR, WL_STORE_ERROR_INVALID,
               _("Could not record run %lld in “%s”: event %llu at %llu ns came after event "
                 "%llu at %llu ns, but events must come in the order of their ids and times"),
               (long long) rec->run_id, rec->store->path, (unsigned long long) ev->id,
               (unsigned long long) ev->time, (unsigned long long) rec->last_id,
               (unsigned long long) rec->last_time);
  recorder_fail (rec, SQLITE_OK);
  return FALSE;
}

static void
recorder_emit (WlTraceSink        *sink,
               const WlTraceEvent *ev)
{
  WlRecorder *rec = (WlRecorder *) sink;
  sqlite3_stmt *stmt = rec->insert;
  gsize args_len = 0;
  int rc;

  if (rec->state != RECORDING || rec->error != NULL || !check_order (rec, ev))
    return;
  /* IMMEDIATE: take the write lock now, so a busy file fails here and not at COMMIT. */
  if (rec->in_batch == 0 && !recorder_exec (rec, "BEGIN IMMEDIATE"))
    return;

  /* The columns of data/schema.sql: indices of -1, cause 0, proto and code "none" become
   * NULL; codes go in as their stable names, unsigned values as the same 64 bits. */
  sqlite3_bind_int64 (stmt, 2, (gint64) ev->id);
  sqlite3_bind_int64 (stmt, 3, (gint64) ev->time);
  sqlite3_bind_text (stmt, 4, wl_event_kind_to_string (ev->kind), -1, SQLITE_STATIC);
  bind_index (stmt, 5, ev->device);
  bind_index (stmt, 6, ev->iface);
  bind_index (stmt, 7, ev->link);
  bind_static_text (stmt, 8, ev->proto != WL_PROTO_NONE ? wl_proto_to_string (ev->proto) : NULL);
  sqlite3_bind_int (stmt, 9, (int) ev->layer);
  if (ev->cause != 0)
    sqlite3_bind_int64 (stmt, 10, (gint64) ev->cause);
  else
    sqlite3_bind_null (stmt, 10);
  bind_static_text (stmt, 11, ev->code != WL_CODE_NONE ? wl_code_to_string (ev->code) : NULL);
  args_len = ev->args != NULL ? strlen (ev->args) : 0;
  if (ev->args != NULL)
    sqlite3_bind_text (stmt, 12, ev->args, (int) args_len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 12);
  if (ev->frame != NULL)
    sqlite3_bind_blob64 (stmt, 13, ev->frame, ev->frame_len, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 13);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      recorder_fail (rec, rc);
      return;
    }

  rec->events++;
  rec->frames += ev->kind == WL_EVENT_FRAME_SENT;
  rec->drops += ev->kind == WL_EVENT_FRAME_DROPPED;
  rec->batch_bytes += ev->frame_len + args_len;
  /* End of a batch: commit, so a crash loses at most this batch (the run stays
   * "incomplete").  A failed COMMIT has called recorder_fail. */
  if ((++rec->in_batch >= rec->batch_size || rec->batch_bytes >= WL_RECORDER_BATCH_BYTES)
      && recorder_exec (rec, "COMMIT"))
    {
      rec->in_batch = 0;
      rec->batch_bytes = 0;
    }
}

WlRecorder *
wl_recorder_new (WlStore     *store,
                 guint64      seed,
                 const char  *lab_text,
                 GError     **error)
{
  g_autoptr(WlRecorder) rec = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (!store->recording, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The run row commits on its own: from here on a crash leaves an "incomplete" run. */
  stmt = _wl_store_prepare (store,
                            "INSERT INTO runs (seed, engine_version, created_at, lab_text, status)"
                            " VALUES (?, ?, ?, ?, 'incomplete')",
                            error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, (gint64) seed);
  sqlite3_bind_text (stmt, 2, PACKAGE_VERSION, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  bind_static_text (stmt, 4, lab_text);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      _wl_store_set_error (store, rc, TRUE, error);
      return NULL;
    }

  rec = g_new0 (WlRecorder, 1);
  rec->sink.emit = recorder_emit;
  rec->store = store;
  rec->run_id = sqlite3_last_insert_rowid (store->db);
  rec->batch_size = WL_RECORDER_DEFAULT_BATCH;
  rec->state = RECORDING;
  store->recording = TRUE;

  rc = sqlite3_prepare_v3 (store->db, insert_sql, -1, SQLITE_PREPARE_PERSISTENT, &rec->insert,
                           NULL);
  if (rc != SQLITE_OK)
    {
      _wl_store_set_error (store, rc, FALSE, error);
      return NULL; /* freeing rec removes the run */
    }
  sqlite3_bind_int64 (rec->insert, 1, rec->run_id);
  return g_steal_pointer (&rec);
}

/* The sink lives inside the recorder: valid until wl_recorder_free. */
WlTraceSink *
wl_recorder_get_sink (WlRecorder *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);
  return &rec->sink;
}

gint64
wl_recorder_get_run_id (WlRecorder *rec)
{
  g_return_val_if_fail (rec != NULL, 0);
  return rec->run_id;
}

void
wl_recorder_set_batch_size (WlRecorder *rec,
                            guint       n_events)
{
  g_return_if_fail (rec != NULL);
  g_return_if_fail (n_events > 0);
  rec->batch_size = n_events;
}

/* Removes the run after a failure or an abandoned recording, in a transaction of its own.
 * Best effort: if even that fails (disk gone), the run stays "incomplete". */
static void
recorder_discard (WlRecorder *rec)
{
  g_autoptr(GError) error = NULL;
  WlStore *store = rec->store;

  if (!sqlite3_get_autocommit (store->db))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  rec->in_batch = 0;
  rec->state = DISCARDED;
  if (!_wl_store_exec (store, "BEGIN IMMEDIATE", TRUE, &error))
    goto out;
  if (_wl_store_remove_run (store, rec->run_id, &error)
      && _wl_store_exec (store, "COMMIT", TRUE, &error))
    return;
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
out:
  g_warning ("Could not remove unfinished run %" G_GINT64_FORMAT ": %s", rec->run_id,
             error->message);
}

/* The run's row, now that its counts and end are known. */
static gboolean
write_summary (WlRecorder *rec,
               WlTime      end_time,
               const char *status)
{
  sqlite3_stmt *stmt;
  int rc;

  rc = sqlite3_prepare_v2 (rec->store->db,
                           "UPDATE runs SET end_time_ns = ?, events = ?, frames = ?, drops = ?,"
                           " status = ? WHERE id = ?",
                           -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      recorder_fail (rec, rc);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, (gint64) end_time);
  sqlite3_bind_int64 (stmt, 2, (gint64) rec->events);
  sqlite3_bind_int64 (stmt, 3, (gint64) rec->frames);
  sqlite3_bind_int64 (stmt, 4, (gint64) rec->drops);
  sqlite3_bind_text (stmt, 5, status, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, rec->run_id);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      recorder_fail (rec, rc);
      return FALSE;
    }
  return TRUE;
}

gboolean
wl_recorder_finish (WlRecorder  *rec,
                    WlTime       end_time,
                    const char  *status,
                    GError     **error)
{
  g_return_val_if_fail (rec != NULL, FALSE);
  g_return_val_if_fail (rec->state == RECORDING, FALSE);
  g_return_val_if_fail (g_strcmp0 (status, "complete") == 0 || g_strcmp0 (status, "budget") == 0
                        || g_strcmp0 (status, "incomplete") == 0, FALSE);

  /* The summary joins the last batch's transaction: events and counts commit together. */
  if (rec->error == NULL
      && (rec->in_batch > 0 || recorder_exec (rec, "BEGIN IMMEDIATE"))
      && write_summary (rec, end_time, status)
      && recorder_exec (rec, "COMMIT"))
    {
      rec->in_batch = 0;
      rec->state = FINISHED;
      rec->store->recording = FALSE;
      return TRUE;
    }
  recorder_discard (rec);
  rec->store->recording = FALSE;
  g_propagate_error (error, g_steal_pointer (&rec->error));
  return FALSE;
}

void
wl_recorder_free (WlRecorder *rec)
{
  if (rec == NULL)
    return;
  g_clear_pointer (&rec->insert, sqlite3_finalize);
  if (rec->state == RECORDING)
    {
      recorder_discard (rec);
      rec->store->recording = FALSE;
    }
  g_clear_error (&rec->error);
  g_free (rec);
}
