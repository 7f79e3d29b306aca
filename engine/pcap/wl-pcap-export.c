/* wl-pcap-export.c — writing a run's frames as a classic pcap file through libpcap.
 *
 * The file format is libpcap's own (pcap_open_dead + pcap_dump), so anything that reads
 * pcap reads ours: a 24-byte file header (magic 0xa1b23c4d for nanosecond timestamps,
 * version 2.4, snaplen 65535, link type 1 = DLT_EN10MB) and per frame a 16-byte record
 * header (seconds, nanoseconds, captured length, original length) followed by the bytes.
 *
 * Which frames: the store's event filter picks them (kind "sent", plus "received" for an
 * interface), in the run's (time, id) order, which is the order a capture would list them.
 * The recorded frame carries its FCS; a NIC hands captures over without it, and Wireshark
 * would otherwise show 4 bytes of trailer, so the last 4 bytes are dropped.
 *
 * The capture goes to a hidden temporary file in the target's folder, flushed and synced,
 * then renamed over the target: a failed export never leaves half a file under its name.
 */
#define G_LOG_DOMAIN "wl-pcap"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "pcap/wl-pcap-export.h"

#define FCS_LEN 4
#define SNAPLEN 65535

typedef struct
{
  const char    *path;     /* the target, for messages */
  char          *tmp;      /* the temporary file being written */
  pcap_t        *pcap;
  pcap_dumper_t *dumper;
  guint64        n_frames;
} Exporter;

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
}

static gboolean
exporter_open (Exporter  *ex,
               GError   **error)
{
  g_autofree char *dir = g_path_get_dirname (ex->path);
  g_autofree char *base = g_path_get_basename (ex->path);
  g_autofree char *name = g_strdup_printf (".%.200s.XXXXXX", base);
  FILE *fp;
  int fd;

  ex->tmp = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (ex->tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_write_error (error, ex->path, errno);
      g_clear_pointer (&ex->tmp, g_free);
      return FALSE;
    }
  fp = fdopen (fd, "wb");
  if (fp == NULL)
    {
      set_write_error (error, ex->path, errno);
      close (fd);
      return FALSE;
    }
  errno = 0;
  ex->pcap = pcap_open_dead_with_tstamp_precision (DLT_EN10MB, SNAPLEN,
                                                   PCAP_TSTAMP_PRECISION_NANO);
  if (ex->pcap != NULL)
    ex->dumper = pcap_dump_fopen (ex->pcap, fp);
  if (ex->dumper == NULL)
    {
      set_write_error (error, ex->path, errno != 0 ? errno : ENOMEM);
      fclose (fp);
      return FALSE;
    }
  return TRUE;
}

/* Flushes and syncs the capture, then closes it; FALSE with an error if any byte may be
 * missing. */
static gboolean
exporter_close (Exporter  *ex,
                GError   **error)
{
  gboolean ok = TRUE;
  FILE *fp = pcap_dump_file (ex->dumper);

  errno = 0;
  if (pcap_dump_flush (ex->dumper) != 0 || ferror (fp) || fsync (fileno (fp)) != 0)
    {
      set_write_error (error, ex->path, errno != 0 ? errno : EIO);
      ok = FALSE;
    }
  pcap_dump_close (ex->dumper);
  ex->dumper = NULL;
  return ok;
}

static void
exporter_clear (Exporter *ex)
{
  if (ex->dumper != NULL)
    pcap_dump_close (ex->dumper);
  if (ex->pcap != NULL)
    pcap_close (ex->pcap);
  if (ex->tmp != NULL)
    g_unlink (ex->tmp);
  g_free (ex->tmp);
}

static gboolean
write_frame (const WlTraceEvent *event,
             gpointer            user_data)
{
  Exporter *ex = user_data;
  struct pcap_pkthdr hdr = { 0 };
  gsize len;

  /* A frame event without bytes (or shorter than its FCS) has nothing to capture. */
  if (event->frame == NULL || event->frame_len <= FCS_LEN)
    return TRUE;
  len = event->frame_len - FCS_LEN;
  /* With nanosecond precision, tv_usec holds nanoseconds. */
  hdr.ts.tv_sec = (time_t) (event->time / WL_S);
  hdr.ts.tv_usec = (suseconds_t) (event->time % WL_S);
  hdr.len = (bpf_u_int32) MIN (len, G_MAXUINT32);
  hdr.caplen = (bpf_u_int32) MIN (len, SNAPLEN);
  pcap_dump ((u_char *) ex->dumper, &hdr, event->frame);
  ex->n_frames++;
  return TRUE;
}

static void
selection_to_filter (const WlPcapSelection *sel,
                     WlEventFilter         *filter)
{
  filter->kinds = WL_EVENT_KIND_BIT (WL_EVENT_FRAME_SENT);
  if (sel->link >= 0)
    filter->link = sel->link;
  else if (sel->device >= 0)
    {
      /* What one NIC sees: its own transmissions and what arrived at it. */
      filter->device = sel->device;
      filter->iface = sel->iface;
      filter->kinds |= WL_EVENT_KIND_BIT (WL_EVENT_FRAME_RECEIVED);
    }
}

gboolean
wl_pcap_export (WlStore                *store,
                gint64                  run_id,
                const WlPcapSelection  *sel,
                const char             *path,
                GError                **error)
{
  static const WlPcapSelection all = WL_PCAP_SELECTION_ALL;
  WlEventFilter filter = WL_EVENT_FILTER_INIT;
  g_auto(WlRunInfo) info = { 0 };
  Exporter ex = { .path = path };
  gboolean ok;

  g_return_val_if_fail (store != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  if (sel == NULL)
    sel = &all;
  g_return_val_if_fail (sel->iface < 0 || sel->device >= 0, FALSE);
  g_return_val_if_fail (sel->link < 0 || sel->device < 0, FALSE);

  /* A run that does not exist must not leave an empty capture behind. */
  if (!wl_store_get_run (store, run_id, &info, error))
    return FALSE;
  selection_to_filter (sel, &filter);

  ok = exporter_open (&ex, error)
       && wl_store_foreach_event (store, run_id, &filter, write_frame, &ex, error)
       && exporter_close (&ex, error);
  if (ok && g_rename (ex.tmp, path) != 0)
    {
      set_write_error (error, path, errno);
      ok = FALSE;
    }
  if (ok)
    {
      g_debug ("Exported %" G_GUINT64_FORMAT " frames of run %" G_GINT64_FORMAT " to %s",
               ex.n_frames, run_id, path);
      g_clear_pointer (&ex.tmp, g_free); /* renamed: nothing to remove */
    }
  exporter_clear (&ex);
  return ok;
}
