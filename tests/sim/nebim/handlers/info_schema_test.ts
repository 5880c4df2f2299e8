import assert from "node:assert/strict";
import { createNebimHandler, RetypedColumns } from "../../../../sim/nebim/handlers/mod.ts";
import { NebimDataSet } from "../../../../sim/nebim/dataset.ts";
import { NEBIM_TABLES } from "../../../../sim/nebim/schema.ts";
import { schemaColumnsQuery } from "../../../../nebim/sql/queries.ts";
import type { NebimParam } from "../../../../nebim/sql/queries.ts";
import { SqlError } from "../../../../sim/tds/server.ts";
import { rowsOf, toRequest } from "../../../nebim/sql/handler_pool.ts";

const handler = createNebimHandler(new NebimDataSet(), { database: "V3_TEST" });
const ask = async (sql: string, params: NebimParam[] = []) => rowsOf(await handler(toRequest(sql, params)));

Deno.test("INFORMATION_SCHEMA.COLUMNS: one table's columns, in ordinal order, from schema.ts", async () => {
  const rows = await ask(
    "SELECT COLUMN_NAME, DATA_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE FROM INFORMATION_SCHEMA.COLUMNS " +
      "WHERE TABLE_NAME = 'cdVat' ORDER BY ORDINAL_POSITION",
  );
  assert.deepEqual(rows, [
    {
      COLUMN_NAME: "VatCode",
      DATA_TYPE: "nvarchar",
      IS_NULLABLE: "NO",
      NUMERIC_PRECISION: null,
      NUMERIC_SCALE: null,
    },
    {
      COLUMN_NAME: "VatRate",
      DATA_TYPE: "decimal",
      IS_NULLABLE: "NO",
      NUMERIC_PRECISION: 5,
      NUMERIC_SCALE: 2,
    },
    {
      COLUMN_NAME: "IsBlocked",
      DATA_TYPE: "bit",
      IS_NULLABLE: "NO",
      NUMERIC_PRECISION: null,
      NUMERIC_SCALE: null,
    },
    ...[["CreatedUserName", "nvarchar"], ["CreatedDate", "datetime"], ["LastUpdatedUserName", "nvarchar"], [
      "LastUpdatedDate",
      "datetime",
    ]].map(([COLUMN_NAME, DATA_TYPE]) => ({
      COLUMN_NAME,
      DATA_TYPE,
      IS_NULLABLE: "NO",
      NUMERIC_PRECISION: null,
      NUMERIC_SCALE: null,
    })),
  ]);
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: SELECT * gives SQL Server's columns; names compare case-blind", async () => {
  const rows = await ask(
    "select * from INFORMATION_SCHEMA.columns where table_name = N'CDITEMDESC' and column_name = 'ItemDescription'",
  );
  assert.equal(rows.length, 1);
  // Identifiers too: in a Turkish_CI_AS database "information_schema" and "collation_name" name nothing.
  await assert.rejects(
    ask("select * from information_schema.columns"),
    (e: unknown) => e instanceof SqlError && e.number === 208,
  );
  await assert.rejects(
    ask("SELECT collation_name FROM INFORMATION_SCHEMA.COLUMNS"),
    (e: unknown) => e instanceof SqlError && e.number === 207 && /collation_name/.test(e.message),
  );
  // Names compare under Turkish_CI_AS too: the i of "cditemdesc" is İ, not the I of "cdItemDesc".
  assert.equal(
    (await ask("select * from INFORMATION_SCHEMA.COLUMNS where table_name = N'cditemdesc'")).length,
    0,
  );
  const r = rows[0]!;
  assert.equal(Object.keys(r).length, 23);
  assert.deepEqual(
    [r.TABLE_CATALOG, r.TABLE_SCHEMA, r.TABLE_NAME, r.COLUMN_NAME, r.ORDINAL_POSITION, r.IS_NULLABLE],
    ["V3_TEST", "dbo", "cdItemDesc", "ItemDescription", 4, "YES"],
  );
  assert.deepEqual([r.DATA_TYPE, r.CHARACTER_MAXIMUM_LENGTH, r.CHARACTER_OCTET_LENGTH, r.COLLATION_NAME], [
    "nvarchar",
    500,
    1000,
    "Turkish_CI_AS",
  ]);
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: IN lists of literals and parameters, aliases, brackets, @p filters", async () => {
  const rows = await ask(
    "SELECT c.TABLE_NAME AS t, [c].[COLUMN_NAME] name FROM [INFORMATION_SCHEMA].[COLUMNS] AS c " +
      "WHERE c.TABLE_NAME IN ('cdVat', @x) AND c.DATA_TYPE <> 'decimal' ORDER BY 1, c.COLUMN_NAME DESC",
    [{ name: "x", type: "nvarchar", value: "cdItemTaxGr" }],
  );
  assert.deepEqual(rows, [
    { t: "cdItemTaxGr", name: "ItemTaxGrCode" },
    { t: "cdItemTaxGr", name: "IsBlocked" },
    { t: "cdVat", name: "VatCode" },
    { t: "cdVat", name: "LastUpdatedUserName" },
    { t: "cdVat", name: "LastUpdatedDate" },
    { t: "cdVat", name: "IsBlocked" },
    { t: "cdVat", name: "CreatedUserName" },
    { t: "cdVat", name: "CreatedDate" },
  ]);
  const byParam = await ask("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = @p0", [
    { name: "p0", type: "nvarchar", value: "stReserve" },
  ]);
  // Without ORDER BY, in no promised order.
  assert.deepEqual(byParam.map((r) => r.COLUMN_NAME).sort(), ["OrderLineID", "Qty1", "ReserveLineID"]);
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: without WHERE, every column of every table", async () => {
  const rows = await ask("SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS");
  assert.equal(rows.length, NEBIM_TABLES.reduce((n, t) => n + t.columns.length, 0));
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: the agent's own schema query", async () => {
  const q = schemaColumnsQuery(["trStock", "Nope"]);
  const rows = await ask(q.sql, q.params);
  assert.ok(rows.length > 10);
  assert.ok(rows.every((r) => r.TABLE_NAME === "trStock"));
  assert.ok(rows.some((r) => r.COLUMN_NAME === "In_Qty1"));
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: an unknown column is SQL Server's error 207", async () => {
  await assert.rejects(
    ask("SELECT COLUMN_NAME, NOPE FROM INFORMATION_SCHEMA.COLUMNS"),
    (e: unknown) => e instanceof SqlError && e.number === 207 && /NOPE/.test(e.message),
  );
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: LIKE, OR, NOT IN and IS NULL filter as SQL does", async () => {
  const rows = await ask(
    "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS " +
      "WHERE (TABLE_NAME LIKE 'cdV%' OR TABLE_NAME = 'stReserve') AND COLUMN_NAME NOT IN ('IsBlocked') " +
      "AND NUMERIC_SCALE IS NULL ORDER BY TABLE_NAME, ORDINAL_POSITION",
  );
  assert.deepEqual(rows.map((r) => `${r.TABLE_NAME}.${r.COLUMN_NAME}`), [
    "cdVat.VatCode",
    "cdVat.CreatedUserName",
    "cdVat.CreatedDate",
    "cdVat.LastUpdatedUserName",
    "cdVat.LastUpdatedDate",
    "stReserve.OrderLineID",
    "stReserve.ReserveLineID",
    "stReserve.Qty1",
  ]);
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: LIKE compares letters as = does, under Turkish_CI_AS", async () => {
  const tables = async (pattern: string) =>
    new Set(
      (await ask(`SELECT TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME LIKE '${pattern}'`)).map(
        (r) => r.TABLE_NAME,
      ),
    );
  assert.deepEqual(await tables("PRITEMVAR%"), new Set(["prItemVariant"]));
  assert.deepEqual(await tables("pritemvar%"), new Set(), "the i of 'pritem' is İ");
  assert.deepEqual(await tables("prıtemvarİant"), new Set(["prItemVariant"]));
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: what the small grammar does not take is an error, not a guess", async () => {
  for (
    const sql of [
      "SELECT TABLE_NAME, n = 1 FROM INFORMATION_SCHEMA.COLUMNS",
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE LEN(TABLE_NAME) > 3",
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.COLUMNS GROUP BY TABLE_NAME",
      "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES t JOIN INFORMATION_SCHEMA.COLUMNS c ON 1 = 1",
    ]
  ) {
    await assert.rejects(ask(sql), (e: unknown) => e instanceof SqlError, sql);
  }
});

Deno.test("INFORMATION_SCHEMA.COLUMNS: a retyped column is listed with SQL Server's lengths, precision and scale", async () => {
  const retyped = new RetypedColumns()
    .retype("trPriceListLine", "Price", "money")
    .retype("trStock", "In_Qty1", "float(24)")
    .retype("prItemVariant", "ColorCode", "nchar(10)")
    .retype("cdItem", "ItemCode", "varchar(max)")
    .retype("cdVat", "VatRate", "numeric(9,3)")
    .retype("cdItem", "LastUpdatedDate", "smalldatetime");
  const retypedHandler = createNebimHandler(new NebimDataSet(), { database: "V3_TEST", retyped });
  const rows = rowsOf(
    await retypedHandler(toRequest(
      "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, " +
        "NUMERIC_PRECISION, NUMERIC_PRECISION_RADIX, NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, " +
        "COLLATION_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME IN ('Price', 'In_Qty1', 'ColorCode', " +
        "'ItemCode', 'VatRate', 'LastUpdatedDate') AND TABLE_NAME IN ('trPriceListLine', 'trStock', 'prItemVariant', " +
        "'cdItem', 'cdVat') ORDER BY TABLE_NAME, COLUMN_NAME",
      [],
    )),
  );
  // DATA_TYPE, the lengths, precision, radix, scale, datetime precision, character set, collation (- NULL).
  const of = (table: string, column: string) =>
    Object.values(rows.find((r) => r.TABLE_NAME === table && r.COLUMN_NAME === column)!).slice(2)
      .map((v) => v ?? "-").join(" ");
  assert.equal(of("trPriceListLine", "Price"), "money - - 19 10 4 - - -");
  assert.equal(of("trStock", "In_Qty1"), "real - - 24 2 - - - -");
  assert.equal(of("prItemVariant", "ColorCode"), "nchar 10 20 - - - - UNICODE Turkish_CI_AS");
  assert.equal(of("cdItem", "ItemCode"), "varchar -1 -1 - - - - cp1254 Turkish_CI_AS");
  assert.equal(of("cdVat", "VatRate"), "numeric - - 9 10 3 - - -");
  assert.equal(of("cdItem", "LastUpdatedDate"), "smalldatetime - - - - - 0 - -");
  // Another table's column of that name keeps its own type.
  assert.equal(of("trStock", "ItemCode"), "nvarchar 30 60 - - - - UNICODE Turkish_CI_AS");
  assert.equal(of("trPriceListLine", "ItemCode").split(" ")[0], "nvarchar");
});
