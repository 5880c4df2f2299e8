/**
 * HTTP-date (RFC 9110 5.6.7), as an importer sends it in If-Modified-Since: the three forms a recipient
 * must accept, all in GMT. Date.parse read the asctime form ("Sun Nov  6 08:49:37 1994", no zone) as this
 * machine's local time, so an importer's copy was never current off UTC; and it takes many non-HTTP texts.
 * @module
 */

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY = "(?:mon|tue|wed|thu|fri|sat|sun)";
const MON = `(${MONTHS.join("|")})`;
const TIME = "(\\d\\d):(\\d\\d):(\\d\\d)";
/** "Sun, 06 Nov 1994 08:49:37 GMT": day, month, year, time. */
const IMF = new RegExp(`^${DAY}, (\\d\\d) ${MON} (\\d{4}) ${TIME} GMT$`, "i");
/** Obsolete "Sunday, 06-Nov-94 08:49:37 GMT": day, month, two-digit year, time. */
const RFC850 = new RegExp(
  `^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday), (\\d\\d)-${MON}-(\\d\\d) ${TIME} GMT$`,
  "i",
);
/** Obsolete "Sun Nov  6 08:49:37 1994": month, day (space-padded), time, year. */
const ASCTIME = new RegExp(`^${DAY} ${MON} ([ \\d]\\d) ${TIME} (\\d{4})$`, "i");

/** The date's milliseconds since the epoch; undefined for anything not an HTTP-date or not a real time. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
  const value = text.trim();
  let m = IMF.exec(value);
  if (m) return utc(Number(m[3]), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  m = ASCTIME.exec(value);
  if (m) return utc(Number(m[6]), m[1]!, m[2]!, m[3]!, m[4]!, m[5]!);
  m = RFC850.exec(value);
  if (m) {
    return utc(fullYear(Number(m[3]), new Date(now).getUTCFullYear()), m[2]!, m[1]!, m[4]!, m[5]!, m[6]!);
  }
  return undefined;
}

/**
 * A two-digit year within 50 years of now (RFC 9110: one that would be more than 50 years ahead is the
 * most recent past year with those digits); Date.parse fixed 50–99 to the 1900s instead.
 */
function fullYear(twoDigits: number, thisYear: number): number {
  const year = thisYear - (thisYear % 100) + twoDigits;
  if (year > thisYear + 50) return year - 100;
  return year <= thisYear - 50 ? year + 100 : year;
}

function utc(
  year: number,
  month: string,
  day: string,
  h: string,
  min: string,
  s: string,
): number | undefined {
  const [hh, mm, ss] = [Number(h), Number(min), Number(s)];
  if (hh > 23 || mm > 59 || ss > 60) return undefined; // 60: a leap second
  // setUTCFullYear, as Date.UTC takes years 0–99 for 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(year, MONTHS.indexOf(month.toLowerCase()), Number(day));
  // It rolls over (31 Nov is 1 Dec): such a date is no real time.
  if (date.getUTCDate() !== Number(day)) return undefined;
  return date.setUTCHours(hh, mm, ss);
}
