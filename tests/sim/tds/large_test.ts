import assert from "node:assert/strict";
import type { QueryRequest, ResultColumn } from "../../../sim/tds/server.ts";
import { sql, withPool } from "./harness.ts";

Deno.test("a 20,000-row result spans many packets and reads back complete", async () => {
  const columns: ResultColumn[] = [
    { name: "ItemCode", type: "nvarchar", length: 30 },
    { name: "Price", type: "decimal", precision: 19, scale: 4 },
    { name: "Qty", type: "float" },
    { name: "Updated", type: "datetime2", scale: 3 },
  ];
  const base = Date.UTC(2024, 0, 1);
  const rows = Array.from(
    { length: 20_000 },
    (_, i) => [`GML-${i}`, i + 0.99, i / 4, new Date(base + i * 1000)],
  );
  await withPool({ catalog: { resultSets: [{ columns, rows }] } }, async (pool) => {
    const r = await pool.request().query("/* catalog */");
    assert.equal(r.recordset.length, 20_000);
    assert.deepEqual(r.recordset[0], { ItemCode: "GML-0", Price: 0.99, Qty: 0, Updated: new Date(base) });
    assert.deepEqual(r.recordset[19_999], {
      ItemCode: "GML-19999",
      Price: 19999.99,
      Qty: 4999.75,
      Updated: new Date(base + 19_999_000),
    });
  });
});

Deno.test("a 100,000-character NVARCHAR(MAX) parameter arrives whole (PLP over many packets)", async () => {
  const seen: QueryRequest[] = [];
  const text = "Gömlek ğüşıİöç ".repeat(6_667).slice(0, 100_000);
  await withPool({
    "save note": (req) => ({ resultSets: [], rowsAffected: String(req.params.get("note")?.value).length }),
  }, async (pool) => {
    const r = await pool.request().input("note", sql.NVarChar(sql.MAX), text).query(
      "/* save note */ UPDATE x SET n = @note",
    );
    assert.deepEqual(r.rowsAffected, [100_000]);
  }, { seen });
  assert.equal(seen[0]?.params.get("note")?.value, text);
  assert.equal(seen[0]?.params.get("note")?.type, "nvarchar");
});

Deno.test("a statement longer than 4,000 characters (sent as PLP) reaches the handler intact", async () => {
  const seen: QueryRequest[] = [];
  const statement = `/* long */ SELECT ${"1,".repeat(3_000)}1`;
  await withPool({ long: { resultSets: [] } }, async (pool) => {
    await pool.request().query(statement);
  }, { seen });
  assert.equal(seen[0]?.sql, statement);
});
