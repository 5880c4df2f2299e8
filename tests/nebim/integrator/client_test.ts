import assert from "node:assert/strict";
// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import { IntegrationError } from "../../../errors.ts";
import { createIntegratorClient, type IntegratorClientOptions } from "../../../nebim/integrator/client.ts";
import { FaultInjector } from "../../../sim/faults.ts";
import { DB, type Harness, harness, STORE_USER, USER } from "../../sim/integrator/fixture.ts";

const EMPTY_STREAM = "Attempting to deserialize an empty stream.";

interface Sent {
  method: string;
  url: string;
  token: string | null;
}

/** A client for the harness, recording what it sends. */
function clientFor(h: Harness, over: Partial<IntegratorClientOptions> = {}) {
  const sent: Sent[] = [];
  const recording: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    sent.push({ method: init?.method ?? "GET", url: String(input), token: headers.get("Token") });
    return fetch(input, init);
  };
  const client = createIntegratorClient({
    baseUrl: h.sim.baseUrl + "/",
    mode: "token",
    databaseName: DB,
    userGroupCode: USER.userGroupCode,
    userName: USER.userName,
    password: USER.password,
    fetch: recording,
    ...over,
  });
  return { client, sent };
}

/** The error a promise rejects with, checked to be an IntegrationError of the integrator. */
async function failure(p: Promise<unknown>): Promise<IntegrationError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof IntegrationError, `not an IntegrationError: ${e}`);
    assert.equal(e.system, "integrator");
    return e;
  }
  throw new assert.AssertionError({ message: "expected a rejection" });
}

/** Every message in an error and its causes. */
function allText(e: unknown): string {
  let text = "";
  for (let c: unknown = e; c instanceof Error; c = c.cause) text += `${c.message}\n${String(c)}\n`;
  return text;
}

Deno.test("token mode: connect() then getUserInfo() proves the login (POST with the Token header)", async () => {
  await using h = await harness();
  const { client, sent } = clientFor(h);
  await client.connect();
  const user = await client.getUserInfo();
  assert.deepEqual(user, {
    userGroupCode: "ADM",
    userName: "eticaret",
    databaseName: DB,
    officeCode: "M",
    storeCode: "",
    warehouseCode: "D01",
  });
  assert.deepEqual(sent.map((s) => [s.method, new URL(s.url).pathname]), [
    ["POST", "/IntegratorService/Connect"],
    ["POST", "/IntegratorService/GetUserInfo"],
  ]);
  assert.match(String(sent[1]!.token), /^[0-9A-F]{32}$/);
  // Connect carries the credentials in the body, never in the URL.
  assert.ok(!sent.some((s) => s.url.includes(USER.password)));
  await client.close();
});

Deno.test("session mode: getUserInfo() is a GET under /(S(id))/ and connects first when needed", async () => {
  await using h = await harness({ mode: "session" });
  const { client, sent } = clientFor(h, {
    mode: "session",
    userGroupCode: STORE_USER.userGroupCode,
    userName: STORE_USER.userName,
    password: STORE_USER.password,
  });
  const user = await client.getUserInfo();
  assert.equal(user.storeCode, "W01");
  assert.equal(user.warehouseCode, "W01");
  assert.equal(sent[1]!.method, "GET");
  assert.match(new URL(sent[1]!.url).pathname, /^\/\(S\([a-z0-5]{24}\)\)\/IntegratorService\/GetUserInfo$/);
  assert.equal(sent[1]!.token, null);
  await client.close();
});

Deno.test("a wrong password: connect() succeeds, getUserInfo() fails fatally, the password never shows", async () => {
  await using h = await harness();
  const password = "Wr0ng-Secret-99";
  const { client } = clientFor(h, { password });
  await client.connect();
  const e = await failure(client.getUserInfo());
  assert.equal(e.kind, "fatal");
  assert.match(e.message, /refused the login of user ADM\/eticaret on database V3_TEST/);
  assert.match(e.message, /password/);
  assert.equal(e.subject, "ADM/eticaret");
  assert.ok(!allText(e).includes(password));
  await client.close();
});

Deno.test("a wrong database name is a fatal login failure too", async () => {
  await using h = await harness();
  const { client } = clientFor(h, { databaseName: "V3_NONE" });
  const e = await failure(client.getUserInfo());
  assert.equal(e.kind, "fatal");
  assert.match(e.message, /Cannot open database "V3_NONE"/);
  await client.close();
});

Deno.test("'empty stream' (dropped session): reconnect once and retry GetUserInfo", async () => {
  await using h = await harness();
  const { client } = clientFor(h);
  await client.connect();
  h.sim.dropSessions();
  assert.equal((await client.getUserInfo()).userName, "eticaret");
  assert.deepEqual(h.sim.log.entries().map((e) => e.name), [
    "Connect",
    "GetUserInfo",
    "Connect",
    "GetUserInfo",
  ]);
  // The same after an idle expiry on the simulator's clock.
  h.now.ms += 21 * 60_000;
  assert.equal((await client.getUserInfo()).userName, "eticaret");
  assert.equal(h.sim.log.entries("Connect").length, 3);
  await client.close();
});

Deno.test("'empty stream' again after the reconnect is retriable (only one retry)", async () => {
  await using h = await harness();
  h.sim.faults.once("error", { match: "GetUserInfo", detail: EMPTY_STREAM, times: 2 });
  const { client } = clientFor(h);
  const e = await failure(client.getUserInfo());
  assert.equal(e.kind, "retriable");
  assert.match(e.message, /empty stream/);
  assert.equal(h.sim.log.entries("GetUserInfo").length, 2);
  assert.equal(h.sim.log.entries("Connect").length, 2);
  await client.close();
});

Deno.test("another ExceptionMessage on GetUserInfo is retriable and not retried", async () => {
  await using h = await harness();
  h.sim.faults.once("error", { match: "GetUserInfo", detail: "Timeout expired." });
  const { client } = clientFor(h);
  const e = await failure(client.getUserInfo());
  assert.equal(e.kind, "retriable");
  assert.match(e.message, /GetUserInfo .* answered an error: Timeout expired\./);
  assert.equal(h.sim.log.entries("GetUserInfo").length, 1);
  await client.close();
});

Deno.test("text from the Integrator that contains the password is redacted", async () => {
  await using h = await harness();
  h.sim.faults.once("error", {
    match: "GetUserInfo",
    detail: `Login failed for user 'eticaret' (password '${USER.password}')`,
  });
  const { client } = clientFor(h);
  const e = await failure(client.getUserInfo());
  assert.equal(e.kind, "fatal");
  assert.ok(!allText(e).includes(USER.password));
  assert.match(e.message, /password '\*{8}'/);
  await client.close();
});

Deno.test("HTTP 5xx, a dropped connection and a refused connection are retriable", async () => {
  await using h = await harness();
  const { client } = clientFor(h);
  h.sim.faults.once("5xx", { match: "Connect", detail: "503" });
  const e5 = await failure(client.connect());
  assert.equal(e5.kind, "retriable");
  assert.match(e5.message, /HTTP 503/);
  await client.connect();
  h.sim.faults.once("drop", { match: "GetUserInfo" });
  const drop = await failure(client.getUserInfo());
  assert.equal(drop.kind, "retriable");
  assert.match(drop.message, /dropped while reading the answer/);
  assert.equal(drop.ambiguous, true);
  await client.close();

  const gone = await harness();
  const { client: late } = clientFor(gone);
  await gone.sim.close();
  const refused = await failure(late.connect());
  assert.equal(refused.kind, "retriable");
  assert.match(refused.message, /Cannot reach Nebim Integrator Connect/);
});

Deno.test('an unreachable Integrator is told with fetch\'s reason and the setting, not only "fetch failed"', async () => {
  const gone = await harness();
  const { client } = clientFor(gone);
  await gone.sim.close();
  const refused = await failure(client.connect());
  // Refused (nothing on that port), as against a DNS name not found or https to an http port: each its own fix.
  assert.match(refused.message, /^Cannot reach Nebim Integrator Connect \(.*\): fetch failed: .*refused/i);
  assert.match(refused.message, /; check nebim\.integrator\.baseUrl$/);

  await using h = await harness();
  const { client: tls } = clientFor(h, { baseUrl: h.sim.baseUrl.replace("http:", "https:") });
  const e = await failure(tls.connect());
  // The scheme, said (tests/plain_http_test.ts): no retry mends it.
  assert.match(
    e.message,
    /^Cannot reach Nebim Integrator Connect \(https:.*\): the server answered in plain HTTP, not HTTPS; nebim/,
  );
  assert.equal(e.kind, "fatal");
});

Deno.test("a request that outlives requestTimeoutMs is aborted as retriable (fake timers, no real wait)", async () => {
  let release = () => {};
  let reached = () => {};
  const atServer = new Promise<void>((r) => reached = r);
  const faults = new FaultInjector({
    sleep: () => {
      reached();
      return new Promise<void>((r) => release = r);
    },
  });
  await using h = await harness({ faults });
  const { client } = clientFor(h, { requestTimeoutMs: 5_000 });
  await client.connect();
  const clock = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    faults.latencyMs = 1;
    const pending = failure(client.getUserInfo());
    await atServer;
    clock.tick(5_000);
    const e = await pending;
    assert.equal(e.kind, "retriable");
    assert.match(e.message, /GetUserInfo .* did not answer within 5000 ms/);
  } finally {
    clock.uninstall();
    release();
  }
  faults.latencyMs = 0;
  await client.close();
});

Deno.test("the caller's abort signal cancels the request", async () => {
  await using h = await harness();
  const { client } = clientFor(h);
  const e = await failure(client.getUserInfo(AbortSignal.abort()));
  assert.equal(e.kind, "retriable");
  assert.match(e.message, /cancelled/);
});

Deno.test("a mode mismatch is fatal and says which mode the Integrator runs in", async () => {
  await using h = await harness({ mode: "session" });
  const { client } = clientFor(h, { mode: "token" });
  const e = await failure(client.connect());
  assert.equal(e.kind, "fatal");
  assert.match(e.message, /without a Token: it runs in session mode/);
});

Deno.test("a base URL with no IntegratorService behind it (HTTP 404) is fatal", async () => {
  await using h = await harness();
  const { client } = clientFor(h, { baseUrl: `${h.sim.baseUrl}/v3` });
  const e = await failure(client.connect());
  assert.equal(e.kind, "fatal");
  assert.match(e.message, /HTTP 404; check baseUrl/);
});

Deno.test("close() disconnects the token; the next call connects again", async () => {
  await using h = await harness();
  const { client, sent } = clientFor(h);
  await client.getUserInfo();
  const token = sent[1]!.token;
  await client.close();
  assert.equal(h.sim.log.entries("Disconnect").length, 1);
  assert.equal(sent[2]!.token, token);
  await client.getUserInfo();
  assert.notEqual(sent.at(-1)!.token, token);
  assert.equal(h.sim.log.entries("Connect").length, 2);
  await client.close();
});
