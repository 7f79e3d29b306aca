/* fuzz-dns-wire.c — libFuzzer target: the DNS message decoder (RFC 1035 §4) on any bytes.
 *
 * The input is a DNS message as it would arrive in a UDP datagram.  wl_dns_message_decode
 * must refuse it with an error or decode it; a decoded message is encoded again (with name
 * compression), and that encoding must decode to the same questions and records: what the
 * decoder accepts, the encoder can write.  Every RDATA is also printed as dig would.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "proto/wl-dns-wire.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_error (const GError *error)
{
  if (error == NULL || error->domain != WL_DNS_ERROR || error->message == NULL)
    abort ();
}

/* Same header, questions and records (owner, type, class, RDATA, TTL). */
static gboolean
messages_equal (const WlDnsMessage *a,
                const WlDnsMessage *b)
{
  if (a->id != b->id || a->flags != b->flags || a->questions->len != b->questions->len)
    return FALSE;
  for (guint i = 0; i < a->questions->len; i++)
    {
      const WlDnsQuestion *qa = &g_array_index (a->questions, WlDnsQuestion, i);
      const WlDnsQuestion *qb = &g_array_index (b->questions, WlDnsQuestion, i);

      if (!wl_dns_name_equal (qa->name, qb->name) || qa->type != qb->type
          || qa->klass != qb->klass)
        return FALSE;
    }
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    {
      if (a->rrs[s]->len != b->rrs[s]->len)
        return FALSE;
      for (guint i = 0; i < a->rrs[s]->len; i++)
        {
          const WlDnsRR *ra = g_ptr_array_index (a->rrs[s], i);
          const WlDnsRR *rb = g_ptr_array_index (b->rrs[s], i);

          if (!wl_dns_rr_equal (ra, rb) || ra->ttl != rb->ttl)
            return FALSE;
        }
    }
  return TRUE;
}

static void
print_rdata (const WlDnsMessage *msg)
{
  for (guint s = 0; s < WL_DNS_N_SECTIONS; s++)
    for (guint i = 0; i < msg->rrs[s]->len; i++)
      {
        g_autofree char *text = wl_dns_rr_rdata_to_string (g_ptr_array_index (msg->rrs[s], i));

        if (text == NULL)
          abort ();
      }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(WlDnsMessage) msg = wl_dns_message_decode (data, size, &error);
  g_autoptr(GByteArray) wire = NULL;
  g_autoptr(WlDnsMessage) again = NULL;

  if (msg == NULL)
    {
      check_error (error);
      return 0;
    }
  print_rdata (msg);
  wire = wl_dns_message_encode (msg, &error);
  if (wire == NULL)
    {
      /* a decoded message can only fail to encode when it would exceed 65535 bytes
       * (uncompressed names can make it grow) */
      check_error (error);
      if (!g_error_matches (error, WL_DNS_ERROR, WL_DNS_ERROR_TOO_BIG))
        abort ();
      return 0;
    }
  again = wl_dns_message_decode (wire->data, wire->len, &error);
  if (again == NULL || !messages_equal (msg, again))
    abort ();
  return 0;
}
