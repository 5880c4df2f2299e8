/**
 * A product the merchant deleted in the store's panel, while Nebim still sells it, is made again passive,
 * whichever cycle makes it and whatever newProductsActive says (docs/RELIABILITY.md, known limits).
 */

import assert from "node:assert/strict";
import { GOMLEK } from "../support/items.ts";
import { syncHarness } from "../support/sync_harness.ts";

const SETTINGS = { catalog: { newProductsActive: true }, pricing: { updateNames: true } };

Deno.test("a product deleted in the panel is made again passive by the full cycle, newProductsActive notwithstanding", async () => {
  await using h = await syncHarness([GOMLEK], SETTINGS);
  await h.sync("full");
  assert.equal(h.product("KML-1001")?.active, true, "a new product is made active, as the setting says");
  h.sims.qukasoft.state.deleteProduct("KML-1001");
  const r = await h.sync("full", true);
  assert.ok(
    r.rows.some((row) => /deleted in the store, made again passive/.test(row.why)),
    "the dry run says so",
  );
  await h.sync("full");
  assert.equal(h.product("KML-1001")?.active, false);
  assert.equal(h.product("KML-1001")?.variants.length, GOMLEK.variants.length);
});

Deno.test("a product deleted in the panel comes back passive whether an incremental or a full cycle makes it", async () => {
  await using h = await syncHarness([GOMLEK], SETTINGS);
  await h.sync("full");
  h.sims.qukasoft.state.deleteProduct("KML-1001");
  // A re-coded variant: the incremental cycle takes the product for still there and adds the variant.
  h.data.update("prItemBarcode", (r) => r.Barcode === "8690000000017", { Barcode: "8690000000055" });
  await h.sync();
  assert.equal(h.product("KML-1001")?.active, false, "made by the addition, with the store's default");
  await h.sync("full");
  assert.equal(h.product("KML-1001")?.active, false, "the full cycle does not make it otherwise");
});
