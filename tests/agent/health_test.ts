import assert from "node:assert/strict";
import FakeTimers from "@sinonjs/fake-timers";
import { type ChildView, type HealthInput, healthReport } from "../../agent/health.ts";
import type { Run } from "../../ledger/ledger.ts";
import { startAgent } from "../../main.ts";
import { withTempDir } from "../support/temp_dir.ts";

const idle: ChildView = { state: "idle", failures: 0, restarts: 0, lastError: null };

function input(over: Partial<HealthInput> = {}): HealthInput {
  return {
    version: "test",
    startedAt: new Date("2026-11-28T10:00:00Z"),
    uptimeMs: 90_999,
    children: { productSync: idle, priceRules: idle },
    lastRuns: [],
    problems: { count: 0, sample: [] },
    ...over,
  };
}

function run(id: number, outcome: Run["outcome"], over: Partial<Run> = {}): Run {
  return {
    id,
    kind: "products-incremental",
    startedAt: "2026-11-28T09:00:00.000Z",
    finishedAt: outcome === null ? null : "2026-11-28T09:00:05.000Z",
    outcome,
    counts: {},
    progressAt: null,
    error: null,
    ...over,
  };
}

Deno.test("healthReport: ok with no reasons when the actors are well and the last run finished", () => {
  const h = healthReport(input({ lastRuns: [run(2, null), run(1, "ok")] }));
  assert.equal(h.status, "ok");
  assert.deepEqual(h.reasons, []);
  assert.equal(h.uptimeSec, 90);
  assert.equal(h.startedAt, "2026-11-28T10:00:00.000Z");
});

Deno.test("healthReport: a retrying actor is degraded, a restarting one failing, each with its reason", () => {
  const retrying = { ...idle, state: "backingOff", failures: 2, lastError: "Cannot reach SQL Server" };
  const d = healthReport(input({ children: { productSync: retrying, priceRules: idle } }));
  assert.equal(d.status, "degraded");
  assert.deepEqual(d.reasons, ["productSync is retrying after 2 failed cycles: Cannot reach SQL Server"]);
  const restarting = { ...idle, state: "restarting", failures: 1, lastError: "store login refused" };
  const f = healthReport(input({ children: { productSync: restarting, priceRules: retrying } }));
  assert.equal(f.status, "failing");
  assert.deepEqual(f.reasons, [
    "productSync is restarting: store login refused",
    "priceRules is retrying after 2 failed cycles: Cannot reach SQL Server",
  ]);
});

Deno.test("healthReport: a full reconciliation that keeps failing is degraded though the incremental cycles between end well", () => {
  const fullOwed = { failures: 3, lastError: "Cannot list products in Qukasoft: status 500" };
  const h = healthReport(input({ children: { productSync: { ...idle, fullOwed }, priceRules: idle } }));
  assert.equal(h.status, "degraded");
  assert.deepEqual(h.reasons, [
    "productSync's full reconciliation has failed 3 times in a row and is still owed (incremental cycles run " +
    "meanwhile): Cannot list products in Qukasoft: status 500",
  ]);
  assert.deepEqual(h.actors.productSync!.fullOwed, fullOwed);
});

Deno.test("healthReport: a failed full cycle is said once, with its own count; an incremental one failed beside it is named so", () => {
  const err = "Transaction (Process ID 57) was deadlocked on lock resources";
  const fullOwed = { failures: 2, lastError: err };
  const full =
    "productSync's full reconciliation has failed 2 times in a row and is still owed (incremental " +
    `cycles run meanwhile): ${err}`;
  // The full cycle failed again after an incremental one ended well: one failure in a row, the full's second.
  const afterFull = {
    ...idle,
    state: "backingOff",
    failures: 1,
    lastError: err,
    fullOwed,
    lastFailedAs: "full" as const,
  };
  assert.deepEqual(healthReport(input({ children: { productSync: afterFull, priceRules: idle } })).reasons, [
    full,
  ]);
  // The incremental cycle after it failed too, with the same text: not hidden.
  const afterIncremental = { ...afterFull, failures: 2, lastFailedAs: "incremental" as const };
  assert.deepEqual(
    healthReport(input({ children: { productSync: afterIncremental, priceRules: idle } })).reasons,
    [
      `productSync is retrying after 2 failed cycles (the last one incremental): ${err}`,
      full,
    ],
  );
});

Deno.test("healthReport: degraded while the newest finished run is one the agent died in", () => {
  const dead = run(7, "interrupted", { kind: "products-full", finishedAt: "2026-11-28T09:40:00.000Z" });
  // The restarted agent's actors have nothing to show; a cycle is running again.
  const h = healthReport(input({ lastRuns: [run(8, null), dead, run(6, "ok")] }));
  assert.equal(h.status, "degraded");
  assert.equal(h.reasons.length, 1);
  assert.match(
    h.reasons[0]!,
    /^run 7 \(products-full\) was interrupted: .*\(last seen alive at 2026-11-28T09:40:00\.000Z\)/,
  );
  // Once a later run finishes, it is history only.
  const later = healthReport(input({ lastRuns: [run(9, null), run(8, "ok"), dead] }));
  assert.equal(later.status, "ok");
  assert.deepEqual(later.reasons, []);
});

Deno.test("healthReport: degraded while the XML feed's last build failed, with when and why", () => {
  const h = healthReport(input({
    feedFailure: {
      at: "2026-11-28T10:01:00.000Z",
      error: "building the XML feed in D:\\feed failed: disk full",
    },
  }));
  assert.equal(h.status, "degraded");
  assert.deepEqual(h.reasons, [
    "the XML feed could not be built at 2026-11-28T10:01:00.000Z (its requests get 503 until a build succeeds): " +
    "building the XML feed in D:\\feed failed: disk full",
  ]);
});

Deno.test("healthReport: the XML feed's last build and last failure, null until there is one", () => {
  assert.deepEqual(healthReport(input()).feed, { lastBuild: null, lastFailure: null });
  const lastBuild = { builtAt: "2026-11-28T10:00:30.000Z", rows: 1933, bytes: 1146114, gzipBytes: 47949 };
  const lastFailure = { at: "2026-11-28T10:01:00.000Z", error: "disk full" };
  assert.deepEqual(healthReport(input({ feedBuild: lastBuild, feedFailure: lastFailure })).feed, {
    lastBuild,
    lastFailure,
  });
});

Deno.test("healthReport: an XML feed build held by catalog.vanishLimit makes it degraded, saying it is the feed", () => {
  const h = healthReport(
    input({ feedHeld: "the XML feed still serves its build of 2026-11-20T10:00:00.000Z" }),
  );
  assert.equal(h.status, "degraded");
  assert.deepEqual(h.reasons, [
    "the XML feed is held at its last good build: the XML feed still serves its build of 2026-11-20T10:00:00.000Z",
  ]);
});

Deno.test("healthReport: zeros held by catalog.vanishLimit make it degraded, with the problem's reason", () => {
  const h = healthReport(input({ massZero: "stock 0 held for all 900 of 1000 stock codes on sale" }));
  assert.equal(h.status, "degraded");
  assert.deepEqual(h.reasons, [
    "stock codes that vanished from Nebim are held at their stock: stock 0 held for all 900 of 1000 stock codes " +
    "on sale",
  ]);
});

Deno.test("/health's uptime follows the monotonic clock, not the wall clock set back after the start", () =>
  withTempDir("health-uptime-", async (dataDir) => {
    // Only the clocks are simulated; the agent's own timers run (it is stopped before any fires).
    const start = Date.UTC(2026, 10, 28, 10);
    const clock = FakeTimers.install({ toFake: ["Date", "performance"], now: start });
    try {
      const agent = await startAgent({ dataDir, port: 0, lockWaitMs: 0 });
      try {
        const health = async () => await (await fetch(agent.healthUrl)).json();
        clock.tick(90_000);
        assert.equal((await health()).uptimeSec, 90);
        // A time sync or an operator sets the wall clock back an hour: the wall clock's difference is -3510 s.
        clock.setSystemTime(start - 3_600_000 + 90_000);
        clock.tick(30_000);
        const after = await health();
        assert.equal(after.uptimeSec, 120);
        assert.equal(after.startedAt, new Date(start).toISOString());
      } finally {
        await agent.stop();
      }
    } finally {
      clock.uninstall();
    }
  }));

Deno.test("healthReport: a stopped child is failing; a restarted one running its first cycle is degraded, counted in the singular", () => {
  const failed = { ...idle, state: "failed", failures: 1, lastError: "Login failed" };
  const f = healthReport(input({ children: { productSync: failed, priceRules: idle } }));
  assert.deepEqual([f.status, f.reasons], ["failing", ["productSync is failed: Login failed"]]);
  const restarted = { ...idle, state: "running", failures: 1, restarts: 1, lastError: "Login failed" };
  const d = healthReport(input({ children: { productSync: restarted, priceRules: idle } }));
  assert.deepEqual([d.status, d.reasons], ["degraded", [
    "productSync is retrying after 1 failed cycle: Login failed",
  ]]);
});

Deno.test("healthReport: a full reconciliation that failed once says so in the singular", () => {
  const fullOwed = { failures: 1, lastError: null };
  const h = healthReport(input({ children: { productSync: { ...idle, fullOwed }, priceRules: idle } }));
  assert.deepEqual(h.reasons, [
    "productSync's full reconciliation has failed 1 time in a row and is still owed (incremental cycles run " +
    "meanwhile)",
  ]);
});
