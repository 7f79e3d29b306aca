/* fuzz-dhcp-wire.c — libFuzzer target: the BOOTP/DHCP decoder (RFC 2131, RFC 2132) on any
 * bytes.
 *
 * The input is a UDP payload sent to port 67 or 68.  wl_dhcp_decode must refuse it with an
 * error or decode it; the options it keeps are bounded (no list longer than its array).  A
 * decoded message is encoded again and must decode again to the same understood options:
 * the encoder writes every option the decoder keeps.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/wl-dhcp-wire.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The counts the decoder filled in stay inside their arrays. */
static void
check_bounds (const WlDhcpMessage *msg)
{
  if (msg->client_id_len > sizeof msg->client_id || msg->n_routers > WL_DHCP_MAX_ADDRS
      || msg->n_dns > WL_DHCP_MAX_ADDRS || msg->n_params > sizeof msg->params
      || msg->other_len > WL_DHCP_OTHER_MAX
      || memchr (msg->host_name, '\0', sizeof msg->host_name) == NULL
      || memchr (msg->message, '\0', sizeof msg->message) == NULL)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  WlDhcpMessage *msg = g_new0 (WlDhcpMessage, 1);
  WlDhcpMessage *again = g_new0 (WlDhcpMessage, 1);
  guint8 *buf = g_malloc (WL_DHCP_MAX_LEN);
  gsize len;

  if (!wl_dhcp_decode (data, size, msg, &error))
    {
      if (error == NULL || error->domain != WL_DHCP_ERROR
          || wl_dhcp_error_to_string (error->code) == NULL)
        abort ();
      goto out;
    }
  check_bounds (msg);
  (void) wl_dhcp_type_to_string (msg->msg_type);
  len = wl_dhcp_encode (msg, buf, WL_DHCP_MAX_LEN);
  if (len > 0)
    {
      g_clear_error (&error);
      if (!wl_dhcp_decode (buf, len, again, &error))
        abort ();
      check_bounds (again);
      if (again->has != msg->has || again->msg_type != msg->msg_type
          || again->xid != msg->xid || again->lease_time != msg->lease_time
          || again->n_routers != msg->n_routers || again->n_dns != msg->n_dns)
        abort ();
    }
out:
  g_free (buf);
  g_free (again);
  g_free (msg);
  return 0;
}
