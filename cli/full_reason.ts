/**
 * Why `sync products --once` ran a full cycle though `--full` was not given (nor a --config change asked for
 * one): a full cycle reads the whole catalogue and lists the store, minutes on a large one, and an operator who
 * asked for an incremental run should not have to guess why.
 * @module
 */

import { WINDOW_UNKNOWN } from "../sync/item_batches.ts";

/**
 * Why the ledger owes a full cycle before one starts, "" when it does not.
 * @param owed the ledger's owed-full mark of a settings change (sync/full_owed.ts fullOwed; "" when none)
 * @param byStore the reason an earlier cycle's store answers owe one (sync/full_owed.ts storeOwed; "" when none)
 */
export function owedReason(owed: string, byStore: string): string {
  return [
    owed ? "a settings change stored earlier (a --config file or the running agent's) owes one" : "",
    byStore ? `an earlier cycle found that ${byStore}` : "",
  ].filter(Boolean).join("; ");
}

/**
 * Not asked before anything was synced: every first cycle is full, and says so.
 * @param previous the products bookmark before the cycle
 * @param owed the ledger's owed-full mark before the cycle (sync/full_owed.ts fullOwed; "" when none)
 * @param byStore the store's owed-full reason before the cycle (sync/full_owed.ts storeOwed; "" when none)
 */
export function fullReason(previous: string, owed: string, byStore = ""): string {
  const why = owedReason(owed, byStore);
  if (why) return why;
  if (previous === WINDOW_UNKNOWN) {
    return "no change window is known since SQL Server's clock was set back or its database restored";
  }
  return "SQL Server's clock is before the last cycle's";
}
