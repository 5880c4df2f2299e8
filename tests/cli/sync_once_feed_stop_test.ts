/**
 * Ctrl+C during `sync products --once --full --allow-mass-zero` with feed.insteadOfApi: the confirmation's feed
 * build (a full read of Nebim, minutes on a large catalogue) stops as a cycle does, and the command says so
 * (exit 1). It had no stop signal: the first Ctrl+C printed "stopping…" and the build went on to its end.
 */
import assert from "node:assert/strict";
import { runCli } from "../../cli/commands.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("Ctrl+C during the feed's --allow-mass-zero build stops it, and the command says it was stopped", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  const config = `${h.dataDir}/settings.json`;
  await Deno.writeTextFile(config, JSON.stringify(h.config({ feed: { insteadOfApi: true } })));
  // The operator presses Ctrl+C as the build reads Nebim.
  const ctrlC = new Promise<void>((resolve) => {
    h.sims.sqlLog.onRequest = () => {
      h.sims.sqlLog.onRequest = undefined;
      resolve();
    };
  });
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(
    [
      "sync",
      "products",
      "--once",
      "--full",
      "--allow-mass-zero",
      "--config",
      config,
      "--data",
      `${h.dataDir}/d`,
    ],
    {
      startAgent: () => Promise.reject(new Error("not in this test")),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      stopSignal: () => ctrlC,
    },
  );
  assert.equal(code, 1, out.join("\n"));
  assert.doesNotMatch(out.join("\n"), /the XML feed was built/);
  assert.match(err.join("\n"), /stopped \(Ctrl\+C\) while building the XML feed/);
});
