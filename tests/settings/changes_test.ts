import assert from "node:assert/strict";
import {
  changedConnections,
  diffPaths,
  needsFullSync,
  needsReconnect,
  needsReprice,
  needsRestart,
} from "../../settings/changes.ts";
import { mergePatch } from "../../settings/patch.ts";
import { DEFAULT_SETTINGS, parseSettings } from "../../settings/schema.ts";

Deno.test("diffPaths names the changed leaves with dots and [index]", () => {
  const a = parseSettings({ pricing: { special: [{ from: 0, to: 100 }, { from: 100, to: 200 }] } });
  const b = mergePatch(a, {
    http: { port: 9000 },
    pricing: { special: [{ from: 0, to: 100 }, { from: 100, to: 300 }, { from: 300, to: null }] },
  });
  assert.deepEqual(diffPaths(a, b), ["pricing.special[1].to", "pricing.special[2]", "http.port"]);
  assert.deepEqual(diffPaths(a, a), []);
  assert.deepEqual(diffPaths(a, structuredClone(a)), []);
});

Deno.test("diffPaths reports added and removed keys and changed forms", () => {
  const a = parseSettings({ orders: { channels: { default: {}, trendyol: { customerCode: "TY" } } } });
  const b = mergePatch(a, {
    orders: { channels: { trendyol: null, n11: { customerCode: "N" } } },
    catalog: { stockCode: { from: "template", template: "{ItemCode}" } },
  });
  assert.deepEqual(diffPaths(a, b).sort(), [
    "catalog.stockCode.from",
    "catalog.stockCode.template",
    "orders.channels.n11",
    "orders.channels.trendyol",
  ]);
  assert.deepEqual(diffPaths({ a: null }, { a: { b: 1 } }), ["a"]);
});

Deno.test("needsReprice: any pricing key, the price source and the VAT keys", () => {
  for (
    const path of [
      "pricing.site.percent",
      "pricing.special[0].to",
      "pricing.special[2]",
      "pricing.ending",
      "pricing.disablePriceUpdate",
      "catalog.priceSource.kind",
      "catalog.priceSource.basePriceCode",
      "catalog.costIncludesVat",
      "catalog.storePricesIncludeVat",
      "catalog.countryCode",
      "pricing",
      "catalog",
    ]
  ) assert.equal(needsReprice([path]), true, path);
  for (
    const path of ["catalog.warehouses[0]", "catalog.safetyStock", "orders.lookback", "pricingX", "http.port"]
  ) assert.equal(needsReprice([path]), false, path);
  assert.equal(needsReprice([]), false);
  assert.equal(
    needsReprice(diffPaths(DEFAULT_SETTINGS, mergePatch(DEFAULT_SETTINGS, { pricing: { ending: "0.90" } }))),
    true,
  );
});

Deno.test("needsReconnect and changedConnections: the connection groups", () => {
  assert.deepEqual(changedConnections(["nebim.sql.password"]), ["nebimSql"]);
  assert.deepEqual(changedConnections(["nebim.integrator.baseUrl", "qukasoft.apiKey"]), [
    "integrator",
    "qukasoft",
  ]);
  assert.deepEqual(changedConnections(["nebim"]), ["nebimSql", "integrator"]);
  assert.equal(needsReconnect(["qukasoft.requestsPer10s"]), true);
  assert.equal(needsReconnect(["pricing.site.percent", "catalog.langCode", "http.port"]), false);
  assert.equal(needsReconnect(["nebim.sqlx"]), false);
});

Deno.test("needsRestart: only the HTTP listener", () => {
  assert.equal(needsRestart(["http.port"]), true);
  assert.equal(needsRestart(["http.host"]), true);
  assert.equal(needsRestart(["http"]), true);
  assert.equal(needsRestart(["nebim.sql.host", "pricing.site.percent", "schedule.ordersEverySec"]), false);
});

Deno.test("needsFullSync: every catalogue key but newProductsActive, every re-pricing one and feed.insteadOfApi, nothing else", () => {
  for (
    const path of [
      "catalog.warehouses[0]",
      "catalog.safetyStock",
      "catalog.groupBy",
      "pricing.ending",
      "feed.insteadOfApi",
      "feed",
    ]
  ) {
    assert.equal(needsFullSync([path]), true, path);
  }
  for (
    const path of [
      "orders.lookback",
      "schedule.productsEverySec",
      "catalogX",
      "http.port",
      "feed.category",
      "catalog.newProductsActive", // only what a create sends
    ]
  ) {
    assert.equal(needsFullSync([path]), false, path);
  }
});

Deno.test("needsFullSync: another database to read (nebim.sql host, port, instance, database), not the login", () => {
  // Another database's rows were stamped by another history and clock: the bookmark dates none of them.
  for (const path of ["nebim.sql.host", "nebim.sql.port", "nebim.sql.instanceName", "nebim.sql.database"]) {
    assert.equal(needsFullSync([path]), true, path);
  }
  for (
    const path of [
      "nebim.sql.user",
      "nebim.sql.password",
      "nebim.sql.encrypt",
      "nebim.sql.requestTimeoutMs",
      "nebim.integrator.databaseName",
    ]
  ) {
    assert.equal(needsFullSync([path]), false, path);
  }
});
