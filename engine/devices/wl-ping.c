/* wl-ping.c — ping: ICMP echo requests, and what came back.
 *
 * RFC 792 (echo and echo reply); the behaviour is Linux iputils' ping unless said otherwise.
 *
 * Where it sits: an application on a host's or router's stack.  It sends with wl_icmp_send()
 * and hears replies and errors through an ICMP listener (wl-icmp.c), local errors included
 * (no route, ARP failed, too big with DF).
 *
 * State: one WlPing per command, living as long as the stack: the options, the identifier,
 * and for each sequence number when it was sent and what became of it.
 *
 *    0               1               2               3
 *   +---------------+---------------+-------------------------------+
 *   |  Type 8 / 0   |    Code 0     |           Checksum            |
 *   +---------------+---------------+-------------------------------+
 *   |          Identifier           |        Sequence Number        |
 *   +---------------+---------------+-------------------------------+
 *   | timestamp (16 bytes, when -s >= 16) | 0x10 0x11 0x12 …        |
 *   +---------------------------------------------------------------+
 *
 * Choices:
 *   count     4 requests (Linux pings until Ctrl-C; a scenario needs an end), one every
 *             interval (1 s), the first at once, sequence numbers 1, 2, 3 …
 *   data      56 bytes like iputils: byte i is i & 0xff, and when there are at least 16 the
 *             first 16 hold the send time as Linux's struct timeval (seconds and microseconds,
 *             64-bit little-endian) — virtual time, so the bytes are the same every run.
 *   identifier (device index + 1) × 1000, +1 for each ping or tracert the device runs
 *             (Linux shows its process id); see wl-stack.c.
 *   DF        clear unless -M do (Windows' default; Linux's "-M want" sets DF when the
 *             packet fits).  With DF clear, "ping -s 1400" over a 576-byte link fragments.
 *   timeout   each request waits -W (10 s, iputils' longest wait) for its reply, then a
 *             ping-timeout note.  A reply that comes later is still reported while the ping
 *             runs, as Linux does; the ping ends when every request is answered or timed out.
 *   duplicates a second reply to one request is reported with dup=1 (Linux's "(DUP!)").
 *
 * Notes (layer 7, protocol icmp), each caused by what triggered it:
 *   ping-reply    "seq=1 rtt_ns=… ttl=63 from=10.0.2.5 bytes=64"   (the reply's arrival)
 *   ping-timeout  "seq=1"                                           (the timer)
 *   ping-error    "seq=1 type=3 code=1 from=10.0.1.1"  (caused by the ICMP error's arrival, or
 *                 for a local error by our own drop: then from is our own source address, as
 *                 Linux prints "From 10.0.1.10 … Destination Host Unreachable"; 0.0.0.0 when
 *                 no route gave one — Linux says "connect: Network is unreachable").  A
 *                 "fragmentation needed" error adds mtu=….
 */
#define G_LOG_DOMAIN "wl-ping"
#include "config.h"

#include <string.h>

#include "proto/wl-apps.h"
#include "proto/wl-icmp-wire.h"

#define TIMEVAL_LEN 16

typedef enum
{
  PROBE_PENDING,
  PROBE_REPLIED,
  PROBE_TIMED_OUT,
  PROBE_ERROR,
} ProbeState;

typedef struct
{
  WlTime     sent_at;
  WlTimerId  timeout;
  ProbeState state;
} Probe;

typedef struct
{
  WlStack      *stack;
  WlPingOptions opts;
  guint16       ident;
  guint         sent;     /* = the last sequence number used */
  GArray       *probes;   /* of Probe, index seq − 1 */
  gint          iface;    /* egress interface of the last request, -1 when none */
  gboolean      done;
} WlPing;

static void
ping_free (gpointer data)
{
  WlPing *ping = data;

  g_array_unref (ping->probes);
  g_free (ping);
}

/* Linux's outgoing pattern, with the send time in front. */
static WlPacket *
make_data (WlPing *ping)
{
  WlPacket *pkt = wl_packet_new (ping->opts.size);
  guint8 *d = wl_packet_data (pkt);
  WlTime now = wl_sim_now (ping->stack->sim);
  guint64 sec = now / WL_S, usec = (now % WL_S) / WL_US;

  for (guint i = 0; i < ping->opts.size; i++)
    d[i] = (guint8) (i & 0xff);
  if (ping->opts.size >= TIMEVAL_LEN)
    for (guint i = 0; i < 8; i++)
      {
        d[i] = (guint8) (sec >> (8 * i));
        d[8 + i] = (guint8) (usec >> (8 * i));
      }
  return pkt;
}

static void
note (WlPing     *ping,
      gint        iface,
      WlCode      code,
      const char *args)
{
  wl_sim_note (ping->stack->sim, ping->stack->device->index, iface, WL_PROTO_ICMP,
               WL_LAYER_APPLICATION, code, "%s", args);
}

static gboolean
all_answered (WlPing *ping)
{
  if (ping->sent < ping->opts.count)
    return FALSE;
  for (guint i = 0; i < ping->probes->len; i++)
    if (g_array_index (ping->probes, Probe, i).state == PROBE_PENDING)
      return FALSE;
  return TRUE;
}

static void
on_timeout (WlSim   *sim,
            gpointer target,
            gpointer data)
{
  WlPing *ping = target;
  guint seq = GPOINTER_TO_UINT (data);
  Probe *p = &g_array_index (ping->probes, Probe, seq - 1);
  g_autofree char *args = g_strdup_printf ("seq=%u", seq);

  p->timeout = 0;
  p->state = PROBE_TIMED_OUT;
  note (ping, ping->iface, WL_NOTE_PING_TIMEOUT, args);
  ping->done = all_answered (ping);
}

static void send_request (WlPing *ping);

static void
on_interval (WlSim   *sim,
             gpointer target,
             gpointer data)
{
  send_request (target);
}

static void
send_request (WlPing *ping)
{
  WlStack *stack = ping->stack;
  const WlRoute *route = wl_route_table_lookup (&stack->routes, ping->opts.target);
  Probe probe = { 0 };
  guint seq = ++ping->sent;

  ping->iface = route != NULL ? route->iface : -1;
  /* Record the request and arm its timeout before sending: a local error may come back
   * while the request is still on its way down the stack. */
  probe.sent_at = wl_sim_now (stack->sim);
  probe.state = PROBE_PENDING;
  probe.timeout = wl_sim_schedule (stack->sim, ping->opts.timeout, on_timeout, ping,
                                   GUINT_TO_POINTER (seq), NULL);
  g_array_append_val (ping->probes, probe);
  /* The next request is scheduled now, so its cause is the same as this one's. */
  if (ping->sent < ping->opts.count)
    wl_sim_schedule (stack->sim, ping->opts.interval, on_interval, ping, NULL, NULL);

  wl_icmp_send (stack, 0, ping->opts.target, WL_ICMP_ECHO_REQUEST, 0,
                (guint32) ping->ident << 16 | (seq & 0xffff), make_data (ping), ping->opts.ttl,
                ping->opts.df);
}

/* The probe a sequence number names, or NULL when it is not one of ours. */
static Probe *
find_probe (WlPing *ping,
            guint   seq)
{
  if (seq < 1 || seq > ping->sent)
    return NULL;
  return &g_array_index (ping->probes, Probe, seq - 1);
}

static void
settle (WlPing    *ping,
        Probe     *p,
        ProbeState state)
{
  if (p->state == PROBE_PENDING && p->timeout != 0)
    wl_sim_cancel (ping->stack->sim, p->timeout);
  p->timeout = 0;
  if (p->state == PROBE_PENDING)
    p->state = state;
}

static gboolean
on_reply (WlPing              *ping,
          const WlIcmpMessage *msg)
{
  guint seq = msg->rest & 0xffff;
  Probe *p = find_probe (ping, seq);
  char from[16];
  g_autofree char *args = NULL;
  gboolean dup;

  if (msg->local || msg->rest >> 16 != ping->ident || p == NULL)
    return FALSE;
  dup = p->state == PROBE_REPLIED;
  settle (ping, p, PROBE_REPLIED);
  args = g_strdup_printf ("seq=%u rtt_ns=%" G_GUINT64_FORMAT " ttl=%u from=%s bytes=%u%s", seq,
                          wl_sim_now (ping->stack->sim) - p->sent_at, msg->ttl,
                          wl_ip_format (msg->src, from), (guint) msg->data_len + WL_ICMP_HLEN,
                          dup ? " dup=1" : "");
  note (ping, msg->iface, WL_NOTE_PING_REPLY, args);
  ping->done = all_answered (ping);
  return TRUE;
}

static gboolean
on_error (WlPing              *ping,
          const WlIcmpMessage *msg)
{
  WlIcmpQuote q;
  Probe *p;
  guint seq;
  char from[16];
  g_autofree char *args = NULL;

  /* Ours when it quotes one of our echo requests: type 8, our identifier. */
  if (!wl_icmp_message_get_quote (msg, &q) || q.proto != 1 || q.l4_len < WL_ICMP_HLEN
      || q.l4[WL_ICMP_OFF_TYPE] != WL_ICMP_ECHO_REQUEST
      || wl_get_u16 (q.l4 + WL_ICMP_OFF_ID) != ping->ident)
    return FALSE;
  seq = wl_get_u16 (q.l4 + WL_ICMP_OFF_SEQ);
  if ((p = find_probe (ping, seq)) == NULL)
    return FALSE;
  settle (ping, p, PROBE_ERROR);
  args = g_strdup_printf ("seq=%u type=%u code=%u from=%s", seq, msg->type, msg->code,
                          wl_ip_format (msg->src, from));
  if (msg->type == WL_ICMP_DEST_UNREACH && msg->code == WL_ICMP_UNREACH_FRAG_NEEDED)
    {
      /* RFC 1191: the MTU of the link that was too small, for the sender to adapt. */
      g_autofree char *with_mtu = g_strdup_printf ("%s mtu=%u", args, msg->rest & 0xffff);

      g_free (args);
      args = g_steal_pointer (&with_mtu);
    }
  note (ping, msg->local ? ping->iface : msg->iface, WL_NOTE_PING_ERROR, args);
  ping->done = all_answered (ping);
  return TRUE;
}

static gboolean
on_icmp (WlStack             *stack,
         const WlIcmpMessage *msg,
         gpointer             user_data)
{
  WlPing *ping = user_data;

  if (ping->done)
    return FALSE;
  if (msg->type == WL_ICMP_ECHO_REPLY)
    return on_reply (ping, msg);
  if (wl_icmp_type_is_error (msg->type))
    return on_error (ping, msg);
  return FALSE;
}

void
wl_ping_start (WlStack             *stack,
               const WlPingOptions *opts)
{
  WlPing *ping = g_new0 (WlPing, 1);

  ping->stack = stack;
  ping->opts = *opts;
  ping->ident = stack->next_app_id++;
  ping->probes = g_array_new (FALSE, TRUE, sizeof (Probe));
  ping->iface = -1;
  /* The listener stays registered (and ignores everything once done) until the stack goes:
   * listeners cannot be removed while one of them runs. */
  wl_icmp_add_listener (stack, on_icmp, ping);
  wl_stack_add_app (stack, ping, ping_free);
  send_request (ping);
}
