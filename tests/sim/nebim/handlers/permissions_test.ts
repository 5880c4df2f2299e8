/**
 * The login's grants as SQL Server enforces them: 229 for a table without SELECT, 230 for a denied column,
 * and INFORMATION_SCHEMA listing only the tables the login has a permission on (all their columns).
 */
import assert from "node:assert/strict";
import { createNebimHandler, SqlPermissions } from "../../../../sim/nebim/handlers/mod.ts";
import { onHandQuery, schemaColumnsQuery, variantsQuery } from "../../../../nebim/sql/queries.ts";
import { SqlError } from "../../../../sim/tds/server.ts";
import { runRows } from "../../../nebim/sql/handler_pool.ts";
import { fixture } from "../fixture.ts";

function setup() {
  const permissions = new SqlPermissions();
  const handler = createNebimHandler(fixture(), { database: "V3_ACME", permissions });
  return { permissions, handler };
}

const denied = (number: number, message: string) => (e: unknown) =>
  e instanceof SqlError && e.number === number && e.severity === 14 && e.message === message;

Deno.test("a statement naming a table the login may not SELECT fails with 229, naming the table and database", async () => {
  const { permissions, handler } = setup();
  const stock = onHandQuery(["KZK-0101"], ["MRK"]);
  assert.ok((await runRows(handler, stock)).length > 0, "granted: rows");
  permissions.revoke("trStock");
  await assert.rejects(
    runRows(handler, stock),
    denied(
      229,
      "The SELECT permission was denied on the object 'trStock', database 'V3_ACME', schema 'dbo'.",
    ),
  );
  // Other tables are read as before.
  assert.ok((await runRows(handler, variantsQuery(["KZK-0101"], "TR"))).length > 0);
  permissions.grantAll();
  assert.ok((await runRows(handler, stock)).length > 0);
});

Deno.test("a statement naming a denied column fails with 230; one not naming it runs", async () => {
  const { permissions, handler } = setup();
  permissions.denyColumn("trStock", "In_Qty1");
  await assert.rejects(
    runRows(handler, onHandQuery(["KZK-0101"], ["MRK"])),
    denied(
      230,
      "The SELECT permission was denied on the column 'In_Qty1' of the object 'trStock', database 'V3_ACME', " +
        "schema 'dbo'.",
    ),
  );
  assert.ok((await runRows(handler, variantsQuery(["KZK-0101"], "TR"))).length > 0);
});

Deno.test("INFORMATION_SCHEMA.COLUMNS hides an ungranted table but lists a denied column of a granted one", async () => {
  const { permissions, handler } = setup();
  const columns = async () =>
    (await runRows(handler, schemaColumnsQuery(["trStock", "cdItem"]))).map((r) =>
      `${r.TABLE_NAME}.${r.COLUMN_NAME}`
    );
  const all = await columns();
  assert.ok(all.includes("trStock.In_Qty1") && all.includes("cdItem.UseInternet"));
  permissions.revoke("trStock").denyColumn("cdItem", "UseInternet");
  const seen = await columns();
  assert.ok(!seen.some((c) => c.startsWith("trStock.")), "the table looks missing");
  // Metadata visibility is the table's: a DENY on one column leaves it listed, and only a SELECT fails.
  assert.deepEqual(all.filter((c) => c.startsWith("cdItem.")).sort(), seen.sort());
});

Deno.test("unknown names are refused when a grant is taken away", () => {
  const p = new SqlPermissions();
  assert.throws(() => p.revoke("trStok"), /no table trStok/);
  assert.throws(() => p.denyColumn("trStock", "Qty"), /no column trStock\.Qty/);
});
