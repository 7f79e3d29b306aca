/* wl-dns-wire.h — DNS messages on the wire (RFC 1035 §4), apart from what servers do with them.
 *
 * A message is a 12-byte header and four sections:
 *
 *                                    1  1  1  1  1  1
 *      0  1  2  3  4  5  6  7  8  9  0  1  2  3  4  5
 *    +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *    |                      ID                       |   dns.id
 *    +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *    |QR|   Opcode  |AA|TC|RD|RA| Z|AD|CD|   RCODE   |   dns.flags
 *    +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *    |                    QDCOUNT                    |   dns.count.queries
 *    |                    ANCOUNT                    |   dns.count.answers
 *    |                    NSCOUNT                    |   dns.count.auth_rr
 *    |                    ARCOUNT                    |   dns.count.add_rr
 *    +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *    | Question: QNAME, QTYPE (2), QCLASS (2)        |   × QDCOUNT
 *    | Answer, Authority, Additional resource records|   × ANCOUNT, NSCOUNT, ARCOUNT:
 *    |   NAME, TYPE (2), CLASS (2), TTL (4),         |
 *    |   RDLENGTH (2), RDATA (RDLENGTH bytes)        |
 *    +--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+--+
 *
 * Names are sequences of labels, each a length byte (1..63) and that many bytes, ended by the
 * zero-length root label.  To save room a name may end with a compression pointer instead
 * (§4.1.4): two bytes 11xxxxxx xxxxxxxx whose low 14 bits are the offset, from the start of
 * the message, of an earlier name whose tail is the same.
 *
 * In memory a name is its presentation text without the final dot ("www.lab.test"; "" is the
 * root).  A label byte that would be ambiguous in text is escaped as dig prints it: "\." for
 * a dot inside a label, "\\" for a backslash, "\DDD" (decimal) for bytes outside 0x21..0x7e.
 * Comparisons ignore ASCII case (RFC 4343).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define WL_DNS_PORT 53
#define WL_DNS_HLEN 12
#define WL_DNS_MAX_UDP 512      /* largest message over UDP without EDNS (RFC 1035 §4.2.1) */
#define WL_DNS_MAX_LABEL 63     /* bytes in one label */
#define WL_DNS_MAX_NAME 255     /* bytes of a name in wire form, length bytes and root included */

/* Offsets in the header. */
#define WL_DNS_OFF_ID 0
#define WL_DNS_OFF_FLAGS 2
#define WL_DNS_OFF_QDCOUNT 4
#define WL_DNS_OFF_ANCOUNT 6
#define WL_DNS_OFF_NSCOUNT 8
#define WL_DNS_OFF_ARCOUNT 10

/* Bits of the flags word. */
#define WL_DNS_FLAG_QR 0x8000  /* response */
#define WL_DNS_FLAG_AA 0x0400  /* authoritative answer */
#define WL_DNS_FLAG_TC 0x0200  /* truncated */
#define WL_DNS_FLAG_RD 0x0100  /* recursion desired */
#define WL_DNS_FLAG_RA 0x0080  /* recursion available */
#define WL_DNS_FLAG_Z 0x0040
#define WL_DNS_FLAG_AD 0x0020  /* authentic data (DNSSEC) */
#define WL_DNS_FLAG_CD 0x0010  /* checking disabled (DNSSEC) */
#define WL_DNS_OPCODE(flags) (((flags) >> 11) & 0xf)
#define WL_DNS_RCODE(flags) ((flags) & 0xf)

#define WL_DNS_OPCODE_QUERY 0

typedef enum
{
  WL_DNS_RCODE_NOERROR = 0,
  WL_DNS_RCODE_FORMERR = 1,
  WL_DNS_RCODE_SERVFAIL = 2,
  WL_DNS_RCODE_NXDOMAIN = 3,
  WL_DNS_RCODE_NOTIMP = 4,
  WL_DNS_RCODE_REFUSED = 5,
} WlDnsRcode;

typedef enum
{
  WL_DNS_TYPE_A = 1,
  WL_DNS_TYPE_NS = 2,
  WL_DNS_TYPE_CNAME = 5,
  WL_DNS_TYPE_SOA = 6,
  WL_DNS_TYPE_PTR = 12,
  WL_DNS_TYPE_MX = 15,
  WL_DNS_TYPE_TXT = 16,
  WL_DNS_TYPE_AAAA = 28,
  WL_DNS_TYPE_ANY = 255,
} WlDnsType;

#define WL_DNS_CLASS_IN 1

typedef enum
{
  WL_DNS_SECTION_ANSWER,
  WL_DNS_SECTION_AUTHORITY,
  WL_DNS_SECTION_ADDITIONAL,
  WL_DNS_N_SECTIONS
} WlDnsSection;

#define WL_DNS_ERROR (wl_dns_error_quark ())
GQuark wl_dns_error_quark (void);

typedef enum
{
  WL_DNS_ERROR_TRUNCATED,      /* a field runs past the end of the message */
  WL_DNS_ERROR_BAD_LABEL,      /* a label type that is not 00 or 11, or a label over 63 bytes */
  WL_DNS_ERROR_BAD_POINTER,    /* a compression pointer that does not point backwards */
  WL_DNS_ERROR_NAME_TOO_LONG,  /* over 255 bytes in wire form */
  WL_DNS_ERROR_BAD_RDATA,      /* RDATA of a known type that does not fill RDLENGTH exactly */
  WL_DNS_ERROR_BAD_NAME,       /* text that is not a domain name */
  WL_DNS_ERROR_TOO_BIG,        /* an encoded message over 65535 bytes */
} WlDnsError;

typedef struct
{
  char   *name;
  guint16 type;
  guint16 klass;
} WlDnsQuestion;

/* A resource record.  Which RDATA fields are used depends on the type; every other type
 * keeps its RDATA as raw bytes (RFC 3597: unknown types are passed on untouched). */
typedef struct
{
  char    *name;        /* owner */
  guint16  type;
  guint16  klass;
  guint32  ttl;         /* seconds */
  guint32  a;           /* A: the address, host byte order */
  char    *target;      /* NS, CNAME, PTR: the name; MX: the exchange; SOA: MNAME */
  guint16  preference;  /* MX */
  char    *rname;       /* SOA: the zone's contact mailbox */
  guint32  serial, refresh, retry, expire, minimum;  /* SOA */
  GBytes  *raw;         /* any other type */
} WlDnsRR;

typedef struct
{
  guint16    id;
  guint16    flags;
  GArray    *questions;                  /* of WlDnsQuestion */
  GPtrArray *rrs[WL_DNS_N_SECTIONS];     /* of WlDnsRR*, owned */
} WlDnsMessage;

/* --- names ----------------------------------------------------------------------------- */

/* Reads the name at *offset of the message msg (len bytes).  The bytes of the name itself
 * must lie below limit (<= len: the end of an RDATA, or of the message); a compression
 * pointer may reach any earlier byte of the message.  On success *offset is past the name
 * where it was written (a pointer counts its 2 bytes), text (if not NULL) gets a newly
 * allocated presentation form, and wire_len / n_labels (if not NULL) its uncompressed length
 * and label count.  The rules, each an error naming the offending value:
 *   - a label length byte is 0 (end), 1..63 (a label) or 11xxxxxx (a pointer); 01 and 10
 *     are reserved label types;
 *   - every pointer goes strictly backwards: before the first byte of the name, then before
 *     the target of the previous pointer (BIND's rule).  So a pointer to itself, a pointer
 *     forward or past the end, and any loop are rejected, and reading always ends;
 *   - the name is at most 255 bytes uncompressed. */
gboolean     wl_dns_name_read (const guint8 *msg,
                               gsize         len,
                               gsize         limit,
                               gsize        *offset,
                               char        **text,
                               guint        *wire_len,
                               guint        *n_labels,
                               GError      **error);
/* Presentation text to wire form (no compression) in out (at least 255 bytes).  Accepts an
 * optional final dot and "." for the root. */
gboolean     wl_dns_name_to_wire (const char *text,
                                  guint8     *out,
                                  guint      *out_len,
                                  GError    **error);
/* A checked, normalised copy of text (no final dot, escapes as dig writes them), or NULL. */
char        *wl_dns_name_normalize (const char *text,
                                    GError    **error);
gboolean     wl_dns_name_equal (const char *a,
                                const char *b);
/* TRUE when name is zone or lies below it ("www.lab.test" in "test", anything in ""). */
gboolean     wl_dns_name_is_subdomain (const char *name,
                                       const char *zone);
/* The name without its first label ("lab.test" for "www.lab.test", "" for "test"); NULL for
 * the root.  Points into name. */
const char  *wl_dns_name_parent (const char *name);
guint        wl_dns_name_count_labels (const char *name);
/* Lower-cased copy, for use as a key. */
char        *wl_dns_name_key (const char *name);
/* "www.lab.test." — and "." for the root.  Free with g_free(). */
char        *wl_dns_name_fqdn (const char *name);

/* --- records and messages ---------------------------------------------------------------- */

WlDnsRR      *wl_dns_rr_new (const char *name,
                             guint16     type,
                             guint32     ttl);
WlDnsRR      *wl_dns_rr_new_a (const char *name,
                               guint32     ttl,
                               guint32     address);
/* NS, CNAME or PTR. */
WlDnsRR      *wl_dns_rr_new_name (const char *name,
                                  guint16     type,
                                  guint32     ttl,
                                  const char *target);
WlDnsRR      *wl_dns_rr_new_mx (const char *name,
                                guint32     ttl,
                                guint16     preference,
                                const char *exchange);
WlDnsRR      *wl_dns_rr_copy (const WlDnsRR *rr);
void          wl_dns_rr_free (WlDnsRR *rr);
/* Same owner, type, class and RDATA (the TTL is not compared). */
gboolean      wl_dns_rr_equal (const WlDnsRR *a,
                               const WlDnsRR *b);
/* RDATA as dig shows it, without final dots (the root is "."): "10.0.0.80", "web.lab.test",
 * "10 mail.lab.test", "ns1.lab.test hostmaster.lab.test 1 3600 600 86400 300", "\# 2 abcd". */
char         *wl_dns_rr_rdata_to_string (const WlDnsRR *rr);

WlDnsMessage *wl_dns_message_new (guint16 id,
                                  guint16 flags);
void          wl_dns_message_free (WlDnsMessage *msg);
void          wl_dns_message_add_question (WlDnsMessage *msg,
                                           const char   *name,
                                           guint16       type,
                                           guint16       klass);
/* Takes ownership of rr. */
void          wl_dns_message_take_rr (WlDnsMessage *msg,
                                      WlDnsSection  section,
                                      WlDnsRR      *rr);
void          wl_dns_message_add_rr (WlDnsMessage  *msg,
                                     WlDnsSection   section,
                                     const WlDnsRR *rr);
void          wl_dns_message_set_rcode (WlDnsMessage *msg,
                                        guint         rcode);

/* Encodes with name compression (question and owner names, and the names inside NS, CNAME,
 * PTR, MX and SOA data, as RFC 3597 §4 allows).  NULL with an error for an invalid name or
 * a message over 65535 bytes. */
GByteArray   *wl_dns_message_encode (const WlDnsMessage *msg,
                                     GError            **error);
/* Decodes a whole message; NULL with an error naming the offset and the rule broken.  Bytes
 * after the last record are ignored. */
WlDnsMessage *wl_dns_message_decode (const guint8 *data,
                                     gsize         len,
                                     GError      **error);

/* "A", "MX" … or "TYPE99"; type from "a", "MX", "TYPE99".  Free / static as marked. */
char         *wl_dns_type_to_string (guint16 type);
gboolean      wl_dns_type_from_string (const char *text,
                                       guint16    *type);
/* "NOERROR", "NXDOMAIN" … (static). */
const char   *wl_dns_rcode_to_string (guint rcode);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlDnsMessage, wl_dns_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlDnsRR, wl_dns_rr_free)

G_END_DECLS
