/* store-test-util.h — what the store tests share: a sample lab, temporary folders, and a
 * synthetic run with real frames (ARP, ICMP) emitted into any trace sink. */
#pragma once

#include <glib.h>

#include "core/wl-trace.h"
#include "lab/wl-lab.h"

G_BEGIN_DECLS

/* Every field of a lab set to something other than its default: three devices of different
 * kinds, a router with routes, services (PC1: http-server with three settings; Router1:
 * dhcp-relay with one, then dns-resolver with none), links with impairments, actions out of
 * time order. */
WlLab   *store_test_make_lab (void);

/* A fresh temporary folder, and its recursive removal. */
char    *store_test_make_dir (void);
void     store_test_remove_dir (const char *dir);

/* The file's bytes (asserted readable), for before/after comparisons. */
GBytes  *store_test_read_file (const char *path);
gboolean store_test_file_exists (const char *path);
/* The names in dir, sorted, joined with spaces ("a.wirelab b.pcap"). */
char    *store_test_list_dir (const char *dir);

/* Synthetic run: each round is one ping's worth of traffic between PC1 (device 0) and PC2
 * (device 1) through a switch (device 2): PC1 on link 0 (switch port 0), PC2 on link 1
 * (switch port 1).  15 events per round, of which 5 frames sent (2 ARP requests, 2 ARP
 * replies, 1 ICMP echo), 4 received, 1 dropped (FCS error).  Round r starts at
 * STORE_TEST_T0 + r * STORE_TEST_ROUND. */
#define STORE_TEST_EVENTS_PER_ROUND 15
#define STORE_TEST_T0 (2 * WL_S + 123456789)
#define STORE_TEST_ROUND (1234567)

void     store_test_emit_rounds (WlTraceSink *sink, guint n_rounds);

/* Ethernet frames with a correct FCS (CRC-32, least significant byte first). */
GByteArray *store_test_arp_frame (gboolean reply, const guint8 *src_mac, guint32 src_ip,
                                  const guint8 *dst_mac, guint32 dst_ip);
GByteArray *store_test_icmp_frame (const guint8 *src_mac, guint32 src_ip,
                                   const guint8 *dst_mac, guint32 dst_ip, guint16 seq);

G_END_DECLS
