/* traceroute and tracert across two routers: a hop from each router then the target, probe
 * ports and TTLs, one probe at a time, timeouts, and a router that has no route. */
#include "config.h"

#include "l3-test.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"
#include "proto/wl-udp-wire.h"

enum { PC1, R1, R2, PC2 };

/* PC1 10.0.1.10 — R1 (10.0.1.1 | 10.0.2.1/30) — R2 (10.0.2.2/30 | 10.0.3.1) — PC2 10.0.3.10;
 * R1 routes 10.0.3.0/24 and everything else to R2, R2 routes 10.0.1.0/24 back. */
static L3Bed *
run_two_routers (const char *command)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  L3Bed *bed;

  l3_add_host (lab, "PC1", "10.0.1.10/24", "10.0.1.1");
  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/30");
  l3_add_router (lab, "R2", "10.0.2.2/30", "10.0.3.1/24");
  l3_add_host (lab, "PC2", "10.0.3.10/24", "10.0.3.1");
  l3_add_route (lab, "R1", "10.0.3.0/24", "10.0.2.2");
  l3_add_route (lab, "R1", "0.0.0.0/0", "10.0.2.2");
  l3_add_route (lab, "R2", "10.0.1.0/24", "10.0.2.1");
  l3_connect (lab, "PC1", 0, "R1", 0);
  l3_connect (lab, "R1", 1, "R2", 0);
  l3_connect (lab, "R2", 1, "PC2", 0);
  l3_action (lab, WL_S, "PC1", command);
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  return bed;
}

static void
check_hops (L3Bed             *bed,
            const char *const *froms,
            guint        n_hops,
            guint        final_type)
{
  for (guint h = 0; h < n_hops; h++)
    for (guint p = 0; p < 3; p++)
      {
        const WlTraceEvent *ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_HOP, PC1, h * 3 + p);
        g_autofree char *from = l3_arg (ev, "from");

        g_assert_nonnull (ev);
        g_assert_cmpuint (l3_arg_u64 (ev, "ttl"), ==, h + 1);
        g_assert_cmpuint (l3_arg_u64 (ev, "probe"), ==, p + 1);
        g_assert_cmpstr (from, ==, froms[h]);
        g_assert_cmpuint (l3_arg_u64 (ev, "type"), ==,
                          h + 1 < n_hops ? WL_ICMP_TIME_EXCEEDED : final_type);
        g_assert_cmpint (ev->layer, ==, WL_LAYER_APPLICATION);
      }
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_HOP, PC1), ==, n_hops * 3);
}

static void
test_udp (void)
{
  g_autoptr (L3Bed) bed = run_two_routers ("traceroute 10.0.3.10");
  static const char *const froms[] = { "10.0.1.1", "10.0.2.2", "10.0.3.10" };
  g_autoptr (GPtrArray) probes = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, PC1, WL_IP_PROTO_UDP);
  g_autoptr (GPtrArray) hops = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_HOP, PC1);
  const WlTraceEvent *done;
  guint16 sport = 0;

  check_hops (bed, froms, 3, WL_ICMP_DEST_UNREACH);
  done = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_DONE, PC1, 0);
  g_assert_nonnull (done);
  g_assert_cmpstr (done->args, ==, "hops=3 reached=1");
  g_assert_cmpint (done->proto, ==, WL_PROTO_UDP);

  /* Nine probes: TTL 1,1,1,2,2,2,3,3,3, ports 33434…33442 from one source port, 32 bytes
   * "@AB…", each leaving only after the previous one was answered. */
  g_assert_cmpuint (probes->len, ==, 9);
  for (guint i = 0; i < probes->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (probes, i);
      const guint8 *ip = ev->frame + L3_IP;

      g_assert_cmpuint (ip[8], ==, i / 3 + 1);
      g_assert_cmpuint (wl_get_u16 (ip + 20 + WL_UDP_OFF_DPORT), ==, 33434 + i);
      g_assert_cmpuint (wl_get_u16 (ip + 20 + WL_UDP_OFF_LEN), ==, 40);
      g_assert_cmpuint (ip[28], ==, '@');
      g_assert_cmpuint (ip[28 + 31], ==, '_');
      if (i == 0)
        sport = wl_get_u16 (ip + 20);
      g_assert_cmpuint (wl_get_u16 (ip + 20), ==, sport);
      if (i > 0)
        {
          const WlTraceEvent *prev = g_ptr_array_index (hops, i - 1);

          g_assert_cmpuint (ev->time, >=, prev->time);
        }
    }
  g_assert_cmpuint (sport, >=, WL_UDP_EPHEMERAL_MIN);
  /* The target dropped each last probe at a closed port. */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, PC2), ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_TTL_EXCEEDED, R1), ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_TTL_EXCEEDED, R2), ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_TIMEOUT, PC1), ==, 0);
}

static void
test_tracert (void)
{
  g_autoptr (L3Bed) bed = run_two_routers ("tracert 10.0.3.10");
  static const char *const froms[] = { "10.0.1.1", "10.0.2.2", "10.0.3.10" };
  g_autoptr (GPtrArray) probes = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, PC1, WL_IP_PROTO_ICMP);
  const guint8 *ip;

  check_hops (bed, froms, 3, WL_ICMP_ECHO_REPLY);
  g_assert_cmpstr (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_DONE, PC1, 0)->args, ==,
                   "hops=3 reached=1");
  /* Echo requests of 64 zero bytes (92 bytes of IPv4), sequence 1…9, identifier 1000. */
  g_assert_cmpuint (probes->len, ==, 9);
  ip = ((const WlTraceEvent *) g_ptr_array_index (probes, 8))->frame + L3_IP;
  g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 92);
  g_assert_cmpuint (ip[20], ==, WL_ICMP_ECHO_REQUEST);
  g_assert_cmpuint (wl_get_u16 (ip + 24), ==, 1000);
  g_assert_cmpuint (wl_get_u16 (ip + 26), ==, 9);
  g_assert_cmpuint (ip[8], ==, 3);
}

/* 10.0.3.99 does not exist: hops 1 and 2 answer, then R2's ARP for it fails.  With -w 1
 * the probes of hops 3 and 4 time out first, the trace ends at -m 4, and R2's late "host
 * unreachable" errors change nothing. */
static void
test_timeouts (void)
{
  g_autoptr (L3Bed) bed = run_two_routers ("traceroute -m 4 -q 1 -w 1 10.0.3.99");
  const WlTraceEvent *t3, *t4, *done;

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_HOP, PC1), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_TIMEOUT, PC1), ==, 2);
  t3 = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_TIMEOUT, PC1, 0);
  t4 = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_TIMEOUT, PC1, 1);
  g_assert_cmpstr (t3->args, ==, "ttl=3 probe=1");
  g_assert_cmpstr (t4->args, ==, "ttl=4 probe=1");
  g_assert_cmpuint (t4->time, ==, t3->time + WL_S);
  done = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_DONE, PC1, 0);
  g_assert_cmpstr (done->args, ==, "hops=4 reached=0");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_DONE, PC1), ==, 1);
  /* R2 did give up on both waiting probes and said so. */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_UNRESOLVED, R2), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, PC1), >, 0);
}

/* R1's default route leads to R2, which has no route to 10.0.9.9: hop 2 is R2's time
 * exceeded, hop 3 its "net unreachable", which ends the trace without reaching the target. */
static void
test_unreachable (void)
{
  g_autoptr (L3Bed) bed = run_two_routers ("traceroute 10.0.9.9");
  static const char *const froms[] = { "10.0.1.1", "10.0.2.2", "10.0.2.2" };
  const WlTraceEvent *last;

  check_hops (bed, froms, 3, WL_ICMP_DEST_UNREACH);
  last = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_HOP, PC1, 8);
  g_assert_cmpuint (l3_arg_u64 (last, "code"), ==, WL_ICMP_UNREACH_NET);
  g_assert_cmpstr (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_TRACE_DONE, PC1, 0)->args, ==,
                   "hops=3 reached=0");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_NO_ROUTE, R2), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/traceroute/udp", test_udp);
  g_test_add_func ("/engine/l3/traceroute/tracert", test_tracert);
  g_test_add_func ("/engine/l3/traceroute/timeouts", test_timeouts);
  g_test_add_func ("/engine/l3/traceroute/unreachable", test_unreachable);
  return g_test_run ();
}
