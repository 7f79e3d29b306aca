/* dns-test.h — what the DNS network tests share: the lab of the DNS hierarchy, its programs
 * started on the stacks, and questions about the DNS messages in the trace.
 *
 * The lab (one switch, every host on 10.0.0.0/24):
 *
 *   ROOT 10.0.0.1   zone "."         test NS ns.test, glue 10.0.0.2
 *   TLD  10.0.0.2   zone "test"      lab NS ns1.lab, glue 10.0.0.3
 *   AUTH 10.0.0.3   zone "lab.test"  www CNAME web, web A 10.0.0.80, MX 10 mail, mail A …
 *   RES  10.0.0.53  recursive resolver, root hint a.root-servers.net 10.0.0.1
 *   PC1  10.0.0.10, PC2 10.0.0.11   stub resolvers asking RES
 */
#pragma once

#include "l3-test.h"
#include "proto/wl-dns.h"

G_BEGIN_DECLS

/* The lab above, without actions (add them with l3_action before dns_bed_new). */
WlLab        *dns_lab_new (void);
/* The bed, with the servers, the resolver and the stubs started.  Devices named in skip (a
 * NULL-terminated list, or NULL) get no DNS program. */
L3Bed        *dns_bed_new (WlLab              *lab,
                           guint64             seed,
                           const char *const  *skip);
WlDnsServerConfig *dns_server_config (const char *const *settings);

/* DNS messages sent by a device (-1: any, switches never count), in order, with where they
 * went: each entry a DnsSeen. */
typedef struct
{
  const WlTraceEvent *ev;
  guint32             src, dst;
  guint16             sport, dport;
  WlDnsMessage       *msg;
} DnsSeen;

GPtrArray    *dns_sent (L3Bed      *bed,
                        const char *device);
/* Queries (QR clear) sent by one device to an address. */
guint         dns_count_queries (L3Bed      *bed,
                                 const char *from,
                                 const char *to_ip);
/* The console lines a device printed, joined with "\n". */
char         *dns_console (L3Bed      *bed,
                           const char *device);
/* Writes every frame sent by a host (not by the switch) to a pcap, without FCS. */
void          dns_write_pcap (L3Bed      *bed,
                              const char *path);

/* Every event but frame arrivals, as test messages (shown with --verbose). */
void          dns_dump (L3Bed *bed);

G_END_DECLS
