import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import {
  brokenBody,
  type CallSite,
  httpFailure,
  kindForStatus,
  networkFailure,
  parseRetryAfter,
  redact,
} from "../../qukasoft/classify.ts";
import { inTimeZone } from "../support/time_zone.ts";

const GET: CallSite = { action: "list orders", method: "GET", path: "/order/listsV2" };
const POST: CallSite = { action: "save products", method: "POST", path: "/product/save" };

Deno.test("kindForStatus() makes 408, 429 and 5xx retriable and every other 4xx fatal", async (t) => {
  const rows: [number, string][] = [
    [400, "fatal"],
    [401, "fatal"],
    [403, "fatal"],
    [404, "fatal"],
    [408, "retriable"],
    [409, "fatal"],
    [422, "fatal"],
    [429, "retriable"],
    [500, "retriable"],
    [502, "retriable"],
    [503, "retriable"],
  ];
  for (const [status, kind] of rows) {
    await t.step(`${status}`, () => assert.equal(kindForStatus(status), kind));
  }
});

Deno.test("httpFailure() names the call and status, hints at credentials on 401/403", () => {
  const e = httpFailure(GET, 401, "invalid apikey or apisecret");
  assert.ok(e instanceof IntegrationError);
  assert.equal(e.system, "qukasoft");
  assert.equal(e.kind, "fatal");
  assert.equal(e.subject, "/order/listsV2");
  assert.equal(
    e.message,
    "Cannot list orders in Qukasoft (GET /order/listsV2): status 401 invalid apikey or apisecret " +
      "(check qukasoft.apiKey and qukasoft.apiSecret)",
  );
  assert.match(
    httpFailure(GET, 403, 'an HTML page titled "Access denied"').message,
    /status 403 an HTML page titled "Access denied" \(check qukasoft.apiKey and qukasoft.apiSecret and the key's rights; a firewall in front of the store may also refuse this machine's address\)$/,
  );
  const busy = httpFailure(POST, 429, "slow down", 7);
  assert.equal(busy.kind, "retriable");
  assert.equal(busy.retryAfterSec, 7);
  assert.equal(busy.ambiguous, false, "a 429 was not acted on");
  assert.equal(httpFailure(POST, 503, "down").ambiguous, true, "a write may have happened before a 5xx");
});

Deno.test("networkFailure() and brokenBody() are retriable and name the path", () => {
  const net = networkFailure(POST, new TypeError("connection reset"), false);
  assert.equal(net.kind, "retriable");
  assert.equal(net.ambiguous, true);
  assert.match(net.message, /\(POST \/product\/save\): network error: connection reset$/);
  assert.match(networkFailure(GET, new Error("x"), true).message, /timed out$/);
  const broken = brokenBody(GET, 200, "not JSON");
  assert.equal(broken.kind, "retriable");
  assert.match(broken.message, /\/order\/listsV2/);
});

Deno.test("parseRetryAfter() reads seconds or an HTTP date", () => {
  assert.equal(parseRetryAfter("7", 0), 7);
  assert.equal(parseRetryAfter("2.0", 0), 2, "a decimal, as some servers write it");
  assert.equal(parseRetryAfter("1.5", 0), 2, "rounded up: any less would meet the 429 again");
  assert.equal(parseRetryAfter(null, 0), undefined);
  assert.equal(parseRetryAfter("soon", 0), undefined);
  const now = Date.parse("2026-11-27T10:00:00Z");
  assert.equal(parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", now), 30);
  assert.equal(parseRetryAfter("Friday, 27-Nov-26 10:00:30 GMT", now), 30);
  assert.equal(parseRetryAfter("Fri Nov 27 10:00:30 2026", now), 30, "asctime means GMT");
});

Deno.test("parseRetryAfter() counts a date from the answer's own Date header, whatever this machine's clock says", () => {
  const now = Date.parse("2026-11-27T10:00:00Z");
  const at = "Fri, 27 Nov 2026 10:00:30 GMT";
  const sent = "Fri, 27 Nov 2026 10:00:00 GMT";
  assert.equal(parseRetryAfter(at, now + 5_000, sent), 30, "a clock 5 s fast still waits all 30 s");
  assert.equal(parseRetryAfter(at, now - 120_000, sent), 30, "a clock 2 min slow waits 30 s, not 150");
  assert.equal(parseRetryAfter("7", now - 120_000, sent), 7, "seconds need no clock");
  assert.equal(parseRetryAfter(at, now + 5_000, "yesterday"), 25, "an unreadable Date: this machine's clock");
  assert.equal(parseRetryAfter(at, now + 5_000, null), 25);
});

Deno.test("parseRetryAfter() takes nothing a lenient parser would misread: the client's own backoff applies", () => {
  for (const h of ["-3", "0x10", "1 2", "soon 2", "1,5", ".5", "1.", "1e3", "2026-11-27", "  "]) {
    assert.equal(parseRetryAfter(h, 0), undefined, h);
  }
});

Deno.test("redact() removes every occurrence of each secret", () => {
  assert.equal(
    redact("bad key k3y and s3cret, k3y again", ["k3y", "s3cret", ""]),
    "bad key *** and ***, *** again",
  );
});

Deno.test("parseRetryAfter() never reads an HTTP date as sooner than it is", async () => {
  const now = Date.parse("2026-11-27T10:00:00Z");
  // The date has whole seconds, the clock milliseconds: 29.5 s left is 30 s to wait, not 29 (a second 429).
  assert.equal(parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", now + 500), 30);
  assert.equal(parseRetryAfter("Fri, 27 Nov 2026 10:00:30 GMT", now + 30_000), 0, "already due");
  // asctime carries no zone and means GMT, also on a machine set to Turkey's time (UTC+3).
  await inTimeZone("Europe/Istanbul", () => {
    assert.equal(parseRetryAfter("Fri Nov 27 10:00:30 2026", now), 30);
  });
});
