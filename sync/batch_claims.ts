/**
 * A batch's claims of stock codes other items make too, for the duplicate report (sync/run_batch.ts).
 * @module
 */

import type { Problem } from "./desired.ts";
import { type BatchContext, SHARED } from "./batch_context.ts";

/**
 * Who else holds a stock code this cycle, for the duplicate report: undefined when nobody does, or only
 * this variant's own item (items are read whole, once per cycle, so that is this variant).
 */
export function otherHolder(seen: string | undefined, itemCode: string): string | undefined {
  if (seen === undefined || seen === itemCode) return undefined;
  return seen === SHARED ? "another variant with the same barcode" : `a variant of item ${seen}`;
}

/**
 * Under a template: a code two variants of the batch make (mapVariants' duplicate: neither is taken) that an
 * item outside the batch holds too, an earlier batch's (`seenCodes`) or one read with the batch (`held`,
 * `heldByMany`), is held by none: the problem names that item too, an earlier batch's take is zeroed at the
 * cycle's end (`contested`), and a later batch's holder does not take it (`claimedCodes`). One an earlier
 * batch reported with all of them already is not reported again (`reportedBefore`).
 */
export function claimWithin(
  ctx: BatchContext,
  problems: Problem[],
  held: (code: string) => string | undefined,
  heldByMany: ReadonlyMap<string, readonly string[]> | undefined,
  reportedBefore: Problem[],
): void {
  for (let i = problems.length - 1; i >= 0; i--) {
    const p = problems[i]!;
    if (p.kind !== "duplicate" || !p.items) continue;
    const seen = ctx.seenCodes.get(p.subject);
    const holder = held(p.subject);
    const also = seen !== undefined
      ? [seen]
      : heldByMany?.get(p.subject) ?? (holder === undefined ? [] : [holder]);
    const more = also.filter((item) => !p.items!.includes(item));
    if (!more.length) continue;
    const items = [...p.items, ...more];
    const earlier = ctx.claimedCodes?.get(p.subject);
    if (earlier?.items && items.every((item) => earlier.items!.includes(item))) {
      problems.splice(i, 1);
      reportedBefore.push(earlier);
      continue;
    }
    const named = { ...p, items, reason: `${p.reason} and by item ${more.join(", ")}; none is pushed` };
    problems[i] = named;
    (ctx.claimedCodes ??= new Map()).set(p.subject, named);
    if (seen === undefined) continue;
    // An earlier batch took it (and may have pushed it): no longer, for the cycle's end to zero it.
    (ctx.contested ??= new Set()).add(p.subject);
    ctx.vanishing.gone.add(p.subject);
  }
}
