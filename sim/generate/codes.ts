/**
 * Small deterministic building blocks of generated data: barcodes with check digits, GUIDs from the
 * seeded PRNG, SQL Server and ISO date texts, kuruş formatting.
 * @module
 */

import type { Random } from "../random.ts";

/** The GS1 check digit of the digits before it (EAN-13 takes 12, UPC-A 11): weights 3,1 from the right. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const d = body.charCodeAt(body.length - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `code` is 13 digits whose last is the EAN-13 check digit of the first 12. */
export function isValidEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && gs1CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** An EAN-13 from a 3-digit prefix and a number below 10^9. */
export function ean13(prefix: string, n: number): string {
  const body = prefix + String(n).padStart(9, "0");
  return body + gs1CheckDigit(body);
}

/** A UPC-A (12 digits) from a number below 10^11. */
export function upcA(n: number): string {
  const body = String(n).padStart(11, "0");
  return body + gs1CheckDigit(body);
}

const HEX = "0123456789ABCDEF";

/** An upper-case version-4 GUID drawn from the PRNG: the same seed gives the same ids. */
export function seededGuid(rng: Random): string {
  let out = "";
  for (let i = 0; i < 32; i++) {
    let nibble = Math.floor(rng.next() * 16);
    if (i === 12) nibble = 4;
    else if (i === 16) nibble = 8 | (nibble & 3);
    out += HEX[nibble];
    if (i === 7 || i === 11 || i === 15 || i === 19) out += "-";
  }
  return out;
}

const DAY_MS = 86_400_000;

/** `2026-11-01T10:00:00.000` — a SQL Server datetime as the data-set file writes it (no zone). */
export function sqlDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

/** `2026-11-01` — the day `days` before `now` (UTC wall clock). */
export function sqlDayBefore(now: Date, days: number): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO timestamp in Turkish time (UTC+3, no daylight saving since 2016), as the store reports it. */
export function isoTurkey(ms: number): string {
  return new Date(ms + 3 * 3_600_000).toISOString().slice(0, 19) + "+03:00";
}

/** Kuruş → TRY as a JSON number with at most two decimals. */
export function kurusToTry(kurus: number): number {
  return kurus / 100;
}

/**
 * A pool of sorted audit timestamps spread over the `spanDays` before `now`, pre-formatted: formatting a
 * Date per row would dominate the time of a 200 000-variant catalogue.
 */
export function auditPool(rng: Random, now: Date, spanDays: number, size = 4096): string[] {
  const end = now.getTime();
  const start = end - spanDays * DAY_MS;
  const times: number[] = [];
  for (let i = 0; i < size; i++) times.push(start + Math.floor(rng.next() * (end - start) / 1000) * 1000);
  times.sort((a, b) => a - b);
  return times.map(sqlDateTime);
}
