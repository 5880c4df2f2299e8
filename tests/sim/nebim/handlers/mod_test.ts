import assert from "node:assert/strict";
import { createNebimHandler } from "../../../../sim/nebim/handlers/mod.ts";
import type { NebimParam } from "../../../../nebim/sql/queries.ts";
import { SqlError } from "../../../../sim/tds/server.ts";
import { rowsOf, toRequest } from "../../../nebim/sql/handler_pool.ts";
import { fixture, NOW } from "../fixture.ts";

const handler = createNebimHandler(fixture(), { database: "V3_ACME" });
const ask = async (sql: string, params: NebimParam[] = []) => rowsOf(await handler(toRequest(sql, params)));
const sqlError = (number: number, text?: RegExp) => (e: unknown) =>
  e instanceof SqlError && e.number === number && (!text || text.test(e.message));

Deno.test("an unknown query name is an error naming the query, never an empty result", async () => {
  await assert.rejects(
    ask("/* nebim:nope */\nSELECT ItemCode FROM cdItem"),
    sqlError(208, /not supported by the Nebim simulator: \/\* nebim:nope \*\//),
  );
});

Deno.test("an unnamed query the simulator does not know is an error with its first line", async () => {
  await assert.rejects(
    ask("\n  SELECT ItemCode FROM cdItem WITH (NOLOCK)\n WHERE 1 = 1"),
    sqlError(208, /SELECT ItemCode FROM cdItem WITH \(NOLOCK\)$/),
  );
});

for (
  const statement of [
    "INSERT INTO cdItem (ItemCode) VALUES (N'X')",
    "UPDATE cdItem SET IsBlocked = 1",
    "DELETE FROM trStock",
    "MERGE cdItem AS t USING cdItem AS s ON 1 = 0 WHEN NOT MATCHED THEN INSERT (ItemCode) VALUES (s.ItemCode);",
    "EXEC sp_who",
    "EXECUTE sp_who",
    "DROP TABLE cdItem",
    "ALTER TABLE cdItem ADD x int",
    "CREATE TABLE x (a int)",
    "TRUNCATE TABLE trStock",
    "SELECT * INTO #copy FROM cdItem",
    "/* nebim:serverTime */ SELECT GETDATE() AS ServerTime; DELETE FROM cdItem",
  ]
) {
  Deno.test(`a write statement is refused loudly: ${statement.slice(0, 40)}`, async () => {
    await assert.rejects(ask(statement), sqlError(229, /read-only.*must only SELECT/));
  });
}

Deno.test("write keywords inside comments, literals and longer names are not writes", async () => {
  const rows = await ask(`/* nebim:serverTime */ -- no DELETE here
SELECT GETDATE() AS ServerTime /* UPDATE */`);
  assert.deepEqual(rows, [{ ServerTime: NOW }]);
  await assert.rejects(ask("SELECT 'DELETE' AS x FROM cdItem"), sqlError(208));
  assert.ok(
    (await ask("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE COLUMN_NAME = 'LastUpdatedDate'"))
      .length > 5,
  );
});

Deno.test("driver probes: SELECT 1, @@VERSION, DB_NAME(), GETDATE()", async () => {
  assert.deepEqual(await ask("SELECT 1"), [{ "": 1 }]);
  assert.deepEqual(await ask("select DB_NAME() AS db;"), [{ db: "V3_ACME" }]);
  const [v] = await ask("SELECT @@VERSION");
  assert.match(String(v?.[""]), /^Microsoft SQL Server/);
  assert.deepEqual(await ask("SELECT GETDATE() now"), [{ now: NOW }]);
});

Deno.test("a parameter the query uses but the request lacks is SQL Server's error 137", async () => {
  await assert.rejects(
    ask("/* nebim:itemCodesPage */ SELECT TOP (@take) ItemCode FROM cdItem"),
    sqlError(137, /@take/),
  );
});
