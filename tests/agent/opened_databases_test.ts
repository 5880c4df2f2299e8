import assert from "node:assert/strict";
import { OPENED_DATABASE, openedDatabases } from "../../agent/opened_databases.ts";
import type { NebimSqlOptions } from "../../nebim/sql/pool.ts";

const SQL: NebimSqlOptions = {
  host: "SQL01",
  port: 1433,
  instanceName: null,
  database: "V3_ACME",
  user: "eticaret_ro",
  password: "Gizli-Parola-1",
  encrypt: false,
  trustServerCertificate: true,
  requestTimeoutMs: 30_000,
};

function bookmarks() {
  const marks = new Map<string, string>();
  let writes = 0;
  return {
    marks,
    writes: () => writes,
    getBookmark: (name: string) => marks.get(name),
    setBookmark: (name: string, value: string) => {
      writes++;
      marks.set(name, value);
    },
  };
}

Deno.test("openedDatabases: the database opened is remembered once, by server, database and login, never the password", () => {
  const ledger = bookmarks();
  const dbs = openedDatabases(ledger);
  assert.equal(dbs.openedBefore(SQL), false);
  dbs.opened(SQL);
  dbs.opened({ ...SQL, password: "Yeni-Parola-2" }); // a new password: the same database and login
  assert.equal(ledger.writes(), 1);
  assert.doesNotMatch(ledger.marks.get(OPENED_DATABASE)!, /Parola/);
  assert.equal(dbs.openedBefore({ ...SQL, host: "sql01", password: "Yeni-Parola-2" }), true);
  for (
    const other of [{ database: "V3_TEST" }, { user: "sa" }, { host: "SQL02" }, { instanceName: "NEBIM" }]
  ) {
    assert.equal(dbs.openedBefore({ ...SQL, ...other }), false, JSON.stringify(other));
  }
});

Deno.test("openedDatabases: a ledger that cannot take the write (closing as the login ends) forgets it, nothing thrown", () => {
  const dbs = openedDatabases({
    getBookmark: () => undefined,
    setBookmark: () => {
      throw new Error("database is not open");
    },
  });
  dbs.opened(SQL);
  assert.equal(dbs.openedBefore(SQL), false);
});
