/**
 * Whole units of a float that may sit a hair under one: Nebim sums its float quantities (0.7 + 0.1 + 0.1 + 0.1 m
 * of cloth is 0.9999999999999999, which is 1 in Nebim), and a fractional percent of a count is no better
 * (2.3 % of 3,000 is 68.99999999999999). Rounded to a millionth, finer than any unit's digits, then floored.
 * @module
 */

export function wholeUnits(x: number): number {
  return Math.floor(Math.round(x * 1e6) / 1e6);
}
