/**
 * Why `sync products --once` ran a full cycle though `--full` was not given (nor a --config change asked for
 * one): a full cycle reads the whole catalogue and lists the store, minutes on a large one, and an operator who
 * asked for an incremental run should not have to guess why.
 * @module
 */

import { WINDOW_UNKNOWN } from "../sync/item_batches.ts";

/**
 * Not asked before anything was synced: every first cycle is full, and says so.
 * @param previous the products bookmark before the cycle
 * @param owed the ledger's owed-full mark before the cycle (sync/products.ts fullOwed; "" when none)
 */
export function fullReason(previous: string, owed: string): string {
  if (owed) return "a settings change stored earlier (a --config file or the running agent's) owes one";
  if (previous === WINDOW_UNKNOWN) {
    return "no change window is known since SQL Server's clock was set back or its database restored";
  }
  return "SQL Server's clock is before the last cycle's";
}
