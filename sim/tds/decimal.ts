/**
 * Exact decimal(p,s) conversion. A JS number is taken by its shortest round-trip decimal digits
 * (String(1234.5) = "1234.5"), never by its binary value, so 1234.56 goes out as 12345600 at scale 4 and
 * 0.005 as 50, not 49. Rounding to the column's scale is half away from zero, as SQL Server does.
 * @module
 */

const DECIMAL_RE = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** The value times 10^scale, rounded half away from zero. Throws TypeError for non-numbers. */
export function toScaledBigInt(value: unknown, scale: number, what: string): bigint {
  if (typeof value === "bigint") return value * 10n ** BigInt(scale);
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${what}: not a finite number: ${value}`);
    text = String(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else if (typeof value === "boolean") {
    text = value ? "1" : "0";
  } else {
    throw new TypeError(`${what}: not a number: ${String(value)}`);
  }
  const m = DECIMAL_RE.exec(text);
  if (!m || (!m[2] && !m[3])) throw new TypeError(`${what}: not a number: ${JSON.stringify(text)}`);
  const intPart = m[2] ?? "";
  const fracPart = m[3] ?? "";
  const digits = BigInt((intPart + fracPart) || "0");
  const shift = Number(m[4] ?? 0) - fracPart.length + scale;
  let magnitude: bigint;
  if (shift >= 0) {
    magnitude = digits * 10n ** BigInt(shift);
  } else {
    const d = 10n ** BigInt(-shift);
    magnitude = digits / d;
    if ((digits % d) * 2n >= d) magnitude += 1n;
  }
  return m[1] === "-" ? -magnitude : magnitude;
}

/** Bytes of the magnitude of a decimal at `precision` (the wire length is this + 1 sign byte). */
export function decimalMagnitudeLength(precision: number): 4 | 8 | 12 | 16 {
  return precision <= 9 ? 4 : precision <= 19 ? 8 : precision <= 28 ? 12 : 16;
}

/** "123.4500"-style text of a scaled integer. */
export function scaledToString(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, "0");
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return negative ? `-${text}` : text;
}
