/* DHCP captures through tshark: the DORA exchange exported to a pcap has the message order
 * 1, 2, 3, 5 with the expected options, valid IP and UDP checksums (checking on) and nothing
 * malformed; then every DHCP frame of several runs (DORA with and without the broadcast
 * flag, a relay, a NAK, a DECLINE, a RELEASE) plus hand-made hostile frames is dissected by us
 * and by tshark, and every dhcp.* field must print the same, with the same Info line.  Last,
 * the dissector survives every truncation and random damage of a DHCP frame. */
#include "config.h"

#include <string.h>
#include <glib/gstdio.h>
#include <pcap/pcap.h>

#include "dhcp-test.h"
#include "dissect/wl-dissect-private.h"
#include "proto/wl-wire.h"

static const char *const basic[] = {
  "pool=10.0.0.100-10.0.0.199", "lease=1h", "router=10.0.0.1", "dns=10.0.0.53;10.0.0.54", NULL,
};

static char *
temp_pcap (const char *name)
{
  return g_build_filename (g_get_tmp_dir (), name, NULL);
}

static void
test_dora_capture (void)
{
  static const char *const fields[] = {
    "dhcp.option.dhcp", "dhcp.option.type", "ip.checksum.status", "udp.checksum.status",
    "_ws.malformed", "dhcp.flags.bc", "dhcp.option.requested_ip_address",
    "dhcp.option.dhcp_server_id", "dhcp.option.ip_address_lease_time",
    "dhcp.option.renewal_time_value", "dhcp.option.rebinding_time_value",
    "dhcp.option.subnet_mask", "dhcp.option.router", "dhcp.option.domain_name_server",
    "dhcp.option.hostname", "dhcp.hw.mac_addr", "_ws.col.Info", NULL,
  };
  static const char *const expected[] = {
    /* DISCOVER: 53, 61, 12, 55 (tshark shows the end option as type 0) */
    "1|53,61,12,55,0|1|1||0|||||||||PC1|02:00:00:00:03:00,02:00:00:00:03:00|DHCP Discover - "
    "Transaction ID 0x",
    /* OFFER: 53, 54, 51, 58, 59, 1, 3, 6 */
    "2|53,54,51,58,59,1,3,6,0|1|1||0||10.0.0.1|3600|1800|3150|255.255.255.0|10.0.0.1|"
    "10.0.0.53,10.0.0.54||02:00:00:00:03:00|DHCP Offer    - Transaction ID 0x",
    /* REQUEST: 53, 61, 50, 54, 12, 55 */
    "3|53,61,50,54,12,55,0|1|1||0|10.0.0.100|10.0.0.1|||||||PC1|02:00:00:00:03:00,"
    "02:00:00:00:03:00|DHCP Request  - Transaction ID 0x",
    "5|53,54,51,58,59,1,3,6,0|1|1||0||10.0.0.1|3600|1800|3150|255.255.255.0|10.0.0.1|"
    "10.0.0.53,10.0.0.54||02:00:00:00:03:00|DHCP ACK      - Transaction ID 0x",
  };
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
  g_autofree char *path = temp_pcap ("wl-dhcp-dora.pcap");
  g_auto (GStrv) rows = NULL;
  guint n = 0;

  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 10 * WL_S);
  dhcp_write_pcap (bed, 1, path);  /* PC1's cable */
  rows = dhcp_tshark (path, fields);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      if (!g_str_has_prefix (rows[i], "1|") && !g_str_has_prefix (rows[i], "2|")
          && !g_str_has_prefix (rows[i], "3|") && !g_str_has_prefix (rows[i], "5|"))
        {
          /* The ARP probe and announcement: nothing malformed there either. */
          g_assert_null (strstr (rows[i], "Malformed"));
          continue;
        }
      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      if (!g_str_has_prefix (rows[i], expected[n]))
        g_error ("frame %u:\n  tshark: %s\nexpected: %s…", i + 1, rows[i], expected[n]);
      n++;
    }
  g_assert_cmpuint (n, ==, 4);
  g_unlink (path);
}

/* --- the oracle -------------------------------------------------------------------------- */

/* Adds the DHCP frames bed sent (each once: the sender's copy) to frames. */
static void
collect (L3Bed     *bed,
         GPtrArray *frames)
{
  g_autoptr (GArray) sent = dhcp_sent (bed, -1, -1);

  for (guint i = 0; i < sent->len; i++)
    {
      const WlTraceEvent *ev = g_array_index (sent, DhcpSent, i).ev;

      /* A switch forwards a frame unchanged: its copy adds nothing. */
      if (g_str_equal (wl_network_get_device (bed->net, (guint) ev->device)->klass->kind,
                       "switch"))
        continue;
      g_ptr_array_add (frames, g_bytes_new (ev->frame, ev->frame_len - 4));
    }
}

static void
run_and_collect (WlLab             *lab,
                 const char *const *settings,
                 WlTime             until,
                 GPtrArray         *frames)
{
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);

  dhcp_start_server (bed, "S1", settings);
  l3_bed_run (bed, until);
  collect (bed, frames);
}

/* A frame carrying DHCP bytes from 0.0.0.0:68 to 255.255.255.255:67, checksums right. */
static GBytes *
hostile_frame (const guint8 *dhcp,
               gsize         len)
{
  g_autoptr (GByteArray) f = g_byte_array_new ();
  guint8 hdr[42] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 2, 0, 0, 0, 0, 0x42, 0x08, 0x00 };
  guint8 *ip = hdr + 14, *udp = hdr + 34;
  guint32 sum;

  wl_ipv4_write_header (ip, (guint16) (28 + len), 0, 0, 128, 17, 0, 0xffffffff, 0x10);
  wl_put_u16 (udp, 68);
  wl_put_u16 (udp + 2, 67);
  wl_put_u16 (udp + 4, (guint16) (8 + len));
  sum = wl_inet_pseudo_header_sum (0, 0xffffffff, 17, (guint16) (8 + len));
  sum = wl_inet_checksum_add (sum, udp, 8);
  sum = wl_inet_checksum_add (sum, dhcp, len);
  wl_put_u16 (udp + 6, wl_inet_checksum_finish (sum) ? wl_inet_checksum_finish (sum) : 0xffff);
  g_byte_array_append (f, hdr, sizeof hdr);
  g_byte_array_append (f, dhcp, (guint) len);
  return g_byte_array_free_to_bytes (g_steal_pointer (&f));
}

/* BOOTP header (op 1, Ethernet, a MAC) and cookie, then opts; total length len (0: as is). */
static void
add_hostile (GPtrArray    *frames,
             const guint8 *opts,
             gsize         n,
             gsize         cut,
             gboolean      cookie)
{
  guint8 buf[400] = { 1, 1, 6, 0, 0, 0, 0, 0x77 };

  buf[28] = 2;
  buf[33] = 0x42;
  if (cookie)
    wl_put_u32 (buf + 236, WL_DHCP_MAGIC);
  if (n > 0)
    memcpy (buf + 240, opts, n);
  g_ptr_array_add (frames, hostile_frame (buf, cut != 0 ? cut : 240 + n));
}

static void
add_hostile_frames (GPtrArray *frames)
{
  static const guint8 unknown_and_pads[] = { 53, 1, 3, 99, 3, 'a', 'b', 'c', 0, 0, 61, 6, 0,
                                             'h', 'e', 'l', 'l', 'o', 255, 0, 0, 0 };
  static const guint8 no_end[] = { 53, 1, 1, 12, 3, 'P', 'C', '1' };
  static const guint8 past_end[] = { 53, 1, 1, 12, 200, 'a', 'b', 'c' };
  static const guint8 no_len[] = { 53, 1, 1, 12 };
  static const guint8 bad_lengths[] = { 53, 2, 1, 2, 50, 3, 10, 0, 0, 3, 5, 10, 0, 0, 1, 10,
                                        255 };
  static const guint8 odd_ids[] = { 53, 1, 9, 61, 7, 2, 'a', 'b', 'c', 'd', 'e', 'f', 57, 2,
                                    5, 220, 56, 4, 'o', 'o', 'p', 's', 255, 5, 5 };

  add_hostile (frames, unknown_and_pads, sizeof unknown_and_pads, 0, TRUE);
  add_hostile (frames, no_end, sizeof no_end, 0, TRUE);
  add_hostile (frames, past_end, sizeof past_end, 0, TRUE);
  add_hostile (frames, no_len, sizeof no_len, 0, TRUE);
  add_hostile (frames, bad_lengths, sizeof bad_lengths, 0, TRUE);
  add_hostile (frames, odd_ids, sizeof odd_ids, 0, TRUE);
  add_hostile (frames, NULL, 0, 100, TRUE);                 /* cut in chaddr */
  add_hostile (frames, (const guint8 *) "abcd", 4, 0, FALSE);  /* BOOTP, vendor area short */
  add_hostile (frames, NULL, 0, 236, FALSE);                /* BOOTP without vendor area */
}

static void
write_frames (GPtrArray  *frames,
              const char *path)
{
  pcap_t *dead = pcap_open_dead (DLT_EN10MB, 65535);
  pcap_dumper_t *dumper = pcap_dump_open (dead, path);

  g_assert_nonnull (dumper);
  for (guint i = 0; i < frames->len; i++)
    {
      struct pcap_pkthdr hdr = { 0 };
      gsize len;
      const guint8 *data = g_bytes_get_data (frames->pdata[i], &len);

      hdr.ts.tv_sec = i;
      hdr.caplen = hdr.len = (bpf_u_int32) len;
      pcap_dump ((u_char *) dumper, &hdr, data);
    }
  pcap_dump_close (dumper);
  pcap_close (dead);
}

/* Every occurrence of abbrev in the dissection, joined by ','; NULL when absent. */
static char *
our_value (const WlDissection *d,
           const char         *abbrev)
{
  GString *out = g_string_new (NULL);
  gboolean any = FALSE;

  for (guint l = 0; l < d->layers->len; l++)
    {
      const WlDissectLayer *layer = g_ptr_array_index (d->layers, l);

      for (guint f = 0; f < layer->fields->len; f++)
        {
          const WlField *field = &g_array_index (layer->fields, WlField, f);

          if (g_str_equal (field->abbrev, abbrev))
            {
              g_string_append_printf (out, "%s%s", any ? "," : "", field->display);
              any = TRUE;
            }
        }
    }
  return g_string_free (out, !any);
}

static void
compare (GPtrArray *frames,
         char     **rows,
         GPtrArray *abbrevs)
{
  for (guint i = 0; i < frames->len; i++)
    {
      gsize len;
      const guint8 *data = g_bytes_get_data (frames->pdata[i], &len);
      g_autoptr (WlDissection) d = wl_dissect_frame (data, len, FALSE);
      const WlDissectLayer *dhcp = wl_dissection_find_layer (d, "dhcp");
      g_auto (GStrv) cols = g_strsplit (rows[i], "|", -1);
      g_autofree char *info = NULL;

      g_assert_cmpuint (g_strv_length (cols), ==, abbrevs->len + 2);
      g_assert_nonnull (dhcp);
      for (guint a = 0; a < abbrevs->len; a++)
        {
          g_autofree char *ours = our_value (d, abbrevs->pdata[a]);

          if (g_strcmp0 (ours != NULL ? ours : "", cols[a]) != 0)
            g_error ("frame %u, %s: we print “%s”, tshark “%s”", i + 1,
                     (const char *) abbrevs->pdata[a], ours, cols[a]);
        }
      /* Malformed exactly when tshark says so. */
      g_assert_cmpint (d->malformed, ==, cols[abbrevs->len][0] != '\0');
      info = _wl_dissect_dhcp_summary (d, dhcp);
      if (!g_str_has_prefix (cols[abbrevs->len + 1], info))
        g_error ("frame %u: our Info “%s”, tshark's “%s”", i + 1, info, cols[abbrevs->len + 1]);
    }
}

static void
test_oracle (void)
{
  static const char *const relay_pool[] = {
    "pool=10.0.1.100-10.0.1.150", "mask=255.255.255.0", "router=10.0.1.1", NULL,
  };
  g_autoptr (GPtrArray) frames = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr (GPtrArray) abbrevs = g_ptr_array_new ();
  g_autofree char *path = temp_pcap ("wl-dhcp-oracle.pcap");
  g_auto (GStrv) rows = NULL;
  WlLab *lab;

  /* DORA, three clients; then RELEASE and a new DORA. */
  lab = dhcp_lab_lan (3);
  l3_action (lab, 20 * WL_S, "PC2", "ipconfig /release");
  l3_action (lab, 25 * WL_S, "PC2", "ipconfig /renew");
  run_and_collect (lab, basic, 40 * WL_S, frames);
  wl_lab_unref (lab);
  /* DECLINE: H9 holds the first address. */
  lab = dhcp_lab_lan (1);
  l3_add_host (lab, "H9", "10.0.0.100/24", NULL);
  l3_connect (lab, "H9", 0, "SW1", 5);
  run_and_collect (lab, basic, 30 * WL_S, frames);
  wl_lab_unref (lab);
  /* Through a relay (server S1 behind R1). */
  lab = wl_lab_new ();
  dhcp_add_client (lab, "PC1");
  l3_add_router (lab, "R1", "10.0.1.1/24", "10.0.2.1/24");
  l3_add_host (lab, "S1", "10.0.2.5/24", "10.0.2.1");
  l3_connect (lab, "PC1", 0, "R1", 0);
  l3_connect (lab, "R1", 1, "S1", 0);
  {
    g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
    WlDhcpRelayConfig rcfg;

    wl_dhcp_relay_config_init (&rcfg);
    g_assert_true (wl_dhcp_relay_config_parse (&rcfg, (const char *[]) { "server=10.0.2.5", NULL },
                                               NULL));
    g_assert_nonnull (wl_dhcp_relay_start (l3_bed_stack (bed, "R1"), &rcfg, NULL));
    wl_dhcp_relay_config_clear (&rcfg);
    dhcp_start_server (bed, "S1", relay_pool);
    l3_bed_run (bed, 10 * WL_S);
    collect (bed, frames);
  }
  wl_lab_unref (lab);
  add_hostile_frames (frames);

  write_frames (frames, path);
  for (guint i = 0; i < _wl_dissect_n_dhcp_fields; i++)
    g_ptr_array_add (abbrevs, (gpointer) _wl_dissect_dhcp_fields[i].abbrev);
  g_ptr_array_add (abbrevs, "_ws.malformed");
  g_ptr_array_add (abbrevs, "_ws.col.Info");
  g_ptr_array_add (abbrevs, NULL);
  rows = dhcp_tshark (path, (const char *const *) abbrevs->pdata);
  g_ptr_array_set_size (abbrevs, abbrevs->len - 3);
  g_assert_cmpuint (g_strv_length (rows), ==, frames->len);
  g_test_message ("%u frames compared", frames->len);
  compare (frames, rows, abbrevs);
  g_unlink (path);
}

/* --- robustness -------------------------------------------------------------------------- */

static void
check_survives (const guint8 *data,
                gsize         len)
{
  guint8 *copy = g_memdup2 (data, len);  /* exactly len bytes on the heap: ASan sees overruns */
  g_autoptr (WlDissection) d = wl_dissect_frame (copy, len, TRUE);
  g_autofree char *summary = wl_dissection_summary (d);
  WlLayer layer;

  g_assert_cmpint (wl_dissect_classify (copy, len, TRUE, &layer), ==, d->top_proto);
  g_assert_cmpint (layer, ==, d->top_layer);
  g_free (copy);
}

static void
test_robust (void)
{
  g_autoptr (WlLab) lab = dhcp_lab_lan (1);
  g_autoptr (L3Bed) bed = l3_bed_new (lab, 1);
  g_autoptr (GArray) sent = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (2132);
  const WlTraceEvent *offer;

  dhcp_start_server (bed, "S1", basic);
  l3_bed_run (bed, 5 * WL_S);
  sent = dhcp_sent (bed, -1, 1);
  offer = g_array_index (sent, DhcpSent, 1).ev;
  for (gsize n = 0; n <= offer->frame_len; n++)
    check_survives (offer->frame, n);
  for (guint round = 0; round < 5000; round++)
    {
      guint8 *copy = g_memdup2 (offer->frame, offer->frame_len);

      for (guint k = g_rand_int_range (rand, 1, 6); k > 0; k--)
        copy[L3_L4 + 8 + g_rand_int_range (rand, 0, (gint32) (offer->frame_len - L3_L4 - 8))]
          = (guint8) g_rand_int (rand);
      check_survives (copy, offer->frame_len);
      g_free (copy);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dhcp/tshark/dora-capture", test_dora_capture);
  g_test_add_func ("/engine/dhcp/tshark/oracle", test_oracle);
  g_test_add_func ("/engine/dhcp/tshark/robust", test_robust);
  return g_test_run ();
}
