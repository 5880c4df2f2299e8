/**
 * The productSync actor's input, context and events, and the cycle it invokes (its input and summary): the
 * types the host and /health read, apart from the machine (product_sync.ts).
 * @module
 */

import type { PriceRules } from "../pricing/rules.ts";

export interface CycleSummary {
  mode: "incremental" | "full";
  /** When it finished, from the host's clock (ISO). */
  finishedAt: string;
  created: number;
  updated: number;
  failed: number;
  problems: number;
  /** Stock codes the store no longer has: an incremental cycle that met any asks for a full one. */
  missing?: number;
  /** Refused codes whose store state the ledger may have wrong (PushTally.unsure): likewise. */
  unsure?: number;
}

export interface CycleInput {
  mode: "incremental" | "full";
  rules: PriceRules;
  /**
   * To be told the mode run once known: full though incremental was asked when no window is known. Its failure
   * is then a failed full cycle, which /health counts and whose backoff the incremental cycles wait out.
   */
  onMode?: (mode: "incremental" | "full") => void;
}

export interface ProductSyncInput {
  intervalMs: number;
  fullEveryMs: number;
  maxBackoffMs: number;
  /** What the child before it in this process counted, when the supervisor restarts it after a fatal error. */
  carried?: ProductSyncCarry;
}

/**
 * The failures a child counted that /health shows until a cycle ends well: a restarted child starting at none
 * showed fewer failed full cycles than happened, or none, the full reconciliation still failing.
 */
export interface ProductSyncCarry {
  fullFailures: number;
  fullError: string | null;
  lastFailedAs: "incremental" | "full" | null;
}

export interface ProductSyncContext extends Omit<ProductSyncInput, "carried"> {
  rules: PriceRules | null;
  failures: number;
  /** How long the last failure asked to be left alone (a 429's Retry-After beyond what a call waits out). */
  retryAfterMs: number;
  /** Full cycles asked for (schedule, reprice) vs. done: a full cycle is owed while requested > done. */
  fullRequested: number;
  fullDone: number;
  /** `fullRequested` when the running cycle started: what it answers should it run full and end well. */
  runningAnswers: number;
  running: "incremental" | "full" | null;
  /**
   * Full cycles failed (retriably) in a row, the full still owed, and the last one's error: kept through the
   * incremental cycles that go on meanwhile, for /health to show until a full cycle ends well.
   */
  fullFailures: number;
  fullError: string | null;
  /**
   * Incremental cycles still to run before a failed full one is tried again (its backoff counted in intervals):
   * a full cycle that keeps failing (a store product list failing on one page) must not stop stock and prices.
   */
  fullWaits: number;
  /** What is left of the interval and of the full period: a period longer than a timer waits in steps. */
  intervalLeftMs: number;
  fullLeftMs: number;
  lastCycle: CycleSummary | null;
  lastError: string | null;
  /**
   * A cycle asked for now (syncNow: a connection setting changed) while one ran, which may have started with
   * the settings before the operator's fix: it runs as soon as that one ends, however it ends.
   */
  syncAsked: boolean;
  /** The mode the last failed cycle ran (`ranAs` included), until a cycle ends well: /health says a failed full once. */
  lastFailedAs: "incremental" | "full" | null;
}

export type ProductSyncEvent =
  | { type: "rules"; rules: PriceRules; reprice: boolean }
  | { type: "syncNow" }
  | { type: "fullNow" }
  // From the running cycle's `onMode`.
  | { type: "ranAs"; mode: "incremental" | "full" }
  | { type: "schedule"; intervalMs: number; fullEveryMs: number }
  // Raised by `schedule` itself, to set its timers again.
  | { type: "fullEveryChanged" }
  | { type: "intervalChanged" };
