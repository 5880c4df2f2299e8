/**
 * A lookup by code that keeps its last answer: codes of one item or product come one after another (a batch's
 * variants, the ledger's rows in code order), so each is looked up once per run instead of once per row.
 * @module
 */

/**
 * `f`, with the last key's answer kept: asked again for the same key, `f` is not called. With `f` the identity,
 * a string equal to the last one is replaced by that one (one copy kept per run of equal strings).
 */
export function lastKeyed<T, K = string>(f: (key: K) => T): (key: K) => T {
  let asked = false;
  let last: K;
  let made!: T;
  return (key) => {
    if (!asked || key !== last) {
      asked = true;
      last = key;
      made = f(key);
    }
    return made;
  };
}
