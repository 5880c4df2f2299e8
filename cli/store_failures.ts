/**
 * The items whose write failed in a one-shot cycle (no answer for them, or one the contract does not name),
 * with the reason. The cycle leaves them dirty in the ledger, to be sent again; without this the screen said
 * only "failed 2", and the operator could not tell which items, or why, to watch the next cycle take them.
 * @module
 */

import type { Ledger } from "../ledger/ledger.ts";

/** A failed item, shaped as a problem row (its kind `failed`) for the screen and the --csv file. */
export interface StoreFailure {
  subject: string;
  kind: "failed";
  reason: string;
}

/** The dirty bindings the newest product run (the cycle just ended) left dirty, with their reasons. */
export function storeFailures(
  ledger: Pick<Ledger, "lastRuns" | "dirtyStockCodes" | "getBinding">,
): StoreFailure[] {
  const run = ledger.lastRuns(1)[0];
  if (!run) return [];
  const failed: StoreFailure[] = [];
  for (const code of ledger.dirtyStockCodes()) {
    const b = ledger.getBinding(code);
    if (!b || b.updatedAt < run.startedAt) continue;
    failed.push({ subject: code, kind: "failed", reason: b.reason ?? "write failed" });
  }
  return failed;
}
