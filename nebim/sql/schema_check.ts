/**
 * The `check` command's schema test: every table and column the agent's SQL uses must exist in the live
 * database (INFORMATION_SCHEMA), so a Nebim version that renamed one fails loudly before the first sync.
 * INFORMATION_SCHEMA also hides a table the login has no permission on, so each table or column it does not
 * list is probed (zero rows) to tell a missing one from a missing GRANT; and it lists every column of a
 * table it shows, one under DENY SELECT too, so each table's listed columns are probed together as well.
 * Each column's type is compared with those the agent reads it as (used_columns.ts READABLE_TYPES): a column
 * that kept its name under another type would otherwise fail or misread rows only at sync time.
 * @module
 */

import { errorKind } from "../../errors.ts";
import { type NebimPool, type NebimRow, sqlErrorNumber } from "./pool.ts";
import { schemaColumnsQuery, tableAccessQuery } from "./queries.ts";
import { readableTypes, typeReading, usedColumns } from "./used_columns.ts";
import { codeKey } from "./map.ts";

export interface SchemaReport {
  ok: boolean;
  /** A table with no `column` is missing as a whole. */
  missing: Absent[];
  /** The collations of the text columns the agent reads, sorted, each once. */
  collations: string[];
  /** Used columns of a type the agent cannot read (fails the check), or reads with a loss (`loss`). */
  types: TypeFinding[];
}

export interface TypeFinding {
  table: string;
  column: string;
  /** As T-SQL writes it: "float", "nvarchar(20)", "decimal(18,2)". */
  found: string;
  /** The types the agent reads the column as. */
  accepted: string[];
  /** What the agent loses reading this type; absent when it cannot read it at all. */
  loss?: string;
}

/** A table or column INFORMATION_SCHEMA did not list, and why: the probe's answer. */
export interface Absent {
  table: string;
  column?: string;
  /** `missing`: no such table or column; `denied`: the login may not SELECT it; `unknown`: the probe failed. */
  why: "missing" | "denied" | "unknown";
}

/** Name-resolution errors (invalid column, invalid object), then permission ones (object, column). */
const MISSING = new Set([207, 208]);
const DENIED = new Set([229, 230]);

/**
 * Whether a collation compares codes as the agent does (nebim/code_key.ts): Turkish case pairs,
 * case-insensitive, accent-sensitive. Nebim installs Turkish_CI_AS.
 */
export function comparesLikeAgent(collation: string): boolean {
  return /^Turkish(_\d+)?_CI_AS/i.test(collation);
}

export async function verifySchema(
  pool: NebimPool,
  priceSource: "basePrice" | "priceList",
  signal?: AbortSignal,
): Promise<SchemaReport> {
  const needed = usedColumns(priceSource);
  const tables = Object.keys(needed);
  const q = schemaColumnsQuery(tables);
  const rows = await pool.query(q.sql, q.params, signal);
  const present = new Map<string, Set<string>>();
  const used = new Map(tables.map((t) => [codeKey(t), new Set(needed[t]!.map(codeKey))]));
  const collations = new Set<string>();
  const types: TypeFinding[] = [];
  for (const r of rows) {
    const t = codeKey(r.TABLE_NAME);
    let cols = present.get(t);
    if (!cols) present.set(t, cols = new Set());
    const column = codeKey(r.COLUMN_NAME);
    cols.add(column);
    // Only the columns the agent reads: another collation on a column it never compares changes nothing.
    if (!used.get(t)?.has(column)) continue;
    if (typeof r.COLLATION_NAME === "string") collations.add(r.COLLATION_NAME);
    const finding = typeFinding(r);
    if (finding) types.push(finding);
  }
  const absent: Omit<Absent, "why">[] = [];
  const listed: [string, string[]][] = [];
  for (const table of tables) {
    const cols = present.get(codeKey(table));
    if (!cols) {
      absent.push({ table });
      continue;
    }
    for (const column of needed[table]!) if (!cols.has(codeKey(column))) absent.push({ table, column });
    listed.push([table, needed[table]!.filter((c) => cols.has(codeKey(c)))]);
  }
  const missing: Absent[] = [];
  for (const a of absent) {
    const why = await probe(pool, a.table, a.column === undefined ? [] : [a.column], signal);
    if (why) missing.push({ ...a, why });
  }
  for (const [table, columns] of listed) {
    // One probe a table; only when it fails, one a column, to name each the login may not read.
    if (!columns.length || !await probe(pool, table, columns, signal)) continue;
    for (const column of columns) {
      const why = await probe(pool, table, [column], signal);
      if (why) missing.push({ table, column, why });
    }
  }
  const ok = missing.length === 0 && types.every((f) => f.loss !== undefined);
  // INFORMATION_SCHEMA lists in no promised order: the report does in one.
  types.sort((a, b) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column));
  return { ok, missing, collations: [...collations].sort(), types };
}

/** A used column's row of INFORMATION_SCHEMA.COLUMNS when its type is not one the agent reads exactly. */
function typeFinding(r: NebimRow): TypeFinding | undefined {
  if (typeof r.DATA_TYPE !== "string") return undefined;
  const reading = typeReading(String(r.COLUMN_NAME), r.DATA_TYPE);
  if (reading === "ok") return undefined;
  const finding = {
    table: String(r.TABLE_NAME),
    column: String(r.COLUMN_NAME),
    found: typeText(r),
    accepted: readableTypes(String(r.COLUMN_NAME)),
  };
  return reading === "unreadable" ? finding : { ...finding, loss: reading.loss };
}

/** DATA_TYPE with its length, or precision and scale, as T-SQL writes the type. */
function typeText(r: NebimRow): string {
  const type = String(r.DATA_TYPE);
  if (typeof r.CHARACTER_MAXIMUM_LENGTH === "number" && /char|binary/i.test(type)) {
    return `${type}(${r.CHARACTER_MAXIMUM_LENGTH === -1 ? "max" : r.CHARACTER_MAXIMUM_LENGTH})`;
  }
  return /^(decimal|numeric)$/i.test(type) ? `${type}(${r.NUMERIC_PRECISION},${r.NUMERIC_SCALE})` : type;
}

/** Why the login cannot read the table or these columns of it, or undefined when it can. */
async function probe(
  pool: NebimPool,
  table: string,
  columns: readonly string[],
  signal: AbortSignal | undefined,
): Promise<Absent["why"] | undefined> {
  const q = tableAccessQuery(table, columns);
  try {
    await pool.query(q.sql, q.params, signal);
    return undefined;
  } catch (e) {
    // A lost connection or a stop fails the check as itself; a person reads the answer of any other.
    if (signal?.aborted || errorKind(e) === "retriable") throw e;
    const number = sqlErrorNumber(e) ?? 0;
    if (MISSING.has(number)) return "missing";
    return DENIED.has(number) ? "denied" : "unknown";
  }
}
