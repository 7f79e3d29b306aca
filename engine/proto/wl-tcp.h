/* wl-tcp.h — TCP (RFC 9293; RFC 6298 retransmission timer; RFC 5681 and 6582 congestion
 * control): connections, the per-stack connection table, and the calls the socket layer
 * (wl-socket.h) makes.
 *
 *   wl-tcp.c             the table, the state machine (one handler per state)
 *   wl-tcp-user.c        the user's calls: bind, listen, connect, write, read, close …
 *   wl-tcp-input.c       checking, demultiplexing, ACK and data processing, resets
 *   wl-tcp-output.c      building and sending segments: what may go, windows, Nagle, ACKs
 *   wl-tcp-timers.c      RTO (SRTT/RTTVAR, Karn, backoff), persist, delayed ACK, TIME_WAIT
 *   wl-tcp-congestion.c  slow start, congestion avoidance, fast retransmit / NewReno
 *   wl-tcp-wire.h        the header and its options
 *
 * Applications do not use this header: they use sockets.  A connection (WlTcpPcb, "protocol
 * control block" as BSD and lwIP call it) is plain data owned by its stack's table; tests read
 * its fields.  It is freed once it reaches CLOSED, after telling its user (WL_TCP_EVENT_FREED).
 */
#pragma once

#include <glib.h>

#include "core/wl-packet.h"
#include "core/wl-sim.h"
#include "proto/wl-ipv4.h"

G_BEGIN_DECLS

typedef struct _WlStack   WlStack;
typedef struct _WlStackRx WlStackRx;
typedef struct _WlTcpPcb  WlTcpPcb;

/* The eleven states of RFC 9293 §3.3.2, in its order. */
typedef enum
{
  WL_TCP_CLOSED,
  WL_TCP_LISTEN,
  WL_TCP_SYN_SENT,
  WL_TCP_SYN_RECEIVED,
  WL_TCP_ESTABLISHED,
  WL_TCP_FIN_WAIT_1,
  WL_TCP_FIN_WAIT_2,
  WL_TCP_CLOSE_WAIT,
  WL_TCP_CLOSING,
  WL_TCP_LAST_ACK,
  WL_TCP_TIME_WAIT,
} WlTcpState;

/* What a connection tells its user.  The callback runs inside TCP's processing: it may read
 * the connection's fields but must not call into TCP (the socket layer defers to the
 * application through the simulation queue). */
typedef enum
{
  WL_TCP_EVENT_CONNECTED,  /* our active open reached ESTABLISHED */
  WL_TCP_EVENT_ACCEPT,     /* a listener's child reached ESTABLISHED: pcb is the child */
  WL_TCP_EVENT_RECV,       /* new in-order data waits in the receive buffer */
  WL_TCP_EVENT_EOF,        /* the peer's FIN arrived after all its data */
  WL_TCP_EVENT_SENT,       /* acknowledged data freed room in the send buffer */
  WL_TCP_EVENT_ERROR,      /* reset, refused or timed out: pcb->error says which */
  WL_TCP_EVENT_FREED,      /* the connection is being freed: forget the pointer */
} WlTcpEvent;

typedef enum
{
  WL_TCP_ERROR_NONE,
  WL_TCP_ERROR_REFUSED,    /* RST answered our SYN (ECONNREFUSED) */
  WL_TCP_ERROR_RESET,      /* RST on an established connection (ECONNRESET) */
  WL_TCP_ERROR_TIMED_OUT,  /* retransmissions gave up (ETIMEDOUT) */
} WlTcpError;

typedef void (*WlTcpEventFunc) (WlTcpPcb  *pcb,
                                WlTcpEvent event,
                                gpointer   user_data);

/* Constants, with the Linux value they copy (see wl-tcp.c for the choices). */
#define WL_TCP_MSL (30 * WL_S)              /* TIME_WAIT = 2·MSL = Linux TCP_TIMEWAIT_LEN */
#define WL_TCP_RTO_INITIAL (1 * WL_S)       /* RFC 6298 (2.1), Linux TCP_TIMEOUT_INIT */
#define WL_TCP_RTO_MIN (200 * WL_MS)        /* Linux TCP_RTO_MIN (RFC 6298 says 1 s) */
#define WL_TCP_RTO_MAX (120 * WL_S)         /* Linux TCP_RTO_MAX */
#define WL_TCP_CLOCK_G (1 * WL_MS)          /* RFC 6298's G: a 1000 Hz kernel clock */
#define WL_TCP_DELACK (40 * WL_MS)          /* Linux TCP_DELACK_MIN / TCP_ATO_MIN */
#define WL_TCP_QUICKACKS 16                 /* Linux TCP_MAX_QUICKACKS */
#define WL_TCP_IW 10                        /* initial window in segments, RFC 6928 */
#define WL_TCP_SYN_RETRIES 6                /* net.ipv4.tcp_syn_retries */
#define WL_TCP_RETRIES 15                   /* net.ipv4.tcp_retries2 */
#define WL_TCP_FIN_TIMEOUT (60 * WL_S)      /* net.ipv4.tcp_fin_timeout (orphans) */
#define WL_TCP_RCVBUF 65535                 /* largest window without window scaling */
#define WL_TCP_SNDBUF 131072                /* Linux starts at 16 KiB and autotunes */
#define WL_TCP_BACKLOG 128                  /* SOMAXCONN before Linux 5.4 */

/* Room for "255.255.255.255:65535-255.255.255.255:65535" and its NUL. */
#define WL_TCP_CONN_LEN 48

struct _WlTcpPcb
{
  WlStack       *stack;
  WlTcpState     state;
  guint32        local_ip;    /* 0 until bound to an address or connected */
  guint32        remote_ip;
  guint16        local_port;
  guint16        remote_port;
  gint           iface;       /* the interface the connection goes through; -1: unknown */
  WlTcpPcb      *listener;    /* a child not yet accepted: the listener it came from */
  guint          backlog;     /* a listener: how many children may wait */
  gboolean       passive;     /* opened from LISTEN */
  gboolean       orphan;      /* closed by its user: nobody reads any more */
  gboolean       dead;        /* reached CLOSED: freed when the current call ends */
  WlTcpError     error;

  /* Send sequence space (RFC 9293 §3.3.1), and snd_max: the highest sequence number sent,
   * since after a timeout snd_nxt goes back to snd_una ("go back N", as BSD does). */
  guint32        iss;
  guint32        snd_una;
  guint32        snd_nxt;
  guint32        snd_max;
  guint32        snd_wnd;
  guint32        max_snd_wnd;
  guint32        snd_wl1;
  guint32        snd_wl2;
  guint16        mss;         /* send MSS: min(peer's option or 536, ours) */
  guint16        adv_mss;     /* the MSS we announce: egress MTU − 40 */
  GByteArray    *sndbuf;      /* from snd_buf_seq on: sent and unacknowledged, then unsent */
  guint32        snd_buf_seq;
  guint          sndbuf_max;
  guint32        snd_sml;     /* end of the last small segment sent (Nagle, Minshall) */
  gboolean       fin_queued;  /* the user closed its side: a FIN follows the data */

  /* Receive sequence space */
  guint32        irs;
  guint32        rcv_nxt;
  guint32        rcv_adv;     /* right edge of the window we offered: rcv_nxt + RCV.WND */
  guint32        rcv_acked;   /* rcv_nxt as of the last segment we sent */
  guint16        rcv_wnd_sent;/* the window field of the last segment we sent */
  GByteArray    *rcvbuf;      /* in-order data the user has not read yet */
  guint          rcvbuf_max;
  GArray        *ooo;         /* out-of-order segments, by sequence number (wl-tcp-input.c) */
  gboolean       fin_received;

  /* ACK policy (wl-tcp-output.c) */
  guint          quickacks;   /* segments still to be acknowledged at once */
  gboolean       data_seen;   /* the first data segment arrived (quick-ack mode started) */
  gboolean       ack_now;     /* an ACK goes out when this segment is processed */
  gboolean       ack_delayed; /* an ACK is owed, the delayed-ACK timer may wait for it */

  /* Retransmission timer (RFC 6298) */
  WlTime         srtt;
  WlTime         rttvar;
  WlTime         rto;
  gboolean       have_rtt;
  gboolean       rtt_timing;  /* one segment at a time is timed */
  guint32        rtt_seq;
  WlTime         rtt_start;
  guint          retries;     /* timeouts in a row (exponential backoff) */
  gboolean       syn_lost;    /* our SYN or SYN,ACK had to be sent again */
  guint          probes;      /* zero-window probes in a row */

  /* Congestion control (RFC 5681, RFC 6582) */
  guint32        cwnd;
  guint32        ssthresh;
  guint32        bytes_acked; /* congestion avoidance: bytes acked since the last increase */
  guint          dupacks;
  gboolean       in_recovery;
  gboolean       partial_seen;/* a partial ACK arrived during this recovery */
  guint32        recover;

  /* Timers (0: not running) */
  WlTimerId      rtx_timer;
  WlTimerId      persist_timer;
  WlTimerId      delack_timer;
  WlTimerId      wait_timer;  /* TIME_WAIT, or FIN_WAIT_2 of an orphan */

  WlTcpEventFunc func;
  gpointer       user_data;
};

/* The connections of one stack. */
typedef struct
{
  GPtrArray *pcbs;            /* of WlTcpPcb*, owned, in creation order */
  guint16    next_ephemeral;
  guint      icmp_listener;   /* for "fragmentation needed"; 0 until the first connection */
  gboolean   shutting_down;   /* the stack is being freed: no more events */
} WlTcpTable;

void        wl_tcp_table_init (WlTcpTable *table,
                               guint       seed);
/* Frees every connection without a segment or an event (the stack is going away). */
void        wl_tcp_table_clear (WlTcpTable *table);

const char *wl_tcp_state_to_string (WlTcpState state);
/* "10.0.0.1:40000-10.0.0.2:80" (local first) into buf of WL_TCP_CONN_LEN bytes. */
char       *wl_tcp_conn_format (const WlTcpPcb *pcb,
                                char           *buf);

/* A new connection in CLOSED, in the stack's table. */
WlTcpPcb   *wl_tcp_pcb_new (WlStack *stack);
void        wl_tcp_set_callback (WlTcpPcb      *pcb,
                                 WlTcpEventFunc func,
                                 gpointer       user_data);
/* Local address (0: any) and port; FALSE when the port is taken (EADDRINUSE). */
gboolean    wl_tcp_bind (WlTcpPcb *pcb,
                         guint32   addr,
                         guint16   port);
/* CLOSED → LISTEN on the bound port; FALSE when not bound. */
gboolean    wl_tcp_listen (WlTcpPcb *pcb,
                           guint     backlog);
/* Active open: CLOSED → SYN_SENT.  FALSE (nothing sent) when no route leads to addr or no
 * port is free. */
gboolean    wl_tcp_connect (WlTcpPcb *pcb,
                            guint32   addr,
                            guint16   port);
/* The user took a child from its listener's queue: it no longer counts in the backlog. */
void        wl_tcp_accepted (WlTcpPcb *pcb);
/* Queues data for sending; returns how much fit in the send buffer. */
gsize       wl_tcp_write (WlTcpPcb     *pcb,
                          const guint8 *data,
                          gsize         len);
/* Takes up to len bytes of received data; may send a window update. */
gsize       wl_tcp_read (WlTcpPcb *pcb,
                         guint8   *buf,
                         gsize     len);
gsize       wl_tcp_get_readable (const WlTcpPcb *pcb);
gsize       wl_tcp_get_writable (const WlTcpPcb *pcb);
/* Half close (shutdown(SHUT_WR)): a FIN follows the queued data. */
void        wl_tcp_shutdown (WlTcpPcb *pcb);
/* close(): the user lets go.  FIN after the data, or RST when received data was never read
 * (RFC 2525 §2.17, as Linux); the connection finishes on its own and frees itself. */
void        wl_tcp_close (WlTcpPcb *pcb);
/* Sends RST (when synchronized) and frees the connection now (its user hears FREED unless it
 * cleared its callback first). */
void        wl_tcp_abort (WlTcpPcb *pcb);

/* A segment arrived for us: pkt starts at the TCP header.  Takes ownership. */
void        wl_tcp_input (WlStack          *stack,
                          const WlStackRx  *rx,
                          WlPacket         *pkt,
                          const WlIpv4Info *ip);

G_END_DECLS
