/**
 * A full cycle owed that keeps failing (a store product list failing on one page for ever) must not stop the
 * incremental cycles that carry stock and prices: they run between its retries, and its failures stay shown.
 */
import assert from "node:assert/strict";
import { fromPromise } from "xstate";
import type { CycleInput, CycleSummary } from "../../actors/product_sync.ts";
import { IntegrationError } from "../../errors.ts";
import { cycleStub, heldCycles, INPUT, RULES, settle, start, stub } from "../support/product_sync_stub.ts";

/** A cycle stub whose full cycles fail as the store's product list does on one corrupt product, for ever. */
function fullFails() {
  return cycleStub((input) => {
    if (input.mode === "full") throw listFailed();
  });
}

const listFailed = () =>
  new IntegrationError("retriable", "Cannot list products in Qukasoft: status 500", { system: "qukasoft" });

Deno.test("productSync keeps running incremental cycles while a full one keeps failing, and tries the full one again after its backoff", async () => {
  const s = fullFails();
  const { actor, clock } = start(s.actor); // every 30 s, backoff at most 5 minutes
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(30_000);
  await settle();
  assert.deepEqual(
    s.calls.map((c) => c.mode),
    ["full", "incremental", "full"],
    "the next attempt is incremental",
  );
  for (let i = 0; i < 50; i++) {
    clock.increment(30_000);
    await settle();
  }
  // Incremental cycles between full ones: the full's backoff (30 s, doubling, at most 5 minutes) in intervals.
  const between = s.calls.map((c) => c.mode).join(" ").split("full").slice(1, -1).map((r) =>
    r.split("incremental").length - 1
  );
  assert.deepEqual(between, [1, 2, 4, 8, 10, 10, 10]);
  const c = actor.getSnapshot().context;
  assert.equal(c.lastCycle?.mode, "incremental");
  assert.deepEqual([c.failures, c.lastError], [0, null], "the incremental cycles end well");
  assert.deepEqual([c.fullFailures, c.fullError], [8, "Cannot list products in Qukasoft: status 500"]);
  actor.stop();
});

Deno.test("productSync keeps the mode its last failed cycle ran until a cycle ends well", async () => {
  const s = stub([() => {
    throw listFailed();
  }, () => {
    throw listFailed();
  }]);
  const { actor, clock } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  const failedAs = () => actor.getSnapshot().context.lastFailedAs;
  assert.equal(failedAs(), "full");
  clock.increment(30_000);
  await settle();
  assert.deepEqual([s.calls.map((c) => c.mode), failedAs()], [["full", "incremental"], "incremental"]);
  clock.increment(60_000);
  await settle();
  assert.deepEqual([s.calls.length, failedAs()], [3, null]);
  actor.stop();
});

Deno.test("productSync counts a cycle asked as incremental that ran full and ended well as the full one owed", async () => {
  const s = stub([() => {
    throw listFailed();
  }, () => ({ mode: "full" })]); // no window known (SQL Server's clock set back): syncProducts runs it full
  const { actor, clock } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(30_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental"], "no second full cycle at once");
  const c = actor.getSnapshot().context;
  assert.deepEqual([c.fullFailures, c.fullError], [0, null]);
  clock.increment(30_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "incremental"]);
  actor.stop();
});

Deno.test("productSync tries a full cycle asked for (fullNow, new prices) while a failed one waits at its next attempt", async () => {
  const marked = { ...RULES, site: { percent: 25, amount: 0 } };
  for (const ask of [{ type: "fullNow" }, { type: "rules", rules: marked, reprice: true }] as const) {
    const fail = () => {
      throw listFailed();
    };
    const s = stub([fail, () => {}, fail]);
    const { actor, clock } = start(s.actor);
    actor.send({ type: "rules", rules: RULES, reprice: false });
    await settle();
    clock.increment(30_000);
    await settle(); // full, incremental, full (failed again): two incremental cycles before the next
    actor.send(ask);
    clock.increment(30_000);
    await settle();
    assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "full", "full"], ask.type);
    assert.equal(actor.getSnapshot().context.fullFailures, 0);
    assert.equal(s.calls[3]!.rules.site.percent, ask.type === "rules" ? 25 : RULES.site.percent);
    actor.stop();
  }
});

Deno.test("productSync counts a cycle asked as incremental that ran full (no window known) and failed as a failed full one", async () => {
  const s = cycleStub((input) => {
    input.onMode?.("full"); // syncProducts runs every cycle full until one ends well
    throw new IntegrationError(
      "retriable",
      `Cannot list products in Qukasoft: status 500 (${s.calls.length})`,
      {
        system: "qukasoft",
      },
    );
  });
  const { actor, clock } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(30_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental"]);
  const c = actor.getSnapshot().context;
  assert.deepEqual([c.failures, c.fullFailures, c.fullError, c.lastFailedAs], [
    2,
    2,
    "Cannot list products in Qukasoft: status 500 (2)",
    "full",
  ]);
  // Its backoff counted in intervals as a full one's: two asked as incremental before the next asked as full.
  clock.increment(60_000);
  await settle();
  clock.increment(120_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "incremental", "incremental"]);
  actor.stop();
});

Deno.test("productSync runs the full cycle new prices ask for during a full one again after it, with the new prices", async () => {
  const calls: CycleInput[] = [];
  const ends: (() => void)[] = [];
  const runCycle = fromPromise<CycleSummary, CycleInput>(({ input }) => {
    calls.push(input);
    const summary = { mode: input.mode, finishedAt: "t", created: 0, updated: 0, failed: 0, problems: 0 };
    return new Promise((resolve) => ends.push(() => resolve(summary)));
  });
  const { actor } = start(runCycle);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  // The first full cycle still reads with the old prices when the new ones come.
  actor.send({ type: "rules", rules: { ...RULES, site: { percent: 25, amount: 0 } }, reprice: true });
  ends.shift()!();
  await settle();
  assert.deepEqual(calls.map((c) => [c.mode, c.rules.site.percent]), [
    ["full", RULES.site.percent],
    ["full", 25],
  ]);
  actor.stop();
});

Deno.test("productSync ends a failed full one's wait when a cycle asked as incremental runs full and ends well", async () => {
  const fail = () => {
    throw listFailed();
  };
  // full fails, incremental, full fails again (two incremental cycles owed), one that runs full (no window known)
  const s = stub([fail, () => {}, fail, () => ({ mode: "full" })]);
  const { actor, clock } = start(s.actor, { ...INPUT, fullEveryMs: 70_000 });
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(30_000);
  await settle();
  clock.increment(30_000);
  await settle();
  clock.increment(10_000); // the scheduled full reconciliation: nothing left to wait for
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "full", "incremental", "full"]);
  actor.stop();
});

Deno.test("productSync runs the full cycle owed at once after one given up for changed settings, counting no failure", async () => {
  const { modes, actor: runCycle, end } = heldCycles();
  const { actor } = start(runCycle);
  try {
    actor.send({ type: "rules", rules: RULES, reprice: false });
    await settle();
    end(); // the first full cycle: a window is known
    await settle();
    actor.send({ type: "fullNow" }); // a full cycle under way, logging in to SQL Server
    await settle();
    // The operator moves to another database as it logs in: a full cycle and one now asked for, the login given up.
    actor.send({ type: "fullNow" });
    actor.send({ type: "syncNow" });
    end(
      new IntegrationError("retriable", "the SQL Server login under way was given up", {
        system: "nebim-sql",
        superseded: true,
      }),
    );
    await settle();
    assert.deepEqual(
      modes,
      ["full", "full", "full"],
      "not an incremental cycle on the old database's bookmark",
    );
    const { failures, fullFailures, lastError, lastFailedAs } = actor.getSnapshot().context;
    assert.deepEqual({ failures, fullFailures, lastError, lastFailedAs }, {
      failures: 0,
      fullFailures: 0,
      lastError: null,
      lastFailedAs: null,
    });
  } finally {
    actor.stop();
  }
});
