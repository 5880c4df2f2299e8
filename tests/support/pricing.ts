/**
 * Price-rule arbitraries for the pricing property tests. Each test chooses its own margins and range
 * bounds (everyday settings, or odd doubles for the oracle comparison); the rules are built the same way.
 * @module
 */

import fc from "fast-check";
import type { Channel, Margin, PriceRules, SpecialMargin } from "../../pricing/rules.ts";

/** Zero margins, no specials, no ending, cost and store both VAT-exclusive: no VAT change. */
export const ZERO_RULES: Readonly<PriceRules> = {
  site: { percent: 0, amount: 0 },
  marketplace: { percent: 0, amount: 0 },
  special: [],
  ending: null,
  costIncludesVat: false,
  storePricesIncludeVat: false,
};

export const endingArb = fc.constantFrom(null, "0.90" as const, "0.99" as const);
const channelArb = fc.constantFrom<Channel | undefined>(undefined, "site", "marketplace");

/** Settings-like percents (two decimals, odd ones such as 33.33 and 7.25 included) and odd doubles. */
const oddPercentArb = fc.oneof(
  fc.constantFrom(0, 33.33, 7.25, 12.5, 99.99, 0.01, -10, -99.99, 200, 1e-7, 0.1 + 0.2),
  fc.integer({ min: -10000, max: 50000 }).map((n) => n / 100),
  fc.double({ min: -150, max: 1000, noNaN: true }),
);
const oddAmountArb = fc.oneof(
  fc.constantFrom(0, 0.01, 9.99, 14.99, -5.5, 1e6),
  fc.integer({ min: -100000, max: 1_000_000 }).map((n) => n / 100),
  fc.double({ min: -1000, max: 1e7, noNaN: true }),
);
/** Margins for the bigint-reference comparisons: everyday, negative and odd doubles. */
export const oddMarginArb: fc.Arbitrary<Margin> = fc.record({ percent: oddPercentArb, amount: oddAmountArb });

export interface RulesParts {
  margin: fc.Arbitrary<Margin>;
  /** A special range's lower bound in TL, and its width (none: open-ended). */
  from: fc.Arbitrary<number>;
  width: fc.Arbitrary<number>;
}

/** Whole rules: both channels' margins, up to four special ranges (any channel), an ending, VAT footings. */
export function rulesArbitrary(p: RulesParts): fc.Arbitrary<PriceRules> {
  const special: fc.Arbitrary<SpecialMargin> = fc
    .record({
      from: p.from,
      width: fc.option(p.width, { nil: null }),
      margin: p.margin,
      channel: channelArb,
    })
    .map(({ from, width, margin, channel }) => ({
      from,
      to: width === null ? null : from + width,
      ...margin,
      ...(channel === undefined ? {} : { channel }),
    }));
  return fc.record({
    site: p.margin,
    marketplace: p.margin,
    special: fc.array(special, { maxLength: 4 }),
    ending: endingArb,
    costIncludesVat: fc.boolean(),
    storePricesIncludeVat: fc.boolean(),
  });
}
