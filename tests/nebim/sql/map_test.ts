import assert from "node:assert/strict";
import {
  codeKey,
  flagOf,
  nameOf,
  quantityOf,
  rateOf,
  toKurus,
  toTenThousandths,
} from "../../../nebim/sql/map.ts";
import { IntegrationError } from "../../../errors.ts";

Deno.test("toKurus: exact by the decimal text, half-up", () => {
  const cases: [unknown, number][] = [
    [84.5, 8450],
    [899.9, 89990],
    [0.005, 1],
    [0.0049, 0],
    [1.005, 101], // 1.005 * 100 is 100.49999999999999 in binary: Math.round would say 100
    [1.015, 102],
    [19.99, 1999],
    [310, 31000],
    [0, 0],
    [123456789.9999, 12345679000],
    [-0.005, -1],
    [1e-7, 0],
    ["1.5e2", 15000],
    ["12.345", 1235],
  ];
  for (const [value, kurus] of cases) assert.equal(toKurus(value, "x"), kurus, `toKurus(${value})`);
});

Deno.test("toTenThousandths: the 4-decimal value only when it has digits past the kuruş", () => {
  const cases: [unknown, number | undefined][] = [
    [83.325, 833250],
    [83.3251, 833251],
    [0.0049, 49], // toKurus says 0: held as "cost 0.0049 TL rounds to 0 kuruş"
    [0.005, 50], // toKurus says 1: priced from 0.005, not 0.01
    [-0.0049, -49],
    [1e-4, 1],
    ["8.3325e1", 833250],
    [1.00005, 10001], // past decimal(19,4): half-up
    [83.33, undefined],
    [310, undefined],
    [0, undefined],
    [1e13 + 0.25, undefined], // past 2^53 units: the kuruş alone
  ];
  for (const [value, units] of cases) {
    assert.equal(toTenThousandths(value, "x"), units, `toTenThousandths(${value})`);
  }
});

Deno.test("toKurus: a non-number or an unsafe-integer result is a skippable error naming the record", () => {
  for (const bad of [NaN, Infinity, null, "abc", 1e16]) {
    assert.throws(() => toKurus(bad, "item KZK-0101"), (e: unknown) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "skippable");
      assert.equal(e.subject, "item KZK-0101");
      return true;
    });
  }
});

Deno.test("nameOf trims; NULL and blank names are no name", () => {
  assert.equal(nameOf("  Keten Eşarp "), "Keten Eşarp");
  assert.equal(nameOf(null), null);
  assert.equal(nameOf(undefined), null);
  assert.equal(nameOf("   "), null);
});

Deno.test("codeKey compares like SQL Server's CI collation: case and trailing spaces do not matter", () => {
  assert.equal(codeKey("kzk-0101  "), codeKey("KZK-0101"));
  assert.notEqual(codeKey(" KZK"), codeKey("KZK"));
  assert.equal(codeKey(null), "");
});

Deno.test("codeKey pairs cases as Turkish_CI_AS does: i with İ, ı with I", () => {
  assert.equal(codeKey("kazaki"), codeKey("KAZAKİ"));
  assert.equal(codeKey("kazakı"), codeKey("KAZAKI"));
  assert.notEqual(codeKey("kazaki"), codeKey("KAZAKI"));
  assert.notEqual(codeKey("KAZAKİ"), codeKey("KAZAKI"));
  // Ç, Ğ, Ö, Ş, Ü pair as everywhere; accents still count (AS).
  assert.equal(codeKey("çğöşü"), codeKey("ÇĞÖŞÜ"));
  assert.notEqual(codeKey("ÇAY"), codeKey("CAY"));
});

Deno.test("flagOf and quantityOf take NULL as their fallback", () => {
  assert.equal(flagOf(null, true), true);
  assert.equal(flagOf(false, true), false);
  assert.equal(flagOf(1, false), true);
  assert.equal(quantityOf(null), 0);
  assert.equal(quantityOf(-2.5), -2.5);
});

Deno.test("rateOf: a number, or a text column's decimal; NULL, blank, other text and bits are none", () => {
  assert.deepEqual([rateOf(20), rateOf("18.00"), rateOf(" 8 "), rateOf(0)], [20, 18, 8, 0]);
  for (const v of [null, undefined, "", " ", "%18", ".", true, NaN, new Date(0)]) {
    assert.equal(rateOf(v), undefined, String(v));
  }
});
