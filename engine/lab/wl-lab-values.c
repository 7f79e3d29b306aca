/* wl-lab-values.c — the text forms of the values a lab holds: times, bandwidths, IPv4
 * address/prefix pairs, probabilities, and the names of device kinds.
 *
 * The lab text, the CLI and the inspector all read what people type through these parsers, so
 * they are strict: each accepts exactly one spelling of a valid value and rejects everything
 * else (empty text, spaces, signs, trailing junk, values that overflow or cannot be held
 * exactly).  The formatters write the shortest form the parsers read back to the same value.
 *
 * Times are held as integer nanoseconds (WlTime), so "1.5ms" is accepted because it is exactly
 * 1500000 ns, while "1.0000000001s" is rejected: it names a fraction of a nanosecond.
 */
#define G_LOG_DOMAIN "wl-lab"
#include "config.h"

#include <math.h>
#include <string.h>

#include "wl-lab.h"

/* Device kinds ----------------------------------------------------------------------------- */

/* Stable names: lab texts and lab files store these, never the enum values. */
static const char *const kind_names[WL_DEVICE_KIND_LAST] = {
  [WL_DEVICE_PC] = "pc",         [WL_DEVICE_SERVER] = "server",
  [WL_DEVICE_HUB] = "hub",       [WL_DEVICE_REPEATER] = "repeater",
  [WL_DEVICE_SWITCH] = "switch", [WL_DEVICE_ROUTER] = "router",
};

const char *
wl_device_kind_to_string (WlDeviceKind kind)
{
  g_return_val_if_fail ((guint) kind < WL_DEVICE_KIND_LAST, NULL);

  return kind_names[kind];
}

gboolean
wl_device_kind_from_string (const char *name,
                            WlDeviceKind *out)
{
  for (guint i = 0; i < WL_DEVICE_KIND_LAST; i++)
    if (g_strcmp0 (kind_names[i], name) == 0)
      {
        if (out != NULL)
          *out = (WlDeviceKind) i;
        return TRUE;
      }
  return FALSE;
}

/* Hosts and routers work at layer 3 and have addresses; hubs and repeaters (layer 1) and
 * switches (layer 2) only move frames and have none. */
gboolean
wl_device_kind_has_ip (WlDeviceKind kind)
{
  return kind == WL_DEVICE_PC || kind == WL_DEVICE_SERVER || kind == WL_DEVICE_ROUTER;
}

guint
wl_device_kind_default_iface_count (WlDeviceKind kind)
{
  switch (kind)
    {
    case WL_DEVICE_PC:
    case WL_DEVICE_SERVER:
      return 1;
    case WL_DEVICE_ROUTER:
    case WL_DEVICE_REPEATER:
      return 2;
    case WL_DEVICE_HUB:
    case WL_DEVICE_SWITCH:
      return 8;
    case WL_DEVICE_KIND_LAST:
    default:
      g_return_val_if_reached (0);
    }
}

char *
wl_device_kind_iface_name (WlDeviceKind kind,
                           guint index)
{
  /* Network interface cards count from eth0 (as Linux names them); the ports of hubs,
   * repeaters and switches are numbered from 1 as printed on the front panel. */
  if (wl_device_kind_has_ip (kind))
    return g_strdup_printf ("eth%u", index);
  return g_strdup_printf ("p%u", index + 1);
}

/* Shared digit reader ---------------------------------------------------------------------- */

/* Appends one decimal digit to *value; FALSE when the result would not fit in 64 bits. */
static gboolean
push_digit (guint64 *value,
            guint digit)
{
  if (*value > (G_MAXUINT64 - digit) / 10)
    return FALSE;
  *value = *value * 10 + digit;
  return TRUE;
}

/* Times ------------------------------------------------------------------------------------ */

typedef struct
{
  const char *suffix;
  guint decimals; /* the unit is 10^decimals nanoseconds */
} TimeUnit;

static const TimeUnit time_units[] = {
  { "ns", 0 },
  { "us", 3 },
  { "\xc2\xb5s", 3 }, /* U+00B5 MICRO SIGN, as in "µs" */
  { "\xce\xbcs", 3 }, /* U+03BC GREEK SMALL LETTER MU, which input methods often give */
  { "ms", 6 },
  { "s", 9 },
};

/* Grammar: "0" | DIGITS [ "." DIGITS ] UNIT.  The value is built as an integer count of
 * nanoseconds: the integer digits, then the fraction padded with zeros to the unit's
 * decimals.  A fraction with more significant digits than the unit allows would be a part
 * of a nanosecond and is rejected. */
gboolean
wl_parse_time (const char *text,
               WlTime *out)
{
  const char *p = text;
  const char *int_start, *frac_start = NULL;
  gsize int_len, frac_len = 0;
  const TimeUnit *unit = NULL;
  guint64 value = 0;

  if (text == NULL)
    return FALSE;
  if (strcmp (text, "0") == 0)
    {
      if (out != NULL)
        *out = 0;
      return TRUE;
    }

  int_start = p;
  while (g_ascii_isdigit (*p))
    p++;
  int_len = (gsize) (p - int_start);
  if (int_len == 0)
    return FALSE;
  if (*p == '.')
    {
      frac_start = ++p;
      while (g_ascii_isdigit (*p))
        p++;
      frac_len = (gsize) (p - frac_start);
      if (frac_len == 0)
        return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (time_units); i++)
    if (strcmp (p, time_units[i].suffix) == 0)
      unit = &time_units[i];
  if (unit == NULL)
    return FALSE;

  /* "1.500ms" is "1.5ms": trailing zeros of the fraction carry nothing */
  while (frac_len > 0 && frac_start[frac_len - 1] == '0')
    frac_len--;
  if (frac_len > unit->decimals)
    return FALSE;

  for (gsize i = 0; i < int_len; i++)
    if (!push_digit (&value, (guint) (int_start[i] - '0')))
      return FALSE;
  for (guint i = 0; i < unit->decimals; i++)
    if (!push_digit (&value, i < frac_len ? (guint) (frac_start[i] - '0') : 0))
      return FALSE;

  if (out != NULL)
    *out = value;
  return TRUE;
}

/* An integer in the largest unit that divides the time exactly: 1500000 ns is "1500us". */
char *
wl_format_time (WlTime t)
{
  if (t == 0)
    return g_strdup ("0");
  if (t % WL_S == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "s", t / WL_S);
  if (t % WL_MS == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "ms", t / WL_MS);
  if (t % WL_US == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "us", t / WL_US);
  return g_strdup_printf ("%" G_GUINT64_FORMAT "ns", t);
}

/* Bandwidths ------------------------------------------------------------------------------- */

/* Grammar: DIGITS [ "k" | "K" | "M" | "G" ] [ "bps" | "bit/s" ], in bits per second.
 * Decimal prefixes, as link speeds are quoted: 1k = 1000. */
gboolean
wl_parse_bandwidth (const char *text,
                    guint64 *out)
{
  const char *p = text;
  guint64 value = 0, multiplier = 1;

  if (text == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    if (!push_digit (&value, (guint) (*p - '0')))
      return FALSE;

  switch (*p)
    {
    case 'k':
    case 'K':
      multiplier = G_GUINT64_CONSTANT (1000);
      p++;
      break;
    case 'M':
      multiplier = G_GUINT64_CONSTANT (1000000);
      p++;
      break;
    case 'G':
      multiplier = G_GUINT64_CONSTANT (1000000000);
      p++;
      break;
    default:
      break;
    }
  if (*p != '\0' && strcmp (p, "bps") != 0 && strcmp (p, "bit/s") != 0)
    return FALSE;
  if (value > G_MAXUINT64 / multiplier)
    return FALSE;

  if (out != NULL)
    *out = value * multiplier;
  return TRUE;
}

char *
wl_format_bandwidth (guint64 bps)
{
  if (bps == 0)
    return g_strdup ("0");
  if (bps % G_GUINT64_CONSTANT (1000000000) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "G", bps / G_GUINT64_CONSTANT (1000000000));
  if (bps % G_GUINT64_CONSTANT (1000000) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "M", bps / G_GUINT64_CONSTANT (1000000));
  if (bps % G_GUINT64_CONSTANT (1000) == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "k", bps / G_GUINT64_CONSTANT (1000));
  return g_strdup_printf ("%" G_GUINT64_FORMAT, bps);
}

/* Addresses -------------------------------------------------------------------------------- */

/* "a.b.c.d/n": a strict dotted quad (wl_ip_parse), a slash, and a prefix length of one or
 * two decimal digits, 0..32.  The address is not masked: "10.0.0.1/24" is a host address
 * with its subnet, and both parts are returned as written. */
gboolean
wl_parse_cidr (const char *text,
               guint32 *addr,
               guint *prefix)
{
  const char *slash;
  char quad[16];
  gsize quad_len, prefix_len;
  guint32 ip;
  guint plen = 0;

  if (text == NULL || (slash = strchr (text, '/')) == NULL)
    return FALSE;
  quad_len = (gsize) (slash - text);
  if (quad_len >= sizeof quad)
    return FALSE;
  memcpy (quad, text, quad_len);
  quad[quad_len] = '\0';
  if (!wl_ip_parse (quad, &ip))
    return FALSE;

  prefix_len = strlen (slash + 1);
  if (prefix_len < 1 || prefix_len > 2)
    return FALSE;
  for (const char *p = slash + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      plen = plen * 10 + (guint) (*p - '0');
    }
  if (plen > 32)
    return FALSE;

  if (addr != NULL)
    *addr = ip;
  if (prefix != NULL)
    *prefix = plen;
  return TRUE;
}

/* Probabilities ---------------------------------------------------------------------------- */

/* A plain decimal number (an exponent is allowed: bit error rates read well as "1e-6"):
 * digits, '.', 'e', and signs only inside the exponent.  This keeps out what
 * g_ascii_strtod would also take: leading spaces, "inf", "nan", hexadecimal. */
static gboolean
parse_decimal (const char *text,
               double *out)
{
  char *end = NULL;
  double value;

  if (!g_ascii_isdigit (text[0]) && text[0] != '.')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr (".eE+-", *p) == NULL)
      return FALSE;
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* "0.05" or "5%": a probability in [0, 1], or a percentage in [0, 100]. */
gboolean
wl_parse_probability (const char *text,
                      double *out)
{
  g_autofree char *number = NULL;
  gsize len;
  double value;

  if (text == NULL || (len = strlen (text)) == 0)
    return FALSE;
  if (text[len - 1] == '%')
    {
      number = g_strndup (text, len - 1);
      if (!parse_decimal (number, &value) || value > 100.0)
        return FALSE;
      value /= 100.0;
    }
  else if (!parse_decimal (text, &value) || value > 1.0)
    {
      return FALSE;
    }

  if (out != NULL)
    *out = value;
  return TRUE;
}
