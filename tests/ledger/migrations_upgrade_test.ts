import assert from "node:assert/strict";
import type { DatabaseSync } from "node:sqlite";
import { openLedger } from "../../ledger/ledger.ts";
import { MIGRATIONS } from "../../ledger/migrations.ts";
import { openAtVersion, withTempPath } from "./temp.ts";

// What every table a ledger at `version` has holds, written with that version's own columns, so an upgrade
// from each released level is seen to keep it (a migration that rebuilds a table could drop a column's data).
function seedAtVersion(db: DatabaseSync, version: number): void {
  const t = "2026-11-01T00:00:00.000Z";
  db.exec(
    `INSERT INTO settings (id, doc, version, updated_at) VALUES (1, '{"qukasoft":{"apiKey":"k"}}', 3, '${t}');` +
      `INSERT INTO bookmarks (name, value, updated_at) VALUES ('products', '2026-10-31T23:00:00.000Z', '${t}');` +
      "INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, product_code, " +
      "qukasoft_product_id, qukasoft_variant_id, pushed_fields, pushed_at, state, reason, dirty, created_at, " +
      "updated_at) VALUES ('8690000000017', 1, 'KML-1', 'SYH', 'M', '', '', 'KML-1', 41, 7, " +
      `'{"quantity":3,"price":89990,"marketplacePrice":null,"name":"Keten"}', '${t}', 'held', 'tutuldu', 1, ` +
      `'${t}', '${t}');` +
      `INSERT INTO runs (kind, started_at, finished_at, outcome, counts, error) VALUES ('products-full', '${t}', ` +
      `'${t}', 'partial', '{"created":2}', 'one failed');` +
      "INSERT INTO problems (subject, kind, reason, first_seen, last_seen) VALUES ('8690000000017', 'noPrice', " +
      `'no price', '${t}', '${t}');`,
  );
  if (version >= 6) db.exec(`INSERT INTO feed_listed VALUES ('8690000000017', 'KML-1', '${t}')`);
  if (version >= 7) {
    db.exec(`INSERT INTO sending (codes, created_at) VALUES ('[["8690000000024","KML-1"]]', '${t}')`);
  }
  if (version >= 8) {
    db.exec(`INSERT INTO sending (codes, updates, created_at) VALUES ('[]', '["8690000000017"]', '${t}')`);
  }
}

for (let level = 1; level < MIGRATIONS.length; level++) {
  Deno.test(`a ledger left at schema version ${level} upgrades to the newest with all it held`, () =>
    withTempPath((path) => {
      const db = openAtVersion(path, level);
      seedAtVersion(db, level);
      db.close();
      const ledger = openLedger(path);
      try {
        assert.equal(ledger.info().schemaVersion, MIGRATIONS.length);
        assert.deepEqual(ledger.integrityCheck(), ["ok"]);
        const settings = ledger.getSettings();
        assert.deepEqual([settings?.doc, settings?.version, settings?.file], [
          { qukasoft: { apiKey: "k" } },
          3,
          undefined,
        ]);
        assert.equal(ledger.getBookmark("products"), "2026-10-31T23:00:00.000Z");
        const b = ledger.getBinding("8690000000017")!;
        assert.deepEqual(
          [
            b.key.colorCode,
            b.key.itemDim1Code,
            b.qukasoftProductId,
            b.qukasoftVariantId,
            b.state,
            b.reason,
            b.dirty,
          ],
          ["SYH", "M", 41, 7, "held", "tutuldu", true],
        );
        assert.deepEqual(b.pushed, {
          quantity: 3,
          price: 89990,
          marketplacePrice: null,
          name: "Keten",
          vatRate: null,
          barcode: null,
        });
        const [run] = ledger.lastRuns(5);
        assert.deepEqual(
          [run?.id, run?.outcome, run?.counts, run?.error, run?.progressAt],
          [1, "partial", { created: 2 }, "one failed", null],
        );
        assert.deepEqual(ledger.openProblems().map((p) => [p.subject, p.kind]), [[
          "8690000000017",
          "noPrice",
        ]]);
        assert.deepEqual([...ledger.feedListed()], level >= 6 ? [["8690000000017", "KML-1"]] : []);
        assert.deepEqual([...ledger.unrecordedSends().codes], level >= 7 ? [["8690000000024", "KML-1"]] : []);
        assert.deepEqual([...ledger.unansweredUpdates()], level >= 8 ? [["8690000000017", "KML-1"]] : []);
        // Still writable as the newest schema expects.
        assert.equal(ledger.putSettings({}, { file: true }), 4);
        assert.equal(ledger.startRun("products-incremental"), 2);
      } finally {
        ledger.close();
      }
    }));
}
