/**
 * A Nebim database without a column the agent reads (an older version, a customised one), through
 * mssql/tedious and the TDS simulator as SQL Server answers: the schema check names table and column, and a
 * reader query naming it fails fatally with 207, naming the column, before any row.
 */

import assert from "node:assert/strict";
import { IntegrationError } from "../../../errors.ts";
import { openNebimPool } from "../../../nebim/sql/pool.ts";
import { createNebimReader } from "../../../nebim/sql/reader.ts";
import { createNebimHandler, MissingColumns } from "../../../sim/nebim/handlers/mod.ts";
import { startTdsServer } from "../../../sim/tds/server.ts";
import { fixture, NOW } from "../../sim/nebim/fixture.ts";
import { DATABASE, OPTIONS, PASSWORD, sqlOptions, USER } from "./wire.ts";

Deno.test("a Nebim without trPriceListLine.ValidTime: check names it missing; reading prices fails fatally with 207 naming it", async () => {
  const missing = new MissingColumns().drop("trPriceListLine", "ValidTime");
  const handler = createNebimHandler(fixture(), { database: DATABASE, missing });
  const server = await startTdsServer({ user: USER, password: PASSWORD, database: DATABASE, handler });
  const reader = createNebimReader(await openNebimPool(sqlOptions(server.port)), OPTIONS);
  try {
    const report = await reader.verifySchema();
    assert.equal(report.ok, false);
    assert.deepEqual(report.missing, [{ table: "trPriceListLine", column: "ValidTime", why: "missing" }]);
    await assert.rejects(reader.readItems(["KZK-0101"], NOW), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.equal(
        e.message,
        "Nebim SQL error running nebim:priceListPrices: Invalid column name 'ValidTime'. (EREQUEST #207)",
      );
      return true;
    });
    // A statement that does not name it still reads.
    assert.deepEqual(await reader.sharedBarcodes(), new Set());
  } finally {
    await reader.close();
    await server.close();
  }
});
