/**
 * Kuruş (the agent's integer money) to and from the store's JSON decimal (TRY, at most two decimals),
 * exactly: no float drift creeps in (kurusToDecimal says why its one division is exact).
 * @module
 */

import { isExactKurus } from "../pricing/money.ts";

export { isExactKurus, MAX_EXACT_KURUS } from "../pricing/money.ts";

/**
 * The JSON number for an amount in kuruş: 89990 → 899.9 (printed by JSON as `899.9`).
 * @throws {RangeError} when `kurus` is not an integer of at most 15 digits (`MAX_EXACT_KURUS`)
 * @example
 * ```ts
 * kurusToDecimal(89990); // 899.9
 * ```
 */
export function kurusToDecimal(kurus: number): number {
  if (!isExactKurus(kurus)) {
    throw new RangeError(
      `Cannot convert kuruş as it must be an integer of at most 15 digits: current value is ${kurus}`,
    );
  }
  // The double nearest to the decimal "lira.cents", as Number() would parse that text, without building it:
  // the decimal's value is exactly abs / 100, and IEEE division of two exact doubles rounds the true quotient
  // to the nearest double just as parsing does. Its shortest form is the decimal, which JSON prints unchanged.
  const value = Math.abs(kurus) / 100;
  return kurus < 0 ? -value : value;
}

/**
 * The kuruş of a JSON decimal, rounding a third decimal half away from zero: 899.9 → 89990, 1.005 → 101.
 * Works on the number's shortest decimal form (what the sender wrote), not its binary approximation.
 * @throws {RangeError} when `value` is not finite or too large for exact kuruş
 */
export function decimalToKurus(value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`Cannot read money as it is not a finite number: ${value}`);
  }
  const negative = value < 0;
  const digits = String(Math.abs(value));
  let kurus: number;
  if (digits.includes("e")) {
    // Exponent form: below 1e-6 (rounds to 0) or at least 1e21 (rejected below).
    kurus = Math.round(Math.abs(value) * 100);
  } else {
    const [whole = "0", fraction = ""] = digits.split(".");
    const two = Number((fraction + "00").slice(0, 2));
    const roundUp = (fraction[2] ?? "0") >= "5" ? 1 : 0;
    kurus = Number(whole) * 100 + two + roundUp;
  }
  if (!Number.isSafeInteger(kurus)) throw new RangeError(`Cannot read money as it is too large: ${value}`);
  return negative && kurus !== 0 ? -kurus : kurus;
}
