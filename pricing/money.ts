/**
 * Money helpers. Inside the agent money is an integer number of kuruş (1 TL = 100 kuruş); outside
 * (settings, Nebim's decimals, the store's JSON) it is a decimal TL number, converted exactly on its text.
 * @module
 */

import { mul, ratio, ratioFromNumber, roundHalfUp } from "./rational.ts";

/**
 * The largest amount of kuruş a JSON number carries exactly: a double keeps 15 significant digits, so a
 * 16-digit amount (10 trillion TL and up) could reach the store as another number. Prices above it are held.
 */
export const MAX_EXACT_KURUS = 999_999_999_999_999;

/** Whether `kurus` can be sent as a JSON decimal without changing: an integer of at most 15 digits. */
export function isExactKurus(kurus: number): boolean {
  return Number.isInteger(kurus) && Math.abs(kurus) <= MAX_EXACT_KURUS;
}

/** TL → kuruş, half-up (away from zero) on the decimal text: 1.005 → 101, 19.99 → 1999. */
export function kurusFromDecimal(tl: number): number {
  const k = Number(roundHalfUp(mul(ratioFromNumber(tl), ratio(100n))));
  if (!Number.isSafeInteger(k)) throw new RangeError(`amount out of range: ${tl}`);
  return k;
}

/** Kuruş → "899.90" (dot, two decimals, no grouping), as the store's JSON and the logs show money. */
export function formatKurus(kurus: number): string {
  if (!Number.isSafeInteger(kurus)) throw new RangeError(`not a whole number of kuruş: ${kurus}`);
  return formatScaled(kurus, 2);
}

/** 1/10000 TL → "0.0040" (dot, four decimals): a Nebim cost as exact as Nebim keeps it. */
export function formatTenThousandths(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`not a whole number of 1/10000 TL: ${n}`);
  return formatScaled(n, 4);
}

/** A whole number of 1/10^digits TL as TL text with `digits` decimals. */
function formatScaled(n: number, digits: number): string {
  const unit = 10 ** digits;
  const abs = Math.abs(n);
  const text = `${Math.floor(abs / unit)}.${String(abs % unit).padStart(digits, "0")}`;
  return n < 0 ? `-${text}` : text;
}

/** Kuruş → TL number for a JSON body (899.9); exact because it is parsed from the formatted text. */
export function decimalFromKurus(kurus: number): number {
  return Number(formatKurus(kurus));
}

/** How many decimals the number's shortest text has (12.5 → 1, 1e-7 → 7, 3 → 0). */
export function decimalPlaces(x: number): number {
  // The denominator is 10^decimals by construction (shortest text, no trailing zeros).
  return ratioFromNumber(x).d.toString().length - 1;
}
