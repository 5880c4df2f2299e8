import assert from "node:assert/strict";
import { generateNebim } from "../../../sim/generate/nebim.ts";
import { generateStoreOrders, type StoreOrderJson } from "../../../sim/generate/store.ts";
import { hashOf } from "./helpers.ts";

const { stockCodes } = generateNebim({ variants: 2_000, seed: 5 });
const NOW = new Date("2026-11-01T10:00:00Z");
const orders = generateStoreOrders({ seed: 11, orders: 400, stockCodes });
const known = new Set(stockCodes);
const kurus = (n: number) => Math.round(n * 100);
const twoDecimals = (n: number) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

Deno.test("orders are deterministic per seed and differ between seeds", () => {
  assert.equal(hashOf(generateStoreOrders({ seed: 11, orders: 400, stockCodes })), hashOf(orders));
  assert.notEqual(hashOf(generateStoreOrders({ seed: 12, orders: 400, stockCodes })), hashOf(orders));
});

Deno.test("orders have exactly the listsV2 shape plus transferred: false", () => {
  const address = ["name", "address", "district", "city", "country", "zipCode", "phone"];
  for (const o of orders) {
    assert.deepEqual(Object.keys(o).sort(), [
      "billingAddress",
      "cargo",
      "code",
      "createdAt",
      "currency",
      "customer",
      "discount",
      "id",
      "payment",
      "platform",
      "products",
      "shippingAddress",
      "status",
      "total",
      "transferred",
    ]);
    assert.deepEqual(
      Object.keys(o.customer).sort(),
      ["companyName", "email", "identityNumber", "name", "phone", "taxNumber", "taxOffice"],
    );
    assert.deepEqual(Object.keys(o.shippingAddress).sort(), [...address].sort());
    assert.deepEqual(Object.keys(o.billingAddress).sort(), [...address].sort());
    assert.deepEqual(Object.keys(o.payment).sort(), ["installments", "provider", "type"]);
    for (const p of o.products) {
      assert.deepEqual(Object.keys(p).sort(), [
        "barcode",
        "name",
        "price",
        "productId",
        "quantity",
        "stockCode",
        "value1",
        "value2",
        "variant1Name",
        "variant2Name",
        "vatRate",
      ]);
    }
    assert.equal(o.transferred, false);
    assert.equal(o.currency, "TRY");
  }
});

Deno.test("ids ascend from startId; codes are unique and in each platform's style", () => {
  const ids = orders.map((o) => o.id);
  assert.equal(ids[0], 501);
  for (let i = 1; i < ids.length; i++) assert.ok(ids[i]! > ids[i - 1]!);
  assert.equal(generateStoreOrders({ seed: 1, orders: 3, stockCodes, startId: 9000 })[0]!.id, 9000);
  assert.equal(new Set(orders.map((o) => o.code)).size, orders.length);
  const style: Record<string, RegExp> = {
    site: /^WEB-\d{6}$/,
    trendyol: /^TY\d{8}$/,
    hepsiburada: /^HB\d{10}$/,
    n11: /^N11-\d{9}$/,
    amazon: /^\d{3}-\d{7}-\d{7}$/,
    ciceksepeti: /^CS\d{8}$/,
  };
  for (const o of orders) assert.match(o.code, style[o.platform]!, o.platform);
  assert.deepEqual(new Set(orders.map((o) => o.platform)), new Set(Object.keys(style)));
  const site = orders.find((o) => o.platform === "site")!;
  assert.equal(site.code, `WEB-${String(site.id).padStart(6, "0")}`);
});

Deno.test("lines refer to catalogue stock codes except one line in each unmatched order (3 % by default)", () => {
  const unmatched = (list: StoreOrderJson[]) =>
    list.filter((o) => {
      const foreign = o.products.filter((p) => !known.has(p.stockCode));
      assert.ok(foreign.length <= 1, o.code);
      return foreign.length === 1;
    });
  assert.equal(unmatched(orders).length, 12);
  for (const o of unmatched(orders)) {
    const p = o.products.find((l) => !known.has(l.stockCode))!;
    assert.equal(p.barcode, p.stockCode);
    assert.match(p.stockCode, /^\d{13}$/);
  }
  assert.equal(unmatched(generateStoreOrders({ seed: 3, orders: 50, stockCodes, unmatched: 7 })).length, 7);
  assert.equal(unmatched(generateStoreOrders({ seed: 3, orders: 50, stockCodes, unmatched: 0 })).length, 0);
});

Deno.test("lines: 1–4 distinct codes, quantity 1–3, VAT-inclusive prices with two decimals", () => {
  for (const o of orders) {
    assert.ok(o.products.length >= 1 && o.products.length <= 4);
    assert.equal(new Set(o.products.map((p) => p.stockCode)).size, o.products.length);
    for (const p of o.products) {
      assert.ok(p.quantity >= 1 && p.quantity <= 3);
      assert.ok(p.price > 0 && twoDecimals(p.price), String(p.price));
      assert.ok([1, 10, 20].includes(p.vatRate));
      assert.ok(p.name.length > 0);
    }
  }
});

Deno.test("total = lines + cargo − discount, exactly in kuruş", () => {
  let discounted = 0;
  let free = 0;
  for (const o of orders) {
    const lines = o.products.reduce((s, p) => s + kurus(p.price) * p.quantity, 0);
    assert.ok(twoDecimals(o.total) && twoDecimals(o.discount) && twoDecimals(o.cargo.price));
    assert.equal(kurus(o.total), lines + kurus(o.cargo.price) - kurus(o.discount), o.code);
    assert.ok(o.discount >= 0 && kurus(o.discount) < lines);
    assert.ok(["ARAS", "MNG"].includes(o.cargo.company));
    assert.ok(o.cargo.price === 49.9 || o.cargo.price === 0);
    if (o.discount > 0) discounted++;
    if (o.cargo.price === 0) free++;
  }
  assert.ok(discounted > 0 && free > 0 && free < orders.length);
});

Deno.test("dates are ISO with +03:00, ascending, before now", () => {
  let last = 0;
  for (const o of orders) {
    assert.match(o.createdAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/);
    const t = Date.parse(o.createdAt);
    assert.ok(t >= last && t < NOW.getTime(), o.createdAt);
    last = t;
  }
  const big = generateStoreOrders({ seed: 1, orders: 5_000, stockCodes, now: NOW });
  assert.ok(Date.parse(big.at(-1)!.createdAt) < NOW.getTime());
});

Deno.test("statuses mostly new, some 2..6; Turkish people in İstanbul, Ankara and İzmir", () => {
  const counts = new Map<number, number>();
  for (const o of orders) counts.set(o.status, (counts.get(o.status) ?? 0) + 1);
  assert.ok((counts.get(1) ?? 0) > orders.length / 2);
  for (const s of [2, 3, 4, 6]) assert.ok((counts.get(s) ?? 0) > 0, `status ${s}`);
  assert.ok([...counts.keys()].every((s) => s >= 1 && s <= 6));
  const names = orders.map((o) => o.customer.name).join(" ");
  assert.match(names, /[çğıİöşü]/);
  assert.deepEqual(
    new Set(orders.map((o) => o.shippingAddress.city)),
    new Set(["İstanbul", "Ankara", "İzmir"]),
  );
  for (const o of orders) {
    assert.match(o.customer.phone, /^\+905\d{9}$/);
    assert.match(o.customer.email, /^[a-z.]+\d+@example\.com$/);
    assert.match(o.shippingAddress.zipCode, /^(34|06|35)\d{3}$/);
    if (o.customer.identityNumber) assert.ok(validTckn(o.customer.identityNumber), o.customer.identityNumber);
  }
  const types = new Set(orders.map((o) => o.payment.type));
  assert.deepEqual(types, new Set(["credit_card", "bank_transfer", "cash_on_delivery"]));
});

Deno.test("bad options are refused with the option named", () => {
  assert.throws(() => generateStoreOrders({ seed: 1, orders: 5, stockCodes: [] }), /stockCodes/);
  assert.throws(() => generateStoreOrders({ seed: 1, orders: 5, stockCodes, unmatched: 6 }), /unmatched/);
  assert.throws(() => generateStoreOrders({ seed: 1, orders: -1, stockCodes }), /orders/);
  assert.deepEqual(generateStoreOrders({ seed: 1, orders: 0, stockCodes: [] }), []);
});

function validTckn(s: string): boolean {
  if (!/^[1-9]\d{10}$/.test(s)) return false;
  const d = [...s].map(Number);
  const d10 = (((d[0]! + d[2]! + d[4]! + d[6]! + d[8]!) * 7 - (d[1]! + d[3]! + d[5]! + d[7]!)) % 10 + 10) %
    10;
  const d11 = d.slice(0, 10).reduce((a, b) => a + b, 0) % 10;
  return d[9] === d10 && d[10] === d11;
}
