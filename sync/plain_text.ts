/**
 * A Nebim description as the store shows it: one line, without control characters.
 * @module
 */

/** C0 and C1 control characters and DEL: a tab, a line break, a NUL pasted or imported into Nebim. */
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]+/g;

/**
 * The text with each run of control characters made one space, and trimmed: "" for none. A NUL or a line break
 * would reach the store's product name as is (the feed drops them: XML cannot carry them), and a name of
 * nothing else would create a product with an invisible name.
 */
export function plainText(text: string | null): string {
  if (text === null) return "";
  return text.replace(CONTROL, " ").trim();
}
