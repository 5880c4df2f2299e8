/**
 * SQL Server's default collation for codes (Nebim runs case-insensitive, accent-sensitive collations such
 * as Turkish_CI_AS): letter case and trailing spaces do not matter when comparing. The dotted/dotless I of
 * the Turkish collation is not modelled: codes are upper-cased with the invariant rules, as the data set's
 * duplicate-key check does.
 * @module
 */

/** The comparison key of a string cell; non-strings compare by their text. */
export function ciKey(v: unknown): string {
  if (typeof v !== "string") return v === null || v === undefined ? "" : String(v);
  return (v.endsWith(" ") ? v.replace(/ +$/, "") : v).toUpperCase();
}

/** `a = b` under the collation; NULL equals nothing. */
export function ciEquals(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return ciKey(a) === ciKey(b);
}

/** Orders two keys (already from {@link ciKey}); consistent with `>` in keyset paging. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
