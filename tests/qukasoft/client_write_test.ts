import assert from "node:assert/strict";
import { WRITE_CONCURRENCY } from "../../qukasoft/client.ts";
import type { QProductInput } from "../../qukasoft/types.ts";
import { withSimClient } from "./sim_client.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";

function newProducts(n: number, prefix = ""): QProductInput[] {
  return Array.from({ length: n }, (_, i) => ({
    productCode: `${prefix}GEN-${i}`,
    name: `Ürün ${i}`,
    vatRate: 20,
    variants: [{
      stockCode: `${prefix}SC-${i}`,
      quantity: i,
      priceKurus: 10_000 + i,
      marketplacePriceKurus: 12_001,
    }],
  }));
}

Deno.test("saveProducts() sends batches of 100 and returns one result per input, in order", async () => {
  await withSimClient(async ({ api, sim }) => {
    const results = await api.saveProducts(newProducts(250));
    const sizes = sim.log.entries("POST /product/save").map((e) =>
      (e.input as { products: unknown[] }).products.length
    );
    assert.deepEqual(sizes, [100, 100, 50]);
    assert.equal(results.length, 250);
    assert.deepEqual(results.map((r) => r.productCode), newProducts(250).map((p) => p.productCode));
    assert.ok(
      results.every((r) => r.status === "created" && r.id > 0 && r.variants[0]!.status === "created"),
    );
  });
});

Deno.test("saveProducts() and listProducts() carry kuruş through the JSON decimal exactly", async () => {
  await withSimClient(async ({ api, sim }) => {
    await api.saveProducts([{
      productCode: "KURUS",
      name: "Kuruş",
      vatRate: 10,
      variants: [{ stockCode: "K1", priceKurus: 89990, marketplacePriceKurus: 1 }, {
        stockCode: "K2",
        priceKurus: 7,
      }],
    }]);
    const sent = (sim.log.entries("save")[0]!.input as { products: { variants: unknown[] }[] }).products[0]!;
    assert.deepEqual(sent.variants, [
      { stockCode: "K1", price: 899.9, marketplacePrice: 0.01 },
      { stockCode: "K2", price: 0.07 },
    ]);
    assert.equal(sim.state.variant("K1")!.variant.price, 899.9);
    const all = [];
    for await (const page of api.listProducts()) all.push(...page);
    const k = all.find((p) => p.productCode === "KURUS")!;
    assert.deepEqual(k.variants.map((v) => [v.priceKurus, v.marketplacePriceKurus]), [[89990, 1], [7, 7]]);
    assert.equal(k.active, false);
  });
});

Deno.test("saveProducts() surfaces per-item and per-variant errors as values", async () => {
  await withSimClient(async ({ api, sim }) => {
    const results = await api.saveProducts([
      { productCode: "KML-1001", variants: [{ stockCode: "8690000000031", quantity: 1 }] },
      { productCode: "NEG", name: "x", vatRate: 10, variants: [{ stockCode: "N1", priceKurus: -100 }] },
      { productCode: "FRACTION", name: "x", vatRate: 10, variants: [{ stockCode: "F1", priceKurus: 10.5 }] },
      { productCode: "OK", name: "x", vatRate: 10, variants: [{ stockCode: "O1", priceKurus: 100 }] },
    ]);
    assert.deepEqual(results[0]!.variants, [{
      stockCode: "8690000000031",
      status: "error",
      message: "duplicate stock code (used by product KML-1002)",
    }]);
    assert.equal(results[1]!.status, "error");
    assert.match(results[1]!.message!, /at least one valid variant/);
    assert.equal(results[2]!.status, "error");
    assert.equal(
      results[2]!.message,
      'priceKurus of stock code "F1" must be an integer: current value is 10.5',
    );
    assert.equal(results[3]!.status, "created");
    const sent = (sim.log.entries("save")[0]!.input as { products: { productCode: string }[] }).products;
    assert.deepEqual(
      sent.map((p) => p.productCode),
      ["KML-1001", "NEG", "OK"],
      "a bad kuruş amount is not sent",
    );
  });
});

Deno.test("updateStockPrice() sends batches of 500 and reports unknown stock codes per item", async () => {
  await withSimClient(async ({ api, sim }) => {
    const items = Array.from({ length: 1200 }, (_, i) => ({ stockCode: `UNKNOWN-${i}`, quantity: 1 }));
    items[700] = { stockCode: "8690000000017", quantity: 2, priceKurus: 100_050 } as (typeof items)[number];
    const results = await api.updateStockPrice(items);
    const sizes = sim.log.entries("stockPrice").map((e) => (e.input as { items: unknown[] }).items.length);
    assert.deepEqual(sizes, [500, 500, 200]);
    assert.equal(results.length, 1200);
    assert.deepEqual(results[0], {
      stockCode: "UNKNOWN-0",
      status: "error",
      message: "not found",
      unknown: true,
    });
    assert.deepEqual(results[700], { stockCode: "8690000000017", status: "updated" });
    assert.equal(results.filter((r) => r.status === "error").length, 1199);
    const v = sim.state.variant("8690000000017")!.variant;
    assert.deepEqual([v.quantity, v.price, v.marketplacePrice], [2, 1000.5, 949.9]);
  });
});

Deno.test("updateStockPrice() and saveProducts() make no request for an empty list", async () => {
  await withSimClient(async ({ api, sim }) => {
    assert.deepEqual(await api.updateStockPrice([]), []);
    assert.deepEqual(await api.saveProducts([]), []);
    assert.equal(sim.log.entries().length, 0);
  });
});

/** A fetch that counts how many requests are in flight at once. */
function countingFetch() {
  const seen = { now: 0, max: 0 };
  const f: typeof fetch = async (input, init) => {
    seen.now++;
    seen.max = Math.max(seen.max, seen.now);
    try {
      return await fetch(input, init);
    } finally {
      seen.now--;
    }
  };
  return { f, seen };
}

Deno.test("saveProducts() keeps up to WRITE_CONCURRENCY requests in flight when every product code differs", async () => {
  const { f, seen } = countingFetch();
  await withSimClient(async ({ api, sim }) => {
    const results = await api.saveProducts(newProducts(1000));
    assert.equal(sim.log.entries("POST /product/save").length, 10);
    assert.equal(seen.max, WRITE_CONCURRENCY);
    // Results still line up with the inputs, whatever order the answers came in.
    assert.deepEqual(results.map((r) => r.productCode), newProducts(1000).map((p) => p.productCode));
    assert.ok(results.every((r) => r.status === "created"));
  }, { client: { fetch: f } });
});

Deno.test("two write calls at once share WRITE_CONCURRENCY requests in flight (the sync's two batches' pushes)", async () => {
  const { f, seen } = countingFetch();
  await withSimClient(async ({ api, sim }) => {
    const [a, b] = await Promise.all([
      api.saveProducts(newProducts(1000)),
      api.saveProducts(newProducts(1000, "O")),
    ]);
    assert.equal(sim.log.entries("POST /product/save").length, 20);
    assert.equal(seen.max, WRITE_CONCURRENCY);
    assert.ok([...a, ...b].every((r) => r.status === "created"));
  }, { client: { fetch: f } });
});

Deno.test("saveProducts() starts no further batch once one has failed", async () => {
  let sent = 0;
  const refuseFirst: typeof fetch = (input, init) =>
    sent++ === 0
      ? Promise.resolve(Response.json({ code: 400, message: "bad product" }, { status: 400 }))
      : fetch(input, init);
  await withSimClient(async ({ api }) => {
    await assert.rejects(() => api.saveProducts(newProducts(1000)), /bad product/);
    // Those already in flight beside the refused one finish; nothing after them starts.
    assert.ok(sent <= WRITE_CONCURRENCY, `${sent} requests`);
  }, { client: { fetch: refuseFirst } });
});

Deno.test("saveProducts() sends one request at a time when a product code repeats, so its entries stay in order", async () => {
  const { f, seen } = countingFetch();
  await withSimClient(async ({ api, sim }) => {
    const products = newProducts(300);
    products.push({ productCode: "GEN-0", name: "Yeni ad", variants: [] });
    await api.saveProducts(products);
    assert.equal(sim.log.entries("POST /product/save").length, 4);
    assert.equal(seen.max, 1);
  }, { client: { fetch: f } });
});

Deno.test("updateStockPrice() sends its 500-item batches concurrently and answers per stock code", async () => {
  const { f, seen } = countingFetch();
  await withSimClient(async ({ api }) => {
    await api.saveProducts(newProducts(1200));
    seen.max = 0;
    const items = newProducts(1200).map((p, i) => ({
      stockCode: p.variants![0]!.stockCode,
      quantity: i + 1,
    }));
    const results = await api.updateStockPrice(items);
    assert.equal(seen.max, 3); // 1,200 items: three requests, all at once
    assert.deepEqual(results.map((r) => r.stockCode), items.map((i) => i.stockCode));
    assert.ok(
      results.every((r) => r.status === "updated"),
      JSON.stringify(results.find((r) => r.status !== "updated")),
    );
  }, { client: { fetch: f } });
});

Deno.test("saveProducts() reads a PHP store's save answer whose ids are strings (PDO's lastInsertId)", async () => {
  await withSimClient(async ({ api, sim }) => {
    sim.quirks.numbersAsText = true;
    const products = newProducts(2);
    products.push({ productCode: "KML-1001", name: "Keten Gömlek", variants: [] });
    const results = await api.saveProducts(products);
    const answer = await (await fetch(`${sim.baseUrl}/product/save`, {
      method: "POST",
      headers: { apikey: KEY, apisecret: SECRET, "content-type": "application/json" },
      body: JSON.stringify({ products: [{ productCode: "KML-1001" }] }),
    })).json();
    assert.equal(answer.result.list[0].id, "812", "the simulator writes the id as PDO hands it over");
    assert.deepEqual(results.map((r) => [r.status, r.id]), [
      ["created", sim.state.product("GEN-0")!.id],
      ["created", sim.state.product("GEN-1")!.id],
      ["updated", 812],
    ]);
  });
});

Deno.test("updateStockPrice() reads a store's 'Not found.' or ' NOT FOUND ' as an unknown stock code, not a refusal", async () => {
  for (const message of ["Not found.", " NOT FOUND ", "not found"]) {
    await withSimClient(async ({ api, sim }) => {
      sim.quirks.notFoundMessage = message;
      const [r] = await api.updateStockPrice([{ stockCode: "GONE-1", quantity: 1 }]);
      assert.deepEqual(r, { stockCode: "GONE-1", status: "error", message, unknown: true }, message);
    });
  }
});

Deno.test("updateStockPrice() takes only a 'not found' message as an unknown stock code; other refusals stay refusals", async () => {
  await withSimClient(async ({ api, sim }) => {
    sim.quirks.notFoundMessage = "warehouse not found";
    const [r] = await api.updateStockPrice([{ stockCode: "GONE-1", quantity: 1 }]);
    assert.deepEqual(r, { stockCode: "GONE-1", status: "error", message: "warehouse not found" });
  });
});
