/* replay-main.c — runs a fuzz target on saved inputs, without libFuzzer.
 *
 * The normal test suite (gcc, no libFuzzer) links each tests/fuzz/fuzz-NAME.c with this file
 * and passes the target's seed corpus and its crash directory.  Every file found is given to
 * LLVMFuzzerTestOneInput once, in name order, so a crash a fuzzer once found is replayed in
 * every CI run — under ASan too when the build has -Db_sanitize=address,undefined.
 *
 * Arguments are files or directories (not recursive); a directory that does not exist is
 * skipped, as a target may have no crashes yet.  The output is TAP, one line per input.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Appends path if it is a file, else the regular files of the directory path. */
static void
collect_inputs (const char *path,
                GPtrArray  *out)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_ptr_array_add (out, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, NULL);
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (out, g_build_filename (path, name, NULL));
}

static int
compare_paths (const void *a,
               const void *b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  for (int i = 1; i < argc; i++)
    {
      guint first = inputs->len;

      collect_inputs (argv[i], inputs);
      /* keep each argument's files together, sorted by name */
      qsort (inputs->pdata + first, inputs->len - first, sizeof (gpointer), compare_paths);
    }

  printf ("1..%u\n", inputs->len);
  for (guint i = 0; i < inputs->len; i++)
    {
      const char *path = g_ptr_array_index (inputs, i);
      g_autofree char *contents = NULL;
      gsize len = 0;
      g_autoptr(GError) error = NULL;
      guint8 *copy;

      if (!g_file_get_contents (path, &contents, &len, &error))
        {
          printf ("not ok %u %s # %s\n", ++n, path, error->message);
          continue;
        }
      /* an exact-size copy (malloc, as g_malloc (0) is NULL), so ASan sees any read past
       * the input */
      copy = malloc (len);
      g_assert (copy != NULL || len == 0);
      if (len > 0)
        memcpy (copy, contents, len);
      LLVMFuzzerTestOneInput (copy, len);
      free (copy);
      printf ("ok %u %s\n", ++n, path);
      fflush (stdout);
    }
  return inputs->len > 0 ? 0 : 1;
}
