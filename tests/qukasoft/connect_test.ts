/**
 * A store that cannot be reached at all (a wrong qukasoft.baseUrl: nothing on that port, no such host) is
 * named as such, with the URL and the setting to check, instead of "fetch failed"; `check`'s /auth says so
 * at once, while the sync's calls keep retrying (the store may be restarting).
 */
import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { IntegrationError } from "../../errors.ts";
import { type CallSite, networkFailure } from "../../qukasoft/classify.ts";
import { createQukasoftClient } from "../../qukasoft/client.ts";
import { fakeTime } from "./fake_time.ts";
import { withSimClient } from "./sim_client.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";

const AUTH: CallSite = { action: "check the connection", method: "GET", path: "/auth" };
const SAVE: CallSite = { action: "save products", method: "POST", path: "/product/save" };

/** What Deno's fetch throws: "fetch failed", the reason only in its cause. */
function fetchFailed(reason: string): TypeError {
  return new TypeError("fetch failed", { cause: new Error(`error sending request for url (…): ${reason}`) });
}

Deno.test("networkFailure() says why no connection was opened, names the URL and qukasoft.baseUrl", async (t) => {
  const base = "http://127.0.0.1:8089/api";
  const cases: [name: string, cause: unknown, says: string, kind: string][] = [
    [
      "refused (Linux)",
      fetchFailed("client error (Connect): tcp connect error: Connection refused (os error 111)"),
      "cannot connect to http://127.0.0.1:8089/api: connection refused: nothing accepts connections on port " +
      "8089 of 127.0.0.1; check qukasoft.baseUrl",
      "retriable",
    ],
    [
      "refused (Windows)",
      fetchFailed(
        "client error (Connect): tcp connect error: No connection could be made because the target machine " +
          "actively refused it. (os error 10061)",
      ),
      "connection refused: nothing accepts connections on port 8089 of 127.0.0.1; check qukasoft.baseUrl",
      "retriable",
    ],
    [
      "unknown host",
      fetchFailed(
        "client error (Connect): dns error: failed to lookup address information: Name or service not known",
      ),
      "cannot connect to http://127.0.0.1:8089/api: the host name 127.0.0.1 was not found (DNS); check qukasoft.baseUrl",
      "retriable",
    ],
    [
      "another connect failure",
      fetchFailed("client error (Connect): invalid peer certificate: UnknownIssuer"),
      "cannot connect to http://127.0.0.1:8089/api: invalid peer certificate: UnknownIssuer; check qukasoft.baseUrl",
      "retriable",
    ],
    [
      "a port fetch refuses",
      new TypeError("Fetch failed: Requests to port 8089 are blocked"),
      "port 8089 is one fetch refuses to use (a browser-blocked port); check qukasoft.baseUrl",
      "fatal",
    ],
  ];
  for (const [name, cause, says, kind] of cases) {
    await t.step(name, () => {
      const e = networkFailure(SAVE, cause, false, base);
      assert.ok(e.message.startsWith("Cannot save products in Qukasoft (POST /product/save): "), e.message);
      assert.ok(e.message.endsWith(says), e.message);
      assert.deepEqual(
        [e.kind, e.subject, e.ambiguous],
        [kind, "qukasoft.baseUrl", false],
        "nothing was sent",
      );
    });
  }
  await t.step("a failure after connecting keeps its reason and may have reached the store", () => {
    const e = networkFailure(SAVE, fetchFailed("connection closed before message completed"), false, base);
    assert.match(e.message, /: network error: fetch failed: error sending request .*: connection closed/);
    assert.deepEqual([e.kind, e.subject, e.ambiguous], ["retriable", "/product/save", true]);
  });
  await t.step("a user and password written into the URL are not shown", () => {
    const e = networkFailure(
      AUTH,
      fetchFailed("client error (Connect): Connection refused"),
      false,
      "https://u:pw@m.example/api",
    );
    assert.match(e.message, /cannot connect to https:\/\/m\.example\/api: /);
    assert.ok(!e.message.includes("pw"), e.message);
    const reset = networkFailure(
      AUTH,
      new TypeError("fetch failed", {
        cause: new Error("error sending request for url (https://u:pw@m.example/api/auth): connection reset"),
      }),
      false,
      "https://u:pw@m.example/api",
    );
    assert.match(reset.message, /\(https:\/\/m\.example\/api\/auth\): connection reset$/);
  });
});

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

Deno.test("a refused connection fails check's /auth at once; the sync's calls retry it with backoff", async () => {
  const port = closedPort();
  const time = fakeTime();
  let attempts = 0;
  const api = createQukasoftClient({
    baseUrl: `http://127.0.0.1:${port}/api`,
    apiKey: "k",
    apiSecret: "s",
    sleep: time.sleep,
    now: time.now,
    random: time.random,
    fetch: (input, init) => (attempts++, fetch(input, init)),
  });
  const refused = (e: unknown) => {
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "retriable");
    assert.match(
      e.message,
      new RegExp(`cannot connect to http://127\\.0\\.0\\.1:${port}/api: connection refused`),
    );
    assert.match(e.message, /check qukasoft\.baseUrl$/);
    return true;
  };
  await assert.rejects(() => api.auth(), refused);
  assert.deepEqual([attempts, time.delays], [1, []], "check is told at once");
  attempts = 0;
  await assert.rejects(() => api.updateStockPrice([{ stockCode: "S", quantity: 1 }]), refused);
  assert.deepEqual([attempts, time.delays], [5, [1_000, 2_000, 4_000, 8_000]], "the sync retries");
});

Deno.test("a store that never answers (a firewall dropping it) fails check's /auth after one timeout", async () => {
  const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    const time = fakeTime();
    let attempts = 0;
    const api = createQukasoftClient({
      baseUrl: "http://store.invalid",
      apiKey: KEY,
      apiSecret: SECRET,
      timeoutMs: 30_000,
      sleep: time.sleep,
      now: time.now,
      random: time.random,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          attempts++;
          init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
        }),
    });
    let settled: unknown;
    const auth = api.auth().catch((e) => settled = e);
    await clock.tickAsync(30_000);
    // Retried as the sync's calls are, the person at the screen waited 5 × 30 s for the same line.
    assert.deepEqual([attempts, time.delays], [1, []], "check is told after one timeout");
    assert.ok(settled instanceof IntegrationError, String(settled));
    assert.match(settled.message, /\(GET \/auth\): timed out$/);
    await clock.tickAsync(5 * 30_000); // an unfixed client's retries, so that none is left running
    await auth;
  } finally {
    clock.uninstall();
  }
});

Deno.test("a key or secret fetch cannot send as a header fails at once, naming the key, never quoting it", async () => {
  const pairs: [apiKey: string, apiSecret: string, key: string, at: number][] = [
    ["the-api-key", "sec\nret", "apiSecret", 4],
    ["key\u0000one", "the-api-secret", "apiKey", 4],
    // docs/settings.md's example placeholder left in; a zero-width space copied from a web page.
    ["…", "the-api-secret", "apiKey", 1],
    ["the-api-key", "the-api-secret\u200b", "apiSecret", 15],
    // Any other control character but tab, which fetch refuses only as it sends: an escape sequence copied
    // from a terminal, DEL; counted in the value as written.
    ["the-api-key\u001b[0m", "the-api-secret", "apiKey", 12],
    ["the-api-key", "sec\u007fret", "apiSecret", 4],
    ["\n\u000bthe-api-key", "the-api-secret", "apiKey", 2],
  ];
  for (const [apiKey, apiSecret, key, at] of pairs) {
    // A retry would sleep: here that fails the call instead, so a wrong kind shows.
    const auth = async () =>
      await createQukasoftClient({
        baseUrl: `http://127.0.0.1:${closedPort()}/api`,
        apiKey,
        apiSecret,
        sleep: () => Promise.reject(new Error("retried")),
      }).auth();
    await assert.rejects(auth, (e: unknown) => {
      assert.ok(e instanceof IntegrationError, String(e));
      assert.equal(e.kind, "fatal", e.message);
      assert.equal(e.subject, `qukasoft.${key}`);
      assert.match(
        e.message,
        new RegExp(
          `^qukasoft\\.${key} holds a character an HTTP header cannot carry \\(its character ${at}\\)`,
        ),
      );
      for (const part of ["the-api", "sec", "one"]) assert.ok(!e.message.includes(part), e.message);
      return true;
    });
  }
});

Deno.test("a key or secret with a line break or space around it, as read from a file, is sent as fetch sends it", async () => {
  // Fetch strips the whitespace around a header value: the store gets the key as issued, and takes it.
  for (
    const [apiKey, apiSecret] of [[`${KEY}\n`, SECRET], [KEY, `${SECRET}\r\n`], [` ${KEY}`, `\t${SECRET} `]]
  ) {
    await withSimClient(async ({ api }) => {
      assert.deepEqual(
        await api.auth(),
        { storeName: "Simülasyon Mağaza" },
        JSON.stringify([apiKey, apiSecret]),
      );
    }, { client: { apiKey, apiSecret } });
  }
});

Deno.test("a key read with a line break after it is masked where the store's answer echoes it", async () => {
  // The store sees the key without the line break (fetch strips it): that is the text its answer quotes.
  await using server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen: () => {} },
    (req) => new Response(`<h1>unknown api key ${req.headers.get("apikey")}</h1>`, { status: 401 }),
  );
  const api = createQukasoftClient({
    baseUrl: `http://127.0.0.1:${server.addr.port}`,
    apiKey: "wrong-key-777\n",
    apiSecret: SECRET,
    sleep: () => Promise.reject(new Error("retried")),
  });
  await assert.rejects(() => api.auth(), (e: unknown) => {
    assert.ok(e instanceof IntegrationError, String(e));
    assert.match(e.message, /unknown api key \*\*\*/);
    assert.ok(!e.message.includes("wrong-key"), e.message);
    return true;
  });
});
