/**
 * Reads a JSON file the way Windows tools write them: UTF-8 with or without a byte-order mark (Notepad,
 * PowerShell's `Set-Content -Encoding UTF8`), or UTF-16 with one (Windows PowerShell's `>` and `Out-File`).
 * Used for the settings file and the simulators' data-set files; errors name the file and, for the usual
 * slips of hand editing, say what JSON does not allow.
 * @module
 */

import { errorMessage } from "./errors.ts";
import { repeatedKey } from "./json_keys.ts";

/** `uniqueKeys`: a key given twice in one object is refused (a hand-edited file), not the last one kept. */
export async function readJsonFile(
  path: string,
  what: string,
  o: { uniqueKeys?: boolean } = {},
): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    throw new Error(`Cannot read ${what} ${path}: ${errorMessage(e)}`);
  }
  // JSON allows no NUL anywhere: NUL bytes are UTF-16 saved without its mark. Asked of the bytes, before the
  // UTF-8 decoder, which refuses ö, ç, Ü in UTF-16 (F6 00, E7 00 …) as if the file were ANSI.
  if (!utf16Bom(bytes) && bytes.includes(0)) {
    throw new Error(
      `Cannot read ${what} ${path}: it holds NUL bytes, as UTF-16 text without a byte-order mark does; ` +
        "save it as UTF-8",
    );
  }
  let text: string;
  try {
    text = decodeText(bytes);
  } catch {
    throw new Error(
      `Cannot read ${what} ${path}: ` +
        (utf16Bom(bytes)
          ? "its UTF-16 text is broken (cut short?); save it again, as UTF-8"
          // Notepad's "ANSI" on a Turkish Windows is code page 1254: ş, ğ, İ would be read as something else.
          : "it is not UTF-8 text (saved as ANSI / Windows-1254?); save it as UTF-8"),
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`Cannot parse ${what} ${path} as JSON: ${parseProblem(text, errorMessage(e))}`);
  }
  const twice = o.uniqueKeys ? repeatedKey(text) : undefined;
  if (twice) {
    const [a, b] = twice.lines;
    throw new Error(
      `Cannot read ${what} ${path}: "${twice.path}" is given twice (${
        a === b ? `line ${a}` : `lines ${a} and ${b}`
      }); ` +
        "JSON keeps only the last, and the first would be ignored: merge them into one",
    );
  }
  return json;
}

/** The UTF-16 encoding a byte-order mark names, if the file starts with one. */
function utf16Bom(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return "utf-16le";
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return "utf-16be";
  return undefined;
}

/**
 * V8's reason without its quote of the file (which may be a password), with the place and, for the usual
 * slips of hand editing, the JSON rule broken. Where V8 names a position, a slip is named only there.
 */
function parseProblem(text: string, message: string): string {
  const reason = message.replace(/^(Unexpected token '.{1,2}'), .*$/s, "$1").replace(
    / at position \d+.*$/s,
    "",
  );
  const at = /at position (\d+)/.exec(message);
  const slip = firstSlip(text);
  // V8 stops at the slip, or (a trailing comma) at the bracket after it.
  const named = slip && (!at || [slip.pos, slip.stop].includes(Number(at[1]))) ? slip : undefined;
  if (named) return `${reason} (${lineColumn(text, named.pos)}: ${named.rule})`;
  return at ? `${reason} (${lineColumn(text, Number(at[1]))})` : reason;
}

function lineColumn(text: string, pos: number): string {
  const lines = text.slice(0, pos).split("\n");
  return `line ${lines.length} column ${lines.at(-1)!.length + 1}`;
}

/** The file's text: a UTF-16 byte-order mark is honoured, UTF-8's is dropped; other bytes must be UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  const bom = utf16Bom(bytes);
  return bom
    ? new TextDecoder(bom, { fatal: true }).decode(bytes.subarray(2))
    : new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a UTF-8 BOM
}

/** The first slip of hand editing in the text, and where it is; strings are skipped. */
function firstSlip(text: string): { pos: number; stop: number; rule: string } | undefined {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    let rule: string | undefined;
    let stop = i;
    if (c === '"') inString = true;
    else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) rule = "JSON allows no comments";
    else if (c === "'") rule = "JSON strings take double quotes";
    else if (c === ",") {
      let next = i + 1;
      while (/\s/.test(text[next] ?? "")) next++;
      if (text[next] === "}" || text[next] === "]") rule = "JSON allows no comma after the last entry";
      stop = next;
    }
    if (rule) return { pos: i, stop, rule };
  }
  return undefined;
}
