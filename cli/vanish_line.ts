/**
 * The line a one-shot sync prints about catalog.vanishLimit (sync/vanish_limit.ts): what it did this cycle.
 * @module
 */

import type { CycleReport } from "../sync/cycle_report.ts";

/** What catalog.vanishLimit did this cycle, when it held the zeros or the operator lifted it. */
export function vanishLine(report: CycleReport, allowMassZero: boolean): string | undefined {
  const c = report.vanishCheck;
  const would = report.dryRun ? "would be " : "";
  if (c?.verdict === "held") {
    return `catalog.vanishLimit held the zeros: ${c.vanishing} of ${c.active} stock codes on sale vanished ` +
      `(at most ${c.allowed} go unconfirmed); none ${would}set to 0 (see the problem above)`;
  }
  if (!allowMassZero) return undefined;
  if (c?.verdict === "lifted") {
    return `--allow-mass-zero: catalog.vanishLimit lifted for this cycle: ${c.vanishing} of ${c.active} ` +
      `stock codes on sale vanished (the limit allows ${c.allowed}) and ${would}set to 0`;
  }
  return `--allow-mass-zero: not needed, ${
    c?.vanishing ?? 0
  } stock codes vanished, within catalog.vanishLimit`;
}
