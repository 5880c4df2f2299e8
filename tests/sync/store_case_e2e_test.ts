/**
 * A store that keeps a product's codes in another case than Nebim's (the merchant typed them in the panel, or
 * an older connector uploaded them lowercase), end to end through the simulators. The store compares codes
 * case-blind (sim/qukasoft/collation.ts), so to it "kml-1001-bej-m" is Nebim's KML-1001-BEJ-M: the agent must
 * take it over as it stands, not create it again (which would be a save over the merchant's product).
 */
import assert from "node:assert/strict";
import { addStock, addVariant, type ItemSpec, variantKey } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { merchantProducts } from "../support/items.ts";

const KML: ItemSpec = {
  code: "KML-1001",
  name: "Keten Gömlek",
  tax: "%10",
  cost: 500,
  variants: [
    { color: "BEJ", size: "M", barcode: "8690000000017", stock: 5 },
    { color: "BEJ", size: "L", barcode: "8690000000024", stock: 3 },
  ],
};
const TEMPLATE = { stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" } };
/** Names and prices are the merchant's: nothing the agent sends may carry them to an existing product. */
const MERCHANTS = { catalog: TEMPLATE, pricing: { updateNames: false, disablePriceUpdate: true } };

/** The merchant's product as typed in the panel: lowercase codes, its own name and price, on sale. */
function storeHasItLowercase(h: SyncHarness) {
  h.sims.qukasoft.state.createProduct({
    productCode: "kml-1001",
    name: "Merchant Name",
    active: true,
    vatRate: 10,
    variants: [{
      stockCode: "kml-1001-bej-m",
      barcode: "",
      name1: "Renk",
      value1: "Bej",
      name2: "Beden",
      value2: "M",
      quantity: 0,
      price: 2222,
      marketplacePrice: 2333,
    }],
  });
}

async function merchantsStore(settings: Record<string, unknown> = MERCHANTS): Promise<SyncHarness> {
  const h = await syncHarness([KML], settings);
  storeHasItLowercase(h);
  return h;
}

const posts = (h: SyncHarness) => h.sims.qukasoft.log.entries().filter((e) => e.name.startsWith("POST"));
const saveBodies = (h: SyncHarness) =>
  JSON.stringify(h.sims.qukasoft.log.entries("/product/save").map((e) => e.input));
/** The store's products as [productCode, name, active, [stockCode, quantity, price][]]. */
const products = (h: SyncHarness) =>
  [...h.sims.qukasoft.state.products.values()].map((p) => [
    p.productCode,
    p.name,
    p.active,
    p.variants.map((v) => [v.stockCode, v.quantity, v.price]),
  ]);

Deno.test("a full cycle on an empty ledger adopts a product the store keeps in lowercase: no second product, the merchant's name, price and active stay", async () => {
  await using h = await merchantsStore();
  const r = await h.sync("full");
  assert.deepEqual([r.actions.adopt, r.created, r.rejected, r.missing], [1, 1, 0, 0]);
  assert.deepEqual(products(h), [[
    "kml-1001",
    "Merchant Name",
    true,
    [["kml-1001-bej-m", 5, 2222], ["KML-1001-BEJ-L", 3, 550]],
  ]], "M adopted as it stands (stock flows), L joins the merchant's product");
  assert.doesNotMatch(saveBodies(h), /"name"|"active"/, "L is added, not created with a name over theirs");
  const b = h.ledger.getBinding("KML-1001-BEJ-M")!;
  assert.deepEqual([b.productCode, b.pushed?.name], ["kml-1001", "Merchant Name"]);
});

Deno.test("after the adoption, full cycles send nothing and a dry-run full cycle plans nothing", async () => {
  await using h = await merchantsStore();
  await h.sync("full");
  const sent = posts(h).length;
  const again = await h.sync("full");
  const dry = await h.sync("full", true);
  for (const r of [again, dry]) {
    assert.deepEqual([r.created, r.updated, r.actions.adopt, r.problems], [0, 0, 0, 0]);
    assert.deepEqual(r.rows, [], `${r.dryRun ? "dry run" : "full cycle"}: nothing planned`);
  }
  assert.equal(posts(h).length, sent, "no write at all");
  assert.equal(h.sims.qukasoft.state.products.size, 1);
  assert.equal(h.product("KML-1001")!.name, "Merchant Name");
});

Deno.test("incremental cycles bring stock and price to the variant the store keeps in lowercase, and a new size into its product", async () => {
  await using h = await merchantsStore({ catalog: TEMPLATE, pricing: { updateNames: false } });
  await h.sync("full");
  assert.equal(h.variant("kml-1001-bej-m")!.variant.price, 550, "Nebim's price, prices on");
  addStock(h.data, variantKey("KML-1001", { color: "BEJ", size: "M" }), 4);
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "KML-1001", { Price: 600 });
  addVariant(h.data, "KML-1001", { color: "BEJ", size: "XL", barcode: "8690000000031", stock: 2 });
  const r = await h.sync();
  assert.equal(r.mode, "incremental");
  assert.deepEqual([r.missing, r.rejected, r.failed], [0, 0, 0]);
  assert.deepEqual(products(h), [[
    "kml-1001",
    "Merchant Name",
    true,
    [["kml-1001-bej-m", 9, 660], ["KML-1001-BEJ-L", 3, 660], ["KML-1001-BEJ-XL", 2, 660]],
  ]]);
  assert.doesNotMatch(saveBodies(h), /"name"|"active"/);
});

Deno.test("a variant the store keeps in lowercase leaves the sale like any other: blocked in Nebim, the full cycle zeroes it within the vanish limit", async () => {
  await using h = await merchantsStore({
    ...MERCHANTS,
    catalog: { ...TEMPLATE, vanishLimit: { percent: 50, atLeast: 1 } },
  });
  const first = await h.sync("full");
  assert.equal(first.vanishCheck, undefined, "nothing vanishes on the adoption");
  h.data.update("prItemVariant", (r) => r.ItemCode === "KML-1001" && r.ItemDim1Code === "M", {
    IsBlocked: true,
  });
  const r = await h.sync("full");
  assert.deepEqual(r.vanishCheck, { vanishing: 1, active: 2, allowed: 1, verdict: "ok" });
  assert.deepEqual([r.zeroed, r.created, r.held], [1, 0, 0]);
  assert.deepEqual(products(h), [[
    "kml-1001",
    "Merchant Name",
    true,
    [["kml-1001-bej-m", 0, 2222], ["KML-1001-BEJ-L", 3, 550]],
  ]]);
  assert.deepEqual((await h.sync("full")).rows, [], "zeroed once, not again");
});

Deno.test("a product the store lists unreadably in lowercase is neither created over nor adopted until it can be read", async () => {
  await using h = await merchantsStore();
  merchantProducts(h, 1); // a readable product beside it: a page none of whose products can be read is fatal
  h.variant("kml-1001-bej-m")!.variant.price = "2222 TL" as unknown as number;
  const r = await h.sync("full");
  assert.deepEqual([r.created, r.actions.adopt, r.held], [0, 0, 2], "M and L, of the unreadable product");
  assert.deepEqual(posts(h), [], "not created over the merchant's product");
  assert.equal(h.product("KML-1001")!.name, "Merchant Name");
});

Deno.test("with names on, a product the store keeps in lowercase is renamed and gets Nebim's VAT rate, never `active`", async () => {
  await using h = await merchantsStore({
    catalog: TEMPLATE,
    pricing: { updateNames: true, disablePriceUpdate: true },
  });
  const r = await h.sync("full");
  assert.deepEqual([r.actions.adopt, r.actions.rename, r.failed, r.rejected], [1, 1, 0, 0]);
  assert.equal(h.product("KML-1001")!.name, "Keten Gömlek");
  // Only the product changes (no stock or price to send with it): its outcome is all the agent gets.
  h.data.update("cdItemDesc", (row) => row.ItemCode === "KML-1001", {
    ItemDescription: "Keten Gömlek Yeni",
  });
  h.data.update("cdItem", (row) => row.ItemCode === "KML-1001", { ItemTaxGrCode: "%20" });
  const next = await h.sync();
  assert.deepEqual([next.actions.rename, next.actions.vat, next.failed, next.rejected], [1, 1, 0, 0]);
  const p = h.product("KML-1001")!;
  assert.deepEqual([p.productCode, p.name, p.vatRate, p.active], [
    "kml-1001",
    "Keten Gömlek Yeni",
    20,
    true,
  ]);
  assert.doesNotMatch(saveBodies(h), /"active"/);
  assert.equal(h.sims.qukasoft.state.products.size, 1);
  assert.deepEqual((await h.sync("full")).rows, [], "nothing left to send");
});
