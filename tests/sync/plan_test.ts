import assert from "node:assert/strict";
import { planPush } from "../../sync/plan.ts";
import { bound, desired, OPTIONS } from "../support/plan.ts";

Deno.test("planPush() creates a new product with all its variants, passive unless the setting says active", () => {
  const plan = planPush([desired("S"), desired("M")], new Map(), OPTIONS);
  assert.equal(plan.products.length, 1);
  assert.equal(plan.products[0]!.active, false);
  assert.deepEqual(plan.products[0]!.variants.map((v) => v.stockCode), ["S", "M"]);
  assert.deepEqual(plan.rows.map((r) => r.action), ["create", "create"]);
  const active = planPush([desired("S")], new Map(), { ...OPTIONS, newProductsActive: true });
  assert.equal(active.products[0]!.active, true);
});

Deno.test("planPush() sends nothing when nothing changed", () => {
  const plan = planPush([desired("S")], new Map([bound("S")]), OPTIONS);
  assert.equal(plan.products.length + plan.stockPrice.length + plan.rows.length, 0);
});

Deno.test("planPush() always pushes stock, and never `active`, for an existing product", () => {
  const plan = planPush([desired("S", { quantity: 1 })], new Map([bound("S")]), OPTIONS);
  assert.deepEqual(plan.stockPrice, [{ stockCode: "S", quantity: 1 }]);
  assert.equal(plan.products.length, 0);
  assert.equal(plan.after.get("S")!.quantity, 1);
});

Deno.test("planPush() pushes a price change unless price updates are disabled (Fiyat Güncellemeyi Kapat)", () => {
  const changed = [desired("S", { price: 99990, marketplacePrice: 104990 })];
  const on = planPush(changed, new Map([bound("S")]), OPTIONS);
  assert.deepEqual(on.stockPrice, [{ stockCode: "S", price: 99990, marketplacePrice: 104990 }]);
  const off = planPush(changed, new Map([bound("S")]), { ...OPTIONS, disablePriceUpdate: true });
  assert.deepEqual(off.stockPrice, []);
});

Deno.test("planPush() renames only when Ürün Adlarını Güncelle is on", () => {
  const renamed = [desired("S", { name: "Keten Gömlek Yeni" })];
  const off = planPush(renamed, new Map([bound("S")]), OPTIONS);
  assert.equal(off.products.length, 0);
  const on = planPush(renamed, new Map([bound("S")]), { ...OPTIONS, updateNames: true });
  assert.deepEqual(on.products, [{ productCode: "KML-1", name: "Keten Gömlek Yeni", variants: [] }]);
  assert.equal("active" in on.products[0]!, false);
});

Deno.test("planPush() adds a new variant to an existing product without touching `active`", () => {
  const plan = planPush([desired("S"), desired("XL")], new Map([bound("S")]), OPTIONS);
  assert.equal(plan.products.length, 1);
  assert.equal(plan.products[0]!.active, undefined);
  assert.equal(plan.products[0]!.name, undefined);
  assert.deepEqual(plan.products[0]!.variants.map((v) => v.stockCode), ["XL"]);
  assert.equal(plan.rows.find((r) => r.stockCode === "XL")!.action, "addVariant");
});

// Which codes vanished is for the cycle to find (sync/run_batch.ts, sync/zero_vanished.ts); the tests below
// name them: KML-1's bound codes that no variant read of it took.

Deno.test("planPush() gives a vanished stock code stock 0 and never deletes it", () => {
  const gone = ["M"];
  const plan = planPush([desired("S")], new Map([bound("S"), bound("M")]), OPTIONS, gone);
  assert.deepEqual(plan.stockPrice, [{ stockCode: "M", quantity: 0 }]);
  assert.deepEqual(plan.vanished, ["M"]);
  const kept = planPush([desired("S")], new Map([bound("S"), bound("M")]), {
    ...OPTIONS,
    zeroStockForVanished: false,
  }, gone);
  assert.deepEqual(kept.stockPrice, []);
});

Deno.test("planPush() zeroes only the codes it is told vanished, and none it plans from a variant read", () => {
  const other = bound("Z", { itemCode: "OTHER" });
  const plan = planPush([desired("S")], new Map([bound("S"), bound("M"), other]), OPTIONS, ["M", "S"]);
  assert.deepEqual(plan.vanished, ["M"]);
  assert.deepEqual(plan.stockPrice, [{ stockCode: "M", quantity: 0 }]);
});

Deno.test("planPush() holds a new variant without a name, a price, or that is not sellable", () => {
  const plan = planPush(
    [
      desired("A", { name: null }),
      desired("B", { price: null }),
      desired("C", { sellable: false, quantity: 0 }),
    ],
    new Map(),
    OPTIONS,
  );
  assert.equal(plan.products.length, 0);
  assert.deepEqual(plan.rows.map((r) => r.action), ["held", "held", "held"]);
});

Deno.test("planPush() pushes stock but holds the price of a bound variant whose price is held", () => {
  const plan = planPush(
    [desired("S", { quantity: 9, price: null, marketplacePrice: null })],
    new Map([bound("S")]),
    OPTIONS,
  );
  assert.deepEqual(plan.stockPrice, [{ stockCode: "S", quantity: 9 }]);
});

Deno.test("planPush() with explain off builds no rows but counts every action as an explained plan does", () => {
  const bindings = new Map([
    bound("S", {
      pushed: { quantity: 1, price: 1, marketplacePrice: 1, name: "x", vatRate: 8, barcode: "OLD" },
    }),
    bound("GONE"),
  ]);
  const input = [desired("S"), desired("M"), desired("X", { sellable: false })];
  const explained = planPush(input, bindings, OPTIONS, ["GONE"]);
  const quiet = planPush(input, bindings, { ...OPTIONS, explain: false }, ["GONE"]);
  assert.deepEqual(quiet.rows, []);
  assert.deepEqual(quiet.counts, explained.counts);
  assert.deepEqual(explained.counts, {
    create: 0,
    addVariant: 1,
    adopt: 0,
    rename: 0,
    vat: 1,
    barcode: 1,
    label: 0,
    stock: 0,
    price: 1,
    zero: 1,
    held: 1,
  });
  assert.deepEqual(explained.rows.map((r) => r.action).sort(), [
    "addVariant",
    "barcode",
    "held",
    "price",
    "vat",
    "zero",
  ]);
  // The writes themselves are the same.
  assert.deepEqual(quiet.products, explained.products);
  assert.deepEqual(quiet.stockPrice, explained.stockPrice);
});

Deno.test("planPush() rows carry the quantity and prices each variant has once the cycle's writes are done", () => {
  const values = (p: ReturnType<typeof planPush>) =>
    p.rows.map((r) => [r.action, r.stockCode, r.quantity, r.price, r.marketplacePrice]);
  const created = planPush([desired("S", { quantity: 2 })], new Map(), OPTIONS);
  assert.deepEqual(values(created), [["create", "S", 2, 89990, 94990]]);
  // A stock change keeps the pushed prices; a price change shows the new ones; a vanished code is at 0.
  const changed = planPush(
    [desired("S", { quantity: 7 }), desired("M", { price: 99990, marketplacePrice: 104990 })],
    new Map([bound("S"), bound("M"), bound("L", { pushed: { ...bound("L")[1].pushed!, price: 50000 } })]),
    OPTIONS,
    ["L"],
  );
  assert.deepEqual(values(changed), [
    ["stock", "S", 7, 89990, 94990],
    ["price", "M", 4, 99990, 104990],
    ["zero", "L", 0, 50000, 94990],
  ]);
  // A held variant's are Nebim's (not sent): no price when it has none.
  const held = planPush([desired("S", { price: null, quantity: 3 })], new Map(), OPTIONS);
  assert.deepEqual(values(held), [["held", "S", 3, null, 94990]]);
});

Deno.test("planPush() sends every field of a code whose last write failed or went unanswered, though the ledger says it is there", () => {
  const doubt = new Map([bound("S", { dirty: true }), bound("M", { dirty: true, vanished: true })]);
  const same = [desired("S")];
  const plan = planPush(same, doubt, { ...OPTIONS, updateNames: true }, ["M"]);
  assert.deepEqual(plan.stockPrice, [
    { stockCode: "S", quantity: 4, price: 89990, marketplacePrice: 94990 },
    { stockCode: "M", quantity: 0 },
  ]);
  assert.deepEqual(plan.products, [{
    productCode: "KML-1",
    name: "Keten Gömlek",
    vatRate: 10,
    variants: [{ stockCode: "S", barcode: "S" }],
  }]);
  assert.ok(
    plan.rows.filter((r) => r.stockCode === "S").every((r) =>
      r.why.endsWith("(sent again: its last write failed or went unanswered)")
    ),
  );
  assert.ok(plan.after.has("S") && plan.after.has("M"), "recorded once written: the doubt ends");
  // The settings still rule: no name unless names follow Nebim, no price while price updates are off.
  const kept = planPush(same, doubt, { ...OPTIONS, disablePriceUpdate: true });
  assert.deepEqual(kept.stockPrice[0], { stockCode: "S", quantity: 4 });
  assert.equal(kept.products[0]!.name, undefined);
  // Not in doubt: nothing to send, and a vanished code already at 0 is left alone.
  const sure = planPush(
    same,
    new Map([bound("S"), bound("M", { vanished: true, pushed: { ...bound("M")[1].pushed!, quantity: 0 } })]),
    OPTIONS,
    ["M"],
  );
  assert.deepEqual([sure.stockPrice, sure.products], [[], []]);
});

Deno.test("planPush() says why it sends a code zeroed as vanished that is back on sale, its stock unchanged too", () => {
  const zeroed = new Map([bound("S", { vanished: true, pushed: { ...bound("S")[1].pushed!, quantity: 0 } })]);
  // Unblocked in Nebim with none in stock: sent all the same, so the ledger holds it as on sale again.
  const plan = planPush([desired("S", { quantity: 0 })], zeroed, OPTIONS);
  assert.deepEqual(plan.stockPrice, [{ stockCode: "S", quantity: 0 }]);
  assert.deepEqual(plan.rows.map((r) => [r.action, r.why]), [[
    "stock",
    "back on sale in Nebim: quantity 0 → 0",
  ]]);
  const stocked = planPush([desired("S", { quantity: 3 })], zeroed, OPTIONS);
  assert.deepEqual(stocked.rows.map((r) => r.why), ["back on sale in Nebim: quantity 0 → 3"]);
});
