-- schema.sql — the Wirelab lab file, format 1.
--
-- A lab file is an SQLite database used as an application file format: one file holds the
-- lab (topology, configuration, scenario) and every recorded run with all its events.
-- engine/store/wl-store.c runs this script once, inside the transaction that creates a new
-- file; older formats are brought up to date by the migrations in wl-store.c, and a file
-- whose user_version is newer than the program is refused, never rewritten.
--
-- Conventions:
--  * Every table is STRICT: a value of the wrong type is an error, not a silent conversion.
--  * Devices, links and actions keep the order of the in-memory lab: row id = index + 1.
--    What belongs to a device (interfaces, routes, services) is numbered from 0 within it.
--  * Codes are stored as their stable names ("sent", "fcs-error", "arp"), never as enum
--    numbers, so renumbering an enum never changes what an old file means.
--  * Unsigned 64-bit values (seeds, event ids, times, counts) are stored as the same 64 bits
--    in a signed INTEGER.  Times are nanoseconds of virtual time.
--  * Addresses are text as people type them: "10.0.0.1/24", "02:00:00:00:00:01".

PRAGMA application_id = 0x574C4142;  -- 'WLAB'
PRAGMA user_version = 1;

-- The lab itself: exactly one row.
CREATE TABLE lab (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  title       TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  seed        INTEGER NOT NULL           -- default seed for runs
) STRICT;

-- Devices on the canvas.  gateway and dns are dotted quads, NULL when unset.
CREATE TABLE devices (
  id            INTEGER PRIMARY KEY,     -- device index + 1
  name          TEXT NOT NULL UNIQUE,
  kind          TEXT NOT NULL,           -- "pc", "server", "hub", "repeater", "switch", "router"
  x             REAL NOT NULL,
  y             REAL NOT NULL,
  gateway       TEXT,
  dns           TEXT,
  mac_ageing_ns INTEGER NOT NULL         -- switches: MAC table ageing time
) STRICT;

-- Static routes of a device, in table order.
CREATE TABLE routes (
  device_id   INTEGER NOT NULL REFERENCES devices (id),
  seq         INTEGER NOT NULL,          -- 0, 1, 2 … in the device's order
  destination TEXT NOT NULL,             -- "10.1.0.0/16"
  via         TEXT,                      -- next hop, NULL when directly connected
  iface       TEXT,                      -- egress interface name, NULL to derive from via
  PRIMARY KEY (device_id, seq)
) STRICT, WITHOUT ROWID;

-- Interfaces (ports) of a device.
CREATE TABLE interfaces (
  id        INTEGER PRIMARY KEY,
  device_id INTEGER NOT NULL REFERENCES devices (id),
  idx       INTEGER NOT NULL,            -- interface index within the device: 0, 1, 2 …
  name      TEXT NOT NULL,
  mac       TEXT NOT NULL,               -- "02:00:00:00:00:01"
  address   TEXT,                        -- "10.0.0.1/24", "dhcp", or NULL for none
  mtu       INTEGER NOT NULL,
  UNIQUE (device_id, idx)
) STRICT;

-- Services a device runs for others ("dhcp-server", "dns-server" …), in the device's order.
-- What their settings mean is up to each service's module; the lab only keeps them.
CREATE TABLE services (
  device_id INTEGER NOT NULL REFERENCES devices (id),
  seq       INTEGER NOT NULL,            -- 0, 1, 2 … in the device's order
  kind      TEXT NOT NULL,               -- 1..32 of a-z 0-9 -, unique within the device
  PRIMARY KEY (device_id, seq),
  UNIQUE (device_id, kind)
) STRICT, WITHOUT ROWID;

-- The key=value settings of a service, in the service's order.
CREATE TABLE service_settings (
  device_id   INTEGER NOT NULL,
  service_seq INTEGER NOT NULL,          -- the service's seq within its device
  seq         INTEGER NOT NULL,          -- 0, 1, 2 … in the service's order
  key         TEXT NOT NULL,             -- 1..32 of a-z 0-9 -, unique within the service
  value       TEXT NOT NULL,             -- one line of UTF-8, at most 4096 bytes
  PRIMARY KEY (device_id, service_seq, seq),
  UNIQUE (device_id, service_seq, key),
  FOREIGN KEY (device_id, service_seq) REFERENCES services (device_id, seq)
) STRICT, WITHOUT ROWID;

-- Cables between two interfaces, with their impairments.
CREATE TABLE links (
  id            INTEGER PRIMARY KEY,     -- link index + 1
  name          TEXT NOT NULL UNIQUE,
  device_a      INTEGER NOT NULL,
  iface_a       INTEGER NOT NULL,
  device_b      INTEGER NOT NULL,
  iface_b       INTEGER NOT NULL,
  delay_ns      INTEGER NOT NULL,
  bandwidth_bps INTEGER NOT NULL,
  jitter_ns     INTEGER NOT NULL,
  loss          REAL NOT NULL,           -- probabilities, 0..1
  duplicate     REAL NOT NULL,
  ber           REAL NOT NULL,
  FOREIGN KEY (device_a, iface_a) REFERENCES interfaces (device_id, idx),
  FOREIGN KEY (device_b, iface_b) REFERENCES interfaces (device_id, idx)
) STRICT;

-- The scenario: commands typed on a device at a virtual time.
CREATE TABLE actions (
  id        INTEGER PRIMARY KEY,         -- action index + 1 (time order)
  time_ns   INTEGER NOT NULL,
  device_id INTEGER NOT NULL REFERENCES devices (id),
  command   TEXT NOT NULL
) STRICT;

-- Recorded runs.  lab_text is the lab as it was when the run started (lab text format), so
-- a run can be replayed after the lab was edited.  A run is 'incomplete' until its recorder
-- finishes it; a crash leaves it so.
CREATE TABLE runs (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  seed           INTEGER NOT NULL,
  engine_version TEXT NOT NULL,
  created_at     INTEGER NOT NULL,       -- seconds since 1970-01-01 UTC
  end_time_ns    INTEGER,
  events         INTEGER NOT NULL DEFAULT 0,
  frames         INTEGER NOT NULL DEFAULT 0,  -- "sent" events
  drops          INTEGER NOT NULL DEFAULT 0,  -- "dropped" events
  lab_text       TEXT,
  status         TEXT NOT NULL DEFAULT 'incomplete'
                 CHECK (status IN ('complete', 'budget', 'incomplete'))
) STRICT;

-- Every event of every run: the WlTraceEvent of engine/core/wl-trace.h.  Not WITHOUT ROWID,
-- because rows carry whole frames (up to ~1.5 kB) and a rowid table keeps big rows out of
-- the key b-trees.  Within a run, id order is time order (the engine emits in time order and
-- the recorder refuses anything else), so the primary key also reads a run in time order and
-- a time is found by a binary search over ids: no index on time_ns is needed.
CREATE TABLE events (
  run_id  INTEGER NOT NULL REFERENCES runs (id),
  id      INTEGER NOT NULL,              -- 1, 2, 3 … in emission order, which is time order
  time_ns INTEGER NOT NULL,
  kind    TEXT NOT NULL,                 -- "action", "sent", "received", "dropped", "note"
  device  INTEGER,                       -- device index, NULL when none
  iface   INTEGER,                       -- interface index within the device
  link    INTEGER,                       -- link index
  proto   TEXT,                          -- "eth", "arp", "ip" …; NULL for none
  layer   INTEGER NOT NULL,              -- OSI layer 0..7
  cause   INTEGER,                       -- id of the event that caused this one
  code    TEXT,                          -- "fcs-error", "mac-learned" …; NULL for none
  args    TEXT,                          -- "key=value key=value"
  frame   BLOB,                          -- the frame as on the wire, FCS included
  PRIMARY KEY (run_id, id)
) STRICT;

-- The event list's filters, each in time (= id) order within one run.  Every index costs the
-- recorder a b-tree insert per event, so there are only these two; a link's frames are read
-- by a scan of the run.
CREATE INDEX events_by_proto ON events (run_id, proto, id);
CREATE INDEX events_by_device ON events (run_id, device, id);
