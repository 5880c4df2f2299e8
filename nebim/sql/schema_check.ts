/**
 * The `check` command's schema test: every table and column the agent's SQL uses must exist in the live
 * database (INFORMATION_SCHEMA), so a Nebim version that renamed one fails loudly before the first sync.
 * @module
 */

import type { NebimPool } from "./pool.ts";
import { schemaColumnsQuery } from "./queries.ts";
import { usedColumns } from "./used_columns.ts";
import { codeKey } from "./map.ts";

export interface SchemaReport {
  ok: boolean;
  /** A table with no `column` is missing as a whole. */
  missing: { table: string; column?: string }[];
  /** The collations of the text columns the agent reads, sorted, each once. */
  collations: string[];
}

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
  const missing: SchemaReport["missing"] = [];
  for (const table of tables) {
    const cols = present.get(codeKey(table));
    if (!cols) {
      missing.push({ table });
      continue;
    }
    for (const column of needed[table]!) if (!cols.has(codeKey(column))) missing.push({ table, column });
  }
  return { ok: missing.length === 0, missing, collations: [...collations].sort() };
}
