/** Per-item results of the write endpoints as a real store may give them: reordered, partial, re-cased. */
import assert from "node:assert/strict";
import { fetchClient } from "./fetch_client.ts";
import { withSimClient } from "./sim_client.ts";

const answer = (list: unknown[]) => () => Response.json({ code: 200, result: { list } });
const product = (code: string) => ({
  productCode: code,
  variants: [{ stockCode: `${code}-1`, quantity: 1 }],
});

Deno.test("saveProducts() reads a status the contract does not name as an unclear error of that item only", async () => {
  const { api } = fetchClient(answer([
    { productCode: "A", id: 1, status: "queued", variants: [] },
    { productCode: "B", id: 2, status: " Updated ", variants: [{ stockCode: "B-1", status: "skipped" }] },
  ]));
  const [a, b] = await api.saveProducts([product("A"), product("B")]);
  assert.deepEqual(a, {
    productCode: "A",
    id: 1,
    status: "error",
    message: 'the store answered status "queued", which the contract does not name',
    unclear: true,
    variants: [],
  });
  assert.equal(b!.status, "updated");
  assert.deepEqual(b!.variants, [{
    stockCode: "B-1",
    status: "error",
    message: 'the store answered status "skipped", which the contract does not name',
    unclear: true,
  }]);
});

Deno.test("saveProducts() matches results by code, not place: reordered, re-cased, or missing", async () => {
  const { api } = fetchClient(answer([
    { productCode: "c", id: 3, status: "created", variants: [] },
    { productCode: "A ", id: 1, status: "updated", variants: [] },
  ]));
  const results = await api.saveProducts([product("A"), product("B"), product("C")]);
  assert.deepEqual(results.map((r) => [r.productCode, r.id, r.status, r.unclear]), [
    ["A", 1, "updated", undefined],
    ["B", 0, "error", true],
    ["C", 3, "created", undefined],
  ]);
});

Deno.test("updateStockPrice() matches by stock code and reads an unnamed status as unclear", async () => {
  const { api } = fetchClient(answer([
    { stockCode: "s-2", status: "updated" },
    { stockCode: "S-1", status: "pending" },
  ]));
  const results = await api.updateStockPrice([{ stockCode: "S-1" }, { stockCode: "S-2" }, {
    stockCode: "S-3",
  }]);
  assert.deepEqual(results.map((r) => [r.stockCode, r.status, r.unclear]), [
    ["S-1", "error", true],
    ["S-2", "updated", undefined],
    ["S-3", "error", true],
  ]);
});

Deno.test("saveProducts() and updateStockPrice() read a PHP store's `message: null` on an item as no message", async () => {
  await withSimClient(async ({ api, sim }) => {
    sim.quirks.nullMessages = true;
    const saved = await api.saveProducts([
      {
        productCode: "NUL-1",
        name: "Boş mesaj",
        vatRate: 20,
        variants: [{ stockCode: "NUL-1-A", priceKurus: 100 }],
      },
      { productCode: "NUL-2", name: "Fiyatsız", vatRate: 20, variants: [{ stockCode: "NUL-2-A" }] },
    ]);
    assert.deepEqual(saved.map((r) => [r.status, r.message, r.variants.map((v) => [v.status, v.message])]), [
      ["created", undefined, [["created", undefined]]],
      ["error", "products[1].variants: at least one valid variant is required", [[
        "error",
        "products[1].variants[0].price: required for a new variant",
      ]]],
    ]);
    const updated = await api.updateStockPrice([{ stockCode: "NUL-1-A", quantity: 3 }, { stockCode: "YOK" }]);
    assert.deepEqual(updated.map((r) => [r.status, r.message]), [["updated", undefined], [
      "error",
      "not found",
    ]]);
    assert.equal(sim.state.variant("NUL-1-A")!.variant.quantity, 3);
  });
});
