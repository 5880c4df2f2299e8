import assert from "node:assert/strict";
import type { FeedBody } from "../../agent/feed_file.ts";
import type { HealthReport } from "../../agent/health.ts";
import { acceptsGzip, createApp } from "../../http/app.ts";
import { inTimeZone } from "../support/time_zone.ts";

const XML = '<?xml version="1.0" encoding="UTF-8"?>\n<products>\n</products>\n';
const BUILT = new Date("2026-11-28T10:00:00Z");

/** The app over a feed held in memory (its build made at `builtAt`), recording what each request asked for. */
async function app(builtAt = BUILT) {
  const gz = new Uint8Array(
    await new Response(new Blob([XML]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer(),
  );
  const asked: { withBody: boolean; gzip: boolean }[] = [];
  const feed = (withBody: boolean, gzip: boolean): Promise<FeedBody> => {
    asked.push({ withBody, gzip });
    const bytes = gzip ? gz : new TextEncoder().encode(XML);
    return Promise.resolve({
      body: withBody ? new Blob([bytes]).stream() : null,
      bytes: bytes.length,
      builtAt,
      etag: gzip ? '"b1-gzip"' : '"b1"',
      ...(gzip ? { encoding: "gzip" as const } : {}),
    });
  };
  const a = createApp({ health: () => ({}) as never, feed, token: "t0k3n" });
  return { a, asked, gz };
}

Deno.test("acceptsGzip: named or as *, never with q=0", () => {
  assert.equal(acceptsGzip(undefined), false);
  assert.equal(acceptsGzip("identity"), false);
  assert.equal(acceptsGzip("gzip, deflate, br"), true);
  assert.equal(acceptsGzip("br;q=1.0, GZIP;q=0.5"), true);
  assert.equal(acceptsGzip("gzip;q=0, *"), false);
  assert.equal(acceptsGzip("*;q=0, gzip"), true);
  assert.equal(acceptsGzip("*"), true);
  assert.equal(acceptsGzip("deflate"), false);
});

Deno.test("the feed is sent gzip-compressed to a client that takes it, as is to one that does not", async () => {
  const { a, asked, gz } = await app();
  const plain = await a.request("/feed/products.xml?token=t0k3n");
  assert.equal(plain.headers.get("content-encoding"), null);
  assert.equal(plain.headers.get("vary"), "accept-encoding");
  assert.equal(await plain.text(), XML);
  const packed = await a.request("/feed/products.xml?token=t0k3n", {
    headers: { "accept-encoding": "gzip" },
  });
  assert.equal(packed.headers.get("content-encoding"), "gzip");
  assert.equal(Number(packed.headers.get("content-length")), gz.length);
  const unpacked = await new Response(packed.body!.pipeThrough(new DecompressionStream("gzip"))).text();
  assert.equal(unpacked, XML);
  assert.equal(packed.headers.get("last-modified"), BUILT.toUTCString());
  assert.deepEqual(asked, [{ withBody: true, gzip: false }, { withBody: true, gzip: true }]);
});

Deno.test("HEAD on the feed asks for no body; a wrong token gets 403 and no feed at all", async () => {
  const { a, asked } = await app();
  const head = await a.request("/feed/products.xml?token=t0k3n", { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(Number(head.headers.get("content-length")), new TextEncoder().encode(XML).length);
  const denied = await a.request("/feed/products.xml?token=wrong");
  assert.equal(denied.status, 403);
  const bearer = await a.request("/feed/products.xml", { headers: { authorization: "Bearer t0k3n" } });
  assert.equal(bearer.status, 200);
  await bearer.body?.cancel();
  assert.deepEqual(asked.map((x) => x.withBody), [false, true]);
});

Deno.test("an empty ?token= is no token: the Authorization header's is checked, and neither is still 403", async () => {
  const { a } = await app();
  const both = await a.request("/feed/products.xml?token=", { headers: { authorization: "Bearer t0k3n" } });
  assert.equal(both.status, 200);
  await both.body?.cancel();
  const wrongHeader = await a.request("/feed/products.xml?token=", {
    headers: { authorization: "Bearer nope" },
  });
  assert.equal(wrongHeader.status, 403);
  assert.equal((await a.request("/feed/products.xml?token=")).status, 403);
});

Deno.test("If-Modified-Since: 304 without a body while the build is not newer; the feed when it is", async () => {
  const { a, asked } = await app();
  const url = "/feed/products.xml?token=t0k3n";
  const same = await a.request(url, { headers: { "if-modified-since": BUILT.toUTCString() } });
  assert.equal(same.status, 304);
  assert.equal(same.body, null);
  assert.equal(same.headers.get("last-modified"), BUILT.toUTCString());
  const older = new Date(BUILT.getTime() - 1000).toUTCString();
  const changed = await a.request(url, { headers: { "if-modified-since": older } });
  assert.equal(changed.status, 200);
  assert.equal(await changed.text(), XML);
  const garbled = await a.request(url, { headers: { "if-modified-since": "yesterday" } });
  assert.equal(garbled.status, 200);
  await garbled.body?.cancel();
  // The 304 opened no file: only the two full answers asked for a body.
  assert.deepEqual(asked.filter((x) => x.withBody).length, 2);
});

Deno.test("If-Modified-Since in each HTTP-date form is GMT: the build's date gets a 304 off UTC too", () =>
  inTimeZone("Asia/Tokyo", async () => {
    const { a } = await app();
    const url = "/feed/products.xml?token=t0k3n";
    // BUILT, 2026-11-28T10:00:00Z, as the obsolete forms an older importer may send.
    for (const since of ["Sat Nov 28 10:00:00 2026", "Saturday, 28-Nov-26 10:00:00 GMT"]) {
      const res = await a.request(url, { headers: { "if-modified-since": since } });
      assert.equal(res.status, 304, since);
    }
    // Nine hours later, what Tokyo's local reading of the asctime form would be: another build's date.
    const res = await a.request(url, { headers: { "if-modified-since": "Sat Nov 28 19:00:00 2026" } });
    assert.equal(res.status, 200);
    await res.body?.cancel();
  }));

Deno.test("a feed that cannot be built is a 503 with the reason (an importer retries later)", async () => {
  const a = createApp({
    health: () => ({}) as never,
    feed: () =>
      Promise.reject(new Error("building the XML feed in /data/feed failed: No space left on device")),
    token: "t0k3n",
  });
  const res = await a.request("/feed/products.xml?token=t0k3n");
  assert.equal(res.status, 503);
  assert.deepEqual(await res.json(), {
    error: "building the XML feed in /data/feed failed: No space left on device",
  });
});

Deno.test("another method on a known path is 405 naming GET and HEAD; an unknown path stays 404", async () => {
  const { a, asked } = await app();
  for (const path of ["/feed/products.xml?token=t0k3n", "/health"]) {
    const r = await a.request(path, { method: "POST" });
    assert.equal(r.status, 405, path);
    assert.equal(r.headers.get("allow"), "GET, HEAD");
    assert.match((await r.json()).error, /^POST is not allowed on \/[a-z/.]+; use GET or HEAD$/);
  }
  assert.equal((await a.request("/healthz")).status, 404);
  assert.deepEqual(asked, [], "no feed was built for a refused method");
});

Deno.test("If-Modified-Since later than the build (a clock set back) is not its date: the feed, not a 304", async () => {
  const { a } = await app(); // the clock an hour past the build, or set back: the same answers
  const url = "/feed/products.xml?token=t0k3n";
  assert.equal((await a.request(url, { headers: { "if-modified-since": BUILT.toUTCString() } })).status, 304);
  // The Last-Modified of a build made before the clock was set back two hours.
  const ahead = new Date(BUILT.getTime() + 7_200_000).toUTCString();
  const res = await a.request(url, { headers: { "if-modified-since": ahead } });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), XML);
});

Deno.test("a build made after the clock was set back is sent once the clock passes the importer's older-clock date", async () => {
  // 11:00 on a clock an hour fast: the importer kept Last-Modified 11:00. The clock, set back, made this
  // build at 10:00 (another client asked, or the importer's answer was lost), and now reads 11:10: the
  // importer's date is in the past again, but it never had this build.
  const { a } = await app();
  const url = "/feed/products.xml?token=t0k3n";
  const kept = new Date(BUILT.getTime() + 3_600_000).toUTCString();
  const res = await a.request(url, { headers: { "if-modified-since": kept } });
  assert.equal(res.status, 200);
  assert.equal(await res.text(), XML);
});

Deno.test("If-Modified-Since: a build's Last-Modified in whole seconds is its own (12:00:00.900 is 12:00:00)", async () => {
  const builtAt = new Date(BUILT.getTime() + 900);
  const { a } = await app(builtAt); // asked in the second of the build
  const url = "/feed/products.xml?token=t0k3n";
  const full = await a.request(url);
  assert.equal(full.headers.get("last-modified"), BUILT.toUTCString());
  await full.body?.cancel();
  const same = await a.request(url, { headers: { "if-modified-since": BUILT.toUTCString() } });
  assert.equal(same.status, 304);
  assert.equal(same.headers.get("last-modified"), BUILT.toUTCString());
  const head = await a.request(url, {
    method: "HEAD",
    headers: { "if-modified-since": BUILT.toUTCString() },
  });
  assert.equal(head.status, 304);
});

Deno.test("a build's own date gets 304 whatever the clock: a build stamped a second ahead, a held one stamped before a set-back", async () => {
  // Built at 10:00:00.400 with a second of its own (agent/feed_source.ts): Last-Modified 10:00:01, asked at
  // 10:00:00.700. Or the last good build, held by catalog.vanishLimit, stamped before the clock went back.
  const builtAt = new Date(BUILT.getTime() + 1_000);
  const { a } = await app(builtAt);
  const url = "/feed/products.xml?token=t0k3n";
  const same = await a.request(url, { headers: { "if-modified-since": builtAt.toUTCString() } });
  assert.equal(same.status, 304);
  assert.equal(same.headers.get("last-modified"), builtAt.toUTCString());
});

Deno.test("If-None-Match: the build's ETag (one per encoding) gets 304; another gets the feed, whatever If-Modified-Since says; no copy is reused unasked", async () => {
  const { a } = await app();
  const url = "/feed/products.xml?token=t0k3n";
  const plain = await a.request(url);
  assert.equal(plain.headers.get("etag"), '"b1"');
  // A kept Last-Modified may be days old: no cache on the way reuses a copy without asking.
  assert.equal(plain.headers.get("cache-control"), "private, no-cache");
  await plain.body?.cancel();
  const packed = await a.request(url, { headers: { "accept-encoding": "gzip" } });
  assert.equal(packed.headers.get("etag"), '"b1-gzip"');
  await packed.body?.cancel();
  // Any tag of the list, weak or not (RFC 9110 13.1.2), and "*".
  for (const tags of ['"b0", W/"b1"', "*"]) {
    const same = await a.request(url, { headers: { "if-none-match": tags } });
    assert.equal(same.status, 304, tags);
    assert.equal(same.body, null);
    assert.equal(same.headers.get("etag"), '"b1"');
    assert.equal(same.headers.get("last-modified"), BUILT.toUTCString());
    assert.equal(same.headers.get("cache-control"), "private, no-cache");
  }
  // The plain copy's tag is not the gzip copy's.
  const other = await a.request(url, { headers: { "if-none-match": '"b1"', "accept-encoding": "gzip" } });
  assert.equal(other.status, 200);
  await other.body?.cancel();
  // If-None-Match decides; If-Modified-Since is not looked at then (RFC 9110 13.2.2).
  const older = await a.request(url, {
    headers: { "if-none-match": '"b0"', "if-modified-since": BUILT.toUTCString() },
  });
  assert.equal(older.status, 200);
  assert.equal(await older.text(), XML);
});

Deno.test("/health answers 503 only when failing: ok and degraded are 200, for monitors that read the status code", async () => {
  for (const [status, code] of [["ok", 200], ["degraded", 200], ["failing", 503]] as const) {
    const health = () => ({ status, reasons: [] }) as unknown as HealthReport;
    const a = createApp({ health, feed: () => Promise.reject(new Error("no feed")), token: "t0k3n" });
    const res = await a.request("/health");
    assert.equal(res.status, code, status);
    assert.equal((await res.json()).status, status);
  }
});
