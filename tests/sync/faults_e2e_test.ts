/**
 * Faults in the middle of a cycle, end to end: a retried store error is invisible; a failure that outlasts
 * the retries fails the cycle without moving the bookmark, and the next cycle converges.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { addItem, type ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const items: ItemSpec[] = Array.from({ length: 5 }, (_, i) => ({
  code: `CRP-${i}`,
  name: `Çorap ${i}`,
  cost: 20,
  variants: [{ size: "STD", barcode: `869000000400${i}`, stock: 3 }],
}));

Deno.test("a 503 and a 429 from the store are retried inside the cycle", async () => {
  await using h = await syncHarness(items);
  h.sims.qukasoft.faults.once("5xx", { match: "/product/save" }).once("429", {
    match: "/product/save",
    detail: "2",
  });
  const r = await h.sync("full");
  assert.equal(r.created, 5);
  const saves = h.sims.qukasoft.log.entries("/product/save");
  assert.deepEqual(saves.map((e) => e.status), [503, 429, 200]);
});

Deno.test("SQL Server dropping the connection mid-cycle fails it as retriable; the bookmark stays; the next cycle converges", async () => {
  await using h = await syncHarness(items);
  await h.sync("full");
  const before = h.ledger.getBookmark("products");
  h.data.update("trStock", (r) => r.ItemCode === "CRP-1", { In_Qty1: 8 });
  h.sims.sqlFaults.once("drop", { match: "nebim:onHand" });
  await assert.rejects(h.sync(), (e) => e instanceof IntegrationError && e.kind === "retriable");
  assert.equal(h.ledger.getBookmark("products"), before, "the bookmark did not move");
  assert.equal(h.variant("8690000004001")!.variant.quantity, 3);
  await h.sync();
  assert.equal(h.variant("8690000004001")!.variant.quantity, 8);
  assert.equal(h.ledger.lastRuns(2)[1]!.outcome, "failed");
});

Deno.test("a deadlock victim (1205) chosen while reading stock fails the cycle as retriable; the rows read before it are not taken for the stock", async () => {
  await using h = await syncHarness(items);
  await h.sync("full");
  const before = h.ledger.getBookmark("products");
  h.data.update("trStock", (r) => String(r.ItemCode).startsWith("CRP-"), { In_Qty1: 8 });
  h.sims.sqlFaults.once("error", {
    match: "nebim:onHand",
    detail:
      "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been " +
      "chosen as the deadlock victim. Rerun the transaction.",
    sql: { number: 1205, state: 51, severity: 13, afterRows: true },
  });
  await assert.rejects(h.sync(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "retriable");
    assert.match(e.message, /deadlock victim.*\(EREQUEST #1205\)$/);
    return true;
  });
  assert.equal(h.ledger.getBookmark("products"), before, "the bookmark did not move");
  for (let i = 0; i < 5; i++) {
    assert.equal(h.variant(`869000000400${i}`)!.variant.quantity, 3, "nothing pushed");
  }
  await h.sync();
  for (let i = 0; i < 5; i++) assert.equal(h.variant(`869000000400${i}`)!.variant.quantity, 8);
});

Deno.test("a store that keeps failing past the retries fails the cycle; nothing is recorded as pushed", async () => {
  await using h = await syncHarness(items);
  h.sims.qukasoft.faults.once("5xx", { match: "/product/save", times: 5 });
  await assert.rejects(h.sync("full"), (e) => e instanceof IntegrationError && e.kind === "retriable");
  assert.equal(h.ledger.getBookmark("products"), undefined);
  assert.equal(h.sims.qukasoft.state.products.size, 0);
  const r = await h.sync("full");
  assert.equal(r.created, 5);
});

/**
 * The agent is stopped right after the store applied a full cycle's product/save (a crash, a stop or a dropped
 * answer is the same): nothing is recorded. Then the merchant changes a created variant's barcode in Nebim.
 */
async function loseCreateThenRecode(h: SyncHarness) {
  const stop = new AbortController();
  h.sims.qukasoft.log.onRequest = (e) => {
    if (e.name.endsWith("/product/save")) stop.abort(new Error("the agent was stopped"));
  };
  await assert.rejects(h.sync("full", false, stop.signal));
  h.sims.qukasoft.log.onRequest = undefined;
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000004001", { Barcode: "8690000004101" });
}

Deno.test("a create whose answer was lost, then the code leaves Nebim: the next full cycle zeroes it in the store", async () => {
  // Found by tests/sync/convergence_e2e_test.ts. The agent is stopped right after the store applied its
  // product/save (a crash, a stop or a dropped answer is the same): nothing is recorded. Before the next cycle
  // the merchant changes the variant's barcode in Nebim. The old code, created by the agent, was taken for the
  // merchant's own ("store products Nebim has no code for are left alone") and sold its old stock for ever.
  await using h = await syncHarness(items);
  await loseCreateThenRecode(h);
  assert.equal(h.variant("8690000004001")!.variant.quantity, 3, "the store applied the save");
  assert.ok(h.ledger.unrecordedSends().codes.has("8690000004001"), "known as sent");
  // A full cycle that fails before its zero is recorded keeps the ledger's record of the send.
  h.sims.qukasoft.faults.once("5xx", { match: "/product/stockPrice", times: 5 });
  await assert.rejects(h.sync("full"));
  assert.equal(h.variant("8690000004001")!.variant.quantity, 3);
  assert.ok(h.ledger.unrecordedSends().codes.has("8690000004001"), "still known as sent");
  const r = await h.sync("full");
  assert.equal(r.zeroed, 1);
  assert.deepEqual(h.ledger.unrecordedSends().ids, [], "dealt with: cleared");
  assert.equal(h.variant("8690000004001")!.variant.quantity, 0, "no longer sold: stock 0");
  assert.equal(h.variant("8690000004101")!.variant.quantity, 3);
  assert.deepEqual(h.sims.qukasoft.state.creations.products.get("CRP-1"), 1, "created once");
});

Deno.test("a lost create in a product the store lists unreadably stays known as sent until a full cycle reads it", async () => {
  await using h = await syncHarness(items);
  await loseCreateThenRecode(h);
  const stored = h.variant("8690000004001")!.variant;
  stored.price = "" as unknown as number; // a value the store's own database holds wrongly
  const r = await h.sync("full");
  assert.equal(r.problems, 1, "reported");
  assert.ok(h.ledger.unrecordedSends().codes.has("8690000004001"), "still known as sent");
  stored.price = 40;
  assert.equal((await h.sync("full")).zeroed, 1);
  assert.equal(stored.quantity, 0, "no longer sold: stock 0");
  assert.deepEqual(h.ledger.unrecordedSends().ids, []);
});

Deno.test("a product the store refuses every cycle keeps no other send's code known as sent: a merchant's later product under it is left alone", async () => {
  await using h = await syncHarness(items);
  h.sims.qukasoft.state.refuse("8690000004004", "missing category"); // refused at every full cycle
  await h.sync("full");
  addItem(h.data, {
    code: "CRP-5",
    name: "Çorap 5",
    cost: 20,
    variants: [{ size: "STD", barcode: "8690000004005", stock: 3 }],
  });
  // Its product/save fails past the retries, not applied; the agent cannot know that: known as sent.
  h.sims.qukasoft.faults.once("5xx", { match: "/product/save", times: 5 });
  await assert.rejects(h.sync());
  assert.ok(h.ledger.unrecordedSends().codes.has("8690000004005"), "known as sent");
  assert.equal(h.variant("8690000004005"), undefined, "not in the store");
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000004005", { Barcode: "8690000004105" });
  const r = await h.sync("full");
  assert.equal(r.rejected, 1, "CRP-4 refused again");
  assert.deepEqual(h.ledger.unrecordedSends().ids, [], "neither in the store nor in Nebim: dealt with");
  // The merchant then sells a product of their own under the code Nebim no longer uses.
  h.sims.qukasoft.state.createProduct({
    productCode: "OWN-5",
    name: "Own",
    active: true,
    vatRate: 20,
    variants: [{
      stockCode: "8690000004005",
      barcode: "",
      name1: "",
      value1: "",
      name2: "",
      value2: "",
      quantity: 7,
      price: 10,
      marketplacePrice: 10,
    }],
  });
  await h.sync("full");
  assert.equal(h.variant("8690000004005")!.variant.quantity, 7, "the merchant's stock, not zeroed");
});
