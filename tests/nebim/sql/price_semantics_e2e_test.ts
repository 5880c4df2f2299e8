/**
 * What Nebim's price and barcode rows mean, read the whole way: reader → mssql/tedious → TDS simulator, then
 * the pure mapping. Where research/nebim.md does not say which of two columns governs, the agent holds the
 * variant with a reason rather than guess.
 */

import assert from "node:assert/strict";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader } from "../../../nebim/sql/reader.ts";
import type { NebimVariant } from "../../../nebim/types.ts";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../sim/nebim/handlers/mod.ts";
import { startTdsServer } from "../../../sim/tds/server.ts";
import { mapVariants } from "../../../sync/desired.ts";
import { MAPPING } from "../../support/mapping.ts";
import { BASE_PRICES, DATABASE, OPTIONS, PASSWORD, sqlOptions, USER } from "./wire.ts";

const NOW = new Date("2026-11-20T10:00:00.000Z");

async function readOverWire(data: NebimDataSet, codes: string[], options = OPTIONS): Promise<NebimVariant[]> {
  const handler = createNebimHandler(data, { database: DATABASE });
  const server = await startTdsServer({ user: USER, password: PASSWORD, database: DATABASE, handler });
  try {
    const reader = createNebimReader(await openNebimPool(sqlOptions(server.port)), options);
    try {
      return await reader.readItems(codes, NOW);
    } finally {
      await reader.close();
    }
  } finally {
    await server.close();
  }
}

/** One item P1 of one variant with barcode 8690000000017, VAT 10 %. */
function catalogue(): NebimDataSet {
  const data = NebimDataSet.fromJson({
    cdVat: [{ VatCode: "%10", VatRate: 10 }],
    cdItemTaxGr: [{ ItemTaxGrCode: "%10" }],
    prItemTaxGrAtt: [{ ItemTaxGrCode: "%10", CountryCode: "TR", ProcessCode: "R", SellVatCode: "%10" }],
    cdItem: [{ ItemTypeCode: 1, ItemCode: "P1", ItemDimTypeCode: 0, ItemTaxGrCode: "%10" }],
    cdItemDesc: [{ ItemTypeCode: 1, ItemCode: "P1", LangCode: "TR", ItemDescription: "Kupa" }],
    prItemBarcode: [{ ItemTypeCode: 1, ItemCode: "P1", Barcode: "8690000000017", BarcodeTypeCode: "DEF" }],
  }, { clock: () => NOW });
  return data;
}

function priceList(data: NebimDataSet, header: Record<string, unknown>, line: Record<string, unknown>): void {
  const id = "00000000-0000-0000-0000-000000000001";
  data.insert("trPriceListHeader", {
    PriceListHeaderID: id,
    PriceListNumber: "PL-1",
    PriceListDate: "2026-11-01",
    PriceGroupCode: "WEB",
    ValidDate: "2026-11-01",
    IsTaxIncluded: true,
    ...header,
  });
  data.insert("trPriceListLine", {
    PriceListLineID: "00000000-0000-0000-0000-000000000101",
    PriceListHeaderID: id,
    ItemTypeCode: 1,
    ItemCode: "P1",
    Price: 10,
    ...line,
  });
}

const priceOf = (vs: NebimVariant[]) => {
  const { variants, problems } = mapVariants(vs, MAPPING);
  return { price: variants[0]?.price ?? null, reasons: problems.map((p) => p.reason).join(" | ") };
};

Deno.test("a euro price list whose line states no other currency is not priced as lira", async () => {
  const data = catalogue();
  // The header says EUR; the line is left as entered (the simulator's default).
  priceList(data, { DocCurrencyCode: "EUR" }, {});
  const { price, reasons } = priceOf(await readOverWire(data, ["P1"]));
  assert.equal(price, null);
  assert.match(reasons, /EUR/);
});

Deno.test("a line whose currency differs from its list's is held, both named, rather than guessed", async () => {
  const data = catalogue();
  priceList(data, { DocCurrencyCode: "EUR" }, { DocCurrencyCode: "TRY" });
  const { price, reasons } = priceOf(await readOverWire(data, ["P1"]));
  assert.equal(price, null);
  assert.match(reasons, /TRY/);
  assert.match(reasons, /EUR/);
});

Deno.test("a blank currency says so, not 'cost is in , not TRY'", async () => {
  const data = catalogue();
  priceList(data, { DocCurrencyCode: "" }, { DocCurrencyCode: " " });
  const { price, reasons } = priceOf(await readOverWire(data, ["P1"]));
  assert.equal(price, null);
  assert.doesNotMatch(reasons, /in , not/);
  assert.match(reasons, /no currency/);
});

Deno.test("a lira list with lira lines still prices (the header's currency agrees)", async () => {
  const data = catalogue();
  priceList(data, { DocCurrencyCode: "TRY" }, { DocCurrencyCode: "TRY" });
  const { price, reasons } = priceOf(await readOverWire(data, ["P1"]));
  assert.equal(price, 1500); // 10 TL VAT-inclusive + 50 %
  assert.equal(reasons, "");
});

Deno.test("a pack barcode (prItemBarcode.Qty 6) never becomes the single unit's stock code", async () => {
  const data = catalogue();
  // A box of 6 under the same barcode type, sorting before the unit's barcode.
  data.insert("prItemBarcode", {
    ItemTypeCode: 1,
    ItemCode: "P1",
    Barcode: "8690000000000",
    BarcodeTypeCode: "DEF",
    UnitOfMeasureCode: "KOLI",
    Qty: 6,
  });
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "P2", ItemDimTypeCode: 0, ItemTaxGrCode: "%10" });
  data.insert("prItemBarcode", {
    ItemTypeCode: 1,
    ItemCode: "P2",
    Barcode: "8690000000024",
    BarcodeTypeCode: "DEF",
    UnitOfMeasureCode: "KOLI",
    Qty: 6,
  });
  const vs = await readOverWire(data, ["P1", "P2"], { ...OPTIONS, priceSource: BASE_PRICES.priceSource });
  const { variants, problems } = mapVariants(vs, MAPPING);
  assert.deepEqual(variants.map((v) => [v.stockCode, v.barcode]), [["8690000000017", "8690000000017"]]);
  // P2 has only the box: held, and the reason says why its box does not count.
  assert.deepEqual(problems.filter((p) => p.kind === "stockCode").map((p) => p.subject), ["P2"]);
  assert.match(problems.find((p) => p.subject === "P2")!.reason, /Qty 1/);
});

Deno.test("a line with a DisableDate but not marked disabled is held, not priced", async () => {
  // research/nebim.md names trPriceListLine.DisableDate, not what it does without IsDisabled.
  for (const disableDate of ["2026-11-15", "2026-12-31"]) {
    const data = catalogue();
    priceList(data, { DocCurrencyCode: "TRY" }, { DisableDate: disableDate });
    const { price, reasons } = priceOf(await readOverWire(data, ["P1"]));
    assert.equal(price, null, disableDate);
    assert.match(reasons, new RegExp(`DisableDate ${disableDate}`));
  }
  // Nebim's empty date (1900-01-01) or none is no DisableDate.
  for (const disableDate of ["1900-01-01", null]) {
    const data = catalogue();
    priceList(data, { DocCurrencyCode: "TRY" }, { DisableDate: disableDate });
    assert.equal(priceOf(await readOverWire(data, ["P1"])).price, 1500, String(disableDate));
  }
});

Deno.test("a price-list line for another unit (a box) never prices the single unit", async () => {
  const data = catalogue();
  data.update("cdItem", (i) => i.ItemCode === "P1", { UnitOfMeasureCode1: "AD" });
  priceList(data, { DocCurrencyCode: "TRY" }, { UnitOfMeasureCode: "AD" });
  // The same list prices the box of 6 too, on a later line.
  data.insert("trPriceListLine", {
    PriceListLineID: "00000000-0000-0000-0000-000000000102",
    PriceListHeaderID: "00000000-0000-0000-0000-000000000001",
    SortOrder: 2,
    ItemTypeCode: 1,
    ItemCode: "P1",
    UnitOfMeasureCode: "KOLI",
    DocCurrencyCode: "TRY",
    Price: 54,
  });
  assert.equal(priceOf(await readOverWire(data, ["P1"])).price, 1500); // the unit's 10 TL + 50 %
});

Deno.test("a size line with no colour holds the sizes it may price, the line named; the others price as before", async () => {
  const data = catalogue();
  data.update("cdItem", (i) => i.ItemCode === "P1", { ItemDimTypeCode: 2 });
  for (const [color, size, barcode] of [["SYH", "M", "8690000000031"], ["SYH", "XL", "8690000000048"]]) {
    data.insert("prItemVariant", { ItemTypeCode: 1, ItemCode: "P1", ColorCode: color, ItemDim1Code: size });
    data.insert("prItemBarcode", {
      ItemTypeCode: 1,
      ItemCode: "P1",
      ColorCode: color,
      ItemDim1Code: size,
      Barcode: barcode,
      BarcodeTypeCode: "DEF",
    });
  }
  data.delete("prItemBarcode", (b) => b.Barcode === "8690000000017");
  // The item's line (10 TL), and XL's at 14 TL written for every colour.
  priceList(data, { DocCurrencyCode: "TRY" }, { DocCurrencyCode: "TRY" });
  data.insert("trPriceListLine", {
    PriceListLineID: "00000000-0000-0000-0000-000000000102",
    PriceListHeaderID: "00000000-0000-0000-0000-000000000001",
    ItemTypeCode: 1,
    ItemCode: "P1",
    ItemDim1Code: "XL",
    DocCurrencyCode: "TRY",
    Price: 14,
  });
  const { variants, problems } = mapVariants(await readOverWire(data, ["P1"]), MAPPING);
  assert.deepEqual(variants.map((v) => [v.stockCode, v.price]), [["8690000000031", 1500], [
    "8690000000048",
    null,
  ]]);
  assert.deepEqual(problems.map((p) => p.subject), ["8690000000048"]);
  assert.match(problems[0]!.reason, /colour \(none\), dimension 1 XL/);
});
