import assert from "node:assert/strict";
import {
  channelFor,
  DEFAULT_SETTINGS,
  formatPath,
  parseSettings,
  type Settings,
  SettingsError,
} from "../../settings/schema.ts";
import { issuesOf } from "../support/settings_issues.ts";

/** A document like docs/settings.md's example (tests/docs/settings_doc_test.ts reads the page itself). */
const EXAMPLE = {
  nebim: {
    sql: {
      host: "127.0.0.1",
      port: 1433,
      instanceName: null,
      database: "V3_ACME",
      user: "eticaret_ro",
      password: "…",
      encrypt: false,
      trustServerCertificate: true,
      requestTimeoutMs: 30000,
    },
    integrator: {
      baseUrl: "http://127.0.0.1:801",
      mode: "token",
      databaseName: "V3_ACME",
      userGroupCode: "ADM",
      userName: "eticaret",
      password: "…",
      requestTimeoutMs: 60000,
    },
  },
  qukasoft: { baseUrl: "https://magaza.example.com", apiKey: "…", apiSecret: "…", requestsPer10s: 50 },
  catalog: {
    langCode: "TR",
    stockCode: { from: "barcode", barcodeTypeCode: "DEF" },
    groupBy: "item",
    warehouses: ["W01"],
    subtractReservations: true,
    safetyStock: 0,
    priceSource: { kind: "basePrice", basePriceCode: 1 },
    costIncludesVat: false,
    storePricesIncludeVat: true,
    newProductsActive: false,
    zeroStockForVanished: true,
    vanishLimit: { percent: 20, atLeast: 50 },
  },
  pricing: {
    updateNames: false,
    disablePriceUpdate: false,
    site: { percent: 0, amount: 0 },
    marketplace: { percent: 0, amount: 0 },
    special: [
      { from: 0, to: 100, percent: 60, amount: 5 },
      { from: 1000, to: null, percent: 15, amount: 0, channel: "site" },
    ],
    ending: null,
  },
  orders: {
    modelType: 6,
    statuses: [1, 2],
    lookback: 200,
    shippingItem: { itemTypeCode: 5, itemCode: "KARGO" },
    channels: {
      default: {
        customerCode: "WEB001",
        officeCode: "M",
        storeCode: "W01",
        warehouseCode: "W01",
        posTerminalId: 1,
        salesUrl: "www.example.com",
        paymentAgent: "",
        creditCardTypeCode: "",
        deliveryCompanyCode: "",
      },
      trendyol: { customerCode: "TY001", salesUrl: "www.trendyol.com" },
    },
  },
  schedule: { productsEverySec: 30, fullReconcileEveryMin: 360, ordersEverySec: 30 },
  http: { host: "127.0.0.1", port: 8787 },
};

Deno.test("{} is valid and complete, with the defaults of docs/settings.md", () => {
  const s = parseSettings({});
  assert.deepEqual(s, DEFAULT_SETTINGS);
  assert.deepEqual(s.nebim.sql, {
    host: "127.0.0.1",
    port: 1433,
    instanceName: null,
    database: "",
    user: "",
    password: "",
    encrypt: false,
    trustServerCertificate: true,
    requestTimeoutMs: 30000,
  });
  assert.equal(s.nebim.integrator.mode, "token");
  assert.equal(s.nebim.integrator.requestTimeoutMs, 60000);
  assert.equal(s.nebim.integrator.baseUrl, null);
  assert.equal(s.qukasoft.requestsPer10s, 50);
  assert.equal(s.qukasoft.requestTimeoutMs, 30000);
  assert.equal(s.qukasoft.baseUrl, null);
  assert.deepEqual(s.catalog, {
    langCode: "TR",
    countryCode: "TR",
    stockCode: { from: "barcode", barcodeTypeCode: "DEF" },
    groupBy: "item",
    warehouses: ["W01"],
    subtractReservations: true,
    safetyStock: 0,
    priceSource: { kind: "basePrice", basePriceCode: 1 },
    costIncludesVat: false,
    storePricesIncludeVat: true,
    newProductsActive: false,
    zeroStockForVanished: true,
    vanishLimit: { percent: 20, atLeast: 50 },
  });
  assert.deepEqual(s.pricing, {
    updateNames: false,
    disablePriceUpdate: false,
    site: { percent: 0, amount: 0 },
    marketplace: { percent: 0, amount: 0 },
    special: [],
    ending: null,
  });
  assert.equal(s.orders.modelType, 6);
  assert.deepEqual(s.orders.statuses, [1, 2]);
  assert.equal(s.orders.lookback, 200);
  assert.deepEqual(s.orders.shippingItem, { itemTypeCode: 5, itemCode: "KARGO" });
  assert.deepEqual(Object.keys(s.orders.channels), ["default"]);
  assert.equal(s.orders.channels.default.posTerminalId, 1);
  assert.deepEqual(s.schedule, { productsEverySec: 30, fullReconcileEveryMin: 360, ordersEverySec: 30 });
  assert.deepEqual(s.http, { host: "127.0.0.1", port: 8787 });
});

Deno.test("the defaults pass their own validation (a stored default document reloads)", () => {
  assert.deepEqual(parseSettings(JSON.parse(JSON.stringify(DEFAULT_SETTINGS))), DEFAULT_SETTINGS);
});

Deno.test("DEFAULT_SETTINGS is frozen and every parse returns fresh objects", () => {
  assert.ok(Object.isFrozen(DEFAULT_SETTINGS.catalog.warehouses));
  const a = parseSettings({});
  a.catalog.warehouses.push("W02");
  assert.deepEqual(parseSettings({}).catalog.warehouses, ["W01"]);
});

Deno.test("a partial document keeps its values and gets defaults around them", () => {
  const s = parseSettings({ pricing: { site: { percent: 5 } }, catalog: { stockCode: { from: "barcode" } } });
  assert.deepEqual(s.pricing.site, { percent: 5, amount: 0 });
  assert.deepEqual(s.pricing.marketplace, { percent: 0, amount: 0 });
  assert.deepEqual(s.catalog.stockCode, { from: "barcode", barcodeTypeCode: "DEF" });
  assert.equal(s.http.port, 8787);
});

Deno.test('a tagged object without its tag takes the tag\'s default: from "barcode", kind "basePrice"', () => {
  // docs/settings.md: every value shown is the default, and defaults make a partial document valid.
  const s = parseSettings({
    catalog: { stockCode: { barcodeTypeCode: "EAN13" }, priceSource: { basePriceCode: 3 } },
  });
  assert.deepEqual(s.catalog.stockCode, { from: "barcode", barcodeTypeCode: "EAN13" });
  assert.deepEqual(s.catalog.priceSource, { kind: "basePrice", basePriceCode: 3 });
  assert.deepEqual(
    parseSettings({ catalog: { stockCode: {}, priceSource: {} } }).catalog,
    DEFAULT_SETTINGS.catalog,
  );
});

Deno.test("a document like the example of docs/settings.md is valid and kept as written", () => {
  const s = parseSettings(EXAMPLE);
  assert.deepEqual(s.pricing, EXAMPLE.pricing);
  assert.deepEqual(s.orders.channels, EXAMPLE.orders.channels);
  assert.deepEqual(s.nebim, EXAMPLE.nebim);
  assert.deepEqual(s.catalog, { ...EXAMPLE.catalog, countryCode: "TR" });
});

Deno.test("the example's placeholder URL https://… is not an absolute URL and is rejected", () => {
  const doc = structuredClone(EXAMPLE);
  doc.qukasoft.baseUrl = "https://…";
  assert.deepEqual(issuesOf(doc).map((i) => i.path), ["qukasoft.baseUrl"]);
});

Deno.test("a base URL with a ?query or #fragment is refused, naming the key: the clients' paths would go after it", () => {
  // "https://m.example/api?shop=1" + "/auth" asks /api with the query "shop=1/auth": every call the wrong path.
  for (
    const url of ["https://magaza.example.com/api?shop=1", "https://magaza.example.com/#api", "http://h/?"]
  ) {
    const doc = structuredClone(EXAMPLE);
    doc.qukasoft.baseUrl = url;
    doc.nebim.integrator.baseUrl = url;
    const issues = issuesOf(doc);
    assert.deepEqual(issues.map((i) => i.path), ["nebim.integrator.baseUrl", "qukasoft.baseUrl"], url);
    assert.match(issues[0]!.message, /\?query or #fragment/, url);
  }
});

Deno.test("a base URL with port 0 is refused, naming the key: no server listens there", () => {
  const doc = structuredClone(EXAMPLE);
  doc.qukasoft.baseUrl = "https://magaza.example.com:0/api";
  doc.nebim.integrator.baseUrl = "http://127.0.0.1:0";
  const issues = issuesOf(doc);
  assert.deepEqual(issues.map((i) => i.path), ["nebim.integrator.baseUrl", "qukasoft.baseUrl"]);
  assert.match(issues[0]!.message, /port 0/);
});

Deno.test("a base URL pasted with spaces or a line break around it is kept without them", () => {
  // The URL parser drops them, so the URL passes; kept, the clients' paths went after them ("…/api /auth").
  const s = parseSettings({
    qukasoft: { baseUrl: " https://magaza.example.com/api\n" },
    nebim: { integrator: { baseUrl: "\thttp://127.0.0.1:801 " } },
  });
  assert.equal(s.qukasoft.baseUrl, "https://magaza.example.com/api");
  assert.equal(s.nebim.integrator.baseUrl, "http://127.0.0.1:801");
});

Deno.test("the other forms of the tagged settings are valid", () => {
  const s = parseSettings({
    catalog: {
      stockCode: { from: "template", template: "{ItemCode}-{ColorCode}-{ItemDim1Code}" },
      priceSource: { kind: "priceList", priceGroupCode: "WEB" },
      groupBy: "itemColor",
    },
    orders: { modelType: 5, statuses: [1, 2, 3, 4, 5, 6] },
    nebim: {
      integrator: { mode: "session", baseUrl: "https://nebim.local:8080/base" },
      sql: { port: 65535 },
    },
    http: { port: 1 },
    pricing: {
      special: [
        { from: 0, to: 100, percent: 10, channel: "site" },
        { from: 0, to: 100, percent: 20, channel: "marketplace" }, // other channel: no overlap
        { from: 100, to: 200.5, percent: 5 }, // adjacent: [0,100) and [100,200.5) do not overlap
        { from: 200.5, to: null, amount: 0.99 },
      ],
      ending: "0.99",
    },
  });
  assert.deepEqual(s.catalog.stockCode, {
    from: "template",
    template: "{ItemCode}-{ColorCode}-{ItemDim1Code}",
    barcodeTypeCode: "DEF",
  });
  assert.deepEqual(s.catalog.priceSource, { kind: "priceList", priceGroupCode: "WEB" });
  assert.equal(s.pricing.special.length, 4);
  assert.deepEqual(s.pricing.special[3], { from: 200.5, to: null, percent: 0, amount: 0.99 });
});

interface Bad {
  rule: string;
  doc: unknown;
  /** Exactly the paths the error must name. */
  paths: string[];
  /** A word the (first) message must contain. */
  says?: string;
}

const BAD: Bad[] = [
  // percentages and amounts ≥ 0, money with at most two decimals
  {
    rule: "site percent ≥ 0",
    doc: { pricing: { site: { percent: -1 } } },
    paths: ["pricing.site.percent"],
    says: "≥ 0",
  },
  { rule: "site amount ≥ 0", doc: { pricing: { site: { amount: -0.01 } } }, paths: ["pricing.site.amount"] },
  {
    rule: "marketplace percent ≥ 0",
    doc: { pricing: { marketplace: { percent: -5 } } },
    paths: ["pricing.marketplace.percent"],
  },
  {
    rule: "marketplace amount ≥ 0",
    doc: { pricing: { marketplace: { amount: -3 } } },
    paths: ["pricing.marketplace.amount"],
  },
  {
    rule: "amount with three decimals",
    doc: { pricing: { site: { amount: 1.005 } } },
    paths: ["pricing.site.amount"],
    says: "two decimals",
  },
  {
    rule: "amount that is float noise",
    doc: { pricing: { marketplace: { amount: 0.1 + 0.2 } } },
    paths: ["pricing.marketplace.amount"],
    says: "two decimals",
  },
  {
    rule: "percent must be a number",
    doc: { pricing: { site: { percent: "10" } } },
    paths: ["pricing.site.percent"],
  },
  {
    rule: "special percent ≥ 0",
    doc: { pricing: { special: [{ from: 0, to: 10, percent: -1 }] } },
    paths: ["pricing.special[0].percent"],
  },
  {
    rule: "special amount two decimals",
    doc: { pricing: { special: [{ from: 0, to: 10, amount: 0.001 }] } },
    paths: ["pricing.special[0].amount"],
  },
  {
    rule: "special from ≥ 0",
    doc: { pricing: { special: [{ from: -1, to: 10 }] } },
    paths: ["pricing.special[0].from"],
  },
  {
    rule: "special from two decimals",
    doc: { pricing: { special: [{ from: 0.125, to: 10 }] } },
    paths: ["pricing.special[0].from"],
  },
  {
    rule: "special from required",
    doc: { pricing: { special: [{ to: 10 }] } },
    paths: ["pricing.special[0].from"],
    says: "required",
  },
  // special ranges: from < to, no overlap within a channel
  {
    rule: "from < to",
    doc: { pricing: { special: [{ from: 0, to: 100 }, { from: 500, to: 200 }] } },
    paths: ["pricing.special[1].to"],
    says: "greater than from",
  },
  {
    rule: "from = to is empty",
    doc: { pricing: { special: [{ from: 100, to: 100 }] } },
    paths: ["pricing.special[0].to"],
  },
  {
    rule: "overlap, both channels",
    doc: { pricing: { special: [{ from: 0, to: 100 }, { from: 99.99, to: 200 }] } },
    paths: ["pricing.special[1]"],
    says: "overlaps pricing.special[0]",
  },
  {
    rule: "overlap, same channel",
    doc: {
      pricing: { special: [{ from: 0, to: 100, channel: "site" }, { from: 50, to: 60, channel: "site" }] },
    },
    paths: ["pricing.special[1]"],
  },
  {
    rule: "a range without a channel overlaps a channel's range",
    doc: { pricing: { special: [{ from: 0, to: 100, channel: "marketplace" }, { from: 50, to: 150 }] } },
    paths: ["pricing.special[1]"],
  },
  {
    rule: "an open-ended range overlaps everything above it",
    doc: { pricing: { special: [{ from: 1000, to: null }, { from: 0, to: 10 }, { from: 5000, to: 6000 }] } },
    paths: ["pricing.special[2]"],
  },
  {
    rule: "special channel",
    doc: { pricing: { special: [{ from: 0, to: 1, channel: "web" }] } },
    paths: ["pricing.special[0].channel"],
  },
  { rule: "ending", doc: { pricing: { ending: "0.95" } }, paths: ["pricing.ending"] },
  { rule: "ending as a number", doc: { pricing: { ending: 0.9 } }, paths: ["pricing.ending"] },
  { rule: "updateNames boolean", doc: { pricing: { updateNames: "yes" } }, paths: ["pricing.updateNames"] },
  // warehouses not empty
  {
    rule: "warehouses not empty",
    doc: { catalog: { warehouses: [] } },
    paths: ["catalog.warehouses"],
    says: "at least one",
  },
  {
    rule: "warehouse code not empty",
    doc: { catalog: { warehouses: ["W01", ""] } },
    paths: ["catalog.warehouses[1]"],
  },
  // ports
  { rule: "sql port 0", doc: { nebim: { sql: { port: 0 } } }, paths: ["nebim.sql.port"], says: "1–65535" },
  { rule: "sql port 65536", doc: { nebim: { sql: { port: 65536 } } }, paths: ["nebim.sql.port"] },
  { rule: "http port fraction", doc: { http: { port: 8787.5 } }, paths: ["http.port"] },
  { rule: "http port 70000", doc: { http: { port: 70000 } }, paths: ["http.port"] },
  // statuses ⊆ 1..6, model type
  { rule: "status 7", doc: { orders: { statuses: [1, 7] } }, paths: ["orders.statuses[1]"], says: "1–6" },
  { rule: "status 0", doc: { orders: { statuses: [0] } }, paths: ["orders.statuses[0]"] },
  // 1.5 is in 1..6 but no store status: it would transfer nothing, unnoticed.
  { rule: "status 1.5", doc: { orders: { statuses: [1.5] } }, paths: ["orders.statuses[0]"], says: "whole" },
  { rule: "modelType 4", doc: { orders: { modelType: 4 } }, paths: ["orders.modelType"] },
  // URLs absolute
  {
    rule: "qukasoft URL without scheme",
    doc: { qukasoft: { baseUrl: "magaza.example.com" } },
    paths: ["qukasoft.baseUrl"],
    says: "absolute",
  },
  {
    rule: "qukasoft URL ftp",
    doc: { qukasoft: { baseUrl: "ftp://magaza.example.com" } },
    paths: ["qukasoft.baseUrl"],
  },
  {
    rule: "integrator URL relative",
    doc: { nebim: { integrator: { baseUrl: "/IntegratorService" } } },
    paths: ["nebim.integrator.baseUrl"],
  },
  // unknown keys, named by their own path
  { rule: "unknown top-level key", doc: { foo: 1 }, paths: ["foo"], says: "unknown key" },
  { rule: "misspelt nested key", doc: { pricing: { site: { percnt: 5 } } }, paths: ["pricing.site.percnt"] },
  {
    rule: "unknown key in a special range",
    doc: { pricing: { special: [{ from: 0, to: 1, chanel: "site" }] } },
    paths: ["pricing.special[0].chanel"],
  },
  {
    rule: "unknown key in a channel override",
    doc: { orders: { channels: { default: {}, trendyol: { customer: "TY" } } } },
    paths: ["orders.channels.trendyol.customer"],
  },
  {
    rule: "unknown key in the default channel",
    doc: { orders: { channels: { default: { x: 1 } } } },
    paths: ["orders.channels.default.x"],
  },
  {
    rule: "unknown key of the other stock-code form",
    doc: { catalog: { stockCode: { from: "barcode", template: "{ItemCode}" } } },
    paths: ["catalog.stockCode.template"],
  },
  { rule: "unknown key in nebim", doc: { nebim: { odbc: {} } }, paths: ["nebim.odbc"] },
  // orders.channels
  {
    rule: "override types are checked",
    doc: { orders: { channels: { default: {}, n11: { posTerminalId: "1" } } } },
    paths: ["orders.channels.n11.posTerminalId"],
  },
  // catalog forms
  {
    rule: "template placeholder",
    doc: { catalog: { stockCode: { from: "template", template: "{ItemCode}-{Color}" } } },
    paths: ["catalog.stockCode.template"],
    says: "{Color}",
  },
  {
    rule: "template without placeholder",
    doc: { catalog: { stockCode: { from: "template", template: "SKU" } } },
    paths: ["catalog.stockCode.template"],
  },
  {
    rule: "template unmatched brace",
    doc: { catalog: { stockCode: { from: "template", template: "{ItemCode}-{ColorCode" } } },
    paths: ["catalog.stockCode.template"],
    says: "unmatched",
  },
  {
    rule: "template required",
    doc: { catalog: { stockCode: { from: "template" } } },
    paths: ["catalog.stockCode.template"],
  },
  {
    rule: "stock-code form",
    doc: { catalog: { stockCode: { from: "sku" } } },
    paths: ["catalog.stockCode.from"],
  },
  {
    rule: "price list needs its group",
    doc: { catalog: { priceSource: { kind: "priceList" } } },
    paths: ["catalog.priceSource.priceGroupCode"],
  },
  {
    rule: "price source kind",
    doc: { catalog: { priceSource: { kind: "cost" } } },
    paths: ["catalog.priceSource.kind"],
  },
  { rule: "groupBy", doc: { catalog: { groupBy: "color" } }, paths: ["catalog.groupBy"] },
  { rule: "safetyStock ≥ 0", doc: { catalog: { safetyStock: -1 } }, paths: ["catalog.safetyStock"] },
  // other numbers
  {
    rule: "integrator mode",
    doc: { nebim: { integrator: { mode: "basic" } } },
    paths: ["nebim.integrator.mode"],
  },
  { rule: "rate limit ≥ 1", doc: { qukasoft: { requestsPer10s: 0 } }, paths: ["qukasoft.requestsPer10s"] },
  { rule: "schedule ≥ 1", doc: { schedule: { productsEverySec: 0 } }, paths: ["schedule.productsEverySec"] },
  { rule: "lookback whole", doc: { orders: { lookback: 1.5 } }, paths: ["orders.lookback"] },
  // the document itself
  { rule: "document must be an object", doc: 5, paths: ["(document)"] },
  { rule: "document must not be null", doc: null, paths: ["(document)"] },
  { rule: "a group must be an object", doc: { pricing: [] }, paths: ["pricing"] },
];

for (const bad of BAD) {
  Deno.test(`rejected, naming the path: ${bad.rule}`, () => {
    const issues = issuesOf(bad.doc);
    assert.deepEqual(issues.map((i) => i.path), bad.paths, JSON.stringify(issues));
    if (bad.says !== undefined) assert.ok(issues[0]?.message.includes(bad.says), String(issues[0]?.message));
  });
}

Deno.test("every bad key of one document is named, and the error message lists them", () => {
  const doc = {
    zz: 1,
    http: { port: 0 },
    catalog: { warehouses: [] },
    pricing: { special: [{ from: 10, to: 5 }], site: { percent: -1 } },
  };
  let thrown: unknown;
  try {
    parseSettings(doc);
  } catch (error) {
    thrown = error;
  }
  assert.ok(thrown instanceof SettingsError);
  assert.deepEqual(
    thrown.issues.map((i) => i.path).sort(),
    ["catalog.warehouses", "http.port", "pricing.site.percent", "pricing.special[0].to", "zz"],
  );
  assert.match(thrown.message, /pricing\.special\[0\]\.to: must be greater than from \(10\)/);
});

Deno.test("formatPath uses dots and [index]", () => {
  assert.equal(formatPath(["pricing", "special", 1, "to"]), "pricing.special[1].to");
  assert.equal(formatPath(["orders", "statuses", 0]), "orders.statuses[0]");
  assert.equal(formatPath([]), "(document)");
});

Deno.test("channelFor lays a platform's keys over the default channel", () => {
  const s: Settings = parseSettings(EXAMPLE);
  assert.deepEqual(channelFor(s.orders, "trendyol"), {
    ...EXAMPLE.orders.channels.default,
    customerCode: "TY001",
    salesUrl: "www.trendyol.com",
  });
  assert.deepEqual(channelFor(s.orders, "hepsiburada"), EXAMPLE.orders.channels.default);
  assert.deepEqual(channelFor(s.orders, "toString"), EXAMPLE.orders.channels.default);
});

Deno.test("a partial document may add a platform's channel without restating the default one", () => {
  const s = parseSettings({
    orders: { channels: { trendyol: { customerCode: "TY001", salesUrl: "www.trendyol.com" } } },
  });
  assert.deepEqual(Object.keys(s.orders.channels).sort(), ["default", "trendyol"]);
  assert.equal(s.orders.channels.default.posTerminalId, 1, "the default channel's defaults");
  assert.equal(s.orders.channels.trendyol!.customerCode, "TY001");
});

Deno.test("catalog.vanishLimit: null turns it off, a partial object takes the other default, bad values are named", () => {
  assert.equal(parseSettings({ catalog: { vanishLimit: null } }).catalog.vanishLimit, null);
  assert.deepEqual(parseSettings({ catalog: { vanishLimit: { percent: 5 } } }).catalog.vanishLimit, {
    percent: 5,
    atLeast: 50,
  });
  const bad = { catalog: { vanishLimit: { percent: -1, atLeast: 1.5, count: 3 } } };
  assert.deepEqual(issuesOf(bad).map((i) => i.path).sort(), [
    "catalog.vanishLimit.atLeast",
    "catalog.vanishLimit.count",
    "catalog.vanishLimit.percent",
  ]);
  // Over 100 the limit could never be passed: off without a word, where null says so.
  const over = issuesOf({ catalog: { vanishLimit: { percent: 150 } } });
  assert.deepEqual(over.map((i) => [i.path, i.message]), [[
    "catalog.vanishLimit.percent",
    "must be at most 100 (null turns the limit off)",
  ]]);
  assert.equal(
    parseSettings({ catalog: { vanishLimit: { percent: 100 } } }).catalog.vanishLimit?.percent,
    100,
  );
});
