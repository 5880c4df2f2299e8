/**
 * A cycle that fails, in a ledger that then cannot record the failure (disk full, closed): the cycle fails
 * with its own error, which /health and the log show, not the ledger's.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { syncProducts } from "../../sync/products.ts";
import { arrayCatalog } from "../support/array_catalog.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";
import { OPTIONS as PLAN } from "../support/plan.ts";
import { saveOnlyStore } from "../support/save_store.ts";

Deno.test("a failed cycle whose run the ledger cannot finish fails with its own error, not the ledger's", async () => {
  const real = openLedger(":memory:");
  const ledger = {
    ...real,
    finishRun: () => {
      throw new IntegrationError("fatal", "database or disk is full", { system: "ledger" });
    },
  };
  const catalog = arrayCatalog([
    nebimVariant(
      { itemName: "Ürün", colorName: null, barcodes: ["S-1"], costKurus: 10000, onHand: 2 },
      { itemCode: "I1", colorCode: "", itemDim1Code: "" },
    ),
  ]);
  const store = saveOnlyStore(() =>
    Promise.reject(new IntegrationError("retriable", "the store is down", { system: "qukasoft" }))
  );
  try {
    await assert.rejects(
      syncProducts({ catalog, store, ledger }, { mode: "full", mapping: MAPPING, plan: PLAN }),
      (e) => e instanceof IntegrationError && e.kind === "retriable" && /the store is down/.test(e.message),
    );
  } finally {
    real.close();
  }
});
