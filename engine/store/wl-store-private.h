/* wl-store-private.h — what the files of engine/store/ share and nothing else may see.
 *
 * A WlStore is one SQLite connection to one lab file.  It is not thread-safe: one thread at a
 * time, as with a GObject.  While a recorder is recording, its batch transaction may be open
 * on the connection: reads see the events written so far, and the calls that write anything
 * else (saving the lab, deleting a run, a second recorder) are refused.
 */
#pragma once

#include <sqlite3.h>

#include "store/wl-store.h"

G_BEGIN_DECLS

struct _WlStore
{
  char    *path;        /* as the caller named it; every message quotes it */
  sqlite3 *db;
  gboolean recording;   /* a WlRecorder owns the write side */
};

/* A store for path with no connection yet. */
WlStore      *_wl_store_new (const char *path);

/* Opens file (the lab, or wl_store_create's temporary file) read-write without creating
 * it, and makes the connection defensive.  Messages name store->path. */
gboolean      _wl_store_connect (WlStore *store, const char *file, GError **error);

/* PRAGMAs every connection runs before its first write. */
extern const char _wl_store_configure_sql[];

/* Sets error from SQLite result rc (WL_STORE_ERROR_CORRUPT, _NOT_A_LAB or _IO), naming the
 * file.  writing selects "could not write" over "could not read" for I/O failures. */
void          _wl_store_set_error (WlStore  *store,
                                   int       rc,
                                   gboolean  writing,
                                   GError  **error);

/* Runs SQL without results (one or several statements). */
gboolean      _wl_store_exec (WlStore *store, const char *sql, gboolean writing, GError **error);

/* Prepares one statement; NULL and error on failure. */
sqlite3_stmt *_wl_store_prepare (WlStore *store, const char *sql, GError **error);

/* Writes every lab table from lab, replacing what was there; the caller holds a transaction. */
gboolean      _wl_store_write_lab (WlStore *store, WlLab *lab, GError **error);

/* WL_STORE_ERROR_NO_SUCH_RUN unless run_id names a run. */
gboolean      _wl_store_check_run (WlStore *store, gint64 run_id, GError **error);

/* Removes a run and its events in the current transaction. */
gboolean      _wl_store_remove_run (WlStore *store, gint64 run_id, GError **error);

G_END_DECLS
