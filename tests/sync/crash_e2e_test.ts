/**
 * SIGKILL in the middle of a full sync, then a restart: the store converges to the catalogue and no
 * product is created twice (tests/support/crash_world.ts: a create sent for a product the store already had
 * counts, which the simulator's upsert would hide). A proxy between the agent and the store kills it right
 * after the store applied a product/save and before the agent could record it (the hardest moment), so
 * nothing is timed and nothing sleeps. It holds the first batch's answers until the second batch's save is
 * applied: two pushes in flight (sync/push_queue.ts), each with its creates recorded as sent and none of their
 * answers recorded. The other kill points are in crash_points_e2e_test.ts.
 */
import assert from "node:assert/strict";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { CRASH_ITEMS, crashWorld, savedCodes } from "../support/crash_world.ts";

Deno.test("SIGKILL during a full sync, then a restart: converges with no duplicate creates", async () => {
  const w = await crashWorld();
  const second = Promise.withResolvers<void>(); // the second batch's first save applied
  try {
    // The first batch's saves are applied but answered only once the second batch's first save is applied
    // too, and then the agent is killed: neither push could record anything.
    const first = await w.run({
      after: async (path, body) => {
        if (!path.endsWith("/product/save")) return false;
        if (Number(savedCodes(body)[0]!.slice("URN-".length)) >= ITEM_BATCH) return true;
        await second.promise;
        return false;
      },
      killed: () => second.resolve(),
    });
    assert.ok(first.killed, "the agent was killed mid-sync");
    assert.equal(first.code, 137);
    const createdBefore = w.h.sims.qukasoft.state.products.size;
    assert.ok(createdBefore > 0 && createdBefore < CRASH_ITEMS, `partial: ${createdBefore} products`);
    w.withLedger((killed) => {
      // Both pushes' creates are known as sent, none as bound: the restart settles both.
      assert.equal(killed.unrecordedSends().ids.length, 2);
      assert.equal(killed.bindings().size, 0);
    });

    await w.assertConverged();
    // The killed run is in the history as interrupted, not as running for ever.
    w.withLedger((ledger) => {
      assert.deepEqual(ledger.lastRuns(5).map((r) => r.outcome), ["ok", "ok", "interrupted"]);
    });
  } finally {
    second.resolve(); // no answer held past the test, whatever happened
    await w.close();
  }
});
