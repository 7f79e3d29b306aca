/* wl-commands.c — dispatching console command lines to programs (see wl-commands.h). */
#define G_LOG_DOMAIN "wl-commands"
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lab/wl-lab.h"
#include "proto/wl-apps.h"
#include "proto/wl-dhcp.h"
#include "proto/wl-dns.h"
#include "proto/wl-http.h"
#include "wl-commands.h"
#include "wl-console-commands.h"
#include "wl-tcp-apps.h"

/* ping, traceroute and tracert share one parser (wl-host-commands.c). */
static gboolean
run_ping_or_trace (WlStack *stack, const char *line, char **argv, GError **error)
{
  WlCommand cmd;

  if (!wl_command_parse (line, &cmd, error))
    return FALSE;
  if (stack == NULL)
    return TRUE;
  if (cmd.kind == WL_COMMAND_PING)
    wl_ping_start (stack, &cmd.ping);
  else
    wl_traceroute_start (stack, &cmd.trace);
  return TRUE;
}

static const WlCommandInfo commands[] = {
  { "ping", run_ping_or_trace },
  { "traceroute", run_ping_or_trace },
  { "tracert", run_ping_or_trace },
  { "ipconfig", wl_ipconfig_command },  /* wl-ipconfig.c */
  { "nc", wl_nc_command },              /* wl-tcp-apps.c */
  { "nslookup", wl_nslookup_command },  /* wl-nslookup.c */
  { "http", wl_http_command },          /* wl-http-commands.c */
  { "curl", wl_http_command },          /* wl-http-commands.c */
  { "arp", wl_arp_command },            /* wl-console-commands.c */
  { "route", wl_route_command },        /* wl-console-commands.c */
  { "netstat", wl_netstat_command },    /* wl-console-commands.c */
};

const WlCommandInfo *
wl_commands_get (guint *n_commands)
{
  *n_commands = G_N_ELEMENTS (commands);
  return commands;
}

static gboolean
dispatch (WlStack *stack, const char *line, GError **error)
{
  g_auto (GStrv) argv = NULL;
  g_autoptr (GError) shell_error = NULL;
  g_autoptr (GString) known = g_string_new (NULL);

  if (!g_shell_parse_argv (line, NULL, &argv, &shell_error))
    {
      if (g_error_matches (shell_error, G_SHELL_ERROR, G_SHELL_ERROR_EMPTY_STRING))
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, _("The command is empty"));
      else
        g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
                     _("Cannot read the command “%s”: %s"), line, shell_error->message);
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_str_equal (argv[0], commands[i].name))
        return commands[i].func (stack, line, argv, error);
      g_string_append_printf (known, "%s%s", i ? ", " : "", commands[i].name);
    }
  /* Translators: the first %s is the first word typed; the second the list of commands */
  g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID,
               _("Unknown command “%s”: this device knows %s"), argv[0], known->str);
  return FALSE;
}

gboolean
wl_stack_check_command (const char *line, GError **error)
{
  return dispatch (NULL, line, error);
}

gboolean
wl_stack_run_command (WlStack *stack, const char *line, GError **error)
{
  g_return_val_if_fail (stack != NULL, FALSE);
  return dispatch (stack, line, error);
}
