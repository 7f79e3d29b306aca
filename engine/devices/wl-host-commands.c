/* wl-host-commands.c — the command lines a host or router understands, parsed the way the
 * real programs parse them.
 *
 *   ping [-c COUNT] [-s SIZE] [-i INTERVAL] [-t TTL] [-W TIMEOUT] [-M do|dont] [-n] TARGET
 *   traceroute [-m MAXHOPS] [-q PROBES] [-w WAIT] [-n] TARGET
 *   tracert [-h MAXHOPS] [-w TIMEOUT] [-d] TARGET
 *
 * ping and traceroute follow Linux (iputils ping, traceroute 2.x): options before or after
 * the target, a value either glued ("-c4") or as the next word ("-c 4"), times in seconds
 * with decimals ("-i 0.2").  tracert follows Windows: -w is in milliseconds.  -n and -d
 * (no reverse DNS) are accepted and change nothing, since there is no DNS yet.
 *
 * Words are split like a shell does (quotes allowed).  Every error is WL_LAB_ERROR_INVALID
 * with a translated message that names the text at fault, so the console can show it as is.
 * TARGET must be a dotted quad: names need DNS, which arrives later.
 */
#define G_LOG_DOMAIN "wl-host"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "lab/wl-lab.h"
#include "proto/wl-apps.h"

#define PING_MAX_COUNT 10000
#define PING_MAX_SIZE 65507  /* 65535 − 20 (IPv4) − 8 (ICMP) */
#define MAX_SECONDS 3600

void
wl_ping_options_init (WlPingOptions *opts)
{
  memset (opts, 0, sizeof *opts);
  opts->count = 4;          /* Linux pings until stopped; a scenario needs an end */
  opts->size = 56;          /* iputils: 56 data bytes, 84 bytes of IP */
  opts->interval = WL_S;    /* iputils: 1 s */
  opts->ttl = 64;           /* Linux's default TTL */
  opts->timeout = 10 * WL_S;/* iputils waits up to 10 s (MAXWAIT) for a late reply */
  opts->df = FALSE;         /* like Windows ping; Linux's default "-M want" sets DF */
}

void
wl_trace_options_init (WlTraceOptions *opts,
                       WlTraceMethod   method)
{
  memset (opts, 0, sizeof *opts);
  opts->method = method;
  opts->max_hops = 30;
  opts->probes = 3;
  opts->wait = method == WL_TRACE_UDP ? 5 * WL_S : 4 * WL_S;
}

/* Rule: a whole number in [min, max], written with decimal digits only (no sign, no spaces);
 * more than 10 digits is out of range whatever they say. */
static gboolean
parse_uint (const char *text,
            guint       min,
            guint       max,
            guint      *out)
{
  guint64 v = 0;

  if (*text == '\0' || strlen (text) > 10)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      v = v * 10 + (guint64) (*p - '0');
    }
  if (v < min || v > max)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/* Rule: seconds as Linux's ping and traceroute take them ("1", "0.2", ".5"), read exactly
 * into nanoseconds (so at most 9 decimals), in [min, max].  No floating point: the same text
 * gives the same time on every machine. */
static gboolean
parse_seconds (const char *text,
               WlTime      min,
               WlTime      max,
               WlTime     *out)
{
  WlTime whole = 0, frac = 0, scale = WL_S;
  const char *p = text;
  gboolean digits = FALSE;

  for (; g_ascii_isdigit (*p); p++, digits = TRUE)
    {
      whole = whole * 10 + (WlTime) (*p - '0');
      if (whole > MAX_SECONDS)
        return FALSE;
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++, digits = TRUE)
      {
        if (scale == 1)
          return FALSE;  /* finer than a nanosecond */
        scale /= 10;
        frac += (WlTime) (*p - '0') * scale;
      }
  if (!digits || *p != '\0')
    return FALSE;
  *out = whole * WL_S + frac;
  return *out >= min && *out <= max;
}

/* Rule: a strict dotted quad (wl_ip_parse), neither 0.0.0.0 nor 255.255.255.255.  Text with
 * letters is taken for a host name, which gets its own message. */
static gboolean
parse_target (const char *prog,
              const char *text,
              guint32    *out,
              GError    **error)
{
  gboolean name = FALSE;

  if (wl_ip_parse (text, out))
    {
      if (*out == 0 || *out == 0xffffffffu)
        {
          /* Translators: first %s is the program (ping), second the address typed */
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("%s: “%s” cannot be a destination"), prog, text);
          return FALSE;
        }
      return TRUE;
    }
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      name = TRUE;
  if (name)
    /* Translators: first %s is the program (ping), second the name typed */
    g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                 _("%s: “%s” is a name, not an address: names need DNS, which labs do not "
                   "have yet; use a dotted quad such as 10.0.0.2"), prog, text);
  else
    g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                 _("%s: “%s” is not a valid IPv4 address"), prog, text);
  return FALSE;
}

static gboolean
bad_number (const char *prog,
            char        opt,
            const char *value,
            guint       min,
            guint       max,
            GError    **error)
{
  /* Translators: "ping: invalid value “abc” for -c: expected a whole number from 1 to 10000" */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("%s: invalid value “%s” for -%c: expected a whole number from %u to %u"), prog,
               value, opt, min, max);
  return FALSE;
}

static gboolean
bad_time (const char *prog,
          char        opt,
          const char *value,
          const char *range,
          GError    **error)
{
  /* Translators: "ping: invalid value “0” for -i: expected seconds from 0.001 to 3600";
   * the last %s is the translated range */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("%s: invalid value “%s” for -%c: expected %s"), prog, value, opt, range);
  return FALSE;
}

/* One option of ping with its value. */
static gboolean
ping_option (char           opt,
             const char    *value,
             WlPingOptions *o,
             GError       **error)
{
  guint v;

  switch (opt)
    {
    case 'c':
      if (!parse_uint (value, 1, PING_MAX_COUNT, &o->count))
        return bad_number ("ping", opt, value, 1, PING_MAX_COUNT, error);
      return TRUE;
    case 's':
      if (!parse_uint (value, 0, PING_MAX_SIZE, &o->size))
        return bad_number ("ping", opt, value, 0, PING_MAX_SIZE, error);
      return TRUE;
    case 't':
      if (!parse_uint (value, 1, 255, &v))
        return bad_number ("ping", opt, value, 1, 255, error);
      o->ttl = (guint8) v;
      return TRUE;
    case 'i':
    case 'W':
      if (!parse_seconds (value, WL_MS, MAX_SECONDS * WL_S, opt == 'i' ? &o->interval : &o->timeout))
        /* Translators: the range of a time option, in seconds */
        return bad_time ("ping", opt, value, _("seconds from 0.001 to 3600"), error);
      return TRUE;
    case 'M':
      if (g_strcmp0 (value, "do") == 0 || g_strcmp0 (value, "dont") == 0)
        {
          o->df = g_str_equal (value, "do");
          return TRUE;
        }
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("ping: invalid value “%s” for -M: expected “do” or “dont”"), value);
      return FALSE;
    default:
      g_assert_not_reached ();
    }
}

/* One option of traceroute (-m -q -w) or tracert (-h -w) with its value. */
static gboolean
trace_option (const char     *prog,
              char            opt,
              const char     *value,
              WlTraceOptions *o,
              GError        **error)
{
  guint ms;

  switch (opt)
    {
    case 'm':
    case 'h':
      if (!parse_uint (value, 1, 255, &o->max_hops))
        return bad_number (prog, opt, value, 1, 255, error);
      return TRUE;
    case 'q':
      if (!parse_uint (value, 1, 10, &o->probes))
        return bad_number (prog, opt, value, 1, 10, error);
      return TRUE;
    case 'w':
      if (o->method == WL_TRACE_ICMP)
        {
          /* Windows counts milliseconds. */
          if (!parse_uint (value, 1, MAX_SECONDS * 1000, &ms))
            return bad_number (prog, opt, value, 1, MAX_SECONDS * 1000, error);
          o->wait = (WlTime) ms * WL_MS;
          return TRUE;
        }
      if (!parse_seconds (value, WL_MS, MAX_SECONDS * WL_S, &o->wait))
        return bad_time (prog, opt, value, _("seconds from 0.001 to 3600"), error);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* Walks argv like getopt would: each word starting with '-' is an option — one of
 * `with_value` (its value glued on, "-c4", or the next word, "-c 4") or one of `flags` (no
 * value, changes nothing here) — and exactly one other word is the target, before or after
 * the options.  The first mistake found is the error. */
static gboolean
parse_args (char      **argv,
            const char *with_value,
            const char *flags,
            WlCommand  *cmd,
            GError    **error)
{
  const char *prog = argv[0];
  const char *target = NULL;

  for (guint i = 1; argv[i] != NULL; i++)
    {
      const char *arg = argv[i];
      const char *value;
      char opt;

      if (arg[0] != '-' || arg[1] == '\0')
        {
          if (target != NULL)
            {
              g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                           _("%s: unexpected argument “%s”"), prog, arg);
              return FALSE;
            }
          target = arg;
          continue;
        }
      opt = arg[1];
      if (strchr (flags, opt) != NULL && arg[2] == '\0')
        continue;
      if (strchr (with_value, opt) == NULL)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("%s: unknown option “%s”"), prog, arg);
          return FALSE;
        }
      value = arg[2] != '\0' ? arg + 2 : argv[++i];
      if (value == NULL)
        {
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("%s: option “%s” needs a value"), prog, arg);
          return FALSE;
        }
      if (cmd->kind == WL_COMMAND_PING ? !ping_option (opt, value, &cmd->ping, error)
                                       : !trace_option (prog, opt, value, &cmd->trace, error))
        return FALSE;
    }
  if (target == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("%s: missing destination address"), prog);
      return FALSE;
    }
  return parse_target (prog, target,
                       cmd->kind == WL_COMMAND_PING ? &cmd->ping.target : &cmd->trace.target,
                       error);
}

/* Splits the line as a shell would, then hands the words to the program's parser. */
gboolean
wl_command_parse (const char *line,
                  WlCommand  *out,
                  GError    **error)
{
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) shell_error = NULL;

  g_return_val_if_fail (line != NULL && out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  if (!g_shell_parse_argv (line, NULL, &argv, &shell_error))
    {
      if (g_error_matches (shell_error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("The command is empty"));
      else
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                     _("Cannot read the command “%s”: %s"), line, shell_error->message);
      return FALSE;
    }
  if (g_str_equal (argv[0], "ping"))
    {
      out->kind = WL_COMMAND_PING;
      wl_ping_options_init (&out->ping);
      return parse_args (argv, "csitWM", "n", out, error);
    }
  if (g_str_equal (argv[0], "traceroute") || g_str_equal (argv[0], "tracert"))
    {
      gboolean windows = g_str_equal (argv[0], "tracert");

      out->kind = WL_COMMAND_TRACE;
      wl_trace_options_init (&out->trace, windows ? WL_TRACE_ICMP : WL_TRACE_UDP);
      return parse_args (argv, windows ? "hw" : "mqw", windows ? "d" : "n", out, error);
    }
  /* Translators: %s is the first word typed; ping, traceroute and tracert are not translated */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("Unknown command “%s”: this device knows ping, traceroute and tracert"),
               argv[0]);
  return FALSE;
}
