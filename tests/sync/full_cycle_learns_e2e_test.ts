/**
 * A full cycle reads what the store shows; where that already matches Nebim it sends nothing, and the ledger
 * must still learn it. Otherwise a write the store applied but whose answer was lost (a stop, a dropped
 * connection) stays unknown to the ledger, and when Nebim later goes back to the value the ledger holds, an
 * incremental cycle planned from the ledger (after a restart, or after a failed cycle) sees nothing to send
 * and the store keeps the lost write's value until the next full cycle, up to 6 h. (The stopped cycle also
 * leaves the code in doubt, so the full cycle sends it again: lost_update_e2e_test.ts.)
 */
import assert from "node:assert/strict";
import { addStock, variantKey } from "../support/catalog.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const BARCODE = "8690000007001";
const KEY = variantKey("KG-1", { size: "M" });

async function harness(settings: Record<string, unknown> = {}): Promise<SyncHarness> {
  return await syncHarness(
    [{
      code: "KG-1",
      name: "Keten Gömlek",
      tax: "%10",
      cost: 100,
      variants: [{ size: "M", barcode: BARCODE, stock: 3 }],
    }],
    settings,
  );
}

/** An incremental cycle the agent is stopped in once the store has applied its first write, unanswered. */
async function stoppedAfterFirstWrite(h: SyncHarness): Promise<void> {
  const stopping = new AbortController();
  const log = h.sims.qukasoft.log;
  log.onRequest = () => stopping.abort(new Error("the agent was stopped"));
  try {
    await assert.rejects(h.sync("incremental", false, stopping.signal));
  } finally {
    log.onRequest = undefined;
  }
}

Deno.test("a stock the store took without answering, then seen by a full cycle, is not left in the store when Nebim's goes back", async () => {
  const h = await harness();
  try {
    await h.sync("full");
    addStock(h.data, KEY, 2); // 5 in Nebim
    await stoppedAfterFirstWrite(h);
    assert.equal(h.variant(BARCODE)?.variant.quantity, 5, "the store applied the stock update");
    const full = await h.sync("full");
    // The store already shows Nebim's 5; the code is sent again only because its last write went unanswered.
    assert.deepEqual(full.rows.map((r) => r.action), ["vat", "price"]);
    assert.ok(
      full.rows.every((r) => r.why.endsWith("(sent again: its last write failed or went unanswered)")),
    );
    addStock(h.data, KEY, -2); // sold: 3 in Nebim, what the ledger held before the lost answer
    await h.restart();
    await h.sync();
    assert.equal(
      h.variant(BARCODE)?.variant.quantity,
      3,
      "the store shows Nebim's stock, not 2 units it does not have",
    );
  } finally {
    await h.close();
  }
});

Deno.test("a VAT rate the store took without answering, then seen by a full cycle, follows Nebim when it changes back", async () => {
  // Prices without VAT: the rate alone changes, in a product/save with only vatRate.
  const h = await harness({ catalog: { storePricesIncludeVat: false } });
  const taxGroup = (code: string) =>
    h.data.update("cdItem", (r) => r.ItemCode === "KG-1", { ItemTaxGrCode: code });
  try {
    await h.sync("full");
    taxGroup("%20");
    await stoppedAfterFirstWrite(h);
    assert.equal(h.product("KG-1")?.vatRate, 20, "the store applied the VAT change");
    await h.sync("full");
    taxGroup("%10");
    await h.restart();
    await h.sync();
    assert.equal(h.product("KG-1")?.vatRate, 10);
  } finally {
    await h.close();
  }
});
