/* wl-cli-events.c — "events": a run's event list as text, and "--why": the chain of causes. */
#define G_LOG_DOMAIN "wirelab-cli"
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "describe/wl-describe.h"
#include "lab/wl-lab-text.h"
#include "wl-cli.h"

typedef struct
{
  WlLab      *lab;     /* the lab as it was when the run was recorded */
  WlTraceEvent last;   /* --why: the event just read, with its cause */
  gboolean    found;
} EventsContext;

static char *
format_where (WlLab *lab, const WlTraceEvent *ev)
{
  WlLabDevice *dev;

  if (ev->device < 0 || lab == NULL || (guint) ev->device >= lab->devices->len)
    {
      if (ev->link >= 0 && lab != NULL && (guint) ev->link < lab->links->len)
        return g_strdup (((WlLabLink *) g_ptr_array_index (lab->links, ev->link))->name);
      return g_strdup ("-");
    }
  dev = g_ptr_array_index (lab->devices, ev->device);
  if (ev->iface >= 0 && (guint) ev->iface < dev->ifaces->len)
    return g_strdup_printf ("%s:%s", dev->name,
                            ((WlLabIface *) g_ptr_array_index (dev->ifaces, ev->iface))->name);
  return g_strdup (dev->name);
}

static void
print_event (WlLab *lab, const WlTraceEvent *ev, const char *prefix)
{
  g_autofree char *time = wl_cli_format_time (ev->time);
  g_autofree char *where = format_where (lab, ev);
  g_autofree char *what = wl_describe_event (ev);

  printf ("%s%6" G_GUINT64_FORMAT "  %s  %-14s %-8s %-5s %s\n", prefix, ev->id, time, where,
          wl_event_kind_to_string (ev->kind), wl_proto_to_string (ev->proto), what);
}

static gboolean
on_event (const WlTraceEvent *ev, gpointer user_data)
{
  EventsContext *ctx = user_data;

  print_event (ctx->lab, ev, "");
  return TRUE;
}

static gboolean
on_why_event (const WlTraceEvent *ev, gpointer user_data)
{
  EventsContext *ctx = user_data;

  ctx->found = TRUE;
  ctx->last = *ev;
  print_event (ctx->lab, ev, "");
  return FALSE;
}

static int
print_why (WlStore *store, gint64 run_id, WlLab *lab, guint64 id)
{
  g_autoptr (GError) error = NULL;
  EventsContext ctx = { .lab = lab };
  guint depth = 0;

  /* Walk back from the event to its first cause; ids only ever point backwards, so this ends. */
  while (id != 0)
    {
      ctx.found = FALSE;
      if (depth > 0)
        printf (_("  … because of:\n"));
      if (!wl_store_get_event (store, run_id, id, on_why_event, &ctx, &error))
        return wl_cli_fail ("%s", error->message);
      if (!ctx.found)
        return wl_cli_fail (_("run %lld has no event %llu"), (long long) run_id,
                            (unsigned long long) id);
      if (ctx.last.cause >= id)
        return wl_cli_fail (_("event %llu names a later cause"), (unsigned long long) id);
      id = ctx.last.cause;
      depth++;
    }
  return 0;
}

static gboolean
parse_protos (const char *text, GArray *out, GError **error)
{
  g_auto (GStrv) names = g_strsplit (text, ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      WlProto p = wl_proto_from_string (g_strstrip (names[i]));

      if (p == WL_PROTO_NONE)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--proto: unknown protocol “%s” (known: eth, arp, ip, icmp, udp, tcp, "
                         "dhcp, dns, http)"),
                       names[i]);
          return FALSE;
        }
      g_array_append_val (out, p);
    }
  return TRUE;
}

static WlLab *
load_run_lab (WlStore *store, gint64 run_id, GError **error)
{
  g_autofree char *text = wl_store_dup_run_lab_text (store, run_id, error);

  if (text == NULL)
    return NULL;
  return wl_lab_text_parse (text, -1, error);
}

int
wl_cli_events (int argc, char **argv)
{
  gint64 run_id = 0, why = 0;
  g_autofree char *protos = NULL, *device = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (WlStore) store = NULL;
  g_autoptr (WlLab) lab = NULL;
  g_autoptr (GArray) proto_list = g_array_new (FALSE, FALSE, sizeof (WlProto));
  WlEventFilter filter = WL_EVENT_FILTER_INIT;
  EventsContext ctx = { 0 };
  const GOptionEntry entries[] = {
    { "run", 'r', 0, G_OPTION_ARG_INT64, &run_id, N_("Run number (default: the newest)"),
      N_("N") },
    { "proto", 'p', 0, G_OPTION_ARG_STRING, &protos,
      N_("Only events of these protocols, comma-separated (arp,icmp)"), N_("LIST") },
    { "device", 'd', 0, G_OPTION_ARG_STRING, &device, N_("Only events at this device"),
      N_("NAME") },
    { "why", 'w', 0, G_OPTION_ARG_INT64, &why,
      N_("Print the chain of causes of event ID back to the action that started it"),
      N_("ID") },
    { NULL },
  };
  g_autoptr (GOptionContext) octx = g_option_context_new (_("LAB.wirelab — list events"));

  g_option_context_add_main_entries (octx, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (octx, _("Columns: event id, simulated time (s), device:interface "
                                        "(or link), kind, protocol, what happened."));
  if (!wl_cli_parse (octx, &argc, &argv, 1, "LAB.wirelab"))
    return WL_CLI_EXIT_USAGE;
  if (protos != NULL && !parse_protos (protos, proto_list, &error))
    return wl_cli_fail ("%s", error->message);
  if (why < 0)
    return wl_cli_fail (_("--why: event ids are positive numbers"));

  store = wl_store_open (argv[1], &error);
  if (store == NULL || !wl_cli_resolve_run (store, &run_id, &error))
    return wl_cli_fail ("%s", error->message);
  lab = load_run_lab (store, run_id, &error);
  if (lab == NULL)
    return wl_cli_fail ("%s", error->message);
  if (why > 0)
    return print_why (store, run_id, lab, (guint64) why);

  if (device != NULL && (filter.device = wl_lab_find_device (lab, device)) < 0)
    return wl_cli_fail (_("--device: run %lld has no device “%s”"), (long long) run_id,
                        device);
  filter.protos = (WlProto *) proto_list->data;
  filter.n_protos = proto_list->len;
  ctx.lab = lab;
  if (!wl_store_foreach_event (store, run_id, &filter, on_event, &ctx, &error))
    return wl_cli_fail ("%s", error->message);
  return 0;
}
