/**
 * A problem whose record Nebim no longer has under that subject: a malformed barcode corrected (the stock code
 * it gave is gone), an item deleted. Its subject is never read again, so only a full cycle, which reads every
 * item, can tell it is gone. A store refusal of a code Nebim no longer has closes so too, or by its zero's
 * outcome when the code is zeroed.
 */
import assert from "node:assert/strict";
import {
  addItem,
  addStock,
  deleteItem,
  oneSizeItem as item,
  plainItems,
  variantKey,
} from "../support/catalog.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

Deno.test("a problem closes once Nebim no longer has its record: a corrected stock code, a deleted item", async () => {
  await using h = await syncHarness([
    item("GOOD-1", "8690000005001"),
    item("SPACE-1", "abc 123"),
    item("VAT-1", "8690000005002", { tax: "%99" }),
    item("LOWER-1", "8690000005abc"),
  ]);
  await h.sync("full");
  const open = () => h.ledger.openProblems({ limit: 100 }).map((p) => `${p.subject} ${p.kind}`).sort();
  const still = "8690000005abc stockCode";
  assert.deepEqual(open(), ["8690000005002 price", still, "abc 123 stockCode"]);

  // The barcode corrected, the item with no VAT rate deleted (it had never been sold).
  h.data.update("prItemBarcode", (r) => r.ItemCode === "SPACE-1", { Barcode: "8690000005003" });
  deleteItem(h.data, "VAT-1");
  await h.sync();
  assert.ok(h.product("SPACE-1"), "the corrected code is created");
  await h.sync("full");
  assert.deepEqual(open(), [still], "nothing left open for records Nebim no longer has");
});

Deno.test("a fixed problem of a stock code two variants share closes at the full cycle; the duplicate stays open", async () => {
  const code = "8690000005001";
  await using h = await syncHarness([item("AAA-1", code, { tax: "%99" }), item("BBB-1", code)]);
  await h.sync("full");
  const open = () => h.ledger.openProblems().map((p) => `${p.subject} ${p.kind}`).sort();
  assert.deepEqual(open(), [`${code} duplicate`, `${code} price`]);
  // AAA-1 gets a tax group with a rate: its price is no longer held, its barcode still shared.
  h.data.update("cdItem", (r) => r.ItemCode === "AAA-1", { ItemTaxGrCode: "%20" });
  await h.sync("full");
  assert.deepEqual(open(), [`${code} duplicate`], "no price held for a VAT rate Nebim now has");
});

Deno.test("the VAT problems of a product Nebim deleted close when a full cycle zeroes its codes, and when the vanish limit holds them", async () => {
  const open = (h: SyncHarness) => h.ledger.openProblems().map((p) => `${p.subject} ${p.kind}`).sort();
  const codes = GOMLEK.variants.map((v) => v.barcode).sort();
  for (const held of [false, true]) {
    const limit = held ? { percent: 10, atLeast: 1 } : null;
    await using h = await syncHarness([GOMLEK, CANTA], { catalog: { vanishLimit: limit } });
    await h.sync("full");
    // Its tax group's rate gone: each code's price held (the product keeps its VAT). Then the item deleted.
    h.data.update("cdItem", (r) => r.ItemCode === GOMLEK.code, { ItemTaxGrCode: "%99" });
    await h.sync("full");
    assert.deepEqual(open(h), codes.map((c) => `${c} price`), "reported while Nebim has the item");
    const before = h.variant(codes[0]!)?.variant.quantity;
    deleteItem(h.data, GOMLEK.code);
    const full = await h.sync("full");
    assert.equal(full.vanishCheck?.verdict, held ? "held" : "ok");
    assert.equal(h.variant(codes[0]!)?.variant.quantity, held ? before : 0);
    // Only the vanish limit's own problem, when it holds the zeros: no row is left to price.
    assert.deepEqual(open(h), held ? ["catalog.vanishLimit massZero"] : [], held ? "held" : "zeroed");
  }
});

/** The open store refusals, as "subject" lines. */
const refusals = (h: SyncHarness) => h.ledger.openProblems({ kind: "store" }).map((p) => p.subject).sort();

Deno.test("a store refusal closes once its code is gone from Nebim and zeroed, or was never written; a refused zero stays open", async () => {
  const bag = "8690000000031"; // CNT-2002's only variant
  const large = "8690000000024"; // KML-1001 in L
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  // A stock rise each code's store refuses (a rule of its own), and a new item whose create it refuses.
  h.sims.qukasoft.state.refuse(bag, "stok kilitli");
  h.sims.qukasoft.state.refuse(large, "stok kilitli");
  h.sims.qukasoft.state.refuse("8690000005001", "kategori eşleşmesi yok");
  addStock(h.data, variantKey("CNT-2002"), 1);
  addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "L" }), 1);
  addItem(h.data, item("NEW-1", "8690000005001"));
  h.clock.advance(120_000);
  const r = await h.sync();
  assert.equal(r.rejected, 3);
  assert.deepEqual(refusals(h), ["8690000005001", large, bag].sort());

  // The bag deleted in Nebim, its store rule lifted; KML-1001 L and NEW-1 re-barcoded (new stock codes).
  deleteItem(h.data, "CNT-2002");
  h.sims.qukasoft.state.refuse(bag, undefined);
  h.data.update("prItemBarcode", (r) => r.Barcode === large, { Barcode: "8690000005048" });
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000005001", { Barcode: "8690000005002" });
  const full = await h.sync("full");
  assert.equal(h.variant(bag)?.variant.quantity, 0, "the bag's code is zeroed");
  assert.equal(h.variant(large)?.variant.quantity, 3, "the store kept its stock: the zero was refused");
  assert.equal(full.rejected, 1);
  assert.deepEqual(
    refusals(h),
    [large],
    "the zeroed code's and the never-created code's close; the refused zero's stays",
  );
});

Deno.test("a refusal of a vanished code the vanish limit holds stays open until its zero goes through", async () => {
  const items = plainItems(4, "ITM-", "86900001", 5); // max(50 % of 4, 1) = 2 zeros a cycle
  const code = items[0]!.variants[0]!.barcode;
  await using h = await syncHarness(items, { catalog: { vanishLimit: { percent: 50, atLeast: 1 } } });
  await h.sync("full");
  h.sims.qukasoft.state.refuse(code, "stok kilitli");
  h.data.update("trStock", (r) => r.ItemCode === "ITM-0", { In_Qty1: 6 });
  h.clock.advance(120_000);
  await h.sync();
  assert.deepEqual(refusals(h), [code]);
  h.sims.qukasoft.state.refuse(code, undefined);
  h.data.delete("cdItem", (r) => /^ITM-[0-2]$/.test(String(r.ItemCode)));
  const held = await h.sync("full");
  assert.equal(held.vanishCheck?.verdict, "held");
  assert.deepEqual(refusals(h), [code], "still to be zeroed");
  await h.sync("full", false, undefined, { allowMassZero: true });
  assert.equal(h.variant(code)?.variant.quantity, 0);
  assert.deepEqual(refusals(h), []);
});
