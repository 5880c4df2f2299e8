/**
 * The agent's own durable state in one SQLite file (node:sqlite; WAL, synchronous=FULL but for the product
 * sync's per-push records, flushed off the main thread before what they announce: ledger/durability.ts):
 * settings, bindings, bookmarks, run history and problems. No SQL of the agent's state lives outside ledger/.
 * Every failure leaves as an IntegrationError (system "ledger"): busy → retriable, else fatal.
 *
 * @example
 * ```ts
 * const ledger = openLedger(`${dataDir}/ledger.sqlite`);
 * // The bookmark moves in the same transaction as the writes it covers (DESIGN §4.7).
 * ledger.transaction(() => {
 *   ledger.recordWrites(written, failed);
 *   ledger.setBookmark("products", signpost.toISOString());
 * });
 * ledger.close();
 * ```
 * @module
 */

import type { DatabaseSync } from "node:sqlite";
import type { VariantKey } from "../nebim/types.ts";
import { bindingQueries } from "./bindings.ts";
import { bookmarkQueries } from "./bookmarks.ts";
import { feedListedQueries } from "./feed_listed.ts";
import { sendingQueries, UNANSWERED, type UnrecordedSends } from "./sending.ts";
import { type Context, createTransaction, openDatabase } from "./connection.ts";
import { createDurability, type FileFlush } from "./durability.ts";
import { migrate } from "./migrations.ts";
import { problemQueries } from "./problems.ts";
import { runQueries } from "./runs.ts";
import { settingsQueries } from "./settings.ts";
import { flushError, toLedgerError } from "./sqlite_error.ts";
import { guarded } from "./guarded.ts";
import type {
  Binding,
  BindingCounts,
  BindingState,
  BindingSummary,
  BindingUpsert,
  Bookmark,
  DirtyRecord,
  LedgerInfo,
  Problem,
  ProblemKey,
  ProblemReport,
  PushRecord,
  Run,
  RunOutcome,
  SentAnswer,
  StoredSettings,
} from "./types.ts";

export type * from "./types.ts";
export type { UnrecordedSends } from "./sending.ts";

export interface LedgerOptions {
  /** The clock for every timestamp the ledger writes (tests inject a fixed one). */
  now?: () => Date;
  /** How long to wait for another process's write lock before failing as retriable; default 5000. */
  busyTimeoutMs?: number;
  /** Apply pending migrations (default); false: a file that needs them is refused (readers beside a writer). */
  upgrade?: boolean;
  /** How a lazy commit's file is flushed (ledger/durability.ts); tests count or fail the flushes. */
  files?: FileFlush;
  /** How many runs the history keeps, newest first (startRun drops older ones); default KEEP_RUNS. */
  keepRuns?: number;
}

export interface Ledger {
  readonly path: string;

  /**
   * Runs `fn` in one transaction (BEGIN IMMEDIATE … COMMIT; ROLLBACK when it throws, and the error goes
   * on unchanged). Nested calls are savepoints. `fn` must be synchronous.
   */
  transaction<T>(fn: () => T): T;
  /** Journal mode, synchronous level, foreign keys, busy timeout and schema version, read back. */
  info(): LedgerInfo;
  /** SQLite's `PRAGMA integrity_check`: `["ok"]` when the file is sound. */
  integrityCheck(): string[];

  // --- settings ---
  getSettings(): StoredSettings | undefined;
  /**
   * Stores the whole document, and with `file` the --config file's document as applied (without, the one
   * recorded stays); returns its new version (1 for the first). `oweFull`: the change owes a full product
   * cycle, recorded in the same commit (ledger/settings.ts FULL_OWED).
   */
  putSettings(doc: unknown, file?: unknown, oweFull?: boolean): number;

  // --- bindings ---
  getBinding(stockCode: string): Binding | undefined;
  /** Every binding by stock code, streamed from SQLite (not loaded at once). */
  allBindings(): Iterable<Binding>;
  bindingsByProduct(productCode: string): Binding[];
  /** Stock codes bound to one Nebim variant (normally 0 or 1). */
  bindingsByVariant(key: VariantKey): Binding[];
  /** What the product sync's plan needs of every binding, by stock code. */
  bindings(): Map<string, BindingSummary>;
  /** Each binding's summary handed to `f` as read, none kept: a large ledger is not copied whole first. */
  eachBinding(f: (b: BindingSummary) => void): void;
  bindingCounts(): BindingCounts;
  /**
   * Inserts or updates many bindings in one transaction with one prepared statement. The whole batch
   * is checked first: a bad record throws a skippable IntegrationError naming it and nothing is written.
   */
  upsertBindings(bs: readonly BindingUpsert[]): void;
  /**
   * The product sync's result, in one transaction: successful writes store what was pushed and clear
   * `dirty` (a vanished one keeps its stored variant key); failed ones become dirty with the reason; a
   * `refused` code's retry ends (no retry of a refusal): the row a failed create left (no pushed fields) is
   * deleted, a pushed one kept as it was. A failed record that cannot be marked (no stock code) is a
   * `stockCode` problem naming it; the rest are recorded all the same.
   */
  recordWrites(
    written: readonly PushRecord[],
    failed: readonly DirtyRecord[],
    sent?: SentAnswer,
    refused?: readonly string[],
  ): void;
  /**
   * Stock codes a push is about to create (as [stock code, item code]) and bound codes it is about to update,
   * before its requests: kept (one row per push) until the `recordWrites` of its answer settles them, so an
   * answer lost after the store applied the write still leaves the creates known as the agent's and the
   * updates in doubt. Returns the row's id, for that `recordWrites`.
   */
  recordSending(
    creating: readonly (readonly [stockCode: string, itemCode: string])[],
    updating?: readonly string[],
  ): number;
  /**
   * Resolves once every commit so far is on disk. `recordSending` and `recordWrites` commit without waiting
   * for the disk (ledger/durability.ts): a push's send row is on disk once this resolves, which the push awaits
   * before its requests. Every other write returns on disk.
   */
  durable(): Promise<void>;
  /** The creates of every send whose answer was never recorded. */
  unrecordedSends(): UnrecordedSends;
  /**
   * The bound codes of every send whose answer was never recorded become dirty (their fields are sent again);
   * returns how many. The product sync calls it as a cycle starts.
   */
  doubtUnanswered(): number;
  /** The codes `doubtUnanswered` would mark (stock code → item code), without marking them: for a dry run. */
  unansweredUpdates(): Map<string, string>;
  /**
   * Deletes these send rows (a full cycle has dealt with their codes), but each one holding a code of
   * `inDoubt` (still in doubt: sync/sends_in_doubt.ts), which stays for the next full cycle.
   */
  clearSends(ids: readonly number[], inDoubt?: ReadonlySet<string>): void;
  /**
   * A full cycle found these codes gone from the store: their pushed fields go (the cycle that can creates them
   * again), and each is summarised as `lost` until made again.
   */
  forgetPushed(stockCodes: readonly string[]): void;
  /**
   * Deletes the provisional bindings (no pushed fields: a failed create's) of these codes Nebim no longer
   * sells, but any a send row names (it may be in the store); returns the codes deleted.
   */
  dropUnsent(stockCodes: readonly string[]): string[];
  /** Flags bindings as needing a push; returns how many exist. `reason` (if given) replaces the old one. */
  markDirty(stockCodes: readonly string[], reason?: string): number;
  /** Sets state and reason (null clears it); returns how many exist. */
  setBindingState(stockCodes: readonly string[], state: BindingState, reason?: string | null): number;
  dirtyStockCodes(): string[];
  /** Item codes of dirty bindings: the product sync reads these items again. */
  dirtyItemCodes(): string[];

  // --- bookmarks ---
  getBookmark(name: string): string | undefined;
  setBookmark(name: string, value: string): void;
  allBookmarks(): Bookmark[];

  // --- the XML feed ---
  /** Stock code → product code, for what the feed has listed as sellable (kept in it later, at stock 0). */
  feedListed(): Map<string, string>;
  addFeedListed(listed: readonly (readonly [stockCode: string, productCode: string])[]): void;

  // --- runs ---
  /**
   * Records the start of a run (e.g. "products-incremental") with its counts at zero, so a running run
   * shows the same keys before its first progress as after; returns its id. Runs beyond the newest
   * `keepRuns` are dropped.
   */
  startRun(kind: string, counts?: Record<string, number>): number;
  /**
   * Records a running run's counts so far (and the time: its last sign of life, should it die). A
   * finished run is left as it is; an unknown id is fatal.
   */
  progressRun(id: number, counts: Record<string, number>): void;
  /** Records how a run ended. A run already finished keeps its first outcome; an unknown id is fatal. */
  finishRun(id: number, outcome: RunOutcome, counts: Record<string, number>, error?: string): void;
  /**
   * Finishes every unfinished run as "interrupted": only the writer (it holds the writer lock, so no other
   * process is in a run) may call this, once at its start. Returns how many there were.
   */
  closeInterruptedRuns(): number;
  /** The newest `n` runs (of `kind`, if given), newest first. */
  lastRuns(n: number, kind?: string): Run[];
  /** Keeps the newest `keep` runs; returns how many were deleted. */
  pruneRuns(keep: number): number;

  // --- problems ---
  /** Opens or refreshes problems (same subject and kind = same problem, first sighting kept). */
  reportProblems(ps: readonly ProblemReport[]): void;
  /** Resolves the open problems of `subjects` (only of `kind`, if given). */
  resolveProblems(subjects: readonly string[], kind?: string): void;
  /** Sets the items an open problem is about (ProblemReport.items): those still reporting it. */
  setProblemItems(subject: string, kind: string, items: readonly string[]): void;
  /**
   * `subjects` were examined again and `problems` is what is wrong now: their open problems not in
   * `problems` are resolved, and `problems` are reported (their subjects need not be in `subjects`). Those
   * `undecided` names are left open for the caller to close or keep later, and returned.
   */
  replaceProblems(
    subjects: readonly string[],
    problems: readonly ProblemReport[],
    undecided?: (subject: string, kind: string) => boolean,
  ): ProblemKey[];
  /** Open problems, most recently seen first. */
  openProblems(options?: { kind?: string; limit?: number }): Problem[];
  /** Number of open problems per kind. */
  openProblemCounts(): Record<string, number>;
  /** Deletes problems resolved before `resolvedBefore`; returns how many. */
  pruneProblems(resolvedBefore: Date): number;
  /** Deletes problems resolved more than KEEP_RESOLVED_DAYS ago (ledger/problems.ts); returns how many. */
  pruneResolvedProblems(): number;

  /** Closes the file; later calls fail as fatal. Closing twice is harmless. */
  close(): void;
}

const SYNCHRONOUS = ["off", "normal", "full", "extra"];

function pragma(db: DatabaseSync, name: string): unknown {
  return Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0];
}

/**
 * Opens (creating if needed) the ledger at `path` (":memory:" for a throwaway one in tests), sets WAL,
 * synchronous=FULL (but the product sync's per-push records: ledger/durability.ts), foreign keys and the busy
 * timeout, and applies missing migrations. A file written by a newer agent, a damaged file or one that is not
 * a ledger is a fatal IntegrationError.
 */
export function openLedger(path: string, options: LedgerOptions = {}): Ledger {
  const clock = options.now ?? (() => new Date());
  const now = () => clock().toISOString();
  let db: DatabaseSync | undefined;
  let impl: Ledger;
  try {
    db = openDatabase(path, options.busyTimeoutMs ?? 5000);
    migrate(db, now, path, undefined, options.upgrade ?? true);
    const open: DatabaseSync = db;
    const ctx: Context = { db: open, transaction: createTransaction(open), now };
    const durability = createDurability(open, ctx.transaction, path, options.files);
    const bindings = bindingQueries(ctx);
    const sends = sendingQueries(ctx);
    const problems = problemQueries(ctx);
    impl = {
      path,
      transaction: ctx.transaction,
      info: () => ({
        path,
        schemaVersion: Number(open.prepare("SELECT max(version) AS v FROM migrations").get()?.v ?? 0),
        journalMode: String(pragma(open, "journal_mode")),
        synchronous: SYNCHRONOUS[Number(pragma(open, "synchronous"))] ?? String(pragma(open, "synchronous")),
        foreignKeys: Number(pragma(open, "foreign_keys")) === 1,
        busyTimeoutMs: Number(pragma(open, "busy_timeout")),
      }),
      integrityCheck: () =>
        open.prepare("PRAGMA integrity_check").all().map((r) => String(r.integrity_check)),
      ...settingsQueries(ctx),
      ...bindings,
      // A send's answer and the deletion of its row (ledger/sending.ts) commit together. Lazily: lost to a
      // power loss, the send row stands and the answer is in doubt, as when the agent stopped before it.
      recordWrites: (written, failed, sent, refused) =>
        durability.lazy(() => {
          const bad = bindings.recordWrites(written, failed, refused);
          if (bad.length) problems.reportProblems(bad);
          if (sent !== undefined) sends.sendAnswered(sent.id, sent.createsSettled);
        }),
      // Bound codes of pushes whose answer was never recorded (the process died or was stopped mid-push)
      // become dirty, so the next plan sends every field of them again.
      doubtUnanswered: () =>
        ctx.transaction(() => {
          const n = bindings.markDirty([...sends.unansweredUpdates().keys()], UNANSWERED);
          sends.forgetUnanswered();
          return n;
        }),
      ...bookmarkQueries(ctx),
      ...feedListedQueries(ctx),
      ...sends,
      ...runQueries(ctx, options.keepRuns),
      ...problems,
      // Lazily: the push it announces awaits `durable()` before its requests (sync/push_plan.ts).
      recordSending: (creating, updating) => durability.lazy(() => sends.recordSending(creating, updating)),
      durable: () => durability.durable().catch((e) => Promise.reject(flushError(e, path))),
      close: () => {
        if (!open.isOpen) return;
        try {
          durability.flushSync();
        } finally {
          open.close();
        }
      },
    };
  } catch (e) {
    if (db?.isOpen) db.close();
    throw toLedgerError(e, "open", path);
  }
  return guarded(impl, path);
}
