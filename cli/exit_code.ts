/**
 * The command line's exit codes and which one a run with several outcomes reports. A scheduled task reads one
 * number: the more serious outcome must not hide behind a lesser one (a --csv not written hid a partial cycle).
 * @module
 */

/** Done: what was asked ran, and every item went through. */
export const DONE_EXIT = 0;
/** A failure the output explains: a check failed, the cycle failed or was stopped. */
export const FAILED_EXIT = 1;
/** A usage or settings error: the command was refused before it did anything. */
export const USAGE_EXIT = 2;
/**
 * The exit code of a cycle that ran to its end with items the store did not take (failed, or refused), or
 * held for a product the store lists unreadably, or with zeros catalog.vanishLimit held.
 */
export const PARTIAL_EXIT = 3;
/** The exit code of a cycle that ran to its end (as with 0 or 3) whose --csv file could not be written. */
export const CSV_EXIT = 4;

/** Most serious first: a failed run, then a refused one, then a partial cycle, then a file not written. */
const PRECEDENCE = [FAILED_EXIT, USAGE_EXIT, PARTIAL_EXIT, CSV_EXIT];

/** The code of the most serious of `codes` (DONE_EXIT when none is). */
export function exitCode(...codes: number[]): number {
  return PRECEDENCE.find((c) => codes.includes(c)) ?? DONE_EXIT;
}
