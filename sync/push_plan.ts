/**
 * One batch's writes: the plan's product saves and stock/price updates sent to the store, each stock code's
 * outcome recorded in the ledger (a failure leaves it dirty, to be read and pushed again) and in the
 * in-memory bindings the next batches plan against.
 * @module
 */

import { IntegrationError, PartialFailure } from "../errors.ts";
import type { NebimVariant } from "../nebim/types.ts";
import type { BindingIndex } from "./binding_index.ts";
import type { Plan } from "./plan.ts";
import { sameStoreCode, storeCodeKey } from "../qukasoft/code_key.ts";
import type { PushTally } from "./cycle_report.ts";
import type { PushQueue } from "./push_queue.ts";
import { barcodeOutcome } from "./barcode_outcome.ts";
import { reportRefusals } from "./push_refusals.ts";
import {
  type BindingWrite,
  type DirtyWrite,
  productOutcomeKey,
  type StoreWriter,
  type SyncLedger,
  type WriteOutcome,
} from "./ports.ts";

/** What a push writes to the ledger. */
export type PushLedger = Pick<
  SyncLedger,
  "recordWrites" | "recordSending" | "durable" | "replaceProblems" | "resolveProblems"
>;

/**
 * `ledger` as the sync's pushes write to it: each answer's record (recordWrites) kept for the sync's next wait
 * (PushQueue.defer), the rest at once. The record before a push (recordSending) is never deferred: it must be
 * in the ledger before the store can act on the push. `answered` runs as each answer's record is handed in,
 * before it is kept (BatchContext.onAnswered).
 */
export function answersDeferred(
  ledger: PushLedger,
  pushes: Pick<PushQueue, "defer">,
  answered?: () => void,
): PushLedger {
  return {
    recordSending: (creating, updating) => ledger.recordSending(creating, updating),
    durable: () => ledger.durable(),
    replaceProblems: (subjects, problems) => ledger.replaceProblems(subjects, problems),
    resolveProblems: (codes, kind) => ledger.resolveProblems(codes, kind),
    recordWrites: (...args) => {
      answered?.();
      pushes.defer(() => ledger.recordWrites(...args));
    },
  };
}

/**
 * Sends `plan`, then records every outcome; throws (failing the cycle) when the store gives none for a code,
 * or after recording when a request failed (a code of it, or not sent after it, failed: left dirty).
 * @param refusals the open refusals ("store" problems) of the codes and products sent, which the batch left
 *   open (run_batch.ts): each is closed once its write is answered and not refused again
 */
export async function pushPlan(
  store: StoreWriter,
  ledger: PushLedger,
  plan: Plan,
  desired: { stockCode: string; productCode: string; key: NebimVariant["key"] }[],
  bindings: BindingIndex,
  report: PushTally,
  signal?: AbortSignal,
  refusals: readonly string[] = [],
): Promise<void> {
  // A stock code may get two outcomes (product/save then stockPrice): any non-ok one wins.
  const result = new Map<string, WriteOutcome>();
  const merge = (outcomes: readonly WriteOutcome[]) => {
    for (const w of outcomes) {
      const prev = result.get(w.stockCode);
      if (prev && prev.status !== "ok") continue;
      const productId = w.productId ?? prev?.productId;
      result.set(w.stockCode, productId === w.productId ? w : { ...w, productId });
    }
  };
  // forEach rather than for-of over the batch's codes: no iterator result per element while this function
  // still runs unoptimised (most of a full sync's batches).
  const byCode = new Map<string, (typeof desired)[number]>();
  desired.forEach((d) => byCode.set(d.stockCode, d));
  let sent: number | undefined; // the ledger's record of this push, until its answer is recorded
  // The save's outcome of an existing variant it re-barcodes, apart from the code's stockPrice outcome: the
  // store may take one and refuse the other (barcodeOutcome).
  const rebarcoded = new Set<string>();
  plan.products.forEach((p) => {
    p.variants.forEach((v) => {
      if (!plan.viaProductSave.has(v.stockCode)) rebarcoded.add(v.stockCode);
    });
  });
  const barcodes = new Map<string, WriteOutcome>();
  const mergeSave = (outcomes: readonly WriteOutcome[]) => {
    for (const w of outcomes) if (rebarcoded.has(w.stockCode)) barcodes.set(w.stockCode, w);
    merge(outcomes.filter((w) => !rebarcoded.has(w.stockCode)));
  };
  // A request that failed past its retries fails the push, but only once what the others wrote is recorded.
  let failure: PartialFailure<WriteOutcome> | undefined;
  // `requests`: the call's, in requests of `size` items; a failed call says how many it sent (chunks.ts).
  const send = async (call: Promise<WriteOutcome[]>, items: number, size: number, into = merge) => {
    try {
      into(await call);
      report.requests += Math.ceil(items / size);
    } catch (e) {
      if (!(e instanceof PartialFailure)) throw e;
      report.requests += e.requests ?? Math.ceil(items / size);
      into(e.results as WriteOutcome[]);
      failure = e;
    }
  };
  // Codes this push creates, and bound ones it updates: recorded first, so an answer lost after the store
  // applied it leaves the creates known and the updates in doubt (sent again in full: plan.ts). A code
  // created again (the store lost it: a full cycle's overlay left it unpushed) is both: the ledger still
  // holds its fields from before, which the lost create may have replaced in the store.
  const creating: [string, string][] = [];
  const updating: string[] = [];
  plan.viaProductSave.forEach((_, code) => {
    if (!bindings.get(code)?.pushed) creating.push([code, byCode.get(code)?.key.itemCode ?? ""]);
  });
  plan.after.forEach((_, code) => {
    if (bindings.get(code)) updating.push(code);
  });
  if (creating.length || updating.length) {
    sent = ledger.recordSending(creating, updating);
    // On disk before the store can act on it: a power loss then still finds the push announced.
    await ledger.durable();
  }
  if (plan.products.length) {
    await send(
      store.saveProducts(plan.products, signal),
      plan.products.length,
      store.requestSizes.saveProducts,
      mergeSave,
    );
  }
  if (plan.stockPrice.length && failure) {
    // Nothing more is sent once a request failed (as within one call): left dirty, to be sent again.
    const message = `not sent: ${failure.message}`;
    merge(plan.stockPrice.map(({ stockCode }) => ({ stockCode, status: "failed" as const, message })));
  } else if (plan.stockPrice.length) {
    await send(
      store.updateStockPrice(plan.stockPrice, signal),
      plan.stockPrice.length,
      store.requestSizes.updateStockPrice,
    );
  }
  const vanished = new Set(plan.vanished);
  const written: BindingWrite[] = [];
  const dirty: DirtyWrite[] = [];
  const rejects: WriteOutcome[] = [];
  const refused: string[] = []; // not recorded, but the retry an earlier failure of them left ends
  // Vanished codes zeroed: no batch reads them again to close an earlier refusal of theirs (run_batch.ts).
  const zeroed: string[] = [];
  // A product's outcome, looked up once for a run of its codes (they come together) rather than per code:
  // each lookup builds the product's key string.
  let lastProduct: string | undefined;
  let lastOutcome: WriteOutcome | undefined;
  const productOutcome = (productCode: string) => {
    if (productCode !== lastProduct) {
      lastProduct = productCode;
      lastOutcome = result.get(productOutcomeKey(productCode));
    }
    return lastOutcome;
  };
  // A bound code's product saved under another spelling of it: plan.ts records a VAT change on every code of
  // the store's product, those Nebim now groups elsewhere too. Not a create's (saved as it is spelled).
  let savedAs: Map<string, string> | undefined;
  const savedOutcome = (code: string, productCode: string) => {
    if (!plan.products.length || plan.viaProductSave.has(code)) return undefined;
    savedAs ??= new Map(plan.products.map((p) => [storeCodeKey(p.productCode), p.productCode]));
    const saved = savedAs.get(storeCodeKey(productCode));
    return saved === undefined ? undefined : productOutcome(saved);
  };
  // forEach rather than for-of: no [code, fields] pair per stock code.
  plan.after.forEach((planned, code) => {
    const d = byCode.get(code);
    const b = bindings.get(code);
    // The product the store keeps the variant in: the one a create put it in, else the bound one (a
    // stock or price update does not move a variant, though Nebim may now group it elsewhere).
    const productCode = plan.viaProductSave.get(code) ?? b?.productCode ?? d?.productCode ?? "";
    // A rename or VAT change goes out under Nebim's product code (plan.ts), which the store may spell otherwise.
    const ofProduct = productOutcome(productCode) ??
      (d && sameStoreCode(d.productCode, productCode) ? productOutcome(d.productCode) : undefined) ??
      savedOutcome(code, productCode);
    const { own, aside, kept } = barcodeOutcome(result.get(code), barcodes.get(code), b?.pushed);
    const out = own ?? ofProduct;
    // A refused rename or VAT change beside an accepted stock update: the store kept its name and rate.
    let after = own && ofProduct && ofProduct.status !== "ok" && b?.pushed
      ? { ...planned, name: b.pushed.name, vatRate: b.pushed.vatRate }
      : planned;
    if (kept) after = { ...after, ...kept };
    const itemCode = d?.key.itemCode ?? b?.itemCode ?? "";
    if (aside?.status === "failed") {
      report.failed++;
      dirty.push(dirtyWrite(code, itemCode, aside.message ?? "write failed", d?.key));
    } else if (aside) {
      report.rejected++;
      if (aside.missing) report.missing++;
      rejects.push(aside);
    }
    if (!out) {
      throw new IntegrationError("fatal", `The store gave no result for stock code "${code}"`, {
        system: "qukasoft",
        subject: code,
      });
    }
    if (out.status === "failed") {
      report.failed++;
      dirty.push(dirtyWrite(code, itemCode, out.message ?? "write failed", d?.key));
      return;
    }
    // A rename or VAT change refused beside a stock or price update the store took: the item did not all go
    // through (an open `store` problem, as when the refusal comes alone). A barcode refused in that save is
    // counted already (`aside`).
    if (own && own.status !== "rejected" && !aside && ofProduct?.status === "rejected") report.rejected++;
    // In doubt, the store may hold the failed or unanswered write of a part it refused now (the whole code, its
    // stock or its barcode, its product's name or rate), not the ledger's copy kept for it: a full cycle reads.
    if (b?.dirty && b.pushed && [out, aside, ofProduct].some((o) => o?.status === "rejected")) {
      report.unsure++;
    }
    const key = d?.key ??
      { itemTypeCode: 1, itemCode, colorCode: "", itemDim1Code: "", itemDim2Code: "", itemDim3Code: "" };
    if (out.status === "rejected") {
      report.rejected++;
      if (out.missing) report.missing++;
      if (out === own) rejects.push(out);
      // Recorded as the store still has it (a full cycle's read of it, else the ledger's), which ends a retry
      // an earlier failure left: a refusal is reported, not sent again each cycle (DESIGN §4.6). Only a code
      // read now: a vanished one's key is not known here, and a create has nothing in the store to record;
      // their retry ends all the same (ledger.recordWrites).
      if (b?.pushed && d) {
        written.push({
          stockCode: code,
          productCode,
          itemCode,
          variantKey: key,
          pushed: b.pushed,
          vanished: b.vanished,
        });
        if (b.dirty) bindings.set(code, { ...b, dirty: false });
      } else refused.push(code);
      return;
    }
    if (plan.viaProductSave.has(code)) report.created++;
    else if (vanished.has(code)) {
      report.zeroed++;
      zeroed.push(code);
    } else report.updated++;
    const w: BindingWrite = {
      stockCode: code,
      productCode,
      itemCode,
      variantKey: key,
      pushed: after,
      vanished: vanished.has(code),
    };
    if (out.productId !== undefined) w.productId = out.productId;
    written.push(w);
    bindings.set(code, {
      stockCode: code,
      productCode: w.productCode,
      itemCode,
      pushed: after,
      vanished: w.vanished,
    });
  });
  // A create the store refused leaves no record: the send's row goes with this commit. One whose outcome is
  // not known (no result for it, a status the contract does not name) may have been applied: the row stays,
  // for the next full cycle to settle, as after a lost answer.
  let settled = true;
  if (creating.length) {
    plan.viaProductSave.forEach((_, code) => {
      if (result.get(code)?.unclear) settled = false;
    });
  }
  ledger.recordWrites(
    written,
    dirty,
    sent === undefined ? undefined : { id: sent, createsSettled: settled },
    refused,
  );
  if (zeroed.length) ledger.resolveProblems(zeroed, "store");
  // As the ledger now has them: a failed write's fields are in doubt (plan.ts sends them all again).
  dirty.forEach(({ stockCode, itemCode }) => {
    const b = bindings.get(stockCode);
    if (b && (!b.dirty || b.itemCode !== itemCode)) bindings.set(stockCode, { ...b, itemCode, dirty: true });
  });
  reportRefusals(ledger, plan, result, { rejects, dirty, refusals, failure });
  if (failure) throw failure;
}

/** A failed write, under the variant that holds the code now when it was read: the retry reads its item. */
function dirtyWrite(stockCode: string, itemCode: string, reason: string, key?: DirtyWrite["variantKey"]) {
  const w: DirtyWrite = { stockCode, itemCode, reason };
  if (key) w.variantKey = key;
  return w;
}
