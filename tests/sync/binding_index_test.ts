import assert from "node:assert/strict";
import { BindingIndex } from "../../sync/binding_index.ts";
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
