/* fuzz-dissect.c — libFuzzer target: the dissector on any bytes.
 *
 * The input is one Ethernet frame.  It is dissected twice, as a capture without FCS and as
 * one whose last 4 bytes are the FCS, and each dissection is turned into its one-line
 * summary, so every protocol the dissector knows (Ethernet, ARP, IPv4, ICMP and the packets
 * quoted in its errors, UDP, TCP, DHCP, DNS, HTTP) and every summary formatter are reached.
 * wl_dissect_classify must agree with the full dissection: the header promises it.
 *
 * ASan catches a read outside the input; the checks below catch broken promises.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "dissect/wl-dissect.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
dissect_once (const uint8_t *data,
              size_t         size,
              gboolean       has_fcs)
{
  g_autoptr(WlDissection) d = wl_dissect_frame (data, size, has_fcs);
  g_autofree char *summary = wl_dissection_summary (d);
  WlLayer layer;
  WlProto proto = wl_dissect_classify (data, size, has_fcs, &layer);

  if (summary == NULL || proto != d->top_proto || layer != d->top_layer)
    abort ();
  /* every field must lie inside the frame and have its text */
  for (guint i = 0; i < d->layers->len; i++)
    {
      const WlDissectLayer *l = g_ptr_array_index (d->layers, i);

      for (guint j = 0; j < l->fields->len; j++)
        {
          const WlField *f = &g_array_index (l->fields, WlField, j);

          if (f->display == NULL || f->abbrev == NULL || f->offset > size
              || f->length > size - f->offset)
            abort ();
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  dissect_once (data, size, FALSE);
  dissect_once (data, size, TRUE);
  return 0;
}
