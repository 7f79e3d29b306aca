/* The value parsers and formatters of the lab: good inputs give the expected value, every
 * near miss is rejected, and what the formatters write reads back to the same value. */
#include "config.h"

#include <math.h>

#include "lab/wl-lab.h"

static void
test_parse_time (void)
{
  const struct
  {
    const char *text;
    WlTime value;
  } good[] = {
    { "0", 0 },
    { "0s", 0 },
    { "0ns", 0 },
    { "5ns", 5 },
    { "10us", 10 * WL_US },
    { "10\xc2\xb5s", 10 * WL_US }, /* micro sign */
    { "10\xce\xbcs", 10 * WL_US }, /* Greek mu */
    { "250ms", 250 * WL_MS },
    { "1s", WL_S },
    { "1.5ms", 1500 * WL_US },
    { "1.500ms", 1500 * WL_US },
    { "0.000000001s", 1 },
    { "1.000000001s", WL_S + 1 },
    { "007ms", 7 * WL_MS },
    { "2.5us", 2500 },
    { "18446744073709551615ns", G_MAXUINT64 },
    { "18446744073s", G_GUINT64_CONSTANT (18446744073) * WL_S },
  };
  const char *bad[] = {
    "", "5", "0.0", "-1s", "+1s", " 1s", "1s ", "1 s", "1.5", "1.5ns", "1.0000000001s",
    ".5s", "1.s", "1ss", "1m", "1h", "1S", "1e3ns", "1,5ms", "1.5.5ms", "us", "0x10ns",
    "18446744073709551616ns", "18446744074s", "99999999999999999999999s",
  };
  WlTime t;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      t = 12345;
      if (!wl_parse_time (good[i].text, &t))
        g_error ("“%s” was rejected", good[i].text);
      g_assert_cmpuint (t, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      t = 12345;
      if (wl_parse_time (bad[i], &t))
        g_error ("“%s” was accepted", bad[i]);
      g_assert_cmpuint (t, ==, 12345); /* untouched on failure */
    }
  g_assert_false (wl_parse_time (NULL, &t));
}

static void
test_format_time (void)
{
  const struct
  {
    WlTime value;
    const char *text;
  } cases[] = {
    { 0, "0" },
    { 5, "5ns" },
    { 1500, "1500ns" },
    { 10 * WL_US, "10us" },
    { 1500 * WL_US, "1500us" },
    { 250 * WL_MS, "250ms" },
    { WL_S, "1s" },
    { 60 * WL_S, "60s" },
    { WL_S + 1, "1000000001ns" },
    { G_MAXUINT64, "18446744073709551615ns" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = wl_format_time (cases[i].value);
      WlTime back = 0;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (wl_parse_time (text, &back));
      g_assert_cmpuint (back, ==, cases[i].value);
    }
}

static void
test_bandwidth (void)
{
  const struct
  {
    const char *text;
    guint64 value;
  } good[] = {
    { "0", 0 },
    { "9600", 9600 },
    { "9600bps", 9600 },
    { "10k", 10000 },
    { "10K", 10000 },
    { "100M", 100000000 },
    { "100Mbps", 100000000 },
    { "1G", 1000000000 },
    { "1Gbit/s", 1000000000 },
    { "18446744073709551615", G_MAXUINT64 },
    { "18446744073G", G_GUINT64_CONSTANT (18446744073000000000) },
  };
  const char *bad[] = {
    "", "M", "1.5M", "-1", "+1", " 1M", "1M ", "1 M", "1m", "1T", "1MB", "1Mbit", "1Mb/s",
    "1kk", "0x10", "18446744073709551616", "18446744074G", "1e6",
  };
  const struct
  {
    guint64 value;
    const char *text;
  } formats[] = {
    { 0, "0" },          { 9600, "9600" },      { 10000, "10k" },  { 1500000, "1500k" },
    { 100000000, "100M" }, { 1000000000, "1G" }, { G_GUINT64_CONSTANT (100000000000), "100G" },
    { 1001, "1001" },
  };
  guint64 v;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!wl_parse_bandwidth (good[i].text, &v))
        g_error ("“%s” was rejected", good[i].text);
      g_assert_cmpuint (v, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    if (wl_parse_bandwidth (bad[i], &v))
      g_error ("“%s” was accepted", bad[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *text = wl_format_bandwidth (formats[i].value);

      g_assert_cmpstr (text, ==, formats[i].text);
      g_assert_true (wl_parse_bandwidth (text, &v));
      g_assert_cmpuint (v, ==, formats[i].value);
    }
}

static void
test_cidr (void)
{
  const struct
  {
    const char *text;
    guint32 addr;
    guint prefix;
  } good[] = {
    { "10.0.0.1/24", 0x0a000001, 24 },
    { "0.0.0.0/0", 0, 0 },
    { "255.255.255.255/32", 0xffffffff, 32 },
    { "192.168.1.7/8", 0xc0a80107, 8 }, /* not masked: host address with its prefix */
  };
  const char *bad[] = {
    "10.0.0.1/33", "10.0.0.1", "10.0.0.1/", "10.0.0.1/+8", "10.0.0.1/ 8", "10.0.0.1/024",
    "300.1.1.1/24", "/24", "10.0.0.1/24 ", " 10.0.0.1/24", "10.0.0.1/2a", "10.0.0.1//24",
    "1.2.3.4.5/8", "10.0.0.1/-1", "", "10.0.0/24",
  };
  guint32 addr;
  guint prefix;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!wl_parse_cidr (good[i].text, &addr, &prefix))
        g_error ("“%s” was rejected", good[i].text);
      g_assert_cmphex (addr, ==, good[i].addr);
      g_assert_cmpuint (prefix, ==, good[i].prefix);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    if (wl_parse_cidr (bad[i], &addr, &prefix))
      g_error ("“%s” was accepted", bad[i]);
  g_assert_false (wl_parse_cidr (NULL, &addr, &prefix));
}

static void
test_probability (void)
{
  const struct
  {
    const char *text;
    double value;
  } good[] = {
    { "0", 0.0 },      { "1", 1.0 },      { "0.05", 0.05 },  { "5%", 0.05 },
    { "100%", 1.0 },   { "0%", 0.0 },     { "1e-6", 1e-6 },  { ".5", 0.5 },
    { "12.5%", 0.125 }, { "1.0", 1.0 },   { "0.000001", 1e-6 },
  };
  const char *bad[] = {
    "", "1.01", "101%", "-0.1", "-5%", " 0.1", "0.1 ", "nan", "inf", "0x1p-3", "5 %", "%",
    "abc", "0.5.5", "1e", "1e5", "5%%", "+0.5", "0,5",
  };
  double v;

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      if (!wl_parse_probability (good[i].text, &v))
        g_error ("“%s” was rejected", good[i].text);
      g_assert_cmpfloat (v, ==, good[i].value);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    if (wl_parse_probability (bad[i], &v))
      g_error ("“%s” was accepted", bad[i]);
}

static void
test_device_kinds (void)
{
  const char *names[] = { "pc", "server", "hub", "repeater", "switch", "router" };
  const gboolean has_ip[] = { TRUE, TRUE, FALSE, FALSE, FALSE, TRUE };
  const guint ports[] = { 1, 1, 8, 2, 8, 2 };
  WlDeviceKind kind;

  g_assert_cmpuint (G_N_ELEMENTS (names), ==, WL_DEVICE_KIND_LAST);
  for (guint k = 0; k < WL_DEVICE_KIND_LAST; k++)
    {
      g_assert_cmpstr (wl_device_kind_to_string ((WlDeviceKind) k), ==, names[k]);
      g_assert_true (wl_device_kind_from_string (names[k], &kind));
      g_assert_cmpint (kind, ==, k);
      g_assert_cmpint (wl_device_kind_has_ip ((WlDeviceKind) k), ==, has_ip[k]);
      g_assert_cmpuint (wl_device_kind_default_iface_count ((WlDeviceKind) k), ==, ports[k]);
    }
  g_assert_false (wl_device_kind_from_string ("PC", &kind));
  g_assert_false (wl_device_kind_from_string ("laptop", &kind));
  g_assert_false (wl_device_kind_from_string ("", &kind));
  g_assert_false (wl_device_kind_from_string (NULL, &kind));
}

static void
test_iface_names (void)
{
  g_autofree char *eth0 = wl_device_kind_iface_name (WL_DEVICE_PC, 0);
  g_autofree char *eth1 = wl_device_kind_iface_name (WL_DEVICE_ROUTER, 1);
  g_autofree char *p1 = wl_device_kind_iface_name (WL_DEVICE_HUB, 0);
  g_autofree char *p8 = wl_device_kind_iface_name (WL_DEVICE_SWITCH, 7);
  g_autofree char *p2 = wl_device_kind_iface_name (WL_DEVICE_REPEATER, 1);

  g_assert_cmpstr (eth0, ==, "eth0");
  g_assert_cmpstr (eth1, ==, "eth1");
  g_assert_cmpstr (p1, ==, "p1");
  g_assert_cmpstr (p8, ==, "p8");
  g_assert_cmpstr (p2, ==, "p2");
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/lab/values/parse-time", test_parse_time);
  g_test_add_func ("/engine/lab/values/format-time", test_format_time);
  g_test_add_func ("/engine/lab/values/bandwidth", test_bandwidth);
  g_test_add_func ("/engine/lab/values/cidr", test_cidr);
  g_test_add_func ("/engine/lab/values/probability", test_probability);
  g_test_add_func ("/engine/lab/values/device-kinds", test_device_kinds);
  g_test_add_func ("/engine/lab/values/iface-names", test_iface_names);

  return g_test_run ();
}
