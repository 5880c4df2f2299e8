/**
 * A stock code two items claim under a template stock code (no shared-barcode query ahead of the cycle: only
 * the batches themselves can see it), end to end through the TDS and Qukasoft simulators.
 */
import assert from "node:assert/strict";
import { addItem, type ItemSpec } from "../support/catalog.ts";
import { syncHarness } from "../support/sync_harness.ts";

const template = { stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" } };
const item = (code: string, barcode: string, color?: string): ItemSpec => ({
  code,
  name: "Pamuk Çorap",
  cost: 40,
  variants: [{ color, size: "STD", barcode, stock: 10 }],
});

// ZZZ colour DUP and ZZZ-DUP both make "ZZZ-DUP-STD"; the fillers ZZZ-0… sort between them, so the one
// claiming the bound code is read a batch before the one holding it. The holder's later batch used to close
// the problem the claimer's had reported (the same subject), and the cycle ended with the duplicate unseen.
Deno.test("a template stock code an earlier batch's item claims from a later batch's holder stays reported", async () => {
  const fillers = ["ZZZ-0001", "ZZZ-0002", "ZZZ-0003"].map((c, i) => item(c, `869000000400${i}`));
  const h = await syncHarness([item("ZZZ-DUP", "8690000004100"), ...fillers], { catalog: template }, {
    itemBatch: 2,
  });
  try {
    await h.sync("full");
    assert.ok(h.variant("ZZZ-DUP-STD"), "the holder is in the store");
    addItem(h.data, item("ZZZ", "8690000004200", "DUP"));
    const report = await h.sync("full");
    assert.ok(report.problemList.some((p) => p.kind === "duplicate" && p.subject === "ZZZ-DUP-STD"));
    assert.deepEqual(
      h.ledger.openProblems().filter((p) => p.kind === "duplicate").map((p) => p.subject),
      ["ZZZ-DUP-STD"],
      "still open when the cycle ends",
    );
    assert.equal(h.product("ZZZ"), undefined, "the claimer is not pushed");
    assert.equal(
      h.variant("ZZZ-DUP-STD")!.product.productCode,
      "ZZZ-DUP",
      "the holder keeps it, as when it sorts first",
    );
  } finally {
    await h.close();
  }
});
