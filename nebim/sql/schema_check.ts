/**
 * The `check` command's schema test: every table and column the agent's SQL uses must exist in the live
 * database (INFORMATION_SCHEMA), so a Nebim version that renamed one fails loudly before the first sync.
 * INFORMATION_SCHEMA also hides a table the login has no permission on, so each table or column it does not
 * list is probed (zero rows) to tell a missing one from a missing GRANT; and it lists every column of a
 * table it shows, one under DENY SELECT too, so each table's listed columns are probed together as well.
 * @module
 */

import { errorKind } from "../../errors.ts";
import { type NebimPool, sqlErrorNumber } from "./pool.ts";
import { schemaColumnsQuery, tableAccessQuery } from "./queries.ts";
import { usedColumns } from "./used_columns.ts";
import { codeKey } from "./map.ts";

export interface SchemaReport {
  ok: boolean;
  /** A table with no `column` is missing as a whole. */
  missing: Absent[];
  /** The collations of the text columns the agent reads, sorted, each once. */
  collations: string[];
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
  for (const r of rows) {
    const t = codeKey(r.TABLE_NAME);
    let cols = present.get(t);
    if (!cols) present.set(t, cols = new Set());
    const column = codeKey(r.COLUMN_NAME);
    cols.add(column);
    // Only the columns the agent reads: another collation on a column it never compares changes nothing.
    if (typeof r.COLLATION_NAME === "string" && used.get(t)?.has(column)) collations.add(r.COLLATION_NAME);
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
  return { ok: missing.length === 0, missing, collations: [...collations].sort() };
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
