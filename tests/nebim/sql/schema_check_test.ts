import assert from "node:assert/strict";
import { verifySchema } from "../../../nebim/sql/schema_check.ts";
import { usedColumns } from "../../../nebim/sql/used_columns.ts";
import { type NebimPool, translateSqlError } from "../../../nebim/sql/pool.ts";

/**
 * A database that has every used column except the ones named, and not the tables named. The probe of one
 * it did not list answers with `probe`'s error number (default 208/207: it does not exist), or rows; a probe
 * of listed columns answers 230 when it names one of `drop.denied` (listed, as SQL Server lists them), or rows.
 */
function poolWithout(
  priceSource: "basePrice" | "priceList",
  drop: { tables?: string[]; columns?: string[]; denied?: string[] },
  probe: (sql: string) => number | object | "rows" = (sql) => (/1 AS Probe/.test(sql) ? 208 : 207),
): NebimPool {
  const named = (sql: string) => {
    const table = /FROM (\w+) a/.exec(sql)![1]!;
    return { table, columns: [...sql.matchAll(/\ba\.(\w+)/g)].map((m) => `${table}.${m[1]}`) };
  };
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
  return {
    query(sql) {
      if (!sql.includes("nebim:tableAccess")) return Promise.resolve(rows);
      const { table, columns } = named(sql);
      const listed = Object.hasOwn(usedColumns(priceSource), table) && !drop.tables?.includes(table) &&
        !columns.some((c) => drop.columns?.includes(c));
      const answer = !listed ? probe(sql) : columns.some((c) => drop.denied?.includes(c)) ? 230 : "rows";
      if (answer === "rows") return Promise.resolve([]);
      const e = typeof answer === "object" ? answer : { code: "EREQUEST", number: answer, message: "x" };
      return Promise.reject(translateSqlError(e, "", "running nebim:tableAccess"));
    },
    close: () => Promise.resolve(),
  };
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
    { table: "trStock", column: "In_Qty1", why: "missing" },
    { table: "stReserve", why: "missing" },
    { table: "prItemBasePrice", column: "SeasonCode", why: "missing" },
  ]);
});

Deno.test("verifySchema asks only for the configured price source's tables", async () => {
  assert.deepEqual(await verifySchema(poolWithout("basePrice", { tables: [] }), "basePrice"), {
    ok: true,
    missing: [],
    collations: ["Turkish_CI_AS"],
    types: [],
  });
  const report = await verifySchema(poolWithout("basePrice", {}), "priceList");
  assert.deepEqual(report.missing, [
    { table: "trPriceListHeader", why: "missing" },
    { table: "trPriceListLine", why: "missing" },
  ]);
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

Deno.test("verifySchema probes what INFORMATION_SCHEMA did not list: denied (229, 230), missing, or unknown", async () => {
  const drop = { tables: ["stReserve", "cdVat"], columns: ["trStock.In_Qty1", "cdItem.UseInternet"] };
  const answers: Record<string, number | object | "rows"> = {
    stReserve: 229,
    cdVat: 208,
    In_Qty1: 230,
    // A fatal answer without a number: a new connection of the pool whose login failed.
    UseInternet: { code: "ELOGIN", message: "Login failed for user 'ro'." },
  };
  const probe = (sql: string) => answers[Object.keys(answers).find((k) => sql.includes(k))!]!;
  const report = await verifySchema(poolWithout("basePrice", drop, probe), "basePrice");
  assert.deepEqual(report.missing, [
    { table: "cdItem", column: "UseInternet", why: "unknown" },
    { table: "trStock", column: "In_Qty1", why: "denied" },
    { table: "stReserve", why: "denied" },
    { table: "cdVat", why: "missing" },
  ]);
  // One the login reads after all (listed under another schema, say) is not reported.
  answers.cdVat = "rows";
  const again = await verifySchema(poolWithout("basePrice", { tables: ["cdVat"] }, probe), "basePrice");
  assert.deepEqual(again, { ok: true, missing: [], collations: ["Turkish_CI_AS"], types: [] });
});

Deno.test("verifySchema probes the listed columns of each table at once, then one by one to name the denied", async () => {
  const asked: string[] = [];
  const pool = poolWithout("basePrice", { denied: ["trStock.In_Qty1", "trStock.Out_Qty1"] });
  const query = pool.query.bind(pool);
  pool.query = (sql, params) => (asked.push(sql), query(sql, params));
  const report = await verifySchema(pool, "basePrice");
  // INFORMATION_SCHEMA lists a column under DENY: only a SELECT naming it tells.
  assert.deepEqual(report.missing, [
    { table: "trStock", column: "In_Qty1", why: "denied" },
    { table: "trStock", column: "Out_Qty1", why: "denied" },
  ]);
  const probes = asked.filter((q) => q.includes("nebim:tableAccess"));
  const tables = Object.keys(usedColumns("basePrice"));
  assert.equal(probes.length, tables.length + usedColumns("basePrice").trStock!.length);
});

Deno.test("verifySchema: a probe that fails retriably fails the check as itself", async () => {
  const lost = new Error("connection lost");
  await assert.rejects(
    verifySchema(poolWithout("basePrice", { tables: ["cdVat"] }, () => lost), "basePrice"),
    (e: unknown) => e instanceof Error && e.message.includes("connection lost"),
  );
});
