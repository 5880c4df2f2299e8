/**
 * A graceful stop (Ctrl+C, the service's stop) during a cycle: the cycle is aborted and records how it ended
 * before the ledger closes, as docs/OPERATIONS.md says (`failed`, "the agent was stopped during this cycle"),
 * not left unfinished for the next start to call killed or crashed.
 */
import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import { startAgent } from "../../main.ts";
import { sweaters } from "../support/sweaters.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ITEMS = sweaters(5);

Deno.test("a stop during a cycle finishes its run as stopped, not as killed or crashed", async () => {
  const h = await syncHarness(ITEMS);
  const dataDir = `${h.dataDir}/agent`;
  try {
    const agent = await startAgent({ dataDir, configDoc: h.config(), port: 0 });
    // Stopped while the store works on the first cycle's first save.
    const stopped = new Promise<void>((resolve, reject) => {
      h.sims.qukasoft.log.onRequest = (e) => {
        if (!e.name.endsWith("/product/save")) return;
        h.sims.qukasoft.log.onRequest = undefined;
        agent.stop().then(resolve, reject);
      };
    });
    await stopped;
    const ledger = openLedger(`${dataDir}/ledger.sqlite`);
    try {
      const [run] = ledger.lastRuns(1);
      assert.equal(run?.kind, "products-full");
      assert.equal(run?.outcome, "failed");
      assert.match(run?.error ?? "", /^the agent was stopped during this cycle/);
      // Nothing left for the next start to mark interrupted.
      assert.equal(ledger.closeInterruptedRuns(), 0);
    } finally {
      ledger.close();
    }
  } finally {
    await h.close();
  }
});
