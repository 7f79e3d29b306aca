/* test-hub.c — the hub and the repeater (engine/devices/wl-hub.c), layer-1 repeaters of
 * IEEE 802.3: every frame that comes in on one port goes out of all the others, bit for bit,
 * FCS included, whether it is good or not.
 *
 * The devices are built from a lab by wl_network_new; test stations (l2-test.h), which keep
 * every good frame they receive, are cabled to the hub's ports.  Cables are 100 Mbit/s with
 * 1 µs of delay, so a 64-byte frame takes 5.76 µs + 1 µs per cable.
 */
#include "config.h"

#include <string.h>

#include "l2-test.h"

#define IP_A 0x0a000001 /* 10.0.0.1 */
#define IP_B 0x0a000002
#define IP_C 0x0a000003
#define HOP (5760 + 1000) /* a 64-byte frame over one cable, in ns */

/* A lab with one hub ("H1", 8 ports) and three stations on p1, p2, p3. */
static TestBed *
hub_bed (WlDevice **a,
         WlDevice **b,
         WlDevice **c)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  TestBed *bed;

  wl_lab_add_device (lab, WL_DEVICE_HUB, "H1");
  bed = test_bed_new (lab, 1);
  *a = test_bed_attach (bed, "H1", "p1", 1);
  *b = test_bed_attach (bed, "H1", "p2", 2);
  *c = test_bed_attach (bed, "H1", "p3", 3);
  return bed;
}

static void
test_hub_kind (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (TestBed) bed = NULL;
  WlDevice *hub, *rep;
  WlMac mac;

  wl_lab_add_device (lab, WL_DEVICE_HUB, "H1");
  wl_lab_add_device (lab, WL_DEVICE_REPEATER, "R1");
  bed = test_bed_new (lab, 1);
  hub = test_bed_device (bed, "H1");
  rep = test_bed_device (bed, "R1");

  g_assert_cmpstr (hub->klass->kind, ==, "hub");
  g_assert_cmpint (hub->klass->layer, ==, WL_LAYER_PHYSICAL);
  g_assert_cmpuint (hub->n_ports, ==, 8);
  g_assert_cmpstr (hub->ports[7]->name, ==, "p8");
  wl_lab_default_mac (0, 7, &mac);
  g_assert_true (wl_mac_equal (&hub->ports[7]->mac, &mac));

  g_assert_cmpstr (rep->klass->kind, ==, "repeater");
  g_assert_cmpint (rep->klass->layer, ==, WL_LAYER_PHYSICAL);
  g_assert_cmpuint (rep->n_ports, ==, 2);
  g_assert_cmpint (rep->index, ==, 1);

  /* Nothing to do: a hub has no timers of its own. */
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  g_assert_cmpuint (wl_trace_memory_len (bed->mem), ==, 0);
}

static void
test_hub_repeat (void)
{
  WlDevice *a, *b, *c;
  g_autoptr (TestBed) bed = hub_bed (&a, &b, &c);
  WlMac ma = test_mac (1);
  g_autoptr (GPtrArray) out = NULL;
  const WlTraceEvent *sent, *in;

  test_send_at (a, 0, test_arp_request (&ma, IP_A, IP_B));
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);

  sent = test_trace_one (bed->mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, a->index, 0, -1);

  /* The hub hears it on p1, as bits: layer 1, ARP inside. */
  in = test_trace_one (bed->mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0, -1, -1);
  g_assert_cmpint (in->iface, ==, 0);
  g_assert_cmpint (in->link, ==, test_bed_link_of (a));
  g_assert_cmpint (in->layer, ==, WL_LAYER_PHYSICAL);
  g_assert_cmpint (in->proto, ==, WL_PROTO_ARP);
  g_assert_cmpuint (in->cause, ==, sent->id);
  g_assert_cmpuint (in->time, ==, HOP);

  /* … and sends it out of p2 and p3, in port order, the same bytes, caused by what it heard;
   * not back out of p1, and nothing on the five empty ports (no unplugged drops). */
  out = test_trace_find (bed->mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, -1, -1);
  g_assert_cmpuint (out->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (out, i);

      g_assert_cmpint (ev->iface, ==, (gint) i + 1);
      g_assert_cmpint (ev->link, ==, test_bed_link_of (i == 0 ? b : c));
      g_assert_cmpint (ev->layer, ==, WL_LAYER_PHYSICAL);
      g_assert_cmpuint (ev->cause, ==, in->id);
      g_assert_cmpuint (ev->time, ==, HOP);
      g_assert_cmpmem (ev->frame, ev->frame_len, sent->frame, sent->frame_len);
    }
  g_assert_cmpuint (test_trace_count (bed->mem, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1, -1, -1),
                    ==, 0);
  g_assert_cmpuint (test_trace_count (bed->mem, WL_EVENT_NOTE, WL_CODE_NONE, -1, -1, -1), ==, 0);

  /* B and C get the request two cables later; A does not hear its own frame back. */
  g_assert_cmpuint (test_station_count (a), ==, 0);
  g_assert_cmpuint (test_station_count (b), ==, 1);
  g_assert_cmpuint (test_station_count (c), ==, 1);
  g_assert_cmpmem (wl_packet_data (test_station_get (b, 0)), 60, sent->frame, 60);
  g_assert_cmpuint (test_trace_one (bed->mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, c->index, 0,
                                    -1)->time, ==, 2 * HOP);
}

static void
test_hub_third_station (void)
{
  WlDevice *a, *b, *c;
  g_autoptr (TestBed) bed = hub_bed (&a, &b, &c);
  WlMac ma = test_mac (1), mb = test_mac (2);

  /* A pings B, B answers: unicast both ways, and C hears it all, as on a shared coax. */
  test_send_at (a, 0, test_icmp_echo (&ma, &mb, IP_A, IP_B, 1, 56));
  test_send_at (b, 100 * WL_US, test_icmp_echo (&mb, &ma, IP_B, IP_A, 1, 56));
  test_bed_run (bed, WL_TIME_FOREVER);

  g_assert_cmpuint (test_station_count (a), ==, 1);
  g_assert_cmpuint (test_station_count (b), ==, 1);
  g_assert_cmpuint (test_station_count (c), ==, 2);
  g_assert_cmpmem (wl_packet_data (test_station_get (c, 0)), 6, mb.b, 6);
  g_assert_cmpmem (wl_packet_data (test_station_get (c, 1)), 6, ma.b, 6);
  g_assert_cmpuint (test_trace_count (bed->mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, -1, -1),
                    ==, 4);
}

static void
test_hub_corrupt (void)
{
  WlDevice *a, *b, *c;
  g_autoptr (TestBed) bed = hub_bed (&a, &b, &c);
  WlMac ma = test_mac (1);
  g_autoptr (GPtrArray) out = NULL;
  const WlTraceEvent *in;

  /* Every frame on A's cable gets a bit flipped. */
  a->ports[0]->link->params.ber = 1.0;
  test_send_at (a, 0, test_arp_request (&ma, IP_A, IP_B));
  test_bed_run (bed, WL_TIME_FOREVER);

  /* The hub checks nothing: it receives the damaged bits and repeats them as they are. */
  in = test_trace_one (bed->mem, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0, 0, -1);
  g_assert_false (wl_ethernet_fcs_ok (in->frame, in->frame_len));
  out = test_trace_find (bed->mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, -1, -1);
  g_assert_cmpuint (out->len, ==, 2);
  for (guint i = 0; i < out->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (out, i);
      const WlTraceEvent *drop;
      WlDevice *st = i == 0 ? b : c;

      g_assert_cmpmem (ev->frame, ev->frame_len, in->frame, in->frame_len);
      g_assert_cmpuint (ev->cause, ==, in->id);

      /* The stations' NICs catch it: fcs-error, at layer 2, caused by the hub's send. */
      drop = test_trace_one (bed->mem, WL_EVENT_FRAME_DROPPED, WL_DROP_FCS_ERROR, st->index, 0,
                             -1);
      g_assert_cmpint (drop->layer, ==, WL_LAYER_DATA_LINK);
      g_assert_cmpuint (drop->cause, ==, ev->id);
      g_assert_cmpuint (test_station_count (st), ==, 0);
    }
  g_assert_cmpuint (test_trace_count (bed->mem, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1, -1, -1),
                    ==, 2);
}

static void
test_repeater (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (TestBed) bed = NULL;
  WlMac ma = test_mac (1), mb = test_mac (2);
  WlDevice *a, *b;
  TestStation *sb;

  wl_lab_add_device (lab, WL_DEVICE_REPEATER, "R1");
  bed = test_bed_new (lab, 1);
  a = test_bed_attach (bed, "R1", "p1", 1);
  b = test_bed_attach (bed, "R1", "p2", 2);

  /* Three frames in a row from A: they come out at B in order, each two cables later
   * (the repeater forwards a frame once it has all of it, see wl-hub.c). */
  for (guint i = 0; i < 3; i++)
    test_send_at (a, 0, test_frame (&ma, &mb, (guint16) i));
  test_send_at (b, 0, test_frame (&mb, &ma, 7));
  test_bed_run (bed, WL_TIME_FOREVER);

  sb = (TestStation *) b;
  g_assert_cmpuint (sb->received->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpuint (test_frame_seq (wl_packet_data (test_station_get (b, i))), ==, i);
      /* 84 byte-times between frames: 64 bytes, 8 of preamble, 12 of gap = 6.72 µs. */
      g_assert_cmpuint (g_array_index (sb->received_at, WlTime, i), ==, 2 * HOP + i * 6720);
    }
  /* The other direction is independent: full duplex. */
  g_assert_cmpuint (test_station_count (a), ==, 1);
  g_assert_cmpuint (g_array_index (((TestStation *) a)->received_at, WlTime, 0), ==, 2 * HOP);
}

/* All three stations send at the same instant: the hub's ports queue the frames (no
 * collisions yet) and the run is the same, event for event, every time. */
static TestBed *
busy_hub_run (void)
{
  WlDevice *st[3];
  TestBed *bed = hub_bed (&st[0], &st[1], &st[2]);
  WlMac m[3] = { test_mac (1), test_mac (2), test_mac (3) };

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < 3; j++)
      if (i != j)
        test_send_at (st[i], 0, test_frame (&m[i], &m[j], (guint16) (10 * i + j)));
  test_bed_run (bed, WL_TIME_FOREVER);
  /* Each station hears the two frames of each of the two others. */
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (test_station_count (st[i]), ==, 4);
  return bed;
}

static void
test_hub_deterministic (void)
{
  g_autoptr (TestBed) first = busy_hub_run ();
  g_autoptr (TestBed) second = busy_hub_run ();

  g_assert_cmpuint (wl_trace_memory_len (first->mem), >, 0);
  g_assert_true (test_trace_equal (first->mem, second->mem));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l2/hub/kind", test_hub_kind);
  g_test_add_func ("/engine/l2/hub/repeat", test_hub_repeat);
  g_test_add_func ("/engine/l2/hub/third-station", test_hub_third_station);
  g_test_add_func ("/engine/l2/hub/corrupt", test_hub_corrupt);
  g_test_add_func ("/engine/l2/hub/deterministic", test_hub_deterministic);
  g_test_add_func ("/engine/l2/repeater/forward", test_repeater);
  return g_test_run ();
}
