/* test-dissect-dns.c — the DNS dissector: a known frame field by field, tshark as the oracle
 * on a capture of our own DNS exchanges, and hostile messages that must neither hang it nor
 * make it read outside the frame.
 *
 * The capture comes from the DNS lab of tests/engine/dns (dns-test.h): a full iteration
 * root → test. → lab.test., MX with additional data, NXDOMAIN, NODATA, the root's own SOA, a
 * REFUSED answer, a record of a type nobody decodes, a truncated answer (TC), and queries to
 * a host without a DNS server, whose ICMP errors quote the query (tshark decodes DNS inside
 * them too).  Every
 * frame a host sent is written to a pcap; tshark prints every dns.* and udp.* field of our
 * table (all occurrences) and its Info column, and ours must print the same.
 */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "dissect/wl-dissect-private.h"
#include "dissect/wl-dissect.h"
#include "dns-test.h"
#include "proto/wl-wire.h"

/* ---- frames built here ----------------------------------------------------------------- */

/* Ethernet + IPv4 + UDP (checksum 0: not computed) around a DNS message, in a buffer of
 * exactly the frame's size. */
static guint8 *
udp_frame (const guint8 *dns,
           gsize         len,
           guint16       sport,
           guint16       dport,
           gsize        *frame_len)
{
  gsize total = 14 + 20 + 8 + len;
  guint8 *f = g_malloc0 (total);
  guint8 *ip = f + 14, *udp = f + 34;

  memset (f, 0x02, 6);
  memset (f + 6, 0x04, 6);
  wl_put_u16 (f + 12, 0x0800);
  ip[0] = 0x45;
  wl_put_u16 (ip + 2, (guint16) (20 + 8 + len));
  ip[8] = 64;
  ip[9] = 17;
  wl_put_u32 (ip + 12, 0x0a000035);
  wl_put_u32 (ip + 16, 0x0a00000a);
  wl_put_u16 (ip + 10, wl_inet_checksum (ip, 20));
  wl_put_u16 (udp, sport);
  wl_put_u16 (udp + 2, dport);
  wl_put_u16 (udp + 4, (guint16) (8 + len));
  memcpy (udp + 8, dns, len);
  *frame_len = total;
  return f;
}

static const guint8 known_dns[] = {
  0x12, 0x34, 0x81, 0x80, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00,
  3, 'w', 'w', 'w', 3, 'l', 'a', 'b', 4, 't', 'e', 's', 't', 0, 0x00, 0x01, 0x00, 0x01,
  0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x06,
  3, 'w', 'e', 'b', 0xc0, 0x10,
  0xc0, 0x2a, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x01, 0x2c, 0x00, 0x04, 10, 0, 0, 80,
};

static const char *
display_of (const WlDissection *d,
            const char         *abbrev,
            guint               nth)
{
  const WlDissectLayer *dns = wl_dissection_find_layer (d, "dns");
  guint seen = 0;

  g_assert_nonnull (dns);
  for (guint i = 0; i < dns->fields->len; i++)
    {
      const WlField *f = &g_array_index (dns->fields, WlField, i);

      if (g_str_equal (f->abbrev, abbrev) && seen++ == nth)
        return f->display;
    }
  return NULL;
}

static void
test_known_frame (void)
{
  gsize len;
  g_autofree guint8 *frame = udp_frame (known_dns, sizeof known_dns, 53, 40000, &len);
  g_autoptr (WlDissection) d = wl_dissect_frame (frame, len, FALSE);
  g_autofree char *summary = wl_dissection_summary (d);
  const WlField *cname = wl_dissection_find (d, "dns.cname");
  WlLayer layer;

  g_assert_false (d->malformed);
  g_assert_cmpint (d->top_proto, ==, WL_PROTO_DNS);
  g_assert_cmpint (wl_dissect_classify (frame, len, FALSE, &layer), ==, WL_PROTO_DNS);
  g_assert_cmpint (layer, ==, WL_LAYER_APPLICATION);
  g_assert_cmpstr (display_of (d, "dns.id", 0), ==, "0x1234");
  g_assert_cmpstr (display_of (d, "dns.flags", 0), ==, "0x8180");
  g_assert_cmpstr (display_of (d, "dns.flags.response", 0), ==, "1");
  g_assert_cmpstr (display_of (d, "dns.flags.recavail", 0), ==, "1");
  g_assert_cmpstr (display_of (d, "dns.flags.authoritative", 0), ==, "0");
  g_assert_cmpstr (display_of (d, "dns.flags.rcode", 0), ==, "0");
  g_assert_cmpstr (display_of (d, "dns.count.answers", 0), ==, "2");
  g_assert_cmpstr (display_of (d, "dns.qry.name", 0), ==, "www.lab.test");
  g_assert_cmpstr (display_of (d, "dns.qry.name.len", 0), ==, "12");
  g_assert_cmpstr (display_of (d, "dns.count.labels", 0), ==, "3");
  g_assert_cmpstr (display_of (d, "dns.qry.class", 0), ==, "0x0001");
  g_assert_cmpstr (display_of (d, "dns.resp.name", 1), ==, "web.lab.test");
  g_assert_cmpstr (display_of (d, "dns.resp.ttl", 0), ==, "300");
  g_assert_cmpstr (display_of (d, "dns.resp.len", 0), ==, "6");
  g_assert_cmpstr (display_of (d, "dns.a", 0), ==, "10.0.0.80");
  /* the CNAME's bytes: "web" and the 2-byte pointer, at offset 42 of the message */
  g_assert_cmpstr (cname->display, ==, "web.lab.test");
  g_assert_cmpuint (cname->offset, ==, 42 + 42);
  g_assert_cmpuint (cname->length, ==, 6);
  g_assert_cmpstr (summary, ==, "Standard query response 0x1234 A www.lab.test CNAME web.lab.test "
                                "A 10.0.0.80");
}

/* Malformed names end the decoding there, marked, and always end. */
static void
test_hostile (void)
{
  static const char *const cases[] = {
    "0001 0100 0001 0000 0000 0000 c00c 0001 0001",                      /* pointer to itself */
    "0001 0100 0001 0000 0000 0000 0162 c00c 0001 0001",                 /* loop via a label */
    "0001 8100 0000 0002 0000 0000 00 0063 0001 00000001 0006 c019 c017 0000"
    " c019 0001 0001 00000001 0004 01020304",                             /* two-pointer loop */
    "0001 0100 0001 0000 0000 0000 40 00 0001 0001",                      /* label type 01 */
    "0001 8100 0000 0001 0000 0000 00 0001 0001 00000001 0005 0102030405", /* A of 5 bytes */
    "0001 8100 0000 0001 0000 0000 00 0002 0001 00000001 0002 0161 00",    /* NS past RDATA */
    "0001 0100 ffff ffff ffff ffff",                                       /* counts, no data */
    "0001 01",                                                             /* cut header */
  };
  g_autoptr (GRand) rand = g_rand_new_with_seed (53);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) words = g_strsplit (cases[i], " ", -1);
      g_autoptr (GByteArray) dns = g_byte_array_new ();
      g_autofree guint8 *frame = NULL;
      g_autoptr (WlDissection) d = NULL;
      g_autofree char *summary = NULL;
      gsize len;

      for (guint w = 0; words[w] != NULL; w++)
        for (guint k = 0; words[w][k] != '\0'; k += 2)
          {
            guint8 b = (guint8) (g_ascii_xdigit_value (words[w][k]) << 4
                                 | g_ascii_xdigit_value (words[w][k + 1]));

            g_byte_array_append (dns, &b, 1);
          }
      frame = udp_frame (dns->data, dns->len, 40000, 53, &len);
      d = wl_dissect_frame (frame, len, FALSE);
      summary = wl_dissection_summary (d);
      g_test_message ("%s", summary);
      g_assert_true (d->malformed);
      g_assert_true (g_str_has_suffix (summary, "[Malformed]"));
    }
  /* random messages full of pointers */
  for (guint n = 0; n < 20000; n++)
    {
      guint8 dns[200];
      gsize dlen = 12 + g_rand_int_range (rand, 0, 180), len;
      g_autofree guint8 *frame = NULL;
      g_autoptr (WlDissection) d = NULL;
      g_autofree char *summary = NULL;

      for (gsize i = 0; i < dlen; i++)
        dns[i] = (guint8) g_rand_int_range (rand, 0, 256);
      dns[4] = dns[6] = dns[8] = dns[10] = 0;
      for (gsize i = 12; i + 1 < dlen; i += 3)
        if (g_rand_boolean (rand))
          dns[i] |= 0xc0;
      frame = udp_frame (dns, dlen, 53, 53, &len);
      d = wl_dissect_frame (frame, len, FALSE);
      summary = wl_dissection_summary (d);
      for (guint l = 0; l < d->layers->len; l++)
        {
          const WlDissectLayer *ly = g_ptr_array_index (d->layers, l);

          for (guint f = 0; f < ly->fields->len; f++)
            {
              const WlField *field = &g_array_index (ly->fields, WlField, f);

              g_assert_nonnull (wl_dissect_lookup_field (field->abbrev));
              g_assert_cmpuint (field->offset + field->length, <=, len);
              g_assert_true (g_utf8_validate (field->display, -1, NULL));
            }
        }
    }
}

/* ---- tshark ---------------------------------------------------------------------------- */

static GPtrArray *
oracle_abbrevs (void)
{
  GPtrArray *out = g_ptr_array_new ();
  const char *const protos[] = { "udp", "dns" };

  for (guint p = 0; p < G_N_ELEMENTS (protos); p++)
    {
      guint n;
      const WlFieldInfo *rows = wl_dissect_get_fields (protos[p], &n);

      g_assert_nonnull (rows);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (out, (gpointer) rows[i].abbrev);
    }
  return out;
}

static char **
run_tshark (const char *tshark,
            const char *pcap,
            GPtrArray  *abbrevs,
            const char *filter)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  int status;

  g_ptr_array_add (argv, (gpointer) tshark);
  g_ptr_array_add (argv, "-n");
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, (gpointer) pcap);
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, "udp.check_checksum:TRUE");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, "ip.check_checksum:TRUE");
  if (filter != NULL)
    {
      g_ptr_array_add (argv, "-Y");
      g_ptr_array_add (argv, (gpointer) filter);
    }
  g_ptr_array_add (argv, "-T");
  g_ptr_array_add (argv, "fields");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "occurrence=a");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "aggregator=,");
  for (guint i = 0; abbrevs != NULL && i < abbrevs->len; i++)
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

          if (g_str_equal (field->abbrev, abbrev))
            {
              g_string_append_printf (out, "%s%s", any ? "," : "", field->display);
              any = TRUE;
            }
        }
    }
  return g_string_free (out, !any);
}

/* tshark's list for one field, without the checksum states we leave out (2, 3). */
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

static L3Bed *
capture_lab (guint64 seed)
{
  g_autoptr (WlLab) lab = dns_lab_new ();
  static const char *const actions[] = {
    "PC1", "nslookup www.lab.test",
    "PC2", "nslookup -type=MX lab.test",
    "PC2", "nslookup nope.lab.test",
    "PC2", "nslookup -type=MX lab.test 10.0.0.3",
    "PC2", "nslookup -type=NS lab.test 10.0.0.3",
    "PC2", "nslookup -type=SOA lab.test 10.0.0.3",
    "PC2", "nslookup . 10.0.0.1",
    "PC2", "nslookup www.lab.test 10.0.0.10",        /* no server there: ICMP error */
    "PC1", "nslookup -type=TYPE65280 x.lab.test 10.0.0.3",
    "PC1", "nslookup 10.0.0.80 10.0.0.3",           /* PTR: not AUTH's zone, REFUSED */
    "PC1", "nslookup -type=CNAME www.lab.test",
    "PC2", "nslookup -type=ANY lab.test 10.0.0.3",
    "PC1", "nslookup big.lab.test 10.0.0.3",           /* over 512 bytes: TC */
  };
  L3Bed *bed;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i += 2)
    l3_action (lab, (i / 2 + 1) * WL_S, actions[i], actions[i + 1]);
  bed = dns_bed_new (lab, seed, NULL);
  l3_bed_run (bed, 0);
  return bed;
}

static void
test_tshark (void)
{
  g_autofree char *tshark = g_find_program_in_path ("tshark");
  g_autoptr (GPtrArray) abbrevs = oracle_abbrevs ();
  g_autoptr (GError) error = NULL;
  g_autoptr (L3Bed) bed = NULL;
  g_autoptr (GString) failures = g_string_new (NULL);
  g_autofree char *dir = NULL, *pcap = NULL;
  g_auto (GStrv) rows = NULL, bad = NULL;
  pcap_t *p;
  char errbuf[PCAP_ERRBUF_SIZE];
  struct pcap_pkthdr *hdr;
  const u_char *bytes;
  guint n = 0, n_dns = 0;

  if (tshark == NULL)
    {
      g_test_skip ("tshark is not installed: install it (Debian package tshark) to run the oracle");
      return;
    }
  dir = g_dir_make_tmp ("wl-dns-XXXXXX", &error);
  g_assert_no_error (error);
  pcap = g_build_filename (dir, "dns.pcap", NULL);
  bed = capture_lab (1);
  dns_write_pcap (bed, pcap);

  /* nothing malformed, no bad checksum */
  bad = run_tshark (tshark, pcap, NULL, "_ws.malformed || _ws.expert.severity >= error");
  if (bad[0] != NULL && bad[0][0] != '\0')
    g_error ("tshark finds malformed frames or errors:\n%s", bad[0]);
  rows = run_tshark (tshark, pcap, abbrevs, NULL);

  /* our dissection of each frame of the same file */
  p = pcap_open_offline (pcap, errbuf);
  g_assert_nonnull (p);
  while (pcap_next_ex (p, &hdr, &bytes) == 1)
    {
      g_autofree guint8 *copy = g_memdup2 (bytes, hdr->caplen);
      g_autoptr (WlDissection) d = wl_dissect_frame (copy, hdr->caplen, FALSE);
      g_auto (GStrv) columns = NULL;
      g_autofree char *summary = NULL;

      g_assert_nonnull (rows[n]);
      columns = g_strsplit (rows[n++], "\t", -1);
      g_assert_cmpuint (g_strv_length (columns), ==, abbrevs->len + 1);
      g_assert_false (d->malformed);
      if (wl_dissection_find_layer (d, "dns") == NULL)
        continue;
      n_dns++;
      for (guint a = 0; a < abbrevs->len; a++)
        {
          g_autofree char *ours = our_value (d, abbrevs->pdata[a]);
          g_autofree char *theirs = tshark_value (abbrevs->pdata[a], columns[a]);

          if (g_strcmp0 (ours != NULL ? ours : "", theirs) != 0)
            g_string_append_printf (failures, "frame %u: %s: ours \"%s\", tshark \"%s\"\n", n,
                                    (char *) abbrevs->pdata[a], ours ? ours : "", theirs);
        }
      summary = wl_dissection_summary (d);
      if (d->top_proto == WL_PROTO_DNS && !g_str_equal (summary, columns[abbrevs->len]))
        g_string_append_printf (failures, "frame %u: summary \"%s\", tshark Info \"%s\"\n", n,
                                summary, columns[abbrevs->len]);
    }
  pcap_close (p);
  g_unlink (pcap);
  g_rmdir (dir);
  g_test_message ("%u frames, %u with DNS", n, n_dns);
  g_assert_cmpuint (n_dns, >=, 30);
  if (failures->len > 0)
    g_error ("dissector and tshark disagree:\n%s", failures->str);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dissect/dns/known-frame", test_known_frame);
  g_test_add_func ("/engine/dissect/dns/hostile", test_hostile);
  g_test_add_func ("/engine/dissect/dns/tshark", test_tshark);
  return g_test_run ();
}
