/* wl-nslookup.c — nslookup: look a name up and print what the DNS said.
 *
 * The command of BIND 9.18 (Debian 12's bind9-dnsutils), non-interactive form only:
 *
 *   nslookup [-type=TYPE] NAME [SERVER]        (-query=, -q= and -querytype= too)
 *
 * TYPE is A (default), NS, CNAME, MX, SOA, PTR, TXT, AAAA, ANY or TYPEnn; NAME an IPv4
 * address makes a reverse lookup (PTR of d.c.b.a.in-addr.arpa).  SERVER is an IPv4 address.
 *
 * Where it sits: a program on a host's stack, built on the host's stub resolver
 * (proto/wl-dns-stub.c).  Without SERVER the stub answers, from its cache or from the host's
 * DNS server; with SERVER that server is asked directly.  The stub emits the dns-query and
 * dns-answer notes; this file prints, as console notes (one line each, tabs included), what
 * nslookup prints on Linux:
 *
 *   Server:		10.0.0.53
 *   Address:	10.0.0.53#53
 *
 *   Non-authoritative answer:                  (when AA is clear)
 *   www.lab.test	canonical name = web.lab.test.
 *   Name:	web.lab.test
 *   Address: 10.0.0.80
 *                                              (a blank line ends the output)
 * and for other types, when the answer is not authoritative, an "Authoritative answers can be
 * found from:" part with the authority and additional sections; "** server can't find NAME:
 * NXDOMAIN" (or SERVFAIL, REFUSED …) for an error rcode; "*** Can't find NAME: No answer" for
 * an empty answer; ";; communications error to 10.0.0.53#53: timed out" per attempt (or
 * "connection refused", "host unreachable" for an ICMP error), then ";; no servers could be
 * reached" when nothing answered.
 *
 * Differences, on purpose: nslookup 9.18 also asks for AAAA when no type is given; labs have
 * no IPv6, so only A is asked (the output is the same when there is no AAAA record).  A
 * truncated answer (TC, only for answers over 512 bytes) is printed as it came: nslookup would
 * ask again over TCP, which the lab's DNS does not do.
 */
#define G_LOG_DOMAIN "wl-nslookup"
#include "config.h"

#include <stdarg.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "proto/wl-dns.h"

typedef struct
{
  char    *name;     /* what is looked up (reverse form for an address) */
  char    *typed;    /* NAME as typed: nslookup's messages show it */
  guint16  type;
  guint32  server;   /* 0: the host's */
} Options;

typedef struct
{
  WlStack *stack;
  Options  opts;
} WlNslookup;

static void
options_clear (Options *o)
{
  g_clear_pointer (&o->name, g_free);
  g_clear_pointer (&o->typed, g_free);
}

static void
nslookup_free (gpointer data)
{
  WlNslookup *ns = data;

  options_clear (&ns->opts);
  g_free (ns);
}

/* ---- parsing --------------------------------------------------------------------------- */

/* Sets message (owned) as the error. */
static gboolean
parse_error (GError **error,
             char    *message)
{
  g_set_error_literal (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

static gboolean
parse_option (Options    *o,
              const char *arg,
              GError    **error)
{
  static const char *const prefixes[] = { "-type=", "-query=", "-querytype=", "-q=", "-t=" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (arg, prefixes[i]))
      {
        if (!wl_dns_type_from_string (arg + strlen (prefixes[i]), &o->type))
          /* Translators: %s is the option as typed */
          return parse_error (error, g_strdup_printf (_("nslookup: “%s”: unknown record type (A, "
                                                        "NS, CNAME, MX, SOA, PTR, TXT, AAAA, "
                                                        "ANY)"), arg));
        return TRUE;
      }
  return parse_error (error, g_strdup_printf (_("nslookup: unknown option “%s” (known: "
                                                "-type=TYPE)"), arg));
}

/* NAME: a domain name, or an address for a reverse lookup (d.c.b.a.in-addr.arpa). */
static gboolean
parse_name (Options    *o,
            const char *arg,
            gboolean    type_given,
            GError    **error)
{
  g_autoptr (GError) name_error = NULL;
  guint32 ip;

  if (wl_ip_parse (arg, &ip) && (!type_given || o->type == WL_DNS_TYPE_PTR))
    {
      o->name = g_strdup_printf ("%u.%u.%u.%u.in-addr.arpa", ip & 0xff, (ip >> 8) & 0xff,
                                 (ip >> 16) & 0xff, ip >> 24);
      o->typed = g_strdup (o->name);  /* nslookup's messages show the reverse name */
      o->type = WL_DNS_TYPE_PTR;
      return TRUE;
    }
  o->typed = g_strdup (arg);
  if ((o->name = wl_dns_name_normalize (arg, &name_error)) == NULL)
    {
      g_set_error (error, WL_LAB_ERROR, WL_LAB_ERROR_INVALID, "nslookup: %s", name_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_args (Options *o,
            char   **argv,
            GError **error)
{
  const char *positional[2] = { NULL, NULL };
  guint n = 0;
  gboolean type_given = FALSE;

  o->type = WL_DNS_TYPE_A;
  for (guint i = 1; argv[i] != NULL; i++)
    {
      if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          if (!parse_option (o, argv[i], error))
            return FALSE;
          type_given = TRUE;
        }
      else if (n < 2)
        positional[n++] = argv[i];
      else
        return parse_error (error, g_strdup_printf (_("nslookup: too many arguments at “%s” "
                                                      "(expected NAME [SERVER])"), argv[i]));
    }
  if (n == 0)
    return parse_error (error, g_strdup (_("nslookup: a name to look up is needed (the "
                                           "interactive mode is not available)")));
  if (positional[1] != NULL && !wl_ip_parse (positional[1], &o->server))
    return parse_error (error, g_strdup_printf (_("nslookup: the server “%s” must be an IPv4 "
                                                  "address"), positional[1]));
  return parse_name (o, positional[0], type_given, error);
}

/* ---- printing -------------------------------------------------------------------------- */

static void
print (WlNslookup *ns,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static void
print (WlNslookup *ns,
       const char *format,
       ...)
{
  g_autofree char *line = NULL;
  va_list ap;

  va_start (ap, format);
  line = g_strdup_vprintf (format, ap);
  va_end (ap);
  wl_sim_note (ns->stack->sim, ns->stack->device->index, -1, WL_PROTO_DNS, WL_LAYER_APPLICATION,
               WL_NOTE_CONSOLE, "%s", line);
}

static void
print_soa (WlNslookup    *ns,
           const WlDnsRR *rr)
{
  print (ns, "%s", rr->name[0] ? rr->name : ".");
  print (ns, "\torigin = %s", rr->target);
  print (ns, "\tmail addr = %s", rr->rname);
  print (ns, "\tserial = %u", rr->serial);
  print (ns, "\trefresh = %u", rr->refresh);
  print (ns, "\tretry = %u", rr->retry);
  print (ns, "\texpire = %u", rr->expire);
  print (ns, "\tminimum = %u", rr->minimum);
}

/* One record as nslookup's printsection() writes it. */
static void
print_rr (WlNslookup    *ns,
          const WlDnsRR *rr,
          WlDnsSection   section)
{
  const char *owner = rr->name[0] ? rr->name : ".";
  char ip[16];

  switch (rr->type)
    {
    case WL_DNS_TYPE_A:
      wl_ip_format (rr->a, ip);
      if (section == WL_DNS_SECTION_ANSWER)
        {
          print (ns, "Name:\t%s", owner);
          print (ns, "Address: %s", ip);
        }
      else
        print (ns, "%s\tinternet address = %s", owner, ip);
      break;
    case WL_DNS_TYPE_CNAME: print (ns, "%s\tcanonical name = %s.", owner, rr->target); break;
    case WL_DNS_TYPE_NS: print (ns, "%s\tnameserver = %s.", owner, rr->target); break;
    case WL_DNS_TYPE_PTR: print (ns, "%s\tname = %s.", owner, rr->target); break;
    case WL_DNS_TYPE_MX:
      print (ns, "%s\tmail exchanger = %u %s.", owner, rr->preference, rr->target);
      break;
    case WL_DNS_TYPE_SOA: print_soa (ns, rr); break;
    default:
      {
        g_autofree char *data = wl_dns_rr_rdata_to_string (rr);

        print (ns, "%s\trdata_%u = %s", owner, rr->type, data);
      }
    }
}

static void
print_section (WlNslookup         *ns,
               const WlDnsMessage *msg,
               WlDnsSection        section)
{
  for (guint i = 0; i < msg->rrs[section]->len; i++)
    print_rr (ns, g_ptr_array_index (msg->rrs[section], i), section);
}

static void
print_answer (WlNslookup         *ns,
              const WlDnsMessage *msg)
{
  gboolean aa = (msg->flags & WL_DNS_FLAG_AA) != 0;
  guint rcode = WL_DNS_RCODE (msg->flags);

  if (rcode != WL_DNS_RCODE_NOERROR)
    {
      print (ns, "** server can't find %s: %s", ns->opts.typed, wl_dns_rcode_to_string (rcode));
      return;
    }
  if (!aa)
    print (ns, "Non-authoritative answer:");
  if (msg->rrs[WL_DNS_SECTION_ANSWER]->len > 0)
    print_section (ns, msg, WL_DNS_SECTION_ANSWER);
  else
    print (ns, "*** Can't find %s: No answer", ns->opts.typed);
  if (!aa && ns->opts.type != WL_DNS_TYPE_A && ns->opts.type != WL_DNS_TYPE_AAAA)
    {
      print (ns, "%s", "");
      print (ns, "Authoritative answers can be found from:");
      print_section (ns, msg, WL_DNS_SECTION_AUTHORITY);
      print_section (ns, msg, WL_DNS_SECTION_ADDITIONAL);
    }
}

static void
on_result (WlDnsStub             *stub,
           const WlDnsStubResult *result,
           gpointer               user_data)
{
  WlNslookup *ns = user_data;
  char server[16];

  wl_ip_format (result->server, server);
  switch (result->status)
    {
    case WL_DNS_STUB_ANSWERED:
      print (ns, "Server:\t\t%s", server);
      print (ns, "Address:\t%s#%u", server, WL_DNS_PORT);
      print (ns, "%s", "");
      print_answer (ns, result->response);
      break;
    case WL_DNS_STUB_TIMED_OUT:
      for (guint i = 0; i < result->attempts; i++)
        print (ns, ";; communications error to %s#%u: timed out", server, WL_DNS_PORT);
      print (ns, ";; no servers could be reached");
      break;
    case WL_DNS_STUB_REFUSED:
      print (ns, ";; communications error to %s#%u: connection refused", server, WL_DNS_PORT);
      print (ns, ";; no servers could be reached");
      break;
    case WL_DNS_STUB_UNREACHABLE:
      print (ns, ";; communications error to %s#%u: host unreachable", server, WL_DNS_PORT);
      print (ns, ";; no servers could be reached");
      break;
    case WL_DNS_STUB_NO_SERVER:
    default:
      print (ns, ";; no servers could be reached");
      break;
    }
  print (ns, "%s", "");
}

/* ---- the command ----------------------------------------------------------------------- */

gboolean
wl_nslookup_command (WlStack    *stack,
                     const char *line,
                     char      **argv,
                     GError    **error)
{
  Options opts = { NULL, NULL, 0, 0 };
  WlDnsStub *stub;
  WlNslookup *ns;

  if (!parse_args (&opts, argv, error))
    {
      options_clear (&opts);
      return FALSE;
    }
  if (stack == NULL)
    {
      options_clear (&opts);
      return TRUE;
    }
  if ((stub = wl_dns_stub_get (stack)) == NULL)
    {
      WlDnsStubConfig cfg;

      wl_dns_stub_config_init (&cfg);  /* no server: only "nslookup NAME SERVER" can work */
      stub = wl_dns_stub_start (stack, &cfg);
    }
  ns = g_new0 (WlNslookup, 1);
  ns->stack = stack;
  ns->opts = opts;
  wl_stack_add_app (stack, ns, nslookup_free);
  wl_dns_stub_resolve (stub, ns->opts.name, ns->opts.type, ns->opts.server, on_result, ns);
  return TRUE;
}
