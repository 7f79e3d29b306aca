/* fuzz-lab-file.c — libFuzzer target: opening a lab file (SQLite) from a stranger.
 *
 * The input is written to a temporary file, which wl_store_open opens and wl_store_load_lab
 * reads: each must fail with a WL_STORE_ERROR or give a valid lab, and the list of runs
 * must fail or succeed cleanly too.  SQLite makes this slow (a few hundred inputs a second):
 * keep libFuzzer runs short and seed it with real lab files.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "devices/wl-services.h"
#include "store/wl-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_error (const GError *error)
{
  if (error == NULL || error->domain != WL_STORE_ERROR || error->message == NULL)
    abort ();
}

static void
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlStore) store = wl_store_open (path, &error);
  g_autoptr(GPtrArray) runs = NULL;
  WlLab *lab;

  if (store == NULL)
    {
      check_error (error);
      return;
    }
  lab = wl_store_load_lab (store, &error);
  if (lab == NULL)
    check_error (error);
  else if (!wl_lab_validate (lab, NULL))
    abort ();
  g_clear_pointer (&lab, wl_lab_unref);
  g_clear_error (&error);
  runs = wl_store_list_runs (store, &error);
  if (runs == NULL)
    check_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *side_files[] = { "-journal", "-wal", "-shm" };
  int fd;

  wl_services_init ();
  fd = g_file_open_tmp ("wl-fuzz-XXXXXX.wirelab", &path, &error);
  if (fd < 0)
    abort ();
  close (fd);
  if (!g_file_set_contents (path, (const char *) data, size, &error))
    abort ();
  load (path);
  g_unlink (path);
  /* SQLite may leave a journal beside the file */
  for (guint i = 0; i < G_N_ELEMENTS (side_files); i++)
    {
      g_autofree char *side = g_strconcat (path, side_files[i], NULL);

      g_unlink (side);
    }
  return 0;
}
