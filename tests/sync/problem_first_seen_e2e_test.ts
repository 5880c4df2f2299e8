/**
 * A problem found again keeps its first sighting (the problem list and /health show how long it has stood),
 * end to end: one that went away is closed, and one that comes back after that opens anew.
 */
import assert from "node:assert/strict";
import { addItem, addStock, oneSizeItem, variantKey } from "../support/catalog.ts";
import { CANTA, GOMLEK } from "../support/items.ts";
import { type SyncHarness, syncHarness } from "../support/sync_harness.ts";

const CNT = "8690000000031"; // CNT-2002's only variant
const HOUR = 3_600_000;

/** The open problem of `subject` and `kind`, if any. */
function open(h: SyncHarness, subject: string, kind: string) {
  return h.ledger.openProblems({ kind }).find((p) => p.subject === subject);
}

Deno.test("a store refusal found again in a later cycle keeps its first sighting; once taken it is closed, and a new refusal opens fresh", async () => {
  await using h = await syncHarness([GOMLEK, CANTA]);
  h.sims.qukasoft.state.refuse(CNT, "kategori eşleşmesi yok");
  await h.sync("full");
  const first = open(h, CNT, "store");
  assert.ok(first, "the refusal is reported");

  h.clock.advance(HOUR);
  await h.sync("full"); // reads the item again: the create goes out again, refused again
  h.clock.advance(HOUR);
  addStock(h.data, variantKey("CNT-2002"), 1);
  const r = await h.sync(); // an incremental cycle that reads it again
  assert.equal(r.rejected, 1, "sent again and refused again");
  const again = open(h, CNT, "store");
  assert.equal(again?.firstSeen, first.firstSeen, "first seen in the first cycle");
  assert.ok(again.lastSeen > first.lastSeen, "seen again since");

  h.sims.qukasoft.state.refuse(CNT, undefined);
  h.clock.advance(HOUR);
  addStock(h.data, variantKey("CNT-2002"), 1);
  assert.equal((await h.sync()).created, 1);
  assert.equal(open(h, CNT, "store"), undefined, "taken: closed");

  h.sims.qukasoft.state.refuse(CNT, "stok kilitli");
  h.clock.advance(HOUR);
  addStock(h.data, variantKey("CNT-2002"), 1);
  assert.equal((await h.sync()).rejected, 1);
  const anew = open(h, CNT, "store");
  assert.ok(anew && anew.firstSeen > again.lastSeen, "a new refusal opens fresh");
});

/** One item for each problem the reading of Nebim reports, by the subject it is reported under. */
const BROKEN = [
  { kind: "price", subject: "8690000000101", item: oneSizeItem("NOCOST", "8690000000101", { cost: null }) },
  { kind: "name", subject: "8690000000102", item: oneSizeItem("NONAME", "8690000000102", { name: null }) },
  { kind: "vat", subject: "8690000000103", item: oneSizeItem("NOTAX", "8690000000103", { tax: "" }) },
  {
    kind: "stock",
    subject: "8690000000104",
    item: oneSizeItem("NEG", "8690000000104", { variants: [{ size: "STD", barcode: "8690000000104" }] }),
  },
  { kind: "stockCode", subject: "86900 00000105", item: oneSizeItem("SPACE", "86900 00000105") },
  { kind: "duplicate", subject: "8690000000106", item: oneSizeItem("DUP-A", "8690000000106") },
] as const;
const DUP_B = oneSizeItem("DUP-B", "8690000000106");

/** Each item of BROKEN (and DUP-B) changes in Nebim: an incremental cycle reads them all again. */
function touchAll(h: SyncHarness): void {
  for (const { item } of BROKEN) addStock(h.data, variantKey(item.code, { size: "STD" }), 1);
  addStock(h.data, variantKey(DUP_B.code, { size: "STD" }), 1);
}

for (const itemBatch of [undefined, 1]) {
  Deno.test(
    `every problem the reading of Nebim reports keeps its first sighting over cycles that find it again${
      itemBatch ? ", one item per batch" : ""
    }`,
    async () => {
      await using h = await syncHarness([...BROKEN.map((b) => b.item), DUP_B], {}, { itemBatch });
      addStock(h.data, variantKey("NEG", { size: "STD" }), -2);
      await h.sync("full");
      const first = new Map(BROKEN.map(({ kind, subject }) => [kind, open(h, subject, kind)?.firstSeen]));
      for (const [kind, seen] of first) assert.ok(seen, `a ${kind} problem`);

      h.clock.advance(HOUR);
      await h.sync("full");
      h.clock.advance(HOUR);
      touchAll(h);
      const r = await h.sync();
      assert.equal(r.itemsRead, BROKEN.length + 1, "every item read again");
      for (const { kind, subject } of BROKEN) {
        assert.equal(
          open(h, subject, kind)?.firstSeen,
          first.get(kind),
          `the ${kind} problem's first sighting`,
        );
      }
    },
  );
}

// Under a template stock code only the batches see a code two items make. ZZZ in DUP (ZZZ-DUP-STD) sorts
// before the fillers, ZZZ-DUP after them: the holder's batch comes first each cycle.
Deno.test("a template stock code a later batch's item claims from an earlier batch's holder keeps its first sighting", async () => {
  const item = (code: string, barcode: string, color?: string) =>
    oneSizeItem(code, barcode, { variants: [{ color, size: "STD", barcode, stock: 10 }] });
  const fillers = ["ZZZ-0001", "ZZZ-0002", "ZZZ-0003"].map((c, i) => item(c, `869000000400${i}`));
  const template = { stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" } };
  await using h = await syncHarness(
    [item("ZZZ", "8690000004200", "DUP"), ...fillers],
    { catalog: template },
    {
      itemBatch: 2,
    },
  );
  await h.sync("full");
  addItem(h.data, item("ZZZ-DUP", "8690000004100"));
  await h.sync("full");
  const first = open(h, "ZZZ-DUP-STD", "duplicate");
  assert.ok(first, "the duplicate is reported");
  h.clock.advance(HOUR);
  await h.sync("full");
  assert.equal(open(h, "ZZZ-DUP-STD", "duplicate")?.firstSeen, first.firstSeen);
  assert.equal(h.variant("ZZZ-DUP-STD")!.product.productCode, "ZZZ", "still the holder's variant (at 0)");

  h.data.delete("cdItem", (r) => r.ItemCode === "ZZZ-DUP"); // the claimer gone from Nebim: mended
  await h.sync("full");
  assert.equal(open(h, "ZZZ-DUP-STD", "duplicate"), undefined, "closed when no batch finds it again");
});
