/* test-switch.c — the learning switch (engine/devices/wl-switch.c, IEEE 802.1D clause 7):
 * learning, flooding (broadcast, multicast, unknown unicast), forwarding, filtering on the
 * ingress port, stations that move, and ageing, checked event by event in the trace, with
 * the causes that explain each frame.
 *
 * Most tests use one switch "SW1" (device 0, ports p1..p8) from a lab, and test stations
 * A, B, C, D (MACs 02:00:00:00:00:01 … 04) cabled to p1..p4.  Cables are 100 Mbit/s with
 * 1 µs of delay: a 64-byte frame reaches the switch HOP ns after it was sent.
 */
#include "config.h"

#include <string.h>

#include "l2-test.h"

#define HOP (5760 + 1000)
#define MAC_A "02:00:00:00:00:01"
#define MAC_B "02:00:00:00:00:02"

static TestBed *
switch_bed (WlTime    ageing,
            WlDevice *st[4])
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  WlLabDevice *sw = wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW1");
  TestBed *bed;

  sw->mac_ageing = ageing;
  bed = test_bed_new (lab, 1);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *port = g_strdup_printf ("p%u", i + 1);

      st[i] = test_bed_attach (bed, "SW1", port, i + 1);
    }
  return bed;
}

/* The i-th event (0-based) of a kind at the switch, device 0. */
static const WlTraceEvent *
nth (TestBed    *bed,
     WlEventKind kind,
     WlCode      code,
     guint       i)
{
  g_autoptr (GPtrArray) found = test_trace_find (bed->mem, kind, code, 0, -1, -1);

  g_assert_cmpuint (i, <, found->len);
  return g_ptr_array_index (found, i);
}

static guint
count (TestBed    *bed,
       WlEventKind kind,
       WlCode      code)
{
  return test_trace_count (bed->mem, kind, code, 0, -1, -1);
}

/* A switch note says what it must, where it must, and was caused by cause. */
static void
check_note (const WlTraceEvent *ev,
            gint                iface,
            const char         *args,
            guint64             cause)
{
  g_assert_cmpint (ev->kind, ==, WL_EVENT_NOTE);
  g_assert_cmpint (ev->device, ==, 0);
  g_assert_cmpint (ev->iface, ==, iface);
  g_assert_cmpint (ev->proto, ==, WL_PROTO_ETH);
  g_assert_cmpint (ev->layer, ==, WL_LAYER_DATA_LINK);
  g_assert_cmpstr (ev->args, ==, args);
  g_assert_cmpuint (ev->cause, ==, cause);
}

/* The switch's sends caused by the RECEIVED event rx went out of exactly these ports, in
 * this order (-1 ends the list), with rx's bytes. */
static void
check_sent (TestBed            *bed,
            const WlTraceEvent *rx,
            const gint         *ifaces)
{
  g_autoptr (GPtrArray) sent = test_trace_find (bed->mem, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0,
                                                -1, -1);
  guint n = 0;

  g_assert_cmpint (rx->kind, ==, WL_EVENT_FRAME_RECEIVED);
  for (guint i = 0; i < sent->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (sent, i);

      if (ev->cause != rx->id)
        continue;
      g_assert_cmpint (ifaces[n], >=, 0);
      g_assert_cmpint (ev->iface, ==, ifaces[n]);
      g_assert_cmpint (ev->layer, ==, WL_LAYER_DATA_LINK);
      /* Store-and-forward: the same frame, with an FCS computed anew (and so the same). */
      g_assert_cmpmem (ev->frame, ev->frame_len, rx->frame, rx->frame_len);
      g_assert_true (wl_ethernet_fcs_ok (ev->frame, ev->frame_len));
      n++;
    }
  g_assert_cmpint (ifaces[n], ==, -1);
}

static void
test_switch_kind (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (300 * WL_S, st);
  WlDevice *sw = test_bed_device (bed, "SW1");

  g_assert_cmpstr (sw->klass->kind, ==, "switch");
  g_assert_cmpint (sw->klass->layer, ==, WL_LAYER_DATA_LINK);
  g_assert_cmpuint (sw->n_ports, ==, 8);
  g_assert_cmpstr (sw->ports[0]->name, ==, "p1");
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  g_assert_cmpuint (wl_trace_memory_len (bed->mem), ==, 0);
}

static void
test_flood_then_forward (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (300 * WL_S, st);
  WlMac ma = test_mac (1), mb = test_mac (2);
  const WlTraceEvent *rx;
  const gint flood_ifaces[] = { 1, 2, 3, -1 };
  const gint to_a[] = { 0, -1 };
  const gint to_b[] = { 1, -1 };

  /* 1. A asks who has 10.0.0.2: a broadcast.  A is learned on p1; the request floods. */
  test_send_at (st[0], 0, test_arp_request (&ma, 0x0a000001, 0x0a000002));
  test_bed_run (bed, 1 * WL_MS);
  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0);
  g_assert_cmpint (rx->iface, ==, 0);
  g_assert_cmpint (rx->proto, ==, WL_PROTO_ARP);
  g_assert_cmpint (rx->layer, ==, WL_LAYER_DATA_LINK);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED, 0), 0, "mac=" MAC_A " port=p1",
              rx->id);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 0), 0,
              "mac=ff:ff:ff:ff:ff:ff reason=broadcast", rx->id);
  /* The notes come first: they explain the sends that follow. */
  g_assert_cmpuint (nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED, 0)->id, <,
                    nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 0)->id);
  g_assert_cmpuint (nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 0)->id, <,
                    nth (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0)->id);
  check_sent (bed, rx, flood_ifaces);
  g_assert_cmpint (nth (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 2)->link, ==,
                   test_bed_link_of (st[3]));

  /* 2. B answers A: B is learned on p2, and the reply goes to p1 only. */
  test_send_at (st[1], 1 * WL_MS, test_arp_reply (&mb, 0x0a000002, &ma, 0x0a000001));
  test_bed_run (bed, 2 * WL_MS - 1);
  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1);
  g_assert_cmpint (rx->iface, ==, 1);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED, 1), 1, "mac=" MAC_B " port=p2",
              rx->id);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED, 0), 0, "mac=" MAC_A " port=p1",
              rx->id);
  check_sent (bed, rx, to_a);

  /* 3. A pings B: nothing new to learn (a silent refresh), forwarded to p2 only. */
  test_send_at (st[0], 2 * WL_MS, test_icmp_echo (&ma, &mb, 0x0a000001, 0x0a000002, 1, 56));
  test_bed_run (bed, 3 * WL_MS);
  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2);
  g_assert_cmpint (rx->proto, ==, WL_PROTO_ICMP);
  g_assert_cmpint (rx->layer, ==, WL_LAYER_DATA_LINK); /* capped at the switch's layer */
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED, 1), 1, "mac=" MAC_B " port=p2",
              rx->id);
  check_sent (bed, rx, to_b);

  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED), ==, 2);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED), ==, 1);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED), ==, 2);
  g_assert_cmpuint (count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE), ==, 0);
  /* C and D heard the broadcast and nothing else. */
  g_assert_cmpuint (test_station_count (st[0]), ==, 1);
  g_assert_cmpuint (test_station_count (st[1]), ==, 2);
  g_assert_cmpuint (test_station_count (st[2]), ==, 1);
  g_assert_cmpuint (test_station_count (st[3]), ==, 1);
}

static void
test_unknown_unicast (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (300 * WL_S, st);
  WlMac ma = test_mac (1), mb = test_mac (2);
  const gint flood_ifaces[] = { 1, 2, 3, -1 };
  const gint to_a[] = { 0, -1 };
  const gint to_b[] = { 1, -1 };

  /* B has never spoken: a frame to B goes everywhere. */
  test_send_at (st[0], 0, test_icmp_echo (&ma, &mb, 0x0a000001, 0x0a000002, 1, 56));
  test_send_at (st[1], 1 * WL_MS, test_icmp_echo (&mb, &ma, 0x0a000002, 0x0a000001, 1, 56));
  test_send_at (st[0], 2 * WL_MS, test_icmp_echo (&ma, &mb, 0x0a000001, 0x0a000002, 2, 56));
  test_bed_run (bed, 3 * WL_MS);

  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 0), 0, "mac=" MAC_B " reason=unknown",
              nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0)->id);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0), flood_ifaces);
  /* Its answer teaches the switch where B is; from then on, no more flooding. */
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED), ==, 1);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1), to_a);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2), to_b);
  g_assert_cmpuint (test_station_count (st[2]), ==, 1);
}

static void
test_multicast (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (300 * WL_S, st);
  WlMac ma = test_mac (1), mc = test_mac (3);
  WlMac group = { { 0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb } }; /* mDNS's IPv4 group */
  const gint flood_ifaces[] = { 1, 2, 3, -1 };
  const gint from_c_flood[] = { 0, 1, 3, -1 };
  const gint to_a[] = { 0, -1 };

  /* A group address is flooded (no IGMP snooping here)… */
  test_send_at (st[0], 0, test_frame (&ma, &group, 1));
  /* … never learned as a source, even when a frame claims it … */
  test_send_at (st[2], 1 * WL_MS, test_frame (&group, &ma, 2));
  /* … so a frame to it is still flooded, p3 included. */
  test_send_at (st[2], 2 * WL_MS, test_frame (&mc, &group, 3));
  test_bed_run (bed, 3 * WL_MS);

  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 0), 0,
              "mac=01:00:5e:00:00:fb reason=multicast",
              nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0)->id);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0), flood_ifaces);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1), to_a);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2), from_c_flood);
  /* Learned: A, and C from the last frame; never the group address. */
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED), ==, 2);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED, 1), 2,
              "mac=02:00:00:00:00:03 port=p3",
              nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2)->id);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 1), 2,
              "mac=01:00:5e:00:00:fb reason=multicast",
              nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2)->id);
}

static void
test_same_port (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (TestBed) bed = NULL;
  WlMac ma = test_mac (1), mb = test_mac (2);
  WlDevice *a, *b, *c;
  const WlTraceEvent *rx, *drop;
  const gint to_c[] = { 1, -1 };

  /* SW1 p1 — H1 p1; A and B share the hub; C is on SW1 p2. */
  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW1");
  wl_lab_add_device (lab, WL_DEVICE_HUB, "H1");
  wl_lab_add_link (lab, "L1", 0, 0, 1, 0);
  bed = test_bed_new (lab, 1);
  a = test_bed_attach (bed, "H1", "p2", 1);
  b = test_bed_attach (bed, "H1", "p3", 2);
  c = test_bed_attach (bed, "SW1", "p2", 3);

  /* B broadcasts: the switch learns B behind p1 (with the hub). */
  test_send_at (b, 0, test_arp_request (&mb, 0x0a000002, 0x0a000003));
  /* A sends to B: the hub delivers it to B directly, and to the switch, which must not send
   * it anywhere: B is on the very segment the frame came from. */
  test_send_at (a, 1 * WL_MS, test_icmp_echo (&ma, &mb, 0x0a000001, 0x0a000002, 1, 56));
  test_bed_run (bed, 2 * WL_MS);

  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0), to_c);
  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1);
  g_assert_cmpint (rx->iface, ==, 0);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED, 1), 0, "mac=" MAC_A " port=p1",
              rx->id);
  drop = test_trace_one (bed->mem, WL_EVENT_FRAME_DROPPED, WL_DROP_SAME_PORT, 0, 0, 0);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_DATA_LINK);
  g_assert_cmpint (drop->proto, ==, WL_PROTO_ICMP);
  g_assert_cmpstr (drop->args, ==, "mac=" MAC_B " port=p1");
  g_assert_cmpuint (drop->cause, ==, rx->id);
  /* the drop records the whole frame, FCS included, as every frame event does */
  g_assert_cmpmem (drop->frame, drop->frame_len, rx->frame, rx->frame_len);
  g_assert_cmpuint (count (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE), ==, 1);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED), ==, 0);
  g_assert_cmpuint (test_station_count (b), ==, 1);
  g_assert_cmpuint (test_station_count (c), ==, 1);
}

static void
test_moved (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (300 * WL_S, st);
  WlMac ma = test_mac (1), mb = test_mac (2);
  const WlTraceEvent *rx;
  const gint flood_ifaces[] = { 1, 2, 3, -1 };
  const gint to_p5[] = { 4, -1 };

  test_send_at (st[0], 0, test_frame (&ma, &wl_mac_broadcast, 1));
  test_bed_run (bed, 1 * WL_MS);

  /* A's cable is pulled out of p1 and plugged into p5, and A speaks again. */
  test_bed_move (bed, st[0], "SW1", "p5");
  test_send_at (st[0], 2 * WL_MS, test_frame (&ma, &wl_mac_broadcast, 2));
  test_send_at (st[1], 3 * WL_MS, test_frame (&mb, &ma, 3));
  test_bed_run (bed, 4 * WL_MS);

  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1);
  g_assert_cmpint (rx->iface, ==, 4);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_MOVED, 0), 4,
              "mac=" MAC_A " from=p1 to=p5", rx->id);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_MOVED), ==, 1);
  /* The flood skips the now empty p1 silently. */
  check_sent (bed, rx, flood_ifaces);
  g_assert_cmpuint (count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE), ==, 0);
  /* B's frame to A now goes to p5. */
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED, 0), 4, "mac=" MAC_A " port=p5",
              nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2)->id);
  check_sent (bed, nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2), to_p5);
  g_assert_cmpuint (test_station_count (st[0]), ==, 1);
}

static void
test_ageing (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (10 * WL_S, st);
  WlMac ma = test_mac (1), mb = test_mac (2);
  const WlTraceEvent *rx, *aged;

  test_send_at (st[0], 0, test_frame (&ma, &wl_mac_broadcast, 1));
  /* Nothing else happens: the entry ages out, and then nothing is left to do. */
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  g_assert_cmpuint (wl_sim_get_pending (bed->sim), ==, 0);

  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0);
  g_assert_cmpuint (rx->time, ==, HOP);
  aged = nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_AGED, 0);
  g_assert_cmpuint (aged->time, ==, HOP + 10 * WL_S);
  check_note (aged, 0, "mac=" MAC_A " port=p1", rx->id);

  /* A is forgotten: a frame to A floods again. */
  test_send_at (st[1], 20 * WL_S, test_frame (&mb, &ma, 2));
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FLOODED, 1), 1, "mac=" MAC_A " reason=unknown",
              rx->id);
  aged = nth (bed, WL_EVENT_NOTE, WL_NOTE_MAC_AGED, 1);
  check_note (aged, 1, "mac=" MAC_B " port=p2", rx->id);
  g_assert_cmpuint (aged->time, ==, 20 * WL_S + HOP + 10 * WL_S);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_AGED), ==, 2);
}

static void
test_ageing_refresh (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (10 * WL_S, st);
  WlMac ma = test_mac (1), mb = test_mac (2);
  const WlTraceEvent *rx, *aged;

  /* A speaks at 0 and at 4 s: the first timer (due at 10 s) finds the entry refreshed and
   * waits on; the entry goes 10 s after the second frame, because of it. */
  test_send_at (st[0], 0, test_frame (&ma, &wl_mac_broadcast, 1));
  test_send_at (st[0], 4 * WL_S, test_frame (&ma, &wl_mac_broadcast, 2));
  /* Just before the expiry, B's frame to A is still forwarded. */
  test_send_at (st[1], 14 * WL_S - 1 * WL_US, test_frame (&mb, &ma, 3));
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);

  rx = nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1);
  g_assert_cmpuint (rx->time, ==, 4 * WL_S + HOP);
  aged = test_trace_one (bed->mem, WL_EVENT_NOTE, WL_NOTE_MAC_AGED, 0, 0, -1);
  g_assert_cmpuint (aged->time, ==, 14 * WL_S + HOP);
  check_note (aged, 0, "mac=" MAC_A " port=p1", rx->id);
  check_note (nth (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED, 0), 0, "mac=" MAC_A " port=p1",
              nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 2)->id);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_LEARNED), ==, 2);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_AGED), ==, 2);
}

static void
test_no_ageing (void)
{
  WlDevice *st[4];
  g_autoptr (TestBed) bed = switch_bed (0, st);
  WlMac ma = test_mac (1), mb = test_mac (2);

  /* Ageing time 0: entries stay for ever, and no timer keeps the run going. */
  test_send_at (st[0], 0, test_frame (&ma, &wl_mac_broadcast, 1));
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  test_send_at (st[1], 1000 * WL_S, test_frame (&mb, &ma, 2));
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_MAC_AGED), ==, 0);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED), ==, 1);
}

/* SW1 with a hub (A, B behind it) on p1 and a repeater (C behind it) on p2, D on p3. */
static void
test_mixed_lan (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (TestBed) bed = NULL;
  WlMac ma = test_mac (1), mc = test_mac (3);
  WlDevice *a, *b, *c, *d;

  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW1");
  wl_lab_add_device (lab, WL_DEVICE_HUB, "H1");
  wl_lab_add_device (lab, WL_DEVICE_REPEATER, "R1");
  wl_lab_add_link (lab, "L1", 0, 0, 1, 0);
  wl_lab_add_link (lab, "L2", 0, 1, 2, 0);
  bed = test_bed_new (lab, 1);
  a = test_bed_attach (bed, "H1", "p2", 1);
  b = test_bed_attach (bed, "H1", "p3", 2);
  c = test_bed_attach (bed, "R1", "p2", 3);
  d = test_bed_attach (bed, "SW1", "p3", 4);

  test_send_at (a, 0, test_arp_request (&ma, 0x0a000001, 0x0a000003));
  test_send_at (c, 1 * WL_MS, test_arp_reply (&mc, 0x0a000003, &ma, 0x0a000001));
  test_bed_run (bed, 2 * WL_MS);

  /* Everyone heard the request; the reply went to the hub's segment only, where B, on the
   * shared medium, heard it too. */
  g_assert_cmpuint (test_station_count (a), ==, 1);
  g_assert_cmpuint (test_station_count (b), ==, 2);
  g_assert_cmpuint (test_station_count (c), ==, 1);
  g_assert_cmpuint (test_station_count (d), ==, 1);
  g_assert_cmpuint (count (bed, WL_EVENT_NOTE, WL_NOTE_FORWARDED), ==, 1);
  /* Lab links keep the lab's indices in the trace. */
  g_assert_cmpint (nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0)->link, ==, 0);
  g_assert_cmpint (nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 1)->link, ==, 1);
}

/* Four stations all sending to each other at once: queues fill and the trace is identical
 * from one run to the next. */
static TestBed *
busy_switch_run (void)
{
  WlDevice *st[4];
  TestBed *bed = switch_bed (1 * WL_S, st);

  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < 4; i++)
      for (guint j = 0; j < 4; j++)
        if (i != j)
          {
            WlMac src = test_mac (i + 1), dst = test_mac (j + 1);

            test_send_at (st[i], round * WL_MS, test_frame (&src, &dst, (guint16) (i * 4 + j)));
          }
  g_assert_cmpint (test_bed_run (bed, WL_TIME_FOREVER), ==, WL_SIM_STOP_EMPTY);
  return bed;
}

static void
test_switch_deterministic (void)
{
  g_autoptr (TestBed) first = busy_switch_run ();
  g_autoptr (TestBed) second = busy_switch_run ();

  g_assert_cmpuint (count (first, WL_EVENT_NOTE, WL_NOTE_MAC_AGED), ==, 4);
  g_assert_true (test_trace_equal (first->mem, second->mem));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l2/switch/kind", test_switch_kind);
  g_test_add_func ("/engine/l2/switch/flood-then-forward", test_flood_then_forward);
  g_test_add_func ("/engine/l2/switch/unknown-unicast", test_unknown_unicast);
  g_test_add_func ("/engine/l2/switch/multicast", test_multicast);
  g_test_add_func ("/engine/l2/switch/same-port", test_same_port);
  g_test_add_func ("/engine/l2/switch/moved", test_moved);
  g_test_add_func ("/engine/l2/switch/ageing", test_ageing);
  g_test_add_func ("/engine/l2/switch/ageing-refresh", test_ageing_refresh);
  g_test_add_func ("/engine/l2/switch/no-ageing", test_no_ageing);
  g_test_add_func ("/engine/l2/switch/mixed-lan", test_mixed_lan);
  g_test_add_func ("/engine/l2/switch/deterministic", test_switch_deterministic);
  return g_test_run ();
}
