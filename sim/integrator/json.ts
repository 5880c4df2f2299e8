/**
 * Reading Integrator request bodies the way the real service binds them: keys are matched without
 * regard to case (`StoreWareHouseCode` = `StoreWarehouseCode`), numbers and booleans may arrive as
 * strings (`"ModelType":"6"`), dates in several formats (research/nebim.md §2.9). Every reader names the
 * field it rejects.
 * @module
 */

import { parseSqlDate } from "../nebim/dataset.ts";

export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

/** A business rejection: the service answers HTTP 200 with this as ExceptionMessage. */
export class NebimRejection extends Error {
  constructor(message: string, readonly statusCode = 400) {
    super(message);
    this.name = "NebimRejection";
  }
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Members as ASP.NET's JavaScriptSerializer counts them against `aspnet:MaxJsonDeserializerMembers`:
 * every object property and every array element, at any depth.
 */
export function countMembers(v: Json): number {
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + 1 + countMembers(x), 0);
  if (isObject(v)) return Object.values(v).reduce<number>((n, x) => n + 1 + countMembers(x), 0);
  return 0;
}

/** The key of `o` that binds to `name` (exact spelling first, then case-insensitively). */
function keyOf(o: JsonObject, name: string): string | undefined {
  if (Object.hasOwn(o, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(o).find((k) => k.toLowerCase() === lower);
}

export function field(o: JsonObject, name: string): Json | undefined {
  const k = keyOf(o, name);
  return k === undefined ? undefined : o[k];
}

/** Sets a field, keeping the sender's spelling of the key when it sent one. */
export function setField(o: JsonObject, name: string, value: Json): void {
  o[keyOf(o, name) ?? name] = value;
}

/** An absent or null field, or an empty string, counts as "not sent" (the .NET default). */
function absent(v: Json | undefined): v is undefined | null | "" {
  return v === undefined || v === null || v === "";
}

export function readText(
  o: JsonObject,
  name: string,
  opts: { path?: string; required?: boolean; max?: number } = {},
): string {
  const label = (opts.path ?? "") + name;
  const v = field(o, name);
  if (absent(v)) {
    if (opts.required) throw new NebimRejection(`${label} alanı zorunludur (${label} is required).`);
    return "";
  }
  // The binder turns numbers into their text for string properties (ShipmentMethodCode: 2).
  if (typeof v !== "string" && typeof v !== "number") {
    throw new NebimRejection(`${label} must be a text value (got ${JSON.stringify(v)}).`);
  }
  const s = String(v).trim();
  if (opts.max !== undefined && s.length > opts.max) {
    throw new NebimRejection(`${label} is longer than ${opts.max} characters ("${s}").`);
  }
  return s;
}

export function readNumber(
  o: JsonObject,
  name: string,
  opts: { path?: string; required?: boolean; integer?: boolean; min?: number; max?: number } = {},
): number | undefined {
  const label = (opts.path ?? "") + name;
  const v = field(o, name);
  if (absent(v)) {
    if (opts.required) throw new NebimRejection(`${label} alanı zorunludur (${label} is required).`);
    return undefined;
  }
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n) || (opts.integer && !Number.isInteger(n))) {
    throw new NebimRejection(
      `${label} must be ${opts.integer ? "an integer" : "a number"} (got ${JSON.stringify(v)}).`,
    );
  }
  if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max)) {
    throw new NebimRejection(`${label} is out of range (got ${n}).`);
  }
  return n;
}

export function readBool(o: JsonObject, name: string, dflt: boolean, path = ""): boolean {
  const v = field(o, name);
  if (absent(v)) return dflt;
  if (typeof v === "boolean") return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === "string" && /^(true|false|1|0)$/i.test(v.trim())) return /^(true|1)$/i.test(v.trim());
  throw new NebimRejection(`${path}${name} must be true or false (got ${JSON.stringify(v)}).`);
}

/** Dates as seen in working payloads: yyyyMMdd, dd.MM.yyyy, yyyy-MM-dd[ HH:mm:ss | THH:mm:ss.fffZ], /Date(ms)/. */
export function readDate(o: JsonObject, name: string, path = ""): Date | undefined {
  const v = field(o, name);
  if (absent(v)) return undefined;
  const d = typeof v === "string" ? parseNebimDate(v) : undefined;
  if (!d) throw new NebimRejection(`${path}${name} is not a valid date (got ${JSON.stringify(v)}).`);
  return d;
}

export function parseNebimDate(text: string): Date | undefined {
  const t = text.trim();
  const ms = /^\\?\/Date\((-?\d+)\)\\?\/$/.exec(t);
  if (ms) return new Date(Number(ms[1]));
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) return parseSqlDate(`${compact[1]}-${compact[2]}-${compact[3]}`);
  const dotted = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(t);
  if (dotted) return parseSqlDate(`${dotted[3]}-${dotted[2]}-${dotted[1]}`);
  return parseSqlDate(t);
}
