/**
 * `ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) AS RowNo … WHERE x.RowNo = 1` as the statement words it:
 * which columns partition, which terms order and in which direction, and whether only the first row is kept.
 * The price handlers used to pick "the current price" by their own rules, so a statement that ordered ASC
 * where it means DESC, flipped the season-less CASE or partitioned by item alone passed every test. A term
 * the caller does not know is an error, never a guess.
 * @module
 */

import type { Row } from "../dataset.ts";
import { SqlError } from "../../tds/server.ts";
import { ciKey, compareKeys } from "./collate.ts";
import { hasPredicate } from "./sql_text.ts";

export type SortValue = number | string;

export interface RowWindow<R> {
  /** The partition a row falls in. */
  partition(r: R): string;
  /** Negative when `a` numbers before `b`. */
  order(a: R, b: R): number;
  /** Whether the statement keeps only RowNo 1. */
  firstOnly: boolean;
}

/** Top-level comma-separated parts (a CASE's parentheses hold no split). */
function split(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let part = "";
  for (const c of text) {
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "," && depth === 0) {
      out.push(part.trim());
      part = "";
    } else {
      part += c;
    }
  }
  out.push(part.trim());
  return out;
}

function compareValues(x: SortValue, y: SortValue): number {
  return typeof x === "number" && typeof y === "number" ? x - y : compareKeys(String(x), String(y));
}

/**
 * The window of the (stripped) statement's ROW_NUMBER. `term` gives a row's value of an expression (spacing
 * collapsed), or undefined for one it does not know.
 */
export function rowNumberWindow<R>(
  stripped: string,
  term: (expr: string) => ((r: R) => SortValue) | undefined,
): RowWindow<R> {
  const m =
    /ROW_NUMBER\(\)\s*OVER\s*\(\s*PARTITION\s+BY\s+([\s\S]*?)\s+ORDER\s+BY\s+([\s\S]*?)\)\s*AS\s+RowNo\b/i
      .exec(stripped);
  if (!m) throw unknown("a ROW_NUMBER() OVER (PARTITION BY … ORDER BY …) AS RowNo");
  const valueOf = (expr: string) => {
    const text = expr.replace(/\s+/g, " ");
    const f = term(text);
    if (!f) throw unknown(text);
    return f;
  };
  const partition = split(m[1]!).map(valueOf);
  const order = split(m[2]!).map((t) => {
    const dir = /\s+(ASC|DESC)$/i.exec(t);
    return { value: valueOf(dir ? t.slice(0, dir.index) : t), desc: dir?.[1]?.toUpperCase() === "DESC" };
  });
  return {
    partition: (r) => partition.map((f) => String(f(r))).join("\u0000"),
    order(a, b) {
      for (const { value, desc } of order) {
        const c = compareValues(value(a), value(b));
        if (c !== 0) return desc ? -c : c;
      }
      return 0;
    },
    firstOnly: hasPredicate(stripped, "x.RowNo = 1"),
  };
}

/** A cell as ORDER BY compares it: dates by time, codes under the collation, NULL first. */
export function sortValue(v: unknown): SortValue {
  if (v instanceof Date) return v.getTime();
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v === null || v === undefined) return Number.NEGATIVE_INFINITY;
  return ciKey(v);
}

/** `alias.Column` of the row `alias` names in `R` (e.g. a line and its header), or undefined. */
export function columnTerm<R>(
  expr: string,
  rowOf: (alias: string) => ((r: R) => Row) | undefined,
): ((r: R) => SortValue) | undefined {
  const m = /^(\w+)\.(\w+)$/.exec(expr);
  const row = m && rowOf(m[1]!.toLowerCase());
  return row ? (r) => sortValue(row(r)[m[2]!]) : undefined;
}

/** The rows kept, per partition in order: the first of each, or all when the statement keeps all. */
export function numbered<R>(rows: Iterable<R>, w: RowWindow<R>): R[] {
  const groups = new Map<string, R[]>();
  for (const r of rows) {
    const k = w.partition(r);
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  }
  return [...groups.values()].flatMap((g) => {
    g.sort((a, b) => w.order(a, b));
    return w.firstOnly ? g.slice(0, 1) : g;
  });
}

function unknown(what: string): SqlError {
  return new SqlError(`The Nebim simulator does not evaluate ${what} in a ROW_NUMBER() window.`, 208, 1, 16);
}
