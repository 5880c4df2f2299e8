/**
 * A barcode Nebim has on two variants, under a template stock code: the stock codes differ, so both variants
 * sync, but the store's barcode field must not carry the one barcode twice. End to end through the TDS and
 * Qukasoft simulators.
 */
import assert from "node:assert/strict";
import { addItem, oneSizeItem as item } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const template = { stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" } };

Deno.test("a barcode two variants share under a template stock code is reported, and neither sends it to the store", async () => {
  await using h = await syncHarness([item("AAA", "8690000004100"), item("BBB", "8690000004100")], {
    catalog: template,
  });
  const report = await h.sync("full");
  for (const code of ["AAA-STD", "BBB-STD"]) {
    const v = h.variant(code);
    assert.ok(v, `${code} is in the store: its stock code is its own`);
    assert.equal(v.variant.quantity, 10);
    assert.equal(v.variant.barcode, code, "the stock code stands in for the shared barcode");
  }
  assert.deepEqual(
    report.problemList.filter((p) => p.kind === "duplicate").map((p) => p.subject).sort(),
    ["AAA-STD", "BBB-STD"],
  );
  assert.match(report.problemList[0]!.reason, /barcode "8690000004100" is also on another variant/);
});

Deno.test("a barcode a later item takes under a template stock code is kept off it when an incremental cycle reads it alone", async () => {
  await using h = await syncHarness([item("AAA", "8690000004200")], { catalog: template });
  await h.sync("full");
  assert.equal(h.variant("AAA-STD")!.variant.barcode, "8690000004200");
  h.clock.advance(120_000);
  await h.sync(); // the bookmark moves past the 60 s overlap of AAA's rows: the next window has BBB alone
  addItem(h.data, item("BBB", "8690000004200"));
  const report = await h.sync();
  assert.equal(report.itemsRead, 1, "only the new item is read");
  assert.equal(h.variant("BBB-STD")!.variant.barcode, "BBB-STD");
  assert.deepEqual(h.ledger.openProblems().map((p) => [p.subject, p.kind]), [["BBB-STD", "duplicate"]]);
  // Nebim corrected: the next read of the item sends its own barcode and closes the problem.
  h.data.update("prItemBarcode", (r) => r.ItemCode === "BBB", { Barcode: "8690000004201" });
  await h.sync();
  assert.equal(h.variant("BBB-STD")!.variant.barcode, "8690000004201");
  assert.deepEqual(h.ledger.openProblems(), []);
});

Deno.test("a shared barcode mended on one variant under a template stock code goes back to the other in the next incremental cycle", async () => {
  await using h = await syncHarness([item("AAA", "8690000004300"), item("BBB", "8690000004300")], {
    catalog: template,
  });
  await h.sync("full");
  assert.equal(h.variant("AAA-STD")!.variant.barcode, "AAA-STD");
  h.clock.advance(120_000); // past the cycles' 60 s overlap: AAA is read only when it changes
  await h.sync();
  h.clock.advance(120_000);
  // The merchant gives BBB a barcode of its own: its barcode row stamps BBB only.
  h.data.update("prItemBarcode", (r) => r.ItemCode === "BBB", { Barcode: "8690000004301" });
  await h.sync();
  assert.equal(h.variant("BBB-STD")!.variant.barcode, "8690000004301");
  assert.equal(
    h.variant("AAA-STD")!.variant.barcode,
    "8690000004300",
    "AAA's barcode is its own now: sent, not the stock code until the full cycle",
  );
  assert.deepEqual(h.ledger.openProblems(), [], "neither is a duplicate any more");
});
