/**
 * A store that already has products (the agent this one replaces made them, or a write whose record was
 * lost did), and variants the store keeps in another product than Nebim now groups them under: end to end
 * through the simulators.
 */
import assert from "node:assert/strict";
import { addItem, addVariant, type ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { CANTA, storeHasCanta } from "../support/items.ts";

const saves = (h: SyncHarness) => h.sims.qukasoft.log.entries("/product/save");

Deno.test("a full sync adopts a product the store already has: stock flows, name, price and active stay the merchant's", async () => {
  await using h = await syncHarness([CANTA], { pricing: { disablePriceUpdate: true, updateNames: false } });
  storeHasCanta(h);
  const r = await h.sync("full");
  assert.equal(r.actions.adopt, 1);
  assert.equal(r.created, 0);
  // The run history (and /health) counts it as adopted, not as nothing.
  assert.deepEqual([h.ledger.lastRuns(1)[0]?.counts.adopted, h.ledger.lastRuns(1)[0]?.counts.created], [
    1,
    0,
  ]);
  assert.deepEqual(saves(h), [], "nothing created, nothing renamed");
  const p = h.product("CNT-2002")!;
  assert.equal(p.variants[0]!.quantity, 1, "stock always flows");
  assert.equal(p.name, "Merchant Name", "names off: not renamed");
  assert.deepEqual(
    [p.variants[0]!.price, p.variants[0]!.marketplacePrice],
    [2222, 2333],
    "price updates off",
  );
  assert.equal(p.active, true, "active is never touched");
  // The ledger now knows it, so a later incremental cycle does not take it for new.
  const b = h.ledger.getBinding("8690000000031")!;
  assert.equal(b.productCode, "CNT-2002");
  // In kuruş, as the agent keeps money (the store shows TL).
  assert.deepEqual(b.pushed, {
    quantity: 1,
    price: 222200,
    marketplacePrice: 233300,
    name: "Merchant Name",
    vatRate: 20,
    barcode: "8690000000031",
    label: "", // the bag has no colour
  });
  h.data.update("trStock", (row) => row.ItemCode === "CNT-2002", { In_Qty1: 4 });
  const r2 = await h.sync();
  assert.equal(r2.created, 0);
  assert.deepEqual(saves(h), []);
  assert.equal(h.variant("8690000000031")!.variant.quantity, 4);
});

Deno.test("an adopted product gets Nebim's price and, with names on, a rename; never `active`", async () => {
  await using h = await syncHarness([CANTA], { pricing: { updateNames: true } });
  storeHasCanta(h);
  await h.sync("full");
  const p = h.product("CNT-2002")!;
  assert.equal(p.variants[0]!.price, 1800, "cost 1500 + 20 % VAT");
  assert.equal(p.name, "Deri Çanta");
  assert.equal(p.active, true);
  const bodies = JSON.stringify(saves(h).map((e) => e.input));
  assert.doesNotMatch(bodies, /"active"/);
});

Deno.test("a stock code the store keeps under another product code is adopted there: stock reaches it, no duplicate", async () => {
  await using h = await syncHarness([CANTA]);
  storeHasCanta(h, "OLD-CANTA");
  const r1 = await h.sync("full");
  const r2 = await h.sync("full");
  assert.deepEqual([r1.rejected, r2.rejected], [0, 0]);
  assert.equal(h.product("CNT-2002"), undefined, "not created again under Nebim's code");
  const v = h.variant("8690000000031")!;
  assert.equal(v.product.productCode, "OLD-CANTA");
  assert.equal(v.variant.quantity, 1);
  assert.equal(h.ledger.getBinding("8690000000031")!.productCode, "OLD-CANTA");
});

Deno.test("store variants Nebim has no stock code for are left alone by a full sync", async () => {
  await using h = await syncHarness([CANTA]);
  h.sims.qukasoft.state.createProduct({
    productCode: "MANUAL-1",
    name: "Hediye Paketi",
    active: true,
    vatRate: 20,
    variants: [{
      stockCode: "MANUAL-1",
      barcode: "MANUAL-1",
      name1: "",
      value1: "",
      name2: "",
      value2: "",
      quantity: 50,
      price: 1000,
      marketplacePrice: 1000,
    }],
  });
  const r = await h.sync("full");
  assert.deepEqual([r.actions.adopt, r.zeroed], [0, 0]);
  assert.equal(h.variant("MANUAL-1")!.variant.quantity, 50);
  assert.equal(h.ledger.getBinding("MANUAL-1"), undefined);
});

Deno.test("a dry run lists what it would adopt and writes nothing", async () => {
  await using h = await syncHarness([CANTA]);
  storeHasCanta(h);
  const r = await h.sync("full", true);
  assert.deepEqual(r.rows.filter((row) => row.action === "adopt").map((row) => row.stockCode), [
    "8690000000031",
  ]);
  // The adopt row shows the store's stock and prices as found; the stock row, what they become.
  const of = (action: string) =>
    r.rows.filter((row) => row.action === action).map((
      row,
    ) => [row.quantity, row.price, row.marketplacePrice]);
  assert.deepEqual(of("adopt"), [[0, 222200, 233300]]); // kuruş
  assert.equal(of("stock")[0]?.[0] ?? of("price")[0]?.[0], 1);
  assert.equal(h.ledger.getBinding("8690000000031"), undefined);
  assert.equal(h.variant("8690000000031")!.variant.quantity, 0);
});

Deno.test("a barcode moved to a re-coded item stays in the store's product, and the new item's next size is created", async () => {
  const shirt: ItemSpec = {
    code: "AAA-1",
    name: "Gömlek",
    tax: "%20",
    cost: 100,
    variants: [{ size: "M", barcode: "8690000000100", stock: 3 }],
  };
  await using h = await syncHarness([shirt], { pricing: { updateNames: true } });
  await h.sync("full");
  // Re-coded: BBB-1 takes the barcode; AAA-1 is blocked.
  h.data.update("cdItem", (r) => r.ItemCode === "AAA-1", { IsBlocked: true });
  h.data.delete("prItemBarcode", (r) => r.ItemCode === "AAA-1");
  addItem(h.data, {
    ...shirt,
    code: "BBB-1",
    name: "Gömlek Yeni",
    variants: [{ ...shirt.variants[0]!, stock: 5 }],
  });
  await h.sync();
  assert.equal(h.variant("8690000000100")!.variant.quantity, 5);
  assert.equal(h.ledger.getBinding("8690000000100")!.productCode, "AAA-1", "where the store keeps it");
  assert.equal(h.product("AAA-1")!.name, "Gömlek", "another item's name is not pushed onto it");
  addVariant(h.data, "BBB-1", { size: "L", barcode: "8690000000117" });
  const r = await h.sync();
  assert.equal(r.rejected, 0);
  const l = h.variant("8690000000117")!;
  assert.equal(l.product.productCode, "BBB-1");
  assert.equal(l.product.name, "Gömlek Yeni", "created as a product of its own, with its name");
});

Deno.test("after grouping changes to item + colour, a new size of an existing colour is created", async () => {
  await using h = await syncHarness([{
    code: "KML-1",
    name: "Gömlek",
    tax: "%10",
    cost: 100,
    variants: [{ color: "BEY", size: "M", barcode: "8690000000100", stock: 3 }],
  }]);
  await h.sync("full");
  // Refused in this data folder once synced: a new one, whose full cycle adopts the store's products.
  await h.restart({ catalog: { groupBy: "itemColor" } });
  await h.sync("full");
  addVariant(h.data, "KML-1", { color: "BEY", size: "L", barcode: "8690000000117" });
  const r = await h.sync("full");
  assert.equal(r.rejected, 0);
  assert.equal(h.variant("8690000000117")!.product.productCode, "KML-1-BEY");
  assert.equal(
    h.variant("8690000000100")!.product.productCode,
    "KML-1",
    "M stays where the store keeps it",
  );
});
