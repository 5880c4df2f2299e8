/**
 * The JSON of a store's answer, with the one PHP quirk taken: output printed around the body.
 * @module
 */

import { isRecord } from "../is_record.ts";

/**
 * The parsed body, or undefined when it is not JSON. A PHP store with display_errors on prints a warning or
 * notice before the body its script then writes (`<br />\n<b>Warning</b>: … on line <b>12</b><br />\n{"code":
 * 200,…}`), and one PHP raises as it shuts the request down after it (a session it cannot write: `… in
 * <b>Unknown</b> on line <b>0</b>`); a file saved with a byte-order mark prints that: every answer would be
 * "not JSON", retried for ever. For a success status only, the object the body's first `{` starts is read
 * when it is the envelope (a numeric `code`) and no `{` follows it; anything else (two envelopes, a `{` in the
 * warning) is not.
 */
export function parseBody(text: string, success: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (!success) return undefined;
  }
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  const end = objectEnd(text, start);
  if (end === undefined || text.includes("{", end)) return undefined;
  try {
    const json: unknown = JSON.parse(text.slice(start, end));
    return isRecord(json) && typeof json.code === "number" ? json : undefined;
  } catch {
    return undefined;
  }
}

/** Where the object starting at `start` ends (just past its `}`), its strings skipped; undefined: cut off. */
function objectEnd(text: string, start: number): number | undefined {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      if (--depth === 0) return i + 1;
    }
  }
  return undefined;
}
