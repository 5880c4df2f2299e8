/**
 * The running agent on the simulators, when the operator mends the setting a cycle fails on: the next cycle
 * runs at once, with the new value, not after the rest of the supervisor's restart delay (a fatal failure) or
 * productSync's backoff (a retriable one), and /health turns ok.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { type RunningAgent, startAgent } from "../../main.ts";
import { CANTA } from "../support/items.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

type Doc = { nebim: { sql: Record<string, unknown> }; qukasoft: Record<string, unknown> };

const health = async (url: string) => await (await fetch(url)).json();

/**
 * Stores `patch` through the agent's settings, and says what the supervisor's productSync region and the
 * productSync child's cycle were as the supervisor took the change.
 */
async function mend(agent: RunningAgent, patch: unknown) {
  let seen: { region: unknown; cycle: unknown } | undefined;
  const sub = agent.supervisor.system.inspect((e) => {
    if (
      e.type === "@xstate.snapshot" && e.actorRef === agent.supervisor && e.event.type === "settingsChanged"
    ) {
      const sync = agent.supervisor.system.get("productSync") as AnyActorRef | undefined;
      seen = {
        region: (e.snapshot as unknown as { value: Record<string, unknown> }).value.productSync,
        cycle: (sync?.getSnapshot() as { value?: { working?: { cycle?: string } } } | undefined)
          ?.value?.working?.cycle,
      };
    }
  });
  try {
    agent.settings.update(patch);
    await waitFor(agent.supervisor, () => seen !== undefined);
    return seen!;
  } finally {
    sub.unsubscribe();
  }
}

/** The full cycle the mended settings ran ended well: the bag is in the store, and /health is ok. */
async function synced(h: SyncHarness, agent: RunningAgent) {
  const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
  await waitFor(sync, (s) => s.context.lastCycle?.mode === "full");
  const ok = await health(agent.healthUrl);
  assert.deepEqual([ok.status, ok.reasons], ["ok", []]);
  assert.equal(h.variant("8690000000031")!.variant.quantity, 1);
}

Deno.test("a wrong SQL password corrected through the settings: productSync restarts at once, and /health turns ok", async () => {
  const h = await syncHarness([CANTA]);
  const doc = h.config() as Doc;
  const password = doc.nebim.sql.password;
  doc.nebim.sql.password = "wrong";
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: doc, port: 0 });
  try {
    await waitFor(agent.supervisor, (s) => s.context.lastError.productSync !== null);
    assert.equal(agent.supervisor.getSnapshot().value.productSync, "restarting");
    const failing = await health(agent.healthUrl);
    assert.equal(failing.status, "failing");
    assert.match(failing.reasons[0], /^productSync is restarting: .*Login failed for user 'eticaret_ro'/);

    const seen = await mend(agent, { nebim: { sql: { password } } });
    // Taken while the restart delay (5 s, doubling) still ran: the child started on the change itself.
    assert.equal(seen.region, "running");
    await synced(h, agent);
  } finally {
    await agent.stop();
    await h.close();
  }
});

Deno.test("a store URL on a closed port corrected through the settings: productSync backing off tries at once, and /health turns ok", async () => {
  const h = await syncHarness([CANTA]);
  const doc = h.config() as Doc;
  const baseUrl = doc.qukasoft.baseUrl;
  const closed = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  doc.qukasoft.baseUrl = `http://127.0.0.1:${closed.addr.port}/api`;
  closed.close();
  // The store client's retries of the refused connection are not slept.
  const storeTesting = { sleep: () => Promise.resolve() };
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: doc, port: 0, storeTesting });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.value.working?.cycle === "backingOff");
    assert.match(sync.getSnapshot().context.lastError, /connection refused/);
    assert.equal((await health(agent.healthUrl)).status, "degraded");

    const seen = await mend(agent, { qukasoft: { baseUrl } });
    // Its backoff (the 30 s interval) still ran: the cycle started on the change itself.
    assert.equal(seen.cycle, "running");
    await synced(h, agent);
  } finally {
    await agent.stop();
    await h.close();
  }
});
