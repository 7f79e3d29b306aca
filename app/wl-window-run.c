/* wl-window-run.c — running the lab's scenario and recording it, off the main thread.
 *
 * The same sequence as `wirelab-cli run` (app/wl-cli-run.c): build the network from the lab,
 * open a recorder on the lab file, run, finish the recorder.  It happens in a GTask worker on
 * a lab of its own, parsed from the canonical text of the document's lab (the text is also
 * what the run records), so the document is never touched by the thread and the user can
 * keep editing.  The worker runs the simulation in slices of SLICE events, publishing its
 * progress under a lock between slices and checking the GCancellable; the main thread
 * shows that progress from a 100 ms timeout (one coalesced update, whatever the event rate).
 * A cancelled run is not kept: its recorder is freed unfinished, which removes the run.
 */
#define G_LOG_DOMAIN "wirelab"
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "devices/wl-network.h"
#include "lab/wl-lab-text.h"
#include "store/wl-recorder.h"
#include "wl-window-private.h"

#define SLICE G_GUINT64_CONSTANT (20000)
#define MAX_EVENTS G_GUINT64_CONSTANT (10000000)

typedef struct
{
  char   *path;
  char   *lab_text;
  guint64 seed;
  /* progress, written by the worker, read by the main thread, under the lock */
  GMutex  lock;
  guint64 events;
  WlTime  now;
} RunState;

static void
run_state_free (RunState *rs)
{
  g_mutex_clear (&rs->lock);
  g_free (rs->path);
  g_free (rs->lab_text);
  g_free (rs);
}

static WlRunInfo *
record_run (RunState *rs,
            GCancellable *cancellable,
            GError **error)
{
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (WlNetwork) net = NULL;
  g_autoptr (WlRecorder) rec = NULL;
  g_autoptr (WlRunInfo) info = g_new0 (WlRunInfo, 1);
  WlSimStop stop;
  WlSim *sim;

  if ((lab = wl_lab_text_parse (rs->lab_text, -1, error)) == NULL
      || (store = wl_store_open (rs->path, error)) == NULL
      || (net = wl_network_new (lab, rs->seed, NULL, error)) == NULL
      || (rec = wl_recorder_new (store, rs->seed, rs->lab_text, error)) == NULL)
    return NULL;
  sim = wl_network_get_sim (net);
  wl_sim_set_sink (sim, wl_recorder_get_sink (rec));
  do
    {
      stop = wl_network_run (net, WL_TIME_FOREVER, SLICE);
      g_mutex_lock (&rs->lock);
      rs->events = wl_sim_get_events_run (sim);
      rs->now = wl_sim_now (sim);
      g_mutex_unlock (&rs->lock);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL; /* the unfinished recorder removes the run */
    }
  while (stop == WL_SIM_STOP_BUDGET && wl_sim_get_events_run (sim) < MAX_EVENTS);
  if (stop == WL_SIM_STOP_BUDGET)
    wl_sim_note (sim, -1, -1, WL_PROTO_NONE, WL_LAYER_NONE, WL_NOTE_RUN_BUDGET,
                 "max_events=%" G_GUINT64_FORMAT, MAX_EVENTS);
  if (!wl_recorder_finish (rec, wl_sim_now (sim),
                           stop == WL_SIM_STOP_BUDGET ? "budget" : "complete", error)
      || !wl_store_get_run (store, wl_recorder_get_run_id (rec), info, error))
    return NULL;
  return g_steal_pointer (&info);
}

static void
run_thread (GTask *task,
            gpointer source,
            gpointer task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;
  WlRunInfo *info = record_run (task_data, cancellable, &error);

  if (info == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, info, (GDestroyNotify) wl_run_info_free);
}

static gboolean
show_progress (gpointer data)
{
  WlWindow *self = data;
  RunState *rs = self->run_state;
  guint64 events, now;
  g_autofree char *time = NULL, *text = NULL;

  if (rs == NULL)
    return G_SOURCE_REMOVE;
  g_mutex_lock (&rs->lock);
  events = rs->events;
  now = rs->now;
  g_mutex_unlock (&rs->lock);
  time = wl_format_time (now);
  /* Translators: run progress, "12000 events, at 1.5s of simulated time" */
  text = g_strdup_printf (_("%" PRIu64 " events, at %s of simulated time"), events,
                          time);
  gtk_progress_bar_set_text (self->run_progress, text);
  gtk_progress_bar_pulse (self->run_progress);
  return G_SOURCE_CONTINUE;
}

static void
run_ended (WlWindow *self)
{
  g_clear_handle_id (&self->run_progress_id, g_source_remove);
  g_clear_object (&self->run_cancellable);
  self->run_state = NULL; /* owned by the task */
  gtk_widget_set_visible (self->run_box, FALSE);
  _wl_window_update_actions (self);
}

static void
on_run_done (GObject *source,
             GAsyncResult *result,
             gpointer data)
{
  WlWindow *self = WL_WINDOW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (WlRunInfo) info = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *end = NULL;

  run_ended (self);
  if (info == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        wl_window_toast (self, _("Run cancelled; nothing was recorded"));
      else
        wl_window_show_error (self, _("The Lab Could Not Run"), error);
      return;
    }
  end = wl_format_time (info->end_time);
  g_free (self->last_run);
  self->last_run =
    g_strdup_printf (_("Run %" PRId64 " recorded: %" PRIu64 " events, %" PRIu64
                       " frames sent, %" PRIu64 " dropped, ended at %s"),
                     info->id, info->events, info->frames, info->drops, end);
  gtk_label_set_text (self->run_label, self->last_run);
  wl_window_toast (self, self->last_run);
}

static void
start_run (WlWindow *self)
{
  g_autoptr (GTask) task = NULL;
  WlLab *lab = wl_lab_document_get_lab (self->doc);
  RunState *rs = g_new0 (RunState, 1);

  g_mutex_init (&rs->lock);
  rs->path = g_strdup (wl_lab_document_get_path (self->doc));
  rs->lab_text = wl_lab_text_write (lab);
  rs->seed = lab->seed;
  self->run_state = rs;
  self->run_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->run_cancellable, on_run_done, NULL);
  g_task_set_source_tag (task, start_run);
  g_task_set_task_data (task, rs, (GDestroyNotify) run_state_free);
  g_task_run_in_thread (task, run_thread);

  gtk_progress_bar_set_text (self->run_progress, _("Starting…"));
  gtk_widget_set_visible (self->run_box, TRUE);
  self->run_progress_id = g_timeout_add (100, show_progress, self);
  _wl_window_update_actions (self);
}

static void
run_after_save (WlWindow *self,
                gboolean saved,
                gpointer data)
{
  if (saved)
    start_run (self);
}

void
wl_window_run (WlWindow *self)
{
  g_return_if_fail (WL_IS_WINDOW (self));

  if (wl_window_is_running (self))
    return;
  /* the run is recorded in the lab file, and records the lab as the file holds it */
  if (wl_lab_document_get_path (self->doc) == NULL || wl_lab_document_get_modified (self->doc))
    wl_window_save (self, FALSE, run_after_save, NULL);
  else
    start_run (self);
}

gboolean
wl_window_is_running (WlWindow *self)
{
  g_return_val_if_fail (WL_IS_WINDOW (self), FALSE);

  return self->run_cancellable != NULL;
}

void
_wl_window_cancel_run (WlWindow *self)
{
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
}

void
_wl_window_dispose_run (WlWindow *self)
{
  /* the task holds a reference on the window until it completes, so dispose only happens
   * once no run is going on; this is for the idle and the cancellable */
  _wl_window_cancel_run (self);
  g_clear_handle_id (&self->run_progress_id, g_source_remove);
  g_clear_object (&self->run_cancellable);
}
