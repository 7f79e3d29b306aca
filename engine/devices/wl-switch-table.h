/* wl-switch-table.h — the filtering database of a learning bridge (IEEE 802.1D-2004 §7.9):
 * which port each station's MAC address was last heard on.
 *
 * This is a pure data structure, like lwIP's bridgeif_fdb.c beside bridgeif.c: it never
 * touches the simulation (no clock, no timers, no trace).  The switch (wl-switch.c) tells it
 * the time when it learns and decides itself when an entry has aged out.
 *
 * The table holds at most max_entries entries.  A real switch has a fixed amount of
 * content-addressable memory; when it is full, new stations are simply not learned and their
 * frames keep being flooded (which is also how a "MAC flooding" attack works).
 *
 * Only unicast source addresses belong here: a multicast or broadcast address never sends a
 * frame, so the caller must not learn one (doing so is a programming error: a critical warning).
 */
#pragma once

#include <glib.h>

#include "core/wl-types.h"

G_BEGIN_DECLS

typedef struct _WlSwitchTable WlSwitchTable;

/* What learning a source address did to the table. */
typedef enum
{
  WL_SWITCH_LEARN_NEW,       /* the address was unknown: a new entry */
  WL_SWITCH_LEARN_MOVED,     /* known on another port: the station moved (entry updated) */
  WL_SWITCH_LEARN_REFRESHED, /* known on this port: only its last-seen time changed */
  WL_SWITCH_LEARN_FULL,      /* unknown and the table is full: not learned */
} WlSwitchLearn;

typedef struct
{
  WlMac   mac;
  guint   port;       /* index of the port the address was last heard on */
  WlTime  last_seen;  /* when a frame from it last arrived */
  /* Owner's bookkeeping: the table stores these and never reads them.  The switch keeps its
   * ageing timer id here and the trace event that last refreshed the entry. */
  guint64 timer;
  guint64 cause;
} WlSwitchEntry;

#define WL_SWITCH_TABLE_DEFAULT_MAX 8192

/* ageing: how long an entry lives after it was last seen (0: forever).  max_entries > 0. */
WlSwitchTable *wl_switch_table_new (WlTime ageing, guint max_entries);
void           wl_switch_table_free (WlSwitchTable *table);

WlTime         wl_switch_table_get_ageing (WlSwitchTable *table);
guint          wl_switch_table_get_max (WlSwitchTable *table);
guint          wl_switch_table_size (WlSwitchTable *table);

/* The entry for mac, or NULL.  The pointer is valid until the entry is removed. */
WlSwitchEntry *wl_switch_table_lookup (WlSwitchTable *table, const WlMac *mac);

/* Records that a frame from mac arrived on port at time now.  For MOVED, *old_port (when not
 * NULL) receives the port the address was on before. */
WlSwitchLearn  wl_switch_table_learn (WlSwitchTable *table, const WlMac *mac, guint port,
                                      WlTime now, guint *old_port);

/* The time an entry expires: last_seen + ageing (WL_TIME_FOREVER when ageing is 0). */
WlTime         wl_switch_table_expiry (WlSwitchTable *table, const WlSwitchEntry *entry);

/* Removes the entry for mac; FALSE when there was none. */
gboolean       wl_switch_table_remove (WlSwitchTable *table, const WlMac *mac);

typedef void (*WlSwitchTableFunc) (const WlSwitchEntry *entry, gpointer user_data);

/* Calls func for every entry in ascending MAC order (never in hash order, so a "show MAC
 * table" view lists the same table the same way every time).  func must not change the
 * table. */
void           wl_switch_table_foreach (WlSwitchTable *table, WlSwitchTableFunc func,
                                        gpointer user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WlSwitchTable, wl_switch_table_free)

G_END_DECLS
