/**
 * A product made under another grouping keeps its variants (DESIGN §3: a variant stays where it was created),
 * but its VAT rate is the item's: the store puts it on invoices and order lines while the prices follow Nebim's.
 */
import assert from "node:assert/strict";
import { syncHarness } from "../support/sync_harness.ts";
import { GOMLEK } from "../support/items.ts";

for (const [from, to] of [["item", "itemColor"], ["itemColor", "item"]] as const) {
  Deno.test(`a VAT change after grouping moved from ${from} to ${to} reaches the products made before`, async () => {
    await using h = await syncHarness([GOMLEK], { catalog: { groupBy: from } });
    await h.sync("full");
    const made = from === "item" ? "KML-1001" : "KML-1001-BEY";
    assert.equal(h.product(made)!.vatRate, 10);
    // Refused in this data folder once synced: a new one, whose full cycle adopts the store's products.
    await h.restart({ catalog: { groupBy: to } });
    await h.sync("full");
    h.data.update("cdItem", (r) => r.ItemCode === "KML-1001", { ItemTaxGrCode: "%20" });
    await h.sync();
    assert.equal(h.variant("8690000000017")!.variant.price, 600, "priced at 20 %");
    assert.equal(h.product(made)!.vatRate, 20, "the store's product has the item's rate, as its prices do");
    assert.deepEqual([...h.sims.qukasoft.state.products.keys()], [made], "no product made over it");
    assert.deepEqual((await h.sync("full", true)).rows, [], "nothing left to send");
  });
}
