/**
 * A cycle asked for now (syncNow: a changed connection setting) while one is running is not lost: it runs as
 * soon as the running one ends. That one may have started with the settings before the operator's fix.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { parseSettings } from "../../settings/mod.ts";
import { heldCycles, RULES, settle, start, startSupervisor } from "../support/product_sync_stub.ts";

const refused = new IntegrationError("retriable", "cannot connect to the store: connection refused", {
  system: "qukasoft",
});

Deno.test("productSync runs a cycle asked for now while one ran as soon as it fails, not after its backoff", async () => {
  const c = heldCycles();
  const { actor } = start(c.actor);
  try {
    actor.send({ type: "rules", rules: RULES, reprice: false });
    await settle();
    assert.deepEqual(c.modes, ["full"]);
    actor.send({ type: "syncNow" }); // the store's URL corrected while the cycle on the old one runs
    c.end(refused);
    await settle();
    // No clock moved: the 30 s backoff is not waited.
    assert.deepEqual(c.modes, ["full", "incremental"]);
    c.end(refused); // asked once: this failure waits its backoff
    await settle();
    assert.deepEqual(c.modes, ["full", "incremental"]);
    assert.equal((actor.getSnapshot().value as { working: { cycle: string } }).working.cycle, "backingOff");
  } finally {
    actor.stop();
  }
});

Deno.test("productSync runs a cycle asked for now while one ran right after it ends well, not after the interval", async () => {
  const c = heldCycles();
  const { actor } = start(c.actor);
  try {
    actor.send({ type: "rules", rules: RULES, reprice: false });
    await settle();
    actor.send({ type: "syncNow" });
    c.end();
    await settle();
    assert.deepEqual(c.modes, ["full", "incremental"]);
    c.end();
    await settle();
    assert.deepEqual(c.modes, ["full", "incremental"], "then the interval");
  } finally {
    actor.stop();
  }
});

Deno.test("the supervisor restarts at once a productSync asked for a cycle now while its last one ran and failed fatally", async () => {
  const c = heldCycles();
  const settings = parseSettings({ schedule: { productsEverySec: 30, fullReconcileEveryMin: 600 } });
  const { actor } = startSupervisor(c.actor, settings);
  try {
    await settle();
    assert.deepEqual(c.modes, ["full"]);
    // The API key corrected while the cycle with the old one runs; that cycle fails on it.
    const fixed = parseSettings({
      schedule: { productsEverySec: 30, fullReconcileEveryMin: 600 },
      qukasoft: { apiKey: "corrected" },
    });
    actor.send({ type: "settingsChanged", settings: fixed, changed: ["qukasoft.apiKey"] });
    await settle();
    c.end(new IntegrationError("fatal", "401 Unauthorized", { system: "qukasoft" }));
    await settle();
    // No clock moved: the restart delay is not waited.
    assert.deepEqual(c.modes, ["full", "full"]);
    assert.equal((actor.getSnapshot().value as Record<string, string>).productSync, "running");
    c.end(new IntegrationError("fatal", "401 Unauthorized", { system: "qukasoft" })); // asked once
    await settle();
    assert.deepEqual(c.modes, ["full", "full"]);
    assert.equal((actor.getSnapshot().value as Record<string, string>).productSync, "restarting");
  } finally {
    actor.stop();
  }
});
