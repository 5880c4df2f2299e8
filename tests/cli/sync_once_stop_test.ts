/**
 * Ctrl+C during `sync products --once` (a `--full` one runs for minutes): the cycle stops as the agent's
 * does, recording what the store took and how the run ended, and the command says so (exit 1), rather than
 * the process dying mid-write with its run left for the next start to call killed or crashed.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import { openLedger } from "../../ledger/ledger.ts";
import type { ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const ITEMS: ItemSpec[] = Array.from({ length: 5 }, (_, i) => ({
  code: `KZK-${100 + i}`,
  name: `Yün Kazak ${i}`,
  cost: 100 + i * 10,
  variants: [{ barcode: `86900000${String(10000 + i)}`, stock: 2 }],
}));

Deno.test("Ctrl+C during sync products --once stops the cycle and records its run as stopped", async () => {
  const h = await syncHarness(ITEMS);
  const dataDir = `${h.dataDir}/d`;
  try {
    const config = `${h.dataDir}/settings.json`;
    await Deno.writeTextFile(config, JSON.stringify(h.config()));
    // The operator presses Ctrl+C while the store works on the cycle's first save.
    const ctrlC = new Promise<void>((resolve) => {
      h.sims.qukasoft.log.onRequest = (e) => {
        if (!e.name.endsWith("/product/save")) return;
        h.sims.qukasoft.log.onRequest = undefined;
        resolve();
      };
    });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(
      ["sync", "products", "--once", "--full", "--config", config, "--data", dataDir],
      {
        startAgent: () => Promise.reject(new Error("not in this test")),
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        stopSignal: () => ctrlC,
      },
    );
    assert.equal(code, 1, out.join("\n"));
    assert.match(err.join("\n"), /stopped \(Ctrl\+C\) during the cycle/);
    const ledger = openLedger(`${dataDir}/ledger.sqlite`);
    try {
      const [run] = ledger.lastRuns(1);
      assert.equal(run?.outcome, "failed");
      assert.match(run?.error ?? "", /stopped during this cycle/);
      // Nothing left for the next start to mark interrupted ("killed or crashed").
      assert.equal(ledger.closeInterruptedRuns(), 0);
    } finally {
      ledger.close();
    }
    const log = await Deno.readTextFile(`${dataDir}/logs/agent.log`);
    assert.match(log, /stopped \(Ctrl\+C\) during the cycle/);
  } finally {
    await h.close();
  }
});
