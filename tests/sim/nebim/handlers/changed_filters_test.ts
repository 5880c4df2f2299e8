/**
 * changedItems' parts each keep to their own rows (language, price code, country, price group, VAT process, warehouse),
 * and the simulator applies each filter only where the part has it: a part that lost one would pass every
 * test, and on SQL Server re-read items for changes that are not the store's.
 */

import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { type ChangedItemsInput, changedItemsQuery } from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { CHANGED as BASE, CHANGED_PRICE_LIST as PRICE_LIST } from "../changed_input.ts";
import { fixture, HEADER, OLD } from "../fixture.ts";

const AT_SINCE = "2026-11-10T10:00:00.000";
const dims = { ColorCode: "", ItemDim1Code: "", ItemDim2Code: "", ItemDim3Code: "" };
const stamp = (at: string) => ({ CreatedDate: at, LastUpdatedDate: at });

async function changed(data: ReturnType<typeof fixture>, input: ChangedItemsInput = BASE): Promise<string[]> {
  const rows = await runRows(createNebimHandler(data), changedItemsQuery(input));
  return rows.map((r) => String(r.ItemCode)).sort();
}

Deno.test("changedItems: each part applies its own filters (language, price code, country, group, VAT process, warehouse)", async () => {
  const data = fixture();
  data.insert("cdItemDesc", { ItemTypeCode: 1, ItemCode: "DESC-EN", LangCode: "EN", ...stamp(AT_SINCE) });
  data.insert("cdColorDesc", { ColorCode: "ZZ", LangCode: "EN", ...stamp(AT_SINCE) });
  data.insert("prItemVariant", {
    ItemTypeCode: 1,
    ItemCode: "COLOR-EN",
    ...dims,
    ColorCode: "ZZ",
    ...stamp(OLD),
  });
  data.insert("prItemBasePrice", {
    ItemTypeCode: 1,
    ItemCode: "PRICE-CODE2",
    CountryCode: "TR",
    BasePriceCode: 2,
    Price: 1,
    ...stamp(AT_SINCE),
  });
  data.insert("prItemBasePrice", {
    ItemTypeCode: 1,
    ItemCode: "PRICE-DE",
    CountryCode: "DE",
    BasePriceCode: 1,
    Price: 1,
    ...stamp(AT_SINCE),
  });
  data.insert("trPriceListLine", {
    PriceListLineID: "00000000-0000-0000-0002-000000000001",
    PriceListHeaderID: HEADER.otherGroup,
    ItemTypeCode: 1,
    ItemCode: "LIST-MAG",
    ...dims,
    Price: 1,
    ...stamp(AT_SINCE),
  });
  // VAT of another country, or of wholesale: not the store's.
  for (const [country, process] of [["DE", "R"], ["TR", "WS"]]) {
    const group = `VAT-${country}-${process}`;
    data.insert("prItemTaxGrAtt", {
      ItemTaxGrCode: group,
      CountryCode: country,
      ProcessCode: process,
      SellVatCode: "%10",
      ...stamp(AT_SINCE),
    });
    data.insert("cdItem", { ItemTypeCode: 1, ItemCode: group, ItemTaxGrCode: group, ...stamp(OLD) });
  }
  data.insert("cdItem", { ItemTypeCode: 2, ItemCode: "SERVICE", ...stamp(AT_SINCE) });
  data.insert("trStock", {
    StockID: 9101,
    ItemTypeCode: 1,
    ItemCode: "STOCK-W02",
    ...dims,
    WarehouseCode: "W02",
    In_Qty1: 1,
    ...stamp(AT_SINCE),
  });
  assert.deepEqual(await changed(data), []);
  assert.deepEqual(await changed(data, PRICE_LIST), []);
  // The simulator applies each filter where the part has it: a part that lost one lets its rows in.
  const without = async (drop: string, input = BASE) => {
    const q = changedItemsQuery(input);
    const sql = q.sql.replace(drop, "");
    assert.notEqual(sql, q.sql, drop);
    return (await runRows(createNebimHandler(data), { ...q, sql })).map((r) => String(r.ItemCode)).sort();
  };
  assert.deepEqual(await without("d.LangCode = @langCode AND "), ["DESC-EN"]);
  assert.deepEqual(await without("c.LangCode = @langCode AND "), ["COLOR-EN"]);
  assert.deepEqual(await without("a.CountryCode = @countryCode AND "), ["VAT-DE-R"]);
  assert.deepEqual(await without(" AND a.ProcessCode = N'R'"), ["VAT-TR-WS"]);
  assert.deepEqual(await without(" AND p.CountryCode = @countryCode"), ["PRICE-DE"]);
  assert.deepEqual(await without("s.WarehouseCode IN (@w0) AND "), ["STOCK-W02"]);
  assert.deepEqual(await without(" AND h.PriceGroupCode = @priceGroupCode", PRICE_LIST), ["LIST-MAG"]);
});
