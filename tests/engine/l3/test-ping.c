/* ping: defaults (count, interval, size, identifiers), options, timeouts at the exact time,
 * late replies, and causes. */
#include "config.h"

#include "l3-test.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"

static L3Bed *
two_hosts (WlTime      delay,
           const char *cmd1,
           const char *cmd2)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  L3Bed *bed;
  WlLabLink *link;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  link = l3_connect (lab, "PC1", 0, "PC2", 0);
  if (delay != 0)
    link->delay = delay;
  l3_action (lab, WL_S, "PC1", cmd1);
  if (cmd2 != NULL)
    l3_action (lab, WL_S, "PC1", cmd2);
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  return bed;
}

static void
test_defaults (void)
{
  g_autoptr (L3Bed) bed = two_hosts (0, "ping 10.0.0.2", NULL);
  g_autoptr (GPtrArray) req = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  const WlTraceEvent *action = l3_nth (bed, WL_EVENT_ACTION, WL_CODE_NONE, 0, 0);

  /* 4 requests, one a second from the action on (the first waited for ARP), 84 bytes. */
  g_assert_cmpuint (req->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (req, i);
      const guint8 *ip = ev->frame + L3_IP;

      if (i > 0)
        g_assert_cmpuint (ev->time, ==, (1 + i) * WL_S);
      g_assert_cmpuint (wl_get_u16 (ip + 2), ==, 84);
      g_assert_cmpuint (ip[8], ==, 64);
      g_assert_cmpuint (wl_get_u16 (ip + 6), ==, 0);  /* DF clear */
      g_assert_cmpuint (wl_get_u16 (ip + 20 + 4), ==, 1000);
      g_assert_cmpuint (wl_get_u16 (ip + 20 + 6), ==, i + 1);
      /* Every request is explained by the action. */
      g_assert_true (l3_caused_by (bed, ev, action->id));
    }
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 4);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0), ==, 0);
}

static void
test_options (void)
{
  g_autoptr (L3Bed) bed = two_hosts (0, "ping -c 2 -s 100 -i 0.25 -t 5 -M do 10.0.0.2", NULL);
  g_autoptr (GPtrArray) req = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  const WlTraceEvent *a, *b;

  g_assert_cmpuint (req->len, ==, 2);
  a = g_ptr_array_index (req, 0);
  b = g_ptr_array_index (req, 1);
  g_assert_cmpuint (b->time, ==, WL_S + 250 * WL_MS);
  g_assert_cmpuint (wl_get_u16 (a->frame + L3_IP + 2), ==, 128);
  g_assert_cmpuint (a->frame[L3_IP + 8], ==, 5);
  g_assert_cmpuint (wl_get_u16 (a->frame + L3_IP + 6), ==, WL_IPV4_FLAG_DF);
  /* The reply's TTL is PC2's own 64. */
  g_assert_cmpuint (l3_arg_u64 (l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0, 1), "ttl"), ==,
                    64);
}

/* Two pings at once on PC1 get identifiers 1000 and 1001 and never take each other's
 * replies; PC2 (device 1) would start at 2000. */
static void
test_identifiers (void)
{
  g_autoptr (L3Bed) bed = two_hosts (0, "ping -c 2 10.0.0.2", "ping -c 3 10.0.0.2");
  g_autoptr (GPtrArray) req = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_ICMP);
  guint n1000 = 0, n1001 = 0;

  for (guint i = 0; i < req->len; i++)
    {
      guint16 id = wl_get_u16 (((const WlTraceEvent *) g_ptr_array_index (req, i))->frame + L3_L4
                               + 4);

      n1000 += id == 1000;
      n1001 += id == 1001;
    }
  g_assert_cmpuint (n1000, ==, 2);
  g_assert_cmpuint (n1001, ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 5);
  g_assert_cmpuint (l3_bed_stack (bed, "PC2")->next_app_id, ==, 2000);
}

/* A station that never answers: each request times out exactly -W after it was sent. */
static void
test_timeout (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  WlMac m9 = l3_mac (9), zero = { { 0 } };
  const WlTraceEvent *t1, *t2, *action;
  WlDevice *st;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_action (lab, WL_S, "PC1", "ping -c 2 -W 2 10.0.0.9");
  bed = l3_bed_new (lab, 1);
  st = l3_bed_attach (bed, "PC1", 0, &m9);
  l3_station_send_at (st, WL_MS, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"),
                                               &zero, l3_ip ("10.0.0.1")));
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0), ==, 2);
  t1 = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0, 0);
  t2 = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0, 1);
  g_assert_cmpstr (t1->args, ==, "seq=1");
  g_assert_cmpuint (t1->time, ==, 3 * WL_S);
  g_assert_cmpstr (t2->args, ==, "seq=2");
  g_assert_cmpuint (t2->time, ==, 4 * WL_S);
  g_assert_cmpint (t1->layer, ==, WL_LAYER_APPLICATION);
  action = l3_nth (bed, WL_EVENT_ACTION, WL_CODE_NONE, 0, 0);
  g_assert_cmpuint (t1->cause, ==, action->id);
}

/* A 1 s link and -W 1.5: seq 1 waits 2 s for ARP and times out, but its reply (at 5 s) still
 * counts while the ping runs; seq 2's reply comes after the ping ended and is ignored. */
static void
test_late_reply (void)
{
  g_autoptr (L3Bed) bed = two_hosts (WL_S, "ping -c 2 -i 5 -W 1.5 10.0.0.2", NULL);
  const WlTraceEvent *reply;

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0), ==, 2);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 1);
  reply = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0, 0);
  g_assert_true (g_str_has_prefix (reply->args, "seq=1 "));
  g_assert_cmpuint (l3_arg_u64 (reply, "rtt_ns"), >, 4 * WL_S);
  g_assert_cmpuint (reply->time, >, l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0, 0)->time);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/ping/defaults", test_defaults);
  g_test_add_func ("/engine/l3/ping/options", test_options);
  g_test_add_func ("/engine/l3/ping/identifiers", test_identifiers);
  g_test_add_func ("/engine/l3/ping/timeout", test_timeout);
  g_test_add_func ("/engine/l3/ping/late-reply", test_late_reply);
  return g_test_run ();
}
