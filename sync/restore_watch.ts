/**
 * Nebim's database restored from a backup between two cycles, never seen failing: its rows come back with the
 * LastUpdatedDate they had, before every window from now on, so only a full cycle reads what it undid. SQL
 * Server makes a restored database anew, and says when in sys.databases.create_date (nebim/sql/queries.ts
 * databaseCreatedQuery); the value each cycle found is kept in the ledger, and a new one owes a full cycle.
 * A restore the cycles do see (their logins failing with 4060) owes one as well (sync/products.ts).
 * @module
 */

import type { SyncLedger } from "./ports.ts";

/** The ledger's bookmark: when Nebim's database was made, as the last cycle found it. */
export const DATABASE_CREATED = "nebim-database-created";

/**
 * Keeps `created`; true when the database was made anew since it was last kept. `oweFull` runs first (it
 * marks no window known), so a process gone between the two writes still finds the database new. Nothing is
 * owed for the first value kept (nothing synced yet, or an agent older than this watch), nor for "" (not
 * known).
 */
export function madeAnew(
  ledger: Pick<SyncLedger, "getBookmark" | "setBookmark">,
  created: string | undefined,
  oweFull: () => void,
): boolean {
  if (!created) return false;
  const before = ledger.getBookmark(DATABASE_CREATED);
  if (before === created) return false;
  const anew = before !== undefined;
  if (anew) oweFull();
  ledger.setBookmark(DATABASE_CREATED, created);
  return anew;
}
