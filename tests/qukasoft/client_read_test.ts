import assert from "node:assert/strict";
import { IntegrationError } from "../../errors.ts";
import type { QProduct } from "../../qukasoft/types.ts";
import { withSimClient } from "./sim_client.ts";
import { fetchClient } from "./fetch_client.ts";
import type { QukasoftApi } from "../../qukasoft/client.ts";
import { KEY, SECRET } from "../sim/qukasoft/fixtures.ts";

Deno.test("auth() returns the store name", async () => {
  await withSimClient(async ({ api }) => {
    assert.deepEqual(await api.auth(), { storeName: "Test Mağaza" });
  }, { sim: { storeName: "Test Mağaza" } });
});

Deno.test("listProducts() walks every page the store serves, each from the last row seen, in kuruş", async () => {
  await withSimClient(async ({ api, sim }) => {
    const pages: QProduct[][] = [];
    for await (const page of api.listProducts()) pages.push(page);
    assert.deepEqual(pages.map((p) => p.map((x) => x.id)), [[811, 812], [813], [814], [815]]);
    assert.deepEqual(
      sim.log.entries().map((e) => e.input),
      [0, 1, 2, 3].map((s) => ({ pageStart: String(s), pageSize: "100", orderBy: "id", sort: "asc" })),
      "asked for 100; the store served 2, and each page overlaps the last by one row",
    );
    const v = pages[0]![1]!.variants[0]!;
    assert.equal(v.priceKurus, 89990);
    assert.equal(v.marketplacePriceKurus, 94990);
  }, { sim: { maxPageSize: 2 } });
});

Deno.test("listProducts() stops at an empty store without a second request", async () => {
  await withSimClient(async ({ api, sim }) => {
    const pages: QProduct[][] = [];
    for await (const page of api.listProducts()) pages.push(page);
    assert.deepEqual(pages, []);
    assert.equal(sim.log.entries().length, 1);
  }, { sim: { data: { products: [], orders: [] } } });
});

Deno.test("listOrders() passes paging, sort and status and converts money to kuruş", async () => {
  await withSimClient(async ({ api, sim }) => {
    const page = await api.listOrders({ status: 1, pageStart: 0, pageSize: 500, sort: "desc" });
    assert.equal(page.total, 2);
    assert.equal(page.pageSize, 100, "the store capped 500 to its maximum");
    assert.deepEqual(page.list.map((o) => o.code), ["TY10293849", "TY10293847"]);
    const o = page.list[0]!;
    assert.equal(o.totalKurus, 94980);
    assert.equal(o.cargo.priceKurus, 4990);
    assert.equal(o.discountKurus, 0);
    assert.deepEqual(o.lines.map((l) => [l.stockCode, l.quantity, l.priceKurus]), [[
      "8690000000017",
      1,
      89990,
    ]]);
    assert.deepEqual(sim.log.entries()[0]!.input, {
      pageStart: "0",
      pageSize: "500",
      orderBy: "id",
      sort: "desc",
      status: "1",
    });
  });
});

Deno.test("listOrders() refuses a bad page request without calling the store", async () => {
  await withSimClient(async ({ api, sim }) => {
    await assert.rejects(
      () => api.listOrders({ pageStart: -1, pageSize: 10, sort: "asc" }),
      (e) => e instanceof IntegrationError && e.kind === "fatal",
    );
    assert.equal(sim.log.entries().length, 0);
  });
});

Deno.test("setTransferred() marks the order, repeats harmlessly, and is fatal for an unknown code", async () => {
  await withSimClient(async ({ api, sim }) => {
    await api.setTransferred("TY10293847", "1-R-2-3008");
    await api.setTransferred("TY10293847", "1-R-2-3008");
    assert.equal(sim.state.order("TY10293847")!.transferred, true);
    const page = await api.listOrders({ status: 1, pageStart: 0, pageSize: 10, sort: "asc" });
    assert.deepEqual(page.list.map((o) => o.transferred), [true, false]);
    await assert.rejects(() => api.setTransferred("NOPE", "x"), (e) => {
      assert.ok(e instanceof IntegrationError);
      assert.equal(e.kind, "fatal");
      assert.match(e.message, /mark order "NOPE" transferred .*status 404 order not found: NOPE/);
      return true;
    });
    assert.equal(sim.log.entries("setTransferred").length, 3, "a 404 is not retried");
  });
});

Deno.test("listProducts() misses no product when the merchant deletes some while it pages", async () => {
  // Offset paging: once page one is served, deleting 811 moves 813 back to offset 1, which a next page
  // from offset 2 no longer covers; deleting 811 and 812 moves it back past the row the next page starts at.
  for (const deleted of [["KML-1000"], ["KML-1000", "KML-1001"]]) {
    await withSimClient(async ({ api, sim }) => {
      sim.state.beforeProductPage = (q) => {
        if (q.pageStart === 0) return;
        for (const code of deleted) sim.state.deleteProduct(code);
        sim.state.beforeProductPage = undefined;
      };
      const seen: number[] = [];
      for await (const page of api.listProducts()) seen.push(...page.map((p) => p.id));
      assert.deepEqual(seen, [811, 812, 813, 814, 815], `each once, in id order (${deleted} deleted)`);
    }, { sim: { maxPageSize: 2 } });
  }
});

Deno.test("listProducts() gives each product once when products are added while it pages", async () => {
  await withSimClient(async ({ api, sim }) => {
    let added = false;
    sim.state.beforeProductPage = (q) => {
      if (q.pageStart === 0 || added) return;
      added = true;
      const p = sim.state.products.get("KML-1001")!;
      sim.state.createProduct({ ...structuredClone(p), productCode: "NEW-1", variants: [] });
    };
    const seen: number[] = [];
    for await (const page of api.listProducts()) seen.push(...page.map((p) => p.id));
    assert.deepEqual(seen, [811, 812, 813, 814, 815, 1001]);
  }, { sim: { maxPageSize: 2 } });
});

Deno.test("listOrders() reads a PHP store's orders whose numbers and flags are strings as it reads numbers", async () => {
  const read = async (numbersAsText: boolean) => {
    let page: Awaited<ReturnType<QukasoftApi["listOrders"]>> | undefined;
    await withSimClient(async ({ api, sim }) => {
      await api.setTransferred("TY10293847", "1-R-2-3008");
      sim.quirks.numbersAsText = numbersAsText;
      page = await api.listOrders({ pageStart: 0, pageSize: 100, sort: "desc" });
      if (numbersAsText) {
        const body = await (await fetch(`${sim.baseUrl}/order/listsV2`, {
          headers: { apikey: KEY, apisecret: SECRET },
        })).json();
        const marked = body.result.list.find((o: { code: string }) => o.code === "TY10293847");
        assert.deepEqual([marked.total, marked.transferred, marked.products[0].quantity], [
          "949.80",
          "1",
          "1",
        ]);
      }
    });
    return page!;
  };
  const asText = await read(true);
  assert.deepEqual(asText, await read(false));
  assert.equal(asText.list.find((o) => o.code === "TY10293847")!.transferred, true);
});

Deno.test("auth() takes any answer of GET /auth, whose shape public client code never showed; the name when given", async () => {
  for (const result of [{ status: "ok" }, true, "OK", { storeName: null }]) {
    const { api } = fetchClient(() => Response.json({ code: 200, result }));
    assert.deepEqual(await api.auth(), {}, JSON.stringify(result));
  }
  const { api } = fetchClient(() => Response.json({ code: 200, result: { storeName: "Mağaza" } }));
  assert.deepEqual(await api.auth(), { storeName: "Mağaza" });
});

Deno.test("a PHP store printing a warning before its JSON is read, not retried as 'not JSON' for ever; one after it (at shutdown) too", async () => {
  for (const quirk of ["phpWarnings", "phpShutdownWarnings"] as const) {
    await phpWarnings(quirk);
  }
});

async function phpWarnings(quirk: "phpWarnings" | "phpShutdownWarnings") {
  await withSimClient(async ({ api, sim, time }) => {
    sim.quirks[quirk] = true;
    assert.deepEqual(await api.auth(), { storeName: "Simülasyon Mağaza" });
    const pages = [];
    for await (const page of api.listProducts()) pages.push(...page);
    assert.equal(pages.length, sim.state.products.size);
    const [r] = await api.updateStockPrice([{ stockCode: "8690000000017", quantity: 3 }]);
    assert.deepEqual(r, { stockCode: "8690000000017", status: "updated" });
    assert.deepEqual(time.delays, [], "nothing retried");
    const body = await (await fetch(`${sim.baseUrl}/auth`, { headers: { apikey: KEY, apisecret: SECRET } }))
      .text();
    assert.ok(
      quirk === "phpWarnings" ? body.startsWith("<br />") : body.endsWith("<br />\n"),
      "the quirk is on",
    );
  });
}

Deno.test("listProducts() reads a variant's marketplacePrice null (never set) as not set, also as PDO writes it", async () => {
  for (const numbersAsText of [false, true]) {
    await withSimClient(async ({ api, sim }) => {
      sim.quirks.numbersAsText = numbersAsText;
      sim.state.variant("8690000000017")!.variant.marketplacePrice = null;
      const unreadable: unknown[] = [];
      const variants = [];
      for await (const page of api.listProducts(undefined, (u) => unreadable.push(u))) {
        variants.push(...page.flatMap((p) => p.variants));
      }
      assert.deepEqual(unreadable, []);
      const v = variants.find((v) => v.stockCode === "8690000000017")!;
      assert.deepEqual([v.priceKurus > 0, v.marketplacePriceKurus], [true, null]);
    });
  }
});
