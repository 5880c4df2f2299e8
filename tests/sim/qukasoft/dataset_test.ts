import assert from "node:assert/strict";
import { loadStoreData, StoreDataError } from "../../../sim/qukasoft/dataset.ts";
import { StoreState } from "../../../sim/qukasoft/state.ts";
import { order, product } from "./fixtures.ts";

const EXAMPLE = new URL("../../../examples/store-dataset.example.json", import.meta.url);

Deno.test("loadStoreData() loads the example store data set as it is", async () => {
  const data = loadStoreData(JSON.parse(await Deno.readTextFile(EXAMPLE)));
  assert.equal(data.products.length, 0);
  assert.equal(data.orders.length, 1);
  const o = data.orders[0]!;
  assert.equal(o.code, "WEB-000501");
  assert.equal(o.total, 549.4);
  assert.equal(o.cargo.price, 49.9);
  assert.deepEqual(o.products.map((l) => [l.stockCode, l.quantity, l.price]), [["8691234500001", 1, 499.5]]);
  assert.equal(new StoreState("x", data).orders.length, 1);
});

Deno.test("loadStoreData() fills left-out descriptive fields and assigns missing product ids", () => {
  const data = loadStoreData({
    products: [
      { productCode: "A", name: "A", vatRate: 10, variants: [{ stockCode: "a1", price: 10 }] },
      { id: 7, productCode: "B", name: "B", vatRate: 10, variants: [] },
    ],
    orders: [{
      id: 1,
      code: "O1",
      status: 1,
      platform: "site",
      createdAt: "2026-01-01T00:00:00+03:00",
      customer: { name: "C" },
      shippingAddress: { name: "C", address: "Adres", city: "İzmir" },
      total: 10,
      products: [{ stockCode: "a1", name: "A", quantity: 1, price: 10, vatRate: 10 }],
    }],
  });
  assert.equal(data.products[0]!.id, 8);
  assert.equal(data.products[0]!.active, false);
  assert.deepEqual(data.products[0]!.variants[0], {
    stockCode: "a1",
    barcode: "",
    name1: "",
    value1: "",
    name2: "",
    value2: "",
    quantity: 0,
    price: 10,
    marketplacePrice: 10,
  });
  const o = data.orders[0]!;
  assert.equal(o.currency, "TRY");
  assert.equal(o.transferred, false);
  assert.deepEqual(o.billingAddress, o.shippingAddress);
  assert.deepEqual(o.cargo, { company: "", price: 0 });
});

Deno.test("loadStoreData() loads a variant's marketplacePrice null (never set) as the store lists it: null", () => {
  // A store whose merchant sells on no marketplace lists it so; a data set copied from that list must load.
  const listed = product(1, "P1", ["s1"]);
  listed.variants[0]!.marketplacePrice = null;
  const data = loadStoreData({ products: [listed], orders: [] });
  assert.equal(data.products[0]!.variants[0]!.marketplacePrice, null);
  assert.equal(data.products[0]!.variants[0]!.price, 899.9);
  const page = new StoreState("x", data).listProducts({ pageStart: 0, pageSize: 10, sort: "asc" });
  assert.equal(page.list[0]!.variants[0]!.marketplacePrice, null);
});

Deno.test("loadStoreData() names the index and field of a malformed record", async (t) => {
  const good = () => ({
    products: [product(1, "P1", ["s1"]), product(2, "P2", ["s2"])],
    orders: [order(1, "O1"), order(2, "O2"), order(3, "O3"), order(4, "O4")],
  });
  const cases: [string, (d: ReturnType<typeof good>) => unknown, string][] = [
    ["not an object", () => [], "store data: expected an object"],
    ["products not a list", (d) => ({ ...d, products: {} }), "products: expected an array"],
    ["line stock code", (d) => {
      (d.orders[3]!.products[0] as unknown as Record<string, unknown>).stockCode = 5;
      return d;
    }, "orders[3].products[0].stockCode: expected a string"],
    ["variant price decimals", (d) => {
      d.products[1]!.variants[0]!.price = 1.999;
      return d;
    }, "products[1].variants[0].price: expected an amount ≥ 0 with at most two decimals"],
    ["negative total", (d) => {
      d.orders[0]!.total = -1;
      return d;
    }, "orders[0].total: expected an amount ≥ 0 with at most two decimals"],
    ["status out of range", (d) => {
      d.orders[2]!.status = 7;
      return d;
    }, "orders[2].status: expected an integer from 1 to 6"],
    ["missing customer", (d) => {
      delete (d.orders[1] as Partial<typeof d.orders[1]>).customer;
      return d;
    }, "orders[1].customer: expected an object"],
    ["empty product code", (d) => {
      d.products[0]!.productCode = " ";
      return d;
    }, "products[0].productCode: expected a non-empty string"],
    ["quantity not integer", (d) => {
      d.orders[0]!.products[0]!.quantity = 1.5;
      return d;
    }, "orders[0].products[0].quantity: expected an integer ≥ 1"],
    ["vat rate", (d) => {
      d.products[0]!.vatRate = 120;
      return d;
    }, "products[0].vatRate: expected a VAT rate from 0 to 100"],
    ["duplicate product code", (d) => {
      d.products[1]!.productCode = "P1";
      return d;
    }, 'products[1].productCode: duplicate productCode "P1" (also at products[0])'],
    ["duplicate product id", (d) => {
      d.products[1]!.id = 1;
      return d;
    }, "products[1].id: duplicate id 1 (also at products[0])"],
    [
      "duplicate stock code",
      (d) => {
        d.products[1]!.variants[0]!.stockCode = "s1";
        return d;
      },
      'products[1].variants[0].stockCode: duplicate stock code "s1" (also at products[0].variants[0].stockCode)',
    ],
    ["duplicate order id", (d) => {
      d.orders[2]!.id = 1;
      return d;
    }, "orders[2].id: duplicate id 1 (also at orders[0])"],
    ["duplicate order code", (d) => {
      d.orders[3]!.code = "O2";
      return d;
    }, 'orders[3].code: duplicate code "O2" (also at orders[1])'],
  ];
  for (const [name, mutate, message] of cases) {
    await t.step(name, () => {
      assert.throws(() => loadStoreData(mutate(good())), (e) => {
        assert.ok(e instanceof StoreDataError);
        assert.equal(e.message, message);
        return true;
      });
    });
  }
  assert.equal(loadStoreData(good()).orders.length, 4, "the unmodified base loads");
});

Deno.test("StoreState copies its data set so the caller's objects never change", () => {
  const data = { products: [product(1, "P1", ["s1"])], orders: [order(1, "O1")] };
  const state = new StoreState("x", data);
  state.setTransferred("O1", "ref");
  state.variant("s1")!.variant.quantity = 99;
  assert.equal(data.orders[0]!.transferred, false);
  assert.equal(data.products[0]!.variants[0]!.quantity, 4);
});
