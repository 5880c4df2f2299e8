/**
 * The full reconciliation's first step: the store's own product list laid over the bindings.
 * @module
 */

import type { Problem } from "./desired.ts";
import { sameStoreCode, storeCodeKey } from "../qukasoft/code_key.ts";
import type { BindingIndex } from "./binding_index.ts";
import { storeDiffers, storePushed } from "./adopt.ts";
import { productOutcomeKey, type StoreVariantState, type StoreWriter, type SyncLedger } from "./ports.ts";
import type { StoreRead } from "./batch_context.ts";

/**
 * Full reconciliation: what the store really shows replaces what we believe we pushed, so drift is repaired
 * (a variant is bound to the product the store keeps it in); the codes whose store state differs go to
 * `drifted`, the store's variants the ledger does not know to `unbound` (by storeCodeKey), for the batches to
 * record and adopt (sync/adopt.ts). Codes are matched as the store matches them: a bound KML-1001-BEJ-M is
 * the store's "kml-1001-bej-m", not a code gone from it.
 * @returns the problems of the products the store lists but the agent cannot read (kind `unreadable`), and the
 *   pushed codes the store no longer has (`gone`), for the ledger to forget (SyncLedger.forgetPushed)
 */
export async function overlayStore(
  store: StoreWriter,
  bindings: BindingIndex,
  { unbound, drifted, unreadable }: StoreRead,
  report: { problems: number; problemList: Problem[] },
  keepProblems: number,
  signal?: AbortSignal,
): Promise<{ problems: Problem[]; gone: string[] }> {
  // A product the store lists but the agent cannot read (a price of "12a"): its codes stay as the ledger
  // knows them, neither taken for gone (created again over the merchant's name) nor adopted.
  const problems: Problem[] = [];
  const listed = await store.listVariants(signal, (u) => {
    for (const code of u.stockCodes) unreadable.add(storeCodeKey(code));
    unreadable.add(storeCodeKey(u.problem.subject)); // the product's key, even when no stock code could be read
    problems.push(u.problem);
  });
  const actual = byKey(listed);
  report.problems += problems.length;
  report.problemList.push(...problems.slice(0, Math.max(0, keepProblems - report.problemList.length)));
  const lostFrom = new Set<string>(); // products a pushed code of which the store no longer lists
  const gone: string[] = [];
  for (const b of [...bindings.values()]) {
    if (!b.pushed || unreadable.has(storeCodeKey(b.stockCode))) continue;
    const s = take(actual, b.stockCode, b.productCode);
    // Not listed, of a product listed unreadably whose codes the list did not give (a stock code written as
    // a number): kept too.
    if (!s && unreadable.size && unreadable.has(storeCodeKey(productOutcomeKey(b.productCode)))) continue;
    if (s && storeDiffers(b, s)) drifted.add(b.stockCode);
    if (!s) {
      lostFrom.add(b.productCode);
      gone.push(b.stockCode);
    }
    bindings.set(b.stockCode, {
      ...b,
      productCode: s?.productCode ?? b.productCode,
      pushed: s ? storePushed(s) : null, // gone from the store: created again
    });
  }
  // Lost: the whole product, not a variant deleted from one the store still has.
  for (const p of lostFrom) if (!bindings.knowsProduct(p)) bindings.markLost(p);
  for (const [key, [s]] of actual) unbound.set(key, s!);
  return { problems, gone };
}

/**
 * Records the unreadable products' problems (overlayStore), so /health lists them, and closes those the list no
 * longer has unreadable (corrected in the panel, deleted). Only a read of the whole list decides them: a batch
 * reads their `product:<code>` subject but not the store, and leaves them open (sync/run_batch.ts).
 */
export function recordUnreadable(
  ledger: Pick<SyncLedger, "openProblems" | "resolveProblems" | "replaceProblems">,
  problems: Problem[],
): void {
  const now = new Set(problems.map((p) => p.subject));
  const read = ledger.openProblems({ kind: "unreadable" }).map((p) => p.subject).filter((s) => !now.has(s));
  if (read.length) ledger.resolveProblems(read, "unreadable");
  if (problems.length) ledger.replaceProblems([], problems);
}

/** The store's variants by storeCodeKey. */
function byKey(listed: readonly StoreVariantState[]): Map<string, StoreVariantState[]> {
  const out = new Map<string, StoreVariantState[]>();
  for (const v of listed) {
    const key = storeCodeKey(v.stockCode);
    const same = out.get(key);
    if (same) same.push(v);
    else out.set(key, [v]);
  }
  return out;
}

/**
 * Takes the store's variant of a code out of `actual`. A store may list two under one key: one whose collation
 * is finer than storeCodeKey (the agent's KML-1 and a merchant's "kml-ı"), or one whose panel let the merchant
 * give another product the agent's code. The agent's is the one in the product it is bound to, else the one
 * spelled as the agent spells it.
 */
function take(
  actual: Map<string, StoreVariantState[]>,
  code: string,
  productCode: string,
): StoreVariantState | undefined {
  const key = storeCodeKey(code);
  const same = actual.get(key);
  if (!same) return undefined;
  if (same.length === 1) {
    actual.delete(key);
    return same[0];
  }
  const spelled = (v: StoreVariantState) => v.stockCode === code;
  const inProduct = (v: StoreVariantState) => sameStoreCode(v.productCode, productCode);
  const at = [(v: StoreVariantState) => spelled(v) && inProduct(v), inProduct, spelled]
    .map((test) => same.findIndex(test))
    .find((i) => i >= 0);
  const [s] = same.splice(at ?? 0, 1);
  if (!same.length) actual.delete(key);
  return s;
}
