/**
 * The ledger as an older agent left it, for upgrade tests: its pushed fields without one the agent keeps now.
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import type { SyncHarness } from "./sync_harness.ts";

/** Removes `field` from every binding's pushed fields; the next cycle plans from the ledger, as after a start. */
export function olderLedger(h: SyncHarness, field: "vatRate" | "barcode" | "label"): void {
  const db = new DatabaseSync(`${h.dataDir}/ledger.sqlite`);
  try {
    db.prepare("UPDATE bindings SET pushed_fields = json_remove(pushed_fields, ?)").run(`$.${field}`);
  } finally {
    db.close();
  }
  h.forget();
}
