/* dissect-frames.h — known frames shared by the dissector tests. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *name;
  const char *hex;           /* the frame without FCS, as hex; spaces are ignored */
  const char *summary;       /* what wl_dissection_summary () must say */
  guint packet_end;          /* end of the ARP/IP packet (802.3: of the payload): a frame cut
                              * anywhere before it is malformed */
  gboolean info_differs;     /* tshark's Info column says something else (see the frame) */
  const char *oracle_prefix; /* compare only fields starting with this against tshark */
} TestFrame;

extern const TestFrame test_frames[];
extern const guint n_test_frames;

const TestFrame *test_frame_lookup   (const char *name);
/* The frame's bytes in a buffer of exactly that size (so ASan sees any over-read). */
guint8          *test_frame_bytes    (const TestFrame *frame,
                                      gsize           *len);
guint8          *test_hex_to_bytes   (const char *hex,
                                      gsize      *len);
/* A copy with the Ethernet FCS appended as our frames carry it. */
guint8          *test_bytes_with_fcs (const guint8 *data,
                                      gsize         len,
                                      gsize        *len_out);

G_END_DECLS
