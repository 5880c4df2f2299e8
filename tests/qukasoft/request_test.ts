import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { backoffMs } from "../../qukasoft/request.ts";
import { withSimClient } from "./sim_client.ts";

Deno.test("backoffMs() doubles from 1 s and stops at 30 s", () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 20].map(backoffMs), [
    1_000,
    2_000,
    4_000,
    8_000,
    16_000,
    30_000,
    30_000,
    30_000,
  ]);
});

Deno.test("a Retry-After beyond a minute is not waited out inside the call but handed up", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: "120" });
    await assert.rejects(() => api.auth(), (e) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "retriable");
      assert.equal(e.retryAfterSec, 120);
      return true;
    });
    assert.deepEqual(time.delays, []);
    assert.equal(sim.log.entries().length, 1);
  });
});
