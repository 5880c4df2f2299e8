/**
 * Test oracle: the bigint-only pricing as it was before the cached/Number fast path (pricing/rules.ts at
 * the time of the rewrite), kept verbatim so property tests can check the fast path gives identical results.
 * @module
 */

import type { Channel, Margin, PriceDecision, PriceInput, PriceRules } from "../../pricing/rules.ts";
import { formatKurus, MAX_EXACT_KURUS } from "../../pricing/money.ts";
import {
  add,
  ceil,
  compare,
  div,
  mul,
  type Ratio,
  ratio,
  ratioFromNumber,
  roundHalfUp,
} from "../../pricing/rational.ts";

const ZERO = ratio(0n);
const HUNDRED = ratio(100n);
const CHANNELS: readonly Channel[] = ["site", "marketplace"];

/** Site and marketplace prices in kuruş for one variant, or the reason it is held back. */
export function referencePriceFor(input: PriceInput, rules: PriceRules): PriceDecision {
  if (input.costKurus === null || input.costKurus === undefined) {
    return { ok: false, reason: "no cost in Nebim" };
  }
  const includesVat = input.costIncludesVat ?? rules.costIncludesVat;
  const prices: number[] = [];
  for (const channel of CHANNELS) {
    const p = referenceChannelPrice(input.costKurus, input.vatRate, includesVat, channel, rules);
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
export function referenceChannelPrice(
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
  return referenceExactPrice(ratio(BigInt(costKurus)), vatRate, costIncludesVat, channel, rules);
}

/**
 * The price of a positive cost given as an exact fraction of kuruş (a Nebim cost with digits past the kuruş
 * is u/100 kuruş), from the VAT checks on.
 */
export function referenceExactPrice(
  cost: Ratio,
  vatRate: number | null,
  costIncludesVat: boolean,
  channel: Channel,
  rules: PriceRules,
): number | { reason: string } {
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

  const margin = marginFor(cost, channel, rules);
  let value = add(mul(cost, onePlusPercent(margin.percent)), mul(ratioFromNumber(margin.amount), HUNDRED));
  if (vat !== null) value = vatChange === "add" ? mul(value, vat) : div(value, vat);

  const tooLow = { reason: `${channel} price would be ≤ 0` };
  if (compare(value, ZERO) <= 0) return tooLow;
  const rounded = roundPrice(value, rules.ending);
  if (rounded <= 0n) return tooLow;
  if (rounded > BigInt(MAX_EXACT_KURUS)) return { reason: `${channel} price is too large` };
  return Number(rounded);
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
