import assert from "node:assert/strict";
import { verifySchema } from "../../../nebim/sql/schema_check.ts";
import { usedColumns } from "../../../nebim/sql/used_columns.ts";
import type { NebimPool } from "../../../nebim/sql/pool.ts";

/** A database that has every used column except the ones named, and not the tables named. */
function poolWithout(
  priceSource: "basePrice" | "priceList",
  drop: { tables?: string[]; columns?: string[] },
): NebimPool {
  const rows = Object.entries(usedColumns(priceSource)).flatMap(([table, cols]) =>
    drop.tables?.includes(table)
      ? []
      : cols.filter((c) => !drop.columns?.includes(`${table}.${c}`)).map((c) => ({
        // INFORMATION_SCHEMA may spell names in another case: the check compares case-blind.
        TABLE_NAME: table.toLocaleUpperCase("tr-TR"),
        COLUMN_NAME: c.toLocaleLowerCase("tr-TR"),
        COLLATION_NAME: c.endsWith("Code") ? "Turkish_CI_AS" : null,
      }))
  );
  return { query: () => Promise.resolve(rows), close: () => Promise.resolve() };
}

Deno.test("verifySchema reports a missing table once and missing columns one by one", async () => {
  const report = await verifySchema(
    poolWithout("basePrice", {
      tables: ["stReserve"],
      columns: ["trStock.In_Qty1", "prItemBasePrice.SeasonCode"],
    }),
    "basePrice",
  );
  assert.equal(report.ok, false);
  assert.deepEqual(report.missing, [
    { table: "trStock", column: "In_Qty1" },
    { table: "stReserve" },
    { table: "prItemBasePrice", column: "SeasonCode" },
  ]);
});

Deno.test("verifySchema asks only for the configured price source's tables", async () => {
  assert.deepEqual(await verifySchema(poolWithout("basePrice", { tables: [] }), "basePrice"), {
    ok: true,
    missing: [],
    collations: ["Turkish_CI_AS"],
  });
  const report = await verifySchema(poolWithout("basePrice", {}), "priceList");
  assert.deepEqual(report.missing, [{ table: "trPriceListHeader" }, { table: "trPriceListLine" }]);
});

Deno.test("verifySchema reports the collations of the columns the agent reads, not of the tables' other columns", async () => {
  const pool = poolWithout("basePrice", {});
  const rows = await pool.query("", []);
  rows.push({ TABLE_NAME: "cdItem", COLUMN_NAME: "ItemCode", COLLATION_NAME: "Turkish_CI_AS" });
  rows.push({ TABLE_NAME: "cdItem", COLUMN_NAME: "UserNote", COLLATION_NAME: "Latin1_General_CI_AS" });
  assert.deepEqual((await verifySchema(pool, "basePrice")).collations, ["Turkish_CI_AS"]);
  rows.push({ TABLE_NAME: "cdItem", COLUMN_NAME: "ItemTaxGrCode", COLLATION_NAME: "Latin1_General_CI_AS" });
  assert.deepEqual((await verifySchema(pool, "basePrice")).collations, [
    "Latin1_General_CI_AS",
    "Turkish_CI_AS",
  ]);
});
