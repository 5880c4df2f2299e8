import assert from "node:assert/strict";
import {
  add,
  ceil,
  compare,
  div,
  floor,
  mul,
  ratio,
  ratioFromNumber,
  roundHalfUp,
} from "../../pricing/rational.ts";

Deno.test("ratioFromNumber takes the shortest decimal text exactly", () => {
  assert.deepEqual(ratioFromNumber(0.1), { n: 1n, d: 10n });
  assert.deepEqual(ratioFromNumber(-12.5), { n: -125n, d: 10n });
  assert.deepEqual(ratioFromNumber(1.5e-7), { n: 15n, d: 100000000n });
  assert.deepEqual(ratioFromNumber(1e21), { n: 10n ** 21n, d: 1n });
  assert.deepEqual(ratioFromNumber(-0), { n: 0n, d: 1n });
  assert.throws(() => ratioFromNumber(Infinity), RangeError);
  assert.throws(() => ratioFromNumber(Number.NaN), RangeError);
});

Deno.test("arithmetic is exact: 0.1 + 0.2 = 0.3", () => {
  assert.equal(compare(add(ratioFromNumber(0.1), ratioFromNumber(0.2)), ratioFromNumber(0.3)), 0);
  assert.equal(compare(mul(ratio(3n), ratio(1n, 3n)), ratio(1n)), 0);
  assert.equal(compare(div(ratio(1n), ratio(3n)), ratio(1n, 3n)), 0);
  assert.equal(compare(ratio(1n, 3n), ratio(1n, 2n)), -1);
  assert.deepEqual(ratio(1n, -2n), { n: -1n, d: 2n });
  assert.throws(() => ratio(1n, 0n), RangeError);
  assert.throws(() => div(ratio(1n), ratio(0n)), RangeError);
});

Deno.test("floor, ceil and half-up rounding, including negatives", () => {
  assert.equal(floor(ratio(7n, 2n)), 3n);
  assert.equal(floor(ratio(-7n, 2n)), -4n);
  assert.equal(floor(ratio(-6n, 2n)), -3n);
  assert.equal(ceil(ratio(7n, 2n)), 4n);
  assert.equal(ceil(ratio(-7n, 2n)), -3n);
  assert.equal(ceil(ratio(6n, 2n)), 3n);
  assert.equal(roundHalfUp(ratio(5n, 2n)), 3n);
  assert.equal(roundHalfUp(ratio(-5n, 2n)), -3n);
  assert.equal(roundHalfUp(ratio(249n, 100n)), 2n);
  assert.equal(roundHalfUp(ratio(-249n, 100n)), -2n);
});
