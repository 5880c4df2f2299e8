/**
 * The running agent on the simulators, when a full reconciliation keeps failing on something only a full cycle
 * reads (here Nebim's list of every item, a deadlock victim each time): stock still reaches the store by the
 * incremental cycles between its retries, and /health stays degraded until a full cycle ends well.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { startAgent } from "../../main.ts";
import { sweaters } from "../support/sweaters.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { FULL_OWED } from "../../ledger/settings.ts";

/** The agent after its first full sync, with Nebim's full item list failing from now on. */
async function failingFulls() {
  const h = await syncHarness(sweaters(5));
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
  await waitFor(sync, (s) => s.context.lastCycle?.mode === "full");
  h.sims.sqlFaults.once("error", {
    match: "nebim:itemCodesPage",
    times: 1_000,
    detail:
      "Transaction (Process ID 57) was deadlocked on lock resources with another process and has been " +
      "chosen as the deadlock victim. Rerun the transaction.",
    sql: { number: 1205, state: 51, severity: 13 },
  });
  return {
    h,
    agent,
    sync,
    // Full cycles failed so far, by the simulator's log: waited on so, a test of the old actor fails, not hangs.
    failedFulls: () => h.sims.sqlLog.entries("nebim:itemCodesPage").filter((e) => e.fault).length,
    backingOff: (s: { value: { working?: { cycle?: string } } }) => s.value.working?.cycle === "backingOff",
  };
}

/**
 * After the first failed full cycle: a stock change in Nebim, and the retry asked at once. It is incremental and
 * brings the stock to the store; the full cycle owed follows it, and fails again.
 */
async function stockBetweenFulls(w: Awaited<ReturnType<typeof failingFulls>>) {
  w.h.data.update("trStock", (r) => r.ItemCode === "KZK-100", { In_Qty1: 7 });
  w.h.clock.advance(1_000);
  w.agent.supervisor.send({ type: "syncNow" });
  await waitFor(w.sync, (s) => w.failedFulls() === 2 && w.backingOff(s));
  assert.equal(w.sync.getSnapshot().context.lastCycle.mode, "incremental");
  assert.equal(w.h.variant("8690000010000")!.variant.quantity, 7, "the stock reached the store");
}

/** The fault cleared and a full cycle asked for: it ends well, and /health is ok with nothing owed. */
async function mended(
  h: Awaited<ReturnType<typeof failingFulls>>["h"],
  agent: { supervisor: AnyActorRef; healthUrl: string },
  sync: AnyActorRef,
) {
  h.sims.sqlFaults.clear();
  agent.supervisor.send({ type: "fullNow" });
  agent.supervisor.send({ type: "syncNow" });
  await waitFor(sync, (s) => s.context.lastCycle?.mode === "full");
  const health = await (await fetch(agent.healthUrl)).json();
  assert.deepEqual([health.status, health.reasons, health.actors.productSync.fullOwed], [
    "ok",
    [],
    undefined,
  ]);
}

Deno.test("a full cycle that keeps failing does not stop stock reaching the store, and /health says so until one ends well", async () => {
  const w = await failingFulls();
  const { h, agent, sync, failedFulls, backingOff } = w;
  const health = async () => await (await fetch(agent.healthUrl)).json();
  try {
    agent.supervisor.send({ type: "fullNow" });
    await waitFor(sync, (s) => failedFulls() === 1 && backingOff(s));

    await stockBetweenFulls(w);
    const failing = await health();
    assert.equal(failing.status, "degraded");
    assert.equal(failing.actors.productSync.fullOwed.failures, 2);
    assert.equal(failing.actors.productSync.lastFailedAs, "full");
    // Said once: not also as "retrying after 1 failed cycle" with the same error (the one since the
    // incremental cycle that ended well, the full's second).
    assert.equal(failing.reasons.length, 1, failing.reasons.join("\n"));
    assert.match(
      failing.reasons[0],
      /^productSync's full reconciliation has failed 2 times in a row and is still owed .*deadlock victim/,
    );

    // Mended: the full cycle asked for runs at the next attempt and ends well.
    await mended(h, agent, sync);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("a price change whose full cycle keeps failing: the ledger's mark of it does not make the incremental cycles between full too", async () => {
  const w = await failingFulls();
  const { h, agent, sync, failedFulls, backingOff } = w;
  try {
    // Stored through the settings store: the ledger owes the re-price (a restart would run it), and so does the
    // actor, which runs it at once; it fails.
    agent.settings.update({ pricing: { site: { percent: 50 } } });
    assert.ok(agent.ledger.getBookmark(FULL_OWED), "the ledger owes a full cycle");
    await waitFor(sync, (s) => failedFulls() === 1 && backingOff(s));

    await stockBetweenFulls(w);
    assert.ok(agent.ledger.getBookmark(FULL_OWED), "still owed");

    h.sims.sqlFaults.clear();
    agent.supervisor.send({ type: "fullNow" });
    agent.supervisor.send({ type: "syncNow" });
    await waitFor(sync, (s) => s.context.lastCycle?.mode === "full");
    assert.equal(agent.ledger.getBookmark(FULL_OWED), "", "paid by the full cycle that ended well");
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("after a restart /health counts the full reconciliation's failures before it, until a full cycle ends well", async () => {
  const w = await failingFulls();
  const { h, failedFulls, backingOff } = w;
  let agent = w.agent;
  const health = async () => await (await fetch(agent.healthUrl)).json();
  try {
    agent.supervisor.send({ type: "fullNow" });
    await waitFor(w.sync, (s) => failedFulls() === 1 && backingOff(s));
    await stockBetweenFulls(w);
    await agent.stop();

    // The new process's first cycle is full, and fails as well: the third in a row, not the first.
    agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => failedFulls() === 3 && backingOff(s));
    const failing = await health();
    assert.equal(failing.status, "degraded");
    assert.equal(failing.actors.productSync.fullOwed.failures, 3);
    assert.match(failing.actors.productSync.fullOwed.lastError, /deadlock victim/);
    // No cycle of this process ended well: the last that did is the ledger's, the incremental one.
    assert.deepEqual(
      [failing.actors.productSync.lastCycle.mode, failing.actors.productSync.lastCycle.outcome],
      ["incremental", "ok"],
    );

    await mended(h, agent, sync);
  } finally {
    await agent.stop();
    await h.close();
  }
});
