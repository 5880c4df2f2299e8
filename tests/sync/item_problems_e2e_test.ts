/**
 * An incremental cycle closes the problems of the items it reads that none of their variants reports again,
 * though their subject is gone (sync/item_problems.ts): before, they waited for the next full cycle.
 */
import assert from "node:assert/strict";
import { oneSizeItem as item } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

/** An incremental cycle five minutes on: its window begins past the last one's edits, and reads only the new. */
function later(h: SyncHarness) {
  h.clock.advance(300_000);
  return h.sync();
}

const open = (h: SyncHarness) =>
  h.ledger.openProblems({ limit: 100 }).map((p) => `${p.subject} ${p.kind}`).sort();

/** Each open problem's subject and the items recorded as reporting it. */
const itemsOf = (h: SyncHarness) => h.ledger.openProblems().map((p) => [p.subject, p.items]);

function setBarcode(h: SyncHarness, itemCode: string, barcode: string): void {
  h.data.update("prItemBarcode", (r) => r.ItemCode === itemCode, { Barcode: barcode });
}

Deno.test("an incremental cycle closes the problems its items no longer report: barcodes replaced, a malformed one corrected", async () => {
  await using h = await syncHarness([
    item("NEG-1", "8690000006001", { variants: [{ size: "STD", barcode: "8690000006001", stock: -3 }] }),
    item("ZERO-1", "8690000006002", { cost: 0 }),
    item("SPACE-1", "abc 123"),
    item("OTHER-1", "abc 456"),
  ]);
  h.clock.advance(3_600_000); // the catalogue an hour old: the incremental cycle's overlap reads only the edits
  await h.sync("full");
  assert.deepEqual(open(h), [
    "8690000006001 stock",
    "8690000006002 price",
    "abc 123 stockCode",
    "abc 456 stockCode",
  ]);
  // Three items get new barcodes in Nebim; OTHER-1 is left as it is.
  setBarcode(h, "NEG-1", "8690000006011");
  setBarcode(h, "ZERO-1", "8690000006012");
  setBarcode(h, "SPACE-1", "8690000006013");
  const r = await later(h);
  assert.equal(r.mode, "incremental");
  assert.equal(r.itemsRead, 3);
  assert.deepEqual(open(h), [
    "8690000006011 stock", // still negative, under its new code
    "8690000006012 price", // still no cost
    "abc 456 stockCode", // its item not read
  ]);
  assert.equal(h.variant("8690000006013")?.variant.quantity, 10, "the corrected code is created");
});

Deno.test("a problem two items report closes once neither makes it: one read without it is taken off its items", async () => {
  await using h = await syncHarness([item("AAA-1", "abc 123"), item("BBB-1", "8690000006021")]);
  h.clock.advance(3_600_000);
  await h.sync("full");
  // BBB-1's barcode mistyped as AAA-1's: the same problem, now reported by both items.
  setBarcode(h, "BBB-1", "abc 123");
  assert.equal((await later(h)).itemsRead, 1);
  assert.deepEqual(itemsOf(h), [["abc 123", ["AAA-1", "BBB-1"]]]);
  // BBB-1 mended, read alone: AAA-1 still makes the code.
  setBarcode(h, "BBB-1", "8690000006021");
  assert.equal((await later(h)).itemsRead, 1);
  assert.deepEqual(itemsOf(h), [["abc 123", ["AAA-1"]]]);
  // AAA-1 mended too: read, nothing left.
  setBarcode(h, "AAA-1", "8690000006022");
  assert.equal((await later(h)).itemsRead, 1);
  assert.deepEqual(open(h), []);
});
