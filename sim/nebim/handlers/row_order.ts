/**
 * The order of a result without ORDER BY. SQL Server promises none: a parallel plan, a NOLOCK scan in allocation
 * order or a hash join answers in any order, and not the same one twice. The handlers build their rows in key
 * order, which would let an agent that leans on it pass every test; so such a result is shuffled, seeded by the
 * statement's text and how often it ran (reproducible from test run to test run, different from call to call).
 * @module
 */

import type { QueryResult } from "../../tds/server.ts";
import { Random } from "../../random.ts";

/** Whether the statement ends in an ORDER BY of its own (one inside parentheses, as ROW_NUMBER's, is not). */
export function ordered(stripped: string): boolean {
  let depth = 0;
  let outer = "";
  for (const ch of stripped) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (depth === 0) outer += ch;
  }
  return /\bORDER\s+BY\b/i.test(outer);
}

/** A 32-bit FNV-1a hash of the text: the seed of its shuffles. */
export function textSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Shuffles every result set's rows in place (Fisher–Yates, from `seed`); returns the result. */
export function unordered(result: QueryResult, seed: number): QueryResult {
  const random = new Random(seed);
  for (const set of result.resultSets) {
    const rows = set.rows;
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(random.next() * (i + 1));
      const r = rows[i]!;
      rows[i] = rows[j]!;
      rows[j] = r;
    }
  }
  return result;
}
