/**
 * The product cycle as the productSync actor invokes it: today's settings and rules, the current
 * connections, the ledger → `syncProducts`, and a log line of what happened.
 * @module
 */

import type { CycleInput, CycleSummary } from "../actors/product_sync.ts";
import { errorKind, errorMessage, superseded } from "../errors.ts";
import type { Ledger } from "../ledger/ledger.ts";
import { getLogger } from "../log.ts";
import { fullOwed } from "../sync/full_owed.ts";
import { STOPPED, syncProducts } from "../sync/products.ts";
import { type SyncDeps } from "../sync/sync_options.ts";
import type { CycleReport } from "../sync/cycle_report.ts";
import type { Connections } from "./connections.ts";
import { mappingOptions, planOptions } from "./options.ts";
import type { SettingsStore } from "./settings_store.ts";
import { storeWriter } from "./store_writer.ts";
import { type FeedWatch, watchForFeed } from "../sync/feed_watch.ts";
import type { QuietCycles } from "./quiet_cycles.ts";
import { withReader } from "./with_reader.ts";
import { afterFailure } from "../sync/after_failure.ts";

export interface CycleDeps {
  connections: Connections;
  ledger: Ledger;
  settings: SettingsStore;
  now?: () => Date;
  /** Bindings kept between cycles (see SyncDeps.cache). */
  cache?: SyncDeps["cache"];
  /** Told after every finished cycle (e.g. to refresh the XML feed). */
  onCycle?: (report: CycleReport) => void;
  /** Told when a feed-only cycle (`feed.insteadOfApi`) finds that the catalogue changed. */
  onFeedChange?: () => void;
  /** Quiet incremental cycles go to debug and an hourly summary (quiet_cycles.ts); none: each at info. */
  quiet?: QuietCycles;
}

/** A finished cycle's counts as a log message template; its properties are `cycleCounts(report)`. */
export const CYCLE_COUNTS =
  "{itemsRead} items read, {created} created, {adopted} adopted, {updated} updated, " +
  "{zeroed} zeroed, {held} held, {failed} failed, {problems} problems, {requests} requests";

export function cycleCounts(r: CycleReport) {
  const { itemsRead, created, updated, zeroed, held, failed, problems, requests } = r;
  return { itemsRead, created, adopted: r.actions.adopt, updated, zeroed, held, failed, problems, requests };
}

export async function runProductCycle(
  deps: CycleDeps,
  input: CycleInput,
  signal?: AbortSignal,
): Promise<CycleSummary> {
  const s = deps.settings.current();
  const log = getLogger(["e-ticaret", "products"]);
  if (s.feed.insteadOfApi) return await feedOnlyCycle(deps, input, signal);
  let report: CycleReport;
  let mode = input.mode; // the mode run: full though incremental was asked, when no window is known
  try {
    // With the settings and rules (the actor's, fixed as it started this): a change stored during the SQL
    // login below owes a full cycle this one must not pay with the settings from before it. In the try: a
    // ledger that cannot be read fails the cycle as any other failure does, logged and counted.
    const owed = fullOwed(deps.ledger);
    report = await withReader(deps.connections, signal, (catalog) =>
      syncProducts(
        {
          catalog,
          store: storeWriter(deps.connections.store()),
          ledger: deps.ledger,
          cache: deps.cache,
        },
        {
          mode: input.mode,
          mapping: mappingOptions(s, input.rules),
          plan: planOptions(s),
          keepRows: 0,
          onMode: (m) => {
            mode = m;
            input.onMode?.(m);
          },
          owed,
          // The actor owes that full cycle in memory too (every start's first cycle is full), and runs incremental
          // ones between the retries of a full one that keeps failing: the mark must not make those full as well.
          owedMakesFull: false,
        },
        signal,
      ));
  } catch (e) {
    // The actor retries or restarts; the log keeps why, for whoever reads it afterwards (/health shows
    // only the last error). A stop's abort is not a failure, nor a cycle given up for changed settings.
    // Adapter messages carry no secrets.
    if (superseded(e)) log.info("{mode} cycle: {error}", { mode, error: errorMessage(e) });
    else if (!signal?.aborted) log.warn("{mode} cycle failed ({kind}): {error}", failure(deps, mode, e));
    throw e;
  }
  const finishedAt = deps.now?.() ?? new Date();
  logCycle(
    deps,
    quietCycle(report),
    finishedAt,
    `{mode} cycle: ${CYCLE_COUNTS}`,
    { ...cycleCounts(report), mode: report.mode },
  );
  deps.onCycle?.(report);
  return cycleSummary(report, finishedAt);
}

/** What the actor keeps of a cycle that ended well: `missing` and `unsure` make it ask for a full one. */
export function cycleSummary(report: CycleReport, finishedAt: Date): CycleSummary {
  return {
    mode: report.mode,
    finishedAt: finishedAt.toISOString(),
    created: report.created,
    updated: report.updated,
    failed: report.failed,
    problems: report.problems,
    missing: report.missing,
    unsure: report.unsure,
  };
}

/**
 * Quiet: nothing sent, nothing newly wrong (an item re-read in the overlap after its change is quiet too, and
 * so is one re-read each cycle that finds its open problem again).
 */
export function quietCycle(report: CycleReport): boolean {
  return report.mode === "incremental" && report.requests === 0 && report.failed === 0 &&
    report.problems === (report.knownProblems ?? 0);
}

/** `feed.insteadOfApi`: nothing goes to the store's API; a change only tells the feed to build again. */
async function feedOnlyCycle(
  deps: CycleDeps,
  input: CycleInput,
  signal?: AbortSignal,
): Promise<CycleSummary> {
  const log = getLogger(["e-ticaret", "products"]);
  // A run of its own kind: /health lists it, and a finished one clears an earlier run's `interrupted`.
  const runId = deps.ledger.startRun("products-feed");
  let watch: FeedWatch;
  let mode = input.mode;
  try {
    watch = await withReader(
      deps.connections,
      signal,
      (reader) =>
        watchForFeed(reader, deps.ledger, input.mode, signal, (m) => {
          mode = m;
          input.onMode?.(m);
        }),
    );
  } catch (e) {
    // A stop's abort is the stop's to name, as for an API cycle: not the aborted query's own text.
    const why = signal?.aborted ? STOPPED : errorMessage(e);
    afterFailure("record the failed run", e, () => deps.ledger.finishRun(runId, "failed", {}, why));
    if (superseded(e)) log.info("feed-only {mode} cycle: {error}", { mode, error: errorMessage(e) });
    else if (!signal?.aborted) {
      log.warn("feed-only {mode} cycle failed ({kind}): {error}", failure(deps, mode, e));
    }
    throw e;
  }
  const changed = watch.changedItems;
  // The same key in every run (monitoring reads it): a full cycle counts every item as changed, as -1.
  deps.ledger.finishRun(runId, "ok", { changedItems: changed === "all" ? -1 : changed });
  if (changed === "all" || changed > 0) deps.onFeedChange?.();
  const finishedAt = deps.now?.() ?? new Date();
  logCycle(
    deps,
    watch.mode === "incremental" && changed === 0,
    finishedAt,
    changed === "all"
      ? "feed-only {mode} cycle: the feed is built again on its next request; nothing sent to the store's API"
      : "feed-only {mode} cycle: {changed} items changed; nothing sent to the store's API",
    { mode: watch.mode, changed },
  );
  return {
    mode: watch.mode,
    finishedAt: finishedAt.toISOString(),
    created: 0,
    updated: 0,
    failed: 0,
    problems: 0,
  };
}

/** A cycle's line: at info, or for a quiet one at debug plus the hourly summary when it is due. */
function logCycle(
  deps: CycleDeps,
  quiet: boolean,
  now: Date,
  message: string,
  properties: Record<string, unknown>,
): void {
  const log = getLogger(["e-ticaret", "products"]);
  const spell = deps.quiet?.recovered();
  if (spell) {
    quiet = false;
    message += `; recovered after {failedCycles} failed cycle${
      spell.cycles === 1 ? "" : "s"
    } since {failedSince}`;
    properties = { ...properties, failedCycles: spell.cycles, failedSince: spell.since.toISOString() };
  }
  if (!quiet || !deps.quiet) {
    deps.quiet?.busy();
    log.info(message, properties);
    return;
  }
  log.debug(message, properties);
  const summary = deps.quiet.quiet(now);
  if (summary) {
    log.info("idle: {cycles} incremental cycles since {since} sent nothing and found nothing wrong", {
      cycles: summary.cycles,
      since: summary.since.toISOString(),
    });
  }
}

/** A failed cycle's log properties; it is counted for the line of the first cycle that succeeds again. */
function failure(deps: CycleDeps, mode: CycleInput["mode"], e: unknown) {
  deps.quiet?.failed(deps.now?.() ?? new Date());
  return { mode, kind: errorKind(e), error: errorMessage(e) };
}
