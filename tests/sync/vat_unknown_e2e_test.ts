/**
 * An unknown VAT group when the cost includes VAT: the price is computable without the rate, but a product
 * created without one would take the store's default VAT. Reported either way, end to end.
 */
import assert from "node:assert/strict";
import type { ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const item = (code: string, barcode: string, tax?: string): ItemSpec => ({
  code,
  name: "Keten Gömlek",
  cost: 100,
  tax,
  variants: [{ size: "M", barcode, stock: 5 }],
});

Deno.test("an unknown VAT group with a VAT-inclusive cost is reported, holds a new product, and leaves a stored product's VAT as it is", async () => {
  await using h = await syncHarness(
    [
      item("GOOD-1", "8690000004001"),
      item("NEWVAT-1", "8690000004002", "%99"),
      item("OLD-1", "8690000004003"),
    ],
    { catalog: { costIncludesVat: true } },
  );
  await h.sync("full");
  const open = (code: string) => h.ledger.openProblems({ limit: 100 }).filter((p) => p.subject === code);
  assert.ok(h.product("GOOD-1") && h.product("OLD-1"));
  assert.equal(h.product("NEWVAT-1"), undefined, "not created with the store's default VAT");
  assert.deepEqual(open("8690000004002").map((p) => p.kind), ["vat"]);
  assert.match(open("8690000004002")[0]!.reason, /tax group "%99" of NEWVAT-1 has none in Nebim/);
  assert.equal(h.product("OLD-1")!.vatRate, 20);
  const priceBefore = h.variant("8690000004003")!.variant.price;

  // OLD-1's tax group goes unknown while its cost and stock change: both still reach the store, its VAT not.
  h.data.update("cdItem", (r) => r.ItemCode === "OLD-1", { ItemTaxGrCode: "%99" });
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "OLD-1", { Price: 150 });
  h.data.update("trStock", (r) => r.ItemCode === "OLD-1", { In_Qty1: 8 });
  await h.sync("full");
  const old = h.variant("8690000004003")!.variant;
  assert.equal(old.quantity, 8);
  assert.notEqual(old.price, priceBefore, "the new price is sent");
  assert.equal(h.product("OLD-1")!.vatRate, 20, "the stored VAT is kept");
  assert.deepEqual(open("8690000004003").map((p) => p.kind), ["vat"]);

  // Nebim fixed: the held product is created with its rate, and the problems close.
  h.data.update("cdItem", (r) => r.ItemCode === "NEWVAT-1" || r.ItemCode === "OLD-1", {
    ItemTaxGrCode: "%10",
  });
  await h.sync("full");
  assert.equal(h.product("NEWVAT-1")?.vatRate, 10);
  assert.equal(h.product("OLD-1")!.vatRate, 10);
  assert.deepEqual(open("8690000004002"), []);
  assert.deepEqual(open("8690000004003"), []);
});

// Every code of a product re-coded while its group has no rate: the new code joins the product, which keeps the
// store's rate; the ledger must know that rate, or an incremental cycle would not send a differing one once fixed.
Deno.test("a product re-coded while its tax group had no rate takes Nebim's VAT once fixed, in the next incremental cycle", async () => {
  await using h = await syncHarness([{
    code: "RECODE-1",
    name: "Keten Gömlek",
    cost: 100,
    tax: "%20",
    variants: [{ size: "M", barcode: "8690000006001", stock: 5 }],
  }], { catalog: { costIncludesVat: true } });
  await h.sync("full");
  assert.equal(h.product("RECODE-1")!.vatRate, 20);
  const item = (r: Record<string, unknown>) => r.ItemCode === "RECODE-1";
  h.data.update("cdItem", item, { ItemTaxGrCode: "%99" });
  h.data.update("prItemBarcode", item, { Barcode: "8690000006002" });
  await h.sync();
  assert.ok(h.variant("8690000006002"), "the new code joins the product the store has");
  h.data.update("cdItem", item, { ItemTaxGrCode: "%10" });
  await h.sync();
  assert.equal(h.product("RECODE-1")!.vatRate, 10);
});
