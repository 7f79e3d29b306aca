/* fuzz-lab-text.c — libFuzzer target: the lab-text parser (engine/lab/wl-lab-text.h).
 *
 * The input is a lab text as a student might receive it.  wl_lab_text_parse must refuse it
 * with a WL_LAB_ERROR (or a GKeyFile error) or return a valid lab.  A lab it accepts goes
 * through the services' checkers (DHCP pools, DNS zones, HTTP pages …, which parse their own
 * values), then is written as canonical text and parsed again: the round trip must give an
 * equal lab, and writing that lab again must give the same text.
 */
#define G_LOG_DOMAIN "wirelab-fuzz"
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "devices/wl-services.h"
#include "lab/wl-lab-text.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
round_trip (WlLab *lab)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = wl_lab_text_write (lab);
  g_autofree char *text2 = NULL;
  WlLab *again = wl_lab_text_parse (text, -1, &error);

  if (again == NULL)
    {
      g_printerr ("canonical text does not parse: %s\n%s", error->message, text);
      abort ();
    }
  text2 = wl_lab_text_write (again);
  if (!wl_lab_equal (lab, again) || strcmp (text, text2) != 0)
    {
      g_printerr ("round trip changed the lab:\n%s\n----\n%s", text, text2);
      abort ();
    }
  wl_lab_unref (again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  WlLab *lab;

  wl_services_init ();
  lab = wl_lab_text_parse ((const char *) data, size, &error);
  if (lab == NULL)
    {
      if (error == NULL || error->message == NULL)
        abort ();
      return 0;
    }
  if (!wl_lab_validate (lab, NULL))
    abort ();
  (void) wl_services_check_lab (lab, NULL);
  round_trip (lab);
  wl_lab_unref (lab);
  return 0;
}
