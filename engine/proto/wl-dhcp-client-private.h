/* wl-dhcp-client-private.h — what the two halves of the DHCP client share: the state machine
 * (wl-dhcp-client.c) and what it puts out (wl-dhcp-client-out.c). */
#pragma once

#include "wl-dhcp-private.h"

G_BEGIN_DECLS

#define RETRANS_FIRST (4 * WL_S)
#define RETRANS_MAX (64 * WL_S)
#define MAX_TRIES 5                 /* transmissions of one DISCOVER or REQUEST */
#define MAX_CYCLES 3                /* DISCOVER cycles without a lease before giving up */
#define PROBE_WAIT (1 * WL_S)
#define DECLINE_WAIT (10 * WL_S)
#define RENEW_RETRANS_MIN (60 * WL_S)

struct _WlDhcpClient
{
  WlStack          *stack;
  gint              iface;
  WlMac             mac;
  char             *host_name;
  gboolean          broadcast, client_id, arp_probe;

  WlDhcpClientState state;
  guint32           xid;
  WlTime            began;        /* the exchange began: 'secs' counts from here */
  WlTime            req_sent;     /* first REQUEST of the exchange: the lease counts from here */
  guint             tries;        /* transmissions of the current message */
  guint             cycles;       /* DISCOVER cycles since the last lease */
  WlTimerId         retrans, t1, t2, expiry;
  WlTimerId         wait;         /* the probe's listening time, or the pause after DECLINE */

  guint32           offered;      /* REQUESTING: the offer taken */
  guint32           offer_server;
  gboolean          probing;      /* REQUESTING: the ACK came, the probe listens */
  WlDhcpLeaseInfo   lease;        /* REQUESTING after the ACK, and from BOUND on */
  gboolean          configured;   /* the lease's address is on the interface */
  guint32           last_address; /* asked for again in the next DISCOVER */

  WlDhcpDoneFunc    done;
  gpointer          done_data;
};

/* The state machine's retransmission timer (wl-dhcp-client.c). */
void _wl_dhcp_client_on_retrans (WlSim   *sim,
                                 gpointer target,
                                 gpointer data);

/* Messages, each with its retransmission armed where there is one (wl-dhcp-client-out.c). */
void _wl_dhcp_client_send_discover (WlDhcpClient *c);
void _wl_dhcp_client_send_request (WlDhcpClient *c);
void _wl_dhcp_client_send_decline (WlDhcpClient *c);
void _wl_dhcp_client_send_release (WlDhcpClient *c);
/* An RFC 5227 ARP packet: a probe (sender 0.0.0.0) or an announcement (sender = target). */
void _wl_dhcp_client_send_arp (WlDhcpClient *c,
                               guint32       sender,
                               guint32       target);
/* The lease onto the interface (address, default route, DNS server), and off it again. */
void _wl_dhcp_client_configure (WlDhcpClient *c);
void _wl_dhcp_client_unconfigure (WlDhcpClient *c);

G_END_DECLS
