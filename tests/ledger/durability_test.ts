/**
 * Lazy commits (ledger/durability.ts): written under synchronous=NORMAL, flushed by `durable()` off the
 * JavaScript thread, and flushed on close; every other write stays synchronous=FULL.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { IntegrationError } from "../../errors.ts";
import { createTransaction } from "../../ledger/connection.ts";
import { createDurability, type FileFlush } from "../../ledger/durability.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { withLedger, withTempPath } from "./temp.ts";

/** Flushes counted by path; `hold` keeps each async flush pending until `release()`. */
function countingFlush(options: { hold?: boolean; fail?: (path: string) => Error | undefined } = {}) {
  const flushed: string[] = [];
  const flushedSync: string[] = [];
  const pending: (() => void)[] = [];
  const files: FileFlush = {
    flush(path) {
      const error = options.fail?.(path);
      if (error) return Promise.reject(error);
      flushed.push(path);
      return options.hold ? new Promise<void>((resolve) => pending.push(resolve)) : Promise.resolve();
    },
    flushSync(path) {
      const error = options.fail?.(path);
      if (error) throw error;
      flushedSync.push(path);
    },
  };
  const release = () => pending.splice(0).forEach((resolve) => resolve());
  return { files, flushed, flushedSync, release };
}

function synchronous(db: DatabaseSync): number {
  return Number(db.prepare("PRAGMA synchronous").get()?.synchronous);
}

Deno.test("a lazy commit is written under synchronous=NORMAL and leaves the connection FULL, also when it throws", () =>
  withTempPath((path) => {
    const db = new DatabaseSync(path);
    try {
      db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE t (x)");
      const durability = createDurability(db, createTransaction(db), path, countingFlush().files);
      const seen = durability.lazy(() => {
        db.exec("INSERT INTO t VALUES (1)");
        return synchronous(db);
      });
      assert.equal(seen, 1, "NORMAL inside the lazy commit");
      assert.equal(synchronous(db), 2, "FULL after it");
      assert.throws(() =>
        durability.lazy(() => {
          db.exec("INSERT INTO t VALUES (2)");
          throw new Error("boom");
        }), /boom/);
      assert.equal(synchronous(db), 2, "FULL after a failed one");
      assert.equal(
        Number(db.prepare("SELECT count(*) AS n FROM t").get()?.n),
        1,
        "the failed one rolled back",
      );
    } finally {
      db.close();
    }
  }));

Deno.test("durable() flushes the write-ahead log after a send row or an answer, and nothing after a FULL write", async () => {
  const flush = countingFlush();
  await withLedger(async (ledger, path) => {
    ledger.setBookmark("products", "2026-11-28T00:00:00.000Z");
    await ledger.durable();
    assert.deepEqual(flush.flushed, [], "a bookmark is on disk when it returns");
    const id = ledger.recordSending([["C1", "KML-1001"]]);
    await ledger.durable();
    assert.deepEqual(flush.flushed, [`${path}-wal`]);
    await ledger.durable();
    assert.equal(flush.flushed.length, 1, "nothing new to flush");
    ledger.recordWrites([], [], { id, createsSettled: true });
    await ledger.durable();
    assert.equal(flush.flushed.length, 2, "the answer's commit was lazy too");
  }, { files: flush.files });
});

Deno.test("durable() calls made together share one flush; a commit made during it waits for the next", async () => {
  const flush = countingFlush({ hold: true });
  await withLedger(async (ledger) => {
    ledger.recordSending([["C1", "KML-1001"]]);
    let firstDone = false;
    const first = ledger.durable().then(() => firstDone = true);
    const second = ledger.durable();
    await Promise.resolve();
    assert.equal(flush.flushed.length, 1, "one flush for both");
    ledger.recordSending([["C2", "KML-1002"]]); // while the flush runs: it may not cover this row
    let thirdDone = false;
    const third = ledger.durable().then(() => thirdDone = true);
    flush.release();
    await Promise.all([first, second]);
    assert.equal(firstDone, true);
    await Promise.resolve();
    assert.equal(thirdDone, false, "the row written during the first flush waits for a second one");
    assert.equal(flush.flushed.length, 2);
    flush.release();
    await third;
    assert.equal(thirdDone, true);
  }, { files: flush.files });
});

Deno.test("a failed flush rejects durable() as a fatal ledger error, and the next durable() asks the disk again", async () => {
  let failing = true;
  const flush = countingFlush({
    fail: () => failing ? new Error("Input/output error (os error 5)") : undefined,
  });
  await withLedger(async (ledger, path) => {
    ledger.recordSending([["C1", "KML-1001"]]);
    await assert.rejects(
      ledger.durable(),
      (e) =>
        e instanceof IntegrationError && e.kind === "fatal" && e.system === "ledger" &&
        e.message.includes(path) && e.message.includes("Input/output error"),
    );
    failing = false;
    await ledger.durable();
    assert.deepEqual(flush.flushed, [`${path}-wal`]);
  }, { files: flush.files });
});

Deno.test("a write-ahead log that is gone (checkpointed and removed) is covered by flushing the database file", async () => {
  const flush = countingFlush({ fail: (p) => p.endsWith("-wal") ? new Deno.errors.NotFound(p) : undefined });
  await withLedger(async (ledger, path) => {
    ledger.recordSending([["C1", "KML-1001"]]);
    await ledger.durable();
    assert.deepEqual(flush.flushed, [path]);
  }, { files: flush.files });
});

Deno.test("close() flushes lazy commits not yet flushed, blocking, and nothing when all were", () =>
  withTempPath(async (path) => {
    const flush = countingFlush();
    const ledger = openLedger(path, { files: flush.files });
    ledger.recordSending([["C1", "KML-1001"]]);
    await ledger.durable();
    ledger.recordSending([["C2", "KML-1002"]]);
    ledger.close();
    assert.deepEqual(flush.flushedSync, [`${path}-wal`]);
    const again = openLedger(path, { files: flush.files });
    again.close();
    assert.equal(flush.flushedSync.length, 1, "nothing lazy in the second one");
  }));

Deno.test("on a real disk: a send row flushed by durable() is in the file a new connection opens", () =>
  withTempPath(async (path) => {
    const ledger = openLedger(path);
    try {
      ledger.recordSending([["C1", "KML-1001"]]);
      await ledger.durable();
      const other = openLedger(path);
      try {
        assert.deepEqual([...other.unrecordedSends().codes], [["C1", "KML-1001"]]);
      } finally {
        other.close();
      }
    } finally {
      ledger.close();
    }
  }));

Deno.test("an in-memory ledger has nothing to flush", async () => {
  const flush = countingFlush();
  const ledger = openLedger(":memory:", { files: flush.files });
  try {
    ledger.recordSending([["C1", "KML-1001"]]);
    await ledger.durable();
    ledger.close();
    assert.deepEqual([flush.flushed, flush.flushedSync], [[], []]);
  } finally {
    ledger.close();
  }
});
