/* End to end: the TCP sample labs (20: a 100 KB transfer on a clean cable, 21: the same with
 * 5 % loss) through wirelab-cli, with tshark as the oracle: the flags of the handshake and of
 * the close, Wireshark's TCP analysis (silent on the clean cable, retransmissions on the lossy
 * one), the byte count at both ends, checksums verified, and the same bytes on every run. */
#include "config.h"

#include <string.h>

#include "e2e-util.h"

#define BYTES 102400

typedef struct
{
  char *dir;
  char *lab;
  char *pcap;
} Run;

static void
run_sample (Run        *r,
            const char *sample)
{
  g_autofree char *text = sample_lab (sample);
  g_auto (CmdResult) out = { 0 };

  r->dir = e2e_tmpdir ();
  r->lab = make_and_run (r->dir, text, NULL);
  r->pcap = g_build_filename (r->dir, "l1.pcap", NULL);
  run_cli_ok (&out, "export", r->lab, "--pcap", r->pcap, "--link", "L1", NULL);
  assert_pcap_clean (r->pcap);
}

static void
run_clear (Run *r)
{
  e2e_rmdir (r->dir);
  g_free (r->dir);
  g_free (r->lab);
  g_free (r->pcap);
}

static char *
rows_joined (const char *pcap,
             const char *filter,
             const char *field)
{
  const char *fields[] = { field, NULL };
  g_autoptr (GPtrArray) rows = tshark_rows (pcap, filter, fields);

  g_ptr_array_add (rows, NULL);
  return g_strjoinv ("|", (char **) rows->pdata);
}

/* Sum of tcp.len over the packets matching filter. */
static guint64
sum_len (const char *pcap,
         const char *filter)
{
  const char *fields[] = { "tcp.len", NULL };
  g_autoptr (GPtrArray) rows = tshark_rows (pcap, filter, fields);
  guint64 sum = 0;

  for (guint i = 0; i < rows->len; i++)
    sum += g_ascii_strtoull (g_ptr_array_index (rows, i), NULL, 10);
  return sum;
}

/* The sink's own count, from the event list: its console line (nc checks every byte too:
 * a mismatch would add "… bytes differ"). */
static void
assert_sink_count (const char *lab)
{
  g_auto (CmdResult) ev = { 0 };

  run_cli_ok (&ev, "events", lab, "--device", "Server1", NULL);
  g_assert_nonnull (strstr (ev.out, "nc: 102400 bytes received from 10.0.0.1 port "));
  g_assert_null (strstr (ev.out, "differ"));
}

/* A line of the event list that mentions all the words (whatever the sentence around them). */
static const char *
find_line (const char        *text,
           const char *const *words)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL && all; w++)
        all = strstr (lines[i], words[w]) != NULL;
      if (all)
        return strstr (text, lines[i]);
    }
  return NULL;
}

static void
test_clean (void)
{
  Run r = { 0 };
  g_autofree char *open = NULL, *close = NULL, *all = NULL, *mss = NULL;
  const char *established[] = { " 1.00", "SYN_SENT", "ESTABLISHED", NULL };
  const char *time_wait[] = { " 1.01", "FIN_WAIT_2", "TIME_WAIT", NULL };
  const char *time_wait_end[] = { " 61.01", "TIME_WAIT", "CLOSED", NULL };
  g_auto (CmdResult) ev = { 0 };
  guint n_tcp;
  char **flags;
  guint n;

  run_sample (&r, "20-tcp-transfer.lab");
  /* the handshake: SYN, SYN-ACK, ACK, with MSS 1460 on both SYNs */
  open = rows_joined (r.pcap, "tcp", "tcp.flags");
  flags = g_strsplit (open, "|", -1);
  n = g_strv_length (flags);
  g_assert_cmpuint (n, >, 6);
  g_assert_cmpstr (flags[0], ==, "0x0002");
  g_assert_cmpstr (flags[1], ==, "0x0012");
  g_assert_cmpstr (flags[2], ==, "0x0010");
  /* the close as Linux does it when the sink closes at once: the client's last data with
   * FIN (FIN, PSH, ACK), the sink's FIN carrying the ACK of it (FIN, ACK: no ACK of its own
   * for the client's FIN), then the last ACK */
  g_assert_cmpstr (flags[n - 1], ==, "0x0010");
  g_strfreev (flags);
  close = rows_joined (r.pcap, "tcp.flags.fin == 1", "tcp.flags");
  g_assert_cmpstr (close, ==, "0x0019|0x0011");
  g_free (close);
  close = rows_joined (r.pcap, "tcp.flags.fin == 1", "ip.src");
  g_assert_cmpstr (close, ==, "10.0.0.1|10.0.0.2");
  /* relative numbers: the client's FIN is at 1 + 102400, so its ACK is 102402 */
  g_assert_cmpuint (tshark_count (r.pcap, "ip.src == 10.0.0.2 && tcp.ack == 102402"), ==, 1);
  g_assert_cmpuint (tshark_count (r.pcap, "ip.src == 10.0.0.1 && tcp.ack == 2 && "
                                          "tcp.flags == 0x0010"), ==, 1);
  mss = rows_joined (r.pcap, "tcp.flags.syn == 1", "tcp.options.mss_val");
  g_assert_cmpstr (mss, ==, "1460|1460");

  /* Wireshark's analysis finds nothing: no retransmission, duplicate ACK, window problem,
   * out-of-order segment, lost segment */
  g_assert_cmpuint (tshark_count (r.pcap, "tcp.analysis.flags"), ==, 0);
  /* every checksum was checked (assert_pcap_clean turned checking on) and is good */
  n_tcp = tshark_count (r.pcap, "tcp");
  g_assert_cmpuint (tshark_count (r.pcap, "tcp.checksum.status == 1"), ==, n_tcp);
  /* the bytes: what the client sent on the wire, and what the sink counted */
  g_assert_cmpuint (sum_len (r.pcap, "ip.src == 10.0.0.1"), ==, BYTES);
  g_assert_cmpuint (sum_len (r.pcap, "ip.src == 10.0.0.2"), ==, 0);
  /* full-sized segments: 70 of 1460 and the 200 left */
  g_assert_cmpuint (tshark_count (r.pcap, "ip.src == 10.0.0.1 && tcp.len == 1460"), ==, 70);
  assert_sink_count (r.lab);
  /* and the states on the client, ending in TIME_WAIT for 60 s (entered at 1.0155 s) */
  run_cli_ok (&ev, "events", r.lab, "--device", "PC1", NULL);
  g_assert_nonnull (find_line (ev.out, established));
  g_assert_nonnull (find_line (ev.out, time_wait));
  g_assert_nonnull (find_line (ev.out, time_wait_end));
  run_clear (&r);
}

static void
test_lossy (void)
{
  Run r = { 0 };
  g_autofree char *first = NULL;

  run_sample (&r, "21-tcp-lossy.lab");
  /* losses were repaired: retransmissions (and the duplicate ACKs that ask for them) */
  g_assert_cmpuint (tshark_count (r.pcap, "tcp.analysis.retransmission"), >, 0);
  g_assert_cmpuint (tshark_count (r.pcap, "tcp.analysis.duplicate_ack"), >, 0);
  /* every byte went at least once: the client's segments that are not repeats add up to
   * exactly 102400 */
  g_assert_cmpuint (sum_len (r.pcap, "ip.src == 10.0.0.1 && !tcp.analysis.retransmission && "
                                     "!tcp.analysis.fast_retransmission && "
                                     "!tcp.analysis.spurious_retransmission && "
                                     "!tcp.analysis.out_of_order"),
                    ==, BYTES);
  g_assert_cmpuint (sum_len (r.pcap, "ip.src == 10.0.0.1"), >, BYTES);
  /* the handshake still opens with a SYN and the transfer still ends with both FINs */
  first = rows_joined (r.pcap, "tcp.flags.syn == 1 && tcp.flags.ack == 0", "tcp.flags.str");
  g_assert_true (g_str_has_prefix (first, "··········S·"));
  g_assert_cmpuint (tshark_count (r.pcap, "tcp.flags.fin == 1 && ip.src == 10.0.0.2"), >=, 1);
  assert_sink_count (r.lab);
  run_clear (&r);
}

/* The same lab and seed give the same bytes; another seed gives other bytes. */
static void
test_deterministic (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("21-tcp-lossy.lab");
  g_autofree char *lab = make_and_run (dir, text, NULL);
  g_autofree char *p1 = g_build_filename (dir, "run1.pcap", NULL);
  g_autofree char *p2 = g_build_filename (dir, "run2.pcap", NULL);
  g_autofree char *p3 = g_build_filename (dir, "run3.pcap", NULL);
  g_autofree char *b1 = NULL, *b2 = NULL, *b3 = NULL;
  gsize l1, l2, l3;
  g_auto (CmdResult) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, e = { 0 };

  run_cli_ok (&a, "run", lab, NULL);
  run_cli_ok (&b, "run", lab, "--seed", "12345", NULL);
  run_cli_ok (&c, "export", lab, "--run", "1", "--pcap", p1, NULL);
  run_cli_ok (&d, "export", lab, "--run", "2", "--pcap", p2, NULL);
  run_cli_ok (&e, "export", lab, "--run", "3", "--pcap", p3, NULL);
  g_assert_true (g_file_get_contents (p1, &b1, &l1, NULL));
  g_assert_true (g_file_get_contents (p2, &b2, &l2, NULL));
  g_assert_true (g_file_get_contents (p3, &b3, &l3, NULL));
  g_assert_cmpmem (b1, l1, b2, l2);
  g_assert_false (l1 == l3 && memcmp (b1, b3, l1) == 0);
  e2e_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/tcp/clean-link", test_clean);
  g_test_add_func ("/e2e/tcp/lossy-link", test_lossy);
  g_test_add_func ("/e2e/tcp/deterministic", test_deterministic);
  return g_test_run ();
}
