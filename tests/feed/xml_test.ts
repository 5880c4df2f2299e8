import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import { renderFeed } from "../../feed/xml.ts";
import type { DesiredVariant } from "../../sync/desired.ts";
import { KML_1001_BEY_M } from "../support/mapping.ts";

function v(stockCode: string, over: Partial<DesiredVariant> = {}): DesiredVariant {
  return {
    stockCode,
    productCode: "KML-1001",
    key: { ...KML_1001_BEY_M },
    name: "Keten Gömlek ]]> Şık",
    barcode: stockCode,
    variantValues: { name1: "Renk", value1: "Beyaz", name2: "Beden", value2: "M" },
    quantity: 3,
    price: 89990,
    marketplacePrice: 94990,
    vatRate: 10,
    sellable: true,
    ...over,
  };
}

Deno.test("renderFeed() writes Qukasoft's import tags, one row per variant grouped by sku, in CDATA", () => {
  const xml = renderFeed([v("A"), v("B", { quantity: 0 }), v("C", { price: null })], {
    category: "Giyim",
    channel: "site",
  });
  const doc = new XMLParser({ parseTagValue: false }).parse(xml);
  const rows = doc.products.product;
  assert.equal(rows.length, 2, "a variant without a price is left out");
  assert.equal(rows[0].sku, "KML-1001");
  assert.equal(rows[0].name, "Keten Gömlek ]]> Şık", "CDATA survives a ]]> inside the value");
  assert.equal(rows[0].price, "899.90");
  assert.equal(rows[0].kdv, "10");
  assert.equal(rows[0].kat1, "Giyim");
  assert.equal(rows[0].varyantbarkod, "A");
  assert.equal(rows[0].varyantdeger2, "M");
  assert.equal(rows[1].varyantstok, "0");
});

Deno.test("renderFeed() uses the marketplace price when asked", () => {
  const xml = renderFeed([v("A")], { category: "Giyim", channel: "marketplace" });
  assert.match(xml, /<price><!\[CDATA\[949\.90\]\]><\/price>/);
});

Deno.test("renderFeed() drops characters XML forbids, so one pasted control character cannot spoil the feed", () => {
  const xml = renderFeed([v("A", { name: "Keten\u000B Gömlek\u0001 \uD83D\uDC54 \uD800x" })], {
    category: "Giyim",
    channel: "site",
  });
  // deno-lint-ignore no-control-regex
  assert.doesNotMatch(xml, /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  const doc = new XMLParser({ parseTagValue: false }).parse(xml);
  assert.equal(
    doc.products.product.name,
    "Keten Gömlek \uD83D\uDC54 x",
    "a whole emoji stays, a lone half goes",
  );
});

Deno.test("renderFeed() carries no price at all when prices are off (Fiyat Güncellemeyi Kapat); stock still flows", () => {
  const xml = renderFeed([v("A"), v("B", { quantity: 7 }), v("C", { price: null })], {
    category: "Giyim",
    channel: "site",
    prices: false,
  });
  assert.doesNotMatch(xml, /<price>|<varyantfiyat>/);
  const rows = new XMLParser({ parseTagValue: false }).parse(xml).products.product;
  assert.deepEqual(
    rows.map((r: { varyantbarkod: string; varyantstok: string }) => [r.varyantbarkod, r.varyantstok]),
    [["A", "3"], ["B", "7"]],
    "one without a valid price is still held back",
  );
});
