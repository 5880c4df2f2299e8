import assert from "node:assert/strict";
import fc from "fast-check";
import { decimalToKurus, kurusToDecimal, MAX_EXACT_KURUS } from "../../qukasoft/money.ts";

Deno.test("kurusToDecimal() formats by integer arithmetic", async (t) => {
  const rows: [number, number, string][] = [
    [89990, 899.9, "899.9"],
    [94990, 949.9, "949.9"],
    [5, 0.05, "0.05"],
    [0, 0, "0"],
    [100, 1, "1"],
    [-1234, -12.34, "-12.34"],
    [123456789012345, 1234567890123.45, "1234567890123.45"],
  ];
  for (const [kurus, decimal, json] of rows) {
    await t.step(`${kurus} → ${json}`, () => {
      assert.equal(kurusToDecimal(kurus), decimal);
      assert.equal(JSON.stringify(kurusToDecimal(kurus)), json);
    });
  }
  assert.throws(() => kurusToDecimal(1.5), RangeError);
  assert.throws(() => kurusToDecimal(2 ** 53), RangeError);
  // A double holds 15 significant digits: 9999999999999999 kuruş would be sent as 99999999999999.98.
  assert.equal(kurusToDecimal(MAX_EXACT_KURUS), 9_999_999_999_999.99);
  assert.throws(() => kurusToDecimal(MAX_EXACT_KURUS + 1), /at most 15 digits/);
  assert.throws(() => kurusToDecimal(-9_999_999_999_999_999), /at most 15 digits/);
});

Deno.test("kurusToDecimal() is the number the decimal text parses to (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: -MAX_EXACT_KURUS, max: MAX_EXACT_KURUS }), (kurus) => {
      const abs = Math.abs(kurus);
      const text = `${kurus < 0 ? "-" : ""}${(abs - abs % 100) / 100}.${String(abs % 100).padStart(2, "0")}`;
      assert.ok(Object.is(kurusToDecimal(kurus), Number(text)), `${kurus} → ${text}`);
    }),
    { numRuns: 5000 },
  );
});

Deno.test("decimalToKurus() reads the decimal as written, rounding a third decimal half away from zero", async (t) => {
  const rows: [number, number][] = [
    [899.9, 89990],
    [899.90, 89990],
    [0.1 + 0.2, 30],
    [1.005, 101],
    [1.004, 100],
    [-1.005, -101],
    [19.999, 2000],
    [0.00001, 0],
    [1e-7, 0],
    [-0, 0],
    [1234567890123.45, 123456789012345],
  ];
  for (const [decimal, kurus] of rows) {
    await t.step(`${decimal} → ${kurus}`, () => assert.equal(decimalToKurus(decimal), kurus));
  }
  assert.throws(() => decimalToKurus(Number.NaN), RangeError);
  assert.throws(() => decimalToKurus(Infinity), RangeError);
  assert.throws(() => decimalToKurus(1e20), /too large/);
});

Deno.test("kuruş → JSON decimal → kuruş round-trips exactly (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: -MAX_EXACT_KURUS, max: MAX_EXACT_KURUS }), (kurus) => {
      const wire = JSON.parse(JSON.stringify({ price: kurusToDecimal(kurus) })).price;
      assert.equal(decimalToKurus(wire), kurus);
    }),
    { numRuns: 2000 },
  );
});

Deno.test("the JSON of a kuruş amount never has more than two decimals (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (kurus) => {
      const json = JSON.stringify(kurusToDecimal(kurus));
      assert.match(json, /^\d+(\.\d{1,2})?$/);
      const [whole, frac = ""] = json.split(".");
      assert.equal(BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0")), BigInt(kurus));
    }),
    { numRuns: 2000 },
  );
});
