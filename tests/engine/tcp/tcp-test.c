/* tcp-test.c — shared helpers of the TCP tests (see tcp-test.h). */
#include "config.h"

#include <string.h>

#include "tcp-test.h"
#include "proto/wl-arp-wire.h"
#include "proto/wl-ethernet-wire.h"
#include "proto/wl-ipv4-wire.h"

static void
peer_seg_free (gpointer data)
{
  PeerSeg *s = data;

  g_free (s->data);
  g_free (s);
}

static void
peer_finalize (WlDevice *dev)
{
  TcpPeer *peer = (TcpPeer *) dev;

  g_ptr_array_unref (peer->segs);
  g_array_unref (peer->lose);
  g_hash_table_unref (peer->ooo);
}

static void
answer_arp (TcpPeer      *peer,
            const guint8 *arp)
{
  WlMac sha;
  WlPacket *reply;

  if (wl_get_u16 (arp + 6) != 1 || wl_get_u32 (arp + 24) != peer->ip)
    return;
  memcpy (sha.b, arp + 8, 6);
  reply = l3_arp_frame (&sha, 2, &peer->parent.ports[0]->mac, peer->ip, &sha,
                        wl_get_u32 (arp + 14));
  wl_port_send_frame (peer->parent.ports[0], reply);
}

static gboolean
lose_once (TcpPeer *peer,
           guint32  seq)
{
  for (guint i = 0; i < peer->lose->len; i++)
    if (g_array_index (peer->lose, guint32, i) == seq)
      {
        g_array_remove_index (peer->lose, i);
        return TRUE;
      }
  return FALSE;
}

/* Receiver mode: a minimal TCP receiver that acknowledges every segment at once. */
static void
receive_data (TcpPeer       *peer,
              const PeerSeg *seg)
{
  guint32 len = seg->len + ((seg->h.flags & WL_TCP_FIN) ? 1 : 0);
  gpointer stored;

  if (len == 0 || lose_once (peer, seg->h.seq))
    return;
  if (seg->h.seq == peer->rcv_nxt)
    {
      peer->rcv_nxt += len;
      peer->bytes += seg->len;
      while (g_hash_table_lookup_extended (peer->ooo, GUINT_TO_POINTER (peer->rcv_nxt), NULL,
                                           &stored))
        {
          g_hash_table_remove (peer->ooo, GUINT_TO_POINTER (peer->rcv_nxt));
          peer->bytes += GPOINTER_TO_UINT (stored);
          peer->rcv_nxt += GPOINTER_TO_UINT (stored);
        }
    }
  else if (WL_SEQ_GT (seg->h.seq, peer->rcv_nxt))
    g_hash_table_insert (peer->ooo, GUINT_TO_POINTER (seg->h.seq), GUINT_TO_POINTER (len));
  tcp_peer_send (peer, seg->src, seg->h.dport, seg->h.sport, seg->h.ack, peer->rcv_nxt,
                 WL_TCP_ACK, peer->window, NULL, 0);
}

static void
peer_receive (WlDevice *dev,
              WlPort   *port,
              WlPacket *frame)
{
  TcpPeer *peer = (TcpPeer *) dev;
  const guint8 *p = wl_packet_data (frame);
  gsize len = wl_packet_len (frame);
  const guint8 *ip = p + WL_ETH_HLEN;
  PeerSeg *seg;
  guint ihl, total;

  if (len >= WL_ETH_HLEN + 28 && wl_get_u16 (p + 12) == WL_ETHERTYPE_ARP)
    answer_arp (peer, ip);
  if (len < WL_ETH_HLEN + 40 || wl_get_u16 (p + 12) != WL_ETHERTYPE_IPV4
      || ip[WL_IPV4_OFF_PROTO] != WL_IP_PROTO_TCP)
    {
      wl_packet_unref (frame);
      return;
    }
  ihl = wl_ipv4_hlen (ip);
  total = wl_get_u16 (ip + WL_IPV4_OFF_LEN);
  seg = g_new0 (PeerSeg, 1);
  seg->time = wl_sim_now (dev->sim);
  seg->src = wl_get_u32 (ip + WL_IPV4_OFF_SRC);
  seg->dst = wl_get_u32 (ip + WL_IPV4_OFF_DST);
  seg->df = (wl_get_u16 (ip + WL_IPV4_OFF_FRAG) & WL_IPV4_FLAG_DF) != 0;
  /* The host's checksum must be right: checked here independently of the code under test. */
  g_assert_cmpuint (wl_tcp_checksum (seg->src, seg->dst, ip + ihl, total - ihl), ==, 0);
  g_assert_true (wl_tcp_header_decode (ip + ihl, total - ihl, &seg->h));
  seg->len = total - ihl - seg->h.hlen;
  seg->data = g_memdup2 (ip + ihl + seg->h.hlen, seg->len);
  g_ptr_array_add (peer->segs, seg);
  wl_packet_unref (frame);
  if (peer->func != NULL)
    peer->func (peer, seg, peer->user_data);
  if (peer->receiving)
    receive_data (peer, seg);
}

static const WlDeviceClass peer_class = {
  .kind = "tcp-peer",
  .layer = WL_LAYER_TRANSPORT,
  .size = sizeof (TcpPeer),
  .receive = peer_receive,
  .finalize = peer_finalize,
};

TcpPeer *
tcp_peer_attach (L3Bed      *bed,
                 const char *device,
                 guint       iface,
                 const char *ip)
{
  WlDevice *host = l3_bed_device (bed, device);
  TcpPeer *peer = (TcpPeer *) wl_device_new (&peer_class, bed->sim,
                                             (gint) (bed->n_devices + bed->stations->len),
                                             "peer", 1);
  WlLinkParams params = { .delay = WL_US, .bandwidth = G_GUINT64_CONSTANT (100000000) };
  WlMac mac = l3_mac (0x99);

  wl_device_set_port (&peer->parent, 0, "eth0", &mac, 1500);
  peer->ip = l3_ip (ip);
  peer->host_mac = host->ports[iface]->mac;
  peer->segs = g_ptr_array_new_with_free_func (peer_seg_free);
  peer->lose = g_array_new (FALSE, FALSE, sizeof (guint32));
  peer->ooo = g_hash_table_new (g_direct_hash, g_direct_equal);
  peer->window = 65535;
  g_ptr_array_add (bed->stations, peer);
  g_ptr_array_add (bed->links, wl_link_new (bed->sim, (gint) (bed->n_links + bed->links->len),
                                            peer->parent.ports[0], host->ports[iface],
                                            &params));
  return peer;
}

static void
send_header (TcpPeer           *peer,
             guint32            dst,
             const WlTcpHeader *h,
             const guint8      *data,
             gsize              len)
{
  guint hlen = wl_tcp_header_len (h);
  g_autofree guint8 *seg = g_malloc0 (hlen + len);
  WlPacket *pkt;

  wl_tcp_header_encode (seg, h);
  if (len > 0)
    memcpy (seg + hlen, data, len);
  wl_put_u16 (seg + WL_TCP_OFF_CSUM, wl_tcp_checksum (peer->ip, dst, seg, hlen + len));
  pkt = l3_ipv4_packet (peer->ip, dst, WL_IP_PROTO_TCP, 64, 7, seg, hlen + len);
  pkt = l3_eth_wrap (pkt, &peer->parent.ports[0]->mac, &peer->host_mac, WL_ETHERTYPE_IPV4);
  wl_port_send_frame (peer->parent.ports[0], pkt);
}

void
tcp_peer_send (TcpPeer      *peer,
               guint32       dst,
               guint16       sport,
               guint16       dport,
               guint32       seq,
               guint32       ack,
               guint8        flags,
               guint16       window,
               const guint8 *data,
               gsize         len)
{
  WlTcpHeader h = {
    .sport = sport, .dport = dport, .seq = seq, .ack = ack, .flags = flags, .window = window,
  };

  send_header (peer, dst, &h, data, len);
}

void
tcp_peer_send_syn_window (TcpPeer *peer,
                          guint32  dst,
                          guint16  sport,
                          guint16  dport,
                          guint32  seq,
                          guint32  ack,
                          guint8   flags,
                          guint16  mss,
                          guint16  window)
{
  WlTcpHeader h = {
    .sport = sport, .dport = dport, .seq = seq, .ack = ack, .flags = flags, .window = window,
    .mss = mss,
  };

  send_header (peer, dst, &h, NULL, 0);
}

void
tcp_peer_send_syn (TcpPeer *peer,
                   guint32  dst,
                   guint16  sport,
                   guint16  dport,
                   guint32  seq,
                   guint32  ack,
                   guint8   flags,
                   guint16  mss)
{
  tcp_peer_send_syn_window (peer, dst, sport, dport, seq, ack, flags, mss, 65535);
}

void
tcp_peer_receive (TcpPeer *peer,
                  guint32  rcv_nxt,
                  guint16  window)
{
  peer->receiving = TRUE;
  peer->rcv_nxt = rcv_nxt;
  peer->window = window;
}

void
tcp_peer_lose (TcpPeer *peer,
               guint32  seq)
{
  g_array_append_val (peer->lose, seq);
}

guint
tcp_peer_count (TcpPeer *peer)
{
  return peer->segs->len;
}

const PeerSeg *
tcp_peer_nth (TcpPeer *peer,
              guint    n)
{
  g_assert_cmpuint (n, <, peer->segs->len);
  return g_ptr_array_index (peer->segs, n);
}

const PeerSeg *
tcp_peer_last (TcpPeer *peer)
{
  g_assert_cmpuint (peer->segs->len, >, 0);
  return g_ptr_array_index (peer->segs, peer->segs->len - 1);
}

static WlTcpPcb *
find (WlStack *stack,
      guint16  lport,
      gboolean listener)
{
  for (guint i = 0; i < stack->tcp.pcbs->len; i++)
    {
      WlTcpPcb *pcb = g_ptr_array_index (stack->tcp.pcbs, i);

      if (pcb->local_port == lport && (pcb->state == WL_TCP_LISTEN) == listener)
        return pcb;
    }
  return NULL;
}

WlTcpPcb *
tcp_find_pcb (WlStack *stack,
              guint16  lport)
{
  return find (stack, lport, FALSE);
}

WlTcpPcb *
tcp_find_listener (WlStack *stack,
                   guint16  lport)
{
  return find (stack, lport, TRUE);
}

char *
tcp_states (L3Bed      *bed,
            gint        device,
            const char *conn_part)
{
  g_autoptr (GPtrArray) notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_TCP_STATE, device);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (notes, i);
      g_autofree char *conn = l3_arg (ev, "conn");
      g_autofree char *from = l3_arg (ev, "from");
      g_autofree char *to = l3_arg (ev, "to");

      if (conn_part != NULL && strstr (conn, conn_part) == NULL)
        continue;
      g_string_append_printf (out, "%s%s>%s", out->len ? " " : "", from, to);
    }
  return g_string_free (out, FALSE);
}

char *
tcp_cwnds (L3Bed *bed,
           gint   device)
{
  g_autoptr (GPtrArray) notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_TCP_CWND, device);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (notes, i);
      g_autofree char *cwnd = l3_arg (ev, "cwnd");
      g_autofree char *ssthresh = l3_arg (ev, "ssthresh");
      g_autofree char *phase = l3_arg (ev, "phase");

      g_string_append_printf (out, "%s%s/%s/%s", out->len ? " " : "", cwnd, ssthresh, phase);
    }
  return g_string_free (out, FALSE);
}

void
tcp_run_until (L3Bed *bed,
               WlTime until)
{
  wl_network_run (bed->net, until == 0 ? WL_TIME_FOREVER : until, 0);
}

L3Bed *
tcp_bed_with_peer (TcpPeer **peer)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  L3Bed *bed;

  l3_add_host (lab, "PC1", "10.0.0.1/24", NULL);
  bed = l3_bed_new (lab, 1);
  *peer = tcp_peer_attach (bed, "PC1", 0, "10.0.0.9");
  return bed;
}

/* The fixture ------------------------------------------------------------------------------ */

static void
app_read (TcpApp   *app,
          WlSocket *sock)
{
  guint8 buf[2048];
  gssize n;

  while ((n = wl_socket_recv (sock, buf, sizeof buf, NULL)) > 0)
    app->got += (guint64) n;
  if (n == 0)
    {
      app->eof = TRUE;
      if (app->close_at_eof)
        {
          wl_socket_close (sock);
          if (sock == app->child)
            app->child = NULL;
          else
            app->sock = NULL;
        }
    }
}

void
tcp_on_app (WlSocket      *sock,
            WlSocketEvents events,
            gpointer       user_data)
{
  TcpApp *app = user_data;

  if (events & WL_SOCKET_EVENT_CONNECTED)
    app->connected++;
  if (events & WL_SOCKET_EVENT_ERROR)
    app->errors++;
  if ((events & WL_SOCKET_EVENT_ACCEPT) && !app->no_accept)
    {
      app->accepts++;
      app->child = wl_socket_accept (sock);
      g_assert_nonnull (app->child);
      wl_socket_set_callback (app->child, tcp_on_app, app);
    }
  if (events & WL_SOCKET_EVENT_READABLE)
    app_read (app, sock);
}

void
tcp_app_clear (TcpApp *app)
{
  g_clear_pointer (&app->child, wl_socket_close);
  g_clear_pointer (&app->sock, wl_socket_close);
}

void
tcp_fix_init (TcpFix *f)
{
  memset (f, 0, sizeof *f);
  f->bed = tcp_bed_with_peer (&f->peer);
  f->stack = l3_bed_stack (f->bed, "PC1");
  f->pc1 = l3_ip (PC1_IP);
  f->peer_ip = l3_ip (PEER_IP);
}

void
tcp_fix_clear (TcpFix *f)
{
  tcp_app_clear (&f->app);
  l3_bed_free (f->bed);
}

void
tcp_step (TcpFix *f)
{
  f->t += WL_MS;
  tcp_run_until (f->bed, f->t);
}

WlTcpPcb *
tcp_fix_pcb (TcpFix *f)
{
  if (f->app.child != NULL)
    return wl_socket_get_pcb (f->app.child);
  return f->app.sock != NULL ? wl_socket_get_pcb (f->app.sock) : NULL;
}

/* PC1 connects to the peer's port 80 from port 40000; the peer answers; ESTABLISHED. */
void
tcp_establish_active (TcpFix *f)
{
  const PeerSeg *s;

  f->app.sock = wl_socket_tcp_new (f->stack);
  wl_socket_set_callback (f->app.sock, tcp_on_app, &f->app);
  g_assert_true (wl_socket_bind (f->app.sock, 0, 40000, NULL));
  g_assert_true (wl_socket_connect (f->app.sock, f->peer_ip, 80, NULL));
  tcp_step (f);
  s = tcp_peer_last (f->peer);
  f->iss = s->h.seq;
  f->irs = 5000;
  tcp_peer_send_syn (f->peer, f->pc1, 80, 40000, f->irs, f->iss + 1, WL_TCP_SYN | WL_TCP_ACK,
                     1460);
  tcp_step (f);
  g_assert_cmpint (tcp_fix_pcb (f)->state, ==, WL_TCP_ESTABLISHED);
}

/* The peer connects from port 3000 to PC1's listener on port 80; PC1 accepts. */
void
tcp_establish_passive (TcpFix *f)
{
  f->app.sock = wl_socket_tcp_new (f->stack);
  wl_socket_set_callback (f->app.sock, tcp_on_app, &f->app);
  g_assert_true (wl_socket_bind (f->app.sock, 0, 80, NULL));
  g_assert_true (wl_socket_listen (f->app.sock, 5, NULL));
  f->irs = 1000;
  tcp_peer_send_syn (f->peer, f->pc1, 3000, 80, f->irs, 0, WL_TCP_SYN, 1460);
  tcp_step (f);
  f->iss = tcp_peer_last (f->peer)->h.seq;
  tcp_peer_send (f->peer, f->pc1, 3000, 80, f->irs + 1, f->iss + 1, WL_TCP_ACK, 65535, NULL, 0);
  tcp_step (f);
}
