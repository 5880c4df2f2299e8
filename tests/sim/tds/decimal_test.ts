import assert from "node:assert/strict";
import { ByteWriter } from "../../../sim/tds/bytes.ts";
import { scaledToString, toScaledBigInt } from "../../../sim/tds/decimal.ts";
import { columnEncoder } from "../../../sim/tds/types.ts";

Deno.test("decimals scale by their decimal digits, not their binary value", () => {
  assert.equal(toScaledBigInt(1234.5, 4, "v"), 12345000n);
  assert.equal(toScaledBigInt(1234.56, 4, "v"), 12345600n);
  assert.equal(toScaledBigInt(-0.01, 4, "v"), -100n);
  assert.equal(toScaledBigInt(0.005, 4, "v"), 50n);
  assert.equal(toScaledBigInt(0.1 + 0.2, 4, "v"), 3000n);
  assert.equal(toScaledBigInt(1e21, 2, "v"), 100000000000000000000000n);
  assert.equal(toScaledBigInt(1.5e-7, 9, "v"), 150n);
  assert.equal(toScaledBigInt("99999999999999.9999", 4, "v"), 999999999999999999n);
  assert.equal(toScaledBigInt(42n, 4, "v"), 420000n);
});

Deno.test("rounding to the scale is half away from zero", () => {
  assert.equal(toScaledBigInt(0.00005, 4, "v"), 1n);
  assert.equal(toScaledBigInt(-0.00005, 4, "v"), -1n);
  assert.equal(toScaledBigInt(0.00004999, 4, "v"), 0n);
  assert.equal(toScaledBigInt("2.5", 0, "v"), 3n);
  assert.equal(toScaledBigInt("-2.5", 0, "v"), -3n);
  assert.equal(toScaledBigInt(0.005, 2, "v"), 1n);
});

Deno.test("non-numbers are refused with the field named", () => {
  assert.throws(() => toScaledBigInt("12,5", 2, "column Price"), /column Price: not a number/);
  assert.throws(() => toScaledBigInt(Number.NaN, 2, "column Price"), /not a finite number/);
  assert.throws(() => toScaledBigInt({}, 2, "column Price"), /not a number/);
});

Deno.test("scaled integers print with all their scale digits", () => {
  assert.equal(scaledToString(50n, 4), "0.0050");
  assert.equal(scaledToString(-100n, 4), "-0.0100");
  assert.equal(scaledToString(12345600n, 4), "1234.5600");
  assert.equal(scaledToString(7n, 0), "7");
});

Deno.test("a decimal(19,4) cell is 0.0050 on the wire for 0.005 (sign byte + 8-byte magnitude)", () => {
  const enc = columnEncoder({ name: "Price", type: "decimal", precision: 19, scale: 4 });
  const w = new ByteWriter();
  enc.value(w, 0.005);
  assert.deepEqual([...w.view()], [9, 1, 50, 0, 0, 0, 0, 0, 0, 0]);
  w.reset();
  enc.value(w, -0.01);
  assert.deepEqual([...w.view()], [9, 0, 100, 0, 0, 0, 0, 0, 0, 0]);
  w.reset();
  enc.typeInfo(w);
  assert.deepEqual([...w.view()], [0x6a, 9, 19, 4]);
  assert.throws(() => enc.value(w, 1e15), /overflows decimal\(19,4\)/);
});

Deno.test("small and large precisions use 4 and 16 magnitude bytes", () => {
  const w = new ByteWriter();
  columnEncoder({ name: "a", type: "decimal", precision: 9, scale: 2 }).value(w, 1.23);
  assert.deepEqual([...w.view()], [5, 1, 123, 0, 0, 0]);
  w.reset();
  columnEncoder({ name: "b", type: "decimal", precision: 38, scale: 0 }).value(w, 2n ** 100n);
  const bytes = w.view();
  assert.equal(bytes[0], 17);
  assert.equal(bytes[1 + 1 + 12], 0x10); // 2^100 = bit 4 of byte 12
});
