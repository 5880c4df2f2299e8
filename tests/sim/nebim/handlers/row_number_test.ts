/**
 * The price statements' ROW_NUMBER() windows, evaluated as the text words them: the simulator used to pick
 * "the current price" by its own rules, so a statement that flipped the season-less CASE, ordered ASC where it
 * means DESC, partitioned a price list by item alone or kept every RowNo passed every test, and on SQL Server
 * would send the merchant's store a seasonal, an old or another variant's price.
 */

import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { basePricesQuery, type NebimStatement, priceListPricesQuery } from "../../../../nebim/sql/queries.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { SqlError } from "../../../../sim/tds/server.ts";
import { fixture } from "../fixture.ts";

const ITEMS = ["KZK-0101", "ESP-0420", "TSH-0001"];

/** Rows as `pick` shows them, sorted, with `from` replaced by `to` in the statement first. */
async function prices(q: NebimStatement, pick: string[], from?: string, to = ""): Promise<string[]> {
  const sql = from === undefined ? q.sql : q.sql.replace(from, to);
  assert.ok(from === undefined || sql !== q.sql, `${q.name} has ${from}`);
  const rows = await runRows(createNebimHandler(fixture()), { ...q, sql });
  return rows.map((r) => pick.map((c) => String(r[c])).join("|")).sort();
}

Deno.test("basePrices: the window's CASE, directions and RowNo = 1 decide the price", async () => {
  const q = basePricesQuery(ITEMS, 1, "TR");
  const base = (from?: string, to?: string) => prices(q, ["ItemCode", "Price"], from, to);
  assert.deepEqual(await base(), ["ESP-0420|84.5", "KZK-0101|310"]);
  assert.deepEqual(await base("THEN 0 ELSE 1", "THEN 1 ELSE 0"), ["ESP-0420|84.5", "KZK-0101|299"]);
  assert.deepEqual(await base("p.PriceDate DESC", "p.PriceDate ASC"), ["ESP-0420|80", "KZK-0101|310"]);
  assert.deepEqual(await base("x.RowNo = 1", "x.RowNo >= 1"), [
    "ESP-0420|80",
    "ESP-0420|84.5",
    "KZK-0101|299",
    "KZK-0101|310",
  ]);
});

Deno.test("priceListPrices: partitioned by item alone, a variant's own line is lost", async () => {
  const q = priceListPricesQuery(ITEMS, "WEB", new Date("2026-11-10T12:00:00Z"));
  const lines = (from?: string, to?: string) => prices(q, ["ItemCode", "ColorCode", "Price"], from, to);
  assert.deepEqual(await lines(), ["KZK-0101|LAC|120", "KZK-0101||110", "TSH-0001|LAC|899.9"]);
  const byItem = await lines(
    "PARTITION BY l.ItemCode, l.ColorCode, l.ItemDim1Code, l.ItemDim2Code, l.ItemDim3Code",
    "PARTITION BY l.ItemCode",
  );
  assert.equal(byItem.length, 2);
});

Deno.test("priceListPrices: a window term the simulator does not evaluate is an error, not a guess", async () => {
  const q = priceListPricesQuery(ITEMS, "WEB", new Date("2026-11-10T12:00:00Z"));
  const sql = q.sql.replace("l.SortOrder DESC", "l.Price DESC, NEWID()");
  await assert.rejects(async () => await runRows(createNebimHandler(fixture()), { ...q, sql }), SqlError);
});
