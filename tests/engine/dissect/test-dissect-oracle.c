/* test-dissect-oracle.c — the dissector against tshark, field by field.
 *
 * The known frames are written to a pcap (libpcap, DLT_EN10MB) and decoded by tshark with
 * `-T fields -E occurrence=a`, asking for every abbreviation in our field tables.  For each
 * frame, every field we produce must print exactly as tshark prints it (all occurrences, in
 * order, so the packets quoted in ICMP errors are checked too), and our summary must equal
 * tshark's Info column.
 *
 * tshark runs with the checks our dissector always makes switched on (IPv4/UDP/TCP checksum
 * validation, FCS validation), with IP reassembly off (we dissect one frame at a time) and
 * with absolute TCP sequence numbers (we keep no conversation state).  tshark reports
 * "unverified" (2) and "not present" (3) checksum states where we add no status field; those
 * are dropped before comparing.
 *
 * The same is done twice: frames without FCS (as a pcap normally holds them) and frames with
 * the FCS our simulation appends (tshark told the FCS is always there).
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "dissect/wl-dissect.h"
#include "dissect-frames.h"

static const char *const protocols[] = { "eth", "arp", "ip", "icmp", "udp", "tcp", "data" };

/* Every abbreviation in our field tables. */
static GPtrArray *
all_abbrevs (void)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
    {
      guint n;
      const WlFieldInfo *rows = wl_dissect_get_fields (protocols[p], &n);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (out, (gpointer) rows[i].abbrev);
    }
  return out;
}

static guint8 *
frame_data (guint     i,
            gboolean  has_fcs,
            gsize    *len)
{
  gsize plain_len;
  guint8 *plain = test_frame_bytes (&test_frames[i], &plain_len);
  guint8 *out;

  if (!has_fcs)
    {
      *len = plain_len;
      return plain;
    }
  out = test_bytes_with_fcs (plain, plain_len, len);
  g_free (plain);
  return out;
}

static void
write_pcap (const char *path,
            gboolean    has_fcs)
{
  pcap_t *dead = pcap_open_dead (DLT_EN10MB, 65535);
  pcap_dumper_t *dumper = pcap_dump_open (dead, path);

  g_assert_nonnull (dumper);
  for (guint i = 0; i < n_test_frames; i++)
    {
      struct pcap_pkthdr hdr = { 0 };
      gsize len;
      g_autofree guint8 *data = frame_data (i, has_fcs, &len);

      hdr.ts.tv_sec = i;
      hdr.caplen = hdr.len = len;
      pcap_dump ((u_char *) dumper, &hdr, data);
    }
  pcap_dump_close (dumper);
  pcap_close (dead);
}

/* tshark's output: one row per frame, one column per field, then Info. */
static char **
run_tshark (const char *tshark,
            const char *pcap,
            GPtrArray  *abbrevs,
            gboolean    has_fcs)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  const char *prefs[] = {
    has_fcs ? "eth.fcs:Always" : "eth.fcs:Never", "eth.check_fcs:TRUE",
    "ip.defragment:FALSE", "ip.check_checksum:TRUE", "udp.check_checksum:TRUE",
    "tcp.check_checksum:TRUE", "tcp.relative_sequence_numbers:FALSE",
    "tcp.analyze_sequence_numbers:FALSE",
  };

  g_ptr_array_add (argv, (gpointer) tshark);
  g_ptr_array_add (argv, "-n");
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, (gpointer) pcap);
  for (guint i = 0; i < G_N_ELEMENTS (prefs); i++)
    {
      g_ptr_array_add (argv, "-o");
      g_ptr_array_add (argv, (gpointer) prefs[i]);
    }
  g_ptr_array_add (argv, "-T");
  g_ptr_array_add (argv, "fields");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "occurrence=a");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "aggregator=,");
  for (guint i = 0; i < abbrevs->len; i++)
    {
      g_ptr_array_add (argv, "-e");
      g_ptr_array_add (argv, abbrevs->pdata[i]);
    }
  g_ptr_array_add (argv, "-e");
  g_ptr_array_add (argv, "_ws.col.Info");
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("tshark failed: %s\n%s", error->message, err);
  return g_strsplit (out, "\n", -1);
}

/* tshark's list for one field, without the checksum states we leave out. */
static char *
tshark_value (const char *abbrev,
              const char *column)
{
  g_auto (GStrv) parts = NULL;
  g_autoptr (GPtrArray) kept = g_ptr_array_new ();

  if (!g_str_has_suffix (abbrev, ".status"))
    return g_strdup (column);
  parts = g_strsplit (column, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (!g_str_equal (parts[i], "2") && !g_str_equal (parts[i], "3") && parts[i][0] != '\0')
      g_ptr_array_add (kept, parts[i]);
  g_ptr_array_add (kept, NULL);
  return g_strjoinv (",", (char **) kept->pdata);
}

/* Our list for one field: every occurrence, outermost first. */
static char *
our_value (const WlDissection *d,
           const char         *abbrev)
{
  GString *out = g_string_new (NULL);
  gboolean any = FALSE;

  for (guint l = 0; l < d->layers->len; l++)
    {
      const WlDissectLayer *layer = g_ptr_array_index (d->layers, l);

      for (guint f = 0; f < layer->fields->len; f++)
        {
          const WlField *field = &g_array_index (layer->fields, WlField, f);

          if (!g_str_equal (field->abbrev, abbrev))
            continue;
          g_string_append_printf (out, "%s%s", any ? "," : "", field->display);
          any = TRUE;
        }
    }
  if (!any)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* Info without what only conversation tracking adds. */
static char *
strip_tracking (const char *info)
{
  g_autoptr (GRegex) re = g_regex_new (" \\((request|reply) in [0-9]+\\)| \\(no response found!\\)",
                                       0, 0, NULL);

  return g_regex_replace_literal (re, info, -1, 0, "", 0, NULL);
}

static void
compare_frame (guint       i,
               gboolean    has_fcs,
               char      **columns,
               GPtrArray  *abbrevs,
               GString    *failures)
{
  const TestFrame *tf = &test_frames[i];
  gsize len;
  g_autofree guint8 *data = frame_data (i, has_fcs, &len);
  g_autoptr (WlDissection) d = wl_dissect_frame (data, len, has_fcs);
  g_autofree char *summary = wl_dissection_summary (d);
  g_autofree char *info = strip_tracking (columns[abbrevs->len]);
  guint compared = 0;

  for (guint a = 0; a < abbrevs->len; a++)
    {
      const char *abbrev = abbrevs->pdata[a];
      g_autofree char *ours = our_value (d, abbrev);
      g_autofree char *theirs = tshark_value (abbrev, columns[a]);

      if (tf->oracle_prefix != NULL && !g_str_has_prefix (abbrev, tf->oracle_prefix))
        continue;
      /* With absolute numbers tshark also shows tcp.seq outside ICMP errors; we keep that
       * name for the quoted packet only (tcp.seq_raw holds the same value). */
      if (ours == NULL && (theirs[0] == '\0' || g_str_equal (abbrev, "tcp.seq")))
        continue;
      compared++;
      if (g_strcmp0 (ours, theirs) != 0)
        g_string_append_printf (failures, "%s%s: %s: ours \"%s\", tshark \"%s\"\n", tf->name,
                                has_fcs ? " (FCS)" : "", abbrev, ours ? ours : "(none)", theirs);
    }
  g_assert_cmpuint (compared, >, 0);
  if (!tf->info_differs && !g_str_equal (summary, info))
    g_string_append_printf (failures, "%s%s: summary \"%s\", tshark Info \"%s\"\n", tf->name,
                            has_fcs ? " (FCS)" : "", summary, info);
}

static void
check_against_tshark (gboolean has_fcs)
{
  g_autofree char *tshark = g_find_program_in_path ("tshark");
  g_autoptr (GPtrArray) abbrevs = all_abbrevs ();
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pcap = NULL;
  g_auto (GStrv) rows = NULL;
  g_autoptr (GString) failures = g_string_new (NULL);

  if (tshark == NULL)
    {
      g_test_skip ("tshark is not installed: install it (Debian package tshark) to run the oracle");
      return;
    }
  dir = g_dir_make_tmp ("wl-dissect-XXXXXX", &error);
  g_assert_no_error (error);
  pcap = g_build_filename (dir, has_fcs ? "frames-fcs.pcap" : "frames.pcap", NULL);
  write_pcap (pcap, has_fcs);
  rows = run_tshark (tshark, pcap, abbrevs, has_fcs);
  g_unlink (pcap);
  g_rmdir (dir);

  g_assert_cmpuint (g_strv_length (rows), >=, n_test_frames);
  for (guint i = 0; i < n_test_frames; i++)
    {
      g_auto (GStrv) columns = g_strsplit (rows[i], "\t", -1);

      g_assert_cmpuint (g_strv_length (columns), ==, abbrevs->len + 1);
      compare_frame (i, has_fcs, columns, abbrevs, failures);
    }
  if (failures->len > 0)
    g_error ("dissector and tshark disagree:\n%s", failures->str);
}

static void
test_oracle_no_fcs (void)
{
  check_against_tshark (FALSE);
}

static void
test_oracle_fcs (void)
{
  check_against_tshark (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/dissect/oracle/tshark", test_oracle_no_fcs);
  g_test_add_func ("/engine/dissect/oracle/tshark-fcs", test_oracle_fcs);

  return g_test_run ();
}
