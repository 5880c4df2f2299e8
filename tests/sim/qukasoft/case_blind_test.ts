/**
 * The simulated store compares product and stock codes as a MySQL store on utf8mb4_general_ci does
 * (sim/qukasoft/collation.ts): a code the merchant typed in another case is the same row, keeps its spelling,
 * and is given back as the store keeps it.
 */
import assert from "node:assert/strict";
import { createQukasoftApp } from "../../../sim/qukasoft/app.ts";
import { storeKey } from "../../../sim/qukasoft/collation.ts";
import { loadStoreData, StoreDataError } from "../../../sim/qukasoft/dataset.ts";
import type { ProductSaveResult } from "../../../sim/qukasoft/product_save.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import type { StockPriceItemResult } from "../../../sim/qukasoft/stock_price.ts";
import type { StoreProduct } from "../../../sim/qukasoft/types.ts";
import { envelope, get, KEY, post, product, SECRET } from "./fixtures.ts";

/** The merchant's product, typed in lowercase in the panel: active, with its own name and price. */
function merchantsStore() {
  const state = new StoreState("Test", {
    products: [{ ...product(900, "kml-1001", ["kml-1001-bej-m"], 100), name: "Merchant Name" }],
    orders: [],
  });
  return { state, app: createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET }) };
}

Deno.test("POST /product/save finds a product and a variant whose codes differ in case, updates them, and keeps the stored spelling", async () => {
  const { app, state } = merchantsStore();
  const res = await post(app, "/product/save", {
    products: [{
      productCode: "KML-1001",
      name: "Keten Gömlek",
      vatRate: 10,
      active: false,
      variants: [
        { stockCode: "KML-1001-BEJ-M", quantity: 2, price: 550 },
        { stockCode: "KML-1001-BEJ-L", quantity: 1, price: 550 },
      ],
    }],
  });
  assert.deepEqual((await envelope<{ list: ProductSaveResult[] }>(res)).result.list, [{
    productCode: "kml-1001",
    id: 900,
    status: "updated",
    variants: [
      { stockCode: "kml-1001-bej-m", status: "updated" },
      { stockCode: "KML-1001-BEJ-L", status: "created" },
    ],
  }]);
  assert.equal(state.products.size, 1, "no second product");
  const p = state.product("KML-1001")!;
  assert.deepEqual([p.productCode, p.name, p.active], ["kml-1001", "Keten Gömlek", true]);
  assert.deepEqual(p.variants.map((v) => [v.stockCode, v.quantity, v.price]), [
    ["kml-1001-bej-m", 2, 550],
    ["KML-1001-BEJ-L", 1, 550],
  ]);
  assert.deepEqual([
    state.creations.products.get("KML-1001"),
    state.creations.stockCodes.get("KML-1001-BEJ-M"),
  ], [
    undefined,
    undefined,
  ]);
});

Deno.test("POST /product/save refuses a stock code another product has in another case", async () => {
  const { app, state } = merchantsStore();
  const res = await post(app, "/product/save", {
    products: [{
      productCode: "OTHER",
      name: "x",
      vatRate: 20,
      variants: [{ stockCode: "Kml-1001-Bej-M", price: 1 }, { stockCode: "NEW-1", price: 1 }, {
        stockCode: "new-1",
        price: 1,
      }],
    }],
  });
  const [r] = (await envelope<{ list: ProductSaveResult[] }>(res)).result.list;
  assert.deepEqual(r!.variants, [
    {
      stockCode: "Kml-1001-Bej-M",
      status: "error",
      message: "duplicate stock code (used by product kml-1001)",
    },
    { stockCode: "NEW-1", status: "created" },
    { stockCode: "new-1", status: "error", message: "duplicate stock code" },
  ]);
  assert.equal(state.variant("KML-1001-BEJ-M")!.product.productCode, "kml-1001");
});

Deno.test("POST /product/stockPrice finds a stock code in another case and answers it as the store keeps it", async () => {
  const { app, state } = merchantsStore();
  const res = await post(app, "/product/stockPrice", {
    items: [{ stockCode: "KML-1001-BEJ-M", quantity: 7 }],
  });
  assert.deepEqual((await envelope<{ list: StockPriceItemResult[] }>(res)).result.list, [
    { stockCode: "kml-1001-bej-m", status: "updated" },
  ]);
  assert.equal(state.variant("kml-1001-bej-m")!.variant.quantity, 7);
});

Deno.test("GET /product/lists gives codes as stored after a save in another case", async () => {
  const { app } = merchantsStore();
  await post(app, "/product/save", {
    products: [{
      productCode: "KML-1001",
      name: "Keten Gömlek",
      vatRate: 10,
      variants: [{ stockCode: "KML-1001-BEJ-M", quantity: 7, price: 550 }],
    }],
  });
  const res = await get(app, "/product/lists?pageStart=0&pageSize=10&orderBy=id&sort=asc");
  const list = (await envelope<{ list: StoreProduct[] }>(res)).result.list;
  assert.deepEqual(list.map((p) => [p.productCode, p.variants.map((v) => [v.stockCode, v.quantity])]), [
    ["kml-1001", [["kml-1001-bej-m", 7]]],
  ]);
});

Deno.test("storeKey() folds as utf8mb4_general_ci: case, i ı İ I, accents on Latin letters and trailing spaces", () => {
  assert.equal(storeKey("sweatshirt-1"), "SWEATSHIRT-1");
  assert.equal(storeKey("SWEATSHİRT-1"), "SWEATSHIRT-1");
  assert.equal(storeKey("sweatshırt-1 "), "SWEATSHIRT-1");
  assert.equal(storeKey("Çanta-Şal-Öğe-Ü"), "CANTA-SAL-OGE-U");
  assert.notEqual(storeKey(" KML-1"), storeKey("KML-1"), "leading spaces count");
});

Deno.test("loadStoreData() refuses codes the store would take for one", () => {
  const data = (a: string, b: string, stockCodes: [string, string]) => ({
    products: [
      { productCode: a, name: "x", vatRate: 20, variants: [{ stockCode: stockCodes[0], price: 1 }] },
      { productCode: b, name: "y", vatRate: 20, variants: [{ stockCode: stockCodes[1], price: 1 }] },
    ],
  });
  assert.throws(
    () => loadStoreData(data("KML-1", "kml-1", ["A", "B"])),
    (e) => e instanceof StoreDataError && e.path === "products[1].productCode",
  );
  assert.throws(
    () => loadStoreData(data("KML-1", "KML-2", ["SC-I", "sc-ı"])),
    (e) => e instanceof StoreDataError && e.path === "products[1].variants[0].stockCode",
  );
});

Deno.test("the panel refuses a product whose code, or a stock code of which, the store has in another case", () => {
  const { state } = merchantsStore();
  const create = (productCode: string, stockCodes: string[]) => () =>
    state.createProduct({ ...product(0, productCode, stockCodes, 100) });
  assert.throws(create("KML-1001", ["KML-1001-BEJ-L"]), /code "KML-1001" exists/);
  assert.throws(create("KML-1002", ["KML-1001-BEJ-M"]), /stock code "KML-1001-BEJ-M" exists/);
  assert.throws(
    create("KML-1002", ["KML-1002-BEJ-M", "kml-1002-bej-m"]),
    /stock code "kml-1002-bej-m" exists/,
  );
  assert.equal(state.products.size, 1, "nothing made");
  assert.equal(create("KML-1002", ["KML-1002-BEJ-M"])().productCode, "KML-1002");
});
