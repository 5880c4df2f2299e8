/**
 * A running agent starts a product cycle every few seconds, and most of them send nothing. One info line each
 * would put ~17,000 identical lines a day into agent.log (10 MB, five files kept), and push the night a price
 * really changed out of the kept files within days. So a quiet cycle is logged at debug, and at info only a
 * summary, at most once an hour: the log still shows the agent alive and idle. The first cycle that succeeds
 * after failed ones is never quiet: otherwise agent.log would end on the failures, as if never recovered.
 * @module
 */

/** Cycles (quiet ones, or failed ones) since a time. */
export interface QuietSummary {
  cycles: number;
  since: Date;
}

export class QuietCycles {
  #cycles = 0;
  #since: number | undefined;
  #failed: QuietSummary | undefined;

  constructor(readonly everyMs = 3_600_000) {}

  /** A quiet cycle ended at `now`: the summary to log at info when one is due, else undefined. */
  quiet(now: Date): QuietSummary | undefined {
    this.#since ??= now.getTime();
    this.#cycles++;
    // A negative time is the clock set back: told now, else no line came for as long again as it went back.
    const elapsed = now.getTime() - this.#since;
    if (elapsed >= 0 && elapsed < this.everyMs) return undefined;
    const summary = { cycles: this.#cycles, since: new Date(this.#since) };
    this.#cycles = 0;
    this.#since = now.getTime();
    return summary;
  }

  /** A cycle worth its own info line ended: the next quiet one starts a new count. */
  busy(): void {
    this.#cycles = 0;
    this.#since = undefined;
  }

  /** A cycle failed at `now`. */
  failed(now: Date): void {
    this.#failed ??= { cycles: 0, since: now };
    this.#failed.cycles++;
  }

  /** A cycle succeeded: the failed cycles it ends (told once), or undefined when the last one did not fail. */
  recovered(): QuietSummary | undefined {
    const failed = this.#failed;
    this.#failed = undefined;
    return failed;
  }
}
