/**
 * A Nebim database that kept a column's name under another type (a customised version, or a view in a table's
 * place that casts it), through mssql/tedious and the TDS simulator's INFORMATION_SCHEMA: the schema check
 * names table and column, the type found and the types the agent reads it as; a type it reads with a loss is
 * named with the loss, without failing the check.
 */

import assert from "node:assert/strict";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader } from "../../../nebim/sql/reader.ts";
import { createNebimHandler, RetypedColumns } from "../../../sim/nebim/handlers/mod.ts";
import { startTdsServer } from "../../../sim/tds/server.ts";
import { fixture } from "../../sim/nebim/fixture.ts";
import { DATABASE, OPTIONS, PASSWORD, sqlOptions, USER } from "./wire.ts";

async function schemaReport(retyped: RetypedColumns) {
  const handler = createNebimHandler(fixture(), { database: DATABASE, retyped });
  const server = await startTdsServer({ user: USER, password: PASSWORD, database: DATABASE, handler });
  const reader = createNebimReader(await openNebimPool(sqlOptions(server.port)), OPTIONS);
  try {
    return await reader.verifySchema();
  } finally {
    await reader.close();
    await server.close();
  }
}

Deno.test("a Nebim with a quantity as nvarchar and an item code as int: check names each, found and accepted", async () => {
  const report = await schemaReport(
    new RetypedColumns().retype("trStock", "In_Qty1", "nvarchar(20)").retype("cdItem", "ItemCode", "int"),
  );
  assert.equal(report.ok, false);
  assert.deepEqual(report.missing, []);
  assert.deepEqual(report.types, [
    {
      table: "cdItem",
      column: "ItemCode",
      found: "int",
      accepted: ["nvarchar", "varchar", "nchar", "char"],
    },
    {
      table: "trStock",
      column: "In_Qty1",
      found: "nvarchar(20)",
      accepted: [
        "decimal",
        "numeric",
        "money",
        "smallmoney",
        "tinyint",
        "smallint",
        "int",
        "bigint",
        "float",
        "real",
      ],
    },
  ]);
});

Deno.test("a Nebim with a price as float and codes as nchar: check passes, naming each with what is lost", async () => {
  const report = await schemaReport(
    new RetypedColumns().retype("trPriceListLine", "Price", "float")
      .retype("prItemVariant", "ColorCode", "nchar(10)"),
  );
  assert.equal(report.ok, true);
  assert.deepEqual(report.types.map((t) => [`${t.table}.${t.column}`, t.found, t.loss]), [
    [
      "prItemVariant.ColorCode",
      "nchar(10)",
      "fixed length: each code is read padded with spaces to the column's length, and so goes to the store",
    ],
    [
      "trPriceListLine.Price",
      "float",
      "a binary fraction: a price stored as 10.005 may be 10.00499… and round to the kuruş below",
    ],
  ]);
});

Deno.test("Nebim's own types, as the simulator lists them: nothing to say", async () => {
  const report = await schemaReport(new RetypedColumns());
  assert.equal(report.ok, true);
  assert.deepEqual(report.types, []);
});

Deno.test("decimal(18,2) for a price, money for a quantity: read exactly, nothing to say", async () => {
  const report = await schemaReport(
    new RetypedColumns().retype("trPriceListLine", "Price", "decimal(18,2)").retype(
      "trStock",
      "Out_Qty1",
      "money",
    ),
  );
  assert.deepEqual(report.types, []);
});
