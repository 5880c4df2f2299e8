import assert from "node:assert/strict";
import { isMoney } from "../../../sim/qukasoft/fields.ts";

Deno.test("isMoney() takes every amount with at most two decimals up to the cap, large ones too", () => {
  for (const v of [0, 5, 899.9, 0.01, 154003227.77, 2618273004.01, 1e11]) assert.ok(isMoney(v), String(v));
});

Deno.test("isMoney() refuses a third decimal, a negative amount, and anything over the cap", () => {
  for (const v of [1.005, 12.345, 0.1 + 0.2, -1, 1e11 + 1, Number.NaN, "5"]) {
    assert.ok(!isMoney(v), String(v));
  }
});
