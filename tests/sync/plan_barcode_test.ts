import assert from "node:assert/strict";
import { planPush } from "../../sync/plan.ts";
import { bound, desired, OPTIONS } from "../support/plan.ts";

/** Product KML-1 with variants S, M, L, pushed with their stock codes as barcodes. */
const bindings = () => new Map([bound("S"), bound("M"), bound("L")]);

Deno.test("planPush() sends a changed barcode with product/save, the variant's code and barcode only", () => {
  const want = [desired("S", { barcode: "8680000000019" }), desired("M"), desired("L")];
  const plan = planPush(want, bindings(), OPTIONS);
  assert.deepEqual(
    plan.products,
    [{ productCode: "KML-1", variants: [{ stockCode: "S", barcode: "8680000000019" }] }],
    "no name, no VAT, no active, no stock or price",
  );
  assert.deepEqual(plan.stockPrice, []);
  assert.deepEqual(plan.rows.map((r) => [r.action, r.stockCode, r.why]), [
    ["barcode", "S", "barcode S → 8680000000019"],
  ]);
  assert.equal(plan.counts.barcode, 1);
  assert.deepEqual([...plan.after.keys()], ["S"], "only S is written");
  assert.equal(plan.after.get("S")!.barcode, "8680000000019");
  assert.equal(plan.viaProductSave.size, 0, "an update, not a create");
});

Deno.test("planPush() batches a product's changed barcodes, its rename and VAT rate in one entry, prices apart", () => {
  const want = ["S", "M", "L"].map((c) =>
    desired(c, { barcode: c === "L" ? "L" : `86800000000${c}`, name: "Yeni Ad", vatRate: 20, price: 1 })
  );
  const plan = planPush(want, bindings(), { ...OPTIONS, updateNames: true });
  assert.deepEqual(plan.products, [{
    productCode: "KML-1",
    name: "Yeni Ad",
    vatRate: 20,
    variants: [{ stockCode: "S", barcode: "86800000000S" }, { stockCode: "M", barcode: "86800000000M" }],
  }]);
  assert.deepEqual(plan.stockPrice.map((w) => w.stockCode), ["S", "M", "L"], "prices by stockPrice");
  assert.deepEqual([...plan.after].map(([code, p]) => [code, p.barcode, p.name, p.vatRate]), [
    ["S", "86800000000S", "Yeni Ad", 20],
    ["M", "86800000000M", "Yeni Ad", 20],
    ["L", "L", "Yeni Ad", 20],
  ]);
});

Deno.test("planPush() keeps names and prices out of a barcode save when they do not follow Nebim", () => {
  const want = [desired("S", { barcode: "8680000000019", name: "Yeni Ad", price: 1, marketplacePrice: 1 })];
  const plan = planPush(want, new Map([bound("S")]), { ...OPTIONS, disablePriceUpdate: true });
  assert.deepEqual(plan.products, [{
    productCode: "KML-1",
    variants: [{ stockCode: "S", barcode: "8680000000019" }],
  }]);
  assert.deepEqual(plan.stockPrice, []);
  assert.deepEqual(plan.after.get("S"), {
    quantity: 4,
    price: 89990,
    marketplacePrice: 94990,
    name: "Keten Gömlek",
    vatRate: 10,
    barcode: "8680000000019",
  });
});

Deno.test("planPush() sends no barcode it does not know the store's of (a binding from an older agent)", () => {
  const b = bindings();
  for (const [, v] of b) v.pushed!.barcode = null;
  const want = ["S", "M", "L"].map((c) =>
    desired(c, { barcode: "8680000000019", quantity: c === "S" ? 1 : 4 })
  );
  const plan = planPush(want, b, OPTIONS);
  assert.deepEqual([plan.products, plan.counts.barcode], [[], 0]);
  assert.deepEqual([...plan.after].map(([code, p]) => [code, p.barcode]), [["S", null]], "still not known");
});

Deno.test("planPush() sends a barcode to the product the store keeps the variant in, when Nebim groups it elsewhere", () => {
  const want = [desired("S", { productCode: "KML-1-BEY", barcode: "8680000000019", name: "Yeni Ad" })];
  const plan = planPush(want, new Map([bound("S")]), { ...OPTIONS, updateNames: true });
  assert.deepEqual(plan.products, [{
    productCode: "KML-1",
    variants: [{ stockCode: "S", barcode: "8680000000019" }],
  }], "no rename of a product that is not this one's");
});

Deno.test("planPush() sends no barcode when the stock code is the barcode: a change there is a re-code", () => {
  // An adopted variant whose store barcode is not its stock code: the merchant's, left alone.
  const want = [desired("8690000000017")];
  const b = new Map([bound("8690000000017")]);
  b.get("8690000000017")!.pushed!.barcode = "MERCHANT-1";
  const plan = planPush(want, b, { ...OPTIONS, barcodeIsStockCode: true });
  assert.deepEqual([plan.products, plan.counts.barcode, plan.after.size], [[], 0, 0]);
  assert.equal(planPush(want, b, OPTIONS).counts.barcode, 1, "under a template it is sent");
});
