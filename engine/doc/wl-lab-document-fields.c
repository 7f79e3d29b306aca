/* wl-lab-document-fields.c — reading and writing single fields as text, for the inspector.
 *
 * The text of a field is the text of the lab text format (wl-lab-text.h): what the inspector
 * shows can be pasted into a lab file and back.  Writing a field parses the text with the
 * engine's strict parsers, explains a refusal in words a student understands (which part of
 * "300.1.1.1/24" is wrong, and what the rule is), then changes a copy of the lab and lets
 * validation decide on what only the whole lab can tell (a name used twice, an address that
 * is its subnet's broadcast).
 */
#define G_LOG_DOMAIN "wl-doc"
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "wl-lab-document-private.h"

/* Undo step names, one per field. */
static const char *const field_labels[WL_FIELD_LAST] = {
  [WL_FIELD_LAB_TITLE] = N_("Change title"),
  [WL_FIELD_LAB_DESCRIPTION] = N_("Change description"),
  [WL_FIELD_DEVICE_NAME] = N_("Rename device"),
  [WL_FIELD_DEVICE_GATEWAY] = N_("Change gateway"),
  [WL_FIELD_DEVICE_DNS] = N_("Change DNS server"),
  [WL_FIELD_DEVICE_MAC_AGEING] = N_("Change MAC ageing time"),
  [WL_FIELD_IFACE_MAC] = N_("Change MAC address"),
  [WL_FIELD_IFACE_ADDRESS] = N_("Change IPv4 address"),
  [WL_FIELD_IFACE_DHCP] = N_("Change DHCP"),
  [WL_FIELD_IFACE_MTU] = N_("Change MTU"),
  [WL_FIELD_LINK_DELAY] = N_("Change delay"),
  [WL_FIELD_LINK_BANDWIDTH] = N_("Change bandwidth"),
  [WL_FIELD_LINK_JITTER] = N_("Change jitter"),
  [WL_FIELD_LINK_LOSS] = N_("Change loss"),
  [WL_FIELD_LINK_DUPLICATE] = N_("Change duplication"),
  [WL_FIELD_LINK_BER] = N_("Change bit error rate"),
};

static gboolean
field_is_link (WlField field)
{
  return field >= WL_FIELD_LINK_DELAY && field <= WL_FIELD_LINK_BER;
}

static gboolean
field_is_iface (WlField field)
{
  return field >= WL_FIELD_IFACE_MAC && field <= WL_FIELD_IFACE_MTU;
}

/* The shortest decimal that reads back as the same double ("0.01", not 0.01000000000000000021). */
static char *
format_double (double value)
{
  for (int digits = 1; digits <= 17; digits++)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      char fmt[8];

      g_snprintf (fmt, sizeof fmt, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, fmt, value);
      if (g_ascii_strtod (buf, NULL) == value)
        return g_strdup (buf);
    }
  return g_strdup ("0");
}

static gboolean
find_target (WlLab *lab,
             WlField field,
             guint index,
             guint sub,
             WlLabDevice **dev,
             WlLabIface **iface,
             WlLabLink **link)
{
  if (field_is_link (field))
    {
      if (index >= lab->links->len)
        return FALSE;
      *link = g_ptr_array_index (lab->links, index);
      return TRUE;
    }
  if (field == WL_FIELD_LAB_TITLE || field == WL_FIELD_LAB_DESCRIPTION)
    return TRUE;
  if (index >= lab->devices->len)
    return FALSE;
  *dev = g_ptr_array_index (lab->devices, index);
  if (!field_is_iface (field))
    return TRUE;
  if (sub >= (*dev)->ifaces->len)
    return FALSE;
  *iface = g_ptr_array_index ((*dev)->ifaces, sub);
  return TRUE;
}

static char *
format_ip_or_empty (guint32 ip)
{
  char buf[16];

  return g_strdup (ip == 0 ? "" : wl_ip_format (ip, buf));
}

char *
wl_lab_document_dup_field (WlLabDocument *self,
                           WlField field,
                           guint index,
                           guint sub)
{
  WlLabDevice *dev = NULL;
  WlLabIface *iface = NULL;
  WlLabLink *link = NULL;
  char buf[18];

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), NULL);

  if (!find_target (self->lab, field, index, sub, &dev, &iface, &link))
    return NULL;
  switch (field)
    {
    case WL_FIELD_LAB_TITLE:
      return g_strdup (self->lab->title);
    case WL_FIELD_LAB_DESCRIPTION:
      return g_strdup (self->lab->description);
    case WL_FIELD_DEVICE_NAME:
      return g_strdup (dev->name);
    case WL_FIELD_DEVICE_GATEWAY:
      return format_ip_or_empty (dev->gateway);
    case WL_FIELD_DEVICE_DNS:
      return format_ip_or_empty (dev->dns);
    case WL_FIELD_DEVICE_MAC_AGEING:
      return wl_format_time (dev->mac_ageing);
    case WL_FIELD_IFACE_MAC:
      return g_strdup (wl_mac_format (&iface->mac, buf));
    case WL_FIELD_IFACE_ADDRESS:
      if (iface->dhcp)
        return g_strdup ("dhcp");
      if (iface->address == 0)
        return g_strdup ("");
      return g_strdup_printf ("%s/%u", wl_ip_format (iface->address, buf), iface->prefix);
    case WL_FIELD_IFACE_DHCP:
      return g_strdup (iface->dhcp ? "true" : "false");
    case WL_FIELD_IFACE_MTU:
      return g_strdup_printf ("%u", iface->mtu);
    case WL_FIELD_LINK_DELAY:
      return wl_format_time (link->delay);
    case WL_FIELD_LINK_BANDWIDTH:
      return wl_format_bandwidth (link->bandwidth);
    case WL_FIELD_LINK_JITTER:
      return wl_format_time (link->jitter);
    case WL_FIELD_LINK_LOSS:
      return format_double (link->loss);
    case WL_FIELD_LINK_DUPLICATE:
      return format_double (link->duplicate);
    case WL_FIELD_LINK_BER:
      return format_double (link->ber);
    case WL_FIELD_LAST:
    default:
      g_return_val_if_reached (NULL);
    }
}

static gboolean
invalid (GError **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, message);
  return FALSE;
}

/* An IPv4 address, or "" for none.  Rule: four decimal numbers 0–255 separated by dots. */
static gboolean
parse_ip (const char *text,
          guint32 *out,
          GError **error)
{
  if (text[0] == '\0')
    {
      *out = 0;
      return TRUE;
    }
  if (wl_ip_parse (text, out))
    return TRUE;
  return invalid (error,
                  _("“%s” is not an IPv4 address: write four numbers from 0 to 255 separated "
                    "by dots (for example 10.0.0.254)"),
                  text);
}

/* "a.b.c.d/n" with the explanation naming the part that is wrong. */
static gboolean
parse_address (const char *text,
               WlLabIface *iface,
               GError **error)
{
  g_autofree char *quad = NULL;
  const char *slash;
  guint32 ip;

  if (wl_parse_cidr (text, &iface->address, &iface->prefix))
    {
      iface->dhcp = FALSE;
      return TRUE;
    }
  slash = strchr (text, '/');
  quad = slash != NULL ? g_strndup (text, (gsize) (slash - text)) : g_strdup (text);
  if (!wl_ip_parse (quad, &ip))
    return invalid (error,
                    _("“%s” is not an IPv4 address: write four numbers from 0 to 255 separated "
                      "by dots, then the prefix length (for example 10.0.0.1/24)"),
                    quad);
  if (slash == NULL)
    return invalid (error,
                    _("“%s” needs a prefix length: add a slash and the number of bits of the "
                      "network part, from 0 to 32 (for example %s/24)"),
                    text, quad);
  return invalid (error,
                  _("“/%s” is not a prefix length: it is a whole number from 0 to 32 (the bits "
                    "of the address that name the network)"),
                  slash + 1);
}

static gboolean
parse_mac (const char *text,
           WlMac *out,
           GError **error)
{
  guint octets = 1;

  if (wl_mac_parse (text, out))
    return TRUE;
  for (const char *p = text; *p != '\0'; p++)
    octets += *p == ':' || *p == '-';
  if (octets != 6)
    return invalid (error,
                    g_dngettext (GETTEXT_PACKAGE,
                                 "“%s” has %u octet; a MAC address has six, written as pairs "
                                 "of hexadecimal digits separated by colons (for example "
                                 "02:00:00:00:01:00)",
                                 "“%s” has %u octets; a MAC address has six, written as pairs "
                                 "of hexadecimal digits separated by colons (for example "
                                 "02:00:00:00:01:00)",
                                 octets),
                    text, octets);
  return invalid (error,
                  _("“%s” is not a MAC address: write six pairs of hexadecimal digits (0–9, "
                    "a–f) separated by colons (for example 02:00:00:00:01:00)"),
                  text);
}

static gboolean
parse_mtu (const char *text,
           guint *out,
           GError **error)
{
  guint64 mtu;

  /* RFC 791: every IPv4 link carries at least 68 octets; 9000 is a common jumbo frame */
  if (!g_ascii_string_to_unsigned (text, 10, 68, 9000, &mtu, NULL))
    return invalid (error, _("MTU “%s” is not a whole number from 68 to 9000 bytes"), text);
  *out = (guint) mtu;
  return TRUE;
}

static gboolean
parse_time (const char *text,
            WlTime *out,
            GError **error)
{
  if (wl_parse_time (text, out))
    return TRUE;
  return invalid (error, _("“%s” is not a time: write a number and a unit, ns, us, ms or s "
                           "(examples: 0, 5us, 250ms, 1.5s)"),
                  text);
}

static gboolean
parse_probability (const char *text,
                   double *out,
                   GError **error)
{
  if (wl_parse_probability (text, out))
    return TRUE;
  return invalid (error, _("“%s” is not a probability: write a number from 0 to 1 or a "
                           "percentage (examples: 0.01, 1%%)"),
                  text);
}

static gboolean
apply_device_field (WlField field,
                    WlLabDevice *dev,
                    const char *text,
                    GError **error)
{
  switch (field)
    {
    case WL_FIELD_DEVICE_NAME:
      g_free (dev->name);
      dev->name = g_strstrip (g_strdup (text));
      return TRUE; /* the rule (1..32 of A-Z a-z 0-9 _ . -, unique) is wl_lab_validate's */
    case WL_FIELD_DEVICE_GATEWAY:
      return parse_ip (text, &dev->gateway, error);
    case WL_FIELD_DEVICE_DNS:
      return parse_ip (text, &dev->dns, error);
    case WL_FIELD_DEVICE_MAC_AGEING:
      if (!parse_time (text, &dev->mac_ageing, error))
        return FALSE;
      if (dev->mac_ageing == 0)
        return invalid (error, _("The MAC ageing time must be longer than 0"));
      return TRUE;
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
apply_iface_field (WlField field,
                   WlLabIface *iface,
                   const char *text,
                   GError **error)
{
  switch (field)
    {
    case WL_FIELD_IFACE_MAC:
      return parse_mac (text, &iface->mac, error);
    case WL_FIELD_IFACE_ADDRESS:
      if (text[0] == '\0' || g_ascii_strcasecmp (text, "dhcp") == 0)
        {
          iface->dhcp = text[0] != '\0';
          iface->address = 0;
          iface->prefix = 0;
          return TRUE;
        }
      return parse_address (text, iface, error);
    case WL_FIELD_IFACE_DHCP:
      iface->dhcp = g_strcmp0 (text, "true") == 0;
      if (iface->dhcp)
        iface->address = iface->prefix = 0;
      return TRUE;
    case WL_FIELD_IFACE_MTU:
      return parse_mtu (text, &iface->mtu, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

static gboolean
apply_link_field (WlField field,
                  WlLabLink *link,
                  const char *text,
                  GError **error)
{
  switch (field)
    {
    case WL_FIELD_LINK_DELAY:
      return parse_time (text, &link->delay, error);
    case WL_FIELD_LINK_JITTER:
      return parse_time (text, &link->jitter, error);
    case WL_FIELD_LINK_BANDWIDTH:
      if (wl_parse_bandwidth (text, &link->bandwidth))
        return TRUE;
      return invalid (error, _("“%s” is not a bandwidth in bit/s: write a number with an "
                               "optional k, M or G (examples: 9600, 10M, 1G)"),
                      text);
    case WL_FIELD_LINK_LOSS:
      return parse_probability (text, &link->loss, error);
    case WL_FIELD_LINK_DUPLICATE:
      return parse_probability (text, &link->duplicate, error);
    case WL_FIELD_LINK_BER:
      return parse_probability (text, &link->ber, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
wl_lab_document_set_field (WlLabDocument *self,
                           WlField field,
                           guint index,
                           guint sub,
                           const char *text,
                           GError **error)
{
  g_autofree char *stripped = NULL;
  WlLabDevice *dev = NULL;
  WlLabIface *iface = NULL;
  WlLabLink *link = NULL;
  WlLab *copy;
  gboolean ok;

  g_return_val_if_fail (WL_IS_LAB_DOCUMENT (self), FALSE);
  g_return_val_if_fail ((guint) field < WL_FIELD_LAST, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  copy = _wl_lab_copy (self->lab);
  if (!find_target (copy, field, index, sub, &dev, &iface, &link))
    {
      wl_lab_unref (copy);
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("The device or cable being edited no longer exists"));
      return FALSE;
    }
  /* free text keeps its spaces; values never have any */
  stripped = g_strstrip (g_strdup (text));
  if (field == WL_FIELD_LAB_TITLE)
    ok = (g_free (copy->title), copy->title = g_strdup (stripped), TRUE);
  else if (field == WL_FIELD_LAB_DESCRIPTION)
    ok = (g_free (copy->description), copy->description = g_strdup (text), TRUE);
  else if (link != NULL)
    ok = apply_link_field (field, link, stripped, error);
  else if (iface != NULL)
    ok = apply_iface_field (field, iface, stripped, error);
  else
    ok = apply_device_field (field, dev, stripped, error);
  if (!ok)
    {
      wl_lab_unref (copy);
      return FALSE;
    }
  if (wl_lab_equal (copy, self->lab))
    {
      wl_lab_unref (copy);
      return TRUE;
    }
  return _wl_lab_document_commit (self, copy, _(field_labels[field]), error);
}
