/**
 * Bad Nebim rows, end to end: each is reported per record with its reason, nothing wrong reaches the store,
 * and the rest of the catalogue still syncs.
 */
import assert from "node:assert/strict";
import { addItem, addPriceList, type ItemSpec, oneSizeItem as ok } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

/** The store's products as code → [stock code, quantity, price] of each variant: what a shopper would see. */
function storeView(h: SyncHarness): Record<string, [string, number, number][]> {
  const out: Record<string, [string, number, number][]> = {};
  for (const p of h.sims.qukasoft.state.products.values()) {
    out[p.productCode] = p.variants.map((v) => [v.stockCode, v.quantity, v.price]);
  }
  return out;
}

Deno.test("bad rows are reported one by one, the rest of the catalogue syncs, nothing wrong reaches the store", async () => {
  const items: ItemSpec[] = [
    ok("GOOD-1", "8690000001001"),
    { ...ok("NONAME-1", "8690000001002"), name: null },
    ok("NULLNAME-1", "8690000001009"),
    { ...ok("LONG-1", "8690000001003"), name: "Ç".repeat(300) },
    { ...ok("NEG-1", "8690000001004"), variants: [{ size: "STD", barcode: "8690000001004", stock: -3 }] },
    // A receipt keyed in as a barcode: more than a store's stock column holds.
    { ...ok("HUGE-1", "8690000001011"), variants: [{ size: "STD", barcode: "8690000001011", stock: 3e9 }] },
    { ...ok("DUP-1", "8690000001005") },
    { ...ok("DUP-2", "8690000001005") },
    { ...ok("FREE-1", "8690000001006"), cost: 0 },
    { ...ok("SPACE-1", "8690000001 010") },
    { ...ok("LOWER-1", "8690000001abc") },
    { ...ok("VAT-1", "8690000001007"), tax: "%99" },
    ok("GOOD-2", "8690000001008"),
  ];
  await using h = await syncHarness(items);
  // A description row whose text is NULL, not only a missing row.
  h.data.update("cdItemDesc", (r) => r.ItemCode === "NULLNAME-1", { ItemDescription: null });
  const report = await h.sync("full");
  const problems = h.ledger.openProblems({ limit: 100 });
  const reason = (subject: string) =>
    problems.filter((p) => p.subject === subject).map((p) => p.reason).join(" | ");
  // Each reason names the record: the subject is its stock code, the text its item.
  assert.match(reason("8690000001002"), /no item description in Nebim for NONAME-1/);
  assert.match(reason("8690000001009"), /no item description in Nebim for NULLNAME-1/);
  assert.match(reason("8690000001003"), /name of LONG-1 is 300 characters/);
  assert.match(reason("8690000001004"), /negative stock -3 in Nebim; pushed as 0/);
  assert.match(
    reason("8690000001011"),
    /stock 3000000000 in Nebim is more than the store takes .*; pushed as 0/,
  );
  assert.match(reason("8690000001005"), /used by 2 variants \(DUP-1\/STD, DUP-2\/STD\)/);
  assert.match(reason("8690000001006"), /cost is 0/);
  assert.match(reason("8690000001 010"), /of SPACE-1\/STD has spaces, lowercase/);
  assert.match(reason("8690000001abc"), /of LOWER-1\/STD has spaces, lowercase/);
  assert.match(reason("8690000001007"), /unknown VAT rate.*tax group "%99"/);
  assert.equal(report.problems, problems.length);

  // Only what is right reached the store, and right: 40 TL + 20 % VAT, the stock as in Nebim (the negative
  // and the impossible one as 0); nothing of the held rows, not even a product without variants.
  assert.deepEqual(storeView(h), {
    "GOOD-1": [["8690000001001", 10, 48]],
    "GOOD-2": [["8690000001008", 10, 48]],
    "NEG-1": [["8690000001004", 0, 48]],
    "HUGE-1": [["8690000001011", 0, 48]],
  });

  // Fixing the row in Nebim clears its problem on the next cycle and the product arrives.
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "FREE-1", { Price: 55 });
  await h.sync();
  assert.deepEqual(storeView(h)["FREE-1"], [["8690000001006", 10, 66]]);
  assert.equal(
    h.ledger.openProblems({ limit: 100 }).filter((p) => p.subject === "8690000001006").length,
    0,
  );
});

Deno.test("a price list in another currency holds the price with the reason; stock of a bound variant still flows", async () => {
  await using h = await syncHarness([
    { ...ok("EUR-1", "8690000002001"), cost: null },
    { ...ok("TRY-1", "8690000002002"), cost: null },
    { ...ok("NEW-1", "8690000002003"), cost: null },
  ], { catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } } });
  addPriceList(h.data, "EUR-1", 100);
  addPriceList(h.data, "TRY-1", 100);
  await h.sync("full");
  assert.deepEqual(storeView(h), {
    "EUR-1": [["8690000002001", 10, 120]],
    "TRY-1": [["8690000002002", 10, 120]],
  });

  // A newer list prices EUR-1 in euros, beside its older TRY line; a new item has a euro price only.
  const euro = { DocCurrencyCode: "EUR", ValidDate: "2026-06-01" };
  addPriceList(h.data, "EUR-1", 12.5, euro, { DocCurrencyCode: "EUR" });
  addPriceList(h.data, "NEW-1", 12.5, euro, { DocCurrencyCode: "EUR" });
  h.data.update("trStock", (r) => r.ItemCode === "EUR-1", { In_Qty1: 7 });
  h.data.update("trStock", (r) => r.ItemCode === "TRY-1", { In_Qty1: 4 });
  await h.sync();

  const held = h.ledger.openProblems({ limit: 10 });
  assert.deepEqual(held.map((p) => [p.subject, p.reason]), [
    ["8690000002001", "cost of item EUR-1 is in EUR, not TRY; price held"],
    ["8690000002003", "cost of item NEW-1 is in EUR, not TRY; price held"],
  ]);
  assert.deepEqual(storeView(h), {
    "EUR-1": [["8690000002001", 7, 120]], // its stock flows; its price stays the last TRY one
    "TRY-1": [["8690000002002", 4, 120]],
  }, "no euro amount reaches the store as lira, and no product is made without a price");
});

Deno.test("a barcode shared by variants in different item batches of a full cycle is held on both", async () => {
  const fillers = Array.from(
    { length: 510 },
    (_, i) => ok(`M-${String(i).padStart(4, "0")}`, `86911${String(i).padStart(8, "0")}`),
  );
  await using h = await syncHarness([
    ok("AAA-DUP", "8690000003001"),
    ...fillers,
    ok("ZZZ-DUP", "8690000003001"),
  ]);
  const report = await h.sync("full");
  assert.ok(report.itemsRead > 500, "the two items sit in different batches");
  assert.equal(h.product("AAA-DUP"), undefined);
  assert.equal(h.product("ZZZ-DUP"), undefined);
  assert.ok(h.product("M-0000"));
  const dup = h.ledger.openProblems({ limit: 10 }).filter((p) => p.subject === "8690000003001");
  assert.equal(dup.length, 1);
  assert.equal(dup[0]!.kind, "duplicate");
});

Deno.test("a barcode another item took too stays held when an incremental cycle reads only its bound item", async () => {
  const shirt: ItemSpec = {
    code: "AAA-1",
    name: "Gömlek",
    cost: 100,
    variants: [{ size: "M", barcode: "8690000000100", stock: 3 }],
  };
  await using h = await syncHarness([shirt]);
  await h.sync("full");
  addItem(h.data, {
    ...ok("BBB-1", "8690000000100"),
    variants: [{ size: "L", barcode: "8690000000100", stock: 7 }],
  });
  h.clock.advance(120_000); // past the cycles' 60 s overlap, so the next window no longer holds BBB-1
  await h.sync();
  h.clock.advance(120_000);
  // Only AAA-1 changes: the next incremental cycle reads it alone.
  h.data.update("trStock", (r) => r.ItemCode === "AAA-1", { In_Qty1: 9 });
  const r = await h.sync();
  assert.equal(r.itemsRead, 1);
  assert.notEqual(h.variant("8690000000100")!.variant.quantity, 9, "a duplicate code is not pushed");
  assert.deepEqual(
    h.ledger.openProblems().filter((p) => p.kind === "duplicate").map((p) => p.subject),
    ["8690000000100"],
    "still reported",
  );
});

Deno.test("a price past what kuruş can hold exactly holds that variant's price, not the catalogue; a bound one keeps its stock flowing", async () => {
  // decimal(19,4) holds up to 10^15 TL; from about 9·10^13 TL (a 14-digit number typed into the price) the
  // kuruş are past 2^53. The reader used to throw for the whole batch, which failed every cycle.
  const huge = 100_000_000_000_000;
  await using h = await syncHarness([ok("GOOD-1", "8690000004001"), ok("HUGE-1", "8690000004002")]);
  await h.sync("full");
  h.data.update("prItemBasePrice", (r) => r.ItemCode === "HUGE-1", { Price: huge });
  h.data.update("trStock", (r) => r.ItemCode === "HUGE-1", { In_Qty1: 4 });
  h.data.update("trStock", (r) => r.ItemCode === "GOOD-1", { In_Qty1: 6 });
  h.clock.advance(1000);
  const report = await h.sync();
  const [p] = h.ledger.openProblems({ limit: 10 }).filter((p) => p.subject === "8690000004002");
  assert.match(p!.reason, /Nebim price of item HUGE-1 is out of range: 100000000000000; price held/);
  assert.equal(report.problems, 1);
  const held = h.variant("8690000004002")!.variant;
  assert.equal(held.quantity, 4, "its stock still flows");
  assert.equal(held.price, h.variant("8690000004001")!.variant.price, "its price stays as it was");
  assert.equal(h.variant("8690000004001")!.variant.quantity, 6, "the others sync");
});
