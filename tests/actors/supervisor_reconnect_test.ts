/**
 * Which settings changes end productSync's wait after a retriable failure (its backoff, or a store's
 * Retry-After of up to an hour): a connection the product cycle uses, which may be the operator's fix.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { parseSettings } from "../../settings/mod.ts";
import { cycleStub, settle, startSupervisor } from "../support/product_sync_stub.ts";

Deno.test("a changed Integrator setting, which the product cycle does not use, leaves a store's Retry-After to run out", async () => {
  const schedule = { productsEverySec: 30, fullReconcileEveryMin: 600 };
  const { calls, actor: runCycle } = cycleStub(() => {
    throw new IntegrationError("retriable", "429 Too Many Requests", {
      system: "qukasoft",
      retryAfterSec: 3600,
    });
  });
  const { actor, clock } = startSupervisor(runCycle, parseSettings({ schedule }));
  try {
    await settle();
    assert.equal(calls.length, 1);
    // The Integrator is for orders only (docs/OPERATIONS.md): its login set up while the store asks to wait.
    const next = parseSettings({ schedule, nebim: { integrator: { password: "new" } } });
    actor.send({ type: "settingsChanged", settings: next, changed: ["nebim.integrator.password"] });
    await settle();
    assert.equal(calls.length, 1, "the store's hour is still waited");
    clock.increment(3_600_000);
    await settle();
    assert.equal(calls.length, 2);
    // A store setting may be the fix: tried at once.
    const store = parseSettings({
      schedule,
      nebim: { integrator: { password: "new" } },
      qukasoft: { apiKey: "k" },
    });
    actor.send({ type: "settingsChanged", settings: store, changed: ["qukasoft.apiKey"] });
    await settle();
    assert.equal(calls.length, 3);
  } finally {
    actor.stop();
  }
});
