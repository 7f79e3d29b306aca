/* Warnings shown before a run: unplugged interface, duplicate IP, gateway outside subnet. */
#include "config.h"

#include "doc/wl-lab-warnings.h"
#include "lab/wl-lab-text.h"

static GPtrArray *
check_text (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLab) lab = wl_lab_text_parse (text, -1, &error);

  g_assert_no_error (error);
  return wl_lab_check_warnings (lab);
}

static void
assert_warning (GPtrArray *warnings,
                guint i,
                WlWarningKind kind,
                guint device,
                gint iface)
{
  const WlLabWarning *w;

  g_assert_cmpuint (i, <, warnings->len);
  w = g_ptr_array_index (warnings, i);
  g_assert_cmpint (w->kind, ==, kind);
  g_assert_cmpuint (w->device, ==, device);
  g_assert_cmpint (w->iface, ==, iface);
  g_assert_true (w->message != NULL && w->message[0] != '\0');
}

static void
test_clean_sample (void)
{
  const char *src = g_getenv ("WL_SOURCE_DIR");
  g_autofree char *path = g_build_filename (src != NULL ? src : WL_SOURCE_DIR, "data", "labs",
                                            "03-router-ping.lab", NULL);
  g_autoptr (WlLab) lab = wl_lab_text_load (path, NULL);
  g_autoptr (GPtrArray) warnings = NULL;

  g_assert_nonnull (lab);
  warnings = wl_lab_check_warnings (lab);
  g_assert_cmpuint (warnings->len, ==, 0);
}

static void
test_each_rule (void)
{
  g_autoptr (GPtrArray) w = check_text ("[device PC1]\nkind=pc\ngateway=10.0.9.1\n"
                                        "[interface PC1 eth0]\naddress=10.0.0.1/24\n"
                                        "[device PC2]\nkind=pc\n"
                                        "[interface PC2 eth0]\naddress=10.0.0.1/24\n"
                                        "[device S1]\nkind=switch\n"
                                        "[link L1]\na=PC1:eth0\nb=S1:p1\n");

  /* PC1: gateway outside, duplicate; PC2: unplugged, duplicate; the switch's free ports are
   * not worth a warning */
  g_assert_cmpuint (w->len, ==, 4);
  assert_warning (w, 0, WL_WARNING_DUPLICATE_IP, 0, 0);
  assert_warning (w, 1, WL_WARNING_GATEWAY_OUTSIDE, 0, -1);
  assert_warning (w, 2, WL_WARNING_UNPLUGGED, 1, 0);
  assert_warning (w, 3, WL_WARNING_DUPLICATE_IP, 1, 0);
}

static void
test_dhcp_gateway_not_checked (void)
{
  g_autoptr (GPtrArray) w = check_text ("[device PC1]\nkind=pc\ngateway=10.0.9.1\n"
                                        "[interface PC1 eth0]\naddress=dhcp\n"
                                        "[device S1]\nkind=hub\n"
                                        "[link L1]\na=PC1:eth0\nb=S1:p1\n");

  g_assert_cmpuint (w->len, ==, 0);
}

static void
test_two_dhcp_servers (void)
{
  /* S1 and S2 serve the switch's segment; S3 is behind the router, on its own */
  g_autoptr (GPtrArray) w = check_text (
    "[device S1]\nkind=server\n[interface S1 eth0]\naddress=10.0.0.1/24\n"
    "[service S1 dhcp-server]\npool=10.0.0.100-10.0.0.199\n"
    "[device S2]\nkind=server\n[interface S2 eth0]\naddress=10.0.0.2/24\n"
    "[service S2 dhcp-server]\npool=10.0.0.200-10.0.0.250\n"
    "[device SW]\nkind=switch\n"
    "[device R]\nkind=router\n[interface R eth0]\naddress=10.0.0.254/24\n"
    "[interface R eth1]\naddress=10.0.1.254/24\n"
    "[device S3]\nkind=server\n[interface S3 eth0]\naddress=10.0.1.1/24\n"
    "[service S3 dhcp-server]\npool=10.0.1.100-10.0.1.199\n"
    "[link L1]\na=S1:eth0\nb=SW:p1\n[link L2]\na=S2:eth0\nb=SW:p2\n"
    "[link L3]\na=R:eth0\nb=SW:p3\n[link L4]\na=R:eth1\nb=S3:eth0\n");

  g_assert_cmpuint (w->len, ==, 2);
  assert_warning (w, 0, WL_WARNING_TWO_DHCP_SERVERS, 0, -1);
  assert_warning (w, 1, WL_WARNING_TWO_DHCP_SERVERS, 1, -1);
  g_assert_true (((WlLabWarning *) g_ptr_array_index (w, 0))->info);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/doc/warnings/clean-sample", test_clean_sample);
  g_test_add_func ("/doc/warnings/each-rule", test_each_rule);
  g_test_add_func ("/doc/warnings/dhcp-gateway", test_dhcp_gateway_not_checked);
  g_test_add_func ("/doc/warnings/two-dhcp-servers", test_two_dhcp_servers);
  return g_test_run ();
}
