/* wl-tcp-private.h — what the TCP files tell each other (see wl-tcp.h for the map). */
#pragma once

#include "proto/wl-stack-private.h"
#include "proto/wl-tcp-wire.h"
#include "proto/wl-tcp.h"

G_BEGIN_DECLS

#define WL_TCP_SYNACK_RETRIES 5  /* net.ipv4.tcp_synack_retries */
#define WL_TCP_INITIAL_SSTHRESH 65535

/* A segment that arrived, decoded; data points into the received packet. */
typedef struct
{
  WlTcpHeader      h;
  const guint8    *data;
  guint            len;    /* data bytes */
  guint32          src;    /* the peer */
  guint32          dst;    /* us */
  gint             iface;
  const WlStackRx *rx;
  WlPacket        *pkt;
} WlTcpSeg;

/* Sequence space a segment occupies: its data, plus one each for SYN and FIN. */
static inline guint32
_wl_tcp_seg_len (const WlTcpSeg *seg)
{
  return seg->len + ((seg->h.flags & WL_TCP_SYN) ? 1 : 0) + ((seg->h.flags & WL_TCP_FIN) ? 1 : 0);
}

/* Sequence number just after the last data byte queued (where the FIN goes). */
static inline guint32
_wl_tcp_data_end (const WlTcpPcb *pcb)
{
  return pcb->snd_buf_seq + pcb->sndbuf->len;
}

/* Bytes sent and not yet acknowledged (RFC 5681's FlightSize). */
static inline guint32
_wl_tcp_flight_size (const WlTcpPcb *pcb)
{
  return pcb->snd_max - pcb->snd_una;
}

/* Data bytes in the first unacknowledged segment (what a retransmission sends). */
static inline guint32
_wl_tcp_first_len (const WlTcpPcb *pcb)
{
  guint32 end = _wl_tcp_data_end (pcb);

  if (WL_SEQ_LT (pcb->snd_una, pcb->snd_buf_seq))
    return 0;  /* the SYN */
  return WL_SEQ_LT (pcb->snd_una, end) ? MIN (end - pcb->snd_una, pcb->mss) : 0;
}

/* wl-tcp.c */
guint64   _wl_tcp_note (WlTcpPcb   *pcb,
                        WlCode      code,
                        const char *format,
                        ...) G_GNUC_PRINTF (3, 4);
void      _wl_tcp_set_state (WlTcpPcb  *pcb,
                             WlTcpState to);
void      _wl_tcp_notify (WlTcpPcb  *pcb,
                          WlTcpEvent event);
/* The connection dies: error for its user (unless NONE), then CLOSED. */
void      _wl_tcp_terminate (WlTcpPcb  *pcb,
                             WlTcpError error);
/* Frees pcb when it reached CLOSED; every entry point (input, timers, user calls) ends so. */
void      _wl_tcp_reap (WlTcpPcb *pcb);
WlTcpPcb *_wl_tcp_lookup (WlStack *stack,
                          guint32  local,
                          guint16  lport,
                          guint32  remote,
                          guint16  rport);
/* Ports and sequence space (for the user calls in wl-tcp-user.c). */
gboolean  _wl_tcp_port_in_use (WlStack *stack,
                               guint16  port,
                               gboolean any_state);
guint16   _wl_tcp_alloc_port (WlStack *stack);
/* The interface towards the peer, and the MSS we announce there (its MTU − 40). */
void      _wl_tcp_setup_route (WlTcpPcb *pcb);
/* A fresh ISN from the run's generator, and the send sequence space from it. */
void      _wl_tcp_start_send_space (WlTcpPcb *pcb);
/* Runs the handler of pcb's state on seg. */
void      _wl_tcp_segment_arrives (WlTcpPcb *pcb,
                                   WlTcpSeg *seg);

/* wl-tcp-input.c: the steps of RFC 9293 §3.10.7.4 shared by the synchronized states */
gboolean  _wl_tcp_check_sequence (WlTcpPcb *pcb,
                                  WlTcpSeg *seg);
/* TRUE when seg's RST is for the exact next sequence number (reset now); FALSE when it is
 * only in the window (a challenge ACK is queued, RFC 5961 §3.2). */
gboolean  _wl_tcp_rst_is_exact (WlTcpPcb       *pcb,
                                const WlTcpSeg *seg);
/* Step 5: FALSE when the segment is to be dropped (an ACK for something not yet sent). */
gboolean  _wl_tcp_process_ack (WlTcpPcb       *pcb,
                               const WlTcpSeg *seg);
/* Steps 7 and 8: TRUE when the peer's FIN was reached, in order, by this segment. */
gboolean  _wl_tcp_process_text (WlTcpPcb       *pcb,
                                const WlTcpSeg *seg);
void      _wl_tcp_ooo_clear (WlTcpPcb *pcb);
/* Bytes held in the out-of-order queue (they use receive buffer space too). */
guint32   _wl_tcp_ooo_bytes (const WlTcpPcb *pcb);
/* Registers the stack's listener for ICMP "fragmentation needed" (path MTU discovery). */
void      _wl_tcp_icmp_listen (WlStack *stack);
/* RFC 9293 §3.5.2: the RST answering seg (for a closed port, or an unacceptable ACK). */
void      _wl_tcp_reply_reset (WlStack        *stack,
                               const WlTcpSeg *seg,
                               const char     *reason);

/* wl-tcp-output.c */
void      _wl_tcp_output (WlTcpPcb *pcb);
void      _wl_tcp_send_syn (WlTcpPcb *pcb);
void      _wl_tcp_send_ack (WlTcpPcb *pcb);
void      _wl_tcp_send_rst (WlTcpPcb   *pcb,
                            const char *reason);
/* Sends again the first unacknowledged segment (or SYN, SYN-ACK, FIN). */
void      _wl_tcp_retransmit (WlTcpPcb *pcb);
/* The persist timer fired: a window probe, or what fits in a small window. */
void      _wl_tcp_send_probe (WlTcpPcb *pcb);
/* Whether a read made room worth a window update (Linux tcp_cleanup_rbuf). */
void      _wl_tcp_window_update_after_read (WlTcpPcb *pcb);
/* The ACK policy after in-order data or a FIN: now, or delayed (see wl-tcp.c). */
void      _wl_tcp_schedule_ack (WlTcpPcb *pcb,
                                gboolean  fin);
void      _wl_tcp_xmit (WlStack           *stack,
                        guint32            src,
                        guint32            dst,
                        const WlTcpHeader *h,
                        const guint8      *data,
                        gsize              len);

/* wl-tcp-timers.c */
void      _wl_tcp_rtt_sample (WlTcpPcb *pcb,
                              WlTime    rtt);
void      _wl_tcp_rtx_start (WlTcpPcb *pcb);
void      _wl_tcp_rtx_restart (WlTcpPcb *pcb);
void      _wl_tcp_rtx_stop (WlTcpPcb *pcb);
void      _wl_tcp_persist_start (WlTcpPcb *pcb);
void      _wl_tcp_persist_stop (WlTcpPcb *pcb);
void      _wl_tcp_delack_start (WlTcpPcb *pcb);
void      _wl_tcp_delack_stop (WlTcpPcb *pcb);
/* (Re)starts the TIME_WAIT timer (2·MSL) or an orphan's FIN_WAIT_2 timeout. */
void      _wl_tcp_wait_start (WlTcpPcb *pcb,
                              WlTime    delay);
void      _wl_tcp_timers_stop (WlTcpPcb *pcb);

/* wl-tcp-congestion.c */
void      _wl_tcp_cc_init (WlTcpPcb *pcb,
                           gboolean  syn_lost);
/* New data acknowledged (bytes of it).  Returns whether the retransmission timer restarts
 * (RFC 6582: not on the second and later partial ACKs of one recovery). */
gboolean  _wl_tcp_cc_ack (WlTcpPcb *pcb,
                          guint32   bytes);
void      _wl_tcp_cc_dupack (WlTcpPcb *pcb);
void      _wl_tcp_cc_timeout (WlTcpPcb *pcb);

G_END_DECLS
