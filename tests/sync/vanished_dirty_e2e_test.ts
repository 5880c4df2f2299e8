/**
 * A code in doubt (its last write failed or went unanswered) that leaves Nebim's sale while
 * `catalog.zeroStockForVanished` is off: the agent leaves it as the store has it, so nothing will ever write
 * it, and a retry kept for it would re-read its item every cycle for ever.
 */
import assert from "node:assert/strict";
import { syncHarness } from "../support/sync_harness.ts";
import { CANTA, GOMLEK } from "../support/items.ts";

Deno.test("a dirty code blocked in Nebim with zeroStockForVanished off ends its retry instead of being re-read every cycle", async () => {
  await using h = await syncHarness([GOMLEK, CANTA], { catalog: { zeroStockForVanished: false } });
  await h.sync("full");
  h.ledger.recordSending([], ["8690000000031"]); // a push of it left unanswered (a kill)
  h.forget();
  h.sims.qukasoft.log.clear();
  h.data.update("cdItem", (r) => r.ItemCode === "CNT-2002", { IsBlocked: true });
  const blocked = await h.sync();
  assert.ok(blocked.itemsRead > 0);
  assert.equal(h.sims.qukasoft.log.entries().filter((e) => e.name.startsWith("POST")).length, 0);
  assert.equal(h.ledger.bindingCounts().dirty, 0, "nothing will write it: its retry ends");
  // Minutes pass: the rows the catalogue and the block wrote fall out of the incremental window.
  h.clock.advance(10 * 60_000);
  await h.sync();
  h.clock.advance(10 * 60_000);
  assert.equal((await h.sync()).itemsRead, 0, "its item is not read again");
});
