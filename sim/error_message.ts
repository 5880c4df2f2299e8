/**
 * The simulators' one way to show a thrown value. Their own rather than the agent's errors.ts: the
 * simulators stand for outside systems and share none of the agent's error handling, so a slip there cannot
 * hide itself on both sides of a test.
 * @module
 */

/** The message of an Error, else the value as a string. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
