/* wl-ui.c — resources, icons and kind names shared by the widgets. */
#define G_LOG_DOMAIN "wl-ui"
#include "config.h"

#include <glib/gi18n.h>

#include "wirelab-resources.h"
#include "wl-ui.h"

void
wl_ui_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      g_resources_register (wirelab_get_resource ());
      g_once_init_leave (&done, 1);
    }
  if (gdk_display_get_default () != NULL)
    {
      GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
      const char *path = WL_RESOURCE_PATH "/icons";

      if (!gtk_icon_theme_has_icon (theme, "wl-pc-symbolic"))
        gtk_icon_theme_add_resource_path (theme, path);
    }
}

const char *
wl_ui_kind_label (WlDeviceKind kind)
{
  switch (kind)
    {
    case WL_DEVICE_PC:
      return C_("device kind", "PC");
    case WL_DEVICE_SERVER:
      return C_("device kind", "Server");
    case WL_DEVICE_HUB:
      return C_("device kind", "Hub");
    case WL_DEVICE_REPEATER:
      return C_("device kind", "Repeater");
    case WL_DEVICE_SWITCH:
      return C_("device kind", "Switch");
    case WL_DEVICE_ROUTER:
      return C_("device kind", "Router");
    case WL_DEVICE_KIND_LAST:
    default:
      return "";
    }
}

const char *
wl_ui_kind_description (WlDeviceKind kind)
{
  switch (kind)
    {
    case WL_DEVICE_PC:
      return _("A host with one network card: it pings, looks up names, browses");
    case WL_DEVICE_SERVER:
      return _("A host that offers services to the others");
    case WL_DEVICE_HUB:
      return _("Repeats every frame out of all its other ports: one collision domain");
    case WL_DEVICE_REPEATER:
      return _("Regenerates the signal between two cable segments");
    case WL_DEVICE_SWITCH:
      return _("Learns where each MAC address lives and forwards frames only there");
    case WL_DEVICE_ROUTER:
      return _("Joins IP subnets and forwards packets by the longest matching route");
    case WL_DEVICE_KIND_LAST:
    default:
      return "";
    }
}

const char *
wl_ui_kind_icon_name (WlDeviceKind kind)
{
  static const char *const names[WL_DEVICE_KIND_LAST] = {
    [WL_DEVICE_PC] = "wl-pc-symbolic",       [WL_DEVICE_SERVER] = "wl-server-symbolic",
    [WL_DEVICE_HUB] = "wl-hub-symbolic",     [WL_DEVICE_REPEATER] = "wl-repeater-symbolic",
    [WL_DEVICE_SWITCH] = "wl-switch-symbolic", [WL_DEVICE_ROUTER] = "wl-router-symbolic",
  };

  return (guint) kind < WL_DEVICE_KIND_LAST ? names[kind] : "image-missing";
}
