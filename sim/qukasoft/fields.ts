/**
 * Typed field readers for untrusted JSON (data set files and request bodies). Each throws a
 * {@linkcode FieldError} naming the exact path, e.g. `orders[3].products[0].stockCode: expected a string`.
 * @module
 */

export type JsonObject = Record<string, unknown>;

/** A field that is missing or has the wrong type or range. */
export class FieldError extends Error {
  constructor(readonly path: string, readonly expected: string) {
    super(`${path}: expected ${expected}`);
    this.name = "FieldError";
  }
}

/** The largest amount the store accepts, in TRY: keeps kuruş arithmetic far inside safe integers. */
const MAX_MONEY = 1e11;

/** True for a number ≥ 0 with at most two decimals (the store's money rule). */
export function isMoney(value: unknown): value is number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > MAX_MONEY) return false;
  // The decimal as it came in the JSON, read as text: 899.9 * 100 is 89990.00000000001 in binary, and for
  // large amounts no fixed tolerance on the product separates a third decimal from rounding noise.
  return /^\d+(?:\.\d{1,2})?$/.test(String(value));
}

/** Rounds an accepted amount to the cent so the stored number prints with at most two decimals. */
export function toMoney(value: number): number {
  return Math.round(value * 100) / 100;
}

export function fieldPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FieldError(path, "an object");
  }
  return value as JsonObject;
}

export function asArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new FieldError(path, "an array");
  return value;
}

/** A string field; `fallback` is used only when the field is absent (not when it has the wrong type). */
export function str(o: JsonObject, key: string, path: string, fallback?: string): string {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "string") throw new FieldError(fieldPath(path, key), "a string");
  return v;
}

/** A non-empty string field (codes and keys). */
export function code(o: JsonObject, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== "string") throw new FieldError(fieldPath(path, key), "a string");
  if (v.trim() === "") throw new FieldError(fieldPath(path, key), "a non-empty string");
  return v;
}

export function int(
  o: JsonObject,
  key: string,
  path: string,
  range: { min?: number; max?: number; fallback?: number } = {},
): number {
  const v = o[key];
  if (v === undefined && range.fallback !== undefined) return range.fallback;
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
    const bounds = range.max !== undefined
      ? ` from ${min} to ${max}`
      : range.min !== undefined
      ? ` ≥ ${min}`
      : "";
    throw new FieldError(fieldPath(path, key), `an integer${bounds}`);
  }
  return v;
}

/** A VAT rate in percent, 0..100 (decimals allowed, e.g. 0.5 is not used in TR but costs nothing). */
export function vatRate(o: JsonObject, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100) {
    throw new FieldError(fieldPath(path, key), "a VAT rate from 0 to 100");
  }
  return v;
}

export function bool(o: JsonObject, key: string, path: string, fallback?: boolean): boolean {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== "boolean") throw new FieldError(fieldPath(path, key), "a boolean");
  return v;
}

export function money(o: JsonObject, key: string, path: string, fallback?: number): number {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (!isMoney(v)) throw new FieldError(fieldPath(path, key), "an amount ≥ 0 with at most two decimals");
  return toMoney(v);
}
