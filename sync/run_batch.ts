/**
 * One batch of a product cycle: map and plan its variants (checking stock codes against the rest of the
 * cycle), then push them beside the earlier batches' pushes still going (sync/push_queue.ts), leaving the push
 * in flight there.
 * @module
 */

import type { NebimVariant } from "../nebim/types.ts";
import { type DesiredVariant, mapVariants, type Problem } from "./desired.ts";
import { keyText } from "./key_text.ts";
import { type Action, planPush } from "./plan.ts";
import type { CycleReport } from "./cycle_report.ts";
import { productOutcomeKey } from "./ports.ts";
import { adoptFromStore, learnedFromStore, movedUnwritten } from "./adopt.ts";
import { answersDeferred, pushPlan } from "./push_plan.ts";
import type { Push } from "./push_queue.ts";
import { codeKey } from "../nebim/code_key.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import { productClash } from "./product_clash.ts";
import { withoutSharedBarcodes } from "./shared_barcode.ts";
import { TakenDuplicates } from "./taken_duplicates.ts";
import { addMaker, addRecordedOthers } from "./duplicate_holders.ts";
import { type BatchContext, SHARED } from "./batch_context.ts";
import { claimWithin, otherHolder } from "./batch_claims.ts";

/**
 * Whether a batch reads what a push under way will change in the bindings (a stock code that moved between
 * items): it then waits for that push before planning.
 */
function dependsOn(
  p: Push,
  items: ReadonlySet<string>,
  desired: readonly DesiredVariant[],
  productKeys: ReadonlySet<string>,
): boolean {
  for (const i of items) if (p.items.has(i)) return true;
  if (desired.some((d) => p.codes.has(d.stockCode))) return true;
  for (const k of productKeys) if (p.products.has(k)) return true;
  return false;
}

/** The batch's product codes by the store's key: two Nebim tells apart may be one product in the store. */
function productKeysOf(desired: readonly DesiredVariant[]): Set<string> {
  const codes = new Set<string>();
  desired.forEach((d) => codes.add(d.productCode));
  const keys = new Set<string>();
  codes.forEach((code) => keys.add(storeCodeKey(code)));
  return keys;
}

/**
 * Maps and plans one batch while earlier batches' writes (`ctx.pushes`) may still be under way, then starts
 * this batch's writes once there is room among them (sync/push_queue.ts), leaving them in flight there.
 * @param vanished bound codes to zero: only the cycle's end (sync/zero_vanished.ts) passes any, in a batch
 *   of no items; the batches themselves only collect them in `ctx.vanishing`
 */
export async function runBatch(
  ctx: BatchContext,
  inBatch: ReadonlySet<string>,
  variants: NebimVariant[],
  vanished: string[] = [],
): Promise<void> {
  const { deps, o, asOf, bindings, seenCodes, report, pushes, signal } = ctx;
  const mapped = mapVariants(variants, o.mapping);
  const problems: Problem[] = [...mapped.problems];
  if (ctx.sharedBarcodes) {
    mapped.variants = withoutSharedBarcodes(mapped.variants, ctx.sharedBarcodes, problems);
  }
  const pending = pushes.pending;
  if (pending.length) {
    const productKeys = productKeysOf(mapped.variants);
    for (const p of pending) {
      if (!dependsOn(p, inBatch, mapped.variants, productKeys)) continue;
      pushes.flush(); // waiting: the answered pushes' ledger writes first (push_queue.ts)
      await p.done;
    }
  }
  // A stock code bound to a variant of an item not read now: that item may still hold it (a duplicate)
  // or may have let it go (a barcode moved to a re-coded item). Read those items to know which.
  // The per-variant loops of a batch go by forEach: a for-of makes an iterator result per element until
  // V8 optimises the function, and a full sync's 500 batches run this one mostly unoptimised.
  // So too the other items of a known duplicate: the code is taken only once none of them makes it still.
  const others = new Set<string>();
  const known = ctx.knownDuplicates;
  const readOthers = (d: DesiredVariant) => {
    const b = bindings.get(d.stockCode);
    if (b && !b.vanished && !inBatch.has(codeKey(b.itemCode))) others.add(b.itemCode);
    if (known) addRecordedOthers(known, d.stockCode, inBatch, others);
  };
  mapped.variants.forEach(readOthers);
  // Under barcode stock codes the shared barcodes, read before the cycle, are what no batch takes (SHARED).
  const template = o.mapping.stockCode.from !== "barcode";
  // A code two of this batch's variants make may be another item's too (rare: only then any work).
  if (template) mapped.duplicates?.forEach(readOthers);
  const stillHeld = new Map<string, DesiredVariant>();
  // Codes two or more of the items read with the batch make among themselves: those items.
  let heldByMany: Map<string, string[]> | undefined;
  if (others.size) {
    const theirs = mapVariants(await deps.catalog.readItems([...others], asOf, signal), o.mapping);
    for (const d of theirs.variants) stillHeld.set(d.stockCode, d);
    theirs.duplicates?.forEach((d) => {
      if (!stillHeld.has(d.stockCode)) stillHeld.set(d.stockCode, d);
      addMaker(heldByMany ??= new Map(), d);
    });
  }
  // An earlier batch's problems of codes this batch's items make: not reported again, but kept open (a
  // variant's key may read as its stock code, a subject this batch reads and would otherwise close).
  const reportedBefore: Problem[] = [];
  if (template && mapped.duplicates?.length) {
    claimWithin(ctx, problems, (code) => stillHeld.get(code)?.key.itemCode, heldByMany, reportedBefore);
  }
  const desired = mapped.variants.filter((d) => {
    // An earlier batch reported this item's claim already (it read this item): neither takes the code.
    const claim = template ? ctx.claimedCodes?.get(d.stockCode) : undefined;
    if (claim?.items?.includes(d.key.itemCode)) {
      reportedBefore.push(claim);
      return false;
    }
    const seen = seenCodes.get(d.stockCode);
    const held = stillHeld.get(d.stockCode);
    const byItem = otherHolder(seen, d.key.itemCode);
    const many = byItem === undefined ? heldByMany?.get(d.stockCode) : undefined;
    const other = byItem ?? (many ? `variants of items ${many.join(", ")}` : held && keyText(held.key));
    if (other !== undefined && other !== keyText(d.key)) {
      // Every item recorded (a shared barcode names none): an incremental cycle reads them again together.
      const otherItems = byItem === undefined ? many ?? [held!.key.itemCode] : seen === SHARED ? [] : [seen!];
      const problem: Problem = {
        subject: d.stockCode,
        kind: "duplicate",
        reason: `stock code "${d.stockCode}" is used by ${other} and ${keyText(d.key)}; ${
          many ? "none" : "neither"
        } is pushed`,
        ...otherItems.length ? { items: [...otherItems, d.key.itemCode] } : {},
      };
      problems.push(problem);
      (ctx.claimedCodes ??= new Map()).set(d.stockCode, problem);
      if (template && byItem !== undefined) {
        // An earlier batch took it (and may have pushed it): no longer, for the cycle's end to zero it.
        (ctx.contested ??= new Set()).add(d.stockCode);
        ctx.vanishing.gone.add(d.stockCode);
      }
      return false;
    }
    // Not taken either: a code of it already pushed goes to 0 with the vanished ones.
    const clash = productClash(ctx.productClaims, bindings, d);
    if (clash) {
      problems.push(clash);
      return false;
    }
    seenCodes.set(d.stockCode, d.key.itemCode);
    return true;
  });
  const keep = o.keepRows ?? Infinity;
  if (ctx.unbound?.size) {
    const adopted = adoptFromStore(desired, bindings, ctx.unbound);
    for (const w of adopted) {
      report.actions.adopt++;
      if (report.rows.length < keep) {
        report.rows.push({
          stockCode: w.stockCode,
          productCode: w.productCode,
          action: "adopt",
          why: "already in the store: taken over as it stands, not created",
          quantity: w.pushed.quantity,
          price: w.pushed.price,
          marketplacePrice: w.pushed.marketplacePrice,
        });
      }
    }
    if (adopted.length && !o.dryRun) deps.ledger.recordWrites(adopted, []);
  }
  // A bound code Nebim still has but no longer sells (blocked, UseInternet off) goes to 0 at the cycle's end
  // with the vanished ones: a mass IsBlocked set by mistake is what the vanish limit is for.
  const selling = desired.filter((d) => {
    const b = bindings.get(d.stockCode);
    if (!b?.pushed) {
      if (b && !d.sellable) ctx.vanishing.unsent.add(d.stockCode); // a failed create's, not created now
      return !unreadableHas(ctx, d, report, keep);
    }
    if (d.sellable) return true;
    ctx.vanishing.unsellable.add(d.stockCode);
    return false;
  });
  // A full cycle finds the codes no batch took at its end; an incremental one only knows the items it read.
  if (report.mode === "incremental") {
    const taken = new Set(desired.map((d) => d.stockCode));
    for (const item of inBatch) {
      for (const code of bindings.codesOfItem(item)) if (!taken.has(code)) ctx.vanishing.gone.add(code);
    }
  }
  const plan = planPush(selling, bindings, { ...o.plan, explain: keep > report.rows.length }, vanished);
  for (const { variant, storeProduct } of plan.elsewhere) {
    problems.push(groupingProblem(variant, storeProduct));
    // For the cycle's end, should its zeros leave the product this item's alone (sync/vat_rejoined.ts).
    const raw = variants.find((v) => keyText(v.key) === keyText(variant.key));
    if (raw) (ctx.leftVat ??= []).push({ variant: raw, storeProduct });
  }
  for (const r of plan.rows) if (report.rows.length < keep) report.rows.push(r);
  for (const [action, n] of Object.entries(plan.counts)) report.actions[action as Action] += n;
  report.held += plan.counts.held;
  report.problems += problems.length;
  if (ctx.known && problems.length) {
    report.knownProblems = (report.knownProblems ?? 0) + ctx.known.count(problems);
  }
  report.problemList.push(
    ...problems.slice(0, Math.max(0, (o.keepProblems ?? 1000) - report.problemList.length)),
  );
  if (o.dryRun) {
    // What pushPlan would count had the store taken every write: each code it writes that is not created.
    report.wouldUpdate = (report.wouldUpdate ?? 0) + plan.after.size - plan.viaProductSave.size;
    return;
  }
  const subjects: string[] = [];
  variants.forEach((v) => subjects.push(keyText(v.key)));
  const productCodes = new Set<string>();
  desired.forEach((d) => {
    subjects.push(d.stockCode);
    productCodes.add(d.productCode);
  });
  productCodes.forEach((p) => subjects.push(productOutcomeKey(p))); // a refused rename's (push_plan.ts)
  // An earlier batch's duplicate of a code this batch took stays open (counted once, by that batch).
  const claimed = ctx.claimedCodes;
  const kept = claimed?.size
    ? [...problems, ...reportedBefore, ...desired.flatMap((d) => claimed.get(d.stockCode) ?? [])]
    : problems;
  // Closed here and reported anew, a problem's first sighting would be this cycle's, each cycle: a refusal of
  // a code or product sent again stays open for the store's answer (sync/push_plan.ts), and a duplicate of a
  // code this batch took for the cycle's end, as a later batch's item may claim the code (`seenCodes`). A
  // product the store lists unreadably is the full cycle's read of that list to decide (overlay_store.ts).
  const saved = new Set(plan.products.map((p) => productOutcomeKey(p.productCode)));
  const refusals: string[] = [];
  const undecided = (s: string, kind: string) =>
    kind === "store"
      ? plan.after.has(s) || saved.has(s)
      : kind === "unreadable" || kind === "duplicate" && seenCodes.has(s);
  const left = deps.ledger.replaceProblems(subjects, kept, undecided);
  for (const p of left) if (p.kind === "store") refusals.push(p.subject);
  (ctx.duplicatesTaken ??= new TakenDuplicates()).note(left, kept);
  ctx.stale?.read(subjects, kept);
  ctx.itemProblems?.read(inBatch, subjects, kept);
  // The vanished codes zeroed now: their refusals are their zero's to close or keep (push_plan.ts).
  if (vanished.length) ctx.stale?.written([...plan.after.keys()]);
  if (ctx.drifted?.size) {
    const learned = learnedFromStore(desired, bindings, ctx.drifted, plan.after);
    if (learned.length) deps.ledger.recordWrites(learned, []);
  }
  const moved = movedUnwritten(desired, bindings, plan.after);
  if (moved.length) deps.ledger.recordWrites(moved, []);
  const codes = plan.after;
  const items = new Set<string>();
  codes.forEach((_, code) => {
    const item = bindings.get(code)?.itemCode;
    if (item !== undefined) items.add(codeKey(item));
  });
  const products = new Set(plan.products.map((p) => storeCodeKey(p.productCode)));
  await pushes.room();
  ctx.onPushed?.();
  ctx.pushLedger ??= answersDeferred(deps.ledger, pushes, ctx.onAnswered);
  const done = pushPlan(deps.store, ctx.pushLedger, plan, desired, bindings, report, signal, refusals);
  pushes.add({ done, codes, items, products });
}

/**
 * A code the store keeps in a product beside another Nebim item's codes (Nebim moved the barcode to another
 * item): sold there, under that product's name and with the colour and size it was made with. Said, not
 * changed: the store holds a code in one product, and the agent deletes nothing.
 */
function groupingProblem(d: DesiredVariant, storeProduct: string): Problem {
  return {
    subject: d.stockCode,
    kind: "grouping",
    reason: `the store keeps stock code "${d.stockCode}" in product ${storeProduct}, beside another item's ` +
      `codes, but Nebim has it on ${keyText(d.key)} (product ${d.productCode}): its stock and price go to ` +
      `${storeProduct}, under that product's name and with the colour and size it was made with. To move it, ` +
      `delete the variant in the store's panel: the next full reconciliation makes it in ${d.productCode}`,
  };
}

/** True (and a held row) when `d`, not pushed, is of a product the store lists unreadably. */
function unreadableHas(ctx: BatchContext, d: DesiredVariant, report: CycleReport, keep: number): boolean {
  const u = ctx.unreadable;
  if (!u?.size) return false;
  if (!u.has(storeCodeKey(d.stockCode)) && !u.has(storeCodeKey(productOutcomeKey(d.productCode)))) {
    return false;
  }
  report.actions.held++;
  report.held++;
  report.heldUnreadable = (report.heldUnreadable ?? 0) + 1;
  if (report.rows.length < keep) {
    report.rows.push({
      stockCode: d.stockCode,
      productCode: d.productCode,
      action: "held",
      why: "the store lists its product with a value the agent cannot read: not created until it can",
      quantity: d.quantity,
      price: d.price,
      marketplacePrice: d.marketplacePrice,
    });
  }
  return true;
}
