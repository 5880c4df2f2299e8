/**
 * Upgrading from an agent that kept no VAT rate in its bindings: the store's vatRate of each product is
 * learned from the store by the full reconciliation every run starts with, and Nebim's is sent only where the
 * two differ — not to every product once. End to end through the simulators.
 */
import assert from "node:assert/strict";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { olderLedger } from "../support/older_ledger.ts";

const saved = (h: SyncHarness) =>
  h.sims.qukasoft.log.entries("/product/save").flatMap((e) => (e.input as { products: unknown[] }).products);

Deno.test("after an upgrade, the first full cycle sends Nebim's VAT rate only to products whose store rate differs", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  await h.sync("full");
  // Gömlek's group went from 8 % to 10 % in Nebim while the older agent ran: it re-priced, but the store
  // kept the rate the product was created with. Çanta's rate is right.
  h.product("KML-1001")!.vatRate = 8;
  olderLedger(h, "vatRate");
  h.data.update("trStock", (r) => r.ItemCode === "KML-1001", { In_Qty1: 9 });
  h.sims.qukasoft.log.clear();
  // An incremental cycle from that ledger (`sync products --once`) cannot know the store's rate: it leaves
  // it to the full reconciliation rather than send it blind.
  const once = await h.sync();
  assert.equal(once.mode, "incremental");
  assert.equal(once.actions.vat, 0);
  assert.deepEqual(saved(h), []);
  assert.equal(h.variant("8690000000017")!.variant.quantity, 7, "stock still flows: 9 − 2 reserved");
  h.sims.qukasoft.log.clear();

  const full = await h.sync("full"); // the first cycle of every run
  assert.deepEqual(saved(h), [{ productCode: "KML-1001", vatRate: 10 }], "one product, only its rate");
  assert.equal(full.actions.vat, 1);
  assert.deepEqual(full.rows.filter((r) => r.action === "vat").map((r) => [r.productCode, r.why]), [
    ["KML-1001", "VAT 8 % → 10 %"],
  ]);
  assert.deepEqual([h.product("KML-1001")!.vatRate, h.product("CNT-2002")!.vatRate], [10, 20]);
  assert.equal(h.ledger.getBinding("8690000000024")!.pushed!.vatRate, 10, "every variant of the product");

  // From now on the rate follows Nebim in incremental cycles.
  h.data.update("cdVat", (r) => r.VatCode === "%20", { VatRate: 18 });
  h.sims.qukasoft.log.clear();
  await h.sync();
  assert.deepEqual(saved(h), [{ productCode: "CNT-2002", vatRate: 18 }]);
  assert.equal(h.variant("8690000000031")!.variant.price, 1770, "1500 + 18 %");
});
