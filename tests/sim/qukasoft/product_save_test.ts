import assert from "node:assert/strict";
import { createQukasoftApp } from "../../../sim/qukasoft/app.ts";
import type { ProductSaveResult } from "../../../sim/qukasoft/product_save.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import { envelope, KEY, post, sampleData, SECRET } from "./fixtures.ts";

function makeApp() {
  const state = new StoreState("Test", sampleData());
  return { state, app: createQukasoftApp(state, { apiKey: KEY, apiSecret: SECRET }) };
}

async function save(
  app: ReturnType<typeof makeApp>["app"],
  products: unknown[],
): Promise<ProductSaveResult[]> {
  const res = await post(app, "/product/save", { products });
  assert.equal(res.status, 200);
  return (await envelope<{ list: ProductSaveResult[] }>(res)).result.list;
}

const newProduct = {
  productCode: "YNI-1",
  name: "Yün Kazak",
  vatRate: 20,
  variants: [{ stockCode: "8691234500001", barcode: "8691234500001", quantity: 3, price: 499.5 }],
};

Deno.test("POST /product/save creates a product with a new id, passive unless told otherwise", async () => {
  const { app, state } = makeApp();
  const [r] = await save(app, [newProduct]);
  assert.deepEqual(r, {
    productCode: "YNI-1",
    id: 1001,
    status: "created",
    variants: [{ stockCode: "8691234500001", status: "created" }],
  });
  const p = state.products.get("YNI-1")!;
  assert.equal(p.active, false);
  assert.deepEqual(p.variants[0], {
    stockCode: "8691234500001",
    barcode: "8691234500001",
    name1: "",
    value1: "",
    name2: "",
    value2: "",
    quantity: 3,
    price: 499.5,
    marketplacePrice: 499.5,
  });
  const [r2] = await save(app, [{
    ...newProduct,
    productCode: "YNI-2",
    active: true,
    variants: [{ stockCode: "X2", price: 1 }],
  }]);
  assert.equal(r2!.id, 1002);
  assert.equal(state.products.get("YNI-2")!.active, true, "active is honoured at creation");
});

Deno.test("POST /product/save ignores active on update and leaves omitted fields unchanged", async () => {
  const { app, state } = makeApp();
  const before = structuredClone(state.products.get("KML-1001")!);
  const [r] = await save(app, [{
    productCode: "KML-1001",
    active: false,
    variants: [{ stockCode: "8690000000017", quantity: 9 }],
  }]);
  assert.deepEqual(r, {
    productCode: "KML-1001",
    id: 812,
    status: "updated",
    variants: [{ stockCode: "8690000000017", status: "updated" }],
  });
  const after = state.products.get("KML-1001")!;
  assert.equal(after.active, true, "active is not changed by an update");
  assert.equal(after.name, before.name);
  assert.equal(after.vatRate, before.vatRate);
  assert.deepEqual(after.variants[0], { ...before.variants[0]!, quantity: 9 });
  assert.deepEqual(after.variants[1], before.variants[1], "a variant not sent is untouched");
});

Deno.test("POST /product/save sets a barcode alone on an existing variant, the rest as it was", async () => {
  const { app, state } = makeApp();
  const before = structuredClone(state.products.get("KML-1001")!);
  const [r] = await save(app, [{
    productCode: "KML-1001",
    variants: [{ stockCode: "8690000000017", barcode: "8680000000019" }],
  }]);
  assert.deepEqual(r!.variants, [{ stockCode: "8690000000017", status: "updated" }]);
  before.variants[0]!.barcode = "8680000000019";
  assert.deepEqual(state.products.get("KML-1001"), before);
});

Deno.test("POST /product/save updates given fields and adds a new variant to an existing product", async () => {
  const { app, state } = makeApp();
  const [r] = await save(app, [{
    productCode: "KML-1001",
    name: "Keten Gömlek Yeni",
    vatRate: 20,
    variants: [{ stockCode: "8690000000099", value1: "Siyah", price: 100.05, marketplacePrice: 120 }],
  }]);
  assert.equal(r!.status, "updated");
  assert.deepEqual(r!.variants, [{ stockCode: "8690000000099", status: "created" }]);
  const p = state.products.get("KML-1001")!;
  assert.equal(p.name, "Keten Gömlek Yeni");
  assert.equal(p.vatRate, 20);
  assert.equal(p.variants.length, 3);
  assert.equal(state.variant("8690000000099")?.product.productCode, "KML-1001");
});

Deno.test("POST /product/save reports invalid prices per variant and saves the valid ones", async () => {
  const { app, state } = makeApp();
  const [r] = await save(app, [{
    productCode: "KML-1001",
    variants: [
      { stockCode: "8690000000017", price: -1 },
      { stockCode: "8690000000024", price: 10.005 },
      { stockCode: "NEW-A", price: "899.90" },
      { stockCode: "NEW-B", marketplacePrice: 5 },
      { stockCode: "NEW-C", price: 12.3 },
    ],
  }]);
  assert.equal(r!.status, "updated");
  const byCode = Object.fromEntries(r!.variants.map((v) => [v.stockCode, v]));
  for (const code of ["8690000000017", "8690000000024", "NEW-A"]) {
    assert.equal(byCode[code]!.status, "error", code);
    assert.match(byCode[code]!.message!, /price: expected an amount ≥ 0 with at most two decimals/, code);
  }
  assert.deepEqual(byCode["NEW-B"], {
    stockCode: "NEW-B",
    status: "error",
    message: "products[0].variants[3].price: required for a new variant",
  });
  assert.deepEqual(byCode["NEW-C"], { stockCode: "NEW-C", status: "created" });
  assert.equal(state.variant("8690000000017")!.variant.price, 899.9, "a rejected price is not applied");
  assert.equal(state.variant("NEW-A"), undefined);
});

Deno.test("POST /product/save rejects a stock code used by another product or twice in one product", async () => {
  const { app, state } = makeApp();
  const [taken, twice] = await save(app, [
    { ...newProduct, variants: [{ stockCode: "8690000000031", price: 1 }, { stockCode: "OK-1", price: 2 }] },
    { productCode: "KML-1004", variants: [{ stockCode: "D", price: 1 }, { stockCode: "D", price: 2 }] },
  ]);
  assert.equal(taken!.status, "created");
  assert.deepEqual(taken!.variants[0], {
    stockCode: "8690000000031",
    status: "error",
    message: "duplicate stock code (used by product KML-1002)",
  });
  assert.equal(state.variant("8690000000031")!.product.productCode, "KML-1002", "the owner keeps it");
  assert.deepEqual(twice!.variants.map((v) => [v.status, v.message]), [
    ["created", undefined],
    ["error", "duplicate stock code"],
  ]);
  assert.equal(state.variant("D")!.variant.price, 1);
});

Deno.test("POST /product/save answers product-level errors per item with HTTP 200", async () => {
  const { app, state } = makeApp();
  const list = await save(app, [
    { productCode: "NO-NAME", vatRate: 10, variants: [{ stockCode: "nn", price: 1 }] },
    { productCode: "NO-VAT", name: "x", variants: [{ stockCode: "nv", price: 1 }] },
    { productCode: "NO-VARIANTS", name: "x", vatRate: 10 },
    { productCode: "BAD-VARIANTS", name: "x", vatRate: 10, variants: [{ stockCode: "bv", price: -5 }] },
    { productCode: "BAD-VAT", vatRate: "10" },
    { name: "no code" },
    "not an object",
    newProduct,
  ]);
  assert.deepEqual(list.map((r) => [r.productCode, r.status, r.message]), [
    ["NO-NAME", "error", "products[0].name: required to create a product"],
    ["NO-VAT", "error", "products[1].vatRate: required to create a product"],
    ["NO-VARIANTS", "error", "products[2].variants: at least one valid variant is required"],
    ["BAD-VARIANTS", "error", "products[3].variants: at least one valid variant is required"],
    ["BAD-VAT", "error", "products[4].vatRate: expected a VAT rate from 0 to 100"],
    ["", "error", "products[5].productCode: expected a string"],
    ["", "error", "products[6]: expected an object"],
    ["YNI-1", "created", undefined],
  ]);
  assert.equal(list[3]!.variants[0]!.status, "error", "the variant's own error is listed");
  assert.deepEqual(
    ["NO-NAME", "NO-VAT", "NO-VARIANTS", "BAD-VARIANTS"].filter((c) => state.products.has(c)),
    [],
    "nothing of a failed product is saved",
  );
  assert.equal(state.variant("nn"), undefined);
});

Deno.test("POST /product/save refuses more than 100 products and a body without products", async () => {
  const { app, state } = makeApp();
  const many = Array.from({ length: 101 }, (_, i) => ({ ...newProduct, productCode: `P${i}`, variants: [] }));
  const res = await post(app, "/product/save", { products: many });
  assert.equal(res.status, 400);
  assert.deepEqual(await res.json(), { code: 400, message: "products: at most 100 per request, got 101" });
  assert.equal(state.products.has("P0"), false);
  const empty = await post(app, "/product/save", { items: [] });
  assert.equal(empty.status, 400);
  assert.equal((await envelope(empty)).message, "products: expected an array");
});

Deno.test("POST /product/save keeps money at two decimals in the JSON it serves", async () => {
  const { app } = makeApp();
  await save(app, [{
    productCode: "KML-1000",
    variants: [{ stockCode: "8690000000000", price: 0.1 + 0.2 - 0.3 + 19.99 }],
  }]);
  const res = await app.request("/product/lists?sort=asc&pageSize=1", {
    headers: { apikey: KEY, apisecret: SECRET },
  });
  const text = await res.text();
  assert.match(text, /"price":19\.99,/);
});
