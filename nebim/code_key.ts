/**
 * How Nebim's collation (Turkish_CI_AS) compares codes. Every place that matches codes of different tables
 * keys them here. A key is for comparing in the agent only: what goes back to SQL Server is a code as Nebim
 * spelled it. The key models Latin and Turkish letters; SQL Server's Windows rules go further (width-blind,
 * expansions such as œ = oe, characters without weight, combining sequences equal to precomposed letters),
 * and JavaScript's upper case has special cases of its own (µ → Greek Μ, ß → SS, ﬁ → FI).
 * @module
 */

/**
 * The comparison key of a code: letter case and trailing spaces do not matter, and case pairs are Turkish
 * ones, i/İ and ı/I, so "kazaki" is "KAZAKİ", not "KAZAKI" (which the invariant toUpperCase() would give,
 * and which SQL Server would read as another code).
 */
export function codeKey(code: string): string {
  return turkishUpper(code.endsWith(" ") ? code.replace(/ +$/, "") : code);
}

/**
 * Upper case by Turkish rules. The invariant toUpperCase() already maps ı to I and keeps İ; only i differs
 * (to İ, not I). Cheaper than toLocaleUpperCase("tr"), and codes are keyed once per row.
 */
function turkishUpper(s: string): string {
  return s.includes("i") ? s.replaceAll("i", "İ").toUpperCase() : s.toUpperCase();
}
