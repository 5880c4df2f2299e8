/**
 * node:sqlite failures → IntegrationError (system "ledger"). A busy or locked file is retriable (another
 * process holds the write lock longer than the busy timeout); anything else — corruption, disk I/O, a
 * full disk, a file that is not a database, a closed ledger, a constraint broken by a bug — needs a person.
 * @module
 */

import { IntegrationError } from "../errors.ts";

// SQLite primary result codes (the low byte of an extended code).
const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_CONSTRAINT = 19;
const SQLITE_NOTADB = 26;

const HINTS: Record<number, string> = {
  [SQLITE_READONLY]: "the data folder is read-only for the agent",
  [SQLITE_IOERR]: "the disk reported an I/O error",
  [SQLITE_CORRUPT]: "the ledger file is damaged; restore it from a backup",
  [SQLITE_FULL]: "the disk is full",
  [SQLITE_CANTOPEN]: "the file cannot be opened; check the data folder and its permissions",
  [SQLITE_CONSTRAINT]: "a ledger rule was broken (a bug in the caller)",
  [SQLITE_NOTADB]: "the file is not a ledger (not an SQLite database)",
};

interface NodeSqliteError {
  code: string;
  message: string;
  /** Extended result code; node:sqlite sets it for prepared statements, not for `exec`. */
  errcode?: number;
}

function isNodeSqliteError(e: unknown): e is NodeSqliteError {
  if (!(e instanceof Error) || !("code" in e)) return false;
  return e.code === "ERR_SQLITE_ERROR" || e.code === "ERR_INVALID_STATE";
}

/** The primary result code, from `errcode` or, for `exec` errors that lack it, from the message. */
function primaryCode(e: NodeSqliteError): number | undefined {
  if (typeof e.errcode === "number") return e.errcode & 0xff;
  const m = e.message;
  if (/database is locked/i.test(m)) return SQLITE_BUSY;
  if (/table is locked/i.test(m)) return SQLITE_LOCKED;
  if (/malformed|corrupt/i.test(m)) return SQLITE_CORRUPT;
  if (/not a database/i.test(m)) return SQLITE_NOTADB;
  if (/disk I\/O error/i.test(m)) return SQLITE_IOERR;
  if (/database or disk is full/i.test(m)) return SQLITE_FULL;
  if (/unable to open database/i.test(m)) return SQLITE_CANTOPEN;
  if (/readonly database/i.test(m)) return SQLITE_READONLY;
  if (/constraint failed/i.test(m)) return SQLITE_CONSTRAINT;
  return undefined;
}

/**
 * The error to throw for `error`, raised by operation `doing` on the ledger at `path`: node:sqlite errors
 * become IntegrationError; IntegrationErrors and anything else (a caller's own error inside a
 * transaction) pass through unchanged.
 */
export function toLedgerError(error: unknown, doing: string, path: string): unknown {
  if (!isNodeSqliteError(error)) return error;
  if (error.code === "ERR_INVALID_STATE") {
    return new IntegrationError("fatal", `Ledger ${path}: ${doing} failed: the ledger is closed`, {
      system: "ledger",
      cause: error,
    });
  }
  const code = primaryCode(error);
  const retriable = code === SQLITE_BUSY || code === SQLITE_LOCKED;
  const hint = retriable
    ? "another process holds the ledger's write lock; try again"
    : code === undefined
    ? undefined
    : HINTS[code];
  return new IntegrationError(
    retriable ? "retriable" : "fatal",
    `Ledger ${path}: ${doing} failed: ${error.message}${hint ? ` (${hint})` : ""}`,
    { system: "ledger", cause: error },
  );
}

/** A lazy commit's flush to disk that failed (ledger/durability.ts): what it had not written may be lost. */
export function flushError(error: unknown, path: string): IntegrationError {
  const message = error instanceof Error ? error.message : String(error);
  return new IntegrationError(
    "fatal",
    `Ledger ${path}: flushing its log to disk failed: ${message} (the disk reported an I/O error; what the ` +
      `agent sent is checked against the store by the next full cycle)`,
    { system: "ledger", cause: error },
  );
}
