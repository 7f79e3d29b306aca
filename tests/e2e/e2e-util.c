/* e2e-util.c — see e2e-util.h. */
#include "config.h"

#include <glib/gstdio.h>
#include <stdarg.h>

#include "e2e-util.h"

void
cmd_result_clear (CmdResult *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
}

void
run_argv (const char *const *argv, CmdResult *out)
{
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out->out,
                     &out->err, &wait_status, &error))
    g_error ("cannot run %s: %s", argv[0], error->message);
  out->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : 128 + WTERMSIG (wait_status);
}

static void
run_cli_va (CmdResult *out, va_list ap)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *cli = g_getenv ("WIRELAB_CLI");
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  run_argv ((const char *const *) argv->pdata, out);
}

void
run_cli (CmdResult *out, ...)
{
  va_list ap;

  va_start (ap, out);
  run_cli_va (out, ap);
  va_end (ap);
}

void
run_cli_ok (CmdResult *out, ...)
{
  va_list ap;

  va_start (ap, out);
  run_cli_va (out, ap);
  va_end (ap);
  if (out->status != 0)
    g_error ("wirelab-cli failed (%d): %s", out->status, out->err);
}

char *
e2e_tmpdir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("wirelab-e2e-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
e2e_rmdir (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (dir);
}

char *
sample_lab (const char *name)
{
  return g_build_filename (g_getenv ("WL_SOURCE_DIR"), "data", "labs", name, NULL);
}

char *
make_and_run (const char *dir, const char *text_path, const char *seed)
{
  g_autofree char *base = g_path_get_basename (text_path);
  char *lab = g_strdup_printf ("%s/%s.wirelab", dir, base);
  g_auto (CmdResult) r1 = { 0 }, r2 = { 0 };

  run_cli_ok (&r1, "new", lab, "--from", text_path, "--force", NULL);
  if (seed != NULL)
    run_cli_ok (&r2, "run", lab, "--seed", seed, NULL);
  else
    run_cli_ok (&r2, "run", lab, NULL);
  return lab;
}

static GPtrArray *
tshark_lines (const char *pcap, const char *filter, const char *const *fields)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_auto (CmdResult) r = { 0 };
  g_auto (GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, "tshark");
  g_ptr_array_add (argv, "-n");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, "ip.check_checksum:TRUE");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, "udp.check_checksum:TRUE");
  g_ptr_array_add (argv, "-o");
  g_ptr_array_add (argv, "tcp.check_checksum:TRUE");
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, (gpointer) pcap);
  if (filter != NULL && filter[0] != '\0')
    {
      g_ptr_array_add (argv, "-Y");
      g_ptr_array_add (argv, (gpointer) filter);
    }
  g_ptr_array_add (argv, "-T");
  g_ptr_array_add (argv, "fields");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "occurrence=f");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "aggregator=,");
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "-e");
      g_ptr_array_add (argv, (gpointer) fields[i]);
    }
  g_ptr_array_add (argv, NULL);
  run_argv ((const char *const *) argv->pdata, &r);
  if (r.status != 0)
    g_error ("tshark failed on %s: %s", pcap, r.err);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0')
      g_ptr_array_add (rows, g_strdup (lines[i]));
  return rows;
}

GPtrArray *
tshark_rows (const char *pcap, const char *filter, const char *const *fields)
{
  return tshark_lines (pcap, filter, fields);
}

guint
tshark_count (const char *pcap, const char *filter)
{
  const char *fields[] = { "frame.number", NULL };
  g_autoptr (GPtrArray) rows = tshark_lines (pcap, filter, fields);

  return rows->len;
}

void
assert_pcap_clean (const char *pcap)
{
  g_assert_cmpuint (tshark_count (pcap, "_ws.malformed"), ==, 0);
  g_assert_cmpuint (tshark_count (pcap, "_ws.expert.severity == error"), ==, 0);
  g_assert_cmpuint (tshark_count (pcap, "ip.checksum.status == 0 || icmp.checksum.status == 0 "
                                        "|| udp.checksum.status == 0 || tcp.checksum.status == 0"),
                    ==, 0);
}
