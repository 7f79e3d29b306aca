/* dhcp-test.c — helpers of the DHCP tests (see dhcp-test.h). */
#include "config.h"

#include <string.h>
#include <pcap/pcap.h>

#include "dhcp-test.h"
#include "proto/wl-ipv4-wire.h"
#include "proto/wl-wire.h"

WlLabDevice *
dhcp_add_client (WlLab      *lab,
                 const char *name)
{
  WlLabDevice *dev = wl_lab_add_device (lab, WL_DEVICE_PC, name);
  WlLabIface *ifc = g_ptr_array_index (dev->ifaces, 0);

  ifc->dhcp = TRUE;
  return dev;
}

WlLab *
dhcp_lab_lan (guint n_clients)
{
  WlLab *lab = wl_lab_new ();

  l3_add_host (lab, "S1", "10.0.0.1/24", NULL);
  wl_lab_add_device (lab, WL_DEVICE_SWITCH, "SW1");
  l3_connect (lab, "S1", 0, "SW1", 0);
  for (guint i = 1; i <= n_clients; i++)
    {
      g_autofree char *name = g_strdup_printf ("PC%u", i);

      dhcp_add_client (lab, name);
      l3_connect (lab, name, 0, "SW1", i);
    }
  return lab;
}

WlDhcpServer *
dhcp_start_server (L3Bed             *bed,
                   const char        *device,
                   const char *const *settings)
{
  WlDhcpServerConfig cfg;
  g_autoptr (GError) error = NULL;
  WlDhcpServer *server;

  wl_dhcp_server_config_init (&cfg);
  g_assert_true (wl_dhcp_server_config_parse (&cfg, settings, &error));
  g_assert_no_error (error);
  server = wl_dhcp_server_start (l3_bed_stack (bed, device), &cfg);
  g_assert_nonnull (server);
  wl_dhcp_server_config_clear (&cfg);
  return server;
}

GArray *
dhcp_sent (L3Bed *bed,
           gint   device,
           gint   link)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (DhcpSent));

  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);
      const guint8 *ip = ev->frame + L3_IP;
      DhcpSent s = { ev };
      guint sport;

      if (ev->kind != WL_EVENT_FRAME_SENT || (device >= 0 && ev->device != device)
          || (link >= 0 && ev->link != link) || ev->frame_len < L3_L4 + 8
          || wl_get_u16 (ev->frame + 12) != 0x0800
          || ip[9] != WL_IP_PROTO_UDP)
        continue;
      sport = wl_get_u16 (ev->frame + L3_L4);
      if (sport != 67 && sport != 68)
        continue;
      /* Payload: after the UDP header, up to the UDP length (the FCS and padding follow). */
      g_assert_true (wl_dhcp_decode (ev->frame + L3_L4 + 8,
                                     wl_get_u16 (ev->frame + L3_L4 + 4) - 8, &s.msg, NULL));
      s.ip_src = wl_get_u32 (ip + 12);
      s.ip_dst = wl_get_u32 (ip + 16);
      s.ip_ttl = ip[8];
      s.ip_tos = ip[1];
      g_array_append_val (out, s);
    }
  return out;
}

char *
dhcp_types (GArray *sent)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < sent->len; i++)
    g_string_append_printf (s, "%s%u", i ? "," : "",
                            g_array_index (sent, DhcpSent, i).msg.msg_type);
  return g_string_free (s, FALSE);
}

char *
dhcp_states (L3Bed      *bed,
             const char *device)
{
  g_autoptr (GPtrArray) notes = l3_find (bed, WL_EVENT_NOTE, WL_NOTE_DHCP_STATE,
                                         l3_bed_index (bed, device));
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *from = l3_arg (g_ptr_array_index (notes, i), "from");
      g_autofree char *to = l3_arg (g_ptr_array_index (notes, i), "to");

      g_string_append_printf (s, "%s%s>%s", i ? "," : "", from, to);
    }
  return g_string_free (s, FALSE);
}

void
dhcp_write_pcap (L3Bed      *bed,
                 gint        link,
                 const char *path)
{
  pcap_t *dead = pcap_open_dead_with_tstamp_precision (DLT_EN10MB, 65535,
                                                       PCAP_TSTAMP_PRECISION_NANO);
  pcap_dumper_t *dumper = pcap_dump_open (dead, path);

  g_assert_nonnull (dumper);
  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);
      struct pcap_pkthdr hdr = { 0 };

      if (ev->kind != WL_EVENT_FRAME_SENT || (link >= 0 && ev->link != link))
        continue;
      hdr.ts.tv_sec = (time_t) (ev->time / WL_S);
      hdr.ts.tv_usec = (suseconds_t) (ev->time % WL_S);  /* nanoseconds with the NANO magic */
      hdr.caplen = hdr.len = (bpf_u_int32) (ev->frame_len - 4);
      pcap_dump ((u_char *) dumper, &hdr, ev->frame);
    }
  pcap_dump_close (dumper);
  pcap_close (dead);
}

char **
dhcp_tshark (const char        *path,
             const char *const *fields)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  const char *prefs[] = { "ip.check_checksum:TRUE", "udp.check_checksum:TRUE",
                          "ip.defragment:FALSE" };
  int status;

  g_ptr_array_add (argv, "tshark");
  g_ptr_array_add (argv, "-n");
  g_ptr_array_add (argv, "-r");
  g_ptr_array_add (argv, (gpointer) path);
  for (guint i = 0; i < G_N_ELEMENTS (prefs); i++)
    {
      g_ptr_array_add (argv, "-o");
      g_ptr_array_add (argv, (gpointer) prefs[i]);
    }
  g_ptr_array_add (argv, "-T");
  g_ptr_array_add (argv, "fields");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "separator=|");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "occurrence=a");
  g_ptr_array_add (argv, "-E");
  g_ptr_array_add (argv, "aggregator=,");
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_ptr_array_add (argv, "-e");
      g_ptr_array_add (argv, (gpointer) fields[i]);
    }
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("tshark failed: %s\n%s", error->message, err);
  g_strchomp (out);
  return g_strsplit (out, "\n", -1);
}

void
dhcp_dump (L3Bed *bed)
{
  for (guint i = 0; i < wl_trace_memory_len (bed->mem); i++)
    {
      const WlTraceEvent *ev = wl_trace_memory_get (bed->mem, i);

      g_printerr ("%" G_GUINT64_FORMAT " t=%" G_GUINT64_FORMAT " %s dev=%d if=%d link=%d %s %s "
                  "cause=%" G_GUINT64_FORMAT " %s\n", ev->id, ev->time,
                  wl_event_kind_to_string (ev->kind), ev->device, ev->iface, ev->link,
                  wl_proto_to_string (ev->proto), wl_code_to_string (ev->code), ev->cause,
                  ev->args ? ev->args : "");
    }
}
