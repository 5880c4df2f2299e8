import assert from "node:assert/strict";
import { XMLParser } from "fast-xml-parser";
import fc from "fast-check";
import { type FeedOptions, feedRows, inFeed, productTags, renderFeed, ROW_END } from "../../feed/xml.ts";
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

// The rows as feedRows wrote them before it built them tag by tag, kept to prove the output unchanged.
const OLD_NOT_XML =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const oldCdata = (value: string | number) =>
  `<![CDATA[${String(value).replace(OLD_NOT_XML, "").replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
function oldRows(variants: DesiredVariant[], options: FeedOptions): string {
  return variants.filter((x) => inFeed(x, options)).map((x) => {
    const { name, price, kdv } = productTags(x, options);
    const tags: [string, string | number | undefined][] = [
      ["sku", x.productCode],
      ["name", name],
      ["quantity", x.quantity],
      ["price", price],
      ["kdv", kdv],
      ["kat1", options.category],
      ["varyantbarkod", x.barcode],
      ["varyantstok", x.quantity],
      ["varyantfiyat", price],
    ];
    const { name1, value1, name2, value2 } = x.variantValues;
    if (name1 && value1) tags.push(["varyantbaslik1", name1], ["varyantdeger1", value1]);
    if (name2 && value2) tags.push(["varyantbaslik2", name2], ["varyantdeger2", value2]);
    tags.push(["stokkodu", x.stockCode]);
    return `<product>${
      tags.map(([t, val]) => val === undefined ? "" : `<${t}>${oldCdata(val)}</${t}>`).join("")
    }${ROW_END}`;
  }).join("");
}

Deno.test("feedRows() writes what it wrote before, for any text (control characters, lone surrogates, ]]>)", () => {
  // Text drawn from the characters that need mending among ordinary ones.
  const text = fc.array(
    fc.oneof(
      fc.constantFrom(
        "a",
        "Ş",
        "ı",
        "]",
        ">",
        "]]>",
        "\u0000",
        "\u0007",
        "\t",
        "\u001F",
        "\uFFFE",
        "\uD83D",
        "\uDE00",
      ),
      fc.constantFrom("\uD83D\uDE00", "Keten Gömlek", " "),
    ),
    { maxLength: 8 },
  ).map((parts) => parts.join(""));
  const variant = fc.record({
    stockCode: text,
    productCode: text,
    name: fc.option(text, { nil: null }),
    barcode: text,
    quantity: fc.integer({ min: -5, max: 1000 }),
    price: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
    vatRate: fc.option(fc.constantFrom(0, 1, 10, 20), { nil: null }),
    name1: fc.option(text, { nil: undefined }),
    value1: fc.option(text, { nil: undefined }),
  }).map((r) =>
    v(r.stockCode, {
      productCode: r.productCode,
      name: r.name,
      barcode: r.barcode,
      quantity: r.quantity,
      price: r.price,
      marketplacePrice: r.price,
      vatRate: r.vatRate,
      variantValues: { name1: r.name1, value1: r.value1, name2: "Beden", value2: r.value1 },
    })
  );
  fc.assert(
    fc.property(
      fc.array(variant, { maxLength: 6 }),
      fc.boolean(),
      fc.constantFrom<FeedOptions["channel"]>("site", "marketplace"),
      text,
      (variants, prices, channel, category) => {
        const options: FeedOptions = { category, channel, prices };
        assert.equal(feedRows(variants, options), oldRows(variants, options));
      },
    ),
    { numRuns: 500 },
  );
});
