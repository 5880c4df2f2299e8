import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { withLedger } from "./temp.ts";

Deno.test("startRun()/finishRun() record kind, times, outcome, counts and error", () =>
  withLedger((ledger) => {
    const id = ledger.startRun("products-full");
    const [running] = ledger.lastRuns(1);
    assert.deepEqual(running, {
      id,
      kind: "products-full",
      startedAt: running!.startedAt,
      finishedAt: null,
      outcome: null,
      counts: {},
      progressAt: null,
      error: null,
    });
    ledger.finishRun(id, "partial", { created: 3, failed: 1 }, "1 write failed");
    const [done] = ledger.lastRuns(1);
    assert.equal(done?.outcome, "partial");
    assert.deepEqual(done?.counts, { created: 3, failed: 1 });
    assert.equal(done?.error, "1 write failed");
    assert.ok(done!.finishedAt! > done!.startedAt);
  }));

Deno.test("startRun() records the counts it starts with, so a running run shows them before any progress", () =>
  withLedger((ledger) => {
    const id = ledger.startRun("products-full", { itemsRead: 0, created: 0 });
    const [running] = ledger.lastRuns(1);
    assert.deepEqual([running?.id, running?.counts, running?.progressAt], [
      id,
      { itemsRead: 0, created: 0 },
      null,
    ]);
    assert.throws(() => ledger.startRun("products-full", { n: NaN }), /counts\.n must be a finite number/);
    assert.equal(ledger.lastRuns(5).length, 1, "a refused start records nothing");
  }));

Deno.test("lastRuns() is newest first and can filter by kind", () =>
  withLedger((ledger) => {
    const a = ledger.startRun("products-incremental");
    const b = ledger.startRun("products-full");
    const c = ledger.startRun("products-incremental");
    assert.deepEqual(ledger.lastRuns(10).map((r) => r.id), [c, b, a]);
    assert.deepEqual(ledger.lastRuns(1, "products-incremental").map((r) => r.id), [c]);
    assert.deepEqual(ledger.lastRuns(10, "orders").map((r) => r.id), []);
  }));

Deno.test("a finished run keeps its first outcome; an unknown id or a bad outcome is fatal", () =>
  withLedger((ledger) => {
    const id = ledger.startRun("products-incremental");
    ledger.finishRun(id, "ok", { updated: 2 });
    ledger.finishRun(id, "failed", {}, "late");
    assert.equal(ledger.lastRuns(1)[0]?.outcome, "ok");
    assert.throws(
      () => ledger.finishRun(999, "ok", {}),
      (e) => e instanceof IntegrationError && e.kind === "fatal" && /999 was never started/.test(e.message),
    );
    const other = ledger.startRun("products-incremental");
    assert.throws(() => ledger.finishRun(other, "done" as "ok", {}), /outcome must be ok, partial or failed/);
    assert.throws(() => ledger.finishRun(other, "ok", { n: NaN }), /counts\.n must be a finite number/);
    assert.equal(ledger.lastRuns(1)[0]?.outcome, null);
  }));

Deno.test("pruneRuns() keeps the newest runs", () =>
  withLedger((ledger) => {
    const ids = Array.from({ length: 5 }, () => ledger.startRun("products-incremental"));
    assert.equal(ledger.pruneRuns(2), 3);
    assert.deepEqual(ledger.lastRuns(10).map((r) => r.id), [ids[4], ids[3]]);
    assert.equal(ledger.pruneRuns(2), 0);
  }));

Deno.test("the run history keeps the newest runs: each start drops those beyond keepRuns", () =>
  withLedger((ledger) => {
    // A cycle every 30 s is 2,880 runs a day: kept all, they would grow the ledger for ever.
    const ids = Array.from({ length: 5 }, (_, i) => {
      const id = ledger.startRun("products-incremental");
      if (i < 4) ledger.finishRun(id, "ok", {});
      return id;
    });
    assert.deepEqual(ledger.lastRuns(10).map((r) => r.id), [ids[4], ids[3], ids[2]]);
    assert.equal(ledger.lastRuns(1)[0]?.outcome, null, "the run just started is kept");
  }, { keepRuns: 3 }));

Deno.test("keepRuns below 1 or not whole is refused at open: 0 would drop every run as it starts", async () => {
  for (const keepRuns of [0, 2.5]) {
    await assert.rejects(
      withLedger(() => {}, { keepRuns }),
      (e) =>
        e instanceof IntegrationError && e.kind === "fatal" &&
        /keepRuns must be a whole number/.test(e.message),
    );
  }
});

Deno.test("closeInterruptedRuns() finishes only the unfinished runs, as interrupted with a reason", () =>
  withLedger((ledger) => {
    const done = ledger.startRun("products-full");
    ledger.finishRun(done, "ok", { created: 1 });
    const a = ledger.startRun("products-incremental");
    const b = ledger.startRun("products-incremental");
    assert.equal(ledger.closeInterruptedRuns(), 2);
    const byId = new Map(ledger.lastRuns(10).map((r) => [r.id, r]));
    for (const id of [a, b]) {
      const r = byId.get(id)!;
      assert.equal(r.outcome, "interrupted");
      // Never recorded progress: its last sign of life is its start.
      assert.equal(r.finishedAt, r.startedAt);
      assert.match(
        r.error ?? "",
        /stopped during this run.*\(found unfinished at 2026-11-28T00:00:\d\d\.000Z\)$/,
      );
    }
    assert.equal(byId.get(done)?.outcome, "ok");
    assert.equal(byId.get(done)?.error, null);
    // A late finish of an interrupted run keeps "interrupted"; a second call finds nothing.
    ledger.finishRun(a, "ok", {});
    assert.equal(ledger.lastRuns(10).find((r) => r.id === a)?.outcome, "interrupted");
    assert.equal(ledger.closeInterruptedRuns(), 0);
    assert.throws(() => ledger.finishRun(b, "interrupted", {}), /outcome must be ok, partial or failed/);
  }));

Deno.test("progressRun() records the counts so far; an interrupted run ends at its last progress", () =>
  withLedger((ledger) => {
    // The stepping clock: each reading is one second after the last.
    const id = ledger.startRun("products-full");
    ledger.progressRun(id, { created: 100 });
    const first = ledger.lastRuns(1)[0]!.progressAt!;
    ledger.progressRun(id, { created: 250, itemsRead: 40 });
    const [running] = ledger.lastRuns(1);
    assert.equal(running?.outcome, null);
    assert.deepEqual(running?.counts, { created: 250, itemsRead: 40 });
    const last = running!.progressAt!;
    assert.equal(Date.parse(last) - Date.parse(first), 1000);
    assert.equal(ledger.closeInterruptedRuns(), 1); // one second after the last progress
    const [dead] = ledger.lastRuns(1);
    assert.equal(dead?.outcome, "interrupted");
    assert.equal(dead?.finishedAt, last);
    assert.deepEqual(dead?.counts, { created: 250, itemsRead: 40 });
    const found = new Date(Date.parse(last) + 1000).toISOString();
    assert.ok((dead?.error ?? "").endsWith(`(found unfinished at ${found})`), dead?.error ?? "");
    // A finished run's counts are not overwritten by a late progress; an unknown id or bad count is fatal.
    ledger.progressRun(id, { created: 1 });
    assert.deepEqual(ledger.lastRuns(1)[0]?.counts, { created: 250, itemsRead: 40 });
    assert.throws(
      () => ledger.progressRun(999, {}),
      (e) => e instanceof IntegrationError && e.kind === "fatal" && /999 was never started/.test(e.message),
    );
    const other = ledger.startRun("products-incremental");
    assert.throws(() => ledger.progressRun(other, { n: Infinity }), /counts\.n must be a finite number/);
    assert.deepEqual(ledger.lastRuns(1)[0]?.counts, {});
  }));
