/**
 * The full reconciliation's first step: the store's own product list laid over the bindings.
 * @module
 */

import type { Problem } from "./desired.ts";
import type { BindingIndex } from "./binding_index.ts";
import { storeDiffers, storePushed } from "./adopt.ts";
import type { StoreWriter } from "./ports.ts";
import type { StoreRead } from "./run_batch.ts";

/**
 * Full reconciliation: what the store really shows replaces what we believe we pushed, so drift is repaired
 * (a variant is bound to the product the store keeps it in); the codes whose store state differs go to
 * `drifted`, the store's variants the ledger does not know to `unbound`, for the batches to record and adopt
 * (sync/adopt.ts).
 */
export async function overlayStore(
  store: StoreWriter,
  bindings: BindingIndex,
  { unbound, drifted, unreadable }: StoreRead,
  report: { problems: number; problemList: Problem[] },
  keepProblems: number,
  signal?: AbortSignal,
): Promise<void> {
  // A product the store lists but the agent cannot read (a price of "12a"): its codes stay as the ledger
  // knows them, neither taken for gone (created again over the merchant's name) nor adopted.
  const problems: Problem[] = [];
  const listed = await store.listVariants(signal, (u) => {
    for (const code of u.stockCodes) unreadable.add(code);
    unreadable.add(u.problem.subject); // the product's key, even when no stock code could be read
    problems.push(u.problem);
  });
  const actual = new Map(listed.map((v) => [v.stockCode, v]));
  report.problems += problems.length;
  report.problemList.push(...problems.slice(0, Math.max(0, keepProblems - report.problemList.length)));
  for (const b of [...bindings.values()]) {
    const s = actual.get(b.stockCode);
    if (!b.pushed || unreadable.has(b.stockCode)) continue;
    actual.delete(b.stockCode);
    if (s && storeDiffers(b, s)) drifted.add(b.stockCode);
    bindings.set(b.stockCode, {
      ...b,
      productCode: s?.productCode ?? b.productCode,
      pushed: s ? storePushed(s) : null, // gone from the store: created again
    });
  }
  for (const [code, s] of actual) unbound.set(code, s);
}
