/* e2e-util.h — running wirelab-cli and tshark from end-to-end tests. */
#pragma once

#include <glib.h>

typedef struct
{
  int   status;  /* exit status */
  char *out;
  char *err;
} CmdResult;

void      cmd_result_clear (CmdResult *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CmdResult, cmd_result_clear)

/* Runs argv (NULL-terminated), capturing output. */
void      run_argv (const char *const *argv, CmdResult *out);
/* Runs wirelab-cli with the given arguments (NULL-terminated). */
void      run_cli (CmdResult *out, ...) G_GNUC_NULL_TERMINATED;
/* Like run_cli but asserts exit status 0, printing stderr otherwise. */
void      run_cli_ok (CmdResult *out, ...) G_GNUC_NULL_TERMINATED;

/* A fresh temp dir for one test (removed by e2e_cleanup). */
char     *e2e_tmpdir (void);
void      e2e_rmdir (const char *dir);
/* Path of a sample lab text in data/labs/. */
char     *sample_lab (const char *name);
/* new + run: returns the path of LAB.wirelab made in dir from the lab text at text_path. */
char     *make_and_run (const char *dir, const char *text_path, const char *seed);

/* tshark -r pcap [-Y filter] -T fields -e f1 -e f2 …: one GStrv per packet (fields joined
 * with '\t').  Checksums of IP, ICMP, UDP, TCP are verified (the preferences are turned on). */
GPtrArray *tshark_rows (const char *pcap, const char *filter, const char *const *fields);
/* Number of packets matching filter ("" = all). */
guint      tshark_count (const char *pcap, const char *filter);
/* Asserts there is no malformed packet, no expert error, and no bad checksum. */
void       assert_pcap_clean (const char *pcap);
