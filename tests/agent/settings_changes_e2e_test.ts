/**
 * Settings changes made one after another reach the running agent's supervisor in that order, whichever of
 * them reconnects SQL Server first (main.ts).
 */
import assert from "node:assert/strict";
import { type AnyActorRef, waitFor } from "xstate";
import { startAgent } from "../../main.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ITEM = {
  code: "KZK-100",
  name: "Yün Kazak",
  tax: "%10",
  cost: 100,
  variants: [{ color: "LAC", size: "M", barcode: "8690000010000", stock: 2 }],
};

Deno.test("a schedule change made right after an SQL Server one is not undone by it", async () => {
  const h = await syncHarness([ITEM]);
  const agent = await startAgent({ dataDir: `${h.dataDir}/agent`, configDoc: h.config(), port: 0 });
  try {
    const sync = agent.supervisor.system.get("productSync") as AnyActorRef;
    await waitFor(sync, (s) => s.context.lastCycle?.mode === "full"); // the pool is open: the change closes it
    let told = 0;
    const counting = agent.supervisor.system.inspect((e) => {
      if (
        e.type === "@xstate.event" && e.actorRef === agent.supervisor && e.event.type === "settingsChanged"
      ) {
        told++;
      }
    });
    agent.settings.update({ nebim: { sql: { requestTimeoutMs: 31_000 } } });
    agent.settings.update({ schedule: { productsEverySec: 77 } });
    await waitFor(agent.supervisor, () => told === 2);
    counting.unsubscribe();
    const kept = agent.supervisor.getSnapshot().context.settings;
    assert.equal(kept.nebim.sql.requestTimeoutMs, 31_000);
    assert.equal(kept.schedule.productsEverySec, 77);
    assert.equal(sync.getSnapshot().context.intervalMs, 77_000);
  } finally {
    await agent.stop();
    await h.close();
  }
});
