/**
 * What /health shows of productSync before this process's own cycles say it: the ledger's last cycle that
 * ended well, and the failed runs in a row of the full reconciliation still owed. A new process's actor knows
 * neither, so a restart showed no last cycle and "ok" until its first cycle ended (minutes for a full one on a
 * real catalogue), while a full reconciliation failing for days looked mended and monitoring saw degraded →
 * ok → degraded.
 * @module
 */

import type { CycleSummary } from "../actors/product_sync.ts";
import type { Ledger, Run } from "../ledger/ledger.ts";
import { STOPPED } from "../sync/products.ts";

/** A cycle the ledger recorded: its run's id and outcome beside the summary the actor keeps. */
export interface RecordedCycle extends CycleSummary {
  run: number;
  outcome: "ok" | "partial";
}

/** The full reconciliation's runs that failed in a row since the last that ended well (a stop's not counted). */
export interface OwedFull {
  failures: number;
  lastError: string | null;
}

/** How far back the start looks: 2,000 runs, about 16 hours of 30-s cycles; older failures go uncounted. */
const LOOK_BACK = 2_000;

export class LastKnown {
  #lastCycle: CycleSummary | undefined;
  #full: OwedFull | undefined;

  constructor(lastCycle?: CycleSummary, full?: OwedFull) {
    this.#lastCycle = lastCycle;
    this.#full = full;
  }

  /** At start, from the runs a previous process (or `sync products --once`) left. */
  static fromLedger(ledger: Pick<Ledger, "lastRuns">): LastKnown {
    const runs = ledger.lastRuns(LOOK_BACK);
    const lastCycle = runs.map(recorded).find((c) => c !== undefined);
    let failures = 0;
    let lastError: string | null = null;
    for (const r of runs) {
      if (fullPaid(r)) break;
      if (r.kind === "products-full" && r.outcome === "failed" && r.error !== STOPPED) {
        if (failures++ === 0) lastError = r.error;
      }
    }
    return new LastKnown(lastCycle, failures > 0 ? { failures, lastError } : undefined);
  }

  /** A cycle of this process ended well: it is the last cycle now, and a full one paid what was owed. */
  ended(cycle: CycleSummary): void {
    this.#lastCycle = cycle;
    if (cycle.mode === "full") this.#full = undefined;
  }

  get lastCycle(): CycleSummary | undefined {
    return this.#lastCycle;
  }

  /** Owed before this process's full cycles (their failures are the actor's, added to these). */
  get full(): OwedFull | undefined {
    return this.#full;
  }
}

/** A product run that ended well as the actor's `lastCycle`; a feed-only run's full cycle counts -1 items. */
function recorded(r: Run): RecordedCycle | undefined {
  if ((r.outcome !== "ok" && r.outcome !== "partial") || r.finishedAt === null) return undefined;
  const mode = r.kind === "products-full" || (r.kind === "products-feed" && r.counts.changedItems === -1)
    ? "full"
    : r.kind === "products-incremental" || r.kind === "products-feed"
    ? "incremental"
    : undefined;
  if (!mode) return undefined;
  const { created = 0, updated = 0, failed = 0, problems = 0 } = r.counts;
  return {
    mode,
    finishedAt: r.finishedAt,
    created,
    updated,
    failed,
    problems,
    run: r.id,
    outcome: r.outcome,
  };
}

/** A full cycle that ended well (recorded() takes only those). */
function fullPaid(r: Run): boolean {
  return recorded(r)?.mode === "full";
}
