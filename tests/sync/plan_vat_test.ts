import assert from "node:assert/strict";
import { planPush } from "../../sync/plan.ts";
import { bound, desired, OPTIONS } from "../support/plan.ts";

/** Product KML-1 with variants S, M, L, all pushed at VAT 10 %. */
const bindings = () => new Map([bound("S"), bound("M"), bound("L")]);

Deno.test("planPush() sends a product's changed VAT rate once, alone, and every variant of it records the rate", () => {
  const want = ["S", "M", "L"].map((c) => desired(c, { vatRate: 20 }));
  const plan = planPush(want, bindings(), OPTIONS);
  assert.deepEqual(
    plan.products,
    [{ productCode: "KML-1", vatRate: 20, variants: [] }],
    "no name, no active",
  );
  assert.deepEqual(plan.stockPrice, []);
  assert.deepEqual(plan.rows.map((r) => [r.action, r.stockCode, r.why]), [["vat", "S", "VAT 10 % → 20 %"]]);
  assert.deepEqual([...plan.after].map(([code, p]) => [code, p.vatRate]), [["S", 20], ["M", 20], ["L", 20]]);
});

Deno.test("planPush() sends no VAT rate it does not know the store's of, but sets it on every variant once one asks", () => {
  // Recorded without a rate (an older agent's binding): not known. The full reconciliation reads the store's.
  const b = bindings();
  for (const [, v] of b) v.pushed!.vatRate = null;
  const want = ["S", "M", "L"].map((c) => desired(c, { vatRate: 20, quantity: c === "S" ? 1 : 4 }));
  const blind = planPush(want, b, OPTIONS);
  assert.deepEqual([blind.products, blind.counts.vat], [[], 0]);
  assert.equal(blind.after.get("S")!.vatRate, null);
  // L knows the old rate: it asks, and S and M, planned before it, get the rate too.
  b.get("L")!.pushed!.vatRate = 10;
  const plan = planPush(want, b, OPTIONS);
  assert.equal(plan.products.length, 1);
  assert.deepEqual([...plan.after].map(([code, p]) => [code, p.quantity, p.vatRate]), [
    ["S", 1, 20],
    ["M", 4, 20],
    ["L", 4, 20],
  ]);
});

Deno.test("planPush() sends the VAT rate with price updates off, and beside a rename in one entry", () => {
  const want = [desired("S", { vatRate: 20, name: "Yeni Ad", price: 1, marketplacePrice: 1 })];
  const plan = planPush(want, new Map([bound("S")]), {
    ...OPTIONS,
    disablePriceUpdate: true,
    updateNames: true,
  });
  assert.deepEqual(plan.products, [{ productCode: "KML-1", name: "Yeni Ad", vatRate: 20, variants: [] }]);
  assert.deepEqual(plan.stockPrice, [], "prices stay the merchant's");
  assert.deepEqual(plan.rows.map((r) => r.action), ["rename", "vat"]);
  assert.deepEqual(plan.after.get("S"), {
    quantity: 4,
    price: 89990,
    marketplacePrice: 94990,
    name: "Yeni Ad",
    vatRate: 20,
    barcode: "S",
  });
});

Deno.test("planPush() leaves the VAT rate of a product the store keeps the variant in, when another item sells there too", () => {
  // S's barcode moved to item KML-1 from OTHER-1, whose product it stays in beside OTHER-1's own code.
  const plan = planPush(
    [desired("S", { vatRate: 20 })],
    new Map([
      bound("S", { productCode: "OTHER-1" }),
      bound("X", { productCode: "OTHER-1", itemCode: "OTHER-1" }),
    ]),
    OPTIONS,
  );
  assert.deepEqual(plan.products, []);
  assert.equal(plan.counts.vat, 0);
});

Deno.test("planPush() sends the item's VAT rate to the product the store keeps its variants in under another grouping", () => {
  // Made when products grouped by item + colour: KML-1-BEY holds only KML-1's codes.
  const plan = planPush(
    ["S", "M"].map((c) => desired(c, { vatRate: 20 })),
    new Map([bound("S", { productCode: "KML-1-BEY" }), bound("M", { productCode: "KML-1-BEY" })]),
    OPTIONS,
  );
  assert.deepEqual(plan.products, [{ productCode: "KML-1-BEY", vatRate: 20, variants: [] }]);
  assert.equal(plan.counts.vat, 1);
  assert.deepEqual([...plan.after.values()].map((a) => a.vatRate), [20, 20]);
});

Deno.test("planPush() records the rate a product is created with, and sends Nebim's with a variant joining an existing one", () => {
  const created = planPush([desired("S", { vatRate: 20 })], new Map(), OPTIONS);
  assert.equal(created.products[0]!.vatRate, 20);
  assert.equal(created.after.get("S")!.vatRate, 20);
  const added = planPush(
    [desired("S"), desired("XL", { vatRate: 10 })],
    new Map([bound("S")]),
    OPTIONS,
  );
  // The product's bound codes may all be gone (every variant re-coded): then nothing else would send it.
  assert.equal(added.products[0]!.vatRate, 10);
  assert.equal(added.after.get("XL")!.vatRate, 10);
});

Deno.test("planPush() creates no product without a VAT rate, but adds a new variant to one the store has", () => {
  const plan = planPush(
    [desired("XS", { vatRate: null }), desired("N1", { vatRate: null, productCode: "NEW-1" })],
    bindings(),
    OPTIONS,
  );
  assert.deepEqual(plan.products.map((p) => [p.productCode, p.variants.map((v) => v.stockCode)]), [
    ["KML-1", ["XS"]],
  ]);
  assert.deepEqual(plan.rows.filter((r) => r.action === "held").map((r) => [r.stockCode, r.why]), [
    ["N1", "no VAT rate: a product is not created without one (the store would give it its default)"],
  ]);
});
