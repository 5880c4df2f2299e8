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
