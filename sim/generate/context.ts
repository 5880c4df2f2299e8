/**
 * What the row writers of the Nebim generator share: the data set, the PRNG and pre-formatted dates
 * (formatting a Date per row would dominate the time of a 200 000-variant catalogue).
 * @module
 */

import type { NebimDataSet } from "../nebim/dataset.ts";
import type { Random } from "../random.ts";
import { auditPool, sqlDayBefore } from "./codes.ts";

export interface GenContext {
  data: NebimDataSet;
  rng: Random;
  /** Sorted audit timestamps before `now`; plans refer to them by index. */
  audit: string[];
  /** `days[d]` = the date d days before now (0..DAY_SPAN). */
  days: string[];
  /** Times of day (`HH:MM:00.000`) to pair with a day for a datetime. */
  times: string[];
}

export const DAY_SPAN = 400;

export function makeContext(data: NebimDataSet, rng: Random, now: Date): GenContext {
  const days: string[] = [];
  for (let d = 0; d <= DAY_SPAN; d++) days.push(sqlDayBefore(now, d));
  const times: string[] = [];
  // Business hours; callers never draw day 0 (today), so no stamp passes `now`.
  for (let h = 9; h < 19; h++) {
    for (const m of ["00", "15", "30", "45"]) times.push(`${String(h).padStart(2, "0")}:${m}:00.000`);
  }
  return { data, rng, audit: auditPool(rng, now, 365), days, times };
}

/** A datetime on day `d` before now at a random business-hours time. */
export function stampOn(ctx: GenContext, d: number): string {
  return `${ctx.days[d]}T${ctx.rng.pick(ctx.times)}`;
}
