/* wl-dissect-dns.c — DNS messages.
 *
 * RFC 1035 §4 (format; the header diagram is in engine/proto/wl-dns-wire.h), §4.1.4
 * (compression), RFC 2308 (negative answers), RFC 3597 (unknown types).  Carried in UDP to or
 * from port 53 (wl-dissect-udp.c); the message is what the UDP datagram carries.
 *
 * Decodes, with tshark's abbreviations and the text tshark 4.0 prints:
 *   header    dns.id, dns.flags with one field per flag (a query shows response, opcode,
 *             truncated, recdesired, z and checkdisable; a response also authoritative,
 *             recavail, authenticated and rcode, as Wireshark does), dns.count.queries,
 *             dns.count.answers, dns.count.auth_rr, dns.count.add_rr;
 *   question  dns.qry.name, dns.qry.name.len, dns.count.labels, dns.qry.type, dns.qry.class;
 *   records   dns.resp.name, dns.resp.type, dns.resp.class, dns.resp.ttl, dns.resp.len, and
 *             the data: dns.a, dns.ns, dns.cname, dns.ptr.domain_name, dns.mx.preference,
 *             dns.mx.mail_exchange, dns.soa.* ; any other type as dns.data (raw bytes).
 * Names are read by wl_dns_name_read (engine/proto/wl-dns-name.c), whose rules stop every
 * pointer loop; the root is shown "<Root>".  A name that breaks a rule, or a record cut
 * short, ends the decoding there and marks the layer malformed (Wireshark reports such names
 * as "<Name contains a pointer that loops>" and the like; we stop instead).  Wireshark's
 * conversation fields (dns.response_to, dns.time) need state across frames and are not made.
 *
 * The summary is Wireshark's Info column: "Standard query 0x1234 A www.lab.test", or
 * "Standard query response 0x1234 No such name A nope.lab.test SOA ns1.lab.test": opcode,
 * "response", the id, a non-zero rcode, each question's type and name, then each record's type
 * and data (of every section).
 */
#define G_LOG_DOMAIN "wl-dissect"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "proto/wl-dns-wire.h"
#include "wl-dissect-private.h"

enum
{
  HF_ID, HF_FLAGS, HF_RESPONSE, HF_OPCODE, HF_AUTHORITATIVE, HF_TRUNCATED, HF_RECDESIRED,
  HF_RECAVAIL, HF_Z, HF_AUTHENTICATED, HF_CHECKDISABLE, HF_RCODE,
  HF_COUNT_QUERIES, HF_COUNT_ANSWERS, HF_COUNT_AUTH, HF_COUNT_ADD,
  HF_QRY_NAME, HF_QRY_NAME_LEN, HF_COUNT_LABELS, HF_QRY_TYPE, HF_QRY_CLASS,
  HF_RESP_NAME, HF_RESP_TYPE, HF_RESP_CLASS, HF_RESP_TTL, HF_RESP_LEN,
  HF_A, HF_NS, HF_CNAME, HF_PTR, HF_MX_PREF, HF_MX_EXCHANGE,
  HF_SOA_MNAME, HF_SOA_RNAME, HF_SOA_SERIAL, HF_SOA_REFRESH, HF_SOA_RETRY, HF_SOA_EXPIRE,
  HF_SOA_MINIMUM, HF_DATA,
};

const WlFieldInfo _wl_dissect_dns_fields[] = {
  [HF_ID] = WL_ROW_HEX ("dns.id", N_("Transaction ID"), 4),
  [HF_FLAGS] = WL_ROW_HEX ("dns.flags", N_("Flags"), 4),
  [HF_RESPONSE] = WL_ROW ("dns.flags.response", N_("Response"), WL_FIELD_BOOL),
  [HF_OPCODE] = WL_ROW_DEC ("dns.flags.opcode", N_("Opcode")),
  [HF_AUTHORITATIVE] = WL_ROW ("dns.flags.authoritative", N_("Authoritative"), WL_FIELD_BOOL),
  [HF_TRUNCATED] = WL_ROW ("dns.flags.truncated", N_("Truncated"), WL_FIELD_BOOL),
  [HF_RECDESIRED] = WL_ROW ("dns.flags.recdesired", N_("Recursion desired"), WL_FIELD_BOOL),
  [HF_RECAVAIL] = WL_ROW ("dns.flags.recavail", N_("Recursion available"), WL_FIELD_BOOL),
  [HF_Z] = WL_ROW ("dns.flags.z", N_("Z"), WL_FIELD_BOOL),
  [HF_AUTHENTICATED] = WL_ROW ("dns.flags.authenticated", N_("Answer authenticated"),
                               WL_FIELD_BOOL),
  [HF_CHECKDISABLE] = WL_ROW ("dns.flags.checkdisable", N_("Non-authenticated data"),
                              WL_FIELD_BOOL),
  [HF_RCODE] = WL_ROW_DEC ("dns.flags.rcode", N_("Reply code")),
  [HF_COUNT_QUERIES] = WL_ROW_DEC ("dns.count.queries", N_("Questions")),
  [HF_COUNT_ANSWERS] = WL_ROW_DEC ("dns.count.answers", N_("Answer RRs")),
  [HF_COUNT_AUTH] = WL_ROW_DEC ("dns.count.auth_rr", N_("Authority RRs")),
  [HF_COUNT_ADD] = WL_ROW_DEC ("dns.count.add_rr", N_("Additional RRs")),
  [HF_QRY_NAME] = WL_ROW ("dns.qry.name", N_("Name"), WL_FIELD_STRING),
  [HF_QRY_NAME_LEN] = WL_ROW_DEC ("dns.qry.name.len", N_("Name Length")),
  [HF_COUNT_LABELS] = WL_ROW_DEC ("dns.count.labels", N_("Label Count")),
  [HF_QRY_TYPE] = WL_ROW_DEC ("dns.qry.type", N_("Type")),
  [HF_QRY_CLASS] = WL_ROW_HEX ("dns.qry.class", N_("Class"), 4),
  [HF_RESP_NAME] = WL_ROW ("dns.resp.name", N_("Name"), WL_FIELD_STRING),
  [HF_RESP_TYPE] = WL_ROW_DEC ("dns.resp.type", N_("Type")),
  [HF_RESP_CLASS] = WL_ROW_HEX ("dns.resp.class", N_("Class"), 4),
  [HF_RESP_TTL] = WL_ROW_DEC ("dns.resp.ttl", N_("Time to live")),
  [HF_RESP_LEN] = WL_ROW_DEC ("dns.resp.len", N_("Data length")),
  [HF_A] = WL_ROW ("dns.a", N_("Address"), WL_FIELD_IPV4),
  [HF_NS] = WL_ROW ("dns.ns", N_("Name Server"), WL_FIELD_STRING),
  [HF_CNAME] = WL_ROW ("dns.cname", N_("CNAME"), WL_FIELD_STRING),
  [HF_PTR] = WL_ROW ("dns.ptr.domain_name", N_("Domain Name"), WL_FIELD_STRING),
  [HF_MX_PREF] = WL_ROW_DEC ("dns.mx.preference", N_("Preference")),
  [HF_MX_EXCHANGE] = WL_ROW ("dns.mx.mail_exchange", N_("Mail Exchange"), WL_FIELD_STRING),
  [HF_SOA_MNAME] = WL_ROW ("dns.soa.mname", N_("Primary name server"), WL_FIELD_STRING),
  [HF_SOA_RNAME] = WL_ROW ("dns.soa.rname", N_("Responsible authority's mailbox"),
                           WL_FIELD_STRING),
  [HF_SOA_SERIAL] = WL_ROW_DEC ("dns.soa.serial_number", N_("Serial Number")),
  [HF_SOA_REFRESH] = WL_ROW_DEC ("dns.soa.refresh_interval", N_("Refresh Interval")),
  [HF_SOA_RETRY] = WL_ROW_DEC ("dns.soa.retry_interval", N_("Retry Interval")),
  [HF_SOA_EXPIRE] = WL_ROW_DEC ("dns.soa.expire_limit", N_("Expire limit")),
  [HF_SOA_MINIMUM] = WL_ROW_DEC ("dns.soa.minimum_ttl", N_("Minimum TTL")),
  [HF_DATA] = WL_ROW ("dns.data", N_("Data"), WL_FIELD_BYTES),
};
const guint _wl_dissect_n_dns_fields = G_N_ELEMENTS (_wl_dissect_dns_fields);

#define HF(x) (&_wl_dissect_dns_fields[HF_##x])

/* Where a message is being read: the DNS message is [base, end) of the frame, and names'
 * pointers count from base. */
typedef struct
{
  WlDissectCtx   *ctx;
  WlDissectLayer *layer;
  guint           base;
  guint           end;
  guint           pos;   /* frame offset of the next byte to read */
} Msg;

/* Reads a name at m->pos (its own bytes below limit); FALSE (and a malformed or truncated
 * layer) when it breaks a rule. */
static gboolean
read_name (Msg    *m,
           guint   limit,
           char  **text,
           guint  *start)
{
  gsize off = m->pos - m->base;
  g_autoptr (GError) error = NULL;
  char *raw = NULL;

  *start = m->pos;
  if (!wl_dns_name_read (m->ctx->data + m->base, m->end - m->base, limit - m->base, &off, &raw,
                         NULL, NULL, &error))
    {
      if (g_error_matches (error, WL_DNS_ERROR, WL_DNS_ERROR_TRUNCATED))
        _wl_dissect_truncated (m->ctx, m->layer);
      else
        _wl_dissect_malformed (m->ctx, m->layer);
      return FALSE;
    }
  m->pos = m->base + (guint) off;
  if (raw[0] == '\0')
    {
      g_free (raw);
      raw = g_strdup ("<Root>");
    }
  *text = raw;
  return TRUE;
}

static void
add_name (Msg               *m,
          const WlFieldInfo *info,
          guint              start,
          const char        *text)
{
  _wl_dissect_add_string (m->layer, info, start, m->pos - start, text);
}

/* ---- header ---------------------------------------------------------------------------- */

static void
add_flags (Msg  *m,
           guint flags)
{
  guint at = m->base + 2;
  gboolean response = (flags & WL_DNS_FLAG_QR) != 0;

  _wl_dissect_add_uint (m->layer, HF (FLAGS), at, 2, flags);
  _wl_dissect_add_bool (m->layer, HF (RESPONSE), at, 2, response);
  _wl_dissect_add_uint (m->layer, HF (OPCODE), at, 2, WL_DNS_OPCODE (flags));
  if (response)
    _wl_dissect_add_bool (m->layer, HF (AUTHORITATIVE), at, 2, flags & WL_DNS_FLAG_AA);
  _wl_dissect_add_bool (m->layer, HF (TRUNCATED), at, 2, flags & WL_DNS_FLAG_TC);
  _wl_dissect_add_bool (m->layer, HF (RECDESIRED), at, 2, flags & WL_DNS_FLAG_RD);
  if (response)
    _wl_dissect_add_bool (m->layer, HF (RECAVAIL), at, 2, flags & WL_DNS_FLAG_RA);
  _wl_dissect_add_bool (m->layer, HF (Z), at, 2, flags & WL_DNS_FLAG_Z);
  if (response)
    _wl_dissect_add_bool (m->layer, HF (AUTHENTICATED), at, 2, flags & WL_DNS_FLAG_AD);
  _wl_dissect_add_bool (m->layer, HF (CHECKDISABLE), at, 2, flags & WL_DNS_FLAG_CD);
  if (response)
    _wl_dissect_add_uint (m->layer, HF (RCODE), at, 2, WL_DNS_RCODE (flags));
}

/* ---- questions and records ------------------------------------------------------------- */

static gboolean
read_question (Msg *m)
{
  g_autofree char *name = NULL;
  guint start, len;
  const guint8 *p;

  if (!read_name (m, m->end, &name, &start))
    return FALSE;
  add_name (m, HF (QRY_NAME), start, name);
  /* Wireshark counts the name as shown: its length, its dots + 1; 0 and 0 for one letter. */
  len = (guint) strlen (name);
  _wl_dissect_add_uint (m->layer, HF (QRY_NAME_LEN), start, m->pos - start, len > 1 ? len : 0);
  if (len > 1)
    {
      guint dots = 0;

      for (const char *c = name; *c != '\0'; c++)
        dots += *c == '.';
      len = dots + 1;
    }
  else
    len = 0;
  _wl_dissect_add_uint (m->layer, HF (COUNT_LABELS), start, m->pos - start, len);
  if (!WL_DISSECT_FITS (m->pos, 4, m->end))
    {
      _wl_dissect_truncated (m->ctx, m->layer);
      return FALSE;
    }
  p = m->ctx->data + m->pos;
  _wl_dissect_add_uint (m->layer, HF (QRY_TYPE), m->pos, 2, wl_dissect_get16 (p));
  _wl_dissect_add_uint (m->layer, HF (QRY_CLASS), m->pos + 2, 2, wl_dissect_get16 (p + 2));
  m->pos += 4;
  return TRUE;
}

/* A name that fills RDATA from m->pos (and must end at rd_end when last). */
static gboolean
rdata_name (Msg               *m,
            const WlFieldInfo *info,
            guint              rd_end)
{
  g_autofree char *name = NULL;
  guint start;

  if (!read_name (m, rd_end, &name, &start))
    return FALSE;
  add_name (m, info, start, name);
  return TRUE;
}

static gboolean
read_soa (Msg  *m,
          guint rd_end)
{
  static const guint hf[] = { HF_SOA_SERIAL, HF_SOA_REFRESH, HF_SOA_RETRY, HF_SOA_EXPIRE,
                              HF_SOA_MINIMUM };

  if (!rdata_name (m, HF (SOA_MNAME), rd_end) || !rdata_name (m, HF (SOA_RNAME), rd_end))
    return FALSE;
  if (!WL_DISSECT_FITS (m->pos, 20, rd_end))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (hf); i++, m->pos += 4)
    _wl_dissect_add_uint (m->layer, &_wl_dissect_dns_fields[hf[i]], m->pos, 4,
                          wl_dissect_get32 (m->ctx->data + m->pos));
  return TRUE;
}

/* RDATA of the types we know; every other type is shown as raw data.  Rule: the fields of a
 * known type fill RDLENGTH exactly. */
static gboolean
read_rdata (Msg     *m,
            guint    type,
            guint    klass,
            guint    rd_end)
{
  gboolean ok;

  if (type == WL_DNS_TYPE_A && klass != WL_DNS_CLASS_IN)
    type = 0;  /* A's format is class IN's (RFC 1035 §3.4.1): shown raw in other classes */
  switch (type)
    {
    case WL_DNS_TYPE_A:
      ok = rd_end - m->pos == 4;
      if (ok)
        _wl_dissect_add_ipv4 (m->layer, HF (A), m->ctx->data, m->pos);
      m->pos = ok ? rd_end : m->pos;
      break;
    case WL_DNS_TYPE_NS: ok = rdata_name (m, HF (NS), rd_end); break;
    case WL_DNS_TYPE_CNAME: ok = rdata_name (m, HF (CNAME), rd_end); break;
    case WL_DNS_TYPE_PTR: ok = rdata_name (m, HF (PTR), rd_end); break;
    case WL_DNS_TYPE_MX:
      ok = rd_end - m->pos >= 2;
      if (ok)
        {
          _wl_dissect_add_uint (m->layer, HF (MX_PREF), m->pos, 2,
                                wl_dissect_get16 (m->ctx->data + m->pos));
          m->pos += 2;
          ok = rdata_name (m, HF (MX_EXCHANGE), rd_end);
        }
      break;
    case WL_DNS_TYPE_SOA: ok = read_soa (m, rd_end); break;
    default:
      if (rd_end > m->pos)
        _wl_dissect_add_bytes (m->layer, HF (DATA), m->ctx->data, m->pos, rd_end - m->pos);
      m->pos = rd_end;
      return TRUE;
    }
  if (!ok || m->pos != rd_end)
    {
      if (!m->layer->malformed && !m->layer->truncated)
        _wl_dissect_malformed (m->ctx, m->layer);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_rr (Msg *m)
{
  g_autofree char *name = NULL;
  guint start, type, klass, rdlen;
  const guint8 *p;

  if (!read_name (m, m->end, &name, &start))
    return FALSE;
  add_name (m, HF (RESP_NAME), start, name);
  if (!WL_DISSECT_FITS (m->pos, 10, m->end))
    {
      _wl_dissect_truncated (m->ctx, m->layer);
      return FALSE;
    }
  p = m->ctx->data + m->pos;
  type = wl_dissect_get16 (p);
  klass = wl_dissect_get16 (p + 2);
  rdlen = wl_dissect_get16 (p + 8);
  _wl_dissect_add_uint (m->layer, HF (RESP_TYPE), m->pos, 2, type);
  _wl_dissect_add_uint (m->layer, HF (RESP_CLASS), m->pos + 2, 2, klass);
  _wl_dissect_add_uint (m->layer, HF (RESP_TTL), m->pos + 4, 4, wl_dissect_get32 (p + 4));
  _wl_dissect_add_uint (m->layer, HF (RESP_LEN), m->pos + 8, 2, rdlen);
  m->pos += 10;
  /* Rule: RDLENGTH bytes follow. */
  if (!WL_DISSECT_FITS (m->pos, rdlen, m->end))
    {
      _wl_dissect_truncated (m->ctx, m->layer);
      return FALSE;
    }
  return read_rdata (m, type, klass, m->pos + rdlen);
}

void
_wl_dissect_dns (WlDissectCtx *ctx,
                 guint         offset,
                 guint         end)
{
  Msg m = { ctx, NULL, offset, end, offset };
  const guint8 *p = ctx->data + offset;
  guint counts[4], total = 0;

  g_assert (offset <= end);
  m.layer = _wl_dissect_layer_new (ctx, WL_PROTO_DNS, "dns", N_("Domain Name System"),
                                   WL_LAYER_APPLICATION, offset, end - offset);
  if (m.layer == NULL)
    return;  /* classifying: the layer is all that counts */
  if (end - offset >= 2)
    _wl_dissect_add_uint (m.layer, HF (ID), offset, 2, wl_dissect_get16 (p));
  if (end - offset < WL_DNS_HLEN)
    {
      if (end - offset >= 4)
        add_flags (&m, wl_dissect_get16 (p + 2));
      _wl_dissect_truncated (ctx, m.layer);
      return;
    }
  add_flags (&m, wl_dissect_get16 (p + 2));
  for (guint i = 0; i < 4; i++)
    {
      counts[i] = wl_dissect_get16 (p + 4 + 2 * i);
      _wl_dissect_add_uint (m.layer, &_wl_dissect_dns_fields[HF_COUNT_QUERIES + i],
                            offset + 4 + 2 * i, 2, counts[i]);
    }
  m.pos = offset + WL_DNS_HLEN;
  for (guint i = 0; i < counts[0]; i++)
    if (!read_question (&m))
      return;
  total = counts[1] + counts[2] + counts[3];
  for (guint i = 0; i < total; i++)
    if (!read_rr (&m))
      return;
}

/* ---- summary --------------------------------------------------------------------------- */

static const char *
opcode_name (guint opcode)
{
  switch (opcode)
    {
    case 0: return _("Standard query");
    case 1: return _("Inverse query");
    case 2: return _("Server status request");
    case 4: return _("Zone change notification");
    case 5: return _("Dynamic update");
    default: return NULL;
    }
}

static const char *
rcode_name (guint rcode)
{
  static const char *const names[] = {
    N_("No error"), N_("Format error"), N_("Server failure"), N_("No such name"),
    N_("Not implemented"), N_("Refused"), N_("Name exists"), N_("RRset exists"),
    N_("RRset does not exist"), N_("Not authoritative"), N_("Name out of zone"),
    N_("DSO-Type not implemented"),
  };

  return rcode < G_N_ELEMENTS (names) ? _(names[rcode]) : NULL;
}

/* Wireshark's short names of record types, for the Info column. */
static char *
type_name (guint type)
{
  static const struct
  {
    guint16     type;
    const char *name;
  } names[] = {
    { 1, "A" },      { 2, "NS" },     { 3, "MD" },      { 4, "MF" },     { 5, "CNAME" },
    { 6, "SOA" },    { 7, "MB" },     { 8, "MG" },      { 9, "MR" },     { 10, "NULL" },
    { 11, "WKS" },   { 12, "PTR" },   { 13, "HINFO" },  { 14, "MINFO" }, { 15, "MX" },
    { 16, "TXT" },   { 17, "RP" },    { 18, "AFSDB" },  { 24, "SIG" },   { 25, "KEY" },
    { 28, "AAAA" },  { 29, "LOC" },   { 33, "SRV" },    { 35, "NAPTR" }, { 39, "DNAME" },
    { 41, "OPT" },   { 43, "DS" },    { 46, "RRSIG" },  { 47, "NSEC" },  { 48, "DNSKEY" },
    { 50, "NSEC3" }, { 52, "TLSA" },  { 64, "SVCB" },   { 65, "HTTPS" }, { 99, "SPF" },
    { 251, "IXFR" }, { 252, "AXFR" }, { 255, "ANY" },   { 256, "URI" },  { 257, "CAA" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (names[i].type == type)
      return g_strdup (names[i].name);
  /* Translators: Wireshark's name for a DNS record type it does not know */
  return g_strdup_printf (_("Unknown (%u)"), type);
}

/* Appends " TYPE name" for each question and " TYPE data" for each record, walking the
 * layer's fields in the order they were decoded. */
static void
append_items (GString              *out,
              const WlDissectLayer *layer)
{
  static const char *const data[] = { "dns.a", "dns.ns", "dns.cname", "dns.soa.mname",
                                      "dns.ptr.domain_name", "dns.mx.preference",
                                      "dns.mx.mail_exchange", NULL };

  for (guint i = 0; i < layer->fields->len; i++)
    {
      const WlField *f = &g_array_index (layer->fields, WlField, i);

      if (g_str_equal (f->abbrev, "dns.qry.type") || g_str_equal (f->abbrev, "dns.resp.type"))
        {
          g_autofree char *tn = type_name ((guint) f->uint_value);

          g_string_append_printf (out, " %s", tn);
          /* a question's name is 3 fields before its type (name, length, labels) */
          if (g_str_equal (f->abbrev, "dns.qry.type") && i >= 3)
            g_string_append_printf (out, " %s",
                                    g_array_index (layer->fields, WlField, i - 3).display);
        }
      else if (g_strv_contains (data, f->abbrev))
        g_string_append_printf (out, " %s", f->display);
    }
}

char *
_wl_dissect_dns_summary (const WlDissection   *d,
                         const WlDissectLayer *layer)
{
  guint flags = (guint) _wl_dissect_layer_uint (layer, "dns.flags", G_MAXUINT);
  const char *op;
  GString *out;

  if (flags == G_MAXUINT)
    return g_strdup (_(layer->name));
  op = opcode_name (WL_DNS_OPCODE (flags));
  out = g_string_new (NULL);
  if (op != NULL)
    g_string_append (out, op);
  else
    g_string_append_printf (out, _("Unknown operation (%u)"), WL_DNS_OPCODE (flags));
  /* Translators: follows "Standard query" in a DNS response's summary */
  g_string_append_printf (out, "%s 0x%04x", (flags & WL_DNS_FLAG_QR) ? _(" response") : "",
                          (guint) _wl_dissect_layer_uint (layer, "dns.id", 0));
  if ((flags & WL_DNS_FLAG_QR) && WL_DNS_RCODE (flags) != 0)
    {
      const char *rc = rcode_name (WL_DNS_RCODE (flags));

      if (rc != NULL)
        g_string_append_printf (out, " %s", rc);
      else
        g_string_append_printf (out, _(" Unknown error (%u)"), WL_DNS_RCODE (flags));
    }
  append_items (out, layer);
  return g_string_free (out, FALSE);
}
