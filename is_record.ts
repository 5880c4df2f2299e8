/**
 * The one test for "a JSON object": what settings documents and the store's answers are checked with.
 * @module
 */

/** Whether `value` is an object with keys (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
