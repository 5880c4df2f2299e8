/**
 * /health right after a restart, wired as main.ts wires it: what the ledger knows (the last cycle, the full
 * reconciliation failing, the settings change owing one) shows before the new process's first cycle ends.
 */
import assert from "node:assert/strict";
import { createActor, fromPromise, SimulatedClock } from "xstate";
import { type CycleInput, type CycleSummary, productSyncMachine } from "../../actors/product_sync.ts";
import { supervisorMachine } from "../../actors/supervisor.ts";
import { healthView } from "../../agent/health_view.ts";
import { LastKnown } from "../../agent/last_known.ts";
import { createApp } from "../../http/app.ts";
import { type Ledger, openLedger } from "../../ledger/ledger.ts";
import { parseSettings } from "../../settings/mod.ts";
import { STOPPED } from "../../sync/products.ts";
import { STORE_OWED } from "../../sync/full_owed.ts";
import { IntegrationError } from "../../errors.ts";
import { FEED_BOOKMARK } from "../../sync/feed_watch.ts";
import { steppingClock, withTempPath } from "../ledger/temp.ts";
import { settle } from "../support/product_sync_stub.ts";

/** The supervisor with productSync's cycles given by `cycle`, and /health over it, as main.ts wires them. */
function wired(
  ledger: Ledger,
  cycle: (input: CycleInput) => Promise<CycleSummary>,
  clock = new SimulatedClock(),
  settings = parseSettings({}),
) {
  const runCycle = fromPromise<CycleSummary, CycleInput>(({ input }) => cycle(input));
  const supervisor = createActor(
    supervisorMachine.provide({
      actors: { productSync: productSyncMachine.provide({ actors: { runCycle } }) },
    }),
    {
      systemId: "supervisor",
      clock,
      input: { settings, restartMs: 5_000, maxRestartMs: 300_000 },
    },
  );
  const health = healthView({
    supervisor,
    ledger,
    feed: { lastFailure: () => undefined, lastBuild: () => undefined },
    known: LastKnown.fromLedger(ledger),
  });
  return { supervisor, health };
}

Deno.test("after a restart /health shows the ledger's last cycle and its failing full reconciliation before a cycle ends", () =>
  withTempPath(async (path) => {
    // The last process: a full cycle, two that failed (a stop not counted), an incremental one between.
    const before = openLedger(path, { now: steppingClock() });
    const run = (kind: string, outcome: "ok" | "partial" | "failed", counts = {}, error?: string) =>
      before.finishRun(before.startRun(kind), outcome, counts, error);
    run("products-full", "ok", { created: 30 });
    before.setBookmark("products", "2026-11-28T10:00:00.000Z"); // the window that full cycle left
    run("products-full", "failed", {}, "status 500 on page 3");
    run("products-incremental", "partial", { updated: 2, failed: 1, problems: 1 });
    run("products-full", "failed", {}, "status 502 on page 4");
    run("products-full", "failed", {}, STOPPED);
    before.putSettings({}, undefined, true); // a settings change owes a full cycle
    before.close();

    const ledger = openLedger(path);
    // The new process's first cycle (a full one) is still running.
    const { supervisor, health } = wired(ledger, () => new Promise<CycleSummary>(() => {}));
    try {
      supervisor.start();
      const app = createApp({ health, feed: () => Promise.reject(new Error("no feed")), token: "t0k3n" });
      const res = await app.request("/health");
      const body = await res.json();
      assert.equal(res.status, 200);
      assert.equal(body.status, "degraded");
      const sync = body.actors.productSync;
      assert.equal(sync.state, "running");
      const partial = ledger.lastRuns(5).find((r) => r.kind === "products-incremental")!;
      assert.deepEqual(sync.lastCycle, {
        mode: "incremental",
        finishedAt: partial.finishedAt,
        created: 0,
        updated: 2,
        failed: 1,
        problems: 1,
        run: partial.id,
        outcome: "partial",
      });
      assert.deepEqual(sync.fullOwed, { failures: 2, lastError: "status 502 on page 4", settingsVersion: 1 });
      assert.deepEqual(body.reasons, [
        "productSync's full reconciliation has failed 2 times in a row and is still owed (incremental cycles " +
        "run meanwhile): status 502 on page 4",
      ]);
    } finally {
      supervisor.stop();
      ledger.close();
    }
  }));

Deno.test("before anything was synced, a failing first cycle does not say incremental cycles run meanwhile", () =>
  withTempPath(async (path) => {
    // A first start with SQL Server out of reach: no bookmark, so every cycle is a full one until one ends well.
    const ledger = openLedger(path);
    const { supervisor, health } = wired(ledger, () => Promise.reject(new Error("SQL Server down")));
    try {
      supervisor.start();
      for (let i = 0; i < 10; i++) await Promise.resolve(); // the rejected cycle reaches the actor
      const { reasons } = health();
      assert.deepEqual(reasons, [
        "productSync's full reconciliation has failed 1 time in a row and is still owed (nothing has been " +
        "synced yet: every cycle is a full one until one ends well): SQL Server down",
      ]);
    } finally {
      supervisor.stop();
      ledger.close();
    }
  }));

Deno.test("after a full cycle failed fatally and productSync restarted, the reasons say that failure, not an earlier one", () =>
  withTempPath(async (path) => {
    const ledger = openLedger(path);
    ledger.setBookmark("products", "2026-11-28T10:00:00.000Z"); // incremental cycles can run
    const clock = new SimulatedClock();
    const fulls = [
      () => Promise.reject(new Error("status 502 on page 4")),
      () =>
        Promise.reject(
          new IntegrationError("fatal", "Login failed for user 'eticaret'", { system: "nebim-sql" }),
        ),
      () => new Promise<CycleSummary>(() => {}), // the restarted child's first cycle, still running
    ];
    const ok = { finishedAt: "2026-11-28T10:01:00.000Z", created: 0, updated: 0, failed: 0, problems: 0 };
    const { supervisor, health } = wired(
      ledger,
      (input) =>
        input.mode === "full" ? fulls.shift()!() : Promise.resolve({ ...ok, mode: "incremental" as const }),
      clock,
    );
    try {
      supervisor.start();
      await settle(); // the full cycle failed retriably: backing off one interval
      clock.increment(30_000); // the incremental cycle between ends well, then the full one fails fatally
      await settle();
      clock.increment(5_000); // the supervisor's restart delay
      await settle();
      const h = health();
      assert.equal(h.actors.productSync!.lastError, "Login failed for user 'eticaret'");
      assert.equal(h.status, "degraded");
      // The fatal failure is not one of the full's in a row (the restart is its retry): said as the last one.
      assert.deepEqual(h.reasons, [
        "productSync is retrying after 1 failed cycle (the last one full): Login failed for user 'eticaret'",
        "productSync's full reconciliation has failed 1 time in a row and is still owed (incremental cycles " +
        "run meanwhile): status 502 on page 4",
      ]);
    } finally {
      supervisor.stop();
      ledger.close();
    }
  }));

Deno.test("in feed-only mode a failing full feed cycle says incremental feed cycles run meanwhile, not that nothing was synced", () =>
  withTempPath(async (path) => {
    // feed.insteadOfApi: the feed's cycles keep their own bookmark; the API sync's ("products") stays unset.
    const ledger = openLedger(path);
    ledger.setBookmark(FEED_BOOKMARK, "2026-11-28T10:00:00.000Z");
    const settings = parseSettings({ feed: { insteadOfApi: true } });
    const { supervisor, health } = wired(
      ledger,
      () => Promise.reject(new Error("Transaction (Process ID 57) was deadlocked")),
      new SimulatedClock(),
      settings,
    );
    try {
      supervisor.start();
      await settle();
      assert.deepEqual(health().reasons, [
        "productSync's full reconciliation has failed 1 time in a row and is still owed (incremental cycles " +
        "run meanwhile): Transaction (Process ID 57) was deadlocked",
      ]);
    } finally {
      supervisor.stop();
      ledger.close();
    }
  }));

Deno.test("/health shows the full cycle the store owes (codes it lost), with its reason, the status left as it was", () =>
  withTempPath((path) => {
    const reason = "the store no longer has 1 stock code the agent pushed (deleted or re-coded in its panel)";
    const before = openLedger(path);
    before.setBookmark("products", "2026-11-28T10:00:00.000Z");
    before.setBookmark(STORE_OWED, reason); // a `sync products --once` found it
    before.close();
    const ledger = openLedger(path);
    const { supervisor, health } = wired(ledger, () => new Promise<CycleSummary>(() => {}));
    try {
      supervisor.start();
      const h = health();
      assert.deepEqual(h.actors.productSync!.fullOwed, { failures: 0, lastError: null, byStore: reason });
      assert.deepEqual([h.status, h.reasons], ["ok", []]);
      assert.equal(h.actors.priceRules!.fullOwed, undefined);
      // Paid by a full cycle that ended well: no longer shown.
      ledger.setBookmark(STORE_OWED, "");
      assert.equal(health().actors.productSync!.fullOwed, undefined);
    } finally {
      supervisor.stop();
      ledger.close();
    }
  }));
