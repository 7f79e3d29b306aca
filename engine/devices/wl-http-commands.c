/* wl-http-commands.c — the console's web client commands.
 *
 *   http get|head|post [-1.0|-1.1] [-d DATA] URL
 *   curl [-0|--http1.0|--http1.1] [-I] [-d DATA] URL     (curl's own spelling of the options)
 *
 * URL is http://HOST[:PORT][/PATH] ("http://" may be left out, as curl allows); HOST is an
 * IPv4 address or a name the host's stub resolver looks up.  The default version is HTTP/1.1;
 * -1.0 (curl: -0) asks with HTTP/1.0.  -d DATA makes a POST with DATA as the body (curl does
 * the same); -I makes a HEAD.  Both commands accept both spellings.
 *
 * The program itself is the client of engine/proto/wl-http-client.c.
 */
#define G_LOG_DOMAIN "wl-http"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lab/wl-lab.h"
#include "proto/wl-http.h"

static gboolean
usage (GError **error)
{
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("Usage: http get|head|post [-1.0|-1.1] [-d DATA] URL, or curl [-0] [-I] "
                 "[-d DATA] URL"));
  return FALSE;
}

static gboolean
parse_method (const char        *word,
              WlHttpRequestSpec *spec)
{
  static const char *const methods[] = { "get", "head", "post" };

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    if (g_ascii_strcasecmp (word, methods[i]) == 0)
      {
        spec->method = g_ascii_strup (word, -1);
        return TRUE;
      }
  return FALSE;
}

/* One option at argv[*i]; TRUE when it was one. */
static gboolean
parse_option (char             **argv,
              guint             *i,
              WlHttpRequestSpec *spec,
              GError           **error)
{
  const char *a = argv[*i];

  if (strcmp (a, "-1.0") == 0 || strcmp (a, "-0") == 0 || strcmp (a, "--http1.0") == 0)
    spec->version = 10;
  else if (strcmp (a, "-1.1") == 0 || strcmp (a, "--http1.1") == 0)
    spec->version = 11;
  else if (strcmp (a, "-I") == 0 || strcmp (a, "--head") == 0)
    g_free (spec->method), spec->method = g_strdup ("HEAD");
  else if (strcmp (a, "-d") == 0 || strcmp (a, "--data") == 0)
    {
      if (argv[*i + 1] == NULL)
        return usage (error);
      g_free (spec->data);
      spec->data = g_strdup (argv[++*i]);
      if (spec->method == NULL || strcmp (spec->method, "GET") == 0)
        g_free (spec->method), spec->method = g_strdup ("POST");
    }
  else
    {
      /* Translators: %s is the option typed */
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("http: unknown option “%s” (known: -1.0, -1.1, -0, -I, -d DATA)"), a);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_args (char             **argv,
            WlHttpRequestSpec *spec,
            GError           **error)
{
  const char *url = NULL;
  guint i = 1;

  spec->version = 11;
  if (strcmp (argv[0], "http") == 0)
    {
      if (argv[1] == NULL || !parse_method (argv[1], spec))
        return usage (error);
      i = 2;
    }
  else
    spec->method = g_strdup ("GET");
  for (; argv[i] != NULL; i++)
    {
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          if (!parse_option (argv, &i, spec, error))
            return FALSE;
        }
      else if (url == NULL)
        url = argv[i];
      else
        return usage (error);
    }
  if (url == NULL)
    return usage (error);
  if (strcmp (spec->method, "POST") == 0 && spec->data == NULL)
    spec->data = g_strdup ("");
  return wl_http_parse_url (url, spec, error);
}

gboolean
wl_http_command (WlStack    *stack,
                 const char *line,
                 char      **argv,
                 GError    **error)
{
  WlHttpRequestSpec spec = { 0 };
  gboolean ok = parse_args (argv, &spec, error);

  if (ok && stack != NULL)
    wl_http_client_start (stack, &spec);
  wl_http_request_spec_clear (&spec);
  return ok;
}
