/* wl-dhcp-wire.c — BOOTP/DHCP messages to bytes and back (see wl-dhcp-wire.h for the layout).
 *
 * RFC 951 (BOOTP), RFC 2131 §2–3 (DHCP), RFC 2132 (options and their lengths), RFC 1542 §2.1.
 *
 * Where it sits: under the DHCP client, server and relay (wl-dhcp-client.c, -server.c,
 * -relay.c), above UDP.  It owns no state: a WlDhcpMessage is plain data.
 *
 * Encoding writes what ISC dhclient and dnsmasq write: the 236-byte BOOTP header, the cookie,
 * the options, the end option, then zeros so the message is at least 300 bytes (RFC 1542:
 * some old relays drop shorter ones) — the classic 342-byte DHCP frame.
 *
 * Decoding takes bytes from anyone, so every length is checked against a rule, and the first
 * broken rule rejects the message (the error names the value and the limit):
 *   - 240 bytes at least (header and cookie), at most WL_DHCP_MAX_LEN;
 *   - op is 1 or 2; hlen is at most 16 (the size of chaddr);
 *   - the cookie is 99.130.83.99 (we serve DHCP, not plain BOOTP);
 *   - option 0 is one byte of padding; every other option but 255 has a length byte, and its
 *     value lies inside the message;
 *   - understood options have the lengths RFC 2132 gives them: 53 is 1 byte; 50, 51, 54, 58,
 *     59 and 1 are 4; 3 and 6 are a non-empty multiple of 4; 12, 55 and 56 at least 1;
 *     61 at least 2; 57 is 2 with a value of at least 576; 52 is 1 with a value 1–3;
 *   - the options field ends with 255 (RFC 2131 §3: "the last option must always be the end
 *     option"); what follows it is padding and is ignored;
 *   - with option 52 (overload) the file field, then sname, hold more options (RFC 2131 §4.1
 *     gives that order); there the end option is optional.
 * An understood option seen a second time, and every option we do not understand, is kept
 * raw in WlDhcpMessage.other (RFC 3396 concatenation is not done).  Lists of addresses keep
 * their first WL_DHCP_MAX_ADDRS entries.
 */
#define G_LOG_DOMAIN "wl-dhcp"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "wl-dhcp-wire.h"
#include "wl-wire.h"

G_DEFINE_QUARK (wl-dhcp-error-quark, wl_dhcp_error)

const char *
wl_dhcp_error_to_string (gint code)
{
  switch (code)
    {
    case WL_DHCP_ERROR_TRUNCATED: return "truncated";
    case WL_DHCP_ERROR_BAD_HEADER: return "bad-header";
    case WL_DHCP_ERROR_BAD_COOKIE: return "bad-cookie";
    case WL_DHCP_ERROR_BAD_OPTION: return "bad-option";
    case WL_DHCP_ERROR_NO_END: return "no-end";
    case WL_DHCP_ERROR_TOO_LONG: return "too-long";
    default: return "unknown";
    }
}

const char *
wl_dhcp_type_to_string (guint type)
{
  static const char *const names[] = {
    NULL, "discover", "offer", "request", "decline", "ack", "nak", "release", "inform",
  };

  return type >= 1 && type < G_N_ELEMENTS (names) ? names[type] : "unknown";
}

void
wl_dhcp_message_init (WlDhcpMessage *msg,
                      guint8         op,
                      guint32        xid,
                      const WlMac   *chaddr)
{
  memset (msg, 0, sizeof *msg);
  msg->op = op;
  msg->htype = WL_DHCP_HTYPE_ETHERNET;
  msg->hlen = 6;
  msg->xid = xid;
  if (chaddr != NULL)
    memcpy (msg->chaddr, chaddr->b, 6);
}

gboolean
wl_dhcp_message_get_mac (const WlDhcpMessage *msg,
                         WlMac               *out)
{
  if (msg->htype != WL_DHCP_HTYPE_ETHERNET || msg->hlen != 6)
    return FALSE;
  memcpy (out->b, msg->chaddr, 6);
  return TRUE;
}

gboolean
wl_dhcp_message_add_other (WlDhcpMessage *msg,
                           guint8         code,
                           const guint8  *value,
                           guint8         len)
{
  if (msg->other_len + 2u + len > sizeof msg->other)
    return FALSE;
  msg->other[msg->other_len++] = code;
  msg->other[msg->other_len++] = len;
  if (len > 0)
    memcpy (msg->other + msg->other_len, value, len);
  msg->other_len += len;
  return TRUE;
}

/* Encoding ----------------------------------------------------------------------------------- */

typedef struct
{
  guint8  *buf;
  gsize    cap;
  gsize    pos;
  gboolean ok;   /* FALSE once something did not fit */
} Writer;

static void
put_bytes (Writer       *w,
           const guint8 *p,
           gsize         n)
{
  if (!w->ok || n > w->cap - w->pos)
    {
      w->ok = FALSE;
      return;
    }
  memcpy (w->buf + w->pos, p, n);
  w->pos += n;
}

static void
put_option (Writer       *w,
            guint8        code,
            const guint8 *value,
            guint8        len)
{
  guint8 tl[2] = { code, len };

  put_bytes (w, tl, 2);
  put_bytes (w, value, len);
}

static void
put_u32_option (Writer  *w,
                guint8   code,
                guint32  v)
{
  guint8 b[4];

  wl_put_u32 (b, v);
  put_option (w, code, b, 4);
}

static void
put_addr_list (Writer        *w,
               guint8         code,
               const guint32 *addrs,
               guint          n)
{
  guint8 b[4 * WL_DHCP_MAX_ADDRS];

  for (guint i = 0; i < n; i++)
    wl_put_u32 (b + 4 * i, addrs[i]);
  put_option (w, code, b, (guint8) (4 * n));
}

static void
put_header (Writer              *w,
            const WlDhcpMessage *m)
{
  guint8 h[WL_DHCP_OFF_OPTIONS] = { 0 };

  h[WL_DHCP_OFF_OP] = m->op;
  h[WL_DHCP_OFF_HTYPE] = m->htype;
  h[WL_DHCP_OFF_HLEN] = m->hlen;
  h[WL_DHCP_OFF_HOPS] = m->hops;
  wl_put_u32 (h + WL_DHCP_OFF_XID, m->xid);
  wl_put_u16 (h + WL_DHCP_OFF_SECS, m->secs);
  wl_put_u16 (h + WL_DHCP_OFF_FLAGS, m->flags);
  wl_put_u32 (h + WL_DHCP_OFF_CIADDR, m->ciaddr);
  wl_put_u32 (h + WL_DHCP_OFF_YIADDR, m->yiaddr);
  wl_put_u32 (h + WL_DHCP_OFF_SIADDR, m->siaddr);
  wl_put_u32 (h + WL_DHCP_OFF_GIADDR, m->giaddr);
  memcpy (h + WL_DHCP_OFF_CHADDR, m->chaddr, WL_DHCP_CHADDR_LEN);
  memcpy (h + WL_DHCP_OFF_SNAME, m->sname, WL_DHCP_SNAME_LEN);
  memcpy (h + WL_DHCP_OFF_FILE, m->file, WL_DHCP_FILE_LEN);
  wl_put_u32 (h + WL_DHCP_OFF_COOKIE, WL_DHCP_MAGIC);
  put_bytes (w, h, sizeof h);
}

gsize
wl_dhcp_encode (const WlDhcpMessage *m,
                guint8              *buf,
                gsize                cap)
{
  Writer w = { buf, cap, 0, TRUE };
  guint8 b[2], end = WL_DHCP_OPT_END;

  g_return_val_if_fail (m != NULL && buf != NULL, 0);

  put_header (&w, m);
  if (m->has & WL_DHCP_HAS_MSG_TYPE)
    put_option (&w, WL_DHCP_OPT_MSG_TYPE, &m->msg_type, 1);
  if (m->has & WL_DHCP_HAS_CLIENT_ID)
    put_option (&w, WL_DHCP_OPT_CLIENT_ID, m->client_id, (guint8) m->client_id_len);
  if (m->has & WL_DHCP_HAS_REQUESTED_IP)
    put_u32_option (&w, WL_DHCP_OPT_REQUESTED_IP, m->requested_ip);
  if (m->has & WL_DHCP_HAS_SERVER_ID)
    put_u32_option (&w, WL_DHCP_OPT_SERVER_ID, m->server_id);
  if (m->has & WL_DHCP_HAS_LEASE_TIME)
    put_u32_option (&w, WL_DHCP_OPT_LEASE_TIME, m->lease_time);
  if (m->has & WL_DHCP_HAS_RENEWAL_TIME)
    put_u32_option (&w, WL_DHCP_OPT_RENEWAL_TIME, m->renewal_time);
  if (m->has & WL_DHCP_HAS_REBINDING_TIME)
    put_u32_option (&w, WL_DHCP_OPT_REBINDING_TIME, m->rebinding_time);
  if (m->has & WL_DHCP_HAS_SUBNET_MASK)
    put_u32_option (&w, WL_DHCP_OPT_SUBNET_MASK, m->subnet_mask);
  if ((m->has & WL_DHCP_HAS_ROUTER) && m->n_routers > 0)
    put_addr_list (&w, WL_DHCP_OPT_ROUTER, m->routers, MIN (m->n_routers, WL_DHCP_MAX_ADDRS));
  if ((m->has & WL_DHCP_HAS_DNS) && m->n_dns > 0)
    put_addr_list (&w, WL_DHCP_OPT_DNS, m->dns, MIN (m->n_dns, WL_DHCP_MAX_ADDRS));
  if ((m->has & WL_DHCP_HAS_HOST_NAME) && m->host_name[0] != '\0')
    put_option (&w, WL_DHCP_OPT_HOST_NAME, (const guint8 *) m->host_name,
                (guint8) strnlen (m->host_name, 255));
  if (m->has & WL_DHCP_HAS_MAX_SIZE)
    {
      wl_put_u16 (b, m->max_size);
      put_option (&w, WL_DHCP_OPT_MAX_SIZE, b, 2);
    }
  if ((m->has & WL_DHCP_HAS_PARAM_LIST) && m->n_params > 0)
    put_option (&w, WL_DHCP_OPT_PARAM_LIST, m->params, (guint8) MIN (m->n_params, 255));
  if ((m->has & WL_DHCP_HAS_MESSAGE) && m->message[0] != '\0')
    put_option (&w, WL_DHCP_OPT_MESSAGE, (const guint8 *) m->message,
                (guint8) strnlen (m->message, 255));
  put_bytes (&w, m->other, MIN (m->other_len, sizeof m->other));
  put_bytes (&w, &end, 1);
  /* Zero padding up to the BOOTP minimum. */
  while (w.ok && w.pos < WL_DHCP_MIN_LEN)
    {
      guint8 zero = 0;

      put_bytes (&w, &zero, 1);
    }
  return w.ok ? w.pos : 0;
}

WlPacket *
wl_dhcp_encode_packet (const WlDhcpMessage *msg)
{
  guint8 buf[WL_DHCP_MAX_LEN];
  gsize len = wl_dhcp_encode (msg, buf, sizeof buf);

  g_return_val_if_fail (len > 0, NULL);
  return wl_packet_new_from_data (buf, len);
}

/* Decoding ----------------------------------------------------------------------------------- */

static gboolean
bad_length (guint8   code,
            guint    len,
            const char *rule,
            GError **error)
{
  /* Translators: first %u an option number, second its length in bytes, %s the rule it broke
   * (for example "exactly 4 bytes") */
  g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_OPTION,
               _("DHCP option %u is %u bytes long; it must be %s"), code, len, rule);
  return FALSE;
}

static void
take_addr_list (guint32      *addrs,
                guint        *n,
                const guint8 *v,
                guint         len)
{
  *n = MIN (len / 4, WL_DHCP_MAX_ADDRS);
  for (guint i = 0; i < *n; i++)
    addrs[i] = wl_get_u32 (v + 4 * i);
}

/* Text options carry no NUL on the wire (RFC 2132 §2); some clients add one anyway, and the
 * text then ends there.  dst holds 256 bytes. */
static void
take_text (char         *dst,
           const guint8 *v,
           guint         len)
{
  memcpy (dst, v, len);
  dst[len] = '\0';
}

/* The WlDhcpHas bit of an understood option, 0 for the others. */
static guint32
known_bit (guint8 code)
{
  switch (code)
    {
    case WL_DHCP_OPT_MSG_TYPE: return WL_DHCP_HAS_MSG_TYPE;
    case WL_DHCP_OPT_CLIENT_ID: return WL_DHCP_HAS_CLIENT_ID;
    case WL_DHCP_OPT_REQUESTED_IP: return WL_DHCP_HAS_REQUESTED_IP;
    case WL_DHCP_OPT_SERVER_ID: return WL_DHCP_HAS_SERVER_ID;
    case WL_DHCP_OPT_LEASE_TIME: return WL_DHCP_HAS_LEASE_TIME;
    case WL_DHCP_OPT_RENEWAL_TIME: return WL_DHCP_HAS_RENEWAL_TIME;
    case WL_DHCP_OPT_REBINDING_TIME: return WL_DHCP_HAS_REBINDING_TIME;
    case WL_DHCP_OPT_SUBNET_MASK: return WL_DHCP_HAS_SUBNET_MASK;
    case WL_DHCP_OPT_ROUTER: return WL_DHCP_HAS_ROUTER;
    case WL_DHCP_OPT_DNS: return WL_DHCP_HAS_DNS;
    case WL_DHCP_OPT_HOST_NAME: return WL_DHCP_HAS_HOST_NAME;
    case WL_DHCP_OPT_MAX_SIZE: return WL_DHCP_HAS_MAX_SIZE;
    case WL_DHCP_OPT_PARAM_LIST: return WL_DHCP_HAS_PARAM_LIST;
    case WL_DHCP_OPT_MESSAGE: return WL_DHCP_HAS_MESSAGE;
    default: return 0;
    }
}

/* Stores one understood option after checking its length rule; FALSE with error when the
 * rule breaks. */
static gboolean
take_known (WlDhcpMessage *m,
            guint8         code,
            const guint8  *v,
            guint          len,
            GError       **error)
{
  switch (code)
    {
    case WL_DHCP_OPT_MSG_TYPE:
      if (len != 1)
        return bad_length (code, len, _("exactly 1 byte"), error);
      m->msg_type = v[0];
      return TRUE;
    case WL_DHCP_OPT_REQUESTED_IP:
    case WL_DHCP_OPT_SERVER_ID:
    case WL_DHCP_OPT_LEASE_TIME:
    case WL_DHCP_OPT_RENEWAL_TIME:
    case WL_DHCP_OPT_REBINDING_TIME:
    case WL_DHCP_OPT_SUBNET_MASK:
      if (len != 4)
        return bad_length (code, len, _("exactly 4 bytes"), error);
      if (code == WL_DHCP_OPT_REQUESTED_IP)
        m->requested_ip = wl_get_u32 (v);
      else if (code == WL_DHCP_OPT_SERVER_ID)
        m->server_id = wl_get_u32 (v);
      else if (code == WL_DHCP_OPT_LEASE_TIME)
        m->lease_time = wl_get_u32 (v);
      else if (code == WL_DHCP_OPT_RENEWAL_TIME)
        m->renewal_time = wl_get_u32 (v);
      else if (code == WL_DHCP_OPT_REBINDING_TIME)
        m->rebinding_time = wl_get_u32 (v);
      else
        m->subnet_mask = wl_get_u32 (v);
      return TRUE;
    case WL_DHCP_OPT_ROUTER:
    case WL_DHCP_OPT_DNS:
      if (len == 0 || len % 4 != 0)
        return bad_length (code, len, _("a multiple of 4 bytes"), error);
      if (code == WL_DHCP_OPT_ROUTER)
        take_addr_list (m->routers, &m->n_routers, v, len);
      else
        take_addr_list (m->dns, &m->n_dns, v, len);
      return TRUE;
    case WL_DHCP_OPT_HOST_NAME:
    case WL_DHCP_OPT_MESSAGE:
    case WL_DHCP_OPT_PARAM_LIST:
      if (len < 1)
        return bad_length (code, len, _("at least 1 byte"), error);
      if (code == WL_DHCP_OPT_HOST_NAME)
        take_text (m->host_name, v, len);
      else if (code == WL_DHCP_OPT_MESSAGE)
        take_text (m->message, v, len);
      else
        {
          memcpy (m->params, v, len);
          m->n_params = len;
        }
      return TRUE;
    case WL_DHCP_OPT_CLIENT_ID:
      if (len < 2)
        return bad_length (code, len, _("at least 2 bytes"), error);
      memcpy (m->client_id, v, len);
      m->client_id_len = len;
      return TRUE;
    case WL_DHCP_OPT_MAX_SIZE:
      if (len != 2 || wl_get_u16 (v) < 576)
        return bad_length (code, len, _("2 bytes holding at least 576"), error);
      m->max_size = wl_get_u16 (v);
      return TRUE;
    default:
      g_assert_not_reached ();
    }
}

/* Options in [p, p + n), which start at byte base of the message.  *overload gets option
 * 52's value when there is one. */
static gboolean
parse_options (WlDhcpMessage *m,
               const guint8  *p,
               guint          n,
               guint          base,
               gboolean       need_end,
               guint         *overload,
               GError       **error)
{
  guint i = 0;

  while (i < n)
    {
      guint8 code = p[i];
      guint len;
      guint32 bit = 0;

      if (code == WL_DHCP_OPT_PAD)
        {
          i++;
          continue;
        }
      if (code == WL_DHCP_OPT_END)
        return TRUE;
      if (n - i < 2)
        {
          g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_OPTION,
                       _("DHCP option %u at byte %u has no length byte"), code, base + i);
          return FALSE;
        }
      len = p[i + 1];
      if (len > n - i - 2)
        {
          /* Translators: option number, its byte offset, the length it claims, bytes left */
          g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_OPTION,
                       _("DHCP option %u at byte %u claims %u bytes but only %u remain"), code,
                       base + i, len, n - i - 2);
          return FALSE;
        }
      if (code == WL_DHCP_OPT_OVERLOAD && overload == NULL)
        {
          /* Rule: option 52 belongs in the options field only (RFC 2132 §9.3); one found in
           * an overloaded sname or file is ignored, never kept to be sent again. */
          i += 2 + len;
          continue;
        }
      if (code == WL_DHCP_OPT_OVERLOAD)
        {
          if (len != 1 || p[i + 2] < 1 || p[i + 2] > 3)
            return bad_length (code, len, _("1 byte holding 1, 2 or 3"), error);
          *overload = p[i + 2];
        }
      else if ((bit = known_bit (code)) != 0 && !(m->has & bit))
        {
          if (!take_known (m, code, p + i + 2, len, error))
            return FALSE;
          /* A text option is read up to its first NUL: one with nothing before it counts
           * as absent, as it would be written back. */
          if (!(code == WL_DHCP_OPT_HOST_NAME && m->host_name[0] == '\0')
              && !(code == WL_DHCP_OPT_MESSAGE && m->message[0] == '\0'))
            m->has |= bit;
        }
      else if (!wl_dhcp_message_add_other (m, code, p + i + 2, (guint8) len))
        {
          g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_TOO_LONG,
                       _("More than %u bytes of DHCP options that are kept raw"),
                       WL_DHCP_OTHER_MAX);
          return FALSE;
        }
      i += 2 + len;
    }
  if (!need_end)
    return TRUE;
  g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_NO_END,
               _("The DHCP options do not end with option 255"));
  return FALSE;
}

static void
read_header (WlDhcpMessage *m,
             const guint8  *d)
{
  m->op = d[WL_DHCP_OFF_OP];
  m->htype = d[WL_DHCP_OFF_HTYPE];
  m->hlen = d[WL_DHCP_OFF_HLEN];
  m->hops = d[WL_DHCP_OFF_HOPS];
  m->xid = wl_get_u32 (d + WL_DHCP_OFF_XID);
  m->secs = wl_get_u16 (d + WL_DHCP_OFF_SECS);
  m->flags = wl_get_u16 (d + WL_DHCP_OFF_FLAGS);
  m->ciaddr = wl_get_u32 (d + WL_DHCP_OFF_CIADDR);
  m->yiaddr = wl_get_u32 (d + WL_DHCP_OFF_YIADDR);
  m->siaddr = wl_get_u32 (d + WL_DHCP_OFF_SIADDR);
  m->giaddr = wl_get_u32 (d + WL_DHCP_OFF_GIADDR);
  memcpy (m->chaddr, d + WL_DHCP_OFF_CHADDR, WL_DHCP_CHADDR_LEN);
  memcpy (m->sname, d + WL_DHCP_OFF_SNAME, WL_DHCP_SNAME_LEN);
  memcpy (m->file, d + WL_DHCP_OFF_FILE, WL_DHCP_FILE_LEN);
}

gboolean
wl_dhcp_decode (const guint8   *data,
                gsize           len,
                WlDhcpMessage  *m,
                GError        **error)
{
  guint overload = 0;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (m != NULL, FALSE);

  memset (m, 0, sizeof *m);
  if (len < WL_DHCP_OFF_OPTIONS)
    {
      g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_TRUNCATED,
                   _("A DHCP message of %lu bytes is too short: the header and cookie alone "
                     "take %u"), (unsigned long) len, WL_DHCP_OFF_OPTIONS);
      return FALSE;
    }
  if (len > WL_DHCP_MAX_LEN)
    {
      g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_TOO_LONG,
                   _("A DHCP message of %lu bytes is longer than the %u we accept"),
                   (unsigned long) len, WL_DHCP_MAX_LEN);
      return FALSE;
    }
  read_header (m, data);
  if ((m->op != WL_BOOTP_REQUEST && m->op != WL_BOOTP_REPLY) || m->hlen > WL_DHCP_CHADDR_LEN)
    {
      /* Translators: op is 1 or 2; hlen at most 16 — the names are the RFC's field names */
      g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_HEADER,
                   _("Impossible BOOTP header: op %u (must be 1 or 2), hlen %u (at most 16)"),
                   m->op, m->hlen);
      return FALSE;
    }
  if (wl_get_u32 (data + WL_DHCP_OFF_COOKIE) != WL_DHCP_MAGIC)
    {
      g_set_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_COOKIE,
                   _("No DHCP magic cookie (99.130.83.99) after the BOOTP header"));
      return FALSE;
    }
  if (!parse_options (m, data + WL_DHCP_OFF_OPTIONS, (guint) len - WL_DHCP_OFF_OPTIONS,
                      WL_DHCP_OFF_OPTIONS, TRUE, &overload, error))
    return FALSE;
  /* RFC 2131 §4.1: options continue in file, then in sname. */
  if ((overload & 1) && !parse_options (m, m->file, WL_DHCP_FILE_LEN, WL_DHCP_OFF_FILE, FALSE,
                                        NULL, error))
    return FALSE;
  if ((overload & 2) && !parse_options (m, m->sname, WL_DHCP_SNAME_LEN, WL_DHCP_OFF_SNAME,
                                        FALSE, NULL, error))
    return FALSE;
  return TRUE;
}
