/**
 * One SELECT for many keys: `… IN (?, ?, …)` with a fixed number of placeholders, prepared once and run
 * once per chunk of keys, instead of one SELECT per key.
 * @module
 */

import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import { returnArrays } from "./binding_sql.ts";

/** Keys per run: well under SQLite's 32,766 parameter limit, and measured no slower than larger chunks. */
export const IN_CHUNK = 500;

/**
 * `sql` receives the placeholder list (`?, ?, …`) to put inside `IN (…)`; the returned function runs the
 * statement over `keys` chunk by chunk and returns every row as an array. A short last chunk is padded
 * with NULL, which `IN` never matches.
 */
export function selectIn(
  db: DatabaseSync,
  sql: (placeholders: string) => string,
): (keys: readonly SQLInputValue[]) => unknown[][] {
  const stmt = db.prepare(sql(Array(IN_CHUNK).fill("?").join(", ")));
  returnArrays(stmt);
  return (keys) => {
    const out: unknown[][] = [];
    for (let i = 0; i < keys.length; i += IN_CHUNK) {
      const chunk = keys.slice(i, i + IN_CHUNK);
      while (chunk.length < IN_CHUNK) chunk.push(null);
      for (const row of stmt.all(...chunk) as unknown as unknown[][]) out.push(row);
    }
    return out;
  };
}
