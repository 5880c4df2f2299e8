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

Deno.test("a nebim.sql change made while a cycle logs in to SQL Server is no failed cycle: the next runs with it", async () => {
  const h = await syncHarness(sweaters(2));
  // A SQL Server that takes the connection and has not answered the login yet (a slow or stalled network).
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const accepted = listener.accept();
  const doc = h.config() as { nebim: { sql: Record<string, unknown> } };
  const port = doc.nebim.sql.port;
  doc.nebim.sql.port = listener.addr.port;
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: doc, port: 0 });
  const socket = await accepted;
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    const seen: unknown[] = [];
    const watching = sync.subscribe((s) => {
      const { failures, fullFailures, lastError, lastFailedAs } = s.context;
      if (failures || fullFailures || lastError || lastFailedAs) seen.push(s.context);
    });
    // The operator's fix of the port, as the first full cycle's login waits.
    agent.settings.update({ nebim: { sql: { port } } });
    await waitFor(sync, (s) => s.context.lastCycle?.mode === "full" || seen.length > 0);
    watching.unsubscribe();
    assert.deepEqual(seen, []);
    const health = await (await fetch(agent.healthUrl)).json();
    assert.deepEqual([health.status, health.reasons], ["ok", []]);
  } finally {
    socket.close();
    listener.close();
    await agent.stop();
    await h.close();
  }
});
