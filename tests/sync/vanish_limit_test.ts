import assert from "node:assert/strict";
import { checkVanishing, heldProblem } from "../../sync/vanish_limit.ts";

const LIMIT = { percent: 20, atLeast: 50 };

Deno.test("checkVanishing() allows up to max(percent % of the codes on sale, atLeast) and holds one more", () => {
  // 20 % of 1,000 = 200 is above the floor of 50.
  assert.equal(checkVanishing(200, 1000, LIMIT, false).verdict, "ok");
  assert.deepEqual(checkVanishing(201, 1000, LIMIT, false), {
    vanishing: 201,
    active: 1000,
    allowed: 200,
    verdict: "held",
  });
  // 20 % of 100 = 20 is below it: a small store may lose 50 codes in one cycle.
  assert.equal(checkVanishing(50, 100, LIMIT, false).verdict, "ok");
  assert.equal(checkVanishing(51, 100, LIMIT, false).allowed, 50);
  assert.equal(checkVanishing(51, 100, LIMIT, false).verdict, "held");
});

Deno.test("checkVanishing() floors a fractional share: 20 % of 1,003 allows 200, not 200.6", () => {
  assert.equal(checkVanishing(200, 1003, LIMIT, false).verdict, "ok");
  assert.equal(checkVanishing(201, 1003, LIMIT, false).verdict, "held");
});

Deno.test("checkVanishing() allows a fractional percent's whole share: 2.3 % of 3,000 is 69, not 68.99…", () => {
  // 2.3 * 3000 / 100 is 68.99999999999999 in floating point: floored, it held the 69th code.
  const fine = { percent: 2.3, atLeast: 50 };
  const check = checkVanishing(69, 3000, fine, false);
  assert.deepEqual([check.allowed, check.verdict], [69, "ok"]);
  assert.equal(checkVanishing(70, 3000, fine, false).verdict, "held");
  assert.equal(checkVanishing(69, 1500, { percent: 4.6, atLeast: 0 }, false).verdict, "ok");
});

Deno.test("checkVanishing() with atLeast 0 holds any share above the percentage, even of few codes", () => {
  const strict = { percent: 10, atLeast: 0 };
  assert.equal(checkVanishing(1, 10, strict, false).verdict, "ok");
  assert.equal(checkVanishing(2, 10, strict, false).verdict, "held");
  assert.equal(checkVanishing(1, 9, strict, false).verdict, "held", "10 % of 9 is 0.9: not one code");
});

Deno.test("checkVanishing(): lifted by the operator over the limit, never held without a limit", () => {
  assert.equal(checkVanishing(900, 1000, LIMIT, true).verdict, "lifted");
  assert.equal(checkVanishing(10, 1000, LIMIT, true).verdict, "ok", "within the limit nothing is lifted");
  assert.deepEqual(checkVanishing(1000, 1000, null, false), {
    vanishing: 1000,
    active: 1000,
    allowed: Infinity,
    verdict: "ok",
  });
});

Deno.test("heldProblem() says how many of how many, names the sample, the causes and both ways out", () => {
  const p = heldProblem(checkVanishing(900, 1000, LIMIT, false), ["A (item X)", "B (item Y)"]);
  assert.equal(p.subject, "catalog.vanishLimit");
  assert.equal(p.kind, "massZero");
  assert.match(
    p.reason,
    /all 900 of 1000 stock codes on sale .* allows \(200\): A \(item X\), B \(item Y\), …/,
  );
  assert.match(p.reason, /restored or test copy/);
  assert.match(p.reason, /IsBlocked, UseInternet/);
  assert.match(p.reason, /e-ticaret sync products --once --full --allow-mass-zero/);
  assert.match(p.reason, /raise catalog\.vanishLimit \(null turns it off\)/);
});
