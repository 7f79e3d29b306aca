/* wl-console-commands.c — `arp -a`, `route print` and `netstat`, as Windows prints them.
 *
 * Where it sits: console programs of hosts and routers (rows of wl-commands.c).  Each reads
 * one table of the stack and prints it at once; none sends a packet or changes a table:
 *
 *   arp -a      the ARP cache (proto/wl-arp.h, wl_arp_cache_list)
 *   route print the routing table (proto/wl-route.h)
 *   netstat     the TCP connection table (proto/wl-tcp.h, stack->tcp.pcbs)
 *
 * Output: one console note (WL_NOTE_CONSOLE) per line, laid out in Windows' columns.  Labels
 * and state names are translated, as a German Windows prints "Aktive Verbindungen".
 *
 * What is modelled, and what is not:
 *   - Interface numbers: Windows gives its loopback pseudo-interface index 1, so eth0 is 0x2,
 *     eth1 0x3 … (real numbers depend on the order drivers were installed).
 *   - arp -a lists resolved entries, all "dynamic"; an entry still resolving (INCOMPLETE) is
 *     not listed, as Windows hides unreachable neighbours.  Windows also lists static entries
 *     for broadcast and multicast addresses; our stack has none, so none are shown.
 *   - route print shows the entries of our table only: Windows also lists host routes for its
 *     own address, the subnet broadcast, loopback and multicast, which our stack handles
 *     without routes.  Metrics follow Windows' automatic metric for a 1 Gb/s adapter
 *     (interface metric 25): a connected route 256 + 25 = 281, the default gateway 0 + 25 = 25,
 *     a static route ("route add", metric 1) 1 + 25 = 26.  The lab's static routes and a
 *     gateway not learnt by DHCP are the "Persistent Routes" (route -p).  No IPv6 table.
 *   - netstat lists TCP only (our UDP table has no read-only listing yet); -a adds the
 *     listeners; -n changes nothing, since addresses are never resolved to names here.
 *
 * Options may start with '/' or '-' and ignore case, as on Windows.
 */
#define G_LOG_DOMAIN "wl-console"
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lab/wl-lab.h"
#include "wl-console-commands.h"

/* Windows' number for interface i: 1 is the loopback pseudo-interface. */
#define IF_INDEX(i) ((guint) (i) + 2)

/* Windows' automatic metrics (see the file comment). */
#define METRIC_IFACE 25
#define METRIC_CONNECTED 256
#define METRIC_STATIC 1

#define RULE "==========================================================================="

static void
line (WlStack    *stack,
      const char *text)
{
  wl_sim_note (stack->sim, stack->device->index, -1, WL_PROTO_NONE, WL_LAYER_APPLICATION,
               WL_NOTE_CONSOLE, "%s", text);
}

static void linef (WlStack    *stack,
                   const char *format,
                   ...) G_GNUC_PRINTF (2, 3);

static void
linef (WlStack    *stack,
       const char *format,
       ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  line (stack, text);
}

/* Rule: an option is '/' or '-' followed by name, in any case ("-a", "/A"). */
static gboolean
is_option (const char *arg,
           const char *name)
{
  return (arg[0] == '/' || arg[0] == '-') && g_ascii_strcasecmp (arg + 1, name) == 0;
}

static gboolean
parse_ip (const char *cmd,
          const char *text,
          guint32    *out,
          GError    **error)
{
  if (text != NULL && wl_ip_parse (text, out))
    return TRUE;
  /* Translators: the first %s is a command name ("arp"), the second what was typed */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("%s: “%s” is not an IPv4 address"), cmd, text != NULL ? text : "");
  return FALSE;
}

/* arp -a ----------------------------------------------------------------------------------- */

typedef struct
{
  guint32 addr;        /* only this neighbour; 0: all */
  guint32 iface_addr;  /* only the interface with this address (-N); 0: all */
} ArpFilter;

static gboolean
arp_usage (const char *word,
           GError    **error)
{
  /* Translators: %s is what was typed after "arp"; keep the command syntax as it is */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("arp does not understand “%s”: use arp -a [ADDRESS] [-N INTERFACE-ADDRESS]"),
               word);
  return FALSE;
}

/* arp -a|-g [ADDRESS] [-N IF_ADDRESS] */
static gboolean
arp_parse (char      **argv,
           ArpFilter  *filter,
           GError    **error)
{
  guint i = 2;

  memset (filter, 0, sizeof *filter);
  if (argv[1] == NULL || !(is_option (argv[1], "a") || is_option (argv[1], "g")))
    return arp_usage (argv[1] != NULL ? argv[1] : "", error);
  if (argv[i] != NULL && argv[i][0] != '-' && argv[i][0] != '/')
    {
      if (!parse_ip ("arp", argv[i], &filter->addr, error))
        return FALSE;
      i++;
    }
  if (argv[i] != NULL && is_option (argv[i], "n"))
    {
      if (!parse_ip ("arp", argv[i + 1], &filter->iface_addr, error))
        return FALSE;
      i += 2;
    }
  if (argv[i] != NULL)
    return arp_usage (argv[i], error);
  return TRUE;
}

static void
arp_interface (WlStack *stack,
               gint     iface)
{
  char a[16];

  line (stack, "");
  /* Translators: Windows' arp -a; %s is the interface's address, 0x%x its number */
  linef (stack, _("Interface: %s --- 0x%x"), wl_ip_format (stack->ifaces[iface].address, a),
         IF_INDEX (iface));
  /* Translators: column titles of arp -a; each column is 22 characters wide */
  line (stack, _("  Internet Address      Physical Address      Type"));
}

static void
arp_entry (WlStack          *stack,
           const WlArpEntry *e)
{
  char a[16], phys[18];

  g_snprintf (phys, sizeof phys, "%02x-%02x-%02x-%02x-%02x-%02x", e->mac.b[0], e->mac.b[1],
              e->mac.b[2], e->mac.b[3], e->mac.b[4], e->mac.b[5]);
  /* Translators: the type of an ARP entry learnt from the network, as Windows' arp -a says */
  linef (stack, "  %-22s%-22s%s", wl_ip_format (e->ip, a), phys, _("dynamic"));
}

static void
arp_show (WlStack         *stack,
          const ArpFilter *filter)
{
  g_autoptr (GPtrArray) list = wl_arp_cache_list (stack);  /* by interface, then address */
  gint current = -1;
  guint shown = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const WlArpEntry *e = list->pdata[i];

      if (e->state != WL_ARP_REACHABLE
          || (filter->addr != 0 && e->ip != filter->addr)
          || (filter->iface_addr != 0 && stack->ifaces[e->iface].address != filter->iface_addr))
        continue;
      if (e->iface != current)
        arp_interface (stack, e->iface);
      current = e->iface;
      arp_entry (stack, e);
      shown++;
    }
  if (shown == 0)
    line (stack, _("No ARP Entries Found."));
}

gboolean
wl_arp_command (WlStack    *stack,
                const char *text,
                char      **argv,
                GError    **error)
{
  ArpFilter filter;

  if (!arp_parse (argv, &filter, error))
    return FALSE;
  if (stack != NULL)
    arp_show (stack, &filter);
  return TRUE;
}

/* route print ------------------------------------------------------------------------------ */

static void
route_interfaces (WlStack *stack)
{
  line (stack, RULE);
  line (stack, _("Interface List"));
  for (guint i = 0; i < stack->n_ifaces; i++)
    {
      const guint8 *m = stack->ifaces[i].port->mac.b;

      linef (stack, "%3u...%02x %02x %02x %02x %02x %02x ......%s", IF_INDEX (i), m[0], m[1],
             m[2], m[3], m[4], m[5], stack->ifaces[i].port->name);
    }
  line (stack, RULE);
}

static guint
route_metric (const WlRoute *r)
{
  if (r->origin == WL_ROUTE_CONNECTED)
    return METRIC_CONNECTED + METRIC_IFACE;
  if (r->origin == WL_ROUTE_STATIC)
    return METRIC_STATIC + METRIC_IFACE;
  return METRIC_IFACE;
}

/* Windows sorts by destination, then netmask; the table's order breaks ties. */
static gint
route_compare (gconstpointer a,
               gconstpointer b)
{
  const WlRoute *x = *(const WlRoute *const *) a;
  const WlRoute *y = *(const WlRoute *const *) b;

  if (x->network != y->network)
    return x->network < y->network ? -1 : 1;
  if (x->prefix != y->prefix)
    return x->prefix < y->prefix ? -1 : 1;
  return x < y ? -1 : x > y;  /* the table is one array: address order is insertion order */
}

static void
route_active (WlStack *stack)
{
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < wl_route_table_get_len (&stack->routes); i++)
    g_ptr_array_add (sorted, (gpointer) wl_route_table_get (&stack->routes, i));
  g_ptr_array_sort (sorted, route_compare);
  line (stack, "");
  line (stack, _("IPv4 Route Table"));
  line (stack, RULE);
  line (stack, _("Active Routes:"));
  /* Translators: column titles of route print, right-aligned on columns 17 characters wide
   * (the metric's 7) */
  line (stack, _("Network Destination        Netmask          Gateway       Interface  Metric"));
  for (guint i = 0; i < sorted->len; i++)
    {
      const WlRoute *r = sorted->pdata[i];
      char n[16], m[16], g[16], a[16];

      linef (stack, "%17s%17s%17s%17s%7u", wl_ip_format (r->network, n),
             wl_ip_format (wl_ip_prefix_mask (r->prefix), m),
             /* Translators: route print's gateway for a network reached directly */
             r->via == 0 ? _("On-link") : wl_ip_format (r->via, g),
             wl_ip_format (stack->ifaces[r->iface].address, a), route_metric (r));
    }
  line (stack, RULE);
}

/* Configured rather than learnt: the lab's static routes, and a gateway not given by DHCP. */
static gboolean
route_is_persistent (WlStack       *stack,
                     const WlRoute *r)
{
  return r->origin == WL_ROUTE_STATIC
         || (r->origin == WL_ROUTE_GATEWAY && stack->ifaces[r->iface].dhcp == NULL);
}

static void
route_persistent (WlStack *stack)
{
  guint shown = 0;

  line (stack, _("Persistent Routes:"));
  for (guint i = 0; i < wl_route_table_get_len (&stack->routes); i++)
    {
      const WlRoute *r = wl_route_table_get (&stack->routes, i);
      char n[16], m[16], g[16];
      g_autofree char *metric = NULL;

      if (!route_is_persistent (stack, r))
        continue;
      if (shown++ == 0)
        /* Translators: column titles of route print's persistent routes, right-aligned on
         * columns 17 characters wide (the metric's 6, after two spaces) */
        line (stack, _("  Network Address          Netmask  Gateway Address  Metric"));
      /* Translators: the metric of a persistent default gateway in route print */
      metric = r->origin == WL_ROUTE_STATIC ? g_strdup_printf ("%u", METRIC_STATIC)
                                            : g_strdup (_("Default"));
      linef (stack, "%17s%17s%17s  %6s", wl_ip_format (r->network, n),
             wl_ip_format (wl_ip_prefix_mask (r->prefix), m), wl_ip_format (r->via, g), metric);
    }
  if (shown == 0)
    /* Translators: route print when there are no persistent routes */
    line (stack, _("  None"));
}

/* route print [-4] (the verb ignores case, as on Windows): the first word that does not fit,
 * or NULL when the line is right. */
static const char *
route_bad_word (char **argv)
{
  if (argv[1] == NULL || g_ascii_strcasecmp (argv[1], "print") != 0)
    return argv[1] != NULL ? argv[1] : "";
  if (argv[2] == NULL)
    return NULL;
  if (!is_option (argv[2], "4"))
    return argv[2];
  return argv[3];
}

gboolean
wl_route_command (WlStack    *stack,
                  const char *text,
                  char      **argv,
                  GError    **error)
{
  const char *word = route_bad_word (argv);

  if (word != NULL)
    {
      /* Translators: %s is the word "route" did not expect; keep "route print" as it is */
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                   _("route does not understand “%s”: this console knows route print [-4]"),
                   word);
      return FALSE;
    }
  if (stack == NULL)
    return TRUE;
  route_interfaces (stack);
  route_active (stack);
  route_persistent (stack);
  return TRUE;
}

/* netstat ---------------------------------------------------------------------------------- */

/* Windows' names of the TCP states (MIB_TCP_STATE), in WlTcpState's order. */
static const char *const tcp_state_names[] = {
  /* Translators: TCP states as Windows' netstat names them; Windows translates them too */
  N_("CLOSED"), N_("LISTENING"), N_("SYN_SENT"), N_("SYN_RECEIVED"), N_("ESTABLISHED"),
  N_("FIN_WAIT_1"), N_("FIN_WAIT_2"), N_("CLOSE_WAIT"), N_("CLOSING"), N_("LAST_ACK"),
  N_("TIME_WAIT"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (tcp_state_names) == WL_TCP_TIME_WAIT + 1);

/* netstat [-a] [-n], letters combined or apart ("-an", "-a -n", "/a"). */
static gboolean
netstat_parse (char    **argv,
               gboolean *all,
               GError  **error)
{
  *all = FALSE;
  for (guint i = 1; argv[i] != NULL; i++)
    {
      const char *arg = argv[i];
      gboolean ok = (arg[0] == '-' || arg[0] == '/') && arg[1] != '\0';

      for (const char *c = arg + 1; ok && *c != '\0'; c++)
        {
          ok = g_ascii_tolower (*c) == 'a' || g_ascii_tolower (*c) == 'n';
          *all |= g_ascii_tolower (*c) == 'a';
        }
      if (!ok)
        {
          /* Translators: %s is what was typed after "netstat" */
          g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                       _("netstat does not understand “%s”: use netstat [-a] [-n]"), arg);
          return FALSE;
        }
    }
  return TRUE;
}

/* Windows lists connections by local address and port, then foreign address and port. */
static gint
pcb_compare (gconstpointer a,
             gconstpointer b)
{
  const WlTcpPcb *x = *(const WlTcpPcb *const *) a;
  const WlTcpPcb *y = *(const WlTcpPcb *const *) b;
  guint64 kx = (guint64) x->local_ip << 16 | x->local_port;
  guint64 ky = (guint64) y->local_ip << 16 | y->local_port;

  if (kx == ky)
    {
      kx = (guint64) x->remote_ip << 16 | x->remote_port;
      ky = (guint64) y->remote_ip << 16 | y->remote_port;
    }
  return kx < ky ? -1 : kx > ky;
}

static void
netstat_row (WlStack        *stack,
             const WlTcpPcb *pcb)
{
  char a[16], b[16];
  g_autofree char *local = g_strdup_printf ("%s:%u", wl_ip_format (pcb->local_ip, a),
                                            pcb->local_port);
  g_autofree char *foreign = g_strdup_printf ("%s:%u", wl_ip_format (pcb->remote_ip, b),
                                              pcb->remote_port);

  linef (stack, "  %-7s%-23s%-23s%s", "TCP", local, foreign, _(tcp_state_names[pcb->state]));
}

static void
netstat_show (WlStack *stack,
              gboolean all)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();

  for (guint i = 0; i < stack->tcp.pcbs->len; i++)
    {
      const WlTcpPcb *pcb = stack->tcp.pcbs->pdata[i];

      /* CLOSED and dead ones are on their way out; listeners only with -a, as on Windows */
      if (pcb->dead || pcb->state == WL_TCP_CLOSED || (pcb->state == WL_TCP_LISTEN && !all))
        continue;
      g_ptr_array_add (shown, (gpointer) pcb);
    }
  g_ptr_array_sort (shown, pcb_compare);
  line (stack, "");
  line (stack, _("Active Connections"));
  line (stack, "");
  /* Translators: column titles of netstat: Proto is 7 characters wide, the addresses 23 */
  line (stack, _("  Proto  Local Address          Foreign Address        State"));
  for (guint i = 0; i < shown->len; i++)
    netstat_row (stack, shown->pdata[i]);
}

gboolean
wl_netstat_command (WlStack    *stack,
                    const char *text,
                    char      **argv,
                    GError    **error)
{
  gboolean all;

  if (!netstat_parse (argv, &all, error))
    return FALSE;
  if (stack != NULL)
    netstat_show (stack, all);
  return TRUE;
}
