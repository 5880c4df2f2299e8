/**
 * How the store compares product and stock codes, as far as the agent can know. Qukasoft is a PHP store on
 * MySQL, whose code columns have a case-insensitive collation; which one is not known. MySQL's candidates
 * fold i, ı, I and İ differently: utf8mb4_general_ci (MySQL 5.x's and MariaDB's default) takes all four for
 * one letter and ignores accents; utf8mb4_turkish_ci pairs i/İ and ı/I as Nebim does (nebim/code_key.ts);
 * utf8mb4_unicode_ci and MySQL 8's utf8mb4_0900_ai_ci take i, I and İ for one and ı for another.
 *
 * The key is the coarsest of them, general_ci's, on purpose. A key finer than the store's makes the agent
 * create a code the store already has in another spelling: the save lands on the merchant's product, over its
 * name and price, and again every full cycle. A coarser one at worst takes a merchant's "sweatshırt-1" for
 * Nebim's SWEATSHIRT-1 in a store that tells them apart: its stock update is then answered "not found" and
 * reported, nothing is overwritten. Nebim's key (Turkish upper case) is finer than general_ci, so not reused.
 * @module
 */

/**
 * The comparison key of a store code: spaces at either end (the store's collation pads trailing ones, and a
 * PHP store may trim what it is given), letter case, accents on Latin letters and the dots of i and İ do not
 * count. Only compared, never sent: the agent sends its codes as Nebim spells them.
 */
export function storeCodeKey(code: string): string {
  // Nebim's codes are ASCII (sync/desired.ts): the fold is for what a merchant typed.
  const s = code.trim();
  return NOT_PLAIN.test(s)
    ? s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[ıß]/g, (c) => c === "ı" ? "i" : "s").toUpperCase()
    : s.toUpperCase();
}

const NOT_PLAIN = /[^ -~]/; // anything but printable ASCII

/** True when the store takes the two codes for one. */
export function sameStoreCode(a: string, b: string): boolean {
  return a === b || storeCodeKey(a) === storeCodeKey(b);
}
