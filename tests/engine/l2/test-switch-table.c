/* test-switch-table.c — the switch's filtering database (engine/devices/wl-switch-table.c,
 * IEEE 802.1D §7.9) on its own, without a simulation.
 *
 * Besides one test per rule (learn new / refresh / move, the size bound, expiry times, the
 * listing order), the table is compared with a reference model that is too simple to be
 * wrong: an unsorted GArray searched linearly.  Thousands of random operations (seeded, so a
 * failure replays) must give the same answers from both.
 */
#include "config.h"

#include <string.h>

#include "devices/wl-switch-table.h"

static WlMac
mac_n (guint n)
{
  WlMac mac = { { 0x02, 0x00, 0x00, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff } };

  return mac;
}

static void
test_learn (void)
{
  g_autoptr (WlSwitchTable) table = wl_switch_table_new (300 * WL_S, 16);
  WlMac a = mac_n (1), b = mac_n (2);
  WlSwitchEntry *e;
  guint old = 99;

  g_assert_null (wl_switch_table_lookup (table, &a));
  g_assert_cmpint (wl_switch_table_learn (table, &a, 0, 10, &old), ==, WL_SWITCH_LEARN_NEW);
  g_assert_cmpuint (old, ==, 99); /* untouched unless the station moved */
  g_assert_cmpint (wl_switch_table_learn (table, &b, 1, 20, NULL), ==, WL_SWITCH_LEARN_NEW);
  g_assert_cmpuint (wl_switch_table_size (table), ==, 2);

  e = wl_switch_table_lookup (table, &a);
  g_assert_nonnull (e);
  g_assert_true (wl_mac_equal (&e->mac, &a));
  g_assert_cmpuint (e->port, ==, 0);
  g_assert_cmpuint (e->last_seen, ==, 10);

  /* Heard again on the same port: only the time changes. */
  g_assert_cmpint (wl_switch_table_learn (table, &a, 0, 30, &old), ==,
                   WL_SWITCH_LEARN_REFRESHED);
  g_assert_cmpuint (e->last_seen, ==, 30);
  g_assert_cmpuint (old, ==, 99);

  /* Heard on another port: the station moved. */
  g_assert_cmpint (wl_switch_table_learn (table, &a, 3, 40, &old), ==, WL_SWITCH_LEARN_MOVED);
  g_assert_cmpuint (old, ==, 0);
  g_assert_cmpuint (e->port, ==, 3);
  g_assert_cmpuint (e->last_seen, ==, 40);
  g_assert_cmpuint (wl_switch_table_size (table), ==, 2);

  /* The owner's fields are the owner's: learning leaves them alone. */
  e->timer = 1234;
  e->cause = 77;
  wl_switch_table_learn (table, &a, 3, 50, NULL);
  g_assert_cmpuint (e->timer, ==, 1234);
  g_assert_cmpuint (e->cause, ==, 77);

  g_assert_true (wl_switch_table_remove (table, &a));
  g_assert_false (wl_switch_table_remove (table, &a));
  g_assert_null (wl_switch_table_lookup (table, &a));
  g_assert_nonnull (wl_switch_table_lookup (table, &b));
  g_assert_cmpuint (wl_switch_table_size (table), ==, 1);
}

static void
test_full (void)
{
  g_autoptr (WlSwitchTable) table = wl_switch_table_new (300 * WL_S, 4);
  WlMac extra = mac_n (100);

  for (guint i = 0; i < 4; i++)
    {
      WlMac m = mac_n (i);

      g_assert_cmpint (wl_switch_table_learn (table, &m, i, 0, NULL), ==, WL_SWITCH_LEARN_NEW);
    }
  /* Full: a fifth station is not learned … */
  g_assert_cmpint (wl_switch_table_learn (table, &extra, 0, 1, NULL), ==, WL_SWITCH_LEARN_FULL);
  g_assert_null (wl_switch_table_lookup (table, &extra));
  g_assert_cmpuint (wl_switch_table_size (table), ==, 4);
  g_assert_cmpuint (wl_switch_table_get_max (table), ==, 4);

  /* … but known stations still refresh and move. */
  {
    WlMac m0 = mac_n (0);

    g_assert_cmpint (wl_switch_table_learn (table, &m0, 0, 2, NULL), ==,
                     WL_SWITCH_LEARN_REFRESHED);
    g_assert_cmpint (wl_switch_table_learn (table, &m0, 2, 3, NULL), ==, WL_SWITCH_LEARN_MOVED);
    /* Room again once an entry goes. */
    g_assert_true (wl_switch_table_remove (table, &m0));
  }
  g_assert_cmpint (wl_switch_table_learn (table, &extra, 0, 4, NULL), ==, WL_SWITCH_LEARN_NEW);
}

static void
test_expiry (void)
{
  g_autoptr (WlSwitchTable) table = wl_switch_table_new (300 * WL_S, 8);
  g_autoptr (WlSwitchTable) forever = wl_switch_table_new (0, 8);
  WlMac a = mac_n (1);

  g_assert_cmpuint (wl_switch_table_get_ageing (table), ==, 300 * WL_S);
  wl_switch_table_learn (table, &a, 0, 5 * WL_S, NULL);
  g_assert_cmpuint (wl_switch_table_expiry (table, wl_switch_table_lookup (table, &a)), ==,
                    305 * WL_S);
  wl_switch_table_learn (table, &a, 0, 7 * WL_S, NULL);
  g_assert_cmpuint (wl_switch_table_expiry (table, wl_switch_table_lookup (table, &a)), ==,
                    307 * WL_S);
  /* Near the end of time the expiry saturates instead of wrapping round. */
  wl_switch_table_learn (table, &a, 0, WL_TIME_FOREVER - WL_S, NULL);
  g_assert_cmpuint (wl_switch_table_expiry (table, wl_switch_table_lookup (table, &a)), ==,
                    WL_TIME_FOREVER);

  /* Ageing time 0: entries never expire. */
  wl_switch_table_learn (forever, &a, 0, 5 * WL_S, NULL);
  g_assert_cmpuint (wl_switch_table_expiry (forever, wl_switch_table_lookup (forever, &a)), ==,
                    WL_TIME_FOREVER);
}

static void
collect_entry (const WlSwitchEntry *entry,
               gpointer             user_data)
{
  GArray *out = user_data;

  g_array_append_val (out, *entry);
}

static void
test_foreach_order (void)
{
  g_autoptr (WlSwitchTable) table = wl_switch_table_new (300 * WL_S, 64);
  g_autoptr (GArray) listed = g_array_new (FALSE, FALSE, sizeof (WlSwitchEntry));
  /* Inserted out of order, on purpose, with differences in every octet. */
  const char *macs[] = { "0a:00:00:00:00:01", "02:00:00:00:00:ff", "02:00:00:00:01:00",
                         "00:00:00:00:00:02", "fe:ff:ff:ff:ff:ff", "02:00:00:00:00:03" };
  const char *sorted[] = { "00:00:00:00:00:02", "02:00:00:00:00:03", "02:00:00:00:00:ff",
                           "02:00:00:00:01:00", "0a:00:00:00:00:01", "fe:ff:ff:ff:ff:ff" };

  for (guint i = 0; i < G_N_ELEMENTS (macs); i++)
    {
      WlMac m;

      g_assert_true (wl_mac_parse (macs[i], &m));
      wl_switch_table_learn (table, &m, i, i, NULL);
    }
  wl_switch_table_foreach (table, collect_entry, listed);
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (sorted));
  for (guint i = 0; i < listed->len; i++)
    {
      char buf[18];

      g_assert_cmpstr (wl_mac_format (&g_array_index (listed, WlSwitchEntry, i).mac, buf), ==,
                       sorted[i]);
    }
}

static void
test_multicast_refused (void)
{
  g_autoptr (WlSwitchTable) table = wl_switch_table_new (300 * WL_S, 8);

  /* A group address never sends: learning one is the caller's mistake. */
  g_test_expect_message ("wl-switch", G_LOG_LEVEL_CRITICAL, "*multicast*");
  g_assert_cmpint (wl_switch_table_learn (table, &wl_mac_broadcast, 0, 0, NULL), ==,
                   WL_SWITCH_LEARN_FULL);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (wl_switch_table_size (table), ==, 0);
}

/* --- the reference model ----------------------------------------------------------------- */

static gint
ref_find (GArray      *ref,
          const WlMac *mac)
{
  for (guint i = 0; i < ref->len; i++)
    if (wl_mac_equal (&g_array_index (ref, WlSwitchEntry, i).mac, mac))
      return (gint) i;
  return -1;
}

static WlSwitchLearn
ref_learn (GArray      *ref,
           guint        max,
           const WlMac *mac,
           guint        port,
           WlTime       now,
           guint       *old_port)
{
  gint i = ref_find (ref, mac);
  WlSwitchEntry e = { .mac = *mac, .port = port, .last_seen = now };

  if (i >= 0)
    {
      WlSwitchEntry *have = &g_array_index (ref, WlSwitchEntry, i);
      WlSwitchLearn result = have->port == port ? WL_SWITCH_LEARN_REFRESHED
                                                : WL_SWITCH_LEARN_MOVED;

      *old_port = have->port;
      *have = e;
      return result;
    }
  if (ref->len >= max)
    return WL_SWITCH_LEARN_FULL;
  g_array_append_val (ref, e);
  return WL_SWITCH_LEARN_NEW;
}

static gint
ref_compare (gconstpointer a,
             gconstpointer b)
{
  return memcmp (((const WlSwitchEntry *) a)->mac.b, ((const WlSwitchEntry *) b)->mac.b, 6);
}

static void
check_same (WlSwitchTable *table,
            GArray        *ref)
{
  g_autoptr (GArray) listed = g_array_new (FALSE, FALSE, sizeof (WlSwitchEntry));
  g_autoptr (GArray) expected = g_array_copy (ref);

  g_array_sort (expected, ref_compare);
  wl_switch_table_foreach (table, collect_entry, listed);
  g_assert_cmpuint (wl_switch_table_size (table), ==, ref->len);
  g_assert_cmpuint (listed->len, ==, expected->len);
  for (guint i = 0; i < listed->len; i++)
    {
      const WlSwitchEntry *x = &g_array_index (listed, WlSwitchEntry, i);
      const WlSwitchEntry *y = &g_array_index (expected, WlSwitchEntry, i);

      g_assert_true (wl_mac_equal (&x->mac, &y->mac));
      g_assert_cmpuint (x->port, ==, y->port);
      g_assert_cmpuint (x->last_seen, ==, y->last_seen);
    }
}

static void
run_random_model (guint32 seed)
{
  const guint max = 32;
  g_autoptr (WlSwitchTable) table = wl_switch_table_new (300 * WL_S, max);
  g_autoptr (GArray) ref = g_array_new (FALSE, FALSE, sizeof (WlSwitchEntry));
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  WlTime now = 0;

  for (guint step = 0; step < 5000; step++)
    {
      /* 48 addresses for 32 slots: the table is often full.  A few addresses differ only
       * in their top octets, to catch a key that drops bits. */
      guint n = (guint) g_rand_int_range (rand, 0, 48);
      WlMac mac = mac_n (n);
      guint op = (guint) g_rand_int_range (rand, 0, 10);

      if (n >= 40)
        mac.b[1] = (guint8) (n << 1); /* stays unicast: bit 0 of octet 0 is untouched */
      now += (WlTime) g_rand_int_range (rand, 0, 1000);

      if (op < 6)
        {
          guint port = (guint) g_rand_int_range (rand, 0, 8);
          guint old_t = G_MAXUINT, old_r = G_MAXUINT;
          WlSwitchLearn r = ref_learn (ref, max, &mac, port, now, &old_r);

          g_assert_cmpint (wl_switch_table_learn (table, &mac, port, now, &old_t), ==, r);
          if (r == WL_SWITCH_LEARN_MOVED)
            g_assert_cmpuint (old_t, ==, old_r);
        }
      else if (op < 8)
        {
          gint i = ref_find (ref, &mac);

          g_assert_cmpint (wl_switch_table_remove (table, &mac), ==, i >= 0);
          if (i >= 0)
            g_array_remove_index_fast (ref, (guint) i);
        }
      else
        {
          gint i = ref_find (ref, &mac);
          const WlSwitchEntry *e = wl_switch_table_lookup (table, &mac);

          g_assert_cmpint (e != NULL, ==, i >= 0);
          if (e != NULL)
            {
              g_assert_cmpuint (e->port, ==, g_array_index (ref, WlSwitchEntry, i).port);
              g_assert_cmpuint (e->last_seen, ==,
                                g_array_index (ref, WlSwitchEntry, i).last_seen);
            }
        }
      if (step % 50 == 0)
        check_same (table, ref);
    }
  check_same (table, ref);
}

static void
test_random_model (void)
{
  for (guint32 seed = 1; seed <= 20; seed++)
    run_random_model (seed);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l2/switch-table/learn", test_learn);
  g_test_add_func ("/engine/l2/switch-table/full", test_full);
  g_test_add_func ("/engine/l2/switch-table/expiry", test_expiry);
  g_test_add_func ("/engine/l2/switch-table/foreach-order", test_foreach_order);
  g_test_add_func ("/engine/l2/switch-table/multicast-refused", test_multicast_refused);
  g_test_add_func ("/engine/l2/switch-table/random-model", test_random_model);
  return g_test_run ();
}
