import assert from "node:assert/strict";
import { mergePatch } from "../../settings/patch.ts";
import { DEFAULT_SETTINGS, parseSettings, type Settings, SettingsError } from "../../settings/schema.ts";
import { REDACTED } from "../../settings/secrets.ts";

function current(): Settings {
  return parseSettings({
    nebim: { sql: { database: "V3_ACME", password: "sql-secret" }, integrator: { password: "int-secret" } },
    qukasoft: { baseUrl: "https://magaza.example.com", apiKey: "key-1", apiSecret: "secret-1" },
    catalog: { warehouses: ["W01", "W02"], safetyStock: 2 },
    pricing: { site: { percent: 10, amount: 2.5 }, special: [{ from: 0, to: 100, percent: 60, amount: 5 }] },
    orders: { channels: { default: { customerCode: "WEB001" }, trendyol: { customerCode: "TY001" } } },
  });
}

Deno.test("merge patch: nested objects merge key by key", () => {
  const next = mergePatch(current(), { pricing: { site: { percent: 12.5 } }, http: { port: 9000 } });
  assert.deepEqual(next.pricing.site, { percent: 12.5, amount: 2.5 });
  assert.equal(next.http.port, 9000);
  assert.equal(next.catalog.safetyStock, 2);
  assert.equal(next.nebim.sql.database, "V3_ACME");
});

Deno.test("merge patch: null deletes a key, which then takes its default", () => {
  const next = mergePatch(current(), { pricing: { site: { amount: null } }, catalog: { warehouses: null } });
  assert.deepEqual(next.pricing.site, { percent: 10, amount: 0 });
  assert.deepEqual(next.catalog.warehouses, ["W01"]);
});

Deno.test("merge patch: null turns catalog.vanishLimit off, as documented; {} or its values bring it back", () => {
  const off = mergePatch(current(), { catalog: { vanishLimit: null } });
  assert.equal(off.catalog.vanishLimit, null);
  assert.equal(off.catalog.safetyStock, 2, "the rest of catalog as it was");
  assert.deepEqual(mergePatch(off, { catalog: { vanishLimit: {} } }).catalog.vanishLimit, {
    percent: 20,
    atLeast: 50,
  });
  assert.deepEqual(mergePatch(off, { catalog: { vanishLimit: { percent: 5 } } }).catalog.vanishLimit, {
    percent: 5,
    atLeast: 50,
  });
  assert.deepEqual(mergePatch(off, { catalog: null }).catalog.vanishLimit, { percent: 20, atLeast: 50 });
});

Deno.test("merge patch: null on a whole group resets the group to its defaults", () => {
  const next = mergePatch(current(), { pricing: null });
  assert.deepEqual(next.pricing, DEFAULT_SETTINGS.pricing);
  assert.equal(next.catalog.safetyStock, 2);
});

Deno.test("merge patch: arrays are replaced, not merged", () => {
  const next = mergePatch(current(), { pricing: { special: [{ from: 500, to: null, percent: 5 }] } });
  assert.deepEqual(next.pricing.special, [{ from: 500, to: null, percent: 5, amount: 0 }]);
});

Deno.test("merge patch: a new channel entry is added, an existing one merged, one deleted", () => {
  const added = mergePatch(current(), { orders: { channels: { n11: { customerCode: "N11" } } } });
  assert.deepEqual(added.orders.channels["n11"], { customerCode: "N11" });
  assert.deepEqual(added.orders.channels["trendyol"], { customerCode: "TY001" });
  const merged = mergePatch(current(), {
    orders: { channels: { trendyol: { salesUrl: "www.trendyol.com" } } },
  });
  assert.deepEqual(merged.orders.channels["trendyol"], {
    customerCode: "TY001",
    salesUrl: "www.trendyol.com",
  });
  const deleted = mergePatch(current(), { orders: { channels: { trendyol: null } } });
  assert.deepEqual(Object.keys(deleted.orders.channels), ["default"]);
});

Deno.test("merge patch: the result is validated and the bad path named", () => {
  assert.throws(
    () => mergePatch(current(), { pricing: { special: [{ from: 0, to: 100 }, { from: 50, to: 60 }] } }),
    (e: unknown) => e instanceof SettingsError && e.issues.map((i) => i.path).join() === "pricing.special[1]",
  );
  assert.throws(
    () => mergePatch(current(), { orders: { channels: { default: { posTerminalId: -1 } } } }),
    (e: unknown) =>
      e instanceof SettingsError &&
      e.issues.map((i) => i.path).join() === "orders.channels.default.posTerminalId",
  );
  assert.throws(
    () => mergePatch(current(), { orders: { channels: { default: null } } }),
    (e: unknown) =>
      e instanceof SettingsError && e.issues.map((i) => i.path).join() === "orders.channels.default",
  );
  assert.throws(
    () => mergePatch(current(), { pricing: { sitee: {} } }),
    (e: unknown) => e instanceof SettingsError && e.issues.map((i) => i.path).join() === "pricing.sitee",
  );
  assert.throws(
    () => mergePatch(current(), 7),
    (e: unknown) => e instanceof SettingsError && e.issues.map((i) => i.path).join() === "(document)",
  );
});

Deno.test("merge patch: does not change the current settings object", () => {
  const before = current();
  const copy = structuredClone(before);
  mergePatch(before, { pricing: { site: { percent: 99 } }, catalog: { warehouses: ["X"] } });
  assert.deepEqual(before, copy);
});

Deno.test("merge patch: an empty patch gives the same settings", () => {
  assert.deepEqual(mergePatch(current(), {}), current());
});

Deno.test("merge patch: a redacted secret sent back keeps the stored secret", () => {
  const next = mergePatch(current(), {
    nebim: { sql: { password: REDACTED, database: "V3_NEW" } },
    qukasoft: { apiKey: REDACTED, apiSecret: "secret-2" },
  });
  assert.equal(next.nebim.sql.password, "sql-secret");
  assert.equal(next.nebim.sql.database, "V3_NEW");
  assert.equal(next.qukasoft.apiKey, "key-1");
  assert.equal(next.qukasoft.apiSecret, "secret-2");
});

Deno.test("merge patch: REDACTED outside a secret key is an ordinary value", () => {
  const next = mergePatch(current(), { nebim: { sql: { user: REDACTED } } });
  assert.equal(next.nebim.sql.user, REDACTED);
});

Deno.test("merge patch: changing a tagged form replaces the object instead of merging the old keys in", () => {
  const template = mergePatch(current(), {
    catalog: { stockCode: { from: "template", template: "{ItemCode}" } },
  });
  assert.deepEqual(template.catalog.stockCode, {
    from: "template",
    template: "{ItemCode}",
    barcodeTypeCode: "DEF",
  });
  const list = mergePatch(current(), {
    catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } },
  });
  assert.deepEqual(list.catalog.priceSource, { kind: "priceList", priceGroupCode: "WEB" });
  // Same tag: an ordinary merge.
  const code = mergePatch(list, { catalog: { priceSource: { priceGroupCode: "B2C" } } });
  assert.deepEqual(code.catalog.priceSource, { kind: "priceList", priceGroupCode: "B2C" });
});

Deno.test("merge patch: a __proto__ key stays a key and is rejected as unknown", () => {
  const patch = JSON.parse('{"pricing": {"__proto__": {"polluted": true}}}');
  assert.throws(
    () => mergePatch(current(), patch),
    (e: unknown) => e instanceof SettingsError && e.issues.map((i) => i.path).join() === "pricing.__proto__",
  );
  assert.equal(({} as Record<string, unknown>)["polluted"], undefined);
});
