import assert from "node:assert/strict";
import fc from "fast-check";
import {
  type Channel,
  channelPrice,
  priceFor,
  type PriceInput,
  type PriceRules,
} from "../../pricing/rules.ts";
import { oddMarginArb as marginArb, rulesArbitrary } from "../support/pricing.ts";
import { referenceChannelPrice, referencePriceFor } from "./reference_rules.ts";

const RUNS = { numRuns: 400 };
const MAX = Number.MAX_SAFE_INTEGER;

const boundArb = fc.oneof(
  fc.integer({ min: 0, max: 20000 }),
  fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 100),
  fc.double({ min: 0, max: 1e14, noNaN: true }),
);
const rulesArb = rulesArbitrary({ margin: marginArb, from: boundArb, width: boundArb });
/** Everyday costs, costs near the top of the safe integers (the bigint fallback) and odd values. */
const costArb = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.integer({ min: 1, max: MAX }),
  fc.integer({ min: MAX - 1_000_000, max: MAX }),
  fc.constantFrom(0, -1, -12345, 1, 99, 100, MAX, 1.5, Number.NaN, MAX + 1),
);
const vatArb = fc.oneof(
  fc.constantFrom(0, 1, 8, 10, 18, 20, 1.5, 33.33, null, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e-9),
  fc.integer({ min: 0, max: 100 }),
);
const inputArb: fc.Arbitrary<PriceInput> = fc.record({
  costKurus: fc.option(costArb, { nil: null }),
  vatRate: vatArb,
  costIncludesVat: fc.constantFrom(undefined, null, true, false),
});

Deno.test("property: priceFor equals the bigint reference on random rules and inputs (cached rules reused)", () => {
  fc.assert(
    fc.property(rulesArb, fc.array(inputArb, { minLength: 1, maxLength: 8 }), (rules, inputs) => {
      // Several inputs per rules object, so later calls run on the cached, compiled rules.
      for (const input of inputs) {
        assert.deepEqual(priceFor(input, rules), referencePriceFor(input, rules), JSON.stringify(input));
      }
    }),
    RUNS,
  );
});

Deno.test("property: channelPrice equals the bigint reference for both VAT directions and each ending", () => {
  fc.assert(
    fc.property(
      rulesArb,
      costArb,
      vatArb,
      fc.boolean(),
      fc.constantFrom<Channel>("site", "marketplace"),
      (rules, cost, vat, includes, channel) => {
        assert.deepEqual(
          channelPrice(cost, vat, includes, channel, rules),
          referenceChannelPrice(cost, vat, includes, channel, rules),
        );
      },
    ),
    RUNS,
  );
});

Deno.test("priceFor agrees with the reference where the Number path must hand over to bigint", () => {
  const rules: PriceRules = {
    site: { percent: 33.33, amount: 7.25 },
    marketplace: { percent: 0.123456789, amount: 0.01 },
    special: [{ from: 1e13, to: null, percent: 7.25, amount: 999999.99 }],
    ending: "0.90",
    costIncludesVat: false,
    storePricesIncludeVat: true,
  };
  // A price above 15 digits of kuruş (what a JSON number carries exactly) is "too large" in both.
  for (const cost of [1, 12_345, 1e11, 2e11, 1e15, MAX - 1, MAX]) {
    for (const vatRate of [20, 10, 33.33]) {
      for (const ending of [null, "0.90", "0.99"] as const) {
        const r = { ...rules, ending };
        const input = { costKurus: cost, vatRate };
        assert.deepEqual(priceFor(input, r), referencePriceFor(input, r), `${cost} ${vatRate} ${ending}`);
      }
    }
  }
  const huge = priceFor({ costKurus: MAX, vatRate: 20 }, rules);
  assert.deepEqual(huge, { ok: false, reason: "site price is too large" });
  // 1e15 kuruş of cost makes a 16-digit price: held, though still a safe integer.
  assert.deepEqual(priceFor({ costKurus: 1e15, vatRate: 20 }, rules), {
    ok: false,
    reason: "site price is too large",
  });
});

Deno.test("malformed rules throw the same error, only when the bad field is reached", () => {
  const rules: PriceRules = {
    site: { percent: 10, amount: 0 },
    marketplace: { percent: Number.NaN, amount: 0 },
    special: [
      { from: 0, to: 100, percent: Number.POSITIVE_INFINITY, amount: 0 },
      { from: Number.NaN, to: null, percent: 0, amount: 0, channel: "site" },
    ],
    ending: null,
    costIncludesVat: false,
    storePricesIncludeVat: false,
  };
  for (const cost of [5_000, 50_000]) {
    for (const channel of ["site", "marketplace"] as const) {
      const run = (f: typeof channelPrice) => {
        try {
          return f(cost, null, false, channel, rules);
        } catch (e) {
          return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        }
      };
      const got = run(channelPrice);
      assert.equal(typeof got, "string", `${cost} ${channel} should throw`);
      assert.deepEqual(got, run(referenceChannelPrice));
    }
  }
  // A bad range after the matching one, or a bad channel margin not needed, is never reached: no throw.
  const fine: PriceRules = {
    ...rules,
    special: [{ from: 0, to: 100, percent: 10, amount: 0 }, ...rules.special.slice(1)],
  };
  const input = { costKurus: 5_000, vatRate: null };
  assert.deepEqual(priceFor(input, fine), { ok: true, site: 5_500, marketplace: 5_500 });
  assert.deepEqual(priceFor(input, fine), referencePriceFor(input, fine));
});
