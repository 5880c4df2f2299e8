import assert from "node:assert/strict";
import { storeWriter } from "../../agent/store_writer.ts";
import { IntegrationError, PartialFailure } from "../../errors.ts";
import type { QukasoftApi } from "../../qukasoft/mod.ts";
import type { ProductSaveResult, StockPriceResult } from "../../qukasoft/types.ts";
import type { ProductWrite } from "../../sync/plan.ts";

/** A client whose writes answer with the given results (one per input, as the client's contract says). */
function api(save: ProductSaveResult[], stockPrice: StockPriceResult[] = []): QukasoftApi {
  return {
    saveProducts: () => Promise.resolve(save),
    updateStockPrice: () => Promise.resolve(stockPrice),
  } as Partial<QukasoftApi> as QukasoftApi;
}

const variant = (stockCode: string) => ({
  stockCode,
  barcode: stockCode,
  quantity: 1,
  priceKurus: 100,
  marketplacePriceKurus: 100,
});
/** A create: an update's product-level outcome comes under the product's key too (see below). */
const write = (productCode: string, codes: string[]): ProductWrite => ({
  productCode,
  name: productCode,
  vatRate: 10,
  active: false,
  variants: codes.map(variant),
});

Deno.test("saveProducts(): a variant a product result leaves out of its list failed, unclear, and is not taken as written", async () => {
  const w = storeWriter(api([{
    productCode: "P",
    id: 7,
    status: "updated",
    variants: [{ stockCode: "b", status: "updated" }],
  }]));
  assert.deepEqual(await w.saveProducts([write("P", ["A", "B"])]), [
    { stockCode: "A", status: "failed", message: "no result for this variant from the store", unclear: true },
    { stockCode: "B", status: "ok", productId: 7 },
  ]);
});

Deno.test("saveProducts(): an unclear product result fails its variants; a refused one rejects them", async () => {
  const w = storeWriter(api([
    {
      productCode: "P",
      id: 0,
      status: "error",
      message: "no result from the store",
      unclear: true,
      variants: [],
    },
    { productCode: "Q", id: 0, status: "error", message: "kategori yok", variants: [] },
    { productCode: "R", id: 9, status: "created", variants: [] },
  ]));
  assert.deepEqual(await w.saveProducts([write("P", ["A"]), write("Q", ["B"]), write("R", ["C"])]), [
    { stockCode: "A", status: "failed", message: "no result from the store", unclear: true },
    { stockCode: "B", status: "rejected", message: "kategori yok" },
    { stockCode: "C", status: "ok", productId: 9 },
  ]);
});

Deno.test("saveProducts(): a product refused for its variant's sake reports the variant's own reason first", async () => {
  const w = storeWriter(api([{
    productCode: "P",
    id: 0,
    status: "error",
    message: "at least one valid variant is required",
    variants: [{ stockCode: "A", status: "error", message: "invalid barcode" }, {
      stockCode: "B",
      status: "error",
    }],
  }]));
  assert.deepEqual(await w.saveProducts([write("P", ["A", "B"])]), [
    {
      stockCode: "A",
      status: "rejected",
      message: "invalid barcode (at least one valid variant is required)",
    },
    { stockCode: "B", status: "rejected", message: "at least one valid variant is required" },
  ]);
});

Deno.test("updateStockPrice(): an unclear result failed, a 'not found' is missing, an error is refused", async () => {
  const w = storeWriter(api([], [
    { stockCode: "A", status: "error", message: "no result from the store", unclear: true },
    { stockCode: "B", status: "error", message: "not found", unknown: true },
    { stockCode: "C", status: "error", message: "invalid price" },
  ]));
  assert.deepEqual(
    await w.updateStockPrice(["A", "B", "C"].map((stockCode) => ({ stockCode, quantity: 1 }))),
    [
      { stockCode: "A", status: "failed", message: "no result from the store", unclear: true },
      { stockCode: "B", status: "rejected", message: "not found", missing: true },
      { stockCode: "C", status: "rejected", message: "invalid price" },
    ],
  );
});

Deno.test("a partly failed call fails with the same error, carrying the outcomes of what its other requests wrote", async () => {
  const failure = new IntegrationError("fatal", "status 400 kategori yok", { system: "qukasoft" });
  const w = storeWriter({
    saveProducts: () =>
      Promise.reject(
        new PartialFailure<ProductSaveResult>(failure, [
          { productCode: "P", id: 7, status: "created", variants: [{ stockCode: "A", status: "created" }] },
          { productCode: "Q", id: 0, status: "error", message: failure.message, unclear: true, variants: [] },
        ], 2),
      ),
    updateStockPrice: () =>
      Promise.reject(
        new PartialFailure<StockPriceResult>(failure, [
          { stockCode: "A", status: "updated" },
          { stockCode: "B", status: "error", message: failure.message, unclear: true },
        ]),
      ),
  } as Partial<QukasoftApi> as QukasoftApi);
  const rejection = (call: Promise<unknown>) => call.then(() => assert.fail("resolved"), (e: unknown) => e);
  const saved = await rejection(w.saveProducts([write("P", ["A"]), write("Q", ["B"])]));
  assert.ok(saved instanceof PartialFailure);
  assert.deepEqual([saved.kind, saved.message, saved.requests], ["fatal", failure.message, 2]);
  assert.deepEqual(saved.results, [
    { stockCode: "A", status: "ok", productId: 7 },
    { stockCode: "B", status: "failed", message: failure.message, unclear: true },
  ]);
  const updated = await rejection(w.updateStockPrice([{ stockCode: "A", quantity: 1 }, { stockCode: "B" }]));
  assert.ok(updated instanceof PartialFailure);
  assert.deepEqual(updated.results, [
    { stockCode: "A", status: "ok" },
    { stockCode: "B", status: "failed", message: failure.message, unclear: true },
  ]);
});

Deno.test("saveProducts(): a changed barcode sends only the code and barcode; an update's product outcome is keyed", async () => {
  let sent: unknown;
  const w = storeWriter({
    saveProducts: (products: unknown) => {
      sent = products;
      return Promise.resolve([{
        productCode: "P",
        id: 7,
        status: "error",
        message: "name too long",
        variants: [],
      }]);
    },
  } as Partial<QukasoftApi> as QukasoftApi);
  const out = await w.saveProducts([{
    productCode: "P",
    name: "x".repeat(300),
    variants: [{ stockCode: "A", barcode: "8680000000019" }],
  }]);
  assert.deepEqual(sent, [{
    productCode: "P",
    name: "x".repeat(300),
    variants: [{ stockCode: "A", barcode: "8680000000019" }],
  }]);
  // The product's word reaches the variants the save did not carry (a rename beside a barcode change).
  assert.deepEqual(out, [
    { stockCode: "product:P", status: "rejected", message: "name too long" },
    { stockCode: "A", status: "rejected", message: "name too long" },
  ]);
});
