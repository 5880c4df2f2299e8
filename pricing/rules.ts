/**
 * Price rules (DESIGN §6): the store price of a variant for each channel from its Nebim cost.
 *
 *   price = cost × (1 + percent/100) + amount      margin on the cost first,
 *         × (1 + vat/100)  or  ÷ (1 + vat/100)      then VAT (added, removed or left alone),
 *         rounded once                              half-up to the kuruş, or up to the next .90/.99.
 *
 * - `percent`/`amount` come from the first special margin whose range [from, to) contains the cost and
 *   whose channel matches (no channel = both), else from the channel's own margin.
 * - The cost compared with the ranges is the cost **as read from Nebim**, in its own VAT terms, before any
 *   margin or VAT change: that is the number the operator sees in Nebim when choosing the ranges.
 * - The TL `amount` is added in the cost's VAT terms, so when VAT is added it is added to the amount too.
 * - All arithmetic is exact (bigint fractions; a JS number is taken at its shortest decimal text), so
 *   100.00 + 0.72 % is exactly 100.72 and an ending rounding never jumps a whole lira on float noise.
 * - Anything doubtful holds the item with a reason instead of pushing a wrong price.
 *
 * Pure: no clock, no I/O. Malformed rules (NaN, Infinity) are a programming error and throw; settings
 * validation keeps them out.
 * @module
 */

import type { CatalogSettings, PricingSettings } from "../settings/schema.ts";
import { formatKurus } from "./money.ts";
import { add, ceil, compare, div, mul, type Ratio, ratio, ratioFromNumber, roundHalfUp } from "./rational.ts";

export type Channel = "site" | "marketplace";

/** A margin as in settings: percent (12.5 = 12.5 %) and a TL amount (up to 2 decimals). */
export interface Margin {
  percent: number;
  amount: number;
}

/** A margin for costs in [from, to) TL; `to` null = no upper bound; no `channel` = both channels. */
export interface SpecialMargin extends Margin {
  from: number;
  to: number | null;
  channel?: Channel;
}

export interface PriceRules {
  site: Margin;
  marketplace: Margin;
  /** First match wins. */
  special: SpecialMargin[];
  ending: null | "0.90" | "0.99";
  /** Whether Nebim's cost includes VAT, unless the item says otherwise (PriceInput.costIncludesVat). */
  costIncludesVat: boolean;
  storePricesIncludeVat: boolean;
}

export interface PriceInput {
  costKurus: number | null;
  /** VAT rate in percent (20 = 20 %); null when Nebim's tax chain is broken. */
  vatRate: number | null;
  /** Per-item override from a price list's IsTaxIncluded; null/absent = the rules' costIncludesVat. */
  costIncludesVat?: boolean | null;
}

export type PriceDecision =
  | { ok: true; site: number; marketplace: number }
  | { ok: false; reason: string };

const ZERO = ratio(0n);
const HUNDRED = ratio(100n);
const CHANNELS: readonly Channel[] = ["site", "marketplace"];

/** Site and marketplace prices in kuruş for one variant, or the reason it is held back. */
export function priceFor(input: PriceInput, rules: PriceRules): PriceDecision {
  if (input.costKurus === null || input.costKurus === undefined) {
    return { ok: false, reason: "no cost in Nebim" };
  }
  const includesVat = input.costIncludesVat ?? rules.costIncludesVat;
  const prices: number[] = [];
  for (const channel of CHANNELS) {
    const p = channelPrice(input.costKurus, input.vatRate, includesVat, channel, rules);
    if (typeof p !== "number") return { ok: false, reason: p.reason };
    prices.push(p);
  }
  const [site = 0, marketplace = 0] = prices;
  return { ok: true, site, marketplace };
}

/**
 * One channel's price in kuruş, or why there is none. `vatRate` may be null when no VAT change is needed
 * (cost and store on the same VAT footing).
 */
export function channelPrice(
  costKurus: number,
  vatRate: number | null,
  costIncludesVat: boolean,
  channel: Channel,
  rules: PriceRules,
): number | { reason: string } {
  if (!Number.isSafeInteger(costKurus)) {
    return { reason: `cost is not a whole number of kuruş (${costKurus})` };
  }
  if (costKurus === 0) return { reason: "cost is 0" };
  if (costKurus < 0) return { reason: `cost is negative (${formatKurus(costKurus)} TL)` };

  const vatChange = costIncludesVat === rules.storePricesIncludeVat
    ? "none"
    : costIncludesVat
    ? "remove"
    : "add";
  let vat: Ratio | null = null;
  if (vatChange !== "none") {
    if (vatRate === null || !Number.isFinite(vatRate)) return { reason: "unknown VAT rate" };
    if (vatRate < 0) return { reason: `VAT rate is negative (${vatRate} %)` };
    vat = onePlusPercent(vatRate);
  }

  const cost = ratio(BigInt(costKurus));
  const margin = marginFor(cost, channel, rules);
  let value = add(mul(cost, onePlusPercent(margin.percent)), mul(ratioFromNumber(margin.amount), HUNDRED));
  if (vat !== null) value = vatChange === "add" ? mul(value, vat) : div(value, vat);

  const tooLow = { reason: `${channel} price would be ≤ 0` };
  if (compare(value, ZERO) <= 0) return tooLow;
  const rounded = roundPrice(value, rules.ending);
  if (rounded <= 0n) return tooLow;
  if (rounded > BigInt(Number.MAX_SAFE_INTEGER)) return { reason: `${channel} price is too large` };
  return Number(rounded);
}

/** The price rules from the settings document. */
export function rulesFromSettings(pricing: PricingSettings, catalog: CatalogSettings): PriceRules {
  return {
    site: { percent: pricing.site.percent, amount: pricing.site.amount },
    marketplace: { percent: pricing.marketplace.percent, amount: pricing.marketplace.amount },
    special: pricing.special.map((s) => ({
      from: s.from,
      to: s.to,
      percent: s.percent,
      amount: s.amount,
      ...(s.channel === undefined ? {} : { channel: s.channel }),
    })),
    ending: pricing.ending,
    costIncludesVat: catalog.costIncludesVat,
    storePricesIncludeVat: catalog.storePricesIncludeVat,
  };
}

function marginFor(costKurus: Ratio, channel: Channel, rules: PriceRules): Margin {
  const special = rules.special.find((s) =>
    (s.channel === undefined || s.channel === channel) &&
    compare(costKurus, kurusOf(s.from)) >= 0 &&
    (s.to === null || compare(costKurus, kurusOf(s.to)) < 0)
  );
  return special ?? rules[channel];
}

function kurusOf(tl: number): Ratio {
  return mul(ratioFromNumber(tl), HUNDRED);
}

function onePlusPercent(percent: number): Ratio {
  return add(ratio(1n), div(ratioFromNumber(percent), HUNDRED));
}

/** One rounding: half-up to the kuruş, or up to the nearest price ≥ value whose kuruş part is the ending. */
function roundPrice(value: Ratio, ending: PriceRules["ending"]): bigint {
  if (ending === null) return roundHalfUp(value);
  const e = ending === "0.90" ? 90n : 99n;
  // The smallest 100·k + e ≥ value; prices are whole kuruş, so compare with ceil(value).
  return ceil(ratio(ceil(value) - e, 100n)) * 100n + e;
}
