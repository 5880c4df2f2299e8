/**
 * The longest a timer can wait: Deno (as Node and browsers) runs a longer setTimeout after 1 ms.
 * @module
 */

export const TIMER_MAX_MS = 2 ** 31 - 1;

/**
 * A timeout setting as a timer can hold it: one over ~24.8 days, meant as "no limit", would otherwise fire at
 * once and fail every request (the setting's schema takes any whole number ≥ 1, and the ledger keeps what it took).
 */
export function timerMs(ms: number): number {
  return Math.min(ms, TIMER_MAX_MS);
}
