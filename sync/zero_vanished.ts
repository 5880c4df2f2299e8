/**
 * The end of a product cycle: every bound stock code Nebim no longer sells (gone, re-coded, blocked, not for
 * internet) goes to stock 0, once every batch was read. Unless there are more than `catalog.vanishLimit`
 * allows (sync/vanish_limit.ts): then all of them are held for this cycle, left as they are in the ledger so
 * a later cycle zeroes them once allowed, and a problem says why and how to go on.
 * @module
 */

import { getLogger } from "../log.ts";
import { storeCodeKey } from "../qukasoft/code_key.ts";
import { storePushed } from "./adopt.ts";
import type { BindingIndex } from "./binding_index.ts";
import type { SyncLedger } from "./ports.ts";
import { runBatch } from "./run_batch.ts";
import { sendRejoinedVat } from "./vat_rejoined.ts";
import { type BatchContext, SHARED } from "./batch_context.ts";
import {
  checkVanishing,
  heldProblem,
  heldWhy,
  VANISH_KIND,
  VANISH_SUBJECT,
  type VanishCheck,
} from "./vanish_limit.ts";

/** What the batches of a cycle found leaving the store's sale, for its end to zero. */
export interface Vanishing {
  /** Incremental: codes bound to items read this cycle that no variant of theirs took. */
  gone: Set<string>;
  /** Bound codes whose variant Nebim still has but no longer sells (blocked, UseInternet off). */
  unsellable: Set<string>;
  /**
   * Codes of bindings with no pushed fields (a create that failed) that leave the sale like those: nothing to
   * zero, their bindings go at the cycle's end (ledger.dropUnsent) rather than retried for ever.
   */
  unsent: Set<string>;
}

export function noVanishing(): Vanishing {
  return { gone: new Set(), unsellable: new Set(), unsent: new Set() };
}

/** Why a code is held by a hold an earlier cycle opened (its massZero problem says the rest). */
const CONTINUED = "vanished from Nebim, stock 0 held: catalog.vanishLimit's hold is open (the massZero " +
  "problem); the next full cycle weighs the whole catalogue again";

/** How many codes a held cycle's problem and log line name. */
const SAMPLE = 10;

/**
 * @param sends a full cycle's creates whose answer was never recorded: the store's copies Nebim no longer has
 *   are zeroed whatever the limit (the agent's own repair, at most a few requests' worth, and holding them
 *   would mean keeping the sends: they go once the cycle ends)
 */
export async function zeroVanished(
  ctx: BatchContext,
  sends?: ReturnType<SyncLedger["unrecordedSends"]>,
): Promise<void> {
  const { bindings, seenCodes, report, o, vanishing } = ctx;
  const contested = ctx.contested;
  const notTaken = (code: string) => {
    const by = seenCodes.get(code);
    return by === undefined || by === SHARED || contested?.has(code) === true;
  };
  // Counted by the limit (and held over it): codes leaving the sale with stock in the store. Not counted:
  // codes the store already shows at 0 (a zero there takes nothing off sale; blocked codes synced before
  // blocked ones went this way are all such), and codes vanished before, zeroed again only if it drifted.
  const counted: string[] = [];
  const harmless: string[] = [];
  const sort = (code: string) => {
    const b = bindings.get(code);
    if (b?.pushed) (b.vanished || b.pushed.quantity === 0 ? harmless : counted).push(code);
    else if (b) vanishing.unsent.add(code);
  };
  // Full: every pushed code no batch took (deleted, blocked as an item, re-coded, moved to a barcode another
  // variant shares, or its item not read at all). Incremental: only those of the items it read.
  if (report.mode === "full") {
    // forEach: a for-of makes an iterator result per binding in this once-a-cycle (unoptimised) function.
    bindings.forEach((b) => {
      if (notTaken(b.stockCode)) sort(b.stockCode);
    });
  } else {
    for (const code of vanishing.gone) if (notTaken(code)) sort(code);
  }
  for (const code of vanishing.unsellable) sort(code);
  let check = o.plan.zeroStockForVanished && counted.length
    ? checkVanishing(counted.length, activeCodes(bindings), o.plan.vanishLimit, o.allowMassZero ?? false)
    : undefined;
  // While a hold is open an incremental cycle holds its zeros too, however few: the codes it reads are the
  // held ones coming back a few at a time (a stock movement re-reads an item), and zeroing them cycle by
  // cycle, each under the limit, would let through what the hold stopped. Only a full cycle weighs it again.
  const continuing = check?.verdict === "ok" && report.mode === "incremental" &&
    o.plan.vanishLimit !== null &&
    // The XML feed's hold (the same kind) is the feed's own: it holds nothing here.
    ctx.deps.ledger.openProblems({ kind: VANISH_KIND }).some((p) => p.subject === VANISH_SUBJECT);
  if (continuing) check = { ...check!, verdict: "held" };
  const held = check?.verdict === "held";
  const zero = held ? harmless : [...counted, ...harmless];
  if (sends?.codes.size) zero.push(...lostCreates(ctx, sends.codes, notTaken));
  if (!o.plan.zeroStockForVanished && !o.dryRun) endRetries(ctx, zero);
  if (zero.length) {
    // After every batch's writes (the cycle drained them): these go alone.
    await runBatch(ctx, new Set(), [], zero);
    await ctx.pushes.drain();
    await sendRejoinedVat(ctx);
  }
  report.vanishCheck = check;
  if (held) ctx.stale?.written(counted); // still to be zeroed: a refusal of theirs stays open
  if (held) hold(ctx, counted, check!, continuing);
  // Only a full cycle sees every code: an incremental one under the limit may not have read the held ones.
  else if (report.mode === "full" && !o.dryRun) ctx.deps.ledger.replaceProblems([VANISH_SUBJECT], []);
}

/**
 * Codes on sale, bound with stock in the store: what the limit's percentage is of. Like the count it weighs,
 * not every bound code: a catalogue mostly out of stock would otherwise let a mass zeroing of all it sells
 * pass (4 codes in stock of 10 bound, all 4 vanishing, is under 50 % of 10).
 */
function activeCodes(bindings: BindingIndex): number {
  let n = 0;
  for (const b of bindings.values()) if (b.pushed && !b.vanished && b.pushed.quantity !== 0) n++;
  return n;
}

/**
 * The store's copies of codes the agent sent but whose answer it never recorded (ledger.recordSending),
 * which Nebim no longer has: the agent's own, not the merchant's, so bound (under the code as sent, whatever
 * case the store keeps it in) and zeroed like any vanished code.
 */
function lostCreates(
  ctx: BatchContext,
  sent: ReadonlyMap<string, string>,
  notTaken: (code: string) => boolean,
): string[] {
  const codes: string[] = [];
  const sentByKey = new Map<string, string>();
  for (const code of sent.keys()) sentByKey.set(storeCodeKey(code), code);
  for (const [key, s] of ctx.unbound ?? []) {
    const code = sentByKey.get(key);
    const itemCode = code === undefined ? undefined : sent.get(code);
    if (code === undefined || itemCode === undefined) continue;
    if (ctx.bindings.get(code)?.pushed || !notTaken(code)) continue;
    const pushed = storePushed(s);
    ctx.bindings.set(code, {
      stockCode: code,
      productCode: s.productCode,
      itemCode,
      pushed,
      vanished: false,
    });
    codes.push(code);
  }
  return codes;
}

/**
 * With `zeroStockForVanished` off, codes leaving the sale are left as the store has them: nothing will write
 * them, so a retry a failed or unanswered write left ends, as a refusal's does (ledger.recordWrites), rather
 * than read their items every cycle for ever. Should Nebim sell one again, a full cycle compares it with the
 * store's copy.
 */
function endRetries(ctx: BatchContext, codes: readonly string[]): void {
  const dirty = codes.filter((code) => ctx.bindings.get(code)?.dirty);
  if (!dirty.length) return;
  ctx.deps.ledger.recordWrites([], [], undefined, dirty);
  for (const code of dirty) ctx.bindings.set(code, { ...ctx.bindings.get(code)!, dirty: false });
}

/** Each held code as a row and a count; one problem and one warning for the whole hold. */
function hold(ctx: BatchContext, codes: readonly string[], check: VanishCheck, continuing: boolean): void {
  const { bindings, report, o } = ctx;
  const keep = o.keepRows ?? Infinity;
  const why = continuing ? CONTINUED : heldWhy(check);
  for (const code of codes) {
    if (report.rows.length >= keep) break;
    const b = bindings.get(code)!;
    const { quantity, price, marketplacePrice } = b.pushed!;
    report.rows.push({
      stockCode: code,
      productCode: b.productCode,
      action: "held",
      why,
      quantity,
      price,
      marketplacePrice,
    });
  }
  report.actions.held += codes.length;
  report.held += codes.length;
  if (continuing) {
    // The open problem keeps its text: it counts the whole hold, this cycle only a few codes more of it.
    if (!o.dryRun) {
      getLogger(["e-ticaret", "products"]).warn("{mode} cycle: {why} ({count} codes)", {
        mode: report.mode,
        why: CONTINUED,
        count: codes.length,
      });
    }
    return;
  }
  const sample = codes.slice(0, SAMPLE).map((code) => `${code} (item ${bindings.get(code)!.itemCode})`);
  const problem = heldProblem(check, sample);
  report.problems++;
  if (report.problemList.length < (o.keepProblems ?? 1000)) report.problemList.push(problem);
  if (o.dryRun) return;
  ctx.deps.ledger.replaceProblems([], [problem]);
  getLogger(["e-ticaret", "products"]).warn("{mode} cycle: {reason}", {
    mode: report.mode,
    reason: problem.reason,
  });
}
