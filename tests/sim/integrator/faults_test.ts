import assert from "node:assert/strict";
import { FaultInjector } from "../../../sim/faults.ts";
import { connectToken, harness, post, request, retailOrder } from "./fixture.ts";

Deno.test("fault 'error': HTTP 200 with the detail as ExceptionMessage, and the order is not saved", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  h.sim.faults.once("error", { match: "Post", detail: "Transaction (Process ID 61) was deadlocked" });
  const a = await post(h.sim, token, retailOrder());
  assert.equal(a.status, 200);
  assert.equal(a.json.ExceptionMessage, "Transaction (Process ID 61) was deadlocked");
  assert.equal(h.data.rows("trOrderHeader").length, 0);
  assert.equal(h.sim.log.entries("Post")[0]?.fault, "error");
  // Only one request got it.
  assert.equal((await post(h.sim, token, retailOrder())).json.OrderNumber, "1-R-7-1");
});

Deno.test("fault '5xx': an IIS HTML error page with status 500 (or the status in detail)", async () => {
  await using h = await harness();
  h.sim.faults.once("5xx", { match: "Connect" }).once("5xx", { match: "Connect", detail: "503" });
  const a = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, { body: {} });
  assert.equal(a.status, 500);
  assert.match(String(a.json.raw), /<title>500 - Internal server error\.<\/title>/);
  assert.equal(a.headers.get("content-type"), "text/html");
  const b = await request(`${h.sim.baseUrl}/IntegratorService/Connect`, { body: {} });
  assert.equal(b.status, 503);
  assert.equal(h.sim.log.entries("Connect").map((e) => e.status).join(","), "500,503");
});

Deno.test("fault 'drop': the answer dies mid-body and the order is not saved", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  h.sim.faults.once("drop", { match: "Post" });
  await assert.rejects(() => post(h.sim, token, retailOrder()), TypeError);
  assert.equal(h.data.rows("trOrderHeader").length, 0);
  assert.equal(h.sim.log.entries("Post")[0]?.fault, "drop");
});

Deno.test("fault 'timeoutAfterCommit': the order is saved, then the connection dies before the answer", async () => {
  await using h = await harness();
  const token = await connectToken(h.sim);
  h.sim.faults.once("timeoutAfterCommit", { match: "Post" });
  await assert.rejects(() => post(h.sim, token, retailOrder()), TypeError);
  const saved = h.data.rows("trOrderHeader");
  assert.equal(saved.length, 1);
  assert.equal(saved[0]?.DocumentNumber, "SHOP-100234");
  // The client that retries blindly makes a duplicate: exactly the hazard the agent must avoid.
  assert.equal((await post(h.sim, token, retailOrder())).json.OrderNumber, "1-R-7-2");
});

Deno.test("faults.delay() holds every answer for the latency (injected sleep, no real wait)", async () => {
  const waits: number[] = [];
  const faults = new FaultInjector({
    sleep: (ms) => {
      waits.push(ms);
      return Promise.resolve();
    },
  });
  faults.latencyMs = 750;
  await using h = await harness({ faults });
  const token = await connectToken(h.sim);
  await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  assert.deepEqual(waits, [750, 750]);
});

Deno.test("a fault may target one command: a GetUserInfo fault leaves Connect alone", async () => {
  await using h = await harness();
  h.sim.faults.once("error", { match: "GetUserInfo", detail: "boom" });
  const token = await connectToken(h.sim);
  const a = await request(`${h.sim.baseUrl}/IntegratorService/GetUserInfo`, { headers: { Token: token } });
  assert.equal(a.json.ExceptionMessage, "boom");
});
