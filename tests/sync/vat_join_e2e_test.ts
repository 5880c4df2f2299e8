/**
 * The VAT rate a new variant joining a product the store has is recorded with, when Nebim has none for it
 * (sync/binding_index.ts storeVat): the rate the store's product has now, not one a code left behind.
 */
import assert from "node:assert/strict";
import { addVariant, moveBarcode } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

// A variant blocked earlier keeps the rate of its last write: a later VAT change goes to the product through
// the codes still sold. Taken for the product's, the re-coded variant's rate would hide the next change.
Deno.test("a variant joining while the tax group has no rate records the product's rate, not a blocked code's older one", async () => {
  await using h = await syncHarness([{
    code: "VATMIX-1",
    name: "Keten Gömlek",
    cost: 100,
    tax: "%20",
    variants: [
      { size: "S", barcode: "8690000007001", stock: 5 },
      { size: "M", barcode: "8690000007002", stock: 5 },
    ],
  }], { catalog: { costIncludesVat: true } });
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
});

// Grouped by colour, a barcode moved to a variant of another colour stays in the store's product it was made
// in (plan.ts leaves it there). That product's later VAT change is the code's too: recorded on it, or the code,
// still sold and sure, would give a joining variant the rate the product had before.
Deno.test("a code Nebim now groups elsewhere records its store product's VAT change, which a joining variant then takes", async () => {
  await using h = await syncHarness([{
    code: "VATMOVE-1",
    name: "Keten Pantolon",
    cost: 100,
    tax: "%20",
    variants: [
      { color: "BEJ", size: "M", barcode: "8690000008001", stock: 5 },
      { color: "BEJ", size: "L", barcode: "8690000008002", stock: 5 },
      { color: "SIYAH", size: "M", barcode: "8690000008003", stock: 5 },
    ],
  }], { catalog: { costIncludesVat: true, groupBy: "itemColor" } });
  await h.sync("full");
  const item = (r: Record<string, unknown>) => r.ItemCode === "VATMOVE-1";
  // The BEJ L barcode now names a new SIYAH L variant; BEJ L is gone.
  moveBarcode(h.data, "VATMOVE-1", "8690000008002", { size: "L", from: "BEJ", to: "SIYAH" });
  await h.sync();
  assert.equal(
    h.variant("8690000008002")!.product.productCode,
    "VATMOVE-1-BEJ",
    "left where the store has it",
  );
  h.data.update("cdItem", item, { ItemTaxGrCode: "%10" });
  await h.sync();
  assert.equal(h.product("VATMOVE-1-BEJ")!.vatRate, 10);
  h.data.update("prItemVariant", (r) => item(r) && r.ColorCode === "BEJ" && r.ItemDim1Code === "M", {
    IsBlocked: true,
  });
  await h.sync();
  assert.equal(h.variant("8690000008001")!.variant.quantity, 0, "the blocked variant goes to 0");
  // No rate in Nebim, and a new beige variant joins the product the store has.
  h.data.update("cdItem", item, { ItemTaxGrCode: "%99" });
  addVariant(h.data, "VATMOVE-1", { color: "BEJ", size: "XL", barcode: "8690000008004", stock: 5 });
  await h.sync();
  assert.equal(h.variant("8690000008004")!.product.productCode, "VATMOVE-1-BEJ");
  h.data.update("cdItem", item, { ItemTaxGrCode: "%20" });
  await h.sync();
  assert.equal(h.product("VATMOVE-1-BEJ")!.vatRate, 20, "Nebim's rate reaches the product");
});
