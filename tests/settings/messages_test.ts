/**
 * What an operator reads for the two commonest slips in a hand-written settings file: a number written as
 * Turkish text ("10,5") and a misspelt key.
 */
import assert from "node:assert/strict";
import { parseSettings, settingsSchema } from "../../settings/schema.ts";
import { closestKey, closestKeys, editDistance, knownKeys } from "../../settings/suggest.ts";
import { issuesOf } from "../support/settings_issues.ts";

Deno.test("a number given as text names the field and says how to write it: a decimal point, no quotes", async (t) => {
  const cases: [doc: unknown, path: string, message: string][] = [
    [
      { pricing: { site: { percent: "10,5" } } },
      "pricing.site.percent",
      'must be a number with a decimal point: write 10.5, not "10,5" (no quotes)',
    ],
    [
      { pricing: { special: [{ from: "1.250,50" }] } },
      "pricing.special[0].from",
      'must be a number with a decimal point: write 1250.50, not "1.250,50" (no quotes)',
    ],
    [
      { nebim: { sql: { port: "1433" } } },
      "nebim.sql.port",
      'must be a number: write 1433 without quotes, not "1433"',
    ],
    [
      { orders: { statuses: ["1"] } },
      "orders.statuses[0]",
      'must be a number: write 1 without quotes, not "1"',
    ],
    // JSON refuses a leading zero: the number to write has none.
    [
      { nebim: { sql: { port: "01433" } } },
      "nebim.sql.port",
      'must be a number: write 1433 without quotes, not "01433"',
    ],
    [
      { pricing: { site: { percent: "007,5" } } },
      "pricing.site.percent",
      'must be a number with a decimal point: write 7.5, not "007,5" (no quotes)',
    ],
    // A dot before three digits may be the Turkish thousands mark: both readings are named.
    [
      { pricing: { special: [{ from: "1.250" }] } },
      "pricing.special[0].from",
      "must be a number without quotes: write 1250 if the dot groups thousands, 1.250 if it is a decimal " +
      'point; not "1.250"',
    ],
    [
      { pricing: { marketplace: { amount: "on TL" } } },
      "pricing.marketplace.amount",
      "must be a number such as 10.5, not text",
    ],
  ];
  for (const [doc, path, message] of cases) {
    await t.step(path, () => assert.deepEqual(issuesOf(doc), [{ path, message }]));
  }
});

Deno.test("a number field keeps its own messages for a missing value and for a number out of range", () => {
  assert.deepEqual(issuesOf({ pricing: { special: [{ to: 5 }] } }), [
    { path: "pricing.special[0].from", message: "required" },
  ]);
  assert.deepEqual(issuesOf({ pricing: { site: { percent: -1 } } }), [
    { path: "pricing.site.percent", message: "must be ≥ 0" },
  ]);
});

Deno.test("a whole number too large to hold says so, not that it must be a whole number", () => {
  // 99999999999999999 (meant as "no limit") is past 2^53: zod's int check refused it as if it had decimals.
  assert.deepEqual(issuesOf({ nebim: { sql: { requestTimeoutMs: 99999999999999999 } } }), [
    { path: "nebim.sql.requestTimeoutMs", message: "must be at most 9007199254740991" },
  ]);
  assert.deepEqual(issuesOf({ catalog: { safetyStock: 1e20 } }), [
    { path: "catalog.safetyStock", message: "must be at most 9007199254740991" },
  ]);
  assert.deepEqual(issuesOf({ http: { port: 1e20 } }), [{ path: "http.port", message: "must be 1–65535" }]);
  assert.deepEqual(issuesOf({ catalog: { priceSource: { kind: "basePrice", basePriceCode: 1e20 } } }), [
    { path: "catalog.priceSource.basePriceCode", message: "must be 0–255 (Nebim BasePriceCode)" },
  ]);
  assert.deepEqual(issuesOf({ orders: { statuses: [1e20] } }), [
    { path: "orders.statuses[0]", message: "must be 1–6" },
  ]);
  // A fraction is still named as one.
  assert.deepEqual(issuesOf({ http: { port: 8787.5 } }), [{
    path: "http.port",
    message: "must be a whole number",
  }]);
});

Deno.test("a price ending or a special range's channel written otherwise says what to write", async (t) => {
  const cases: [doc: unknown, path: string, message: string][] = [
    // Written as a price is: the number 0.99 (and 0.90, which JSON reads as 0.9).
    [
      { pricing: { ending: 0.99 } },
      "pricing.ending",
      'must be "0.90" or "0.99" in quotes (text), or null for no ending; not the number 0.99',
    ],
    [
      { pricing: { ending: 0.9 } },
      "pricing.ending",
      'must be "0.90" or "0.99" in quotes (text), or null for no ending; not the number 0.9',
    ],
    [
      { pricing: { ending: ",99" } },
      "pricing.ending",
      'must be "0.90" or "0.99" in quotes (text), or null for no ending; not ",99"',
    ],
    // `to: null` means no upper bound beside it; a range for both channels has no `channel` key.
    [
      { pricing: { special: [{ from: 0, to: 100, channel: null }] } },
      "pricing.special[0].channel",
      'must be "site" or "marketplace"; leave the key out for both channels; not null',
    ],
    [
      { pricing: { special: [{ from: 0, to: 100, channel: "both" }] } },
      "pricing.special[0].channel",
      'must be "site" or "marketplace"; leave the key out for both channels; not "both"',
    ],
  ];
  for (const [doc, path, message] of cases) {
    await t.step(
      `${path} ${JSON.stringify(doc)}`,
      () => assert.deepEqual(issuesOf(doc), [{ path, message }]),
    );
  }
});

Deno.test("an unknown key close to a known one gets a suggestion, at any depth; a far one does not", async (t) => {
  const cases: [doc: unknown, path: string, meant: string | undefined][] = [
    [{ pricng: {} }, "pricng", "pricing"],
    [{ qukasoft: { baseURL: "https://m.example" } }, "qukasoft.baseURL", "baseUrl"],
    [{ pricing: { site: { percnt: 10 } } }, "pricing.site.percnt", "percent"],
    [{ pricing: { special: [{ from: 0, ammount: 5 }] } }, "pricing.special[0].ammount", "amount"],
    [{ http: { prot: 8787 } }, "http.prot", "port"],
    [
      { catalog: { stockCode: { from: "barcode", barcodeTypecode: "X" } } },
      "catalog.stockCode.barcodeTypecode",
      "barcodeTypeCode",
    ],
    [
      { orders: { channels: { trendyol: { storCode: "W2" } } } },
      "orders.channels.trendyol.storCode",
      "storeCode",
    ],
    [{ margin: 10 }, "margin", undefined],
    // A key of the union's other option is not named for itself, nor suggested for a near miss.
    [
      { catalog: { stockCode: { from: "barcode", template: "{ItemCode}" } } },
      "catalog.stockCode.template",
      undefined,
    ],
    [
      { catalog: { stockCode: { from: "barcode", templat: "{ItemCode}" } } },
      "catalog.stockCode.templat",
      undefined,
    ],
    [
      { catalog: { priceSource: { kind: "basePrice", priceGroupCode: "P1" } } },
      "catalog.priceSource.priceGroupCode",
      undefined,
    ],
    [
      { catalog: { priceSource: { kind: "priceList", priceGroupCode: "P1", basePriceCod: 1 } } },
      "catalog.priceSource.basePriceCod",
      undefined,
    ],
    [
      { catalog: { stockCode: { from: "template", template: "{ItemCode}", Templat: 1 } } },
      "catalog.stockCode.Templat",
      "template",
    ],
  ];
  for (const [doc, path, meant] of cases) {
    await t.step(path, () =>
      assert.deepEqual(issuesOf(doc), [
        { path, message: meant === undefined ? "unknown key" : `unknown key; did you mean "${meant}"?` },
      ]));
  }
});

Deno.test("a tag of no option names the values it takes; a key of another option beside no tag names that option's tag", () => {
  assert.deepEqual(issuesOf({ catalog: { stockCode: { from: "sku" } } }), [
    { path: "catalog.stockCode.from", message: 'must be "barcode" or "template"' },
  ]);
  assert.deepEqual(issuesOf({ catalog: { priceSource: { kind: "cost" } } }), [
    { path: "catalog.priceSource.kind", message: 'must be "basePrice" or "priceList"' },
  ]);
  // Left out, the tag is its default, whose option has no such key: the key says which option was meant.
  assert.deepEqual(issuesOf({ catalog: { priceSource: { priceGroupCode: "WEB" } } }), [{
    path: "catalog.priceSource.priceGroupCode",
    message: 'a key of "kind": "priceList": add that ("kind" left out is "basePrice")',
  }]);
  assert.deepEqual(issuesOf({ catalog: { stockCode: { template: "{ItemCode}" } } }), [{
    path: "catalog.stockCode.template",
    message: 'a key of "from": "template": add that ("from" left out is "barcode")',
  }]);
  // A near miss beside no tag is suggested among the default option's keys.
  assert.deepEqual(issuesOf({ catalog: { priceSource: { basePriceCod: 3 } } }), [{
    path: "catalog.priceSource.basePriceCod",
    message: 'unknown key; did you mean "basePriceCode"?',
  }]);
});

Deno.test("a key written at the wrong level names the one place it belongs; one of several places does not", () => {
  const cases: [doc: unknown, path: string, message: string][] = [
    // The simulators' line (`deno task sim`) given as a settings file.
    [{ integrator: {} }, "integrator", "unknown key here; it belongs at nebim.integrator"],
    [{ warehouses: ["W01"] }, "warehouses", "unknown key here; it belongs at catalog.warehouses"],
    [{ http: { ApiKey: "k" } }, "http.ApiKey", "unknown key here; it belongs at qukasoft.apiKey"],
    [
      { pricing: { special: [{ from: 0, ending: "0.90" }] } },
      "pricing.special[0].ending",
      "unknown key here; it belongs at pricing.ending",
    ],
    // nebim.sql.port and http.port: which one is meant is not known.
    [{ catalog: { port: 1433 } }, "catalog.port", "unknown key"],
    // A key of the tagged union's other option stays "unknown key" (see above).
    [
      { catalog: { stockCode: { from: "barcode", template: "{ItemCode}" } } },
      "catalog.stockCode.template",
      "unknown key",
    ],
  ];
  for (const [doc, path, message] of cases) assert.deepEqual(issuesOf(doc), [{ path, message }]);
});

Deno.test("knownKeys() finds the keys of the object at a path, through defaults, arrays, unions and catch-alls", () => {
  assert.ok(knownKeys(settingsSchema, []).includes("pricing"));
  assert.deepEqual(knownKeys(settingsSchema, ["http"]), ["host", "port"]);
  assert.deepEqual(knownKeys(settingsSchema, ["catalog", "priceSource"]).sort(), [
    "basePriceCode",
    "kind",
    "priceGroupCode",
  ]);
  assert.ok(knownKeys(settingsSchema, ["pricing", "special", 3]).includes("channel"));
  assert.ok(knownKeys(settingsSchema, ["orders", "channels", "any-platform"]).includes("customerCode"));
  assert.deepEqual(knownKeys(settingsSchema, ["http", "port"]), []);
  // Given the document, the tag picks the option.
  const doc = { catalog: { priceSource: { kind: "priceList" } } };
  assert.deepEqual(knownKeys(settingsSchema, ["catalog", "priceSource"], doc).sort(), [
    "kind",
    "priceGroupCode",
  ]);
});

Deno.test("closestKey() ignores case, allows one edit in a short key and two in a longer one", () => {
  assert.equal(editDistance("prot", "port"), 1); // a swap is one edit
  assert.equal(editDistance("kitten", "sitting"), 3);
  assert.equal(closestKey("HOST", ["host", "port"]), "host");
  assert.equal(closestKey("hst", ["host"]), "host");
  assert.equal(closestKey("hs", ["host"]), undefined);
  assert.equal(closestKey("passwrd", ["password", "user"]), "password");
  assert.equal(closestKey("pasword1", ["password"]), "password");
  assert.equal(closestKey("username", ["userName", "user"]), "userName");
  assert.equal(closestKey("token", ["host", "port"]), undefined);
  // Every one as close, in the order given: a tie is not broken by a guess.
  assert.deepEqual(closestKeys("W0", ["MRK", "W01", "W02", "W0012"]), ["W01", "W02"]);
  assert.deepEqual(closestKeys("W1", ["W01", "W02"]), ["W01"]);
  assert.deepEqual(closestKeys("ZZZ", ["W01"]), []);
});

Deno.test("a server name written as SSMS shows it says which keys take the instance and the port", () => {
  const sqlIssues = (sql: Record<string, unknown>) => issuesOf({ nebim: { sql } });
  assert.deepEqual(sqlIssues({ host: "SRV01\\NEBIM" }), [{
    path: "nebim.sql.host",
    message: 'must be the host alone; put the instance in nebim.sql.instanceName: "host": "SRV01", ' +
      '"instanceName": "NEBIM"',
  }]);
  // SSMS's "." is this machine.
  assert.match(
    sqlIssues({ host: ".\\SQLEXPRESS" })[0]!.message,
    /"host": "127\.0\.0\.1", "instanceName": "SQLEXPRESS"$/,
  );
  // SSMS dials the port and asks SQL Server Browser nothing: the port is what the operator connected with.
  assert.deepEqual(sqlIssues({ host: "tcp:SRV01\\NEBIM,1500" }), [{
    path: "nebim.sql.host",
    message: 'must be the host alone; put the port in nebim.sql.port: "host": "SRV01", "port": 1500, ' +
      '"instanceName": null (with a port, SSMS ignores the instance name)',
  }]);
  assert.match(
    sqlIssues({ host: "(local)\\NEBIM" })[0]!.message,
    /"host": "127\.0\.0\.1", "instanceName": "NEBIM"$/,
  );
  assert.deepEqual(sqlIssues({ host: "." }), [{
    path: "nebim.sql.host",
    message: 'must be the host alone: "host": "127.0.0.1"',
  }]);
  assert.deepEqual(sqlIssues({ host: "tcp:SRV01" }), [{
    path: "nebim.sql.host",
    message: 'must be the host alone: "host": "SRV01"',
  }]);
  // An IPv6 address and a plain name are hosts as they are.
  assert.equal(parseSettings({ nebim: { sql: { host: "fe80::1" } } }).nebim.sql.host, "fe80::1");
  const local = parseSettings({ nebim: { sql: { host: "localhost", instanceName: "SQLEXPRESS" } } });
  assert.equal(local.nebim.sql.host, "localhost");
  assert.deepEqual(sqlIssues({ host: "SRV01,1500" }), [{
    path: "nebim.sql.host",
    message: 'must be the host alone; put the port in nebim.sql.port: "host": "SRV01", "port": 1500',
  }]);
  // As a URL writes it: the port has its own key here too.
  assert.deepEqual(sqlIssues({ host: "192.168.1.10:1500" }), [{
    path: "nebim.sql.host",
    message: 'must be the host alone; put the port in nebim.sql.port: "host": "192.168.1.10", "port": 1500',
  }]);
  assert.deepEqual(sqlIssues({ instanceName: "SRV01\\NEBIM" }), [{
    path: "nebim.sql.instanceName",
    message: "must be the instance's name alone, e.g. NEBIM",
  }]);
});

Deno.test("a port other than 1433 beside an instance name is refused: the two name different servers", () => {
  assert.deepEqual(issuesOf({ nebim: { sql: { host: "SRV01", port: 1500, instanceName: "NEBIM" } } }), [{
    path: "nebim.sql.port",
    message: "set either a port or nebim.sql.instanceName (whose port SQL Server Browser tells), not both; " +
      "for a named instance on a fixed port, set the port and instanceName null",
  }]);
  // The default port stands for "not set": the instance's port then comes from SQL Server Browser.
  assert.equal(parseSettings({ nebim: { sql: { instanceName: "NEBIM" } } }).nebim.sql.instanceName, "NEBIM");
  assert.equal(parseSettings({ nebim: { sql: { port: 1500 } } }).nebim.sql.port, 1500);
});

Deno.test('an orders.channels key that is "default" capitalised or misspelt is refused, not taken for a platform', () => {
  for (const key of ["Default", "defualt", "DEFAULTS"]) {
    assert.deepEqual(issuesOf({ orders: { channels: { [key]: { customerCode: "WEB001" } } } }), [{
      path: `orders.channels.${key}`,
      message: 'did you mean "default"? any other key here names a platform (trendyol, hepsiburada, …)',
    }]);
  }
  // A platform's own name is taken as it is.
  const s = parseSettings({ orders: { channels: { trendyol: { customerCode: "TY001" } } } });
  assert.equal(s.orders.channels.trendyol!.customerCode, "TY001");
});

Deno.test("overlapping ranges and a misspelt default channel are named in the same round as a mistyped value beside them", () => {
  assert.deepEqual(
    issuesOf({ pricing: { special: [{ from: 0, to: 100 }, { from: 50, to: 200 }, { from: "1,5", to: 3 }] } }),
    [
      {
        path: "pricing.special[2].from",
        message: 'must be a number with a decimal point: write 1.5, not "1,5" (no quotes)',
      },
      { path: "pricing.special[1]", message: "overlaps pricing.special[0] (both channels)" },
    ],
  );
  assert.deepEqual(
    issuesOf({ orders: { channels: { Default: { customerCode: "WEB001" }, trendyol: "TY001" } } }),
    [
      { path: "orders.channels.trendyol", message: "Invalid input: expected object, received string" },
      {
        path: "orders.channels.Default",
        message: 'did you mean "default"? any other key here names a platform (trendyol, hepsiburada, …)',
      },
    ],
  );
  // Not a list, not an object: the type error alone.
  assert.deepEqual(issuesOf({ pricing: { special: "0-100: 60" } }), [
    { path: "pricing.special", message: "Invalid input: expected array, received string" },
  ]);
  assert.deepEqual(issuesOf({ orders: { channels: "WEB001" } }), [
    { path: "orders.channels", message: "Invalid input: expected object, received string" },
  ]);
});
