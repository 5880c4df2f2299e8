/**
 * Date arithmetic of SQL Server's wire formats. JS Dates here hold UTC wall-clock time (mssql's default
 * useUTC=true), so no local time zone ever enters.
 * - date: u24 days since 0001-01-01
 * - datetime: i32 days since 1900-01-01 + u32 ticks of 1/300 s since midnight
 * - datetime2(s): time in 10^-s s since midnight (3, 4 or 5 bytes) + u24 days since 0001-01-01
 * - time(s): the same time part alone
 * @module
 */

const MS_PER_DAY = 86_400_000;
/** Days from 0001-01-01 to 1970-01-01 (proleptic Gregorian). */
const DAYS_0001_TO_1970 = 719_162;
/** Days from 1900-01-01 to 1970-01-01. */
const DAYS_1900_TO_1970 = 25_567;
const TICKS_PER_DAY = 25_920_000;
const MIN_DATETIME_MS = Date.UTC(1753, 0, 1);
const MIN_DATE2_MS = -62_135_596_800_000; // 0001-01-01T00:00:00Z
const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** A Date from a handler value (Date, ISO string or epoch ms); throws naming `what` otherwise. */
export function toDate(v: unknown, what: string): Date {
  const d = v instanceof Date ? v : typeof v === "string" || typeof v === "number" ? new Date(v) : undefined;
  if (!d || Number.isNaN(d.getTime())) throw new TypeError(`${what}: not a date: ${String(v)}`);
  return d;
}

function split(d: Date, min: number, what: string): { days: number; msOfDay: number } {
  const ms = d.getTime();
  if (ms < min || ms > MAX_MS) throw new RangeError(`${what}: date out of range: ${d.toISOString()}`);
  const days = Math.floor(ms / MS_PER_DAY);
  return { days, msOfDay: ms - days * MS_PER_DAY };
}

/** Days since 0001-01-01 (the `date` type). */
export function dateDays(d: Date, what: string): number {
  return split(d, MIN_DATE2_MS, what).days + DAYS_0001_TO_1970;
}

/** `datetime` parts, rounded to SQL Server's 1/300 s (.000/.003/.007). */
export function datetimeParts(d: Date, what: string): { days: number; ticks: number } {
  const { days, msOfDay } = split(d, MIN_DATETIME_MS, what);
  const ticks = Math.round((msOfDay * 3) / 10);
  return ticks === TICKS_PER_DAY
    ? { days: days + DAYS_1900_TO_1970 + 1, ticks: 0 }
    : { days: days + DAYS_1900_TO_1970, ticks };
}

/** Bytes the time part of time/datetime2/datetimeoffset takes at `scale`. */
export function timeLength(scale: number): 3 | 4 | 5 {
  return scale <= 2 ? 3 : scale <= 4 ? 4 : 5;
}

/** `datetime2(scale)` parts: units of 10^-scale s since midnight, days since 0001-01-01. */
export function datetime2Parts(d: Date, scale: number, what: string): { days: number; units: number } {
  const { days, msOfDay } = split(d, MIN_DATE2_MS, what);
  if (scale >= 3) return { days: days + DAYS_0001_TO_1970, units: msOfDay * 10 ** (scale - 3) };
  const units = Math.round(msOfDay / 10 ** (3 - scale));
  return units === 86_400 * 10 ** scale
    ? { days: days + DAYS_0001_TO_1970 + 1, units: 0 }
    : { days: days + DAYS_0001_TO_1970, units };
}

/**
 * `time(scale)`: the Date's time of day (its UTC clock; a `time` value read back is that time on
 * 1970-01-01) in units of 10^-scale s. Rounding up past the last unit of the day keeps the last unit:
 * a time cannot roll into the next day.
 */
export function timeUnits(d: Date, scale: number): number {
  const ms = d.getTime();
  const msOfDay = ms - Math.floor(ms / MS_PER_DAY) * MS_PER_DAY;
  const perDay = 86_400 * 10 ** scale;
  const units = scale >= 3 ? msOfDay * 10 ** (scale - 3) : Math.round(msOfDay / 10 ** (3 - scale));
  return Math.min(units, perDay - 1);
}

export function dateFromDays(days: number): Date {
  return new Date((days - DAYS_0001_TO_1970) * MS_PER_DAY);
}

export function dateFromDatetime(days: number, ticks: number): Date {
  return new Date((days - DAYS_1900_TO_1970) * MS_PER_DAY + Math.round((ticks * 10) / 3));
}

/** Time of day in 10^-scale s to ms (sub-millisecond digits rounded, as a JS Date cannot hold them). */
export function msFromUnits(units: number, scale: number): number {
  return scale >= 3 ? Math.round(units / 10 ** (scale - 3)) : units * 10 ** (3 - scale);
}

export function dateFromDatetime2(days: number, units: number, scale: number): Date {
  return new Date((days - DAYS_0001_TO_1970) * MS_PER_DAY + msFromUnits(units, scale));
}
