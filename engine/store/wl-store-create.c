/* wl-store-create.c — writing a new lab file, atomically.
 *
 * The whole new file is written under a hidden temporary name in the target's folder
 * (".NAME.XXXXXX": rename is only atomic within one file system, so not /tmp), committed
 * with synchronous=FULL, then renamed into place and the folder synced.  Until the rename
 * the old file, if any, is untouched; after it, the new one is complete on disk.  Whatever
 * fails, the temporary file and its journal are removed.
 *
 * Without overwrite, an existing target is refused before anything is written, and again
 * at the end by link(), which cannot replace a file, in case one appeared meanwhile.
 * The schema is data/schema.sql, compiled into the program as a GResource.
 */
#define G_LOG_DOMAIN "wl-store"
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "store/wl-store-private.h"
#include "store/wl-store-resources.h"

/* A hidden temporary file next to the target: the caller owns *tmp_path and the fd. */
static int
make_temp (const char  *path,
           char       **tmp_path,
           GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = NULL;
  char *tmpl;
  int fd;

  /* Keep ".NAME.XXXXXX-journal" within the 255-byte limit of common file systems. */
  name = g_strdup_printf (".%.200s.XXXXXX", base);
  tmpl = g_build_filename (dir, name, NULL);
  fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      g_free (tmpl);
      return -1;
    }
  *tmp_path = tmpl;
  return fd;
}

/* Also the journal: SQLite leaves one if it dies mid-transaction. */
static void
remove_temp (const char *tmp)
{
  g_autofree char *journal = g_strconcat (tmp, "-journal", NULL);

  g_unlink (tmp);
  g_unlink (journal);
}

/* Schema and lab in one transaction on the temporary file.  Messages name path: the user
 * never sees the temporary name. */
static gboolean
write_new_file (const char  *tmp,
                const char  *path,
                WlLab       *lab,
                GError     **error)
{
  g_autoptr(WlStore) store = _wl_store_new (path);
  g_autoptr(GBytes) schema = NULL;

  /* Looked up in our own GResource, not the global table: this reference also keeps the
   * linker from dropping the resource out of the static engine library. */
  schema = g_resource_lookup_data (wl_store_schema_get_resource (),
                                   "/org/wirelab/store/schema.sql",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_assert (schema != NULL); /* compiled in: resource data is always NUL-terminated */

  /* On failure, closing the connection rolls the transaction back. */
  if (!_wl_store_connect (store, tmp, error)
      || !_wl_store_exec (store, _wl_store_configure_sql, TRUE, error)
      || !_wl_store_exec (store, "BEGIN IMMEDIATE", TRUE, error)
      || !_wl_store_exec (store, g_bytes_get_data (schema, NULL), TRUE, error)
      || !_wl_store_write_lab (store, lab, error)
      || !_wl_store_exec (store, "COMMIT", TRUE, error))
    return FALSE;
  return TRUE;
}

/* Moves the finished temporary file to path.  Without overwrite, link() makes "only if
 * absent" atomic; file systems without hard links fall back to check-then-rename. */
static gboolean
move_into_place (const char  *tmp,
                 const char  *path,
                 gboolean     overwrite,
                 GError     **error)
{
  int saved_errno;

  if (!overwrite)
    {
      if (link (tmp, path) == 0)
        {
          g_unlink (tmp);
          return TRUE;
        }
      if (errno == EEXIST || g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_EXISTS,
                       _("“%s” already exists"), path);
          return FALSE;
        }
    }
  if (g_rename (tmp, path) == 0)
    return TRUE;
  saved_errno = errno;
  g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_IO,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/* Makes the rename itself durable.  Best effort: some file systems refuse fsync on folders. */
static void
sync_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

WlStore *
wl_store_create (const char  *path,
                 WlLab       *lab,
                 gboolean     overwrite,
                 GError     **error)
{
  g_autofree char *tmp = NULL;
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (lab != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!wl_lab_validate (lab, error))
    return NULL;
  if (!overwrite && g_lstat (path, &st) == 0)
    {
      g_set_error (error, WL_STORE_ERROR, WL_STORE_ERROR_EXISTS,
                   _("“%s” already exists"), path);
      return NULL;
    }
  fd = make_temp (path, &tmp, error);
  if (fd < 0)
    return NULL;
  /* Replacing a file keeps its permissions. */
  if (overwrite && g_stat (path, &st) == 0 && S_ISREG (st.st_mode))
    fchmod (fd, st.st_mode & 07777);
  /* SQLite opens the file by name; closing our descriptor now keeps it from ever dropping
   * SQLite's POSIX locks.  synchronous=FULL makes the commit durable before we rename. */
  close (fd);

  if (!write_new_file (tmp, path, lab, error)
      || !move_into_place (tmp, path, overwrite, error))
    {
      remove_temp (tmp);
      return NULL;
    }
  sync_folder (path);
  return wl_store_open (path, error);
}
