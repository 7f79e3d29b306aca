/* Services of devices: the model (add, find, remove, set, get, lists, copies, equality),
 * every generic rule of wl_lab_validate broken on purpose, and the registry through which
 * service modules check their own settings. */
#include "config.h"

#include <string.h>

#include "lab/wl-lab.h"

/* PC1 and R1 run a service each; S1 (a switch) runs none. */
static WlLab *
make_lab (void)
{
  WlLab *lab = wl_lab_new ();
  WlLabDevice *pc = wl_lab_add_device (lab, WL_DEVICE_PC, "PC1");
  WlLabDevice *router = wl_lab_add_device (lab, WL_DEVICE_ROUTER, "R1");
  WlLabService *svc;

  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "S1");
  wl_lab_add_device (lab, WL_DEVICE_SERVER, "Srv1");
  svc = wl_lab_device_add_service (pc, "http-server");
  wl_lab_service_set (svc, "pages", "/index.html;/a.png");
  wl_lab_service_set (svc, "title", "实验 ✓");
  svc = wl_lab_device_add_service (router, "dhcp-relay");
  wl_lab_service_set (svc, "server", "10.0.9.5");
  return lab;
}

static WlLabService *
service_at (WlLab *lab,
            guint dev,
            guint index)
{
  return g_ptr_array_index (wl_lab_get_device (lab, dev)->services, index);
}

static void
assert_settings (const WlLabService *svc,
                 const char *expected)
{
  g_autoptr (GString) s = g_string_new (NULL);

  for (guint i = 0; i < svc->settings->len; i++)
    {
      const WlLabSetting *setting = g_ptr_array_index (svc->settings, i);

      g_string_append_printf (s, "%s%s=%s", i > 0 ? " " : "", setting->key, setting->value);
    }
  g_assert_cmpstr (s->str, ==, expected);
}

static void
test_model (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  WlLabDevice *dev = wl_lab_add_device (lab, WL_DEVICE_SERVER, "Server1");
  WlLabService *dhcp, *dns, *web;

  g_assert_nonnull (dev->services);
  g_assert_cmpuint (dev->services->len, ==, 0);
  g_assert_null (wl_lab_device_find_service (dev, "dhcp-server"));

  dhcp = wl_lab_device_add_service (dev, "dhcp-server");
  dns = wl_lab_device_add_service (dev, "dns-server");
  web = wl_lab_device_add_service (dev, "http-server");
  g_assert_cmpstr (dhcp->kind, ==, "dhcp-server");
  g_assert_cmpuint (dhcp->settings->len, ==, 0);
  g_assert_true (wl_lab_device_find_service (dev, "dns-server") == dns);
  g_assert_true (wl_lab_device_find_service (dev, "http-server") == web);
  g_assert_null (wl_lab_device_find_service (dev, "dns"));

  /* set appends new keys in order and replaces old ones in place */
  wl_lab_service_set (dhcp, "pool", "10.0.0.100-10.0.0.199");
  wl_lab_service_set (dhcp, "lease", "1h");
  wl_lab_service_set (dhcp, "router", "10.0.0.254");
  assert_settings (dhcp, "pool=10.0.0.100-10.0.0.199 lease=1h router=10.0.0.254");
  wl_lab_service_set (dhcp, "lease", "2h");
  assert_settings (dhcp, "pool=10.0.0.100-10.0.0.199 lease=2h router=10.0.0.254");
  /* a value set to itself (the pointer the service owns) survives */
  wl_lab_service_set (dhcp, "router", wl_lab_service_get (dhcp, "router"));
  g_assert_cmpstr (wl_lab_service_get (dhcp, "router"), ==, "10.0.0.254");
  g_assert_cmpstr (wl_lab_service_get (dhcp, "lease"), ==, "2h");
  g_assert_null (wl_lab_service_get (dhcp, "dns"));
  g_assert_null (wl_lab_service_get (dns, "lease")); /* each service its own keys */

  g_assert_true (wl_lab_service_unset (dhcp, "pool"));
  g_assert_false (wl_lab_service_unset (dhcp, "pool"));
  assert_settings (dhcp, "lease=2h router=10.0.0.254");

  /* removing keeps the others in order */
  g_assert_true (wl_lab_device_remove_service (dev, "dns-server"));
  g_assert_false (wl_lab_device_remove_service (dev, "dns-server"));
  g_assert_cmpuint (dev->services->len, ==, 2);
  g_assert_true (g_ptr_array_index (dev->services, 0) == dhcp);
  g_assert_true (g_ptr_array_index (dev->services, 1) == web);
  g_assert_null (wl_lab_device_find_service (dev, "dns-server"));
  g_assert_true (wl_lab_validate (lab, NULL));
}

static void
test_dup_list (void)
{
  g_autoptr (WlLab) lab = wl_lab_new ();
  WlLabDevice *dev = wl_lab_add_device (lab, WL_DEVICE_SERVER, "DNS1");
  WlLabService *svc = wl_lab_device_add_service (dev, "dns-server");
  g_auto (GStrv) records = NULL;
  g_auto (GStrv) one = NULL;
  g_auto (GStrv) none = NULL;

  wl_lab_service_set (svc, "records", " www CNAME web ;web A 10.0.0.80;; ;");
  wl_lab_service_set (svc, "zone", "lab.test");
  wl_lab_service_set (svc, "empty", "");
  records = wl_lab_service_dup_list (svc, "records");
  g_assert_cmpuint (g_strv_length (records), ==, 2);
  g_assert_cmpstr (records[0], ==, "www CNAME web");
  g_assert_cmpstr (records[1], ==, "web A 10.0.0.80");
  one = wl_lab_service_dup_list (svc, "zone");
  g_assert_cmpuint (g_strv_length (one), ==, 1);
  g_assert_cmpstr (one[0], ==, "lab.test");
  none = wl_lab_service_dup_list (svc, "empty");
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);
  g_assert_null (wl_lab_service_dup_list (svc, "missing"));
}

static void
test_copy_and_equal (void)
{
  g_autoptr (WlLab) a = make_lab ();
  g_autoptr (WlLab) b = wl_lab_new ();

  /* a copy made with wl_lab_device_copy_services is equal */
  for (guint i = 0; i < a->devices->len; i++)
    {
      WlLabDevice *from = wl_lab_get_device (a, i);
      WlLabDevice *to = wl_lab_add_device (b, from->kind, from->name);

      wl_lab_device_copy_services (to, from);
    }
  g_assert_true (wl_lab_equal (a, b));
  g_assert_true (service_at (a, 0, 0) != service_at (b, 0, 0)); /* deep */

  /* every difference is seen */
  for (int change = 0; change < 7; change++)
    {
      g_autoptr (WlLab) c = make_lab ();
      WlLabService *web = service_at (c, 0, 0);
      WlLabSetting *pages = g_ptr_array_index (web->settings, 0);

      switch (change)
        {
        case 0:
          wl_lab_service_set (web, "pages", "/index.html");
          break;
        case 1:
          wl_lab_service_set (web, "extra", "");
          break;
        case 2:
          wl_lab_service_unset (web, "title");
          break;
        case 3: /* same settings, other order */
          g_ptr_array_steal_index (web->settings, 0);
          g_ptr_array_add (web->settings, pages);
          break;
        case 4:
          g_free (web->kind);
          web->kind = g_strdup ("http-proxy");
          break;
        case 5:
          wl_lab_device_add_service (wl_lab_get_device (c, 3), "dns-server");
          break;
        default:
          wl_lab_device_remove_service (wl_lab_get_device (c, 1), "dhcp-relay");
          break;
        }
      if (wl_lab_equal (a, c))
        g_error ("change %d was not seen", change);
    }
}

/* The generic rules, in the order of break_rule's cases: the error expected and a text the
 * message must hold (the offending value, most of the time). */
static const struct
{
  WlLabError code;
  const char *needle;
} rules[] = {
  { WL_LAB_ERROR_INVALID, "“S1”: service “dns-server”: hubs, repeaters and switches" },
  { WL_LAB_ERROR_INVALID, "has 33 services; at most 32" },
  { WL_LAB_ERROR_INVALID, "service name “DHCP-Server”" },
  { WL_LAB_ERROR_INVALID, "service name “”" },
  { WL_LAB_ERROR_INVALID, "service name “aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa”" },
  { WL_LAB_ERROR_INVALID, "service name “dns_server”" },
  { WL_LAB_ERROR_DUPLICATE, "“R1” runs the service “dhcp-relay” twice" },
  { WL_LAB_ERROR_INVALID, "has 257 settings; at most 256" },
  { WL_LAB_ERROR_INVALID, "the key “Server”" },
  { WL_LAB_ERROR_INVALID, "the key “”" },
  { WL_LAB_ERROR_INVALID, "the key “kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk”" },
  { WL_LAB_ERROR_INVALID, "the key “pool[zh_CN]”" },
  { WL_LAB_ERROR_DUPLICATE, "has the key “server” twice" },
  { WL_LAB_ERROR_INVALID, "“title” is not valid UTF-8 (“bad \xef\xbf\xbd”)" },
  { WL_LAB_ERROR_INVALID, "“pages” is 4097 bytes long; at most 4096" },
  { WL_LAB_ERROR_INVALID, "U+000A (“/index.html\\n/a.png”)" },
  { WL_LAB_ERROR_INVALID, "U+0009 (“a\\tb”)" },
  { WL_LAB_ERROR_INVALID, "U+007F (“del\\u007F”)" },
  { WL_LAB_ERROR_INVALID, "U+0085 (“next line\\u0085”)" },
  { WL_LAB_ERROR_INVALID, "the key “server” has no value" },
};

static void
break_rule (WlLab *lab,
            guint rule)
{
  WlLabDevice *pc = wl_lab_get_device (lab, 0);
  WlLabDevice *router = wl_lab_get_device (lab, 1);
  WlLabService *web = service_at (lab, 0, 0);
  WlLabService *relay = service_at (lab, 1, 0);
  g_autofree char *long_value = g_strnfill (WL_LAB_MAX_SERVICE_VALUE + 1, 'x');
  g_autofree char *long_name = g_strnfill (33, 'a');
  g_autofree char *long_key = g_strnfill (33, 'k');

  switch (rule)
    {
    case 0:
      wl_lab_device_add_service (wl_lab_get_device (lab, 2), "dns-server");
      break;
    case 1:
      for (guint i = 1; i <= WL_LAB_MAX_SERVICES; i++)
        {
          g_autofree char *kind = g_strdup_printf ("s%u", i);

          wl_lab_device_add_service (pc, kind);
        }
      break;
    case 2:
      wl_lab_device_add_service (router, "DHCP-Server");
      break;
    case 3:
      wl_lab_device_add_service (router, "");
      break;
    case 4:
      wl_lab_device_add_service (router, long_name);
      break;
    case 5:
      wl_lab_device_add_service (router, "dns_server");
      break;
    case 6:
      wl_lab_device_add_service (router, "dhcp-relay");
      break;
    case 7:
      for (guint i = 0; i < WL_LAB_MAX_SERVICE_SETTINGS; i++)
        {
          g_autofree char *key = g_strdup_printf ("k%u", i);

          wl_lab_service_set (relay, key, "v");
        }
      break;
    case 8:
      wl_lab_service_set (relay, "Server", "10.0.9.6");
      break;
    case 9:
      wl_lab_service_set (relay, "", "10.0.9.6");
      break;
    case 10:
      wl_lab_service_set (relay, long_key, "10.0.9.6");
      break;
    case 11:
      wl_lab_service_set (relay, "pool[zh_CN]", "x");
      break;
    case 12: /* set would replace: make the second one by hand, as a loader might */
      {
        WlLabSetting *again = g_new0 (WlLabSetting, 1);

        again->key = g_strdup ("server");
        again->value = g_strdup ("10.0.9.6");
        g_ptr_array_add (relay->settings, again);
      }
      break;
    case 13:
      wl_lab_service_set (web, "title", "bad \xff");
      break;
    case 14:
      wl_lab_service_set (web, "pages", long_value);
      break;
    case 15:
      wl_lab_service_set (web, "pages", "/index.html\n/a.png");
      break;
    case 16:
      wl_lab_service_set (web, "pages", "a\tb");
      break;
    case 17:
      wl_lab_service_set (web, "pages", "del\x7f");
      break;
    case 18: /* C1 control NEL, U+0085 */
      wl_lab_service_set (web, "pages", "next line\xc2\x85");
      break;
    case 19:
      g_clear_pointer (&((WlLabSetting *) g_ptr_array_index (relay->settings, 0))->value, g_free);
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
      g_test_message ("rule %u: %s", i, error->message);
      if (strstr (error->message, rules[i].needle) == NULL)
        g_error ("rule %u: “%s” does not contain “%s”", i, error->message, rules[i].needle);
    }
}

/* Long values are quoted short: a message never carries a whole 4 KB value. */
static void
test_validate_quotes_short (void)
{
  g_autoptr (WlLab) lab = make_lab ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) value = g_string_new (NULL);

  for (guint i = 0; i < 1000; i++)
    g_string_append (value, "实验");
  wl_lab_service_set (service_at (lab, 0, 0), "pages", value->str); /* 6000 bytes */
  g_assert_false (wl_lab_validate (lab, &error));
  g_assert_nonnull (strstr (error->message, "6000 bytes"));
  g_assert_nonnull (strstr (error->message, "实验实验…”"));
  g_assert_cmpuint (strlen (error->message), <, 400);
}

/* Every limit exactly, and what is allowed on purpose. */
static void
test_validate_accepts (void)
{
  g_autoptr (WlLab) lab = make_lab ();
  g_autoptr (GError) error = NULL;
  WlLabDevice *pc = wl_lab_get_device (lab, 0);
  WlLabService *big;
  g_autofree char *long_value = g_strnfill (WL_LAB_MAX_SERVICE_VALUE, 'x');
  g_autofree char *long_name = g_strnfill (WL_LAB_MAX_SERVICE_NAME, 'z');

  for (guint i = pc->services->len; i < WL_LAB_MAX_SERVICES - 1; i++)
    {
      g_autofree char *kind = g_strdup_printf ("service-%u", i);

      wl_lab_device_add_service (pc, kind);
    }
  big = wl_lab_device_add_service (pc, long_name); /* the 32nd, with a 32-character name */
  for (guint i = 0; i < WL_LAB_MAX_SERVICE_SETTINGS - 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%u", i);

      wl_lab_service_set (big, key, "v");
    }
  wl_lab_service_set (big, long_name, long_value);   /* 4096 bytes */
  wl_lab_service_set (big, "empty", "");             /* an empty value */
  wl_lab_service_set (big, "text", " « 中文 » ;\\#[x]=y "); /* blanks, unicode, signs */
  g_assert_cmpuint (big->settings->len, ==, WL_LAB_MAX_SERVICE_SETTINGS);
  g_assert_cmpuint (pc->services->len, ==, WL_LAB_MAX_SERVICES);
  /* a server may run services too, and two devices the same kind */
  wl_lab_device_add_service (wl_lab_get_device (lab, 3), "http-server");
  if (!wl_lab_validate (lab, &error))
    g_error ("%s", error->message);
}

/* The registry ------------------------------------------------------------------------------- */

/* What the test checkers saw, and what they say. */
static guint n_calls;
static GString *calls;

static gboolean
check_relay (const WlLabDevice *dev,
             const WlLabService *svc,
             GError **error)
{
  const char *server = wl_lab_service_get (svc, "server");
  guint32 ip;

  n_calls++;
  g_string_append_printf (calls, "%s/%s ", dev->name, svc->kind);
  if (server != NULL && wl_ip_parse (server, &ip))
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "relay on %s: server=%s is bad",
               dev->name, server != NULL ? server : "(none)");
  return FALSE;
}

static gboolean
check_web (const WlLabDevice *dev,
           const WlLabService *svc,
           GError **error)
{
  n_calls++;
  g_string_append_printf (calls, "%s/%s ", dev->name, svc->kind);
  return TRUE;
}

static gboolean
check_refuse_silently (const WlLabDevice *dev,
                       const WlLabService *svc,
                       GError **error)
{
  return FALSE; /* a buggy checker: no reason given */
}

/* Runs the current test in a child process, where the process-wide registry starts empty. */
static gboolean
in_subprocess (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

static void
test_registry_empty (void)
{
  g_autoptr (WlLab) lab = NULL;
  g_auto (GStrv) kinds = NULL;

  if (!in_subprocess ())
    return;
  lab = make_lab ();
  wl_lab_device_add_service (wl_lab_get_device (lab, 3), "anything-at-all");
  kinds = wl_lab_dup_service_kinds ();
  g_assert_cmpuint (g_strv_length (kinds), ==, 0);
  g_assert_true (wl_lab_check_services (lab, NULL));
}

static void
test_registry_checkers (void)
{
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) kinds = NULL;

  if (!in_subprocess ())
    return;
  lab = make_lab ();
  calls = g_string_new (NULL);
  wl_lab_register_service_kind ("dhcp-relay", check_relay);
  wl_lab_register_service_kind ("http-server", check_web);
  wl_lab_register_service_kind ("dns-server", NULL); /* known, nothing to check */
  kinds = wl_lab_dup_service_kinds ();
  g_assert_cmpuint (g_strv_length (kinds), ==, 3);
  g_assert_cmpstr (kinds[0], ==, "dhcp-relay");
  g_assert_cmpstr (kinds[2], ==, "http-server");

  /* each service goes to its own checker, devices and services in order */
  wl_lab_device_add_service (wl_lab_get_device (lab, 3), "dns-server");
  g_assert_true (wl_lab_check_services (lab, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_calls, ==, 2);
  g_assert_cmpstr (calls->str, ==, "PC1/http-server R1/dhcp-relay ");

  /* a checker's error comes back as it gave it */
  wl_lab_service_set (g_ptr_array_index (wl_lab_get_device (lab, 1)->services, 0), "server",
                      "10.0.9");
  g_assert_false (wl_lab_check_services (lab, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
  g_assert_cmpstr (error->message, ==, "relay on R1: server=10.0.9 is bad");
  g_clear_error (&error);

  /* a kind nobody registered, once some are: refused, with the known ones listed */
  wl_lab_service_set (g_ptr_array_index (wl_lab_get_device (lab, 1)->services, 0), "server",
                      "10.0.9.5");
  wl_lab_device_add_service (wl_lab_get_device (lab, 3), "dhcp-sever");
  g_assert_false (wl_lab_check_services (lab, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Device “Srv1”: “dhcp-sever” is not a known service (the known services "
                   "are: dhcp-relay, dns-server, http-server)");
  g_clear_error (&error);

  /* registering again replaces the checker; one that refuses without a reason still gets
   * a message naming the device and the service */
  wl_lab_device_remove_service (wl_lab_get_device (lab, 3), "dhcp-sever");
  wl_lab_register_service_kind ("http-server", check_refuse_silently);
  g_assert_false (wl_lab_check_services (lab, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Device “PC1”: service “http-server” is not valid");
  g_string_free (calls, TRUE);
}

/* Threads registering and checking at once (the GTK app validates on worker threads): the
 * lock keeps every registration, and ASan/TSan builds would see a race. */
static gboolean
check_nothing (const WlLabDevice *dev,
               const WlLabService *svc,
               GError **error)
{
  return TRUE;
}

static gpointer
register_many (gpointer data)
{
  guint base = GPOINTER_TO_UINT (data);
  g_autoptr (WlLab) lab = make_lab ();

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *kind = g_strdup_printf ("kind-%u-%u", base, i);

      wl_lab_register_service_kind (kind, check_nothing);
      wl_lab_check_services (lab, NULL);
      g_strfreev (wl_lab_dup_service_kinds ());
    }
  return NULL;
}

static void
test_registry_threads (void)
{
  GThread *threads[4];
  g_auto (GStrv) kinds = NULL;

  if (!in_subprocess ())
    return;
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("register", register_many, GUINT_TO_POINTER (t));
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  kinds = wl_lab_dup_service_kinds ();
  g_assert_cmpuint (g_strv_length (kinds), ==, 200);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engine/lab/service/model", test_model);
  g_test_add_func ("/engine/lab/service/dup-list", test_dup_list);
  g_test_add_func ("/engine/lab/service/copy-and-equal", test_copy_and_equal);
  g_test_add_func ("/engine/lab/service/validate-errors", test_validate_errors);
  g_test_add_func ("/engine/lab/service/validate-quotes-short", test_validate_quotes_short);
  g_test_add_func ("/engine/lab/service/validate-accepts", test_validate_accepts);
  g_test_add_func ("/engine/lab/service/registry-empty", test_registry_empty);
  g_test_add_func ("/engine/lab/service/registry-checkers", test_registry_checkers);
  g_test_add_func ("/engine/lab/service/registry-threads", test_registry_threads);

  return g_test_run ();
}
