// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import assert from "node:assert/strict";
import { createActor, SimulatedClock } from "xstate";
import { type CycleInput, productSyncMachine } from "../../actors/product_sync.ts";
import { IntegrationError } from "../../errors.ts";
import { INPUT, RULES, settle, start, stub } from "../support/product_sync_stub.ts";

Deno.test("productSync waits for the price rules, then starts with a full cycle, then incremental ones on the interval", async () => {
  const s = stub();
  const { actor, clock } = start(s.actor);
  await settle();
  assert.equal(s.calls.length, 0);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full"]);
  clock.increment(29_999);
  await settle();
  assert.equal(s.calls.length, 1);
  clock.increment(1);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental"]);
  actor.stop();
});

Deno.test("productSync backs off after a retriable error, doubling up to the cap, and still owes the full cycle", async () => {
  const fail = () => {
    throw new IntegrationError("retriable", "SQL Server unreachable", { system: "nebim-sql" });
  };
  const s = stub([fail, fail, fail]);
  const { actor, clock } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  assert.equal(actor.getSnapshot().context.failures, 1);
  clock.increment(30_000); // first backoff = interval
  await settle();
  assert.equal(s.calls.length, 2);
  clock.increment(59_999); // second = 2 × interval
  await settle();
  assert.equal(s.calls.length, 2);
  clock.increment(1);
  await settle();
  assert.equal(s.calls.length, 3);
  clock.increment(120_000);
  await settle();
  // Each failed full cycle is still owed, and tried again after incremental ones (see below).
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "full", "incremental"]);
  assert.equal(actor.getSnapshot().context.failures, 0);
  assert.equal(actor.getSnapshot().context.lastCycle?.mode, "incremental");
  clock.increment(30_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode).slice(4), ["incremental", "full"]);
  assert.equal(actor.getSnapshot().context.lastCycle?.mode, "full");
  actor.stop();
});

Deno.test("productSync waits out a Retry-After longer than its own backoff before the next cycle", async () => {
  const s = stub([() => {
    throw new IntegrationError("retriable", "429", { system: "qukasoft", retryAfterSec: 120 });
  }]);
  const { actor, clock } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(119_999); // its own backoff would have run again at 30 s
  await settle();
  assert.equal(s.calls.length, 1);
  clock.increment(1);
  await settle();
  assert.equal(s.calls.length, 3, "an incremental cycle, then the full one owed");
  assert.equal(actor.getSnapshot().context.retryAfterMs, 0, "forgotten once a cycle succeeds");
  actor.stop();
});

Deno.test("productSync stops in `failed` on a fatal error, for the supervisor to restart", async () => {
  const s = stub([() => {
    throw new IntegrationError("fatal", "Login failed", { system: "nebim-sql" });
  }]);
  const { actor } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  assert.equal(actor.getSnapshot().status, "done");
  // What it counted goes with it, for the child the supervisor starts again (/health keeps showing it).
  assert.deepEqual(actor.getSnapshot().output, {
    error: "Login failed",
    carried: { fullFailures: 0, fullError: null, lastFailedAs: "full" },
    syncAsked: false,
  });
});

Deno.test("productSync runs a full cycle at once when new rules ask for a re-price", async () => {
  const s = stub();
  const { actor } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  const marked = { ...RULES, site: { percent: 25, amount: 0 } };
  actor.send({ type: "rules", rules: marked, reprice: true });
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "full"]);
  assert.equal(s.calls[1]!.rules.site.percent, 25);
  actor.stop();
});

Deno.test("productSync runs the scheduled full reconciliation", async () => {
  const s = stub();
  const clock = new SimulatedClock();
  const actor = createActor(productSyncMachine.provide({ actors: { runCycle: s.actor } }), {
    input: { ...INPUT, fullEveryMs: 90_000 },
    clock,
  }).start();
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  for (let i = 0; i < 3; i++) {
    clock.increment(30_000);
    await settle();
  }
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "incremental", "full"]);
  actor.stop();
});

Deno.test("productSync runs a full cycle at once after an incremental one met stock codes the store lost, or a refused write the ledger is unsure of; not after a full one", async () => {
  for (const met of [{ missing: 1 }, { unsure: 1 }]) {
    const s = stub([() => met, () => met, () => met]);
    const { actor, clock } = start(s.actor);
    actor.send({ type: "rules", rules: RULES, reprice: false });
    await settle();
    assert.deepEqual(s.calls.map((c) => c.mode), ["full"], "a full one meeting them asks for nothing more");
    clock.increment(30_000);
    await settle();
    assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "full"]);
    clock.increment(30_000);
    await settle();
    assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "full", "incremental"]);
    actor.stop();
  }
});

Deno.test("productSync takes a changed schedule at once, not after the timers set with the old one", async () => {
  const s = stub();
  const { actor, clock } = start(s.actor); // every 30 s, a full one every hour
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  actor.send({ type: "schedule", intervalMs: 3_600_000, fullEveryMs: 86_400_000 });
  clock.increment(60_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full"], "a longer interval counts from the change");
  actor.send({ type: "schedule", intervalMs: 20_000, fullEveryMs: 600_000 });
  clock.increment(20_000);
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental"]);
  clock.increment(580_000); // 10 minutes after the change, not at the old hour's end
  await settle();
  assert.equal(s.calls.at(-1)!.mode, "full");
  assert.equal(s.calls.filter((c) => c.mode === "full").length, 2);
  // A schedule that did not change leaves the timers as they are.
  const before = s.calls.length;
  clock.increment(10_000);
  actor.send({ type: "schedule", intervalMs: 20_000, fullEveryMs: 600_000 });
  clock.increment(10_000);
  await settle();
  assert.equal(s.calls.length, before + 1);
  actor.stop();
});

/*
 * Periods longer than a timer can wait (2^31 - 1 ms, 24.8 days): Deno, like Node and browsers, runs a longer
 * setTimeout after 1 ms. An operator who sets a monthly full reconciliation (43,200 minutes), or a huge number
 * to all but turn it off, must not get a full cycle after every cycle. The clock here is @sinonjs/fake-timers,
 * which keeps that limit (XState's SimulatedClock does not).
 */
const DAY = 86_400_000;

function startFaked(input: { intervalMs: number; fullEveryMs: number }) {
  const s = stub();
  // XState's own clock calls the global setTimeout: faked, the 32-bit limit included.
  const fake = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"], now: 0 });
  const actor = createActor(productSyncMachine.provide({ actors: { runCycle: s.actor } }), {
    input: { ...input, maxBackoffMs: 300_000 },
  });
  actor.start();
  actor.send({ type: "rules", rules: RULES, reprice: false });
  const stop = () => {
    actor.stop();
    fake.uninstall();
  };
  return { actor, stop, fake, calls: s.calls };
}

const fulls = (calls: CycleInput[]) => calls.filter((c) => c.mode === "full").length;
const modesOf = (calls: CycleInput[]) => calls.map((c) => c.mode);

Deno.test("a full reconciliation every 30 days runs after 30 days, not after every cycle", async () => {
  const { stop, fake, calls } = startFaked({ intervalMs: DAY, fullEveryMs: 30 * DAY });
  try {
    await fake.tickAsync(1_000);
    assert.deepEqual(modesOf(calls), ["full"]);
    await fake.tickAsync(30 * DAY - 1_001);
    assert.deepEqual([fulls(calls), calls.length], [1, 30], "none more before 30 days");
    await fake.tickAsync(1);
    assert.equal(fulls(calls), 2, "one at 30 days");
  } finally {
    stop();
  }
});

Deno.test("a full reconciliation period changed to 100 days counts from the change", async () => {
  const { actor, stop, fake, calls } = startFaked({ intervalMs: DAY, fullEveryMs: 3_600_000 });
  try {
    await fake.tickAsync(1_000);
    actor.send({ type: "schedule", intervalMs: DAY, fullEveryMs: 100 * DAY });
    await fake.tickAsync(1_000);
    assert.deepEqual(modesOf(calls), ["full"]);
    await fake.tickAsync(100 * DAY - 1_001);
    assert.equal(fulls(calls), 1);
    await fake.tickAsync(1);
    assert.equal(fulls(calls), 2);
  } finally {
    stop();
  }
});

Deno.test("an interval longer than a timer can wait starts no cycle before it ends", async () => {
  const { stop, fake, calls } = startFaked({ intervalMs: 40 * DAY, fullEveryMs: 100 * DAY });
  try {
    await fake.tickAsync(1_000);
    assert.deepEqual(modesOf(calls), ["full"]);
    await fake.tickAsync(40 * DAY - 1_001);
    assert.deepEqual(modesOf(calls), ["full"]);
    await fake.tickAsync(1);
    assert.deepEqual(modesOf(calls), ["full", "incremental"]);
  } finally {
    stop();
  }
});

Deno.test("a full reconciliation every 30 days runs every 30 days, not 30 days then every 5", async () => {
  const { stop, fake, calls } = startFaked({ intervalMs: DAY, fullEveryMs: 30 * DAY });
  try {
    await fake.tickAsync(30 * DAY);
    assert.equal(fulls(calls), 2);
    await fake.tickAsync(30 * DAY - 1);
    assert.equal(fulls(calls), 2, "none more before 60 days");
    await fake.tickAsync(1);
    assert.equal(fulls(calls), 3);
  } finally {
    stop();
  }
});

Deno.test("an interval longer than a timer can wait is the same length each time", async () => {
  const { stop, fake, calls } = startFaked({ intervalMs: 40 * DAY, fullEveryMs: 100 * DAY });
  try {
    await fake.tickAsync(80 * DAY - 1);
    assert.equal(calls.length, 2, "the second incremental cycle not before 80 days");
    await fake.tickAsync(1);
    assert.equal(calls.length, 3);
  } finally {
    stop();
  }
});
