/**
 * One barcode typed twice in Nebim, in another case or with a trailing space: SQL Server (Turkish_CI_AS) reads
 * both as one barcode, so neither variant's stock code is pushed, whichever cycle reads them.
 */
import assert from "node:assert/strict";
import { oneSizeItem as item } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a barcode held twice, once in lowercase or with a trailing space, is held on both variants", async () => {
  await using h = await syncHarness([
    item("CASE-1", "ABC0009008"),
    item("CASE-2", "abc0009008"),
    item("TRAIL-1", "8690000009009"),
    item("TRAIL-2", "8690000009009 "),
    item("GOOD-1", "8690000009010"),
  ]);
  const open = () =>
    h.ledger.openProblems({ limit: 10 }).map((p) => `${p.kind} ${JSON.stringify(p.subject)}`).sort();
  const expected = [
    'duplicate "8690000009009"',
    'duplicate "ABC0009008"',
    'stockCode "8690000009009 "',
    'stockCode "abc0009008"',
  ];
  await h.sync("full");
  assert.equal(h.sims.qukasoft.state.products.size, 1, "only GOOD-1 reached the store");
  assert.ok(h.product("GOOD-1"));
  assert.deepEqual(open(), expected);

  // Past the full cycle's overlap, an incremental cycle reads only the items with the clean codes.
  h.clock.advance(120_000);
  await h.sync();
  h.clock.advance(120_000);
  h.data.update("trStock", (r) => r.ItemCode === "CASE-1" || r.ItemCode === "TRAIL-1", { In_Qty1: 9 });
  const r = await h.sync();
  assert.equal(r.itemsRead, 2);
  assert.equal(h.variant("ABC0009008"), undefined);
  assert.equal(h.variant("8690000009009"), undefined);
  assert.deepEqual(open(), expected);
});
