import assert from "node:assert/strict";
import { createQukasoftApp } from "../../../sim/qukasoft/app.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import type { StockPriceItemResult } from "../../../sim/qukasoft/stock_price.ts";
import { envelope, KEY, post, sampleData, SECRET } from "./fixtures.ts";

function makeApp() {
  const state = new StoreState("Test", sampleData());
  return { state, app: createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET }) };
}

Deno.test("POST /product/stockPrice sets only the fields given", async () => {
  const { app, state } = makeApp();
  const res = await post(app, "/product/stockPrice", {
    items: [
      { stockCode: "8690000000017", quantity: 3 },
      { stockCode: "8690000000024", price: 100.5 },
      { stockCode: "8690000000000", marketplacePrice: 999.99 },
    ],
  });
  assert.equal(res.status, 200);
  assert.deepEqual((await envelope<{ list: StockPriceItemResult[] }>(res)).result.list, [
    { stockCode: "8690000000017", status: "updated" },
    { stockCode: "8690000000024", status: "updated" },
    { stockCode: "8690000000000", status: "updated" },
  ]);
  assert.deepEqual(
    [state.variant("8690000000017")!.variant].map((v) => [v.quantity, v.price, v.marketplacePrice]),
    [[3, 899.9, 949.9]],
  );
  assert.deepEqual(
    [state.variant("8690000000024")!.variant].map((v) => [v.quantity, v.price, v.marketplacePrice]),
    [[4, 100.5, 949.9]],
  );
  assert.equal(state.variant("8690000000000")!.variant.marketplacePrice, 999.99);
});

Deno.test("POST /product/stockPrice answers not found per item for an unknown stock code", async () => {
  const { app } = makeApp();
  const res = await post(app, "/product/stockPrice", {
    items: [{ stockCode: "NOPE", quantity: 1 }, { stockCode: "8690000000017", quantity: 1 }],
  });
  assert.equal(res.status, 200);
  assert.deepEqual((await envelope<{ list: StockPriceItemResult[] }>(res)).result.list, [
    { stockCode: "NOPE", status: "error", message: "not found" },
    { stockCode: "8690000000017", status: "updated" },
  ]);
});

Deno.test("POST /product/stockPrice rejects an invalid item whole", async () => {
  const { app, state } = makeApp();
  const res = await post(app, "/product/stockPrice", {
    items: [
      { stockCode: "8690000000017", quantity: 7, price: 1.234 },
      { stockCode: "8690000000024", quantity: -1 },
      { stockCode: "8690000000000", price: "10" },
      { quantity: 1 },
    ],
  });
  const list = (await envelope<{ list: StockPriceItemResult[] }>(res)).result.list;
  assert.deepEqual(list.map((r) => [r.stockCode, r.status, r.message]), [
    ["8690000000017", "error", "items[0].price: expected an amount ≥ 0 with at most two decimals"],
    ["8690000000024", "error", "items[1].quantity: expected an integer ≥ 0"],
    ["8690000000000", "error", "items[2].price: expected an amount ≥ 0 with at most two decimals"],
    ["", "error", "items[3].stockCode: expected a string"],
  ]);
  assert.equal(state.variant("8690000000017")!.variant.quantity, 4, "nothing of a rejected item is applied");
});

Deno.test("POST /product/stockPrice refuses more than 500 items", async () => {
  const { app, state } = makeApp();
  const items = Array.from({ length: 501 }, () => ({ stockCode: "8690000000017", quantity: 0 }));
  const res = await post(app, "/product/stockPrice", { items });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { code: 400, message: "items: at most 500 per request, got 501" });
  assert.equal(state.variant("8690000000017")!.variant.quantity, 4);
  const ok = await post(app, "/product/stockPrice", { items: items.slice(1) });
  assert.equal(ok.status, 200, "exactly 500 is accepted");
});
