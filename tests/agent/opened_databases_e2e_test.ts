/**
 * The agent restarted while SQL Server still recovers Nebim's database (after a reboot the service often starts
 * first): its logins fail with 4060, as they do for a database name that is wrong. The database this agent
 * opened before with the same settings (agent/opened_databases.ts, in the ledger) is waited for as retriable,
 * /health degraded rather than failing; a database never opened stays a setting to fix.
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { type RunningAgent, startAgent } from "../../main.ts";
import { openLedger } from "../../ledger/ledger.ts";
import { OPENED_DATABASE } from "../../agent/opened_databases.ts";
import { sweaters } from "../support/sweaters.ts";
import { syncHarness } from "../support/sync_harness.ts";

const productSync = (agent: RunningAgent) => agent.supervisor.system.get("productSync") as AnyActorRef;
const health = async (agent: RunningAgent) => await (await fetch(agent.healthUrl)).json();

Deno.test("restarted while SQL Server recovers the database it opened before: 4060 is waited out as degraded, then the sync goes on", async () => {
  const h = await syncHarness(sweaters(3));
  const dataDir = `${h.dataDir}/agent`;
  try {
    const first = await startAgent({ dataDir, configDoc: h.config(), port: 0 });
    try {
      await waitFor(productSync(first), (s) => s.context.lastCycle?.mode === "full");
    } finally {
      await first.stop();
    }
    h.sims.tds.setRestoring(true); // the reboot: SQL Server takes logins, the database is not open yet
    const agent = await startAgent({ dataDir, configDoc: h.config(), port: 0 });
    try {
      const sync = productSync(agent);
      // A fatal error would end the child (the supervisor restarting it): waitFor then rejects.
      await waitFor(sync, (s) => s.context.failures > 0);
      const waiting = await health(agent);
      assert.equal(waiting.status, "degraded", waiting.reasons.join("\n"));
      assert.match(waiting.reasons.join("\n"), /#4060\); the database cannot be opened now/);
      h.sims.tds.setRestoring(false);
      // The failed cycle was the process's first, a full one: owed until one ends well (its retry asked now).
      agent.supervisor.send({ type: "fullNow" });
      agent.supervisor.send({ type: "syncNow" });
      await waitFor(sync, (s) => s.context.lastCycle?.mode === "full" && s.context.failures === 0);
      const after = await health(agent);
      assert.equal(after.status, "ok", after.reasons.join("\n"));
    } finally {
      await agent.stop();
    }
  } finally {
    await h.close();
  }
});

Deno.test("a database this agent never opened that fails with 4060 is still a setting to fix, and nothing is remembered", async () => {
  const h = await syncHarness(sweaters(1));
  const dataDir = `${h.dataDir}/agent`;
  try {
    h.sims.tds.setRestoring(true);
    const agent = await startAgent({ dataDir, configDoc: h.config(), port: 0 });
    try {
      // Fatal: the supervisor ends the child and restarts it after its delay.
      await waitFor(agent.supervisor, (s) => s.context.restarts.productSync > 0);
      const failing = await health(agent);
      assert.equal(failing.status, "failing");
      assert.match(failing.reasons.join("\n"), /#4060\); check nebim\.sql\.database/);
    } finally {
      await agent.stop();
    }
    const ledger = openLedger(`${dataDir}/ledger.sqlite`);
    try {
      assert.equal(ledger.getBookmark(OPENED_DATABASE), undefined);
    } finally {
      ledger.close();
    }
  } finally {
    await h.close();
  }
});
