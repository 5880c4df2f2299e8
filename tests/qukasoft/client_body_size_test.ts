import assert from "node:assert/strict";
import type { QProductInput } from "../../qukasoft/types.ts";
import { withSimClient } from "./sim_client.ts";
import { product } from "../sim/qukasoft/fixtures.ts";

/** `n` products of `variants` variants each, as a shoe store's full sync sends them. */
function products(n: number, variants: number): QProductInput[] {
  return Array.from({ length: n }, (_, i) => ({
    productCode: `AYK-${i}`,
    name: `Deri Ayakkabı ${i}`,
    vatRate: 20,
    variants: Array.from({ length: variants }, (_, j) => ({
      stockCode: `AYK-${i}-${j}`,
      barcode: `869${String(i * 1000 + j).padStart(10, "0")}`,
      name1: "Renk",
      value1: "Siyah",
      name2: "Beden",
      value2: String(36 + j),
      quantity: j,
      priceKurus: 199_990,
      marketplacePriceKurus: 219_990,
    })),
  }));
}

const bytes = (body: unknown) => new TextEncoder().encode(JSON.stringify(body)).length;

Deno.test("saveProducts(): a batch the store's web server refuses as too large (413) goes again in halves", async () => {
  const all = products(100, 12);
  // The front takes a quarter of the batch, as nginx's 1 MiB takes ~100 products of ~50 variants.
  const limit = bytes({ products: all.slice(0, 30) });
  await withSimClient(async ({ api, sim }) => {
    const results = await api.saveProducts(all);
    assert.deepEqual(results.map((r) => r.productCode), all.map((p) => p.productCode));
    assert.ok(
      results.every((r) => r.status === "created"),
      JSON.stringify(results.find((r) => r.status !== "created")),
    );
    assert.ok(all.every((p) => sim.state.product(p.productCode)?.variants.length === 12));
    const saves = sim.log.entries("POST /product/save");
    // 100 refused, two 50s refused, four 25s saved: nothing of a refused body was applied, none saved twice.
    assert.deepEqual(saves.map((e) => e.status), [413, 413, 200, 200, 413, 200, 200]);
    assert.ok([...sim.state.creations.products.values()].every((n) => n === 1));
  }, { sim: { maxBodyBytes: limit } });
});

Deno.test("saveProducts(): a product too large to send alone is refused on its own; the rest are saved", async () => {
  const big = products(1, 40)[0]!;
  const rest = products(5, 2).slice(1);
  const limit = bytes({ products: rest });
  await withSimClient(async ({ api, sim }) => {
    const results = await api.saveProducts([...rest.slice(0, 2), big, ...rest.slice(2)]);
    assert.deepEqual(results.map((r) => r.status), ["created", "created", "error", "created", "created"]);
    assert.match(results[2]!.message!, /413/);
    assert.equal(results[2]!.unclear, undefined, "refused, not in doubt: the store never saw it");
    assert.equal(sim.state.product(big.productCode), undefined);
  }, { sim: { maxBodyBytes: limit } });
});

Deno.test("saveProducts(): a pair refused as too large goes again one by one, not refused as too large alone", async () => {
  const three = products(3, 4);
  // The front takes one product a request: 3 refused, then its first two refused, then each alone saved.
  const limit = bytes({ products: three.slice(0, 1) });
  await withSimClient(async ({ api, sim }) => {
    const results = await api.saveProducts(three);
    assert.deepEqual(
      results.map((r) => [r.productCode, r.status]),
      three.map((p) => [p.productCode, "created"]),
    );
    assert.deepEqual(sim.log.entries("POST /product/save").map((e) => e.status), [413, 413, 200, 200, 200]);
  }, { sim: { maxBodyBytes: limit } });
});

Deno.test("updateStockPrice(): a request refused as too large (413) goes again in halves; an item too large alone is refused on its own", async () => {
  // A stock code at the contract's 50 characters: alone it is more than the front takes.
  const long = "AYK-0-LONG-".padEnd(50, "X");
  const codes = ["AYK-0-0", "AYK-0-1", long, "AYK-0-2"];
  const items = codes.map((stockCode, i) => ({ stockCode, quantity: 10 + i, priceKurus: 249_990 }));
  // One short item a request.
  const limit = bytes({ items: [{ stockCode: "AYK-0-0", quantity: 10, price: 2499.9 }] }) + 2;
  const data = { products: [product(900, "AYK-0", codes)], orders: [] };
  await withSimClient(async ({ api, sim }) => {
    const results = await api.updateStockPrice(items);
    assert.deepEqual(results.map((r) => [r.stockCode, r.status]), [
      ["AYK-0-0", "updated"],
      ["AYK-0-1", "updated"],
      [long, "error"],
      ["AYK-0-2", "updated"],
    ]);
    assert.match(results[2]!.message!, /413/);
    assert.equal(results[2]!.unclear, undefined, "refused, not in doubt: the store never saw it");
    // 4 refused, its first half refused and each of it taken, its second half refused, the long one refused.
    assert.deepEqual(
      sim.log.entries("POST /product/stockPrice").map((e) => e.status),
      [413, 413, 200, 200, 413, 413, 200],
    );
    const variant = (code: string) => sim.state.product("AYK-0")?.variants.find((v) => v.stockCode === code);
    assert.deepEqual(
      codes.map((c) => variant(c)?.quantity),
      [10, 11, 4, 13],
      "the long one's stock as it was",
    );
  }, { sim: { maxBodyBytes: limit, data } });
});
