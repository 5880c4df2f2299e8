import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { onHandQuery, reservedQuery } from "../../../../nebim/sql/queries.ts";
import { runRows, toRequest } from "../../../nebim/sql/handler_pool.ts";
import { SqlError } from "../../../../sim/tds/server.ts";
import { DISPATCH, fixture } from "../fixture.ts";

const ITEMS = ["KZK-0101", "ESP-0420"];
const table = (rows: Record<string, unknown>[], column: string) =>
  rows.map((r) => [r.ItemCode, r.ColorCode, r.ItemDim1Code, r[column]]).sort((a, b) =>
    String(a.slice(0, 3)).localeCompare(String(b.slice(0, 3)))
  );

Deno.test("onHand: In_Qty1 - Out_Qty1 summed per variant over the listed warehouses only (case-blind)", async () => {
  const rows = await runRows(createNebimHandler(fixture()), onHandQuery(ITEMS, ["MRK"]));
  // LAC/S: 12 - 3 in MRK, + 1 in "mrk " spelled in lower case; 5 in W02 left out. LAC/XL goes negative.
  assert.deepEqual(table(rows, "OnHand"), [
    ["ESP-0420", "", "", 7],
    ["KZK-0101", "LAC", "S", 10],
    ["KZK-0101", "LAC", "XL", -2],
  ]);
});

Deno.test("onHand: more warehouses add up; an unlisted item contributes nothing", async () => {
  const rows = await runRows(createNebimHandler(fixture()), onHandQuery(["ESP-0420"], ["MRK", "DEP", "W02"]));
  assert.deepEqual(table(rows, "OnHand"), [["ESP-0420", "", "", 8.5]]);
});

Deno.test("onHand: OnHand is a float column and the variant columns are trStock's", async () => {
  const q = onHandQuery(ITEMS, ["MRK"]);
  const result = await createNebimHandler(fixture())(toRequest(q.sql, q.params));
  const cols = result.resultSets[0]!.columns;
  assert.deepEqual(cols.at(-1), { name: "OnHand", type: "float", nullable: true });
  assert.deepEqual(cols[0], { name: "ItemCode", type: "nvarchar", length: 30, nullable: false });
});

Deno.test("onHand: stock inserted after the index was built is counted", async () => {
  const data = fixture();
  const handler = createNebimHandler(data);
  await runRows(handler, onHandQuery(ITEMS, ["MRK"]));
  data.insert("trStock", {
    StockID: 99,
    ItemTypeCode: 1,
    ItemCode: "ESP-0420",
    WarehouseCode: "MRK",
    Out_Qty1: 2,
  });
  const rows = await runRows(handler, onHandQuery(["ESP-0420"], ["MRK"]));
  assert.deepEqual(table(rows, "OnHand"), [["ESP-0420", "", "", 5]]);
});

Deno.test("reserved: open reservations, dispatch orders and picking per variant (the order line's), in the warehouses", async () => {
  const handler = createNebimHandler(fixture());
  // LAC/S: reserved 2 + 0.5 and 1 picked in MRK (the W02 reservation left out); LAC/XL: its reservation has
  // no open state row, its dispatch order 1.
  assert.deepEqual(table(await runRows(handler, reservedQuery(ITEMS, ["MRK"])), "Reserved"), [
    ["KZK-0101", "LAC", "S", 3.5],
    ["KZK-0101", "LAC", "XL", 1],
  ]);
  assert.deepEqual(table(await runRows(handler, reservedQuery(ITEMS, ["mrk", "W02"])), "Reserved"), [
    ["KZK-0101", "LAC", "S", 7.5],
    ["KZK-0101", "LAC", "XL", 1],
  ]);
  assert.deepEqual(await runRows(handler, reservedQuery(ITEMS, ["W99"])), []);
  assert.deepEqual(await runRows(handler, reservedQuery(["ESP-0420"], ["MRK"])), []);
});

Deno.test("onHand: the SUM and GROUP BY as the statement has them; an expression it cannot evaluate is an error", async () => {
  const onHand = async (from: string | RegExp, to: string, q = onHandQuery(ITEMS, ["MRK"])) => {
    const sql = q.sql.replace(from, to);
    assert.notEqual(sql, q.sql);
    return table(await runRows(createNebimHandler(fixture()), { ...q, sql }), "OnHand");
  };
  // Out_Qty1 left out, the stock of goods sold is counted as still there (LAC/S: 10 on hand, 13 in).
  const sold = await onHand("SUM(s.In_Qty1 - s.Out_Qty1)", "SUM(s.In_Qty1)");
  assert.deepEqual(sold.find((r) => r[2] === "S"), ["KZK-0101", "LAC", "S", 13]);
  // Grouped by warehouse too, a variant is a row per warehouse (ESP-0420 has stock in MRK and DEP).
  const everywhere = onHandQuery(["ESP-0420"], ["MRK", "DEP", "W02"]);
  assert.equal((await onHand(/s\.ItemDim3Code$/, "s.ItemDim3Code, s.WarehouseCode", everywhere)).length, 2);
  await assert.rejects(() => onHand("SUM(s.In_Qty1 - s.Out_Qty1)", "SUM(s.In_Qty1 * 2)"), SqlError);
});

Deno.test("reserved: stages joined by UNION (not UNION ALL) count an order line's equal quantities once", async () => {
  const data = fixture();
  // LAC/S's reservation of 2 (order line 401) is also 2 on a dispatch order in MRK.
  const line = {
    OrderLineID: "00000000-0000-0000-0000-000000000401",
    DispOrderLineID: "00000000-0000-0000-0000-000000000502",
  };
  data.insert("trDispOrderLine", { ...line, DispOrderHeaderID: DISPATCH, Qty1: 2 });
  data.insert("stDispOrder", { ...line, Qty1: 2 });
  const q = reservedQuery(["KZK-0101"], ["MRK"]);
  const reserved = async (sql: string) =>
    table(await runRows(createNebimHandler(data), { ...q, sql }), "Reserved").filter((r) => r[2] === "S");
  assert.deepEqual(await reserved(q.sql), [["KZK-0101", "LAC", "S", 5.5]]);
  assert.deepEqual(await reserved(q.sql.replaceAll("UNION ALL", "UNION")), [["KZK-0101", "LAC", "S", 3.5]]);
});
