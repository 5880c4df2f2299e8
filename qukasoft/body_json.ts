/**
 * The JSON of a store's answer, with the one PHP quirk taken: output printed before the body.
 * @module
 */

import { isRecord } from "../is_record.ts";

/**
 * The parsed body, or undefined when it is not JSON. A PHP store with display_errors on prints a warning or
 * notice before the body its script then writes (`<br />\n<b>Warning</b>: … on line <b>12</b><br />\n{"code":
 * 200,…}`), and a file saved with a byte-order mark prints that: every answer would be "not JSON", retried
 * for ever. For a success status only, a body whose first `{` starts an object running to its end with a
 * numeric `code` (the envelope) is read as it; anything else (two envelopes, a `{` in the warning) is not.
 */
export function parseBody(text: string, success: boolean): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (!success) return undefined;
  }
  const start = text.indexOf("{");
  if (start <= 0) return undefined;
  try {
    const json: unknown = JSON.parse(text.slice(start));
    return isRecord(json) && typeof json.code === "number" ? json : undefined;
  } catch {
    return undefined;
  }
}
