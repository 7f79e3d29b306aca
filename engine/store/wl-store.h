/* wl-store.h — the lab file: a lab, its recorded runs and their events, in one SQLite file.
 *
 * The file format is SQLite used as an application file format (data/schema.sql): a fixed
 * application_id ('WLAB'), a format number in user_version, and migrations for old formats.
 *
 * Opening never creates and never changes a file that is not a valid Wirelab lab: the first
 * bytes, the application id, the format number and an integrity check are all verified before
 * anything is written, and every failure is a WL_STORE_ERROR whose message names the file and
 * the reason.  Creating is atomic (a temporary file in the same folder, renamed into place),
 * and every later change is one transaction in a rollback journal with synchronous=FULL, so
 * a crash or a kill never leaves a half-written lab.
 *
 * Events are written by a recorder (wl-recorder.h) and read back here.
 */
#pragma once

#include <glib.h>

#include "core/wl-trace.h"
#include "core/wl-types.h"
#include "lab/wl-lab.h"

G_BEGIN_DECLS

/* The format this version writes, and the newest it reads. */
#define WL_STORE_FORMAT_VERSION 1
/* PRAGMA application_id of every lab file: 'WLAB'. */
#define WL_STORE_APPLICATION_ID 0x574C4142

#define WL_STORE_ERROR (wl_store_error_quark ())
GQuark wl_store_error_quark (void);

typedef enum
{
  WL_STORE_ERROR_NOT_FOUND,   /* no such file (or no such event) */
  WL_STORE_ERROR_NOT_A_LAB,   /* not SQLite, or SQLite of another application */
  WL_STORE_ERROR_TOO_NEW,     /* written by a newer Wirelab */
  WL_STORE_ERROR_CORRUPT,     /* damaged, truncated, or holding invalid values */
  WL_STORE_ERROR_IO,          /* the operating system or SQLite failed to read or write */
  WL_STORE_ERROR_EXISTS,      /* creating over an existing file without overwrite */
  WL_STORE_ERROR_NO_SUCH_RUN, /* a run id that names no run */
  WL_STORE_ERROR_INVALID,     /* a value the file must not hold (an event out of order) */
} WlStoreError;

typedef struct _WlStore WlStore;

/* Opens an existing lab file; never creates one.  Old formats are migrated in place. */
WlStore    *wl_store_open (const char *path, GError **error);
/* Writes a new lab file holding lab, atomically.  Without overwrite an existing path is a
 * WL_STORE_ERROR_EXISTS error; with it the old file is replaced only once the new one is
 * complete on disk.  lab is validated (and its actions sorted) first. */
WlStore    *wl_store_create (const char *path, WlLab *lab, gboolean overwrite, GError **error);
void        wl_store_close (WlStore *store);
const char *wl_store_get_path (WlStore *store);

/* The lab the file holds, validated with wl_lab_validate. */
WlLab      *wl_store_load_lab (WlStore *store, GError **error);
/* Replaces topology, configuration and scenario in one transaction; runs are kept. */
gboolean    wl_store_save_lab (WlStore *store, WlLab *lab, GError **error);

/* Runs */
typedef struct
{
  gint64   id;
  guint64  seed;
  char    *engine_version;
  gint64   created_at;      /* seconds since the Unix epoch, UTC */
  WlTime   end_time;        /* 0 while incomplete */
  guint64  events;
  guint64  frames;          /* "sent" events */
  guint64  drops;           /* "dropped" events */
  char    *status;          /* "complete", "budget" or "incomplete" */
} WlRunInfo;

void        wl_run_info_clear (WlRunInfo *info);
void        wl_run_info_free (WlRunInfo *info);

/* Of WlRunInfo*, oldest first, with wl_run_info_free as free func. */
GPtrArray  *wl_store_list_runs (WlStore *store, GError **error);
/* Fills out (caller owns its strings: wl_run_info_clear). */
gboolean    wl_store_get_run (WlStore *store, gint64 run_id, WlRunInfo *out, GError **error);
/* The lab text recorded with the run ("" when none was recorded). */
char       *wl_store_dup_run_lab_text (WlStore *store, gint64 run_id, GError **error);
/* Removes a run and its events. */
gboolean    wl_store_delete_run (WlStore *store, gint64 run_id, GError **error);

/* Events */
typedef struct
{
  const WlProto *protos;    /* n_protos protocols to keep; n_protos 0 = all */
  guint          n_protos;
  gint           device;    /* device index, -1 = all */
  gint           link;      /* link index, -1 = all */
  gint           iface;     /* interface index within device, -1 = all; needs device */
  guint          kinds;     /* mask of WL_EVENT_KIND_BIT (kind), 0 = all kinds */
} WlEventFilter;

#define WL_EVENT_KIND_BIT(kind) (1u << (kind))
#define WL_EVENT_FILTER_INIT \
  { .protos = NULL, .n_protos = 0, .device = -1, .link = -1, .iface = -1, .kinds = 0 }

/* Called for each event; args and frame point into the store and are valid only during the
 * call.  Return FALSE to stop. */
typedef gboolean (*WlEventFunc) (const WlTraceEvent *event, gpointer user_data);

/* Calls func for every event of run_id that passes filter (NULL = all), in (time, id) order
 * (which is id order: the recorder only accepts events in time order).  Stopping early is
 * not an error. */
gboolean    wl_store_foreach_event (WlStore             *store,
                                    gint64               run_id,
                                    const WlEventFilter *filter,
                                    WlEventFunc          func,
                                    gpointer             user_data,
                                    GError             **error);
/* Calls func once with event event_id of run_id; WL_STORE_ERROR_NOT_FOUND if absent. */
gboolean    wl_store_get_event (WlStore    *store,
                                gint64      run_id,
                                guint64     event_id,
                                WlEventFunc func,
                                gpointer    user_data,
                                GError    **error);

/* Seeking: the id of the first event of run_id at or after time, or 0 when every event is
 * earlier.  A binary search over ids, O(log² n) however long the run. */
gboolean    wl_store_find_event_at (WlStore *store,
                                    gint64   run_id,
                                    WlTime   time,
                                    guint64 *event_id,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlStore, wl_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlRunInfo, wl_run_info_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WlRunInfo, wl_run_info_clear)

G_END_DECLS
