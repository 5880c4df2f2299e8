import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { IntegrationError } from "../../errors.ts";
import { FaultInjector } from "../../sim/faults.ts";
import { createQukasoftClient } from "../../qukasoft/client.ts";
import { requestHistory } from "../../qukasoft/rate_limiter.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";
import { fakeTime } from "./fake_time.ts";
import { fetchClient } from "./fetch_client.ts";
import { simClient, withSimClient } from "./sim_client.ts";

function isError(kind: string, pattern: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof IntegrationError, `expected IntegrationError, got ${e}`);
    assert.equal(e.kind, kind);
    assert.equal(e.system, "qukasoft");
    assert.match(e.message, pattern);
    assert.ok(!e.message.includes(KEY) && !e.message.includes(SECRET), "no credentials in the message");
    return true;
  };
}

Deno.test("a 429 is retried after the Retry-After the store gave", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: "7" });
    assert.deepEqual(await api.auth(), { storeName: "Simülasyon Mağaza" });
    assert.deepEqual(time.delays, [7_000]);
    assert.deepEqual(sim.log.entries().map((e) => e.status), [429, 200]);
  });
});

Deno.test("the store's own rate limit is honoured end to end on one simulated clock", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    await api.auth();
    await api.auth();
    await api.auth();
    assert.deepEqual(sim.log.entries().map((e) => e.status), [200, 200, 429, 200]);
    assert.deepEqual(time.delays, [10_000]);
  }, { sim: { ratePer10s: 2 } });
});

Deno.test("the client keeps under requestsPer10s itself, so the store never answers 429", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    for (let i = 0; i < 7; i++) await api.auth();
    assert.ok(sim.log.entries().every((e) => e.status === 200));
    assert.deepEqual(time.delays, [10_000, 10_000]);
  }, { sim: { ratePer10s: 3 }, client: { requestsPer10s: 3 } });
});

Deno.test("a request's window runs from its answer, so a slow one does not let the next reach the store early", async () => {
  // The store counts a request when it arrives, which may be well after the client sent it.
  let wait = (_ms: number) => Promise.resolve();
  const faults = new FaultInjector({ sleep: (ms) => wait(ms) });
  await withSimClient(async ({ api, sim, time }) => {
    wait = (ms) => time.sleep(ms);
    faults.latencyMs = 500;
    await api.auth();
    faults.latencyMs = 0;
    await api.auth();
    assert.deepEqual(sim.log.entries().map((e) => e.status), [200, 200]);
    assert.deepEqual(time.delays, [500, 10_000], "the store's latency, then a whole window from the answer");
  }, { sim: { ratePer10s: 1, faults }, client: { requestsPer10s: 1 } });
});

Deno.test("a 5xx is retried with capped exponential backoff", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("5xx", { times: 3 });
    await api.auth();
    assert.deepEqual(time.delays, [1_000, 2_000, 4_000]);
    assert.deepEqual(sim.log.entries().map((e) => e.status), [503, 503, 503, 200]);
  });
});

Deno.test("retries stop after maxRetries and the last failure is thrown as retriable", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("5xx", { times: 10 });
    await assert.rejects(
      () => api.updateStockPrice([{ stockCode: "8690000000017", quantity: 1 }]),
      isError(
        "retriable",
        /^Cannot update stock and prices in Qukasoft \(POST \/product\/stockPrice\): status 503/,
      ),
    );
    assert.equal(sim.log.entries().length, 3);
    assert.deepEqual(time.delays, [1_000, 2_000]);
  }, { client: { maxRetries: 2 } });
});

Deno.test("a connection dropped mid-answer is retried", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("drop", { match: "/order/listsV2" });
    const page = await api.listOrders({ pageStart: 0, pageSize: 10, sort: "asc" });
    assert.equal(page.total, 4);
    assert.deepEqual(time.delays, [1_000]);
    sim.faults.once("drop", { times: 2 });
    await assert.rejects(() => api.auth(), isError("retriable", /\(GET \/auth\): network error/));
  }, { client: { maxRetries: 1 } });
});

const NEW_PRODUCT = {
  productCode: "KML-9",
  name: "Keten Gömlek",
  vatRate: 10,
  variants: [{ stockCode: "SC-9", quantity: 2, priceKurus: 89990, marketplacePriceKurus: 94990 }],
};

/** A save that failed as one the store may still be applying: retriable, ambiguous. */
function isLostWrite(detail: RegExp) {
  return (e: unknown) => {
    assert.ok(isError("retriable", /\(POST \/product\/save\)/)(e));
    assert.match((e as IntegrationError).message, detail);
    assert.equal((e as IntegrationError).ambiguous, true);
    return true;
  };
}

Deno.test("a product save whose answer was lost is not sent again within the call; the next one meets it, no duplicate", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("drop", { match: "/product/save" });
    // The store may still be applying it: the call fails (the cycle with it) rather than racing it.
    await assert.rejects(() => api.saveProducts([NEW_PRODUCT]), isLostWrite(/: network error/));
    assert.deepEqual(time.delays, []);
    assert.equal(sim.log.entries("POST /product/save").length, 1);
    // The next cycle's save: an upsert by code, so it meets the applied product.
    const [result] = await api.saveProducts([NEW_PRODUCT]);
    assert.equal(result!.status, "updated", "the first attempt had created it");
    assert.equal([...sim.state.products.keys()].filter((k) => k === "KML-9").length, 1);
    assert.equal(sim.state.variant("SC-9")!.variant.quantity, 2);
  });
});

Deno.test("a write a proxy answers 504 (the store still running it) is not sent again within the call; a read is", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("gatewayTimeout", { match: "/product/save" });
    await assert.rejects(
      () => api.saveProducts([NEW_PRODUCT]),
      isLostWrite(/: status 504 an HTML page titled "504 Gateway Time-out"$/),
    );
    assert.deepEqual(time.delays, []);
    assert.equal(sim.log.entries("POST /product/save").length, 1);
    assert.equal(sim.state.product("KML-9")?.variants.length, 1, "the store applied it behind the proxy");
    // A read has nothing to race: it is retried as any 5xx.
    sim.faults.once("gatewayTimeout", { match: "/auth" });
    await api.auth();
    assert.deepEqual(time.delays, [1_000]);
  });
});

Deno.test("a stock and price update whose answer was lost is sent again within the call: its values are absolute", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("drop", { match: "/product/stockPrice" });
    // Applied twice, even at once, it sets the same quantity and price: unlike a save, nothing can double.
    const [result] = await api.updateStockPrice([{
      stockCode: "8690000000017",
      quantity: 7,
      priceKurus: 50_000,
    }]);
    assert.equal(result!.status, "updated");
    assert.deepEqual(time.delays, [1_000]);
    assert.equal(sim.log.entries("POST /product/stockPrice").length, 2);
    assert.equal(sim.state.variant("8690000000017")!.variant.quantity, 7);
  });
});

Deno.test("a save the store applied but answered with an empty 200 is sent again in the call and meets itself", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("emptyBody", { match: "/product/save" });
    const [result] = await api.saveProducts([NEW_PRODUCT]);
    assert.deepEqual(time.delays, [1_000]);
    assert.deepEqual(sim.log.entries("POST /product/save").map((e) => [e.status, e.fault]), [
      [200, "emptyBody"],
      [200, undefined],
    ]);
    assert.equal(result!.status, "updated", "the first attempt had created it");
    assert.equal(sim.state.creations.products.get("KML-9"), 1);
  });
});

Deno.test("the store's error form inside HTTP 200 is retried as its code, and nothing of it was applied", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("errorIn200", { match: "/product/save", detail: "SQLSTATE[HY000]: General error" });
    const [result] = await api.saveProducts([NEW_PRODUCT]);
    assert.deepEqual(time.delays, [1_000]);
    assert.equal(result!.status, "created");
    sim.faults.once("errorIn200", { match: "/product/stockPrice", times: 5 });
    await assert.rejects(
      () => api.updateStockPrice([{ stockCode: "SC-9", quantity: 7 }]),
      isError("retriable", /\(POST \/product\/stockPrice\): status 500 internal error$/),
    );
    assert.equal(sim.state.variant("SC-9")!.variant.quantity, 2);
  });
});

Deno.test("a 400 is fatal and not retried", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("error", { detail: "kategori bulunamadı" });
    await assert.rejects(
      () =>
        api.saveProducts([{
          productCode: "X",
          name: "x",
          vatRate: 1,
          variants: [{ stockCode: "x", priceKurus: 1 }],
        }]),
      isError("fatal", /\(POST \/product\/save\): status 400 kategori bulunamadı$/),
    );
    assert.equal(sim.log.entries().length, 1);
    assert.deepEqual(time.delays, []);
  });
});

Deno.test("wrong credentials are fatal at once and never appear in the error", async () => {
  await withSimClient(async ({ sim, time }) => {
    const api = createQukasoftClient({
      baseUrl: sim.baseUrl + "/",
      apiKey: "wrong-key-777",
      apiSecret: SECRET,
      sleep: time.sleep,
      now: time.now,
    });
    await assert.rejects(() => api.auth(), (e) => {
      assert.ok(
        isError(
          "fatal",
          /status 401 invalid apikey or apisecret \(check qukasoft.apiKey and qukasoft.apiSecret\)$/,
        )(e),
      );
      assert.ok(!(e as Error).message.includes("wrong-key-777"));
      return true;
    });
    assert.equal(sim.log.entries().length, 1);
  });
});

Deno.test("credentials the store echoes back are redacted from the error", async () => {
  await withSimClient(async ({ api, sim }) => {
    sim.faults.once("error", { detail: `apisecret ${SECRET} is not allowed for key ${KEY}` });
    await assert.rejects(
      () => api.auth(),
      isError("fatal", /apisecret \*\*\* is not allowed for key \*\*\*/),
    );
  });
});

Deno.test("a non-JSON body is retriable and names the path", async () => {
  const time = fakeTime();
  let calls = 0;
  const api = createQukasoftClient({
    baseUrl: "http://store.invalid",
    apiKey: KEY,
    apiSecret: SECRET,
    maxRetries: 1,
    sleep: time.sleep,
    now: time.now,
    fetch: () => (calls++, Promise.resolve(new Response("<html>Bad Gateway</html>", { status: 200 }))),
  });
  await assert.rejects(
    () => api.listOrders({ pageStart: 0, pageSize: 1, sort: "desc" }),
    isError("retriable", /\(GET \/order\/listsV2\): broken response body \(status 200\): not JSON/),
  );
  assert.equal(calls, 2);
});

Deno.test("a 4xx with an HTML or empty body is still a 4xx: fatal, not retried", async () => {
  for (const [status, body] of [[400, "<html>Bad Request</html>"], [404, ""], [413, "Too Large"]] as const) {
    const { api, time, calls } = fetchClient(() => new Response(body, { status }));
    await assert.rejects(() => api.auth(), isError("fatal", new RegExp(`${status}`)));
    assert.deepEqual([calls.n, time.delays], [1, []], `status ${status}`);
  }
});

Deno.test("a 404 page that is not the API's answer (the shop's address set for the API's) names qukasoft.baseUrl", async () => {
  const page = "<html><head><title>404 Not Found</title></head><body>nginx</body></html>";
  const { api, calls } = fetchClient(() => new Response(page, { status: 404 }));
  await assert.rejects(() => api.auth(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "fatal");
    assert.equal(e.subject, "qukasoft.baseUrl");
    assert.match(e.message, /status 404 an HTML page titled "404 Not Found" \(.*check qukasoft\.baseUrl/);
    return true;
  });
  assert.equal(calls.n, 1);
  // The store's own 404 (an unknown order code) is the store's answer, about that order: no such hint.
  const own = fetchClient(() => Response.json({ code: 404, message: "order not found: X" }, { status: 404 }));
  await assert.rejects(() => own.api.setTransferred("X", "R"), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.doesNotMatch(e.message, /baseUrl/);
    return true;
  });
});

Deno.test("a 404 in the API's envelope at /auth (a wrong path in the base URL: …/api/v1 for …/api) names qukasoft.baseUrl", async () => {
  // /auth is every Qukasoft API's connection test: no path there, however the 404 is worded, is no API there.
  const body = { code: 404, message: "no such endpoint: GET /shop/auth" };
  const { api } = fetchClient(() => Response.json(body, { status: 404 }));
  await assert.rejects(() => api.auth(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "fatal");
    assert.equal(e.subject, "qukasoft.baseUrl");
    assert.match(e.message, /status 404 no such endpoint: GET \/shop\/auth \(.*check qukasoft\.baseUrl/);
    return true;
  });
});

Deno.test("a 429 with a plain-text body still waits out its Retry-After", async () => {
  let n = 0;
  const { api, time } = fetchClient(() =>
    n++ === 0
      ? new Response("slow down", { status: 429, headers: { "retry-after": "20" } })
      : Response.json({ code: 200, result: { storeName: "S" } })
  );
  await api.auth();
  assert.deepEqual(time.delays, [20_000]);
});

Deno.test("a secret the store echoes in a long plain-text error is redacted before the text is cut", async () => {
  const { api } = fetchClient(() =>
    new Response(`${"x".repeat(105)} key=${SECRET} and more`, { status: 400 })
  );
  await assert.rejects(() => api.auth(), (e) => {
    assert.ok(e instanceof IntegrationError);
    assert.ok(!e.message.includes(SECRET.slice(0, 8)), e.message);
    return true;
  });
});

Deno.test("a well-formed answer that breaks the contract is fatal and names the field", async () => {
  const time = fakeTime();
  const body = {
    code: 200,
    result: { total: 1, pageSize: 10, list: [{ id: 1, productCode: "A", name: "A" }] },
  };
  const api = createQukasoftClient({
    baseUrl: "http://store.invalid",
    apiKey: KEY,
    apiSecret: SECRET,
    sleep: time.sleep,
    now: time.now,
    fetch: () => Promise.resolve(Response.json(body)),
  });
  await assert.rejects(
    async () => {
      for await (const _ of api.listProducts()) { /* the first page throws */ }
    },
    isError(
      "fatal",
      /breaks the contract: no product of the page can be read: product "A" \(id 1\): active: /,
    ),
  );
  assert.deepEqual(time.delays, []);
});

Deno.test("an error envelope inside HTTP 200 is treated as its code", async () => {
  const time = fakeTime();
  const api = createQukasoftClient({
    baseUrl: "http://store.invalid",
    apiKey: KEY,
    apiSecret: SECRET,
    sleep: time.sleep,
    now: time.now,
    fetch: () => Promise.resolve(Response.json({ code: 422, message: "invalid price" })),
  });
  await assert.rejects(() => api.auth(), isError("fatal", /status 422 invalid price/));
});

Deno.test("a request that outlives timeoutMs is retriable and leaves no timer", async () => {
  const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const time = fakeTime();
    const api = createQukasoftClient({
      baseUrl: "http://store.invalid",
      apiKey: KEY,
      apiSecret: SECRET,
      maxRetries: 0,
      timeoutMs: 5_000,
      sleep: time.sleep,
      now: time.now,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))
        ),
    });
    const pending = assert.rejects(() => api.auth(), isError("retriable", /\(GET \/auth\): timed out$/));
    await clock.tickAsync(5_000);
    await pending;
    assert.equal(clock.countTimers(), 0);
  } finally {
    clock.uninstall();
  }
});

Deno.test("a call the caller aborts stops retrying", async () => {
  await withSimClient(async ({ api, sim }) => {
    const ctrl = new AbortController();
    ctrl.abort(new Error("shutting down"));
    await assert.rejects(() => api.auth(ctrl.signal), isError("retriable", /\(GET \/auth\): aborted$/));
    assert.equal(sim.log.entries().length, 0);
  });
});

Deno.test("createQukasoftClient() refuses empty settings with a fatal error naming the key", () => {
  assert.throws(
    () => createQukasoftClient({ baseUrl: "http://x", apiKey: "", apiSecret: "s" }),
    (e) => e instanceof IntegrationError && e.kind === "fatal" && e.subject === "qukasoft.apiKey",
  );
});

Deno.test("a 429 with Retry-After: 0 waits the client's own backoff, not a burst of retries", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: "0", times: 3 });
    await api.auth();
    assert.deepEqual(time.delays, [1_000, 2_000, 4_000]);
    assert.deepEqual(sim.log.entries().map((e) => e.status), [429, 429, 429, 200]);
  });
});

Deno.test("a 429 with a decimal Retry-After (2.0, 1.5) waits the store's seconds, rounded up", async () => {
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: "2.0" }).once("429", { detail: "1.5" });
    await api.auth();
    assert.deepEqual(time.delays, [2_000, 2_000]);
  });
});

Deno.test("a Retry-After handed up to the scheduler holds every client of that store until it ends, unsent", async () => {
  // A settings change rebuilds the client and may start a cycle at once (a new SQL host): the store asked for an
  // hour's quiet, and a new client must not be the one to break it.
  const history = requestHistory();
  await withSimClient(async ({ api, sim, time }) => {
    sim.faults.once("429", { detail: "3600" });
    await assert.rejects(api.auth(), (e) => {
      assert.ok(
        e instanceof IntegrationError && e.kind === "retriable" && e.retryAfterSec === 3600,
        String(e),
      );
      return true;
    });
    const rebuilt = simClient(sim, time, { history });
    await time.sleep(600_000); // ten minutes of the hour gone
    await assert.rejects(
      rebuilt.auth(),
      isError("retriable", /the store asked for no requests until its Retry-After ends/),
    );
    await assert.rejects(rebuilt.auth(), (e) => e instanceof IntegrationError && e.retryAfterSec === 3000);
    assert.deepEqual(sim.log.entries().map((e) => e.status), [429], "nothing sent inside the store's hour");
    await time.sleep(3_000_000);
    assert.deepEqual(await rebuilt.auth(), { storeName: "Simülasyon Mağaza" });
  }, { client: { history } });
});
