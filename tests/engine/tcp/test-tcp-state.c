/* TCP's state machine, one transition at a time (in the manner of lwIP's test_tcp_state.c):
 * a scripted peer sends hand-made segments to PC1 and checks every segment PC1 answers with,
 * field by field, and the tcp-state notes.  The rare transitions are here too: simultaneous
 * open and close, RST in SYN_RECEIVED, TIME_WAIT ending at exactly 2·MSL, FIN_WAIT_2 to
 * TIME_WAIT, RSTs for closed ports with RFC 9293 §3.5.2's sequence numbers. */
#include "config.h"

#include <string.h>

#include "tcp-test.h"

static void
assert_states (TcpFix     *f,
               const char *expected)
{
  g_autofree char *states = tcp_states (f->bed, 0, NULL);

  g_assert_cmpstr (states, ==, expected);
}

static void
test_active_open (void)
{
  TcpFix f;
  const PeerSeg *syn, *ack;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  wl_socket_set_callback (f.app.sock, tcp_on_app, &f.app);
  g_assert_true (wl_socket_connect (f.app.sock, f.peer_ip, 80, NULL));
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_SYN_SENT);
  tcp_step (&f);
  /* The SYN: MSS option = MTU 1500 − 40, header 24 bytes, full window, DF as Linux. */
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 1);
  syn = tcp_peer_nth (f.peer, 0);
  g_assert_cmpuint (syn->h.flags, ==, WL_TCP_SYN);
  g_assert_cmpuint (syn->h.mss, ==, 1460);
  g_assert_cmpuint (syn->h.hlen, ==, 24);
  g_assert_cmpuint (syn->h.window, ==, 65535);
  g_assert_cmpuint (syn->h.ack, ==, 0);
  g_assert_cmpuint (syn->h.dport, ==, 80);
  g_assert_cmpuint (syn->h.sport, >=, WL_UDP_EPHEMERAL_MIN);
  g_assert_cmpuint (syn->h.sport, <=, WL_UDP_EPHEMERAL_MAX);
  g_assert_true (syn->df);
  g_assert_cmpuint (syn->len, ==, 0);
  /* SYN,ACK with a smaller MSS: ours becomes 1000; we answer with a bare ACK. */
  tcp_peer_send_syn (f.peer, f.pc1, 80, syn->h.sport, 5000, syn->h.seq + 1,
                     WL_TCP_SYN | WL_TCP_ACK, 1000);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 2);
  ack = tcp_peer_nth (f.peer, 1);
  g_assert_cmpuint (ack->h.flags, ==, WL_TCP_ACK);
  g_assert_cmpuint (ack->h.seq, ==, syn->h.seq + 1);
  g_assert_cmpuint (ack->h.ack, ==, 5001);
  g_assert_cmpuint (ack->h.hlen, ==, 20);
  g_assert_cmpuint (tcp_fix_pcb (&f)->mss, ==, 1000);
  g_assert_cmpuint (f.app.connected, ==, 1);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>ESTABLISHED");
  tcp_fix_clear (&f);
}

static void
test_passive_open (void)
{
  TcpFix f;
  const PeerSeg *synack;
  WlTcpPcb *listener;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  wl_socket_set_callback (f.app.sock, tcp_on_app, &f.app);
  g_assert_true (wl_socket_bind (f.app.sock, 0, 80, NULL));
  g_assert_true (wl_socket_listen (f.app.sock, 5, NULL));
  tcp_peer_send_syn (f.peer, f.pc1, 3000, 80, 1000, 0, WL_TCP_SYN, 0);  /* no MSS option */
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 1);
  synack = tcp_peer_nth (f.peer, 0);
  g_assert_cmpuint (synack->h.flags, ==, WL_TCP_SYN | WL_TCP_ACK);
  g_assert_cmpuint (synack->h.ack, ==, 1001);
  g_assert_cmpuint (synack->h.mss, ==, 1460);
  g_assert_cmpuint (synack->h.sport, ==, 80);
  g_assert_cmpuint (synack->h.dport, ==, 3000);
  /* RFC 9293 §3.7.1: no MSS option means 536. */
  g_assert_cmpuint (tcp_find_pcb (f.stack, 80)->mss, ==, 536);
  g_assert_cmpint (tcp_find_pcb (f.stack, 80)->state, ==, WL_TCP_SYN_RECEIVED);
  g_assert_cmpuint (f.app.accepts, ==, 0);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, 1001, synack->h.seq + 1, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (f.app.accepts, ==, 1);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_ESTABLISHED);
  listener = tcp_find_listener (f.stack, 80);
  g_assert_nonnull (listener);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 1);  /* nothing answers the final ACK */
  assert_states (&f, "CLOSED>LISTEN LISTEN>SYN_RECEIVED SYN_RECEIVED>ESTABLISHED");
  tcp_fix_clear (&f);
}

/* RFC 9293 §3.5.2, group 1: a segment for a port nobody listens on. */
static void
test_closed_port (void)
{
  TcpFix f;
  const PeerSeg *rst;
  const WlTraceEvent *drop;

  tcp_fix_init (&f);
  tcp_peer_send_syn (f.peer, f.pc1, 3000, 81, 1000, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 1);
  rst = tcp_peer_last (f.peer);
  /* no ACK in the segment: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK> (a SYN counts 1) */
  g_assert_cmpuint (rst->h.flags, ==, WL_TCP_RST | WL_TCP_ACK);
  g_assert_cmpuint (rst->h.seq, ==, 0);
  g_assert_cmpuint (rst->h.ack, ==, 1001);
  drop = l3_nth (f.bed, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, 0, 0);
  g_assert_nonnull (drop);
  g_assert_cmpint (drop->proto, ==, WL_PROTO_TCP);
  g_assert_cmpint (drop->layer, ==, WL_LAYER_TRANSPORT);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RESET, 0), ==, 1);
  g_assert_true (l3_caused_by (f.bed, l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RESET, 0, 0),
                               drop->id));

  /* data and FIN, no ACK: the ACK field counts both */
  tcp_peer_send (f.peer, f.pc1, 3000, 81, 2000, 0, WL_TCP_FIN, 0, (const guint8 *) "hello", 5);
  tcp_step (&f);
  rst = tcp_peer_last (f.peer);
  g_assert_cmpuint (rst->h.flags, ==, WL_TCP_RST | WL_TCP_ACK);
  g_assert_cmpuint (rst->h.ack, ==, 2006);

  /* with ACK: <SEQ=SEG.ACK><CTL=RST> */
  tcp_peer_send (f.peer, f.pc1, 3000, 81, 5, 777, WL_TCP_ACK, 0, NULL, 0);
  tcp_step (&f);
  rst = tcp_peer_last (f.peer);
  g_assert_cmpuint (rst->h.flags, ==, WL_TCP_RST);
  g_assert_cmpuint (rst->h.seq, ==, 777);

  /* a RST is never answered */
  tcp_peer_send (f.peer, f.pc1, 3000, 81, 5, 0, WL_TCP_RST, 0, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 3);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_FRAME_DROPPED, WL_DROP_PORT_UNREACHABLE, 0), ==, 4);
  tcp_fix_clear (&f);
}

static void
test_refused (void)
{
  TcpFix f;
  guint32 iss;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  wl_socket_set_callback (f.app.sock, tcp_on_app, &f.app);
  g_assert_true (wl_socket_connect (f.app.sock, f.peer_ip, 80, NULL));
  tcp_step (&f);
  iss = tcp_peer_last (f.peer)->h.seq;
  /* a RST without ACK is not acceptable in SYN_SENT */
  tcp_peer_send (f.peer, f.pc1, 80, tcp_peer_last (f.peer)->h.sport, 0, 0, WL_TCP_RST, 0, NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_SYN_SENT);
  /* a RST acknowledging our SYN refuses the connection */
  tcp_peer_send (f.peer, f.pc1, 80, tcp_peer_last (f.peer)->h.sport, 0, iss + 1,
                 WL_TCP_RST | WL_TCP_ACK, 0, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (f.app.errors, ==, 1);
  g_assert_error ((GError *) wl_socket_get_error (f.app.sock), G_IO_ERROR,
                  G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (wl_socket_get_pcb (f.app.sock));  /* the connection is freed */
  g_assert_cmpuint (f.stack->tcp.pcbs->len, ==, 0);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>CLOSED");
  tcp_fix_clear (&f);
}

static void
test_syn_sent_bad_ack (void)
{
  TcpFix f;
  guint32 iss;
  guint16 sport;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  g_assert_true (wl_socket_connect (f.app.sock, f.peer_ip, 80, NULL));
  tcp_step (&f);
  iss = tcp_peer_last (f.peer)->h.seq;
  sport = tcp_peer_last (f.peer)->h.sport;
  tcp_peer_send_syn (f.peer, f.pc1, 80, sport, 5000, iss + 100, WL_TCP_SYN | WL_TCP_ACK, 1460);
  tcp_step (&f);
  /* <SEQ=SEG.ACK><CTL=RST>, and the connection waits on */
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_RST);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.seq, ==, iss + 100);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_SYN_SENT);
  tcp_fix_clear (&f);
}

/* ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT → (2·MSL, to the nanosecond) CLOSED. */
static void
test_active_close (void)
{
  TcpFix f;
  const PeerSeg *fin, *ack;
  const WlTraceEvent *tw, *closed;
  WlTime t_wait;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  wl_socket_close (f.app.sock);
  f.app.sock = NULL;
  tcp_step (&f);
  fin = tcp_peer_last (f.peer);
  g_assert_cmpuint (fin->h.flags, ==, WL_TCP_FIN | WL_TCP_ACK);
  g_assert_cmpuint (fin->h.seq, ==, f.iss + 1);
  g_assert_cmpuint (fin->h.ack, ==, f.irs + 1);
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_FIN_WAIT_1);

  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_FIN_WAIT_2);

  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  tcp_step (&f);
  ack = tcp_peer_last (f.peer);
  g_assert_cmpuint (ack->h.flags, ==, WL_TCP_ACK);
  g_assert_cmpuint (ack->h.ack, ==, f.irs + 2);
  g_assert_cmpuint (ack->h.seq, ==, f.iss + 2);
  tw = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, 0, 4);
  g_assert_nonnull (tw);
  t_wait = tw->time;
  g_assert_cmpuint (ack->time - t_wait, <, 10 * WL_US);  /* at once */

  /* 2·MSL = 60 s: one nanosecond before, still there; at 60 s, gone. */
  tcp_run_until (f.bed, t_wait + 2 * WL_TCP_MSL - 1);
  g_assert_nonnull (tcp_find_pcb (f.stack, 40000));
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_TIME_WAIT);
  tcp_run_until (f.bed, t_wait + 2 * WL_TCP_MSL);
  g_assert_null (tcp_find_pcb (f.stack, 40000));
  closed = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, 0, 5);
  g_assert_cmpuint (closed->time, ==, t_wait + 60 * WL_S);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>ESTABLISHED ESTABLISHED>FIN_WAIT_1 "
                     "FIN_WAIT_1>FIN_WAIT_2 FIN_WAIT_2>TIME_WAIT TIME_WAIT>CLOSED");
  g_assert_cmpuint (f.stack->tcp.pcbs->len, ==, 0);
  tcp_fix_clear (&f);
}

/* Their FIN acknowledging ours in one segment: through FIN_WAIT_2 to TIME_WAIT at once. */
static void
test_fin_ack_in_fin_wait_1 (void)
{
  TcpFix f;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  tcp_step (&f);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_TIME_WAIT);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>ESTABLISHED ESTABLISHED>FIN_WAIT_1 "
                     "FIN_WAIT_1>FIN_WAIT_2 FIN_WAIT_2>TIME_WAIT");
  tcp_fix_clear (&f);
}

/* A retransmitted FIN in TIME_WAIT is acknowledged and starts the 2·MSL wait again. */
static void
test_time_wait_restart (void)
{
  TcpFix f;
  const WlTraceEvent *closed;
  guint n;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  tcp_step (&f);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  tcp_step (&f);
  n = tcp_peer_count (f.peer);
  f.t = 10 * WL_S;
  tcp_run_until (f.bed, f.t);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, f.irs + 2);
  tcp_run_until (f.bed, 0);
  closed = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, 0, 5);
  /* the FIN arrived 10 s + 1 µs + its serialisation after t = 10 s */
  g_assert_cmpuint (closed->time, >, 70 * WL_S);
  g_assert_cmpuint (closed->time, <, 70 * WL_S + WL_MS);
  tcp_fix_clear (&f);
}

/* The peer closes first: CLOSE_WAIT, our ACK of its FIN waits 40 ms (Linux's delayed ACK
 * after a FIN), our close sends FIN: LAST_ACK, its ACK: CLOSED. */
static void
test_passive_close (void)
{
  TcpFix f;
  WlTime fin_at;

  tcp_fix_init (&f);
  tcp_establish_passive (&f);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, f.irs + 1, f.iss + 1, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  fin_at = f.t;
  f.t += 100 * WL_MS;
  tcp_run_until (f.bed, f.t);
  g_assert_true (f.app.eof);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_CLOSE_WAIT);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, f.irs + 2);
  g_assert_cmpuint (tcp_peer_last (f.peer)->time, >, fin_at + WL_TCP_DELACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->time, <, fin_at + WL_TCP_DELACK + 20 * WL_US);

  g_clear_pointer (&f.app.child, wl_socket_close);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_FIN | WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.seq, ==, f.iss + 1);
  g_assert_cmpint (tcp_find_pcb (f.stack, 80)->state, ==, WL_TCP_LAST_ACK);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, f.irs + 2, f.iss + 2, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_null (tcp_find_pcb (f.stack, 80));
  assert_states (&f, "CLOSED>LISTEN LISTEN>SYN_RECEIVED SYN_RECEIVED>ESTABLISHED "
                     "ESTABLISHED>CLOSE_WAIT CLOSE_WAIT>LAST_ACK LAST_ACK>CLOSED");
  tcp_fix_clear (&f);
}

/* An application that closes as soon as it reads the end: its FIN carries the ACK of the
 * peer's FIN, as in Linux captures (FIN → FIN,ACK → ACK). */
static void
test_close_fin_ack_combined (void)
{
  TcpFix f;
  guint n;

  tcp_fix_init (&f);
  f.app.close_at_eof = TRUE;
  tcp_establish_passive (&f);
  n = tcp_peer_count (f.peer);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, f.irs + 1, f.iss + 1, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  f.t += 100 * WL_MS;
  tcp_run_until (f.bed, f.t);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_FIN | WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, f.irs + 2);
  tcp_fix_clear (&f);
}

/* Both close at once: FIN_WAIT_1 → CLOSING → TIME_WAIT. */
static void
test_simultaneous_close (void)
{
  TcpFix f;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  /* the peer's FIN crosses ours: it does not acknowledge our FIN */
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 1, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_CLOSING);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, f.irs + 2);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 2, f.iss + 2, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_TIME_WAIT);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>ESTABLISHED ESTABLISHED>FIN_WAIT_1 "
                     "FIN_WAIT_1>CLOSING CLOSING>TIME_WAIT");
  tcp_fix_clear (&f);
}

/* Both send SYN: SYN_SENT → SYN_RECEIVED → ESTABLISHED, with the SYN,ACKs crossing. */
static void
test_simultaneous_open (void)
{
  TcpFix f;
  const PeerSeg *synack;
  guint32 iss;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  wl_socket_set_callback (f.app.sock, tcp_on_app, &f.app);
  g_assert_true (wl_socket_bind (f.app.sock, 0, 5000, NULL));
  g_assert_true (wl_socket_connect (f.app.sock, f.peer_ip, 6000, NULL));
  tcp_step (&f);
  iss = tcp_peer_last (f.peer)->h.seq;
  tcp_peer_send_syn (f.peer, f.pc1, 6000, 5000, 700, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_SYN_RECEIVED);
  synack = tcp_peer_last (f.peer);
  g_assert_cmpuint (synack->h.flags, ==, WL_TCP_SYN | WL_TCP_ACK);
  g_assert_cmpuint (synack->h.seq, ==, iss);
  g_assert_cmpuint (synack->h.ack, ==, 701);
  g_assert_cmpuint (synack->h.mss, ==, 1460);
  tcp_peer_send_syn (f.peer, f.pc1, 6000, 5000, 700, iss + 1, WL_TCP_SYN | WL_TCP_ACK, 1460);
  tcp_step (&f);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_ESTABLISHED);
  g_assert_cmpuint (f.app.connected, ==, 1);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 2);  /* nothing more is needed */
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>SYN_RECEIVED SYN_RECEIVED>ESTABLISHED");
  tcp_fix_clear (&f);
}

/* The same between two real stacks, connecting to each other at the same nanosecond. */
static void
on_start_connect (WlSim   *sim,
                  gpointer target,
                  gpointer data)
{
  TcpApp *app = target;

  g_assert_true (wl_socket_connect (app->sock, GPOINTER_TO_UINT (data), 7000, NULL));
}

static void
test_simultaneous_open_two_hosts (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (L3Bed) bed = NULL;
  TcpApp a = { 0 }, b = { 0 };
  g_autofree char *s1 = NULL, *s2 = NULL;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  l3_add_host (lab, "PC2", "10.0.0.2/24", NULL);
  l3_connect (lab, "PC1", 0, "PC2", 0);
  /* ARP first, so that the SYNs really cross on the wire */
  l3_action (lab, 0, "PC1", "ping -c 1 10.0.0.2");
  bed = l3_bed_new (lab, 3);
  a.sock = wl_socket_tcp_new (l3_bed_stack (bed, "PC1"));
  b.sock = wl_socket_tcp_new (l3_bed_stack (bed, "PC2"));
  wl_socket_set_callback (a.sock, tcp_on_app, &a);
  wl_socket_set_callback (b.sock, tcp_on_app, &b);
  g_assert_true (wl_socket_bind (a.sock, 0, 7000, NULL));
  g_assert_true (wl_socket_bind (b.sock, 0, 7000, NULL));
  wl_sim_schedule_at (bed->sim, WL_S, on_start_connect, &a,
                      GUINT_TO_POINTER (l3_ip ("10.0.0.2")), NULL);
  wl_sim_schedule_at (bed->sim, WL_S, on_start_connect, &b,
                      GUINT_TO_POINTER (l3_ip ("10.0.0.1")), NULL);
  tcp_run_until (bed, 2 * WL_S);
  g_assert_cmpuint (a.connected, ==, 1);
  g_assert_cmpuint (b.connected, ==, 1);
  s1 = tcp_states (bed, 0, NULL);
  s2 = tcp_states (bed, 1, NULL);
  g_assert_cmpstr (s1, ==, "CLOSED>SYN_SENT SYN_SENT>SYN_RECEIVED SYN_RECEIVED>ESTABLISHED");
  g_assert_cmpstr (s2, ==, "CLOSED>SYN_SENT SYN_SENT>SYN_RECEIVED SYN_RECEIVED>ESTABLISHED");
  tcp_app_clear (&a);
  tcp_app_clear (&b);
}

/* RST in SYN_RECEIVED: the connection opened from LISTEN goes back to LISTEN (the listener
 * goes on, the half-open copy is freed); a RST that is in the window but not exact only earns
 * a challenge ACK (RFC 5961). */
static void
test_rst_in_syn_received (void)
{
  TcpFix f;
  guint n;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  wl_socket_set_callback (f.app.sock, tcp_on_app, &f.app);
  g_assert_true (wl_socket_bind (f.app.sock, 0, 80, NULL));
  g_assert_true (wl_socket_listen (f.app.sock, 5, NULL));
  tcp_peer_send_syn (f.peer, f.pc1, 3000, 80, 1000, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  n = tcp_peer_count (f.peer);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, 1005, 0, WL_TCP_RST, 0, NULL, 0);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);  /* challenge ACK */
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, 1001);
  g_assert_cmpint (tcp_find_pcb (f.stack, 80)->state, ==, WL_TCP_SYN_RECEIVED);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, 1001, 0, WL_TCP_RST, 0, NULL, 0);
  tcp_step (&f);
  g_assert_null (tcp_find_pcb (f.stack, 80));
  g_assert_nonnull (tcp_find_listener (f.stack, 80));
  assert_states (&f, "CLOSED>LISTEN LISTEN>SYN_RECEIVED SYN_RECEIVED>LISTEN");
  /* and the listener takes the next SYN */
  tcp_peer_send_syn (f.peer, f.pc1, 3001, 80, 9000, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_SYN | WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, 9001);
  tcp_fix_clear (&f);
}

/* A duplicate SYN in SYN_RECEIVED (our SYN,ACK was lost): the SYN,ACK again (Linux). */
static void
test_syn_again_in_syn_received (void)
{
  TcpFix f;
  const PeerSeg *a, *b;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  g_assert_true (wl_socket_bind (f.app.sock, 0, 80, NULL));
  g_assert_true (wl_socket_listen (f.app.sock, 5, NULL));
  tcp_peer_send_syn (f.peer, f.pc1, 3000, 80, 1000, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  tcp_peer_send_syn (f.peer, f.pc1, 3000, 80, 1000, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 2);
  a = tcp_peer_nth (f.peer, 0);
  b = tcp_peer_nth (f.peer, 1);
  g_assert_cmpuint (b->h.flags, ==, WL_TCP_SYN | WL_TCP_ACK);
  g_assert_cmpuint (b->h.seq, ==, a->h.seq);
  g_assert_cmpuint (b->h.ack, ==, a->h.ack);
  tcp_fix_clear (&f);
}

/* RST on an established connection: exact → reset (ECONNRESET); a SYN → challenge ACK. */
static void
test_rst_established (void)
{
  TcpFix f;
  guint n;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  n = tcp_peer_count (f.peer);
  tcp_peer_send_syn (f.peer, f.pc1, 80, 40000, 123, 0, WL_TCP_SYN, 1460);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, f.irs + 1);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 100, 0, WL_TCP_RST, 0, NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_fix_pcb (&f)->state, ==, WL_TCP_ESTABLISHED);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, n + 2);  /* challenge ACK */
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, 0, WL_TCP_RST, 0, NULL, 0);
  tcp_step (&f);
  g_assert_null (wl_socket_get_pcb (f.app.sock));
  g_assert_cmpuint (f.app.errors, ==, 1);
  g_assert_error ((GError *) wl_socket_get_error (f.app.sock), G_IO_ERROR,
                  G_IO_ERROR_CONNECTION_CLOSED);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>ESTABLISHED ESTABLISHED>CLOSED");
  tcp_fix_clear (&f);
}

/* close() with data never read: RST instead of FIN (RFC 2525 §2.17, Linux). */
static void
test_close_unread_rst (void)
{
  TcpFix f;
  g_autofree char *reason = NULL;

  tcp_fix_init (&f);
  f.app.no_accept = TRUE;
  tcp_establish_passive (&f);
  f.app.child = wl_socket_accept (f.app.sock);
  tcp_peer_send (f.peer, f.pc1, 3000, 80, f.irs + 1, f.iss + 1, WL_TCP_ACK | WL_TCP_PSH, 65535,
                 (const guint8 *) "GET /", 5);
  tcp_step (&f);
  g_clear_pointer (&f.app.child, wl_socket_close);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_RST | WL_TCP_ACK);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.seq, ==, f.iss + 1);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.ack, ==, f.irs + 6);
  g_assert_null (tcp_find_pcb (f.stack, 80));
  reason = l3_arg (l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RESET, 0, 0), "reason");
  g_assert_cmpstr (reason, ==, "unread-data");
  tcp_fix_clear (&f);
}

/* After close(), data from the peer has nobody to read it: RST (Linux). */
static void
test_data_after_close (void)
{
  TcpFix f;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  tcp_step (&f);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_ACK, 65535,
                 (const guint8 *) "late", 4);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_RST | WL_TCP_ACK);
  g_assert_null (tcp_find_pcb (f.stack, 40000));
  tcp_fix_clear (&f);
}

/* An orphan in FIN_WAIT_2 whose peer never closes gives up after 60 s (tcp_fin_timeout). */
static void
test_fin_wait_2_timeout (void)
{
  TcpFix f;
  const WlTraceEvent *fw2, *closed;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  tcp_step (&f);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_ACK, 65535, NULL, 0);
  tcp_run_until (f.bed, 0);
  fw2 = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, 0, 3);
  closed = l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, 0, 4);
  g_assert_cmpuint (closed->time - fw2->time, ==, WL_TCP_FIN_TIMEOUT);
  assert_states (&f, "CLOSED>SYN_SENT SYN_SENT>ESTABLISHED ESTABLISHED>FIN_WAIT_1 "
                     "FIN_WAIT_1>FIN_WAIT_2 FIN_WAIT_2>CLOSED");
  tcp_fix_clear (&f);
}

/* Nobody answers the SYN: sent again after 1, 2, 4, 8, 16, 32 s; given up 64 s later. */
static void
test_syn_timeout (void)
{
  TcpFix f;
  g_autoptr (GPtrArray) rtx = NULL;
  WlTime at = 0;

  tcp_fix_init (&f);
  f.app.sock = wl_socket_tcp_new (f.stack);
  wl_socket_set_callback (f.app.sock, tcp_on_app, &f.app);
  g_assert_true (wl_socket_connect (f.app.sock, l3_ip ("10.0.0.77"), 80, NULL));
  tcp_run_until (f.bed, 0);
  rtx = l3_find (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_RETRANSMIT, 0);
  g_assert_cmpuint (rtx->len, ==, WL_TCP_SYN_RETRIES);
  for (guint i = 0; i < rtx->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (rtx, i);

      at += (WlTime) (1u << i) * WL_S;
      g_assert_cmpuint (ev->time, ==, at);
      g_assert_cmpuint (l3_arg_u64 (ev, "rto_ns"), ==, (guint64) (1u << i) * WL_S);
      g_assert_cmpuint (l3_arg_u64 (ev, "len"), ==, 0);
    }
  g_assert_cmpuint (f.app.errors, ==, 1);
  g_assert_error ((GError *) wl_socket_get_error (f.app.sock), G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_cmpuint (l3_nth (f.bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, 0, 1)->time, ==,
                    127 * WL_S);
  tcp_fix_clear (&f);
}

/* Closing a listener resets the connection nobody accepted. */
static void
test_listener_close_resets (void)
{
  TcpFix f;

  tcp_fix_init (&f);
  f.app.no_accept = TRUE;
  tcp_establish_passive (&f);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  tcp_step (&f);
  g_assert_cmpuint (tcp_peer_last (f.peer)->h.flags, ==, WL_TCP_RST | WL_TCP_ACK);
  g_assert_cmpuint (f.stack->tcp.pcbs->len, ==, 0);
  tcp_fix_clear (&f);
}

/* Broken segments are dropped with their reason, never answered. */
static void
test_bad_segments (void)
{
  TcpFix f;
  WlTcpHeader h = { .sport = 3000, .dport = 80, .seq = 1, .flags = WL_TCP_SYN, .window = 100 };
  guint8 seg[WL_TCP_HLEN_MAX] = { 0 };
  WlPacket *pkt;
  WlDevice *peer;

  tcp_fix_init (&f);
  peer = &f.peer->parent;
  wl_tcp_header_encode (seg, &h);
  wl_put_u16 (seg + WL_TCP_OFF_CSUM, 0x1234);  /* wrong */
  pkt = l3_eth_wrap (l3_ipv4_packet (f.peer_ip, f.pc1, 6, 64, 1, seg, 20), &peer->ports[0]->mac,
                     &f.peer->host_mac, 0x0800);
  l3_station_send_at (peer, WL_MS, pkt);
  seg[WL_TCP_OFF_DOFF] = 4 << 4;  /* 16 bytes: below the minimum */
  wl_put_u16 (seg + WL_TCP_OFF_CSUM, 0);
  wl_put_u16 (seg + WL_TCP_OFF_CSUM, wl_tcp_checksum (f.peer_ip, f.pc1, seg, 20));
  pkt = l3_eth_wrap (l3_ipv4_packet (f.peer_ip, f.pc1, 6, 64, 2, seg, 20), &peer->ports[0]->mac,
                     &f.peer->host_mac, 0x0800);
  l3_station_send_at (peer, 2 * WL_MS, pkt);
  tcp_run_until (f.bed, 0);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_FRAME_DROPPED, WL_DROP_BAD_CHECKSUM, 0), ==, 1);
  g_assert_cmpuint (l3_count (f.bed, WL_EVENT_FRAME_DROPPED, WL_DROP_MALFORMED, 0), ==, 1);
  g_assert_cmpuint (tcp_peer_count (f.peer), ==, 0);
  tcp_fix_clear (&f);
}

/* A port in use cannot be bound again; one held only by TIME_WAIT can (SO_REUSEADDR). */
static void
test_bind_in_use (void)
{
  TcpFix f;
  WlSocket *other;
  g_autoptr (GError) error = NULL;

  tcp_fix_init (&f);
  tcp_establish_active (&f);
  other = wl_socket_tcp_new (f.stack);
  g_assert_false (wl_socket_bind (other, 0, 40000, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE);
  g_clear_pointer (&f.app.sock, wl_socket_close);
  tcp_step (&f);
  tcp_peer_send (f.peer, f.pc1, 80, 40000, f.irs + 1, f.iss + 2, WL_TCP_FIN | WL_TCP_ACK, 65535,
                 NULL, 0);
  tcp_step (&f);
  g_assert_cmpint (tcp_find_pcb (f.stack, 40000)->state, ==, WL_TCP_TIME_WAIT);
  g_assert_true (wl_socket_bind (other, 0, 40000, NULL));
  wl_socket_close (other);
  tcp_fix_clear (&f);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/tcp/state/active-open", test_active_open);
  g_test_add_func ("/engine/tcp/state/passive-open", test_passive_open);
  g_test_add_func ("/engine/tcp/state/closed-port-rst", test_closed_port);
  g_test_add_func ("/engine/tcp/state/syn-sent-refused", test_refused);
  g_test_add_func ("/engine/tcp/state/syn-sent-bad-ack", test_syn_sent_bad_ack);
  g_test_add_func ("/engine/tcp/state/active-close-time-wait-2msl", test_active_close);
  g_test_add_func ("/engine/tcp/state/fin-wait-1-fin-ack", test_fin_ack_in_fin_wait_1);
  g_test_add_func ("/engine/tcp/state/time-wait-restart", test_time_wait_restart);
  g_test_add_func ("/engine/tcp/state/passive-close", test_passive_close);
  g_test_add_func ("/engine/tcp/state/close-fin-ack-combined", test_close_fin_ack_combined);
  g_test_add_func ("/engine/tcp/state/simultaneous-close", test_simultaneous_close);
  g_test_add_func ("/engine/tcp/state/simultaneous-open", test_simultaneous_open);
  g_test_add_func ("/engine/tcp/state/simultaneous-open-two-hosts",
                   test_simultaneous_open_two_hosts);
  g_test_add_func ("/engine/tcp/state/rst-in-syn-received", test_rst_in_syn_received);
  g_test_add_func ("/engine/tcp/state/syn-again-in-syn-received", test_syn_again_in_syn_received);
  g_test_add_func ("/engine/tcp/state/rst-established", test_rst_established);
  g_test_add_func ("/engine/tcp/state/close-unread-rst", test_close_unread_rst);
  g_test_add_func ("/engine/tcp/state/data-after-close-rst", test_data_after_close);
  g_test_add_func ("/engine/tcp/state/fin-wait-2-timeout", test_fin_wait_2_timeout);
  g_test_add_func ("/engine/tcp/state/syn-timeout", test_syn_timeout);
  g_test_add_func ("/engine/tcp/state/listener-close-resets", test_listener_close_resets);
  g_test_add_func ("/engine/tcp/state/bad-segments", test_bad_segments);
  g_test_add_func ("/engine/tcp/state/bind-in-use", test_bind_in_use);
  return g_test_run ();
}
