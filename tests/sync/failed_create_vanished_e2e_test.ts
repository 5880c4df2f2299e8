/**
 * A create that failed (the store answered 5xx past the retries) leaves a provisional binding, dirty, so its
 * item is read again and the create retried. When Nebim then stops selling that code before a create of it
 * ever took, the binding has nothing in the store to zero: it goes, once the ledger knows no send of it may
 * have reached the store. While one may have (a `sending` row names the code) it stays, for the full cycle's
 * exactly-once handling of lost creates (sync/adopt.ts, sync/sends_in_doubt.ts).
 */
import assert from "node:assert/strict";
import { addItem, type ItemSpec } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const items: ItemSpec[] = Array.from({ length: 2 }, (_, i) => ({
  code: `CRP-${i}`,
  name: `Çorap ${i}`,
  cost: 20,
  variants: [{ size: "STD", barcode: `869000000500${i}`, stock: 3 }],
}));
const NEW_ITEM: ItemSpec = {
  code: "CRP-9",
  name: "Çorap 9",
  cost: 20,
  variants: [{ size: "STD", barcode: "8690000005009", stock: 3 }],
};
const CODE = "8690000005009";

/** CRP-9 is added to Nebim and its create fails past the retries (`fault`: applied by the store or not). */
async function failedCreate(h: SyncHarness, fault: "5xx" | "gatewayTimeout"): Promise<void> {
  await h.sync("full");
  addItem(h.data, NEW_ITEM);
  // A 504 is not retried (the store may have applied it); a 5xx is, until the retries run out.
  h.sims.qukasoft.faults.once(fault, { match: "/product/save", times: fault === "5xx" ? 5 : 1 });
  await assert.rejects(h.sync());
  const b = h.ledger.getBinding(CODE);
  assert.ok(b && b.pushed === null && b.dirty, "a provisional binding, to retry");
}

/**
 * The provisional binding is gone, no retry left: once the rows the catalogue wrote fall out of the
 * incremental window, its item is not read again.
 */
async function bindingGone(h: SyncHarness, why: string): Promise<void> {
  assert.equal(h.ledger.getBinding(CODE), undefined, why);
  assert.equal(h.ledger.bindingCounts().dirty, 0);
  h.clock.advance(10 * 60_000);
  await h.sync();
  h.clock.advance(10 * 60_000);
  assert.equal((await h.sync()).itemsRead, 0, "its item is not read again");
}

Deno.test("a failed create whose code Nebim re-codes before it ever took: its provisional binding goes, not retried for ever", async () => {
  await using h = await syncHarness(items);
  await failedCreate(h, "5xx");
  assert.equal(h.variant(CODE), undefined, "not in the store");
  h.data.update("prItemBarcode", (r) => r.Barcode === CODE, { Barcode: "8690000005109" });
  const r = await h.sync("full");
  assert.equal(r.created, 1, "the new code");
  assert.deepEqual(h.ledger.unrecordedSends().ids, [], "the send settled: not in the store");
  await bindingGone(h, "nothing in the store to zero: the binding goes");
});

Deno.test("a failed create whose variant Nebim blocks before it ever took: its provisional binding goes", async () => {
  await using h = await syncHarness(items);
  await failedCreate(h, "5xx");
  h.data.update("cdItem", (r) => r.ItemCode === "CRP-9", { IsBlocked: true });
  await h.sync("full");
  await bindingGone(h, "not sold, nothing in the store: the binding goes");
  assert.equal(h.variant(CODE), undefined, "never created");
});

Deno.test("a failed create the store applied all the same, then re-coded: kept while a send of it is in doubt, zeroed once", async () => {
  await using h = await syncHarness(items);
  await failedCreate(h, "gatewayTimeout");
  assert.equal(h.variant(CODE)!.variant.quantity, 3, "the store applied the save");
  h.data.update("prItemBarcode", (r) => r.Barcode === CODE, { Barcode: "8690000005109" });
  await h.sync();
  assert.ok(h.ledger.unrecordedSends().codes.has(CODE), "still known as sent");
  assert.ok(h.ledger.getBinding(CODE), "an incremental cycle cannot tell: kept");
  const r = await h.sync("full");
  assert.equal(r.zeroed, 1);
  assert.equal(h.variant(CODE)!.variant.quantity, 0, "no longer sold: stock 0");
  assert.equal(h.ledger.getBinding(CODE)?.state, "vanished");
  assert.deepEqual(h.ledger.unrecordedSends().ids, []);
  assert.equal(h.sims.qukasoft.state.creations.products.get("CRP-9"), 1, "created once");
});
