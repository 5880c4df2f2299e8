/**
 * A lookup by code that keeps its last answer: codes of one item or product come one after another (a batch's
 * variants, the ledger's rows in code order), so each is looked up once per run instead of once per row.
 * @module
 */

/** `f`, with the last code's answer kept: asked again for the same code, `f` is not called. */
export function lastKeyed<T>(f: (code: string) => T): (code: string) => T {
  let last: string | undefined;
  let made!: T;
  return (code) => {
    if (code !== last) {
      last = code;
      made = f(code);
    }
    return made;
  };
}
