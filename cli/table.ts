/** Plain-text tables for the command line: fixed-width columns, long cells cut with "…" or wrapped. */

const ESCAPES: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Control characters, and the invisible ones: format characters (a zero-width space or a BOM pasted from a web
 * page or Excel, bidi overrides that reorder the rest of the line) and line or paragraph separators. A zero-width
 * joiner inside an emoji sequence is part of the emoji, not hidden text.
 */
const HIDDEN = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|(?!\u200D)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/**
 * A cell on one line: names and reasons come from Nebim, where a line break (pasted from Excel) would start
 * a false row, an escape code would drive the terminal, and an invisible character would make a bad stock code
 * or a rename look like a good one or no change. Each is shown as an escape.
 */
function visible(s: string): string {
  return s.replace(HIDDEN, (c) => {
    const cp = c.codePointAt(0)!;
    return ESCAPES[c] ?? (cp > 0xffff ? `\\u{${cp.toString(16)}}` : `\\u${cp.toString(16).padStart(4, "0")}`);
  });
}

/** Latin text, Turkish letters included (precomposed, below U+0300): one column per UTF-16 unit. */
const NARROW = /^[\x20-\u02ff]*$/;
/** Characters a terminal shows two columns wide: East Asian wide and fullwidth ones, emoji. */
const WIDE =
  /^(?:[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]|\p{Emoji_Presentation}|.\uFE0F)/u;
const graphemes = new Intl.Segmenter(undefined, { granularity: "grapheme" });

/** The characters as the terminal shows them (a letter with its combining marks is one), with their columns. */
function* columns(s: string): Generator<[text: string, width: number]> {
  for (const { segment } of graphemes.segment(s)) yield [segment, WIDE.test(segment) ? 2 : 1];
}

function width(s: string): number {
  if (NARROW.test(s)) return s.length;
  let w = 0;
  for (const [, n] of columns(s)) w += n;
  return w;
}

/** `s` cut to `max` columns with "…", never inside a character (an emoji, a letter and its accent). */
function cut(s: string, max: number): string {
  if (width(s) <= max) return s;
  let out = "";
  let w = 0;
  for (const [text, n] of columns(s)) {
    if (w + n > max - 1) break;
    out += text;
    w += n;
  }
  return out + "…";
}

/**
 * `s` in lines of at most `max` columns, broken at spaces (a word longer than a line at a character
 * boundary), so nothing of it is lost.
 */
function wrap(s: string, max: number): string[] {
  if (width(s) <= max) return [s];
  const lines: string[] = [];
  let line = "";
  let w = 0;
  const flush = () => {
    lines.push(line);
    line = "";
    w = 0;
  };
  for (const word of s.split(" ")) {
    const n = width(word);
    if (line !== "" && w + 1 + n > max) flush();
    if (line !== "") {
      line += " ";
      w += 1;
    }
    if (w + n <= max) {
      line += word;
      w += n;
      continue;
    }
    for (const [text, cols] of columns(word)) {
      if (w + cols > max) flush();
      line += text;
      w += cols;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

export interface TableOptions {
  /**
   * The last column's long cells wrapped onto lines of their own under it rather than cut: a reason or a
   * change is read whole, where the columns before it (codes, kinds) are short.
   */
  wrapLast?: boolean;
}

export function renderTable(
  headers: string[],
  rows: string[][],
  maxWidth = 60,
  o: TableOptions = {},
): string {
  const last = headers.length - 1;
  const cells = rows.flatMap((r) => {
    const shown = r.map((c, i) => (o.wrapLast && i === last ? visible(c) : cut(visible(c), maxWidth)));
    if (!o.wrapLast || shown.length <= last) return [shown];
    // Continuation lines leave the other columns blank: one record, not several.
    const blank = shown.slice(0, last).map(() => "");
    return wrap(shown[last]!, maxWidth).map((text, k) => [...(k ? blank : shown.slice(0, last)), text]);
  });
  const widths = headers.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ""))));
  const line = (r: string[]) =>
    r.map((c, i) => c + " ".repeat(Math.max(0, widths[i]! - width(c)))).join("  ").trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
