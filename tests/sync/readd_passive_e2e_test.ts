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

// The full cycle that finds the product gone cannot make it again: a product is not created without a VAT rate.
// What it found is the ledger's from then on, so the cycle that later reads the item fixed makes the product,
// though the agent restarted meanwhile (it plans from the ledger then): not a VAT-only save of a product the
// store no longer has, which the store refuses, leaving it out of the store until the next full cycle.
Deno.test("a product deleted in the panel that a full cycle could not make again is made, passive, by the cycle that reads it fixed, after a restart", async () => {
  await using h = await syncHarness([GOMLEK], SETTINGS);
  await h.sync("full");
  h.data.update("cdItem", (r) => r.ItemCode === "KML-1001", { ItemTaxGrCode: "%99" }); // no such tax group
  h.sims.qukasoft.state.deleteProduct("KML-1001");
  const held = await h.sync("full");
  assert.equal(h.product("KML-1001"), undefined, "held: no VAT rate to make it with");
  assert.equal(held.actions.held, GOMLEK.variants.length);
  await h.restart();
  h.data.update("cdItem", (r) => r.ItemCode === "KML-1001", { ItemTaxGrCode: "%20" });
  const fixed = await h.sync();
  assert.equal(fixed.mode, "incremental");
  assert.equal(h.product("KML-1001")?.variants.length, GOMLEK.variants.length, "made again");
  assert.equal(h.product("KML-1001")?.vatRate, 20);
  assert.equal(
    h.product("KML-1001")?.active,
    false,
    "passive: the store lost it, newProductsActive notwithstanding",
  );
  const dry = await h.sync("full", true);
  assert.deepEqual(dry.rows.filter((r) => r.action !== "held"), [], "nothing left to do");
});
