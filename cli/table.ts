/** Plain-text tables for the command line: fixed-width columns, long cells cut with "…". */

export function renderTable(headers: string[], rows: string[][], maxWidth = 60): string {
  const cut = (s: string) => (s.length > maxWidth ? s.slice(0, maxWidth - 1) + "…" : s);
  const cells = rows.map((r) => r.map(cut));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
