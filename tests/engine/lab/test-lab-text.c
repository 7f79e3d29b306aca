/* The lab text: canonical texts survive text → lab → text unchanged, labs survive
 * lab → text → lab, omitted keys take their defaults, and every mistake is an error whose
 * message quotes the offending value. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "lab/wl-lab-text.h"

/* Uses every group and every key, each with a value that differs from its default. */
static const char canonical[] =
  "[lab]\n"
  "title=Every key\n"
  "description=Line one\\nLine two, with a \\\\ backslash\n"
  "seed=42\n"
  "\n"
  "[device PC1]\n"
  "kind=pc\n"
  "x=100.5\n"
  "y=-20\n"
  "gateway=10.0.0.254\n"
  "dns=10.0.0.53\n"
  "route=10.9.0.0/16 via 10.0.0.2;172.16.0.0/12 dev eth0;0.0.0.0/0 via 10.0.0.254 dev eth0\n"
  "\n"
  "[interface PC1 eth0]\n"
  "mac=aa:bb:cc:dd:ee:01\n"
  "address=10.0.0.1/24\n"
  "mtu=1400\n"
  "\n"
  "[device PC2]\n"
  "kind=pc\n"
  "x=0.1\n"
  "y=1e+20\n"
  "\n"
  "[interface PC2 eth0]\n"
  "address=dhcp\n"
  "\n"
  "[device Hub1]\n"
  "kind=hub\n"
  "x=0\n"
  "y=0\n"
  "ports=4\n"
  "\n"
  "[device Switch1]\n"
  "kind=switch\n"
  "x=0\n"
  "y=0\n"
  "interfaces=p1;p2;uplink\n"
  "mac-ageing=30s\n"
  "\n"
  "[device R1]\n"
  "kind=router\n"
  "x=0\n"
  "y=0\n"
  "route=192.168.2.0/24 via 192.168.1.2\n"
  "interfaces=eth0;eth1;wan\n"
  "\n"
  "[interface R1 eth1]\n"
  "mtu=9000\n"
  "\n"
  "[interface R1 wan]\n"
  "address=192.168.1.1/30\n"
  "\n"
  "[service R1 dhcp-relay]\n"
  "server=10.0.9.5\n"
  "interfaces=eth0;wan\n"
  "\n"
  "[service R1 dns-resolver]\n"
  "\n"
  "[device Rep1]\n"
  "kind=repeater\n"
  "x=0\n"
  "y=0\n"
  "\n"
  "[device Srv1]\n"
  "kind=server\n"
  "x=0\n"
  "y=0\n"
  "interfaces=eth0;eth1\n"
  "\n"
  "[interface Srv1 eth1]\n"
  "address=10.0.1.80/24\n"
  "\n"
  "[service Srv1 http-server]\n"
  "pages=/index.html;/a b.png\n"
  "motd=\\s« 实验 » \\\\ ;#[x]=y\n"
  "empty=\n"
  "\n"
  "[link L1]\n"
  "a=PC1:eth0\n"
  "b=Hub1:p1\n"
  "delay=5us\n"
  "bandwidth=10M\n"
  "jitter=1500ns\n"
  "loss=0.05\n"
  "duplicate=0.001\n"
  "ber=1e-06\n"
  "\n"
  "[link L2]\n"
  "a=PC2:eth0\n"
  "b=Hub1:p4\n"
  "\n"
  "[link uplink-1]\n"
  "a=Switch1:uplink\n"
  "b=R1:eth0\n"
  "bandwidth=9600\n"
  "\n"
  "[action 1]\n"
  "time=0\n"
  "device=PC2\n"
  "command=ipconfig /renew\n"
  "\n"
  "[action 2]\n"
  "time=1500us\n"
  "device=PC1\n"
  "command=ping -c 3 10.0.0.2\n"
  "\n"
  "[action 3]\n"
  "time=2s\n"
  "device=PC1\n"
  "command=\\secho \\\\ and ünïcode\n";

static WlLab *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  WlLab *lab = wl_lab_text_parse (text, -1, &error);

  if (lab == NULL)
    g_error ("parse failed: %s", error->message);
  return lab;
}

static WlLabIface *
iface_at (WlLab *lab,
          guint dev,
          guint iface)
{
  return g_ptr_array_index (wl_lab_get_device (lab, dev)->ifaces, iface);
}

static WlLabService *
service_at (WlLab *lab,
            guint dev,
            guint index)
{
  return g_ptr_array_index (wl_lab_get_device (lab, dev)->services, index);
}

static void
test_round_trip_text (void)
{
  g_autoptr (WlLab) lab = parse_ok (canonical);
  g_autoptr (WlLab) again = NULL;
  g_autofree char *text = wl_lab_text_write (lab);

  g_assert_cmpstr (text, ==, canonical);
  again = parse_ok (text);
  g_assert_true (wl_lab_equal (lab, again));

  /* spot checks that the values landed where they belong */
  g_assert_cmpstr (lab->description, ==, "Line one\nLine two, with a \\ backslash");
  g_assert_cmpuint (lab->seed, ==, 42);
  g_assert_cmpfloat (wl_lab_get_device (lab, 0)->x, ==, 100.5);
  g_assert_cmpuint (wl_lab_get_device (lab, 0)->routes->len, ==, 3);
  g_assert_cmpuint (wl_lab_get_device (lab, 2)->ifaces->len, ==, 4);
  g_assert_true (iface_at (lab, 1, 0)->dhcp);
  g_assert_cmpuint (iface_at (lab, 4, 2)->prefix, ==, 30);
  g_assert_cmpfloat (((WlLabLink *) g_ptr_array_index (lab->links, 0))->ber, ==, 1e-6);
  g_assert_cmpstr (((WlLabAction *) g_ptr_array_index (lab->actions, 2))->command, ==,
                   " echo \\ and ünïcode");
  g_assert_cmpuint (wl_lab_get_device (lab, 4)->services->len, ==, 2);
  g_assert_cmpuint (service_at (lab, 4, 1)->settings->len, ==, 0);
  g_assert_cmpstr (wl_lab_service_get (service_at (lab, 4, 0), "interfaces"), ==, "eth0;wan");
  g_assert_cmpstr (wl_lab_service_get (service_at (lab, 6, 0), "motd"), ==,
                   " « 实验 » \\ ;#[x]=y");
  g_assert_cmpstr (wl_lab_service_get (service_at (lab, 6, 0), "empty"), ==, "");
}

/* A lab built in code, with awkward doubles, goes through text and comes back equal. */
static void
test_round_trip_lab (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (WlLab) back = NULL;
  g_autofree char *text = NULL;
  WlLabDevice *pc = wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  WlLabDevice *sw = wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW");
  WlLabRoute *route = g_new0 (WlLabRoute, 1);
  WlLabLink *link;

  g_free (lab->title);
  lab->title = g_strdup (" leading space, trailing space ");
  lab->seed = 0;
  pc->x = 0.1 + 0.2; /* 0.30000000000000004 */
  pc->y = -1.0 / 3.0;
  sw->x = 1e300;
  sw->mac_ageing = 1;
  iface_at (lab, 0, 0)->address = 0xc0a80001;
  iface_at (lab, 0, 0)->prefix = 16;
  route->iface = g_strdup ("eth0");
  g_ptr_array_add (pc->routes, route); /* 0.0.0.0/0 dev eth0 */
  g_ptr_array_set_size (sw->ifaces, 3); /* p1..p3: written as ports=3 */
  link = wl_lab_add_link (lab, "L", 0, 0, 1, 2);
  link->loss = 1.0 / 7.0;
  link->duplicate = 5e-324; /* the smallest double */
  link->ber = 1.0;
  link->delay = 0;
  link->bandwidth = 1;
  wl_lab_add_action (lab, 7, 1, "show mac-address-table");
  g_assert_true (wl_lab_validate (lab, NULL));

  text = wl_lab_text_write (lab);
  g_assert_nonnull (strstr (text, "ports=3\n"));
  back = parse_ok (text);
  g_assert_true (wl_lab_equal (lab, back));
}

/* The sample lab of tests/engine/lab/labs/: canonical after its leading comment, so text →
 * lab → text gives it back byte for byte. */
static void
test_services_sample (void)
{
  const char *src = g_getenv ("WL_SOURCE_DIR");
  g_autofree char *path = g_build_filename (src != NULL ? src : WL_SOURCE_DIR, "tests", "engine",
                                            "lab", "labs", "services.lab", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autoptr (WlLab) lab = wl_lab_text_load (path, &error);
  g_autoptr (WlLab) again = NULL;
  g_auto (GStrv) records = NULL;
  const char *body;
  WlLabService *dns;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (body = contents; body[0] == '#'; body = strchr (body, '\n') + 1)
    ;
  text = wl_lab_text_write (lab);
  g_assert_cmpstr (text, ==, body);
  again = parse_ok (text);
  g_assert_true (wl_lab_equal (lab, again));

  /* what the modules will read */
  dns = wl_lab_device_find_service (wl_lab_get_device (lab, wl_lab_find_device (lab, "DNS1")),
                                    "dns-server");
  g_assert_nonnull (dns);
  records = wl_lab_service_dup_list (dns, "records");
  g_assert_cmpuint (g_strv_length (records), ==, 4);
  g_assert_cmpstr (records[0], ==, "www CNAME web");
  g_assert_cmpstr (records[3], ==, "mail A 10.0.0.25");
  g_assert_cmpstr (wl_lab_service_get (dns, "txt"), ==, "实验室 “welcome” — ünïcode ✓");
  g_assert_cmpstr (wl_lab_service_get (dns, "note"), ==,
                   "  leading blanks, a backslash \\ and # not a comment [nor a group]");
  g_assert_cmpstr (wl_lab_service_get (dns, "empty"), ==, "");
  g_assert_cmpuint (wl_lab_get_device (lab, 4)->services->len, ==, 2);
  g_assert_cmpstr (service_at (lab, 4, 1)->kind, ==, "dns-resolver");
  g_assert_cmpstr (wl_lab_service_get (service_at (lab, 1, 0), "server"), ==, "10.0.0.5");
}

/* Awkward values built in code go through the text and come back equal, and the text they
 * make is canonical. */
static void
test_services_round_trip_lab (void)
{
  static const char *const values[] = {
    "  two leading blanks", "two trailing blanks  ", " ", "", "\\back\\slash\\",
    "\\n is not a line break", "#hash", "[not a group]", "a=b=c", ";;", "a;b;",
    "ü 中文 ✓ 🙂", "quote \" and ' and `", "\u2028 line separator: not Cc",
  };
  g_autoptr (WlLab) lab = wl_lab_new ();
  g_autoptr (WlLab) back = NULL;
  g_autoptr (WlLab) twice = NULL;
  g_autofree char *text = NULL;
  g_autofree char *again = NULL;
  g_autofree char *big = g_strnfill (WL_LAB_MAX_SERVICE_VALUE, 'b');
  WlLabDevice *router = wl_lab_add_device (lab, WL_DEVICE_ROUTER, "R1");
  WlLabService *svc = wl_lab_device_add_service (router, "z-last-but-first");

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *key = g_strdup_printf ("v%zu", G_N_ELEMENTS (values) - i);

      wl_lab_service_set (svc, key, values[i]);
    }
  wl_lab_service_set (svc, "big", big);
  wl_lab_device_add_service (router, "a-empty");
  wl_lab_device_add_service (wl_lab_add_device (lab, WL_DEVICE_PC, "PC1"), "x");
  g_assert_true (wl_lab_validate (lab, NULL));

  text = wl_lab_text_write (lab);
  back = parse_ok (text);
  g_assert_true (wl_lab_equal (lab, back));
  again = wl_lab_text_write (back);
  g_assert_cmpstr (again, ==, text);
  /* the kinds and keys keep the lab's order, not an alphabetical one */
  g_assert_nonnull (strstr (text, "[service R1 z-last-but-first]\nv14=\\s\\stwo leading"));
  g_assert_nonnull (strstr (text, "[service R1 a-empty]\n\n[device PC1]"));
  g_assert_nonnull (strstr (text, "[service PC1 x]\n"));
  twice = parse_ok (again);
  g_assert_true (wl_lab_equal (lab, twice));
}

/* Non-canonical spellings are read and written back in canonical form. */
static void
test_canonical_form (void)
{
  static const char input[] =
    "# a comment\n"
    "[action late]\n"
    "device=H\n"
    "time=2.0s\n"
    "command=two\n"
    "[link L]\n"
    "bandwidth=100Mbit/s\n"
    "a=H:p1\n"
    "b=PC:eth0\n"
    "loss=5%\n"
    "delay=0.001ms   \n"
    "[action early]\n"
    "device=PC\n"
    "command=one\n"
    "[device PC]\n"
    "y=3\n"
    "kind=pc\n"
    "x = 7.50\n"
    "interfaces=eth0\n"
    "[interface PC eth0]\n"
    "mac=02-00-00-00-01-00\n"
    "mtu=1500\n"
    "[device H]\n"
    "kind=hub\n"
    "ports=8\n"
    "mac-ageing=300000ms\n"
    "[lab]\n"
    "seed=1\n";
  static const char expected[] =
    "[lab]\n"
    "title=\n"
    "\n"
    "[device PC]\n"
    "kind=pc\n"
    "x=7.5\n"
    "y=3\n"
    "\n"
    "[device H]\n"
    "kind=hub\n"
    "x=0\n"
    "y=0\n"
    "\n"
    "[link L]\n"
    "a=H:p1\n"
    "b=PC:eth0\n"
    "loss=0.05\n"
    "\n"
    "[action 1]\n"
    "time=0\n"
    "device=PC\n"
    "command=one\n"
    "\n"
    "[action 2]\n"
    "time=2s\n"
    "device=H\n"
    "command=two\n";
  g_autoptr (WlLab) lab = parse_ok (input);
  g_autofree char *text = wl_lab_text_write (lab);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_defaults (void)
{
  g_autoptr (WlLab) lab = parse_ok ("[device R]\nkind=router\n"
                                    "[device S]\nkind=switch\n"
                                    "[link L]\na=R:eth1\nb=S:p8\n"
                                    "[action x]\ndevice=R\ncommand=route print\n");
  WlLabDevice *r = wl_lab_get_device (lab, 0);
  WlLabLink *link = g_ptr_array_index (lab->links, 0);
  WlLabAction *action = g_ptr_array_index (lab->actions, 0);
  char buf[18];

  g_assert_cmpstr (lab->title, ==, "");
  g_assert_cmpstr (lab->description, ==, "");
  g_assert_cmpuint (lab->seed, ==, 1);
  g_assert_cmpfloat (r->x, ==, 0.0);
  g_assert_cmpuint (r->gateway, ==, 0);
  g_assert_cmpuint (r->dns, ==, 0);
  g_assert_cmpuint (r->routes->len, ==, 0);
  g_assert_cmpuint (r->ifaces->len, ==, 2);
  g_assert_cmpuint (wl_lab_get_device (lab, 1)->ifaces->len, ==, 8);
  g_assert_cmpuint (wl_lab_get_device (lab, 1)->mac_ageing, ==, 300 * WL_S);
  g_assert_cmpstr (wl_mac_format (&iface_at (lab, 0, 1)->mac, buf), ==, "02:00:00:00:01:01");
  g_assert_cmpstr (wl_mac_format (&iface_at (lab, 1, 7)->mac, buf), ==, "02:00:00:00:02:07");
  g_assert_cmpuint (iface_at (lab, 0, 1)->mtu, ==, 1500);
  g_assert_cmpuint (iface_at (lab, 0, 1)->address, ==, 0);
  g_assert_false (iface_at (lab, 0, 1)->dhcp);
  g_assert_cmpuint (link->dev_a, ==, 0);
  g_assert_cmpuint (link->if_a, ==, 1);
  g_assert_cmpuint (link->dev_b, ==, 1);
  g_assert_cmpuint (link->if_b, ==, 7);
  g_assert_cmpuint (link->delay, ==, WL_US);
  g_assert_cmpuint (link->bandwidth, ==, 100000000);
  g_assert_cmpuint (link->jitter, ==, 0);
  g_assert_cmpfloat (link->loss, ==, 0.0);
  g_assert_cmpfloat (link->duplicate, ==, 0.0);
  g_assert_cmpfloat (link->ber, ==, 0.0);
  g_assert_cmpuint (action->time, ==, 0);

  /* an empty text is an empty lab */
  g_clear_pointer (&lab, wl_lab_unref);
  lab = parse_ok ("");
  g_assert_cmpuint (lab->devices->len, ==, 0);
}

/* Actions run by time, then in the order of the file, whatever their labels. */
static void
test_action_order (void)
{
  g_autoptr (WlLab) lab = parse_ok ("[action z]\ntime=1s\ndevice=A\ncommand=first at 1s\n"
                                    "[action a]\ntime=2s\ndevice=A\ncommand=at 2s\n"
                                    "[action 10]\ntime=1s\ndevice=A\ncommand=second at 1s\n"
                                    "[action 9]\ntime=0\ndevice=A\ncommand=at 0\n"
                                    "[device A]\nkind=server\n");
  const char *expected[] = { "at 0", "first at 1s", "second at 1s", "at 2s" };

  g_assert_cmpuint (lab->actions->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (((WlLabAction *) g_ptr_array_index (lab->actions, i))->command, ==,
                     expected[i]);
}

/* A valid two-PC lab to break one line at a time. */
#define BASE                                                                                 \
  "[device PC1]\nkind=pc\n[device PC2]\nkind=pc\n[device Hub1]\nkind=hub\n"                  \
  "[link L1]\na=PC1:eth0\nb=Hub1:p1\n"

static void
test_errors (void)
{
  const struct
  {
    const char *text;
    WlLabError code;
    const char *needle;
  } cases[] = {
    { BASE "[interface PC1 eth0]\naddress=300.1.1.1/24\n", WL_LAB_ERROR_INVALID, "300.1.1.1/24" },
    { BASE "[interface PC1 eth0]\naddress=10.0.0.1/33\n", WL_LAB_ERROR_INVALID, "10.0.0.1/33" },
    { BASE "[interface PC1 eth0]\naddress=10.0.0.0/24\n", WL_LAB_ERROR_INVALID, "10.0.0.0/24" },
    { BASE "[interface PC1 eth0]\naddress=10.0.0.255/24\n", WL_LAB_ERROR_INVALID,
      "10.0.0.255/24" },
    { BASE "[interface PC1 eth0]\nmac=02:00:00:00:01\n", WL_LAB_ERROR_INVALID,
      "02:00:00:00:01" },
    { BASE "[interface PC1 eth0]\nmtu=70000\n", WL_LAB_ERROR_INVALID, "70000" },
    { BASE "[interface PC1 eth0]\nmtu=big\n", WL_LAB_ERROR_INVALID, "mtu=big" },
    { BASE "[interface Hub1 p2]\naddress=dhcp\n", WL_LAB_ERROR_INVALID, "“p2”" },
    { BASE "[interface PC9 eth0]\nmtu=1400\n", WL_LAB_ERROR_NOT_FOUND, "“PC9”" },
    { BASE "[interface PC1 eth7]\nmtu=1400\n", WL_LAB_ERROR_NOT_FOUND, "“eth7”" },
    { BASE "[interface PC1]\nmtu=1400\n", WL_LAB_ERROR_SYNTAX, "[interface PC1]" },
    { BASE "[device PC3]\nkind=pc\ncolour=red\n", WL_LAB_ERROR_SYNTAX, "“colour”" },
    { BASE "[device PC3]\nkind=pc\nx=1\nx=2\n", WL_LAB_ERROR_DUPLICATE, "“x”" },
    { BASE "[device PC3]\nx=1\n", WL_LAB_ERROR_SYNTAX, "“kind”" },
    { BASE "[device PC3]\nkind=laptop\n", WL_LAB_ERROR_INVALID, "laptop" },
    { BASE "[device PC3]\nkind=pc\nx=1,5\n", WL_LAB_ERROR_INVALID, "x=1,5" },
    { BASE "[device PC3]\nkind=pc\ny=inf\n", WL_LAB_ERROR_INVALID, "y=inf" },
    { BASE "[device PC3]\nkind=pc\ngateway=10.0.0\n", WL_LAB_ERROR_INVALID, "10.0.0" },
    { BASE "[device PC3]\nkind=pc\nports=2\n", WL_LAB_ERROR_INVALID, "ports=2" },
    { BASE "[device H2]\nkind=hub\nports=257\n", WL_LAB_ERROR_INVALID, "257" },
    { BASE "[device H2]\nkind=hub\nports=2\ninterfaces=a;b\n", WL_LAB_ERROR_INVALID, "ports" },
    { BASE "[device PC3]\nkind=pc\ninterfaces=eth0;eth0\n", WL_LAB_ERROR_DUPLICATE, "“eth0”" },
    { BASE "[device PC3]\nkind=pc\ninterfaces=\n", WL_LAB_ERROR_INVALID, "0 interfaces" },
    { BASE "[device PC3]\nkind=pc\nroute=10.9.1.0/16 via 10.0.0.2\n", WL_LAB_ERROR_INVALID,
      "10.9.1.0/16" },
    { BASE "[device PC3]\nkind=pc\nroute=10.9.0.0/16 by 10.0.0.2\n", WL_LAB_ERROR_INVALID,
      "10.9.0.0/16 by 10.0.0.2" },
    { BASE "[device PC3]\nkind=pc\nroute=10.9.0.0/16\n", WL_LAB_ERROR_INVALID, "10.9.0.0/16" },
    { BASE "[device PC3]\nkind=pc\nroute=10.9.0.0/16 dev eth5\n", WL_LAB_ERROR_NOT_FOUND,
      "“eth5”" },
    { BASE "[device PC3]\nkind=pc\nmac-ageing=5min\n", WL_LAB_ERROR_INVALID, "5min" },
    { BASE "[device PC1]\nx=5\n", WL_LAB_ERROR_DUPLICATE, "[device PC1]" },
    { BASE "[link L1]\ndelay=5us\n", WL_LAB_ERROR_DUPLICATE, "[link L1]" },
    { BASE "[device PC 3]\nkind=pc\n", WL_LAB_ERROR_INVALID, "“PC 3”" },
    { BASE "[link L2]\na=PC9:eth0\nb=Hub1:p2\n", WL_LAB_ERROR_NOT_FOUND, "“PC9”" },
    { BASE "[link L2]\na=PC2:eth1\nb=Hub1:p2\n", WL_LAB_ERROR_NOT_FOUND, "“eth1”" },
    { BASE "[link L2]\na=PC2\nb=Hub1:p2\n", WL_LAB_ERROR_INVALID, "a=PC2" },
    { BASE "[link L2]\na=PC2:eth0\n", WL_LAB_ERROR_SYNTAX, "“b”" },
    { BASE "[link L2]\na=PC1:eth0\nb=Hub1:p2\n", WL_LAB_ERROR_DUPLICATE, "“PC1:eth0”" },
    { BASE "[link L2]\na=PC2:eth0\nb=PC2:eth0\n", WL_LAB_ERROR_INVALID, "“PC2:eth0”" },
    { BASE "[link L2]\na=PC2:eth0\nb=Hub1:p2\ndelay=1.5\n", WL_LAB_ERROR_INVALID, "1.5" },
    { BASE "[link L2]\na=PC2:eth0\nb=Hub1:p2\ndelay=11s\n", WL_LAB_ERROR_INVALID, "11s" },
    { BASE "[link L2]\na=PC2:eth0\nb=Hub1:p2\nbandwidth=fast\n", WL_LAB_ERROR_INVALID, "fast" },
    { BASE "[link L2]\na=PC2:eth0\nb=Hub1:p2\nbandwidth=0\n", WL_LAB_ERROR_INVALID, "bandwidth 0" },
    { BASE "[link L2]\na=PC2:eth0\nb=Hub1:p2\nloss=2\n", WL_LAB_ERROR_INVALID, "loss=2" },
    { BASE "[link L2]\na=PC2:eth0\nb=Hub1:p2\nber=-1e-6\n", WL_LAB_ERROR_INVALID, "-1e-6" },
    { BASE "[action 1]\ndevice=Nobody\ncommand=ping 10.0.0.1\n", WL_LAB_ERROR_NOT_FOUND,
      "“Nobody”" },
    { BASE "[action 1]\ndevice=PC1\n", WL_LAB_ERROR_SYNTAX, "“command”" },
    { BASE "[action 1]\ndevice=PC1\ncommand=\n", WL_LAB_ERROR_INVALID, "empty" },
    { BASE "[action 1]\ndevice=PC1\ncommand=a\\nb\n", WL_LAB_ERROR_INVALID, "line break" },
    { BASE "[action 1]\ndevice=PC1\ntime=-1s\ncommand=x\n", WL_LAB_ERROR_INVALID, "-1s" },
    { BASE "[lab]\nseed=-1\n", WL_LAB_ERROR_INVALID, "seed=-1" },
    { BASE "[lab]\ntitle[zh_CN]=实验\n", WL_LAB_ERROR_SYNTAX, "title[zh_CN]" },
    { BASE "[devcie PC3]\nkind=pc\n", WL_LAB_ERROR_SYNTAX, "[devcie PC3]" },
    { BASE "this is not a key\n", WL_LAB_ERROR_SYNTAX, "this is not a key" },
    { BASE "[lab]\ntitle=\xff\n", WL_LAB_ERROR_SYNTAX, "UTF-8" },
    { BASE "[action 1]\ndevice=PC1\ncommand=echo a\\;b\n", WL_LAB_ERROR_SYNTAX,
      "[action 1] command" },
    { BASE "[service PC9 dns-server]\nzone=lab.test\n", WL_LAB_ERROR_NOT_FOUND,
      "[service PC9 dns-server]: there is no device “PC9”" },
    { BASE "[service PC1]\nzone=lab.test\n", WL_LAB_ERROR_SYNTAX, "[service PC1]" },
    { BASE "[service PC1 dns-server]\nzone=a\n[service PC1 dns-server]\nzone=b\n",
      WL_LAB_ERROR_DUPLICATE, "[service PC1 dns-server] is given twice" },
    { BASE "[service PC1 dns-server]\nzone=a\nzone=b\n", WL_LAB_ERROR_DUPLICATE, "“zone”" },
    { BASE "[service Hub1 dns-server]\nzone=lab.test\n", WL_LAB_ERROR_INVALID,
      "hubs, repeaters and switches run no services" },
    { BASE "[service PC1 DNS]\n", WL_LAB_ERROR_INVALID, "service name “DNS”" },
    { BASE "[service PC1 dns server]\n", WL_LAB_ERROR_INVALID, "service name “dns server”" },
    { BASE "[service PC1 dns-server]\nZone=lab.test\n", WL_LAB_ERROR_INVALID, "key “Zone”" },
    { BASE "[service PC1 dns-server]\nzone[zh_CN]=x\n", WL_LAB_ERROR_INVALID, "zone[zh_CN]" },
    { BASE "[service PC1 dns-server]\nrecords=a\\;b\n", WL_LAB_ERROR_SYNTAX,
      "[service PC1 dns-server] records" },
    { BASE "[service PC1 dns-server]\nrecords=a\\nb\n", WL_LAB_ERROR_INVALID,
      "U+000A (“a\\nb”)" },
    { BASE "[service PC1 dns-server]\nrecords=a\\tb\n", WL_LAB_ERROR_INVALID, "U+0009" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (WlLab) lab = wl_lab_text_parse (cases[i].text, -1, &error);

      if (lab != NULL)
        g_error ("case %zu was accepted:\n%s", i, cases[i].text);
      g_assert_error (error, WL_LAB_ERROR, (gint) cases[i].code);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %zu: “%s” does not contain “%s”", i, error->message, cases[i].needle);
    }

  /* the base itself is fine, so each case fails for its own line */
  g_autoptr (WlLab) base = parse_ok (BASE);
  g_assert_cmpuint (base->links->len, ==, 1);
}

/* An explicit length: what follows it is not read. */
static void
test_length (void)
{
  static const char text[] = "[device A]\nkind=pc\n[device B]\nkind=pc\n";
  g_autoptr (WlLab) lab = wl_lab_text_parse (text, strlen ("[device A]\nkind=pc\n"), NULL);

  g_assert_nonnull (lab);
  g_assert_cmpuint (lab->devices->len, ==, 1);
}

static void
test_save_load (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("wl-lab-text-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (WlLab) lab = parse_ok (canonical);
  g_autoptr (WlLab) loaded = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "lab.wltext", NULL);
  missing = g_build_filename (dir, "missing.wltext", NULL);
  bad = g_build_filename (dir, "bad.wltext", NULL);

  g_assert_true (wl_lab_text_save (lab, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, canonical);
  loaded = wl_lab_text_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (wl_lab_equal (lab, loaded));

  g_assert_null (wl_lab_text_load (missing, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  /* a content error names the file */
  g_assert_true (g_file_set_contents (bad, "[device X]\nkind=toaster\n", -1, NULL));
  g_assert_null (wl_lab_text_load (bad, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "bad.wltext"));
  g_assert_nonnull (strstr (error->message, "toaster"));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_unlink (bad), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/lab/text/round-trip", test_round_trip_text);
  g_test_add_func ("/engine/lab/text/round-trip-lab", test_round_trip_lab);
  g_test_add_func ("/engine/lab/text/services-sample", test_services_sample);
  g_test_add_func ("/engine/lab/text/services-round-trip-lab", test_services_round_trip_lab);
  g_test_add_func ("/engine/lab/text/canonical-form", test_canonical_form);
  g_test_add_func ("/engine/lab/text/defaults", test_defaults);
  g_test_add_func ("/engine/lab/text/action-order", test_action_order);
  g_test_add_func ("/engine/lab/text/errors", test_errors);
  g_test_add_func ("/engine/lab/text/length", test_length);
  g_test_add_func ("/engine/lab/text/save-load", test_save_load);

  return g_test_run ();
}
