/* test-dissect-robust.c — the dissector on cut, flipped and random bytes.
 *
 * Every input is copied into a buffer of exactly its length, so under AddressSanitizer
 * (meson setup -Db_sanitize=address,undefined) a read one byte too far fails the test.
 * On every dissection the invariants below must hold; the random inputs come from a fixed
 * seed so a failure replays.
 */
#include "config.h"

#include <string.h>

#include "dissect/wl-dissect.h"
#include "dissect-frames.h"

#define SEED 0x5eed2024u
#define RANDOM_ITERATIONS 4000

/* What holds for any input: fields and layers inside the buffer, displays consistent with
 * types, classification equal to the tree's top, a summary that names malformed frames. */
static WlDissection *
dissect_checked (const guint8 *src,
                 gsize         len,
                 gboolean      has_fcs)
{
  g_autofree guint8 *buf = g_malloc (MAX (len, 1));
  WlDissection *d;
  g_autofree char *summary = NULL;
  WlLayer layer;

  memcpy (buf, src, len);
  d = wl_dissect_frame (buf, len, has_fcs);
  g_assert_nonnull (d);

  for (guint l = 0; l < d->layers->len; l++)
    {
      const WlDissectLayer *ly = g_ptr_array_index (d->layers, l);

      g_assert_nonnull (ly->abbrev);
      g_assert_nonnull (ly->name);
      g_assert_cmpuint (ly->depth, <=, 1);
      g_assert_cmpuint (ly->offset, <=, len);
      g_assert_cmpuint (ly->length, <=, len - ly->offset);
      for (guint f = 0; f < ly->fields->len; f++)
        {
          const WlField *field = &g_array_index (ly->fields, WlField, f);
          const WlFieldInfo *info = wl_dissect_lookup_field (field->abbrev);

          g_assert_nonnull (info);
          g_assert_cmpint (field->type, ==, info->type);
          g_assert_cmpuint (field->offset, <=, len);
          g_assert_cmpuint (field->length, <=, len - field->offset);
          g_assert_nonnull (field->display);
          g_assert_true (g_utf8_validate (field->display, -1, NULL));
          if (field->type == WL_FIELD_BYTES)
            g_assert_cmpuint (strlen (field->display), ==, 2 * field->length);
          if (field->type == WL_FIELD_BOOL)
            g_assert_cmpuint (field->uint_value, <=, 1);
        }
    }

  g_assert_cmpint (wl_dissect_classify (buf, len, has_fcs, &layer), ==, d->top_proto);
  g_assert_cmpint (layer, ==, d->top_layer);
  g_assert_true (!d->fcs_present || (has_fcs && len >= 4));
  g_assert_true (!d->fcs_ok || d->fcs_present);

  summary = wl_dissection_summary (d);
  g_assert_nonnull (summary);
  g_assert_true (g_utf8_validate (summary, -1, NULL));
  g_assert_cmpint (g_str_has_suffix (summary, " [Malformed]"), ==, d->malformed);
  return d;
}

static guint8 *
frame_data (const TestFrame *frame,
            gboolean         has_fcs,
            gsize           *len)
{
  gsize plain_len;
  guint8 *plain = test_frame_bytes (frame, &plain_len);
  guint8 *out;

  if (!has_fcs)
    {
      *len = plain_len;
      return plain;
    }
  out = test_bytes_with_fcs (plain, plain_len, len);
  g_free (plain);
  return out;
}

/* Every prefix of every frame, with and without FCS.  Cut before the end of the packet the
 * frame carries, the frame is malformed; whole, it is not. */
static void
test_prefixes (void)
{
  for (guint i = 0; i < n_test_frames; i++)
    for (int fcs = 0; fcs <= 1; fcs++)
      {
        gsize len;
        g_autofree guint8 *data = frame_data (&test_frames[i], fcs, &len);

        for (gsize cut = 0; cut <= len; cut++)
          {
            g_autoptr (WlDissection) d = dissect_checked (data, cut, fcs);
            gsize payload = fcs ? (cut >= 4 ? cut - 4 : 0) : cut;

            if (payload < test_frames[i].packet_end || cut == 0)
              {
                if (!d->malformed)
                  g_error ("%s%s cut at %" G_GSIZE_FORMAT " not flagged", test_frames[i].name,
                           fcs ? " (FCS)" : "", cut);
              }
            if (cut == len)
              g_assert_false (d->malformed);
            if (fcs && cut >= 4 && cut < len)
              g_assert_false (d->fcs_ok); /* the last 4 bytes are no longer the FCS */
          }
      }
}

/* Every byte of every frame set to values that stress length fields. */
static void
test_byte_values (void)
{
  static const guint8 values[] = {
    0x00, 0x01, 0x05, 0x0f, 0x45, 0x4f, 0x50, 0x7f, 0x80, 0xf0, 0xfe, 0xff,
  };

  for (guint i = 0; i < n_test_frames; i++)
    for (int fcs = 0; fcs <= 1; fcs++)
      {
        gsize len;
        g_autofree guint8 *data = frame_data (&test_frames[i], fcs, &len);

        for (gsize pos = 0; pos < len; pos++)
          {
            guint8 saved = data[pos];

            for (guint v = 0; v < G_N_ELEMENTS (values); v++)
              {
                data[pos] = values[v];
                wl_dissection_free (dissect_checked (data, len, fcs));
              }
            data[pos] = saved;
          }
      }
}

/* Random flips and cuts of known frames (seeded: the same sequence every run). */
static void
test_random_flips (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED);

  for (guint iter = 0; iter < RANDOM_ITERATIONS; iter++)
    {
      const TestFrame *frame = &test_frames[g_rand_int_range (rand, 0, n_test_frames)];
      gboolean fcs = g_rand_boolean (rand);
      gsize len;
      g_autofree guint8 *data = frame_data (frame, fcs, &len);
      guint flips = g_rand_int_range (rand, 1, 5);

      for (guint f = 0; f < flips; f++)
        {
          gsize pos = g_rand_int_range (rand, 0, len);

          if (g_rand_boolean (rand))
            data[pos] ^= 1u << g_rand_int_range (rand, 0, 8);
          else
            data[pos] = g_rand_int_range (rand, 0, 256);
        }
      if (g_rand_int_range (rand, 0, 4) == 0)
        len = g_rand_int_range (rand, 0, len + 1);
      wl_dissection_free (dissect_checked (data, len, fcs));
    }
}

/* Random bytes behind an Ethernet header that promises ARP or IPv4. */
static void
test_random_garbage (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (SEED + 1);
  static const guint16 types[] = { 0x0800, 0x0806, 0x0000, 0x05dc, 0x05dd, 0xffff };

  for (guint iter = 0; iter < RANDOM_ITERATIONS; iter++)
    {
      gsize len = g_rand_int_range (rand, 0, 160);
      g_autofree guint8 *data = g_malloc (MAX (len, 1));
      guint16 type = types[g_rand_int_range (rand, 0, G_N_ELEMENTS (types))];

      for (gsize i = 0; i < len; i++)
        data[i] = g_rand_int_range (rand, 0, 256);
      if (len >= 14)
        {
          data[12] = type >> 8;
          data[13] = type & 0xff;
        }
      /* mostly plausible IPv4 version/IHL, so the decoders behind IP run too */
      if (len >= 15 && type == 0x0800 && g_rand_int_range (rand, 0, 4) != 0)
        data[14] = 0x45 + g_rand_int_range (rand, 0, 3);
      if (len >= 24 && type == 0x0800)
        data[23] = (guint8[]) { 1, 6, 17, 1, 6, 17, 2 }[g_rand_int_range (rand, 0, 7)];
      wl_dissection_free (dissect_checked (data, len, g_rand_boolean (rand)));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/dissect/robust/prefixes", test_prefixes);
  g_test_add_func ("/engine/dissect/robust/byte-values", test_byte_values);
  g_test_add_func ("/engine/dissect/robust/random-flips", test_random_flips);
  g_test_add_func ("/engine/dissect/robust/random-garbage", test_random_garbage);

  return g_test_run ();
}
