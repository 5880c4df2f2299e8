/**
 * Nebim keys an item by type and code (cdItem's key is ItemTypeCode + ItemCode): a material or service may
 * carry a product's code. Each read statement keeps to products by `<alias>.ItemTypeCode = 1`, and the
 * simulator applies that filter only where the text has it: a statement that lost it would pass every test
 * and, on SQL Server, add the material's stock, barcodes and prices to the product's.
 */

import assert from "node:assert/strict";
import type { NebimDataSet } from "../../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import {
  barcodesQuery,
  basePricesQuery,
  itemCodesPageQuery,
  type NebimStatement,
  onHandQuery,
  priceListPricesQuery,
  reservedQuery,
  sharedBarcodesQuery,
  variantsQuery,
} from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { commit } from "../../../support/catalog.ts";
import { fixture, HEADER, NOW } from "../fixture.ts";

const CODE = "TSH-0001";
const MATERIAL = {
  ItemTypeCode: 3,
  ItemCode: CODE,
  ColorCode: "LAC",
  ItemDim1Code: "",
  ItemDim2Code: "",
  ItemDim3Code: "",
};

/** The fixture plus a material (type 3) with the product TSH-0001's code, in every table a product is read from. */
function withMaterial(): NebimDataSet {
  const ds = fixture();
  ds.insert("cdItem", { ItemTypeCode: 3, ItemCode: CODE, ItemDimTypeCode: 1, ItemTaxGrCode: "%20" });
  ds.insert("cdItemDesc", { ItemTypeCode: 3, ItemCode: CODE, LangCode: "TR", ItemDescription: "Kumaş" });
  ds.insert("prItemVariant", MATERIAL);
  ds.insert("prItemBarcode", {
    ...MATERIAL,
    Barcode: "8690000000002",
    BarcodeTypeCode: "DEF",
    UnitOfMeasureCode: "AD",
  });
  ds.insert("trStock", { ...MATERIAL, StockID: 9001, WarehouseCode: "MRK", In_Qty1: 500, Out_Qty1: 0 });
  ds.insert("prItemBasePrice", {
    ItemTypeCode: 3,
    ItemCode: CODE,
    CountryCode: "TR",
    SeasonCode: "",
    BasePriceCode: 1,
    PriceDate: "2026-01-01",
    Price: 7,
  });
  ds.insert("trPriceListLine", {
    ...MATERIAL,
    PriceListLineID: "00000000-0000-0000-0009-000000000001",
    PriceListHeaderID: HEADER.h2,
    Price: 7,
  });
  commit(ds, MATERIAL, "Reserve", 40, { warehouse: "MRK" });
  return ds;
}

const STATEMENTS: [alias: string, NebimStatement][] = [
  ["i", variantsQuery([CODE], "TR")],
  ["b", barcodesQuery([CODE], "DEF")],
  ["b", sharedBarcodesQuery("DEF")],
  ["s", onHandQuery([CODE], ["MRK"])],
  ["o", reservedQuery([CODE], ["MRK"])],
  ["p", basePricesQuery([CODE], 1, "TR")],
  ["l", priceListPricesQuery([CODE], "WEB", NOW)],
  ["s", onHandQuery({ first: CODE, last: CODE }, ["MRK"])],
];

const answer = async (data: NebimDataSet, q: NebimStatement) =>
  JSON.stringify(await runRows(createNebimHandler(data), q));

for (const [alias, q] of STATEMENTS) {
  const filter = new RegExp(`\\b${alias}\\.ItemTypeCode = 1 AND `);
  const run = q.sql.includes("@itemFirst") ? " (a key range)" : "";
  Deno.test(`${q.name}${run}: a material with a product's code counts only without ${alias}.ItemTypeCode = 1`, async () => {
    assert.match(q.sql, filter);
    assert.equal(await answer(withMaterial(), q), await answer(fixture(), q), "the agent's statement");
    const loose = { ...q, sql: q.sql.replace(filter, "") };
    assert.notEqual(
      await answer(withMaterial(), loose),
      await answer(fixture(), loose),
      "without the filter",
    );
  });
}

Deno.test("itemCodesPage: product codes after @after; without the type filter or with >= the page differs", async () => {
  const data = withMaterial();
  const q = itemCodesPageQuery("ESP-0420", 10);
  const page = async (sql: string) =>
    (await runRows(createNebimHandler(data), { ...q, sql })).map((r) => String(r.ItemCode));
  assert.deepEqual(await page(q.sql), ["KZK-0101", CODE]);
  assert.deepEqual(await page(q.sql.replace("i.ItemTypeCode = 1 AND ", "")), ["KZK-0101", "SRV-1", CODE]);
  assert.deepEqual(await page(q.sql.replace("> @after", ">= @after")), ["ESP-0420", "KZK-0101", CODE]);
});
