import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../../errors.ts";
import { toLedgerError } from "../../ledger/sqlite_error.ts";

/** A real node:sqlite error of the given extended result code (errcode) and message. */
function sqliteError(message: string, errcode?: number): Error {
  const e = new Error(message) as Error & { code: string; errcode?: number };
  e.code = "ERR_SQLITE_ERROR";
  if (errcode !== undefined) e.errcode = errcode;
  return e;
}

Deno.test("toLedgerError() classifies by SQLite result code, then by message", async (t) => {
  const cases: [string, Error, "retriable" | "fatal", RegExp][] = [
    ["SQLITE_BUSY", sqliteError("database is locked", 5), "retriable", /try again/],
    ["SQLITE_BUSY_SNAPSHOT (extended)", sqliteError("database is locked", 517), "retriable", /try again/],
    ["SQLITE_LOCKED", sqliteError("database table is locked", 6), "retriable", /try again/],
    ["busy from exec (no errcode)", sqliteError("database is locked"), "retriable", /try again/],
    ["SQLITE_CORRUPT", sqliteError("database disk image is malformed", 11), "fatal", /restore it/],
    ["corrupt from exec", sqliteError("database disk image is malformed"), "fatal", /restore it/],
    ["SQLITE_IOERR_FSYNC", sqliteError("disk I/O error", 1034), "fatal", /I\/O error/],
    ["SQLITE_FULL", sqliteError("database or disk is full", 13), "fatal", /disk is full/],
    ["SQLITE_NOTADB", sqliteError("file is not a database", 26), "fatal", /not a ledger/],
    ["SQLITE_CONSTRAINT_UNIQUE", sqliteError("UNIQUE constraint failed: x", 2067), "fatal", /bug/],
    ["syntax error", sqliteError('near "SELEC": syntax error'), "fatal", /syntax error/],
  ];
  for (const [name, error, kind, message] of cases) {
    await t.step(name, () => {
      const out = toLedgerError(error, "setBookmark", "/data/ledger.sqlite");
      assert.ok(out instanceof IntegrationError);
      assert.equal(out.kind, kind);
      assert.equal(out.system, "ledger");
      assert.equal(out.cause, error);
      assert.match(out.message, /^Ledger \/data\/ledger\.sqlite: setBookmark failed: /);
      assert.match(out.message, message);
    });
  }
});

Deno.test("toLedgerError() passes a caller's own error and an IntegrationError through unchanged", () => {
  const own = new Error("boom");
  assert.equal(toLedgerError(own, "transaction", "p"), own);
  const ie = new IntegrationError("skippable", "bad", { system: "ledger" });
  assert.equal(toLedgerError(ie, "upsertBindings", "p"), ie);
});

Deno.test("toLedgerError() understands errors node:sqlite really throws", () => {
  const db = new DatabaseSync(":memory:");
  try {
    db.exec("CREATE TABLE t (a TEXT UNIQUE); INSERT INTO t VALUES ('x')");
    let thrown: unknown;
    try {
      db.prepare("INSERT INTO t VALUES ('x')").run();
    } catch (e) {
      thrown = e;
    }
    const out = toLedgerError(thrown, "upsertBindings", ":memory:");
    assert.ok(out instanceof IntegrationError && out.kind === "fatal" && /UNIQUE/.test(out.message));
  } finally {
    db.close();
  }
});
