/**
 * Nebim's database restored from a backup while the agent runs: the rows come back as they were, their
 * LastUpdatedDate included, so no incremental window after the restore holds them. The agent meets the
 * restore as its sessions ended and its logins failing with 4060 (sql_error.ts: retriable once logged in);
 * the first cycle after it must be a full one, or the store keeps what the backup undid until the scheduled
 * reconciliation (6 h by default). A restore over between two cycles is met as the database made anew
 * (sync/restore_watch.ts). End to end: Nebim data → mssql → TDS simulator → reader → sync → Qukasoft simulator.
 */
import assert from "node:assert/strict";
import { GOMLEK } from "../support/items.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import type { Row } from "../../sim/nebim/dataset.ts";

/** KML-1001 white M: 500 TL VAT-exclusive at 10 %, 550 in the store. */
const BARCODE = "8690000000017";

/**
 * KML-1001 synced, a backup taken, then a price change (600 TL) in the store: what the backup undoes. Restore
 * it with `restore` (between setRestoring(true) and (false), as the test's restore goes).
 */
async function changedAfterBackup(h: SyncHarness) {
  const gomlek = (r: Row) => r.ItemCode === "KML-1001";
  const price = () => h.variant(BARCODE)!.variant.price;
  await h.sync("full");
  h.clock.advance(10 * 60_000);
  await h.sync();
  const backup = h.data.rows("prItemBasePrice").find(gomlek)!.LastUpdatedDate;
  h.clock.advance(10 * 60_000);
  h.data.update("prItemBasePrice", gomlek, { Price: 600 });
  h.clock.advance(5_000);
  await h.sync();
  assert.equal(price(), 660);
  return {
    /** The backup's rows back, their stamps included. */
    restore: () => h.data.update("prItemBasePrice", gomlek, { Price: 500, LastUpdatedDate: backup }),
    /** Once the restore is over: the next cycle is full and the store shows the backup's price; then incremental. */
    async fullThenIncremental(fullWhy: string, thenWhy: string) {
      h.clock.advance(30_000);
      const r = await h.sync();
      assert.equal(r.mode, "full", fullWhy);
      assert.equal(price(), 550);
      assert.equal((await h.sync()).mode, "incremental", thenWhy);
    },
  };
}

Deno.test("a database restored from a backup while the agent runs: the first cycle after it is full, so the store shows what the backup holds", async () => {
  await using h = await syncHarness([GOMLEK]);
  const { restore, fullThenIncremental } = await changedAfterBackup(h);
  // RESTORE … WITH REPLACE: the agent's sessions end, its logins fail with 4060 until it is over.
  h.sims.tds.setRestoring(true);
  h.clock.advance(30_000);
  await assert.rejects(h.sync());
  h.clock.advance(30_000);
  await assert.rejects(h.sync(), /#4060/);
  restore();
  h.sims.tds.setRestoring(false);
  await fullThenIncremental(
    "the restored rows' stamps lie before every window from now on",
    "then incremental again, from the new signpost",
  );
});

Deno.test("a restore over between two cycles, which no cycle saw failing: SQL Server made the database anew, so the next cycle is full", async () => {
  await using h = await syncHarness([GOMLEK]);
  const { restore, fullThenIncremental } = await changedAfterBackup(h);
  // RESTORE … WITH REPLACE, begun and over between two cycles.
  h.sims.tds.setRestoring(true);
  restore();
  h.clock.advance(20_000);
  h.sims.tds.setRestoring(false);
  await fullThenIncremental(
    "the restored rows' stamps lie before this cycle's window",
    "the new database's date kept: incremental again",
  );
});
