/* pcap export: the selected frames, FCS stripped, nanosecond timestamps; read back with
 * libpcap and with tshark, which must decode every frame without a "malformed" complaint. */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "pcap/wl-pcap-export.h"
#include "store-test-util.h"
#include "store/wl-recorder.h"
#include "store/wl-store.h"

#define N_ROUNDS 12

typedef struct
{
  char          *dir;
  char          *out;
  WlStore       *store;
  WlTraceMemory *model;
  gint64         run;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlLab) lab = store_test_make_lab ();
  g_autofree char *path = NULL;
  g_autoptr(WlRecorder) rec = NULL;

  f->dir = store_test_make_dir ();
  f->out = g_build_filename (f->dir, "out.pcap", NULL);
  path = g_build_filename (f->dir, "capture.wirelab", NULL);
  f->store = wl_store_create (path, lab, FALSE, &error);
  g_assert_no_error (error);
  f->model = wl_trace_memory_new ();
  store_test_emit_rounds (&f->model->parent, N_ROUNDS);
  rec = wl_recorder_new (f->store, 1, NULL, &error);
  g_assert_no_error (error);
  store_test_emit_rounds (wl_recorder_get_sink (rec), N_ROUNDS);
  f->run = wl_recorder_get_run_id (rec);
  g_assert_true (wl_recorder_finish (rec, WL_S, "complete", &error));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  wl_store_close (f->store);
  wl_trace_memory_free (f->model);
  store_test_remove_dir (f->dir);
  g_free (f->out);
  g_free (f->dir);
}

/* The model's events a selection should export, in order. */
static GPtrArray *
expected_frames (Fixture               *f,
                 const WlPcapSelection *sel)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < wl_trace_memory_len (f->model); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (f->model, i);
      gboolean keep;

      if (sel->link >= 0)
        keep = ev->kind == WL_EVENT_FRAME_SENT && ev->link == sel->link;
      else if (sel->device >= 0)
        keep = (ev->kind == WL_EVENT_FRAME_SENT || ev->kind == WL_EVENT_FRAME_RECEIVED)
               && ev->device == sel->device && (sel->iface < 0 || ev->iface == sel->iface);
      else
        keep = ev->kind == WL_EVENT_FRAME_SENT;
      if (keep)
        g_ptr_array_add (out, (gpointer) ev);
    }
  return out;
}

/* Reads out.pcap with libpcap and compares it with the expected events. */
static void
assert_capture (Fixture   *f,
                GPtrArray *expected)
{
  char errbuf[PCAP_ERRBUF_SIZE];
  pcap_t *p = pcap_open_offline_with_tstamp_precision (f->out, PCAP_TSTAMP_PRECISION_NANO,
                                                       errbuf);
  struct pcap_pkthdr *hdr;
  const u_char *bytes;
  guint n = 0;

  g_assert_nonnull (p);
  g_assert_cmpint (pcap_datalink (p), ==, DLT_EN10MB);
  g_assert_cmpint (pcap_get_tstamp_precision (p), ==, PCAP_TSTAMP_PRECISION_NANO);
  while (pcap_next_ex (p, &hdr, &bytes) == 1)
    {
      const WlTraceEvent *ev;

      g_assert_cmpuint (n, <, expected->len);
      ev = g_ptr_array_index (expected, n++);
      /* FCS stripped: 4 bytes shorter than on the wire, same bytes otherwise. */
      g_assert_cmpuint (hdr->caplen, ==, ev->frame_len - 4);
      g_assert_cmpuint (hdr->len, ==, ev->frame_len - 4);
      g_assert_cmpmem (bytes, hdr->caplen, ev->frame, ev->frame_len - 4);
      g_assert_cmpint (hdr->ts.tv_sec, ==, ev->time / WL_S);
      g_assert_cmpint (hdr->ts.tv_usec, ==, ev->time % WL_S);
    }
  pcap_close (p);
  g_assert_cmpuint (n, ==, expected->len);
}

static void
export_and_check (Fixture         *f,
                  WlPcapSelection  sel,
                  guint            expected_count)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = expected_frames (f, &sel);
  g_autofree char *names = NULL;

  g_assert_cmpuint (expected->len, ==, expected_count);
  g_assert_true (wl_pcap_export (f->store, f->run, &sel, f->out, &error));
  g_assert_no_error (error);
  assert_capture (f, expected);
  names = store_test_list_dir (f->dir);
  g_assert_cmpstr (names, ==, "capture.wirelab out.pcap");
}

static void
test_all (Fixture       *f,
          gconstpointer  data)
{
  /* 5 frames sent per round: the ARP request and reply twice (once per link), one ping */
  export_and_check (f, (WlPcapSelection) WL_PCAP_SELECTION_ALL, N_ROUNDS * 5);
}

static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  export_and_check (f, (WlPcapSelection) { .link = 0, .device = -1, .iface = -1 },
                    N_ROUNDS * 3);
  export_and_check (f, (WlPcapSelection) { .link = 1, .device = -1, .iface = -1 },
                    N_ROUNDS * 2);
}

static void
test_iface (Fixture       *f,
            gconstpointer  data)
{
  /* PC1's NIC: its ARP request and ping out, the ARP reply in (at its arrival). */
  export_and_check (f, (WlPcapSelection) { .link = -1, .device = 0, .iface = 0 }, N_ROUNDS * 3);
  /* The switch's port 1, then the whole switch. */
  export_and_check (f, (WlPcapSelection) { .link = -1, .device = 2, .iface = 1 }, N_ROUNDS * 2);
  export_and_check (f, (WlPcapSelection) { .link = -1, .device = 2, .iface = -1 },
                    N_ROUNDS * 4);
}

/* tshark, the viewer of record, reads the capture: one line per frame, the lengths without
 * FCS, the EtherTypes of ARP and IPv4, and no malformed packet. */
static void
test_tshark (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tshark = g_find_program_in_path ("tshark");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  WlPcapSelection all = WL_PCAP_SELECTION_ALL;
  int status = -1;

  g_assert_nonnull (tshark); /* .ci/run installs it */
  g_assert_true (wl_pcap_export (f->store, f->run, &all, f->out, &error));
  g_assert_no_error (error);
  {
    const char *argv[] = { tshark, "-n", "-r", f->out, "-T", "fields", "-e", "frame.len",
                           "-e", "eth.type", "-e", "_ws.malformed", NULL };
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                  &status, &error);
  }
  g_assert_no_error (error);
  g_test_message ("tshark: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_null (strstr (out, "alformed"));
  g_assert_null (strstr (err, "alformed"));
  /* N lines, each ending in a newline: the split ends with one empty string */
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, N_ROUNDS * 5 + 1);
  g_assert_cmpstr (lines[N_ROUNDS * 5], ==, "");
  for (guint i = 0; i < N_ROUNDS * 5; i++)
    {
      /* per round: ARP request twice, ARP reply twice, ping; 60 + 14 bytes of ICMP echo */
      const char *expected = i % 5 == 4 ? "74\t0x0800\t" : "60\t0x0806\t";

      g_assert_cmpstr (lines[i], ==, expected);
    }
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "out.pcap", NULL);
  g_autofree char *names = NULL;
  WlPcapSelection all = WL_PCAP_SELECTION_ALL;

  g_assert_false (wl_pcap_export (f->store, f->run, &all, nowhere, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, nowhere));
  g_clear_error (&error);

  /* Over a folder: the rename fails, and the temporary capture is removed. */
  g_assert_cmpint (g_mkdir (f->out, 0755), ==, 0);
  g_assert_false (wl_pcap_export (f->store, f->run, &all, f->out, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, f->out));
  g_clear_error (&error);
  g_rmdir (f->out);

  g_assert_false (wl_pcap_export (f->store, f->run + 1, &all, f->out, &error));
  g_assert_error (error, WL_STORE_ERROR, WL_STORE_ERROR_NO_SUCH_RUN);
  names = store_test_list_dir (f->dir);
  g_assert_cmpstr (names, ==, "capture.wirelab");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/pcap/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("all", test_all);
  ADD ("link", test_link);
  ADD ("iface", test_iface);
  ADD ("tshark", test_tshark);
  ADD ("errors", test_errors);
#undef ADD
  return g_test_run ();
}
