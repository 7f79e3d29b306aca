/* End to end: determinism, the cause chain, and bad input through wirelab-cli. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "e2e-util.h"

static char *
read_file (const char *path, gsize *len)
{
  char *data = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &data, len, &error));
  return data;
}

/* Lab 3 with a lossy middle link and many pings, written to dir. */
static char *
lossy_lab_text (const char *dir)
{
  g_autofree char *src = sample_lab ("03-router-ping.lab");
  g_autofree char *text = read_file (src, NULL);
  g_autoptr (GString) s = g_string_new (text);
  char *path = g_build_filename (dir, "lossy.lab", NULL);

  g_assert_cmpuint (g_string_replace (s, "b=R1:eth0\n", "b=R1:eth0\nloss=30%\n", 1), ==, 1);
  g_assert_cmpuint (g_string_replace (s, "ping -c 3 ", "ping -c 20 ", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, s->str, -1, NULL));
  return path;
}

static void
test_determinism (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = lossy_lab_text (dir);
  g_autofree char *lab = make_and_run (dir, text, "7");
  g_autofree char *p1 = NULL, *p2 = NULL, *p3 = NULL, *b1 = NULL, *b2 = NULL, *b3 = NULL;
  g_auto (CmdResult) r = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 };
  gsize n1, n2, n3;

  /* run 2: same seed; run 3: another seed */
  run_cli_ok (&r, "run", lab, "--seed", "7", NULL);
  run_cli_ok (&r2, "run", lab, "--seed", "8", NULL);
  p1 = g_build_filename (dir, "run1.pcap", NULL);
  p2 = g_build_filename (dir, "run2.pcap", NULL);
  p3 = g_build_filename (dir, "run3.pcap", NULL);
  run_cli_ok (&r3, "export", lab, "--run", "1", "--pcap", p1, NULL);
  run_cli_ok (&r4, "export", lab, "--run", "2", "--pcap", p2, NULL);
  g_clear_pointer (&r3.out, g_free);
  g_clear_pointer (&r3.err, g_free);
  run_cli_ok (&r3, "export", lab, "--run", "3", "--pcap", p3, NULL);
  b1 = read_file (p1, &n1);
  b2 = read_file (p2, &n2);
  b3 = read_file (p3, &n3);
  g_assert_cmpuint (n1, >, 1000);
  g_assert_cmpmem (b1, n1, b2, n2);   /* same lab, same seed: the same bytes */
  g_assert_false (n1 == n3 && memcmp (b1, b3, n1) == 0); /* another seed: other losses */
  /* the losses are recorded as drops with their reason */
  g_clear_pointer (&r.out, g_free);
  g_clear_pointer (&r.err, g_free);
  run_cli_ok (&r, "events", lab, "--run", "1", NULL);
  g_assert_nonnull (strstr (r.out, "the cable lost the frame"));
  e2e_rmdir (dir);
}

static guint
count_newlines (const char *s)
{
  guint n = 0;

  for (; *s; s++)
    n += *s == '\n';
  return n;
}

/* --why walks from a reply back to the ping command that started it all. */
static void
test_why_chain (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("03-router-ping.lab");
  g_autofree char *lab = make_and_run (dir, text, NULL);
  g_auto (CmdResult) ev = { 0 }, why = { 0 };
  g_auto (GStrv) lines = NULL;
  const char *reply_line = NULL;
  g_autofree char *id = NULL;

  run_cli_ok (&ev, "events", lab, "--device", "PC1", "--proto", "icmp", NULL);
  lines = g_strsplit (ev.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && reply_line == NULL; i++)
    if (strstr (lines[i], "received") && strstr (lines[i], "Echo (ping) reply"))
      reply_line = lines[i];
  g_assert_nonnull (reply_line);
  id = g_strstrip (g_strndup (reply_line, 6));
  run_cli_ok (&why, "events", lab, "--why", id, NULL);
  /* the chain ends at the user's command, and passes the echo request at PC2 */
  g_assert_nonnull (strstr (why.out, "command: ping -c 3 10.0.2.10"));
  g_assert_nonnull (strstr (why.out, "Echo (ping) request"));
  g_assert_true (g_str_has_suffix (g_strchomp (why.out), "command: ping -c 3 10.0.2.10"));
  /* and PC1's console shows the command and its three replies */
  {
    g_auto (CmdResult) con = { 0 };

    run_cli_ok (&con, "console", lab, "--device", "PC1", NULL);
    g_assert_true (g_str_has_prefix (con.out, "PC1> ping -c 3 10.0.2.10\n"));
    g_assert_cmpuint (count_newlines (con.out), ==, 4);
    g_assert_nonnull (strstr (con.out, "reply from 10.0.2.10: seq=3 ttl=63"));
  }
  e2e_rmdir (dir);
}

static void
assert_unchanged_after (const char *path, const char *const *args, const char *expect_in_error)
{
  gsize before_len, after_len;
  g_autofree char *before = read_file (path, &before_len);
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (CmdResult) r = { 0 };

  g_ptr_array_add (argv, (gpointer) g_getenv ("WIRELAB_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  run_argv ((const char *const *) argv->pdata, &r);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, expect_in_error));
  g_assert_true (g_str_has_prefix (r.err, "wirelab-cli: "));
  g_assert_cmpuint (count_newlines (r.err), ==, 1); /* one clear line */
  after = read_file (path, &after_len);
  g_assert_cmpmem (before, before_len, after, after_len);
}

static void
test_bad_lab_files (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("01-hub-ping.lab");
  g_autofree char *lab = make_and_run (dir, text, NULL);
  g_autofree char *renamed = g_build_filename (dir, "notes.wirelab", NULL);
  g_autofree char *truncated = g_build_filename (dir, "truncated.wirelab", NULL);
  g_autofree char *data = NULL;
  gsize len;

  /* a text file renamed .wirelab */
  g_assert_true (g_file_set_contents (renamed, "just some notes\n", -1, NULL));
  assert_unchanged_after (renamed, (const char *const[]){ "run", renamed, NULL },
                          "not a Wirelab lab");
  assert_unchanged_after (renamed, (const char *const[]){ "dump", renamed, NULL },
                          "not a Wirelab lab");
  /* the first half of a real lab file */
  data = read_file (lab, &len);
  g_assert_true (g_file_set_contents (truncated, data, (gssize) (len / 2), NULL));
  assert_unchanged_after (truncated, (const char *const[]){ "run", truncated, NULL },
                          "truncated.wirelab");
  /* "new" refuses to replace an existing file without --force */
  assert_unchanged_after (lab, (const char *const[]){ "new", lab, "--from", text, NULL },
                          lab);
  e2e_rmdir (dir);
}

static void
test_bad_lab_text (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *src = sample_lab ("01-hub-ping.lab");
  g_autofree char *orig = read_file (src, NULL);
  g_autoptr (GString) s = g_string_new (orig);
  g_autofree char *bad = g_build_filename (dir, "bad.lab", NULL);
  g_autofree char *out = g_build_filename (dir, "bad.wirelab", NULL);
  g_auto (CmdResult) r = { 0 };

  g_string_replace (s, "192.168.1.20/24", "300.1.1.1/24", 1);
  g_assert_true (g_file_set_contents (bad, s->str, -1, NULL));
  assert_unchanged_after (bad, (const char *const[]){ "new", out, "--from", bad, NULL },
                          "300.1.1.1");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  /* a command the device does not understand is refused before the run */
  g_string_assign (s, orig);
  g_string_replace (s, "command=ping -c 3 192.168.1.20", "command=ping -c 3 192.168.1.999", 1);
  g_assert_true (g_file_set_contents (bad, s->str, -1, NULL));
  run_cli_ok (&r, "new", out, "--from", bad, NULL);
  assert_unchanged_after (out, (const char *const[]){ "run", out, NULL }, "192.168.1.999");
  /* a service nobody provides is named, and nothing runs */
  g_string_assign (s, orig);
  g_string_append (s, "\n[service PC2 teleporter]\ndestination=mars\n");
  g_assert_true (g_file_set_contents (bad, s->str, -1, NULL));
  g_clear_pointer (&r.out, g_free);
  g_clear_pointer (&r.err, g_free);
  run_cli_ok (&r, "new", out, "--from", bad, "--force", NULL);
  assert_unchanged_after (out, (const char *const[]){ "run", out, NULL }, "teleporter");
  e2e_rmdir (dir);
}

static void
test_bad_usage (void)
{
  g_auto (CmdResult) r1 = { 0 }, r2 = { 0 }, r3 = { 0 }, r4 = { 0 }, r5 = { 0 };
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.wirelab", NULL);
  g_autofree char *text = sample_lab ("01-hub-ping.lab");
  g_autofree char *lab = make_and_run (dir, text, NULL);

  run_cli (&r1, "frobnicate", NULL);
  g_assert_cmpint (r1.status, ==, 2);
  g_assert_nonnull (strstr (r1.err, "frobnicate"));
  run_cli (&r2, "run", lab, "--bogus", NULL);
  g_assert_cmpint (r2.status, ==, 2);
  run_cli (&r3, "run", missing, NULL);
  g_assert_cmpint (r3.status, ==, 1);
  g_assert_nonnull (strstr (r3.err, "missing.wirelab"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS)); /* opening never creates */
  run_cli (&r4, "events", lab, "--device", "NoSuchPC", NULL);
  g_assert_cmpint (r4.status, ==, 1);
  g_assert_nonnull (strstr (r4.err, "NoSuchPC"));
  run_cli (&r5, "export", lab, "--pcap", "/nonexistent-dir/x.pcap", NULL);
  g_assert_cmpint (r5.status, ==, 1);
  g_assert_nonnull (strstr (r5.err, "/nonexistent-dir/x.pcap"));
  e2e_rmdir (dir);
}

/* --until and --max-events stop a run early; what was recorded stays usable. */
static void
test_run_limits (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("03-router-ping.lab");
  g_autofree char *lab = make_and_run (dir, text, NULL);
  g_autofree char *pcap = g_build_filename (dir, "part.pcap", NULL);
  g_auto (CmdResult) r1 = { 0 }, r2 = { 0 }, runs = { 0 }, ex = { 0 };

  run_cli_ok (&r1, "run", lab, "--until", "1500ms", NULL);
  g_assert_nonnull (strstr (r1.out, "Run 2:"));
  g_assert_nonnull (strstr (r1.out, "ended at 1.500000000 s"));
  run_cli_ok (&r2, "run", lab, "--max-events", "20", NULL);
  g_assert_nonnull (strstr (r2.err, "--max-events"));
  run_cli_ok (&runs, "runs", lab, NULL);
  g_assert_nonnull (strstr (runs.out, "(complete)"));
  g_assert_nonnull (strstr (runs.out, "(incomplete)"));
  g_assert_nonnull (strstr (runs.out, "(budget)"));
  /* the run cut at 1.5 s holds the first echo exchange only */
  run_cli_ok (&ex, "export", lab, "--run", "2", "--pcap", pcap, NULL);
  g_assert_cmpuint (tshark_count (pcap, "icmp.type == 0"), ==, 4); /* one reply over 4 links */
  e2e_rmdir (dir);
}

static void
test_help (void)
{
  const char *cmds[] = { "new", "dump", "run", "runs", "events", "export", "console" };

  for (gsize i = 0; i < G_N_ELEMENTS (cmds); i++)
    {
      g_auto (CmdResult) r = { 0 };

      run_cli (&r, cmds[i], "--help", NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_nonnull (strstr (r.out, "LAB.wirelab"));
    }
}

/* LANGUAGE=zh_CN: the CLI speaks Simplified Chinese (translations from the build tree). */
static void
test_chinese (void)
{
  g_autofree char *localedir = g_build_filename (g_getenv ("WL_BUILD_DIR"), "po", NULL);
  g_auto (CmdResult) r = { 0 };
  const char *argv[] = { g_getenv ("WIRELAB_CLI"), "--help", NULL };
  g_auto (GStrv) env = g_get_environ ();

  env = g_environ_setenv (env, "WL_LOCALEDIR", localedir, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "zh_CN", TRUE);
  env = g_environ_setenv (env, "LANG", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, 0, NULL, NULL, &r.out, &r.err, NULL,
                               NULL));
  g_assert_true (g_str_has_prefix (r.out, "用法："));
  g_assert_nonnull (strstr (r.out, "由实验文本创建实验文件"));
}

/* dump gives back the lab text we started from (canonical form). */
static void
test_dump_round_trip (void)
{
  g_autofree char *dir = e2e_tmpdir ();
  g_autofree char *text = sample_lab ("04-traceroute.lab");
  g_autofree char *lab = make_and_run (dir, text, NULL);
  g_autofree char *lab2 = g_build_filename (dir, "again.wirelab", NULL);
  g_autofree char *dumped = g_build_filename (dir, "dumped.lab", NULL);
  g_auto (CmdResult) d1 = { 0 }, d2 = { 0 }, n = { 0 };

  run_cli_ok (&d1, "dump", lab, "-o", dumped, NULL);
  run_cli_ok (&n, "new", lab2, "--from", dumped, NULL);
  run_cli_ok (&d2, "dump", lab2, NULL);
  {
    g_autofree char *first = read_file (dumped, NULL);

    g_assert_cmpstr (first, ==, d2.out);
    g_assert_nonnull (strstr (first, "route=10.0.3.0/24 via 10.0.2.2"));
  }
  e2e_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/cli/determinism", test_determinism);
  g_test_add_func ("/e2e/cli/why-chain", test_why_chain);
  g_test_add_func ("/e2e/cli/bad-lab-files", test_bad_lab_files);
  g_test_add_func ("/e2e/cli/bad-lab-text", test_bad_lab_text);
  g_test_add_func ("/e2e/cli/bad-usage", test_bad_usage);
  g_test_add_func ("/e2e/cli/run-limits", test_run_limits);
  g_test_add_func ("/e2e/cli/help", test_help);
  g_test_add_func ("/e2e/cli/chinese", test_chinese);
  g_test_add_func ("/e2e/cli/dump-round-trip", test_dump_round_trip);
  return g_test_run ();
}
