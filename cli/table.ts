/** Plain-text tables for the command line: fixed-width columns, long cells cut with "…". */

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * A cell on one line: names and reasons come from Nebim, where a line break (pasted from Excel) would start
 * a false row and an escape code would drive the terminal. Control characters are shown as escapes, so a
 * rename to a name that differs only by one still shows what differs.
 */
function visible(s: string): string {
  return s.replace(/\p{Cc}/gu, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** `s` cut to `max` UTF-16 units with "…", never between the two halves of a character (an emoji). */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = max - 1;
  if (/[\ud800-\udbff]/.test(s[end - 1] ?? "")) end--;
  return s.slice(0, end) + "…";
}

export function renderTable(headers: string[], rows: string[][], maxWidth = 60): string {
  const cells = rows.map((r) => r.map((c) => cut(visible(c), maxWidth)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
