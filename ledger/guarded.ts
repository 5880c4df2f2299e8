/**
 * A ledger's methods with their SQLite errors translated (ledger/sqlite_error.ts), those raised while a
 * returned generator is iterated too.
 * @module
 */

import { toLedgerError } from "./sqlite_error.ts";

function isGenerator(x: unknown): x is Generator<unknown> {
  return Object.prototype.toString.call(x) === "[object Generator]";
}

function* translating<T>(it: Generator<T>, doing: string, path: string): Generator<T> {
  try {
    yield* it;
  } catch (e) {
    throw toLedgerError(e, doing, path);
  }
}

/** Every method of `impl` with its SQLite errors (also those raised while iterating) translated. */
export function guarded<T extends object>(impl: T, path: string): T {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(impl)) {
    if (typeof value !== "function") {
      out[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]) => {
      try {
        const result = fn(...args);
        return isGenerator(result) ? translating(result, name, path) : result;
      } catch (e) {
        throw toLedgerError(e, name, path);
      }
    };
  }
  // Same keys as `impl`, each function wrapped with its signature unchanged.
  return out as unknown as T;
}
