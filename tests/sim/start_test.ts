/**
 * `deno task sim` on TRY-IT's fixed ports: one already taken (another program, simulators left running in
 * another window) is named with its option, and what had started is closed again.
 */
import assert from "node:assert/strict";
import { startSimulators } from "../../sim/start.ts";
import { fixture } from "./nebim/fixture.ts";

Deno.test("a simulator port already in use is named with its option, and nothing is left listening", async (t) => {
  for (const option of ["sqlPort", "integratorPort", "qukasoftPort"] as const) {
    await t.step(option, async () => {
      using taken = Deno.listen({ hostname: "127.0.0.1", port: 0 });
      const port = taken.addr.port;
      const flag = `--${option.replace("Port", "")}-port`;
      await assert.rejects(startSimulators({ data: fixture(), [option]: port }), (e: Error) => {
        assert.equal(e.message, `127.0.0.1:${port} (${flag}) is already in use by another program`);
        return true;
      });
      // The test's resource sanitizer fails it if a simulator started before the refused one is still open.
    });
  }
});
