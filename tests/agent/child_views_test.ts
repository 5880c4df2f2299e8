import assert from "node:assert/strict";
import { type AnyActorRef, fromPromise } from "xstate";
import type { CycleInput, CycleSummary } from "../../actors/product_sync.ts";
import { childViews, type SupervisorSnapshot } from "../../agent/child_views.ts";
import { healthReport } from "../../agent/health.ts";
import { IntegrationError } from "../../errors.ts";
import { parseSettings } from "../../settings/mod.ts";
import { settle, startSupervisor } from "../support/product_sync_stub.ts";

const counts = <T>(productSync: T, priceRules: T) => ({ productSync, priceRules });

function supervisor(over: Partial<SupervisorSnapshot["context"]> = {}): SupervisorSnapshot {
  return {
    value: { productSync: "running", priceRules: "running" },
    context: { failures: counts(0, 0), restarts: counts(0, 0), lastError: counts(null, null), ...over },
  };
}

Deno.test("childViews: the child's state, its larger failure count, its last error, last cycle and failing full reconciliation", () => {
  const lastCycle = { mode: "incremental", finishedAt: "2026-11-29T03:00:00.000Z" };
  const views = childViews(
    supervisor({ failures: counts(1, 0), restarts: counts(1, 0), lastError: counts("Login failed", null) }),
    (name) =>
      name === "productSync"
        ? {
          value: { working: { fullSchedule: "ticking", cycle: "backingOff" } },
          context: {
            failures: 2,
            lastError: "status 500",
            lastCycle,
            fullFailures: 3,
            fullError: "page 4",
            lastFailedAs: "full",
          },
        }
        : { value: "ready", context: {} },
  );
  assert.deepEqual(views, {
    productSync: {
      state: "backingOff",
      failures: 2,
      restarts: 1,
      lastError: "status 500",
      lastCycle,
      fullOwed: { failures: 3, lastError: "page 4" },
      lastFailedAs: "full",
    },
    priceRules: { state: "ready", failures: 0, restarts: 0, lastError: null },
  });
});

Deno.test("childViews: a child the supervisor is restarting is restarting, with the supervisor's count and error", () => {
  const views = childViews(
    {
      ...supervisor({
        failures: counts(2, 0),
        restarts: counts(2, 0),
        lastError: counts("Login failed", null),
      }),
      value: { productSync: "restarting", priceRules: "running" },
    },
    (name) => name === "priceRules" ? { value: "ready", context: {} } : undefined,
  );
  assert.deepEqual(views.productSync, {
    state: "restarting",
    failures: 2,
    restarts: 2,
    lastError: "Login failed",
  });
});

Deno.test("/health of a productSync restarted after a fatal error: failing while it waits, degraded (not ok) until a cycle ends well", async () => {
  const settings = parseSettings({});
  const login = new IntegrationError("fatal", "Login failed for user 'eticaret_ro'.", {
    system: "nebim-sql",
  });
  let calls = 0;
  let finish = (_: CycleSummary) => {};
  const runCycle = fromPromise<CycleSummary, CycleInput>(({ input }) => {
    if (calls++ === 0) return Promise.reject(login);
    return new Promise((resolve) => {
      finish = (s) => resolve({ ...s, mode: input.mode });
    });
  });
  const { actor, clock } = startSupervisor(runCycle, settings);
  const health = () =>
    healthReport({
      version: "test",
      startedAt: new Date(0),
      uptimeMs: 0,
      lastRuns: [],
      problems: { count: 0, sample: [] },
      children: childViews(
        actor.getSnapshot(),
        (name) => (actor.system.get(name) as AnyActorRef | undefined)?.getSnapshot(),
      ),
    });
  try {
    await settle();
    assert.deepEqual([health().status, health().reasons], ["failing", [
      "productSync is restarting: Login failed for user 'eticaret_ro'.",
    ]]);
    clock.increment(1_000);
    await settle();
    assert.equal(calls, 2, "restarted, its first cycle under way");
    assert.deepEqual([health().status, health().reasons], ["degraded", [
      "productSync is retrying after 1 failed cycle: Login failed for user 'eticaret_ro'.",
    ]]);
    finish({ mode: "full", finishedAt: "t", created: 0, updated: 0, failed: 0, problems: 0 });
    await settle();
    assert.deepEqual([health().status, health().reasons], ["ok", []]);
  } finally {
    actor.stop();
  }
});

Deno.test("childViews: the ledger's full failures before this process add to the child's; its own last cycle wins", () => {
  const known = {
    lastCycle: { mode: "full" as const, finishedAt: "t0", created: 1, updated: 0, failed: 0, problems: 0 },
    full: { failures: 2, lastError: "page 4 (before the restart)" },
    settingsVersion: 7,
  };
  const view = (context: Record<string, unknown>) =>
    childViews(supervisor(), (name) => name === "productSync" ? { value: "idle", context } : undefined, known)
      .productSync;
  assert.deepEqual(view({}).lastCycle, known.lastCycle);
  assert.deepEqual(view({}).fullOwed, {
    failures: 2,
    lastError: "page 4 (before the restart)",
    settingsVersion: 7,
  });
  const own = { mode: "incremental", finishedAt: "t1" };
  const after = view({ lastCycle: own, fullFailures: 1, fullError: "page 5" });
  assert.deepEqual(after.lastCycle, own);
  assert.deepEqual(after.fullOwed, { failures: 3, lastError: "page 5", settingsVersion: 7 });
  // The other child shows none of it.
  const rules = childViews(supervisor(), () => undefined, known).priceRules;
  assert.equal(rules.lastCycle, undefined);
  assert.equal(rules.fullOwed, undefined);
});
