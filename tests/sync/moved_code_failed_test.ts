/**
 * A stock code moved to another item in Nebim whose write to the store then failed without failing the cycle
 * (the store's answer left it out): the retry reads the item that holds the code now, not the one it left.
 */

import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import { QUKASOFT_REQUEST_SIZES } from "../../agent/store_writer.ts";
import type { NebimVariant } from "../../nebim/types.ts";
import type { CatalogSource, StoreWriter, WriteOutcome } from "../../sync/ports.ts";
import { syncProducts } from "../../sync/products.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";
import { OPTIONS as PLAN } from "../support/plan.ts";

/** One variant of `itemCode` with stock code (barcode) `code` and `stock` on hand. */
const variant = (itemCode: string, code: string, stock: number) =>
  nebimVariant({ barcodes: [code], onHand: stock, reserved: 0 }, {
    itemCode,
    colorCode: "",
    itemDim1Code: "",
  });

Deno.test("a code moved to another item whose stock update went unanswered is sent again with that item's stock, not zeroed as gone", async () => {
  let now = Date.parse("2026-11-28T10:00:00Z");
  const nebim = { variants: [variant("A", "X", 5), variant("B", "Y", 9)], changed: [] as string[] };
  const catalog: CatalogSource = {
    serverTime: () => Promise.resolve(new Date(now += 1000)),
    changedItemCodes: () => Promise.resolve(nebim.changed),
    async *allItemCodes() {
      yield [...new Set(nebim.variants.map((v: NebimVariant) => v.key.itemCode))].sort();
    },
    readItems: (codes) => Promise.resolve(nebim.variants.filter((v) => codes.includes(v.key.itemCode))),
    readItemRun: (codes) => Promise.resolve(nebim.variants.filter((v) => codes.includes(v.key.itemCode))),
    sharedBarcodes: () => Promise.resolve(new Set()),
    templateCodeVariants: () => Promise.resolve([]),
  };
  const stock = new Map<string, number>(); // the store's
  let unanswered: string | undefined;
  const store: StoreWriter = {
    requestSizes: QUKASOFT_REQUEST_SIZES,
    saveProducts: (products) =>
      Promise.resolve(products.flatMap((p) =>
        p.variants.map((v): WriteOutcome => {
          if ("quantity" in v) stock.set(v.stockCode, v.quantity as number);
          return { stockCode: v.stockCode, status: "ok", productId: 1 };
        })
      )),
    updateStockPrice: (items) =>
      Promise.resolve(items.map((i): WriteOutcome => {
        if (i.stockCode === unanswered) {
          return {
            stockCode: i.stockCode,
            status: "failed",
            message: "no result from the store",
            unclear: true,
          };
        }
        if (i.quantity !== undefined) stock.set(i.stockCode, i.quantity);
        return { stockCode: i.stockCode, status: "ok" };
      })),
    listVariants: () => Promise.resolve([]),
  };
  const ledger = openLedger(":memory:");
  try {
    for (const cache of [{}, undefined]) { // the running agent's kept bindings, and a restart's
      const sync = (mode: "full" | "incremental") =>
        syncProducts({ catalog, store, ledger, cache }, { mode, mapping: MAPPING, plan: PLAN });
      nebim.variants = [variant("A", "X", 5), variant("B", "Y", 9)];
      nebim.changed = [];
      await sync("full");
      assert.equal(stock.get("X"), 5);
      // Nebim moves barcode X from item A to item B; the store leaves X out of its answer.
      nebim.variants = [variant("A", "Z", 5), variant("B", "X", 9)];
      nebim.changed = ["A", "B"];
      unanswered = "X";
      assert.equal((await sync("incremental")).failed, 1, "a partial cycle: its bookmark moves");
      nebim.changed = [];
      unanswered = undefined;
      await sync("incremental");
      assert.equal(stock.get("X"), 9, "item B's stock, not 0");
      assert.equal(ledger.getBinding("X")!.key.itemCode, "B");
      assert.deepEqual(ledger.dirtyItemCodes(), []);
    }
  } finally {
    ledger.close();
  }
});
