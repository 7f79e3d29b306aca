/* Recording runs and reading them back.  The reference model is WlTraceMemory: the same
 * synthetic run is emitted into it and into a recorder, and every read from the file (all
 * events, each filter, single events) must equal the matching events of the model, field by
 * field and byte by byte. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "store-test-util.h"
#include "store/wl-recorder.h"
#include "store/wl-store.h"

#define N_ROUNDS 20

typedef struct
{
  char          *dir;
  WlStore       *store;
  WlTraceMemory *model;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autofree char *path = NULL;

  f->dir = store_test_make_dir ();
  path = g_build_filename (f->dir, "runs.wirelab", NULL);
  f->store = wl_store_create (path, lab, FALSE, &error);
  g_assert_no_error (error);
  f->model = wl_trace_memory_new ();
  store_test_emit_rounds (&f->model->parent, N_ROUNDS);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  wl_store_close (f->store);
  wl_trace_memory_free (f->model);
  store_test_remove_dir (f->dir);
  g_free (f->dir);
}

/* Records the synthetic run in batches of batch_size; returns its id. */
static gint64
record (Fixture *f,
        guint    batch_size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlRecorder) rec = wl_recorder_new (f->store, 42, "[lab]\ntitle=snapshot\n", &error);
  gint64 id;

  g_assert_no_error (error);
  wl_recorder_set_batch_size (rec, batch_size);
  store_test_emit_rounds (wl_recorder_get_sink (rec), N_ROUNDS);
  id = wl_recorder_get_run_id (rec);
  g_assert_true (wl_recorder_finish (rec, 3 * WL_S, "complete", &error));
  g_assert_no_error (error);
  return id;
}

static void
assert_event_equal (const WlTraceEvent *a,
                    const WlTraceEvent *b)
{
  g_assert_cmpuint (a->id, ==, b->id);
  g_assert_cmpuint (a->time, ==, b->time);
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpint (a->device, ==, b->device);
  g_assert_cmpint (a->iface, ==, b->iface);
  g_assert_cmpint (a->link, ==, b->link);
  g_assert_cmpint (a->proto, ==, b->proto);
  g_assert_cmpint (a->layer, ==, b->layer);
  g_assert_cmpuint (a->cause, ==, b->cause);
  g_assert_cmpint (a->code, ==, b->code);
  g_assert_cmpstr (a->args, ==, b->args);
  g_assert_cmpmem (a->frame, a->frame_len, b->frame, b->frame_len);
}

typedef struct
{
  WlTraceMemory *model;
  guint          next;  /* index into expected */
  GArray        *expected; /* of guint: model indices */
  guint          stop_after; /* 0 = never */
} Check;

static gboolean
check_event (const WlTraceEvent *event,
             gpointer            user_data)
{
  Check *c = user_data;
  guint i;

  g_assert_cmpuint (c->next, <, c->expected->len);
  i = g_array_index (c->expected, guint, c->next++);
  assert_event_equal (event, wl_trace_memory_get (c->model, i));
  return c->stop_after == 0 || c->next < c->stop_after;
}

static gboolean
matches (const WlTraceEvent  *ev,
         const WlEventFilter *filter)
{
  gboolean proto_ok = filter->n_protos == 0;

  for (guint i = 0; i < filter->n_protos; i++)
    proto_ok |= ev->proto == filter->protos[i];
  return proto_ok && (filter->device < 0 || ev->device == filter->device)
         && (filter->iface < 0 || ev->iface == filter->iface)
         && (filter->link < 0 || ev->link == filter->link)
         && (filter->kinds == 0 || (filter->kinds & WL_EVENT_KIND_BIT (ev->kind)));
}

/* foreach with filter must return exactly the model's matching events, in order. */
static guint
check_filter (Fixture             *f,
              gint64               run,
              const WlEventFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  Check c = { .model = f->model, .expected = expected };

  for (guint i = 0; i < wl_trace_memory_len (f->model); i++)
    if (matches (wl_trace_memory_get (f->model, i), filter))
      g_array_append_val (expected, i);
  g_assert_true (wl_store_foreach_event (f->store, run, filter, check_event, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.next, ==, expected->len);
  return expected->len;
}

static void
test_record_and_list (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_auto(WlRunInfo) info = { 0 };
  g_autofree char *text = NULL;
  gint64 run = record (f, 64);
  const WlRunInfo *listed;

  runs = wl_store_list_runs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 1);
  listed = g_ptr_array_index (runs, 0);
  g_assert_cmpint (listed->id, ==, run);
  g_assert_cmpuint (listed->seed, ==, 42);
  g_assert_cmpuint (listed->events, ==, N_ROUNDS * STORE_TEST_EVENTS_PER_ROUND);
  g_assert_cmpuint (listed->frames, ==, N_ROUNDS * 5);
  g_assert_cmpuint (listed->drops, ==, N_ROUNDS);
  g_assert_cmpuint (listed->end_time, ==, 3 * WL_S);
  g_assert_cmpstr (listed->status, ==, "complete");
  g_assert_cmpstr (listed->engine_version, ==, PACKAGE_VERSION);
  g_assert_cmpint (listed->created_at, >, 1600000000);

  g_assert_true (wl_store_get_run (f->store, run, &info, &error));
  g_assert_cmpuint (info.events, ==, listed->events);
  g_assert_cmpstr (info.status, ==, "complete");
  text = wl_store_dup_run_lab_text (f->store, run, &error);
  g_assert_cmpstr (text, ==, "[lab]\ntitle=snapshot\n");

  g_assert_false (wl_store_get_run (f->store, run + 1, &info, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN);
}

static void
test_foreach_filters (Fixture       *f,
                      gconstpointer  data)
{
  static const WlProto arp[] = { WL_PROTO_ARP };
  static const WlProto arp_icmp[] = { WL_PROTO_ICMP, WL_PROTO_ARP };
  static const WlProto none[] = { WL_PROTO_NONE };
  gint64 run = record (f, 100);
  WlEventFilter filter = WL_EVENT_FILTER_INIT;

  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * STORE_TEST_EVENTS_PER_ROUND);
  filter.protos = arp;
  filter.n_protos = 1;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 10);
  filter.protos = arp_icmp;
  filter.n_protos = 2;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 11);
  filter.protos = none;
  filter.n_protos = 1;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 1);

  filter = (WlEventFilter) WL_EVENT_FILTER_INIT;
  filter.device = 2;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 7);
  filter.iface = 1;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 2);
  filter = (WlEventFilter) WL_EVENT_FILTER_INIT;
  filter.link = 0;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 6);
  filter.kinds = WL_EVENT_KIND_BIT (WL_EVENT_FRAME_SENT);
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 3);
  filter = (WlEventFilter) WL_EVENT_FILTER_INIT;
  filter.kinds = WL_EVENT_KIND_BIT (WL_EVENT_NOTE) | WL_EVENT_KIND_BIT (WL_EVENT_FRAME_DROPPED);
  filter.protos = arp;
  filter.n_protos = 1;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, N_ROUNDS * 2);
  filter.device = 1;
  g_assert_cmpuint (check_filter (f, run, &filter), ==, 0);
}

static void
test_foreach_stop_and_get (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 run = record (f, 4096);
  Check c = { .model = f->model, .expected = expected, .stop_after = 7 };

  for (guint i = 0; i < wl_trace_memory_len (f->model); i++)
    g_array_append_val (expected, i);
  /* Returning FALSE stops the walk and is not an error. */
  g_assert_true (wl_store_foreach_event (f->store, run, NULL, check_event, &c, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (c.next, ==, 7);

  /* get_event: the ARP request of round 3 (ids are 1-based). */
  for (guint64 id = 1; id <= wl_trace_memory_len (f->model); id += 37)
    {
      g_array_set_size (expected, 0);
      g_array_append_vals (expected, &(guint) { (guint) id - 1 }, 1);
      c = (Check) { .model = f->model, .expected = expected };
      g_assert_true (wl_store_get_event (f->store, run, id, check_event, &c, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (c.next, ==, 1);
    }
  g_assert_false (wl_store_get_event (f->store, run, 100000, check_event, &c, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (wl_store_foreach_event (f->store, run + 5, NULL, check_event, &c, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN);
}

/* What was committed survives closing and reopening the file. */
static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_strdup (wl_store_get_path (f->store));
  WlEventFilter filter = WL_EVENT_FILTER_INIT;
  gint64 first = record (f, 33);
  gint64 second = record (f, 4096);

  g_assert_cmpint (second, >, first);
  wl_store_close (f->store);
  f->store = wl_store_open (path, &error);
  g_assert_no_error (error);
  check_filter (f, first, &filter);
  check_filter (f, second, &filter);
  g_assert_true (wl_store_delete_run (f->store, first, &error));
  g_assert_false (wl_store_foreach_event (f->store, first, &filter, check_event, NULL, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN);
  check_filter (f, second, &filter);
}

static gboolean
count_event (const WlTraceEvent *event,
             gpointer            user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* A recorder freed without finish leaves no run and no events, even after several commits. */
static void
test_free_without_finish (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  WlRecorder *rec = wl_recorder_new (f->store, 1, NULL, &error);
  gint64 run;
  guint n = 0;

  g_assert_no_error (error);
  wl_recorder_set_batch_size (rec, 16);
  store_test_emit_rounds (wl_recorder_get_sink (rec), 10);
  run = wl_recorder_get_run_id (rec);
  /* While recording, the events written so far can be read. */
  g_assert_true (wl_store_foreach_event (f->store, run, NULL, count_event, &n, &error));
  g_assert_cmpuint (n, ==, 10 * STORE_TEST_EVENTS_PER_ROUND);
  wl_recorder_free (rec);

  runs = wl_store_list_runs (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_false (wl_store_foreach_event (f->store, run, NULL, count_event, &n, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN);

  /* The store is free for the next recording. */
  g_assert_cmpint (record (f, 64), >, run);
}

/* The sink cannot fail; the first error comes back from finish, and the run is removed.
 * Here the error is the order rule: ids increase, times never decrease. */
static void
test_out_of_order (Fixture       *f,
                   gconstpointer  data)
{
  const struct
  {
    guint64 id;
    WlTime  time;
  } second[] = { { 5, 10 }, { 4, 20 }, { 6, 9 } };

  for (gsize i = 0; i < G_N_ELEMENTS (second); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) runs = NULL;
      g_autoptr(WlRecorder) rec = wl_recorder_new (f->store, 1, NULL, &error);
      WlTraceEvent ev = { .id = 5, .time = 10, .kind = WL_EVENT_NOTE, .device = -1,
                          .iface = -1, .link = -1 };

      g_assert_no_error (error);
      wl_trace_sink_emit (wl_recorder_get_sink (rec), &ev);
      ev.id = second[i].id;
      ev.time = second[i].time;
      wl_trace_sink_emit (wl_recorder_get_sink (rec), &ev);
      ev.id = 100;
      ev.time = 100;
      wl_trace_sink_emit (wl_recorder_get_sink (rec), &ev); /* ignored after the error */
      g_assert_false (wl_recorder_finish (rec, 10, "complete", &error));
      g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_INVALID);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, wl_store_get_path (f->store)));
      runs = wl_store_list_runs (f->store, NULL);
      g_assert_cmpuint (runs->len, ==, 0);
    }
}

/* An SQLite failure in the middle of a batch: another program put a unique index on the
 * events' times, so the fifth event of a round (same time as the fourth) violates it. */
static void
test_sqlite_error (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(WlRecorder) rec = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (wl_store_get_path (f->store), &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE UNIQUE INDEX t ON events (run_id, time_ns)", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  rec = wl_recorder_new (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  store_test_emit_rounds (wl_recorder_get_sink (rec), 3);
  g_assert_false (wl_recorder_finish (rec, 10, "complete", &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, wl_store_get_path (f->store)));
  g_assert_nonnull (strstr (error->message, "UNIQUE"));
  runs = wl_store_list_runs (f->store, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
}

/* Seeking: the first event at or after a time, for times before, between, on and after. */
static void
test_find_event_at (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 run = record (f, 4096);
  guint n = wl_trace_memory_len (f->model);
  const WlTraceEvent *last = wl_trace_memory_get (f->model, n - 1);
  guint64 id = 99;

  for (guint i = 0; i < n; i += 7)
    {
      WlTime t = wl_trace_memory_get (f->model, i)->time;

      /* on an event's time: the first event of that time; one nanosecond later: the first
       * event after it (0 past the end) */
      for (WlTime probe = t; probe <= t + 1; probe++)
        {
          guint64 expected = 0;

          for (guint j = 0; j < n && expected == 0; j++)
            if (wl_trace_memory_get (f->model, j)->time >= probe)
              expected = wl_trace_memory_get (f->model, j)->id;
          g_assert_true (wl_store_find_event_at (f->store, run, probe, &id, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (id, ==, expected);
        }
    }
  g_assert_true (wl_store_find_event_at (f->store, run, 0, &id, &error));
  g_assert_cmpuint (id, ==, 1);
  g_assert_true (wl_store_find_event_at (f->store, run, last->time + 1, &id, &error));
  g_assert_cmpuint (id, ==, 0);
  g_assert_false (wl_store_find_event_at (f->store, run + 1, 0, &id, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN);
}

/* A run can be "budget" and carry no lab text; an empty run is a run. */
static void
test_empty_budget_run (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlRecorder) rec = wl_recorder_new (f->store, G_MAXUINT64, NULL, &error);
  g_auto(WlRunInfo) info = { 0 };
  g_autofree char *text = NULL;
  gint64 run = wl_recorder_get_run_id (rec);

  g_assert_true (wl_recorder_finish (rec, WL_TIME_FOREVER, "budget", &error));
  g_assert_true (wl_store_get_run (f->store, run, &info, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (info.seed, ==, G_MAXUINT64);
  g_assert_cmpuint (info.end_time, ==, WL_TIME_FOREVER);
  g_assert_cmpuint (info.events, ==, 0);
  g_assert_cmpstr (info.status, ==, "budget");
  text = wl_store_dup_run_lab_text (f->store, run, &error);
  g_assert_cmpstr (text, ==, "");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/recorder/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("record-and-list", test_record_and_list);
  ADD ("foreach-filters", test_foreach_filters);
  ADD ("foreach-stop-and-get", test_foreach_stop_and_get);
  ADD ("reopen-and-delete", test_reopen);
  ADD ("free-without-finish", test_free_without_finish);
  ADD ("out-of-order", test_out_of_order);
  ADD ("sqlite-error", test_sqlite_error);
  ADD ("find-event-at", test_find_event_at);
  ADD ("empty-budget-run", test_empty_budget_run);
#undef ADD
  return g_test_run ();
}
