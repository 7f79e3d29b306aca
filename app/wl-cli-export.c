/* wl-cli-export.c — "export": the frames of a run as a pcap file Wireshark opens. */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "lab/wl-lab-text.h"
#include "pcap/wl-pcap-export.h"
#include "wl-cli.h"

/* "PC1:eth0" → device and interface indices in lab. */
static gboolean
parse_iface (WlLab *lab, const char *text, WlPcapSelection *sel, GError **error)
{
  const char *colon = strchr (text, ':');
  g_autofree char *dev_name = colon ? g_strndup (text, (gsize) (colon - text)) : NULL;
  int dev, iface;

  if (colon == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_SYNTAX,
                   _("--iface: “%s” is not DEVICE:INTERFACE (example: PC1:eth0)"), text);
      return FALSE;
    }
  dev = wl_lab_find_device (lab, dev_name);
  if (dev < 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND, _("--iface: no device “%s”"),
                   dev_name);
      return FALSE;
    }
  iface = wl_lab_device_find_iface (wl_lab_get_device (lab, (guint) dev), colon + 1);
  if (iface < 0)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_NOT_FOUND,
                   _("--iface: device “%s” has no interface “%s”"), dev_name, colon + 1);
      return FALSE;
    }
  sel->device = dev;
  sel->iface = iface;
  return TRUE;
}

int
wl_cli_export (int argc, char **argv)
{
  gint64 run_id = 0;
  g_autofree char *pcap = NULL, *link = NULL, *iface = NULL, *lab_text = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (WlLab) lab = NULL;
  WlPcapSelection sel = { .link = -1, .device = -1, .iface = -1 };
  const GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run_id, N_("Run number (default: the newest)"),
      N_("N") },
    { "pcap", 'o', 0, G_OPTION_ARG_FILENAME, &pcap, N_("The pcap file to write"), N_("FILE") },
    { "link", 'l', 0, G_OPTION_ARG_STRING, &link,
      N_("Only the frames sent on this link (both directions)"), N_("NAME") },
    { "iface", 'i', 0, G_OPTION_ARG_STRING, &iface,
      N_("Only the frames sent or received by this interface"), N_("DEVICE:PORT") },
    { NULL },
  };
  g_autoptr (GOptionContext) ctx = g_option_context_new (_("LAB.wirelab — export to pcap"));

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (
    ctx, _("Without --link or --iface, every frame on every link is written: a frame that "
           "crosses three links appears three times, once per link, stamped with the time it "
           "started onto that link. Frames are written without their FCS, as a capture on a "
           "normal network card shows them."));
  if (!wl_cli_parse (ctx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;
  if (pcap == NULL)
    return wl_cli_fail (_("missing --pcap FILE: the file to write"));
  if (link != NULL && iface != NULL)
    return wl_cli_fail (_("--link and --iface exclude each other"));

  store = wl_store_open (argv[1], &error);
  if (store == NULL || !wl_cli_resolve_run (store, &run_id, &error))
    return wl_cli_fail ("%s", error->message);
  lab_text = wl_store_dup_run_lab_text (store, run_id, &error);
  if (lab_text == NULL || (lab = wl_lab_text_parse (lab_text, -1, &error)) == NULL)
    return wl_cli_fail ("%s", error->message);
  if (link != NULL && (sel.link = wl_lab_find_link (lab, link)) < 0)
    return wl_cli_fail (_("--link: run %lld has no link “%s”"), (long long) run_id, link);
  if (iface != NULL && !parse_iface (lab, iface, &sel, &error))
    return wl_cli_fail ("%s", error->message);
  if (!wl_pcap_export (store, run_id, &sel, pcap, &error))
    return wl_cli_fail ("%s", error->message);
  return 0;
}
