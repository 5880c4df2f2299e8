/**
 * SIGKILL in the middle of a full sync, then a restart: the store converges to the catalogue and no
 * product is created twice. The agent runs as its own process through the real command line; a proxy
 * between it and the store kills it at a chosen moment: right after the store applied a product/save and
 * before the agent could record it (the hardest moment), so nothing is timed and nothing sleeps. It holds
 * the first batch's answers until the second batch's save is applied: two pushes in flight
 * (sync/push_queue.ts), each with its creates recorded as sent and none of their answers recorded.
 */
import assert from "node:assert/strict";
import { openLedger } from "../../ledger/ledger.ts";
import type { ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { proxiedAgent, syncOnceCommand } from "../support/agent_process.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";

const ITEMS = 1_200; // 6 item batches (ITEM_BATCH) × 2 product/save requests of ≤ 100 products each

function catalogue(): ItemSpec[] {
  return Array.from({ length: ITEMS }, (_, i) => ({
    code: `URN-${String(i).padStart(5, "0")}`,
    name: `Ürün ${i}`,
    cost: 10 + (i % 50),
    variants: [{ size: "STD", barcode: `869${String(i).padStart(10, "0")}`, stock: 1 + (i % 7) }],
  }));
}

Deno.test("SIGKILL during a full sync, then a restart: converges with no duplicate creates", async () => {
  const h = await syncHarness(catalogue());
  let child: Deno.ChildProcess | undefined;
  let killed = false;
  const second = Promise.withResolvers<void>(); // the second batch's first save applied
  // The first batch's saves are applied but answered only once the second batch's first save is applied too,
  // and then the agent is killed: neither push could record anything.
  const agent = await proxiedAgent(h, async (path, sent) => {
    if (!path.endsWith("/product/save") || !child) return;
    const first = (JSON.parse(sent) as { products: { productCode: string }[] }).products[0]!.productCode;
    if (Number(first.slice("URN-".length)) < ITEM_BATCH) await second.promise;
    else if (!killed) {
      child.kill("SIGKILL");
      killed = true;
      second.resolve();
    }
  });
  try {
    const { configPath, dataDir: agentDir } = agent;

    child = syncOnceCommand(configPath, agentDir, "--full").spawn();
    const first = await child.output();
    assert.ok(killed, "the agent was killed mid-sync");
    assert.equal(first.code, 137);
    const createdBefore = h.sims.qukasoft.state.products.size;
    assert.ok(createdBefore > 0 && createdBefore < ITEMS, `partial: ${createdBefore} of ${ITEMS} products`);
    const killedLedger = openLedger(`${agentDir}/ledger.sqlite`);
    try {
      // Both pushes' creates are known as sent, none as bound: the restart settles both.
      assert.equal(killedLedger.unrecordedSends().ids.length, 2);
      assert.equal(killedLedger.bindings().size, 0);
    } finally {
      killedLedger.close();
    }

    child = undefined; // the restart runs to the end
    const second = await syncOnceCommand(configPath, agentDir, "--full").output();
    assert.equal(
      second.code,
      0,
      new TextDecoder().decode(second.stdout) + new TextDecoder().decode(second.stderr),
    );

    const products = [...h.sims.qukasoft.state.products.values()];
    assert.equal(products.length, ITEMS, "every product is in the store");
    const ids = products.map((p) => p.id).sort((a, b) => a - b);
    assert.equal(new Set(ids).size, ITEMS);
    assert.equal(
      ids.at(-1)! - ids[0]! + 1,
      ITEMS,
      "no product id was spent twice: each product was created once",
    );
    for (const p of products) {
      assert.equal(p.variants.length, 1);
      assert.equal(p.active, false);
    }
    const q = h.variant("8690000000006")!.variant;
    assert.equal(q.quantity, 7);
    // A third run finds nothing to do: the ledger knows everything the store has.
    const third = await syncOnceCommand(configPath, agentDir, "--full").output();
    assert.match(new TextDecoder().decode(third.stdout), /nothing to change/);
    // The killed run is in the history as interrupted, not as running for ever.
    const ledger = openLedger(`${agentDir}/ledger.sqlite`);
    try {
      assert.deepEqual(ledger.lastRuns(5).map((r) => r.outcome), ["ok", "ok", "interrupted"]);
    } finally {
      ledger.close();
    }
  } finally {
    second.resolve(); // no answer held past the test, whatever happened
    await agent.close();
    await h.close();
  }
});
