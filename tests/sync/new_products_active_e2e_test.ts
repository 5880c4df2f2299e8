/**
 * catalog.newProductsActive decides only what a create sends (`active`, sync/plan_new.ts): a change of it owes
 * no full cycle. The products the store has keep the merchant's active/passive, which a full cycle would not
 * touch either, and the incremental cycles create the new ones as it now says.
 */
import assert from "node:assert/strict";
import { FULL_OWED } from "../../ledger/settings.ts";
import { needsFullSync } from "../../settings/mod.ts";
import { OVERLAP_MS } from "../../sync/item_batches.ts";
import { addItem } from "../support/catalog.ts";
import { sweaters } from "../support/sweaters.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a change of catalog.newProductsActive owes no full cycle: incremental ones create new products by it", async () => {
  const [old, added] = sweaters(2);
  await using h = await syncHarness([old!]);
  h.clock.advance(2 * OVERLAP_MS);
  await h.sync("full");
  assert.equal(h.product("KZK-100")!.active, false);
  const { changed } = h.settings.update({ catalog: { newProductsActive: true } });
  assert.equal(needsFullSync(changed), false);
  assert.equal(h.ledger.getBookmark(FULL_OWED) ?? "", "", "no full cycle owed");
  addItem(h.data, added!);
  const next = await h.sync("incremental");
  assert.equal(next.mode, "incremental");
  assert.deepEqual([next.itemsRead, next.created], [1, 1]);
  assert.equal(h.product("KZK-101")!.active, true);
  // What a full cycle would have done: nothing, the product the store had stays passive.
  const full = await h.sync("full");
  assert.deepEqual(Object.entries(full.actions).filter(([, n]) => n > 0), []);
  assert.equal(h.product("KZK-100")!.active, false);
});
