/**
 * SQL Server's date and time texts and values as the data set holds them: Dates of the UTC wall clock
 * (SQL Server has no zone), parsed from the forms FOR JSON writes, rounded as the column type rounds.
 * @module
 */

/** Parsed date texts per column type: a data set repeats the same stamps many times. Dates are never mutated. */
const DATE_CACHE = new Map<string, Map<string, Date | null>>();

export function cachedDate(type: "date" | "datetime" | "datetime2", text: string): Date | null {
  let byText = DATE_CACHE.get(type);
  if (!byText) DATE_CACHE.set(type, byText = new Map());
  let d = byText.get(text);
  if (d === undefined) {
    const parsed = parseSqlDate(text);
    d = !parsed
      ? null
      : type === "date"
      ? dateOnly(parsed)
      : type === "datetime"
      ? roundDatetime(parsed)
      : parsed;
    if (byText.size > 100_000) byText.clear();
    byText.set(text, d);
  }
  return d;
}

export function dayStart(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

/**
 * Parses "14:00", "14:00:00" or "14:00:00.1234567" (how FOR JSON writes a `time`) as the time of day on
 * 1970-01-01 UTC — the Date tedious gives for a `time` — to the millisecond a Date holds.
 */
export function parseSqlTime(text: string): Date | undefined {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(text.trim());
  if (!m) return undefined;
  const [, h, mi, sec = "0", frac = "0"] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return undefined;
  const ms = Math.round(Number(`0.${frac}`) * 1000);
  return new Date(((Number(h) * 60 + Number(mi)) * 60 + Number(sec)) * 1000 + Math.min(ms, 999));
}

/** Parses "2026-11-01", "2026-11-01T10:00:00.000" or "2026-11-01 10:00:00" as a UTC wall-clock Date. */
export function parseSqlDate(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z)?$/.exec(
    text.trim(),
  );
  if (!m) return undefined;
  const [, y, mo, d, h = "0", mi = "0", sec = "0", frac = "0"] = m;
  const ms = Number(frac.padEnd(3, "0").slice(0, 3));
  const date = new Date(
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(sec), ms),
  );
  // Date.UTC rolls over (month 13 → next January, minute 61 → next hour): refuse instead.
  const exact = date.getUTCFullYear() === Number(y) && date.getUTCMonth() === Number(mo) - 1 &&
    date.getUTCDate() === Number(d) && date.getUTCHours() === Number(h) &&
    date.getUTCMinutes() === Number(mi) &&
    date.getUTCSeconds() === Number(sec);
  return Number.isNaN(date.getTime()) || !exact ? undefined : date;
}

/**
 * SQL Server's GETDATE(): the wall clock of the machine it runs on, held as every Date here is (its UTC
 * fields). A merchant's export (TRY-IT) carries Istanbul wall-clock times; UTC would start each price list
 * three hours late.
 */
export function localWallClock(now: Date = new Date()): Date {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
}

export function dateOnly(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** SQL Server `datetime` keeps 1/300 s: values round to .000, .003 or .007 of a second. */
export function roundDatetime(d: Date): Date {
  const ms = d.getTime();
  const sec = Math.floor(ms / 1000) * 1000;
  const ticks = Math.round(((ms - sec) * 300) / 1000);
  return new Date(sec + Math.round((ticks * 1000) / 300));
}
