/**
 * A push that fails while the next batch's is in flight (sync/push_queue.ts): the other push's writes are
 * recorded, nothing more is sent, and the cycle fails with the failed push's error, its bookmark unmoved.
 */

import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { saveOnlyStore } from "../support/save_store.ts";
import { arrayCatalog } from "../support/array_catalog.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { BOOKMARK, syncProducts } from "../../sync/products.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";
import { OPTIONS as PLAN } from "../support/plan.ts";

// Three batches of items; the first item of batch n has stock code `S<n>-0`.
const ITEMS = Array.from({ length: 3 * ITEM_BATCH }, (_, i) => `I${String(i).padStart(4, "0")}`);
const codeOf = (i: number) => `S${Math.floor(i / ITEM_BATCH)}-${i % ITEM_BATCH}`;

function catalog() {
  return arrayCatalog(ITEMS.map((itemCode, i) =>
    nebimVariant(
      { itemName: `Ürün ${itemCode}`, colorName: null, barcodes: [codeOf(i)], costKurus: 10000, onHand: 2 },
      { itemCode, colorCode: "", itemDim1Code: "" },
    )
  ));
}

Deno.test("a push that fails beside the next one in flight: the other's writes are recorded, nothing more is sent", async () => {
  const sent: string[] = [];
  const store = saveOnlyStore(async (products) => {
    const first = products[0]!.variants[0]!.stockCode;
    sent.push(first);
    await new Promise((resolve) => setImmediate(resolve)); // the next batch's push starts meanwhile
    if (first === codeOf(0)) {
      throw new IntegrationError("retriable", "the store is down", { system: "qukasoft" });
    }
  });
  const ledger = openLedger(":memory:");
  try {
    await assert.rejects(
      syncProducts({ catalog: catalog(), store, ledger }, { mode: "full", mapping: MAPPING, plan: PLAN }),
      /the store is down/,
    );
    assert.deepEqual(sent, [codeOf(0), codeOf(ITEM_BATCH)], "the third batch was never sent");
    // The second batch's writes, taken beside the failure, are bound; the first's and third's are not.
    assert.ok(ledger.getBinding(codeOf(ITEM_BATCH))?.pushed, "second batch recorded");
    assert.equal(ledger.getBinding(codeOf(0))?.pushed ?? null, null);
    assert.equal(ledger.getBinding(codeOf(2 * ITEM_BATCH)), undefined);
    assert.equal(ledger.getBookmark(BOOKMARK), undefined);
  } finally {
    ledger.close();
  }
});

Deno.test("a read failing after pushes were answered: their deferred records are in the ledger when the cycle fails", async () => {
  // One item a batch. The store answers the second batch a turn later, once the sync waits for the third
  // batch's read (and has run the first's record); that read fails a turn after the answer.
  const turn = () => new Promise((resolve) => setImmediate(resolve));
  let answered!: () => void;
  const secondAnswered = new Promise<void>((resolve) => answered = resolve);
  const store = saveOnlyStore(async (products) => {
    if (products[0]!.variants[0]!.stockCode !== codeOf(1)) return;
    await turn();
    answered();
  });
  const base = catalog();
  const read = async (codes: string[]) => {
    if (!codes.includes(ITEMS[2]!)) return base.readItems(codes, new Date());
    await secondAnswered;
    await turn();
    throw new Error("Nebim went away");
  };
  const ledger = openLedger(":memory:");
  try {
    await assert.rejects(
      syncProducts(
        { catalog: { ...base, readItemRun: read, readItems: read }, store, ledger },
        { mode: "full", mapping: MAPPING, plan: PLAN, itemBatch: 1 },
      ),
      /Nebim went away/,
    );
    for (const i of [0, 1]) assert.ok(ledger.getBinding(codeOf(i))?.pushed, `batch ${i} recorded`);
    assert.deepEqual(ledger.unrecordedSends().ids, [], "no send left as if its answer were lost");
    assert.equal(ledger.getBookmark(BOOKMARK), undefined);
  } finally {
    ledger.close();
  }
});
