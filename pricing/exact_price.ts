/**
 * The arithmetic behind a price, on exact integers: a margin and a VAT rate become integer ratios once
 * per rules object or VAT rate, and each price is computed in Number arithmetic when every intermediate
 * provably stays a safe integer, else in bigint. Both give the exact rational result rounded once, so the
 * price is the same whichever path runs (tests/pricing/rules_oracle_test.ts checks this against the former
 * bigint-fraction implementation).
 * @module
 */

import type { Margin } from "./rules.ts";
import { ceil, ratio, ratioFromNumber, roundHalfUp } from "./rational.ts";

type Ending = null | "0.90" | "0.99";

/**
 * A margin as exact integer coefficients: cost × (1 + percent/100) + amount·100 = (cost·p + q) / d kuruş,
 * reduced by their common divisor. The Number copies are exact only when `safe` (all three are safe integers).
 */
export interface CompiledMargin {
  readonly p: bigint;
  readonly q: bigint;
  readonly d: bigint;
  readonly pN: number;
  readonly qN: number;
  readonly dN: number;
  readonly safe: boolean;
}

/** (1 + rate/100) = n/d, reduced; the Number copies are exact only when `safe`. */
export interface VatFactor {
  readonly n: bigint;
  readonly d: bigint;
  readonly nN: number;
  readonly dN: number;
  readonly safe: boolean;
}

/**
 * `scale` is how many cost units make a kuruş: 1 for a cost in kuruş, 100 for one in Nebim's own
 * 1/10000 TL (a cost with digits past the kuruş, priced without rounding it first).
 */
export function compileMargin(margin: Margin, scale: bigint = 1n): CompiledMargin {
  // percent = pn/pd and amount = an/ad TL, cost = c/scale kuruş: c/scale·(100·pd + pn)/(100·pd) + 100·an/ad
  //   = (c·(100·pd + pn)·ad + scale·10000·an·pd) / (scale·100·pd·ad).
  const pct = ratioFromNumber(margin.percent);
  const amt = ratioFromNumber(margin.amount);
  let p = (100n * pct.d + pct.n) * amt.d;
  let q = scale * 10000n * amt.n * pct.d;
  let d = scale * 100n * pct.d * amt.d;
  const g = gcd(gcd(p, q), d);
  p /= g;
  q /= g;
  d /= g;
  const pN = Number(p);
  const qN = Number(q);
  const dN = Number(d);
  const safe = Number.isSafeInteger(pN) && Number.isSafeInteger(qN) && Number.isSafeInteger(dN);
  return { p, q, d, pN, qN, dN, safe };
}

const vatCache = new Map<number, VatFactor>();

export function vatFactor(rate: number): VatFactor {
  let f = vatCache.get(rate);
  if (f === undefined) {
    const r = ratioFromNumber(rate);
    let n = 100n * r.d + r.n;
    let d = 100n * r.d;
    const g = gcd(n, d);
    n /= g;
    d /= g;
    const nN = Number(n);
    const dN = Number(d);
    f = { n, d, nN, dN, safe: Number.isSafeInteger(nN) && Number.isSafeInteger(dN) };
    // Rates come from a short list of tax codes; the bound only guards against a pathological caller.
    if (vatCache.size >= 256) vatCache.clear();
    vatCache.set(rate, f);
  }
  return f;
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/**
 * The price of cost × margin, × or ÷ the VAT factor (`addVat`), rounded half-up or up to the ending; 0 (or
 * 0n) when the value is not positive. A number when the Number path held, else a bigint; either may exceed
 * Number.MAX_SAFE_INTEGER, which the caller reports as too large.
 */
export function roundedPrice(
  cost: number,
  m: CompiledMargin,
  vat: VatFactor | null,
  addVat: boolean,
  ending: Ending,
): number | bigint {
  // value = (cost·p + q) / d, times (1 + vat/100) = n/d when VAT is added, divided by it when removed.
  if (vat === null) return roundedNumber(cost, m, 1, 1, ending) ?? roundedBigint(cost, m, 1n, 1n, ending);
  const viaNumber = vat.safe
    ? roundedNumber(cost, m, addVat ? vat.nN : vat.dN, addVat ? vat.dN : vat.nN, ending)
    : null;
  return viaNumber ?? roundedBigint(cost, m, addVat ? vat.n : vat.d, addVat ? vat.d : vat.n, ending);
}

/**
 * The rounded price of (cost·p + q)·num / (d·den) in Number arithmetic, or null when an intermediate could
 * leave the safe integers (the caller then redoes it in bigint). Exactness: each product or sum of two safe
 * integers is exact when its true value is safe, and when it is not, the rounded float is ≥ 2^53 in
 * magnitude (rounding is monotonic and 2^53 is a float), so the check after each step is a proof, not a
 * heuristic. Division is done as (a − a % b) / b, which is exact (% is exact on floats). A non-positive
 * value gives 0 (held as "≤ 0" by the caller).
 */
function roundedNumber(
  cost: number,
  m: CompiledMargin,
  num: number,
  den: number,
  ending: Ending,
): number | null {
  if (!m.safe) return null;
  const cp = cost * m.pN;
  if (!(Math.abs(cp) <= Number.MAX_SAFE_INTEGER)) return null;
  const v = cp + m.qN;
  if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) return null;
  const n = v * num;
  const d = m.dN * den;
  if (!(Math.abs(n) <= Number.MAX_SAFE_INTEGER) || !(d <= Number.MAX_SAFE_INTEGER)) return null;
  if (n <= 0) return 0;
  const r = n % d;
  const whole = (n - r) / d; // floor(n/d), n > 0
  if (ending === null) return r >= d - r ? whole + 1 : whole; // half-up: frac ≥ 1/2
  const e = ending === "0.90" ? 90 : 99;
  // The smallest 100·k + e ≥ value; prices are whole kuruş, so compare with ceil(value).
  const t = (r === 0 ? whole : whole + 1) - e;
  const tr = t % 100; // sign of t; t ≥ -98
  const k = (t - tr) / 100 + (tr > 0 ? 1 : 0);
  return k * 100 + e;
}

/** The same rounding in bigint, for inputs too large for roundedNumber. */
function roundedBigint(
  cost: number,
  m: CompiledMargin,
  num: bigint,
  den: bigint,
  ending: Ending,
): bigint {
  const value = ratio((BigInt(cost) * m.p + m.q) * num, m.d * den);
  if (value.n <= 0n) return 0n;
  if (ending === null) return roundHalfUp(value);
  const e = ending === "0.90" ? 90n : 99n;
  return ceil(ratio(ceil(value) - e, 100n)) * 100n + e;
}
