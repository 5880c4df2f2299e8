import assert from "node:assert/strict";
import { createQukasoftApp } from "../../../sim/qukasoft/app.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import type { StoreOrder, StoreProduct } from "../../../sim/qukasoft/types.ts";
import { AUTH, envelope, get, KEY, order, post, sampleData, SECRET } from "./fixtures.ts";

type Page<T> = { total: number; pageSize: number; list: T[] };

function makeApp(maxPageSize = 100) {
  const state = new StoreState("Test Mağaza", sampleData());
  return { state, app: createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET, maxPageSize }) };
}

Deno.test("GET /auth answers the store name with the right keys", async () => {
  const { app } = makeApp();
  const res = await get(app, "/auth");
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { code: 200, result: { storeName: "Test Mağaza" } });
});

Deno.test("every endpoint answers 401 with the error envelope for wrong or missing keys", async () => {
  const { app, state } = makeApp();
  const cases: [string, Promise<Response>][] = [
    ["wrong secret", get(app, "/auth", { apikey: KEY, apisecret: "nope" })],
    ["no headers", get(app, "/product/lists", {})],
    ["orders", get(app, "/order/listsV2", { apikey: "x", apisecret: SECRET })],
    ["save", post(app, "/product/save", { products: [{ productCode: "NEW", name: "x", vatRate: 1 }] }, {})],
  ];
  for (const [name, pending] of cases) {
    const res = await pending;
    assert.equal(res.status, 401, name);
    assert.deepEqual(await res.json(), { code: 401, message: "invalid apikey or apisecret" }, name);
  }
  assert.equal(state.products.has("NEW"), false);
});

Deno.test("GET /product/lists caps pageSize at the maximum and reports the size used", async () => {
  const { app } = makeApp(2);
  const res = await get(app, "/product/lists?pageStart=0&pageSize=10&orderBy=id&sort=asc");
  const body = await envelope<Page<StoreProduct>>(res);
  assert.equal(body.code, 200);
  assert.equal(body.result.total, 5);
  assert.equal(body.result.pageSize, 2);
  assert.deepEqual(body.result.list.map((p) => p.id), [811, 812]);
  const last = await envelope<Page<StoreProduct>>(
    await get(app, "/product/lists?pageStart=4&pageSize=2&sort=asc"),
  );
  assert.deepEqual(last.result.list.map((p) => p.id), [815]);
});

Deno.test("GET /product/lists pageStart is a row offset and sort orders by id", async () => {
  const { app } = makeApp();
  const desc = await envelope<Page<StoreProduct>>(
    await get(app, "/product/lists?pageStart=1&pageSize=3&sort=desc"),
  );
  assert.deepEqual(desc.result.list.map((p) => p.id), [814, 813, 812]);
  const byDefault = await envelope<Page<StoreProduct>>(await get(app, "/product/lists"));
  assert.deepEqual(byDefault.result.list.map((p) => p.id), [815, 814, 813, 812, 811], "default sort is desc");
  const first = byDefault.result.list.find((p) => p.id === 812)!;
  assert.equal(first.variants[0]!.price, 899.9);
});

Deno.test("list endpoints reject bad query parameters with 400 naming the parameter", async () => {
  const { app } = makeApp();
  const cases: [string, string][] = [
    ["/product/lists?pageSize=abc", "pageSize"],
    ["/product/lists?pageSize=0", "pageSize"],
    ["/product/lists?pageStart=-1", "pageStart"],
    ["/product/lists?sort=up", "sort"],
    ["/order/listsV2?orderBy=code", "orderBy"],
    ["/order/listsV2?status=9", "status"],
  ];
  for (const [path, param] of cases) {
    const res = await get(app, path);
    assert.equal(res.status, 400, path);
    const body = await envelope(res);
    assert.equal(body.code, 400);
    assert.match(body.message!, new RegExp(`^${param}:`), path);
  }
});

Deno.test("GET /order/listsV2 filters by status, sorts by id; an unmarked order has no transferred field", async () => {
  const { app } = makeApp();
  const news = await envelope<Page<StoreOrder>>(
    await get(app, "/order/listsV2?status=1&sort=desc&orderBy=id"),
  );
  assert.equal(news.result.total, 2);
  assert.deepEqual(news.result.list.map((o) => o.code), ["TY10293849", "TY10293847"]);
  assert.ok(news.result.list.every((o) => !("transferred" in o)), "as the contract's example: absent");
  const all = await envelope<Page<StoreOrder>>(await get(app, "/order/listsV2?sort=asc&pageSize=3"));
  assert.equal(all.result.total, 4);
  assert.deepEqual(all.result.list.map((o) => o.id), [30451, 30452, 30453]);
});

Deno.test("orders a test adds to the state are listed", async () => {
  const { app, state } = makeApp();
  state.addOrder(order(0, "N11-9", 1));
  const page = await envelope<Page<StoreOrder>>(await get(app, "/order/listsV2?pageSize=1&sort=desc"));
  assert.equal(page.result.list[0]!.code, "N11-9");
  assert.equal(page.result.list[0]!.id, 30455, "the next id after the highest");
  assert.throws(() => state.addOrder(order(0, "N11-9")), /code "N11-9" exists/);
});

Deno.test("POST /order/setTransferred marks the order and is idempotent", async () => {
  const { app, state } = makeApp();
  for (const ref of ["1-R-2-3008", "1-R-2-9999"]) {
    const res = await post(app, "/order/setTransferred", { code: "TY10293847", erpReference: ref });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { code: 200, result: { code: "TY10293847", transferred: true } });
  }
  assert.equal(state.erpReferences.get("TY10293847"), "1-R-2-3008", "the first reference is kept");
  const page = await envelope<Page<StoreOrder>>(await get(app, "/order/listsV2?status=1&sort=asc"));
  assert.deepEqual(page.result.list.map((o) => [o.code, o.transferred]), [
    ["TY10293847", true],
    ["TY10293849", undefined],
  ]);
});

Deno.test("POST /order/setTransferred answers 404 for an unknown code and 400 for a bad body", async () => {
  const { app } = makeApp();
  const missing = await post(app, "/order/setTransferred", { code: "NOPE", erpReference: "x" });
  assert.equal(missing.status, 404);
  assert.deepEqual(await missing.json(), { code: 404, message: "order not found: NOPE" });
  const bad = await post(app, "/order/setTransferred", { code: "TY10293847" });
  assert.equal(bad.status, 400);
  assert.match((await envelope(bad)).message!, /erpReference/);
});

Deno.test("a malformed JSON body is 400 naming the problem", async () => {
  const { app } = makeApp();
  for (const path of ["/product/save", "/product/stockPrice", "/order/setTransferred"]) {
    const res = await post(app, path, '{"products": [');
    assert.equal(res.status, 400, path);
    assert.match((await envelope(res)).message!, /^malformed JSON body: /, path);
  }
});

Deno.test("an unknown endpoint is 404 with the error envelope", async () => {
  const { app } = makeApp();
  const res = await get(app, "/product/detail");
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { code: 404, message: "no such endpoint: GET /product/detail" });
});

Deno.test("auth headers are checked before the body is looked at", async () => {
  const { app } = makeApp();
  const res = await post(app, "/product/save", "{broken", { ...AUTH, apisecret: "x" });
  assert.equal(res.status, 401);
});
