/**
 * The full cycles owed: one a settings change owes (its version), and one the store's answers in an
 * incremental cycle owe (its reason), each kept as a bookmark until a full cycle that ended well pays it.
 * @module
 */

import { FULL_OWED } from "../ledger/settings.ts";
import type { CycleReport } from "./cycle_report.ts";
import type { SyncLedger } from "./ports.ts";

/** The full cycle a settings change owes (ledger/settings.ts FULL_OWED): its settings version, "" when none. */
export function fullOwed(ledger: Pick<SyncLedger, "getBookmark">): string {
  return ledger.getBookmark(FULL_OWED) ?? "";
}

/**
 * The bookmark of the full cycle an incremental one owes that met stock codes the store lost (deleted or
 * re-coded in its panel) or refused codes the ledger may have wrong: only a full cycle lists the store and
 * creates what it lacks. Its reason, "" once a full cycle that ended well paid it (its `updated_at` says when).
 * In the ledger: the running agent asks for that full cycle in memory, but a `sync products --once` ends first,
 * and an agent may be stopped before it ran.
 */
export const STORE_OWED = "products-full-owed-store";

/** Why the store owes a full cycle ({@link STORE_OWED}), "" when it does not. */
export function storeOwed(ledger: Pick<SyncLedger, "getBookmark">): string {
  return ledger.getBookmark(STORE_OWED) ?? "";
}

/** Why this cycle's findings owe a full one, "" when they do not. */
export function storeOwedReason({ missing, unsure }: CycleReport): string {
  const codes = (n: number) => `${n} stock code${n === 1 ? "" : "s"}`;
  return [
    missing
      ? `the store no longer has ${codes(missing)} the agent pushed (deleted or re-coded in its panel)`
      : "",
    unsure ? `the ledger may have ${codes(unsure)} the store refused wrong` : "",
  ].filter(Boolean).join("; ");
}
