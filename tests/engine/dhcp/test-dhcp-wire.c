/* DHCP messages: encoding to known bytes, decoding them back, and hostile bytes (truncated
 * options, lengths past the end, no end option, wrong option lengths, random damage) that
 * must be refused cleanly and never read out of bounds (run under ASan). */
#include "config.h"

#include <string.h>

#include "proto/wl-dhcp-wire.h"
#include "proto/wl-wire.h"

static const WlMac mac1 = { { 0x02, 0, 0, 0, 0, 0x01 } };

/* A DISCOVER as our client sends it. */
static void
make_discover (WlDhcpMessage *m)
{
  static const guint8 prl[] = { 1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42 };

  wl_dhcp_message_init (m, WL_BOOTP_REQUEST, 0x3903f326, &mac1);
  m->secs = 3;
  m->has = WL_DHCP_HAS_MSG_TYPE | WL_DHCP_HAS_CLIENT_ID | WL_DHCP_HAS_REQUESTED_IP
           | WL_DHCP_HAS_HOST_NAME | WL_DHCP_HAS_PARAM_LIST;
  m->msg_type = WL_DHCP_DISCOVER;
  m->client_id[0] = 1;
  memcpy (m->client_id + 1, mac1.b, 6);
  m->client_id_len = 7;
  m->requested_ip = 0x0a000064;
  strcpy (m->host_name, "PC1");
  memcpy (m->params, prl, sizeof prl);
  m->n_params = sizeof prl;
}

static void
test_encode_known_bytes (void)
{
  /* Options as RFC 2132 lays them out, in our order: 53, 61, 50, 12, 55, end. */
  static const guint8 options[] = {
    53, 1, 1,
    61, 7, 1, 0x02, 0, 0, 0, 0, 0x01,
    50, 4, 10, 0, 0, 100,
    12, 3, 'P', 'C', '1',
    55, 13, 1, 28, 2, 3, 15, 6, 119, 12, 44, 47, 26, 121, 42,
    255,
  };
  WlDhcpMessage m;
  guint8 buf[WL_DHCP_MAX_LEN];
  gsize len;

  make_discover (&m);
  len = wl_dhcp_encode (&m, buf, sizeof buf);
  g_assert_cmpuint (len, ==, 300);  /* padded to the BOOTP minimum */
  g_assert_cmpuint (buf[0], ==, 1);
  g_assert_cmpuint (buf[1], ==, 1);
  g_assert_cmpuint (buf[2], ==, 6);
  g_assert_cmpuint (wl_get_u32 (buf + 4), ==, 0x3903f326);
  g_assert_cmpuint (wl_get_u16 (buf + 8), ==, 3);
  g_assert_cmpmem (buf + 28, 6, mac1.b, 6);
  g_assert_cmpuint (wl_get_u32 (buf + 236), ==, 0x63825363);
  g_assert_cmpmem (buf + 240, sizeof options, options, sizeof options);
  for (gsize i = 240 + sizeof options; i < len; i++)
    g_assert_cmpuint (buf[i], ==, 0);
  /* Too small a buffer: nothing. */
  g_assert_cmpuint (wl_dhcp_encode (&m, buf, 299), ==, 0);
}

static void
test_round_trip (void)
{
  WlDhcpMessage m, back;
  guint8 buf[WL_DHCP_MAX_LEN];
  gsize len;
  g_autoptr (GError) error = NULL;

  wl_dhcp_message_init (&m, WL_BOOTP_REPLY, 7, &mac1);
  m.flags = WL_DHCP_FLAG_BROADCAST;
  m.yiaddr = 0x0a000064;
  m.giaddr = 0x0a000101;
  m.hops = 1;
  m.has = WL_DHCP_HAS_MSG_TYPE | WL_DHCP_HAS_SERVER_ID | WL_DHCP_HAS_LEASE_TIME
          | WL_DHCP_HAS_RENEWAL_TIME | WL_DHCP_HAS_REBINDING_TIME | WL_DHCP_HAS_SUBNET_MASK
          | WL_DHCP_HAS_ROUTER | WL_DHCP_HAS_DNS | WL_DHCP_HAS_MESSAGE | WL_DHCP_HAS_MAX_SIZE;
  m.msg_type = WL_DHCP_ACK;
  m.server_id = 0x0a000201;
  m.lease_time = 3600;
  m.renewal_time = 1800;
  m.rebinding_time = 3150;
  m.subnet_mask = 0xffffff00;
  m.routers[0] = 0x0a000001;
  m.n_routers = 1;
  m.dns[0] = 0x0a000035;
  m.dns[1] = 0x0a000036;
  m.n_dns = 2;
  strcpy (m.message, "hello");
  m.max_size = 1500;
  g_assert_true (wl_dhcp_message_add_other (&m, 99, (const guint8 *) "abc", 3));

  len = wl_dhcp_encode (&m, buf, sizeof buf);
  g_assert_cmpuint (len, >, 300);  /* 66 option bytes: no padding needed */
  g_assert_true (wl_dhcp_decode (buf, len, &back, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&m, sizeof m, &back, sizeof back);
}

/* Bytes that must be refused with the given error. */
static void
expect_error (const guint8 *opts,
              gsize         n,
              gint          code)
{
  guint8 buf[WL_DHCP_MAX_LEN] = { 0 };
  WlDhcpMessage m;
  g_autoptr (GError) error = NULL;

  buf[0] = 1;
  buf[1] = 1;
  buf[2] = 6;
  wl_put_u32 (buf + 236, WL_DHCP_MAGIC);
  if (n > 0)
    memcpy (buf + 240, opts, n);
  /* Exactly the bytes given: no padding after them to hide a missing end. */
  g_assert_false (wl_dhcp_decode (buf, 240 + n, &m, &error));
  g_assert_error (error, WL_DHCP_ERROR, code);
  g_test_message ("%s", error->message);
}

static void
test_hostile (void)
{
  static const guint8 past_end[] = { 53, 1, 1, 12, 200, 'a', 'b', 255 };
  static const guint8 no_len[] = { 53, 1, 1, 12 };
  static const guint8 no_end[] = { 53, 1, 1, 12, 3, 'P', 'C', '1' };
  static const guint8 bad_53[] = { 53, 2, 1, 2, 255 };
  static const guint8 bad_50[] = { 53, 1, 1, 50, 3, 10, 0, 0, 255 };
  static const guint8 bad_3[] = { 53, 1, 1, 3, 5, 10, 0, 0, 1, 10, 255 };
  static const guint8 bad_61[] = { 53, 1, 1, 61, 1, 1, 255 };
  static const guint8 bad_57[] = { 53, 1, 1, 57, 2, 1, 0, 255 };
  static const guint8 empty_12[] = { 53, 1, 1, 12, 0, 255 };
  static const guint8 bad_overload[] = { 53, 1, 1, 52, 1, 7, 255 };
  guint8 buf[300] = { 0 };
  WlDhcpMessage m;
  g_autoptr (GError) error = NULL;

  expect_error (past_end, sizeof past_end, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (no_len, sizeof no_len, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (no_end, sizeof no_end, WL_DHCP_ERROR_NO_END);
  expect_error (NULL, 0, WL_DHCP_ERROR_NO_END);
  expect_error (bad_53, sizeof bad_53, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (bad_50, sizeof bad_50, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (bad_3, sizeof bad_3, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (bad_61, sizeof bad_61, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (bad_57, sizeof bad_57, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (empty_12, sizeof empty_12, WL_DHCP_ERROR_BAD_OPTION);
  expect_error (bad_overload, sizeof bad_overload, WL_DHCP_ERROR_BAD_OPTION);

  /* Header rules. */
  g_assert_false (wl_dhcp_decode (buf, 239, &m, &error));
  g_assert_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_TRUNCATED);
  g_clear_error (&error);
  g_assert_false (wl_dhcp_decode (NULL, 0, &m, &error));
  g_assert_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_TRUNCATED);
  g_clear_error (&error);
  buf[0] = 3;
  buf[2] = 6;
  wl_put_u32 (buf + 236, WL_DHCP_MAGIC);
  buf[240] = 255;
  g_assert_false (wl_dhcp_decode (buf, sizeof buf, &m, &error));
  g_assert_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_HEADER);
  g_clear_error (&error);
  buf[0] = 1;
  buf[2] = 17;
  g_assert_false (wl_dhcp_decode (buf, sizeof buf, &m, &error));
  g_assert_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_HEADER);
  g_clear_error (&error);
  buf[2] = 6;
  wl_put_u32 (buf + 236, 0x01020304);
  g_assert_false (wl_dhcp_decode (buf, sizeof buf, &m, &error));
  g_assert_error (error, WL_DHCP_ERROR, WL_DHCP_ERROR_BAD_COOKIE);
}

static void
test_padding_repeats_and_overload (void)
{
  /* Pads between options, a repeated 53 (kept raw), an unknown option, then options in the
   * file field through option 52 = 1. */
  static const guint8 opts[] = { 0, 0, 53, 1, 3, 0, 53, 1, 5, 99, 2, 'x', 'y', 52, 1, 1, 255 };
  static const guint8 file_opts[] = { 12, 2, 'h', 'i', 255 };
  guint8 buf[300] = { 1, 1, 6 };
  WlDhcpMessage m;
  g_autoptr (GError) error = NULL;

  wl_put_u32 (buf + 236, WL_DHCP_MAGIC);
  memcpy (buf + 240, opts, sizeof opts);
  memcpy (buf + 108, file_opts, sizeof file_opts);
  g_assert_true (wl_dhcp_decode (buf, sizeof buf, &m, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (m.msg_type, ==, WL_DHCP_REQUEST);
  g_assert_cmpuint (m.other_len, ==, 3 + 4);
  g_assert_cmpuint (m.other[0], ==, 53);
  g_assert_cmpuint (m.other[3], ==, 99);
  g_assert_cmpstr (m.host_name, ==, "hi");
  g_assert_true (m.has & WL_DHCP_HAS_HOST_NAME);
}

/* Random damage to a valid message: decoding either succeeds or refuses, never crashes or
 * reads outside the buffer (ASan and MALLOC_CHECK_ watch the heap copy). */
static void
test_fuzz (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (2131);
  WlDhcpMessage m;
  guint8 good[WL_DHCP_MAX_LEN];
  gsize len;

  make_discover (&m);
  len = wl_dhcp_encode (&m, good, sizeof good);
  for (guint round = 0; round < 20000; round++)
    {
      gsize n = round % 7 == 0 ? (gsize) g_rand_int_range (rand, 0, (gint32) len + 1) : len;
      guint8 *copy = g_memdup2 (good, n);
      WlDhcpMessage out;

      for (guint flips = g_rand_int_range (rand, 1, 8); flips > 0 && n > 0; flips--)
        {
          gsize at;

          /* Mostly the first option bytes, where lengths live; sometimes anywhere. */
          if (n > 240 && g_rand_boolean (rand))
            at = 240 + (gsize) g_rand_int_range (rand, 0, (gint32) MIN (n - 240, 64));
          else
            at = (gsize) g_rand_int_range (rand, 0, (gint32) n);
          copy[at] = (guint8) g_rand_int (rand);
        }
      wl_dhcp_decode (copy, n, &out, NULL);
      g_free (copy);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/wire/encode-known-bytes", test_encode_known_bytes);
  g_test_add_func ("/engine/dhcp/wire/round-trip", test_round_trip);
  g_test_add_func ("/engine/dhcp/wire/hostile", test_hostile);
  g_test_add_func ("/engine/dhcp/wire/padding-repeats-overload", test_padding_repeats_and_overload);
  g_test_add_func ("/engine/dhcp/wire/fuzz", test_fuzz);
  return g_test_run ();
}
