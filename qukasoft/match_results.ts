/**
 * Pairs the items of a batch with the per-item results of its answer, by code, never by position: the store
 * may answer in another order, leave items out, or give a code back as it keeps it.
 * @module
 */

/**
 * The result of each input, or undefined when the answer has none for it. A code is matched exactly first
 * (a repeated code takes its results in answer order); a code left over is then matched trimmed and without
 * regard to case, as a PHP store on MySQL compares (and may give back) codes, but only when exactly one
 * input and one result left over share that form: one item's result is never given to another.
 */
export function matchResults<I, R>(
  inputs: readonly I[],
  results: readonly R[],
  inputCode: (i: I) => string,
  resultCode: (r: R) => string,
): (R | undefined)[] {
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
    if (ks.length === 1 && rs?.length === 1) out[ks[0]!] = rs[0];
  }
  return out;
}

/** How a PHP store on MySQL's default collation compares codes: trailing spaces and case do not count. */
function loose(code: string): string {
  return code.trim().toUpperCase();
}

function group<T>(items: readonly T[], code: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const t of items) {
    const key = loose(code(t));
    const q = map.get(key);
    if (q) q.push(t);
    else map.set(key, [t]);
  }
  return map;
}
