/**
 * The price-ruled catalogue as a Qukasoft XML import feed ("XML İçeri Aktar", a Kaynak with a Dosya Linki
 * and a Zamanlama; research/peers.md A.6), for stores that import on a schedule instead of API writes.
 * One <product> per variant; rows with the same product code (`sku`) are grouped as variants by Qukasoft.
 * Values are wrapped in CDATA as in Qukasoft's sample format. Pure.
 * @module
 */

import { formatKurus } from "../pricing/money.ts";
import { sameStoreCode } from "../qukasoft/code_key.ts";
import type { DesiredVariant } from "../sync/desired.ts";

export interface FeedOptions {
  /** Qukasoft rejects an empty kat1 ("Kategori bulunamadı"): every row carries this category. */
  category: string;
  /** Which price goes in <price>/<varyantfiyat>: the site or the marketplace price. */
  channel: "site" | "marketplace";
  /**
   * False under *Fiyat Güncellemeyi Kapat*: no price tags at all, so a scheduled import cannot carry Nebim's
   * price changes into the store (a product the feed brings in new then has no price until one is set).
   */
  prices?: boolean;
}

/** Characters XML 1.0 allows nowhere, not even in CDATA (a control character pasted into a Nebim name). */
const NOT_XML =
  // deno-lint-ignore no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A value {@link element} must mend: a character {@link NOT_XML} may match (any surrogate, to be sure), or "]]>". */
// deno-lint-ignore no-control-regex
const MENDED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]|\]\]>/;

/**
 * An element with its value in CDATA, or nothing for a value not given. A character XML forbids would make
 * the whole feed unreadable: dropped. "]]>" cannot stand inside CDATA: split across two sections. Nearly every
 * value needs neither: one test, then the element as one string (the feed writes ~12 a variant).
 */
function element(name: string, value: string | number | undefined): string {
  if (value === undefined) return "";
  const text = typeof value === "number" || !MENDED.test(value)
    ? value
    : value.replace(NOT_XML, "").replaceAll("]]>", "]]]]><![CDATA[>");
  return `<${name}><![CDATA[${text}]]></${name}>`;
}

/** How every row ends (read back, rows are split on {@link ROW_SPLIT}, which holds it). */
export const ROW_END = "</product>\n";

/** The feed's first lines; {@link feedRows} follow, then {@link FEED_TAIL}. */
export const FEED_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<products>\n';
export const FEED_TAIL = "</products>\n";

/** The whole feed at once (the agent writes it batch by batch: FEED_HEAD, feedRows per batch, FEED_TAIL). */
export function renderFeed(variants: Iterable<DesiredVariant>, options: FeedOptions): string {
  return FEED_HEAD + feedRows(variants, options) + FEED_TAIL;
}

/** The price the feed carries for `v` (by channel), or null. */
function feedPrice(v: DesiredVariant, options: FeedOptions): number | null {
  return options.channel === "site" ? v.price : v.marketplacePrice;
}

/**
 * Whether `v` gets a line: not without a name, a price or a VAT rate (nothing wrong reaches the store; the
 * sync holds such a variant back too, prices on or off).
 */
export function inFeed(v: DesiredVariant, options: FeedOptions): boolean {
  return v.name !== null && feedPrice(v, options) !== null && v.vatRate !== null;
}

/**
 * The tags of a row that are its product's, not its variant's: Qukasoft takes rows of one `sku` as one
 * product, so a row copied from an old build ({@link goneRow}) takes them from a row of the product written
 * now. `price` undefined: prices are off (no tag).
 */
export interface ProductTags {
  name: string;
  price: string | undefined;
  kdv: number;
}

/** `v`'s {@link ProductTags}, for a variant {@link inFeed} takes. */
export function productTags(v: DesiredVariant, options: FeedOptions): ProductTags {
  const price = (options.prices ?? true) ? formatKurus(feedPrice(v, options)!) : undefined;
  return { name: v.name!, price, kdv: v.vatRate! };
}

/**
 * What of a held variant's {@link ProductTags} is good (its name, VAT rate, price; none with prices off), and
 * the product Nebim groups it under now: the API path still pushes these for a code it pushed before, so its
 * copied row ({@link goneRow}) takes them.
 */
export interface GoodTags extends Partial<ProductTags> {
  productCode?: string;
}

export function goodTags(v: DesiredVariant, options: FeedOptions): GoodTags {
  const price = feedPrice(v, options);
  return {
    productCode: v.productCode,
    name: v.name ?? undefined,
    kdv: v.vatRate ?? undefined,
    price: (options.prices ?? true) && price !== null ? formatKurus(price) : undefined,
  };
}

/**
 * One line per variant {@link inFeed} takes. A not-sellable one given (the caller leaves out those the feed
 * never listed) has stock 0, as the API path zeroes one it pushed before.
 */
export function feedRows(variants: Iterable<DesiredVariant>, options: FeedOptions): string {
  // Written straight into one string, tag by tag: a feed of 100,000 variants made an array per tag and per
  // row, and a joined string per row, ~4 KB of garbage a variant.
  const kat1 = element("kat1", options.category);
  let out = "";
  for (const v of variants) {
    if (!inFeed(v, options)) continue;
    const { name, price, kdv } = productTags(v, options);
    out += "<product>" + element("sku", v.productCode) + element("name", name) +
      element("quantity", v.quantity) + element("price", price) + element("kdv", kdv) + kat1 +
      element("varyantbarkod", v.barcode) + element("varyantstok", v.quantity) +
      element("varyantfiyat", price);
    const { name1, value1, name2, value2 } = v.variantValues;
    if (name1 && value1) out += element("varyantbaslik1", name1) + element("varyantdeger1", value1);
    if (name2 && value2) out += element("varyantbaslik2", name2) + element("varyantdeger2", value2);
    out += element("stokkodu", v.stockCode) + ROW_END;
  }
  return out;
}

// A value's own "]]>" is split across two sections (element()), so "]]></name>" only ever ends the name: what
// follows it is the row's real <quantity>, whatever text a name holds.
const QUANTITY = "]]></name><quantity><![CDATA[";
const CODE = "<stokkodu><![CDATA[";

/**
 * What a written feed's rows are split on when read back ({@link rowStock}): the last tag's end and the row's.
 * Not {@link ROW_END} alone, which a value may hold (CDATA escapes no markup); no value holds "]]>" (element()).
 */
export const ROW_SPLIT = `]]></stokkodu>${ROW_END}`;

/**
 * A row {@link feedRows} wrote, read back from the text before its {@link ROW_SPLIT}: its stock code and
 * quantity (agent/feed_served.ts reads the last served feed again after a restart). Undefined for text that
 * is not such a row.
 */
export function rowStock(row: string): { stockCode: string; quantity: number } | undefined {
  const q = row.indexOf(QUANTITY);
  const c = row.lastIndexOf(CODE); // the row's last tag
  if (q < 0 || c < 0) return undefined;
  const quantity = parseInt(row.slice(q + QUANTITY.length), 10);
  const stockCode = row.slice(c + CODE.length).replaceAll("]]]]><![CDATA[>", "]]>");
  return Number.isNaN(quantity) ? undefined : { stockCode, quantity };
}

/** The tags that carry a row's stock, and its price: what {@link goneRow} rewrites. */
const STOCK_TAGS = new Set(["quantity", "varyantstok"]);
const PRICE_TAGS = new Set(["price", "varyantfiyat"]);

/**
 * A served row (`<product>…</product>\n`, as {@link feedRows} wrote it) again, for a listed code Nebim no
 * longer has (or one leaving the sale, catalog.zeroStockForVanished off; or one held for a bad record): every
 * stock tag at `stock` (0, Nebim's stock of a held code, or as served), and what the feed's settings decide as
 * they are now, this category and no price tags when prices are off (an old price would overwrite the
 * merchant's). Its product's tags are those `productOf` gives for its `sku` (a row of the product this build
 * wrote: one product, one name, VAT and price, else an old row written last would undo a rename or a price
 * change), else `good`'s (a held code's own good tags, {@link goodTags}, which set its variant price too; its
 * product's only if Nebim still groups it under the served `sku`, as the API path renames or sets the VAT of
 * only the product the store keeps the variant in: sync/plan.ts); the rest (product code, barcode, variant
 * price), and a product Nebim no longer has, as the store last took it. Undefined for text that is not such a
 * row.
 */
export function goneRow(
  row: string,
  options: FeedOptions,
  productOf: (sku: string) => ProductTags | undefined = () => undefined,
  stock: number | "served" = 0,
  good: GoodTags = {},
): string | undefined {
  if (!row.startsWith("<product>") || !row.endsWith(ROW_END)) return undefined;
  const prices = options.prices ?? true;
  let product: ProductTags | undefined;
  let own: Partial<ProductTags> = good; // `good`'s product tags, for a row of the product Nebim groups it under
  // `price` is the product's (as far as the row's `sku` is read); `varyantfiyat` the code's own.
  const priceOf = (tag: string) => tag === "price" ? product?.price ?? own.price : good.price;
  let out = "<product>";
  let at = "<product>".length;
  const last = row.length - ROW_END.length;
  while (at < last) {
    const open = row.indexOf(">", at);
    if (row[at] !== "<" || open < 0) return undefined;
    const tag = row.slice(at + 1, open);
    // A value's own "]]>" is split (element()): "]]></" ends only a value.
    const end = row.indexOf(`]]></${tag}>`, open);
    if (end < 0) return undefined;
    const next = end + `]]></${tag}>`.length;
    const now = (value: string | number) => {
      out += element(tag, value);
    };
    if (tag === "sku") {
      const value = row.slice(open + 1 + "<![CDATA[".length, end).replaceAll("]]]]><![CDATA[>", "]]>");
      product = productOf(value);
      if (good.productCode !== undefined && !sameStoreCode(value, good.productCode)) own = {};
    }
    const name = product?.name ?? own.name, kdv = product?.kdv ?? own.kdv;
    const price = priceOf(tag);
    if (STOCK_TAGS.has(tag) && stock !== "served") now(stock);
    else if (tag === "kat1") now(options.category);
    else if (tag === "name" && name !== undefined) now(name);
    else if (tag === "kdv" && kdv !== undefined) now(kdv);
    else if (PRICE_TAGS.has(tag) && prices && price !== undefined) now(price);
    else if (!PRICE_TAGS.has(tag) || prices) out += row.slice(at, next);
    // A row served while prices were off has no price tags: with prices on now and a price known, each goes
    // where feedRows() puts it (after the stock tag it follows), else the store keeps the old price.
    const priceTag = tag === "quantity" ? "price" : tag === "varyantstok" ? "varyantfiyat" : undefined;
    const wanted = priceTag && priceOf(priceTag);
    if (priceTag && prices && wanted !== undefined && !row.startsWith(`<${priceTag}>`, next)) {
      out += element(priceTag, wanted);
    }
    at = next;
  }
  return at === last ? out + ROW_END : undefined;
}

/**
 * What the feed carries of one batch, as the API path would push it. A blocked or not-for-internet variant is
 * never created there, so the feed (whose import would create it) carries one only if it listed it before,
 * with stock 0. A listed code that two variants now share is zeroed there too: the feed carries it once, at
 * stock 0, under the product it was listed under (and not at all when neither variant is of that product).
 * `keepStock` (catalog.zeroStockForVanished off): the sellable ones only; the API path leaves the rest as the
 * store has them, so the feed copies their served rows (agent/feed_gone.ts).
 */
export function listedRows(
  variants: readonly DesiredVariant[],
  duplicates: readonly DesiredVariant[],
  listed: ReadonlyMap<string, string>,
  keepStock = false,
): DesiredVariant[] {
  const rows = variants.filter((v) => v.sellable || (!keepStock && listed.has(v.stockCode)));
  if (keepStock) return rows;
  const zeroed = new Set<string>();
  for (const d of duplicates) {
    if (listed.get(d.stockCode) !== d.productCode || zeroed.has(d.stockCode)) continue;
    zeroed.add(d.stockCode);
    rows.push({ ...d, quantity: 0, sellable: false });
  }
  return rows;
}
