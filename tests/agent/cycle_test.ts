/**
 * A failed product cycle is written to the log with its kind and reason (the actor retries; /health shows
 * only the last error, so the log is where an operator reads what happened overnight); a stop's abort is not.
 */
import assert from "node:assert/strict";
import type { CycleInput } from "../../actors/product_sync.ts";
import { type CycleDeps, runProductCycle } from "../../agent/cycle.ts";
import { IntegrationError } from "../../errors.ts";
import { configureLogging, stopLogging } from "../../log.ts";
import { parseSettings } from "../../settings/mod.ts";

function deps(): CycleDeps {
  const settings = parseSettings({});
  const login = new IntegrationError("fatal", "Login failed for user 'eticaret_ro'. (ELOGIN)", {
    system: "nebim-sql",
  });
  return {
    settings: { current: () => settings },
    connections: { reader: () => Promise.reject(login) },
    ledger: {},
  } as unknown as CycleDeps;
}

Deno.test("a failed cycle is logged with its kind and reason; an aborted one is not", async () => {
  const dir = await Deno.makeTempDir({ prefix: "e-ticaret-cycle-" });
  try {
    await configureLogging({ dir, console: false });
    await assert.rejects(runProductCycle(deps(), { mode: "full" } as CycleInput), /Login failed/);
    const stopped = new AbortController();
    stopped.abort();
    await assert.rejects(runProductCycle(deps(), { mode: "incremental" } as CycleInput, stopped.signal));
    await stopLogging();
    const lines = (await Deno.readTextFile(`${dir}/agent.log`)).trim().split("\n");
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(
      lines[0]!,
      /\[WRN\] e-ticaret·products: "?full"? cycle failed \("?fatal"?\): .*Login failed for user/,
    );
  } finally {
    await stopLogging();
    await Deno.remove(dir, { recursive: true });
  }
});
