/* wl-switch-table.c — the learning bridge's filtering database (IEEE 802.1D-2004 §7.9), as a
 * plain data structure.  See wl-switch-table.h for what it promises.
 *
 * State owned: one GHashTable from a MAC address to its entry.  The key is the address packed
 * into a 64-bit integer, first octet most significant,
 *
 *   aa:bb:cc:dd:ee:ff  ->  0x0000aabbccddeeff
 *
 * so that comparing keys compares addresses in the order people read them (which is the order
 * wl_switch_table_foreach lists them in).  Each entry is one allocation holding its own key,
 * and the hash table points at that key: no second allocation per entry.
 *
 * Invariants:
 *   - size () <= max_entries;
 *   - no entry has a multicast (or broadcast) address;
 *   - record->key == pack (record->entry.mac).
 */
#define G_LOG_DOMAIN "wl-switch"
#include "config.h"

#include "wl-switch-table.h"

typedef struct
{
  guint64       key;  /* must stay first: the hash table's key points here */
  WlSwitchEntry entry;
} Record;

struct _WlSwitchTable
{
  GHashTable *records;  /* guint64* (inside the Record) -> Record*, records owned */
  WlTime      ageing;
  guint       max_entries;
};

static guint64
mac_pack (const WlMac *mac)
{
  guint64 key = 0;

  for (guint i = 0; i < 6; i++)
    key = key << 8 | mac->b[i];
  return key;
}

WlSwitchTable *
wl_switch_table_new (WlTime ageing,
                     guint  max_entries)
{
  WlSwitchTable *table;

  g_return_val_if_fail (max_entries > 0, NULL);

  table = g_new0 (WlSwitchTable, 1);
  table->records = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  table->ageing = ageing;
  table->max_entries = max_entries;
  return table;
}

void
wl_switch_table_free (WlSwitchTable *table)
{
  if (table == NULL)
    return;
  g_hash_table_unref (table->records);
  g_free (table);
}

WlTime
wl_switch_table_get_ageing (WlSwitchTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->ageing;
}

guint
wl_switch_table_get_max (WlSwitchTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return table->max_entries;
}

guint
wl_switch_table_size (WlSwitchTable *table)
{
  g_return_val_if_fail (table != NULL, 0);
  return g_hash_table_size (table->records);
}

WlSwitchEntry *
wl_switch_table_lookup (WlSwitchTable *table,
                        const WlMac   *mac)
{
  guint64 key;
  Record *rec;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (mac != NULL, NULL);

  key = mac_pack (mac);
  rec = g_hash_table_lookup (table->records, &key);
  return rec != NULL ? &rec->entry : NULL;
}

WlSwitchLearn
wl_switch_table_learn (WlSwitchTable *table,
                       const WlMac   *mac,
                       guint          port,
                       WlTime         now,
                       guint         *old_port)
{
  guint64 key;
  Record *rec;

  g_return_val_if_fail (table != NULL, WL_SWITCH_LEARN_FULL);
  g_return_val_if_fail (mac != NULL, WL_SWITCH_LEARN_FULL);
  /* Group addresses are destinations only (802.1D §7.8): the caller filters them out. */
  g_return_val_if_fail (!wl_mac_is_multicast (mac), WL_SWITCH_LEARN_FULL);

  key = mac_pack (mac);
  rec = g_hash_table_lookup (table->records, &key);
  if (rec != NULL)
    {
      WlSwitchLearn result = WL_SWITCH_LEARN_REFRESHED;

      if (rec->entry.port != port)
        {
          if (old_port != NULL)
            *old_port = rec->entry.port;
          rec->entry.port = port;
          result = WL_SWITCH_LEARN_MOVED;
        }
      rec->entry.last_seen = now;
      return result;
    }

  /* Bounded memory: a full table learns nothing new until an entry ages out.  Frames to the
   * stations it could not learn are flooded, which is slower but still correct. */
  if (g_hash_table_size (table->records) >= table->max_entries)
    return WL_SWITCH_LEARN_FULL;

  rec = g_new0 (Record, 1);
  rec->key = key;
  rec->entry.mac = *mac;
  rec->entry.port = port;
  rec->entry.last_seen = now;
  g_hash_table_insert (table->records, &rec->key, rec);
  return WL_SWITCH_LEARN_NEW;
}

WlTime
wl_switch_table_expiry (WlSwitchTable       *table,
                        const WlSwitchEntry *entry)
{
  g_return_val_if_fail (table != NULL && entry != NULL, WL_TIME_FOREVER);

  if (table->ageing == 0 || entry->last_seen > WL_TIME_FOREVER - table->ageing)
    return WL_TIME_FOREVER;
  return entry->last_seen + table->ageing;
}

gboolean
wl_switch_table_remove (WlSwitchTable *table,
                        const WlMac   *mac)
{
  guint64 key;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (mac != NULL, FALSE);

  key = mac_pack (mac);
  return g_hash_table_remove (table->records, &key);
}

static gint
compare_records (gconstpointer a,
                 gconstpointer b)
{
  const Record *ra = *(const Record *const *) a;
  const Record *rb = *(const Record *const *) b;

  return (ra->key > rb->key) - (ra->key < rb->key);
}

void
wl_switch_table_foreach (WlSwitchTable     *table,
                         WlSwitchTableFunc  func,
                         gpointer           user_data)
{
  g_autoptr (GPtrArray) sorted = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (table != NULL);
  g_return_if_fail (func != NULL);

  /* Hash order depends on the hash function and the table's history (and on the GLib
   * version): collect, then sort by address, so the listing is always the same. */
  sorted = g_ptr_array_sized_new (g_hash_table_size (table->records));
  g_hash_table_iter_init (&iter, table->records);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_records);

  for (guint i = 0; i < sorted->len; i++)
    {
      const Record *rec = g_ptr_array_index (sorted, i);

      func (&rec->entry, user_data);
    }
}
