/**
 * Reads a JSON file the way Windows tools write them: UTF-8 with or without a byte-order mark (Notepad,
 * PowerShell's `Set-Content -Encoding UTF8`), or UTF-16 with one (Windows PowerShell's `>` and `Out-File`).
 * Used for the settings file and the simulators' data-set files; errors name the file and, for the usual
 * slips of hand editing, say what JSON does not allow.
 * @module
 */

export async function readJsonFile(path: string, what: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(path);
  } catch (e) {
    throw new Error(`Cannot read ${what} ${path}: ${messageOf(e)}`);
  }
  let text: string;
  try {
    text = decodeText(bytes);
  } catch {
    // Notepad's "ANSI" on a Turkish Windows is code page 1254: ş, ğ, İ would be read as something else.
    throw new Error(
      `Cannot read ${what} ${path}: it is not UTF-8 text (saved as ANSI / Windows-1254?); save it as UTF-8`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`Cannot parse ${what} ${path} as JSON: ${messageOf(e)}${hintFor(text)}`);
  }
}

/** The file's text: a UTF-16 byte-order mark is honoured, UTF-8's is dropped; other bytes must be UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes); // drops a UTF-8 BOM
}

/**
 * The first slip of hand editing in the text, with where it is: V8's message names the place for some
 * errors and not for others ("Unexpected token ']'"), so the text is scanned, skipping strings.
 */
function hintFor(text: string): string {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    let rule: string | undefined;
    if (c === '"') inString = true;
    else if (c === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) rule = "JSON allows no comments";
    else if (c === "'") rule = "JSON strings take double quotes";
    else if (c === ",") {
      let next = i + 1;
      while (/\s/.test(text[next] ?? "")) next++;
      if (text[next] === "}" || text[next] === "]") rule = "JSON allows no comma after the last entry";
    }
    if (rule) {
      const lines = text.slice(0, i).split("\n");
      return ` (line ${lines.length} column ${lines.at(-1)!.length + 1}: ${rule})`;
    }
  }
  return "";
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
