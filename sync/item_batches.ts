/**
 * Which item codes a product cycle reads, in what batches: a full cycle's runs of the item-code pages, an
 * incremental one's changed and dirty items; and which items a batch's read covered.
 * @module
 */

import { codeKey } from "../nebim/code_key.ts";
import type { NebimVariant } from "../nebim/types.ts";
import type { CatalogSource, SyncLedger } from "./ports.ts";

/** Re-read this much before the bookmark: datetime rounding and transactions committed late. */
export const OVERLAP_MS = 60_000;
/**
 * Items read, mapped and pushed together: two store requests' worth when products group by item (100 products
 * each), so no request goes out half full. Fewer than the 500 codes a query may list, for memory: a full sync
 * of 100,000 variants peaked 25–30 MB higher with 500 (two batches of ~3,500 variants held at once), at the same
 * CPU (docs/BENCHMARKS.md).
 */
export const ITEM_BATCH = 200;

/** Every item code, in runs of ITEM_BATCH consecutive codes of one page: a full read's batches. */
export async function* itemRuns(
  catalog: CatalogSource,
  signal?: AbortSignal,
  size = ITEM_BATCH,
): AsyncIterable<string[]> {
  for await (const page of catalog.allItemCodes(signal)) {
    for (let i = 0; i < page.length; i += size) yield page.slice(i, i + size);
  }
}

/** Where an incremental read starts for a bookmark: OVERLAP_MS before it. */
export function changedSince(bookmark: string): Date {
  return new Date(Date.parse(bookmark) - OVERLAP_MS);
}

/**
 * A cycle's mode: full without a bookmark, and full when SQL Server's clock is now before the bookmark (set
 * back: a correction, a Windows still keeping the summer time Turkey dropped in 2016). Then the rows stamped
 * after the jump, and those stamped after the bookmark before it, lie in no window [bookmark − OVERLAP_MS,
 * signpost): the first until the full reconciliation, the second until the clock catches up.
 */
export function cycleMode(
  asked: "incremental" | "full",
  previous: string | undefined,
  signpost: Date,
): "incremental" | "full" {
  return previous === undefined || clockSetBack(previous, signpost) ? "full" : asked;
}

/** SQL Server's clock is before the bookmark (or the bookmark says no window is known: WINDOW_UNKNOWN). */
export function clockSetBack(previous: string, signpost: Date): boolean {
  return signpost.getTime() < Date.parse(previous);
}

/**
 * The bookmark a cycle that found SQL Server's clock set back records before it reads anything: later than
 * any signpost, so every cycle is full until one ends well and moves the bookmark to its signpost. Were the
 * bookmark left as it was, a cycle after that full one failed, once the clock passed the bookmark again (the
 * agent waited out the failure longer than the clock went back), would be incremental, and the rows stamped
 * after the jump more than OVERLAP_MS before the bookmark would lie before its window. Also recorded by an
 * incremental cycle that fails after recording codes the ledger may have wrong (CycleReport.missing, unsure):
 * the full cycle the productSync actor asks after such a cycle is then owed through its incremental retry.
 */
export const WINDOW_UNKNOWN = "9999-12-31T23:59:59.999Z";

/** A cycle's batches of item codes: every item (full), or those changed since the bookmark and left dirty. */
export async function* itemBatches(
  catalog: CatalogSource,
  ledger: Pick<SyncLedger, "dirtyItemCodes">,
  mode: "incremental" | "full",
  previous: string | undefined,
  signpost: Date,
  signal?: AbortSignal,
  size = ITEM_BATCH,
): AsyncIterable<string[]> {
  if (mode === "full") {
    yield* itemRuns(catalog, signal, size);
    return;
  }
  const changed = await catalog.changedItemCodes(changedSince(previous!), signpost, signal);
  // Once per key, but asked for as Nebim spelled the code: the key is the agent's model of Nebim's collation,
  // not a code Nebim holds, and a code Nebim finds nothing for reads its item as having no variant left.
  const byKey = new Map<string, string>();
  for (const code of [...changed, ...ledger.dirtyItemCodes()]) {
    const key = codeKey(code);
    if (!byKey.has(key)) byKey.set(key, code);
  }
  const all = [...byKey.keys()].sort().map((key) => byKey.get(key)!);
  for (let i = 0; i < all.length; i += size) yield all.slice(i, i + size);
}

/**
 * The keys (nebim/code_key.ts) of the item codes a batch read: those asked for, and any a range read brought along (an item
 * added after its page was listed), so its variants are neither taken for another item's nor zeroed.
 */
export function itemsRead(batch: readonly string[], variants: readonly NebimVariant[]): Set<string> {
  const items = new Set(batch.map(codeKey));
  let last: string | undefined;
  for (const v of variants) {
    if (v.key.itemCode === last) continue;
    last = v.key.itemCode;
    items.add(codeKey(last));
  }
  return items;
}
