/**
 * The store's refusals in one push's answers, as problems: each refused code or product reported, and the
 * refusals the push answered without refusing again closed.
 * @module
 */

import type { Plan } from "./plan.ts";
import { type DirtyWrite, productOutcomeKey, type WriteOutcome } from "./ports.ts";
import type { PushLedger } from "./push_plan.ts";

/**
 * Reports `rejects` (and each product save refused) and closes those of `refusals` now answered.
 * @param refusals the open refusals of the codes and products sent (pushPlan)
 */
export function reportRefusals(
  ledger: Pick<PushLedger, "replaceProblems" | "resolveProblems">,
  plan: Pick<Plan, "products">,
  result: ReadonlyMap<string, WriteOutcome>,
  { rejects, dirty, refusals, failure }: {
    rejects: WriteOutcome[];
    dirty: readonly DirtyWrite[];
    refusals: readonly string[];
    failure: unknown;
  },
): void {
  // A refused rename is the product's problem, reported once, as "product:<code>".
  for (const p of plan.products) {
    const out = p.variants.length ? undefined : result.get(productOutcomeKey(p.productCode));
    if (out?.status === "rejected") rejects.push(out);
  }
  if (refusals.length) closeAnswered(ledger, refusals, rejects, dirty, result, failure);
  if (rejects.length) {
    ledger.replaceProblems(
      [],
      rejects.map((r) => ({
        subject: r.stockCode,
        kind: "store" as const,
        reason: r.missing
          ? "the store no longer has this stock code (deleted or re-coded in its panel): the full " +
            "reconciliation that follows creates it again"
          : `store rejected it: ${r.message ?? "no reason given"}`,
      })),
    );
  }
}

/**
 * Closes the refusals whose write the store answered now without refusing it again. One whose write failed
 * (or, of a product, went unanswered after a failed request) stays as it was: nothing is known of it.
 */
function closeAnswered(
  ledger: Pick<PushLedger, "resolveProblems">,
  refusals: readonly string[],
  rejects: readonly WriteOutcome[],
  dirty: readonly DirtyWrite[],
  result: ReadonlyMap<string, WriteOutcome>,
  failure: unknown,
): void {
  const open = new Set(rejects.map((r) => r.stockCode));
  dirty.forEach((d) => open.add(d.stockCode));
  const closed = refusals.filter((s) => {
    if (open.has(s)) return false;
    const out = result.get(s); // a product's; a code's own may have come apart (barcodeOutcome)
    return out ? out.status !== "failed" : !failure;
  });
  if (closed.length) ledger.resolveProblems(closed, "store");
}
