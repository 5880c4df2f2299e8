/**
 * Every SQL statement the agent sends to Nebim's database, and the tables and columns they use (checked
 * against the live INFORMATION_SCHEMA by `verifySchema`, and linted in tests against a schema snapshot).
 *
 * The tables and columns these statements use are listed next to them, in used_columns.ts.
 *
 * Rules: SELECT only; every table read `WITH (NOLOCK)` (sync reads accept dirty reads, never block the
 * POS); every value a bound parameter; every statement starts with `/* nebim:<name> *\/` so the simulator
 * and the SQL Server's own traces can tell them apart. IN-lists are `@i0..@iN` parameters rather than
 * OPENJSON/STRING_SPLIT/TVPs, because Nebim databases may run at old compatibility levels; SQL Server takes
 * at most 2100 parameters, so item codes go in batches of {@link ITEM_BATCH}. A full cycle, which reads every
 * item in key order, selects each batch as a key range instead ({@link ItemSelection}).
 * @module
 */

export type NebimParamType = "nvarchar" | "int" | "tinyint" | "datetime" | "date";

export interface NebimParam {
  /** Without '@'. */
  name: string;
  type: NebimParamType;
  value: string | number | Date;
}

/** One statement with its bound parameters. */
export interface NebimStatement {
  name: string;
  sql: string;
  params: NebimParam[];
}

/** Item codes per batch query: well under SQL Server's 2100-parameter cap with the warehouse list added. */
export const ITEM_BATCH = 500;
const MAX_PARAMS = 2100;
/**
 * IN-lists are padded (by repeating the last code) to one of these lengths, so SQL Server caches a few
 * plans instead of one per batch size. Repeated values in an IN-list change nothing.
 */
const PAD_SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256, ITEM_BATCH];

const WINDOW = (a: string) => `${a}.LastUpdatedDate >= @since AND ${a}.LastUpdatedDate < @until`;
const VARIANT_COLUMNS = (a: string) =>
  `${a}.ItemCode, ${a}.ColorCode, ${a}.ItemDim1Code, ${a}.ItemDim2Code, ${a}.ItemDim3Code`;

function list(prefix: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `@${prefix}${i}`).join(", ");
}

function listParams(prefix: string, values: readonly string[]): NebimParam[] {
  return values.map((value, i) => ({ name: `${prefix}${i}`, type: "nvarchar", value }));
}

function padded(codes: readonly string[]): string[] {
  if (codes.length === 0) throw new RangeError("An item-code batch must not be empty");
  if (codes.length > ITEM_BATCH) throw new RangeError(`An item-code batch holds at most ${ITEM_BATCH} codes`);
  const size = PAD_SIZES.find((s) => s >= codes.length)!;
  const out = [...codes];
  while (out.length < size) out.push(codes[codes.length - 1]!);
  return out;
}

/**
 * The items a batch query reads: listed codes (at most {@link ITEM_BATCH}, sent as `@i0..@iN`), or a run:
 * every item code from `first` to `last` in the server's order — consecutive codes of one
 * {@link itemCodesPageQuery} page — sent as two parameters and read by a seek on cdItem's key range instead
 * of a 500-value IN-list (the parameters alone were a tenth of the agent's work in a full sync).
 */
export type ItemSelection = readonly string[] | ItemRun;

export interface ItemRun {
  first: string;
  last: string;
}

function isRun(items: ItemSelection): items is ItemRun {
  return !Array.isArray(items);
}

/** `column` restricted to the selection, and the parameters that takes. */
function itemFilter(column: string, items: ItemSelection): { sql: string; params: NebimParam[] } {
  if (isRun(items)) {
    return {
      sql: `${column} >= @itemFirst AND ${column} <= @itemLast`,
      params: [
        { name: "itemFirst", type: "nvarchar", value: items.first },
        { name: "itemLast", type: "nvarchar", value: items.last },
      ],
    };
  }
  const codes = padded(items);
  return { sql: `${column} IN (${list("i", codes.length)})`, params: listParams("i", codes) };
}

function statement(name: string, body: string, params: NebimParam[]): NebimStatement {
  if (params.length > MAX_PARAMS) {
    throw new RangeError(`${name}: ${params.length} parameters exceed ${MAX_PARAMS}`);
  }
  return { name, sql: `/* nebim:${name} */\n${body.trim()}`, params };
}

function warehouseParams(warehouses: readonly string[]): NebimParam[] {
  if (warehouses.length === 0) throw new RangeError("The warehouse list must not be empty");
  return listParams("w", warehouses);
}

function dateOnly(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** SQL Server's clock (the sync's signpost), in the server's own wall-clock time. */
export function serverTimeQuery(): NebimStatement {
  return statement("serverTime", "SELECT GETDATE() AS ServerTime", []);
}

/** One page of item codes after `after` (keyset paging, for full reconciliation). */
export function itemCodesPageQuery(after: string, take: number): NebimStatement {
  return statement(
    "itemCodesPage",
    `
SELECT TOP (@take) i.ItemCode
FROM cdItem i WITH (NOLOCK)
WHERE i.ItemTypeCode = 1 AND i.ItemCode > @after
ORDER BY i.ItemCode`,
    [{ name: "take", type: "int", value: take }, { name: "after", type: "nvarchar", value: after }],
  );
}

export interface ChangedItemsInput {
  since: Date;
  until: Date;
  langCode: string;
  barcodeTypeCode: string;
  /** Stock changes are asked for only in these warehouses; none leaves stock out of the query. */
  warehouses: readonly string[];
  /** Whether reservation changes count (they do when reservations are subtracted). */
  reservations: boolean;
  priceSource: { kind: "basePrice"; basePriceCode: number; countryCode: string } | {
    kind: "priceList";
    priceGroupCode: string;
  };
}

/**
 * Item codes with any change in [since, until) in a table that feeds a product (research/nebim.md §5.10:
 * a new barcode or price line does not touch cdItem, so every table is asked). Whole items are re-read,
 * because a product groups a variant's siblings. A price list whose ValidDate falls in the window counts
 * as a change although no row changed: its prices take effect on that day.
 * Deleted rows leave no trace here; the scheduled full reconciliation repairs those.
 */
export function changedItemsQuery(input: ChangedItemsInput): NebimStatement {
  const ws = list("w", input.warehouses.length);
  const price = input.priceSource.kind === "basePrice"
    ? `
SELECT p.ItemCode FROM prItemBasePrice p WITH (NOLOCK)
WHERE p.ItemTypeCode = 1 AND p.BasePriceCode = @basePriceCode AND p.CountryCode = @countryCode
  AND ${WINDOW("p")}`
    : `
SELECT l.ItemCode FROM trPriceListLine l WITH (NOLOCK)
JOIN trPriceListHeader h WITH (NOLOCK) ON h.PriceListHeaderID = l.PriceListHeaderID
WHERE l.ItemTypeCode = 1 AND h.PriceGroupCode = @priceGroupCode
  AND ((${WINDOW("l")}) OR (${WINDOW("h")}) OR (h.ValidDate > @sinceDate AND h.ValidDate <= @untilDate))`;
  const body = `
SELECT i.ItemCode FROM cdItem i WITH (NOLOCK)
WHERE i.ItemTypeCode = 1 AND ${WINDOW("i")}
UNION
SELECT d.ItemCode FROM cdItemDesc d WITH (NOLOCK)
WHERE d.ItemTypeCode = 1 AND d.LangCode = @langCode AND ${WINDOW("d")}
UNION
SELECT v.ItemCode FROM prItemVariant v WITH (NOLOCK)
WHERE v.ItemTypeCode = 1 AND ${WINDOW("v")}
UNION
SELECT v.ItemCode FROM prItemVariant v WITH (NOLOCK)
JOIN cdColorDesc c WITH (NOLOCK) ON c.ColorCode = v.ColorCode
WHERE v.ItemTypeCode = 1 AND c.LangCode = @langCode AND ${WINDOW("c")}
UNION
SELECT b.ItemCode FROM prItemBarcode b WITH (NOLOCK)
WHERE b.ItemTypeCode = 1 AND b.BarcodeTypeCode = @barcodeTypeCode AND ${WINDOW("b")}
UNION${price}${
    input.warehouses.length === 0 ? "" : `
UNION
SELECT s.ItemCode FROM trStock s WITH (NOLOCK)
WHERE s.ItemTypeCode = 1 AND s.WarehouseCode IN (${ws}) AND ${WINDOW("s")}`
  }${
    input.warehouses.length === 0 || !input.reservations ? "" : `
UNION
SELECT l.ItemCode FROM trReserveLine l WITH (NOLOCK)
JOIN trReserveHeader h WITH (NOLOCK) ON h.ReserveHeaderID = l.ReserveHeaderID
WHERE l.ItemTypeCode = 1 AND h.WarehouseCode IN (${ws}) AND ((${WINDOW("l")}) OR (${WINDOW("h")}))`
  }`;
  const params: NebimParam[] = [
    { name: "since", type: "datetime", value: input.since },
    { name: "until", type: "datetime", value: input.until },
    { name: "langCode", type: "nvarchar", value: input.langCode },
    { name: "barcodeTypeCode", type: "nvarchar", value: input.barcodeTypeCode },
    ...listParams("w", input.warehouses),
  ];
  if (input.priceSource.kind === "basePrice") {
    params.push(
      { name: "basePriceCode", type: "tinyint", value: input.priceSource.basePriceCode },
      { name: "countryCode", type: "nvarchar", value: input.priceSource.countryCode },
    );
  } else {
    params.push(
      { name: "priceGroupCode", type: "nvarchar", value: input.priceSource.priceGroupCode },
      { name: "sinceDate", type: "date", value: dateOnly(input.since) },
      { name: "untilDate", type: "date", value: dateOnly(input.until) },
    );
  }
  return statement("changedItems", body, params);
}

/**
 * Every variant of the items (ItemTypeCode 1) with names and flags. An item without prItemVariant rows
 * and without dimensions (ItemDimTypeCode 0) is one variant with empty codes (its v.* columns are NULL).
 */
export function variantsQuery(items: ItemSelection, langCode: string): NebimStatement {
  const f = itemFilter("i.ItemCode", items);
  return statement(
    "variants",
    `
SELECT i.ItemCode, v.ColorCode, v.ItemDim1Code, v.ItemDim2Code, v.ItemDim3Code,
  d.ItemDescription, c.ColorDescription,
  i.IsBlocked AS ItemIsBlocked, i.UseInternet AS ItemUseInternet,
  v.IsBlocked AS VariantIsBlocked, v.UseInternet AS VariantUseInternet,
  i.ItemTaxGrCode
FROM cdItem i WITH (NOLOCK)
LEFT JOIN prItemVariant v WITH (NOLOCK) ON v.ItemTypeCode = i.ItemTypeCode AND v.ItemCode = i.ItemCode
LEFT JOIN cdItemDesc d WITH (NOLOCK)
  ON d.ItemTypeCode = i.ItemTypeCode AND d.ItemCode = i.ItemCode AND d.LangCode = @langCode
LEFT JOIN cdColorDesc c WITH (NOLOCK) ON c.ColorCode = v.ColorCode AND c.LangCode = @langCode
WHERE i.ItemTypeCode = 1 AND ${f.sql}
  AND (v.ItemCode IS NOT NULL OR i.ItemDimTypeCode = 0)`,
    [{ name: "langCode", type: "nvarchar", value: langCode }, ...f.params],
  );
}

/** Barcodes of one type for the items' variants, in barcode order. */
export function barcodesQuery(items: ItemSelection, barcodeTypeCode: string): NebimStatement {
  const f = itemFilter("b.ItemCode", items);
  return statement(
    "barcodes",
    `
SELECT ${VARIANT_COLUMNS("b")}, b.Barcode
FROM prItemBarcode b WITH (NOLOCK)
WHERE b.ItemTypeCode = 1 AND b.BarcodeTypeCode = @barcodeTypeCode AND ${f.sql}
ORDER BY b.Barcode`,
    [{ name: "barcodeTypeCode", type: "nvarchar", value: barcodeTypeCode }, ...f.params],
  );
}

/**
 * Barcodes of one type carried by more than one variant: as stock codes they would be ambiguous, so a
 * full cycle holds every variant that has one (they may sit in different item batches).
 */
export function sharedBarcodesQuery(barcodeTypeCode: string): NebimStatement {
  return statement(
    "sharedBarcodes",
    `
SELECT b.Barcode
FROM prItemBarcode b WITH (NOLOCK)
WHERE b.ItemTypeCode = 1 AND b.BarcodeTypeCode = @barcodeTypeCode
GROUP BY b.Barcode
HAVING COUNT(*) > 1`,
    [{ name: "barcodeTypeCode", type: "nvarchar", value: barcodeTypeCode }],
  );
}

/** On-hand per variant: the stock ledger summed over the warehouses (research/nebim.md §5.9). */
export function onHandQuery(items: ItemSelection, warehouses: readonly string[]): NebimStatement {
  const f = itemFilter("s.ItemCode", items);
  return statement(
    "onHand",
    `
SELECT ${VARIANT_COLUMNS("s")}, SUM(s.In_Qty1 - s.Out_Qty1) AS OnHand
FROM trStock s WITH (NOLOCK)
WHERE s.ItemTypeCode = 1 AND ${f.sql}
  AND s.WarehouseCode IN (${list("w", warehouses.length)})
GROUP BY ${VARIANT_COLUMNS("s")}`,
    [...f.params, ...warehouseParams(warehouses)],
  );
}

/** Open reservation quantity per variant (stReserve, Nebim's open state) in the warehouses. */
export function reservedQuery(items: ItemSelection, warehouses: readonly string[]): NebimStatement {
  const f = itemFilter("l.ItemCode", items);
  return statement(
    "reserved",
    `
SELECT ${VARIANT_COLUMNS("l")}, SUM(r.Qty1) AS Reserved
FROM stReserve r WITH (NOLOCK)
JOIN trReserveLine l WITH (NOLOCK) ON l.ReserveLineID = r.ReserveLineID
JOIN trReserveHeader h WITH (NOLOCK) ON h.ReserveHeaderID = l.ReserveHeaderID
WHERE l.ItemTypeCode = 1 AND ${f.sql}
  AND h.WarehouseCode IN (${list("w", warehouses.length)})
GROUP BY ${VARIANT_COLUMNS("l")}`,
    [...f.params, ...warehouseParams(warehouses)],
  );
}

/**
 * One base price per item (prices are per item, research/nebim.md §5.7) for the code and country. The
 * season-independent row (SeasonCode '') wins; without one, the latest PriceDate (then the highest
 * SeasonCode) — a seasonal price is better than none, and the newest season is the current one.
 */
export function basePricesQuery(
  items: ItemSelection,
  basePriceCode: number,
  countryCode: string,
): NebimStatement {
  const f = itemFilter("p.ItemCode", items);
  return statement(
    "basePrices",
    `
SELECT x.ItemCode, x.CurrencyCode, x.Price
FROM (
  SELECT p.ItemCode, p.CurrencyCode, p.Price,
    ROW_NUMBER() OVER (PARTITION BY p.ItemCode
      ORDER BY CASE WHEN p.SeasonCode = N'' THEN 0 ELSE 1 END, p.PriceDate DESC, p.SeasonCode DESC) AS RowNo
  FROM prItemBasePrice p WITH (NOLOCK)
  WHERE p.ItemTypeCode = 1 AND p.BasePriceCode = @basePriceCode AND p.CountryCode = @countryCode
    AND ${f.sql}
) x
WHERE x.RowNo = 1`,
    [
      { name: "basePriceCode", type: "tinyint", value: basePriceCode },
      { name: "countryCode", type: "nvarchar", value: countryCode },
      ...f.params,
    ],
  );
}

/**
 * The current price-list line per (item, colour, dimensions) for the price group: among lines not
 * disabled, of confirmed and completed headers valid on `asOf`, the latest ValidDate (then PriceListDate,
 * PriceListNumber, SortOrder). The reader picks, per variant, its own line before the colour-level and
 * the item-level line (empty codes).
 */
export function priceListPricesQuery(
  items: ItemSelection,
  priceGroupCode: string,
  asOf: Date,
): NebimStatement {
  const f = itemFilter("l.ItemCode", items);
  return statement(
    "priceListPrices",
    `
SELECT ${VARIANT_COLUMNS("x")}, x.Price, x.DocCurrencyCode, x.IsTaxIncluded
FROM (
  SELECT ${VARIANT_COLUMNS("l")}, l.Price, l.DocCurrencyCode, h.IsTaxIncluded,
    ROW_NUMBER() OVER (PARTITION BY ${VARIANT_COLUMNS("l")}
      ORDER BY h.ValidDate DESC, h.PriceListDate DESC, h.PriceListNumber DESC, l.SortOrder DESC) AS RowNo
  FROM trPriceListLine l WITH (NOLOCK)
  JOIN trPriceListHeader h WITH (NOLOCK) ON h.PriceListHeaderID = l.PriceListHeaderID
  WHERE l.ItemTypeCode = 1 AND ${f.sql}
    AND h.PriceGroupCode = @priceGroupCode AND h.IsConfirmed = 1 AND h.IsCompleted = 1
    AND l.IsDisabled = 0 AND h.ValidDate <= @asOfDate
) x
WHERE x.RowNo = 1`,
    [
      { name: "priceGroupCode", type: "nvarchar", value: priceGroupCode },
      { name: "asOfDate", type: "date", value: dateOnly(asOf) },
      ...f.params,
    ],
  );
}

/** Sell VAT rate per tax group for retail ('R') in the country: cdItemTaxGr → prItemTaxGrAtt → cdVat. */
export function vatRatesQuery(countryCode: string): NebimStatement {
  return statement(
    "vatRates",
    `
SELECT g.ItemTaxGrCode, v.VatRate
FROM cdItemTaxGr g WITH (NOLOCK)
JOIN prItemTaxGrAtt a WITH (NOLOCK) ON a.ItemTaxGrCode = g.ItemTaxGrCode
JOIN cdVat v WITH (NOLOCK) ON v.VatCode = a.SellVatCode
WHERE a.CountryCode = @countryCode AND a.ProcessCode = N'R'`,
    [{ name: "countryCode", type: "nvarchar", value: countryCode }],
  );
}

/** The columns of these tables (dbo), for the schema check. */
export function schemaColumnsQuery(tables: readonly string[]): NebimStatement {
  if (tables.length === 0) throw new RangeError("The table list must not be empty");
  return statement(
    "schemaColumns",
    `
SELECT c.TABLE_NAME, c.COLUMN_NAME
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA = N'dbo' AND c.TABLE_NAME IN (${list("t", tables.length)})`,
    listParams("t", tables),
  );
}
