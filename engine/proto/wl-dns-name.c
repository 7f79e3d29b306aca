/* wl-dns-name.c — domain names: wire form, compression pointers, presentation text.
 *
 * RFC 1035 §3.1 (names and labels), §4.1.4 (message compression), RFC 2181 §11 (any byte may
 * appear in a label), RFC 4343 (case-insensitive comparison, ASCII only), RFC 6891 §5 (label
 * types 01 and 10 are reserved).
 *
 * Where it sits: below everything DNS (wl-dns-wire.c encodes and decodes whole messages with
 * it; the zone, cache, server and resolvers compare names with it; the dissector reads names
 * with it so that the two can never disagree).  It owns no state.
 *
 * A name on the wire, "www.lab.test" written at offset 12 and "web.lab.test" after it:
 *
 *   12: 03 'w' 'w' 'w' 03 'l' 'a' 'b' 04 't' 'e' 's' 't' 00
 *   26: 03 'w' 'e' 'b' C0 10                ← pointer: the rest is at offset 0x10 = 16
 *
 * Reading a pointer is where decoders hang or read out of bounds, so the rule is strict and
 * stated once (wl_dns_name_read): each pointer must go strictly backwards, first before the
 * start of the name, then before the previous pointer's target.  Every jump lowers a bound
 * that cannot go below zero, so a chain of pointers always ends, and a loop is impossible.
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dns-wire.h"

G_DEFINE_QUARK (wl-dns-error-quark, wl_dns_error)

/* ---- text → wire ------------------------------------------------------------------------ */

/* Reads one label of text at *p into label (at most 63 bytes) and stops after its dot. */
static gboolean
parse_label (const char  *full,
             const char **p,
             guint8      *label,
             guint       *label_len,
             GError     **error)
{
  const char *s = *p;
  guint n = 0;

  while (*s != '\0' && *s != '.')
    {
      guint byte = (guchar) *s++;

      /* Rule: a space or control character must be written as \DDD. */
      if (byte <= 0x20 || byte == 0x7f)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_NAME,
                       _("“%s” is not a domain name: it contains a space or control character"),
                       full);
          return FALSE;
        }
      if (byte == '\\')
        {
          if (g_ascii_isdigit (s[0]) && g_ascii_isdigit (s[1]) && g_ascii_isdigit (s[2]))
            {
              byte = (guint) (s[0] - '0') * 100 + (guint) (s[1] - '0') * 10 + (guint) (s[2] - '0');
              s += 3;
            }
          else if (*s != '\0')
            byte = (guchar) *s++;
          else
            byte = 256;
          if (byte > 255)
            {
              g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_NAME,
                           _("“%s” is not a domain name: bad escape (\\DDD is 000 to 255)"), full);
              return FALSE;
            }
        }
      if (n == WL_DNS_MAX_LABEL)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_LABEL,
                       _("“%s” is not a domain name: a label is longer than %u bytes"), full,
                       WL_DNS_MAX_LABEL);
          return FALSE;
        }
      label[n++] = (guint8) byte;
    }
  if (*s == '.')
    s++;
  *p = s;
  *label_len = n;
  return TRUE;
}

gboolean
wl_dns_name_to_wire (const char *text,
                     guint8     *out,
                     guint      *out_len,
                     GError    **error)
{
  const char *p = text;
  guint len = 0;

  g_return_val_if_fail (text != NULL && out != NULL && out_len != NULL, FALSE);

  if (g_str_equal (text, ".") || text[0] == '\0')
    {
      out[0] = 0;
      *out_len = 1;
      return TRUE;
    }
  while (*p != '\0')
    {
      guint8 label[WL_DNS_MAX_LABEL];
      guint n;

      if (!parse_label (text, &p, label, &n, error))
        return FALSE;
      /* Rule: labels are not empty ("a..b", ".a"); only the root is. */
      if (n == 0)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_NAME,
                       _("“%s” is not a domain name: it has an empty label"), text);
          return FALSE;
        }
      /* Rule: the label, its length byte and the final root byte fit in 255. */
      if (len + 1 + n + 1 > WL_DNS_MAX_NAME)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_NAME_TOO_LONG,
                       _("“%s” is not a domain name: it is longer than %u bytes"), text,
                       WL_DNS_MAX_NAME);
          return FALSE;
        }
      out[len] = (guint8) n;
      memcpy (out + len + 1, label, n);
      len += 1 + n;
    }
  out[len++] = 0;
  *out_len = len;
  return TRUE;
}

/* ---- wire → text ------------------------------------------------------------------------ */

static void
append_label (GString      *s,
              const guint8 *label,
              guint         n)
{
  if (s->len > 0)
    g_string_append_c (s, '.');
  for (guint i = 0; i < n; i++)
    {
      guint8 b = label[i];

      if (b == '.' || b == '\\')
        g_string_append_printf (s, "\\%c", b);
      else if (b < 0x21 || b > 0x7e)
        g_string_append_printf (s, "\\%03u", b);
      else
        g_string_append_c (s, (char) b);
    }
}

gboolean
wl_dns_name_read (const guint8 *msg,
                  gsize         len,
                  gsize         limit,
                  gsize        *offset,
                  char        **text,
                  guint        *wire_len,
                  guint        *n_labels,
                  GError      **error)
{
  gsize pos = *offset;
  gsize lowest = *offset;  /* a pointer must point below this */
  gsize end = limit;       /* in-place bytes stay below this; after a jump, below len */
  gsize after = 0;         /* where the caller goes on: set at the first pointer or the end */
  guint total = 0, labels = 0;
  g_autoptr (GString) s = text != NULL ? g_string_new (NULL) : NULL;

  g_return_val_if_fail (limit <= len, FALSE);

  for (;;)
    {
      guint b;

      if (pos >= end)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_TRUNCATED,
                       _("The name at offset %u runs past the end of its data (%u bytes)"),
                       (guint) *offset, (guint) end);
          return FALSE;
        }
      b = msg[pos];
      if (b == 0)
        {
          total += 1;
          if (after == 0)
            after = pos + 1;
          break;
        }
      if ((b & 0xc0) == 0xc0)
        {
          gsize target;

          if (end - pos < 2)
            {
              g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_TRUNCATED,
                           _("The compression pointer at offset %u is cut short"), (guint) pos);
              return FALSE;
            }
          target = ((gsize) (b & 0x3f) << 8) | msg[pos + 1];
          /* Rule: strictly backwards, below the name's start and every earlier target. */
          if (target >= lowest)
            {
              g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_POINTER,
                           _("The compression pointer at offset %u points to offset %u, which "
                             "is not before offset %u (pointers must point backwards)"),
                           (guint) pos, (guint) target, (guint) lowest);
              return FALSE;
            }
          if (after == 0)
            after = pos + 2;
          lowest = pos = target;
          end = len;
          continue;
        }
      /* Rule: label types 01 and 10 are reserved, so a length byte above 63 is no label. */
      if (b > WL_DNS_MAX_LABEL)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_LABEL,
                       _("The label length 0x%02x at offset %u is not a label (1 to %u bytes) "
                         "nor a pointer"), b, (guint) pos, WL_DNS_MAX_LABEL);
          return FALSE;
        }
      if (end - pos - 1 < b)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_TRUNCATED,
                       _("The label at offset %u (%u bytes) runs past the end of its data "
                         "(%u bytes)"), (guint) pos, b, (guint) end);
          return FALSE;
        }
      /* Rule: with its length bytes and the root byte, a name is at most 255 bytes. */
      if (total + 1 + b + 1 > WL_DNS_MAX_NAME)
        {
          g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_NAME_TOO_LONG,
                       _("The name at offset %u is longer than %u bytes"), (guint) *offset,
                       WL_DNS_MAX_NAME);
          return FALSE;
        }
      if (s != NULL)
        append_label (s, msg + pos + 1, b);
      total += 1 + b;
      labels++;
      pos += 1 + b;
    }

  *offset = after;
  if (text != NULL)
    *text = g_string_free (g_steal_pointer (&s), FALSE);
  if (wire_len != NULL)
    *wire_len = total;
  if (n_labels != NULL)
    *n_labels = labels;
  return TRUE;
}

char *
wl_dns_name_normalize (const char *text,
                       GError    **error)
{
  guint8 wire[WL_DNS_MAX_NAME];
  guint len;
  gsize off = 0;
  char *out = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  if (!wl_dns_name_to_wire (text, wire, &len, error))
    return NULL;
  if (!wl_dns_name_read (wire, len, len, &off, &out, NULL, NULL, error))
    g_assert_not_reached ();  /* what to_wire wrote always reads back */
  return out;
}

/* ---- comparing ------------------------------------------------------------------------- */

gboolean
wl_dns_name_equal (const char *a,
                   const char *b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

const char *
wl_dns_name_parent (const char *name)
{
  const char *p = name;

  if (*name == '\0')
    return NULL;
  while (*p != '\0')
    {
      if (*p == '\\')
        {
          /* skip the escape: "\DDD" or "\c" */
          p++;
          if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2]))
            p += 3;
          else if (*p != '\0')
            p++;
          continue;
        }
      if (*p == '.')
        return p + 1;
      p++;
    }
  return p;  /* "" : the parent of a top-level name is the root */
}

gboolean
wl_dns_name_is_subdomain (const char *name,
                          const char *zone)
{
  for (const char *n = name; n != NULL; n = wl_dns_name_parent (n))
    if (wl_dns_name_equal (n, zone))
      return TRUE;
  return FALSE;
}

guint
wl_dns_name_count_labels (const char *name)
{
  guint n = 0;

  for (const char *p = name; p != NULL && *p != '\0'; p = wl_dns_name_parent (p))
    n++;
  return n;
}

char *
wl_dns_name_key (const char *name)
{
  return g_ascii_strdown (name, -1);
}

char *
wl_dns_name_fqdn (const char *name)
{
  return g_strconcat (name, ".", NULL);
}
