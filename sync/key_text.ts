/**
 * A variant key as one text: the subject of a problem about the variant.
 * @module
 */

import type { VariantKey } from "../nebim/types.ts";

/**
 * The non-empty codes of a variant key joined by "/" (built without an array: every variant gets one). It is
 * a problem's subject: a code with "/" (or a quote) in it is quoted, or item KZK/01 in size M and item KZK in
 * colour 01, size M would both read "KZK/01/M", and one item's cycle would close the other's problem.
 */
export function keyText(k: VariantKey): string {
  return slash(
    slash(slash(slash(part(k.itemCode), part(k.colorCode)), part(k.itemDim1Code)), part(k.itemDim2Code)),
    part(k.itemDim3Code),
  );
}

function part(code: string): string {
  return code.includes("/") || code.includes('"') ? JSON.stringify(code) : code;
}

/** `a` and `b` joined by "/", or the one that is not empty. */
export function slash(a: string, b: string): string {
  return b === "" ? a : a === "" ? b : `${a}/${b}`;
}
