import assert from "node:assert/strict";
import fc from "fast-check";
import { type Channel, priceFor, type PriceRules } from "../../pricing/rules.ts";
import { endingArb, rulesArbitrary, ZERO_RULES } from "../support/pricing.ts";

const RUNS = { numRuns: 300 };

/** Percent and TL amounts with at most two decimals, as settings allow. */
const percentArb = fc.integer({ min: 0, max: 20000 }).map((n) => n / 100);
const amountArb = fc.integer({ min: 0, max: 100000 }).map((n) => n / 100);
const marginArb = fc.record({ percent: percentArb, amount: amountArb });
/** Whole-TL bounds keep the test's own range lookup trivially exact. */
const rulesArb = rulesArbitrary({
  margin: marginArb,
  from: fc.integer({ min: 0, max: 5000 }),
  width: fc.integer({ min: 1, max: 5000 }),
});
const costArb = fc.integer({ min: 1, max: 1_000_000_000 });
const rangeCostArb = fc.integer({ min: 1, max: 1_200_000 });
const vatArb = fc.integer({ min: 0, max: 100 });

/** Which margin applies: the index of the first matching special, or -1 for the channel's own. */
function segment(costKurus: number, channel: Channel, rules: PriceRules): number {
  return rules.special.findIndex((s) =>
    (s.channel === undefined || s.channel === channel) && costKurus >= s.from * 100 &&
    (s.to === null || costKurus < s.to * 100)
  );
}

/** The smallest x ≥ value (an integer) whose kuruş part is `ending`, in plain integer arithmetic. */
function upToEnding(value: number, ending: number): number {
  const base = value - (value % 100) + ending;
  return base >= value ? base : base + 100;
}

Deno.test("property: with a cost and a VAT rate every price is a whole, positive number of kuruş", () => {
  fc.assert(
    fc.property(costArb, vatArb, rulesArb, (cost, vat, rules) => {
      const d = priceFor({ costKurus: cost, vatRate: vat }, rules);
      assert.ok(d.ok, `held: ${d.ok ? "" : d.reason}`);
      for (const p of [d.site, d.marketplace]) assert.ok(Number.isSafeInteger(p) && p > 0, `price ${p}`);
    }),
    RUNS,
  );
});

Deno.test("property: price is non-decreasing in the cost while the cost stays in one range", () => {
  fc.assert(
    // Costs up to 12000 TL, so that both often fall inside the same special range (ranges end ≤ 10000 TL).
    fc.property(rangeCostArb, rangeCostArb, vatArb, rulesArb, (x, y, vat, rules) => {
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      const a = priceFor({ costKurus: lo, vatRate: vat }, rules);
      const b = priceFor({ costKurus: hi, vatRate: vat }, rules);
      assert.ok(a.ok && b.ok);
      if (segment(lo, "site", rules) === segment(hi, "site", rules)) assert.ok(a.site <= b.site);
      if (segment(lo, "marketplace", rules) === segment(hi, "marketplace", rules)) {
        assert.ok(a.marketplace <= b.marketplace);
      }
    }),
    RUNS,
  );
});

Deno.test("property: a price that already has the ending comes back unchanged (zero margins, no VAT change)", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 10_000_000 }),
      endingArb,
      fc.boolean(),
      (lira, ending, vatIncluded) => {
        const price = ending === null ? lira + 1 : lira * 100 + (ending === "0.90" ? 90 : 99);
        const rules: PriceRules = {
          site: { percent: 0, amount: 0 },
          marketplace: { percent: 0, amount: 0 },
          special: [],
          ending,
          costIncludesVat: vatIncluded,
          storePricesIncludeVat: vatIncluded,
        };
        assert.deepEqual(priceFor({ costKurus: price, vatRate: null }, rules), {
          ok: true,
          site: price,
          marketplace: price,
        });
      },
    ),
    RUNS,
  );
});

Deno.test("property: percentages with two decimals are exact (agrees with integer arithmetic)", () => {
  // cost = 100·m TL and percent = q/100: the exact price is m·(10000 + q) kuruş, an integer.
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100_000 }),
      fc.integer({ min: 0, max: 30000 }),
      endingArb,
      (m, q, ending) => {
        const exact = m * (10000 + q);
        const expected = ending === null ? exact : upToEnding(exact, ending === "0.90" ? 90 : 99);
        const rules: PriceRules = {
          site: { percent: q / 100, amount: 0 },
          marketplace: { percent: 0, amount: 0 },
          special: [],
          ending,
          costIncludesVat: false,
          storePricesIncludeVat: false,
        };
        const d = priceFor({ costKurus: m * 10000, vatRate: null }, rules);
        assert.ok(d.ok);
        assert.equal(d.site, expected);
      },
    ),
    RUNS,
  );
});

Deno.test("property: TL amounts with two decimals are exact (cost + amount·100 kuruş)", () => {
  fc.assert(
    fc.property(costArb, fc.integer({ min: 0, max: 1_000_000 }), endingArb, (cost, cents, ending) => {
      const exact = cost + cents;
      const expected = ending === null ? exact : upToEnding(exact, ending === "0.90" ? 90 : 99);
      const rules: PriceRules = {
        site: { percent: 0, amount: 0 },
        marketplace: { percent: 0, amount: cents / 100 },
        special: [],
        ending,
        costIncludesVat: true,
        storePricesIncludeVat: true,
      };
      const d = priceFor({ costKurus: cost, vatRate: null }, rules);
      assert.ok(d.ok);
      assert.equal(d.marketplace, expected);
    }),
    RUNS,
  );
});

Deno.test("property: removing VAT from a VAT-inclusive cost gives back the net price exactly", () => {
  // net = 100·t kuruş; gross = t·(100 + v) kuruş; gross ÷ (1 + v/100) must be exactly net.
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1_000_000 }), vatArb, (t, v) => {
      const rules: PriceRules = { ...ZERO_RULES, costIncludesVat: true };
      assert.deepEqual(priceFor({ costKurus: t * (100 + v), vatRate: v }, rules), {
        ok: true,
        site: t * 100,
        marketplace: t * 100,
      });
    }),
    RUNS,
  );
});
