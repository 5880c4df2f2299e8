import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import { ordered } from "../../../../sim/nebim/handlers/row_order.ts";
import { basePricesQuery, variantsQuery } from "../../../../nebim/sql/queries.ts";
import { runRows, toRequest } from "../../../nebim/sql/handler_pool.ts";
import { fixture } from "../fixture.ts";

const codes = (rows: Record<string, unknown>[]) =>
  rows.map((r) => `${r.ItemCode}/${r.ColorCode}/${r.ItemDim1Code}`);

Deno.test("a statement without ORDER BY answers in no promised order: not key order, not the same every run", async () => {
  const q = variantsQuery(["KZK-0101", "ESP-0420"], "TR");
  const unordered = { ...q, sql: q.sql.replace(/\nORDER BY [^\n]*$/, "") };
  assert.notEqual(unordered.sql, q.sql);
  const keyOrder = codes(await runRows(createNebimHandler(fixture()), q));
  const runs = async () => {
    const handler = createNebimHandler(fixture());
    const out: string[][] = [];
    for (let i = 0; i < 8; i++) out.push(codes(await runRows(handler, unordered)));
    return out;
  };
  const seen = await runs();
  for (const rows of seen) assert.deepEqual([...rows].sort(), [...keyOrder].sort(), "the same rows");
  assert.ok(seen.some((rows) => rows.join() !== keyOrder.join()), "some run is not in key order");
  assert.ok(new Set(seen.map((rows) => rows.join())).size > 1, "runs differ");
  assert.deepEqual(await runs(), seen, "reproducible: the same runs give the same orders");
});

Deno.test("variants with ORDER BY: by item, colour and dimensions under the collation, whatever the list's order", async () => {
  const rows = await runRows(createNebimHandler(fixture()), variantsQuery(["KZK-0101", "ESP-0420"], "TR"));
  assert.deepEqual(codes(rows), [
    "ESP-0420/null/null",
    "KZK-0101/EKR/S",
    "KZK-0101/LAC/S",
    "KZK-0101/LAC/XL",
  ]);
});

Deno.test("variants: an ORDER BY the simulator does not evaluate is an error, never a guess", () => {
  const q = variantsQuery(["KZK-0101"], "TR");
  const sql = q.sql.replace(/\nORDER BY [^\n]*$/, "\nORDER BY i.ItemCode");
  assert.throws(() => createNebimHandler(fixture())(toRequest(sql, q.params)), /does not evaluate ORDER BY/);
});

Deno.test("ordered: only an ORDER BY of the statement's own, not one inside ROW_NUMBER() OVER (...)", () => {
  assert.equal(ordered(basePricesQuery(["A"], 1, "TR").sql), false);
  assert.equal(ordered(variantsQuery(["A"], "TR").sql), true);
  assert.equal(ordered("SELECT a FROM t"), false);
});
