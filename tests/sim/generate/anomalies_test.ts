import assert from "node:assert/strict";
import type { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { type AnomalyKind, generateNebim, type PlantedAnomaly } from "../../../sim/generate/nebim.ts";
import { catalogue, ikey, netStock, SIZE, vkey } from "./helpers.ts";

/** Finds each kind of bad row from the tables alone: item codes per kind (the barcode for duplicates). */
function findAnomalies(data: NebimDataSet): Record<AnomalyKind, string[]> {
  const products = data.rows("cdItem").filter((r) => r.ItemTypeCode === 1);
  const named = new Set(data.rows("cdItemDesc").map(ikey));
  const defs = data.rows("prItemBarcode").filter((r) => r.BarcodeTypeCode === "DEF");
  const byBarcode = new Map<unknown, string[]>();
  for (const b of defs) byBarcode.set(b.Barcode, [...(byBarcode.get(b.Barcode) ?? []), String(b.ItemCode)]);
  const groups = new Set(data.rows("cdItemTaxGr").map((r) => r.ItemTaxGrCode));
  const itemOf = (k: string) => k.split("|")[1]!;
  return {
    missingName: products.filter((r) => !named.has(ikey(r))).map((r) => String(r.ItemCode)),
    longName: data.rows("cdItemDesc").filter((r) => String(r.ItemDescription).length > 200).map((r) =>
      String(r.ItemCode)
    ),
    negativeStock: [...netStock(data.rows("trStock"), "W01")].filter(([, n]) => n < 0).map(([k]) =>
      itemOf(k)
    ),
    duplicateBarcode: [...byBarcode].filter(([, items]) => items.length > 1).map(([barcode]) =>
      String(barcode)
    ),
    zeroBasePrice: data.rows("prItemBasePrice").filter((r) => r.BasePriceCode === 1 && r.Price === 0).map((
      r,
    ) => String(r.ItemCode)),
    malformedBarcode: defs.filter((r) => !/^\d{13}$/.test(String(r.Barcode))).map((r) => String(r.ItemCode)),
    unknownTaxGroup: products.filter((r) => !groups.has(r.ItemTaxGrCode)).map((r) => String(r.ItemCode)),
    foreignCurrencyPrice: data.rows("trPriceListLine").filter((r) => r.DocCurrencyCode !== "TRY").map((r) =>
      String(r.ItemCode)
    ),
  };
}

/** What findAnomalies reports for a planted anomaly. */
function subject(a: PlantedAnomaly): string {
  return a.kind === "duplicateBarcode" ? a.stockCode! : a.itemCode;
}

Deno.test("without anomalies the catalogue has none of the bad rows", () => {
  const plain = catalogue(false, 42, 3_000);
  const found = findAnomalies(plain.data);
  for (const [kind, items] of Object.entries(found)) assert.deepEqual(items, [], kind);
  assert.deepEqual(plain.anomalies, []);
});

Deno.test("anomalies: true plants each bad row exactly once, on the item it reports", () => {
  const { data, anomalies } = catalogue(true);
  const found = findAnomalies(data);
  assert.equal(anomalies.length, 8);
  for (const a of anomalies) assert.deepEqual(found[a.kind], [subject(a)], a.kind);
  assert.deepEqual(Object.keys(found).sort(), anomalies.map((a) => a.kind).sort());
  const long = data.rows("cdItemDesc").find((r) => r.ItemCode === found.longName[0])!;
  assert.equal(String(long.ItemDescription).length, 300);
  assert.match(String(long.ItemDescription), /[çğıöşü]/);
  assert.ok(data.rows("prItemBarcode").some((r) => r.Barcode === "abc 123" && r.BarcodeTypeCode === "DEF"));
  assert.ok(data.rows("trPriceListLine").some((r) => r.DocCurrencyCode === "EUR"));
});

Deno.test("anomalies sit on distinct sellable items whose codes stay out of the order stock codes", () => {
  const { data, anomalies, stockCodes } = catalogue(true);
  const dup = anomalies.find((a) => a.kind === "duplicateBarcode")!;
  const sharers = data.rows("prItemBarcode").filter((r) => r.Barcode === dup.stockCode).map((r) =>
    r.ItemCode
  );
  const touched = new Set([...anomalies.map((a) => a.itemCode), ...sharers]);
  assert.equal(touched.size, 9);
  for (const item of data.rows("cdItem").filter((r) => touched.has(String(r.ItemCode)))) {
    assert.ok(!item.IsBlocked && item.UseInternet, `${item.ItemCode} sellable`);
  }
  const codes = new Set(stockCodes);
  const touchedBarcodes = data.rows("prItemBarcode").filter((r) => touched.has(String(r.ItemCode)));
  for (const b of touchedBarcodes) assert.ok(!codes.has(String(b.Barcode)), String(b.Barcode));
  assert.equal(data.rows("prItemVariant").length, SIZE);
  assert.equal(new Set(data.rows("prItemVariant").map(vkey)).size, SIZE);
});

Deno.test("anomalies need nine items: fewer variants are refused, nine are enough", () => {
  assert.throws(() => generateNebim({ variants: 8, seed: 1, anomalies: true }), /anomalies need at least 9/);
  const g = generateNebim({ variants: 9, seed: 1, anomalies: true });
  assert.equal(g.anomalies.length, 8);
  const found = findAnomalies(g.data);
  for (const a of g.anomalies) assert.deepEqual(found[a.kind], [subject(a)], a.kind);
});
