/**
 * Price-rule arbitraries for the pricing property tests. Each test chooses its own margins and range
 * bounds (everyday settings, or odd doubles for the oracle comparison); the rules are built the same way.
 * @module
 */

import fc from "fast-check";
import type { Channel, Margin, PriceRules, SpecialMargin } from "../../pricing/rules.ts";

export const endingArb = fc.constantFrom(null, "0.90" as const, "0.99" as const);
const channelArb = fc.constantFrom<Channel | undefined>(undefined, "site", "marketplace");

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
