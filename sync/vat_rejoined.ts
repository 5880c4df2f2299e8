/**
 * A variant whose store product also holds codes of another item (a barcode moved, an item re-coded) is left
 * that product's VAT rate: the rate is one item's, and the other's codes are on sale there too (sync/plan.ts,
 * a `grouping` problem). When the cycle's end zeroes those other codes (their item gone from Nebim), the
 * product is this item's alone again: its rate is sent then, not a full cycle later, when the plan would
 * next find the product this item's.
 * @module
 */

import type { NebimVariant } from "../nebim/types.ts";
import type { BatchContext } from "./batch_context.ts";
import { itemsRead } from "./item_batches.ts";
import { soleItem } from "./product_vat.ts";
import { runBatch } from "./run_batch.ts";

/** A variant left its store product's VAT rate, and that product (sync/plan.ts `elsewhere`). */
export interface LeftVat {
  variant: NebimVariant;
  storeProduct: string;
}

/** After the cycle's zeros: plans again the variants whose store product now sells no other item's codes. */
export async function sendRejoinedVat(ctx: BatchContext): Promise<void> {
  const left = ctx.leftVat;
  if (!left?.length || ctx.o.dryRun) return;
  const sole = left.filter(({ variant, storeProduct }) =>
    soleItem(ctx.bindings, storeProduct, variant.key.itemCode) !== undefined
  ).map((l) => l.variant);
  if (!sole.length) return;
  // Their problems were counted when their batch read them: planned again, they are not new.
  const problems = ctx.report.problems;
  await runBatch(ctx, itemsRead([], sole), sole);
  await ctx.pushes.drain();
  ctx.report.problems = problems;
}
