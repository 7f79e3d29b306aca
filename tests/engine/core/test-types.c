/* Stable code names and the MAC / IPv4 text forms. */
#include "config.h"

#include "core/wl-types.h"

static void
test_code_names_round_trip (void)
{
  for (int c = 0; c < 400; c++)
    {
      const char *name = wl_code_to_string ((WlCode) c);

      if (g_str_equal (name, "none"))
        continue;
      g_assert_cmpint (wl_code_from_string (name), ==, c);
    }
  g_assert_cmpstr (wl_code_to_string (WL_DROP_FCS_ERROR), ==, "fcs-error");
  g_assert_cmpint (wl_code_from_string ("no-such-code"), ==, WL_CODE_NONE);
  for (int p = 0; p < WL_PROTO_LAST; p++)
    g_assert_cmpint (wl_proto_from_string (wl_proto_to_string ((WlProto) p)), ==, p);
  for (int k = 0; k < WL_EVENT_LAST; k++)
    g_assert_cmpint (wl_event_kind_from_string (wl_event_kind_to_string ((WlEventKind) k)), ==, k);
}

static void
test_ip_parse (void)
{
  guint32 ip = 0;
  char buf[16];

  g_assert_true (wl_ip_parse ("10.0.1.254", &ip));
  g_assert_cmphex (ip, ==, 0x0a0001fe);
  g_assert_cmpstr (wl_ip_format (ip, buf), ==, "10.0.1.254");
  g_assert_true (wl_ip_parse ("0.0.0.0", &ip));
  g_assert_true (wl_ip_parse ("255.255.255.255", &ip));
  g_assert_cmphex (ip, ==, 0xffffffff);

  const char *bad[] = { "300.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.4 ", " 1.2.3.4", "a.b.c.d",
                        "1..2.3", "", "1.2.3.0004", "-1.2.3.4", "1.2.3.256" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (wl_ip_parse (bad[i], &ip));
  g_assert_false (wl_ip_parse (NULL, &ip));
}

static void
test_mac_parse (void)
{
  WlMac mac;
  char buf[18];

  g_assert_true (wl_mac_parse ("02:00:5E:10:00:0a", &mac));
  g_assert_cmpstr (wl_mac_format (&mac, buf), ==, "02:00:5e:10:00:0a");
  g_assert_true (wl_mac_parse ("ff-ff-ff-ff-ff-ff", &mac));
  g_assert_true (wl_mac_is_broadcast (&mac));
  g_assert_true (wl_mac_is_multicast (&mac));
  g_assert_false (wl_mac_parse ("02:00:5e:10:00", &mac));
  g_assert_false (wl_mac_parse ("02:00:5e:10:00:0g", &mac));
  g_assert_false (wl_mac_parse ("02:00:5e:10:00:0a:", &mac));
  g_assert_false (wl_mac_parse ("0200:5e:10:00:0a:1", &mac));
}

static void
test_prefix_mask (void)
{
  g_assert_cmphex (wl_ip_prefix_mask (0), ==, 0);
  g_assert_cmphex (wl_ip_prefix_mask (8), ==, 0xff000000);
  g_assert_cmphex (wl_ip_prefix_mask (24), ==, 0xffffff00);
  g_assert_cmphex (wl_ip_prefix_mask (32), ==, 0xffffffff);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/types/code-names", test_code_names_round_trip);
  g_test_add_func ("/engine/types/ip-parse", test_ip_parse);
  g_test_add_func ("/engine/types/mac-parse", test_mac_parse);
  g_test_add_func ("/engine/types/prefix-mask", test_prefix_mask);
  return g_test_run ();
}
