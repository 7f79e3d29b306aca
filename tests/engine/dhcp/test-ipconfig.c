/* ipconfig on a host's console: the Windows output of ipconfig and ipconfig /all, /release
 * (RELEASE sent, address gone), /renew (output once the lease is back), /renew on a host
 * without DHCP, and the command line checks. */
#include "config.h"

#include <string.h>

#include "dhcp-test.h"

static const char *const basic[] = {
  "pool=10.0.0.100-10.0.0.199", "lease=1h", "router=10.0.0.1", "dns=10.0.0.53;10.0.0.54", NULL,
};

/* The console lines a device printed in [from, to), joined by '\n'. */
static char *
console (L3Bed      *bed,
         const char *device,
         WlTime      from,
         WlTime      to)
{
  g_autoptr (GPtrArray) notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE,
                                         l3_bed_index (bed, device));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      const WlTraceEvent *ev = notes->pdata[i];

      if (ev->time >= from && ev->time < to)
        g_string_append_printf (out, "%s\n", ev->args != NULL ? ev->args : "");
    }
  return g_string_free (out, FALSE);
}

static L3Bed *
console_bed (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  L3Bed *bed;

  l3_add_host (lab, "PC2", "10.0.0.20/24", "10.0.0.1");
  l3_connect (lab, "PC2", 0, "SW1", 2);
  l3_action (lab, 5 * WL_S, "PC1", "ipconfig");
  l3_action (lab, 6 * WL_S, "PC1", "ipconfig /all");
  l3_action (lab, 10 * WL_S, "PC1", "ipconfig /release");
  l3_action (lab, 12 * WL_S, "PC1", "ipconfig -Renew eth*");
  l3_action (lab, 15 * WL_S, "PC2", "ipconfig /renew");
  l3_action (lab, 16 * WL_S, "PC2", "ipconfig");
  bed = l3_bed_new (lab, 1);
  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 20 * WL_S);
  return bed;
}

static void
test_show (void)
{
  g_autoptr (L3Bed) bed = console_bed ();
  g_autofree char *plain = console (bed, "PC1", 5 * WL_S, 6 * WL_S);
  g_autofree char *all = console (bed, "PC1", 6 * WL_S, 7 * WL_S);
  g_autofree char *pc2 = console (bed, "PC2", 16 * WL_S, 17 * WL_S);

  g_assert_cmpstr (plain, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "\n"
                   "Ethernet adapter eth0:\n"
                   "\n"
                   "   Connection-specific DNS Suffix  . :\n"
                   "   IPv4 Address. . . . . . . . . . . : 10.0.0.100\n"
                   "   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n"
                   "   Default Gateway . . . . . . . . . : 10.0.0.1\n");
  g_assert_cmpstr (all, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "   Host Name . . . . . . . . . . . . : PC1\n"
                   "   IP Routing Enabled. . . . . . . . : No\n"
                   "\n"
                   "Ethernet adapter eth0:\n"
                   "\n"
                   "   Connection-specific DNS Suffix  . :\n"
                   "   Physical Address. . . . . . . . . : 02-00-00-00-03-00\n"
                   "   DHCP Enabled. . . . . . . . . . . : Yes\n"
                   "   IPv4 Address. . . . . . . . . . . : 10.0.0.100(Preferred)\n"
                   "   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n"
                   "   Lease Obtained. . . . . . . . . . : Thursday, January 1, 1970 12:00:00 AM\n"
                   "   Lease Expires . . . . . . . . . . : Thursday, January 1, 1970 1:00:00 AM\n"
                   "   Default Gateway . . . . . . . . . : 10.0.0.1\n"
                   "   DHCP Server . . . . . . . . . . . : 10.0.0.1\n"
                   "   DNS Servers . . . . . . . . . . . : 10.0.0.53\n"
                   "                                       10.0.0.54\n");
  g_assert_cmpstr (pc2, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "\n"
                   "Ethernet adapter eth0:\n"
                   "\n"
                   "   Connection-specific DNS Suffix  . :\n"
                   "   IPv4 Address. . . . . . . . . . . : 10.0.0.20\n"
                   "   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n"
                   "   Default Gateway . . . . . . . . . : 10.0.0.1\n");
}

static void
test_release_renew (void)
{
  g_autoptr (L3Bed) bed = console_bed ();
  g_autofree char *released = console (bed, "PC1", 10 * WL_S, 11 * WL_S);
  g_autofree char *renewed = console (bed, "PC1", 12 * WL_S, 15 * WL_S);
  g_autofree char *static_renew = console (bed, "PC2", 15 * WL_S, 16 * WL_S);
  g_autoptr (GPtrArray) lines = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE,
                                         l3_bed_index (bed, "PC1"));
  const WlTraceEvent *last = lines->pdata[lines->len - 1];
  const WlTraceEvent *bound = l3_nth (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_BOUND,
                                      l3_bed_index (bed, "PC1"), 1);

  g_assert_cmpstr (released, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "\n"
                   "Ethernet adapter eth0:\n"
                   "\n"
                   "   Connection-specific DNS Suffix  . :\n"
                   "   Default Gateway . . . . . . . . . :\n");
  g_assert_cmpuint (l3_count (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_RELEASED, -1), ==, 2);
  /* /renew prints when the lease is back, not when typed. */
  g_assert_cmpstr (renewed, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "\n"
                   "Ethernet adapter eth0:\n"
                   "\n"
                   "   Connection-specific DNS Suffix  . :\n"
                   "   IPv4 Address. . . . . . . . . . . : 10.0.0.100\n"
                   "   Subnet Mask . . . . . . . . . . . : 255.255.255.0\n"
                   "   Default Gateway . . . . . . . . . : 10.0.0.1\n");
  g_assert_nonnull (bound);
  g_assert_cmpuint (last->time, ==, bound->time);
  g_assert_cmpuint (last->time, >, 13 * WL_S);
  g_assert_cmpstr (static_renew, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "The operation failed as no adapter is in the state permissible for this "
                   "operation.\n");
}

static void
test_renew_fails (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = NULL;
  g_autofree char *out = NULL;

  /* No server: the first cycle gives up at about 124 s, then /renew at 200 s tries again
   * and fails the same way, and says so. */
  l3_action (lab, 200 * WL_S, "PC1", "ipconfig /renew");
  bed = l3_bed_new (lab, 1);
  l3_bed_run (bed, 0);
  out = console (bed, "PC1", 200 * WL_S, 400 * WL_S);
  g_assert_cmpstr (out, ==,
                   "\n"
                   "Windows IP Configuration\n"
                   "\n"
                   "An error occurred while renewing interface eth0 : unable to contact your DHCP "
                   "server. Request has timed out.\n"
                   "\n"
                   "\n"
                   "Ethernet adapter eth0:\n"
                   "\n"
                   "   Connection-specific DNS Suffix  . :\n"
                   "   Default Gateway . . . . . . . . . :\n");
}

static void
test_check (void)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (wl_stack_check_command ("ipconfig", NULL));
  g_assert_true (wl_stack_check_command ("ipconfig /all", NULL));
  g_assert_true (wl_stack_check_command ("ipconfig -RELEASE eth0", NULL));
  g_assert_true (wl_stack_check_command ("ipconfig /renew", NULL));
  g_assert_false (wl_stack_check_command ("ipconfig /flushdns", &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "/flushdns"));
  g_clear_error (&error);
  g_assert_false (wl_stack_check_command ("ipconfig /all eth0", &error));
  g_clear_error (&error);
  g_assert_false (wl_stack_check_command ("ipconfig /renew eth0 eth1", &error));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/ipconfig/show", test_show);
  g_test_add_func ("/engine/dhcp/ipconfig/release-renew", test_release_renew);
  g_test_add_func ("/engine/dhcp/ipconfig/renew-fails", test_renew_fails);
  g_test_add_func ("/engine/dhcp/ipconfig/check", test_check);
  return g_test_run ();
}
