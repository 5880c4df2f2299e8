import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import fc from "fast-check";
import { IntegrationError } from "../../errors.ts";
import { backoffMs, bodyExcerpt } from "../../qukasoft/request.ts";
import { KEY } from "../sim/qukasoft/fixtures.ts";
import { fetchClient } from "./fetch_client.ts";
import { withSimClient } from "./sim_client.ts";

/** A proxy's or CDN's error page: a title, then tens of kilobytes of markup. */
const proxyPage = (title: string) =>
  `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>\n  ${title}\n</title></head>` +
  `<body>${"<div>cf-wrapper</div>".repeat(2_500)}</body></html>`;

Deno.test("backoffMs() doubles from 1 s and stops at 30 s; jitter takes off at most half", () => {
  const whole = () => 0;
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 20].map((n) => backoffMs(n, whole)), [
    1_000,
    2_000,
    4_000,
    8_000,
    16_000,
    30_000,
    30_000,
    30_000,
  ]);
  assert.deepEqual([0, 1, 5, 20].map((n) => backoffMs(n, () => 0.5)), [750, 1_500, 22_500, 22_500]);
  fc.assert(fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
    const ceiling = Math.min(1_000 * 2 ** n, 30_000);
    const d = backoffMs(n, () => r);
    return d >= ceiling / 2 && d <= ceiling;
  }));
});

Deno.test("retries of a 5xx are jittered by the client's random source; a Retry-After is waited exactly", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("5xx", { times: 3 });
    await api.auth();
    assert.deepEqual(time.delays, [750, 1_500, 3_000]);
    sim.faults.once("429", { detail: "7" });
    await api.auth();
    assert.deepEqual(time.delays.slice(3), [7_000], "nothing taken off the store's own wait");
  }, { client: { random: () => 0.5 } });
});

Deno.test("a Retry-After beyond a minute is not waited out inside the call but handed up", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: "120" });
    await assert.rejects(() => api.auth(), (e) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "retriable");
      assert.equal(e.retryAfterSec, 120);
      return true;
    });
    assert.deepEqual(time.delays, []);
    assert.equal(sim.log.entries().length, 1);
  });
});

Deno.test("a Retry-After date is waited from the answer's Date, with this machine's clock fast or slow", async () => {
  const sent = Date.parse("2026-11-27T10:00:00Z");
  const limited = () =>
    new Response("", {
      status: 429,
      headers: { "retry-after": "Fri, 27 Nov 2026 10:00:30 GMT", date: new Date(sent).toUTCString() },
    });
  // Only Date is faked: the wall clock the client read the date against; nothing waits.
  for (const skew of [5_000, -120_000]) {
    const clock = FakeTimers.install({ toFake: ["Date"], now: sent + skew });
    try {
      const { api, time, calls } = fetchClient((n) =>
        n === 0 ? limited() : Response.json({ code: 200, result: { storeName: "S" } })
      );
      await api.auth();
      assert.deepEqual([calls.n, time.delays], [2, [30_000]], `clock off by ${skew} ms`);
    } finally {
      clock.uninstall();
    }
  }
});

Deno.test("a Retry-After date from the simulator is waited on its timeline, not this machine's", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: new Date(time.now() + 7_000).toUTCString() });
    await api.auth();
    assert.deepEqual(time.delays, [7_000]);
  });
});

Deno.test("a proxy's 502 HTML page is retried, and the error names the page by its title, not its markup", async () => {
  const { api, calls } = fetchClient(() => new Response(proxyPage("502 Bad Gateway"), { status: 502 }), 2);
  await assert.rejects(() => api.auth(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "retriable");
    assert.equal(
      e.message,
      'Cannot check the connection in Qukasoft (GET /auth): status 502 an HTML page titled "502 Bad Gateway"',
    );
    return true;
  });
  assert.equal(calls.n, 3);
});

Deno.test("a maintenance page served with 200 is a broken body: retriable, ambiguous for a write, short", async () => {
  const { api } = fetchClient(() => new Response(proxyPage("Bakımdayız"), { status: 200 }));
  await assert.rejects(() => api.updateStockPrice([{ stockCode: "S", quantity: 1 }]), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "retriable");
    assert.equal(e.ambiguous, true);
    assert.match(
      e.message,
      /broken response body \(status 200\): not JSON: an HTML page titled "Bakımdayız"$/,
    );
    return true;
  });
});

Deno.test("bodyExcerpt() keeps a plain body's first 120 characters, without secrets, on one line", () => {
  assert.equal(bodyExcerpt(`line one\n  key ${KEY}\n${"y".repeat(200)}`, [KEY]).length, 120);
  assert.match(bodyExcerpt(`line one\n  key ${KEY}`, [KEY]), /^line one key \*\*\*$/);
  assert.equal(bodyExcerpt("<html><body>down</body></html>", []), "an HTML page");
});

Deno.test("a 503 with a Retry-After (the store down for maintenance) waits what it asked", async () => {
  const { api, time } = fetchClient((n) =>
    n === 0
      ? new Response("", { status: 503, headers: { "retry-after": "45" } })
      : Response.json({ code: 200, result: { storeName: "S" } })
  );
  await api.auth();
  assert.deepEqual(time.delays, [45_000]);
});

Deno.test("a 503 asking for an hour is handed up with its Retry-After for the scheduler to wait", async () => {
  const { api, time, calls } = fetchClient(() =>
    new Response("", { status: 503, headers: { "retry-after": "3600" } })
  );
  await assert.rejects(() => api.auth(), (e) => e instanceof IntegrationError && e.retryAfterSec === 3600);
  assert.deepEqual([calls.n, time.delays], [1, []]);
});

Deno.test("a 408 from a proxy that gave up waiting is retried", async () => {
  const { api, time } = fetchClient((n) =>
    n === 0
      ? new Response("Request Timeout", { status: 408 })
      : Response.json({ code: 200, result: { storeName: "S" } })
  );
  assert.deepEqual(await api.auth(), { storeName: "S" });
  assert.deepEqual(time.delays, [1_000]);
});

/** The store's rate limit told in the envelope of an HTTP 200, with its Retry-After header. */
const limitedIn200 = (retryAfter: string) =>
  Response.json({ code: 429, message: "rate limit exceeded" }, { headers: { "retry-after": retryAfter } });

Deno.test("a 429 envelope inside HTTP 200 waits out its Retry-After as a 429 status does", async () => {
  const { api, time, calls } = fetchClient((n) =>
    n === 0 ? limitedIn200("7") : Response.json({ code: 200, result: { storeName: "S" } })
  );
  await api.auth();
  assert.deepEqual([calls.n, time.delays], [2, [7_000]]);
});

Deno.test("a 429 envelope inside HTTP 200 asking for two minutes is handed up for the scheduler to wait", async () => {
  const { api, time, calls } = fetchClient(() => limitedIn200("120"));
  await assert.rejects(() => api.auth(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "retriable");
    assert.equal(e.retryAfterSec, 120);
    return true;
  });
  assert.deepEqual([calls.n, time.delays], [1, []]);
});

Deno.test("a Retry-After beside a final error envelope inside HTTP 200 is not read: fatal, not retried", async () => {
  const { api, calls } = fetchClient(() =>
    Response.json({ code: 400, message: "bad" }, { headers: { "retry-after": "5" } })
  );
  await assert.rejects(() => api.auth(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "fatal");
    assert.equal(e.retryAfterSec, undefined);
    return true;
  });
  assert.equal(calls.n, 1);
});
