import assert from "node:assert/strict";
import { assembleVariants, ownKey, VariantSlots } from "../../../nebim/sql/assemble.ts";
import type { Cost } from "../../../nebim/sql/costs.ts";
import type { NebimRow } from "../../../nebim/sql/pool.ts";

function row(item: unknown, color: unknown, d1: unknown = "", d2: unknown = "", d3: unknown = ""): NebimRow {
  return { ItemCode: item, ColorCode: color, ItemDim1Code: d1, ItemDim2Code: d2, ItemDim3Code: d3 };
}

Deno.test("VariantSlots: a row spelled as its variant finds it, each dimension in its own place", () => {
  const s = new VariantSlots();
  assert.equal(s.add(row("KML-1", "BEY", "M", "")), 0);
  assert.equal(s.add(row("KML-1", "BEY", "", "M")), 1);
  assert.equal(s.add(row("KML-2", "BEY", "M", "")), 2);
  assert.equal(s.find(row("KML-1", "BEY", "", "M")), 1);
  assert.equal(s.find(row("KML-1", "BEY", "M", "")), 0);
  assert.equal(s.find(row("KML-2", "BEY", "M")), 2);
  assert.equal(s.find(row("KML-2", "BEY", "", "M")), undefined);
  assert.equal(s.find(row("KML-3", "BEY", "M")), undefined);
  assert.equal(s.size, 3);
});

Deno.test("VariantSlots: variants apart in one code only are apart; the same spelling twice is one", () => {
  const s = new VariantSlots();
  const codes: [string, string, string, string, string][] = [
    ["KML-1", "BEY", "M", "A", "X"],
    ["KML-1", "SYH", "M", "A", "X"],
    ["KML-1", "BEY", "L", "A", "X"],
    ["KML-1", "BEY", "M", "B", "X"],
    ["KML-1", "BEY", "M", "A", "Y"],
  ];
  codes.forEach((c, i) => assert.equal(s.add(row(...c)), i));
  assert.equal(s.add(row(...codes[3]!)), undefined);
  codes.forEach((c, i) => assert.equal(s.find(row(...c)), i));
  assert.equal(s.size, 5);
});

Deno.test("VariantSlots: a row spelled otherwise (case, trailing spaces, NULL for none) finds its variant case-blind", () => {
  const s = new VariantSlots();
  s.add(row("KML-1", "BEY", "M"));
  s.add(row("KAZAKİ", null, "S"));
  assert.equal(s.find(row("kml-1", "bey", "m")), 0);
  assert.equal(s.find(row("KML-1 ", "BEY  ", "M")), 0);
  assert.equal(s.find(row("kazaki", "", "s")), 1, "Turkish i is İ in upper case");
  assert.equal(s.find(row("KAZAKI", "", "S")), undefined, "I is another letter than İ");
  assert.equal(s.find(row("KAZAKİ", "", "S", null, null)), 1, "NULL is the empty code");
});

Deno.test("VariantSlots: a variant whose codes differ only in case or trailing spaces is the first one again", () => {
  // The first is all upper-case ASCII (its own key), the second not: the keys are made only then.
  const s = new VariantSlots();
  assert.equal(s.add(row("KML-1", "BEY", "M")), 0);
  assert.equal(s.add(row("KML-2", "SYH", "M")), 1);
  assert.equal(s.add(row("kml-1", "bey", "m")), undefined);
  assert.equal(s.add(row("KML-2 ", "SYH", "M")), undefined);
  assert.equal(s.add(row("KML-1", "BEY", "M")), undefined, "the same spelling again");
  assert.equal(s.add(row("kml-3", "bey", "m")), 2);
  assert.equal(s.add(row("KML-3", "BEY", "M")), undefined);
  assert.equal(s.size, 3);
});

Deno.test("ownKey: upper-case ASCII without a trailing space is its own key; anything else is not", () => {
  for (const code of ["", "KML-1001", "BEY", "38/40", "A B", "X_Y.Z", "@[`{~"]) {
    assert.equal(ownKey(code), true, code);
  }
  for (const code of ["kml", "KMLa", "BEY ", " ", "KAZAKİ", "ÇANTA", "z", "İ"]) {
    assert.equal(ownKey(code), false, code);
  }
});

const cost = (c: Partial<Cost>): Cost => ({ kurus: 1000, currency: "TRY", includesVat: null, ...c });

Deno.test("assembleVariants: the other sets join by variant; a cost's reason and fine price only where there is one", () => {
  const variants = [
    { ...row("KML-1", "BEY", "M"), ItemTaxGrCode: "%20", ItemDescription: "Tişört" },
    { ...row("KML-1", "BEY", "L"), ItemTaxGrCode: "%20", ItemDescription: "Tişört" },
    { ...row("KML-2", "", ""), ItemTaxGrCode: "%10", ItemDescription: "Kazak" },
  ];
  const costs: Record<string, Cost> = {
    "KML-1": cost({ tenThousandths: 100_050 }),
    "KML-2": cost({ kurus: null, unreadable: "bad price" }),
  };
  const out = assembleVariants(
    {
      variants,
      barcodes: [
        { ...row("kml-1", "bey", "l"), Barcode: "B2" },
        { ...row("KML-1", "BEY", "M"), Barcode: "B1" },
        { ...row("KML-1", "BEY", "M"), Barcode: "B1b" },
        { ...row("KML-9", "BEY", "M"), Barcode: "NONE" },
      ],
      onHand: [{ ...row("KML-1", "BEY", "M"), OnHand: 2 }, { ...row("KML-1 ", "BEY", "M"), OnHand: 3 }],
      reserved: [{ ...row("KML-2", null, null), Reserved: 1 }],
    },
    (item) => costs[item],
    new Map([["%20", 20], ["%10", 10]]),
  );
  assert.deepEqual(
    out.map((v) => [v.key.itemDim1Code || v.key.itemCode, v.barcodes, v.onHand, v.reserved, v.vatRate]),
    [
      ["M", ["B1", "B1b"], 5, 0, 20],
      ["L", ["B2"], 0, 0, 20],
      ["KML-2", [], 0, 1, 10],
    ],
  );
  assert.equal(out[0]!.costTenThousandths, 100_050);
  assert.equal(out[0]!.costKurus, 1000);
  assert.equal("costUnreadable" in out[0]!, false);
  assert.equal("costTenThousandths" in out[2]!, false);
  assert.equal(out[2]!.costUnreadable, "bad price");
  assert.equal(out[2]!.costKurus, null);
});

Deno.test("VariantSlots: in a batch of own-key codes, another spelling of any one code is the same variant", () => {
  const codes: [string, string, string, string, string] = ["KML-1", "BEY", "M", "A", "X"];
  for (let i = 0; i < codes.length; i++) {
    // Each time a fresh batch: the first variant leaves the case-blind keys unbuilt.
    const s = new VariantSlots();
    assert.equal(s.add(row(...codes)), 0);
    const other = codes.map((c, j) => j === i ? c.toLowerCase() : c) as typeof codes;
    assert.equal(s.add(row(...other)), undefined, `code ${i} in lower case`);
    assert.equal(s.find(row(...other)), 0);
    assert.equal(s.size, 1);
  }
  // The first variant of an item spelled the same again, while no key was built.
  const s = new VariantSlots();
  assert.equal(s.add(row("KML-1", "BEY")), 0);
  assert.equal(s.add(row("KML-1", "BEY")), undefined);
  assert.equal(s.size, 1);
});

Deno.test("assembleVariants: a variant the variants query gives twice (as spelled, or otherwise) is one variant", () => {
  const r = { ...row("KML-1", "BEY", "M"), ItemTaxGrCode: "%20", ItemDescription: "Tişört" };
  const out = assembleVariants(
    {
      variants: [r, r, { ...r, ItemCode: "kml-1" }],
      barcodes: [{ ...row("KML-1", "BEY", "M"), Barcode: "B1" }],
      onHand: [{ ...row("KML-1", "BEY", "M"), OnHand: 2 }],
      reserved: [],
    },
    () => undefined,
    new Map([["%20", 20]]),
  );
  assert.deepEqual(out.map((v) => [v.key.itemCode, v.barcodes, v.onHand]), [["KML-1", ["B1"], 2]]);
});
