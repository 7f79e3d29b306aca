/* The lab file: create, open, load and save round trips, atomic creation, and every way a
 * file that is not a good lab must be refused without being changed. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "store-test-util.h"
#include "lab/wl-lab-text.h"
#include "store/wl-recorder.h"
#include "store/wl-store.h"

typedef struct
{
  char *dir;
  char *path;   /* dir/lab.wirelab, not created */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = store_test_make_dir ();
  f->path = g_build_filename (f->dir, "lab.wirelab", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  store_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
create_sample (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlStore) store = wl_store_create (path, lab, FALSE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
}

/* Runs SQL on a file with plain SQLite, as another program would. */
static void
raw_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return v;
}

/* Opening path must fail with code, mention what, and leave the file's bytes as they were. */
static void
assert_refused (const char *path,
                gint        code,
                const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = store_test_read_file (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(WlStore) store = wl_store_open (path, &error);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_assert_null (store);
  g_assert_error (error, WL_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, what));
  after = store_test_read_file (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (store_test_file_exists (journal));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlLab) loaded = NULL;
  g_autoptr(WlStore) store = NULL;

  store = wl_store_create (f->path, lab, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (wl_store_get_path (store), ==, f->path);
  g_clear_pointer (&store, wl_store_close);

  /* The file is SQLite with our id and format, and nothing else is left in the folder. */
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, WL_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, WL_STORE_FORMAT_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM devices"), ==, 4);
  g_assert_cmpint (raw_int (f->path, "SELECT id FROM devices WHERE name = 'Switch1'"), ==, 3);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM interfaces WHERE address = 'dhcp'"),
                   ==, 1);
  {
    g_autofree char *names = store_test_list_dir (f->dir);
    g_assert_cmpstr (names, ==, "lab.wirelab");
  }

  store = wl_store_open (f->path, &error);
  g_assert_no_error (error);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  /* wl_store_create validated lab, which sorted its actions by time: compare after that. */
  g_assert_true (wl_lab_equal (lab, loaded));
  g_assert_cmpuint (loaded->seed, ==, G_GUINT64_CONSTANT (0xfedcba9876543210));
  g_assert_cmpstr (((WlLabAction *) g_ptr_array_index (loaded->actions, 0))->command, ==,
                   "ipconfig /renew");
}

static void
test_save_twice (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlLab) loaded = NULL;
  g_autoptr(WlStore) store = wl_store_create (f->path, lab, FALSE, &error);
  g_autoptr(WlRecorder) rec = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  WlLabDevice *pc;

  g_assert_no_error (error);
  /* A run recorded before the saves must survive them. */
  rec = wl_recorder_new (store, 7, "lab text", &error);
  g_assert_no_error (error);
  store_test_emit_rounds (wl_recorder_get_sink (rec), 2);
  g_assert_true (wl_recorder_finish (rec, 5 * WL_S, "complete", &error));
  g_assert_no_error (error);

  /* First save: fewer things.  Second save: more again, and different. */
  g_ptr_array_remove_index (lab->links, 2);
  g_ptr_array_remove_index (lab->devices, 3);
  g_ptr_array_set_size (lab->actions, 1);
  g_assert_true (wl_store_save_lab (store, lab, &error));
  g_assert_no_error (error);
  pc = wl_lab_add_device (lab, WL_DEVICE_SERVER, "Web");
  pc->x = 1e6;
  wl_lab_add_link (lab, "L9", 3, 0, 2, 5);
  wl_lab_add_action (lab, 0, 3, "ping 10.0.0.1");
  g_free (lab->title);
  lab->title = g_strdup ("Second");
  g_assert_true (wl_store_save_lab (store, lab, &error));
  g_assert_no_error (error);
  g_clear_pointer (&store, wl_store_close);

  store = wl_store_open (f->path, &error);
  g_assert_no_error (error);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));
  runs = wl_store_list_runs (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
}

static void
test_save_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlLab) loaded = NULL;
  g_autoptr(WlStore) store = wl_store_create (f->path, lab, FALSE, &error);
  g_autoptr(WlLab) bad = store_test_make_lab ();

  g_assert_no_error (error);
  wl_lab_add_link (bad, "L1", 0, 0, 1, 0); /* a second link named L1 */
  g_assert_false (wl_store_save_lab (store, bad, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE);
  g_clear_error (&error);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));
}

static void
test_create_exists (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlLab) loaded = NULL;
  g_autoptr(WlStore) store = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *names = NULL;

  g_assert_true (g_file_set_contents (f->path, "precious", -1, NULL));
  g_chmod (f->path, 0640);
  before = store_test_read_file (f->path);
  store = wl_store_create (f->path, lab, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, f->path));
  g_clear_error (&error);
  after = store_test_read_file (f->path);
  g_assert_true (g_bytes_equal (before, after));

  /* With overwrite the file is replaced, keeps its permissions, and no temporary remains. */
  store = wl_store_create (f->path, lab, TRUE, &error);
  g_assert_no_error (error);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));
  {
    GStatBuf st;
    g_assert_cmpint (g_stat (f->path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  names = store_test_list_dir (f->dir);
  g_assert_cmpstr (names, ==, "lab.wirelab");
}

static void
test_create_failures (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlLab) bad = store_test_make_lab ();
  g_autofree char *nowhere = g_build_filename (f->dir, "missing", "lab.wirelab", NULL);
  g_autofree char *names = NULL;
  WlStore *store;

  /* An invalid lab is never written. */
  wl_lab_add_action (bad, 0, 99, "ping");
  store = wl_store_create (f->path, bad, FALSE, &error);
  g_assert_null (store);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A folder that does not exist. */
  store = wl_store_create (nowhere, lab, TRUE, &error);
  g_assert_null (store);
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_clear_error (&error);

  /* Over a folder: the temporary file is written, the rename fails, and it is removed. */
  g_assert_cmpint (g_mkdir (f->path, 0755), ==, 0);
  store = wl_store_create (f->path, lab, TRUE, &error);
  g_assert_null (store);
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO);
  names = store_test_list_dir (f->dir);
  g_assert_cmpstr (names, ==, "lab.wirelab");
}

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlStore) store = wl_store_open (f->path, &error);
  g_autofree char *names = store_test_list_dir (f->dir);

  g_assert_null (store);
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_false (store_test_file_exists (f->path));
  g_assert_cmpstr (names, ==, "");
}

static void
test_open_text (Fixture       *f,
                gconstpointer  data)
{
  g_assert_true (g_file_set_contents (f->path, "[lab]\ntitle=Not SQLite at all\n", -1, NULL));
  assert_refused (f->path, WL_STORE_ERROR_NOT_A_LAB, "not an SQLite database");
  g_assert_true (g_file_set_contents (f->path, "", 0, NULL));
  assert_refused (f->path, WL_STORE_ERROR_NOT_A_LAB, "not an SQLite database");
  /* The magic alone, cut off before the rest of the header. */
  g_assert_true (g_file_set_contents (f->path, "SQLite format 3\0\x10\x00", 18, NULL));
  assert_refused (f->path, WL_STORE_ERROR_CORRUPT, "header");
}

static void
test_open_folder (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlStore) store = NULL;

  g_assert_cmpint (g_mkdir (f->path, 0755), ==, 0);
  store = wl_store_open (f->path, &error);
  g_assert_null (store);
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_A_LAB);
}

static void
test_open_foreign (Fixture       *f,
                   gconstpointer  data)
{
  raw_sql (f->path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);"
                    "INSERT INTO notes (body) VALUES ('shopping list');");
  assert_refused (f->path, WL_STORE_ERROR_NOT_A_LAB, "another application");
}

static void
test_open_too_new (Fixture       *f,
                   gconstpointer  data)
{
  create_sample (f->path);
  raw_sql (f->path, "PRAGMA user_version = 99");
  assert_refused (f->path, WL_STORE_ERROR_TOO_NEW, "format 99");
}

static void
test_open_no_version (Fixture       *f,
                      gconstpointer  data)
{
  create_sample (f->path);
  raw_sql (f->path, "PRAGMA user_version = 0");
  assert_refused (f->path, WL_STORE_ERROR_CORRUPT, "format");
}

/* The first half of a real lab with a recorded run: what a copy cut short leaves. */
static void
test_open_truncated (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = g_build_filename (f->dir, "full.wirelab", NULL);
  g_autoptr(GBytes) bytes = NULL;

  {
    g_autoptr(WlLab) lab = store_test_make_lab ();
    g_autoptr(WlStore) store = wl_store_create (full, lab, FALSE, &error);
    g_autoptr(WlRecorder) rec = wl_recorder_new (store, 1, NULL, &error);

    g_assert_no_error (error);
    store_test_emit_rounds (wl_recorder_get_sink (rec), 40);
    g_assert_true (wl_recorder_finish (rec, WL_S, "complete", &error));
  }
  bytes = store_test_read_file (full);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 8 * 4096);
  g_assert_true (g_file_set_contents (f->path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes) / 2, NULL));
  assert_refused (f->path, WL_STORE_ERROR_CORRUPT, "shorter than its header says");
}

/* A damaged page inside the file: only SQLite's integrity check can see it. */
static void
test_open_damaged_page (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree guint8 *data2 = NULL;
  gsize len, page = 4096;

  create_sample (f->path);
  bytes = store_test_read_file (f->path);
  len = g_bytes_get_size (bytes);
  data2 = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
  g_assert_cmpuint (len, >=, 3 * page);
  /* Page 2 holds the root of the first table: scribble over its cell pointers. */
  memset (data2 + page + 8, 0xa5, 64);
  g_assert_true (g_file_set_contents (f->path, (char *) data2, len, NULL));
  assert_refused (f->path, WL_STORE_ERROR_CORRUPT, "damaged");
}

/* A crash in the middle of a save: a child process changes the lab in a transaction whose
 * pages spill into the file (a one-page cache), then dies without committing.  The hot
 * journal it leaves must bring the old lab back on the next open. */
static void
test_open_hot_journal (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autoptr(WlLab) loaded = NULL;
  g_autoptr(WlStore) store = wl_store_create (f->path, lab, FALSE, &error);
  g_autoptr(GBytes) before = store_test_read_file (f->path);
  g_autoptr(GBytes) crashed = NULL;
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  int status = -1;
  pid_t pid;

  g_assert_no_error (error);
  g_clear_pointer (&store, wl_store_close);
  pid = fork ();
  if (pid == 0)
    {
      sqlite3 *db = NULL;

      int rc;

      sqlite3_open (f->path, &db);
      rc = sqlite3_exec (db, "PRAGMA cache_size = 1; BEGIN;"
                             "UPDATE lab SET title = 'half-saved',"
                             " description = printf ('%.20000c', 'x');"
                             "DELETE FROM actions; DELETE FROM links; DELETE FROM interfaces;"
                             "UPDATE devices SET name = name || '-x';", NULL, NULL, NULL);
      _exit (rc); /* no COMMIT, no close: as if the power went off */
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == SQLITE_OK);
  g_assert_true (store_test_file_exists (journal));
  crashed = store_test_read_file (f->path);
  g_assert_false (g_bytes_equal (before, crashed));

  store = wl_store_open (f->path, &error);
  g_assert_no_error (error);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));
  g_assert_false (store_test_file_exists (journal));
}

/* Values no version of Wirelab writes: loading refuses them, naming the value. */
static void
test_load_hostile (Fixture       *f,
                   gconstpointer  data)
{
  const struct
  {
    const char *sql;
    const char *expected;
  } cases[] = {
    { "UPDATE devices SET kind = 'toaster' WHERE id = 2", "toaster" },
    { "UPDATE interfaces SET mac = '02:00:zz' WHERE id = 1", "02:00:zz" },
    { "UPDATE interfaces SET address = '10.0.0.999/24' WHERE id = 1", "10.0.0.999/24" },
    { "UPDATE devices SET gateway = 'router' WHERE id = 1", "router" },
    { "UPDATE links SET device_b = 42 WHERE id = 1", "42" },
    { "UPDATE actions SET device_id = -1 WHERE id = 1", "-1" },
    { "UPDATE interfaces SET mtu = 20 WHERE id = 1", "MTU" },
    { "DELETE FROM interfaces WHERE device_id = 3 AND idx = 1", "interface 2" },
    { "DELETE FROM devices WHERE id = 2", "row 3" },
    { "DELETE FROM lab", "no lab" },
    { "DROP TABLE routes", "routes" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WlStore) store = NULL;
      g_autoptr(WlLab) lab = NULL;

      g_unlink (f->path);
      create_sample (f->path);
      raw_sql (f->path, "PRAGMA foreign_keys = OFF");
      raw_sql (f->path, cases[i].sql);
      store = wl_store_open (f->path, &error);
      if (store != NULL)
        lab = wl_store_load_lab (store, &error);
      g_assert_null (lab);
      g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT);
      g_test_message ("%s → %s", cases[i].sql, error->message);
      g_assert_nonnull (strstr (error->message, f->path));
      g_assert_nonnull (strstr (error->message, cases[i].expected));
    }
}

/* The sample lab with services of the lab tests, through a lab file and back; then saved
 * again with fewer, changed and more services. */
static void
test_services_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  const char *src = g_getenv ("WL_SOURCE_DIR");
  g_autofree char *sample = g_build_filename (src != NULL ? src : WL_SOURCE_DIR, "tests",
                                              "engine", "lab", "labs", "services.lab", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = wl_lab_text_load (sample, &error);
  g_autoptr(WlLab) loaded = NULL;
  g_autoptr(WlStore) store = NULL;
  WlLabDevice *dns;

  g_assert_no_error (error);
  store = wl_store_create (f->path, lab, FALSE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, wl_store_close);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM services"), ==, 5);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM service_settings"), ==, 14);
  /* rows as the lab has them: DNS1 is device 5, its second service the resolver */
  g_assert_cmpint (raw_int (f->path, "SELECT seq FROM services WHERE device_id = 5"
                                     " AND kind = 'dns-resolver'"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT seq FROM service_settings WHERE device_id = 5"
                                     " AND service_seq = 0 AND key = 'txt'"), ==, 2);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM service_settings"
                                     " WHERE value = '实验室 “welcome” — ünïcode ✓'"), ==, 1);

  store = wl_store_open (f->path, &error);
  g_assert_no_error (error);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));

  /* Saving replaces the old rows: one service less, one value changed, one service more. */
  dns = wl_lab_get_device (lab, 4);
  g_assert_true (wl_lab_device_remove_service (dns, "dns-server"));
  wl_lab_service_set (wl_lab_device_find_service (dns, "dns-resolver"), "servers", "10.0.0.1");
  wl_lab_service_set (wl_lab_device_add_service (wl_lab_get_device (lab, 0), "dns-resolver"),
                      "servers", "10.0.0.53");
  g_assert_true (wl_store_save_lab (store, lab, &error));
  g_assert_no_error (error);
  g_clear_pointer (&loaded, wl_lab_unref);
  loaded = wl_store_load_lab (store, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));
  g_clear_pointer (&store, wl_store_close);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM service_settings"), ==, 11);
}

/* The services tables rebuilt without their keys and types (SQLite lets another program do
 * that), so rows no version of Wirelab writes can be put in. */
#define LOOSE_SERVICES                                                                        \
  "CREATE TABLE s2 (device_id, seq, kind); INSERT INTO s2 SELECT * FROM services;"            \
  "DROP TABLE services; ALTER TABLE s2 RENAME TO services;"
#define LOOSE_SETTINGS                                                                        \
  "CREATE TABLE t2 (device_id, service_seq, seq, key, value);"                                \
  "INSERT INTO t2 SELECT * FROM service_settings; DROP TABLE service_settings;"               \
  "ALTER TABLE t2 RENAME TO service_settings;"

/* Service rows that break a rule of the loader or of wl_lab_validate: refused with a message
 * naming the value, and the file left as it was. */
static void
test_load_hostile_services (Fixture       *f,
                            gconstpointer  data)
{
  /* store_test_make_lab: PC1 (id 1) runs http-server (settings pages, index-html, empty);
   * Switch1 is id 3; Router1 (id 4) runs dhcp-relay (server) and dns-resolver (none). */
  const struct
  {
    const char *sql;
    const char *expected;
  } cases[] = {
    { "INSERT INTO services VALUES (99, 0, 'dns-server')",
      "a row of “services” refers to device 99, which does not exist" },
    { "INSERT INTO service_settings VALUES (77, 0, 0, 'k', 'v')",
      "a row of “service_settings” refers to device 77" },
    { LOOSE_SERVICES "INSERT INTO services VALUES (1, 0, 'dns-resolver')",
      "device “PC1” has a misnumbered service 0" },
    { LOOSE_SERVICES "INSERT INTO services VALUES (1, NULL, 'dns-resolver')",
      "“NULL” is not a valid number" },
    { LOOSE_SERVICES "INSERT INTO services VALUES (1, 1, x'00ff')",
      "the name of service 1 of device “PC1” is not text" },
    { "UPDATE services SET seq = 2 WHERE device_id = 4 AND seq = 1",
      "device “Router1” has a misnumbered service 2" },
    { "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)"
      " INSERT INTO services SELECT 4, i, 'k' || i FROM n",
      "device “Router1” has more than 32 services" },
    { "UPDATE services SET kind = printf ('%.100c', 'k') WHERE device_id = 4 AND seq = 1",
      "the name of service 1 of device “Router1” is 100 bytes long; at most 32" },
    { "INSERT INTO service_settings VALUES (4, 7, 0, 'k', 'v')",
      "a setting refers to service 7 of device “Router1”, which does not exist" },
    { "UPDATE service_settings SET seq = 5 WHERE device_id = 1 AND seq = 2",
      "service “http-server” of device “PC1” has a misnumbered setting 5" },
    { "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)"
      " INSERT INTO service_settings SELECT 4, 1, i, 'k' || i, 'v' FROM n",
      "service “dns-resolver” of device “Router1” has more than 256 settings" },
    { "UPDATE service_settings SET value = printf ('%.5000c', 'x')"
      " WHERE device_id = 1 AND key = 'index-html'",
      "the value of “index-html” in service “http-server” of device “PC1” is 5000 bytes long;"
      " at most 4096 are allowed" },
    { "UPDATE service_settings SET key = printf ('%.40c', 'k') WHERE device_id = 4",
      "is 40 bytes long; at most 32" },
    { "UPDATE service_settings SET value = CAST (x'610062' AS TEXT) WHERE device_id = 4",
      "the value of “server” in service “dhcp-relay” of device “Router1” holds a NUL byte" },
    { LOOSE_SETTINGS "INSERT INTO service_settings VALUES (4, 1, 0, 'k', 12)",
      "the value of “k” in service “dns-resolver” of device “Router1” is not text" },
    { LOOSE_SETTINGS "INSERT INTO service_settings VALUES (1, 0, 3, 'pages', 'again')",
      "service “http-server” has the key “pages” twice" },
    { "INSERT INTO services VALUES (3, 0, 'dns-server')",
      "“Switch1”: service “dns-server”: hubs, repeaters and switches run no services" },
    { "UPDATE services SET kind = 'DNS Server' WHERE device_id = 1", "“DNS Server”" },
    { LOOSE_SERVICES "UPDATE services SET kind = 'dhcp-relay' WHERE device_id = 4 AND seq = 1",
      "runs the service “dhcp-relay” twice" },
    { "UPDATE service_settings SET value = 'a' || char (10) || 'b' WHERE device_id = 4",
      "U+000A (“a\\nb”)" },
    { "DROP TABLE service_settings", "service_settings" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(WlStore) store = NULL;
      g_autoptr(WlLab) lab = NULL;
      g_autoptr(GBytes) before = NULL;
      g_autoptr(GBytes) after = NULL;
      g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);

      g_unlink (f->path);
      create_sample (f->path);
      raw_sql (f->path, cases[i].sql);
      before = store_test_read_file (f->path);
      store = wl_store_open (f->path, &error);
      if (store != NULL)
        lab = wl_store_load_lab (store, &error);
      g_clear_pointer (&store, wl_store_close);
      g_assert_null (lab);
      g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_CORRUPT);
      g_test_message ("%s → %s", cases[i].sql, error->message);
      g_assert_nonnull (strstr (error->message, f->path));
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %zu: “%s” does not contain “%s”", i, error->message, cases[i].expected);
      after = store_test_read_file (f->path);
      g_assert_true (g_bytes_equal (before, after));
      g_assert_false (store_test_file_exists (journal));
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("lab/round-trip", test_round_trip);
  ADD ("lab/save-twice", test_save_twice);
  ADD ("lab/save-invalid", test_save_invalid);
  ADD ("lab/load-hostile", test_load_hostile);
  ADD ("lab/services-round-trip", test_services_round_trip);
  ADD ("lab/load-hostile-services", test_load_hostile_services);
  ADD ("create/exists", test_create_exists);
  ADD ("create/failures", test_create_failures);
  ADD ("open/missing", test_open_missing);
  ADD ("open/text", test_open_text);
  ADD ("open/folder", test_open_folder);
  ADD ("open/foreign-sqlite", test_open_foreign);
  ADD ("open/too-new", test_open_too_new);
  ADD ("open/no-version", test_open_no_version);
  ADD ("open/truncated", test_open_truncated);
  ADD ("open/damaged-page", test_open_damaged_page);
  ADD ("open/hot-journal", test_open_hot_journal);
#undef ADD
  return g_test_run ();
}
