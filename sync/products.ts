/**
 * One product sync cycle, Nebim → Qukasoft (DESIGN §4): signpost, changed items since the bookmark (or
 * all of them), read, map, diff against the bindings, push in batches, record, and only then move the
 * bookmark. Plain async function: the productSync actor decides when to call it.
 * @module
 */

import type { BindingIndex } from "./binding_index.ts";
import { loadBindings } from "./load_bindings.ts";
import { noVanishing, zeroVanished } from "./zero_vanished.ts";
import { type CycleReport, emptyReport } from "./cycle_report.ts";
import { runBatch } from "./run_batch.ts";
import { type BatchContext, SHARED } from "./batch_context.ts";
import { sharedBarcodeKeys } from "./shared_barcode.ts";
import { PushQueue } from "./push_queue.ts";
import { sendsInDoubt } from "./sends_in_doubt.ts";
import { READ_AHEAD, readAhead } from "./read_ahead.ts";
import { duplicateHolders, recordedItems, withTemplateDuplicates } from "./duplicate_holders.ts";
import { KnownProblems } from "./known_problems.ts";
import { StaleProblems, WRITE_KINDS } from "./stale_problems.ts";
import { ItemProblems } from "./item_problems.ts";
import type { StoreVariantState } from "./ports.ts";
import { clockSetBack, cycleMode, itemBatches, itemsRead, WINDOW_UNKNOWN } from "./item_batches.ts";
import { errorMessage, maybeRestored } from "../errors.ts";
import { afterFailure } from "./after_failure.ts";
import { madeAnew } from "./restore_watch.ts";
import { FULL_OWED } from "../ledger/settings.ts";
import { fullOwed, STORE_OWED, storeOwed, storeOwedReason } from "./full_owed.ts";
import type { SyncDeps, SyncOptions } from "./sync_options.ts";

export const BOOKMARK = "products";
/** A running cycle records its counts so far at most this often (a commit each: not per batch). */
export const PROGRESS_EVERY_MS = 5_000;
/** A run's error when the agent's stop (Ctrl+C, the service's stop) aborted its cycle (docs/OPERATIONS.md). */
export const STOPPED =
  "the agent was stopped during this cycle; the next cycle redoes what it had not recorded";

export async function syncProducts(
  deps: SyncDeps,
  o: SyncOptions,
  signal?: AbortSignal,
): Promise<CycleReport> {
  const { catalog, ledger } = deps;
  const dryRun = o.dryRun ?? false;
  const previous = ledger.getBookmark(BOOKMARK);
  const owed = o.owed ?? fullOwed(ledger);
  const owedByStore = storeOwed(ledger);
  // Nebim's database being restored (its first sign is mostly this first query's login failing): the rows it
  // brings back keep their old stamps, before any window after it, so the bookmark owes a full cycle until one
  // ends well (WINDOW_UNKNOWN). Not before anything was synced: no bookmark then, and the first cycle is full.
  const oweFullIfRestored = (e: unknown) => {
    if (!dryRun && previous !== undefined && maybeRestored(e)) {
      afterFailure("owe a full cycle", e, () => ledger.setBookmark(BOOKMARK, WINDOW_UNKNOWN));
    }
  };
  const [signpost, created] = await Promise.all([
    catalog.serverTime(signal),
    dryRun ? undefined : catalog.databaseCreated?.(signal),
  ]).catch((e) => {
    oweFullIfRestored(e);
    throw e;
  });
  // A restore no cycle saw failing (sync/restore_watch.ts): this cycle is full, and so is the next should it fail.
  const restored = !dryRun &&
    madeAnew(ledger, created, () => {
      if (previous !== undefined) ledger.setBookmark(BOOKMARK, WINDOW_UNKNOWN);
    });
  const owesFull = (owed || owedByStore) && (o.owedMakesFull ?? true);
  const mode = cycleMode(owesFull ? "full" : o.mode, restored ? WINDOW_UNKNOWN : previous, signpost);
  o.onMode?.(mode);
  const report = emptyReport(mode, dryRun, previous);
  // SQL Server's clock set back: until a full cycle ends well no window is known, so should this one fail (or
  // be stopped), the next is full too, whatever the clock says by then. Moved ahead of the work, unlike the
  // rule of ledger/bookmarks.ts: it stands for no work done, and only makes the cycles after it read more.
  if (!dryRun && previous !== undefined && clockSetBack(previous, signpost)) {
    ledger.setBookmark(BOOKMARK, WINDOW_UNKNOWN);
  }

  // Started with every count at 0: /health shows the same keys before the first progress as after it.
  const runId = dryRun ? 0 : ledger.startRun(`products-${mode}`, counts(report));
  // The store lost codes this incremental cycle pushed to: the full cycle it owes is recorded as soon as it is
  // known (each push's answer, before its record: BatchContext.onAnswered), ahead of the bookmark, so that a
  // process that dies or ends first (a one-shot) does not lose it.
  let owedText = owedByStore;
  const oweStoreFull = () => {
    const why = mode === "incremental" && !dryRun ? storeOwedReason(report) : "";
    if (why && why !== owedText) ledger.setBookmark(STORE_OWED, owedText = why);
  };
  try {
    // Updates a stopped or crashed cycle sent and never recorded: in doubt, sent again in full (plan.ts). A
    // dry run writes nothing, so it plans them as dirty in memory (and reads their items) to say the same.
    const doubts = dryRun ? 0 : ledger.doubtUnanswered();
    const doubted = dryRun ? ledger.unansweredUpdates() : undefined;
    if (doubted?.size) report.unanswered = doubted.size; // a running agent's in flight, maybe (cli/sync_once.ts)
    const cache = dryRun ? undefined : deps.cache;
    // A full cycle's store variants the ledger does not know, to adopt when Nebim has their code.
    const unbound = new Map<string, StoreVariantState>();
    // A full cycle's bound codes whose store state differs from the ledger's (recorded: sync/adopt.ts).
    const drifted = new Set<string>();
    // Creates sent before, whose answer was lost: read before this cycle sends anything of its own.
    const sends = mode === "full" ? ledger.unrecordedSends() : undefined;
    // The codes and product keys of the store's products the agent cannot read (BatchContext.unreadable).
    const unreadable = new Set<string>();
    const keepProblems = o.keepProblems ?? 1000;
    // Loaded once, on first need (a full cycle starts it at once, beside its first reads).
    // Bindings kept from the last cycle do not know the codes just marked in doubt: read from the ledger then.
    let loading: Promise<BindingIndex> | undefined = mode === "incremental" && cache?.bindings && !doubts
      ? Promise.resolve(cache.bindings)
      : undefined;
    if (cache) cache.bindings = undefined; // until this cycle ends well, the ledger is the truth
    const bindingsNow = (): Promise<BindingIndex> =>
      loading ??= loadBindings(ledger, {
        doubted,
        store: mode === "full" ? deps.store : undefined,
        read: { unbound, drifted, unreadable },
        report,
        keepProblems,
        dryRun,
        signal,
      });
    // Stock code → the item code of the variant that took it this cycle (only an item code: a string the
    // bindings hold anyway, where the variant's key text cost 7 MB at 100,000 variants), or SHARED.
    const seenCodes = new Map<string, string>();
    // A barcode on two variants in different item batches (or, in an incremental cycle, on a variant of an
    // item not read now) would slip past the per-batch check: ask Nebim. A full cycle asks at once, beside
    // its first reads; an incremental one when it has something to read. Awaited before planning. Under a
    // template stock code such a barcode is only kept out of the store's barcode field (shared_barcode.ts).
    const byBarcode = o.mapping.stockCode.from === "barcode";
    let shared = mode === "full" ? catalog.sharedBarcodes(signal) : undefined;
    shared?.catch(() => {});
    // Under a template, the codes two items make, which two batches would each take: asked as `shared` is.
    const setting = o.mapping.stockCode;
    const askTwice = () =>
      setting.from === "template" ? catalog.templateCodeVariants(setting.template, signal) : undefined;
    let twice = mode === "full" ? askTwice() : undefined;
    twice?.catch(() => {});
    let sharedBarcodes: Set<string> | undefined;
    if (mode === "full") bindingsNow().catch(() => {});
    // The holders of open duplicates, read again (sync/duplicate_holders.ts): under barcode stock codes for
    // their code, under a template for their barcode field, and with the other items making their code.
    // Under a template every cycle's batches read those other items with each holder (knownDuplicates).
    const dupes = mode === "incremental" || !byBarcode ? ledger.openProblems({ kind: "duplicate" }) : [];
    const holders = mode === "incremental" && dupes.length
      ? duplicateHolders(dupes, await bindingsNow(), !byBarcode)
      : [];
    let knownDuplicates = byBarcode ? undefined : recordedItems(dupes);
    const dirtyItems = doubted?.size || holders.length
      ? { dirtyItemCodes: () => [...ledger.dirtyItemCodes(), ...doubted?.values() ?? [], ...holders] }
      : ledger;
    const batches = itemBatches(deps.catalog, dirtyItems, mode, previous, signpost, signal, o.itemBatch);
    const progressEvery = o.progressEveryMs ?? PROGRESS_EVERY_MS;
    let progressAt = performance.now();
    // Between two batches' writes (runBatch), so the counts cover every batch pushed so far. Not
    // best-effort: a ledger that cannot take this commit cannot take the next batch's bindings either, and
    // writing to the store without recording it is worse than stopping.
    const progress = () => {
      if (dryRun || performance.now() - progressAt < progressEvery) return;
      ledger.progressRun(runId, counts(report));
      progressAt = performance.now();
    };
    const pushes = new PushQueue(); // earlier batches' writes, still going while this batch is planned
    // A full cycle reads every item: a problem open at its start that none of its batches read names a
    // record Nebim no longer has (a corrected stock code, a deleted item), closed at its end.
    const stale = mode === "full" && !dryRun ? new StaleProblems(ledger, WRITE_KINDS) : undefined;
    // An incremental one reads some items: their problems no variant reports again are closed at its end.
    const itemProblems = mode === "incremental" && !dryRun ? new ItemProblems() : undefined;
    let ctx: BatchContext | undefined; // what every batch shares, once the bindings are loaded
    const context = (bindings: BindingIndex): BatchContext =>
      ctx ??= {
        deps,
        o,
        asOf: signpost,
        bindings,
        seenCodes,
        sharedBarcodes,
        knownDuplicates,
        productClaims: new Map(),
        report,
        known: mode === "incremental" ? new KnownProblems(ledger) : undefined,
        unbound,
        vanishing: noVanishing(),
        drifted,
        unreadable,
        pushes,
        stale,
        itemProblems,
        onPushed: progress,
        onAnswered: oweStoreFull,
        signal,
      };
    // A full cycle's batches are runs of the item-code pages: read by key range, not a list of codes.
    const read = mode === "full"
      ? (b: string[]) => catalog.readItemRun(b, signpost, signal)
      : (b: string[]) => catalog.readItems(b, signpost, signal);
    try {
      // While a read is not in yet, the answered pushes' ledger writes run (sync/push_queue.ts defer).
      const waiting = () => pushes.flush();
      for await (const { batch, rows: variants } of readAhead(batches, read, READ_AHEAD, waiting)) {
        const inBatch = itemsRead(batch, variants);
        report.itemsRead += batch.length;
        report.variantsRead += variants.length;
        const bindings = await bindingsNow();
        // `ctx` is still unset before the first batch is planned.
        if (mode === "incremental" && ctx === undefined) {
          shared = catalog.sharedBarcodes(signal);
          twice = askTwice();
        }
        if (shared) {
          const barcodes = await shared;
          if (byBarcode) { for (const code of barcodes) seenCodes.set(code, SHARED); }
          else sharedBarcodes = sharedBarcodeKeys(barcodes);
          shared = undefined;
        }
        if (twice) {
          knownDuplicates = withTemplateDuplicates(knownDuplicates, await twice, setting);
          twice = undefined;
        }
        await runBatch(context(bindings), inBatch, variants);
      }
      await pushes.drain();
      // Every code leaving the store's sale, zeroed at once (or held) now that every batch was read. An
      // incremental cycle that read nothing has none, and leaves the bindings unloaded.
      const v = ctx?.vanishing;
      if (mode === "full" || v?.gone.size || v?.unsellable.size) {
        await zeroVanished(context(await bindingsNow()), sends);
      }
      if (!dryRun) ctx?.duplicatesTaken?.close(ledger);
      stale?.close(ledger);
      itemProblems?.close(ledger);
    } catch (e) {
      // Whatever the store already took is recorded before the cycle reports its failure.
      await pushes.settle();
      throw e;
    }
    if (!dryRun) {
      // Each code those sends left is now bound, adopted, zeroed or not in the store: each row goes unless a
      // code of its own is still in doubt (a zero the store refused is tried again by the next full cycle).
      if (sends?.ids.length) {
        ledger.clearSends(sends.ids, sendsInDoubt(sends.codes.keys(), ledger, { unbound, unreadable }));
      }
      // After the sends are settled: a failed create's binding goes once no send row names its code.
      const unsent = ctx?.vanishing.unsent;
      if (unsent?.size) { for (const code of ledger.dropUnsent([...unsent])) ctx!.bindings.delete(code); }
      oweStoreFull();
      const mark = signpost.toISOString();
      ledger.setBookmark(BOOKMARK, mark);
      // Paid, unless a change stored during this cycle owed another (a later version).
      if (owed && mode === "full" && fullOwed(ledger) === owed) ledger.setBookmark(FULL_OWED, "");
      if (owedByStore && mode === "full") ledger.setBookmark(STORE_OWED, "");
      if (cache && loading) cache.bindings = await loading;
      report.bookmark = mark;
      // Refused items too: the store did not take the whole cycle (listed as `store` problems).
      ledger.finishRun(runId, report.failed || report.rejected ? "partial" : "ok", counts(report));
    }
    return report;
  } catch (e) {
    if (!dryRun) {
      // A stop (Ctrl+C, the service's stop) aborts whatever call was under way: not that system's failure.
      const why = signal?.aborted ? STOPPED : errorMessage(e);
      afterFailure("record the failed run", e, () => ledger.finishRun(runId, "failed", counts(report), why));
      // Codes recorded that the ledger may have wrong (missing, unsure) owe the actor's full cycle: its retry
      // of an incremental cycle is incremental, so the bookmark owes it (WINDOW_UNKNOWN) until a full one ends.
      if (mode === "incremental" && report.missing + report.unsure) {
        afterFailure("owe a full cycle", e, () => {
          oweStoreFull();
          ledger.setBookmark(BOOKMARK, WINDOW_UNKNOWN);
        });
      }
      oweFullIfRestored(e);
    }
    throw e;
  }
}

function counts(r: CycleReport): Record<string, number> {
  return {
    itemsRead: r.itemsRead,
    variantsRead: r.variantsRead,
    created: r.created,
    updated: r.updated,
    zeroed: r.zeroed,
    failed: r.failed,
    rejected: r.rejected,
    held: r.held,
    adopted: r.actions.adopt,
    problems: r.problems,
    requests: r.requests,
  };
}
