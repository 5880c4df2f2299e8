/**
 * One request of a batch's push fails past its retries, end to end: the cycle fails with that request's kind
 * and the bookmark stays, but what the batch's other requests wrote is recorded, so the next cycle sends only
 * what was not.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { addItem, plainItems } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

/** The product codes of each product/save request logged since `from`. */
function savedProducts(h: Awaited<ReturnType<typeof syncHarness>>, from = 0): string[][] {
  return h.sims.qukasoft.log.entries("/product/save").slice(from).map((e) =>
    (e.input as { products: { productCode: string }[] }).products.map((p) => p.productCode)
  );
}

Deno.test("a lost product/save among a batch's requests: the others' products are recorded; the next cycle sends only the lost ones, created once", async () => {
  await using h = await syncHarness(plainItems(3, "OLD-", "86900005", 1));
  await h.sync("full");
  const before = h.ledger.getBookmark("products");
  const items = plainItems(150, "NEW-", "86900006", 2); // one batch, two product/save requests
  for (const item of items) addItem(h.data, item);
  // The request carrying NEW-7 is applied by the store, but its answer is lost: not sent again in the call.
  h.sims.qukasoft.faults.once("drop", { match: "/product/save", carrying: '"NEW-7"' });
  const from = h.sims.qukasoft.log.entries("/product/save").length;
  await assert.rejects(h.sync(), (e) => e instanceof IntegrationError && e.kind === "retriable");
  const requests = savedProducts(h, from);
  assert.equal(requests.length, 2);
  const lost = requests.find((r) => r.includes("NEW-7"))!;
  const answered = requests.find((r) => !r.includes("NEW-7"))!;
  assert.ok(lost.length > 0 && answered.length > 0);
  assert.equal(h.sims.qukasoft.state.products.size, 3 + 150, "the store applied both");

  assert.equal(h.ledger.getBookmark("products"), before, "the bookmark did not move");
  const bound = h.ledger.bindings();
  const pushed = (product: string) => [...bound.values()].some((b) => b.productCode === product && b.pushed);
  assert.deepEqual(answered.filter((p) => !pushed(p)), [], "the answered request's products are recorded");
  assert.deepEqual(lost.filter(pushed), [], "the lost request's are not");
  const run = h.ledger.lastRuns(1)[0]!;
  assert.equal(run.outcome, "failed");
  assert.equal(run.counts.created, answered.length, "reported as created");
  assert.equal(run.counts.failed, lost.length);
  const sending = h.ledger.unrecordedSends().codes;
  assert.equal(sending.size, 150, "the send's row is kept while a code of it is not known to be written");

  const r = await h.sync();
  assert.deepEqual(savedProducts(h, from + 2).flat().sort(), [...lost].sort(), "only the lost ones again");
  assert.equal(r.created, lost.length);
  assert.equal(r.failed, 0);
  assert.notEqual(h.ledger.getBookmark("products"), before);
  for (const p of [...lost, ...answered]) {
    assert.equal(h.sims.qukasoft.state.creations.products.get(p), 1, `${p} created once`);
  }
  const full = await h.sync("full");
  assert.equal(full.requests, 0, "nothing left to send");
  assert.deepEqual(h.ledger.unrecordedSends().ids, [], "settled by the full cycle");
});

/** The stock codes of each stockPrice request logged since `from`. */
function stockPriced(h: Awaited<ReturnType<typeof syncHarness>>, from = 0): string[][] {
  return h.sims.qukasoft.log.entries("/product/stockPrice").slice(from).map((e) =>
    (e.input as { items: { stockCode: string }[] }).items.map((i) => i.stockCode)
  );
}

Deno.test("a stock update refused among a batch's requests: the others are recorded, the refused codes stay dirty", async () => {
  // Two items of 300 sizes each: 600 stock codes in one batch, two stockPrice requests (500 at most each).
  const items = [0, 1].map((i) => ({
    code: `MNY-${i}`,
    cost: 100,
    variants: Array.from({ length: 300 }, (_, j) => ({
      size: `S${j}`,
      barcode: `8690000${i}${String(j).padStart(5, "0")}`,
      stock: 1,
    })),
  }));
  await using h = await syncHarness(items);
  await h.sync("full");
  const before = h.ledger.getBookmark("products");
  h.data.update("trStock", (row) => String(row.ItemCode).startsWith("MNY-"), { In_Qty1: 5 });
  const from = h.sims.qukasoft.log.entries("/product/stockPrice").length;
  h.sims.qukasoft.faults.once("error", { match: "/product/stockPrice", carrying: '"8690000000007"' });
  await assert.rejects(h.sync(), (e) => e instanceof IntegrationError && e.kind === "fatal");
  const requests = stockPriced(h, from);
  assert.equal(requests.length, 2);
  const refused = requests.find((r) => r.includes("8690000000007"))!;
  const answered = requests.find((r) => !r.includes("8690000000007"))!;
  assert.equal(h.ledger.getBookmark("products"), before, "the bookmark did not move");
  const bound = h.ledger.bindings();
  assert.deepEqual(answered.filter((c) => bound.get(c)!.pushed!.quantity !== 5), [], "recorded");
  assert.deepEqual(refused.filter((c) => bound.get(c)!.pushed!.quantity !== 1), [], "not written");
  assert.deepEqual(h.ledger.dirtyStockCodes().sort(), [...refused].sort(), "left to push again");

  await h.sync();
  assert.deepEqual(
    stockPriced(h, from + 2).flat().sort(),
    [...refused].sort(),
    "only the refused ones again",
  );
  assert.equal(h.variant("8690000000007")!.variant.quantity, 5);
  assert.deepEqual(h.ledger.dirtyStockCodes(), []);
});
