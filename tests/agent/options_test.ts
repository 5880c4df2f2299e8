// @ts-types="@types/sinonjs__fake-timers"
import FakeTimers from "@sinonjs/fake-timers";
import assert from "node:assert/strict";
import {
  catalogReadOptions,
  integratorOptions,
  mappingOptions,
  sqlOptions,
  storeOptions,
} from "../../agent/options.ts";
import { errorMessage } from "../../errors.ts";
import { rulesFromSettings } from "../../pricing/rules.ts";
import { createQukasoftClient } from "../../qukasoft/mod.ts";
import { parseSettings } from "../../settings/mod.ts";
import { mapVariants } from "../../sync/desired.ts";
import { TIMER_MAX_MS } from "../../timer_max.ts";
import { nebimVariant } from "../support/mapping.ts";

Deno.test("storeOptions() gives the store client its settings, the request timeout included", () => {
  const s = parseSettings({
    qukasoft: { baseUrl: "https://magaza.example/api", apiKey: "k", apiSecret: "s", requestTimeoutMs: 90000 },
  });
  assert.deepEqual(storeOptions(s), {
    baseUrl: "https://magaza.example/api",
    apiKey: "k",
    apiSecret: "s",
    requestsPer10s: 50,
    timeoutMs: 90000,
  });
});

/*
 * A timeout over 2^31 - 1 ms (~24.8 days), written to mean "no limit": Deno runs a longer setTimeout after
 * 1 ms, so every request would time out at once. The clock is @sinonjs/fake-timers, which keeps that limit.
 */
const HUGE = 3_000_000_000;

Deno.test("a request timeout too long for a timer waits as long as a timer can, for each connection", () => {
  const s = parseSettings({
    nebim: {
      sql: { requestTimeoutMs: HUGE },
      integrator: { baseUrl: "http://127.0.0.1:9", requestTimeoutMs: HUGE },
    },
    qukasoft: { baseUrl: "http://127.0.0.1:9", requestTimeoutMs: HUGE },
  });
  assert.equal(sqlOptions(s).requestTimeoutMs, TIMER_MAX_MS);
  assert.equal(integratorOptions(s).requestTimeoutMs, TIMER_MAX_MS);
  assert.equal(storeOptions(s).timeoutMs, TIMER_MAX_MS);
  // Those a timer can hold are kept as they are.
  assert.equal(
    sqlOptions(parseSettings({ nebim: { sql: { requestTimeoutMs: 45_000 } } })).requestTimeoutMs,
    45_000,
  );
});

Deno.test("a store request under a timeout too long for a timer is answered, not timed out at once", async () => {
  const fake = FakeTimers.install({ toFake: ["setTimeout", "clearTimeout"], now: 0 });
  try {
    const s = parseSettings({
      qukasoft: { baseUrl: "http://127.0.0.1:9", apiKey: "k", apiSecret: "s", requestTimeoutMs: HUGE },
    });
    // The store answers after a minute.
    const slowFetch = (_url: string | URL | Request, init?: RequestInit) =>
      new Promise<Response>((resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason));
        setTimeout(() => resolve(Response.json({ code: 200, result: { storeName: "Mağaza" } })), 60_000);
      });
    const client = createQukasoftClient({
      ...storeOptions(s),
      fetch: slowFetch as typeof fetch,
      maxRetries: 0,
    });
    const answer = client.auth().then(() => "answered", (e) => `failed: ${errorMessage(e)}`);
    await fake.tickAsync(60_000);
    assert.equal(await answer, "answered");
  } finally {
    fake.uninstall();
  }
});

Deno.test("a variant without a cost is held naming the price source to check, not only 'no cost in Nebim'", () => {
  // A wrong base price code or country leaves every variant without a cost, though Nebim has their prices
  // under another code: the reason says which code, country or price group was read, and its setting.
  const reasonFor = (doc: unknown) => {
    const s = parseSettings(doc);
    const { problems } = mapVariants(
      [nebimVariant({ costKurus: null, costCurrency: null })],
      mappingOptions(s, rulesFromSettings(s.pricing, s.catalog)),
    );
    return problems.filter((p) => p.kind === "price").map((p) => p.reason);
  };
  assert.deepEqual(reasonFor({ catalog: { countryCode: "AZ" } }), [
    'no cost in Nebim for item KML-1001: no base price 1 for country "AZ" (catalog.priceSource.basePriceCode, ' +
    "catalog.countryCode); price held",
  ]);
  assert.deepEqual(reasonFor({ catalog: { priceSource: { kind: "priceList", priceGroupCode: "WEB" } } }), [
    'no cost in Nebim for item KML-1001: no line in force in price group "WEB" ' +
    "(catalog.priceSource.priceGroupCode); price held",
  ]);
});

Deno.test("under a template stock code the store's barcode is read of the type set, not always DEF", () => {
  const template = (barcodeTypeCode?: string) =>
    parseSettings({ catalog: { stockCode: { from: "template", template: "{ItemCode}", barcodeTypeCode } } });
  assert.equal(catalogReadOptions(template("EAN13")).barcodeTypeCode, "EAN13");
  assert.equal(catalogReadOptions(template()).barcodeTypeCode, "DEF");
  const byBarcode = parseSettings({ catalog: { stockCode: { from: "barcode", barcodeTypeCode: "UPC" } } });
  assert.equal(catalogReadOptions(byBarcode).barcodeTypeCode, "UPC");
});
