/**
 * Each price source's rows as a cost lookup per variant: a base price per item, or the price-list line that
 * matches the variant most closely.
 * @module
 */

import { errorKind, errorMessage } from "../../errors.ts";
import { codeKey, codeOf, flagOf, toKurus, toTenThousandths, variantPartsKey, variantRowKey } from "./map.ts";
import type { NebimRow } from "./pool.ts";

export interface Cost {
  /** null when the row's price cannot be held exactly in kuruş: `unreadable` says why. */
  kurus: number | null;
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
  return (item) => m.get(codeKey(item));
}

/** The variant's own line beats the colour's line (empty sizes), which beats the item's (all empty). */
export function priceListCosts(rows: readonly NebimRow[]): CostLookup {
  const m = new Map<string, Cost>();
  for (const r of rows) {
    m.set(variantRowKey(r), {
      ...kurusOf(r.Price, `item ${codeOf(r.ItemCode)} ${codeOf(r.ColorCode)}`.trim()),
      currency: codeOf(r.DocCurrencyCode).trim(),
      includesVat: flagOf(r.IsTaxIncluded, false),
    });
  }
  return (item, color, d1, d2, d3) =>
    m.get(variantPartsKey(item, color, d1, d2, d3)) ??
      m.get(variantPartsKey(item, color, "", "", "")) ??
      m.get(variantPartsKey(item, "", "", "", ""));
}

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
