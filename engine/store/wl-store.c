/* wl-store.c — opening and closing lab files, and the errors of the store.
 *
 * A lab file is only ever handed to SQLite once we know it is ours.  Opening checks, in this
 * order, and changes nothing until all of them pass:
 *
 *  1. the path is a regular file whose first 16 bytes are "SQLite format 3\0";
 *  2. its header says application_id 'WLAB' and a format (user_version) from 1 up to
 *     WL_STORE_FORMAT_VERSION, and a plausible page size;
 *  3. the file is at least as long as its header says (a copy cut short is caught here,
 *     unless a hot journal is waiting to restore it);
 *  4. SQLite agrees on the application id and format, and PRAGMA quick_check says "ok";
 *  5. after any migration, every table has the columns this version reads.
 *
 * The connection is defensive: SQLITE_DBCONFIG_DEFENSIVE, no trusted schema, no triggers,
 * views or extensions, so a hostile file cannot make our statements run code of its own.
 * Writes go through a rollback journal (journal_mode=DELETE) with synchronous=FULL: every
 * committed transaction survives a crash, an interrupted one is rolled back on next open.
 *
 * Creating a new file is wl-store-create.c.
 */
#define G_LOG_DOMAIN "wl-store"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "store/wl-store-private.h"

G_DEFINE_QUARK (wl-store-error-quark, wl_store_error)

/* Migrations: migration_steps[v] turns format v into format v + 1.  Format 1 is the first
 * (data/schema.sql); when the schema changes, append the step here, update schema.sql to the
 * new format for fresh files, and bump WL_STORE_FORMAT_VERSION. */
static const char *const migration_steps[WL_STORE_FORMAT_VERSION] = {
  [0] = NULL, /* format 0 does not exist: an empty or foreign database */
};

/* The columns this version reads, per table: preparing each proves the schema's shape. */
static const char *const schema_shape[] = {
  "SELECT id, title, description, seed FROM lab",
  "SELECT id, name, kind, x, y, gateway, dns, mac_ageing_ns FROM devices",
  "SELECT device_id, seq, destination, via, iface FROM routes",
  "SELECT id, device_id, idx, name, mac, address, mtu FROM interfaces",
  "SELECT device_id, seq, kind FROM services",
  "SELECT device_id, service_seq, seq, key, value FROM service_settings",
  "SELECT id, name, device_a, iface_a, device_b, iface_b, delay_ns, bandwidth_bps, jitter_ns,"
  " loss, duplicate, ber FROM links",
  "SELECT id, time_ns, device_id, command FROM actions",
  "SELECT id, seed, engine_version, created_at, end_time_ns, events, frames, drops, lab_text,"
  " status FROM runs",
  "SELECT run_id, id, time_ns, kind, device, iface, link, proto, layer, cause, code, args,"
  " frame FROM events",
};

WlStore *
_wl_store_new (const char *path)
{
  WlStore *store = g_new0 (WlStore, 1);

  store->path = g_strdup (path);
  return store;
}

void
wl_store_close (WlStore *store)
{
  if (store == NULL)
    return;
  if (store->recording)
    g_critical ("Closing lab “%s” while a recorder is still using it", store->path);
  /* v2: statements of a leaked recorder keep the connection alive instead of failing. */
  sqlite3_close_v2 (store->db);
  g_free (store->path);
  g_free (store);
}

const char *
wl_store_get_path (WlStore *store)
{
  g_return_val_if_fail (store != NULL, NULL);
  return store->path;
}

void
_wl_store_set_error (WlStore   *store,
                     int        rc,
                     gboolean   writing,
                     GError   **error)
{
  const char *reason = store->db ? sqlite3_errmsg (store->db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_ERROR:
    case SQLITE_SCHEMA:
    case SQLITE_MISMATCH:
    case SQLITE_FORMAT:
    case SQLITE_RANGE:
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), store->path, reason);
      break;
    default:
      if (writing)
        g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO,
                     _("Could not write “%s”: %s"), store->path, reason);
      else
        g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO,
                     _("Could not read “%s”: %s"), store->path, reason);
      break;
    }
}

gboolean
_wl_store_exec (WlStore     *store,
                const char  *sql,
                gboolean     writing,
                GError     **error)
{
  int rc = sqlite3_exec (store->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _wl_store_set_error (store, rc, writing, error);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
_wl_store_prepare (WlStore     *store,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (store->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      _wl_store_set_error (store, rc, FALSE, error);
      return NULL;
    }
  return stmt;
}

/* Header checks (rules 1–3 above), on raw bytes, before SQLite sees the file.  The first 100
 * bytes of an SQLite file are its header (sqlite.org/fileformat.html): magic at 0, page size
 * at 16 (big-endian, 1 meaning 65536), change counter at 24, size in pages at 28 (valid only
 * when the version-valid-for number at 92 equals the change counter), user_version at 60,
 * application_id at 68. */
static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gssize
read_head (int     fd,
           guint8 *buf,
           gsize   len)
{
  gsize done = 0;

  while (done < len)
    {
      gssize n = read (fd, buf + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return -1;
      if (n == 0)
        break;
      done += (gsize) n;
    }
  return (gssize) done;
}

static gboolean
check_size (const char    *path,
            const guint8  *header,
            goffset        file_size,
            GError       **error)
{
  guint page_size = ((guint) header[16] << 8) | header[17];
  guint64 pages = read_be32 (header + 28);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  if (page_size == 1)
    page_size = 65536;
  /* Rule: a power of two from 512 to 65536, as SQLite itself requires. */
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (its page size %u is impossible)"), path, page_size);
      return FALSE;
    }
  /* Rule: with a valid in-header size, the file holds at least that many pages.  A hot
   * journal means an interrupted transaction that SQLite will roll back: let it. */
  if (read_be32 (header + 24) == read_be32 (header + 92) && pages > 0
      && pages * page_size > (guint64) file_size
      && !g_file_test (journal, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (it is shorter than its header says: %llu of %llu "
                     "bytes; was it cut off while being copied?)"),
                   path, (unsigned long long) file_size,
                   (unsigned long long) (pages * page_size));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_format (const char  *path,
              gint64       app_id,
              gint64       version,
              GError     **error)
{
  if (app_id != WL_STORE_APPLICATION_ID)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_A_LAB,
                   _("“%s” is not a Wirelab lab (it is an SQLite database of another "
                     "application)"), path);
      return FALSE;
    }
  if (version > WL_STORE_FORMAT_VERSION)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer Wirelab (format %d; this version reads up "
                     "to %d)"), path, (int) version, WL_STORE_FORMAT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (it has no format number)"), path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_header (const char  *path,
              int         *version,
              GError     **error)
{
  guint8 header[100];
  struct stat st;
  gssize n;
  int fd, saved_errno;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, WL_STORE_ERROR,
                   saved_errno == ENOENT ? WL_STORE_ERROR_NOT_FOUND : WL_STORE_ERROR_IO,
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_A_LAB,
                   _("“%s” is not a Wirelab lab (it is not a regular file)"), path);
      return FALSE;
    }
  n = read_head (fd, header, sizeof header);
  saved_errno = errno;
  close (fd);
  if (n < 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO,
                   _("Could not read “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  if (n < 16 || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_A_LAB,
                   _("“%s” is not a Wirelab lab (it is not an SQLite database)"), path);
      return FALSE;
    }
  if (n < (gssize) sizeof header)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (its header ends after %d bytes)"), path, (int) n);
      return FALSE;
    }
  *version = (gint32) read_be32 (header + 60);
  return check_format (path, read_be32 (header + 68), *version, error)
         && check_size (path, header, st.st_size, error);
}

/* Opens file (the lab itself, or the temporary file of wl_store_create) read-write, never
 * creating it, and makes the connection defensive before the first statement. */
gboolean
_wl_store_connect (WlStore     *store,
                   const char  *file,
                   GError     **error)
{
  int rc;

  /* NOMUTEX: a store is used by one thread at a time (wl-store-private.h), so SQLite's
   * per-call locking of the connection is pure cost on the recorder's hot path. */
  rc = sqlite3_open_v2 (file, &store->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_EXRESCODE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      _wl_store_set_error (store, rc, FALSE, error);
      return FALSE;
    }
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
  sqlite3_db_config (store->db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
  sqlite3_busy_timeout (store->db, 2000);
  return _wl_store_exec (store, "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON",
                         FALSE, error);
}

static gboolean
pragma_int (WlStore     *store,
            const char  *sql,
            gint64      *out,
            GError     **error)
{
  sqlite3_stmt *stmt = _wl_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  *out = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _wl_store_set_error (store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, FALSE, error);
      return FALSE;
    }
  return TRUE;
}

/* Rule 4: SQLite's own view (after any hot-journal rollback) and its integrity check. */
static gboolean
check_database (WlStore  *store,
                gint64   *version,
                GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 app_id;
  g_autofree char *problem = NULL;
  int rc;

  if (!pragma_int (store, "PRAGMA application_id", &app_id, error)
      || !pragma_int (store, "PRAGMA user_version", version, error)
      || !check_format (store->path, app_id, *version, error))
    return FALSE;

  stmt = _wl_store_prepare (store, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    problem = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      _wl_store_set_error (store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, FALSE, error);
      return FALSE;
    }
  if (g_strcmp0 (problem, "ok") != 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: %s"), store->path, problem ? problem : "?");
      return FALSE;
    }
  return TRUE;
}

/* Rule 5: every table has the columns this version reads. */
static gboolean
check_shape (WlStore  *store,
             GError  **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (schema_shape); i++)
    {
      sqlite3_stmt *stmt = _wl_store_prepare (store, schema_shape[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_finalize (stmt);
    }
  return TRUE;
}

static gboolean
migrate (WlStore  *store,
         gint64    version,
         GError  **error)
{
  g_autofree char *set_version = NULL;

  if (version == WL_STORE_FORMAT_VERSION)
    return TRUE;
  if (!_wl_store_exec (store, "BEGIN IMMEDIATE", TRUE, error))
    return FALSE;
  for (gint64 v = version; v < WL_STORE_FORMAT_VERSION; v++)
    {
      g_assert (migration_steps[v] != NULL);
      if (!_wl_store_exec (store, migration_steps[v], TRUE, error))
        goto fail;
    }
  set_version = g_strdup_printf ("PRAGMA user_version = %d", WL_STORE_FORMAT_VERSION);
  if (_wl_store_exec (store, set_version, TRUE, error)
      && _wl_store_exec (store, "COMMIT", TRUE, error))
    return TRUE;
fail:
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

/* Settings of every connection that may write: durable commits, enforced references, and a
 * cache big enough for the event indexes of a long recording. */
const char _wl_store_configure_sql[] =
  "PRAGMA foreign_keys = ON;"
  "PRAGMA journal_mode = DELETE;"
  "PRAGMA synchronous = FULL;"
  "PRAGMA temp_store = MEMORY;"
  "PRAGMA cache_size = -32768;";

WlStore *
wl_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(WlStore) store = NULL;
  gint64 version = 0;
  int header_version = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_header (path, &header_version, error))
    return NULL;
  store = _wl_store_new (path);
  if (!_wl_store_connect (store, path, error)
      || !check_database (store, &version, error)
      || !_wl_store_exec (store, _wl_store_configure_sql, FALSE, error)
      || !migrate (store, version, error)
      || !check_shape (store, error))
    return NULL;
  return g_steal_pointer (&store);
}
