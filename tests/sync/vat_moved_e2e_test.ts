/**
 * The VAT rate of a store product whose code the store spells otherwise (adopted), recorded on a code Nebim
 * now groups under another product (sync/plan.ts productVat), end to end through the TDS and Qukasoft
 * simulators.
 */
import assert from "node:assert/strict";
import { moveBarcode } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const variant = (barcode: string, value2: string) => ({
  stockCode: barcode,
  barcode,
  name1: "Renk",
  value1: "Bej",
  name2: "Beden",
  value2,
  quantity: 5,
  price: 10000,
  marketplacePrice: 10000,
});

// The save goes out under Nebim's "VATMOVE-2-BEJ"; the moved code's binding names the store's "vatmove-2-bej".
// Its only outcome is that save's: looked up by the binding's spelling alone, the push found none and failed.
Deno.test("a VAT change of an adopted product reaches a code of it Nebim groups elsewhere, under the store's spelling", async () => {
  await using h = await syncHarness([{
    code: "VATMOVE-2",
    name: "Keten Pantolon",
    cost: 100,
    tax: "%20",
    variants: [
      { color: "BEJ", size: "M", barcode: "8690000009001", stock: 5 },
      { color: "BEJ", size: "L", barcode: "8690000009002", stock: 5 },
    ],
  }], { catalog: { costIncludesVat: true, groupBy: "itemColor" } });
  h.sims.qukasoft.state.createProduct({
    productCode: "vatmove-2-bej",
    name: "Keten Pantolon",
    active: true,
    vatRate: 20,
    variants: [variant("8690000009001", "M"), variant("8690000009002", "L")],
  });
  await h.sync("full");
  const item = (r: Record<string, unknown>) => r.ItemCode === "VATMOVE-2";
  // The BEJ L barcode now names a new SIYAH L variant (no stock); BEJ L is gone.
  moveBarcode(h.data, "VATMOVE-2", "8690000009002", { size: "L", from: "BEJ", to: "SIYAH" });
  await h.sync();
  assert.equal(
    h.variant("8690000009002")!.product.productCode,
    "vatmove-2-bej",
    "left where the store has it",
  );
  h.data.update("cdItem", item, { ItemTaxGrCode: "%10" });
  const report = await h.sync();
  assert.equal(report.failed, 0);
  assert.equal(h.product("vatmove-2-bej")!.vatRate, 10);
  assert.equal(
    h.ledger.bindings().get("8690000009002")?.pushed?.vatRate,
    10,
    "the moved code records its store product's rate",
  );
});
