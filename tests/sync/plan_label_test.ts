import assert from "node:assert/strict";
import type { BindingView } from "../../sync/binding_index.ts";
import { planPush } from "../../sync/plan.ts";
import { bound, desired, OPTIONS } from "../support/plan.ts";

const NAMES = { ...OPTIONS, updateNames: true };

/** A binding of KML-1 the store labels `label` (undefined: not known, as before the agent kept it). */
function labelled(
  code: string,
  label: string | undefined,
  over: Partial<BindingView> = {},
): [string, BindingView] {
  const [, b] = bound(code, over);
  const pushed = { ...b.pushed! };
  if (label !== undefined) pushed.label = label;
  return [code, { ...b, pushed }];
}

/** Nebim's colour description of S and M is now "Kırık Beyaz"; the store labels them "Beyaz". */
const renamedColour = () =>
  ["S", "M"].map((c) => desired(c, { variantValues: { ...variantValues(c), value1: "Kırık Beyaz" } }));
const variantValues = (c: string) => desired(c).variantValues;

Deno.test("planPush() sends a changed colour description as the variant's label under updateNames", () => {
  const plan = planPush(renamedColour(), new Map([labelled("S", "Beyaz"), labelled("M", "Beyaz")]), NAMES);
  assert.deepEqual(plan.products, [{
    productCode: "KML-1",
    variants: [
      { stockCode: "S", value1: "Kırık Beyaz" },
      { stockCode: "M", value1: "Kırık Beyaz" },
    ],
  }], "the label only: no name, no VAT, no barcode, no stock or price");
  assert.deepEqual(plan.stockPrice, []);
  assert.deepEqual(plan.rows.map((r) => [r.action, r.stockCode, r.why]), [
    ["label", "S", 'colour "Beyaz" → "Kırık Beyaz"'],
    ["label", "M", 'colour "Beyaz" → "Kırık Beyaz"'],
  ]);
  assert.equal(plan.counts.label, 2);
  assert.deepEqual([...plan.after].map(([code, p]) => [code, p.label]), [["S", "Kırık Beyaz"], [
    "M",
    "Kırık Beyaz",
  ]]);
  assert.equal(plan.viaProductSave.size, 0, "an update, not a create");
});

Deno.test("planPush() leaves the store's label alone without updateNames, or when it does not know what was sent", () => {
  const off = planPush(renamedColour(), new Map([labelled("S", "Beyaz"), labelled("M", "Beyaz")]), OPTIONS);
  assert.deepEqual(off.products, []);
  assert.equal(off.after.size, 0);
  // A binding from before the agent kept the label: the next full reconciliation learns the store's first.
  const unknown = planPush(
    renamedColour(),
    new Map([labelled("S", undefined), labelled("M", undefined)]),
    NAMES,
  );
  assert.deepEqual(unknown.products, []);
  assert.equal(unknown.after.size, 0);
});

Deno.test("planPush() sends a variant's new barcode and label in one entry", () => {
  const want = [
    desired("S", { barcode: "8680000000019", variantValues: { ...variantValues("S"), value1: "Ekru" } }),
  ];
  const plan = planPush(want, new Map([labelled("S", "Beyaz")]), NAMES);
  assert.deepEqual(plan.products, [{
    productCode: "KML-1",
    variants: [{ stockCode: "S", barcode: "8680000000019", value1: "Ekru" }],
  }]);
  assert.deepEqual(plan.rows.map((r) => r.action), ["barcode", "label"]);
  const after = plan.after.get("S")!;
  assert.deepEqual([after.barcode, after.label], ["8680000000019", "Ekru"]);
});

Deno.test("planPush() sends the label again for a code in doubt, and to the product the store keeps it in while that is its item's alone", () => {
  const doubt = planPush([desired("S")], new Map([labelled("S", "Beyaz", { dirty: true })]), NAMES);
  // Every field is sent again, the barcode too.
  assert.deepEqual(doubt.products[0]?.variants, [{
    stockCode: "S",
    barcode: "S",
    value1: "Beyaz",
  }]);
  assert.match(doubt.rows.find((r) => r.action === "label")!.why, /sent again/);
  // The store keeps S in ESKI-1 beside ESKI-1's own codes (Nebim moved the barcode to KML-1's item): made
  // there with the colour it had.
  const moved = planPush(
    renamedColour().slice(0, 1),
    new Map([
      labelled("S", "Beyaz", { productCode: "ESKI-1" }),
      labelled("E1", "Siyah", { productCode: "ESKI-1", itemCode: "ESKI-1" }),
    ]),
    NAMES,
  );
  assert.deepEqual(moved.products.flatMap((p) => p.variants), []);
  assert.equal(moved.after.get("S")?.label ?? "Beyaz", "Beyaz");
  // Products now by item and colour: the store keeps S in KML-1, which holds only this item's codes. Its label
  // is this variant's alone, and goes there (the product's name does not: it is KML-1-BEY's now).
  const regrouped = planPush(
    renamedColour().slice(0, 1).map((d) => ({ ...d, productCode: "KML-1-BEY", name: "Keten Gömlek Beyaz" })),
    new Map([labelled("S", "Beyaz")]),
    NAMES,
  );
  assert.deepEqual(regrouped.products, [{
    productCode: "KML-1",
    variants: [{ stockCode: "S", value1: "Kırık Beyaz" }],
  }]);
});

Deno.test("planPush() relabels a re-coded item's variants in the batch that reads them, and sends its rate: their product is that item's then", () => {
  // KML-1 re-coded KML-1-A in Nebim, barcodes kept, its VAT now 20 %: the store's KML-1 holds S and M, bound
  // to the old item.
  const recoded = renamedColour().map((d) => ({
    ...d,
    productCode: "KML-1-A",
    key: { ...d.key, itemCode: "KML-1-A" },
    vatRate: 20,
  }));
  const both = new Map([labelled("S", "Beyaz"), labelled("M", "Beyaz")]);
  const plan = planPush(recoded, both, NAMES);
  assert.deepEqual(plan.products.find((p) => p.productCode === "KML-1")?.variants, [
    { stockCode: "S", value1: "Kırık Beyaz" },
    { stockCode: "M", value1: "Kırık Beyaz" },
  ]);
  assert.equal(plan.products.find((p) => p.productCode === "KML-1")?.vatRate, 20);
  assert.deepEqual(plan.elsewhere, [], "no grouping problem: the batch takes every code KML-1 sells");
  // Only S is read under the new item: M still sells there for KML-1, so the product is not S's item's.
  const one = planPush(recoded.slice(0, 1), both, NAMES);
  assert.deepEqual(one.products.filter((p) => p.variants.length || p.vatRate !== undefined), []);
  assert.deepEqual(one.elsewhere.map((e) => e.storeProduct), ["KML-1"]);
});

Deno.test("planPush() sends the option's name with a label only where the store had no label", () => {
  // A product the merchant made with no colour option, adopted: Nebim's colour goes with its option name.
  const plan = planPush([desired("S")], new Map([labelled("S", "")]), NAMES);
  assert.deepEqual(plan.products[0]?.variants, [{ stockCode: "S", name1: "Renk", value1: "Beyaz" }]);
  // One with its own option name ("Color: White"): only the value changes, the name stays the merchant's.
  const theirs = planPush([desired("S")], new Map([labelled("S", "White")]), NAMES);
  assert.deepEqual(theirs.products[0]?.variants, [{ stockCode: "S", value1: "Beyaz" }]);
});

Deno.test("planPush() gives a variant without a colour no label, and records the label a create sends", () => {
  const plain = desired("S", { variantValues: { name2: "Beden", value2: "S" } });
  const none = planPush([plain], new Map([labelled("S", "")]), NAMES);
  assert.deepEqual(none.products, []);
  const created = planPush([desired("S")], new Map(), NAMES);
  assert.equal(created.after.get("S")!.label, "Beyaz");
  assert.equal(planPush([plain], new Map(), NAMES).after.get("S")!.label, "", "no colour: no label");
});
