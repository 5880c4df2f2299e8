import assert from "node:assert/strict";
import {
  ean13,
  gs1CheckDigit,
  isoTurkey,
  isValidEan13,
  seededGuid,
  upcA,
} from "../../../sim/generate/codes.ts";
import { Random } from "../../../sim/random.ts";

Deno.test("gs1CheckDigit matches published EAN-13 and UPC-A codes", () => {
  assert.equal(gs1CheckDigit("400638133393"), 1); // 4006381333931
  assert.equal(gs1CheckDigit("590123412345"), 7); // 5901234123457
  assert.equal(gs1CheckDigit("03600029145"), 2); // UPC-A 036000291452
  assert.ok(isValidEan13("4006381333931"));
  assert.ok(!isValidEan13("4006381333932"));
  assert.ok(!isValidEan13("abc 123"));
});

Deno.test("ean13 and upcA build valid, fixed-length codes", () => {
  assert.equal(ean13("869", 42), "8690000000425");
  assert.ok(isValidEan13(ean13("869", 999_999_999)));
  const upc = upcA(3_600_029_145);
  assert.equal(upc, "036000291452");
});

Deno.test("seededGuid is an upper-case v4 GUID and repeats for the same seed", () => {
  const a = seededGuid(new Random(7));
  assert.match(a, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  assert.equal(seededGuid(new Random(7)), a);
  assert.notEqual(seededGuid(new Random(8)), a);
});

Deno.test("isoTurkey writes the Turkish wall clock with +03:00", () => {
  assert.equal(isoTurkey(Date.parse("2026-11-27T11:03:11Z")), "2026-11-27T14:03:11+03:00");
  assert.equal(isoTurkey(Date.parse("2026-12-31T22:30:00Z")), "2027-01-01T01:30:00+03:00");
});
