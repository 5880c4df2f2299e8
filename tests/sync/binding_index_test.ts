import assert from "node:assert/strict";
import fc from "fast-check";
import { BindingIndex, type BindingView, type PushedFields } from "../../sync/binding_index.ts";
import { codeKey } from "../../nebim/code_key.ts";
import { storeCodeKey } from "../../qukasoft/code_key.ts";
import { bound } from "../support/plan.ts";

Deno.test("BindingIndex keeps which products the store has and each item's codes up to date on set and delete", () => {
  const idx = new BindingIndex([
    bound("S"),
    bound("M", { pushed: null, itemCode: "kml-2", productCode: "KML-2" }),
  ]);
  assert.equal(idx.knowsProduct("KML-1"), true);
  assert.equal(idx.knowsProduct("KML-2"), false, "a never-pushed binding does not make a product known");
  assert.deepEqual([...idx.codesOfItem("KML-2")], ["M"], "item codes compare case-blind");
  idx.set("S", { ...idx.get("S")!, pushed: null });
  assert.equal(idx.knowsProduct("KML-1"), false);
  idx.set("M", { ...idx.get("M")!, itemCode: "KML-3" });
  assert.deepEqual([...idx.codesOfItem("KML-2")], []);
  assert.deepEqual([...idx.codesOfItem("kml-3")], ["M"]);
  idx.delete("M");
  assert.deepEqual([...idx.codesOfItem("KML-3")], []);
});

Deno.test("BindingIndex.settledItem gives a pushed binding's item code, and none for one not pushed, dirty or unknown", () => {
  const idx = new BindingIndex([
    bound("S"),
    bound("M", { pushed: null }),
    bound("L", { dirty: true }),
    bound("XL", { itemCode: "kml-9", vanished: true }),
  ]);
  assert.equal(idx.settledItem("S"), "KML-1");
  assert.equal(idx.settledItem("M"), undefined);
  assert.equal(idx.settledItem("L"), undefined);
  assert.equal(idx.settledItem("XL"), "kml-9", "vanished, still settled");
  assert.equal(idx.settledItem("XXL"), undefined);
  idx.set("L", { ...idx.get("L")!, dirty: false });
  assert.equal(idx.settledItem("L"), "KML-1");
});

Deno.test("BindingIndex keeps the items on sale in each store product through set, re-set and delete", () => {
  const idx = new BindingIndex([bound("S"), bound("M"), bound("L", { itemCode: "kml-9" })]);
  const items = (p: string) => idx.itemsIn(p).sort();
  assert.deepEqual(items("kml-1"), ["KML-1", "KML-9"], "by the store's key, items by Nebim's");
  idx.set("S", { ...idx.get("S")!, vanished: true });
  assert.deepEqual(items("KML-1"), ["KML-1", "KML-9"], "M is still on sale");
  idx.set("M", { ...idx.get("M")!, vanished: true });
  assert.deepEqual(items("KML-1"), ["KML-9"], "all of KML-1's codes there vanished");
  assert.equal(idx.pushedInto("KML-1", "KML-1"), false);
  assert.equal(idx.knowsProduct("KML-1"), true, "the store still has the product");
  idx.set("M", { ...idx.get("M")!, vanished: false }); // back on sale
  assert.equal(idx.pushedInto("KML-1", "KML-1"), true);
  idx.set("M", { ...idx.get("M")!, productCode: "KML-2" }); // moved to another product
  idx.set("L", { ...idx.get("L")!, itemCode: "KML-1" }); // to another item
  assert.deepEqual([items("KML-1"), items("KML-2")], [["KML-1"], ["KML-1"]]);
  idx.delete("L");
  assert.deepEqual(items("KML-1"), []);
  assert.equal(idx.knowsProduct("KML-1"), true, "S, vanished, is still there");
  idx.delete("S");
  idx.delete("S"); // twice: nothing more to take
  assert.equal(idx.knowsProduct("KML-1"), false);
  assert.deepEqual(items("KML-2"), ["KML-1"]);
});

Deno.test("BindingIndex asks the store's key of a product (İ and I one, any case), and finds items the store folds", () => {
  const idx = new BindingIndex([bound("S", { itemCode: "KAZAKİ", productCode: "KAZAKİ" })]);
  for (const asked of ["KAZAKİ", "KAZAKI", "kazaki"]) {
    assert.equal(idx.knowsProduct(asked), true, asked);
    assert.deepEqual(idx.itemsIn(asked), ["KAZAKİ"], asked);
  }
  idx.markLost("KAZAKI");
  assert.equal(idx.lostProduct("kazaki"), true);
  // KAZAKI is another item to Nebim, one with KAZAKİ to the store: KAZAKİ's codes are in its product.
  assert.deepEqual(idx.clashingItems("KAZAKI", "KAZAKI"), ["KAZAKİ"]);
  assert.deepEqual(idx.clashingItems("KAZAKİ", "KAZAKI"), []);
});

// The model: a plain Map of the views set, and every lookup answered by walking it.
type Op = { del: true; code: string } | { del: false; code: string; view: BindingView };

const plain = (v: BindingView): BindingView => ({ ...v, pushed: v.pushed && { ...v.pushed } });

function modelCodesOfItem(model: Map<string, BindingView>, order: string[], item: string): string[] {
  return order.filter((code) => codeKey(model.get(code)!.itemCode) === codeKey(item));
}

Deno.test("BindingIndex answers as a plain map of its views would, through any sets, re-sets and deletes", () => {
  const code = fc.constantFrom("S", "M", "L", "XL", "8690000000017", "kml-1-s");
  const nullable = (n: fc.Arbitrary<number>) => fc.option(n, { nil: null });
  const pushed: fc.Arbitrary<PushedFields> = fc.record({
    quantity: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 100, noNaN: true })),
    price: nullable(fc.integer({ min: 0, max: 10_000_000 })),
    marketplacePrice: nullable(fc.integer({ min: 0, max: 10_000_000 })),
    name: fc.option(fc.constantFrom("Gömlek", "Kazak", ""), { nil: null }),
    vatRate: nullable(fc.constantFrom(0, 1, 10, 20)),
    barcode: fc.option(fc.constantFrom("8690000000017", "B2"), { nil: null }),
  });
  const view = (stockCode: string): fc.Arbitrary<BindingView> =>
    fc.record({
      stockCode: fc.constant(stockCode),
      productCode: fc.constantFrom("KML-1", "kml-1", "KML-2", "KAZAKİ", "KAZAKI"),
      itemCode: fc.constantFrom("KML-1", "kml-1", "KML-2", "KAZAKİ", "KAZAKI"),
      pushed: fc.option(pushed, { nil: null }),
      vanished: fc.boolean(),
      dirty: fc.boolean(), // or absent (requiredKeys)
    }, { requiredKeys: ["stockCode", "productCode", "itemCode", "pushed", "vanished"] });
  const op: fc.Arbitrary<Op> = code.chain((c) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<Op>({ del: true, code: c }) },
      // Plain objects, as the sync's views are (fast-check's records have no prototype).
      { weight: 4, arbitrary: view(c).map((v): Op => ({ del: false, code: c, view: plain(v) })) },
    )
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
      const idx = new BindingIndex();
      const model = new Map<string, BindingView>();
      let order: string[] = []; // codes by when they were last set, as each item's codes are kept
      for (const o of ops) {
        order = order.filter((c) => c !== o.code);
        if (o.del) {
          assert.equal(idx.delete(o.code), model.delete(o.code));
        } else {
          idx.set(o.code, o.view);
          model.set(o.code, o.view);
          order.push(o.code);
        }
      }
      assert.deepEqual([...idx], [...model]);
      assert.deepEqual([...idx.values()], [...model.values()]);
      assert.equal(idx.size, model.size);
      for (const c of ["S", "M", "nope"]) {
        assert.deepEqual([idx.has(c), idx.get(c)], [model.has(c), model.get(c)]);
      }
      for (const item of ["KML-1", "KML-2", "KAZAKİ", "KAZAKI"]) {
        assert.deepEqual(idx.codesOfItem(item), modelCodesOfItem(model, order, item), item);
      }
      for (const product of ["KML-1", "KML-2", "kazaki"]) {
        const into = [...model.values()].filter((b) =>
          b.pushed && storeCodeKey(b.productCode) === storeCodeKey(product)
        );
        assert.equal(idx.knowsProduct(product), into.length > 0, product);
        const live = new Set(
          into.filter((b) => !b.vanished).map((b) => codeKey(b.itemCode)),
        );
        assert.deepEqual(idx.itemsIn(product).sort(), [...live].sort(), product);
      }
    }),
    { numRuns: 300 },
  );
});
