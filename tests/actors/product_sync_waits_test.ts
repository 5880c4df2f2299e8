/**
 * The productSync actor's waits at their edges: a Retry-After beyond its cap, an interval longer than the
 * backoff's cap, a cycle asked for during one.
 */
import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import { RULES, settle, start, stub } from "../support/product_sync_stub.ts";

Deno.test("productSync waits out a Retry-After of a day for an hour at most", async () => {
  const s = stub([() => {
    throw new IntegrationError("retriable", "429", { system: "qukasoft", retryAfterSec: 86_400 });
  }]);
  const { actor, clock } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(3_599_999);
  await settle();
  assert.equal(s.calls.length, 1);
  clock.increment(1);
  await settle();
  assert.equal(s.calls.length, 3, "an incremental cycle, then the full one owed");
  actor.stop();
});

Deno.test("productSync with an interval longer than its backoff's cap still runs an incremental cycle after a failed full one", async () => {
  // Every 10 minutes, backoff at most 5: the full's backoff is half an interval, which still counts as one.
  const s = stub([() => {
    throw new IntegrationError("retriable", "Cannot list products in Qukasoft: status 500", {
      system: "qukasoft",
    });
  }]);
  const { actor, clock } = start(s.actor, {
    intervalMs: 600_000,
    fullEveryMs: 3_600_000,
    maxBackoffMs: 300_000,
  });
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  clock.increment(300_000);
  await settle();
  assert.deepEqual(
    s.calls.map((c) => c.mode),
    ["full", "incremental", "full"],
    "one incremental cycle between",
  );
  actor.stop();
});

Deno.test("productSync runs a cycle asked for now (syncNow) at once, also while it backs off", async () => {
  const s = stub([() => {
    throw new IntegrationError("retriable", "SQL Server unreachable", { system: "nebim-sql" });
  }]);
  const { actor } = start(s.actor);
  actor.send({ type: "rules", rules: RULES, reprice: false });
  await settle();
  actor.send({ type: "syncNow" });
  await settle();
  assert.deepEqual(s.calls.map((c) => c.mode), ["full", "incremental", "full"]);
  actor.send({ type: "syncNow" }); // idle
  await settle();
  assert.equal(s.calls.length, 4);
  actor.stop();
});
