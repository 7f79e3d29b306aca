/* dhcp-test.h — what the DHCP tests share: LANs with a server and DHCP clients, DHCP messages
 * read back from the trace, state notes, and pcaps handed to tshark. */
#pragma once

#include <glib.h>

#include "../l3/l3-test.h"
#include "proto/wl-dhcp.h"

G_BEGIN_DECLS

/* A PC whose eth0 gets its address by DHCP. */
WlLabDevice  *dhcp_add_client (WlLab      *lab,
                               const char *name);
/* S1 (10.0.0.1/24) and PC1 … PCn (DHCP) on switch SW1. */
WlLab        *dhcp_lab_lan (guint n_clients);
/* Starts a server on device with "key=value" settings (NULL-terminated). */
WlDhcpServer *dhcp_start_server (L3Bed             *bed,
                                 const char        *device,
                                 const char *const *settings);

/* A DHCP message sent in the trace: the frame event and the decoded message. */
typedef struct
{
  const WlTraceEvent *ev;
  WlDhcpMessage       msg;
  guint32             ip_src, ip_dst;
  guint8              ip_ttl, ip_tos;
} DhcpSent;

/* DHCP messages sent by device (-1: any) onto link (-1: any), in order.  Free with
 * g_array_unref. */
GArray       *dhcp_sent (L3Bed *bed,
                         gint   device,
                         gint   link);
/* Their option-53 types as "1,2,3,5". */
char         *dhcp_types (GArray *sent);
/* The client's state transitions as "init>selecting,selecting>requesting,…". */
char         *dhcp_states (L3Bed      *bed,
                           const char *device);

/* Every frame sent onto link (-1: every frame sent), FCS stripped, as a pcap at path. */
void          dhcp_write_pcap (L3Bed      *bed,
                               gint        link,
                               const char *path);
/* tshark -T fields on path with checksum checking on: one row per frame, the fields joined
 * by '|', occurrences by ','.  Free with g_strfreev. */
char        **dhcp_tshark (const char        *path,
                           const char *const *fields);

/* Every event on stderr, one a line (for debugging a test). */
void          dhcp_dump (L3Bed *bed);

G_END_DECLS
