/* Flow control and ACK timing: a zero window and the persist timer's probes (with backoff),
 * a receiver whose application does not read (its window closes, then reopens with a window
 * update), a slow reader (nc -r), delayed ACKs as Linux sends them, Nagle with Minshall's
 * change, and path MTU discovery through a router with a small MTU. */
#include "config.h"

#include <string.h>

#include "tcp-test.h"
#include "proto/wl-icmp-wire.h"

/* A receiver with room bytes of buffer that the test empties by hand. */
typedef struct
{
  guint32 rcv_nxt;
  guint32 room;
  guint64 got;
} Receiver;

static void
on_peer_segment (TcpPeer       *peer,
                 const PeerSeg *seg,
                 gpointer       user_data)
{
  Receiver *r = user_data;

  if (seg->len == 0)
    return;
  if (seg->h.seq == r->rcv_nxt && seg->len <= r->room)
    {
      r->rcv_nxt += seg->len;
      r->room -= seg->len;
      r->got += seg->len;
    }
  tcp_peer_send (peer, seg->src, seg->h.dport, seg->h.sport, seg->h.ack, r->rcv_nxt, WL_TCP_ACK,
                 (guint16) r->room, NULL, 0);
}

/* The peer offers 2920 bytes and takes them; its window is then zero.  PC1 probes with one
 * byte of new data after RTO, then 2, 4, 8 RTO (RFC 9293 §3.8.6.1, RFC 6298 backoff); when
 * the window opens, the rest goes. */
static void
test_zero_window_persist (void)
{
  TcpFix f;
  Receiver r = { 0 };
  g_autofree guint8 *data = g_malloc0 (5000);
  g_autoptr (GPtrArray) probes = g_ptr_array_new ();
  const WlTraceEvent *zero_ack = NULL;
  g_autoptr (GPtrArray) rx = NULL;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  g_assert_true (wl_socket_bind (f.app.sock, 0, 40000, NULL));
  g_assert_true (wl_socket_connect (f.app.sock, f.peer_ip, 80, NULL));
  tcp_step (&f);
  f.iss = tcp_peer_last (f.peer)->h.seq;
  tcp_peer_send_syn_window (f.peer, f.pc1, 80, 40000, 5000, f.iss + 1, WL_TCP_SYN | WL_TCP_ACK,
                            1460, 2920);
  tcp_step (&f);
  r.rcv_nxt = f.iss + 1;
  r.room = 2920;
  f.peer->func = on_peer_segment;
  f.peer->user_data = &r;
  g_assert_cmpint (wl_socket_send (f.app.sock, data, 5000, NULL), ==, 5000);
  tcp_run_until (f.bed, 4 * WL_S);

  g_assert_cmpuint (r.got, ==, 2920);
  for (guint i = 0; i < tcp_peer_count (f.peer); i++)
    if (tcp_peer_nth (f.peer, i)->len == 1)
      g_ptr_array_add (probes, (gpointer) tcp_peer_nth (f.peer, i));
  /* probes at +0.2, +0.6, +1.4, +3.0 s from the zero window */
  g_assert_cmpuint (probes->len, ==, 4);
  rx = l3_ip_frames (f.bed, WL_EVENT_FRAME_RECEIVED, 0, WL_IP_PROTO_TCP);
  for (guint i = 0; i < rx->len && zero_ack == NULL; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (rx, i);

      if (wl_get_u16 (ev->frame + L3_L4 + WL_TCP_OFF_WINDOW) == 0)
        zero_ack = ev;
    }
  g_assert_nonnull (zero_ack);
  for (guint i = 0; i < probes->len; i++)
    {
      const PeerSeg *p = g_ptr_array_index (probes, i);

      g_assert_cmpuint (p->h.seq, ==, f.iss + 1 + 2920);  /* the next byte, every time */
      if (i == 0)
        g_assert_cmpuint (p->time - zero_ack->time, <, WL_TCP_RTO_MIN + 10 * WL_US);
      else
        g_assert_cmpuint (p->time - ((const PeerSeg *) g_ptr_array_index (probes, i - 1))->time,
                          ==, WL_TCP_RTO_MIN << i);
    }
  /* no probe counts as a retransmission or a duplicate ACK trigger */
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_FAST_RETRANSMIT, 0), ==, 0);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RETRANSMIT, 0), ==, 0);

  /* the window opens (a window update from the peer): the remaining 2080 bytes go */
  r.room = 5000;
  tcp_peer_send (f.peer, f.pc1, 80, 40000, 5001, f.iss + 1 + 2920, WL_TCP_ACK, 5000, NULL, 0);
  f.t = 4 * WL_S;
  tcp_step (&f);
  g_assert_cmpuint (r.got, ==, 5000);
  tcp_fix_clear (&f);
}

/* Two real hosts; PC2's application does not read at first: its 65535-byte buffer fills,
 * its window falls to zero (a tcp-window note), PC1's one-byte probes are refused, and when
 * the application reads, PC2 sends a window update and the transfer completes. */
typedef struct
{
  TcpApp    app;
  gboolean  reading;
} Lazy;

static void
on_lazy (WlSocket      *sock,
         WlSocketEvents events,
         gpointer       user_data)
{
  Lazy *l = user_data;

  if (events & WL_SOCKET_EVENT_ACCEPT)
    {
      l->app.child = wl_socket_accept (sock);
      wl_socket_set_callback (l->app.child, on_lazy, l);
    }
  if (l->reading && sock == l->app.child)
    tcp_on_app (sock, events & WL_SOCKET_EVENT_READABLE, &l->app);
}

static void
on_wake (WlSim   *sim,
         gpointer target,
         gpointer data)
{
  Lazy *l = target;

  l->reading = TRUE;
  tcp_on_app (l->app.child, WL_SOCKET_EVENT_READABLE, &l->app);
}

static void
test_receiver_zero_window (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  Lazy l = { 0 };
  TcpApp sender = { 0 };
  g_autofree guint8 *data = g_malloc0 (100000);
  g_autoptr (GPtrArray) notes = NULL;
  g_autoptr (GPtrArray) frames = NULL;
  gboolean zero = FALSE, update = FALSE;
  guint probes = 0;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  bed = l3_bed_new (lab, 1);
  l.app.sock = wl_socket_tcp_new (l3_bed_stack (bed, "PC2"));
  wl_socket_set_callback (l.app.sock, on_lazy, &l);
  g_assert_true (wl_socket_bind (l.app.sock, 0, 5001, NULL));
  g_assert_true (wl_socket_listen (l.app.sock, 1, NULL));
  sender.sock = wl_socket_tcp_new (l3_bed_stack (bed, "PC1"));
  g_assert_true (wl_socket_connect (sender.sock, l3_ip ("10.0.0.2"), 5001, NULL));
  g_assert_cmpint (wl_socket_send (sender.sock, data, 100000, NULL), ==, 100000);
  wl_sim_schedule_at (bed->sim, 3 * WL_S, on_wake, &l, NULL, NULL);
  tcp_run_until (bed, 10 * WL_S);
  g_assert_cmpuint (l.app.got, ==, 100000);

  /* PC2 said "window 0" in a note, and PC1's probes were single bytes */
  notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_TCP_WINDOW, 1);
  for (guint i = 0; i < notes->len; i++)
    zero |= l3_arg_u64 (g_ptr_array_index (notes, i), "wnd") == 0;
  g_assert_true (zero);
  frames = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_TCP);
  for (guint i = 0; i < frames->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (frames, i);

      if (wl_get_u16 (ev->frame + L3_IP + 2) == 20 + 20 + 1)
        {
          g_assert_cmpuint (ev->time, <, 3 * WL_S);
          probes++;
        }
    }
  g_assert_cmpuint (probes, >=, 2);
  /* after the read, a window update: same ACK number, window open */
  g_clear_pointer (&frames, g_ptr_array_unref);
  frames = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 1, WL_IP_PROTO_TCP);
  for (guint i = 0; i < frames->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (frames, i);

      if (ev->time >= 3 * WL_S && wl_get_u16 (ev->frame + L3_L4 + WL_TCP_OFF_WINDOW) > 0)
        update = TRUE;
    }
  g_assert_true (update);
  tcp_app_clear (&l.app);
  tcp_app_clear (&sender);
}

/* nc -r: a sink that reads 20000 bytes/s.  Its window shrinks below a segment and opens by
 * what it reads (window updates every 100 ms);
 * 80000 bytes still arrive whole, 4 s after the start. */
static void
test_slow_reader_nc (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) notes = NULL;
  g_autofree char *line = NULL;
  const WlTraceEvent *console;
  guint64 min_wnd = G_MAXUINT64;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  l3_action (lab, 0, "PC2", "nc -l -r 20000 5001");
  l3_action (lab, WL_S, "PC1", "nc 10.0.0.2 5001 -n 80000");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  console = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 1, 0);
  g_assert_nonnull (console);
  g_assert_true (g_str_has_prefix (console->args, "nc: 80000 bytes received from 10.0.0.1 port "));
  /* reading is the bottleneck: 80000 bytes at 20000 bytes/s from t = 1 s */
  g_assert_cmpuint (console->time, >, WL_S + 3900 * WL_MS);
  g_assert_cmpuint (console->time, <, WL_S + 4500 * WL_MS);
  notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_TCP_WINDOW, 1);
  for (guint i = 0; i < notes->len; i++)
    min_wnd = MIN (min_wnd, l3_arg_u64 (g_ptr_array_index (notes, i), "wnd"));
  /* down into the silly-window region (less than one segment) */
  g_assert_cmpuint (min_wnd, <, 1460);
  g_assert_cmpuint (notes->len, >, 5);
}

/* Linux's delayed ACKs: the first 16 data segments are acknowledged at once (quick-ack
 * mode), then a lone segment waits 40 ms, and a second full segment is acknowledged at once. */
static void
test_delayed_ack (void)
{
  TcpFix f;
  guint8 data[1460] = { 0 };
  guint32 seq;
  guint n;

  tcp_fix_init (&f);
  tcp_establish_passive (&f);
  seq = f.irs + 1;
  for (guint i = 0; i < 17; i++)
    {
      n = tcp_peer_count (f.peer);
      tcp_peer_send (f.peer, f.pc1, 3000, 80, seq, f.iss + 1, WL_TCP_ACK, 65535, data, 1460);
      seq += 1460;
      f.t += 100 * WL_MS;
      tcp_run_until (f.bed, f.t);
      g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);
      g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, seq);
      if (i < WL_TCP_QUICKACKS)
        g_assert_cmpuint (tcp_peer_last (f.peer)->time - (f.t - 100 * WL_MS), <, 200 * WL_US);
      else
        {
          g_assert_cmpuint (tcp_peer_last (f.peer)->time - (f.t - 100 * WL_MS), >, WL_TCP_DELACK);
          g_assert_cmpuint (tcp_peer_last (f.peer)->time - (f.t - 100 * WL_MS), <,
                            WL_TCP_DELACK + 200 * WL_US);
        }
    }
  /* two full segments back to back: one ACK, right after the second */
  n = tcp_peer_count (f.peer);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, seq, f.iss + 1, WL_TCP_ACK, 65535, data, 1460);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, seq + 1460, f.iss + 1, WL_TCP_ACK, 65535, data, 1460);
  f.t += 100 * WL_MS;
  tcp_run_until (f.bed, f.t);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, seq + 2920);
  g_assert_cmpuint (tcp_peer_last (f.peer)->time - (f.t - 100 * WL_MS), <, 400 * WL_US);
  g_assert_cmpuint (f.app.got, ==, 19 * 1460);
  tcp_fix_clear (&f);
}

/* Nagle with Minshall's change: a second small write waits while the first small segment is
 * unacknowledged; full segments never wait. */
static void
test_nagle (void)
{
  TcpFix f;
  g_autofree guint8 *big = g_malloc0 (3000);
  guint n;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  n = tcp_peer_count (f.peer);
  g_assert_cmpint (wl_socket_send (f.app.sock, (const guint8 *) "0123456789", 10, NULL), ==, 10);
  g_assert_cmpint (wl_socket_send (f.app.sock, (const guint8 *) "abcdefghij", 10, NULL), ==, 10);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->len, ==, 10);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_ACK | WL_TCP_PSH);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 11, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 2);
  g_assert_cmpuint (tcp_peer_last (f.peer)->len, ==, 10);
  g_assert_cmpmem (tcp_peer_last (f.peer)->data, 10, "abcdefghij", 10);
  /* 3000 bytes while the 10 are still out: the two full segments go, the 80 wait */
  g_assert_cmpint (wl_socket_send (f.app.sock, big, 3000, NULL), ==, 3000);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 4);
  g_assert_cmpuint (tcp_peer_nth (f.peer, n + 2)->len, ==, 1460);
  g_assert_cmpuint (tcp_peer_nth (f.peer, n + 3)->len, ==, 1460);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 21, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 5);
  g_assert_cmpuint (tcp_peer_last (f.peer)->len, ==, 80);
  tcp_fix_clear (&f);
}

/* A 576-byte link between two routers, DF on every segment: R1 answers the first full
 * segment with "fragmentation needed, MTU 576"; PC1 lowers its MSS to 536 and sends again. */
static void
test_path_mtu (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GPtrArray) icmp = NULL;
  g_autoptr (GPtrArray) tcp = NULL;
  const WlTraceEvent *console, *err;
  guint after = 0;

  l3_add_host (lab, "PC1", "10.0.1.10/24", "10.0.1.1");
  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/30");
  l3_add_router (lab, "R2", "10.0.2.2/30", "10.0.3.1/24");
  l3_add_host (lab, "PC2", "10.0.3.10/24", "10.0.3.1");
  l3_set_mtu (lab, "R1", 1, 576);
  l3_set_mtu (lab, "R2", 0, 576);
  l3_add_route (lab, "R1", "10.0.3.0/24", "10.0.2.2");
  l3_add_route (lab, "R2", "10.0.1.0/24", "10.0.2.1");
  l3_connect (lab, "PC1", 0, "R1", 0);
  l3_connect (lab, "R1", 1, "R2", 0);
  l3_connect (lab, "R2", 1, "PC2", 0);
  l3_action (lab, 0, "PC2", "nc -l 5001");
  l3_action (lab, WL_S, "PC1", "nc 10.0.3.10 5001 -n 20000");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  console = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE, 3, 0);
  g_assert_nonnull (console);
  g_assert_true (g_str_has_prefix (console->args, "nc: 20000 bytes received from 10.0.1.10"));
  icmp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 1, WL_IP_PROTO_ICMP);
  g_assert_cmpuint (icmp->len, >=, 1);
  err = g_ptr_array_index (icmp, 0);
  g_assert_cmpuint (err->frame[L3_L4], ==, WL_ICMP_DEST_UNREACH);
  g_assert_cmpuint (err->frame[L3_L4 + 1], ==, WL_ICMP_UNREACH_FRAG_NEEDED);
  tcp = l3_ip_frames (bed, WL_EVENT_FRAME_SENT, 0, WL_IP_PROTO_TCP);
  for (guint i = 0; i < tcp->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (tcp, i);

      g_assert_true (wl_get_u16 (ev->frame + L3_IP + 6) & 0x4000);  /* DF */
      if (ev->time > err->time + WL_MS)
        {
          g_assert_cmpuint (wl_get_u16 (ev->frame + L3_IP + 2), <=, 576);
          after++;
        }
    }
  g_assert_cmpuint (after, >=, 20000 / 536);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/tcp/window/zero-window-persist", test_zero_window_persist);
  g_test_add_func ("/engine/tcp/window/receiver-zero-window", test_receiver_zero_window);
  g_test_add_func ("/engine/tcp/window/slow-reader-nc", test_slow_reader_nc);
  g_test_add_func ("/engine/tcp/window/delayed-ack", test_delayed_ack);
  g_test_add_func ("/engine/tcp/window/nagle", test_nagle);
  g_test_add_func ("/engine/tcp/window/path-mtu", test_path_mtu);
  return g_test_run ();
}
