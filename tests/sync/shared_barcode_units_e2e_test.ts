/**
 * A variant carrying its barcode twice, under two units of measure (prItemBarcode's key has UnitOfMeasureCode:
 * AD and a pack unit), is the only variant with that barcode: it is pushed, in full and incremental cycles. A
 * barcode two variants carry is still held. End to end through the TDS and Qukasoft simulators.
 */
import assert from "node:assert/strict";
import { syncHarness } from "../support/sync_harness.ts";
import { addStock, variantKey } from "../support/catalog.ts";
import { GOMLEK } from "../support/items.ts";

const M = variantKey("KML-1001", { color: "BEY", size: "M" });
const L = variantKey("KML-1001", { color: "BEY", size: "L" });

Deno.test("a barcode one variant carries under two units is its own, not shared: pushed in full and incremental cycles", async () => {
  await using h = await syncHarness([GOMLEK]);
  // The same barcode again on the same variant, under a pack unit.
  h.data.insert("prItemBarcode", {
    ...M,
    Barcode: "8690000000017",
    BarcodeTypeCode: "DEF",
    UnitOfMeasureCode: "PK",
  });
  const r = await h.sync("full");
  assert.deepEqual(r.problemList, []);
  assert.equal(r.created, 2);
  const before = h.variant("8690000000017")!.variant.quantity;

  addStock(h.data, M, 4);
  const inc = await h.sync();
  assert.equal(inc.mode, "incremental");
  assert.deepEqual(inc.problemList, []);
  assert.equal(h.variant("8690000000017")?.variant.quantity, before + 4);

  // Another variant taking that barcode is a real duplicate: both held, as before.
  h.data.insert("prItemBarcode", { ...L, Barcode: "8690000000017", BarcodeTypeCode: "DEF" });
  const dup = await h.sync("full");
  assert.deepEqual(dup.problemList.map((p) => [p.subject, p.kind]), [["8690000000017", "duplicate"]]);
});
