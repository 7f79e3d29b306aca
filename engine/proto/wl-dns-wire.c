/* wl-dns-wire.c — DNS messages: records in memory, encoding with compression, decoding.
 *
 * RFC 1035 §4 (message format, see the diagram in wl-dns-wire.h), §3.3 (RDATA of NS, CNAME,
 * MX, SOA, PTR), §3.4.1 (A), RFC 3597 (unknown types: RDATA kept as raw bytes, and never
 * compressed), RFC 2181 §8 (TTLs).
 *
 * Where it sits: between UDP and the DNS programs (wl-dns-server.c, wl-dns-resolver.c,
 * wl-dns-stub.c), which build a WlDnsMessage and encode it, or decode what UDP delivered.
 * Names are read and written by wl-dns-name.c.
 *
 * Encoding compresses every name it may (RFC 1035 §4.1.4): each time a name is written, the
 * offset of each of its suffixes is remembered (while below 0x4000, the most a pointer can
 * say); a later name whose tail equals a remembered suffix (ignoring case) ends with a
 * pointer to it.  "www.lab.test" then "lab.test" gives a 2-byte pointer for the second.
 *
 * Decoding checks every length against the bytes that are there and says which rule broke:
 *   header       12 bytes;
 *   question     a name, then TYPE and CLASS (4 bytes);
 *   record       a name, then TYPE, CLASS, TTL, RDLENGTH (10 bytes), then RDLENGTH bytes;
 *   RDATA        for A (class IN), NS, CNAME, PTR, MX and SOA the fields must fill RDLENGTH
 *                exactly (A is 4 bytes; a name inside RDATA may not run past it, though its
 *                pointer may reach back anywhere before); other types are kept raw;
 *   counts       each count is met by records that are really there (no allocation is made
 *                from a count before its bytes are seen).
 */
#define G_LOG_DOMAIN "wl-dns"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "core/wl-types.h"
#include "wl-dns-wire.h"
#include "wl-wire.h"

#define RR_FIXED_LEN 10  /* TYPE, CLASS, TTL, RDLENGTH after the owner name */
#define SOA_FIXED_LEN 20 /* SERIAL, REFRESH, RETRY, EXPIRE, MINIMUM */
#define MAX_POINTER_TARGET 0x3fff

/* ---- records --------------------------------------------------------------------------- */

WlDnsRR *
wl_dns_rr_new (const char *name,
               guint16     type,
               guint32     ttl)
{
  WlDnsRR *rr = g_new0 (WlDnsRR, 1);

  rr->name = g_strdup (name);
  rr->type = type;
  rr->klass = WL_DNS_CLASS_IN;
  rr->ttl = ttl;
  return rr;
}

WlDnsRR *
wl_dns_rr_new_a (const char *name,
                 guint32     ttl,
                 guint32     address)
{
  WlDnsRR *rr = wl_dns_rr_new (name, WL_DNS_TYPE_A, ttl);

  rr->a = address;
  return rr;
}

WlDnsRR *
wl_dns_rr_new_name (const char *name,
                    guint16     type,
                    guint32     ttl,
                    const char *target)
{
  WlDnsRR *rr = wl_dns_rr_new (name, type, ttl);

  rr->target = g_strdup (target);
  return rr;
}

WlDnsRR *
wl_dns_rr_new_mx (const char *name,
                  guint32     ttl,
                  guint16     preference,
                  const char *exchange)
{
  WlDnsRR *rr = wl_dns_rr_new_name (name, WL_DNS_TYPE_MX, ttl, exchange);

  rr->preference = preference;
  return rr;
}

WlDnsRR *
wl_dns_rr_copy (const WlDnsRR *rr)
{
  WlDnsRR *copy = g_new (WlDnsRR, 1);

  *copy = *rr;
  copy->name = g_strdup (rr->name);
  copy->target = g_strdup (rr->target);
  copy->rname = g_strdup (rr->rname);
  copy->raw = rr->raw != NULL ? g_bytes_ref (rr->raw) : NULL;
  return copy;
}

void
wl_dns_rr_free (WlDnsRR *rr)
{
  if (rr == NULL)
    return;
  g_free (rr->name);
  g_free (rr->target);
  g_free (rr->rname);
  g_clear_pointer (&rr->raw, g_bytes_unref);
  g_free (rr);
}

/* RDATA of this type holds names and numbers we decoded (rather than raw bytes). */
static gboolean
type_is_known (guint16 type,
               guint16 klass)
{
  switch (type)
    {
    case WL_DNS_TYPE_A: return klass == WL_DNS_CLASS_IN;  /* A's format is IN's (§3.4.1) */
    case WL_DNS_TYPE_NS:
    case WL_DNS_TYPE_CNAME:
    case WL_DNS_TYPE_PTR:
    case WL_DNS_TYPE_MX:
    case WL_DNS_TYPE_SOA: return TRUE;
    default: return FALSE;
    }
}

gboolean
wl_dns_rr_equal (const WlDnsRR *a,
                 const WlDnsRR *b)
{
  if (a->type != b->type || a->klass != b->klass || !wl_dns_name_equal (a->name, b->name))
    return FALSE;
  if (!type_is_known (a->type, a->klass))
    return a->raw != NULL && b->raw != NULL && g_bytes_equal (a->raw, b->raw);
  switch (a->type)
    {
    case WL_DNS_TYPE_A: return a->a == b->a;
    case WL_DNS_TYPE_MX:
      return a->preference == b->preference && wl_dns_name_equal (a->target, b->target);
    case WL_DNS_TYPE_SOA:
      return wl_dns_name_equal (a->target, b->target) && wl_dns_name_equal (a->rname, b->rname)
             && a->serial == b->serial && a->refresh == b->refresh && a->retry == b->retry
             && a->expire == b->expire && a->minimum == b->minimum;
    default: return wl_dns_name_equal (a->target, b->target);
    }
}

/* The root is "" in memory but "." in text. */
#define ROOT_DOT(name) ((name)[0] ? (name) : ".")

char *
wl_dns_rr_rdata_to_string (const WlDnsRR *rr)
{
  char ip[16];

  if (!type_is_known (rr->type, rr->klass))
    {
      gsize n = 0;
      const guint8 *p = rr->raw != NULL ? g_bytes_get_data (rr->raw, &n) : NULL;
      GString *s = g_string_new (NULL);

      /* RFC 3597 §5: the generic form "\# LENGTH HEX" */
      g_string_append_printf (s, "\\# %" G_GSIZE_FORMAT "%s", n, n > 0 ? " " : "");
      for (gsize i = 0; i < n; i++)
        g_string_append_printf (s, "%02x", p[i]);
      return g_string_free (s, FALSE);
    }
  switch (rr->type)
    {
    case WL_DNS_TYPE_A: return g_strdup (wl_ip_format (rr->a, ip));
    case WL_DNS_TYPE_MX: return g_strdup_printf ("%u %s", rr->preference, ROOT_DOT (rr->target));
    case WL_DNS_TYPE_SOA:
      return g_strdup_printf ("%s %s %u %u %u %u %u", ROOT_DOT (rr->target),
                              ROOT_DOT (rr->rname), rr->serial, rr->refresh, rr->retry,
                              rr->expire, rr->minimum);
    default: return g_strdup (ROOT_DOT (rr->target));
    }
}

/* ---- messages -------------------------------------------------------------------------- */

static void
question_clear (gpointer p)
{
  g_free (((WlDnsQuestion *) p)->name);
}

WlDnsMessage *
wl_dns_message_new (guint16 id,
                    guint16 flags)
{
  WlDnsMessage *msg = g_new0 (WlDnsMessage, 1);

  msg->id = id;
  msg->flags = flags;
  msg->questions = g_array_new (FALSE, TRUE, sizeof (WlDnsQuestion));
  g_array_set_clear_func (msg->questions, question_clear);
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    msg->rrs[s] = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_dns_rr_free);
  return msg;
}

void
wl_dns_message_free (WlDnsMessage *msg)
{
  if (msg == NULL)
    return;
  g_array_unref (msg->questions);
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    g_ptr_array_unref (msg->rrs[s]);
  g_free (msg);
}

void
wl_dns_message_add_question (WlDnsMessage *msg,
                             const char   *name,
                             guint16       type,
                             guint16       klass)
{
  WlDnsQuestion q = { g_strdup (name), type, klass };

  g_array_append_val (msg->questions, q);
}

void
wl_dns_message_take_rr (WlDnsMessage *msg,
                        WlDnsSection  section,
                        WlDnsRR      *rr)
{
  g_return_if_fail (section < WL_DNS_N_SECTIONS);
  g_ptr_array_add (msg->rrs[section], rr);
}

void
wl_dns_message_add_rr (WlDnsMessage  *msg,
                       WlDnsSection   section,
                       const WlDnsRR *rr)
{
  wl_dns_message_take_rr (msg, section, wl_dns_rr_copy (rr));
}

void
wl_dns_message_set_rcode (WlDnsMessage *msg,
                          guint         rcode)
{
  msg->flags = (guint16) ((msg->flags & ~0xf) | (rcode & 0xf));
}

/* ---- encoding -------------------------------------------------------------------------- */

typedef struct
{
  GByteArray *buf;
  GPtrArray  *suffixes;  /* of Suffix*: names written so far, for compression */
} Writer;

typedef struct
{
  guint  offset;         /* where this suffix starts in the message */
  guint  len;
  guint8 wire[WL_DNS_MAX_NAME];  /* lower-cased, uncompressed */
} Suffix;

static void
put16 (GByteArray *buf,
       guint16     v)
{
  guint8 b[2];

  wl_put_u16 (b, v);
  g_byte_array_append (buf, b, 2);
}

static void
put32 (GByteArray *buf,
       guint32     v)
{
  guint8 b[4];

  wl_put_u32 (b, v);
  g_byte_array_append (buf, b, 4);
}

static const Suffix *
find_suffix (Writer       *w,
             const guint8 *wire,
             guint         len)
{
  for (guint i = 0; i < w->suffixes->len; i++)
    {
      const Suffix *s = g_ptr_array_index (w->suffixes, i);

      if (s->len == len && memcmp (s->wire, wire, len) == 0)
        return s;
    }
  return NULL;
}

static void
remember_suffix (Writer       *w,
                 const guint8 *wire,
                 guint         len)
{
  Suffix *s;

  if (w->buf->len > MAX_POINTER_TARGET)
    return;  /* a pointer cannot reach it */
  s = g_new (Suffix, 1);
  s->offset = w->buf->len;
  s->len = len;
  memcpy (s->wire, wire, len);
  g_ptr_array_add (w->suffixes, s);
}

/* Writes a name, ending it with a pointer to the longest suffix already in the message. */
static gboolean
write_name (Writer     *w,
            const char *text,
            GError    **error)
{
  guint8 wire[WL_DNS_MAX_NAME], lower[WL_DNS_MAX_NAME];
  guint len, pos = 0;

  if (!wl_dns_name_to_wire (text, wire, &len, error))
    return FALSE;
  /* Length bytes are 1..63, never ASCII letters, so lower-casing the whole form is safe. */
  for (guint i = 0; i < len; i++)
    lower[i] = (guint8) g_ascii_tolower (wire[i]);

  while (wire[pos] != 0)
    {
      const Suffix *s = find_suffix (w, lower + pos, len - pos);

      if (s != NULL)
        {
          put16 (w->buf, (guint16) (0xc000 | s->offset));
          return TRUE;
        }
      remember_suffix (w, lower + pos, len - pos);
      g_byte_array_append (w->buf, wire + pos, 1 + wire[pos]);
      pos += 1 + wire[pos];
    }
  g_byte_array_append (w->buf, wire + pos, 1);
  return TRUE;
}

static gboolean
write_rdata (Writer        *w,
             const WlDnsRR *rr,
             GError       **error)
{
  if (!type_is_known (rr->type, rr->klass))
    {
      gsize n = 0;
      const guint8 *p = rr->raw != NULL ? g_bytes_get_data (rr->raw, &n) : NULL;

      if (n > 0)
        g_byte_array_append (w->buf, p, (guint) n);
      return TRUE;
    }
  switch (rr->type)
    {
    case WL_DNS_TYPE_A:
      put32 (w->buf, rr->a);
      return TRUE;
    case WL_DNS_TYPE_MX:
      put16 (w->buf, rr->preference);
      return write_name (w, rr->target, error);
    case WL_DNS_TYPE_SOA:
      if (!write_name (w, rr->target, error) || !write_name (w, rr->rname, error))
        return FALSE;
      put32 (w->buf, rr->serial);
      put32 (w->buf, rr->refresh);
      put32 (w->buf, rr->retry);
      put32 (w->buf, rr->expire);
      put32 (w->buf, rr->minimum);
      return TRUE;
    default:
      return write_name (w, rr->target, error);
    }
}

static gboolean
write_rr (Writer        *w,
          const WlDnsRR *rr,
          GError       **error)
{
  guint rdlen_at;

  if (!write_name (w, rr->name, error))
    return FALSE;
  put16 (w->buf, rr->type);
  put16 (w->buf, rr->klass);
  put32 (w->buf, rr->ttl);
  rdlen_at = w->buf->len;
  put16 (w->buf, 0);
  if (!write_rdata (w, rr, error))
    return FALSE;
  if (w->buf->len - rdlen_at - 2 > G_MAXUINT16)
    {
      g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_TOO_BIG,
                   _("The data of a record of “%s” is longer than %u bytes"), rr->name,
                   G_MAXUINT16);
      return FALSE;
    }
  wl_put_u16 (w->buf->data + rdlen_at, (guint16) (w->buf->len - rdlen_at - 2));
  return TRUE;
}

static gboolean
write_sections (Writer             *w,
                const WlDnsMessage *msg,
                GError            **error)
{
  for (guint i = 0; i < msg->questions->len; i++)
    {
      const WlDnsQuestion *q = &g_array_index (msg->questions, WlDnsQuestion, i);

      if (!write_name (w, q->name, error))
        return FALSE;
      put16 (w->buf, q->type);
      put16 (w->buf, q->klass);
    }
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    for (guint i = 0; i < msg->rrs[s]->len; i++)
      if (!write_rr (w, g_ptr_array_index (msg->rrs[s], i), error))
        return FALSE;
  return TRUE;
}

GByteArray *
wl_dns_message_encode (const WlDnsMessage *msg,
                       GError            **error)
{
  Writer w;
  gboolean ok;

  g_return_val_if_fail (msg != NULL, NULL);

  w.buf = g_byte_array_new ();
  w.suffixes = g_ptr_array_new_with_free_func (g_free);
  put16 (w.buf, msg->id);
  put16 (w.buf, msg->flags);
  put16 (w.buf, (guint16) msg->questions->len);
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    put16 (w.buf, (guint16) msg->rrs[s]->len);
  ok = write_sections (&w, msg, error);
  g_ptr_array_unref (w.suffixes);
  if (ok && w.buf->len > G_MAXUINT16)
    {
      g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_TOO_BIG,
                   _("The message is %u bytes long; a DNS message is at most %u"), w.buf->len,
                   G_MAXUINT16);
      ok = FALSE;
    }
  if (!ok)
    {
      g_byte_array_unref (w.buf);
      return NULL;
    }
  return w.buf;
}

/* ---- decoding -------------------------------------------------------------------------- */

typedef struct
{
  const guint8 *data;
  gsize         len;
  gsize         pos;
} Reader;

static gboolean
need (Reader     *r,
      gsize       n,
      const char *what,
      GError    **error)
{
  if (r->len - r->pos >= n)
    return TRUE;
  /* Translators: %s names a part of a DNS message ("the header", "a question") */
  g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_TRUNCATED,
               _("The message ends inside %s: %u bytes needed at offset %u, %u left"), what,
               (guint) n, (guint) r->pos, (guint) (r->len - r->pos));
  return FALSE;
}

static gboolean
read_rdata_name (Reader  *r,
                 gsize    rd_end,
                 char   **out,
                 GError **error)
{
  return wl_dns_name_read (r->data, r->len, rd_end, &r->pos, out, NULL, NULL, error);
}

/* Decodes the RDATA of a known type; it must end exactly at rd_end. */
static gboolean
read_known_rdata (Reader  *r,
                  WlDnsRR *rr,
                  gsize    rd_end,
                  GError **error)
{
  gsize start = r->pos;

  switch (rr->type)
    {
    case WL_DNS_TYPE_A:
      if (rd_end - start != 4)
        goto bad;
      rr->a = wl_get_u32 (r->data + start);
      r->pos += 4;
      break;
    case WL_DNS_TYPE_MX:
      if (rd_end - start < 2)
        goto bad;
      rr->preference = wl_get_u16 (r->data + start);
      r->pos += 2;
      if (!read_rdata_name (r, rd_end, &rr->target, error))
        return FALSE;
      break;
    case WL_DNS_TYPE_SOA:
      if (!read_rdata_name (r, rd_end, &rr->target, error)
          || !read_rdata_name (r, rd_end, &rr->rname, error))
        return FALSE;
      if (rd_end - r->pos != SOA_FIXED_LEN)
        goto bad;
      rr->serial = wl_get_u32 (r->data + r->pos);
      rr->refresh = wl_get_u32 (r->data + r->pos + 4);
      rr->retry = wl_get_u32 (r->data + r->pos + 8);
      rr->expire = wl_get_u32 (r->data + r->pos + 12);
      rr->minimum = wl_get_u32 (r->data + r->pos + 16);
      r->pos += SOA_FIXED_LEN;
      break;
    default:
      if (!read_rdata_name (r, rd_end, &rr->target, error))
        return FALSE;
      break;
    }
  /* Rule: the fields of a known type fill RDLENGTH exactly (an empty RDATA fills nothing:
   * an A, MX or SOA record without its data is refused too). */
  if (r->pos != rd_end)
    {
    bad:;
      g_autofree char *type = wl_dns_type_to_string (rr->type);

      g_set_error (error, WL_DNS_ERROR, WL_DNS_ERROR_BAD_RDATA,
                   _("The %s record at offset %u has RDLENGTH %u, which its data does not "
                     "fill exactly"), type, (guint) start, (guint) (rd_end - start));
      return FALSE;
    }
  return TRUE;
}

static WlDnsRR *
read_rr (Reader  *r,
         GError **error)
{
  g_autoptr (WlDnsRR) rr = g_new0 (WlDnsRR, 1);
  gsize rdlen;

  if (!wl_dns_name_read (r->data, r->len, r->len, &r->pos, &rr->name, NULL, NULL, error)
      || !need (r, RR_FIXED_LEN, _("a resource record"), error))
    return NULL;
  rr->type = wl_get_u16 (r->data + r->pos);
  rr->klass = wl_get_u16 (r->data + r->pos + 2);
  rr->ttl = wl_get_u32 (r->data + r->pos + 4);
  rdlen = wl_get_u16 (r->data + r->pos + 8);
  r->pos += RR_FIXED_LEN;
  if (!need (r, rdlen, _("the data of a resource record"), error))
    return NULL;
  if (type_is_known (rr->type, rr->klass))
    {
      if (!read_known_rdata (r, rr, r->pos + rdlen, error))
        return NULL;
    }
  else
    {
      rr->raw = g_bytes_new (r->data + r->pos, rdlen);
      r->pos += rdlen;
    }
  return g_steal_pointer (&rr);
}

static gboolean
read_question (Reader       *r,
               WlDnsMessage *msg,
               GError      **error)
{
  WlDnsQuestion q = { NULL, 0, 0 };

  if (!wl_dns_name_read (r->data, r->len, r->len, &r->pos, &q.name, NULL, NULL, error))
    return FALSE;
  if (!need (r, 4, _("a question"), error))
    {
      g_free (q.name);
      return FALSE;
    }
  q.type = wl_get_u16 (r->data + r->pos);
  q.klass = wl_get_u16 (r->data + r->pos + 2);
  r->pos += 4;
  g_array_append_val (msg->questions, q);
  return TRUE;
}

WlDnsMessage *
wl_dns_message_decode (const guint8 *data,
                       gsize         len,
                       GError      **error)
{
  Reader r = { data, len, 0 };
  g_autoptr (WlDnsMessage) msg = NULL;
  guint counts[1 + WL_DNS_N_SECTIONS];

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!need (&r, WL_DNS_HLEN, _("the header"), error))
    return NULL;
  msg = wl_dns_message_new (wl_get_u16 (data + WL_DNS_OFF_ID),
                            wl_get_u16 (data + WL_DNS_OFF_FLAGS));
  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    counts[i] = wl_get_u16 (data + WL_DNS_OFF_QDCOUNT + 2 * i);
  r.pos = WL_DNS_HLEN;

  for (guint i = 0; i < counts[0]; i++)
    if (!read_question (&r, msg, error))
      return NULL;
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    for (guint i = 0; i < counts[1 + s]; i++)
      {
        WlDnsRR *rr = read_rr (&r, error);

        if (rr == NULL)
          return NULL;
        g_ptr_array_add (msg->rrs[s], rr);
      }
  return g_steal_pointer (&msg);
}

/* ---- names of codes -------------------------------------------------------------------- */

static const struct
{
  guint16     type;
  const char *name;
} type_names[] = {
  { WL_DNS_TYPE_A, "A" },       { WL_DNS_TYPE_NS, "NS" },   { WL_DNS_TYPE_CNAME, "CNAME" },
  { WL_DNS_TYPE_SOA, "SOA" },   { WL_DNS_TYPE_PTR, "PTR" }, { WL_DNS_TYPE_MX, "MX" },
  { WL_DNS_TYPE_TXT, "TXT" },   { WL_DNS_TYPE_AAAA, "AAAA" }, { WL_DNS_TYPE_ANY, "ANY" },
};

char *
wl_dns_type_to_string (guint16 type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (type_names[i].type == type)
      return g_strdup (type_names[i].name);
  return g_strdup_printf ("TYPE%u", type);  /* RFC 3597 §5 */
}

gboolean
wl_dns_type_from_string (const char *text,
                         guint16    *type)
{
  guint64 n;

  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (g_ascii_strcasecmp (text, type_names[i].name) == 0)
      {
        *type = type_names[i].type;
        return TRUE;
      }
  if (g_ascii_strncasecmp (text, "TYPE", 4) == 0
      && g_ascii_string_to_unsigned (text + 4, 10, 1, G_MAXUINT16, &n, NULL))
    {
      *type = (guint16) n;
      return TRUE;
    }
  return FALSE;
}

const char *
wl_dns_rcode_to_string (guint rcode)
{
  static const char *const names[] = { "NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP",
                                       "REFUSED", "YXDOMAIN", "YXRRSET", "NXRRSET", "NOTAUTH",
                                       "NOTZONE" };

  if (rcode < G_N_ELEMENTS (names))
    return names[rcode];
  return "RESERVED";
}
