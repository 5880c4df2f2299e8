/**
 * The ledger's schema as numbered migrations. Each runs once, in its own transaction, recorded in
 * `migrations`; reopening a file applies only what is missing. Never edit a released migration: add the
 * next one.
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../errors.ts";
import { createTransaction } from "./connection.ts";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "settings, bindings, bookmarks, runs, problems",
    sql: `
      -- The operator's settings document (docs/settings.md): one row; version counts saves.
      CREATE TABLE settings (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- One row per stock code, the only key linking Nebim and Qukasoft (DESIGN §3). A rowid table: rows
      -- are too wide for WITHOUT ROWID to pay off, and bulk upserts measured faster this way.
      CREATE TABLE bindings (
        id INTEGER PRIMARY KEY,
        stock_code TEXT NOT NULL UNIQUE CHECK (stock_code <> ''),
        item_type_code INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        color_code TEXT NOT NULL,
        dim1 TEXT NOT NULL,
        dim2 TEXT NOT NULL,
        dim3 TEXT NOT NULL,
        product_code TEXT NOT NULL,
        qukasoft_product_id INTEGER,
        qukasoft_variant_id INTEGER,
        pushed_hash TEXT,
        -- JSON of what the store was last told: quantity, price and marketplace price (kuruş), name. A
        -- dry run diffs against it. (No json_valid CHECK: only JSON.stringify writes it, and the check
        -- costs a fifth of a bulk upsert.)
        pushed_fields TEXT,
        pushed_at TEXT,
        state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'vanished', 'held')),
        reason TEXT,
        dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX bindings_product ON bindings (product_code);
      -- By item code: incremental syncs work per item, and a variant lookup filters the few rows of its item.
      CREATE INDEX bindings_item ON bindings (item_code);
      CREATE INDEX bindings_dirty ON bindings (item_code) WHERE dirty = 1;

      -- Named positions: "products" = the SQL Server signpost of the last durable product cycle.
      CREATE TABLE bookmarks (
        name TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;

      CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        -- NULL while running, or forever when the process died during the run.
        outcome TEXT CHECK (outcome IN ('ok', 'partial', 'failed')),
        counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
        error TEXT,
        CHECK ((finished_at IS NULL) = (outcome IS NULL))
      );
      CREATE INDEX runs_kind ON runs (kind, id);

      -- Per-record problems a sync reported; resolved ones stay (resolved_at) until pruned.
      CREATE TABLE problems (
        subject TEXT NOT NULL,
        kind TEXT NOT NULL,
        reason TEXT NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        resolved_at TEXT,
        PRIMARY KEY (subject, kind)
      ) WITHOUT ROWID;
      CREATE INDEX problems_open ON problems (last_seen) WHERE resolved_at IS NULL;
    `,
  },
  {
    version: 2,
    name: "bindings rebuilt: no pushed_hash, a cheaper state check",
    // A table rebuild (SQLite's documented way to change a constraint). Nothing read pushed_hash (the sync
    // diffs the pushed fields it keeps in memory), and `state IN (…)` cost about a quarter of each insert,
    // where the same test written with OR costs nothing measurable (95,000 rows: 1.85 → 1.35 s of CPU).
    sql: `
      CREATE TABLE bindings_v2 (
        id INTEGER PRIMARY KEY,
        stock_code TEXT NOT NULL UNIQUE CHECK (stock_code <> ''),
        item_type_code INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        color_code TEXT NOT NULL,
        dim1 TEXT NOT NULL,
        dim2 TEXT NOT NULL,
        dim3 TEXT NOT NULL,
        product_code TEXT NOT NULL,
        qukasoft_product_id INTEGER,
        qukasoft_variant_id INTEGER,
        pushed_fields TEXT,
        pushed_at TEXT,
        state TEXT NOT NULL DEFAULT 'active' CHECK (state = 'active' OR state = 'vanished' OR state = 'held'),
        reason TEXT,
        dirty INTEGER NOT NULL DEFAULT 0 CHECK (dirty IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      INSERT INTO bindings_v2 (id, stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3,
        product_code, qukasoft_product_id, qukasoft_variant_id, pushed_fields, pushed_at, state, reason, dirty,
        created_at, updated_at)
      SELECT id, stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, product_code,
        qukasoft_product_id, qukasoft_variant_id, pushed_fields, pushed_at, state, reason, dirty, created_at,
        updated_at
      FROM bindings;
      DROP TABLE bindings;
      ALTER TABLE bindings_v2 RENAME TO bindings;
      CREATE INDEX bindings_product ON bindings (product_code);
      CREATE INDEX bindings_item ON bindings (item_code);
      CREATE INDEX bindings_dirty ON bindings (item_code) WHERE dirty = 1;
    `,
  },
  {
    version: 3,
    name: "bindings without the product and item indexes",
    // Each index is another B-tree every insert writes: these two cost a fifth of a full sync's 95,000
    // inserts, and nothing the agent runs reads through them (lookups are by stock code, and the dirty
    // items have their own partial index); the rare by-product and by-variant lookups scan instead.
    sql: `
      DROP INDEX bindings_product;
      DROP INDEX bindings_item;
    `,
  },
  {
    version: 4,
    name: "runs: an interrupted outcome",
    // A run the process died in was left unfinished for ever, so /health showed it as running. The next
    // writer now finishes it as 'interrupted'. A table rebuild (the CHECK changes); ids stay, and so does
    // AUTOINCREMENT's high-water mark, so a pruned id is never used again.
    sql: `
      CREATE TABLE runs_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        -- NULL while running; 'interrupted' is set by the next writer for a run the process died in.
        outcome TEXT CHECK (outcome IN ('ok', 'partial', 'failed', 'interrupted')),
        counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
        error TEXT,
        CHECK ((finished_at IS NULL) = (outcome IS NULL))
      );
      INSERT INTO runs_v2 (id, kind, started_at, finished_at, outcome, counts, error)
      SELECT id, kind, started_at, finished_at, outcome, counts, error FROM runs;
      DELETE FROM sqlite_sequence WHERE name = 'runs_v2';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'runs_v2', seq FROM sqlite_sequence WHERE name = 'runs';
      DROP TABLE runs;
      ALTER TABLE runs_v2 RENAME TO runs;
      CREATE INDEX runs_kind ON runs (kind, id);
    `,
  },
  {
    version: 5,
    name: "runs: progress",
    // A long cycle (a first full sync takes minutes on a real catalogue) showed no counts until it ended,
    // and a run the process died in could only be dated by the restart. It now records its counts so far
    // every few seconds; `progress_at` is the last of those, its last sign of life.
    sql: "ALTER TABLE runs ADD COLUMN progress_at TEXT;",
  },
  {
    version: 6,
    name: "feed: the stock codes it has listed",
    // A blocked or not-for-internet variant must not reach the store through the XML feed (its import would
    // create it), yet one the feed listed before must stay in it with stock 0 (else the store keeps selling
    // its last stock); so must a listed code two variants now share. The feed remembers what it has listed,
    // and under which product, as the bindings do for the API.
    sql: "CREATE TABLE feed_listed (stock_code TEXT PRIMARY KEY, product_code TEXT NOT NULL, " +
      "listed_at TEXT NOT NULL) WITHOUT ROWID;",
  },
  {
    version: 7,
    name: "bindings: the creates sent whose answer is not recorded yet",
    // One row per product/save that creates stock codes, written before the request and deleted in the
    // transaction that records its answer: a row left means the answer was lost (a crash, a stop, a dropped
    // connection), and the store may hold codes the agent created. One row per request rather than one per
    // code: a full sync of 100,000 variants would otherwise write every binding twice.
    sql: "CREATE TABLE sending (id INTEGER PRIMARY KEY, codes TEXT NOT NULL, created_at TEXT NOT NULL);",
  },
  {
    version: 8,
    name: "sending: the bound codes a push updates, until its answer is recorded",
    // A push that dies after the store applied it (a crash, a stop) left the ledger with the fields from
    // before it: if Nebim then went back to them, nothing would send them again. The codes it updated are
    // kept with its row; an unanswered row's codes become dirty, and a dirty code's fields are all sent again.
    sql: "ALTER TABLE sending ADD COLUMN updates TEXT;",
  },
  {
    version: 9,
    name: "settings: the --config file as last applied",
    // A start with --config applies only what the operator changed in the file since it was last applied
    // (agent/settings_store.ts), so settings changed meanwhile by other means survive. NULL: none recorded
    // (a ledger from before this migration, or settings seeded without a file).
    sql: "ALTER TABLE settings ADD COLUMN file TEXT CHECK (file IS NULL OR json_valid(file));",
  },
  {
    version: 10,
    name: "problems: the items a problem is about",
    // A stock code two items make under a template was known as one item's only (its binding): an incremental
    // cycle reading that item alone took the code back and closed the problem, which the next full cycle
    // opened again. JSON array of item codes; NULL when none were recorded.
    sql: "ALTER TABLE problems ADD COLUMN items TEXT;",
  },
  // Migration 11 goes here: the order outbox of DESIGN §5. One row per Qukasoft order code (UNIQUE) with
  // the order JSON as fetched, its channel, state ('new' → 'held' | 'posting' → 'posted' → 'confirmed',
  // plus 'failed' and 'cancelled'; a CHECK like bindings.state), the reason for held/failed, attempts,
  // Nebim's OrderNumber and line ids, and timestamps. The high-water order id is a row in `bookmarks`.
  // It only adds tables: nothing above changes.
];

/**
 * Brings the file at `path` up to the newest known migration and returns the schema version. A file
 * written by a newer agent is refused (fatal): an older agent must not write a schema it doesn't know.
 */
export function migrate(
  db: DatabaseSync,
  now: () => string,
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  upgrade = true,
): number {
  db.exec(
    "CREATE TABLE IF NOT EXISTS migrations " +
      "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const current = db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM migrations");
  const version = () => Number(current.get()?.v ?? 0);
  const known = migrations.at(-1)?.version ?? 0;
  const found = version();
  if (found > known) {
    throw new IntegrationError(
      "fatal",
      `Ledger ${path} has schema version ${found}, newer than this agent knows (${known}): ` +
        `it was written by a newer agent; run that version, or restore a backup made by this one`,
      { system: "ledger" },
    );
  }
  if (!upgrade && found < known) {
    // A reader (a dry run, `check`) beside an older agent must not upgrade its ledger under it: that agent
    // would refuse the file at its next start.
    throw new IntegrationError(
      "fatal",
      `Ledger ${path} has schema version ${found}, older than this agent's (${known}): a dry run or check ` +
        "does not upgrade it; stop the running agent and start this version's (run) once, which upgrades it",
      { system: "ledger" },
    );
  }
  const record = db.prepare("INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)");
  const transaction = createTransaction(db);
  for (const m of migrations) {
    if (m.version <= found) continue;
    transaction(() => {
      // Another process opening the same fresh file may have applied it between our read and our lock.
      if (version() >= m.version) return;
      db.exec(m.sql);
      record.run(m.version, m.name, now());
    });
  }
  return version();
}
