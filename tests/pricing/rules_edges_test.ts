/**
 * Edges of priceFor that the random comparisons with the reference (rules_oracle_test.ts) seldom or never
 * reach: the largest price a JSON number carries, a range bound between two kuruş, and a price of exactly 0
 * under an ending. Each was found by hand mutation of pricing/ (a `>=` for `>`, a truncated bound, `< 0` for
 * `<= 0`) that the other pricing tests let pass.
 */
import assert from "node:assert/strict";
import { priceFor, type PriceRules } from "../../pricing/rules.ts";
import { ZERO_RULES } from "../support/pricing.ts";

/** 15 nines: the largest whole kuruş a JSON number carries exactly (a literal, so a changed constant fails). */
const FIFTEEN_DIGITS = 999_999_999_999_999;

const BASE = ZERO_RULES;

const ok = (price: number) => ({ ok: true, site: price, marketplace: price });

Deno.test("priceFor: a price of exactly 15 digits of kuruş is sent; one kuruş more is held", () => {
  assert.deepEqual(priceFor({ costKurus: FIFTEEN_DIGITS, vatRate: null }, BASE), ok(FIFTEEN_DIGITS));
  assert.deepEqual(priceFor({ costKurus: FIFTEEN_DIGITS + 1, vatRate: null }, BASE), {
    ok: false,
    reason: "site price is too large",
  });
});

Deno.test("priceFor: a range bound between two kuruş (hand-made rules) holds the kuruş above it, not below", () => {
  // [0.555, ∞) TL: 0.55 is below it, 0.56 inside; [0, 0.555): 0.55 inside, 0.56 not.
  const from: PriceRules = { ...BASE, special: [{ from: 0.555, to: null, percent: 100, amount: 0 }] };
  assert.deepEqual(priceFor({ costKurus: 55, vatRate: null }, from), ok(55));
  assert.deepEqual(priceFor({ costKurus: 56, vatRate: null }, from), ok(112));
  const to: PriceRules = { ...BASE, special: [{ from: 0, to: 0.555, percent: 100, amount: 0 }] };
  assert.deepEqual(priceFor({ costKurus: 55, vatRate: null }, to), ok(110));
  assert.deepEqual(priceFor({ costKurus: 56, vatRate: null }, to), ok(56));
});

Deno.test("priceFor: a price of exactly 0 is held under an ending too, not raised to 0.90", () => {
  const zero: PriceRules = { ...BASE, site: { percent: -100, amount: 0 }, ending: "0.90" };
  const held = { ok: false, reason: "site price would be ≤ 0" };
  // Number arithmetic.
  assert.deepEqual(priceFor({ costKurus: 10000, vatRate: null }, zero), held);
  // bigint arithmetic: a VAT factor with 22 digits (1e-20 %) is past the safe integers.
  const withVat: PriceRules = { ...zero, storePricesIncludeVat: true };
  assert.deepEqual(priceFor({ costKurus: 10000, vatRate: 1e-20 }, withVat), held);
});
