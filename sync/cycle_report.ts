/**
 * What one product cycle did (sync/products.ts): its counts, rows and problems, as the agent logs them, the
 * CLI prints them and the productSync actor acts on them.
 * @module
 */

import type { Problem } from "./desired.ts";
import type { VanishCheck } from "./vanish_limit.ts";
import { type Action, noActions, type PlanRow } from "./plan.ts";

/** The counts a push adds to (the cycle report has them). */
export interface PushTally {
  requests: number;
  created: number;
  updated: number;
  zeroed: number;
  failed: number;
  rejected: number;
  /** Stock codes the store no longer has (deleted or re-coded in its panel): a full reconciliation follows. */
  missing: number;
  /**
   * Codes in doubt (their last write's answer lost, or failed) the store refused now, whole or in part: the
   * refused part recorded as the ledger had it, though the store may hold that write. The productSync actor
   * runs a full cycle next, which lists it.
   */
  unsure: number;
}

/** The pushes' counts (PushTally: created, updated, ..., missing, unsure, requests) and the cycle's own. */
export interface CycleReport extends PushTally {
  mode: "incremental" | "full";
  dryRun: boolean;
  itemsRead: number;
  variantsRead: number;
  held: number;
  /** Of `held`, those waiting on a product the store lists unreadably: the store's to mend, not Nebim's. */
  heldUnreadable?: number;
  problems: number;
  /** An incremental cycle's: of `problems`, those open before it (sync/known_problems.ts). */
  knownProblems?: number;
  /** What was (or, in a dry run, would be) done and why: the first `keepRows` rows. */
  rows: PlanRow[];
  /** How many of each action the plans held (in a dry run: what would be done). */
  actions: Record<Action, number>;
  /** The problems found, per record (the first `keepProblems`; `problems` counts them all). */
  problemList: Problem[];
  bookmark: string | undefined;
  /**
   * A dry run's: bound codes with an update the ledger records as sent and not answered, planned as in doubt
   * (sent again in full). Beside a running agent these may be its writes still in flight, not lost ones.
   */
  unanswered?: number;
  /**
   * A dry run's: the bound stock codes its writes would update or zero, counted as a real run counts `updated`
   * and `zeroed` (one per code, not per action: a code's price and barcode are one, a product's VAT rate one
   * for each of its codes).
   */
  wouldUpdate?: number;
  /** Weighed when codes vanished this cycle: how many, of how many, what the limit allowed and did. */
  vanishCheck?: VanishCheck;
}

/** A report with nothing counted yet. */
export function emptyReport(
  mode: CycleReport["mode"],
  dryRun: boolean,
  bookmark: string | undefined,
): CycleReport {
  return {
    mode,
    dryRun,
    itemsRead: 0,
    variantsRead: 0,
    created: 0,
    updated: 0,
    zeroed: 0,
    failed: 0,
    rejected: 0,
    missing: 0,
    unsure: 0,
    held: 0,
    problems: 0,
    requests: 0,
    rows: [],
    actions: noActions(),
    problemList: [],
    bookmark,
  };
}
