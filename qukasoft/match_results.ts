/**
 * Pairs the items of a batch with the per-item results of its answer, by code, not by position: the store
 * may answer in another order, leave items out, or give a code back as it keeps it. An answer whose codes
 * are the inputs', exactly and in order, is taken as it is: that is what matching by code gives it.
 * @module
 */

import { storeCodeKey } from "./code_key.ts";

/**
 * The result of each input, or undefined when the answer has none for it. A code is matched exactly first
 * (a repeated code takes its results in answer order); a code left over is then matched as the store compares
 * (and may give back) codes (storeCodeKey), but only when exactly one input and one result left over share
 * that key, or a repeated code (one spelling) and as many results: one item's result is never given to
 * another.
 */
export function matchResults<I, R>(
  inputs: readonly I[],
  results: readonly R[],
  inputCode: (i: I) => string,
  resultCode: (r: R) => string,
): (R | undefined)[] {
  // The usual answer: every input's code, exactly as sent, in input order. Each input then takes the result
  // at its position, as the exact matching below gives it (a repeated code's results in answer order),
  // without a map per call (one per saved product). A code given back in another spelling is not exact: it
  // goes the whole way below.
  if (results.length === inputs.length && inputs.every((i, k) => inputCode(i) === resultCode(results[k]!))) {
    return results.slice();
  }
  const exact = new Map<string, R[]>();
  for (const r of results) {
    const q = exact.get(resultCode(r));
    if (q) q.push(r);
    else exact.set(resultCode(r), [r]);
  }
  const out = inputs.map((i) => exact.get(inputCode(i))?.shift());
  if (out.every((r) => r !== undefined)) return out;
  const inputsLeft = group(
    inputs.flatMap((_, k) => out[k] === undefined ? [k] : []),
    (k) => inputCode(inputs[k]!),
  );
  const resultsLeft = group([...exact.values()].flat(), resultCode);
  for (const [key, ks] of inputsLeft) {
    const rs = resultsLeft.get(key);
    if (rs?.length !== ks.length) continue;
    // A product saved twice in one request (a rename beside a new variant) comes back twice as the store
    // spells it: in answer order, as an exact repeated code does.
    const first = inputCode(inputs[ks[0]!]!);
    if (ks.every((k) => inputCode(inputs[k]!) === first)) ks.forEach((k, n) => out[k] = rs[n]);
  }
  return out;
}

function group<T>(items: readonly T[], code: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const t of items) {
    const key = storeCodeKey(code(t));
    const q = map.get(key);
    if (q) q.push(t);
    else map.set(key, [t]);
  }
  return map;
}
