import assert from "node:assert/strict";
import {
  dateDays,
  dateFromDatetime,
  dateFromDatetime2,
  dateFromDays,
  datetime2Parts,
  datetimeParts,
  toDate,
} from "../../../sim/tds/temporal.ts";

Deno.test("date: days since 0001-01-01, both ways", () => {
  assert.equal(dateDays(new Date("0001-01-01T00:00:00Z"), "d"), 0);
  assert.equal(dateDays(new Date("2000-01-01T00:00:00Z"), "d"), 730119);
  assert.equal(dateDays(new Date("1970-01-01T23:59:59.999Z"), "d"), 719162);
  assert.deepEqual(dateFromDays(730119), new Date("2000-01-01T00:00:00Z"));
});

Deno.test("datetime: 1/300 s ticks since 1900-01-01, rolling over midnight", () => {
  assert.deepEqual(datetimeParts(new Date("1900-01-01T00:00:01Z"), "d"), { days: 0, ticks: 300 });
  assert.deepEqual(datetimeParts(new Date("1899-12-31T00:00:00Z"), "d"), { days: -1, ticks: 0 });
  assert.deepEqual(datetimeParts(new Date("2024-01-01T23:59:59.999Z"), "d"), {
    days: datetimeParts(new Date("2024-01-02T00:00:00Z"), "d").days,
    ticks: 0,
  });
  assert.deepEqual(dateFromDatetime(0, 1), new Date("1900-01-01T00:00:00.003Z"));
  assert.throws(
    () => datetimeParts(new Date("1752-12-31T00:00:00Z"), "column D"),
    /column D: date out of range/,
  );
});

Deno.test("datetime2: units of 10^-scale s, rounding below milliseconds", () => {
  const d = new Date("2024-05-06T00:00:01.567Z");
  assert.equal(datetime2Parts(d, 7, "d").units, 15_670_000);
  assert.equal(datetime2Parts(d, 3, "d").units, 1567);
  assert.equal(datetime2Parts(d, 1, "d").units, 16);
  assert.equal(datetime2Parts(d, 0, "d").units, 2);
  const late = new Date("2024-05-06T23:59:59.600Z");
  const rolled = datetime2Parts(late, 0, "d");
  assert.deepEqual(rolled, { days: datetime2Parts(new Date("2024-05-07T00:00:00Z"), 0, "d").days, units: 0 });
  assert.deepEqual(dateFromDatetime2(730119, 15_670_000, 7), new Date("2000-01-01T00:00:01.567Z"));
});

Deno.test("handler values become dates from Date, ISO text or epoch ms, else a named error", () => {
  assert.deepEqual(toDate("2024-05-06T07:08:09Z", "d"), new Date(Date.UTC(2024, 4, 6, 7, 8, 9)));
  assert.deepEqual(toDate(0, "d"), new Date(0));
  assert.throws(() => toDate("yesterday", "column Updated"), /column Updated: not a date/);
});
