import assert from "node:assert/strict";
import fc from "fast-check";
import { sameStoreCode, storeCodeKey } from "../../qukasoft/code_key.ts";
import { mapVariants } from "../../sync/desired.ts";
import { MAPPING, nebimVariant } from "../support/mapping.ts";

Deno.test("storeCodeKey() folds as the coarsest MySQL collation the store may have: case, i ı İ I, accents, spaces at the ends", () => {
  for (const typed of ["kml-1001-bej-m", " KML-1001-BEJ-M", "Kml-1001-Bej-M  "]) {
    assert.ok(sameStoreCode(typed, "KML-1001-BEJ-M"), typed);
  }
  for (const typed of ["sweatshirt-1", "SWEATSHİRT-1", "sweatshırt-1", "SWEATSHIRT-1"]) {
    assert.equal(storeCodeKey(typed), "SWEATSHIRT-1", typed);
  }
  assert.equal(storeCodeKey("çanta-şal-öğe"), "CANTA-SAL-OGE");
  // general_ci takes ß for one s; toUpperCase() would make it two, a key finer than the store's.
  assert.equal(storeCodeKey("straße-1"), "STRASE-1");
  assert.ok(!sameStoreCode("KML-1001", "KML-1002"));
});

Deno.test("a template stock code the store would take for another cannot be pushed: every code the mapping accepts is its own store key", () => {
  const template = { from: "template" as const, template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" };
  const mapping = { ...MAPPING, stockCode: template };
  // Two Nebim items whose codes differ only as the store does not tell: the lowercase one is refused.
  const { variants, problems } = mapVariants([
    nebimVariant({}, { itemCode: "KML-1001" }),
    nebimVariant({}, { itemCode: "kml-1001" }),
  ], mapping);
  assert.deepEqual(variants.map((d) => d.stockCode), ["KML-1001-BEY-M"]);
  assert.deepEqual(problems.map((p) => [p.subject, p.kind]), [["kml-1001-BEY-M", "stockCode"]]);
  // So duplicates found by exact code (sync/desired.ts, sync/run_batch.ts) are the ones the store would see.
  const part = fc.stringMatching(/^[A-Za-z0-9ıİçÇşŞ .\-]{1,8}$/);
  fc.assert(fc.property(part, part, part, (itemCode, colorCode, itemDim1Code) => {
    const mapped = mapVariants([nebimVariant({}, { itemCode, colorCode, itemDim1Code })], mapping);
    for (const d of mapped.variants) assert.equal(storeCodeKey(d.stockCode), d.stockCode);
  }));
});
