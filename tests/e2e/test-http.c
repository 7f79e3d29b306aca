/* End to end: sample lab 30 (HTTP/1.0 and HTTP/1.1 fetching a page with two images) through
 * wirelab-cli, with tshark as the oracle: the request and response lines, one TCP connection
 * per object with 1.0 and one for all with 1.1 (tcp.stream), no malformed packet, valid
 * checksums, and the same bytes on a second run. */
#include "config.h"

#include <string.h>

#include "e2e-util.h"

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

static char *
export_link (const char *dir,
             const char *lab,
             const char *link)
{
  g_auto (CmdResult) out = { 0 };
  g_autofree char *name = g_strdup_printf ("%s.pcap", link);
  char *pcap = g_build_filename (dir, name, NULL);

  run_cli_ok (&out, "export", lab, "--pcap", pcap, "--link", link, NULL);
  assert_pcap_clean (pcap);
  return pcap;
}

static void
check_pc (const char *pcap,
          const char *version,
          const char *streams)
{
  g_autofree char *methods = rows_joined (pcap, "http.request", "http.request.method");
  g_autofree char *uris = rows_joined (pcap, "http.request", "http.request.uri");
  g_autofree char *versions = rows_joined (pcap, "http.request", "http.request.version");
  g_autofree char *codes = rows_joined (pcap, "http.response", "http.response.code");
  g_autofree char *types = rows_joined (pcap, "http.response", "http.content_type");
  g_autofree char *stream_ids = rows_joined (pcap, "tcp.flags.syn == 1 && tcp.flags.ack == 0",
                                             "tcp.stream");
  g_autofree char *cookies = rows_joined (pcap, "http.cookie", "http.cookie");
  g_autofree char *expected = g_strjoin ("|", version, version, version, NULL);
  guint n_tcp = tshark_count (pcap, "tcp");

  g_assert_cmpstr (methods, ==, "GET|GET|GET");
  g_assert_cmpstr (uris, ==, "/index.html|/a.png|/b.png");
  g_assert_cmpstr (versions, ==, expected);
  g_assert_cmpstr (codes, ==, "200|200|200");
  g_assert_cmpstr (types, ==, "text/html|image/png|image/png");
  g_assert_cmpstr (stream_ids, ==, streams);
  g_assert_cmpstr (cookies, !=, "");  /* the objects' requests send the page's cookie back */
  g_assert_cmpuint (tshark_count (pcap, "tcp.checksum.status == 1"), ==, n_tcp);
  g_assert_cmpuint (tshark_count (pcap, "_ws.malformed"), ==, 0);
}

static void
test_versions (void)
{
  g_autofree char *text = sample_lab ("30-http-versions.lab");
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *dir2 = e2e_tmpdir ();
  g_autofree char *lab = make_and_run (dir, text, NULL);
  g_autofree char *lab2 = make_and_run (dir2, text, NULL);
  g_autofree char *l1 = export_link (dir, lab, "L1");
  g_autofree char *l2 = export_link (dir, lab, "L2");
  g_autofree char *again = export_link (dir2, lab2, "L1");
  g_autofree gchar *a = NULL, *b = NULL;
  gsize la, lb;

  check_pc (l1, "HTTP/1.0", "0|1|2");  /* PC1: a connection per object */
  check_pc (l2, "HTTP/1.1", "0");      /* PC2: one connection for the three */
  /* deterministic: the same lab and seed give the same bytes */
  g_assert_true (g_file_get_contents (l1, &a, &la, NULL));
  g_assert_true (g_file_get_contents (again, &b, &lb, NULL));
  g_assert_cmpmem (a, la, b, lb);
  e2e_rmdir (dir);
  e2e_rmdir (dir2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/http/versions", test_versions);
  return g_test_run ();
}
