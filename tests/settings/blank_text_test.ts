/**
 * A text setting that must name something refuses spaces alone, naming the key: "   " passed as not empty, and
 * a blank feed.category failed the store's whole XML import ("Kategori bulunamadı"), a blank warehouse or
 * price-list code read nothing from Nebim, a blank host or instance failed only at the connection.
 */
import assert from "node:assert/strict";
import { parseSettings } from "../../settings/schema.ts";
import { issuesOf } from "../support/settings_issues.ts";

const BLANK = "must not be blank (only spaces)";

Deno.test("settings refuse spaces alone in each text key that must name something, naming the key", () => {
  const cases: [unknown, string][] = [
    [{ feed: { category: "   " } }, "feed.category"],
    [{ catalog: { warehouses: ["W01", " "] } }, "catalog.warehouses[1]"],
    [{ catalog: { langCode: " " } }, "catalog.langCode"],
    [{ catalog: { countryCode: "\t" } }, "catalog.countryCode"],
    [
      { catalog: { stockCode: { from: "barcode", barcodeTypeCode: "  " } } },
      "catalog.stockCode.barcodeTypeCode",
    ],
    [
      { catalog: { priceSource: { kind: "priceList", priceGroupCode: " " } } },
      "catalog.priceSource.priceGroupCode",
    ],
    [{ orders: { shippingItem: { itemCode: " " } } }, "orders.shippingItem.itemCode"],
    [{ http: { host: " " } }, "http.host"],
    [{ nebim: { sql: { host: "  " } } }, "nebim.sql.host"],
    [{ nebim: { sql: { instanceName: " " } } }, "nebim.sql.instanceName"],
  ];
  for (const [doc, path] of cases) {
    assert.deepEqual(issuesOf(doc), [{ path, message: BLANK }], path);
  }
  // Text around a value is the value's own (a category may well be spelt so): only blank text is refused.
  assert.equal(parseSettings({ feed: { category: " Genel " } }).feed.category, " Genel ");
});
