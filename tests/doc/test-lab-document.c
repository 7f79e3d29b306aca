/* The lab document: every editing operation, its refusals, and undo/redo returning to exactly
 * the lab before (wl_lab_equal), with no display. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "doc/wl-lab-document.h"
#include "lab/wl-lab-text.h"

/* A copy of the current lab, to compare with after undo/redo. */
static WlLab *
snapshot (WlLabDocument *doc)
{
  return wl_lab_document_dup_lab (doc);
}

static void
assert_lab (WlLabDocument *doc,
            WlLab *expected)
{
  g_assert_true (wl_lab_equal (wl_lab_document_get_lab (doc), expected));
}

static WlLabDevice *
device (WlLabDocument *doc,
        guint index)
{
  return wl_lab_get_device (wl_lab_document_get_lab (doc), index);
}

static WlLabLink *
link_at (WlLabDocument *doc,
         guint index)
{
  return g_ptr_array_index (wl_lab_document_get_lab (doc)->links, index);
}

static void
test_add_device_names (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  g_autoptr (WlLab) empty = snapshot (doc);

  g_assert_false (wl_lab_document_get_modified (doc));
  g_assert_false (wl_lab_document_can_undo (doc));
  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_PC, 100, 50, NULL), ==, 0);
  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_PC, 200, 50, NULL), ==, 1);
  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_SWITCH, 150, 150, NULL), ==, 2);
  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_ROUTER, 0, 0, NULL), ==, 3);
  g_assert_cmpstr (device (doc, 0)->name, ==, "PC1");
  g_assert_cmpstr (device (doc, 1)->name, ==, "PC2");
  g_assert_cmpstr (device (doc, 2)->name, ==, "Switch1");
  g_assert_cmpstr (device (doc, 3)->name, ==, "Router1");
  g_assert_cmpfloat (device (doc, 1)->x, ==, 200);
  g_assert_true (wl_lab_document_get_modified (doc));
  g_assert_cmpstr (wl_lab_document_get_undo_label (doc), ==, "Add Router1");
  /* the new device is the selection */
  g_assert_true (wl_lab_document_is_device_selected (doc, 3));
  g_assert_cmpuint (wl_lab_document_get_selected_devices (doc)->len, ==, 1);

  /* deleting PC1 frees the name: the next PC is PC1 again */
  g_assert_true (wl_lab_document_delete (doc, (guint[]) { 0 }, 1, NULL, 0, NULL));
  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL), ==, 3);
  g_assert_cmpstr (device (doc, 3)->name, ==, "PC1");

  while (wl_lab_document_undo (doc))
    ;
  assert_lab (doc, empty);
  g_assert_false (wl_lab_document_get_modified (doc));
  g_assert_true (wl_lab_document_can_redo (doc));
  g_assert_cmpstr (wl_lab_document_get_redo_label (doc), ==, "Add PC1");
}

/* Applies a list of edits, keeping the lab after each; undo walks back through all of them,
 * redo forward, each step equal to the lab that was current then. */
static void
test_undo_redo_every_edit (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  g_autoptr (GPtrArray) labs = g_ptr_array_new_with_free_func ((GDestroyNotify) wl_lab_unref);
  g_autoptr (GError) error = NULL;
  guint moved[] = { 0, 1 };
  double xs[] = { 40, 60 }, ys[] = { 80, 100 };

  g_ptr_array_add (labs, snapshot (doc));
#define STEP(expr)                                                                            \
  G_STMT_START                                                                                \
  {                                                                                           \
    g_assert_true ((expr));                                                                   \
    g_assert_no_error (error);                                                                \
    g_ptr_array_add (labs, snapshot (doc));                                                   \
  }                                                                                           \
  G_STMT_END
  STEP (wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, &error) == 0);
  STEP (wl_lab_document_add_device (doc, WL_DEVICE_SERVER, 10, 0, &error) == 1);
  STEP (wl_lab_document_add_device (doc, WL_DEVICE_HUB, 20, 0, &error) == 2);
  STEP (wl_lab_document_add_device (doc, WL_DEVICE_REPEATER, 30, 0, &error) == 3);
  STEP (wl_lab_document_add_device (doc, WL_DEVICE_ROUTER, 40, 0, &error) == 4);
  STEP (wl_lab_document_move_devices (doc, moved, xs, ys, 2, &error));
  STEP (wl_lab_document_connect (doc, 0, 2, &error) == 0);
  STEP (wl_lab_document_connect (doc, 1, 2, &error) == 1);
  STEP (wl_lab_document_connect_ports (doc, 4, 1, 3, 1, &error) == 2);
  STEP (wl_lab_document_set_field (doc, WL_FIELD_DEVICE_NAME, 0, 0, "Alice", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_IFACE_ADDRESS, 0, 0, "10.0.0.1/24", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_IFACE_MAC, 0, 0, "02:aa:bb:cc:dd:ee", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_IFACE_MTU, 0, 0, "1400", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_DEVICE_GATEWAY, 0, 0, "10.0.0.254", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_DEVICE_DNS, 0, 0, "10.0.0.53", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_IFACE_ADDRESS, 1, 0, "dhcp", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_LINK_DELAY, 0, 0, "5us", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_LINK_BANDWIDTH, 0, 0, "10M", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_LINK_LOSS, 0, 0, "1%", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_LINK_JITTER, 1, 0, "2us", &error));
  STEP (wl_lab_document_set_field (doc, WL_FIELD_LAB_TITLE, 0, 0, "My lab", &error));
  STEP (wl_lab_document_add_route (doc, 4, "10.9.0.0/16 via 10.0.0.2", &error));
  STEP (wl_lab_document_add_action (doc, 0, "1s", "ping 10.0.0.2", &error) == 0);
  STEP (wl_lab_document_add_action (doc, 1, "500ms", "ping 10.0.0.1", &error) == 0);
  STEP (wl_lab_document_remove_action (doc, 1, &error));
  STEP (wl_lab_document_remove_route (doc, 4, 0, &error));
  STEP (wl_lab_document_disconnect (doc, 1, &error));
  STEP (wl_lab_document_delete (doc, (guint[]) { 2 }, 1, NULL, 0, &error));
#undef STEP

  for (guint i = labs->len - 1; i-- > 0;)
    {
      g_assert_true (wl_lab_document_undo (doc));
      assert_lab (doc, g_ptr_array_index (labs, i));
    }
  g_assert_false (wl_lab_document_undo (doc));
  for (guint i = 1; i < labs->len; i++)
    {
      g_assert_true (wl_lab_document_redo (doc));
      assert_lab (doc, g_ptr_array_index (labs, i));
    }
  g_assert_false (wl_lab_document_redo (doc));

  /* a new edit after an undo drops the redo history */
  g_assert_true (wl_lab_document_undo (doc));
  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL), >=, 0);
  g_assert_false (wl_lab_document_can_redo (doc));
}

static void
test_delete_reindexes (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  WlLab *lab;

  for (int i = 0; i < 3; i++)
    wl_lab_document_add_device (doc, WL_DEVICE_PC, i * 100, 0, NULL);
  wl_lab_document_add_device (doc, WL_DEVICE_SWITCH, 100, 100, NULL);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (wl_lab_document_connect (doc, i, 3, NULL), ==, (int) i);
  g_assert_cmpint (wl_lab_document_add_action (doc, 2, "0", "ping 10.0.0.1", NULL), ==, 0);
  g_assert_cmpint (wl_lab_document_add_action (doc, 1, "1s", "ping 10.0.0.3", NULL), ==, 1);

  /* PC2 goes with its cable L2 and its action; PC3 becomes index 1 */
  g_assert_true (wl_lab_document_delete (doc, (guint[]) { 1 }, 1, NULL, 0, NULL));
  lab = wl_lab_document_get_lab (doc);
  g_assert_cmpuint (lab->devices->len, ==, 3);
  g_assert_cmpstr (device (doc, 1)->name, ==, "PC3");
  g_assert_cmpuint (lab->links->len, ==, 2);
  g_assert_cmpstr (link_at (doc, 1)->name, ==, "L3");
  g_assert_cmpuint (link_at (doc, 1)->dev_a, ==, 1);
  g_assert_cmpuint (link_at (doc, 1)->dev_b, ==, 2);
  g_assert_cmpuint (lab->actions->len, ==, 1);
  g_assert_cmpuint (((WlLabAction *) g_ptr_array_index (lab->actions, 0))->device, ==, 1);

  /* the next cable reuses the free name L2 */
  g_assert_true (wl_lab_document_disconnect (doc, 0, NULL));
  g_assert_cmpint (wl_lab_document_connect (doc, 0, 2, NULL), ==, 1);
  g_assert_cmpstr (link_at (doc, 1)->name, ==, "L1");
}

static void
test_connect_refusals (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLab) before = NULL;

  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  g_assert_cmpint (wl_lab_document_connect (doc, 0, 1, NULL), ==, 0);
  before = snapshot (doc);

  /* a PC has one network card, already used */
  g_assert_cmpint (wl_lab_document_connect (doc, 0, 2, &error), ==, -1);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "PC1 has no free port"));
  g_clear_error (&error);
  g_assert_cmpint (wl_lab_document_connect (doc, 2, 2, &error), ==, -1);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (wl_lab_document_connect_ports (doc, 2, 0, 1, 0, &error), ==, -1);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (wl_lab_document_connect (doc, 0, 7, &error), ==, -1);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND);
  assert_lab (doc, before);
  g_assert_cmpstr (wl_lab_document_get_undo_label (doc), ==, "Connect PC1 and PC2");
}

typedef struct
{
  WlField field;
  guint index, sub;
  const char *text;
  const char *in_message; /* part of the explanation */
} Refusal;

static void
test_field_refusals (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  g_autoptr (WlLab) before = NULL;
  const Refusal cases[] = {
    { WL_FIELD_IFACE_ADDRESS, 0, 0, "300.1.1.1/24", "“300.1.1.1” is not an IPv4 address" },
    { WL_FIELD_IFACE_ADDRESS, 0, 0, "10.0.0.1/33", "“/33” is not a prefix length" },
    { WL_FIELD_IFACE_ADDRESS, 0, 0, "10.0.0.1", "needs a prefix length" },
    { WL_FIELD_IFACE_ADDRESS, 0, 0, "10.0.0.0/24", "network address" },
    { WL_FIELD_IFACE_ADDRESS, 0, 0, "10.0.0.255/24", "broadcast address" },
    { WL_FIELD_IFACE_ADDRESS, 1, 0, "10.0.0.5/24", "no IP address" },
    { WL_FIELD_IFACE_MAC, 0, 0, "02:00:00:00:01", "has 5 octets" },
    { WL_FIELD_IFACE_MAC, 0, 0, "02:00:00:00:01:zz", "not a MAC address" },
    { WL_FIELD_IFACE_MTU, 0, 0, "20", "68 to 9000" },
    { WL_FIELD_IFACE_MTU, 0, 0, "1500x", "68 to 9000" },
    { WL_FIELD_DEVICE_NAME, 0, 0, "Switch1", "Two devices are named" },
    { WL_FIELD_DEVICE_NAME, 0, 0, "my pc", "not valid" },
    { WL_FIELD_DEVICE_NAME, 0, 0, "", "not valid" },
    { WL_FIELD_DEVICE_GATEWAY, 0, 0, "10.0.0", "not an IPv4 address" },
    { WL_FIELD_DEVICE_GATEWAY, 1, 0, "10.0.0.1", "no gateway" },
    { WL_FIELD_DEVICE_MAC_AGEING, 1, 0, "5 minutes", "not a time" },
    { WL_FIELD_DEVICE_MAC_AGEING, 1, 0, "0", "longer than 0" },
    { WL_FIELD_LINK_DELAY, 0, 0, "11s", "longer than 10 s" },
    { WL_FIELD_LINK_BANDWIDTH, 0, 0, "fast", "not a bandwidth" },
    { WL_FIELD_LINK_LOSS, 0, 0, "2", "not a probability" },
    { WL_FIELD_LINK_LOSS, 3, 0, "0.1", "no longer exists" },
    { WL_FIELD_IFACE_MTU, 0, 5, "1500", "no longer exists" },
  };

  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  wl_lab_document_add_device (doc, WL_DEVICE_SWITCH, 0, 0, NULL);
  wl_lab_document_connect (doc, 0, 1, NULL);
  before = snapshot (doc);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      WlLab *lab = wl_lab_document_get_lab (doc);

      g_test_message ("%s", cases[i].text);
      g_assert_false (wl_lab_document_set_field (doc, cases[i].field, cases[i].index,
                                                 cases[i].sub, cases[i].text, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == WL_LAB_ERROR);
      if (strstr (error->message, cases[i].in_message) == NULL)
        g_error ("“%s”: message “%s” lacks “%s”", cases[i].text, error->message,
                 cases[i].in_message);
      /* nothing changed, not even the lab object */
      g_assert_true (lab == wl_lab_document_get_lab (doc));
      assert_lab (doc, before);
    }
  g_assert_cmpstr (wl_lab_document_get_undo_label (doc), ==, "Connect PC1 and Switch1");
}

static void
test_field_values (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  const struct
  {
    WlField field;
    guint index;
    const char *text, *shown;
  } cases[] = {
    { WL_FIELD_IFACE_ADDRESS, 0, " 10.0.0.1/24 ", "10.0.0.1/24" },
    { WL_FIELD_IFACE_ADDRESS, 0, "DHCP", "dhcp" },
    { WL_FIELD_IFACE_ADDRESS, 0, "", "" },
    { WL_FIELD_IFACE_MAC, 0, "02:AA:bb:cc:dd:ee", "02:aa:bb:cc:dd:ee" },
    { WL_FIELD_IFACE_MTU, 0, "576", "576" },
    { WL_FIELD_DEVICE_GATEWAY, 0, "10.0.0.254", "10.0.0.254" },
    { WL_FIELD_DEVICE_GATEWAY, 0, "", "" },
    { WL_FIELD_DEVICE_MAC_AGEING, 1, "60s", "1min" },
    { WL_FIELD_LINK_DELAY, 0, "1ms", "1ms" },
    { WL_FIELD_LINK_BANDWIDTH, 0, "1G", "1G" },
    { WL_FIELD_LINK_LOSS, 0, "5%", "0.05" },
    { WL_FIELD_LINK_BER, 0, "0.0001", "0.0001" },
    { WL_FIELD_DEVICE_NAME, 0, "Client-1", "Client-1" },
  };

  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  wl_lab_document_add_device (doc, WL_DEVICE_SWITCH, 0, 0, NULL);
  wl_lab_document_connect (doc, 0, 1, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *shown = NULL;

      g_assert_true (wl_lab_document_set_field (doc, cases[i].field, cases[i].index, 0,
                                                cases[i].text, &error));
      g_assert_no_error (error);
      shown = wl_lab_document_dup_field (doc, cases[i].field, cases[i].index, 0);
      if (cases[i].field == WL_FIELD_DEVICE_MAC_AGEING)
        {
          WlTime t;

          g_assert_true (wl_parse_time (shown, &t));
          g_assert_cmpuint (t, ==, 60 * WL_S);
          continue;
        }
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }
  /* DHCP on, then a fixed address: one excludes the other */
  g_assert_true (wl_lab_document_set_field (doc, WL_FIELD_IFACE_DHCP, 0, 0, "true", NULL));
  g_assert_true (device (doc, 0)->ifaces->len == 1);
  g_assert_true (((WlLabIface *) g_ptr_array_index (device (doc, 0)->ifaces, 0))->dhcp);
  g_assert_true (wl_lab_document_set_field (doc, WL_FIELD_IFACE_ADDRESS, 0, 0, "10.0.0.9/8",
                                            NULL));
  g_assert_false (((WlLabIface *) g_ptr_array_index (device (doc, 0)->ifaces, 0))->dhcp);
}

static void
test_same_value_is_no_step (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();

  wl_lab_document_add_device (doc, WL_DEVICE_PC, 10, 20, NULL);
  g_assert_true (wl_lab_document_set_field (doc, WL_FIELD_IFACE_MTU, 0, 0, "1500", NULL));
  g_assert_true (wl_lab_document_move_devices (doc, (guint[]) { 0 }, (double[]) { 10 },
                                               (double[]) { 20 }, 1, NULL));
  g_assert_cmpstr (wl_lab_document_get_undo_label (doc), ==, "Add PC1");
}

static void
test_routes_and_actions (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  WlLabDevice *r;

  wl_lab_document_add_device (doc, WL_DEVICE_ROUTER, 0, 0, NULL);
  g_assert_true (wl_lab_document_add_route (doc, 0, "0.0.0.0/0  dev eth1", NULL));
  g_assert_true (wl_lab_document_add_route (doc, 0, "10.9.0.0/16 via 10.0.0.2 dev eth0", NULL));
  r = device (doc, 0);
  g_assert_cmpuint (r->routes->len, ==, 2);
  text = wl_lab_route_to_string (g_ptr_array_index (r->routes, 1));
  g_assert_cmpstr (text, ==, "10.9.0.0/16 via 10.0.0.2 dev eth0");

  g_assert_false (wl_lab_document_add_route (doc, 0, "10.9.1.0/16 via 10.0.0.2", &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "host bits"));
  g_clear_error (&error);
  g_assert_false (wl_lab_document_add_route (doc, 0, "10.9.0.0/16 gateway 1.2.3.4", &error));
  g_assert_nonnull (strstr (error->message, "is not a route"));
  g_clear_error (&error);
  g_assert_false (wl_lab_document_add_route (doc, 0, "10.9.0.0/16 dev eth7", &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (wl_lab_document_add_action (doc, 0, "soon", "ping 1.2.3.4", &error), ==, -1);
  g_assert_nonnull (strstr (error->message, "not a time"));
  g_clear_error (&error);
  g_assert_cmpint (wl_lab_document_add_action (doc, 0, "1s", "   ", &error), ==, -1);
  g_clear_error (&error);
  g_assert_cmpint (wl_lab_document_add_action (doc, 0, "2s", "ping 10.0.0.2", NULL), ==, 0);
  /* actions stay sorted by time */
  g_assert_cmpint (wl_lab_document_add_action (doc, 0, "1s", "ping 10.0.0.3", NULL), ==, 0);
  g_assert_false (wl_lab_document_remove_action (doc, 5, &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND);
}

static void
test_selection (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  GArray *sel;

  for (int i = 0; i < 4; i++)
    wl_lab_document_add_device (doc, WL_DEVICE_SWITCH, 0, 0, NULL);
  wl_lab_document_connect (doc, 0, 1, NULL);
  wl_lab_document_select_device (doc, 2, FALSE);
  wl_lab_document_select_device (doc, 0, TRUE);
  wl_lab_document_select_link (doc, 0, TRUE);
  sel = wl_lab_document_get_selected_devices (doc);
  g_assert_cmpuint (sel->len, ==, 2);
  g_assert_cmpuint (g_array_index (sel, guint, 0), ==, 0);
  g_assert_cmpuint (g_array_index (sel, guint, 1), ==, 2);
  wl_lab_document_toggle_device (doc, 2);
  g_assert_false (wl_lab_document_is_device_selected (doc, 2));
  g_assert_true (wl_lab_document_is_link_selected (doc, 0));

  /* Delete removes what is selected: Switch1 and its cable */
  g_assert_true (wl_lab_document_delete_selection (doc, NULL));
  g_assert_cmpuint (wl_lab_document_get_lab (doc)->devices->len, ==, 3);
  g_assert_cmpuint (wl_lab_document_get_lab (doc)->links->len, ==, 0);
  g_assert_false (wl_lab_document_delete_selection (doc, NULL));

  /* selected indices that an undo removes are dropped */
  wl_lab_document_select_all (doc);
  g_assert_cmpuint (wl_lab_document_get_selected_devices (doc)->len, ==, 3);
  wl_lab_document_undo (doc);
  wl_lab_document_redo (doc);
  wl_lab_document_select_device (doc, 2, FALSE);
  g_assert_true (wl_lab_document_undo (doc)); /* back to 4 switches: index 2 stays */
  g_assert_true (wl_lab_document_is_device_selected (doc, 2));
  while (wl_lab_document_undo (doc))
    ;
  g_assert_cmpuint (wl_lab_document_get_selected_devices (doc)->len, ==, 0);
}

static char *
sample_path (const char *name)
{
  const char *src = g_getenv ("WL_SOURCE_DIR");

  return g_build_filename (src != NULL ? src : WL_SOURCE_DIR, "data", "labs", name, NULL);
}

static void
test_open_save_reopen (void)
{
  g_autofree char *sample = sample_path ("03-router-ping.lab");
  g_autofree char *dir = g_dir_make_tmp ("wl-doc-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lab.wirelab", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLabDocument) doc = wl_lab_document_open (sample, &error);
  g_autoptr (WlLabDocument) again = NULL;
  g_autofree char *suggested = NULL;

  g_assert_no_error (error);
  g_assert_null (wl_lab_document_get_path (doc));
  g_assert_false (wl_lab_document_get_modified (doc));
  g_assert_cmpstr (wl_lab_document_get_title (doc), ==, "Ping across a router");
  suggested = wl_lab_document_dup_suggested_name (doc);
  g_assert_cmpstr (suggested, ==, "03-router-ping.wirelab");

  g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_SERVER, 300, 400, NULL), ==, 5);
  g_assert_cmpint (wl_lab_document_connect (doc, 5, 3, NULL), >=, 0);
  g_assert_true (wl_lab_document_get_modified (doc));
  g_assert_true (wl_lab_document_save_as (doc, path, &error));
  g_assert_no_error (error);
  g_assert_false (wl_lab_document_get_modified (doc));
  g_assert_nonnull (wl_lab_document_get_path (doc));

  again = wl_lab_document_open (path, &error);
  g_assert_no_error (error);
  assert_lab (again, wl_lab_document_get_lab (doc));
  g_assert_false (wl_lab_document_get_modified (again));

  /* save in place, then undo back to the saved lab: unmodified again */
  g_assert_true (wl_lab_document_set_field (doc, WL_FIELD_LINK_DELAY, 0, 0, "3us", NULL));
  g_assert_true (wl_lab_document_save (doc, &error));
  g_assert_no_error (error);
  g_clear_object (&again);
  again = wl_lab_document_open (path, &error);
  assert_lab (again, wl_lab_document_get_lab (doc));
  g_assert_true (wl_lab_document_undo (doc));
  g_assert_true (wl_lab_document_get_modified (doc));
  g_assert_true (wl_lab_document_redo (doc));
  g_assert_false (wl_lab_document_get_modified (doc));

  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Every sample lab (whatever the model holds by now: routes, services, actions) survives the
 * document's copy exactly, and an edit and its undo give back the very lab. */
static void
test_samples_copy_exactly (void)
{
  g_autofree char *dir = sample_path ("");
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr (GError) error = NULL;
      g_autoptr (WlLabDocument) doc = NULL;
      g_autoptr (WlLab) copy = NULL, before = NULL;

      if (!g_str_has_suffix (name, ".lab"))
        continue;
      g_test_message ("%s", name);
      doc = wl_lab_document_open (path, &error);
      g_assert_no_error (error);
      copy = wl_lab_document_dup_lab (doc);
      assert_lab (doc, copy);
      before = wl_lab_ref (wl_lab_document_get_lab (doc));
      g_assert_cmpint (wl_lab_document_add_device (doc, WL_DEVICE_HUB, 0, 0, NULL), >=, 0);
      g_assert_true (wl_lab_document_undo (doc));
      g_assert_true (wl_lab_document_get_lab (doc) == before);
      assert_lab (doc, copy);
      n++;
    }
  g_assert_cmpuint (n, >=, 5);
}

static void
test_service_settings (void)
{
  g_autofree char *sample = sample_path ("10-dhcp.lab");
  g_autoptr (GError) error = NULL;
  g_autoptr (WlLabDocument) doc = wl_lab_document_open (sample, &error);
  g_autoptr (WlLab) before = NULL;
  WlLabService *svc;
  int server;

  g_assert_no_error (error);
  server = wl_lab_find_device (wl_lab_document_get_lab (doc), "Server1");
  g_assert_cmpint (server, >=, 0);
  before = wl_lab_document_dup_lab (doc);
  g_assert_true (wl_lab_document_set_service_setting (doc, (guint) server, "dhcp-server",
                                                      "lease", "2h", &error));
  g_assert_no_error (error);
  svc = wl_lab_device_find_service (device (doc, (guint) server), "dhcp-server");
  g_assert_cmpstr (wl_lab_service_get (svc, "lease"), ==, "2h");
  g_assert_true (wl_lab_document_set_service_setting (doc, (guint) server, "dhcp-server", "dns",
                                                      "", &error));
  svc = wl_lab_device_find_service (device (doc, (guint) server), "dhcp-server");
  g_assert_null (wl_lab_service_get (svc, "dns"));

  /* a key spelt wrong, a service the device does not run: refused, nothing changes */
  g_assert_false (wl_lab_document_set_service_setting (doc, (guint) server, "dhcp-server",
                                                       "Bad Key", "1", &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (wl_lab_document_set_service_setting (doc, (guint) server, "dns-server", "x",
                                                       "1", &error));
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND);
  g_assert_true (wl_lab_document_undo (doc));
  g_assert_true (wl_lab_document_undo (doc));
  assert_lab (doc, before);
}

static void
test_open_errors (void)
{
  g_autofree char *dir = g_dir_make_tmp ("wl-doc-XXXXXX", NULL);
  g_autofree char *bogus = g_build_filename (dir, "bogus.wirelab", NULL);
  g_autofree char *text = g_build_filename (dir, "bad.lab", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  WlLabDocument *doc;

  g_assert_true (g_file_set_contents (bogus, "hello, not a lab\n", -1, NULL));
  doc = wl_lab_document_open (bogus, &error);
  g_assert_null (doc);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (g_quark_to_string (error->domain), "wl-store"));
  g_clear_error (&error);
  /* nothing overwritten */
  g_assert_true (g_file_get_contents (bogus, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "hello, not a lab\n");

  g_assert_true (g_file_set_contents (text, "[device PC1]\nkind=toaster\n", -1, NULL));
  doc = wl_lab_document_open (text, &error);
  g_assert_null (doc);
  g_assert_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID);
  g_clear_error (&error);

  g_remove (bogus);
  g_remove (text);
  g_rmdir (dir);
}

static void
count_signal (gpointer instance,
              gpointer data)
{
  (*(guint *) data)++;
}

static void
count_notify (gpointer data)
{
  (*(guint *) data)++;
}

static void
test_signals (void)
{
  g_autoptr (WlLabDocument) doc = wl_lab_document_new ();
  guint changed = 0, modified = 0, can_undo = 0;

  g_signal_connect (doc, "changed", G_CALLBACK (count_signal), &changed);
  g_signal_connect_swapped (doc, "notify::modified", G_CALLBACK (count_notify), &modified);
  g_signal_connect_swapped (doc, "notify::can-undo", G_CALLBACK (count_notify), &can_undo);
  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  wl_lab_document_add_device (doc, WL_DEVICE_PC, 0, 0, NULL);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (can_undo, ==, 1);
  /* a refused edit emits nothing */
  wl_lab_document_set_field (doc, WL_FIELD_IFACE_MTU, 0, 0, "1", NULL);
  g_assert_cmpuint (changed, ==, 2);
  wl_lab_document_undo (doc);
  wl_lab_document_undo (doc);
  g_assert_cmpuint (changed, ==, 4);
  g_assert_cmpuint (modified, ==, 2);
  g_assert_cmpuint (can_undo, ==, 2);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/doc/add-device-names", test_add_device_names);
  g_test_add_func ("/doc/undo-redo-every-edit", test_undo_redo_every_edit);
  g_test_add_func ("/doc/delete-reindexes", test_delete_reindexes);
  g_test_add_func ("/doc/connect-refusals", test_connect_refusals);
  g_test_add_func ("/doc/field-refusals", test_field_refusals);
  g_test_add_func ("/doc/field-values", test_field_values);
  g_test_add_func ("/doc/same-value-is-no-step", test_same_value_is_no_step);
  g_test_add_func ("/doc/routes-and-actions", test_routes_and_actions);
  g_test_add_func ("/doc/selection", test_selection);
  g_test_add_func ("/doc/open-save-reopen", test_open_save_reopen);
  g_test_add_func ("/doc/samples-copy-exactly", test_samples_copy_exactly);
  g_test_add_func ("/doc/service-settings", test_service_settings);
  g_test_add_func ("/doc/open-errors", test_open_errors);
  g_test_add_func ("/doc/signals", test_signals);
  return g_test_run ();
}
