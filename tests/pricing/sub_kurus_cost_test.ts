/**
 * A Nebim cost with digits past the kuruş (decimal(19,4), e.g. a net price 83.325 kept for a 99.99 gross
 * one) is priced with one rounding at the end (DESIGN §6), not rounded to the kuruş first.
 * @module
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { priceFor, type PriceRules, rulesFromSettings } from "../../pricing/rules.ts";
import { createNebimReader } from "../../nebim/sql/reader.ts";
import { parseSettings } from "../../settings/schema.ts";
import { mapVariants } from "../../sync/desired.ts";
import { createNebimHandler } from "../../sim/nebim/handlers/mod.ts";
import { fixture, NOW } from "../sim/nebim/fixture.ts";
import { handlerPool } from "../nebim/sql/handler_pool.ts";
import { BASE_PRICES } from "../nebim/sql/wire.ts";
import { MAPPING } from "../support/mapping.ts";
import { rulesArbitrary, ZERO_RULES } from "../support/pricing.ts";

/** Zero margins, cost without VAT, store with VAT. */
const ADD_VAT: PriceRules = { ...ZERO_RULES, storePricesIncludeVat: true };

Deno.test("a cost of 83.325 TL + 20 % VAT is 99.99, not 100.00 (83.33 × 1.2), and 99.99 with the .99 ending", () => {
  const input = { costKurus: 8333, costTenThousandths: 833250, vatRate: 20 };
  assert.deepEqual(priceFor(input, ADD_VAT), { ok: true, site: 9999, marketplace: 9999 });
  assert.deepEqual(priceFor(input, { ...ADD_VAT, ending: "0.99" }), {
    ok: true,
    site: 9999,
    marketplace: 9999,
  });
});

Deno.test("a range [from, to) compares the exact cost: 99.9950 is below 100, 100.0050 is not", () => {
  const rules: PriceRules = {
    ...ADD_VAT,
    storePricesIncludeVat: false,
    special: [{ from: 100, to: null, percent: 10, amount: 0 }],
  };
  // 99.995 rounds to 100.00 kuruş-wise, but the cost is below the range: no margin, 99.995 → 100.00 once.
  assert.deepEqual(priceFor({ costKurus: 10000, costTenThousandths: 999950, vatRate: null }, rules), {
    ok: true,
    site: 10000,
    marketplace: 10000,
  });
  // 100.0050 is inside it: 10 % → 110.0055 → 110.01.
  assert.deepEqual(priceFor({ costKurus: 10001, costTenThousandths: 1000050, vatRate: null }, rules), {
    ok: true,
    site: 11001,
    marketplace: 11001,
  });
  // A TL amount and a percent on the exact cost: 12.3456 × 1.5 + 0.01 = 18.5284 → 18.53.
  const margin: PriceRules = { ...rules, special: [], site: { percent: 50, amount: 0.01 } };
  const d = priceFor({ costKurus: 1235, costTenThousandths: 123456, vatRate: null }, margin);
  assert.deepEqual(d, { ok: true, site: 1853, marketplace: 1235 });
});

Deno.test("a cost under half a kuruş is held, saying what Nebim has, not 'cost is 0'", () => {
  const held = (costTenThousandths: number) =>
    priceFor({ costKurus: 0, costTenThousandths, vatRate: 20 }, ADD_VAT);
  assert.deepEqual(held(40), { ok: false, reason: "cost 0.0040 TL rounds to 0 kuruş" });
  assert.deepEqual(held(1), { ok: false, reason: "cost 0.0001 TL rounds to 0 kuruş" });
  assert.deepEqual(held(-49), { ok: false, reason: "cost is negative (-0.0049 TL)" });
  assert.deepEqual(priceFor({ costKurus: 0, vatRate: 20 }, ADD_VAT), { ok: false, reason: "cost is 0" });
});

Deno.test("property: a 4-decimal cost is priced as exact integer arithmetic on 1/10000 TL, rounded once", () => {
  // cost u/10000 TL, percent q/100, VAT v %: price = u/10^4 · (10000 + q)/10^4 · (100 + v)/100 TL
  // = u·(10000 + q)·(100 + v) / 10^8 kuruş, rounded half-up; all in bigint.
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1_000_000_000 }),
      fc.integer({ min: 0, max: 30000 }),
      fc.integer({ min: 0, max: 30 }),
      (u, q, v) => {
        const n = BigInt(u) * BigInt(10000 + q) * BigInt(100 + v);
        const expected = Number((n + 50_000_000n) / 100_000_000n);
        const rules: PriceRules = { ...ADD_VAT, site: { percent: q / 100, amount: 0 } };
        const kurus = Math.floor(u / 100) + (u % 100 >= 50 ? 1 : 0);
        const d = priceFor({ costKurus: kurus, costTenThousandths: u, vatRate: v }, rules);
        if (kurus === 0) return; // held as "cost is 0", checked elsewhere
        assert.ok(d.ok);
        assert.equal(d.site, expected);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("a base price of 83.325 in Nebim reaches the store as 99.99 with 20 % VAT and the .99 ending", async () => {
  const data = fixture();
  // KZK-0101's base price in effect (310.00) becomes a 4-decimal net price.
  assert.equal(
    data.update("prItemBasePrice", (r) => r.ItemCode === "KZK-0101" && r.Price === 310, { Price: 83.325 }),
    1,
  );
  const reader = createNebimReader(handlerPool(createNebimHandler(data)), BASE_PRICES, { pageSize: 2 });
  const variants = await reader.readItems(["KZK-0101"], NOW);
  const settings = parseSettings({ pricing: { ending: "0.99" } });
  const rules = rulesFromSettings(settings.pricing, settings.catalog);
  const { variants: desired } = mapVariants(variants, { ...MAPPING, rules });
  assert.ok(desired.length > 0);
  for (const d of desired) assert.deepEqual([d.price, d.marketplacePrice], [9999, 9999], d.stockCode);
});

Deno.test("property: a cost in whole kuruş prices the same given in 1/10000 TL (ranges, margins, VAT, endings)", () => {
  const margin = fc.record({
    percent: fc.integer({ min: 0, max: 20000 }).map((n) => n / 100),
    amount: fc.integer({ min: 0, max: 100000 }).map((n) => n / 100),
  });
  const bound = fc.integer({ min: 0, max: 500000 }).map((n) => n / 100);
  const rulesArb = rulesArbitrary({ margin, from: bound, width: bound.filter((w) => w > 0) });
  fc.assert(
    fc.property(
      rulesArb,
      fc.integer({ min: 1, max: 60_000_000 }),
      fc.integer({ min: 0, max: 30 }),
      (r, k, v) => {
        const kurus = priceFor({ costKurus: k, vatRate: v }, r);
        assert.deepEqual(priceFor({ costKurus: k, costTenThousandths: k * 100, vatRate: v }, r), kurus);
      },
    ),
    { numRuns: 300 },
  );
});
