/**
 * What every query handler of the Nebim simulator gets: the data, its indexes, the request, and the SQL
 * with comments and literals blanked.
 * @module
 */

import type { NebimDataSet, Row } from "../dataset.ts";
import type { QueryRequest, QueryResult } from "../../tds/server.ts";
import { ciKey } from "./collate.ts";
import { type NebimIndexes, productKey } from "./indexes.ts";

export interface HandlerContext {
  data: NebimDataSet;
  idx: NebimIndexes;
  req: QueryRequest;
  /** The SQL without comments; literals and quoted identifiers emptied. */
  stripped: string;
  database: string;
  /** The values of the IN-list `@<prefix>0, @<prefix>1, ...` the SQL names (NULL stays null). */
  list(prefix: string): (string | null)[];
}

export type NamedHandler = (ctx: HandlerContext) => QueryResult;

/** The distinct item-code keys of the `@i0..@iN` list (NULLs match nothing and are dropped). */
export function itemKeys(ctx: HandlerContext): string[] {
  const keys = new Set<string>();
  for (const v of ctx.list("i")) if (v !== null) keys.add(ciKey(v));
  return [...keys];
}

/** Rows of an item index for this key that still are products with this code (rows update in place). */
export function productRows(index: Map<string, Row[]>, key: string): Row[] {
  return (index.get(key) ?? []).filter((r) => productKey(r) === key);
}

/** The keys of a `@<prefix>0..N` code list (warehouses): case- and trailing-space-blind. */
export function keySet(ctx: HandlerContext, prefix: string): Set<string> {
  return new Set(ctx.list(prefix).filter((v) => v !== null).map(ciKey));
}

/** `t >= since AND t < until` on a datetime cell. */
export function inWindow(t: unknown, since: Date | null, until: Date | null): boolean {
  if (!(t instanceof Date) || !since || !until) return false;
  const ms = t.getTime();
  return ms >= since.getTime() && ms < until.getTime();
}
