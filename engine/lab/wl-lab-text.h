/* wl-lab-text.h — a lab as plain text: sample labs, exercises handed out as text, diffs.
 *
 * The text is a GKeyFile ("INI" style, UTF-8).  Lines starting with '#' are comments; a
 * comment after a value on the same line is NOT a comment but part of the value.  Groups
 * may come in any order; devices are numbered in the order of their [device …] groups.
 * Every key is optional unless marked (required); an omitted key takes the default shown.
 *
 *   [lab]
 *   title=TEXT                 ""  (always written)
 *   description=TEXT           ""  (GKeyFile escapes: \n is a line break)
 *   seed=N                     1   (unsigned 64-bit; the default seed of runs)
 *
 *   [device NAME]              NAME: 1..32 of A-Z a-z 0-9 _ . -, unique
 *   kind=KIND                  (required) pc | server | hub | repeater | switch | router
 *   x=NUMBER  y=NUMBER         0   position on the canvas (always written)
 *   gateway=IPv4               none (pc, server, router)
 *   dns=IPv4                   none (pc, server, router)
 *   route=ROUTE;ROUTE…         none; ROUTE is "NET/PREFIX [via IPv4] [dev IFACE]" with via,
 *                              dev or both (pc, server, router)
 *   interfaces=NAME;NAME…      the kind's list: pc, server: eth0; router: eth0;eth1;
 *                              hub, switch: p1..p8; repeater: p1;p2
 *   ports=N                    hub, repeater, switch: the interfaces are p1..pN (1..256);
 *                              excludes interfaces=
 *   mac-ageing=TIME            300s (used by switches)
 *
 *   [interface DEVICE IFACE]   settings of one interface of an existing device
 *   mac=MAC                    02:00:00:hi:lo:i with hi:lo = device index + 1, i = iface index
 *   address=IPv4/PREFIX        none; or "dhcp"
 *   mtu=N                      1500 (68..9000)
 *
 *   [service DEVICE KIND]      a service an existing pc, server or router runs for others;
 *                              KIND: 1..32 of a-z 0-9 -, once per device ("dhcp-server",
 *                              "dhcp-relay", "dns-server", "dns-resolver", "http-server" …)
 *   KEY=TEXT                   any keys (KEY spelt like KIND), each once, kept in order; the
 *                              service's module says which it reads and checks their values
 *                              (wl_lab_check_services).  TEXT is kept as written, trailing
 *                              blanks included; GKeyFile escapes apply (\s a leading blank,
 *                              \\ a backslash); one line without control characters, at most
 *                              4096 bytes.  Lists are ';'-separated by convention
 *                              (wl_lab_service_dup_list).  At most 32 services per device and
 *                              256 keys per service.
 *
 *   [link NAME]                NAME as for devices, unique among links
 *   a=DEVICE:IFACE             (required) one end
 *   b=DEVICE:IFACE             (required) the other end
 *   delay=TIME                 1us    (at most 10s)
 *   bandwidth=BANDWIDTH        100M   (1 bit/s .. 100G)
 *   jitter=TIME                0      (at most 10s)
 *   loss=PROBABILITY           0
 *   duplicate=PROBABILITY      0
 *   ber=PROBABILITY            0      (bit error rate, per bit)
 *
 *   [action LABEL]             LABEL: anything, unique as a group name
 *   time=TIME                  0  (always written)
 *   device=DEVICE              (required)
 *   command=TEXT               (required) one line, at most 1024 characters
 *
 * Values: TIME is "0" or a number with one unit of ns, us, µs, ms, s ("1.5ms", "250us");
 * BANDWIDTH is bits per second with an optional k, M or G ("9600", "100M"); PROBABILITY is a
 * decimal in [0, 1] or a percentage ("0.05", "5%"); MAC is six two-digit hex octets.
 *
 * Actions run in the order of their time; actions at the same time run in the order of the
 * file.  Unknown groups and keys, a key or group given twice, and names that name nothing are
 * errors, as is every value a parser rejects; the message names the group, the key and the
 * value.  After parsing, the lab is checked by wl_lab_validate.
 *
 * Example:
 *
 *   # Two PCs on a hub
 *   [lab]
 *   title=Two PCs on a hub
 *   description=Ping PC2 from PC1 and watch what PC3 sees.
 *
 *   [device PC1]
 *   kind=pc
 *   x=100
 *   y=200
 *   gateway=10.0.0.254
 *
 *   [interface PC1 eth0]
 *   address=10.0.0.1/24
 *
 *   [device Hub1]
 *   kind=hub
 *   x=250
 *   y=200
 *   ports=4
 *
 *   [device PC2]
 *   kind=pc
 *   x=400
 *   y=200
 *
 *   [interface PC2 eth0]
 *   address=10.0.0.2/24
 *
 *   # the keys are the DNS module's (see its file); the lab only keeps them
 *   [service PC2 dns-server]
 *   zone=lab.test
 *   records=www CNAME web;web A 10.0.0.80
 *
 *   [link L1]
 *   a=PC1:eth0
 *   b=Hub1:p1
 *
 *   [link L2]
 *   a=PC2:eth0
 *   b=Hub1:p2
 *   delay=5us
 *   loss=1%
 *
 *   [action 1]
 *   time=1s
 *   device=PC1
 *   command=ping -c 3 10.0.0.2
 *
 * The canonical text (wl_lab_text_write) is: [lab], then each device in index order followed
 * by its [interface …] groups and its [service …] groups (in the device's order, keys in the
 * service's order), then the links, then the actions as [action 1], [action 2] … in order.
 * Only values that differ from the defaults are written, except title, kind, x, y, the link
 * ends, all three action keys and every key of a service.  For hubs, repeaters and switches
 * whose interfaces are exactly p1..pN, "ports=N" is written instead of the list.  Numbers
 * are written in the shortest form that reads back to the same double.
 */
#pragma once

#include <glib.h>

#include "lab/wl-lab.h"

G_BEGIN_DECLS

/* Parses and validates a lab text (@len -1 when NUL-terminated).  Errors in WL_LAB_ERROR. */
WlLab    *wl_lab_text_parse (const char *text, gssize len, GError **error);
/* Reads a file and parses it; I/O errors are in G_FILE_ERROR. */
WlLab    *wl_lab_text_load (const char *path, GError **error);
/* The canonical text of a valid lab. */
char     *wl_lab_text_write (WlLab *lab);
/* Writes the canonical text atomically: the old file stays whole if the write fails. */
gboolean  wl_lab_text_save (WlLab *lab, const char *path, GError **error);

G_END_DECLS
