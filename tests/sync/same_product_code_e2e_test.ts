/**
 * Under `catalog.groupBy: "itemColor"` a product code is item code and colour: item KML-1001 in colour 01 and
 * an item KML-1001-01 without colours both make KML-1001-01. Pushed both, the store would take them for one
 * product, its name flipping between them: the one with codes in the store keeps it, the other is a problem.
 */
import assert from "node:assert/strict";
import { addStock, type ItemSpec, variantKey } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const COLOURED: ItemSpec = {
  code: "KML-1001",
  name: "Gömlek",
  tax: "%10",
  cost: 500,
  variants: [{ color: "01", size: "M", barcode: "8690000000017", stock: 5 }],
};
const PLAIN: ItemSpec = {
  code: "KML-1001-01",
  name: "Eski Gömlek",
  tax: "%10",
  cost: 400,
  variants: [{ barcode: "8690000000024", stock: 3 }],
};

/** The store's products as [productCode, stock codes]. */
const products = (h: SyncHarness) =>
  [...h.sims.qukasoft.state.products.values()].map((
    p,
  ) => [p.productCode, p.variants.map((v) => v.stockCode)]);

Deno.test("two items making the same itemColor product code: one product in the store, the other reported, every cycle", async () => {
  await using h = await syncHarness([COLOURED, PLAIN], {
    catalog: { groupBy: "itemColor" },
    pricing: { updateNames: true },
  });
  const r = await h.sync("full");
  assert.equal(r.created, 1);
  const store = products(h) as [string, string[]][];
  assert.equal(store.length, 1);
  const [code, codes] = store[0]!;
  assert.equal(code, "KML-1001-01");
  assert.equal(codes.length, 1, "one item's variant, not both in one product");
  const held = codes[0] === "8690000000017" ? "8690000000024" : "8690000000017";
  assert.deepEqual(r.problemList.map((p) => [p.subject, p.kind]), [[held, "duplicate"]]);
  // The item in the store keeps it in later cycles, whichever Nebim lists first; the other stays held.
  for (const mode of ["full", "full"] as const) {
    const again = await h.sync(mode);
    assert.deepEqual([again.created, again.updated, again.problems], [0, 0, 1], mode);
  }
  const heldItem = held === "8690000000017"
    ? variantKey("KML-1001", { color: "01", size: "M" })
    : variantKey("KML-1001-01", {});
  addStock(h.data, heldItem, 4);
  const incremental = await h.sync();
  assert.deepEqual([incremental.mode, incremental.created, incremental.problems], ["incremental", 0, 1]);
  assert.deepEqual(products(h), [["KML-1001-01", codes]]);
});
