/**
 * nebim:tableAccess answers as SQL Server does: names resolved first (208, 207), then permissions (229, 230),
 * no rows either way.
 */
import assert from "node:assert/strict";
import { createNebimHandler, SqlPermissions } from "../../../../sim/nebim/handlers/mod.ts";
import { tableAccessQuery } from "../../../../nebim/sql/queries.ts";
import { SqlError } from "../../../../sim/tds/server.ts";
import { rowsOf, runRows, toRequest } from "../../../nebim/sql/handler_pool.ts";
import { fixture } from "../fixture.ts";

const permissions = new SqlPermissions();
const handler = createNebimHandler(fixture(), { database: "V3_ACME", permissions });
const number = (n: number) => (e: unknown) => e instanceof SqlError && e.number === n;
const ask = async (sql: string) => rowsOf(await handler(toRequest(`/* nebim:tableAccess */\n${sql}`, [])));

Deno.test("tableAccess: zero rows from a readable table or column", async () => {
  permissions.grantAll();
  assert.deepEqual(await runRows(handler, tableAccessQuery("trStock")), []);
  assert.deepEqual(await runRows(handler, tableAccessQuery("cdItem", ["UseInternet"])), []);
});

Deno.test("tableAccess: a table or column that does not exist is 208 or 207, even when grants are missing", async () => {
  permissions.grantAll().revoke("trStock");
  await assert.rejects(ask("SELECT TOP (0) 1 AS Probe FROM trStok a WITH (NOLOCK)"), number(208));
  // Names are resolved before permissions are checked.
  await assert.rejects(ask("SELECT TOP (0) a.Qty FROM trStock a WITH (NOLOCK)"), number(207));
  await assert.rejects(ask("SELECT TOP (0) b.In_Qty1 FROM trStock a WITH (NOLOCK)"), number(4104));
});

Deno.test("tableAccess: a table the login may not SELECT is 229, a denied column 230", async () => {
  permissions.grantAll().revoke("trStock").denyColumn("cdItem", "UseInternet");
  await assert.rejects(runRows(handler, tableAccessQuery("trStock")), number(229));
  await assert.rejects(runRows(handler, tableAccessQuery("cdItem", ["UseInternet"])), number(230));
  assert.deepEqual(await runRows(handler, tableAccessQuery("cdItem", ["ItemCode"])), []);
  // Several columns at once: one denied among them is enough.
  await assert.rejects(
    runRows(handler, tableAccessQuery("cdItem", ["ItemCode", "UseInternet"])),
    number(230),
  );
  await assert.rejects(ask("SELECT TOP (0) a.ItemCode, a.Qty FROM cdItem a WITH (NOLOCK)"), number(207));
  permissions.grantAll();
});
