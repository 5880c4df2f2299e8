/**
 * Changes a merchant makes in Nebim that touch no row of the item itself, and that the next incremental cycle
 * must still carry to the store (the promise: within a minute, not at the next full reconciliation).
 * End to end: Nebim data → mssql → TDS simulator → reader → sync → Qukasoft simulator.
 */
import assert from "node:assert/strict";
import type { ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

/** One single-variant item with 1 in stock and its cost in TL (VAT excluded: base price code 1). */
const item = (code: string, tax: string, cost: number, barcode: string): ItemSpec => ({
  code,
  name: code,
  tax,
  cost,
  variants: [{ barcode, stock: 1 }],
});
const GOMLEK = item("KML-1001", "%10", 500, "8690000000017");
const CANTA = item("CNT-2002", "%20", 1500, "8690000000031");

/**
 * Minutes pass with incremental cycles: the catalogue's own rows, all written at the start, fall out of the
 * window, so what the next cycle reads is what the change made it read.
 */
async function quiet(h: SyncHarness): Promise<void> {
  h.clock.advance(10 * 60_000);
  await h.sync();
  h.clock.advance(10 * 60_000);
  assert.equal((await h.sync()).itemsRead, 0);
}

Deno.test("a VAT change in Nebim's tax tables (prItemTaxGrAtt, cdVat) re-prices the next incremental cycle and sets the products' vatRate", async () => {
  // July 2023: 8 % became 10 %, 18 % became 20 %. Merchants point the tax group at another VAT code, or change
  // the rate of the code; no item row changes. Before, only the full reconciliation (hours later) re-priced,
  // and the store's own vatRate (on its invoices and order lines) stayed the rate the product was created with.
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  assert.equal(h.variant("8690000000017")!.variant.price, 550);
  assert.equal(h.variant("8690000000031")!.variant.price, 1800);
  await quiet(h);
  h.data.update("prItemTaxGrAtt", (r) => r.ItemTaxGrCode === "%10", { SellVatCode: "%20" });
  h.data.update("cdVat", (r) => r.VatCode === "%20", { VatRate: 18 });
  h.sims.qukasoft.log.clear();
  const r = await h.sync();
  assert.equal(r.mode, "incremental");
  assert.equal(h.variant("8690000000017")!.variant.price, 590, "500 + 18 % (group %10 now sells at %20)");
  assert.equal(h.variant("8690000000031")!.variant.price, 1770, "1500 + 18 %");
  assert.deepEqual([h.product("KML-1001")!.vatRate, h.product("CNT-2002")!.vatRate], [18, 18]);
  // Only the rate, product by product: no name, no `active`, no variants.
  assert.deepEqual(
    h.sims.qukasoft.log.entries("/product/save").flatMap((e) =>
      (e.input as { products: unknown[] }).products
    ),
    [{ productCode: "CNT-2002", vatRate: 18 }, { productCode: "KML-1001", vatRate: 18 }],
  );
  assert.equal(r.actions.vat, 2);
  h.sims.qukasoft.log.clear();
  assert.equal((await h.sync()).actions.vat, 0, "sent once: the ledger remembers it");
  assert.deepEqual(h.sims.qukasoft.log.entries("/product/save"), []);
});

Deno.test("a barcode moved off the configured type zeroes its stock code in the next incremental cycle", async () => {
  // The merchant re-types a variant's barcode (DEF → EAN): the row changes, but no longer matches the
  // configured type, so a changed-items part filtered on the type missed it and the store kept selling the
  // code until the full reconciliation.
  await using h = await syncHarness([CANTA]);
  await h.sync("full");
  await quiet(h);
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000031", { BarcodeTypeCode: "EAN" });
  const r = await h.sync();
  assert.equal(r.zeroed, 1);
  assert.equal(h.variant("8690000000031")!.variant.quantity, 0);
});

Deno.test("an incremental cycle zeroes only codes of the items it read: the other items' codes keep their stock", async () => {
  // It knows a code vanished only from an item it read that no variant of took (sync/run_batch.ts); the
  // codes of the items it did not read are not gone, just not read.
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  await quiet(h);
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000031", { BarcodeTypeCode: "EAN" });
  const r = await h.sync();
  assert.deepEqual([r.mode, r.itemsRead, r.zeroed], ["incremental", 1, 1]);
  assert.equal(h.variant("8690000000031")!.variant.quantity, 0);
  assert.equal(h.variant("8690000000017")!.variant.quantity, 1, "KML-1001 was not read");
});

Deno.test("a product whose every variant is re-coded as its VAT changes takes Nebim's rate (and name) in the next incremental cycle", async () => {
  // Found by tests/sync/convergence_e2e_test.ts. The new stock codes join the product (a product/save with
  // only variants) and none of its bound codes is read any more, so no VAT change or rename was planned: the
  // store kept the old rate and name until the next full reconciliation.
  await using h = await syncHarness([CANTA], { pricing: { updateNames: true } });
  await h.sync("full");
  await quiet(h);
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000031", { Barcode: "8690000000048" });
  h.data.update("cdItem", (r) => r.ItemCode === "CNT-2002", { ItemTaxGrCode: "%10" });
  h.data.update("cdItemDesc", (r) => r.ItemCode === "CNT-2002", { ItemDescription: "Deri Sırt Çantası" });
  const r = await h.sync();
  assert.equal(r.zeroed, 1);
  const p = h.product("CNT-2002")!;
  assert.deepEqual([p.vatRate, p.name], [10, "Deri Sırt Çantası"]);
  assert.equal(h.variant("8690000000048")!.variant.price, 1650, "1500 + 10 %");
  assert.equal(h.ledger.getBinding("8690000000048")!.pushed!.vatRate, 10, "known from now on");
  h.sims.qukasoft.log.clear();
  assert.equal((await h.sync("full", true)).rows.length, 0, "nothing left for a full cycle");
});
