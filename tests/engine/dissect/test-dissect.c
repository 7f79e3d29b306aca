/* test-dissect.c — the dissector on known frames: every field-table row, summaries, layers,
 * FCS, checksums and the malformed cases.  (tshark cross-checks all of it in
 * test-dissect-oracle.c; test-dissect-robust.c cuts and flips bytes.) */
#include "config.h"

#include <string.h>

#include "dissect/wl-dissect.h"
#include "dissect-frames.h"

static const char *const protocols[] = { "eth", "arp", "ip", "icmp", "udp", "tcp", "data" };

static WlDissection *
dissect_named (const char *name,
               gboolean    has_fcs)
{
  gsize len;
  g_autofree guint8 *data = test_frame_bytes (test_frame_lookup (name), &len);

  if (has_fcs)
    {
      gsize fcs_len;
      g_autofree guint8 *with_fcs = test_bytes_with_fcs (data, len, &fcs_len);

      return wl_dissect_frame (with_fcs, fcs_len, TRUE);
    }
  return wl_dissect_frame (data, len, FALSE);
}

/* The n-th field (0 = outermost) with this abbreviation. */
static const WlField *
find_nth (const WlDissection *d,
          const char         *abbrev,
          guint               n)
{
  for (guint l = 0; l < d->layers->len; l++)
    {
      const WlDissectLayer *layer = g_ptr_array_index (d->layers, l);

      for (guint f = 0; f < layer->fields->len; f++)
        {
          const WlField *field = &g_array_index (layer->fields, WlField, f);

          if (g_str_equal (field->abbrev, abbrev) && n-- == 0)
            return field;
        }
    }
  return NULL;
}

/* ---- every row of every field table, on a known frame ---------------------------------- */

typedef struct
{
  const char *frame;
  gboolean has_fcs;
  const char *abbrev;
  guint occurrence;
  const char *display;
  guint64 value; /* for UINT/BOOL/IPV4/MAC: the number; others: ignored (G_MAXUINT64) */
} Expect;

#define ANY G_MAXUINT64

static const Expect expectations[] = {
  /* Ethernet */
  { "arp-request", FALSE, "eth.dst", 0, "ff:ff:ff:ff:ff:ff", 0xffffffffffff },
  { "arp-request", FALSE, "eth.src", 0, "02:00:00:00:00:01", 0x020000000001 },
  { "arp-request", FALSE, "eth.type", 0, "0x0806", 0x0806 },
  { "arp-request", FALSE, "eth.padding", 0, "000000000000000000000000000000000000", ANY },
  { "arp-request", TRUE, "eth.fcs", 0, "0xe86f4df8", 0xe86f4df8 },
  { "arp-request", TRUE, "eth.fcs.status", 0, "1", 1 },
  { "eth-802-3", FALSE, "eth.len", 0, "38", 38 },
  { "eth-802-3", FALSE, "eth.padding", 0, "0000000000000000", ANY },
  { "eth-trailer", FALSE, "eth.padding", 0, "000000000000000000000000000000000000", ANY },
  { "eth-trailer", FALSE, "eth.trailer", 0, "00000000000000000000", ANY },
  { "tcp-syn", FALSE, "eth.padding", 0, "0000", ANY },
  /* ARP */
  { "arp-request", FALSE, "arp.hw.type", 0, "1", 1 },
  { "arp-request", FALSE, "arp.proto.type", 0, "0x0800", 0x0800 },
  { "arp-request", FALSE, "arp.hw.size", 0, "6", 6 },
  { "arp-request", FALSE, "arp.proto.size", 0, "4", 4 },
  { "arp-request", FALSE, "arp.opcode", 0, "1", 1 },
  { "arp-request", FALSE, "arp.src.hw_mac", 0, "02:00:00:00:00:01", 0x020000000001 },
  { "arp-request", FALSE, "arp.src.proto_ipv4", 0, "10.0.0.1", 0x0a000001 },
  { "arp-request", FALSE, "arp.dst.hw_mac", 0, "00:00:00:00:00:00", 0 },
  { "arp-request", FALSE, "arp.dst.proto_ipv4", 0, "10.0.0.2", 0x0a000002 },
  { "arp-reply", FALSE, "arp.opcode", 0, "2", 2 },
  { "arp-reply", FALSE, "arp.src.hw_mac", 0, "02:00:00:00:00:02", 0x020000000002 },
  { "arp-announcement", FALSE, "arp.isgratuitous", 0, "1", 1 },
  { "arp-announcement", FALSE, "arp.isannouncement", 0, "1", 1 },
  { "arp-gratuitous-reply", FALSE, "arp.isgratuitous", 0, "1", 1 },
  { "arp-probe", FALSE, "arp.isprobe", 0, "1", 1 },
  { "arp-odd-sizes", FALSE, "arp.proto.type", 0, "0x86dd", 0x86dd },
  { "arp-odd-sizes", FALSE, "arp.hw.size", 0, "8", 8 },
  { "arp-odd-sizes", FALSE, "arp.src.hw", 0, "0200000000010a0b", ANY },
  { "arp-odd-sizes", FALSE, "arp.src.proto", 0, "0a000001", ANY },
  { "arp-odd-sizes", FALSE, "arp.dst.hw", 0, "0000000000000000", ANY },
  { "arp-odd-sizes", FALSE, "arp.dst.proto", 0, "0a000002", ANY },
  /* IPv4 */
  { "icmp-echo-request", FALSE, "ip.version", 0, "4", 4 },
  { "icmp-echo-request", FALSE, "ip.hdr_len", 0, "20", 20 },
  { "icmp-echo-request", FALSE, "ip.dsfield", 0, "0x00", 0 },
  { "icmp-echo-request", FALSE, "ip.len", 0, "60", 60 },
  { "icmp-echo-request", FALSE, "ip.id", 0, "0x1c46", 0x1c46 },
  { "icmp-echo-request", FALSE, "ip.flags", 0, "0x00", 0 },
  { "icmp-echo-request", FALSE, "ip.flags.rb", 0, "0", 0 },
  { "icmp-echo-request", FALSE, "ip.flags.df", 0, "0", 0 },
  { "icmp-echo-request", FALSE, "ip.flags.mf", 0, "0", 0 },
  { "icmp-echo-request", FALSE, "ip.frag_offset", 0, "0", 0 },
  { "icmp-echo-request", FALSE, "ip.ttl", 0, "64", 64 },
  { "icmp-echo-request", FALSE, "ip.proto", 0, "1", 1 },
  { "icmp-echo-request", FALSE, "ip.checksum", 0, "0x4a79", 0x4a79 },
  { "icmp-echo-request", FALSE, "ip.checksum.status", 0, "1", 1 },
  { "icmp-echo-request", FALSE, "ip.src", 0, "10.0.0.1", 0x0a000001 },
  { "icmp-echo-request", FALSE, "ip.dst", 0, "10.0.0.2", 0x0a000002 },
  { "udp-ip-options", FALSE, "ip.hdr_len", 0, "24", 24 },
  { "udp-ip-options", FALSE, "ip.dsfield", 0, "0xb8", 0xb8 },
  { "udp-ip-options", FALSE, "ip.dsfield.dscp", 0, "46", 46 },
  { "udp-ip-options", FALSE, "ip.dsfield.ecn", 0, "0", 0 },
  { "tcp-syn", FALSE, "ip.flags", 0, "0x02", 2 },
  { "tcp-syn", FALSE, "ip.flags.df", 0, "1", 1 },
  { "ip-fragment-first", FALSE, "ip.flags", 0, "0x01", 1 },
  { "ip-fragment-first", FALSE, "ip.flags.mf", 0, "1", 1 },
  /* ip.frag_offset is in units of 8 bytes, as tshark prints it: 6 = byte 48. */
  { "ip-fragment-later", FALSE, "ip.frag_offset", 0, "6", 6 },
  { "ip-fragment-later", FALSE, "data.len", 0, "32", 32 },
  /* the packet quoted in an ICMP error */
  { "icmp-time-exceeded", FALSE, "ip.src", 1, "10.0.0.1", 0x0a000001 },
  { "icmp-time-exceeded", FALSE, "ip.dst", 1, "10.0.1.2", 0x0a000102 },
  { "icmp-time-exceeded", FALSE, "ip.ttl", 1, "1", 1 },
  { "icmp-time-exceeded", FALSE, "ip.checksum.status", 1, "1", 1 },
  /* ICMP */
  { "icmp-echo-request", FALSE, "icmp.type", 0, "8", 8 },
  { "icmp-echo-request", FALSE, "icmp.code", 0, "0", 0 },
  { "icmp-echo-request", FALSE, "icmp.checksum", 0, "0x4d5a", 0x4d5a },
  { "icmp-echo-request", FALSE, "icmp.checksum.status", 0, "1", 1 },
  { "icmp-echo-request", FALSE, "icmp.ident", 0, "1", 1 },
  { "icmp-echo-request", FALSE, "icmp.seq", 0, "1", 1 },
  { "icmp-echo-reply", FALSE, "icmp.type", 0, "0", 0 },
  { "icmp-time-exceeded", FALSE, "icmp.type", 0, "11", 11 },
  { "icmp-time-exceeded", FALSE, "icmp.unused", 0, "00000000", ANY },
  { "icmp-port-unreachable", FALSE, "icmp.type", 0, "3", 3 },
  { "icmp-port-unreachable", FALSE, "icmp.code", 0, "3", 3 },
  { "icmp-frag-needed", FALSE, "icmp.unused", 0, "0000", ANY },
  { "icmp-frag-needed", FALSE, "icmp.mtu", 0, "1400", 1400 },
  { "icmp-redirect", FALSE, "icmp.redir_gw", 0, "10.0.0.253", 0x0a0000fd },
  { "icmp-param-problem", FALSE, "icmp.pointer", 0, "21", 21 },
  { "icmp-param-problem", FALSE, "icmp.unused", 0, "000000", ANY },
  { "icmp-time-exceeded-echo", FALSE, "icmp.ident", 0, "119", 119 },
  { "icmp-time-exceeded-echo", FALSE, "icmp.seq", 0, "3", 3 },
  /* UDP */
  { "udp-datagram", FALSE, "udp.srcport", 0, "40000", 40000 },
  { "udp-datagram", FALSE, "udp.dstport", 0, "33434", 33434 },
  { "udp-datagram", FALSE, "udp.length", 0, "40", 40 },
  { "udp-datagram", FALSE, "udp.checksum", 0, "0xd6bb", 0xd6bb },
  { "udp-datagram", FALSE, "udp.checksum.status", 0, "1", 1 },
  { "udp-datagram", FALSE, "data.data", 0,
    "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f", ANY },
  { "udp-datagram", FALSE, "data.len", 0, "32", 32 },
  { "udp-padded", FALSE, "udp.checksum", 0, "0x0000", 0 },
  { "icmp-time-exceeded", FALSE, "udp.dstport", 0, "33434", 33434 },
  /* TCP */
  { "tcp-syn", FALSE, "tcp.srcport", 0, "40010", 40010 },
  { "tcp-syn", FALSE, "tcp.dstport", 0, "80", 80 },
  { "tcp-syn", FALSE, "tcp.seq_raw", 0, "0", 0 },
  { "tcp-syn", FALSE, "tcp.ack_raw", 0, "0", 0 },
  { "tcp-syn", FALSE, "tcp.hdr_len", 0, "24", 24 },
  { "tcp-syn", FALSE, "tcp.len", 0, "0", 0 },
  { "tcp-syn", FALSE, "tcp.flags", 0, "0x0002", 2 },
  { "tcp-syn", FALSE, "tcp.flags.syn", 0, "1", 1 },
  { "tcp-syn", FALSE, "tcp.flags.ack", 0, "0", 0 },
  { "tcp-syn", FALSE, "tcp.flags.str", 0, "··········S·", ANY },
  { "tcp-syn", FALSE, "tcp.window_size_value", 0, "64240", 64240 },
  { "tcp-syn", FALSE, "tcp.checksum", 0, "0xeb98", 0xeb98 },
  { "tcp-syn", FALSE, "tcp.checksum.status", 0, "1", 1 },
  { "tcp-syn", FALSE, "tcp.urgent_pointer", 0, "0", 0 },
  { "tcp-syn", FALSE, "tcp.options", 0, "020405b4", ANY },
  { "tcp-syn", FALSE, "tcp.options.mss_val", 0, "1460", 1460 },
  { "tcp-all-flags", FALSE, "tcp.seq_raw", 0, "16909060", 0x01020304 },
  { "tcp-all-flags", FALSE, "tcp.ack_raw", 0, "168496141", 0x0a0b0c0d },
  { "tcp-all-flags", FALSE, "tcp.flags", 0, "0x0fff", 0xfff },
  { "tcp-all-flags", FALSE, "tcp.flags.res", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.ae", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.cwr", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.ece", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.urg", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.ack", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.push", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.reset", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.fin", 0, "1", 1 },
  { "tcp-all-flags", FALSE, "tcp.flags.str", 0, "RRRACEUAPRSF", ANY },
  { "tcp-all-flags", FALSE, "tcp.urgent_pointer", 0, "3", 3 },
  { "tcp-all-flags", FALSE, "tcp.options", 0, "0101020404b00000", ANY },
  { "tcp-all-flags", FALSE, "tcp.options.mss_val", 0, "1200", 1200 },
  { "tcp-push", FALSE, "tcp.len", 0, "3", 3 },
  { "tcp-push", FALSE, "data.data", 0, "474554", ANY },
  { "icmp-frag-needed", FALSE, "tcp.seq", 0, "2309737967", 0x89abcdef },
};

static void
test_field_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expectations); i++)
    {
      const Expect *e = &expectations[i];
      g_autoptr (WlDissection) d = dissect_named (e->frame, e->has_fcs);
      const WlField *field = find_nth (d, e->abbrev, e->occurrence);
      const WlFieldInfo *info = wl_dissect_lookup_field (e->abbrev);

      g_test_message ("%s: %s[%u]", e->frame, e->abbrev, e->occurrence);
      g_assert_nonnull (field);
      g_assert_nonnull (info);
      g_assert_cmpstr (field->display, ==, e->display);
      g_assert_cmpstr (field->name, ==, info->name);
      g_assert_cmpstr (field->explain_key, ==, e->abbrev);
      g_assert_cmpint (field->type, ==, info->type);
      if (e->value != ANY)
        g_assert_cmphex (field->uint_value, ==, e->value);
      if (field->type == WL_FIELD_BYTES)
        g_assert_cmpuint (strlen (field->display), ==, 2 * field->length);
    }
}

/* Every row of every table has an expectation above: no row without a test. */
static void
test_every_row_covered (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (protocols); p++)
    {
      guint n;
      const WlFieldInfo *rows = wl_dissect_get_fields (protocols[p], &n);

      g_assert_nonnull (rows);
      g_assert_cmpuint (n, >, 0);
      for (guint r = 0; r < n; r++)
        {
          gboolean covered = FALSE;

          g_assert_true (g_str_has_prefix (rows[r].abbrev, protocols[p]));
          g_assert_cmpstr (rows[r].explain_key, ==, rows[r].abbrev);
          g_assert_true (wl_dissect_lookup_field (rows[r].abbrev) == &rows[r]); /* unique */
          for (guint i = 0; i < G_N_ELEMENTS (expectations) && !covered; i++)
            covered = g_str_equal (expectations[i].abbrev, rows[r].abbrev);
          if (!covered)
            g_error ("field %s has no test", rows[r].abbrev);
        }
    }
  g_assert_null (wl_dissect_get_fields ("smtp", NULL));
  g_assert_null (wl_dissect_lookup_field ("ip.nonsense"));
}

/* ---- summaries, layers, classification ------------------------------------------------- */

static void
test_summaries (void)
{
  for (guint i = 0; i < n_test_frames; i++)
    for (int fcs = 0; fcs <= 1; fcs++)
      {
        g_autoptr (WlDissection) d = dissect_named (test_frames[i].name, fcs);
        g_autofree char *summary = wl_dissection_summary (d);

        g_test_message ("%s%s", test_frames[i].name, fcs ? " with FCS" : "");
        g_assert_cmpstr (summary, ==, test_frames[i].summary);
        g_assert_false (d->malformed);
        g_assert_cmpint (d->fcs_present, ==, fcs);
        g_assert_cmpint (d->fcs_ok, ==, fcs);
      }
}

typedef struct
{
  const char *frame;
  const char *layers; /* abbrev@offset+length/depth, space separated */
  WlProto top;
  WlLayer top_layer;
} LayerCase;

static void
test_layers (void)
{
  static const LayerCase cases[] = {
    { "arp-request", "eth@0+14/0 arp@14+28/0", WL_PROTO_ARP, WL_LAYER_DATA_LINK },
    { "icmp-echo-request", "eth@0+14/0 ip@14+20/0 icmp@34+8/0 data@42+32/0",
      WL_PROTO_ICMP, WL_LAYER_NETWORK },
    { "icmp-time-exceeded", "eth@0+14/0 ip@14+20/0 icmp@34+8/0 ip@42+20/1 udp@62+8/1",
      WL_PROTO_ICMP, WL_LAYER_NETWORK },
    { "icmp-frag-needed", "eth@0+14/0 ip@14+20/0 icmp@34+8/0 ip@42+20/1 tcp@62+8/1",
      WL_PROTO_ICMP, WL_LAYER_NETWORK },
    { "ip-fragment-first", "eth@0+14/0 ip@14+20/0 icmp@34+8/0 data@42+40/0",
      WL_PROTO_ICMP, WL_LAYER_NETWORK },
    { "ip-fragment-later", "eth@0+14/0 ip@14+20/0 data@34+32/0", WL_PROTO_IP, WL_LAYER_NETWORK },
    { "udp-datagram", "eth@0+14/0 ip@14+20/0 udp@34+8/0 data@42+32/0",
      WL_PROTO_UDP, WL_LAYER_TRANSPORT },
    { "udp-ip-options", "eth@0+14/0 ip@14+24/0 udp@38+8/0 data@46+4/0",
      WL_PROTO_UDP, WL_LAYER_TRANSPORT },
    { "tcp-syn", "eth@0+14/0 ip@14+20/0 tcp@34+24/0", WL_PROTO_TCP, WL_LAYER_TRANSPORT },
    { "tcp-push", "eth@0+14/0 ip@14+20/0 tcp@34+20/0 data@54+3/0",
      WL_PROTO_TCP, WL_LAYER_TRANSPORT },
    { "eth-unknown-type", "eth@0+14/0 data@14+46/0", WL_PROTO_ETH, WL_LAYER_DATA_LINK },
    { "ip-unknown-proto", "eth@0+14/0 ip@14+20/0 data@34+3/0", WL_PROTO_IP, WL_LAYER_NETWORK },
    { "eth-802-3", "eth@0+14/0 data@14+38/0", WL_PROTO_ETH, WL_LAYER_DATA_LINK },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (WlDissection) d = dissect_named (cases[i].frame, FALSE);
      g_autoptr (GString) got = g_string_new (NULL);

      for (guint l = 0; l < d->layers->len; l++)
        {
          const WlDissectLayer *layer = g_ptr_array_index (d->layers, l);

          g_string_append_printf (got, "%s%s@%u+%u/%u", l ? " " : "", layer->abbrev,
                                  layer->offset, layer->length, layer->depth);
        }
      g_assert_cmpstr (got->str, ==, cases[i].layers);
      g_assert_cmpint (d->top_proto, ==, cases[i].top);
      g_assert_cmpint (d->top_layer, ==, cases[i].top_layer);
    }
}

/* wl_dissect_classify is the same walk without a tree: it must agree on every frame. */
static void
test_classify (void)
{
  WlLayer layer = WL_LAYER_PHYSICAL;

  for (guint i = 0; i < n_test_frames; i++)
    for (int fcs = 0; fcs <= 1; fcs++)
      {
        g_autoptr (WlDissection) d = dissect_named (test_frames[i].name, fcs);
        gsize len, fcs_len;
        g_autofree guint8 *data = test_frame_bytes (&test_frames[i], &len);
        g_autofree guint8 *with_fcs = test_bytes_with_fcs (data, len, &fcs_len);
        WlProto top;

        if (fcs)
          top = wl_dissect_classify (with_fcs, fcs_len, TRUE, &layer);
        else
          top = wl_dissect_classify (data, len, FALSE, &layer);
        g_assert_cmpint (top, ==, d->top_proto);
        g_assert_cmpint (layer, ==, d->top_layer);
      }
  g_assert_cmpint (wl_dissect_classify (NULL, 0, FALSE, &layer), ==, WL_PROTO_NONE);
  g_assert_cmpint (layer, ==, WL_LAYER_NONE);
  g_assert_cmpint (wl_dissect_classify ((const guint8 *) "\x01\x02", 2, TRUE, NULL), ==,
                   WL_PROTO_ETH);
}

/* Field byte ranges, which the hex view highlights. */
static void
test_offsets (void)
{
  static const struct
  {
    const char *abbrev;
    guint occurrence, offset, length;
  } cases[] = {
    { "eth.dst", 0, 0, 6 }, { "eth.src", 0, 6, 6 }, { "eth.type", 0, 12, 2 },
    { "ip.version", 0, 14, 1 }, { "ip.hdr_len", 0, 14, 1 }, { "ip.dsfield", 0, 15, 1 },
    { "ip.len", 0, 16, 2 }, { "ip.id", 0, 18, 2 }, { "ip.flags", 0, 20, 1 },
    { "ip.frag_offset", 0, 20, 2 }, { "ip.ttl", 0, 22, 1 }, { "ip.proto", 0, 23, 1 },
    { "ip.checksum", 0, 24, 2 }, { "ip.src", 0, 26, 4 }, { "ip.dst", 0, 30, 4 },
    { "icmp.type", 0, 34, 1 }, { "icmp.code", 0, 35, 1 }, { "icmp.unused", 0, 38, 4 },
    { "ip.src", 1, 54, 4 }, { "udp.srcport", 0, 62, 2 }, { "udp.checksum", 0, 68, 2 },
  };
  g_autoptr (WlDissection) d = dissect_named ("icmp-time-exceeded", TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const WlField *field = find_nth (d, cases[i].abbrev, cases[i].occurrence);

      g_assert_nonnull (field);
      g_assert_cmpuint (field->offset, ==, cases[i].offset);
      g_assert_cmpuint (field->length, ==, cases[i].length);
    }
  g_assert_cmpuint (wl_dissection_find (d, "eth.fcs")->offset, ==, 70);
  g_assert_cmpuint (wl_dissection_find (d, "eth.fcs")->length, ==, 4);
}

static void
test_find (void)
{
  g_autoptr (WlDissection) d = dissect_named ("icmp-time-exceeded", FALSE);
  const WlDissectLayer *ip = wl_dissection_find_layer (d, "ip");
  const WlDissectLayer *quoted = g_ptr_array_index (d->layers, 3);

  /* first match is the outer header, not the quoted one */
  g_assert_cmpstr (wl_dissection_find (d, "ip.src")->display, ==, "10.0.0.254");
  g_assert_null (wl_dissection_find (d, "tcp.srcport"));
  g_assert_null (wl_dissection_find_layer (d, "tcp"));
  g_assert_nonnull (ip);
  g_assert_cmpuint (ip->depth, ==, 0);
  g_assert_cmpstr (ip->name, ==, "Internet Protocol Version 4");
  g_assert_cmpstr (quoted->abbrev, ==, "ip");
  g_assert_cmpstr (wl_dissect_layer_find (quoted, "ip.src")->display, ==, "10.0.0.1");
  g_assert_true (quoted->truncated == FALSE && quoted->malformed == FALSE);
  g_assert_cmpstr (wl_dissect_lookup_field ("ip.ttl")->name, ==, "Time to Live");
}

/* ---- FCS ------------------------------------------------------------------------------- */

/* The ARP request as the simulation puts it on a cable: 60 bytes and the FCS, least
 * significant byte first (zlib crc32 = 0xf84d6fe8; Wireshark shows eth.fcs 0xe86f4df8). */
static const char arp_request_fcs_hex[] =
  "ffffffffffff 020000000001 0806"
  "0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002"
  "00000000 00000000 00000000 00000000 0000"
  "e86f4df8";

static void
test_fcs (void)
{
  gsize len;
  g_autofree guint8 *data = test_hex_to_bytes (arp_request_fcs_hex, &len);
  g_autoptr (WlDissection) good = wl_dissect_frame (data, len, TRUE);
  g_autoptr (WlDissection) bad = NULL;
  g_autoptr (WlDissection) bad_fcs = NULL;
  g_autoptr (WlDissection) as_pcap = NULL;
  g_autoptr (WlDissection) tiny = NULL;
  g_autofree char *summary = NULL;

  g_assert_cmpuint (len, ==, 64);
  g_assert_true (good->fcs_present);
  g_assert_true (good->fcs_ok);
  g_assert_false (good->malformed);
  g_assert_cmpstr (wl_dissection_find (good, "eth.fcs")->display, ==, "0xe86f4df8");
  g_assert_cmpstr (wl_dissection_find (good, "eth.padding")->display, ==,
                   "000000000000000000000000000000000000");

  /* one bit flipped on the cable, in the target address */
  data[41] ^= 0x04;
  bad = wl_dissect_frame (data, len, TRUE);
  g_assert_true (bad->fcs_present);
  g_assert_false (bad->fcs_ok);
  g_assert_false (bad->malformed);
  g_assert_cmpstr (wl_dissection_find (bad, "eth.fcs.status")->display, ==, "0");
  summary = wl_dissection_summary (bad);
  g_assert_cmpstr (summary, ==,
                   "Who has 10.0.0.6? Tell 10.0.0.1 [ETHERNET FRAME CHECK SEQUENCE INCORRECT]");
  data[41] ^= 0x04;

  /* a flip in the FCS itself */
  data[63] ^= 0x80;
  bad_fcs = wl_dissect_frame (data, len, TRUE);
  g_assert_false (bad_fcs->fcs_ok);
  g_assert_cmpstr (wl_dissection_find (bad_fcs, "eth.fcs")->display, ==, "0xe86f4d78");
  data[63] ^= 0x80;

  /* read as if from a pcap without FCS: the 4 bytes are a trailer */
  as_pcap = wl_dissect_frame (data, len, FALSE);
  g_assert_false (as_pcap->fcs_present);
  g_assert_null (wl_dissection_find (as_pcap, "eth.fcs"));
  g_assert_cmpstr (wl_dissection_find (as_pcap, "eth.trailer")->display, ==, "e86f4df8");

  /* no room for an FCS at all */
  tiny = wl_dissect_frame (data, 3, TRUE);
  g_assert_false (tiny->fcs_present);
  g_assert_true (tiny->malformed);
}

/* ---- checksums ------------------------------------------------------------------------- */

static void
test_bad_checksums (void)
{
  static const struct
  {
    const char *frame;
    guint byte;
    const char *status;
  } cases[] = {
    { "icmp-echo-request", 22, "ip.checksum.status" },   /* TTL changed, checksum not updated */
    { "icmp-echo-request", 60, "icmp.checksum.status" }, /* a payload byte */
    { "udp-datagram", 50, "udp.checksum.status" },
    { "udp-datagram", 29, "udp.checksum.status" },       /* source address: pseudo-header */
    { "tcp-push", 55, "tcp.checksum.status" },
    { "tcp-push", 33, "tcp.checksum.status" },           /* destination address */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len;
      g_autofree guint8 *data = test_frame_bytes (test_frame_lookup (cases[i].frame), &len);
      g_autoptr (WlDissection) d = NULL;

      data[cases[i].byte] ^= 0x01;
      d = wl_dissect_frame (data, len, FALSE);
      g_assert_cmpstr (wl_dissection_find (d, cases[i].status)->display, ==, "0");
      g_assert_false (d->malformed); /* a bad checksum is damage, not a malformed header */
    }

  /* no status where it cannot be checked: UDP without checksum, fragments, quoted packets */
  {
    g_autoptr (WlDissection) nosum = dissect_named ("udp-padded", FALSE);
    g_autoptr (WlDissection) frag = dissect_named ("ip-fragment-first", FALSE);
    g_autoptr (WlDissection) quoted = dissect_named ("icmp-time-exceeded-echo", FALSE);

    g_assert_null (wl_dissection_find (nosum, "udp.checksum.status"));
    g_assert_null (wl_dissection_find (frag, "icmp.checksum.status"));
    g_assert_null (find_nth (quoted, "icmp.checksum.status", 1));
  }
}

/* ---- malformed frames ------------------------------------------------------------------ */

typedef struct
{
  const char *frame;
  guint byte;           /* byte to overwrite (G_MAXUINT: none) */
  guint8 value;
  gsize cut;            /* keep only this many bytes (0: all) */
  const char *summary;
  const char *layer;    /* layer that must carry the flag */
  gboolean truncated;   /* flag expected on that layer: truncated (else malformed) */
} BadCase;

static void
test_malformed (void)
{
  static const BadCase cases[] = {
    { "icmp-echo-request", 14, 0x55, 0,
      "Bogus IPv4 version (5, must be 4) [Malformed]", "ip", FALSE },
    { "icmp-echo-request", 14, 0x44, 0,
      "Bogus IP header length (16, must be at least 20) [Malformed]", "ip", FALSE },
    { "icmp-echo-request", 17, 10, 0,
      "Bogus IP length (10, less than header length 20) [Malformed]", "ip", FALSE },
    { "icmp-echo-request", 17, 80, 0,
      "Echo (ping) request  id=0x0001, seq=1/256, ttl=64 [Malformed]", "ip", FALSE },
    { "icmp-echo-request", G_MAXUINT, 0, 30,
      "Internet Protocol Version 4 [Malformed]", "ip", TRUE },
    { "icmp-echo-request", G_MAXUINT, 0, 38,
      "Internet Control Message Protocol [Malformed]", "icmp", TRUE },
    { "udp-datagram", 39, 4, 0, "40000 → 33434 [BAD UDP LENGTH 4 < 8] [Malformed]", "udp", FALSE },
    { "udp-datagram", 39, 200, 0,
      "40000 → 33434 [BAD UDP LENGTH 200 > IP PAYLOAD LENGTH] Len=32 [Malformed]", "udp", FALSE },
    { "udp-datagram", G_MAXUINT, 0, 39, "User Datagram Protocol [Malformed]", "udp", TRUE },
    { "tcp-push", 46, 0x40, 0,
      "40013 → 40014, bogus TCP header length (16, must be at least 20) [Malformed]",
      "tcp", FALSE },
    { "tcp-push", 46, 0xf0, 0,
      "40013 → 40014 [PSH, ACK] Seq=16909060 Ack=168496141 Win=502 [Malformed]", "tcp", FALSE },
    { "tcp-syn", G_MAXUINT, 0, 50, "40010 → 80 [SYN] Seq=0 Win=64240 [Malformed]", "tcp", TRUE },
    { "arp-request", G_MAXUINT, 0, 30, "Address Resolution Protocol [Malformed]", "arp", TRUE },
    { "arp-request", G_MAXUINT, 0, 10, "Ethernet II [Malformed]", "eth", TRUE },
    { "eth-802-3", 13, 60, 0, "IEEE 802.3 Ethernet [Malformed]", "eth", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const BadCase *c = &cases[i];
      gsize len;
      g_autofree guint8 *data = test_frame_bytes (test_frame_lookup (c->frame), &len);
      g_autoptr (WlDissection) d = NULL;
      g_autofree char *summary = NULL;
      const WlDissectLayer *layer;

      g_test_message ("case %u: %s", i, c->summary);
      if (c->byte != G_MAXUINT)
        data[c->byte] = c->value;
      d = wl_dissect_frame (data, c->cut ? c->cut : len, FALSE);
      summary = wl_dissection_summary (d);
      g_assert_cmpstr (summary, ==, c->summary);
      g_assert_true (d->malformed);
      layer = wl_dissection_find_layer (d, c->layer);
      g_assert_nonnull (layer);
      g_assert_true (c->truncated ? layer->truncated : layer->malformed);
    }
}

/* ip.frag_offset is the raw field (8-byte units) as tshark 4.0 prints it; the summary, like
 * Wireshark's Info column, gives bytes.  A fragment starting at byte 1480 (the second of a
 * 1500-MTU split): */
static void
test_fragment_offset_unit (void)
{
  gsize len;
  g_autofree guint8 *data = test_frame_bytes (test_frame_lookup ("ip-fragment-later"), &len);
  g_autoptr (WlDissection) d = NULL;
  g_autofree char *summary = NULL;

  data[20] = 0x00;
  data[21] = 185; /* 185 × 8 = 1480 */
  d = wl_dissect_frame (data, len, FALSE);
  summary = wl_dissection_summary (d);
  g_assert_cmpstr (wl_dissection_find (d, "ip.frag_offset")->display, ==, "185");
  g_assert_cmpstr (summary, ==, "Fragmented IP protocol (proto=ICMP 1, off=1480, ID=1234)");
  g_assert_cmpstr (wl_dissection_find (d, "ip.checksum.status")->display, ==, "0");
}

/* What is odd but legal is not malformed. */
static void
test_not_malformed (void)
{
  gsize len;
  g_autofree guint8 *data = test_frame_bytes (test_frame_lookup ("icmp-echo-request"), &len);
  g_autoptr (WlDissection) tso = NULL;
  g_autoptr (WlDissection) empty = wl_dissect_frame (NULL, 0, FALSE);
  g_autofree char *empty_summary = wl_dissection_summary (empty);

  /* ip.len 0: TCP segmentation offload in a capture; Wireshark reads the rest of the frame */
  data[16] = data[17] = 0;
  tso = wl_dissect_frame (data, len, FALSE);
  g_assert_false (tso->malformed);
  g_assert_cmpstr (wl_dissection_find (tso, "ip.len")->display, ==, "60");

  g_assert_true (empty->malformed);
  g_assert_cmpuint (empty->layers->len, ==, 0);
  g_assert_cmpint (empty->top_proto, ==, WL_PROTO_NONE);
  g_assert_cmpstr (empty_summary, ==, "Empty frame [Malformed]");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/dissect/fields/values", test_field_values);
  g_test_add_func ("/engine/dissect/fields/every-row-covered", test_every_row_covered);
  g_test_add_func ("/engine/dissect/fields/offsets", test_offsets);
  g_test_add_func ("/engine/dissect/summaries", test_summaries);
  g_test_add_func ("/engine/dissect/layers", test_layers);
  g_test_add_func ("/engine/dissect/classify", test_classify);
  g_test_add_func ("/engine/dissect/find", test_find);
  g_test_add_func ("/engine/dissect/fcs", test_fcs);
  g_test_add_func ("/engine/dissect/bad-checksums", test_bad_checksums);
  g_test_add_func ("/engine/dissect/malformed", test_malformed);
  g_test_add_func ("/engine/dissect/not-malformed", test_not_malformed);
  g_test_add_func ("/engine/dissect/fragment-offset-unit", test_fragment_offset_unit);

  return g_test_run ();
}
