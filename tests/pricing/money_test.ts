import assert from "node:assert/strict";
import fc from "fast-check";
import { decimalFromKurus, decimalPlaces, formatKurus, kurusFromDecimal } from "../../pricing/money.ts";

Deno.test("kurusFromDecimal rounds half-up on the decimal text, not the binary float", () => {
  assert.equal(kurusFromDecimal(19.99), 1999); // 19.99 * 100 = 1998.9999999999998
  assert.equal(kurusFromDecimal(1.005), 101); // 1.005 * 100 = 100.49999999999999
  assert.equal(kurusFromDecimal(0.1 + 0.2), 30); // 0.30000000000000004
  assert.equal(kurusFromDecimal(1.004), 100);
  assert.equal(kurusFromDecimal(-1.005), -101); // half away from zero
  assert.equal(kurusFromDecimal(1e-7), 0);
  assert.equal(kurusFromDecimal(899.9), 89990);
  assert.equal(kurusFromDecimal(0), 0);
  assert.throws(() => kurusFromDecimal(Number.NaN), RangeError);
  assert.throws(() => kurusFromDecimal(1e20), RangeError);
});

Deno.test("formatKurus prints TL with two decimals", () => {
  assert.equal(formatKurus(89990), "899.90");
  assert.equal(formatKurus(5), "0.05");
  assert.equal(formatKurus(0), "0.00");
  assert.equal(formatKurus(-150), "-1.50");
  assert.equal(formatKurus(123456789), "1234567.89");
  assert.throws(() => formatKurus(1.5), RangeError);
});

Deno.test("property: kuruş → TL → kuruş is the identity", () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e13, max: 1e13 }), (k) => {
      assert.equal(kurusFromDecimal(decimalFromKurus(k)), k);
      assert.equal(kurusFromDecimal(Number(formatKurus(k))), k);
    }),
    { numRuns: 300 },
  );
});

Deno.test("decimalPlaces counts the decimals of the shortest text", () => {
  assert.equal(decimalPlaces(3), 0);
  assert.equal(decimalPlaces(12.5), 1);
  assert.equal(decimalPlaces(19.99), 2);
  assert.equal(decimalPlaces(0.1 + 0.2), 17);
  assert.equal(decimalPlaces(1.5e-7), 8);
  assert.equal(decimalPlaces(1e21), 0);
});
