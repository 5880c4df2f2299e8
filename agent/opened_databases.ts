/**
 * The SQL Server database the agent last opened, and with which login, kept in the ledger across restarts.
 * After a reboot the agent's service often starts while SQL Server is still recovering Nebim's database (a
 * large one for minutes), and its logins fail with 4060 as they do for a database name that is wrong: the one
 * this agent opened before with the same settings is recovering (or being restored), a retriable wait that
 * /health shows as degraded, not a fatal failure (nebim/sql/pool.ts openedBefore).
 * @module
 */

import type { Ledger } from "../ledger/ledger.ts";
import type { NebimSqlOptions } from "../nebim/sql/pool.ts";

/** What Connections asks and tells of the databases opened before. */
export interface OpenedDatabases {
  openedBefore(o: NebimSqlOptions): boolean;
  opened(o: NebimSqlOptions): void;
}

/** The ledger's bookmark: the server, database and login as last opened (never the password). */
export const OPENED_DATABASE = "nebim-sql-opened";

function keyOf(o: NebimSqlOptions): string {
  return JSON.stringify([o.host.toLowerCase(), o.instanceName ?? null, o.port, o.database, o.user]);
}

/** Backed by the ledger; remembering is best-effort (a ledger being closed as the login ends forgets it). */
export function openedDatabases(ledger: Pick<Ledger, "getBookmark" | "setBookmark">): OpenedDatabases {
  return {
    openedBefore: (o) => ledger.getBookmark(OPENED_DATABASE) === keyOf(o),
    opened(o) {
      const key = keyOf(o);
      try {
        if (ledger.getBookmark(OPENED_DATABASE) !== key) ledger.setBookmark(OPENED_DATABASE, key);
      } catch {
        // Only the next restart's wait is judged without it: nothing else depends on it.
      }
    },
  };
}
