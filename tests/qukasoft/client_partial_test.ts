/**
 * A write call split into several requests, one of which fails after its retries: the call still fails with
 * that request's error, and carries the results the other requests got (PartialFailure).
 */
import assert from "node:assert/strict";
import { IntegrationError, PartialFailure } from "../../errors.ts";
import type { QProductInput } from "../../qukasoft/types.ts";
import { withSimClient } from "./sim_client.ts";

function newProducts(n: number): QProductInput[] {
  return Array.from({ length: n }, (_, i) => ({
    productCode: `GEN-${i}`,
    name: `Ürün ${i}`,
    vatRate: 20,
    variants: [{ stockCode: `SC-${i}`, quantity: i, priceKurus: 10_000 + i }],
  }));
}

/** The error `call` rejects with, which must carry a result per input. */
async function partialOf<R>(call: Promise<R[]>): Promise<PartialFailure<R>> {
  const e = await call.then(() => undefined, (e: unknown) => e);
  assert.ok(e instanceof PartialFailure, `expected a partial failure, got ${e}`);
  return e as PartialFailure<R>;
}

Deno.test("saveProducts(): request 2 of 3 fails past its retries; the results of 1 and 3 come with its error", async () => {
  await withSimClient(async ({ api, sim }) => {
    // Every attempt of the request carrying GEN-100 (the second): a 5xx storm outlasting the retries.
    sim.faults.once("5xx", { match: "/product/save", carrying: '"GEN-100"', times: 5 });
    const e = await partialOf(api.saveProducts(newProducts(250)));
    assert.ok(e instanceof IntegrationError);
    assert.equal(e.kind, "retriable", "the failed request's own kind");
    assert.match(e.message, /save products .*status 503/);
    assert.equal(sim.log.entries("/product/save").filter((r) => r.status === 503).length, 5);
    assert.equal(e.requests, 3, "the three requests went (the failed one retried, counted once)");
    assert.equal(e.results.length, 250);
    assert.deepEqual(e.results.map((r) => r.productCode), newProducts(250).map((p) => p.productCode));
    const answered = [...e.results.slice(0, 100), ...e.results.slice(200)];
    assert.ok(answered.every((r) => r.status === "created" && r.id > 0), "requests 1 and 3 reported");
    assert.ok(
      e.results.slice(100, 200).every((r) =>
        r.status === "error" && r.unclear && /status 503/.test(r.message!)
      ),
      "request 2's items: not known to be written",
    );
    const stored = newProducts(250).map((p) => sim.state.products.has(p.productCode));
    assert.deepEqual(stored, [...e.results.keys()].map((i) => i < 100 || i >= 200), "requests 1 and 3 only");
  });
});

Deno.test("saveProducts(): requests one after another stop at the failed one; those never sent are not written", async () => {
  await withSimClient(async ({ api, sim }) => {
    const products = newProducts(300);
    products.push({ productCode: "GEN-0", name: "Yeni ad", variants: [] }); // a repeat: one request at a time
    sim.faults.once("error", { match: "/product/save", carrying: '"GEN-100"', detail: "kategori yok" });
    const e = await partialOf(api.saveProducts(products));
    assert.equal(e.kind, "fatal");
    assert.equal(sim.log.entries("/product/save").length, 2, "nothing after the failed request");
    assert.equal(e.requests, 2, "the requests sent, not the four the call would have made");
    assert.ok(e.results.slice(0, 100).every((r) => r.status === "created"));
    assert.ok(e.results.slice(100).every((r) => r.status === "error" && r.unclear));
  });
});

Deno.test("updateStockPrice(): request 2 of 3 refused; the results of 1 and 3 come with its error", async () => {
  await withSimClient(async ({ api, sim }) => {
    await api.saveProducts(newProducts(1200));
    const items = newProducts(1200).map((p, i) => ({
      stockCode: p.variants![0]!.stockCode,
      quantity: i + 7,
    }));
    sim.faults.once("error", { match: "/product/stockPrice", carrying: '"SC-500"', detail: "bakımda" });
    const e = await partialOf(api.updateStockPrice(items));
    assert.equal(e.kind, "fatal");
    assert.match(e.message, /bakımda/);
    assert.equal(e.results.length, 1200);
    const answered = [...e.results.slice(0, 500), ...e.results.slice(1000)];
    assert.ok(answered.every((r) => r.status === "updated"));
    assert.ok(e.results.slice(500, 1000).every((r) => r.status === "error" && r.unclear));
    assert.equal(sim.state.variant("SC-499")!.variant.quantity, 506);
    assert.equal(sim.state.variant("SC-500")!.variant.quantity, 500, "not written");
    assert.equal(sim.state.variant("SC-1000")!.variant.quantity, 1007);
  });
});
