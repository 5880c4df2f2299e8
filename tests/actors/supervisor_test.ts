import assert from "node:assert/strict";
import { type AnyActorRef, createActor, fromPromise, SimulatedClock } from "xstate";
import { type CycleInput, productSyncMachine } from "../../actors/product_sync.ts";
import type { priceRulesMachine } from "../../actors/price_rules.ts";
import { supervisorMachine } from "../../actors/supervisor.ts";
import { childViews } from "../../agent/child_views.ts";
import { IntegrationError } from "../../errors.ts";
import { parseSettings } from "../../settings/mod.ts";
import { cycleStub, heldCycles, settle, startSupervisor } from "../support/product_sync_stub.ts";

const settings = parseSettings({ schedule: { productsEverySec: 30, fullReconcileEveryMin: 600 } });

function start(cycle: (input: CycleInput) => void) {
  const { calls, actor: runCycle } = cycleStub(cycle);
  return { ...startSupervisor(runCycle, settings), calls };
}

Deno.test("supervisor starts productSync with the rules from priceRules", async () => {
  const { actor, calls } = start(() => {});
  await settle();
  assert.deepEqual(calls.map((c) => c.mode), ["full"]);
  actor.stop();
});

Deno.test("supervisor restarts a failed productSync with a doubling backoff capped at maxRestartMs", async () => {
  const { actor, clock, calls } = start(() => {
    throw new IntegrationError("fatal", "Login failed for user 'eticaret_ro'.", { system: "nebim-sql" });
  });
  await settle();
  const delays = [1_000, 2_000, 4_000, 4_000];
  for (const d of delays) {
    const before = calls.length;
    clock.increment(d - 1);
    await settle();
    assert.equal(calls.length, before, `no restart before ${d} ms`);
    clock.increment(1);
    await settle();
    assert.equal(calls.length, before + 1, `restart after ${d} ms`);
  }
  const ctx = actor.getSnapshot().context;
  assert.equal(ctx.restarts.productSync, 5);
  assert.match(ctx.lastError.productSync ?? "", /Login failed/);
  actor.stop();
});

Deno.test("supervisor resets the backoff once a restarted child succeeds", async () => {
  let failing = true;
  const { actor, clock, calls } = start(() => {
    if (failing) throw new IntegrationError("fatal", "down", { system: "qukasoft" });
  });
  await settle();
  clock.increment(1_000);
  await settle();
  failing = false;
  clock.increment(2_000);
  await settle();
  assert.equal(calls.length, 3);
  assert.equal(actor.getSnapshot().context.failures.productSync, 0);
  assert.equal(actor.getSnapshot().context.lastError.productSync, null);
  actor.stop();
});

Deno.test("supervisor forwards a pricing change: priceRules re-prices the whole catalogue with the new margin", async () => {
  const { actor, calls } = start(() => {});
  await settle();
  const next = parseSettings({ pricing: { site: { percent: 40, amount: 0 } } });
  actor.send({ type: "settingsChanged", settings: next, changed: ["pricing.site.percent"] });
  await settle();
  assert.deepEqual(calls.map((c) => c.mode), ["full", "full"]);
  assert.equal(calls[1]!.rules.site.percent, 40);
  const rules = actor.system.get("priceRules") as AnyActorRef;
  assert.equal(rules.getSnapshot().context.reprices, 1);
  actor.stop();
});

Deno.test("supervisor does not re-price on a change that is not about prices", async () => {
  const { actor, calls } = start(() => {});
  await settle();
  const next = parseSettings({ schedule: { productsEverySec: 60 } });
  actor.send({ type: "settingsChanged", settings: next, changed: ["schedule.productsEverySec"] });
  await settle();
  assert.equal(calls.length, 1);
  const ps = actor.system.get("productSync") as AnyActorRef;
  assert.equal(ps.getSnapshot().context.intervalMs, 60_000);
  actor.stop();
});

Deno.test("supervisor runs a full cycle at once on a catalogue change that is not about prices", async () => {
  const { actor, calls } = start(() => {});
  await settle();
  const next = parseSettings({ catalog: { safetyStock: 2 } });
  actor.send({ type: "settingsChanged", settings: next, changed: ["catalog.safetyStock"] });
  await settle();
  assert.deepEqual(calls.map((c) => c.mode), ["full", "full"]);
  const rules = actor.system.get("priceRules") as AnyActorRef;
  assert.equal(rules.getSnapshot().context.reprices, 0, "not a re-price");
  actor.stop();
});

Deno.test("supervisor runs the full cycle another database to read asks for first, not an incremental one on the old one's bookmark", async () => {
  const { actor, calls } = start(() => {});
  await settle();
  // A move to a new server: a connection (tried now) and a full cycle (the rows there have another history).
  actor.send({ type: "settingsChanged", settings, changed: ["nebim.sql.host", "nebim.sql.database"] });
  await settle();
  assert.equal(calls[1]?.mode, "full", `the first cycle after the change, of ${calls.map((c) => c.mode)}`);
  actor.stop();
});

Deno.test("supervisor takes a settings change while productSync is restarting: the child restarts now and re-prices with it", async () => {
  // The usual way in: a wrong login stops productSync, and the operator corrects it during the restart delay.
  let failing = true;
  const { actor, calls } = start(() => {
    if (failing) {
      throw new IntegrationError("fatal", "Login failed for user 'eticaret_ro'.", { system: "nebim-sql" });
    }
  });
  const errors: unknown[] = [];
  actor.subscribe({ error: (e) => errors.push(e) });
  await settle();
  assert.equal((actor.getSnapshot().value as Record<string, string>).productSync, "restarting");
  const next = parseSettings({
    nebim: { sql: { password: "corrected" } },
    pricing: { site: { percent: 40, amount: 0 } },
    schedule: { productsEverySec: 60 },
  });
  failing = false;
  actor.send({
    type: "settingsChanged",
    settings: next,
    changed: ["nebim.sql.password", "pricing.site.percent", "schedule.productsEverySec"],
  });
  await settle();
  // No clock moved: the rest of the restart delay (up to maxRestartMs, 5 minutes in the agent) is not waited.
  assert.deepEqual(errors, []);
  assert.equal(actor.getSnapshot().status, "active");
  assert.deepEqual(calls.map((c) => [c.mode, c.rules.site.percent]), [["full", 0], ["full", 40]]);
  const ps = actor.system.get("productSync") as AnyActorRef;
  assert.equal(ps.getSnapshot().context.intervalMs, 60_000);
  assert.equal(actor.getSnapshot().context.failures.productSync, 0, "the restarted child's cycle ended well");
  actor.stop();
});

Deno.test("supervisor restarts a productSync waiting out its restart delay at once when a cycle is asked for now", async () => {
  for (const type of ["syncNow", "fullNow"] as const) {
    let failing = true;
    const { actor, clock, calls } = start(() => {
      if (failing) throw new IntegrationError("fatal", "down", { system: "qukasoft" });
    });
    await settle();
    assert.equal((actor.getSnapshot().value as Record<string, string>).productSync, "restarting");
    actor.send({ type }); // still failing: restarted, fails again, and waits a doubled delay
    await settle();
    assert.equal(calls.length, 2, type);
    assert.equal(actor.getSnapshot().context.failures.productSync, 2);
    failing = false;
    clock.increment(1_999);
    await settle();
    assert.equal(calls.length, 2, `${type}: the doubled delay holds`);
    actor.send({ type });
    await settle();
    assert.deepEqual(calls.map((c) => c.mode), ["full", "full", "full"], type);
    assert.equal((actor.getSnapshot().value as Record<string, string>).productSync, "running");
    actor.stop();
  }
});

Deno.test("supervisor caps productSync's own backoff at maxRestartMs", async () => {
  const { actor, clock, calls } = start(() => {
    throw new IntegrationError("retriable", "SQL Server unreachable", { system: "nebim-sql" });
  });
  await settle();
  clock.increment(3_999); // the interval is 30 s; the cap 4 s
  await settle();
  assert.equal(calls.length, 1);
  clock.increment(1);
  await settle();
  assert.equal(calls.length, 2);
  actor.stop();
});

/** A supervisor whose priceRules region runs a stand-in that fails as it starts, counting its starts. */
function startFailingPriceRules() {
  const { calls, actor: runCycle } = cycleStub(() => {});
  const clock = new SimulatedClock();
  const counter = { starts: 0 };
  const priceRules = fromPromise(() => {
    counter.starts++;
    return Promise.reject(new Error("cannot read the price rules"));
  }) as unknown as typeof priceRulesMachine;
  const machine = supervisorMachine.provide({
    actors: { productSync: productSyncMachine.provide({ actors: { runCycle } }), priceRules },
  });
  const actor = createActor(machine, {
    input: { settings, restartMs: 1_000, maxRestartMs: 4_000 },
    clock,
    systemId: "supervisor",
  }).start();
  return { actor, clock, calls, counter };
}

Deno.test("supervisor restarts a failed priceRules with a doubling backoff capped at maxRestartMs", async () => {
  // A stand-in that fails as it starts: the supervisor restarts whatever its priceRules region runs.
  const { actor, clock, calls, counter } = startFailingPriceRules();
  await settle();
  for (const d of [1_000, 2_000, 4_000, 4_000]) {
    const before = counter.starts;
    clock.increment(d - 1);
    await settle();
    assert.equal(counter.starts, before, `no restart before ${d} ms`);
    clock.increment(1);
    await settle();
    assert.equal(counter.starts, before + 1, `restart after ${d} ms`);
  }
  assert.equal(actor.getSnapshot().context.lastError.priceRules, "cannot read the price rules");
  assert.equal(calls.length, 0, "productSync waits for rules");
  actor.stop();
});

Deno.test("supervisor passes a cycle asked for now (syncNow) to productSync", async () => {
  const { actor, calls } = start(() => {});
  await settle();
  actor.send({ type: "syncNow" });
  await settle();
  assert.deepEqual(calls.map((c) => c.mode), ["full", "incremental"]);
  actor.stop();
});

Deno.test("a productSync restarted after a fatal error keeps the failed full cycles and the failed mode /health shows, until a full one ends well", async () => {
  const page = new IntegrationError("retriable", "Cannot list products in Qukasoft: page 4", {
    system: "qukasoft",
  });
  const login = new IntegrationError("fatal", "Login failed for user 'eticaret_ro'.", {
    system: "nebim-sql",
  });
  // Each cycle is left running until it is ended here.
  const { modes, actor: runCycle, end } = heldCycles();
  const { actor, clock } = startSupervisor(runCycle, settings);
  const view = () =>
    childViews(
      actor.getSnapshot(),
      (name) => (actor.system.get(name) as AnyActorRef | undefined)?.getSnapshot(),
    )
      .productSync;
  try {
    await settle();
    end(page); // the first full cycle fails on a page: one failed full
    await settle();
    clock.increment(4_000); // its backoff (capped at 4 s): an incremental cycle, which fails fatally
    await settle();
    end(login);
    await settle();
    clock.increment(1_000); // restarted: its first cycle is a full one, under way
    await settle();
    assert.deepEqual(modes, ["full", "incremental", "full"]);
    assert.deepEqual([view().fullOwed, view().lastFailedAs], [
      { failures: 1, lastError: "Cannot list products in Qukasoft: page 4" },
      "incremental",
    ]);
    // That full cycle fails fatally too (the restarts say so): the page's failure is still the full's.
    end(login);
    await settle();
    clock.increment(2_000);
    await settle();
    assert.deepEqual(modes, ["full", "incremental", "full", "full"]);
    assert.deepEqual([view().fullOwed, view().lastFailedAs], [
      { failures: 1, lastError: "Cannot list products in Qukasoft: page 4" },
      "full",
    ]);
    end(undefined);
    await settle();
    assert.deepEqual([view().fullOwed, view().lastFailedAs], [undefined, undefined]);
  } finally {
    actor.stop();
  }
});

Deno.test("supervisor restarts a priceRules waiting out its restart delay at once on a settings change", async () => {
  const { actor, counter } = startFailingPriceRules();
  await settle();
  assert.equal(counter.starts, 1);
  const next = parseSettings({ pricing: { site: { percent: 40, amount: 0 } } });
  actor.send({ type: "settingsChanged", settings: next, changed: ["pricing.site.percent"] });
  await settle();
  assert.equal(counter.starts, 2, "started again with no clock moved");
  actor.stop();
});

Deno.test("supervisor has a productSync backing off a retriable failure try at once when a connection setting changes", async () => {
  let failing = true;
  const { actor, calls } = start(() => {
    if (failing) throw new IntegrationError("retriable", "SQL Server unreachable", { system: "nebim-sql" });
  });
  await settle();
  assert.equal(calls.length, 1);
  // Not a connection: the backoff holds (a store's Retry-After among them).
  const slower = parseSettings({ schedule: { productsEverySec: 60, fullReconcileEveryMin: 600 } });
  actor.send({ type: "settingsChanged", settings: slower, changed: ["schedule.productsEverySec"] });
  await settle();
  assert.equal(calls.length, 1);
  failing = false;
  const fixed = parseSettings({
    schedule: { productsEverySec: 60, fullReconcileEveryMin: 600 },
    qukasoft: { baseUrl: "https://magaza.example.com/api" },
  });
  actor.send({ type: "settingsChanged", settings: fixed, changed: ["qukasoft.baseUrl"] });
  await settle();
  // No clock moved: an incremental cycle now, which ends well, then the full one the failure left owed.
  assert.deepEqual(calls.map((c) => c.mode), ["full", "incremental", "full"]);
  assert.equal(actor.getSnapshot().context.failures.productSync, 0);
  actor.stop();
});

Deno.test("a priceRules restarted after a failure reports itself healthy and re-prices with a price change made meanwhile", async () => {
  const { actor, calls } = start(() => {});
  try {
    await settle();
    assert.deepEqual(calls.map((c) => c.mode), ["full"]);
    // A stand-in for any failure of priceRules: a document its rules cannot be made from fails it.
    const broken = { ...settings, pricing: undefined } as unknown as typeof settings;
    actor.send({ type: "settingsChanged", settings: broken, changed: ["pricing.site.percent"] });
    await settle();
    assert.equal((actor.getSnapshot().value as Record<string, string>).priceRules, "restarting");
    assert.equal(actor.getSnapshot().context.failures.priceRules, 1);
    // The operator's next price change restarts it now: the catalogue is re-priced with it.
    const next = parseSettings({
      schedule: { productsEverySec: 30, fullReconcileEveryMin: 600 },
      pricing: { site: { percent: 40, amount: 0 } },
    });
    actor.send({ type: "settingsChanged", settings: next, changed: ["pricing.site.percent"] });
    await settle();
    assert.deepEqual(calls.map((c) => [c.mode, c.rules.site.percent]), [["full", 0], ["full", 40]]);
    assert.equal(actor.getSnapshot().context.failures.priceRules, 0, "healthy again");
    assert.equal(actor.getSnapshot().context.lastError.priceRules, null);
  } finally {
    actor.stop();
  }
});

Deno.test("a settings change that does not concern a child waiting out its restart delay leaves the delay to run", async () => {
  const { actor, clock, calls } = start(() => {
    throw new IntegrationError("fatal", "Qukasoft answered 401", { system: "qukasoft" });
  });
  try {
    await settle();
    assert.equal(calls.length, 1);
    // For orders only: productSync's failure is not mended by it.
    const next = parseSettings({
      schedule: { productsEverySec: 30, fullReconcileEveryMin: 600, ordersEverySec: 60 },
      nebim: { integrator: { password: "new" } },
    });
    actor.send({
      type: "settingsChanged",
      settings: next,
      changed: ["schedule.ordersEverySec", "nebim.integrator.password"],
    });
    await settle();
    assert.equal(calls.length, 1, "the restart delay holds");
    clock.increment(1_000);
    await settle();
    assert.equal(calls.length, 2);
  } finally {
    actor.stop();
  }
  const failing = startFailingPriceRules();
  try {
    await settle();
    const next = parseSettings({ catalog: { safetyStock: 2 } });
    failing.actor.send({ type: "settingsChanged", settings: next, changed: ["catalog.safetyStock"] });
    await settle();
    assert.equal(failing.counter.starts, 1, "not a price setting: priceRules' delay holds");
    failing.clock.increment(1_000);
    await settle();
    assert.equal(failing.counter.starts, 2);
  } finally {
    failing.actor.stop();
  }
});
