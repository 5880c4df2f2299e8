import assert from "node:assert/strict";
import { parseHttpDate } from "../../http/http_date.ts";
import { inTimeZone } from "../support/time_zone.ts";

const GMT = Date.UTC(1994, 10, 6, 8, 49, 37);

Deno.test("parseHttpDate: the three HTTP-date forms are GMT, whatever this machine's time zone", () =>
  inTimeZone("Asia/Tokyo", () => {
    assert.notEqual(new Date(GMT).getTimezoneOffset(), 0, "the test runs off UTC");
    assert.equal(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), GMT);
    assert.equal(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), GMT);
    assert.equal(parseHttpDate("Sun Nov  6 08:49:37 1994"), GMT);
    assert.equal(parseHttpDate("Sun Nov 16 08:49:37 1994"), GMT + 10 * 86_400_000);
    // Names in any case; the header's surrounding whitespace is not part of it.
    assert.equal(parseHttpDate(" sun, 06 NOV 1994 08:49:37 gmt "), GMT);
  }));

Deno.test("parseHttpDate: an RFC 850 two-digit year is the one within 50 years of now", () => {
  const now = Date.UTC(2026, 10, 29);
  assert.equal(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT", now), GMT);
  // Date.parse took 50–99 as the 1900s: 2050 is 24 years ahead, not more than 50.
  assert.equal(parseHttpDate("Sunday, 06-Nov-50 08:49:37 GMT", now), Date.UTC(2050, 10, 6, 8, 49, 37));
  assert.equal(parseHttpDate("Thursday, 01-Jan-76 00:00:00 GMT", now), Date.UTC(2076, 0, 1));
  assert.equal(parseHttpDate("Friday, 01-Jan-77 00:00:00 GMT", now), Date.UTC(1977, 0, 1));
  assert.equal(parseHttpDate("Friday, 01-Jan-77 00:00:00 GMT", Date.UTC(2100, 0, 1)), Date.UTC(2077, 0, 1));
});

Deno.test("parseHttpDate: anything else, or a time that does not exist, is no date", () =>
  inTimeZone("America/New_York", () => {
    for (
      const text of [
        "",
        "yesterday",
        "2026-11-28T10:00:00Z", // ISO 8601: Date.parse takes it, HTTP does not
        "Sun, 06 Nov 1994 08:49:37", // no zone: Date.parse read it as local time
        "Sun, 06 Nov 1994 08:49:37 EST",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT", // 1 Dec for Date.UTC
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:60:00 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT",
      ]
    ) assert.equal(parseHttpDate(text), undefined, text);
    // A leap second is a time (the next second's), and year 0094 is not 1994.
    assert.equal(parseHttpDate("Sat, 31 Dec 2016 23:59:60 GMT"), Date.UTC(2017, 0, 1));
    assert.equal(parseHttpDate("Sun, 06 Nov 0094 08:49:37 GMT"), new Date(GMT).setUTCFullYear(94));
  }));
