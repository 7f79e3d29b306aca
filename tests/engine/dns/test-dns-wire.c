/* test-dns-wire.c — DNS names and messages: compression on the wire, and hostile input.
 *
 * Known bytes are written out by hand from RFC 1035 §4.1.4; malformed names (pointer loops,
 * forward pointers, pointers to themselves, reserved label types, names over 255 bytes) must
 * be rejected with the right error, and random or bit-flipped messages must neither hang nor
 * read outside their buffer (every input is copied to a buffer of exactly its size, so
 * AddressSanitizer catches an over-read).
 */
#include "config.h"

#include <string.h>

#include "proto/wl-dns-wire.h"

static guint8 *
hex (const char *text,
     gsize      *len)
{
  GByteArray *out = g_byte_array_new ();

  for (const char *p = text; *p != '\0'; p++)
    {
      guint8 b;

      if (*p == ' ')
        continue;
      g_assert_true (g_ascii_isxdigit (p[0]) && g_ascii_isxdigit (p[1]));
      b = (guint8) (g_ascii_xdigit_value (p[0]) << 4 | g_ascii_xdigit_value (p[1]));
      g_byte_array_append (out, &b, 1);
      p++;
    }
  *len = out->len;
  return g_byte_array_free (out, FALSE);
}

/* Decodes a copy of exactly len bytes. */
static WlDnsMessage *
decode_exact (const guint8 *data,
              gsize         len,
              GError      **error)
{
  g_autofree guint8 *copy = g_memdup2 (data, len);

  return wl_dns_message_decode (copy, len, error);
}

/* www.lab.test CNAME web.lab.test, web.lab.test A 10.0.0.80, as a resolver answers. */
static WlDnsMessage *
cname_answer (void)
{
  WlDnsMessage *msg = wl_dns_message_new (0x1234, 0x8180);

  wl_dns_message_add_question (msg, "www.lab.test", WL_DNS_TYPE_A, WL_DNS_CLASS_IN);
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_ANSWER,
                          wl_dns_rr_new_name ("www.lab.test", WL_DNS_TYPE_CNAME, 300,
                                              "web.lab.test"));
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_ANSWER,
                          wl_dns_rr_new_a ("web.lab.test", 300, 0x0a000050));
  return msg;
}

#define CNAME_ANSWER_HEX                                                                       \
  "1234 8180 0001 0002 0000 0000"                                                              \
  "03777777 036c6162 0474657374 00 0001 0001"         /* @12 www.lab.test A IN */              \
  "c00c 0005 0001 0000012c 0006 03776562 c010"         /* @30 → 12; web + → 16 (lab.test) */   \
  "c02a 0001 0001 0000012c 0004 0a000050"              /* @48 → 42 (web.lab.test) */

static void
test_known_bytes (void)
{
  g_autoptr (WlDnsMessage) msg = cname_answer ();
  g_autoptr (GByteArray) bytes = wl_dns_message_encode (msg, NULL);
  gsize len;
  g_autofree guint8 *expected = hex (CNAME_ANSWER_HEX, &len);

  g_assert_nonnull (bytes);
  g_assert_cmpmem (bytes->data, bytes->len, expected, len);
}

static void
assert_rr_equal (const WlDnsRR *a,
                 const WlDnsRR *b)
{
  g_assert_true (wl_dns_rr_equal (a, b));
  g_assert_cmpuint (a->ttl, ==, b->ttl);
}

static void
test_round_trip (void)
{
  g_autoptr (WlDnsMessage) msg = cname_answer ();
  g_autoptr (GByteArray) bytes = NULL, again = NULL;
  g_autoptr (WlDnsMessage) back = NULL;
  g_autoptr (GError) error = NULL;
  WlDnsRR *soa = wl_dns_rr_new_name ("lab.test", WL_DNS_TYPE_SOA, 60, "ns1.lab.test");
  WlDnsRR *raw = wl_dns_rr_new ("x.lab.test", 99, 30);
  static const guint8 raw_data[] = { 0xab, 0xcd, 0x00 };

  soa->rname = g_strdup ("hostmaster.LAB.test");
  soa->serial = 2024010101;
  soa->refresh = 3600;
  soa->retry = 600;
  soa->expire = 86400;
  soa->minimum = 300;
  raw->raw = g_bytes_new_static (raw_data, sizeof raw_data);
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_AUTHORITY, soa);
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_AUTHORITY,
                          wl_dns_rr_new_name ("lab.test", WL_DNS_TYPE_NS, 60, "ns1.lab.test"));
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_ADDITIONAL,
                          wl_dns_rr_new_mx ("lab.test", 60, 10, "mail.lab.test"));
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_ADDITIONAL, raw);
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_ADDITIONAL,
                          wl_dns_rr_new_name ("", WL_DNS_TYPE_NS, 1, "a\\.b.root"));

  bytes = wl_dns_message_encode (msg, &error);
  g_assert_no_error (error);
  back = decode_exact (bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->id, ==, 0x1234);
  g_assert_cmpuint (back->flags, ==, 0x8180);
  g_assert_cmpuint (back->questions->len, ==, 1);
  g_assert_cmpstr (g_array_index (back->questions, WlDnsQuestion, 0).name, ==, "www.lab.test");
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    {
      g_assert_cmpuint (back->rrs[s]->len, ==, msg->rrs[s]->len);
      for (guint i = 0; i < msg->rrs[s]->len; i++)
        assert_rr_equal (g_ptr_array_index (back->rrs[s], i), g_ptr_array_index (msg->rrs[s], i));
    }
  /* The escaped dot survives; "LAB.test" was compressed to the earlier "lab.test", so the
   * mailbox comes back in that case (names are equal whatever their case, RFC 4343). */
  g_assert_cmpstr (((WlDnsRR *) g_ptr_array_index (back->rrs[2], 2))->target, ==, "a\\.b.root");
  g_assert_cmpstr (((WlDnsRR *) g_ptr_array_index (back->rrs[1], 0))->rname, ==,
                   "hostmaster.lab.test");
  again = wl_dns_message_encode (back, NULL);
  g_assert_cmpmem (again->data, again->len, bytes->data, bytes->len);
}

/* Compression ignores case: "LAB.TEST" points at "lab.test". */
static void
test_compression_case (void)
{
  g_autoptr (WlDnsMessage) msg = wl_dns_message_new (1, 0);
  g_autoptr (GByteArray) bytes = NULL;

  wl_dns_message_add_question (msg, "www.lab.test", WL_DNS_TYPE_A, WL_DNS_CLASS_IN);
  wl_dns_message_take_rr (msg, WL_DNS_SECTION_ANSWER, wl_dns_rr_new_a ("LAB.TEST", 1, 1));
  bytes = wl_dns_message_encode (msg, NULL);
  /* question 14 + 4 bytes, then the owner as a 2-byte pointer to offset 16 */
  g_assert_cmpuint (bytes->len, ==, 12 + 18 + 2 + 10 + 4);
  g_assert_cmpuint (bytes->data[30], ==, 0xc0);
  g_assert_cmpuint (bytes->data[31], ==, 16);
}

static void
assert_decode_fails (const char *hex_text,
                     WlDnsError  code)
{
  gsize len;
  g_autofree guint8 *data = hex (hex_text, &len);
  g_autoptr (GError) error = NULL;
  g_autoptr (WlDnsMessage) msg = decode_exact (data, len, &error);

  g_assert_null (msg);
  g_assert_error (error, WL_DNS_ERROR, (gint) code);
  g_test_message ("%s", error->message);
}

#define HDR_Q1 "0001 0100 0001 0000 0000 0000"
#define HDR_A1 "0001 8100 0000 0001 0000 0000"

static void
test_bad_pointers (void)
{
  /* a pointer to itself */
  assert_decode_fails (HDR_Q1 "c00c 0001 0001", WL_DNS_ERROR_BAD_POINTER);
  /* a forward pointer (to the question's type field) */
  assert_decode_fails (HDR_Q1 "c00e 0001 0001", WL_DNS_ERROR_BAD_POINTER);
  /* a pointer past the end of the message */
  assert_decode_fails (HDR_Q1 "c0ff 0001 0001", WL_DNS_ERROR_BAD_POINTER);
  assert_decode_fails (HDR_Q1 "ffff 0001 0001", WL_DNS_ERROR_BAD_POINTER);
  /* a loop through the name's own labels: "b" then a pointer back to the "b" */
  assert_decode_fails (HDR_Q1 "0162 c00c 0001 0001", WL_DNS_ERROR_BAD_POINTER);
  /* The next two hide their bytes in the RDATA of a TYPE99 record (never read as names):
   * RR1 at 12 is ". TYPE99" with 6 bytes of data at 23..28, RR2 at 29 owns the bad name. */
  /* a loop of two pointers: 29 → 25 → 23 → 25 … */
  assert_decode_fails ("0001 8100 0000 0002 0000 0000"
                       "00 0063 0001 00000001 0006 c019 c017 0000"
                       "c019 0001 0001 00000001 0004 01020304", WL_DNS_ERROR_BAD_POINTER);
  /* back, then forward of where it landed: 29 → 23, where "c" is followed by a pointer to 27 */
  assert_decode_fails ("0001 8100 0000 0002 0000 0000"
                       "00 0063 0001 00000001 0006 0163 c01b 0164"
                       "c017 0001 0001 00000001 0004 01020304", WL_DNS_ERROR_BAD_POINTER);
  /* a pointer cut short at the end */
  assert_decode_fails (HDR_Q1 "c0", WL_DNS_ERROR_TRUNCATED);
}

static void
test_bad_labels (void)
{
  /* label types 01 (0x40) and 10 (0x80) are reserved */
  assert_decode_fails (HDR_Q1 "40 00 0001 0001", WL_DNS_ERROR_BAD_LABEL);
  assert_decode_fails (HDR_Q1 "80 00 0001 0001", WL_DNS_ERROR_BAD_LABEL);
  /* a label longer than what is left */
  assert_decode_fails (HDR_Q1 "05 616263", WL_DNS_ERROR_TRUNCATED);
  /* no root label at the end */
  assert_decode_fails (HDR_Q1 "03 616263", WL_DNS_ERROR_TRUNCATED);
}

/* A name of n labels of 63 'a's (plus a last label of last bytes if last > 0). */
static GString *
long_name_hex (guint n,
               guint last)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_string_append (s, "3f");
      for (guint k = 0; k < 63; k++)
        g_string_append (s, "61");
    }
  if (last > 0)
    {
      g_string_append_printf (s, "%02x", last);
      for (guint k = 0; k < last; k++)
        g_string_append (s, "62");
    }
  g_string_append (s, "00");
  return s;
}

static void
test_long_names (void)
{
  g_autoptr (GString) ok = long_name_hex (3, 61);   /* 3·64 + 62 + 1 = 255 bytes: the limit */
  g_autoptr (GString) bad = long_name_hex (3, 62);  /* 256 bytes */
  g_autofree char *ok_msg = g_strconcat (HDR_Q1, ok->str, "0001 0001", NULL);
  g_autofree char *bad_msg = g_strconcat (HDR_Q1, bad->str, "0001 0001", NULL);
  g_autofree guint8 *data = NULL;
  g_autoptr (WlDnsMessage) msg = NULL;
  gsize len;

  data = hex (ok_msg, &len);
  msg = decode_exact (data, len, NULL);
  g_assert_nonnull (msg);
  g_assert_cmpuint (strlen (g_array_index (msg->questions, WlDnsQuestion, 0).name), ==, 253);
  assert_decode_fails (bad_msg, WL_DNS_ERROR_NAME_TOO_LONG);

  /* Each name short, but pointers chain them: three questions, each a 63-byte label and a
   * pointer to the one before, then an answer whose owner makes 4 × 64 + 1 = 257 bytes. */
  {
    g_autoptr (GString) m = g_string_new ("0001 8100 0003 0001 0000 0000");
    g_autoptr (GString) label = g_string_new ("3f");
    guint prev = 12;

    for (guint k = 0; k < 63; k++)
      g_string_append (label, "61");
    g_string_append_printf (m, "%s 00 0001 0001", label->str);        /* @12, 69 bytes */
    g_string_append_printf (m, "%s c0%02x 0001 0001", label->str, 12); /* @81, 70 bytes */
    prev = 81;
    g_string_append_printf (m, "%s c0%02x 0001 0001", label->str, prev); /* @151 */
    prev = 151;
    g_string_append_printf (m, "%s c0%02x 0001 0001 00000001 0004 01020304", label->str, prev);
    assert_decode_fails (m->str, WL_DNS_ERROR_NAME_TOO_LONG);
  }
}

static void
test_bad_rdata (void)
{
  /* an A record of 5 bytes */
  assert_decode_fails (HDR_A1 "00 0001 0001 00000001 0005 0102030405", WL_DNS_ERROR_BAD_RDATA);
  /* an NS whose name runs past RDLENGTH (2), though not past the message */
  assert_decode_fails (HDR_A1 "00 0002 0001 00000001 0002 0161 00", WL_DNS_ERROR_TRUNCATED);
  /* an MX with a name and a byte to spare */
  assert_decode_fails (HDR_A1 "00 000f 0001 00000001 0004 000a 00 ff", WL_DNS_ERROR_BAD_RDATA);
  /* RDLENGTH past the end */
  assert_decode_fails (HDR_A1 "00 0001 0001 00000001 0004 0102", WL_DNS_ERROR_TRUNCATED);
  /* a header cut short, and a count with nothing behind it */
  assert_decode_fails ("0001 0100 0001 0000 0000", WL_DNS_ERROR_TRUNCATED);
  assert_decode_fails ("0001 0100 0002 0000 0000 0000 00 0001 0001", WL_DNS_ERROR_TRUNCATED);
}

static void
test_name_text (void)
{
  static const char *const bad[] = { "a..b", ".a", "a b", "a\\256", "a\\", NULL };
  g_autofree char *long_label = g_strnfill (64, 'x');
  g_autofree char *label63 = g_strnfill (63, 'x');
  g_autofree char *too_long = g_strjoin (".", label63, label63, label63, label63, NULL);
  g_autofree char *norm = wl_dns_name_normalize ("WWW.Lab.Test.", NULL);
  guint8 wire[WL_DNS_MAX_NAME];
  guint len;

  for (guint i = 0; bad[i] != NULL; i++)
    g_assert_false (wl_dns_name_to_wire (bad[i], wire, &len, NULL));
  g_assert_false (wl_dns_name_to_wire (long_label, wire, &len, NULL));
  g_assert_true (wl_dns_name_to_wire (label63, wire, &len, NULL));
  g_assert_false (wl_dns_name_to_wire (too_long, wire, &len, NULL));
  g_assert_true (wl_dns_name_to_wire (".", wire, &len, NULL));
  g_assert_cmpuint (len, ==, 1);

  g_assert_cmpstr (norm, ==, "WWW.Lab.Test");
  g_assert_true (wl_dns_name_equal ("WWW.Lab.Test", "www.lab.test"));
  g_assert_true (wl_dns_name_is_subdomain ("www.lab.test", "test"));
  g_assert_true (wl_dns_name_is_subdomain ("www.lab.test", ""));
  g_assert_false (wl_dns_name_is_subdomain ("www.xlab.test", "lab.test"));
  g_assert_false (wl_dns_name_is_subdomain ("x\\.lab.test", "lab.test"));
  g_assert_cmpstr (wl_dns_name_parent ("www.lab.test"), ==, "lab.test");
  g_assert_cmpstr (wl_dns_name_parent ("test"), ==, "");
  g_assert_null (wl_dns_name_parent (""));
  g_assert_cmpuint (wl_dns_name_count_labels ("a\\.b.c"), ==, 2);
}

static void
test_types (void)
{
  guint16 t;
  g_autofree char *mx = wl_dns_type_to_string (WL_DNS_TYPE_MX);
  g_autofree char *other = wl_dns_type_to_string (99);

  g_assert_cmpstr (mx, ==, "MX");
  g_assert_cmpstr (other, ==, "TYPE99");
  g_assert_true (wl_dns_type_from_string ("cname", &t) && t == WL_DNS_TYPE_CNAME);
  g_assert_true (wl_dns_type_from_string ("TYPE99", &t) && t == 99);
  g_assert_false (wl_dns_type_from_string ("TYPE0", &t));
  g_assert_false (wl_dns_type_from_string ("BOGUS", &t));
  g_assert_cmpstr (wl_dns_rcode_to_string (3), ==, "NXDOMAIN");
}

/* Whatever decodes must encode and decode back to the same records. */
static void
check_any (const guint8 *data,
           gsize         len)
{
  g_autoptr (WlDnsMessage) msg = decode_exact (data, len, NULL);
  g_autoptr (GByteArray) bytes = NULL;
  g_autoptr (WlDnsMessage) back = NULL;

  if (msg == NULL)
    return;
  bytes = wl_dns_message_encode (msg, NULL);
  g_assert_nonnull (bytes);
  back = decode_exact (bytes->data, bytes->len, NULL);
  g_assert_nonnull (back);
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    {
      g_assert_cmpuint (back->rrs[s]->len, ==, msg->rrs[s]->len);
      for (guint i = 0; i < msg->rrs[s]->len; i++)
        assert_rr_equal (g_ptr_array_index (back->rrs[s], i), g_ptr_array_index (msg->rrs[s], i));
    }
}

static void
test_hostile (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (0xd15ea5e);
  g_autoptr (WlDnsMessage) msg = cname_answer ();
  g_autoptr (GByteArray) good = wl_dns_message_encode (msg, NULL);
  guint8 buf[600];

  /* every cut of a good message */
  for (gsize cut = 0; cut <= good->len; cut++)
    check_any (good->data, cut);
  /* every byte of it replaced by every value that makes a pointer or a length */
  for (gsize at = 0; at < good->len; at++)
    for (guint v = 0; v < 256; v += 7)
      {
        memcpy (buf, good->data, good->len);
        buf[at] = (guint8) v;
        check_any (buf, good->len);
      }
  /* random messages with plausible counts */
  for (guint n = 0; n < 20000; n++)
    {
      gsize len = 12 + g_rand_int_range (rand, 0, 120);

      for (gsize i = 0; i < len; i++)
        buf[i] = (guint8) g_rand_int_range (rand, 0, 256);
      buf[4] = 0;
      buf[5] = (guint8) g_rand_int_range (rand, 0, 3);
      buf[6] = 0;
      buf[7] = (guint8) g_rand_int_range (rand, 0, 3);
      /* make pointers likely */
      for (gsize i = 12; i + 1 < len; i += 5)
        if (g_rand_boolean (rand))
          buf[i] |= 0xc0;
      check_any (buf, len);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dns/wire/known-bytes", test_known_bytes);
  g_test_add_func ("/engine/dns/wire/round-trip", test_round_trip);
  g_test_add_func ("/engine/dns/wire/compression-case", test_compression_case);
  g_test_add_func ("/engine/dns/wire/bad-pointers", test_bad_pointers);
  g_test_add_func ("/engine/dns/wire/bad-labels", test_bad_labels);
  g_test_add_func ("/engine/dns/wire/long-names", test_long_names);
  g_test_add_func ("/engine/dns/wire/bad-rdata", test_bad_rdata);
  g_test_add_func ("/engine/dns/wire/name-text", test_name_text);
  g_test_add_func ("/engine/dns/wire/types", test_types);
  g_test_add_func ("/engine/dns/wire/hostile", test_hostile);
  return g_test_run ();
}
