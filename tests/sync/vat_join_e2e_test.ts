/**
 * The VAT rate a new variant joining a product the store has is recorded with, when Nebim has none for it
 * (sync/binding_index.ts storeVat): the rate the store's product has now, not one a code left behind.
 */
import assert from "node:assert/strict";
import { syncHarness } from "../support/sync_harness.ts";

// A variant blocked earlier keeps the rate of its last write: a later VAT change goes to the product through
// the codes still sold. Taken for the product's, the re-coded variant's rate would hide the next change.
Deno.test("a variant joining while the tax group has no rate records the product's rate, not a blocked code's older one", async () => {
  const h = await syncHarness([{
    code: "VATMIX-1",
    name: "Keten Gömlek",
    cost: 100,
    tax: "%20",
    variants: [
      { size: "S", barcode: "8690000007001", stock: 5 },
      { size: "M", barcode: "8690000007002", stock: 5 },
    ],
  }], { catalog: { costIncludesVat: true } });
  try {
    await h.sync("full");
    const item = (r: Record<string, unknown>) => r.ItemCode === "VATMIX-1";
    h.data.update("prItemVariant", (r) => item(r) && r.ItemDim1Code === "S", { IsBlocked: true });
    await h.sync();
    assert.equal(h.variant("8690000007001")!.variant.quantity, 0, "the blocked variant goes to 0");
    h.data.update("cdItem", item, { ItemTaxGrCode: "%10" });
    await h.sync();
    assert.equal(h.product("VATMIX-1")!.vatRate, 10);
    // No rate in Nebim, and the variant still sold re-coded (its barcode replaced): the new code joins.
    h.data.update("cdItem", item, { ItemTaxGrCode: "%99" });
    h.data.update("prItemBarcode", (r) => r.Barcode === "8690000007002", { Barcode: "8690000007003" });
    await h.sync();
    assert.ok(h.variant("8690000007003"), "the new code joins the product the store has");
    assert.equal(h.product("VATMIX-1")!.vatRate, 10, "the store's product keeps its rate");
    h.data.update("cdItem", item, { ItemTaxGrCode: "%20" });
    await h.sync();
    assert.equal(h.product("VATMIX-1")!.vatRate, 20);
  } finally {
    await h.close();
  }
});
