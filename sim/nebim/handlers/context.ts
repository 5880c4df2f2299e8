/**
 * What every query handler of the Nebim simulator gets: the data, its indexes, the request, and the SQL
 * with comments and literals blanked.
 * @module
 */

import type { NebimDataSet, Row } from "../dataset.ts";
import type { QueryRequest, QueryResult } from "../../tds/server.ts";
import { ciKey, compareKeys } from "./collate.ts";
import { type NebimIndexes, productKey } from "./indexes.ts";
import { hasPredicate, textParam } from "./sql_text.ts";

export interface HandlerContext {
  data: NebimDataSet;
  idx: NebimIndexes;
  req: QueryRequest;
  /** The SQL without comments; literals and quoted identifiers emptied. */
  stripped: string;
  database: string;
  /** Whether the statement has an ORDER BY of its own (else its rows are shuffled: row_order.ts). */
  ordered: boolean;
  /** The values of the IN-list `@<prefix>0, @<prefix>1, ...` the SQL names (NULL stays null). */
  list(prefix: string): (string | null)[];
}

export type NamedHandler = (ctx: HandlerContext) => QueryResult;

/**
 * The distinct item-code keys the query selects: the `@i0..@iN` list (NULLs match nothing and are dropped),
 * or, when the SQL names `@itemFirst`, every item from `@itemFirst` to `@itemLast` in the collation's order
 * (a NULL bound selects nothing): products only when the statement reads `<alias>.ItemTypeCode = 1`.
 */
export function itemKeys(ctx: HandlerContext, alias: string): string[] {
  if (/@itemFirst\b/i.test(ctx.stripped)) {
    const first = textParam(ctx.req, "itemFirst");
    const last = textParam(ctx.req, "itemLast");
    if (first === null || last === null) return [];
    const codes = ctx.idx.sortedItemCodes(!productsOnly(ctx, alias));
    const from = firstIndex(codes, ciKey(first), false);
    const to = ciKey(last);
    const out: string[] = [];
    for (let i = from; i < codes.length && compareKeys(codes[i]!.key, to) <= 0; i++) out.push(codes[i]!.key);
    return out;
  }
  const keys = new Set<string>();
  for (const v of ctx.list("i")) if (v !== null) keys.add(ciKey(v));
  return [...keys];
}

/**
 * In keys sorted by {@link compareKeys}: the index of the first key above `key` (`after`), or not below it.
 */
export function firstIndex(codes: readonly { key: string }[], key: string, after: boolean): number {
  const stop = after ? 0 : -1; // keep going right while the comparison is at most this
  let lo = 0;
  let hi = codes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareKeys(codes[mid]!.key, key) <= stop) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether the statement keeps `alias` to products (`<alias>.ItemTypeCode = 1`). Nebim keys an item by type and
 * code, so without it a material or service sharing a product's code reads as that product (research/nebim.md).
 */
export function productsOnly(ctx: HandlerContext, alias: string): boolean {
  return hasPredicate(ctx.stripped, `${alias}.ItemTypeCode = 1`);
}

/**
 * The rows of `table`, read as `alias`, by item key: products, or any type (see {@link productsOnly}). Asked
 * once per statement, not per key: the text's test per item made a batch several times slower.
 */
export function itemRows(ctx: HandlerContext, table: string, alias: string): (key: string) => Row[] {
  if (productsOnly(ctx, alias)) {
    const index = ctx.idx.byItem(table);
    return (key) => productRows(index, key);
  }
  const index = ctx.idx.byColumn(table, "ItemCode");
  return (key) => (index.get(key) ?? []).filter((r) => ciKey(r.ItemCode) === key);
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
