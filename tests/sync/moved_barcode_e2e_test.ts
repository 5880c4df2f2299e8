/**
 * A barcode Nebim moves to another item, under barcode stock codes (the stock code is the barcode), end to end
 * through the TDS and Qukasoft simulators: the store keeps the code in the product it made it in, and says so.
 */
import assert from "node:assert/strict";
import { CANTA, GOMLEK } from "../support/items.ts";
import { deleteItem, recodeItem, variantKey } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const codes = (p: { variants: { stockCode: string }[] } | undefined) =>
  p?.variants.map((v) => v.stockCode).sort();

Deno.test("a barcode Nebim moves to another item stays in its store product, follows the item's stock and price, and is reported until the merchant moves it", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], {});
  await h.sync("full");
  // Gömlek's L gets a new barcode, and its old one goes to the Çanta (whose own is dropped).
  h.data.update("prItemBarcode", (r) => r.ItemCode === "KML-1001" && r.Barcode === "8690000000024", {
    Barcode: "8690000000062",
  });
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000031", { Barcode: "8690000000024" });
  await h.sync();
  await h.sync("full");
  const gomlek = h.product("KML-1001");
  assert.deepEqual(codes(gomlek), ["8690000000017", "8690000000024", "8690000000062"]);
  assert.deepEqual(codes(h.product("CNT-2002")), ["8690000000031"], "the store holds a code in one product");
  const moved = gomlek!.variants.find((v) => v.stockCode === "8690000000024")!;
  assert.equal(moved.quantity, 1, "the Çanta's stock");
  assert.equal(moved.price, h.product("CNT-2002")!.variants[0]!.price, "the Çanta's price");
  assert.deepEqual([moved.value1, moved.value2], ["Beyaz", "L"], "the colour and size its create gave it");
  const open = h.ledger.openProblems({ kind: "grouping" });
  assert.deepEqual(open.map((p) => p.subject), ["8690000000024"], "only the moved code is reported");
  assert.match(
    open[0]!.reason,
    /in product KML-1001, beside another item's codes, but Nebim has it on CNT-2002/,
  );
  assert.match(open[0]!.reason, /delete the variant in the store's panel/);

  // The merchant does as told: the next full reconciliation makes it in the Çanta, and the problem closes.
  h.sims.qukasoft.state.deleteVariant("8690000000024");
  await h.sync("full");
  assert.deepEqual(codes(h.product("KML-1001")), ["8690000000017", "8690000000062"]);
  assert.deepEqual(codes(h.product("CNT-2002")), ["8690000000024", "8690000000031"]);
  const made = h.product("CNT-2002")!.variants.find((v) => v.stockCode === "8690000000024")!;
  assert.deepEqual([made.value1, made.value2, made.quantity], ["", "", 1], "as the Çanta's variant is");
  assert.deepEqual(h.ledger.openProblems({ kind: "grouping" }), []);
});

// The Çanta's one code goes to the Gömlek: the store's product CNT-2002 then holds only another item's code.
// It is still the Çanta's product: the code Nebim gives the Çanta next joins it, not a clash of product codes.
Deno.test("an item whose every store code Nebim moved to another item keeps its product for the next code it gets", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], {});
  await h.sync("full");
  h.data.delete("prItemBarcode", (r) => r.ItemCode === "KML-1001" && r.Barcode === "8690000000024");
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000031", {
    ItemCode: "KML-1001",
    ColorCode: "BEY",
    ItemDim1Code: "L",
  });
  await h.sync();
  assert.deepEqual(codes(h.product("CNT-2002")), ["8690000000031"], "kept where the store has it");
  h.data.insert("prItemBarcode", {
    ItemTypeCode: 1,
    ItemCode: "CNT-2002",
    ColorCode: "",
    ItemDim1Code: "",
    ItemDim2Code: "",
    ItemDim3Code: "",
    Barcode: "8690000000079",
    BarcodeTypeCode: "DEF",
  });
  await h.sync();
  assert.deepEqual(h.ledger.openProblems({ kind: "duplicate" }), []);
  assert.deepEqual(codes(h.product("CNT-2002")), ["8690000000031", "8690000000079"]);
  assert.equal(h.product("CNT-2002")!.variants.find((v) => v.stockCode === "8690000000079")?.quantity, 1);
});

Deno.test("a re-coded item's codes keep their stock when an incremental cycle reads the old item (an open duplicate's holder)", async () => {
  // No vanish limit: a zero of one code in three would be held by the default one, which hid the bug.
  await using h = await syncHarness([GOMLEK, CANTA], { catalog: { vanishLimit: null } });
  await h.sync("full");
  const kept = "8690000000017";
  const before = h.variant(kept)!.variant.quantity;
  h.clock.advance(600_000);
  // KML-1001 re-coded KML-1001-A: its barcodes, the stock codes, go with it, and its rows keep their dates.
  // The Çanta gets its L's barcode too: a duplicate, whose holder by its binding (KML-1001) every incremental
  // cycle reads again.
  recodeItem(h.data, "KML-1001", "KML-1001-A");
  h.data.insert("prItemBarcode", {
    ...variantKey("CNT-2002"),
    Barcode: "8690000000024",
    BarcodeTypeCode: "DEF",
  });
  await h.sync("full");
  assert.deepEqual(h.ledger.openProblems({ kind: "duplicate" }).map((p) => p.subject), ["8690000000024"]);
  assert.equal(h.variant(kept)?.variant.quantity, before, "nothing to write: the store shows Nebim's stock");
  // KML-1001 read again finds nothing: the code it had is KML-1001-A's now, on sale, and not read with it.
  h.clock.advance(600_000);
  await h.sync();
  assert.equal(h.variant(kept)?.variant.quantity, before, "not zeroed");
  assert.equal(h.ledger.bindings().get(kept)?.itemCode, "KML-1001-A");
});

Deno.test("a moved code's grouping problem closes when Nebim no longer has the code: the full cycle zeroes it", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], { catalog: { vanishLimit: null } });
  await h.sync("full");
  h.data.update("prItemBarcode", (r) => r.ItemCode === "KML-1001" && r.Barcode === "8690000000024", {
    Barcode: "8690000000062",
  });
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000031", { Barcode: "8690000000024" });
  await h.sync("full");
  const grouping = () => h.ledger.openProblems({ kind: "grouping" }).map((p) => p.subject);
  assert.deepEqual(grouping(), ["8690000000024"]);
  // The Çanta deleted in Nebim: the code it had is on sale nowhere.
  deleteItem(h.data, "CNT-2002");
  await h.sync("full");
  assert.equal(h.variant("8690000000024")?.variant.quantity, 0);
  assert.deepEqual(grouping(), [], "no item has it: nothing to move");
});
