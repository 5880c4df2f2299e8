import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { migrate, type Migration, MIGRATIONS } from "../../ledger/migrations.ts";
import { openAtVersion, withTempPath } from "./temp.ts";

function applied(path: string): { version: number; name: string }[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare("SELECT version, name FROM migrations ORDER BY version").all().map((r) => ({
      version: Number(r.version),
      name: String(r.name),
    }));
  } finally {
    db.close();
  }
}

Deno.test("MIGRATIONS are numbered 1, 2, 3 … without gaps", () => {
  assert.deepEqual(MIGRATIONS.map((m) => m.version), MIGRATIONS.map((_, i) => i + 1));
});

Deno.test("migrations run once; reopening is idempotent and keeps the data", () =>
  withTempPath((path) => {
    const a = openLedger(path);
    assert.equal(a.info().schemaVersion, MIGRATIONS.length);
    a.setBookmark("products", "x");
    a.close();
    const once = applied(path);
    assert.deepEqual(once.map((m) => m.version), MIGRATIONS.map((m) => m.version));
    const b = openLedger(path);
    assert.equal(b.getBookmark("products"), "x");
    b.close();
    assert.deepEqual(applied(path), once);
  }));

Deno.test("openLedger() refuses a ledger written by a newer agent, fatally and saying so", () =>
  withTempPath((path) => {
    const first = openLedger(path);
    first.setBookmark("products", "x");
    first.close();
    const db = new DatabaseSync(path);
    // The next agent version's first migration: the nearest newer schema there is.
    db.prepare("INSERT INTO migrations (version, name, applied_at) VALUES (?, 'future', 'x')").run(
      MIGRATIONS.length + 1,
    );
    db.close();
    const before = applied(path);
    for (const upgrade of [true, false]) {
      assert.throws(
        () => openLedger(path, { upgrade }),
        (e) =>
          e instanceof IntegrationError && e.kind === "fatal" && e.system === "ledger" &&
          e.message.includes(
            `schema version ${MIGRATIONS.length + 1}, newer than this agent knows (${MIGRATIONS.length})`,
          ),
      );
    }
    // Left as the newer agent wrote it, for that agent to open again.
    assert.deepEqual(applied(path), before);
    const after = new DatabaseSync(path);
    assert.equal(after.prepare("SELECT value FROM bookmarks WHERE name = 'products'").get()?.value, "x");
    after.close();
  }));

Deno.test("a failing migration leaves the earlier ones applied and nothing of itself", () =>
  withTempPath((path) => {
    const m1: Migration = { version: 1, name: "one", sql: "CREATE TABLE one (x)" };
    const bad: Migration = { version: 2, name: "two", sql: "CREATE TABLE two (x); SELECT * FROM nowhere;" };
    const db = new DatabaseSync(path);
    try {
      const now = () => "2026-11-28T00:00:00.000Z";
      assert.throws(() => migrate(db, now, path, [m1, bad]), /nowhere/);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all()
        .map((r) => r.name);
      assert.deepEqual(tables, ["migrations", "one"]);
      const good: Migration = { version: 2, name: "two", sql: "CREATE TABLE two (x)" };
      assert.equal(migrate(db, now, path, [m1, good]), 2);
      assert.equal(migrate(db, now, path, [m1, good]), 2);
      assert.equal(db.prepare("SELECT count(*) AS n FROM migrations").get()?.n, 2);
    } finally {
      db.close();
    }
  }));

Deno.test("migrations 2 and 3 rebuild a version-1 bindings table without pushed_hash and two indexes, keeping every binding and check", () =>
  withTempPath((path) => {
    const db = openAtVersion(path, 1);
    db.exec(
      "INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, product_code, " +
        "qukasoft_product_id, pushed_hash, pushed_fields, pushed_at, state, dirty, created_at, updated_at) VALUES " +
        "('8690000000017', 1, 'KML-1', 'SYH', 'M', '', '', 'KML-1', 41, '00ab', " +
        `'{"quantity":3,"price":89990,"marketplacePrice":94990,"name":"Keten Gömlek"}', ` +
        "'2026-11-01T00:00:00.000Z', 'active', 0, '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
    );
    db.close();
    const ledger = openLedger(path);
    try {
      assert.equal(ledger.info().schemaVersion, MIGRATIONS.length);
      const b = ledger.getBinding("8690000000017")!;
      // Written before the agent kept the VAT rate: not known.
      assert.deepEqual(b.pushed, {
        quantity: 3,
        price: 89990,
        marketplacePrice: 94990,
        name: "Keten Gömlek",
        vatRate: null,
        barcode: null,
      });
      assert.equal(b.qukasoftProductId, 41);
      assert.equal(b.key.colorCode, "SYH");
    } finally {
      ledger.close();
    }
    const after = new DatabaseSync(path);
    try {
      const columns = after.prepare("SELECT name FROM pragma_table_info('bindings')").all().map((r) =>
        r.name
      );
      assert.ok(columns.includes("pushed_fields") && !columns.includes("pushed_hash"), String(columns));
      const indexes = after.prepare("SELECT name FROM pragma_index_list('bindings') WHERE origin = 'c'").all()
        .map((r) => String(r.name)).sort();
      assert.deepEqual(indexes, ["bindings_dirty"]); // migration 3 dropped the product and item indexes
      // The rewritten state check still refuses what the old one did.
      assert.throws(
        () =>
          after.exec(
            "INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, " +
              "product_code, state, created_at, updated_at) VALUES ('X', 1, 'I', '', '', '', '', 'I', 'gone', '', '')",
          ),
        /CHECK constraint failed/,
      );
    } finally {
      after.close();
    }
  }));

Deno.test("migration 4 keeps the run history and its id high-water mark, and allows 'interrupted'", () =>
  withTempPath((path) => {
    const db = openAtVersion(path, 3);
    const start = db.prepare("INSERT INTO runs (kind, started_at) VALUES ('products-full', 't')");
    for (let i = 0; i < 5; i++) start.run();
    db.exec("UPDATE runs SET finished_at = 't2', outcome = 'ok', counts = '{\"created\":2}' WHERE id = 1");
    // Pruned: AUTOINCREMENT remembers 5, so the next run must not reuse 4 or 5.
    db.exec("DELETE FROM runs WHERE id >= 4");
    assert.throws(
      () => db.exec("UPDATE runs SET finished_at = 't', outcome = 'interrupted' WHERE id = 2"),
      /CHECK/,
    );
    db.close();
    const ledger = openLedger(path);
    try {
      assert.equal(ledger.info().schemaVersion, MIGRATIONS.length);
      const runs = ledger.lastRuns(10);
      assert.deepEqual(runs.map((r) => r.id), [3, 2, 1]);
      assert.deepEqual(runs[2]?.counts, { created: 2 });
      assert.equal(runs[2]?.outcome, "ok");
      assert.equal(ledger.startRun("products-incremental"), 6);
      assert.equal(ledger.closeInterruptedRuns(), 3);
      assert.deepEqual(ledger.lastRuns(1, "products-incremental").map((r) => r.outcome), ["interrupted"]);
    } finally {
      ledger.close();
    }
  }));

Deno.test("migration 5 adds progress to the runs a version-4 ledger has, running ones included", () =>
  withTempPath((path) => {
    const db = openAtVersion(path, 4);
    db.exec("INSERT INTO runs (kind, started_at) VALUES ('products-full', '2026-11-27T10:00:00.000Z')");
    db.close();
    const ledger = openLedger(path);
    try {
      const [old] = ledger.lastRuns(1);
      assert.equal(old?.progressAt, null);
      ledger.progressRun(old!.id, { created: 7 });
      assert.deepEqual(ledger.lastRuns(1)[0]?.counts, { created: 7 });
      assert.ok(ledger.lastRuns(1)[0]?.progressAt);
    } finally {
      ledger.close();
    }
  }));

Deno.test("a reader's open (upgrade: false) refuses a ledger that needs migrations and leaves it as it was", async () => {
  // One level behind as well as several: a reader must not upgrade even by the newest migration alone.
  for (const level of [3, MIGRATIONS.length - 1]) {
    await withTempPath((path) => {
      openAtVersion(path, level).close();
      assert.throws(
        () => openLedger(path, { upgrade: false }),
        (e) =>
          e instanceof IntegrationError && e.kind === "fatal" &&
          e.message.includes(`schema version ${level}, older than this agent's (${MIGRATIONS.length})`),
      );
      assert.deepEqual(applied(path).map((m) => m.version), MIGRATIONS.slice(0, level).map((m) => m.version));
      // Up to date, it opens as usual.
      openLedger(path).close();
      openLedger(path, { upgrade: false }).close();
    });
  }
});
