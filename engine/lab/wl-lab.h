/* wl-lab.h — the lab model: topology, configuration and scenario, in memory.
 *
 * A WlLab is what a lab file (SQLite, see engine/store/) and a lab text (GKeyFile, see
 * wl-lab-text.h) both hold.  It is plain data: the simulation is built from it
 * (wl-network.h) and never changes it.  Devices, interfaces, links and actions are kept in
 * the order they were added; that order is their identity in recorded runs (device index i
 * is row id i + 1 in the lab file).
 *
 * Invariant: a WlLab only ever holds valid values.  Text and files are validated on the way
 * in (wl_lab_validate), and editing code validates before it assigns.
 */
#pragma once

#include <glib.h>

#include "core/wl-types.h"

G_BEGIN_DECLS

typedef enum
{
  WL_DEVICE_PC = 0,
  WL_DEVICE_SERVER,
  WL_DEVICE_HUB,
  WL_DEVICE_REPEATER,
  WL_DEVICE_SWITCH,
  WL_DEVICE_ROUTER,
  WL_DEVICE_KIND_LAST
} WlDeviceKind;

const char  *wl_device_kind_to_string (WlDeviceKind kind); /* "pc", "server", "hub" … */
gboolean     wl_device_kind_from_string (const char *name, WlDeviceKind *out);
gboolean     wl_device_kind_has_ip (WlDeviceKind kind);    /* pc, server, router */
/* The interfaces a new device of this kind gets: 1 for hosts, 2 for routers and repeaters,
 * 8 for hubs and switches. */
guint        wl_device_kind_default_iface_count (WlDeviceKind kind);
/* Name of the interface at @index in the default naming of the kind: "eth0", "eth1" … for
 * hosts and routers, "p1", "p2" … for hubs, repeaters and switches.  Free with g_free(). */
char        *wl_device_kind_iface_name (WlDeviceKind kind, guint index);

/* Interface (port) of a device. */
typedef struct
{
  char   *name;        /* "eth0" for hosts and routers, "p1" … for hubs and switches */
  WlMac   mac;
  gboolean dhcp;       /* address comes from DHCP (engine support arrives later) */
  guint32 address;     /* 0 when none */
  guint   prefix;      /* 0..32 */
  guint   mtu;         /* 68..9000, default 1500 */
} WlLabIface;

typedef struct
{
  guint32 network;  /* already masked */
  guint   prefix;
  guint32 via;      /* next hop; 0 means directly connected through iface */
  char   *iface;    /* optional: egress interface name, NULL to derive from via */
} WlLabRoute;

/* One setting of a service: "pool=10.0.0.100-10.0.0.199".  The lab only checks its
 * spelling (wl-lab-service-check.c); what it means is the service module's business. */
typedef struct
{
  char *key;    /* 1..32 of a-z 0-9 -, unique within the service */
  char *value;  /* one line of UTF-8, no control characters, at most 4096 bytes */
} WlLabSetting;

/* A program a device runs for others: a DHCP server, a DNS server, a relay, a web server.
 * Lists inside a value are ';'-separated by convention ("www CNAME web;web A 10.0.0.80"). */
typedef struct
{
  char      *kind;      /* "dhcp-server", "dhcp-relay", "dns-server", "http-server" … */
  GPtrArray *settings;  /* of WlLabSetting*, owned, in order; keys unique */
} WlLabService;

typedef struct
{
  char        *name;      /* unique in the lab, e.g. "PC1" */
  WlDeviceKind kind;
  double       x, y;      /* position on the canvas, in canvas units */
  GPtrArray   *ifaces;    /* of WlLabIface*, owned */
  guint32      gateway;   /* hosts: default gateway, 0 when none */
  guint32      dns;       /* hosts: DNS server, 0 when none */
  GPtrArray   *routes;    /* routers and hosts: of WlLabRoute*, owned */
  WlTime       mac_ageing;/* switches: MAC table ageing time, default 300 s */
  GPtrArray   *services;  /* hosts and routers: of WlLabService*, owned, in order; kinds
                           * unique in the device */
} WlLabDevice;

typedef struct
{
  char  *name;          /* unique in the lab, e.g. "L1" */
  guint  dev_a, if_a;   /* device index and interface index of one end */
  guint  dev_b, if_b;   /* … and of the other */
  WlTime delay;         /* propagation delay, default 1 µs */
  guint64 bandwidth;    /* bits per second, default 100 Mbit/s */
  WlTime jitter;        /* extra random delay, uniform in [0, jitter] */
  double loss;          /* probability a frame is lost, 0..1 */
  double duplicate;     /* probability a frame arrives twice, 0..1 */
  double ber;           /* bit error rate, 0..1 per bit */
} WlLabLink;

typedef struct
{
  WlTime time;      /* when the action starts */
  guint  device;    /* device index */
  char  *command;   /* what the user typed, e.g. "ping -c 3 10.0.0.2" */
} WlLabAction;

typedef struct
{
  gint       ref_count;
  char      *title;
  char      *description;   /* instructions for the student, may be empty */
  guint64    seed;          /* default seed for runs */
  GPtrArray *devices;       /* of WlLabDevice*, owned */
  GPtrArray *links;         /* of WlLabLink*, owned */
  GPtrArray *actions;       /* of WlLabAction*, owned, sorted by time when validated */
} WlLab;

#define WL_LAB_DEFAULT_MTU 1500
#define WL_LAB_DEFAULT_DELAY (1 * WL_US)
#define WL_LAB_DEFAULT_BANDWIDTH G_GUINT64_CONSTANT (100000000)
#define WL_LAB_DEFAULT_MAC_AGEING (300 * WL_S)
#define WL_LAB_MAX_DEVICES 100000
#define WL_LAB_MAX_PORTS 256
#define WL_LAB_MAX_SERVICES 32            /* per device */
#define WL_LAB_MAX_SERVICE_SETTINGS 256   /* per service */
#define WL_LAB_MAX_SERVICE_NAME 32        /* characters of a service kind or a key */
#define WL_LAB_MAX_SERVICE_VALUE 4096     /* bytes of a value */

WlLab       *wl_lab_new (void);
WlLab       *wl_lab_ref (WlLab *lab);
void         wl_lab_unref (WlLab *lab);

/* Adds a device with the default interfaces of its kind (hosts: eth0; routers: eth0, eth1;
 * hubs, switches: p1..p8; repeaters: p1, p2) and locally administered MACs derived from the
 * device index.  Returns the borrowed device. */
WlLabDevice *wl_lab_add_device (WlLab *lab, WlDeviceKind kind, const char *name);
WlLabIface  *wl_lab_device_add_iface (WlLabDevice *dev, const char *name);
WlLabLink   *wl_lab_add_link (WlLab *lab, const char *name, guint dev_a, guint if_a, guint dev_b,
                              guint if_b);
WlLabAction *wl_lab_add_action (WlLab *lab, WlTime time, guint device, const char *command);

/* Services.  Adding does not look for a service of the same kind: a device with two is
 * refused by wl_lab_validate, so editing code looks with find first.  Removing takes the
 * service of that kind away and returns whether there was one. */
WlLabService *wl_lab_device_add_service (WlLabDevice *dev, const char *kind);
WlLabService *wl_lab_device_find_service (WlLabDevice *dev, const char *kind); /* NULL if none */
gboolean      wl_lab_device_remove_service (WlLabDevice *dev, const char *kind);
/* Appends copies of every service of @src to @dest (for code that copies a lab). */
void          wl_lab_device_copy_services (WlLabDevice *dest, const WlLabDevice *src);
/* Replaces the value of @key, or appends the setting when the service has no such key. */
void          wl_lab_service_set (WlLabService *svc, const char *key, const char *value);
const char   *wl_lab_service_get (const WlLabService *svc, const char *key); /* NULL if none */
gboolean      wl_lab_service_unset (WlLabService *svc, const char *key);
/* The ';'-separated items of @key, each without surrounding blanks, empty items left out
 * ("a; b;" gives "a", "b"); NULL when the key is absent.  Free with g_strfreev(). */
char        **wl_lab_service_dup_list (const WlLabService *svc, const char *key);

/* What a service means is checked by its module, which the lab does not depend on: a module
 * registers its kind with a checker, and wl_lab_check_services runs the checkers over a lab.
 * A checker gets a device and one of its services, both already through wl_lab_validate,
 * and reports the first problem in @error (WL_LAB_ERROR_INVALID), naming the device, the
 * service, the key and the value.  @check may be NULL: a kind with nothing to check.
 * Registering a kind again replaces its checker.  Thread-safe; checkers may run on any
 * thread, several at once, so they read only their arguments. */
typedef gboolean (*WlServiceCheckFunc) (const WlLabDevice  *dev,
                                        const WlLabService *svc,
                                        GError            **error);
void          wl_lab_register_service_kind (const char *kind, WlServiceCheckFunc check);
/* The registered kinds, sorted; an empty list when none is.  Free with g_strfreev(). */
char        **wl_lab_dup_service_kinds (void);
/* Runs the registered checkers over every service of a lab that passed wl_lab_validate,
 * device by device, in order; the first error is returned as the checker gave it.  Once
 * at least one kind is registered, a service of any other kind is an error
 * (WL_LAB_ERROR_NOT_FOUND) that lists the known kinds; with none registered, every kind is
 * accepted. */
gboolean      wl_lab_check_services (WlLab *lab, GError **error);

/* The default MAC of interface @iface of device @device (both indices):
 * 02:00:00:hi:lo:iface with hi:lo = device + 1, locally administered and unique in the lab
 * (devices past 65535 carry the extra bits in the third octet). */
void         wl_lab_default_mac (guint device, guint iface, WlMac *out);

WlLabDevice *wl_lab_get_device (WlLab *lab, guint index);
/* -1 when absent */
int          wl_lab_find_device (WlLab *lab, const char *name);
int          wl_lab_device_find_iface (WlLabDevice *dev, const char *name);
int          wl_lab_find_link (WlLab *lab, const char *name);
/* The link plugged into a device's interface, or -1. */
int          wl_lab_find_link_at (WlLab *lab, guint dev, guint iface);

/* A fresh unique name: "PC1", "PC2", "Switch1" … */
char        *wl_lab_next_device_name (WlLab *lab, WlDeviceKind kind);

/* Checks every invariant (unique names, indices in range, each interface in at most one link,
 * addresses and prefixes sensible, the spelling of services and their settings, actions
 * naming existing devices) and sorts actions by time (stable).  The first problem found is
 * reported in WL_LAB_ERROR. */
gboolean     wl_lab_validate (WlLab *lab, GError **error);

/* Deep comparison of everything a lab holds (used by round-trip tests). */
gboolean     wl_lab_equal (WlLab *a, WlLab *b);

/* Errors about lab content (text or file) */
#define WL_LAB_ERROR (wl_lab_error_quark ())
GQuark wl_lab_error_quark (void);
typedef enum
{
  WL_LAB_ERROR_INVALID,     /* a value that is not allowed */
  WL_LAB_ERROR_SYNTAX,      /* text that cannot be parsed */
  WL_LAB_ERROR_NOT_FOUND,   /* a name that names nothing */
  WL_LAB_ERROR_DUPLICATE,   /* a name or interface used twice */
} WlLabError;

/* Value parsers shared by the text format, the CLI and (later) the inspector.  Each rejects
 * anything that is not exactly a valid value. */
gboolean wl_parse_time (const char *text, WlTime *out);          /* "1s", "250ms", "10us", "5ns", "0" */
char    *wl_format_time (WlTime t);                              /* shortest exact: "1s", "250ms" */
gboolean wl_parse_bandwidth (const char *text, guint64 *out);    /* "100M", "1G", "10k", "9600" bit/s */
char    *wl_format_bandwidth (guint64 bps);
gboolean wl_parse_cidr (const char *text, guint32 *addr, guint *prefix); /* "10.0.0.1/24" */
gboolean wl_parse_probability (const char *text, double *out);  /* "0.01" or "1%" */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlLab, wl_lab_unref)

G_END_DECLS
