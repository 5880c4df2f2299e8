/**
 * The running agent on the simulators, when a setting changes while a cycle is under way.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { startAgent } from "../../main.ts";
import { sweaters } from "../support/sweaters.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a nebim.sql change made while a full cycle reads Nebim does not fail that cycle: the old pool closes after it", async () => {
  const h = await syncHarness(sweaters(5));
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.context.lastCycle?.mode === "full");
    const errors: string[] = [];
    const ended: { mode: string }[] = [];
    const watching = sync.subscribe((s) => {
      if (s.context.lastError) errors.push(s.context.lastError);
      if (s.context.lastCycle !== ended.at(-1)) ended.push(s.context.lastCycle);
    });
    // The operator's change comes as the next full cycle asks SQL Server for its first page of items.
    let changed = false;
    h.sims.sqlLog.onRequest = (e) => {
      if (changed || !e.name.includes("nebim:itemCodesPage")) return;
      changed = true;
      agent.settings.update({ nebim: { sql: { requestTimeoutMs: 31_000 } } });
    };
    agent.supervisor.send({ type: "fullNow" });
    // That full cycle, then the one the change asks for (on the new pool); or the first failure.
    await waitFor(sync, (s) => s.context.lastError !== null || ended.length >= 3);
    watching.unsubscribe();
    assert.equal(changed, true);
    assert.deepEqual(errors, []);
    assert.deepEqual(ended.slice(1).map((c) => c.mode), ["full", "incremental"]);
    assert.equal(sync.getSnapshot().context.fullFailures, 0);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("a nebim.sql change made while the XML feed is built does not fail the build: the feed is served", async () => {
  const h = await syncHarness(sweaters(5));
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.context.lastCycle?.mode === "full" && s.value.working?.cycle === "idle");
    // The operator's change comes as the build asks SQL Server for its first page of items.
    let changed = false;
    h.sims.sqlLog.onRequest = (e) => {
      if (changed || !e.name.includes("nebim:itemCodesPage")) return;
      changed = true;
      agent.settings.update({ nebim: { sql: { requestTimeoutMs: 31_000 } } });
    };
    const res = await fetch(agent.feedUrl);
    const body = await res.text();
    assert.equal(changed, true);
    assert.equal(res.status, 200, body);
    assert.match(body, /KZK-100/);
  } finally {
    await agent.stop();
    await h.close();
  }
});
