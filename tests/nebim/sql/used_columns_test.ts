/**
 * The acceptance table of the schema check's type comparison (used_columns.ts READABLE_TYPES): every column the
 * agent reads has a kind, the types of a real Nebim database (the schema snapshot) are read exactly, and each
 * kind takes the types its reading handles, warns for those it reads with a loss and refuses the rest.
 */

import assert from "node:assert/strict";
import { readableTypes, typeReading, USED_COLUMNS } from "../../../nebim/sql/used_columns.ts";

const SNAPSHOT = JSON.parse(await Deno.readTextFile(new URL("./schema_snapshot.json", import.meta.url))) as {
  tables: { name: string; schema: string; columns: { name: string; type: string }[] }[];
};

const used = Object.values(USED_COLUMNS).flatMap((group) =>
  Object.entries(group as Record<string, readonly string[]>).flatMap(([table, cols]) =>
    cols.map((column) => ({ table, column }))
  )
);

Deno.test("every column the agent reads has a kind, so a type to compare with", () => {
  for (const { table, column } of used) {
    assert.notDeepEqual(readableTypes(column), [], `${table}.${column}`);
  }
});

Deno.test("a real Nebim database's types (the schema snapshot) are read exactly: check says nothing", () => {
  for (const { table, column } of used) {
    const snap = SNAPSHOT.tables.find((t) => t.schema === "dbo" && t.name === table)!;
    const type = snap.columns.find((c) => c.name === column)!.type.replace(/\(.*$/, "");
    assert.equal(typeReading(column, type), "ok", `${table}.${column} ${type}`);
  }
});

Deno.test("a price: the decimal types exactly, float and real with a loss, text not at all", () => {
  for (const t of ["decimal", "numeric", "money", "smallmoney", "int", "DECIMAL"]) {
    assert.equal(typeReading("Price", t), "ok", t);
  }
  assert.match((typeReading("Price", "float") as { loss: string }).loss, /kuruş below/);
  assert.match((typeReading("Price", "real") as { loss: string }).loss, /7 significant digits/);
  for (const t of ["nvarchar", "varchar", "bit", "datetime", "varbinary"]) {
    assert.equal(typeReading("Price", t), "unreadable", t);
  }
});

Deno.test("codes are text (fixed-length with a loss), flags bit (whole numbers with a loss), moments datetime", () => {
  assert.equal(typeReading("ItemCode", "varchar"), "ok");
  assert.equal(typeReading("ITEMCODE", "int"), "unreadable");
  assert.match((typeReading("ColorCode", "char") as { loss: string }).loss, /padded with spaces/);
  assert.equal(typeReading("IsBlocked", "bit"), "ok");
  assert.match((typeReading("UseInternet", "tinyint") as { loss: string }).loss, /other than 0 and 1/);
  assert.equal(typeReading("IsBlocked", "nvarchar"), "unreadable");
  assert.equal(typeReading("In_Qty1", "nvarchar"), "unreadable");
  assert.equal(typeReading("Qty1", "decimal"), "ok");
  assert.equal(typeReading("LastUpdatedDate", "datetime2"), "ok");
  assert.match((typeReading("LastUpdatedDate", "date") as { loss: string }).loss, /full reconciliation/);
  assert.equal(typeReading("LastUpdatedDate", "nvarchar"), "unreadable");
  assert.match((typeReading("ValidDate", "datetime") as { loss: string }).loss, /next day/);
  assert.equal(typeReading("ValidTime", "datetime"), "unreadable");
  assert.equal(typeReading("OrderLineID", "int"), "unreadable");
  assert.deepEqual(readableTypes("ItemCode"), ["nvarchar", "varchar", "nchar", "char"]);
});
