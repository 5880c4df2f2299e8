import assert from "node:assert/strict";
import { FaultInjector, RequestLog } from "../../../sim/faults.ts";
import { createQukasoftApp } from "../../../sim/qukasoft/app.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import { envelope, get, KEY, post, sampleData, SECRET } from "./fixtures.ts";

function makeApp(faults = new FaultInjector()) {
  const log = new RequestLog();
  const state = new StoreState("Test", sampleData());
  return {
    state,
    log,
    faults,
    app: createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET, faults, log }),
  };
}

Deno.test("fault 'error' answers 400 with the fault's detail and changes nothing", async () => {
  const { app, faults, state } = makeApp();
  faults.once("error", { match: "/product/stockPrice", detail: "kategori bulunamadı" });
  const res = await post(app, "/product/stockPrice", {
    items: [{ stockCode: "8690000000017", quantity: 0 }],
  });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { code: 400, message: "kategori bulunamadı" });
  assert.equal(state.variant("8690000000017")!.variant.quantity, 4);
});

Deno.test("fault '5xx' answers 503 with the error envelope", async () => {
  const { app, faults } = makeApp();
  faults.once("5xx");
  const res = await get(app, "/auth");
  assert.equal(res.status, 503);
  assert.deepEqual(await res.json(), { code: 503, message: "service unavailable" });
  assert.equal((await get(app, "/auth")).status, 200, "only once");
});

Deno.test("fault '429' answers 429 with the Retry-After of its detail", async () => {
  const { app, faults } = makeApp();
  faults.once("429", { detail: "7" });
  const res = await get(app, "/auth");
  assert.equal(res.status, 429);
  assert.equal(res.headers.get("retry-after"), "7");
  assert.equal((await envelope(res)).code, 429);
});

Deno.test("the simulator's Date header comes from its clock, as a Retry-After date would", async () => {
  const state = new StoreState("Test", sampleData());
  const app = createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET, clock: () => 1_000_000 });
  assert.equal((await get(app, "/auth")).headers.get("date"), "Thu, 01 Jan 1970 00:16:40 GMT");
});

Deno.test("fault 'drop' breaks the body off after a few bytes", async () => {
  const { app, faults } = makeApp();
  faults.once("drop", { match: "/order/listsV2" });
  const res = await get(app, "/order/listsV2");
  assert.equal(res.status, 200);
  await assert.rejects(() => res.text(), /connection dropped/);
});

/** A stock update of 9 under `kind`: its answer's status and body, and the quantity the store then has. */
async function stockUpdateUnder(kind: "gatewayTimeout" | "emptyBody" | "errorIn200") {
  const { app, faults, state } = makeApp();
  faults.once(kind, { match: "/product/stockPrice" });
  const res = await post(app, "/product/stockPrice", {
    items: [{ stockCode: "8690000000017", quantity: 9 }],
  });
  return {
    status: res.status,
    body: await res.text(),
    quantity: state.variant("8690000000017")!.variant.quantity,
  };
}

Deno.test("faults 'gatewayTimeout' and 'emptyBody' apply the write, then lose its answer", async () => {
  const timedOut = await stockUpdateUnder("gatewayTimeout");
  assert.equal(timedOut.status, 504);
  assert.match(timedOut.body, /^<html>[\s\S]*<title>504 Gateway Time-out<\/title>/, "a proxy's page");
  assert.equal(timedOut.quantity, 9, "the store went on and applied it");
  assert.deepEqual(await stockUpdateUnder("emptyBody"), { status: 200, body: "", quantity: 9 });
});

Deno.test("fault 'errorIn200' answers the store's error envelope inside HTTP 200 and changes nothing", async () => {
  const { status, body, quantity } = await stockUpdateUnder("errorIn200");
  assert.deepEqual([status, JSON.parse(body), quantity], [200, { code: 500, message: "internal error" }, 4]);
});

Deno.test("fault 'partialAnswer' applies every item and leaves the last one's result out; reversedAnswers lists them last first", async () => {
  const { app, faults, state } = makeApp();
  const items = [{ stockCode: "8690000000017", quantity: 7 }, { stockCode: "8690000000024", quantity: 8 }];
  const codes = async (res: Response) =>
    ((await envelope(res)).result as { list: { stockCode: string }[] }).list.map((r) => r.stockCode);
  faults.once("partialAnswer", { match: "/product/stockPrice" });
  assert.deepEqual(await codes(await post(app, "/product/stockPrice", { items })), ["8690000000017"]);
  assert.deepEqual(items.map((i) => state.variant(i.stockCode)!.variant.quantity), [7, 8]);
  const quirky = createQukasoftApp(state, {
    apiKey: KEY,
    apiSecret: SECRET,
    quirks: { numbersAsText: false, reversedAnswers: true },
  });
  assert.deepEqual(await codes(await post(quirky, "/product/stockPrice", { items })), [
    "8690000000024",
    "8690000000017",
  ]);
});

Deno.test("faults apply only to requests whose name matches", async () => {
  const { app, faults } = makeApp();
  faults.once("5xx", { match: "POST /order/setTransferred" });
  assert.equal((await get(app, "/order/listsV2")).status, 200);
  const res = await post(app, "/order/setTransferred", { code: "TY10293847", erpReference: "r" });
  assert.equal(res.status, 503);
});

Deno.test("a fault 'carrying' a text applies only to a request whose body holds it", async () => {
  const { app, faults } = makeApp();
  faults.once("5xx", { match: "/product/stockPrice", carrying: '"8690000000024"' });
  const body = (stockCode: string) => ({ items: [{ stockCode, quantity: 1 }] });
  assert.equal((await post(app, "/product/stockPrice", body("8690000000017"))).status, 200);
  assert.equal((await get(app, "/auth")).status, 200, "a request without a body never holds it");
  assert.equal((await post(app, "/product/stockPrice", body("8690000000024"))).status, 503);
  assert.equal((await post(app, "/product/stockPrice", body("8690000000024"))).status, 200, "only once");
});

Deno.test("the fault injector's latency is awaited before answering", async () => {
  const waits: number[] = [];
  const faults = new FaultInjector({ sleep: (ms) => (waits.push(ms), Promise.resolve()) });
  faults.latencyMs = 250;
  const { app } = makeApp(faults);
  assert.equal((await get(app, "/auth")).status, 200);
  assert.deepEqual(waits, [250]);
});

Deno.test("every request is logged with its name, input, status and fault", async () => {
  const { app, faults, log } = makeApp();
  await get(app, "/product/lists?pageStart=0&pageSize=2");
  await post(app, "/product/stockPrice", { items: [] });
  faults.once("5xx");
  await get(app, "/auth");
  await get(app, "/auth", {});
  assert.deepEqual(log.entries().map(({ at: _, ...e }) => e), [
    { name: "GET /product/lists", input: { pageStart: "0", pageSize: "2" }, fault: undefined, status: 200 },
    { name: "POST /product/stockPrice", input: { items: [] }, fault: undefined, status: 200 },
    { name: "GET /auth", input: undefined, fault: "5xx", status: 503 },
    { name: "GET /auth", input: undefined, fault: undefined, status: 401 },
  ]);
  assert.equal(log.entries("stockPrice").length, 1);
});

Deno.test("a body over maxBodyBytes is answered 413 by the front's HTML page, and the store never sees it", async () => {
  const log = new RequestLog();
  const state = new StoreState("Test", sampleData());
  const app = createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET, log, maxBodyBytes: 100 });
  const items = [{ stockCode: "8690000000017", quantity: 9 }];
  const refused = await post(app, "/product/stockPrice", { items: [...items, ...items, ...items] });
  assert.equal(refused.status, 413);
  assert.match(await refused.text(), /<title>413 Request Entity Too Large<\/title>/);
  assert.equal(state.variant("8690000000017")!.variant.quantity, 4);
  assert.equal(log.entries("stockPrice")[0]!.status, 413);
  assert.equal(
    (await post(app, "/product/stockPrice", { items })).status,
    200,
    "a smaller body goes through",
  );
  assert.equal(state.variant("8690000000017")!.variant.quantity, 9);
});
