/* wl-recorder.h — a trace sink that records a run into a lab file.
 *
 * wl_recorder_new inserts the run (status "incomplete") and returns a recorder whose sink is
 * handed to the engine.  Events are written in batches, one transaction per batch, so a run
 * of millions of events costs a few hundred commits.  The sink cannot report errors: the
 * first one is kept, later events are ignored, and wl_recorder_finish returns it.
 *
 *   g_autoptr(WlRecorder) rec = wl_recorder_new (store, seed, lab_text, &error);
 *   sim = wl_sim_new (seed, wl_recorder_get_sink (rec));  … run it …
 *   wl_recorder_finish (rec, end_time, "complete", &error);
 *
 * A recorder freed without a successful finish removes its run: a run in the file is either
 * complete, stopped at its budget, or was cut short by a crash ("incomplete").
 * While a recorder exists, its store refuses other writes (saving the lab, deleting runs).
 */
#pragma once

#include <glib.h>

#include "core/wl-trace.h"
#include "store/wl-store.h"

G_BEGIN_DECLS

/* A batch ends after this many events or this many bytes of frames and args, whichever
 * comes first: big enough that the commit's fsyncs are a small part of recording, small
 * enough that a batch's pages stay in SQLite's cache. */
#define WL_RECORDER_DEFAULT_BATCH 16384
#define WL_RECORDER_BATCH_BYTES (8 * 1024 * 1024)

typedef struct _WlRecorder WlRecorder;

WlRecorder  *wl_recorder_new (WlStore *store, guint64 seed, const char *lab_text, GError **error);
WlTraceSink *wl_recorder_get_sink (WlRecorder *rec);
gint64       wl_recorder_get_run_id (WlRecorder *rec);
/* Events per transaction (default WL_RECORDER_DEFAULT_BATCH); takes effect at the next batch. */
void         wl_recorder_set_batch_size (WlRecorder *rec, guint n_events);
/* Writes the open batch and the run's counts, end time and status ("complete", "budget" or
 * "incomplete"), and commits.  On failure the run is removed and the first error returned. */
gboolean     wl_recorder_finish (WlRecorder *rec,
                                 WlTime      end_time,
                                 const char *status,
                                 GError    **error);
void         wl_recorder_free (WlRecorder *rec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlRecorder, wl_recorder_free)

G_END_DECLS
