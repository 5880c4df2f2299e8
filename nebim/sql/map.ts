/**
 * Row values to agent values: exact money, codes, names, flags, and the case- and trailing-space-blind
 * keys SQL Server itself compares codes by.
 * @module
 */

import { codeKey as keyOfCode } from "../code_key.ts";
import { IntegrationError } from "../../errors.ts";

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * A decimal in kuruş, rounded half away from zero (half-up for prices). tedious hands decimals over as JS
 * numbers; the number's shortest decimal text ("899.9", "0.005") is the column's exact value for every
 * decimal(19,4) below 2^53 units, so the rounding works on that text, never on binary arithmetic.
 */
export function toKurus(value: unknown, subject: string): number {
  return scaled(value, subject, 2);
}

/**
 * The decimal in 1/10000 TL (decimal(19,4)'s own unit, half-up past it) when it has digits past the kuruş,
 * so that pricing rounds once, at the end; undefined when the kuruş are exact or the value is too large.
 * Call after toKurus accepted the value.
 */
export function toTenThousandths(value: unknown, subject: string): number | undefined {
  try {
    const units = scaled(value, subject, 4);
    return units % 100 === 0 ? undefined : units;
  } catch {
    return undefined; // past 2^53 units (about 9·10^11 TL): the kuruş alone
  }
}

function scaled(value: unknown, subject: string, decimals: number): number {
  const text = typeof value === "number" && Number.isFinite(value)
    ? String(value)
    : typeof value === "string"
    ? value.trim()
    : undefined;
  const m = text === undefined ? null : DECIMAL_RE.exec(text);
  if (!m || (!m[2] && !m[3])) {
    throw new IntegrationError("skippable", `Nebim price of ${subject} is not a number: ${String(value)}`, {
      system: "nebim-sql",
      subject,
    });
  }
  const fraction = m[3] ?? "";
  const digits = BigInt(`${m[2] ?? ""}${fraction}` || "0");
  const shift = Number(m[4] ?? 0) - fraction.length + decimals;
  let kurus: bigint;
  if (shift >= 0) {
    kurus = digits * 10n ** BigInt(shift);
  } else {
    const unit = 10n ** BigInt(-shift);
    kurus = digits / unit;
    if ((digits % unit) * 2n >= unit) kurus += 1n;
  }
  const signed = m[1] === "-" ? -kurus : kurus;
  if (signed > BigInt(Number.MAX_SAFE_INTEGER) || signed < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new IntegrationError("skippable", `Nebim price of ${subject} is out of range: ${text}`, {
      system: "nebim-sql",
      subject,
    });
  }
  return Number(signed);
}

// A string (nearly every value) is returned as it is: String() of one still goes through the String
// constructor's builtin, ~1.5% of the agent's thread in a full sync (perf, 100,000 variants).

/** A code column: as Nebim holds it; NULL (an outer join's missing side) is the empty code. */
export function codeOf(v: unknown): string {
  if (typeof v === "string") return v;
  return v === null || v === undefined ? "" : String(v);
}

/** A name column: trimmed; NULL or blank is no name. */
export function nameOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = (typeof v === "string" ? v : String(v)).trim();
  return s === "" ? null : s;
}

/** A bit column; NULL (no row on the outer side) takes `fallback`. */
export function flagOf(v: unknown, fallback: boolean): boolean {
  if (v === null || v === undefined) return fallback;
  return v === true || v === 1;
}

/** A float/decimal quantity; NULL is 0. */
export function quantityOf(v: unknown): number {
  if (v === null || v === undefined) return 0;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

/**
 * A number column read as a rate: a number, or the decimal text a text column holds; anything else (NULL, text
 * that is no number) is undefined, never NaN, nor the 0 that Number() makes of NULL, "" and false.
 */
export function rateOf(v: unknown): number | undefined {
  const text = typeof v === "string" ? v.trim() : "";
  const n = typeof v === "number" ? v : DECIMAL_RE.test(text) && /\d/.test(text) ? Number(text) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The code key (nebim/code_key.ts) of a column's value; NULL is the empty code. */
export function codeKey(v: unknown): string {
  return keyOfCode(codeOf(v));
}

/** The case-blind key of a variant row (ItemCode, ColorCode, ItemDim1..3Code columns). */
export function variantRowKey(row: Record<string, unknown>): string {
  return variantPartsKey(row.ItemCode, row.ColorCode, row.ItemDim1Code, row.ItemDim2Code, row.ItemDim3Code);
}

// The parts of one key, joined at once: a template of five codes and four separators builds a string per
// piece (~230 bytes a row), joining a reused array only the key itself (~100). Filled and read in one call.
const parts = ["", "", "", "", ""];

/** The same key from parts. */
export function variantPartsKey(
  item: unknown,
  color: unknown,
  dim1: unknown,
  dim2: unknown,
  dim3: unknown,
): string {
  parts[0] = codeKey(item);
  parts[1] = codeKey(color);
  parts[2] = codeKey(dim1);
  parts[3] = codeKey(dim2);
  parts[4] = codeKey(dim3);
  return parts.join("\u0000");
}
