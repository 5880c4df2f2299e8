/**
 * The Qukasoft contract suite: what the agent relies on, checked through the client against any store
 * that implements `docs/qukasoft-api.md`. It runs on the simulator always, and on a real (test) store
 * when `QUKASOFT_TEST_URL` is set (see contract_test.ts). It only creates passive products whose codes
 * start with the target's prefix, and marks one given order transferred.
 * @module
 */

import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import type { QukasoftApi } from "../../qukasoft/client.ts";
import type { QProduct } from "../../qukasoft/types.ts";

export interface ContractTarget {
  api: QukasoftApi;
  /** Unique per run; every product and stock code the suite creates starts with it. */
  prefix: string;
  /** An existing order that may be marked transferred; without one that check is skipped, saying why. */
  orderCode?: string;
  close(): Promise<void>;
}

async function findProduct(api: QukasoftApi, productCode: string): Promise<QProduct | undefined> {
  for await (const page of api.listProducts()) {
    const hit = page.find((p) => p.productCode === productCode);
    if (hit) return hit;
  }
  return undefined;
}

export function runQukasoftContract(name: string, makeTarget: () => Promise<ContractTarget>): void {
  function check(title: string, fn: (t: ContractTarget) => Promise<void>): void {
    Deno.test(`${name}: ${title}`, async () => {
      const target = await makeTarget();
      try {
        await fn(target);
      } finally {
        await target.close();
      }
    });
  }

  check("auth() answers, with a store name if the store gives one", async ({ api }) => {
    const { storeName } = await api.auth();
    assert.ok(storeName === undefined || storeName.length > 0, JSON.stringify(storeName));
  });

  check("a created product is passive and lists back with exact kuruş", async ({ api, prefix }) => {
    const code = `${prefix}P1`;
    const [r] = await api.saveProducts([{
      productCode: code,
      name: "Sözleşme Testi",
      vatRate: 20,
      active: false,
      variants: [{ stockCode: `${prefix}S1`, quantity: 3, priceKurus: 89990, marketplacePriceKurus: 94905 }],
    }]);
    assert.equal(r!.status, "created");
    assert.ok(r!.id > 0);
    assert.deepEqual(r!.variants.map((v) => v.status), ["created"]);
    const p = await findProduct(api, code);
    assert.ok(p, "the new product is listed");
    assert.equal(p.id, r!.id);
    assert.equal(p.active, false);
    assert.deepEqual(
      p.variants.map((v) => [v.stockCode, v.quantity, v.priceKurus, v.marketplacePriceKurus]),
      [
        [`${prefix}S1`, 3, 89990, 94905],
      ],
    );
  });

  check("an update changes only the fields sent and never 'active'", async ({ api, prefix }) => {
    const code = `${prefix}P2`;
    await api.saveProducts([{
      productCode: code,
      name: "Önce",
      vatRate: 10,
      active: false,
      variants: [{ stockCode: `${prefix}S2`, quantity: 1, priceKurus: 1000 }],
    }]);
    const [r] = await api.saveProducts([{
      productCode: code,
      active: true,
      variants: [{ stockCode: `${prefix}S2`, quantity: 5 }],
    }]);
    assert.equal(r!.status, "updated");
    const p = await findProduct(api, code);
    assert.ok(p);
    assert.equal(p.name, "Önce");
    assert.equal(p.vatRate, 10);
    assert.equal(p.active, false);
    assert.deepEqual(p.variants.map((v) => [v.quantity, v.priceKurus]), [[5, 1000]]);
  });

  check(
    "per-item errors come back as values: duplicate stock code, invalid price",
    async ({ api, prefix }) => {
      await api.saveProducts([{
        productCode: `${prefix}P3`,
        name: "A",
        vatRate: 10,
        variants: [{ stockCode: `${prefix}S3`, priceKurus: 100 }],
      }]);
      const [dup, neg] = await api.saveProducts([
        {
          productCode: `${prefix}P4`,
          name: "B",
          vatRate: 10,
          variants: [{ stockCode: `${prefix}S3`, priceKurus: 100 }, {
            stockCode: `${prefix}S4`,
            priceKurus: 100,
          }],
        },
        { productCode: `${prefix}P5`, variants: [{ stockCode: `${prefix}S5`, priceKurus: -1 }] },
      ]);
      const s3 = dup!.variants.find((v) => v.stockCode === `${prefix}S3`);
      assert.equal(s3?.status, "error");
      assert.match(s3?.message ?? "", /duplicate stock code/);
      assert.equal(neg!.status, "error");
    },
  );

  check("stock and price by stock code; an unknown one is 'not found'", async ({ api, prefix }) => {
    await api.saveProducts([{
      productCode: `${prefix}P6`,
      name: "C",
      vatRate: 10,
      variants: [{ stockCode: `${prefix}S6`, quantity: 1, priceKurus: 5000, marketplacePriceKurus: 6000 }],
    }]);
    const results = await api.updateStockPrice([
      { stockCode: `${prefix}S6`, quantity: 8 },
      { stockCode: `${prefix}NO-SUCH-CODE`, quantity: 1 },
      { stockCode: `${prefix}S6`, priceKurus: 5099 },
    ]);
    assert.deepEqual(results.map((r) => r.status), ["updated", "error", "updated"]);
    assert.equal(results[1]!.message, "not found");
    const p = await findProduct(api, `${prefix}P6`);
    assert.deepEqual(p?.variants.map((v) => [v.quantity, v.priceKurus, v.marketplacePriceKurus]), [[
      8,
      5099,
      6000,
    ]]);
  });

  check("orders page by offset, sort by id and filter by status", async ({ api }) => {
    const asc = await api.listOrders({ pageStart: 0, pageSize: 10, sort: "asc" });
    assert.ok(asc.pageSize >= 1 && asc.pageSize <= 10);
    assert.ok(asc.list.length <= asc.pageSize);
    const ids = asc.list.map((o) => o.id);
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));
    const desc = await api.listOrders({ pageStart: 0, pageSize: 10, sort: "desc" });
    assert.deepEqual(desc.list.map((o) => o.id), [...desc.list.map((o) => o.id)].sort((a, b) => b - a));
    assert.equal(desc.total, asc.total);
    if (asc.total > 1) {
      const second = await api.listOrders({ pageStart: 1, pageSize: 1, sort: "asc" });
      assert.equal(second.list[0]?.id, ids[1], "pageStart is a row offset");
    }
    const news = await api.listOrders({ status: 1, pageStart: 0, pageSize: 10, sort: "desc" });
    assert.ok(news.list.every((o) => o.status === 1));
    for (const o of asc.list) {
      assert.ok(Number.isInteger(o.totalKurus) && o.lines.every((l) => Number.isInteger(l.priceKurus)));
    }
  });

  check("setTransferred() is idempotent and shows in the list; an unknown code is fatal", async (t) => {
    await assert.rejects(
      () => t.api.setTransferred(`${t.prefix}NO-SUCH-ORDER`, "x"),
      (e) => e instanceof IntegrationError && e.kind === "fatal",
    );
    if (!t.orderCode) {
      console.log(`${name}: setTransferred on a real order skipped: no QUKASOFT_TEST_ORDER_CODE given`);
      return;
    }
    await t.api.setTransferred(t.orderCode, "CONTRACT-TEST");
    await t.api.setTransferred(t.orderCode, "CONTRACT-TEST");
    let found = false;
    for (let pageStart = 0;;) {
      const page = await t.api.listOrders({ pageStart, pageSize: 100, sort: "desc" });
      const hit = page.list.find((o) => o.code === t.orderCode);
      if (hit) {
        assert.equal(hit.transferred, true);
        found = true;
        break;
      }
      pageStart += page.pageSize;
      if (page.list.length === 0 || pageStart >= page.total) break;
    }
    assert.ok(found, `order ${t.orderCode} is listed`);
  });
}
