/**
 * Each price source's rows as a cost lookup per variant: a base price per item, or the price-list line that
 * matches the variant most closely.
 * @module
 */

import { errorKind, errorMessage } from "../../errors.ts";
import { codeKey, codeOf, flagOf, toKurus, toTenThousandths, variantPartsKey, variantRowKey } from "./map.ts";
import type { NebimRow } from "./pool.ts";
import { lastKeyed } from "../../last_keyed.ts";

export interface Cost {
  /** null when the row's price cannot be held exactly in kuruş: `unreadable` says why. */
  kurus: number | null;
  /** Why the cost cannot be used (also a line's currency its header's contradicts): the variant is held. */
  unreadable?: string;
  /** The price in 1/10000 TL when it has digits past the kuruş (map.ts toTenThousandths). */
  tenThousandths?: number;
  currency: string;
  includesVat: boolean | null;
}

export type CostLookup = (
  item: string,
  color: string,
  d1: string,
  d2: string,
  d3: string,
) => Cost | undefined;

export function basePriceCosts(rows: readonly NebimRow[]): CostLookup {
  const m = new Map<string, Cost>();
  for (const r of rows) {
    const item = codeOf(r.ItemCode);
    m.set(codeKey(item), {
      ...kurusOf(r.Price, `item ${item}`),
      currency: codeOf(r.CurrencyCode).trim(),
      includesVat: null,
    });
  }
  // An item's variants come together: the last item's answer is kept rather than keyed again per variant.
  return lastKeyed((item) => m.get(codeKey(item)));
}

/**
 * The variant's own line beats the colour's line (empty sizes), which beats the item's (all empty). A line of
 * any other shape (a size with no colour, a colour and size with a further dimension left blank) is one
 * research/nebim.md does not describe: for a variant it could apply to (its codes agree where the line has
 * one), with no line of its own, the fallback is not trusted and the variant is held, the line named.
 */
export function priceListCosts(rows: readonly NebimRow[]): CostLookup {
  const m = new Map<string, Cost>();
  const odd = new Map<string, NebimRow[]>();
  for (const r of rows) {
    const subject = `item ${codeOf(r.ItemCode)} ${codeOf(r.ColorCode)}`.trim();
    const cost: Cost = {
      ...kurusOf(r.Price, subject),
      ...lineCurrency(codeOf(r.DocCurrencyCode).trim(), codeOf(r.ListCurrencyCode).trim(), subject),
      includesVat: flagOf(r.IsTaxIncluded, false),
    };
    const disabledOn = disableDateOf(r.DisableDate);
    if (disabledOn !== null) {
      cost.unreadable = `price-list line of ${subject} has DisableDate ${disabledOn} but is not disabled; ` +
        `whether Nebim still sells at it is not known`;
    }
    m.set(variantRowKey(r), cost);
    // A line with a dimension and a blank part: maybe a variant's own (an item of fewer dimensions), maybe a
    // line of another shape. Which, only a lookup that finds no line of its own has to ask.
    if (!isBlank(r.ItemDim1Code, r.ItemDim2Code, r.ItemDim3Code) && hasBlank(r)) {
      const item = codeKey(r.ItemCode);
      const lines = odd.get(item);
      if (lines) lines.push(r);
      else odd.set(item, [r]);
    }
  }
  return (item, color, d1, d2, d3) => {
    const own = m.get(variantPartsKey(item, color, d1, d2, d3));
    if (own) return own;
    const fallback = m.get(variantPartsKey(item, color, "", "", "")) ??
      m.get(variantPartsKey(item, "", "", "", ""));
    const line = odd.size ? odd.get(codeKey(item))?.find((r) => covers(r, [color, d1, d2, d3])) : undefined;
    if (!line) return fallback;
    return {
      kurus: null,
      currency: fallback?.currency ?? "",
      includesVat: fallback?.includesVat ?? null,
      unreadable:
        `price-list line of item ${codeOf(item)} for ${shapeOf(line)} may price this variant, but a ` +
        `line of that shape is not understood; give the variant (or its colour) a line of its own`,
    };
  };
}

const PARTS = ["ColorCode", "ItemDim1Code", "ItemDim2Code", "ItemDim3Code"] as const;
const LABELS = ["colour", "dimension 1", "dimension 2", "dimension 3"];

const isBlank = (...codes: unknown[]) => codes.every((c) => codeKey(c) === "");
const hasBlank = (r: NebimRow) => PARTS.some((p) => codeKey(r[p]) === "");

/** The line leaves a part blank that the variant has, and agrees on every part it sets: a wildcard line. */
function covers(r: NebimRow, codes: readonly string[]): boolean {
  return PARTS.every((p, i) => {
    const line = codeKey(r[p]);
    return line === "" || line === codeKey(codes[i]);
  });
}

/** "colour (none), dimension 1 XL, …": the line's codes as written. */
function shapeOf(r: NebimRow): string {
  return PARTS.map((p, i) => `${LABELS[i]} ${codeOf(r[p]) === "" ? "(none)" : codeOf(r[p])}`).join(", ");
}

/**
 * A price-list line's currency: its own, or its header's when the line leaves it blank. research/nebim.md
 * (§5.7) names both columns but not which one governs, so a line in one currency under a list in another
 * (a euro list whose lines kept a lira default) is held with both named, never priced in either.
 */
function lineCurrency(line: string, list: string, subject: string): Pick<Cost, "currency" | "unreadable"> {
  if (line === "") return { currency: list };
  if (list === "" || line.toUpperCase() === list.toUpperCase()) return { currency: line };
  return {
    currency: line,
    unreadable: `price-list line of ${subject} is in ${line} but its list (header) in ${list}; ` +
      `which one Nebim means is not known`,
  };
}

/**
 * A line's DisableDate as yyyy-mm-dd, or null for none (NULL, or Nebim's empty date 1900-01-01). The research
 * names the column, not whether a date alone (IsDisabled 0) ends or will end the line: not guessed either way.
 */
function disableDateOf(v: unknown): string | null {
  if (!(v instanceof Date) || Number.isNaN(v.getTime()) || v.getTime() <= EMPTY_DATE) return null;
  return v.toISOString().slice(0, 10);
}

const EMPTY_DATE = Date.UTC(1900, 0, 1);

/**
 * One row's price, or why it cannot be read: a bad price is its variant's problem (held, reported), never
 * the batch's; thrown out of the reader it failed every cycle, and the whole catalogue with it.
 */
function kurusOf(price: unknown, subject: string): Pick<Cost, "kurus" | "unreadable" | "tenThousandths"> {
  try {
    const kurus = toKurus(price, subject);
    const tenThousandths = toTenThousandths(price, subject);
    return tenThousandths === undefined ? { kurus } : { kurus, tenThousandths };
  } catch (e) {
    if (errorKind(e) !== "skippable") throw e;
    return { kurus: null, unreadable: errorMessage(e) };
  }
}
