/**
 * A settings change that owes a full cycle (settings/changes.ts needsFullSync) owes it in the ledger, kept in
 * the same commit as the settings: a process that dies before that cycle ran, or a cycle that ends badly, does
 * not lose it, and whichever cycle comes next (`run`'s or `sync products --once` without --full) is full.
 */
import assert from "node:assert/strict";
import { FULL_OWED } from "../../ledger/settings.ts";
import { OVERLAP_MS } from "../../sync/item_batches.ts";
import { crashWorld } from "../support/crash_world.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { sweaters } from "../support/sweaters.ts";

const ITEMS = sweaters(3);
// An item of the crash world's catalogue far from the first price update (its codes are sent again in doubt).
const BARCODE = "8690000001100";
const price = (i: number, percent: number) =>
  Math.round((100 + i * 10) * (1 + percent / 100) * 1.1 * 100) / 100;

Deno.test("a price change stored, then the process gone before its re-price: the next cycle asked incremental re-prices all", async () => {
  const h = await syncHarness(ITEMS);
  try {
    h.clock.advance(2 * OVERLAP_MS); // the rows are stamped before the next incremental cycle's window
    assert.equal((await h.sync("full")).created, 3);
    assert.equal(h.variant("8690000010000")!.variant.price, price(0, 0));
    h.settings.update({ pricing: { site: { percent: 50 } } });
    await h.restart(); // killed before the actor's full cycle ran: its request was in memory only
    const report = await h.sync("incremental");
    for (let i = 0; i < ITEMS.length; i++) {
      assert.equal(h.variant(`86900000${10000 + i}`)!.variant.price, price(i, 50));
    }
    assert.equal(report.mode, "full");
    // Paid: the cycle after it is incremental again.
    assert.equal((await h.sync("incremental")).mode, "incremental");
  } finally {
    await h.close();
  }
});

Deno.test("sync products --once --config with a price change killed before a price went out: the next --once re-prices all", async () => {
  const w = await crashWorld();
  try {
    assert.equal((await w.run()).code, 0); // the first full sync
    const before = w.h.variant(BARCODE)!.variant.price;
    const configPath = `${w.h.dataDir}/config.json`;
    const doc = JSON.parse(await Deno.readTextFile(configPath));
    await Deno.writeTextFile(configPath, JSON.stringify({ ...doc, pricing: { site: { percent: 50 } } }));
    const killed = await w.run({ before: (path) => path.endsWith("/product/stockPrice") }, true);
    assert.ok(killed.killed, killed.out);
    assert.equal(w.h.variant(BARCODE)!.variant.price, before, "nothing was re-priced");
    // The same file again: it changes nothing now, but the ledger still owes the re-price.
    const next = await w.run(undefined, true);
    assert.equal(next.code, 0, next.out);
    assert.equal(w.h.variant(BARCODE)!.variant.price, Math.round(before * 1.5 * 100) / 100);
    assert.match(next.out, /\bfull cycle, 1200 items/);
    assert.match(next.out, /full though --full was not given: a settings change stored earlier .* owes one/);
  } finally {
    await w.close();
  }
});

Deno.test("a settings change that needs no full cycle, or one made before anything was synced, owes none", async () => {
  const h = await syncHarness(ITEMS);
  try {
    // Nothing synced yet: the first cycle is full anyway, and a later file may still change the stock codes.
    h.settings.update({ catalog: { safetyStock: 1 } });
    assert.equal(h.ledger.getBookmark(FULL_OWED), undefined);
    assert.equal((await h.sync("full")).created, 3);
    h.settings.update({ schedule: { productsEverySec: 60 } });
    assert.equal((await h.sync("incremental")).mode, "incremental");
  } finally {
    await h.close();
  }
});

Deno.test("a dry run does not pay the full cycle owed, and a change stored during a cycle is not paid by it", async () => {
  const h = await syncHarness(ITEMS);
  try {
    h.clock.advance(2 * OVERLAP_MS);
    await h.sync("full");
    h.settings.update({ pricing: { site: { percent: 50 } } });
    assert.equal((await h.sync("incremental", true)).mode, "full");
    const owed = h.ledger.getBookmark(FULL_OWED);
    assert.ok(owed);
    // A cycle that read the mark before the change (the agent reads it with the settings it maps by).
    h.settings.update({ pricing: { site: { percent: 60 } } });
    assert.equal((await h.sync("incremental", false, undefined, { owed })).mode, "full");
    assert.notEqual(h.ledger.getBookmark(FULL_OWED), "", "the later change is still owed");
    assert.equal((await h.sync("incremental")).mode, "full");
    assert.equal((await h.sync("incremental")).mode, "incremental");
  } finally {
    await h.close();
  }
});
