/**
 * Codes with "/" in them, end to end: a variant without a stock code is reported under its key's text, and
 * that text must name one variant only, or another item's cycle closes (or hides) its problem.
 */
import assert from "node:assert/strict";
import type { ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

Deno.test("a variant without a barcode stays reported when another item's key reads the same with its slashes", async () => {
  // KZK in colour 01, size M, has no barcode; item KZK/01 in size M has one. Both keys once read "KZK/01/M".
  const items: ItemSpec[] = [
    {
      code: "KZK",
      name: "Kazak",
      cost: 100,
      variants: [{ color: "01", size: "M", barcode: "8690000005001" }],
    },
    {
      code: "KZK/01",
      name: "Kazak",
      cost: 100,
      variants: [{ size: "M", barcode: "8690000005002", stock: 4 }],
    },
  ];
  // One item a batch: KZK's batch reports its problem, KZK/01's (read after it) must not close it.
  await using h = await syncHarness(items, {}, { itemBatch: 1 });
  h.data.delete("prItemBarcode", (r) => r.ItemCode === "KZK");
  await h.sync("full");
  const open = () => h.ledger.openProblems({ limit: 10 }).map((p) => [p.kind, p.subject, p.reason]);
  const expected = [["stockCode", "KZK/01/M", `no barcode of type "DEF" for one unit (Qty 1) in Nebim`]];
  assert.deepEqual(open(), expected, "reported after a full cycle");
  assert.ok(h.variant("8690000005002"), "the other item syncs");

  // Only KZK/01 changes: its incremental cycle reads its own key, not KZK's (past the full cycle's overlap).
  h.clock.advance(120_000);
  await h.sync();
  h.clock.advance(120_000);
  h.data.update("trStock", (r) => r.ItemCode === "KZK/01", { In_Qty1: 6 });
  const r = await h.sync();
  assert.equal(r.itemsRead, 1);
  assert.equal(h.variant("8690000005002")!.variant.quantity, 6);
  assert.deepEqual(open(), expected, "still reported after another item's cycle");
});
