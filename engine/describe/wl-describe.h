/* wl-describe.h — turning recorded facts into words.
 *
 * The engine records codes and "key=value" facts; this is where they become one-line,
 * translated sentences for the CLI's event list today and the UI's views later.  Frame events
 * are summarised by the dissector (the same text Wireshark's Info column would show).
 */
#pragma once

#include "core/wl-trace.h"

G_BEGIN_DECLS

/* One line: what happened ("Who has 10.0.0.2? Tell 10.0.0.1", "learned 02:… on port p1",
 * "dropped: the frame check sequence is wrong …"). */
char       *wl_describe_event (const WlTraceEvent *event);
/* Why a frame was dropped, as a sentence fragment. */
const char *wl_describe_drop_reason (WlCode reason);
/* The value of key in an args string ("ip=10.0.0.2 mac=…"), or NULL. */
char       *wl_args_lookup (const char *args, const char *key);

G_END_DECLS
