import assert from "node:assert/strict";
import { connectBody, connectToken, DB, harness, request, STORE_USER, USER } from "./fixture.ts";

Deno.test("Connect in token mode answers Connection Created Successfully with a 32-hex token", async () => {
  await using h = await harness();
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, { body: connectBody() });
  assert.equal(a.status, 200);
  assert.equal(a.json.ModelType, 0);
  assert.equal(a.json.Status, "Connection Created Successfully");
  assert.equal(a.json.StatusCode, 200);
  assert.match(String(a.json.Token), /^[0-9A-F]{32}$/);
  assert.equal(a.json.SessionID, undefined);
});

Deno.test("Connect accepts credentials in the query string and ModelType 0 or 1, also as strings", async () => {
  await using h = await harness();
  const q = new URLSearchParams({
    DatabaseName: DB,
    UserGroupCode: "adm",
    UserName: "ETICARET",
    Password: USER.password,
  });
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Connect?${q}`, { method: "POST" });
  assert.equal(typeof a.json.Token, "string");
  const info = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, {
    headers: { Token: String(a.json.Token) },
  });
  assert.equal(info.json.UserName, USER.userName);
  for (const mt of [0, "0", "1"]) {
    const b = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, {
      body: connectBody({ ModelType: mt }),
    });
    assert.equal(b.json.Status, "Connection Created Successfully", `ModelType ${JSON.stringify(mt)}`);
  }
  const bad = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, {
    body: connectBody({ ModelType: 7 }),
  });
  assert.equal(bad.status, 200);
  assert.match(String(bad.json.ExceptionMessage), /ModelType/);
});

Deno.test("Connect says yes to a wrong password; every later call answers HTTP 200 with a login failure", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim, { Password: "wrong" });
  const info = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  assert.equal(info.status, 200);
  assert.match(String(info.json.ExceptionMessage), /Login failed/);
  assert.equal(info.json.UserName, undefined);
  const postAnswer = await request(`${h.sim.baseUrl}/IntegratorService/Post`, {
    headers: { Token: token },
    body: { ModelType: 6 },
  });
  assert.equal(postAnswer.status, 200);
  assert.match(String(postAnswer.json.ExceptionMessage), /Login failed/);
});

Deno.test("Connect with a wrong database name: the login failure names the database", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim, { DatabaseName: "V3_OTHER" });
  const info = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  assert.match(String(info.json.ExceptionMessage), /Cannot open database "V3_OTHER".*login failed/);
});

Deno.test("GetUserInfo (POST, no body) returns the user with office, store and warehouse", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim, {
    UserGroupCode: STORE_USER.userGroupCode,
    UserName: STORE_USER.userName,
    Password: STORE_USER.password,
  });
  const a = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  assert.equal(a.status, 200);
  const { ModelType: _m, RecordInfo: _r, IsWarehouseUser: _w, ...rest } = a.json;
  assert.deepEqual(rest, {
    UserGroupCode: "MGZ",
    UserName: "kasa",
    DatabaseName: DB,
    LangCode: "TR",
    DataLangCode: "TR",
    IsOfficeUser: false,
    IsStoreUser: true,
    CompanyCode: "1",
    OfficeCode: "M",
    StoreCode: "W01",
    WarehouseCode: "W01",
  });
});

Deno.test("token mode: the token may be the last path segment instead of a header", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo/${token}`);
  assert.equal(a.json.UserName, USER.userName);
  assert.equal(a.json.IsOfficeUser, true);
  // Command names are routed case-insensitively, as ASP.NET does (`/IntegratorService/POST/{token}`).
  const b = await request(`${h.sim.baseUrl}/integratorservice/getuserinfo/${token}`);
  assert.equal(b.json.UserName, USER.userName);
});

Deno.test("session mode: Connect gives a SessionID used as /(S(id))/ and GetUserInfo is a GET", async () => {
  await using h = await harness({ mode: "session" });
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, { body: connectBody() });
  const sid = String(a.json.SessionID);
  assert.match(sid, /^[a-z0-5]{24}$/);
  assert.equal(a.json.Token, undefined);
  const info = await request(`${h.sim.baseUrl}/(S(${sid}))/IntegratorService/GetUserInfo`, { method: "GET" });
  assert.equal(info.status, 200);
  assert.equal(info.json.UserName, USER.userName);
  // A Token header means nothing in session mode: without the URL segment the call has no session.
  const noSession = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, {
    headers: { Token: sid },
  });
  assert.equal(noSession.json.ExceptionMessage, "Attempting to deserialize an empty stream.");
});

Deno.test("session mode: an unauthenticated GET to the base URL is a 302 into a new /(S(id))/ session", async () => {
  await using h = await harness({ mode: "session" });
  const a = await request(`${h.sim.baseUrl}/`, { method: "GET" });
  assert.equal(a.status, 302);
  const location = String(a.headers.get("location"));
  const m = /^\/\(S\(([a-z0-5]{24})\)\)\/$/.exec(location);
  assert.ok(m, location);
  // The redirect's session id is what some clients connect with.
  const c = await request(`${h.sim.baseUrl}/(S(${m[1]}))/IntegratorService/Connect`, { body: connectBody() });
  assert.equal(c.json.SessionID, m[1]);
  const info = await request(`${h.sim.baseUrl}/(S(${m[1]}))/IntegratorService/GetUserInfo`, {
    method: "GET",
  });
  assert.equal(info.json.UserName, USER.userName);
});

Deno.test("session mode: a GET command without a session is redirected; the new session is not logged in", async () => {
  await using h = await harness({ mode: "session" });
  const a = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { method: "GET" });
  assert.equal(a.status, 302);
  const location = String(a.headers.get("location"));
  assert.match(location, /^\/\(S\([a-z0-5]{24}\)\)\/IntegratorService\/GetUserInfo$/);
  const b = await request(`${h.sim.baseUrl}${location}`, { method: "GET" });
  assert.equal(b.json.ExceptionMessage, "Attempting to deserialize an empty stream.");
});

Deno.test("token mode: a /(S(...))/ URL does not exist (404)", async () => {
  await using h = await harness();
  const a = await request(`${h.sim.baseUrl}/(S(abcdefabcdefabcdefabcdef))/IntegratorService/GetUserInfo`);
  assert.equal(a.status, 404);
});

Deno.test("an idle token expires after sessionIdleMs (injected clock); activity keeps it alive", async () => {
  await using h = await harness({ sessionIdleMs: 20 * 60_000 });
  const token = await connectToken(h.sim);
  const info = () => request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  h.now.ms += 15 * 60_000;
  assert.equal((await info()).json.UserName, USER.userName);
  h.now.ms += 15 * 60_000; // 30 min after Connect, 15 after the last call
  assert.equal((await info()).json.UserName, USER.userName);
  h.now.ms += 20 * 60_000 + 1;
  const expired = await info();
  assert.equal(expired.status, 200);
  assert.equal(expired.json.ExceptionMessage, "Attempting to deserialize an empty stream.");
  // Once dropped it stays dropped, even if the clock is moved back.
  h.now.ms -= 30 * 60_000;
  assert.equal((await info()).json.ExceptionMessage, "Attempting to deserialize an empty stream.");
});

Deno.test("an idle session expires the same way in session mode", async () => {
  await using h = await harness({ mode: "session", sessionIdleMs: 60_000 });
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, { body: connectBody() });
  h.now.ms += 60_001;
  const info = await request(`${h.sim.baseUrl}/(S(${a.json.SessionID}))/IntegratorService/GetUserInfo`, {
    method: "GET",
  });
  assert.equal(info.json.ExceptionMessage, "Attempting to deserialize an empty stream.");
});

Deno.test("dropSessions, Disconnect, an unknown or a missing token: all 'empty stream' with HTTP 200", async () => {
  await using h = await harness();
  const info = (headers: Record<string, string>) =>
    request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers });
  const t1 = await connectToken(h.sim);
  h.sim.dropSessions();
  const dropped = await info({ Token: t1 });
  assert.equal(dropped.status, 200);
  assert.equal(dropped.json.ExceptionMessage, "Attempting to deserialize an empty stream.");
  const t2 = await connectToken(h.sim);
  const bye = await request(`${h.sim.baseUrl}/IntegratorService/Disconnect/${t2}`, { method: "GET" });
  assert.equal(bye.json.StatusCode, 200);
  assert.equal(
    (await info({ Token: t2 })).json.ExceptionMessage,
    "Attempting to deserialize an empty stream.",
  );
  assert.equal(
    (await info({ Token: "0".repeat(32) })).json.ExceptionMessage,
    "Attempting to deserialize an empty stream.",
  );
  assert.equal((await info({})).json.ExceptionMessage, "Attempting to deserialize an empty stream.");
});

Deno.test("errors have Nebim's shape: ModelType, ExceptionMessage, base64 StackTrace, ErrorSource, StatusCode", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Post`, {
    headers: { Token: token },
    body: { ModelType: 6 },
  });
  assert.equal(a.status, 200);
  assert.deepEqual(Object.keys(a.json).sort(), [
    "ErrorSource",
    "ExceptionMessage",
    "ModelType",
    "StackTrace",
    "StatusCode",
  ]);
  assert.equal(a.json.ModelType, 6);
  assert.match(String(a.json.StackTrace), /^[A-Za-z0-9+/]+=*$/);
  assert.match(atob(String(a.json.StackTrace)), /IntegratorService/);
  assert.equal(typeof a.json.ErrorSource, "string");
  assert.equal(typeof a.json.StatusCode, "number");
});

Deno.test("a body with more JSON members than maxJsonMembers is 'too large to be deserialized'", async () => {
  await using h = await harness({ maxJsonMembers: 50 });
  const token = await connectToken(h.sim);
  const lines = Array.from(
    { length: 10 },
    () => ({ UsedBarcode: "x", Qty1: 1, PriceVI: 1, LineDescription: "" }),
  );
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Post`, {
    headers: { Token: token },
    body: { ModelType: 6, Lines: lines },
  });
  assert.equal(a.status, 200);
  assert.equal(a.json.ExceptionMessage, "The JSON request was too large to be deserialized.");
  // 47 members are within the limit: deserialized, then rejected for business reasons.
  const small = await request(`${h.sim.baseUrl}/IntegratorService/Post`, {
    headers: { Token: token },
    body: { ModelType: 6, Lines: lines.slice(0, 9) },
  });
  assert.notEqual(small.json.ExceptionMessage, "The JSON request was too large to be deserialized.");
});

Deno.test("a body that is not JSON is rejected with HTTP 200 and an ExceptionMessage", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Post`, {
    headers: { Token: token },
    body: "{ModelType: six",
  });
  assert.equal(a.status, 200);
  assert.match(String(a.json.ExceptionMessage), /Invalid JSON primitive/);
});

Deno.test("every request is logged with its command name and decoded body", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  const names = h.sim.log.entries().map((e) => e.name);
  assert.deepEqual(names, ["Connect", "GetUserInfo"]);
  const connect = h.sim.log.entries("Connect")[0]!;
  assert.equal((connect.input as Record<string, unknown>).UserName, USER.userName);
  assert.equal(connect.status, 200);
});
