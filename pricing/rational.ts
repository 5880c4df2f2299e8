/**
 * Exact fractions over bigint, so that prices never carry float drift. A JS number enters as the exact
 * value of its shortest decimal text (what the operator typed: 0.1 is 1/10, not 0.1000000000000000055…).
 * @module
 */

/** n/d with d > 0. Not necessarily reduced: callers only compare and round. */
export interface Ratio {
  readonly n: bigint;
  readonly d: bigint;
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/;

export function ratio(n: bigint, d: bigint = 1n): Ratio {
  if (d === 0n) throw new RangeError("division by zero");
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** The exact value of `x`'s shortest decimal representation (String(x)). Throws on NaN and ±Infinity. */
export function ratioFromNumber(x: number): Ratio {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const m = DECIMAL.exec(String(x));
  if (m === null) throw new RangeError(`unexpected number text: ${String(x)}`);
  const [, sign = "", whole = "0", frac = "", exp = "0"] = m;
  const digits = BigInt(sign + whole + frac);
  const scale = Number(exp) - frac.length;
  return scale >= 0 ? ratio(digits * 10n ** BigInt(scale)) : ratio(digits, 10n ** BigInt(-scale));
}

export function add(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d + b.n * a.d, a.d * b.d);
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.n, a.d * b.d);
}

export function div(a: Ratio, b: Ratio): Ratio {
  return ratio(a.n * b.d, a.d * b.n);
}

/** -1, 0 or 1 as a <, =, > b. */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}

export function floor(a: Ratio): bigint {
  const q = a.n / a.d; // truncates toward zero
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

export function ceil(a: Ratio): bigint {
  return -floor(ratio(-a.n, a.d));
}

/** Round half away from zero (the commercial "half-up": 0.5 → 1, -0.5 → -1). */
export function roundHalfUp(a: Ratio): bigint {
  const half = ratio(1n, 2n);
  return a.n < 0n ? -floor(add(ratio(-a.n, a.d), half)) : floor(add(a, half));
}
