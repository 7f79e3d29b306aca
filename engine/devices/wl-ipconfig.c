/* wl-ipconfig.c — `ipconfig`, `ipconfig /all`, `ipconfig /renew [ADAPTER]` and
 * `ipconfig /release [ADAPTER]`, as Windows prints them.
 *
 * Where it sits: a console program of hosts and routers (a row of wl-commands.c), reading the
 * stack's interfaces and routes and driving the DHCP clients (proto/wl-dhcp.h).
 *
 * Output: one console note (WL_NOTE_CONSOLE) per line, the line as Windows writes it: a blank
 * line, "Windows IP Configuration", then for each interface "Ethernet adapter eth0:" and its
 * lines with their dot leaders.  An interface with no address shows no IPv4 lines and an
 * empty gateway, as Windows does after /release; an unplugged one shows "Media disconnected".
 * The labels are translated (a Chinese Windows prints Chinese labels too).
 *
 *   /renew    every DHCP interface (or those whose name matches ADAPTER, '*' and '?'
 *             allowed) renews; the output comes when all have finished, as Windows waits
 *             for the result, with an error line for each that could not reach a server.
 *   /release  every bound DHCP interface releases at once, then the output.
 *   Neither finding an interface in the right state: Windows' "The operation failed …" line.
 *
 * Options may start with '/' or '-' and ignore case, as on Windows.
 */
#define G_LOG_DOMAIN "wl-ipconfig"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lab/wl-lab.h"
#include "proto/wl-dhcp.h"
#include "proto/wl-dns.h"
#include "proto/wl-stack-private.h"

typedef enum
{
  IPCONFIG_SHOW,
  IPCONFIG_ALL,
  IPCONFIG_RENEW,
  IPCONFIG_RELEASE,
} IpconfigMode;

/* A /renew waiting for its DHCP clients; lives with the stack. */
typedef struct
{
  WlStack   *stack;
  guint      pending;
  GPtrArray *failed;  /* names of interfaces that got no lease */
} RenewJob;

static void
line (WlStack    *stack,
      const char *text)
{
  wl_sim_note (stack->sim, stack->device->index, -1, WL_PROTO_NONE, WL_LAYER_APPLICATION,
               WL_NOTE_CONSOLE, "%s", text);
}

/* "   Label . . . . : value" */
static void
row (WlStack    *stack,
     const char *label,
     const char *value)
{
  g_autofree char *text = g_strdup_printf ("   %s: %s", label, value != NULL ? value : "");

  line (stack, g_strchomp (text));
}

static const char *
gateway_of (WlStack *stack,
            guint    iface,
            char    *buf)
{
  for (guint i = 0; i < wl_route_table_get_len (&stack->routes); i++)
    {
      const WlRoute *r = wl_route_table_get (&stack->routes, i);

      if (r->prefix == 0 && r->via != 0 && r->iface == (gint) iface)
        return wl_ip_format (r->via, buf);
    }
  return "";
}

/* Virtual time as Windows writes a date: time 0 is 1970-01-01 00:00:00 UTC, as in pcaps. */
static char *
format_date (WlTime t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) (t / WL_S));

  /* Translators: a date as Windows' ipconfig shows it ("Thursday, January 1, 1970 12:00:01
   * AM"); see g_date_time_format() for the codes */
  return g_date_time_format (dt, _("%A, %B %-d, %Y %-I:%M:%S %p"));
}

static void
show_lease (WlStack               *stack,
            const WlDhcpLeaseInfo *lease)
{
  g_autofree char *got = format_date (lease->obtained);
  g_autofree char *ends = lease->expires == WL_TIME_FOREVER ? NULL : format_date (lease->expires);

  /* Translators: Windows ipconfig labels keep their dot leaders up to column 39 */
  row (stack, _("Lease Obtained. . . . . . . . . . "), got);
  if (ends != NULL)
    row (stack, _("Lease Expires . . . . . . . . . . "), ends);
}

static void
show_all_extra (WlStack *stack,
                guint    i)
{
  WlDhcpClient *dhcp = stack->ifaces[i].dhcp;
  const WlMac *mac = &stack->ifaces[i].port->mac;
  g_autofree char *phys = g_strdup_printf ("%02X-%02X-%02X-%02X-%02X-%02X", mac->b[0], mac->b[1],
                                           mac->b[2], mac->b[3], mac->b[4], mac->b[5]);

  row (stack, _("Physical Address. . . . . . . . . "), phys);
  row (stack, _("DHCP Enabled. . . . . . . . . . . "), dhcp != NULL ? _("Yes") : _("No"));
}

/* "DNS Servers . . : A", further servers lined up under the first, as Windows prints them. */
static void
show_dns (WlStack       *stack,
          const guint32 *servers,
          guint          n)
{
  char a[16];

  for (guint k = 0; k < n; k++)
    {
      g_autofree char *more = NULL;

      if (k == 0)
        {
          row (stack, _("DNS Servers . . . . . . . . . . . "), wl_ip_format (servers[0], a));
          continue;
        }
      more = g_strdup_printf ("%39s%s", "", wl_ip_format (servers[k], a));
      line (stack, more);
    }
}

static void
show_iface (WlStack     *stack,
            guint        i,
            IpconfigMode mode)
{
  WlStackIface *ifc = &stack->ifaces[i];
  WlDhcpLeaseInfo lease;
  gboolean leased = ifc->dhcp != NULL && wl_dhcp_client_get_lease (ifc->dhcp, &lease);
  WlDnsStub *stub = wl_dns_stub_get (stack);
  g_autofree char *title = g_strdup_printf (_("Ethernet adapter %s:"), ifc->port->name);
  char a[16], m[16], g[16];

  line (stack, "");
  line (stack, title);
  line (stack, "");
  if (ifc->port->link == NULL)
    {
      row (stack, _("Media State . . . . . . . . . . . "), _("Media disconnected"));
      return;
    }
  row (stack, _("Connection-specific DNS Suffix  . "), "");
  if (mode == IPCONFIG_ALL)
    show_all_extra (stack, i);
  if (ifc->address != 0)
    {
      g_autofree char *addr = mode == IPCONFIG_ALL
                              ? g_strdup_printf (_("%s(Preferred)"), wl_ip_format (ifc->address, a))
                              : g_strdup (wl_ip_format (ifc->address, a));

      row (stack, _("IPv4 Address. . . . . . . . . . . "), addr);
      row (stack, _("Subnet Mask . . . . . . . . . . . "),
           wl_ip_format (wl_ip_prefix_mask (ifc->prefix), m));
      if (mode == IPCONFIG_ALL && leased)
        show_lease (stack, &lease);
    }
  row (stack, _("Default Gateway . . . . . . . . . "), gateway_of (stack, i, g));
  if (mode != IPCONFIG_ALL)
    return;
  if (leased)
    {
      row (stack, _("DHCP Server . . . . . . . . . . . "), wl_ip_format (lease.server, a));
      show_dns (stack, lease.dns, lease.n_dns);
    }
  else if (stub != NULL && wl_dns_stub_get_server (stub) != 0)
    {
      guint32 server = wl_dns_stub_get_server (stub);

      show_dns (stack, &server, 1);
    }
}

static void
show (WlStack     *stack,
      IpconfigMode mode)
{
  line (stack, "");
  line (stack, _("Windows IP Configuration"));
  line (stack, "");
  if (mode == IPCONFIG_ALL)
    {
      row (stack, _("Host Name . . . . . . . . . . . . "), stack->device->name);
      row (stack, _("IP Routing Enabled. . . . . . . . "), stack->forwarding ? _("Yes") : _("No"));
    }
  for (guint i = 0; i < stack->n_ifaces; i++)
    show_iface (stack, i, mode);
}

static void
no_adapter (WlStack *stack)
{
  line (stack, "");
  line (stack, _("Windows IP Configuration"));
  line (stack, "");
  line (stack, _("The operation failed as no adapter is in the state permissible for this "
                 "operation."));
}

/* /renew and /release ---------------------------------------------------------------------- */

static gboolean
matches (WlStack    *stack,
         guint       i,
         const char *adapter)
{
  return stack->ifaces[i].dhcp != NULL
         && (adapter == NULL || g_pattern_match_simple (adapter, stack->ifaces[i].port->name));
}

static void
renew_job_free (gpointer data)
{
  RenewJob *job = data;

  g_ptr_array_unref (job->failed);
  g_free (job);
}

static void
on_renewed (WlDhcpClient *client,
            gboolean      bound,
            gpointer      user_data)
{
  RenewJob *job = user_data;
  WlStack *stack = job->stack;

  for (guint i = 0; !bound && i < stack->n_ifaces; i++)
    if (stack->ifaces[i].dhcp == client)
      g_ptr_array_add (job->failed, stack->ifaces[i].port->name);
  if (--job->pending > 0)
    return;
  line (stack, "");
  line (stack, _("Windows IP Configuration"));
  for (guint i = 0; i < job->failed->len; i++)
    {
      /* Translators: %s is an interface name; this is Windows' message, word for word */
      g_autofree char *msg = g_strdup_printf (_("An error occurred while renewing interface %s : "
                                                "unable to contact your DHCP server. Request has "
                                                "timed out."),
                                              (const char *) g_ptr_array_index (job->failed, i));

      line (stack, "");
      line (stack, msg);
    }
  line (stack, "");
  for (guint i = 0; i < stack->n_ifaces; i++)
    show_iface (stack, i, IPCONFIG_SHOW);
}

static void
renew (WlStack    *stack,
       const char *adapter)
{
  RenewJob *job = g_new0 (RenewJob, 1);

  job->stack = stack;
  job->failed = g_ptr_array_new ();
  wl_stack_add_app (stack, job, renew_job_free);
  for (guint i = 0; i < stack->n_ifaces; i++)
    if (matches (stack, i, adapter))
      job->pending++;
  if (job->pending == 0)
    {
      no_adapter (stack);
      return;
    }
  for (guint i = 0; i < stack->n_ifaces; i++)
    if (matches (stack, i, adapter))
      wl_dhcp_client_renew (stack->ifaces[i].dhcp, on_renewed, job);
}

static void
release (WlStack    *stack,
         const char *adapter)
{
  guint released = 0;

  for (guint i = 0; i < stack->n_ifaces; i++)
    if (matches (stack, i, adapter) && wl_dhcp_client_release (stack->ifaces[i].dhcp))
      released++;
  if (released == 0)
    no_adapter (stack);
  else
    show (stack, IPCONFIG_SHOW);
}

/* The command line ------------------------------------------------------------------------- */

static gboolean
parse (char        **argv,
       IpconfigMode *mode,
       const char  **adapter,
       GError      **error)
{
  const char *opt = argv[1];
  guint argc = g_strv_length (argv);

  *mode = IPCONFIG_SHOW;
  *adapter = NULL;
  if (opt == NULL)
    return TRUE;
  if ((opt[0] == '/' || opt[0] == '-') && g_ascii_strcasecmp (opt + 1, "all") == 0 && argc == 2)
    *mode = IPCONFIG_ALL;
  else if ((opt[0] == '/' || opt[0] == '-') && g_ascii_strcasecmp (opt + 1, "renew") == 0
           && argc <= 3)
    *mode = IPCONFIG_RENEW;
  else if ((opt[0] == '/' || opt[0] == '-') && g_ascii_strcasecmp (opt + 1, "release") == 0
           && argc <= 3)
    *mode = IPCONFIG_RELEASE;
  else
    {
      /* Translators: %s is what was typed after "ipconfig" */
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("ipconfig does not understand “%s”: use ipconfig, ipconfig /all, "
                     "ipconfig /renew [ADAPTER] or ipconfig /release [ADAPTER]"), opt);
      return FALSE;
    }
  *adapter = argv[1] != NULL ? argv[2] : NULL;
  return TRUE;
}

gboolean
wl_ipconfig_command (WlStack    *stack,
                     const char *text,
                     char      **argv,
                     GError    **error)
{
  IpconfigMode mode;
  const char *adapter;

  if (!parse (argv, &mode, &adapter, error))
    return FALSE;
  if (stack == NULL)
    return TRUE;
  if (mode == IPCONFIG_RENEW)
    renew (stack, adapter);
  else if (mode == IPCONFIG_RELEASE)
    release (stack, adapter);
  else
    show (stack, mode);
  return TRUE;
}
