/**
 * The store keeps a stock code in the product it was made in, so a re-coded item's codes stay in the old
 * item's product. Its VAT rate is the item's once no other item's codes are on sale there: the full cycle that
 * zeroes the codes Nebim gave up sends it (sync/vat_rejoined.ts), not the full cycle after.
 */
import assert from "node:assert/strict";
import { recodeItem } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a re-coded item's VAT change reaches the product the store keeps its codes in, in the full cycle that zeroes the code it gave up", async () => {
  await using h = await syncHarness([{
    code: "REJ-1",
    name: "Keten Gömlek",
    cost: 100,
    tax: "%10",
    variants: [
      { color: "BEY", size: "S", barcode: "8690000007001", stock: 3 },
      { color: "BEY", size: "M", barcode: "8690000007002", stock: 4 },
    ],
  }]);
  await h.sync("full");
  assert.equal(h.product("REJ-1")!.vatRate, 10);
  // Re-coded in Nebim, one of its barcodes replaced, and its tax group now one of 20 %.
  recodeItem(h.data, "REJ-1", "REJ-1-A");
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000007001", { Barcode: "8690000007003" });
  h.data.update("cdItem", (r) => r.ItemCode === "REJ-1-A", { ItemTaxGrCode: "%20" });
  await h.sync("full");
  assert.equal(h.variant("8690000007001")!.variant.quantity, 0, "the code Nebim gave up is zeroed");
  assert.equal(h.product("REJ-1")!.vatRate, 20, "the store's product of 8690000007002 has the item's rate");
  assert.equal(h.product("REJ-1-A")!.vatRate, 20, "as the product made for the new code has");
  assert.deepEqual(h.ledger.openProblems({ kind: "grouping" }), [], "no other item's codes on sale there");
  assert.deepEqual((await h.sync("full", true)).rows, [], "nothing left to send");
});
