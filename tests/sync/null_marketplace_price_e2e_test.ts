/**
 * A store whose merchant sells on no marketplace lists a variant's marketplacePrice as null (the column never
 * set). The full reconciliation reads it as "not set": it sends the agent's own once, and then nothing.
 */
import assert from "node:assert/strict";
import { syncHarness } from "../support/sync_harness.ts";

const BARCODE = "8690000007001";

Deno.test("a store variant listed with marketplacePrice null gets the agent's once, and no write after", async () => {
  await using h = await syncHarness([{
    code: "KG-1",
    name: "Keten Gömlek",
    tax: "%10",
    cost: 100,
    variants: [{ size: "M", barcode: BARCODE, stock: 3 }],
  }]);
  await h.sync("full");
  const sent = h.variant(BARCODE)!.variant.marketplacePrice;
  assert.ok(typeof sent === "number");
  h.variant(BARCODE)!.variant.marketplacePrice = null;
  const full = await h.sync("full");
  assert.deepEqual(full.rows.map((r) => r.action), ["price"]);
  assert.equal(h.variant(BARCODE)!.variant.marketplacePrice, sent);
  assert.deepEqual((await h.sync("full")).rows, [], "no churn");
  assert.deepEqual((await h.sync()).rows, []);
});
