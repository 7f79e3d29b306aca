/* wl-traceroute.c — traceroute (Linux, UDP probes) and tracert (Windows, ICMP echo probes).
 *
 * RFC 1393 mentions the idea; the method is Van Jacobson's traceroute (1988): send probes
 * with TTL 1, 2, 3 … — the router where the TTL runs out answers "time exceeded" (RFC 792,
 * 11/0) and so names itself; the target finally answers "port unreachable" (UDP probes to
 * ports nobody uses) or an echo reply (ICMP probes).
 *
 * Where it sits: an application on a stack.  It sends with wl_udp_send() or wl_icmp_send()
 * and hears answers through an ICMP listener (wl-icmp.c).
 *
 * State: one WlTrace per command, living as long as the stack: the current hop (TTL) and
 * probe, when the probe left, and its timeout.
 *
 *   UDP probe (traceroute):   IPv4 TTL=hop | UDP sport=S dport=33434+n | 32 bytes "@ABC…_"
 *   ICMP probe (tracert):     IPv4 TTL=hop | ICMP echo id=I seq=n+1     | 64 zero bytes
 *   Answers quote the probe's IP header + 8 bytes: the UDP ports or the echo id/seq, which
 *   is how an answer is matched with its probe (n counts probes from 0).
 *
 * Choices:
 *   pacing    one probe at a time: the next leaves when the previous is answered or its wait
 *             is over (the original traceroute; Linux sends up to 16 at once with -N 16).  A
 *             lab's ladder diagram then reads hop by hop.
 *   ports     destination 33434, 33435 … one per probe (hop 1: 33434–33436, hop 2:
 *             33437–33439 …); source port from the stack's ephemeral counter, bound for the
 *             run (Linux's traceroute binds a socket too).
 *   data      traceroute: 32 bytes 0x40, 0x41 … (Linux's default 60-byte packet);
 *             tracert: 64 zero bytes (Windows' 92-byte packet).
 *   waits     traceroute 5 s (Linux's -w default), tracert 4 s (Windows' -w 4000).
 *   the end   after the hop in which any probe got a destination unreachable (the target's
 *             port unreachable, or a router's !H/!N) or an echo reply; or after max hops.
 *
 * Notes (layer 7; protocol udp or icmp, that of the probes):
 *   trace-hop      "ttl=1 probe=1 from=10.0.1.1 rtt_ns=… type=11 code=0"
 *   trace-timeout  "ttl=4 probe=2"
 *   trace-done     "hops=3 reached=1"  (reached=0 when max hops ran out or a router said
 *                  unreachable)
 */
#define G_LOG_DOMAIN "wl-traceroute"
#include "config.h"

#include "proto/wl-apps.h"
#include "proto/wl-icmp-wire.h"
#include "proto/wl-ipv4-wire.h"
#include "proto/wl-udp-wire.h"

#define UDP_DATA_LEN 32
#define ICMP_DATA_LEN 64

typedef struct
{
  WlStack       *stack;
  WlTraceOptions opts;
  guint16        port;      /* UDP: our source port; ICMP: our echo identifier */
  guint          ttl;       /* current hop */
  guint          probe;     /* current probe in the hop, from 1 */
  guint          n;         /* probes sent before the current one */
  WlTime         sent_at;
  WlTimerId      timeout;
  gboolean       waiting;   /* the current probe is out and unanswered */
  gboolean       final;     /* this hop ends the trace */
  gboolean       reached;   /* the target itself answered */
  gboolean       done;
  gint           iface;
} WlTrace;

static void send_probe (WlTrace *tr);

static void
trace_free (gpointer data)
{
  WlTrace *tr = data;

  if (tr->opts.method == WL_TRACE_UDP && !tr->done)
    wl_udp_unbind (tr->stack, tr->port);
  g_free (tr);
}

static WlProto
trace_proto (WlTrace *tr)
{
  return tr->opts.method == WL_TRACE_UDP ? WL_PROTO_UDP : WL_PROTO_ICMP;
}

static void
finish (WlTrace *tr)
{
  tr->done = TRUE;
  if (tr->opts.method == WL_TRACE_UDP)
    wl_udp_unbind (tr->stack, tr->port);
  wl_sim_note (tr->stack->sim, tr->stack->device->index, tr->iface, trace_proto (tr),
               WL_LAYER_APPLICATION, WL_NOTE_TRACE_DONE, "hops=%u reached=%d", tr->ttl,
               tr->reached ? 1 : 0);
}

/* The current probe is settled: send the next one, move to the next hop, or stop. */
static void
on_next (WlSim   *sim,
         gpointer target,
         gpointer data)
{
  WlTrace *tr = target;

  if (tr->probe < tr->opts.probes)
    {
      send_probe (tr);
      return;
    }
  if (tr->final || tr->ttl >= tr->opts.max_hops)
    {
      finish (tr);
      return;
    }
  tr->ttl++;
  tr->probe = 0;
  send_probe (tr);
}

/* Goes on through the event queue, never from inside the stack: a local error may settle a
 * probe while it is still being sent. */
static void
settled (WlTrace *tr)
{
  tr->waiting = FALSE;
  tr->n++;
  wl_sim_schedule (tr->stack->sim, 0, on_next, tr, NULL, NULL);
}

static void
on_timeout (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  WlTrace *tr = target;

  tr->timeout = 0;
  wl_sim_note (sim, tr->stack->device->index, tr->iface, trace_proto (tr), WL_LAYER_APPLICATION,
               WL_NOTE_TRACE_TIMEOUT, "ttl=%u probe=%u", tr->ttl, tr->probe);
  settled (tr);
}

static void
send_probe (WlTrace *tr)
{
  WlStack *stack = tr->stack;
  const WlRoute *route = wl_route_table_lookup (&stack->routes, tr->opts.target);
  WlPacket *data;

  tr->probe++;
  tr->iface = route != NULL ? route->iface : -1;
  tr->sent_at = wl_sim_now (stack->sim);
  tr->waiting = TRUE;
  tr->timeout = wl_sim_schedule (stack->sim, tr->opts.wait, on_timeout, tr, NULL, NULL);

  if (tr->opts.method == WL_TRACE_UDP)
    {
      WlUdpSend send = {
        .dst = tr->opts.target, .sport = tr->port,
        .dport = (guint16) (WL_TRACE_UDP_BASE_PORT + tr->n), .ttl = (guint8) tr->ttl,
      };
      guint8 *d;

      data = wl_packet_new (UDP_DATA_LEN);
      d = wl_packet_data (data);
      for (guint i = 0; i < UDP_DATA_LEN; i++)
        d[i] = (guint8) (0x40 + (i & 0x3f));
      wl_udp_send (stack, &send, data);
    }
  else
    {
      data = wl_packet_new (ICMP_DATA_LEN);
      wl_icmp_send (stack, 0, tr->opts.target, WL_ICMP_ECHO_REQUEST, 0,
                    (guint32) tr->port << 16 | ((tr->n + 1) & 0xffff), data, (guint8) tr->ttl,
                    FALSE);
    }
}

/* Does this message answer the probe now out?  Older probes' late answers count as ours but
 * change nothing. */
static gboolean
matches (WlTrace             *tr,
         const WlIcmpMessage *msg,
         gboolean            *current)
{
  WlIcmpQuote q;
  guint n;

  if (msg->type == WL_ICMP_ECHO_REPLY)
    {
      if (tr->opts.method != WL_TRACE_ICMP || msg->local || msg->rest >> 16 != tr->port)
        return FALSE;
      n = (msg->rest & 0xffff) - 1;
    }
  else
    {
      if (!wl_icmp_message_get_quote (msg, &q) || q.l4_len < 8)
        return FALSE;
      if (tr->opts.method == WL_TRACE_UDP)
        {
          if (q.proto != WL_IP_PROTO_UDP || wl_get_u16 (q.l4 + WL_UDP_OFF_SPORT) != tr->port)
            return FALSE;
          n = wl_get_u16 (q.l4 + WL_UDP_OFF_DPORT) - WL_TRACE_UDP_BASE_PORT;
        }
      else
        {
          if (q.proto != WL_IP_PROTO_ICMP || q.l4[WL_ICMP_OFF_TYPE] != WL_ICMP_ECHO_REQUEST
              || wl_get_u16 (q.l4 + WL_ICMP_OFF_ID) != tr->port)
            return FALSE;
          n = wl_get_u16 (q.l4 + WL_ICMP_OFF_SEQ) - 1;
        }
    }
  *current = tr->waiting && n == tr->n;
  return TRUE;
}

static gboolean
on_icmp (WlStack             *stack,
         const WlIcmpMessage *msg,
         gpointer             user_data)
{
  WlTrace *tr = user_data;
  gboolean current = FALSE;
  char from[16];

  if (tr->done || !(msg->type == WL_ICMP_ECHO_REPLY || msg->type == WL_ICMP_TIME_EXCEEDED
                    || msg->type == WL_ICMP_DEST_UNREACH))
    return FALSE;
  if (!matches (tr, msg, &current))
    return FALSE;
  if (!current)
    return TRUE;

  if (tr->timeout != 0)
    wl_sim_cancel (stack->sim, tr->timeout);
  tr->timeout = 0;
  wl_sim_note (stack->sim, stack->device->index, msg->local ? tr->iface : msg->iface,
               trace_proto (tr), WL_LAYER_APPLICATION, WL_NOTE_TRACE_HOP,
               "ttl=%u probe=%u from=%s rtt_ns=%" G_GUINT64_FORMAT " type=%u code=%u", tr->ttl,
               tr->probe, wl_ip_format (msg->src, from), wl_sim_now (stack->sim) - tr->sent_at,
               msg->type, msg->code);
  if (msg->type != WL_ICMP_TIME_EXCEEDED)
    {
      /* An echo reply or any unreachable ends the trace after this hop. */
      tr->final = TRUE;
      if (msg->src == tr->opts.target)
        tr->reached = TRUE;
    }
  settled (tr);
  return TRUE;
}

static void
on_udp (WlStack         *stack,
        const WlUdpInfo *info,
        WlPacket        *payload,
        gpointer         user_data)
{
  /* Nothing is expected on our source port; the binding only keeps it ours. */
  wl_packet_unref (payload);
}

void
wl_traceroute_start (WlStack              *stack,
                     const WlTraceOptions *opts)
{
  WlTrace *tr = g_new0 (WlTrace, 1);

  tr->stack = stack;
  tr->opts = *opts;
  tr->ttl = 1;
  tr->iface = -1;
  if (opts->method == WL_TRACE_UDP)
    {
      tr->port = wl_udp_alloc_port (stack);
      wl_udp_bind (stack, tr->port, on_udp, tr);
    }
  else
    tr->port = stack->next_app_id++;
  wl_icmp_add_listener (stack, on_icmp, tr);
  wl_stack_add_app (stack, tr, trace_free);
  send_probe (tr);
}
