/* bench-scenarios — the engine on the application protocols.
 *
 *   bench-scenarios dhcp N [--record]      N hosts boot at once and ask one DHCP server
 *   bench-scenarios tcp BYTES [--record]   one TCP bulk transfer across a router
 *
 * Prints one line of figures (events/s, frames/s, wall time, peak RSS); asserts no time.
 */
#include "config.h"

#include <stdio.h>

#include "bench-util.h"

#define HOSTS_PER_SWITCH 47

/* N clients behind access switches, a DHCP server on the core switch: a boot storm. */
static WlLab *
dhcp_lab (guint n)
{
  WlLab *lab = wl_lab_new ();
  guint n_access = (n + HOSTS_PER_SWITCH - 1) / HOSTS_PER_SWITCH;
  WlLabDevice *server;
  WlLabService *svc;
  guint core_port = 0;

  bench_add_switch (lab, "Core", n_access + 1);
  server = wl_lab_add_device (lab, WL_DEVICE_SERVER, "Server");
  bench_set_addr (server, 0x0a000001, 16);
  svc = wl_lab_device_add_service (server, "dhcp-server");
  wl_lab_service_set (svc, "pool", "10.0.1.1-10.0.200.254");
  wl_lab_service_set (svc, "router", "10.0.0.1");
  wl_lab_add_link (lab, "Lsrv", 1, 0, 0, core_port++);
  for (guint s = 0; s < n_access; s++)
    {
      g_autofree char *sw_name = g_strdup_printf ("Access%u", s + 1);
      g_autofree char *up_name = g_strdup_printf ("Up%u", s + 1);
      guint sw_idx;

      bench_add_switch (lab, sw_name, HOSTS_PER_SWITCH + 1);
      sw_idx = lab->devices->len - 1;
      wl_lab_add_link (lab, up_name, sw_idx, HOSTS_PER_SWITCH, 0, core_port++);
      for (guint h = 0; h < HOSTS_PER_SWITCH && s * HOSTS_PER_SWITCH + h < n; h++)
        {
          guint i = s * HOSTS_PER_SWITCH + h;
          g_autofree char *name = g_strdup_printf ("PC%u", i + 1);
          g_autofree char *link = g_strdup_printf ("L%u", i + 1);
          WlLabDevice *pc = wl_lab_add_device (lab, WL_DEVICE_PC, name);

          ((WlLabIface *) g_ptr_array_index (pc->ifaces, 0))->dhcp = TRUE;
          wl_lab_add_link (lab, link, lab->devices->len - 1, 0, sw_idx, h);
        }
    }
  return lab;
}

/* Client — R1 — server, 100 Mbit/s and 1 ms each way: a bulk transfer. */
static WlLab *
tcp_lab (guint64 bytes)
{
  WlLab *lab = wl_lab_new ();
  WlLabDevice *client = wl_lab_add_device (lab, WL_DEVICE_PC, "Client");
  WlLabDevice *router = wl_lab_add_device (lab, WL_DEVICE_ROUTER, "R1");
  WlLabDevice *server = wl_lab_add_device (lab, WL_DEVICE_SERVER, "Server");
  WlLabIface *r0 = g_ptr_array_index (router->ifaces, 0), *r1 = g_ptr_array_index (router->ifaces, 1);
  g_autofree char *send = g_strdup_printf ("nc 10.0.2.10 5000 -n %" G_GUINT64_FORMAT, bytes);
  WlLabLink *l;

  bench_set_addr (client, 0x0a00010a, 24);
  client->gateway = 0x0a000101;
  bench_set_addr (server, 0x0a00020a, 24);
  server->gateway = 0x0a000201;
  r0->address = 0x0a000101;
  r0->prefix = 24;
  r1->address = 0x0a000201;
  r1->prefix = 24;
  l = wl_lab_add_link (lab, "L1", 0, 0, 1, 0);
  l->delay = WL_MS;
  l = wl_lab_add_link (lab, "L2", 1, 1, 2, 0);
  l->delay = WL_MS;
  wl_lab_add_action (lab, 0, 2, "nc -l 5000");
  wl_lab_add_action (lab, WL_S, 0, send);
  return lab;
}

int
main (int argc, char **argv)
{
  g_autoptr (WlLab) lab = NULL;
  g_autofree char *what = NULL;
  gboolean record = argc > 3 && g_str_equal (argv[3], "--record");
  guint64 n;

  if (argc < 3 || (!g_str_equal (argv[1], "dhcp") && !g_str_equal (argv[1], "tcp")))
    {
      fprintf (stderr, "usage: bench-scenarios dhcp N | tcp BYTES [--record]\n");
      return 2;
    }
  n = g_ascii_strtoull (argv[2], NULL, 10);
  if (g_str_equal (argv[1], "dhcp"))
    {
      lab = dhcp_lab ((guint) n);
      what = g_strdup_printf ("dhcp-boot-storm hosts=%" G_GUINT64_FORMAT, n);
      /* leases renew forever: 30 s covers the storm and every client's ARP probe */
      bench_run (what, lab, record, 30 * WL_S);
    }
  else
    {
      lab = tcp_lab (n);
      what = g_strdup_printf ("tcp-bulk bytes=%" G_GUINT64_FORMAT, n);
      bench_run (what, lab, record, WL_TIME_FOREVER);
    }
  return 0;
}
