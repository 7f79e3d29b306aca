/* The lab model: defaults of new devices, look-ups, fresh names, deep equality, and every
 * rule of wl_lab_validate (each broken on purpose in an otherwise valid lab). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lab/wl-lab.h"

static WlLabIface *
iface_at (WlLab *lab,
          guint dev,
          guint iface)
{
  return g_ptr_array_index (wl_lab_get_device (lab, dev)->ifaces, iface);
}

static void
assert_mac (const WlMac *mac,
            const char *expected)
{
  char buf[18];

  g_assert_cmpstr (wl_mac_format (mac, buf), ==, expected);
}

static void
test_add_device_defaults (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  const struct
  {
    WlDeviceKind kind;
    const char *ifaces;
  } cases[] = {
    { WL_DEVICE_PC, "eth0" },
    { WL_DEVICE_SERVER, "eth0" },
    { WL_DEVICE_ROUTER, "eth0 eth1" },
    { WL_DEVICE_HUB, "p1 p2 p3 p4 p5 p6 p7 p8" },
    { WL_DEVICE_SWITCH, "p1 p2 p3 p4 p5 p6 p7 p8" },
    { WL_DEVICE_REPEATER, "p1 p2" },
  };

  for (gsize d = 0; d < G_N_ELEMENTS (cases); d++)
    {
      g_autofree char *name = g_strdup_printf ("D%zu", d);
      WlLabDevice *dev = wl_lab_add_device (lab, cases[d].kind, name);
      g_auto (GStrv) names = g_strsplit (cases[d].ifaces, " ", 0);

      g_assert_true (dev == wl_lab_get_device (lab, (guint) d));
      g_assert_cmpstr (dev->name, ==, name);
      g_assert_cmpint (dev->kind, ==, cases[d].kind);
      g_assert_cmpuint (dev->ifaces->len, ==, g_strv_length (names));
      g_assert_cmpuint (dev->routes->len, ==, 0);
      g_assert_cmpuint (dev->mac_ageing, ==, 300 * WL_S);
      g_assert_cmpuint (dev->gateway, ==, 0);
      for (guint i = 0; i < dev->ifaces->len; i++)
        {
          WlLabIface *iface = iface_at (lab, (guint) d, i);
          g_autofree char *mac = g_strdup_printf ("02:00:00:00:%02x:%02x", (guint) d + 1, i);

          g_assert_cmpstr (iface->name, ==, names[i]);
          assert_mac (&iface->mac, mac);
          g_assert_cmpuint (iface->mtu, ==, 1500);
          g_assert_cmpuint (iface->address, ==, 0);
          g_assert_false (iface->dhcp);
        }
    }
  g_assert_null (wl_lab_get_device (lab, G_N_ELEMENTS (cases)));
  g_assert_true (wl_lab_validate (lab, NULL));
}

static void
test_default_mac (void)
{
  WlMac mac;

  wl_lab_default_mac (0, 0, &mac);
  assert_mac (&mac, "02:00:00:00:01:00");
  wl_lab_default_mac (300, 7, &mac);
  assert_mac (&mac, "02:00:00:01:2d:07");
  g_assert_false (wl_mac_is_multicast (&mac));
  g_assert_true ((mac.b[0] & 0x02) != 0); /* locally administered */
  /* past 65535 devices the third octet keeps the MACs unique */
  wl_lab_default_mac (65535, 1, &mac);
  assert_mac (&mac, "02:00:01:00:00:01");
}

static void
test_add_iface_mac (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  WlLabDevice *router;
  WlLabIface *eth2;

  wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  router = wl_lab_add_device (lab, WL_DEVICE_ROUTER, "R1");
  eth2 = wl_lab_device_add_iface (router, "eth2");
  assert_mac (&eth2->mac, "02:00:00:00:02:02");
  g_assert_cmpuint (eth2->mtu, ==, 1500);
  g_assert_cmpint (wl_lab_device_find_iface (router, "eth2"), ==, 2);
}

static void
test_find (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  WlLabDevice *hub;

  wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  hub = wl_lab_add_device (lab, WL_DEVICE_HUB, "Hub1");
  wl_lab_add_device (lab, WL_DEVICE_PC, "PC2");
  wl_lab_add_link (lab, "L1", 0, 0, 1, 0);
  wl_lab_add_link (lab, "L2", 2, 0, 1, 3);

  g_assert_cmpint (wl_lab_find_device (lab, "PC2"), ==, 2);
  g_assert_cmpint (wl_lab_find_device (lab, "pc2"), ==, -1);
  g_assert_cmpint (wl_lab_find_device (lab, "PC3"), ==, -1);
  g_assert_cmpint (wl_lab_device_find_iface (hub, "p4"), ==, 3);
  g_assert_cmpint (wl_lab_device_find_iface (hub, "p9"), ==, -1);
  g_assert_cmpint (wl_lab_find_link (lab, "L2"), ==, 1);
  g_assert_cmpint (wl_lab_find_link (lab, "L3"), ==, -1);
  g_assert_cmpint (wl_lab_find_link_at (lab, 1, 3), ==, 1);
  g_assert_cmpint (wl_lab_find_link_at (lab, 0, 0), ==, 0);
  g_assert_cmpint (wl_lab_find_link_at (lab, 1, 1), ==, -1);
}

static void
test_next_device_name (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  const char *expected[] = { "PC1", "Server1", "Hub1", "Repeater1", "Switch1", "Router1" };
  char *name;

  for (guint k = 0; k < WL_DEVICE_KIND_LAST; k++)
    {
      name = wl_lab_next_device_name (lab, (WlDeviceKind) k);
      g_assert_cmpstr (name, ==, expected[k]);
      g_free (name);
    }

  wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  wl_lab_add_device (lab, WL_DEVICE_PC, "PC3");
  wl_lab_add_device (lab, WL_DEVICE_PC, "PC02"); /* not "PC2" */
  wl_lab_add_device (lab, WL_DEVICE_HUB, "PC2x");
  name = wl_lab_next_device_name (lab, WL_DEVICE_PC);
  g_assert_cmpstr (name, ==, "PC2"); /* fills the gap */
  wl_lab_add_device (lab, WL_DEVICE_PC, name);
  g_free (name);
  name = wl_lab_next_device_name (lab, WL_DEVICE_PC);
  g_assert_cmpstr (name, ==, "PC4");
  g_free (name);

  /* the name, not the kind, is what is taken */
  wl_lab_add_device (lab, WL_DEVICE_PC, "Switch1");
  name = wl_lab_next_device_name (lab, WL_DEVICE_SWITCH);
  g_assert_cmpstr (name, ==, "Switch2");
  g_free (name);
}

static void
test_ref_count (void)
{
  WlLab *lab = wl_lab_new ();

  g_assert_true (wl_lab_ref (lab) == lab);
  g_assert_cmpint (lab->ref_count, ==, 2);
  wl_lab_unref (lab);
  g_assert_cmpint (lab->ref_count, ==, 1);
  wl_lab_add_device (lab, WL_DEVICE_ROUTER, "R1"); /* freed with the lab (ASan checks) */
  wl_lab_unref (lab);
}

/* A small valid lab with one of everything. */
static WlLab *
make_lab (void)
{
  WlLab *lab = wl_lab_new ();
  WlLabDevice *pc = wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  WlLabDevice *router = wl_lab_add_device (lab, WL_DEVICE_ROUTER, "R1");
  WlLabRoute *route = g_new0 (WlLabRoute, 1);

  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "S1");
  g_free (lab->title);
  lab->title = g_strdup ("Test");
  iface_at (lab, 0, 0)->address = 0x0a000001; /* 10.0.0.1/24 */
  iface_at (lab, 0, 0)->prefix = 24;
  iface_at (lab, 1, 0)->address = 0x0a0000fe; /* 10.0.0.254/24 */
  iface_at (lab, 1, 0)->prefix = 24;
  pc->gateway = 0x0a0000fe;
  route->network = 0x0a090000; /* 10.9.0.0/16 via 10.0.0.2 */
  route->prefix = 16;
  route->via = 0x0a000002;
  g_ptr_array_add (router->routes, route);
  wl_lab_add_link (lab, "L1", 0, 0, 2, 0);
  wl_lab_add_link (lab, "L2", 1, 0, 2, 1);
  wl_lab_add_action (lab, WL_S, 0, "ping 10.0.0.254");
  return lab;
}

static void
test_equal (void)
{
  g_autoptr (WlLab) a = make_lab ();
  g_autoptr (WlLab) b = make_lab ();

  g_assert_true (wl_lab_equal (a, b));
  g_assert_true (wl_lab_equal (a, a));
  g_assert_false (wl_lab_equal (a, NULL));

  /* one field changed at a time, each must be seen */
  for (int change = 0; change < 12; change++)
    {
      g_autoptr (WlLab) c = make_lab ();
      WlLabLink *link = g_ptr_array_index (c->links, 1);
      WlLabRoute *route = g_ptr_array_index (wl_lab_get_device (c, 1)->routes, 0);

      switch (change)
        {
        case 0:
          c->seed = 2;
          break;
        case 1:
          wl_lab_get_device (c, 0)->y = 0.1;
          break;
        case 2:
          iface_at (c, 2, 5)->mac.b[5] ^= 1;
          break;
        case 3:
          iface_at (c, 0, 0)->mtu = 1400;
          break;
        case 4:
          route->prefix = 17;
          break;
        case 5:
          route->iface = g_strdup ("eth0");
          break;
        case 6:
          link->loss = 1e-12;
          break;
        case 7:
          link->if_b = 2;
          break;
        case 8:
          ((WlLabAction *) g_ptr_array_index (c->actions, 0))->time++;
          break;
        case 9:
          wl_lab_get_device (c, 2)->mac_ageing = 10 * WL_S;
          break;
        case 10:
          wl_lab_add_action (c, 0, 0, "arp -a");
          break;
        default:
          iface_at (c, 1, 1)->dhcp = TRUE;
          break;
        }
      if (wl_lab_equal (a, c))
        g_error ("change %d was not seen", change);
    }
}

static void
rename_device (WlLab *lab,
               guint index,
               char *name)
{
  WlLabDevice *dev = wl_lab_get_device (lab, index);

  g_free (dev->name);
  dev->name = name;
}

static void
set_address (WlLabIface *iface,
             guint32 address,
             guint prefix)
{
  iface->address = address;
  iface->prefix = prefix;
}

/* The rules, in the order of break_rule's cases: the error expected, and a text the
 * message must contain (the offending value, most of the time). */
static const struct
{
  WlLabError code;
  const char *needle;
} rules[] = {
  { WL_LAB_ERROR_INVALID, "“R 1”" },
  { WL_LAB_ERROR_INVALID, "“aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa”" },
  { WL_LAB_ERROR_DUPLICATE, "“R1”" },
  { WL_LAB_ERROR_DUPLICATE, "“eth1”" },
  { WL_LAB_ERROR_INVALID, "“eth/2”" },
  { WL_LAB_ERROR_INVALID, "has 0 interfaces" },
  { WL_LAB_ERROR_INVALID, "has 257 interfaces" },
  { WL_LAB_ERROR_INVALID, "MTU 67" },
  { WL_LAB_ERROR_INVALID, "MTU 9001" },
  { WL_LAB_ERROR_INVALID, "“p4”" },
  { WL_LAB_ERROR_INVALID, "“p5”" },
  { WL_LAB_ERROR_INVALID, "10.0.0.1/24" },
  { WL_LAB_ERROR_INVALID, "/33" },
  { WL_LAB_ERROR_INVALID, "/24 is set without an address" },
  { WL_LAB_ERROR_INVALID, "10.0.0.0/24 is the network address" },
  { WL_LAB_ERROR_INVALID, "10.0.0.255/24 is the broadcast address" },
  { WL_LAB_ERROR_INVALID, "“S1”" },
  { WL_LAB_ERROR_INVALID, "“PC1”" },
  { WL_LAB_ERROR_INVALID, "10.9.1.0/16" },
  { WL_LAB_ERROR_INVALID, "10.9.0.0/33" },
  { WL_LAB_ERROR_INVALID, "10.9.0.0/16 needs a next hop" },
  { WL_LAB_ERROR_NOT_FOUND, "“eth9”" },
  { WL_LAB_ERROR_INVALID, "Link name “”" },
  { WL_LAB_ERROR_DUPLICATE, "“L1”" },
  { WL_LAB_ERROR_NOT_FOUND, "device number 3" },
  { WL_LAB_ERROR_NOT_FOUND, "interface number 1" },
  { WL_LAB_ERROR_INVALID, "“S1:p6”" },
  { WL_LAB_ERROR_DUPLICATE, "“PC1:eth0”" },
  { WL_LAB_ERROR_INVALID, "delay 10000000001ns" },
  { WL_LAB_ERROR_INVALID, "jitter 11s" },
  { WL_LAB_ERROR_INVALID, "bandwidth 0 bit/s" },
  { WL_LAB_ERROR_INVALID, "bandwidth 100000000001 bit/s" },
  { WL_LAB_ERROR_INVALID, "loss 1.5" },
  { WL_LAB_ERROR_INVALID, "duplicate -0.25" },
  { WL_LAB_ERROR_INVALID, "ber nan" },
  { WL_LAB_ERROR_NOT_FOUND, "device number 7" },
  { WL_LAB_ERROR_INVALID, "empty" },
  { WL_LAB_ERROR_INVALID, "“ping\n10.0.0.1”" },
  { WL_LAB_ERROR_INVALID, "1024 characters" },
  { WL_LAB_ERROR_INVALID, "UTF-8" },
};

static void
break_rule (WlLab *lab,
            guint rule)
{
  WlLabDevice *r1 = wl_lab_get_device (lab, 1);
  WlLabDevice *s1 = wl_lab_get_device (lab, 2);
  WlLabIface *pc_eth0 = iface_at (lab, 0, 0);
  WlLabRoute *route = g_ptr_array_index (r1->routes, 0);
  WlLabLink *l1 = g_ptr_array_index (lab->links, 0);
  g_autofree char *long_command = g_strnfill (1025, 'x');

  switch (rule)
    {
    case 0:
      rename_device (lab, 1, g_strdup ("R 1"));
      break;
    case 1:
      rename_device (lab, 1, g_strnfill (33, 'a'));
      break;
    case 2:
      wl_lab_add_device (lab, WL_DEVICE_PC, "R1");
      break;
    case 3:
      wl_lab_device_add_iface (r1, "eth1");
      break;
    case 4:
      wl_lab_device_add_iface (r1, "eth/2");
      break;
    case 5:
      g_ptr_array_set_size (wl_lab_get_device (lab, 0)->ifaces, 0);
      break;
    case 6:
      for (guint i = s1->ifaces->len + 1; i <= 257; i++)
        {
          g_autofree char *name = g_strdup_printf ("p%u", i);

          wl_lab_device_add_iface (s1, name);
        }
      break;
    case 7:
      pc_eth0->mtu = 67;
      break;
    case 8:
      pc_eth0->mtu = 9001;
      break;
    case 9:
      set_address (iface_at (lab, 2, 3), 0x0a000009, 24);
      break;
    case 10:
      iface_at (lab, 2, 4)->dhcp = TRUE;
      break;
    case 11:
      pc_eth0->dhcp = TRUE;
      break;
    case 12:
      pc_eth0->prefix = 33;
      break;
    case 13:
      iface_at (lab, 1, 1)->prefix = 24;
      break;
    case 14:
      pc_eth0->address = 0x0a000000;
      break;
    case 15:
      pc_eth0->address = 0x0a0000ff;
      break;
    case 16:
      s1->gateway = 0x0a0000fe;
      break;
    case 17:
      wl_lab_get_device (lab, 0)->x = NAN;
      break;
    case 18:
      route->network = 0x0a090100;
      break;
    case 19:
      route->prefix = 33;
      break;
    case 20:
      route->via = 0;
      break;
    case 21:
      route->iface = g_strdup ("eth9");
      break;
    case 22:
      g_free (l1->name);
      l1->name = g_strdup ("");
      break;
    case 23:
      wl_lab_add_link (lab, "L1", 2, 5, 2, 6);
      break;
    case 24:
      l1->dev_b = 3;
      break;
    case 25:
      l1->if_a = 1;
      break;
    case 26:
      wl_lab_add_link (lab, "L3", 2, 5, 2, 5);
      break;
    case 27:
      wl_lab_add_link (lab, "L3", 2, 5, 0, 0);
      break;
    case 28:
      l1->delay = 10 * WL_S + 1;
      break;
    case 29:
      l1->jitter = 11 * WL_S;
      break;
    case 30:
      l1->bandwidth = 0;
      break;
    case 31:
      l1->bandwidth = G_GUINT64_CONSTANT (100000000001);
      break;
    case 32:
      l1->loss = 1.5;
      break;
    case 33:
      l1->duplicate = -0.25;
      break;
    case 34:
      l1->ber = NAN;
      break;
    case 35:
      wl_lab_add_action (lab, 0, 7, "ping 10.0.0.1");
      break;
    case 36:
      wl_lab_add_action (lab, 0, 0, "");
      break;
    case 37:
      wl_lab_add_action (lab, 0, 0, "ping\n10.0.0.1");
      break;
    case 38:
      wl_lab_add_action (lab, 0, 0, long_command);
      break;
    case 39:
      wl_lab_add_action (lab, 0, 0, "ping \xff");
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
test_validate_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr (WlLab) lab = make_lab ();
      g_autoptr (GError) error = NULL;

      g_assert_true (wl_lab_validate (lab, NULL));
      break_rule (lab, i);
      g_assert_false (wl_lab_validate (lab, &error));
      g_assert_error (error, WL_LAB_ERROR, (gint) rules[i].code);
      if (strstr (error->message, rules[i].needle) == NULL)
        g_error ("rule %u: “%s” does not contain “%s”", i, error->message, rules[i].needle);
    }
}

/* Near misses that are allowed. */
static void
test_validate_accepts (void)
{
  for (guint i = 0; i < 8; i++)
    {
      g_autoptr (WlLab) lab = make_lab ();
      g_autoptr (GError) error = NULL;
      WlLabDevice *r1 = wl_lab_get_device (lab, 1);
      WlLabRoute *route = g_ptr_array_index (r1->routes, 0);
      WlLabLink *l1 = g_ptr_array_index (lab->links, 0);
      g_autoptr (GString) command = g_string_new (NULL);

      switch (i)
        {
        case 0: /* /31: both addresses are hosts (RFC 3021) */
          set_address (iface_at (lab, 1, 1), 0xc0a80100, 31);
          break;
        case 1: /* /32: a single host */
          set_address (iface_at (lab, 1, 1), 0xc0a801ff, 32);
          break;
        case 2: /* duplicate MACs, on purpose */
          iface_at (lab, 1, 0)->mac = iface_at (lab, 0, 0)->mac;
          break;
        case 3:
          iface_at (lab, 1, 1)->dhcp = TRUE;
          break;
        case 4: /* an interface instead of a next hop */
          route->via = 0;
          route->iface = g_strdup ("eth1");
          break;
        case 5: /* every limit exactly */
          l1->delay = 10 * WL_S;
          l1->jitter = 10 * WL_S;
          l1->bandwidth = G_GUINT64_CONSTANT (100000000000);
          l1->loss = 1.0;
          iface_at (lab, 0, 0)->mtu = 68;
          iface_at (lab, 1, 0)->mtu = 9000;
          break;
        case 6: /* 1024 characters, 2048 bytes */
          for (int c = 0; c < 1024; c++)
            g_string_append (command, "\xc3\xa9");
          wl_lab_add_action (lab, 0, 0, command->str);
          break;
        default: /* the default route */
          route->network = 0;
          route->prefix = 0;
          break;
        }
      if (!wl_lab_validate (lab, &error))
        g_error ("case %u: %s", i, error->message);
    }
}

static void
test_validate_device_count (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < WL_LAB_MAX_DEVICES; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "H%u", i);
      wl_lab_add_device (lab, WL_DEVICE_PC, name);
    }
  g_assert_true (wl_lab_validate (lab, NULL));
  wl_lab_add_device (lab, WL_DEVICE_PC, "OneTooMany");
  g_assert_false (wl_lab_validate (lab, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "100001"));
}

static void
test_validate_sorts_actions (void)
{
  g_autoptr (WlLab) lab = make_lab ();
  const char *expected[] = { "a 0", "b 1", "c 1", "d 1", "e 2", "ping 10.0.0.254", "f 3" };

  /* make_lab's action is at 1 s; the letters give the order of adding */
  g_ptr_array_set_size (lab->actions, 0);
  wl_lab_add_action (lab, 3 * WL_S, 0, "f 3");
  wl_lab_add_action (lab, WL_MS, 0, "b 1");
  wl_lab_add_action (lab, 2 * WL_S, 0, "e 2");
  wl_lab_add_action (lab, WL_MS, 1, "c 1");
  wl_lab_add_action (lab, 0, 0, "a 0");
  wl_lab_add_action (lab, 2 * WL_S, 1, "ping 10.0.0.254");
  wl_lab_add_action (lab, WL_MS, 0, "d 1");
  g_assert_true (wl_lab_validate (lab, NULL));

  g_assert_cmpuint (lab->actions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < lab->actions->len; i++)
    {
      const WlLabAction *action = g_ptr_array_index (lab->actions, i);

      g_assert_cmpstr (action->command, ==, expected[i]);
    }
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/lab/model/add-device-defaults", test_add_device_defaults);
  g_test_add_func ("/engine/lab/model/default-mac", test_default_mac);
  g_test_add_func ("/engine/lab/model/add-iface-mac", test_add_iface_mac);
  g_test_add_func ("/engine/lab/model/find", test_find);
  g_test_add_func ("/engine/lab/model/next-device-name", test_next_device_name);
  g_test_add_func ("/engine/lab/model/ref-count", test_ref_count);
  g_test_add_func ("/engine/lab/model/equal", test_equal);
  g_test_add_func ("/engine/lab/validate/errors", test_validate_errors);
  g_test_add_func ("/engine/lab/validate/accepts", test_validate_accepts);
  g_test_add_func ("/engine/lab/validate/device-count", test_validate_device_count);
  g_test_add_func ("/engine/lab/validate/sorts-actions", test_validate_sorts_actions);

  return g_test_run ();
}
