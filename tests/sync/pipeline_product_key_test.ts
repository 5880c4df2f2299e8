/**
 * By catalog.groupBy "itemColor", item X colour B-C and item X-b colour C make X-B-C and X-b-C: two codes to
 * look at, one to Nebim's collation and to the store. Read in two batches, the second item is not saved into
 * the first's product while that one's save is still in flight, nor after it: two items, one product code.
 */

import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { openLedger } from "../../ledger/ledger.ts";
import { saveOnlyStore } from "../support/save_store.ts";
import { arrayCatalog } from "../support/array_catalog.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { syncProducts } from "../../sync/products.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";
import { OPTIONS as PLAN } from "../support/plan.ts";

// Batch 1: fillers W…, then X (colour B-C) last; batch 2: X-b (colour C) first.
const FILLERS = Array.from({ length: ITEM_BATCH - 1 }, (_, i) => `W${String(i).padStart(4, "0")}`);
const VARIANTS = [
  ...FILLERS.map((itemCode, i) => nebimVariant({ barcodes: [`F${i}`] }, { itemCode, colorCode: "" })),
  nebimVariant({ barcodes: ["BX"] }, { itemCode: "X", colorCode: "B-C" }),
  nebimVariant({ barcodes: ["BXB"] }, { itemCode: "X-b", colorCode: "C" }),
];

const catalog = arrayCatalog(VARIANTS);

Deno.test("a later batch's item whose product code the store takes for one in flight (X-B-C, X-b-C) is reported, not saved into it", async () => {
  const events: string[] = [];
  const store = saveOnlyStore(async (products) => {
    const mine = products.map((p) => p.productCode).filter((c) => c.toUpperCase() === "X-B-C");
    for (const c of mine) events.push(`start ${c}`);
    await new Promise((resolve) => setImmediate(resolve));
    for (const c of mine) events.push(`done ${c}`);
  });
  const ledger = openLedger(":memory:");
  try {
    const report = await syncProducts({ catalog, store, ledger }, {
      mode: "full",
      mapping: { ...MAPPING, groupBy: "itemColor" },
      plan: PLAN,
    });
    assert.equal(report.created, VARIANTS.length - 1);
    assert.deepEqual(report.problemList.map((p) => [p.subject, p.kind]), [["BXB", "duplicate"]]);
    assert.deepEqual(events, ["start X-B-C", "done X-B-C"]);
  } finally {
    ledger.close();
  }
});
