/**
 * The items the store refused in a one-shot cycle, with the store's reason. The cycle records them as open
 * `store` problems in the ledger, not in its report (whose problems are Nebim's): without this the screen said
 * only "rejected 3", and showed the refused creates in its table as if they were made.
 * @module
 */

import type { Ledger } from "../ledger/ledger.ts";
import type { Problem } from "../ledger/types.ts";

/** The open `store` problems seen during the newest product run (the cycle just ended). */
export function storeRefusals(ledger: Pick<Ledger, "lastRuns" | "openProblems">): Problem[] {
  const run = ledger.lastRuns(1)[0];
  if (!run) return [];
  return ledger.openProblems({ kind: "store" }).filter((p) => p.lastSeen >= run.startedAt);
}
