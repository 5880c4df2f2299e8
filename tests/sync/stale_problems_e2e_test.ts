/**
 * A problem whose record Nebim no longer has under that subject: a malformed barcode corrected (the stock code
 * it gave is gone), an item deleted. Its subject is never read again, so only a full cycle, which reads every
 * item, can tell it is gone.
 */
import assert from "node:assert/strict";
import type { ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const item = (code: string, barcode: string, extra: Partial<ItemSpec> = {}): ItemSpec => ({
  code,
  name: "Pamuk Çorap",
  cost: 40,
  variants: [{ size: "STD", barcode, stock: 10 }],
  ...extra,
});

Deno.test("a problem closes once Nebim no longer has its record: a corrected stock code, a deleted item", async () => {
  const h = await syncHarness([
    item("GOOD-1", "8690000005001"),
    item("SPACE-1", "abc 123"),
    item("VAT-1", "8690000005002", { tax: "%99" }),
    item("LOWER-1", "8690000005abc"),
  ]);
  try {
    await h.sync("full");
    const open = () => h.ledger.openProblems({ limit: 100 }).map((p) => `${p.subject} ${p.kind}`).sort();
    const still = "8690000005abc stockCode";
    assert.deepEqual(open(), ["8690000005002 price", still, "abc 123 stockCode"]);

    // The barcode corrected, the item with no VAT rate deleted (it had never been sold).
    h.data.update("prItemBarcode", (r) => r.ItemCode === "SPACE-1", { Barcode: "8690000005003" });
    for (
      const table of ["cdItem", "cdItemDesc", "prItemVariant", "prItemBarcode", "prItemBasePrice", "trStock"]
    ) {
      h.data.delete(table, (r) => r.ItemCode === "VAT-1");
    }
    await h.sync();
    assert.ok(h.product("SPACE-1"), "the corrected code is created");
    await h.sync("full");
    assert.deepEqual(open(), [still], "nothing left open for records Nebim no longer has");
  } finally {
    await h.close();
  }
});
