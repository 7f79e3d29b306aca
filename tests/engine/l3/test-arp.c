/* ARP: the cache's add/update/expiry timing, resolution with queueing, retries and failure,
 * RFC 826's learning rules, the bytes of requests and replies, malformed packets. */
#include "config.h"

#include <string.h>

#include "l3-test.h"
#include "proto/wl-arp-wire.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-udp.h"

/* PC1 10.0.0.1/24 with a raw station (10.0.0.9, MAC 02:…:09) on its cable. */
static L3Bed *
bed_with_station (WlDevice **station)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  L3Bed *bed;
  WlMac mac = l3_mac (9);

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  bed = l3_bed_new (lab, 1);
  *station = l3_bed_attach (bed, "PC1", 0, &mac);
  return bed;
}

static void
test_cache_expiry (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  WlStack *pc1 = l3_bed_stack (bed, "PC1");
  WlMac m9 = l3_mac (9), m10 = l3_mac (10), zero = { { 0 } };
  const WlTraceEvent *ev;
  WlArpEntry *e;
  WlTime updated;

  /* A request for us adds the sender; a second one refreshes; one with a new MAC changes it. */
  l3_station_send_at (st, 1 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"),
                                                  &zero, l3_ip ("10.0.0.1")));
  l3_station_send_at (st, 20 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"),
                                                   &zero, l3_ip ("10.0.0.1")));
  l3_station_send_at (st, 30 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m10,
                                                   l3_ip ("10.0.0.9"), &zero, l3_ip ("10.0.0.1")));
  l3_bed_run (bed, 25 * WL_S);

  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ARP_ADDED, 0, 0);
  g_assert_nonnull (ev);
  g_assert_cmpstr (ev->args, ==, "ip=10.0.0.9 mac=02:00:00:00:00:09");
  g_assert_cmpint (ev->layer, ==, WL_LAYER_DATA_LINK);
  g_assert_cmpint (ev->proto, ==, WL_PROTO_ARP);
  g_assert_cmpint (ev->iface, ==, 0);
  /* Caused by the request's arrival. */
  g_assert_cmpint (l3_by_id (bed, ev->cause)->kind, ==, WL_EVENT_FRAME_RECEIVED);
  e = wl_arp_cache_lookup (pc1, 0, l3_ip ("10.0.0.9"));
  g_assert_nonnull (e);
  g_assert_cmpint (e->state, ==, WL_ARP_REACHABLE);

  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ARP_UPDATED, 0, 0);
  g_assert_nonnull (ev);
  g_assert_cmpstr (ev->args, ==, "ip=10.0.0.9 mac=02:00:00:00:00:09");
  updated = ev->time;
  g_assert_cmpuint (e->expires, ==, updated + WL_ARP_LIFETIME);

  l3_bed_run (bed, 0);
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ARP_UPDATED, 0, 1);
  g_assert_cmpstr (ev->args, ==, "ip=10.0.0.9 mac=02:00:00:00:00:0a old_mac=02:00:00:00:00:09");
  updated = ev->time;
  /* Only one expiry, at exactly 60 s after the last update, for the latest MAC. */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_ARP_EXPIRED, 0), ==, 1);
  ev = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ARP_EXPIRED, 0, 0);
  g_assert_cmpuint (ev->time, ==, updated + 60 * WL_S);
  g_assert_cmpstr (ev->args, ==, "ip=10.0.0.9 mac=02:00:00:00:00:0a");
  g_assert_null (wl_arp_cache_lookup (pc1, 0, l3_ip ("10.0.0.9")));
}

/* RFC 826: a request for someone else only updates an existing entry. */
static void
test_learning_rules (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  WlStack *pc1 = l3_bed_stack (bed, "PC1");
  WlMac m9 = l3_mac (9), m11 = l3_mac (11), zero = { { 0 } };
  g_autoptr (GPtrArray) list = NULL;

  /* Not for us, sender unknown: ignored. */
  l3_station_send_at (st, 1 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"),
                                                  &zero, l3_ip ("10.0.0.5")));
  /* For us: learned and answered. */
  l3_station_send_at (st, 2 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"),
                                                  &zero, l3_ip ("10.0.0.1")));
  /* Not for us, sender known: merged (new MAC). */
  l3_station_send_at (st, 3 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m11,
                                                  l3_ip ("10.0.0.9"), &zero, l3_ip ("10.0.0.5")));
  /* A probe (sender 0.0.0.0) for our address: answered, never learned. */
  l3_station_send_at (st, 4 * WL_S, l3_arp_frame (&wl_mac_broadcast, 1, &m11, 0, &zero,
                                                  l3_ip ("10.0.0.1")));
  l3_bed_run (bed, 5 * WL_S);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_ARP_ADDED, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_ARP_UPDATED, 0), ==, 1);
  g_assert_cmpuint (l3_count_sent (bed, 0, 0, WL_ETHERTYPE_ARP, WL_ARP_OP_REPLY), ==, 2);
  list = wl_arp_cache_list (pc1);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (wl_mac_equal (&((WlArpEntry *) g_ptr_array_index (list, 0))->mac, &m11));
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_CODE_NONE, -1), ==, 0);
}

/* The request a miss sends and the reply a request gets, byte for byte. */
static void
test_request_reply_bytes (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  const WlTraceEvent *req, *rep, *miss;
  static const guint8 want_req[42] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06,
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00,
    10, 0, 0, 1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 2,
  };
  static const guint8 want_rep[42] = {
    0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x08, 0x06,
    0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x02, 0x00,
    10, 0, 0, 2, 0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 10, 0, 0, 1,
  };

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, WL_S, "PC1", "ping -c 1 10.0.0.2");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);

  req = l3_nth (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0, 0);
  rep = l3_nth (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 1, 0);
  /* 60 bytes padded + 4 FCS on the wire. */
  g_assert_cmpuint (req->frame_len, ==, 64);
  g_assert_cmpmem (req->frame, 42, want_req, 42);
  g_assert_cmpmem (rep->frame, 42, want_rep, 42);
  /* The request is caused by the miss note, the miss by the route choice, that by the ping. */
  miss = l3_by_id (bed, req->cause);
  g_assert_cmpint (miss->code, ==, WL_NOTE_ARP_MISS);
  g_assert_cmpstr (miss->args, ==, "ip=10.0.0.2 iface=eth0");
  g_assert_cmpint (l3_by_id (bed, miss->cause)->code, ==, WL_NOTE_ROUTE_CHOSEN);
  g_assert_true (l3_caused_by (bed, req, 1));
  g_assert_cmpint (l3_by_id (bed, 1)->kind, ==, WL_EVENT_ACTION);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 1);
}

/* Nobody has 10.0.0.99: requests at 0, 1 and 2 s after the miss, then every waiting packet
 * is dropped at 3 s and ping hears "host unreachable" from its own stack. */
static void
test_unresolved (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) reqs = NULL;
  const WlTraceEvent *miss, *drop, *err;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, WL_S, "PC1", "ping -c 3 -i 0.5 10.0.0.99");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_ARP_MISS, 0), ==, 1);
  miss = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_ARP_MISS, 0, 0);
  g_assert_cmpuint (miss->time, ==, WL_S);
  reqs = l3_find (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0);
  g_assert_cmpuint (reqs->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const WlTraceEvent *r = g_ptr_array_index (reqs, i);

      g_assert_cmpuint (r->time, ==, (1 + i) * WL_S);
      g_assert_cmpuint (wl_get_u16 (r->frame + 20), ==, WL_ARP_OP_REQUEST);
      g_assert_cmpuint (r->cause, ==, miss->id);
    }
  /* Three packets waited (one per ping); all go at 4 s. */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_UNRESOLVED, 0), ==, 3);
  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_UNRESOLVED, 0, 0);
  g_assert_cmpuint (drop->time, ==, 4 * WL_S);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_DATA_LINK);
  /* The packet is named by its header (the id depends on the seed). */
  g_assert_true (g_str_has_prefix (drop->args, "src=10.0.0.1 dst=10.0.0.99 proto=1 id="));
  g_assert_true (g_str_has_suffix (drop->args, "len=84 via=10.0.0.99"));
  err = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, 0, 0);
  g_assert_cmpstr (err->args, ==, "seq=1 type=3 code=1 from=10.0.0.1");
  g_assert_cmpuint (err->cause, ==, drop->id);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_ERROR, 0), ==, 3);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_TIMEOUT, 0), ==, 0);
  /* Nothing went on the wire for the error, and the entry is gone. */
  g_assert_cmpuint (l3_count_sent (bed, 0, -1, 0x0800, 0), ==, 0);
  g_assert_null (wl_arp_cache_lookup (l3_bed_stack (bed, "PC1"), 0, l3_ip ("10.0.0.99")));
}

/* A slow link: three pings wait for one resolution and leave together, in order, caused by
 * the reply's arrival. */
static void
test_queue_flush (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) echoes = NULL;
  const WlTraceEvent *reply_rx;
  WlLabLink *link;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  link = l3_connect (lab, "PC1", 0, "PC2", 0);
  link->delay = 300 * WL_MS;
  l3_action (lab, WL_S, "PC1", "ping -c 3 -i 0.1 10.0.0.2");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count_sent (bed, 0, 0, WL_ETHERTYPE_ARP, WL_ARP_OP_REQUEST), ==, 1);
  reply_rx = l3_nth (bed, WL_EVENT_FRAME_RECEIVED, WL_CODE_NONE, 0, 0);
  g_assert_cmpuint (wl_get_u16 (reply_rx->frame + 20), ==, WL_ARP_OP_REPLY);
  echoes = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, 1);
  g_assert_cmpuint (echoes->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const WlTraceEvent *e = g_ptr_array_index (echoes, i);

      g_assert_cmpuint (wl_get_u16 (e->frame + L3_L4 + 6), ==, i + 1);  /* seq */
      g_assert_cmpuint (e->cause, ==, reply_rx->id);
    }
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_PING_REPLY, 0), ==, 3);
}

static void
send_burst (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  WlStack *stack = target;
  WlUdpSend params = { .dst = l3_ip ("10.0.0.99"), .sport = 5000, .dport = 9 };

  for (guint i = 0; i < WL_ARP_QUEUE_MAX + 2; i++)
    wl_udp_send (stack, &params, wl_packet_new (10));
}

static void
test_queue_full (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  const WlTraceEvent *first;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  bed = l3_bed_new (lab, 1);
  wl_sim_schedule_at (bed->sim, WL_S, send_burst, l3_bed_stack (bed, "PC1"), NULL, NULL);
  l3_bed_run (bed, 0);

  /* The two oldest made room; the rest waited until ARP gave up. */
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_QUEUE_FULL, 0), ==, 2);
  first = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_QUEUE_FULL, 0, 0);
  g_assert_cmpuint (first->time, ==, WL_S);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_ARP_UNRESOLVED, 0), ==,
                    WL_ARP_QUEUE_MAX);
  g_assert_cmpuint (l3_count_sent (bed, 0, 0, WL_ETHERTYPE_ARP, 0), ==, WL_ARP_MAX_REQUESTS);
}

static void
test_malformed (void)
{
  WlDevice *st;
  g_autoptr (L3Bed) bed = bed_with_station (&st);
  WlMac m9 = l3_mac (9), zero = { { 0 } };
  WlPacket *bad_htype = l3_arp_frame (&wl_mac_broadcast, 1, &m9, l3_ip ("10.0.0.9"), &zero,
                                      l3_ip ("10.0.0.1"));
  WlPacket *bad_op = l3_arp_frame (&wl_mac_broadcast, 3, &m9, l3_ip ("10.0.0.9"), &zero,
                                   l3_ip ("10.0.0.1"));
  WlPacket *other_mac = l3_arp_frame (&m9, 1, &m9, l3_ip ("10.0.0.9"), &zero,
                                      l3_ip ("10.0.0.1"));
  const WlTraceEvent *drop;

  wl_put_u16 (wl_packet_data (bad_htype) + 14, 6);  /* IEEE 802 instead of Ethernet */
  l3_station_send_at (st, WL_S, bad_htype);
  l3_station_send_at (st, 2 * WL_S, bad_op);
  l3_station_send_at (st, 3 * WL_S, other_mac);  /* unicast to someone else's MAC */
  l3_bed_run (bed, 0);

  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0), ==, 2);
  drop = l3_nth (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0, 0);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_DATA_LINK);
  g_assert_cmpint (drop->proto, ==, WL_PROTO_ARP);
  /* The frame as it was on the wire: padded to 60, FCS included. */
  g_assert_cmpuint (drop->frame_len, ==, 64);
  g_assert_true (wl_ethernet_fcs_ok (drop->frame, drop->frame_len));
  g_assert_cmpint (drop->link, ==, 0);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_DROPPED, WL_DROP_NOT_FOR_US, 0), ==, 1);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_ARP_ADDED, -1), ==, 0);
  g_assert_cmpuint (l3_count (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, 0), ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/l3/arp/cache-expiry", test_cache_expiry);
  g_test_add_func ("/engine/l3/arp/learning-rules", test_learning_rules);
  g_test_add_func ("/engine/l3/arp/request-reply-bytes", test_request_reply_bytes);
  g_test_add_func ("/engine/l3/arp/unresolved", test_unresolved);
  g_test_add_func ("/engine/l3/arp/queue-flush", test_queue_flush);
  g_test_add_func ("/engine/l3/arp/queue-full", test_queue_full);
  g_test_add_func ("/engine/l3/arp/malformed", test_malformed);
  return g_test_run ();
}
