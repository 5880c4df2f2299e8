/**
 * sync/stale_problems.ts on many open problems: a stock code rule that changes (barcodes retyped in bulk, the
 * stock code setting switched) can leave a problem open for every variant. Its cost is not timed here (no
 * timed tests: the benchmark measures); close() adds each subject to its kind's list in place.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { KEEP_RESOLVED_DAYS } from "../../ledger/problems.ts";
import { StaleProblems, WRITE_KINDS } from "../../sync/stale_problems.ts";
import { withLedger } from "../ledger/temp.ts";

Deno.test("a full read closes every stale problem of each kind, and keeps those it read or reported", () =>
  withLedger((ledger) => {
    const problems = Array.from({ length: 1_000 }, (_, i) => ({
      subject: `S${i}`,
      kind: i % 10 === 0 ? "price" : "stockCode",
      reason: "has spaces",
    }));
    // One subject with two kinds: both close.
    problems.push({ subject: "S20", kind: "vat", reason: "no VAT rate" });
    ledger.replaceProblems([], problems);
    const stale = new StaleProblems(ledger);
    stale.read(["S1", "S10"], [{ subject: "S2", kind: "stockCode", reason: "still bad" }]);
    stale.close(ledger);
    assert.deepEqual(
      ledger.openProblems().map((p) => `${p.subject} ${p.kind}`).sort(),
      ["S1 stockCode", "S10 price", "S2 stockCode"],
    );
  }));

Deno.test("a product cycle's full read closes the store refusals of subjects it no longer reads, a product's too; a feed build's does not", () =>
  withLedger((ledger) => {
    ledger.replaceProblems([], [
      { subject: "product:GONE-1", kind: "store", reason: "store rejected it: name too long" },
      { subject: "product:KEPT-1", kind: "store", reason: "store rejected it: name too long" },
      { subject: "8690000000017", kind: "store", reason: "store rejected it: stok kilitli" },
    ]);
    const feed = new StaleProblems(ledger);
    feed.close(ledger);
    assert.equal(
      ledger.openProblems({ kind: "store" }).length,
      3,
      "a feed build writes nothing to the store",
    );
    const stale = new StaleProblems(ledger, WRITE_KINDS);
    stale.read(["product:KEPT-1"], []);
    stale.close(ledger);
    assert.deepEqual(ledger.openProblems().map((p) => p.subject), ["product:KEPT-1"]);
  }));

Deno.test("a code written unread (a vanished code zeroed or held) leaves its store refusal to its zero, and its other problems stale", () =>
  withLedger((ledger) => {
    ledger.replaceProblems([], [
      { subject: "8690000000017", kind: "store", reason: "store rejected it: stok kilitli" },
      { subject: "8690000000017", kind: "price", reason: "no VAT rate" },
      { subject: "8690000000024", kind: "price", reason: "no VAT rate" },
    ]);
    const stale = new StaleProblems(ledger, WRITE_KINDS);
    stale.written(["8690000000017", "8690000000024"]);
    stale.close(ledger);
    assert.deepEqual(ledger.openProblems().map((p) => `${p.subject} ${p.kind}`), ["8690000000017 store"]);
  }));

Deno.test("a full read prunes the problems resolved more than KEEP_RESOLVED_DAYS ago, by the ledger's clock", () => {
  const resolvedAt = new Date("2026-10-01T00:00:00Z");
  let clock = resolvedAt;
  return withLedger((ledger, path) => {
    const rows = () => {
      const db = new DatabaseSync(path, { readOnly: true });
      try {
        return db.prepare("SELECT subject FROM problems ORDER BY subject").all().map((r) => r.subject);
      } finally {
        db.close();
      }
    };
    ledger.replaceProblems([], [
      { subject: "FIXED", kind: "price", reason: "no cost" },
      { subject: "OPEN", kind: "price", reason: "no cost" },
    ]);
    ledger.resolveProblems(["FIXED"]);
    const fullRead = () => {
      const stale = new StaleProblems(ledger);
      stale.read(["OPEN"], [{ subject: "OPEN", kind: "price", reason: "no cost" }]);
      stale.close(ledger);
    };
    clock = new Date(resolvedAt.getTime() + KEEP_RESOLVED_DAYS * 86_400_000 - 1_000);
    fullRead();
    assert.deepEqual(rows(), ["FIXED", "OPEN"], "kept until its age has passed");
    clock = new Date(resolvedAt.getTime() + KEEP_RESOLVED_DAYS * 86_400_000 + 1_000);
    fullRead();
    assert.deepEqual(rows(), ["OPEN"], "an open problem is never pruned, however old");
  }, { now: () => clock });
});
