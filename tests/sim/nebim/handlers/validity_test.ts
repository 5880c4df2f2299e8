/**
 * A price list's start compared with the statement's own operators: the simulator used to decide "in force"
 * and "started in the window" itself, so a statement comparing `<` where it means `<=` (a list missed at its
 * exact start), or one that lost the line's own start, passed every test.
 */

import assert from "node:assert/strict";
import type { NebimDataSet } from "../../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import {
  changedItemsQuery,
  type NebimStatement,
  priceListPricesQuery,
} from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { fixture } from "../fixture.ts";

const AT = new Date("2026-11-10T14:00:00.000Z");
const HOUR = 3_600_000;
const dims = { ColorCode: "", ItemDim1Code: "", ItemDim2Code: "", ItemDim3Code: "" };

/** The fixture plus list PL-AT of WEB, valid from AT (the line from `lineFrom`), pricing AT-1 at 1. */
function withList(lineFrom = { ValidDate: "1900-01-01", ValidTime: "00:00:00" }): NebimDataSet {
  const data = fixture();
  // The price statement keeps lines in their item's own unit, through cdItem: the item is there.
  data.insert("cdItem", { ItemTypeCode: 1, ItemCode: "AT-1" });
  const id = "00000000-0000-0000-0007-000000000001";
  data.insert("trPriceListHeader", {
    PriceListHeaderID: id,
    PriceListNumber: "PL-AT",
    PriceListDate: "2026-11-01",
    PriceGroupCode: "WEB",
    ValidDate: "2026-11-10",
    ValidTime: "14:00:00",
    IsConfirmed: true,
    IsCompleted: true,
  });
  data.insert("trPriceListLine", {
    PriceListLineID: "00000000-0000-0000-0007-000000000002",
    PriceListHeaderID: id,
    ItemTypeCode: 1,
    ItemCode: "AT-1",
    ...dims,
    ...lineFrom,
    Price: 1,
  });
  return data;
}

async function codes(data: NebimDataSet, q: NebimStatement, from?: RegExp, to = ""): Promise<string[]> {
  const sql = from ? q.sql.replace(from, to) : q.sql;
  assert.ok(!from || sql !== q.sql, `${q.name} has ${from}`);
  return (await runRows(createNebimHandler(data), { ...q, sql })).map((r) => String(r.ItemCode));
}

const STRICT_TIME = /ValidTime <= @(\w+)Time/g;

Deno.test("priceListPrices: a list is in force from its exact start; comparing < it is not", async () => {
  const q = priceListPricesQuery(["AT-1"], "WEB", AT);
  assert.deepEqual(await codes(withList(), q), ["AT-1"]);
  assert.deepEqual(await codes(withList(), q, STRICT_TIME, "ValidTime < @$1Time"), []);
  const early = priceListPricesQuery(["AT-1"], "WEB", new Date(AT.getTime() - 1000));
  assert.deepEqual(await codes(withList(), early), []);
});

Deno.test("priceListPrices: a line starting after its header is not in force until then, unless its test is lost", async () => {
  const q = priceListPricesQuery(["AT-1"], "WEB", AT);
  const later = withList({ ValidDate: "2026-11-12", ValidTime: "00:00:00" });
  assert.deepEqual(await codes(later, q), []);
  assert.deepEqual(await codes(later, q, /\s+AND \(l\.ValidDate < @asOfDate OR \([^)]*\)\)/), ["AT-1"]);
});

Deno.test("changedItems: a list starting exactly at until counts in that window and not the next; with < in neither", async () => {
  const input = {
    since: new Date(AT.getTime() - HOUR),
    until: AT,
    langCode: "TR",
    countryCode: "TR",
    warehouses: [],
    reservations: false,
    priceSource: { kind: "priceList", priceGroupCode: "WEB" },
  } as const;
  const window = changedItemsQuery(input);
  const next = changedItemsQuery({ ...input, since: AT, until: new Date(AT.getTime() + HOUR) });
  assert.deepEqual(await codes(withList(), window), ["AT-1"]);
  assert.deepEqual(await codes(withList(), next), []);
  // Without `<=` at until the start falls between the windows, and the price change is never read.
  assert.deepEqual(await codes(withList(), window, STRICT_TIME, "ValidTime < @$1Time"), []);
});
