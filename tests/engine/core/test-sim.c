/* The event queue: (time, sequence) order, cancel, budget, causes, and the random stream. */
#include "config.h"

#include "core/wl-sim.h"

typedef struct
{
  GArray *order;
} Log;

static void
record (WlSim *sim, gpointer target, gpointer data)
{
  Log *log = target;
  guint v = GPOINTER_TO_UINT (data);

  g_array_append_val (log->order, v);
}

static void
test_order_time_then_insertion (void)
{
  WlSim *sim = wl_sim_new (1, NULL);
  Log log = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  /* (time, tag): equal times must come out in insertion order */
  const struct { WlTime t; guint tag; } in[] = {
    { 50, 1 }, { 10, 2 }, { 50, 3 }, { 0, 4 }, { 10, 5 }, { 50, 6 }, { 7, 7 },
  };
  const guint expected[] = { 4, 7, 2, 5, 1, 3, 6 };

  for (gsize i = 0; i < G_N_ELEMENTS (in); i++)
    wl_sim_schedule_at (sim, in[i].t, record, &log, GUINT_TO_POINTER (in[i].tag), NULL);
  g_assert_cmpint (wl_sim_run (sim, WL_TIME_FOREVER, 0), ==, WL_SIM_STOP_EMPTY);
  g_assert_cmpuint (log.order->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (g_array_index (log.order, guint, i), ==, expected[i]);
  g_assert_cmpuint (wl_sim_now (sim), ==, 50);
  g_array_unref (log.order);
  wl_sim_free (sim);
}

/* Compare against a reference: a sorted list of (time, seq). */
static gint
cmp_pair (gconstpointer a, gconstpointer b)
{
  const guint64 *x = a, *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : (x[1] > y[1]);
}

static void
test_order_random_against_model (void)
{
  WlSim *sim = wl_sim_new (7, NULL);
  Log log = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  GRand *r = g_rand_new_with_seed (42);
  GArray *model = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);
  guint n = 5000;

  for (guint i = 0; i < n; i++)
    {
      guint64 pair[2] = { g_rand_int_range (r, 0, 100), i };

      g_array_append_vals (model, pair, 1);
      wl_sim_schedule_at (sim, pair[0], record, &log, GUINT_TO_POINTER (i), NULL);
    }
  g_array_sort (model, cmp_pair);
  wl_sim_run (sim, WL_TIME_FOREVER, 0);
  g_assert_cmpuint (log.order->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (log.order, guint, i), ==,
                      ((guint64 *) model->data)[2 * i + 1]);
  g_rand_free (r);
  g_array_unref (model);
  g_array_unref (log.order);
  wl_sim_free (sim);
}

static void
count_destroy (gpointer data)
{
  (*(int *) data)++;
}

static void
test_cancel (void)
{
  WlSim *sim = wl_sim_new (1, NULL);
  Log log = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  int destroyed = 0;
  WlTimerId a = wl_sim_schedule_at (sim, 10, record, &log, GUINT_TO_POINTER (1), NULL);
  WlTimerId b = wl_sim_schedule_at (sim, 20, record, &log, &destroyed, count_destroy);

  g_assert_cmpuint (wl_sim_get_pending (sim), ==, 2);
  g_assert_true (wl_sim_cancel (sim, b));
  g_assert_cmpint (destroyed, ==, 1);
  g_assert_false (wl_sim_cancel (sim, b)); /* twice: no */
  g_assert_cmpuint (wl_sim_get_pending (sim), ==, 1);
  wl_sim_run (sim, WL_TIME_FOREVER, 0);
  g_assert_cmpuint (log.order->len, ==, 1);
  g_assert_false (wl_sim_cancel (sim, a)); /* already ran */
  /* a reused slot has a new generation: the stale id cannot cancel it */
  wl_sim_schedule_at (sim, 30, record, &log, GUINT_TO_POINTER (3), NULL);
  g_assert_false (wl_sim_cancel (sim, a));
  wl_sim_run (sim, WL_TIME_FOREVER, 0);
  g_assert_cmpuint (log.order->len, ==, 2);
  g_array_unref (log.order);
  wl_sim_free (sim);
}

static void
test_free_destroys_pending (void)
{
  WlSim *sim = wl_sim_new (1, NULL);
  int destroyed = 0;

  wl_sim_schedule_at (sim, 5, record, NULL, &destroyed, count_destroy);
  wl_sim_schedule_at (sim, 6, record, NULL, &destroyed, count_destroy);
  wl_sim_free (sim);
  g_assert_cmpint (destroyed, ==, 2);
}

static void
test_until_and_budget (void)
{
  WlSim *sim = wl_sim_new (1, NULL);
  Log log = { g_array_new (FALSE, FALSE, sizeof (guint)) };

  for (guint i = 1; i <= 10; i++)
    wl_sim_schedule_at (sim, i * WL_MS, record, &log, GUINT_TO_POINTER (i), NULL);
  g_assert_cmpint (wl_sim_run (sim, 5 * WL_MS, 0), ==, WL_SIM_STOP_UNTIL);
  g_assert_cmpuint (log.order->len, ==, 5);
  g_assert_cmpuint (wl_sim_now (sim), ==, 5 * WL_MS);
  g_assert_cmpint (wl_sim_run (sim, WL_TIME_FOREVER, 2), ==, WL_SIM_STOP_BUDGET);
  g_assert_cmpuint (log.order->len, ==, 7);
  g_assert_cmpint (wl_sim_run (sim, WL_TIME_FOREVER, 0), ==, WL_SIM_STOP_EMPTY);
  g_assert_cmpuint (log.order->len, ==, 10);
  g_assert_cmpuint (wl_sim_get_events_run (sim), ==, 10);
  g_array_unref (log.order);
  wl_sim_free (sim);
}

static void
emit_note (WlSim *sim, gpointer target, gpointer data)
{
  guint64 id = wl_sim_note (sim, 0, -1, WL_PROTO_NONE, WL_LAYER_NONE, WL_NOTE_ROUTED, "n=%u",
                            GPOINTER_TO_UINT (data));

  if (GPOINTER_TO_UINT (data) == 1)
    {
      /* What this note schedules is caused by it. */
      wl_sim_set_cause (sim, id);
      wl_sim_schedule (sim, 1, emit_note, NULL, GUINT_TO_POINTER (2), NULL);
    }
}

static void
test_causes (void)
{
  g_autoptr (WlTraceMemory) mem = wl_trace_memory_new ();
  WlSim *sim = wl_sim_new (1, &mem->parent);

  wl_sim_schedule_at (sim, 3, emit_note, NULL, GUINT_TO_POINTER (1), NULL);
  wl_sim_run (sim, WL_TIME_FOREVER, 0);
  g_assert_cmpuint (wl_trace_memory_len (mem), ==, 2);
  g_assert_cmpuint (wl_trace_memory_get (mem, 0)->id, ==, 1);
  g_assert_cmpuint (wl_trace_memory_get (mem, 0)->cause, ==, 0);
  g_assert_cmpuint (wl_trace_memory_get (mem, 0)->time, ==, 3);
  g_assert_cmpstr (wl_trace_memory_get (mem, 0)->args, ==, "n=1");
  g_assert_cmpuint (wl_trace_memory_get (mem, 1)->id, ==, 2);
  g_assert_cmpuint (wl_trace_memory_get (mem, 1)->cause, ==, 1);
  g_assert_cmpuint (wl_trace_memory_get (mem, 1)->time, ==, 4);
  wl_sim_free (sim);
}

static void
test_random_is_seeded (void)
{
  WlSim *a = wl_sim_new (1234, NULL), *b = wl_sim_new (1234, NULL), *c = wl_sim_new (1235, NULL);
  gboolean differs = FALSE;

  for (int i = 0; i < 100; i++)
    {
      double x = wl_sim_random (a), y = wl_sim_random (b), z = wl_sim_random (c);

      g_assert_cmpfloat (x, ==, y);
      g_assert_cmpfloat (x, >=, 0.0);
      g_assert_cmpfloat (x, <, 1.0);
      differs |= x != z;
    }
  g_assert_true (differs);
  /* 64-bit seeds use both halves */
  {
    WlSim *hi1 = wl_sim_new (G_GUINT64_CONSTANT (1) << 32, NULL), *hi2 = wl_sim_new (0, NULL);

    g_assert_cmpfloat (wl_sim_random (hi1), !=, wl_sim_random (hi2));
    wl_sim_free (hi1);
    wl_sim_free (hi2);
  }
  wl_sim_free (a);
  wl_sim_free (b);
  wl_sim_free (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/sim/order-time-then-insertion", test_order_time_then_insertion);
  g_test_add_func ("/engine/sim/order-random-model", test_order_random_against_model);
  g_test_add_func ("/engine/sim/cancel", test_cancel);
  g_test_add_func ("/engine/sim/free-destroys-pending", test_free_destroys_pending);
  g_test_add_func ("/engine/sim/until-and-budget", test_until_and_budget);
  g_test_add_func ("/engine/sim/causes", test_causes);
  g_test_add_func ("/engine/sim/random-seeded", test_random_is_seeded);
  return g_test_run ();
}
