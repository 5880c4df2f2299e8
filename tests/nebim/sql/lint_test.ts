/**
 * The agent's SQL, linted: T-SQL syntax and semantics (@polyglot-sql/sdk), tables and columns against the
 * schema snapshot of a real Nebim database, the schema-check list complete, SELECT only, NOLOCK on every
 * table, values only as parameters — and no write statement in any SQL string under nebim/.
 */

import assert from "node:assert/strict";
import { type Schema, validate, validateWithSchema } from "@polyglot-sql/sdk";
import {
  barcodesQuery,
  barcodeTypesQuery,
  barcodeTypeUsedQuery,
  basePriceCodesQuery,
  basePriceCodeUsedQuery,
  basePricesQuery,
  changedItemsQuery,
  databaseCreatedQuery,
  itemCodesPageQuery,
  langCodesQuery,
  langCodeUsedQuery,
  MAX_LISTED_ITEMS,
  type NebimStatement,
  onHandQuery,
  priceGroupsQuery,
  priceGroupUsedQuery,
  priceListPricesQuery,
  reservedQuery,
  schemaColumnsQuery,
  serverTimeQuery,
  sharedBarcodesQuery,
  tableAccessQuery,
  templateCodesQuery,
  variantsQuery,
  vatRatesQuery,
  warehouseCodesQuery,
  warehousesQuery,
} from "../../../nebim/sql/queries.ts";
import { USED_COLUMNS, usedColumns } from "../../../nebim/sql/used_columns.ts";
import { codeKey } from "../../../nebim/code_key.ts";
import type { ColumnDef } from "../../../sim/nebim/column_defs.ts";
import { tableDef } from "../../../sim/nebim/schema.ts";
import { NebimDataSet } from "../../../sim/nebim/dataset.ts";
import { createNebimHandler } from "../../../sim/nebim/handlers/mod.ts";
import { toRequest } from "./handler_pool.ts";

interface SnapshotTable {
  name: string;
  schema: string;
  columns: { name: string; type: string; nullable: boolean }[];
}
const SNAPSHOT = JSON.parse(await Deno.readTextFile(new URL("./schema_snapshot.json", import.meta.url))) as {
  tables: SnapshotTable[];
};
const NEBIM_TABLES = SNAPSHOT.tables.filter((t) => t.schema === "dbo");
/** SQL Server's own views: INFORMATION_SCHEMA.COLUMNS (the schema check), sys.databases (restores). */
const SYSTEM_VIEWS = SNAPSHOT.tables.filter((t) => t.schema !== "dbo");

/** Invariant upper case → the snapshot's spellings of the schemas, tables and columns with that name. */
const SPELLINGS = new Map<string, string[]>();
for (const t of SNAPSHOT.tables) {
  for (const name of [t.schema, t.name, ...t.columns.map((c) => c.name)]) {
    const list = SPELLINGS.get(name.toUpperCase()) ?? [];
    if (!list.includes(name)) list.push(name);
    SPELLINGS.set(name.toUpperCase(), list);
  }
}

const since = new Date("2026-11-10T10:00:00Z");
const until = new Date("2026-11-10T11:00:00Z");
const codes = ["KZK-0101", "ESP-0420", "TSH-0001"];
const run = { first: "ESP-0420", last: "TSH-0001" };
const warehouses = ["MRK", "W02"];
const changed = {
  since,
  until,
  langCode: "TR",
  countryCode: "TR",
  warehouses,
  reservations: true,
  priceSource: { kind: "basePrice", basePriceCode: 1 },
} as const;

/** Every statement the agent can send, each template instantiated with a few parameters. */
const STATEMENTS: NebimStatement[] = [
  serverTimeQuery(),
  databaseCreatedQuery(),
  itemCodesPageQuery("", 2000),
  changedItemsQuery(changed),
  changedItemsQuery({ ...changed, priceSource: { kind: "priceList", priceGroupCode: "WEB" } }),
  changedItemsQuery({ ...changed, warehouses: [], reservations: false }),
  // Each item query with listed codes, and selecting a run of a page by key range.
  ...[codes, run].flatMap((items) => [
    variantsQuery(items, "TR"),
    barcodesQuery(items, "DEF"),
    onHandQuery(items, warehouses),
    reservedQuery(items, warehouses),
    basePricesQuery(items, 1, "TR"),
    priceListPricesQuery(items, "WEB", since),
  ]),
  vatRatesQuery("TR"),
  sharedBarcodesQuery("DEF"),
  templateCodesQuery("{ItemCode}-{ColorCode}-{ItemDim1Code}"),
  templateCodesQuery("X{ColorCode}{ItemCode}/{ItemDim2Code}.{ItemDim3Code}Z"),
  warehousesQuery(warehouses),
  warehouseCodesQuery(1000),
  basePriceCodeUsedQuery(1, "TR"),
  basePriceCodesQuery("TR", 1000),
  priceGroupUsedQuery("WEB", since),
  priceGroupsQuery(since, 1000),
  barcodeTypeUsedQuery("DEF"),
  barcodeTypesQuery(1000),
  langCodeUsedQuery("TR"),
  langCodesQuery(1000),
  schemaColumnsQuery(Object.keys(usedColumns("priceList"))),
  tableAccessQuery("trStock"),
  tableAccessQuery("trPriceListLine", ["ValidTime"]),
  tableAccessQuery("trStock", ["ItemCode", "In_Qty1"]),
];

const WRITE_STATEMENT =
  /\b(INSERT\s+(INTO\s+)?\[?\w|UPDATE\s+\[?\w+\]?\s+SET\b|DELETE\s+(FROM\s+)?\[?\w|MERGE\s+(INTO\s+)?\[?\w|EXEC(UTE)?\s+[@\w[]|TRUNCATE\s+TABLE|DROP\s+(TABLE|VIEW|PROC|PROCEDURE|FUNCTION|INDEX|DATABASE)|ALTER\s+(TABLE|VIEW|PROC|PROCEDURE|FUNCTION|DATABASE)|CREATE\s+(TABLE|VIEW|PROC|PROCEDURE|FUNCTION|INDEX|DATABASE)|SELECT\b[^;]*\bINTO\s+[#\w[])/i;

function asSchema(
  tables: { name: string; schema: string; columns: { name: string; type: string }[] }[],
): Schema {
  return {
    tables: tables.map((t) => ({ name: t.name, schema: t.schema, columns: t.columns })),
    strict: true,
  };
}

/** Schema errors other than parameters, which polyglot reports as unknown columns. */
function schemaErrors(sql: string, schema: Schema): string[] {
  return validateWithSchema(sql, schema, "tsql", { strict: true }).errors
    .filter((e) => e.severity === "error" && !/'@/.test(e.message))
    .map((e) => `${e.code} ${e.message}`);
}

Deno.test("lint covers every statement builder of queries.ts", async () => {
  const mod = await import("../../../nebim/sql/queries.ts");
  const builders = Object.keys(mod).filter((k) => k.endsWith("Query")).map((k) =>
    k.slice(0, -"Query".length)
  );
  const linted = new Set(STATEMENTS.map((q) => q.name));
  assert.deepEqual(builders.filter((b) => !linted.has(b)), []);
});

for (const q of STATEMENTS) {
  Deno.test(`lint ${q.name}: valid T-SQL, strict syntax and semantics`, () => {
    const result = validate(q.sql, "tsql", { strictSyntax: true, semantic: true });
    const errors = result.errors.filter((e) => e.severity === "error");
    assert.deepEqual(errors, [], q.sql);
  });

  Deno.test(`lint ${q.name}: names only tables and columns of the Nebim schema snapshot`, () => {
    assert.deepEqual(schemaErrors(q.sql, asSchema(SNAPSHOT.tables)), [], q.sql);
  });

  Deno.test(`lint ${q.name}: names tables and columns as Nebim spells them under Turkish_CI_AS`, () => {
    // Nebim's database resolves names under its collation, where "itemCode" is İTEMCODE, not ItemCode: "Invalid
    // column name". The snapshot lint and the simulator match names with the invariant rules and pass it.
    const words =
      q.sql.replace(/\/\*[\s\S]*?\*\//g, "").replace(/N?'[^']*'/g, "").match(/(?<![@\w])[^\W\d]\w*/gu) ??
        [];
    for (const word of words) {
      const spellings = SPELLINGS.get(word.toUpperCase());
      if (!spellings) continue;
      assert.ok(
        spellings.some((s) => codeKey(s) === codeKey(word)),
        `${word} is spelled ${spellings.join(" or ")}`,
      );
    }
  });

  Deno.test(`lint ${q.name}: every column it names is on the schema-check list`, () => {
    const used = Object.entries(usedColumns("basePrice")).concat(Object.entries(USED_COLUMNS.priceList));
    const schema = asSchema([
      ...used.map(([name, cols]) => ({
        name,
        schema: "dbo",
        columns: cols.map((c) => ({ name: c, type: "any" })),
      })),
      ...SYSTEM_VIEWS,
    ]);
    assert.deepEqual(schemaErrors(q.sql, schema), [], q.sql);
  });

  Deno.test(`lint ${q.name}: a named SELECT, NOLOCK on every table, values only as parameters`, () => {
    assert.match(q.sql, new RegExp(`^/\\* nebim:${q.name} \\*/\\n(SELECT|WITH)\\b`));
    assert.doesNotMatch(q.sql, WRITE_STATEMENT);
    for (
      const m of q.sql.matchAll(
        /\b(FROM|JOIN)\s+([\w.]+)(?:\s+(?!WITH\b|WHERE\b|ON\b)\w+)?(\s+WITH\s*\(NOLOCK\))?/gi,
      )
    ) {
      if (NEBIM_TABLES.some((t) => t.name === m[2])) {
        assert.ok(m[3], `${m[2]} is read WITH (NOLOCK): ${m[0]}`);
      }
    }
    // Literals are fixed codes of the query's meaning (empty code, retail process, dbo schema), never data.
    const literals = [...q.sql.matchAll(/N?'[^']*'/g)].map((m) => m[0]);
    for (const l of literals) assert.ok(["N''", "N'R'", "N'dbo'"].includes(l), `literal ${l} in ${q.name}`);
    for (const p of q.params) assert.match(q.sql, new RegExp(`@${p.name}\\b`), `bound @${p.name} is used`);
  });
}

Deno.test("lint: the simulator answers every statement the agent sends", async () => {
  const handler = createNebimHandler(new NebimDataSet());
  for (const q of STATEMENTS) await handler(toRequest(q.sql, q.params));
});

Deno.test("lint: a full batch stays under SQL Server's 2100-parameter cap", () => {
  const full = Array.from({ length: MAX_LISTED_ITEMS }, (_, i) => `IT-${i}`);
  const many = Array.from({ length: 50 }, (_, i) => `W${i}`);
  for (const q of [variantsQuery(full, "TR"), onHandQuery(full, many), reservedQuery(full, many)]) {
    assert.ok(q.params.length < 2100, `${q.name}: ${q.params.length}`);
  }
  assert.throws(() => variantsQuery([...full, "one more"], "TR"), RangeError);
});

Deno.test("the schema-check list names only snapshot columns", () => {
  for (const group of Object.values(USED_COLUMNS)) {
    for (const [table, cols] of Object.entries(group)) {
      const snap = NEBIM_TABLES.find((t) => t.name === table);
      assert.ok(snap, `table ${table} in the snapshot`);
      for (const c of cols) {
        assert.ok(snap.columns.some((s) => s.name === c), `${table}.${c} in the snapshot`);
      }
    }
  }
});

Deno.test("the snapshot agrees with the simulator's schema.ts (snapshot ⊆ schema, same types)", () => {
  for (const t of NEBIM_TABLES) {
    const def = tableDef(t.name);
    assert.ok(def, `schema.ts has ${t.name}`);
    for (const c of t.columns) {
      const d: ColumnDef | undefined = def.columns.find((x) => x.name === c.name);
      assert.ok(d, `schema.ts has ${t.name}.${c.name}`);
      const type: string = d.type === "nvarchar" || d.type === "varchar"
        ? `${d.type}(${d.length === -1 ? "max" : d.length})`
        : d.type === "decimal"
        ? `decimal(${d.precision},${d.scale})`
        : d.type;
      assert.equal(c.type, type, `${t.name}.${c.name} type`);
      assert.equal(c.nullable, d.nullable, `${t.name}.${c.name} nullability`);
    }
  }
});

/** String and template literals of a TypeScript source (comments skipped). */
function stringLiterals(source: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "/" && source[i + 1] === "/") {
      while (i < source.length && source[i] !== "\n") i++;
    } else if (c === "/" && source[i + 1] === "*") {
      const end = source.indexOf("*/", i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (c === "'" || c === '"' || c === "`") {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === "\\" ? 2 : 1;
      out.push(source.slice(i + 1, j));
      i = j + 1;
    } else {
      i++;
    }
  }
  return out;
}

async function* tsFiles(dir: URL): AsyncGenerator<URL> {
  for await (const e of Deno.readDir(dir)) {
    const u = new URL(e.name + (e.isDirectory ? "/" : ""), dir);
    if (e.isDirectory) yield* tsFiles(u);
    else if (e.name.endsWith(".ts")) yield u;
  }
}

Deno.test("no SQL string anywhere under nebim/ is a write statement", async () => {
  const checked: string[] = [];
  for await (const file of tsFiles(new URL("../../../nebim/", import.meta.url))) {
    for (const s of stringLiterals(await Deno.readTextFile(file))) {
      assert.doesNotMatch(s, WRITE_STATEMENT, `${file.pathname}: ${s.slice(0, 80)}`);
    }
    checked.push(file.pathname);
  }
  assert.ok(checked.some((f) => f.endsWith("nebim/sql/queries.ts")));
});

Deno.test("the write-statement detector itself catches writes and passes reads", () => {
  for (
    const w of [
      "INSERT INTO cdItem VALUES (1)",
      "update cdItem set x = 1",
      "DELETE FROM trStock",
      "EXEC sp_x",
      "SELECT a INTO #t FROM b",
    ]
  ) {
    assert.match(w, WRITE_STATEMENT);
  }
  assert.doesNotMatch("SELECT LastUpdatedDate FROM cdItem WHERE IsDeleted = 0", WRITE_STATEMENT);
  assert.deepEqual(stringLiterals("const a = 'x'; // 'no'\n/* \"no\" */ const b = `y ${1}`;"), [
    "x",
    "y ${1}",
  ]);
});
