/* wl-dhcp.h — DHCP for the hosts and routers of a lab: the client of an interface, the
 * server, the relay agent, and the `ipconfig` console command built on the client.
 *
 * RFC 2131 (the protocol), RFC 2132 (options), RFC 1542 (relay agents), RFC 5227 (the ARP
 * probe before using an address).  Implemented in:
 *   wl-dhcp-wire.c        messages to bytes and back
 *   wl-dhcp-io.c          sending (as a packet socket or through UDP) and receiving
 *   wl-dhcp-client.c      the client's state machine; wl-dhcp-client-out.c what it sends
 *   wl-dhcp-server.c      the server; wl-dhcp-pool.c its addresses and leases
 *   wl-dhcp-relay.c       the relay agent on a router
 *   wl-dhcp-service.c     the lab's [service … dhcp-server] and [service … dhcp-relay]
 *   engine/devices/wl-ipconfig.c      `ipconfig [/all | /renew | /release]`
 *   engine/dissect/wl-dissect-dhcp.c  the fields Wireshark shows
 *
 * Each program lives on one stack and dies with it (wl_stack_add_app).  Servers and relays
 * are configured with "key=value" settings (the syntax is in wl-dhcp-server.c and
 * wl-dhcp-relay.c); a client needs no configuration beyond its host name.
 */
#pragma once

#include <glib.h>

#include "proto/wl-dhcp-pool.h"
#include "proto/wl-dhcp-wire.h"
#include "proto/wl-stack.h"

G_BEGIN_DECLS

typedef struct _WlDhcpClient WlDhcpClient;
typedef struct _WlDhcpServer WlDhcpServer;
typedef struct _WlDhcpRelay  WlDhcpRelay;

/* --- server ------------------------------------------------------------------------------ */

typedef struct
{
  guint32  first, last;                 /* pool=FIRST-LAST (required) */
  guint32  mask;                        /* mask=…; 0: the prefix of the serving interface */
  guint32  lease_s;                     /* lease=…; default 3600 (dnsmasq's 1 h) */
  guint32  routers[WL_DHCP_MAX_ADDRS];  /* router=A[,B…] (option 3) */
  guint    n_routers;
  guint32  dns[WL_DHCP_MAX_ADDRS];      /* dns=A[,B…] (option 6) */
  guint    n_dns;
  GArray  *reservations;                /* reserve=MAC IP, any number: of WlDhcpReservation */
} WlDhcpServerConfig;

void          wl_dhcp_server_config_init (WlDhcpServerConfig *cfg);
void          wl_dhcp_server_config_clear (WlDhcpServerConfig *cfg);
/* Reads "key=value" settings (NULL-terminated) into cfg, which must have been initialised.
 * Errors are WL_LAB_ERROR_INVALID with a translated message naming the setting. */
gboolean      wl_dhcp_server_config_parse (WlDhcpServerConfig *cfg,
                                           const char *const  *settings,
                                           GError            **error);
/* Starts a server on UDP port 67 of stack (cfg is copied).  NULL when the port is taken. */
WlDhcpServer *wl_dhcp_server_start (WlStack                  *stack,
                                    const WlDhcpServerConfig *cfg);
/* Its address bookkeeping (for tests and for showing leases). */
WlDhcpPool   *wl_dhcp_server_get_pool (WlDhcpServer *server);

/* --- relay ------------------------------------------------------------------------------- */

#define WL_DHCP_RELAY_MAX_SERVERS 4
#define WL_DHCP_RELAY_MAX_HOPS 16  /* RFC 1542 §4.1.1: requests that went further are dropped */

typedef struct
{
  guint32 servers[WL_DHCP_RELAY_MAX_SERVERS];  /* server=IP (at least one) */
  guint   n_servers;
  char  **ifaces;  /* iface=NAME, any number: client-side interfaces; NULL: every interface
                    * whose subnet holds none of the servers */
} WlDhcpRelayConfig;

void          wl_dhcp_relay_config_init (WlDhcpRelayConfig *cfg);
void          wl_dhcp_relay_config_clear (WlDhcpRelayConfig *cfg);
gboolean      wl_dhcp_relay_config_parse (WlDhcpRelayConfig  *cfg,
                                          const char *const  *settings,
                                          GError            **error);
/* Starts a relay agent on UDP port 67 of stack.  Fails when the port is taken or an
 * interface name is not one of the device's. */
WlDhcpRelay  *wl_dhcp_relay_start (WlStack                 *stack,
                                   const WlDhcpRelayConfig *cfg,
                                   GError                 **error);

/* --- lab services ------------------------------------------------------------------------ */

/* The rows of engine/devices/wl-services.c for "dhcp-server" and "dhcp-relay".  The checkers
 * parse the settings, check a relay's interfaces exist, and refuse a device that runs both
 * (they share port 67); the start functions run the service on the device's stack. */
gboolean      wl_dhcp_server_check_service (const WlLabDevice  *dev,
                                            const WlLabService *svc,
                                            GError            **error);
gboolean      wl_dhcp_relay_check_service (const WlLabDevice  *dev,
                                           const WlLabService *svc,
                                           GError            **error);
gboolean      wl_dhcp_server_start_service (WlDevice           *dev,
                                            const WlLabDevice  *cfg,
                                            const WlLabService *svc,
                                            GError            **error);
gboolean      wl_dhcp_relay_start_service (WlDevice           *dev,
                                           const WlLabDevice  *cfg,
                                           const WlLabService *svc,
                                           GError            **error);

/* --- client ------------------------------------------------------------------------------ */

/* RFC 2131 §4.4 (INIT-REBOOT and REBOOTING are not modelled). */
typedef enum
{
  WL_DHCP_STATE_INIT,
  WL_DHCP_STATE_SELECTING,
  WL_DHCP_STATE_REQUESTING,
  WL_DHCP_STATE_BOUND,
  WL_DHCP_STATE_RENEWING,
  WL_DHCP_STATE_REBINDING,
} WlDhcpClientState;

typedef struct
{
  const char *host_name;   /* option 12 (copied); NULL: none */
  gboolean    broadcast;   /* set the BROADCAST flag (Linux clients leave it clear) */
  gboolean    client_id;   /* send option 61 = type 1 + MAC (default TRUE) */
  gboolean    arp_probe;   /* probe the offered address before using it (default TRUE) */
} WlDhcpClientConfig;

/* What the client holds (valid in BOUND, RENEWING, REBINDING). */
typedef struct
{
  guint32 address;
  guint   prefix;
  guint32 router;                /* 0: none */
  guint32 dns[WL_DHCP_MAX_ADDRS];
  guint   n_dns;
  guint32 server;                /* option 54 of the ACK */
  guint32 lease_s;
  WlTime  obtained;              /* when the REQUEST that got the lease was sent */
  WlTime  t1, t2, expires;       /* absolute virtual times (WL_TIME_FOREVER: never) */
} WlDhcpLeaseInfo;

/* Called once when a start or renew ends: bound (TRUE) or given up (FALSE). */
typedef void (*WlDhcpDoneFunc) (WlDhcpClient *client,
                                gboolean      bound,
                                gpointer      user_data);

void          wl_dhcp_client_config_init (WlDhcpClientConfig *cfg);
/* A client for interface iface (in INIT, doing nothing until started). */
WlDhcpClient *wl_dhcp_client_new (WlStack                  *stack,
                                  gint                      iface,
                                  const WlDhcpClientConfig *cfg);
WlDhcpClient *wl_dhcp_client_get (WlStack *stack,
                                  gint     iface);
/* INIT → SELECTING: the first DISCOVER goes out now. */
void          wl_dhcp_client_start (WlDhcpClient *client);
/* `ipconfig /renew`: bound, it renews now (unicast REQUEST); idle in INIT, it starts over;
 * busy, it carries on.  done (may be NULL) hears how it ends. */
void          wl_dhcp_client_renew (WlDhcpClient  *client,
                                    WlDhcpDoneFunc done,
                                    gpointer       user_data);
/* `ipconfig /release`: a DHCPRELEASE to the server, the address is dropped, and the client
 * stays in INIT.  FALSE (and nothing sent) when it held no lease. */
gboolean      wl_dhcp_client_release (WlDhcpClient *client);
WlDhcpClientState wl_dhcp_client_get_state (WlDhcpClient *client);
const char   *wl_dhcp_client_state_to_string (WlDhcpClientState state);
gboolean      wl_dhcp_client_get_lease (WlDhcpClient    *client,
                                        WlDhcpLeaseInfo *out);
/* The copy of an ARP frame (Ethernet header included) that a packet socket sees on iface
 * before the stack does: how the client's RFC 5227 probe hears an answer. */
void          wl_dhcp_client_arp_input (WlStack      *stack,
                                        gint          iface,
                                        const guint8 *frame,
                                        gsize         len);

/* --- console ----------------------------------------------------------------------------- */

/* ipconfig [/all | /renew [ADAPTER] | /release [ADAPTER]] — a row of engine/devices/
 * wl-commands.c (stack NULL: check only). */
gboolean      wl_ipconfig_command (WlStack    *stack,
                                   const char *line,
                                   char      **argv,
                                   GError    **error);

G_END_DECLS
