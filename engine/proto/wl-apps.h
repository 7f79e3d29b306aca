/* wl-apps.h — the programs a host or router runs from its console (ping, traceroute, tracert),
 * the parsing of their command lines, and the devices that carry a stack.
 *
 * Implemented in engine/devices/: wl-host-commands.c (parsing), wl-ping.c, wl-traceroute.c,
 * wl-host.c and wl-router.c.  A scenario action calls the device's command() at its time; the
 * action is then the current cause, so the first packet a program sends names the action.
 */
#pragma once

#include <glib.h>

#include "core/wl-device.h"
#include "proto/wl-stack.h"

G_BEGIN_DECLS

/* ping [-c COUNT] [-s SIZE] [-i INTERVAL] [-t TTL] [-W TIMEOUT] [-M do|dont] [-n] TARGET */
typedef struct
{
  guint32  target;
  guint    count;     /* echo requests to send: 1..10000, default 4 */
  guint    size;      /* ICMP data bytes: 0..65507, default 56 */
  WlTime   interval;  /* between requests: 1 ms..1 h, default 1 s */
  guint8   ttl;       /* 1..255, default 64 */
  WlTime   timeout;   /* wait for each reply: 1 ms..1 h, default 10 s */
  gboolean df;        /* -M do: set Don't Fragment (default: clear, -M dont) */
} WlPingOptions;

typedef enum
{
  WL_TRACE_UDP,   /* traceroute: UDP probes to ports 33434 and up (Linux) */
  WL_TRACE_ICMP,  /* tracert: ICMP echo requests (Windows) */
} WlTraceMethod;

/* traceroute [-m MAXHOPS] [-q PROBES] [-w WAIT] [-n] TARGET
 * tracert [-h MAXHOPS] [-w TIMEOUT_MS] [-d] TARGET */
typedef struct
{
  guint32       target;
  WlTraceMethod method;
  guint         max_hops;  /* 1..255, default 30 */
  guint         probes;    /* per hop: 1..10, default 3 */
  WlTime        wait;      /* for each probe: traceroute 5 s, tracert 4 s */
} WlTraceOptions;

typedef enum
{
  WL_COMMAND_PING,
  WL_COMMAND_TRACE,
} WlCommandKind;

typedef struct
{
  WlCommandKind  kind;
  WlPingOptions  ping;
  WlTraceOptions trace;
} WlCommand;

#define WL_TRACE_UDP_BASE_PORT 33434  /* traceroute's first destination port */

void     wl_ping_options_init (WlPingOptions *opts);
void     wl_trace_options_init (WlTraceOptions *opts,
                                WlTraceMethod   method);

/* Parses a command line.  Errors are WL_LAB_ERROR_INVALID with a translated message naming
 * the offending text. */
gboolean wl_command_parse (const char *line,
                           WlCommand  *out,
                           GError    **error);
/* check_command() of hosts and routers: parses and forgets. */
gboolean wl_stack_check_command (const char *line,
                                 GError    **error);
/* command() of hosts and routers: parses and starts the program. */
gboolean wl_stack_run_command (WlStack    *stack,
                               const char *line,
                               GError    **error);

/* Start a program now; it lives (and is freed) with the stack. */
void     wl_ping_start (WlStack             *stack,
                        const WlPingOptions *opts);
void     wl_traceroute_start (WlStack              *stack,
                              const WlTraceOptions *opts);

/* Hosts and routers: a device whose struct starts like this carries a stack. */
typedef struct
{
  WlDevice parent;
  WlStack *stack;
} WlStackDevice;

/* The stack of a host or router; NULL for any other device. */
WlStack *wl_device_get_stack (WlDevice *dev);

G_END_DECLS
