/**
 * How the simulated store compares product and stock codes. Qukasoft is a PHP store on MySQL; its code
 * columns are assumed to be utf8mb4_general_ci, MySQL 5.x's and MariaDB's default collation for utf8mb4 and
 * the one a store set up years ago most likely kept: case does not matter, nor accents on Latin letters, nor
 * trailing spaces (PAD SPACE), and i, ı, I and İ are one letter. So a save of "KML-1001-BEJ-M" finds the
 * variant the merchant typed as "kml-1001-bej-m", and the store keeps the spelling it has. Modelled for the
 * letters codes carry: general_ci weighs one character at a time, so a letter followed by a separate
 * combining accent differs there from the precomposed letter, which is equal here.
 * @module
 */

/** The key the store compares a code by: two codes with the same key are one row. */
export function storeKey(code: string): string {
  return code.replace(/ +$/, "").normalize("NFD").replace(/\p{M}/gu, "").replace(
    /[ıß]/g,
    (c) => c === "ı" ? "I" : "S",
  ).toUpperCase();
}
