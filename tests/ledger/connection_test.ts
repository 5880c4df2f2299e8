import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../../errors.ts";
import { createTransaction } from "../../ledger/connection.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { binding, withLedger } from "./temp.ts";

Deno.test("openLedger() sets WAL, synchronous=FULL, foreign keys and the busy timeout (read back)", () =>
  withLedger((ledger, path) => {
    const info = ledger.info();
    assert.equal(info.journalMode, "wal");
    assert.equal(info.synchronous, "full");
    assert.equal(info.foreignKeys, true);
    assert.equal(info.busyTimeoutMs, 5000);
    assert.equal(info.path, path);
    // WAL is a property of the file: another connection sees it too.
    const other = new DatabaseSync(path);
    try {
      assert.equal(other.prepare("PRAGMA journal_mode").get()?.journal_mode, "wal");
    } finally {
      other.close();
    }
  }));

Deno.test("a new ledger file has 16 KiB pages; one made with SQLite's 4 KiB pages opens as it is", () =>
  withLedger((_ledger, path) => {
    const pageSize = (p: string) => {
      const db = new DatabaseSync(p);
      try {
        return db.prepare("PRAGMA page_size").get()?.page_size;
      } finally {
        db.close();
      }
    };
    assert.equal(pageSize(path), 16384);
    const old = `${path}.old`;
    const db = new DatabaseSync(old);
    db.exec("CREATE TABLE t (x)");
    db.close();
    openLedger(old).close();
    assert.equal(pageSize(old), 4096);
  }));

Deno.test("openLedger(':memory:') gives a throwaway ledger for tests", () => {
  const ledger = openLedger(":memory:");
  try {
    assert.equal(ledger.info().journalMode, "memory");
    ledger.setBookmark("products", "x");
    assert.equal(ledger.getBookmark("products"), "x");
  } finally {
    ledger.close();
  }
});

Deno.test("transaction() that throws leaves nothing and rethrows the same error", () =>
  withLedger((ledger) => {
    const boom = new Error("boom");
    assert.throws(
      () =>
        ledger.transaction(() => {
          ledger.upsertBindings([binding("A"), binding("B")]);
          ledger.setBookmark("products", "moved");
          ledger.putSettings({ a: 1 });
          throw boom;
        }),
      (e) => e === boom,
    );
    assert.equal(ledger.bindingCounts().total, 0);
    assert.equal(ledger.getBookmark("products"), undefined);
    assert.equal(ledger.getSettings(), undefined);
  }));

Deno.test("transaction() commits and returns the body's value", () =>
  withLedger((ledger) => {
    const n = ledger.transaction(() => {
      ledger.upsertBindings([binding("A")]);
      ledger.setBookmark("products", "1");
      return 42;
    });
    assert.equal(n, 42);
    assert.equal(ledger.getBookmark("products"), "1");
    assert.ok(ledger.getBinding("A"));
  }));

Deno.test("a nested transaction that fails is undone alone when the outer one catches it", () =>
  withLedger((ledger) => {
    ledger.transaction(() => {
      ledger.setBookmark("outer", "kept");
      assert.throws(() =>
        ledger.transaction(() => {
          ledger.setBookmark("inner", "undone");
          throw new Error("inner");
        }), /inner/);
      ledger.upsertBindings([binding("A")]); // itself a nested transaction
    });
    assert.equal(ledger.getBookmark("outer"), "kept");
    assert.equal(ledger.getBookmark("inner"), undefined);
    assert.ok(ledger.getBinding("A"));
  }));

Deno.test("transaction() refuses an async body and rolls back what it wrote before the first await", () =>
  withLedger(async (ledger) => {
    let promise: Promise<void> | undefined;
    assert.throws(
      () =>
        ledger.transaction(() => {
          ledger.setBookmark("products", "early");
          promise = Promise.resolve();
          return promise;
        }),
      /synchronous/,
    );
    await promise;
    assert.equal(ledger.getBookmark("products"), undefined);
  }));

Deno.test("a second process's write lock held past the busy timeout is a retriable IntegrationError", () =>
  withLedger((ledger, path) => {
    const other = openLedger(path, { busyTimeoutMs: 0 });
    try {
      ledger.transaction(() => {
        ledger.setBookmark("products", "mine");
        assert.throws(
          () => other.setBookmark("products", "theirs"),
          (e) =>
            e instanceof IntegrationError && e.kind === "retriable" && e.system === "ledger" &&
            /locked/.test(e.message),
        );
        assert.throws(
          () => other.transaction(() => 1),
          (e) => e instanceof IntegrationError && e.kind === "retriable",
        );
      });
      // Once the lock is released the same call succeeds.
      other.setBookmark("products", "theirs");
      assert.equal(ledger.getBookmark("products"), "theirs");
    } finally {
      other.close();
    }
  }));

Deno.test("after a transaction that threw, the next one is outermost again: a busy file fails it before its body", () =>
  withLedger((ledger, path) => {
    assert.throws(() =>
      ledger.transaction(() => {
        ledger.setBookmark("a", "1");
        throw new Error("boom");
      }), /boom/);
    const other = openLedger(path, { busyTimeoutMs: 0 });
    try {
      other.transaction(() => {
        other.setBookmark("products", "theirs");
        let ran = false;
        assert.throws(
          () => ledger.transaction(() => (ran = true)),
          (e) => e instanceof IntegrationError && e.kind === "retriable",
        );
        assert.equal(ran, false, "BEGIN IMMEDIATE takes the lock before any work, not a savepoint after it");
      });
    } finally {
      other.close();
    }
  }, { busyTimeoutMs: 0 }));

Deno.test("a COMMIT that fails is rolled back, so the file is not left in a transaction no later call can begin", () => {
  const db = new DatabaseSync(":memory:");
  try {
    // A deferred foreign key fails at COMMIT, as a full disk or an I/O error can.
    db.exec(
      "PRAGMA foreign_keys = ON; CREATE TABLE p (id INTEGER PRIMARY KEY); " +
        "CREATE TABLE c (p INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)",
    );
    const transaction = createTransaction(db);
    assert.throws(() => transaction(() => db.exec("INSERT INTO c VALUES (7)")), /FOREIGN KEY/);
    assert.equal(db.isTransaction, false);
    assert.equal(db.prepare("SELECT count(*) AS n FROM c").get()?.n, 0);
    transaction(() => db.exec("INSERT INTO p VALUES (7); INSERT INTO c VALUES (7)"));
    assert.equal(db.prepare("SELECT count(*) AS n FROM c").get()?.n, 1);
  } finally {
    db.close();
  }
});
