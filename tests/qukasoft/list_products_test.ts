import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import type { QProduct, UnreadableProduct } from "../../qukasoft/types.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";
import { fetchClient } from "./fetch_client.ts";
import { withSimClient } from "./sim_client.ts";

/** A product of the list as the store writes it, one variant; `fields` replace the variant's. */
function row(id: number, code: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    productCode: code,
    name: code,
    active: true,
    vatRate: 10,
    variants: [{
      stockCode: `${code}-1`,
      barcode: "",
      name1: "",
      value1: "",
      name2: "",
      value2: "",
      quantity: 4,
      price: 899.9,
      marketplacePrice: 949.9,
      ...fields,
    }],
  };
}

/** Lists every page of one answer; returns the products read and those handed to `unreadable`. */
async function listOnce(list: unknown[]) {
  const { api, calls } = fetchClient(() =>
    Response.json({ code: 200, result: { total: list.length, pageSize: 100, list } })
  );
  const products: QProduct[] = [];
  const unreadable: UnreadableProduct[] = [];
  for await (const page of api.listProducts(undefined, (u) => unreadable.push(u))) products.push(...page);
  return { products, unreadable, calls: calls.n };
}

Deno.test("listProducts() reads numbers a PHP store writes as strings, with a point or a comma", async () => {
  const { products, unreadable } = await listOnce([
    { ...row(1, "A", { price: "129.90", marketplacePrice: "129,90", quantity: "4" }), id: "1", active: "1" },
    { ...row(2, "B", { price: 129.89999999, marketplacePrice: " 5 " }), vatRate: "20.00", active: 0 },
  ]);
  assert.deepEqual(unreadable, []);
  assert.deepEqual(
    products.map((p) => [p.id, p.active, p.vatRate, ...p.variants.map((v) => [v.quantity, v.priceKurus])]),
    [[1, true, 10, [4, 12990]], [2, false, 20, [4, 12990]]],
  );
  assert.deepEqual(products.map((p) => p.variants[0]!.marketplacePriceKurus), [12990, 500]);
});

Deno.test("listProducts() leaves out a product it cannot read, naming the product and field, and reads the rest", async () => {
  const { products, unreadable } = await listOnce([
    row(1, "A"),
    row(2, "B", { price: "1.299,90" }),
    row(3, "C", { quantity: 2.5 }),
    { ...row(4, "D"), active: "evet" },
    row(5, "E"),
  ]);
  assert.deepEqual(products.map((p) => p.productCode), ["A", "E"]);
  assert.deepEqual(unreadable, [
    {
      productCode: "B",
      id: 2,
      stockCodes: ["B-1"],
      reason: 'variants[0].price: expected a number, received "1.299,90"',
    },
    { productCode: "C", id: 3, stockCodes: ["C-1"], reason: "variants[0].quantity: expected a whole number" },
    { productCode: "D", id: 4, stockCodes: ["D-1"], reason: "active: expected true or false" },
  ]);
});

Deno.test("listProducts() names the field of an amount too large for exact kuruş", async () => {
  const { unreadable } = await listOnce([row(1, "A"), row(2, "B", { marketplacePrice: 1e20 })]);
  assert.equal(unreadable.length, 1);
  assert.match(
    unreadable[0]!.reason,
    /^variants\[0\]\.marketplacePrice: Cannot read money as it is too large/,
  );
});

Deno.test("listProducts() fails as a contract break when no product of a page can be read", async () => {
  await assert.rejects(
    () => listOnce([row(1, "A", { price: null }), row(2, "B", { price: null })]),
    (e) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.match(
        e.message,
        /breaks the contract: no product of the page can be read: product "A" \(id 1\): variants\[0\]\.price: expected a number, received null$/,
      );
      return true;
    },
  );
});

Deno.test("listProducts() reads the simulator's PHP quirk (numbers as strings) as it reads numbers", async () => {
  const read = async (numbersAsText: boolean) => {
    const all: QProduct[] = [];
    await withSimClient(async ({ api, sim }) => {
      sim.quirks.numbersAsText = numbersAsText;
      for await (const page of api.listProducts(undefined, () => assert.fail("nothing unreadable"))) {
        all.push(...page);
      }
      if (numbersAsText) {
        const body = await (await fetch(`${sim.baseUrl}/product/lists`, {
          headers: { apikey: KEY, apisecret: SECRET },
        })).json();
        assert.equal(typeof body.result.list[0].variants[0].price, "string");
      }
    }, { sim: { maxPageSize: 2 } });
    return all;
  };
  assert.deepEqual(await read(true), await read(false));
});

Deno.test("listProducts() misses nothing when rows are deleted behind it on a store that serves fewer rows than its pageSize says", async () => {
  let rows = Array.from({ length: 300 }, (_, i) => row(i + 1, `P${i + 1}`));
  const { api } = fetchClient((n, url) => {
    if (n === 3) rows = rows.slice(5); // five products deleted before the fourth page's offset
    const start = Number(url.searchParams.get("pageStart"));
    // Capped at 50 rows, yet reporting the 100 asked for.
    const list = rows.slice(start, start + 50);
    return Response.json({ code: 200, result: { total: rows.length, pageSize: 100, list } });
  });
  const ids = new Set<number>();
  for await (const page of api.listProducts()) for (const p of page) ids.add(p.id);
  assert.equal(ids.size, 300, "every product, the five deleted ones read before they went");
});
