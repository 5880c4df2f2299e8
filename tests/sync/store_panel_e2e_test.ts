/**
 * What the merchant does in the store's panel while the agent works, end to end through the simulators:
 * deleting products, renaming them, during and between cycles.
 */
import assert from "node:assert/strict";
import { addStock, variantKey } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { CANTA, GOMLEK, merchantProducts, storeHasCanta } from "../support/items.ts";

const saves = (h: SyncHarness) => h.sims.qukasoft.log.entries("/product/save");

Deno.test("a product deleted in the panel while a full sync lists the store: no other product is taken for gone", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], { pricing: { updateNames: false } });
  const state = h.sims.qukasoft.state;
  merchantProducts(h, 100); // ids before the agent's: the agent's two products are on the second page
  await h.sync("full");
  state.products.get("KML-1001")!.name = "Merchant Name"; // names are the merchant's (updateNames off)
  const before = saves(h).length;
  // Once the first page is served the merchant deletes one of its own products: every later row moves
  // back one place, and KML-1001 (first on page two) would fall between the pages.
  state.beforeProductPage = (q) => {
    if (q.pageStart === 0) return;
    state.deleteProduct("OWN-0");
    state.beforeProductPage = undefined;
  };
  const r = await h.sync("full");
  assert.equal(r.created, 0, "nothing created again");
  assert.equal(saves(h).length, before, "no product/save at all");
  assert.equal(h.product("KML-1001")!.name, "Merchant Name");
});

Deno.test("a product deleted in the panel: its stock update is answered 'not found', reported, and the full cycle creates it again once", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  h.sims.qukasoft.state.deleteProduct("KML-1001");
  addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 2);
  const r = await h.sync();
  assert.equal(r.missing, 1, "the store no longer has 8690000000017");
  const problem = h.ledger.openProblems({ kind: "store" }).find((p) => p.subject === "8690000000017");
  assert.match(problem!.reason, /no longer has this stock code/);
  // The productSync actor runs a full cycle next (tests/actors/product_sync_test.ts): it re-creates the
  // product, passive, with both sizes, and never a second one.
  const full = await h.sync("full");
  assert.equal(full.created, 2);
  const p = h.product("KML-1001")!;
  assert.equal(p.active, false);
  assert.deepEqual(p.variants.map((v) => [v.stockCode, v.quantity]), [["8690000000024", 3], [
    "8690000000017",
    6,
  ]]);
  assert.equal(
    [...h.sims.qukasoft.state.products.values()].filter((x) => x.productCode === "KML-1001").length,
    1,
  );
  assert.equal(h.ledger.openProblems({ kind: "store" }).length, 0, "resolved once it is back");
});

Deno.test("a store that writes its numbers as strings (PHP's PDO) is read like one that writes numbers: a full cycle changes nothing", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  const before = h.sims.qukasoft.log.entries().filter((e) => e.name.startsWith("POST")).length;
  h.sims.qukasoft.quirks.numbersAsText = true;
  const r = await h.sync("full");
  assert.deepEqual([r.created, r.updated, r.problems], [0, 0, 0]);
  assert.equal(h.sims.qukasoft.log.entries().filter((e) => e.name.startsWith("POST")).length, before);
});

Deno.test("a product whose store price cannot be read is reported and left as the ledger knows it; the rest of the full cycle goes on", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  // A record the store's own database holds wrongly, as the list then shows it.
  h.variant("8690000000017")!.variant.price = "899.90 TL" as unknown as number;
  addStock(h.data, variantKey("CNT-2002", {}), 5);
  const r = await h.sync("full");
  assert.equal(r.created, 0, "KML-1001 is not taken for gone and created again");
  assert.equal(r.problems, 1);
  assert.deepEqual(r.problemList, [{
    subject: "product:KML-1001",
    kind: "unreadable",
    reason: `the store lists product "KML-1001" (id ${h.product("KML-1001")!.id}): variants[1].price: ` +
      'expected a number, received "899.90 TL", a value the agent cannot read; correct it in the store\'s ' +
      "panel. Until then the agent keeps the product's codes as it knows them and creates none of its " +
      "variants it has not created before",
  }]);
  assert.equal(h.product("CNT-2002")!.variants[0]!.quantity, 1 + 5, "the other product's stock went out");
});

Deno.test("a product the store lists unreadably stays an open problem, its first sighting kept, until a full cycle reads it", async () => {
  const h = await syncHarness([GOMLEK, CANTA]);
  const open = () => h.ledger.openProblems({ kind: "unreadable" });
  try {
    await h.sync("full");
    const v = h.variant("8690000000017")!.variant;
    v.price = "899.90 TL" as unknown as number;
    await h.sync("full");
    const [first, ...more] = open();
    assert.deepEqual([first?.subject, more], ["product:KML-1001", []], "in the ledger: /health lists it");
    assert.match(first!.reason, /product "KML-1001" \(id \d+\).*variants\[1\]\.price.*"899\.90 TL"/);
    assert.match(first!.reason, /store's panel/);
    h.clock.advance(3_600_000);
    addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 2);
    assert.ok((await h.sync()).itemsRead >= 1, "an incremental cycle reads its product");
    assert.equal(open()[0]?.firstSeen, first!.firstSeen, "left open by a batch: it cannot read the store");
    h.clock.advance(3_600_000);
    await h.sync("full");
    assert.equal(open()[0]?.firstSeen, first!.firstSeen, "a full cycle finds it again");
    assert.equal(h.ledger.openProblems({ kind: "store" }).length, 0, "no store refusal");
    v.price = 899.9;
    await h.sync("full");
    assert.deepEqual(open(), [], "readable again: closed");
  } finally {
    await h.close();
  }
});

Deno.test("a product the store lists unreadably, its bound stock code itself unreadable: kept as the ledger knows it, not added again over the merchant's price", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], { pricing: { disablePriceUpdate: true } });
  await h.sync("full");
  const before = saves(h).length;
  const v = h.variant("8690000000017")!.variant;
  v.price = 999; // the merchant's price, kept by disablePriceUpdate
  // The store's list writes this stock code as a number: its product cannot be read, nor which codes it has.
  v.stockCode = 8690000000017 as unknown as string;
  const r = await h.sync("full");
  assert.deepEqual([r.created, r.held, r.problems], [0, 0, 1], "not taken for a new variant to hold");
  v.stockCode = "8690000000017"; // the store itself finds it as before
  addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 2);
  const i = await h.sync();
  assert.deepEqual(saves(h).length, before, "no product/save: the store has the variant");
  assert.equal(i.updated, 1, "its stock goes out as a bound code's");
  assert.deepEqual([v.quantity, v.price], [6, 999]);
});

Deno.test("a product the store lists unreadably, with a code Nebim has and the ledger does not know: neither created over it nor adopted until it can be read", async () => {
  await using h = await syncHarness([CANTA]);
  merchantProducts(h, 1); // a readable product beside it: a page none of whose products can be read is fatal
  storeHasCanta(h);
  // A record the store's own database holds wrongly, as the list then shows it.
  h.variant("8690000000031")!.variant.price = "2222 TL" as unknown as number;
  const r = await h.sync("full");
  assert.deepEqual(saves(h), [], "not created again over the merchant's product");
  assert.deepEqual([r.created, r.actions.adopt, r.held, r.problems], [0, 0, 1, 1]);
  assert.equal(h.product("CNT-2002")!.name, "Merchant Name");
  assert.equal(h.ledger.getBinding("8690000000031"), undefined, "not adopted either");
  h.variant("8690000000031")!.variant.price = 2222;
  const fixed = await h.sync("full");
  assert.deepEqual([fixed.actions.adopt, fixed.created], [1, 0], "readable again: adopted as it stands");
  assert.deepEqual(saves(h), []);
});

Deno.test("a PHP store (numbers as strings, ids too, `message: null`) from the first cycle: the catalogue is created, its stock kept", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  Object.assign(h.sims.qukasoft.quirks, { numbersAsText: true, nullMessages: true });
  const first = await h.sync("full");
  assert.deepEqual([first.created, first.failed, first.problems], [3, 0, 0]);
  addStock(h.data, variantKey("CNT-2002", {}), 5);
  const r = await h.sync();
  assert.deepEqual([r.updated, r.failed, r.problems], [1, 0, 0]);
  assert.equal(h.product("CNT-2002")!.variants[0]!.quantity, 1 + 5);
  const again = await h.sync("full");
  assert.deepEqual([again.created, again.updated, again.problems], [0, 0, 0]);
});

Deno.test("a store that lists its write results last first is read by code: the catalogue is created and kept as with any store", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  h.sims.qukasoft.quirks.reversedAnswers = true;
  const first = await h.sync("full");
  assert.deepEqual([first.created, first.failed, first.problems], [3, 0, 0]);
  addStock(h.data, variantKey("KML-1001", { color: "BEY", size: "M" }), 2);
  addStock(h.data, variantKey("CNT-2002", {}), 5);
  const r = await h.sync();
  assert.deepEqual([r.updated, r.failed, r.problems], [2, 0, 0]);
  assert.equal(h.product("CNT-2002")!.variants[0]!.quantity, 1 + 5);
  assert.deepEqual([(await h.sync("full")).updated], [0]);
});

Deno.test("a save the store applied but whose answer left a product out: it is sent again next cycle, never created twice", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  h.sims.qukasoft.faults.once("partialAnswer", { match: "/product/save" });
  const first = await h.sync("full");
  assert.ok(first.failed > 0, "the left-out product's variants are not known to be written");
  const again = await h.sync();
  assert.deepEqual([again.failed, again.problems], [0, 0]);
  const creations = h.sims.qukasoft.state.creations.products;
  assert.deepEqual([...creations.values()].filter((n) => n > 1), [], "no product created twice");
  assert.deepEqual([(await h.sync("full")).updated, (await h.sync("full")).created], [0, 0]);
});
