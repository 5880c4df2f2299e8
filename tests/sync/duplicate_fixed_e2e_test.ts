/**
 * A barcode stock code on sale that another variant took too goes to stock 0 and is reported (DESIGN §3:
 * duplicates are never pushed). The merchant mends it on the other variant, whose barcode row changes: an
 * incremental cycle reads that item, not the one still holding the code.
 */
import assert from "node:assert/strict";
import { addItem, type ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";
import { quietCycle } from "../../agent/cycle.ts";

const CODE = "8690000009001";
const item = (code: string, stock: number): ItemSpec => ({
  code,
  name: "Pamuk Çorap",
  cost: 100,
  variants: [{ barcode: CODE, stock }],
});

Deno.test("a duplicate barcode mended on the other variant gives the code on sale its stock back in the next incremental cycle", async () => {
  await using h = await syncHarness([item("AAA-1", 4)]);
  await h.sync("full");
  h.clock.advance(120_000); // past the cycles' 60 s overlap: AAA-1 is read only when it changes
  addItem(h.data, item("BBB-1", 5));
  await h.sync();
  await h.sync("full");
  assert.equal(h.variant(CODE)!.variant.quantity, 0, "a duplicate code is not on sale");
  const duplicates = () => h.ledger.openProblems({ kind: "duplicate" }).map((p) => p.subject);
  assert.deepEqual(duplicates(), [CODE]);

  h.clock.advance(120_000);
  const again = await h.sync();
  assert.equal(h.variant(CODE)!.variant.quantity, 0, "still shared: still not on sale");
  assert.deepEqual(duplicates(), [CODE], "still reported");
  // Found again each cycle while it stays, as before the cycle: no news, not an agent.log line each cycle.
  assert.equal(again.problems, 1);
  assert.ok(quietCycle(again), "a cycle that only finds an open duplicate again is quiet");

  h.clock.advance(120_000);
  h.data.update("prItemBarcode", (r) => r.ItemCode === "BBB-1", { Barcode: "8690000009002" });
  await h.sync();
  assert.equal(h.variant("8690000009002")!.variant.quantity, 5, "the mended variant is created");
  assert.equal(
    h.variant(CODE)!.variant.quantity,
    4,
    "AAA-1's code is on sale again, not at 0 until the full cycle",
  );
  assert.deepEqual(duplicates(), [], "the problem closes");
});
