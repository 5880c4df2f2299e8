/**
 * A cost with digits past the kuruş (costTenThousandths) against the bigint reference run on the exact
 * cost, u/100 kuruş: odd margins, ranges, both VAT directions, endings, and costs near 2^53 units where the
 * Number path hands over to bigint.
 * @module
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { priceFor } from "../../pricing/rules.ts";
import { ratio } from "../../pricing/rational.ts";
import { oddMarginArb, rulesArbitrary } from "../support/pricing.ts";
import { referenceExactPrice } from "./reference_rules.ts";

const MAX = Number.MAX_SAFE_INTEGER;
const boundArb = fc.oneof(
  fc.integer({ min: 0, max: 20000 }),
  fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 100),
  fc.integer({ min: 0, max: 2_000_000_000 }).map((n) => n / 10000),
  fc.double({ min: 0, max: 1e14, noNaN: true }),
);
const rulesArb = rulesArbitrary({ margin: oddMarginArb, from: boundArb, width: boundArb });
/** Costs in 1/10000 TL with digits past the kuruş: everyday, up to 2^53 units, and near the top. */
const unitsArb = fc.oneof(
  fc.integer({ min: 1, max: 100_000_000 }),
  fc.integer({ min: 1, max: MAX }),
  fc.integer({ min: MAX - 1_000_000, max: MAX }),
).filter((u) => u % 100 !== 0);
const vatArb = fc.oneof(
  fc.constantFrom(0, 1, 8, 10, 18, 20, 1.5, 33.33, null),
  fc.integer({ min: 0, max: 100 }),
);

Deno.test("property: a cost in 1/10000 TL prices as the bigint reference on the exact cost", () => {
  const input = fc.tuple(unitsArb, vatArb, fc.boolean());
  fc.assert(
    fc.property(rulesArb, fc.array(input, { minLength: 1, maxLength: 6 }), (r, inputs) => {
      // Several inputs per rules object, so later calls run on the cached, compiled rules.
      for (const [u, vatRate, includes] of inputs) {
        const costKurus = Number((BigInt(u) + 50n) / 100n); // toKurus: half-up
        if (costKurus === 0) continue; // held as "cost is 0" (sub_kurus_cost_test.ts)
        const cost = ratio(BigInt(u), 100n);
        const site = referenceExactPrice(cost, vatRate, includes, "site", r);
        const marketplace = referenceExactPrice(cost, vatRate, includes, "marketplace", r);
        const expected = typeof site !== "number"
          ? { ok: false, ...site }
          : typeof marketplace !== "number"
          ? { ok: false, ...marketplace }
          : { ok: true, site, marketplace };
        const got = priceFor({ costKurus, costTenThousandths: u, vatRate, costIncludesVat: includes }, r);
        assert.deepEqual(got, expected, JSON.stringify({ u, vatRate, includes }));
      }
    }),
    { numRuns: 3000 },
  );
});
