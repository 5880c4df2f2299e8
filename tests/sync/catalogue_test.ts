import assert from "node:assert/strict";
import type { NebimVariant } from "../../nebim/types.ts";
import { catalogueBatches } from "../../sync/catalogue.ts";
import type { CatalogSource } from "../../sync/ports.ts";
import { ITEM_BATCH } from "../../sync/item_batches.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";

/** `asked`: the templates Nebim was asked the codes two items make under (templateCodeVariants). */
function source(
  nebim: Map<string, NebimVariant[]>,
  shared: string[],
  reads: string[][],
  asked: string[] = [],
): CatalogSource {
  return {
    serverTime: () => Promise.resolve(new Date("2026-11-28T10:00:00Z")),
    changedItemCodes: () => Promise.resolve([]),
    async *allItemCodes() {
      yield [...nebim.keys()].sort();
    },
    readItems: () => Promise.reject(new Error("a full read goes by runs")),
    readItemRun(codes) {
      reads.push(codes);
      return Promise.resolve(codes.flatMap((c) => nebim.get(c) ?? []));
    },
    sharedBarcodes: () => Promise.resolve(new Set(shared)),
    templateCodeVariants(template) {
      asked.push(template);
      return Promise.resolve([]);
    },
  };
}

const codes = Array.from({ length: ITEM_BATCH + 3 }, (_, i) => `IT-${String(i).padStart(4, "0")}`);
const variantOf = (item: string, barcode: string) =>
  nebimVariant({ barcodes: [barcode] }, { itemCode: item });

Deno.test("catalogueBatches: one batch at a time, the sync's batches; a code shared or met again is left out and reported", async () => {
  const nebim = new Map(codes.map((c, i) => [c, [variantOf(c, `8690${i}`)]]));
  nebim.set(codes[1]!, [variantOf(codes[1]!, "SHARED1")]); // Nebim has this barcode on another variant too
  nebim.set(codes.at(-1)!, [variantOf(codes.at(-1)!, "86900")]); // item 0's barcode, in the second batch
  const reads: string[][] = [];
  const asked: string[] = [];
  const batches = [];
  for await (const b of catalogueBatches(source(nebim, ["SHARED1"], reads, asked), MAPPING)) batches.push(b);
  assert.deepEqual(reads.map((r) => r.length), [ITEM_BATCH, 3]);
  assert.deepEqual(asked, [], "under barcode stock codes no template codes are asked");
  assert.deepEqual(batches.map((b) => b.variants.length), [ITEM_BATCH - 1, 2]);
  const codesOut = batches.flatMap((b) => b.variants.map((v) => v.stockCode));
  assert.ok(!codesOut.includes("SHARED1"));
  assert.equal(codesOut.filter((c) => c === "86900").length, 1, "the earlier one stands");
  assert.deepEqual(batches.flatMap((b) => b.problems.map((p) => [p.subject, p.kind])), [
    ["SHARED1", "duplicate"],
    ["86900", "duplicate"],
  ]);
  assert.match(batches[1]!.problems[0]!.reason, /also used by a variant of an earlier item; left out/);
});

Deno.test("catalogueBatches: under a template stock code a shared barcode leaves only the barcode field", async () => {
  const nebim = new Map(codes.slice(0, 2).map((c, i) => [c, [variantOf(c, `8690${i}`)]]));
  nebim.set(codes[1]!, [variantOf(codes[1]!, "86900")]); // item 0's barcode too
  const mapping = {
    ...MAPPING,
    stockCode: { from: "template" as const, template: "{ItemCode}-{ColorCode}" },
  };
  const out = [];
  const problems = [];
  const asked: string[] = [];
  for await (const b of catalogueBatches(source(nebim, ["86900"], [], asked), mapping)) {
    out.push(...b.variants);
    problems.push(...b.problems);
  }
  assert.deepEqual(out.map((d) => [d.stockCode, d.barcode]), [
    [`${codes[0]}-BEY`, `${codes[0]}-BEY`],
    [`${codes[1]}-BEY`, `${codes[1]}-BEY`],
  ]);
  assert.deepEqual(problems.map((p) => [p.subject, p.kind]), [
    [`${codes[0]}-BEY`, "duplicate"],
    [`${codes[1]}-BEY`, "duplicate"],
  ]);
  assert.deepEqual(asked, ["{ItemCode}-{ColorCode}"], "the codes two items make: asked once per build");
});

Deno.test("catalogueBatches: a product whose code the store takes for an earlier one's is left out and reported", async () => {
  const nebim = new Map([
    ["KAZAKI", [
      variantOf("KAZAKI", "8691"),
      nebimVariant({ barcodes: ["8692"] }, { itemCode: "KAZAKI", itemDim1Code: "L" }),
    ]],
    ["KAZAKİ", [variantOf("KAZAKİ", "8693")]],
  ]);
  const batches = [];
  for await (const b of catalogueBatches(source(nebim, [], []), MAPPING)) batches.push(b);
  assert.deepEqual(batches.flatMap((b) => b.variants.map((v) => [v.productCode, v.stockCode])), [
    ["KAZAKI", "8691"],
    ["KAZAKI", "8692"],
  ]);
  assert.deepEqual(batches.flatMap((b) => b.duplicates.map((v) => v.stockCode)), ["8693"]);
  const problems = batches.flatMap((b) => b.problems);
  assert.deepEqual(problems.map((p) => [p.subject, p.kind]), [["8693", "duplicate"]]);
  assert.match(
    problems[0]!.reason,
    /product code "KAZAKİ" is product KAZAKI to the store.*left out of the feed/,
  );
});

Deno.test("catalogueBatches: a product the feed does not carry (blocked, never listed) holds no store code", async () => {
  const nebim = new Map([
    ["KAZAKI", [nebimVariant({ barcodes: ["8691"], itemBlocked: true }, { itemCode: "KAZAKI" })]],
    ["KAZAKİ", [variantOf("KAZAKİ", "8693")]],
  ]);
  const batches = [];
  const carried = (d: { sellable: boolean }) => d.sellable;
  for await (const b of catalogueBatches(source(nebim, [], []), MAPPING, undefined, carried)) batches.push(b);
  const out = batches.flatMap((b) => b.variants.filter(carried).map((v) => [v.productCode, v.stockCode]));
  assert.deepEqual(out, [["KAZAKİ", "8693"]], "the store will never have KAZAKI: nothing to merge with");
  assert.deepEqual(batches.flatMap((b) => b.problems), []);
});

Deno.test("catalogueBatches: a product the feed listed before keeps its store code against one read earlier", async () => {
  const nebim = new Map([
    ["KAZAKI", [variantOf("KAZAKI", "8691")]], // new in Nebim, read first
    ["KAZAKİ", [variantOf("KAZAKİ", "8693")]], // in the store through the feed
  ]);
  const batches = [];
  for await (
    const b of catalogueBatches(source(nebim, [], []), MAPPING, undefined, () => true, ["KAZAKİ"])
  ) batches.push(b);
  assert.deepEqual(batches.flatMap((b) => b.variants.map((v) => [v.productCode, v.stockCode])), [[
    "KAZAKİ",
    "8693",
  ]]);
  assert.deepEqual(batches.flatMap((b) => b.problems.map((p) => [p.subject, p.kind])), [[
    "8691",
    "duplicate",
  ]]);
});
