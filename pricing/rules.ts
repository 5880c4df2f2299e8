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
 * - A Nebim cost with digits past the kuruş (decimal(19,4): a net price such as 83.325 derived from 99.99
 *   gross) is priced exactly (`costTenThousandths`), not rounded to the kuruş first: rounding twice made
 *   83.325 × 1.20 = 99.99 into 100.00, and with the .99 ending into 100.99.
 * - The TL `amount` is added in the cost's VAT terms, so when VAT is added it is added to the amount too.
 * - All arithmetic is exact (integer ratios; a JS number is taken at its shortest decimal text), so
 *   100.00 + 0.72 % is exactly 100.72 and an ending rounding never jumps a whole lira on float noise. The
 *   ratios are built once per PriceRules object (exact_price.ts does the per-item math, in Number when
 *   provably exact, else bigint), so a PriceRules must not be mutated after it has priced something.
 * - Anything doubtful holds the item with a reason instead of pushing a wrong price.
 *
 * Pure: no clock, no I/O. Malformed rules (NaN, Infinity) are a programming error and throw; settings
 * validation keeps them out.
 * @module
 */

import type { CatalogSettings, PricingSettings } from "../settings/schema.ts";
import { formatKurus, formatTenThousandths, MAX_EXACT_KURUS } from "./money.ts";
import {
  type CompiledMargin,
  compileMargin,
  roundedPrice,
  type VatFactor,
  vatFactor,
} from "./exact_price.ts";
import { ceil, ratio, ratioFromNumber } from "./rational.ts";

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
  /**
   * The cost exactly, in 1/10000 TL, when Nebim's decimal has digits past the kuruş (`costKurus` is then its
   * half-up rounding, for the messages and the cost checks); absent = `costKurus` is exact.
   */
  costTenThousandths?: number | null;
}

export type PriceDecision =
  | { ok: true; site: number; marketplace: number }
  | { ok: false; reason: string };

/** Site and marketplace prices in kuruş for one variant, or the reason it is held back. */
export function priceFor(input: PriceInput, rules: PriceRules): PriceDecision {
  const cost = input.costKurus;
  if (cost === null || cost === undefined) return { ok: false, reason: "no cost in Nebim" };
  const includesVat = input.costIncludesVat ?? rules.costIncludesVat;
  const fine = input.costTenThousandths;
  const site = channelPrice(cost, input.vatRate, includesVat, "site", rules, fine);
  if (typeof site !== "number") return { ok: false, reason: site.reason };
  const marketplace = channelPrice(cost, input.vatRate, includesVat, "marketplace", rules, fine);
  if (typeof marketplace !== "number") return { ok: false, reason: marketplace.reason };
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
  costTenThousandths?: number | null,
): number | { reason: string } {
  if (!Number.isSafeInteger(costKurus)) {
    return { reason: `cost is not a whole number of kuruş (${costKurus})` };
  }
  if (costKurus === 0) return { reason: zeroCost(costTenThousandths) };
  if (costKurus < 0) return { reason: `cost is negative (${formatKurus(costKurus)} TL)` };

  const vatChange = costIncludesVat === rules.storePricesIncludeVat
    ? "none"
    : costIncludesVat
    ? "remove"
    : "add";
  let vat: VatFactor | null = null;
  if (vatChange !== "none") {
    if (vatRate === null || !Number.isFinite(vatRate)) return { reason: "unknown VAT rate" };
    if (vatRate < 0) return { reason: `VAT rate is negative (${vatRate} %)` };
    vat = vatFactor(vatRate);
  }

  const compiled = compiledRules(rules);
  // Only a positive whole number of 1/10000 TL is a finer cost; anything else falls back to the kuruş.
  const fine = typeof costTenThousandths === "number" && Number.isSafeInteger(costTenThousandths) &&
    costTenThousandths > 0;
  const cost = fine ? costTenThousandths : costKurus;
  const margin = marginFor(cost, fine, channel, compiled);
  const rounded = roundedPrice(cost, margin, vat, vatChange === "add", rules.ending);
  if (rounded <= 0) return { reason: `${channel} price would be ≤ 0` };
  // Beyond 15 digits of kuruş the store's JSON number could carry another price (money.ts).
  if (rounded > MAX_EXACT_KURUS) return { reason: `${channel} price is too large` };
  return Number(rounded);
}

/**
 * Why a cost of 0 kuruş is held. A Nebim cost under half a kuruş (0.0001–0.0049 TL, or as far below 0) is not
 * 0 there: saying "cost is 0" sent the merchant looking for a row that does not exist.
 */
function zeroCost(tenThousandths: number | null | undefined): string {
  if (typeof tenThousandths !== "number" || !Number.isSafeInteger(tenThousandths) || tenThousandths === 0) {
    return "cost is 0";
  }
  const tl = formatTenThousandths(tenThousandths);
  return tenThousandths < 0 ? `cost is negative (${tl} TL)` : `cost ${tl} TL rounds to 0 kuruş`;
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

/** A special range in whole kuruş: cost ∈ [from, to) ⇔ cost ≥ ceil(from·100) and cost < ceil(to·100). */
interface CompiledSpecial {
  readonly source: SpecialMargin;
  readonly channel: Channel | undefined;
  /** NaN when `from`/`to` is not a finite number: the lookup then throws as the exact comparison did. */
  readonly from: number;
  readonly to: number | null;
  /** The same bounds in 1/10000 TL, for a cost with digits past the kuruş. */
  readonly fromFine: number;
  readonly toFine: number | null;
  /** Built on first use, so a malformed margin throws only when its range is the one that matches. */
  margin: CompiledMargin | null;
  /** The margin for a cost in 1/10000 TL. */
  marginFine: CompiledMargin | null;
}

interface CompiledRules {
  readonly source: PriceRules;
  readonly special: readonly CompiledSpecial[];
  site: CompiledMargin | null;
  marketplace: CompiledMargin | null;
  siteFine: CompiledMargin | null;
  marketplaceFine: CompiledMargin | null;
}

/**
 * Everything in a PriceRules that does not depend on the item, computed once per rules object (the sync
 * prices every variant with the same one). PriceRules are treated as immutable once priced with.
 */
const compiledCache = new WeakMap<PriceRules, CompiledRules>();

function compiledRules(rules: PriceRules): CompiledRules {
  let compiled = compiledCache.get(rules);
  if (compiled === undefined) {
    compiled = {
      source: rules,
      special: rules.special.map((s) => ({
        source: s,
        channel: s.channel,
        from: bound(s.from, 100n),
        to: s.to === null ? null : bound(s.to, 100n),
        fromFine: bound(s.from, 10000n),
        toFine: s.to === null ? null : bound(s.to, 10000n),
        margin: null,
        marginFine: null,
      })),
      site: null,
      marketplace: null,
      siteFine: null,
      marketplaceFine: null,
    };
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

/**
 * ceil(tl·perTl) as a Number (perTl: cost units per TL): exact below 2^53, and beyond that still on the right
 * side of every safe cost.
 */
function bound(tl: number, perTl: bigint): number {
  if (!Number.isFinite(tl)) return Number.NaN;
  const r = ratioFromNumber(tl);
  return Number(ceil(ratio(r.n * perTl, r.d)));
}

/** The first special range holding the cost (in kuruş, or in 1/10000 TL when `fine`), or undefined. */
function specialFor(
  cost: number,
  fine: boolean,
  channel: Channel,
  rules: CompiledRules,
): CompiledSpecial | undefined {
  for (const s of rules.special) {
    if (s.channel !== undefined && s.channel !== channel) continue;
    const from = fine ? s.fromFine : s.from;
    const to = fine ? s.toFine : s.to;
    if (Number.isNaN(from)) ratioFromNumber(s.source.from); // throws the "not a finite number" error
    if (cost < from) continue;
    if (to !== null) {
      if (Number.isNaN(to)) ratioFromNumber(s.source.to as number); // not null: to is not null
      if (cost >= to) continue;
    }
    return s;
  }
  return undefined;
}

/** The margin for a cost in kuruş, or in 1/10000 TL when `fine` (compiled for 100 units a kuruş). */
function marginFor(cost: number, fine: boolean, channel: Channel, rules: CompiledRules): CompiledMargin {
  const s = specialFor(cost, fine, channel, rules);
  if (s !== undefined) {
    return fine ? (s.marginFine ??= compileMargin(s.source, 100n)) : (s.margin ??= compileMargin(s.source));
  }
  if (channel === "site") {
    return fine
      ? (rules.siteFine ??= compileMargin(rules.source.site, 100n))
      : (rules.site ??= compileMargin(rules.source.site));
  }
  return fine
    ? (rules.marketplaceFine ??= compileMargin(rules.source.marketplace, 100n))
    : (rules.marketplace ??= compileMargin(rules.source.marketplace));
}
