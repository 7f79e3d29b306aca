/* tcp-test.h — what the TCP tests share: a scripted peer that speaks TCP byte by byte (it
 * answers ARP, records every segment a host sends it, and sends hand-made segments), an
 * optional simple receiver mode for congestion tests, and questions about TCP notes.
 */
#pragma once

#include <glib.h>

#include "../l3/l3-test.h"
#include "proto/wl-socket.h"
#include "proto/wl-ipv4-wire.h"
#include "proto/wl-tcp-private.h"

G_BEGIN_DECLS

/* A segment the peer received. */
typedef struct
{
  WlTime       time;
  WlTcpHeader  h;
  guint32      src;
  guint32      dst;
  guint        len;
  guint8      *data;
  gboolean     df;
} PeerSeg;

typedef struct _TcpPeer TcpPeer;

/* Called for every segment the peer receives (after it was recorded). */
typedef void (*PeerFunc) (TcpPeer       *peer,
                          const PeerSeg *seg,
                          gpointer       user_data);

struct _TcpPeer
{
  WlDevice   parent;
  guint32    ip;
  WlMac      host_mac;   /* where its frames go */
  GPtrArray *segs;       /* of PeerSeg*, owned, in arrival order */
  PeerFunc   func;
  gpointer   user_data;
  /* receiver mode (tcp_peer_receive): acknowledge every segment at once */
  gboolean   receiving;
  guint32    rcv_nxt;
  guint16    window;
  GArray    *lose;       /* of guint32: sequence numbers whose first copy is "lost" */
  GHashTable *ooo;       /* seq → len of segments beyond a gap */
  guint64    bytes;      /* in-order data received */
};

/* A peer with address ip ("10.0.0.9") cabled to iface of device (1 µs, 100 Mbit/s). */
TcpPeer      *tcp_peer_attach (L3Bed      *bed,
                               const char *device,
                               guint       iface,
                               const char *ip);
/* Sends a segment from the peer now (sim time), with checksums right. */
void          tcp_peer_send (TcpPeer      *peer,
                             guint32       dst,
                             guint16       sport,
                             guint16       dport,
                             guint32       seq,
                             guint32       ack,
                             guint8        flags,
                             guint16       window,
                             const guint8 *data,
                             gsize         len);
/* The same, with an MSS option (for SYNs) and a window of 65535. */
void          tcp_peer_send_syn (TcpPeer *peer,
                                 guint32  dst,
                                 guint16  sport,
                                 guint16  dport,
                                 guint32  seq,
                                 guint32  ack,
                                 guint8   flags,
                                 guint16  mss);
void          tcp_peer_send_syn_window (TcpPeer *peer,
                                        guint32  dst,
                                        guint16  sport,
                                        guint16  dport,
                                        guint32  seq,
                                        guint32  ack,
                                        guint8   flags,
                                        guint16  mss,
                                        guint16  window);
/* Receiver mode: from the next data segment on (its sequence number is rcv_nxt), every
 * segment is acknowledged at once with window; segments starting at a sequence number in
 * lose are dropped the first time they come. */
void          tcp_peer_receive (TcpPeer *peer,
                                guint32  rcv_nxt,
                                guint16  window);
void          tcp_peer_lose (TcpPeer *peer,
                             guint32  seq);
const PeerSeg *tcp_peer_last (TcpPeer *peer);
guint         tcp_peer_count (TcpPeer *peer);
const PeerSeg *tcp_peer_nth (TcpPeer *peer,
                             guint    n);

/* The one connection of a stack on local port lport (not a listener), or NULL. */
WlTcpPcb     *tcp_find_pcb (WlStack *stack,
                            guint16  lport);
WlTcpPcb     *tcp_find_listener (WlStack *stack,
                                 guint16  lport);

/* "FROM>TO FROM>TO …" of a device's tcp-state notes whose conn contains conn_part (NULL:
 * all). */
char         *tcp_states (L3Bed      *bed,
                          gint        device,
                          const char *conn_part);
/* "cwnd/ssthresh/phase …" of a device's tcp-cwnd notes. */
char         *tcp_cwnds (L3Bed *bed,
                         gint   device);
/* Runs the simulation until time (absolute). */
void          tcp_run_until (L3Bed  *bed,
                             WlTime  until);

/* PC1 10.0.0.1/24 alone, with a peer 10.0.0.9 on its eth0. */
L3Bed        *tcp_bed_with_peer (TcpPeer **peer);

/* --- a test's fixture: PC1, the peer, PC1's application ----------------------------------- */

#define PEER_IP "10.0.0.9"
#define PC1_IP "10.0.0.1"

/* What the application on PC1 saw (its callback is tcp_on_app: it counts events, accepts,
 * reads everything). */
typedef struct
{
  WlSocket *sock;
  WlSocket *child;      /* accepted */
  guint     connected;
  guint     errors;
  guint     accepts;
  gboolean  eof;
  gboolean  close_at_eof;
  gboolean  no_accept;
  guint64   got;
} TcpApp;

typedef struct
{
  L3Bed   *bed;
  TcpPeer *peer;
  WlStack *stack;
  TcpApp   app;
  guint32  pc1;
  guint32  peer_ip;
  guint32  iss;      /* PC1's */
  guint32  irs;      /* the peer's */
  WlTime   t;        /* where the test is in time */
} TcpFix;

void          tcp_on_app (WlSocket      *sock,
                          WlSocketEvents events,
                          gpointer       user_data);
void          tcp_app_clear (TcpApp *app);
void          tcp_fix_init (TcpFix *f);
void          tcp_fix_clear (TcpFix *f);
/* Runs 1 ms more (the link is 1 µs: what is in flight arrives and is answered). */
void          tcp_step (TcpFix *f);
/* PC1's connection: the accepted one, else the socket's. */
WlTcpPcb     *tcp_fix_pcb (TcpFix *f);
/* PC1 port 40000 connects to the peer's port 80 (irs 5000): ESTABLISHED. */
void          tcp_establish_active (TcpFix *f);
/* The peer (port 3000, irs 1000) connects to PC1's listener on port 80; accepted. */
void          tcp_establish_passive (TcpFix *f);

G_END_DECLS
