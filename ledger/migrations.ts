/**
 * The ledger's schema, as numbered migrations. Each runs once, in its own transaction; the number of the
 * last one applied is kept in `migrations`. Never edit a released migration: add the next one.
 * @module
 */

export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        doc TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- One row per stock code: the only key linking Nebim and Qukasoft (DESIGN §3).
      CREATE TABLE bindings (
        stock_code TEXT PRIMARY KEY,
        product_code TEXT NOT NULL,
        item_type_code INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        color_code TEXT NOT NULL,
        dim1 TEXT NOT NULL,
        dim2 TEXT NOT NULL,
        dim3 TEXT NOT NULL,
        product_id INTEGER,
        pushed TEXT,              -- JSON of what the store was last told: quantity, prices (kuruş), name
        pushed_at TEXT,
        vanished INTEGER NOT NULL DEFAULT 0,
        dirty INTEGER NOT NULL DEFAULT 0,
        dirty_reason TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX bindings_item ON bindings (item_code COLLATE NOCASE);
      CREATE INDEX bindings_dirty ON bindings (dirty) WHERE dirty = 1;
      CREATE TABLE bookmarks (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at TEXT NOT NULL);
      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT,             -- ok | partial | failed; NULL while running (or after a crash)
        counts TEXT,
        error TEXT
      );
      -- Open per-record problems a sync reported; a resolved one is deleted.
      CREATE TABLE problems (
        subject TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (subject, kind)
      ) WITHOUT ROWID;
    `,
  },
  // Migration 2 will add the order outbox of DESIGN §5: one row per Qukasoft order code (UNIQUE), with the
  // states new → held | posting → posted → confirmed, plus failed and cancelled, Nebim's OrderNumber and
  // line ids, and the high-water mark as a bookmark. Nothing above needs to change for it.
];
