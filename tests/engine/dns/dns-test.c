/* dns-test.c — shared helpers of the DNS network tests (see dns-test.h). */
#include "config.h"

#include <string.h>
#include <pcap/pcap.h>

#include "dns-test.h"
#include "proto/wl-wire.h"

static const char *const root_zone[] = {
  "zone=.", "ttl=1d", "records=test NS ns.test.;ns.test. A 10.0.0.2", NULL,
};
static const char *const tld_zone[] = {
  "zone=test", "ttl=1d", "records=@ NS ns;ns A 10.0.0.2;lab NS ns1.lab;ns1.lab A 10.0.0.3",
  NULL,
};
static const char *const lab_zone[] = {
  "zone=lab.test",
  "soa=ns1 hostmaster 2024010101 3600 600 86400 300",
  "records=@ NS ns1;ns1 A 10.0.0.3;www CNAME web;web 60 A 10.0.0.80;@ MX 10 mail;"
  "mail A 10.0.0.25;x TYPE65280 \\# 3 616263;"
  /* 40 addresses: an answer over 512 bytes */
  "big A 10.0.1.1;big A 10.0.1.2;big A 10.0.1.3;big A 10.0.1.4;big A 10.0.1.5;"
  "big A 10.0.1.6;big A 10.0.1.7;big A 10.0.1.8;big A 10.0.1.9;big A 10.0.1.10;"
  "big A 10.0.1.11;big A 10.0.1.12;big A 10.0.1.13;big A 10.0.1.14;big A 10.0.1.15;"
  "big A 10.0.1.16;big A 10.0.1.17;big A 10.0.1.18;big A 10.0.1.19;big A 10.0.1.20;"
  "big A 10.0.1.21;big A 10.0.1.22;big A 10.0.1.23;big A 10.0.1.24;big A 10.0.1.25;"
  "big A 10.0.1.26;big A 10.0.1.27;big A 10.0.1.28;big A 10.0.1.29;big A 10.0.1.30;"
  "big A 10.0.1.31;big A 10.0.1.32;big A 10.0.1.33;big A 10.0.1.34;big A 10.0.1.35;"
  "big A 10.0.1.36;big A 10.0.1.37;big A 10.0.1.38;big A 10.0.1.39;big A 10.0.1.40",
  NULL,
};
static const char *const resolver_settings[] = {
  "root-hints=a.root-servers.net 10.0.0.1", NULL,
};

static const struct
{
  const char        *name;
  const char        *cidr;
  const char *const *zone;
} hosts[] = {
  { "ROOT", "10.0.0.1/24", root_zone },
  { "TLD", "10.0.0.2/24", tld_zone },
  { "AUTH", "10.0.0.3/24", lab_zone },
  { "RES", "10.0.0.53/24", NULL },
  { "PC1", "10.0.0.10/24", NULL },
  { "PC2", "10.0.0.11/24", NULL },
};

WlLab *
dns_lab_new (void)
{
  WlLab *lab = wl_lab_new ();

  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW1");
  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    {
      WlLabDevice *dev = l3_add_host (lab, hosts[i].name, hosts[i].cidr, NULL);

      dev->dns = l3_ip ("10.0.0.53");
      l3_connect (lab, hosts[i].name, 0, "SW1", i);
    }
  return lab;
}

WlDnsServerConfig *
dns_server_config (const char *const *settings)
{
  WlDnsServerConfig *cfg = wl_dns_server_config_new ();
  g_autoptr (GError) error = NULL;

  wl_dns_server_config_parse (cfg, settings, &error);
  g_assert_no_error (error);
  return cfg;
}

static void
start_programs (L3Bed             *bed,
                const char        *name,
                const char *const *zone)
{
  WlStack *stack = l3_bed_stack (bed, name);
  g_autoptr (GError) error = NULL;

  if (zone != NULL)
    {
      g_autoptr (WlDnsServerConfig) cfg = dns_server_config (zone);

      g_assert_true (wl_dns_server_start (stack, cfg, &error));
    }
  else if (g_str_equal (name, "RES"))
    {
      g_autoptr (WlDnsResolverConfig) cfg = wl_dns_resolver_config_new ();

      g_assert_true (wl_dns_resolver_config_parse (cfg, resolver_settings, &error));
      g_assert_true (wl_dns_resolver_start (stack, cfg, &error));
    }
  else
    {
      WlDnsStubConfig cfg;

      wl_dns_stub_config_init (&cfg);
      cfg.server = l3_ip ("10.0.0.53");
      wl_dns_stub_start (stack, &cfg);
    }
  g_assert_no_error (error);
}

L3Bed *
dns_bed_new (WlLab             *lab,
             guint64            seed,
             const char *const *skip)
{
  L3Bed *bed = l3_bed_new (lab, seed);

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (skip == NULL || !g_strv_contains (skip, hosts[i].name))
      start_programs (bed, hosts[i].name, hosts[i].zone);
  return bed;
}

/* ---- the trace ------------------------------------------------------------------------- */

static void
seen_free (gpointer p)
{
  DnsSeen *s = p;

  wl_dns_message_free (s->msg);
  g_free (s);
}

/* The DNS message a frame event carries (IPv4 without options, UDP port 53), or NULL. */
static DnsSeen *
parse_frame (const WlTraceEvent *ev)
{
  const guint8 *f = ev->frame;
  gsize len = ev->frame_len;
  DnsSeen *s;
  gsize ulen;

  if (f == NULL || len < L3_L4 + 8 + 4 || wl_get_u16 (f + 12) != 0x0800 || f[L3_IP + 9] != 17)
    return NULL;
  s = g_new0 (DnsSeen, 1);
  s->ev = ev;
  s->src = wl_get_u32 (f + L3_IP + 12);
  s->dst = wl_get_u32 (f + L3_IP + 16);
  s->sport = wl_get_u16 (f + L3_L4);
  s->dport = wl_get_u16 (f + L3_L4 + 2);
  ulen = wl_get_u16 (f + L3_L4 + 4);
  if ((s->sport != 53 && s->dport != 53) || ulen < 8 || L3_L4 + ulen > len - 4)
    {
      g_free (s);
      return NULL;
    }
  s->msg = wl_dns_message_decode (f + L3_L4 + 8, ulen - 8, NULL);
  g_assert_nonnull (s->msg);
  return s;
}

GPtrArray *
dns_sent (L3Bed      *bed,
          const char *device)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (seen_free);
  gint sw = l3_bed_index (bed, "SW1");
  gint dev = device != NULL ? l3_bed_index (bed, device) : -1;
  g_autoptr (GPtrArray) sent = l3_find (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, dev);

  for (guint i = 0; i < sent->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (sent, i);
      DnsSeen *s = ev->device != sw ? parse_frame (ev) : NULL;

      if (s != NULL)
        g_ptr_array_add (out, s);
    }
  return out;
}

guint
dns_count_queries (L3Bed      *bed,
                   const char *from,
                   const char *to_ip)
{
  g_autoptr (GPtrArray) sent = dns_sent (bed, from);
  guint32 to = l3_ip (to_ip);
  guint n = 0;

  for (guint i = 0; i < sent->len; i++)
    {
      DnsSeen *s = g_ptr_array_index (sent, i);

      if (s->dst == to && (s->msg->flags & WL_DNS_FLAG_QR) == 0)
        n++;
    }
  return n;
}

char *
dns_console (L3Bed      *bed,
             const char *device)
{
  g_autoptr (GPtrArray) lines = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_CONSOLE,
                                         l3_bed_index (bed, device));
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (lines, i);

      g_string_append_printf (out, "%s%s", i ? "\n" : "", ev->args ? ev->args : "");
    }
  return g_string_free (out, FALSE);
}

void
dns_write_pcap (L3Bed      *bed,
                const char *path)
{
  pcap_t *dead = pcap_open_dead (DLT_EN10MB, 65535);
  pcap_dumper_t *dumper = pcap_dump_open (dead, path);
  g_autoptr (GPtrArray) sent = l3_find (bed, WL_EVENT_FRAME_SENT, WL_CODE_NONE, -1);
  gint sw = l3_bed_index (bed, "SW1");

  g_assert_nonnull (dumper);
  for (guint i = 0; i < sent->len; i++)
    {
      const WlTraceEvent *ev = g_ptr_array_index (sent, i);
      struct pcap_pkthdr hdr = { 0 };

      if (ev->device == sw || ev->frame == NULL || ev->frame_len < 4)
        continue;
      hdr.ts.tv_sec = (time_t) (ev->time / WL_S);
      hdr.ts.tv_usec = (suseconds_t) ((ev->time % WL_S) / WL_US);
      hdr.caplen = hdr.len = (bpf_u_int32) (ev->frame_len - 4);
      pcap_dump ((u_char *) dumper, &hdr, ev->frame);
    }
  pcap_dump_close (dumper);
  pcap_close (dead);
}

void
dns_dump (L3Bed *bed)
{
  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      if (ev->kind == WL_EVENT_FRAME_RECEIVED)
        continue;
      g_test_message ("%" G_GUINT64_FORMAT " t=%.6f dev=%d %s %s cause=%" G_GUINT64_FORMAT " %s",
                      ev->id, ev->time / 1e9, ev->device, wl_event_kind_to_string (ev->kind),
                      wl_code_to_string (ev->code), ev->cause, ev->args ? ev->args : "");
    }
}
