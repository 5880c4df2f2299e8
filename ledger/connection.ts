/**
 * Opening the SQLite file with the durability the ledger promises, and its one transaction primitive.
 * @module
 */

import { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../errors.ts";
import { makeOwnerOnly } from "./owner_only.ts";

/** Runs `fn` atomically: all of its writes commit together or none do. */
export type Transaction = <T>(fn: () => T) => T;

/** What each table's queries need: the open file, the transaction, and the clock as ISO text. */
export interface Context {
  db: DatabaseSync;
  transaction: Transaction;
  now: () => string;
}

/**
 * Opens (creating if needed) `path` in WAL mode with `synchronous=FULL` — a commit survives power loss,
 * not only a crash of the process — foreign keys on, and a busy timeout so a second process (the CLI
 * beside the service) waits for the write lock instead of failing at once. The file and its -wal and -shm
 * are owner-only where the OS has modes (ledger/owner_only.ts).
 */
export function openDatabase(path: string, busyTimeoutMs: number): DatabaseSync {
  makeOwnerOnly(path);
  const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
  try {
    // 16 KiB pages (SQLite's default is 4): a full sync's 95,000 binding inserts and their commits cost a
    // quarter to a third less. It takes effect only on a new file, before its first table.
    db.exec("PRAGMA page_size = 16384");
    const mode = db.prepare("PRAGMA journal_mode = WAL").get()?.journal_mode;
    // A network share or an exotic file system can refuse WAL; running without it would break the
    // crash guarantees silently, so refuse to start instead.
    if (mode !== "wal" && path !== ":memory:") {
      throw new IntegrationError(
        "fatal",
        `Ledger ${path}: SQLite refused write-ahead logging (journal_mode is ${String(mode)}); ` +
          `keep the data folder on a local disk`,
        { system: "ledger" },
      );
    }
    // A 4 MiB page cache: 95,000 bindings inserted, then all updated, measured as fast as with 32 MiB (the
    // OS caches the file's pages anyway), and a full sync's peak memory 28 MB lower.
    db.exec("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -4096;");
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function isThenable(x: unknown): boolean {
  return typeof x === "object" && x !== null && typeof (x as { then?: unknown }).then === "function";
}

/**
 * The outermost call is `BEGIN IMMEDIATE … COMMIT` (IMMEDIATE takes the write lock up front, so a busy
 * file fails at BEGIN, before any work, never at COMMIT with half a cycle done). Nested calls are
 * savepoints: an inner failure the caller catches undoes only the inner writes.
 */
export function createTransaction(db: DatabaseSync): Transaction {
  // Prepared rather than exec'd so that a busy error carries SQLite's result code.
  const begin = db.prepare("BEGIN IMMEDIATE");
  const commit = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  let depth = 0;

  function undo(savepoint: string | undefined): void {
    // SQLite may already have rolled back the whole transaction on its own (I/O error, full disk);
    // the original error is the one worth reporting, so a failed undo is not.
    if (!db.isTransaction) return;
    try {
      if (savepoint) db.exec(`ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
      else rollback.run();
    } catch { /* see above */ }
  }

  return function transaction<T>(fn: () => T): T {
    const savepoint = depth > 0 ? `ledger_sp${depth}` : undefined;
    if (savepoint) db.exec(`SAVEPOINT ${savepoint}`);
    else begin.run();
    depth++;
    let result: T;
    try {
      result = fn();
      if (isThenable(result)) {
        // An async body would commit before its awaited writes: refuse rather than lose atomicity.
        throw new TypeError("Ledger transaction bodies must be synchronous; await before, not inside");
      }
    } catch (e) {
      depth--;
      undo(savepoint);
      throw e;
    }
    depth--;
    try {
      if (savepoint) db.exec(`RELEASE ${savepoint}`);
      else commit.run();
    } catch (e) {
      undo(savepoint);
      throw e;
    }
    return result;
  };
}
