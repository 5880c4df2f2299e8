/**
 * A Nebim cost with digits past the kuruş through the real driver, the TDS simulator and the store: priced
 * once (DESIGN §6), and a change inside the same kuruş that moves the price still reaches the store.
 */
import assert from "node:assert/strict";
import { addPriceList } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a 4-decimal cost is priced exactly end to end, and an incremental cycle carries a change within its kuruş", async () => {
  await using h = await syncHarness([{
    code: "SUBK-1",
    name: "Keten Gömlek",
    cost: 83.325,
    tax: "%20",
    variants: [{ size: "M", barcode: "8690000009001", stock: 5 }],
  }], { pricing: { marketplace: { percent: 10, amount: 0 } } });
  await h.sync("full");
  const prices = () => {
    const v = h.variant("8690000009001")!.variant;
    return [v.price, v.marketplacePrice];
  };
  // 83.325 × 1.2 = 99.99; × 1.1 × 1.2 = 109.989 → 109.99 (83.33 first: 100.00 and 109.996 → 110.00).
  assert.deepEqual(prices(), [99.99, 109.99]);
  const item = (r: Record<string, unknown>) => r.ItemCode === "SUBK-1";
  // The same kuruş (83.33) in Nebim, another price: 83.3333 × 1.2 = 99.99996 → 100.00.
  h.data.update("prItemBasePrice", item, { Price: 83.3333 });
  await h.sync();
  assert.deepEqual(prices(), [100, 110]);
  // Back below: 83.3251 × 1.2 = 99.99012 → 99.99, × 1.1 → 109.98913 → 109.99.
  h.data.update("prItemBasePrice", item, { Price: 83.3251 });
  await h.sync();
  assert.deepEqual(prices(), [99.99, 109.99]);
});

Deno.test("a VAT-inclusive price-list cost past the kuruş has VAT removed from the exact cost for a store without VAT", async () => {
  await using h = await syncHarness([{
    code: "SUBK-2",
    name: "Keten Pantolon",
    cost: null,
    tax: "%20",
    variants: [{ size: "M", barcode: "8690000009002", stock: 5 }],
  }], {
    catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" }, storePricesIncludeVat: false },
  });
  addPriceList(h.data, "SUBK-2", 100.002, { IsTaxIncluded: true });
  await h.sync("full");
  // 100.002 / 1.2 = 83.335 → 83.34; the kuruş first (100.00 / 1.2 = 83.3333) gave 83.33.
  const v = h.variant("8690000009002")!.variant;
  assert.deepEqual([v.price, v.marketplacePrice], [83.34, 83.34]);
});
