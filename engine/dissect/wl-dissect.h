/* wl-dissect.h — the dissector: raw frame bytes in, a tree of layers and fields out.
 *
 * One function, wl_dissect_frame(), turns the bytes of an Ethernet frame into a list of layers
 * (Ethernet II, ARP, IPv4, ICMP, UDP, TCP and "data" for anything else), each with the fields
 * it decoded: name, value, value as text, and the bytes the field covers.  The CLI event list
 * uses the one-line summary, the UI's OSI and hex views use the layers and fields, and the
 * pcap importer uses the classification.
 *
 * Two promises:
 *
 *  - It never reads outside [data, data + len), whatever the bytes are: truncated frames and
 *    hostile frames decode as far as they go and are flagged (truncated / malformed).
 *  - Field abbreviations and values agree with Wireshark (tshark 4.0): `abbrev` is what
 *    `tshark -T fields -e <abbrev>` takes and `display` is what it prints for the same bytes.
 *    The tests compare the two on real captures.
 *
 * Layers are listed outermost first.  Layers quoted inside an ICMP error (the original IP
 * header and the first bytes after it) follow the ICMP layer with depth 1.
 */
#pragma once

#include <glib.h>

#include "core/wl-types.h"

G_BEGIN_DECLS

typedef enum
{
  WL_FIELD_UINT,   /* integer; uint_value holds it */
  WL_FIELD_MAC,    /* 6 bytes; uint_value holds them packed big-endian */
  WL_FIELD_IPV4,   /* 4 bytes; uint_value holds the address in host order */
  WL_FIELD_BYTES,  /* raw bytes; display is lowercase hex without separators */
  WL_FIELD_STRING, /* text computed from the bytes */
  WL_FIELD_BOOL,   /* flag or check result; uint_value 0 or 1 */
} WlFieldType;

/* How a UINT field prints, as in Wireshark's field registration. */
typedef enum
{
  WL_FIELD_BASE_NONE = 0, /* not a number (MAC, IPv4, bytes, string) or a BOOL ("0"/"1") */
  WL_FIELD_BASE_DEC,      /* "64" */
  WL_FIELD_BASE_HEX,      /* "0x0800": hex_digits digits after "0x" */
} WlFieldBase;

/* One row of a protocol's field table (the analogue of Wireshark's hf_register_info). */
typedef struct
{
  const char *abbrev;      /* "ip.ttl" */
  const char *name;        /* N_("Time to Live"): translate with _() before showing */
  const char *explain_key; /* key of the one-sentence explanation the UI shows */
  WlFieldType type;
  WlFieldBase base;
  guint hex_digits;        /* for WL_FIELD_BASE_HEX */
} WlFieldInfo;

typedef struct
{
  const char *abbrev;      /* "ip.ttl" — static string */
  const char *name;        /* "Time to Live" — static, marked N_() for translation */
  const char *explain_key; /* key for a one-sentence explanation the UI will show */
  WlFieldType type;
  guint offset, length;    /* bytes in the frame this field covers (bit fields: the bytes holding
                            * them) */
  guint64 uint_value;      /* numeric value (UINT/BOOL), MAC/IPv4 packed too */
  char *display;           /* value as text, formatted like tshark -T fields prints it */
} WlField;

typedef struct
{
  WlProto proto;           /* WL_PROTO_NONE for "data" */
  const char *abbrev;      /* "eth", "arp", "ip", "icmp", "udp", "tcp", "data" */
  const char *name;        /* N_("Ethernet II") … */
  WlLayer layer;           /* OSI layer the UI draws it on */
  guint offset, length;    /* the header's bytes (data: the payload's bytes) */
  GArray *fields;          /* of WlField */
  gboolean truncated;      /* header cut short: fields that fit are still decoded */
  gboolean malformed;      /* inconsistent (ip.hdr_len < 20, ip.len > bytes …) */
  guint depth;             /* 0 for the frame itself, 1 inside an ICMP error's quoted packet */
} WlDissectLayer;

typedef struct
{
  GPtrArray *layers;       /* of WlDissectLayer*, outermost first */
  WlProto top_proto;       /* highest protocol at depth 0 (never "data") */
  WlLayer top_layer;       /* and its OSI layer */
  gboolean fcs_present;    /* has_fcs was given and the frame had 4 bytes for it */
  gboolean fcs_ok;         /* the FCS matches the CRC-32 of the frame */
  gboolean malformed;      /* any depth-0 layer truncated or malformed */
} WlDissection;

/* With has_fcs the last 4 bytes are the Ethernet FCS (CRC-32 as zlib's crc32() computes it
 * over destination … payload, stored little-endian).  Never returns NULL. */
WlDissection *wl_dissect_frame (const guint8 *data,
                                gsize         len,
                                gboolean      has_fcs);
void          wl_dissection_free (WlDissection *d);

/* First field with this abbreviation, outermost layer first; NULL if none. */
const WlField        *wl_dissection_find        (const WlDissection *d,
                                                 const char         *abbrev);
/* First layer with this abbreviation ("ip"); NULL if none. */
const WlDissectLayer *wl_dissection_find_layer  (const WlDissection *d,
                                                 const char         *abbrev);
const WlField        *wl_dissect_layer_find     (const WlDissectLayer *layer,
                                                 const char           *abbrev);

/* One line like Wireshark's Info column, translated: "Who has 10.0.0.2? Tell 10.0.0.1".
 * Malformed frames get a " [Malformed]" suffix.  Free with g_free(). */
char *wl_dissection_summary (const WlDissection *d);

/* Cheap classification used by the simulation for every frame it emits: the highest protocol
 * present and its layer, without allocating.  Always equals wl_dissect_frame()'s top_proto and
 * top_layer for the same bytes. */
WlProto wl_dissect_classify (const guint8 *data,
                             gsize         len,
                             gboolean      has_fcs,
                             WlLayer      *layer_out);

/* The field table of one protocol ("eth", "arp", "ip", "icmp", "udp", "tcp", "data"), or NULL.
 * The rows are static. */
const WlFieldInfo *wl_dissect_get_fields (const char *proto_abbrev,
                                          guint      *n_fields);
/* The table row for one abbreviation, from any protocol; NULL if unknown. */
const WlFieldInfo *wl_dissect_lookup_field (const char *abbrev);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlDissection, wl_dissection_free)

G_END_DECLS
