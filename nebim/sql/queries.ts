/**
 * Every SQL statement the agent sends to Nebim's database, and the tables and columns they use (checked
 * against the live INFORMATION_SCHEMA by `verifySchema`, and linted in tests against a schema snapshot).
 *
 * This module is the one door to them: the two price sources' statements live in price_queries.ts, those of
 * stock committed to open orders in committed_queries.ts, those of the configured warehouses in
 * warehouse_queries.ts, those of the other codes the catalog settings name in code_queries.ts, and what
 * every statement is built from (parameters, IN-lists, the item selection) in statement.ts, both exported
 * from here. The tables and columns these statements use are listed next to them, in used_columns.ts.
 *
 * Rules: SELECT only; every table read `WITH (NOLOCK)` (sync reads accept dirty reads, never block the
 * POS); every value a bound parameter; every statement starts with `/* nebim:<name> *\/` so the simulator
 * and the SQL Server's own traces can tell them apart. IN-lists are `@i0..@iN` parameters rather than
 * OPENJSON/STRING_SPLIT/TVPs, because Nebim databases may run at old compatibility levels; SQL Server takes
 * at most 2100 parameters, so item codes go in batches of {@link MAX_LISTED_ITEMS}. A full cycle, which reads every
 * item in key order, selects each batch as a key range instead ({@link ItemSelection}).
 * @module
 */

import {
  itemFilter,
  type ItemSelection,
  list,
  listParams,
  momentParams,
  type NebimParam,
  type NebimStatement,
  statement,
  UNIT_BARCODE,
  validMoment,
  VARIANT_COLUMNS,
  warehouseParams,
} from "./statement.ts";

import { changedCommitments } from "./committed_queries.ts";
import { USED_COLUMNS, usedColumns } from "./used_columns.ts";

export { basePricesQuery, priceListPricesQuery } from "./price_queries.ts";
export { COMMITMENT_STAGES, reservedQuery } from "./committed_queries.ts";
export { warehouseCodesQuery, warehousesQuery } from "./warehouse_queries.ts";
export * from "./code_queries.ts";
export {
  type ItemRun,
  type ItemSelection,
  MAX_LISTED_ITEMS,
  type NebimParam,
  type NebimParamType,
  type NebimStatement,
} from "./statement.ts";

const WINDOW = (a: string) => `${a}.LastUpdatedDate >= @since AND ${a}.LastUpdatedDate < @until`;

/** SQL Server's clock (the sync's signpost), in the server's own wall-clock time. */
export function serverTimeQuery(): NebimStatement {
  return statement("serverTime", "SELECT GETDATE() AS ServerTime", []);
}

/**
 * When SQL Server made the database, which a RESTORE makes anew (sys.databases.create_date; any login sees its
 * own database's row): a restore brings the rows back with their old LastUpdatedDate, before every window.
 */
export function databaseCreatedQuery(): NebimStatement {
  return statement(
    "databaseCreated",
    "SELECT d.create_date AS CreatedAt FROM sys.databases d WITH (NOLOCK) WHERE d.database_id = DB_ID()",
    [],
  );
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
  /** Of the base prices and of the tax groups' VAT. */
  countryCode: string;
  /** Stock changes are asked for only in these warehouses; none leaves stock out of the query. */
  warehouses: readonly string[];
  /** Whether changes of committed stock count (they do when it is subtracted: committed_queries.ts). */
  reservations: boolean;
  priceSource: { kind: "basePrice"; basePriceCode: number } | {
    kind: "priceList";
    priceGroupCode: string;
  };
}

/**
 * Item codes with any change in [since, until) in a table that feeds a product (research/nebim.md §5.10:
 * a new barcode or price line does not touch cdItem, so every table is asked). Whole items are re-read,
 * because a product groups a variant's siblings. A price-list line whose start (the later of its header's
 * ValidDate + ValidTime and its own, as priceListPricesQuery applies it) falls in (since, until] counts as a
 * change although no row changed: its price takes effect then. A tax group pointed at another
 * VAT code, or a VAT code's rate changed, changes every item of the group (a VAT-exclusive cost's price).
 * A tax group re-pointed at a VAT code cdVat lacks counts too (LEFT JOIN): its items' VAT is now unknown.
 * A barcode counts whatever its type: one re-typed away from the configured type leaves its variant.
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
  AND ((${WINDOW("l")}) OR (${WINDOW("h")})
    OR ((${validMoment("h", ">", "since")} OR ${validMoment("l", ">", "since")})
      AND ${validMoment("h", "<=", "until")} AND ${validMoment("l", "<=", "until")}))`;
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
WHERE b.ItemTypeCode = 1 AND ${WINDOW("b")}
UNION
SELECT i.ItemCode FROM cdItem i WITH (NOLOCK)
JOIN prItemTaxGrAtt a WITH (NOLOCK) ON a.ItemTaxGrCode = i.ItemTaxGrCode
LEFT JOIN cdVat t WITH (NOLOCK) ON t.VatCode = a.SellVatCode
WHERE i.ItemTypeCode = 1 AND a.CountryCode = @countryCode AND a.ProcessCode = N'R'
  AND ((${WINDOW("a")}) OR (${WINDOW("t")}))
UNION${price}${
    input.warehouses.length === 0 ? "" : `
UNION
SELECT s.ItemCode FROM trStock s WITH (NOLOCK)
WHERE s.ItemTypeCode = 1 AND s.WarehouseCode IN (${ws}) AND ${WINDOW("s")}`
  }${input.warehouses.length === 0 || !input.reservations ? "" : changedCommitments(ws, WINDOW)}`;
  const params: NebimParam[] = [
    { name: "since", type: "datetime", value: input.since },
    { name: "until", type: "datetime", value: input.until },
    { name: "langCode", type: "nvarchar", value: input.langCode },
    { name: "countryCode", type: "nvarchar", value: input.countryCode },
    ...listParams("w", input.warehouses),
  ];
  if (input.priceSource.kind === "basePrice") {
    params.push({ name: "basePriceCode", type: "tinyint", value: input.priceSource.basePriceCode });
  } else {
    params.push(
      { name: "priceGroupCode", type: "nvarchar", value: input.priceSource.priceGroupCode },
      ...momentParams("since", input.since),
      ...momentParams("until", input.until),
    );
  }
  return statement("changedItems", body, params);
}

/**
 * Every variant of the items (ItemTypeCode 1) with names and flags. An item without prItemVariant rows
 * and without dimensions (ItemDimTypeCode 0) is one variant with empty codes (its v.* columns are NULL).
 * In key order: SQL Server promises no order without ORDER BY (NOLOCK scans, parallel plans), and the order
 * read is the order that decides which of two products the store takes for one is claimed first, and the XML
 * feed's bytes (unchanged bytes keep its Last-Modified, and the importer's 304). Both PKs lead with it.
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
  AND (v.ItemCode IS NOT NULL OR i.ItemDimTypeCode = 0)
ORDER BY i.ItemCode, v.ColorCode, v.ItemDim1Code, v.ItemDim2Code, v.ItemDim3Code`,
    [{ name: "langCode", type: "nvarchar", value: langCode }, ...f.params],
  );
}

/** Unit barcodes of one type for the items' variants, in barcode order. */
export function barcodesQuery(items: ItemSelection, barcodeTypeCode: string): NebimStatement {
  const f = itemFilter("b.ItemCode", items);
  return statement(
    "barcodes",
    `
SELECT ${VARIANT_COLUMNS("b")}, b.Barcode
FROM prItemBarcode b WITH (NOLOCK)
WHERE b.ItemTypeCode = 1 AND b.BarcodeTypeCode = @barcodeTypeCode AND ${UNIT_BARCODE} AND ${f.sql}
ORDER BY b.Barcode`,
    [{ name: "barcodeTypeCode", type: "nvarchar", value: barcodeTypeCode }, ...f.params],
  );
}

/**
 * Unit barcodes of one type carried by more than one variant: as stock codes they would be ambiguous, so a
 * full cycle holds every variant that has one (they may sit in different item batches). Counted per variant,
 * not per row: prItemBarcode's key also has UnitOfMeasureCode, so one variant may carry a barcode twice (under
 * AD and a pack unit), which makes it no one else's.
 */
export function sharedBarcodesQuery(barcodeTypeCode: string): NebimStatement {
  return statement(
    "sharedBarcodes",
    `
SELECT x.Barcode
FROM (
  SELECT DISTINCT b.Barcode, ${VARIANT_COLUMNS("b")}
  FROM prItemBarcode b WITH (NOLOCK)
  WHERE b.ItemTypeCode = 1 AND b.BarcodeTypeCode = @barcodeTypeCode AND ${UNIT_BARCODE}
) x
GROUP BY x.Barcode
HAVING COUNT(*) > 1`,
    [{ name: "barcodeTypeCode", type: "nvarchar", value: barcodeTypeCode }],
  );
}

/** The columns a stock-code template's placeholders read (settings/validators.ts TEMPLATE_PLACEHOLDERS). */
const TEMPLATE_COLUMNS: Record<string, string> = {
  ItemCode: "i.ItemCode",
  ColorCode: "v.ColorCode",
  ItemDim1Code: "v.ItemDim1Code",
  ItemDim2Code: "v.ItemDim2Code",
  ItemDim3Code: "v.ItemDim3Code",
};

/** Characters stripped from a template stock code's start (sync/stock_code.ts stockCodeOf), as a PATINDEX pattern. */
const NOT_LEADING = "%[^._/-]%";

/**
 * The variant keys of the product variants whose stock code under `template` more than one item makes: no
 * batch may take such a code, and the items may sit in different batches. The code is built in SQL as
 * sync/stock_code.ts stockCodeOf builds it: a placeholder's value with the character before it when not empty,
 * the text between kept, the separators at the start dropped (a code of separators only, no code anyway, stays
 * whole). One statement per cycle: SQL Server groups, only the few rows of such codes come back. Grouped by
 * Nebim's collation (case-blind), so the caller compares the codes again, exactly. The template's text goes in
 * as parameters (`@t<n>`, a placeholder's separator `@s<n>`).
 */
export function templateCodesQuery(template: string): NebimStatement {
  const params: NebimParam[] = [{ name: "lead", type: "nvarchar", value: NOT_LEADING }];
  const terms: string[] = [];
  const text = (value: string) => {
    if (value === "") return;
    const name = `t${params.length}`;
    params.push({ name, type: "nvarchar", value });
    terms.push(`@${name}`);
  };
  let last = 0;
  for (const m of template.matchAll(/([^{}]?)\{(\w+)\}/g)) {
    text(template.slice(last, m.index));
    last = m.index + m[0].length;
    const column = TEMPLATE_COLUMNS[m[2]!];
    if (column === undefined) continue; // not a placeholder the settings allow: empty, as stockCodeOf has it
    let sep = "";
    if (m[1]) {
      sep = `@s${params.length} + `;
      params.push({ name: `s${params.length}`, type: "nvarchar", value: m[1] });
    }
    terms.push(`CASE WHEN DATALENGTH(${column}) > 0 THEN ${sep}${column} ELSE N'' END`);
  }
  text(template.slice(last));
  const raw = terms.length ? terms.join("\n    + ") : "N''";
  return statement(
    "templateCodes",
    `
WITH c AS (
  SELECT ${VARIANT_COLUMNS("x")}, SUBSTRING(x.Raw, PATINDEX(@lead, x.Raw), 4000) AS StockCode
  FROM (
    SELECT i.ItemCode, v.ColorCode, v.ItemDim1Code, v.ItemDim2Code, v.ItemDim3Code,
      ${raw} AS Raw
    FROM cdItem i WITH (NOLOCK)
    LEFT JOIN prItemVariant v WITH (NOLOCK) ON v.ItemTypeCode = i.ItemTypeCode AND v.ItemCode = i.ItemCode
    WHERE i.ItemTypeCode = 1 AND (v.ItemCode IS NOT NULL OR i.ItemDimTypeCode = 0)
  ) x
)
SELECT DISTINCT ${VARIANT_COLUMNS("c")}
FROM c
JOIN (
  SELECT d.StockCode FROM c d GROUP BY d.StockCode HAVING COUNT(DISTINCT d.ItemCode) > 1
) s ON s.StockCode = c.StockCode`,
    params,
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

/** The columns of these tables (dbo) with their types, for the schema check. */
export function schemaColumnsQuery(tables: readonly string[]): NebimStatement {
  if (tables.length === 0) throw new RangeError("The table list must not be empty");
  return statement(
    "schemaColumns",
    `
SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLLATION_NAME,
  c.DATA_TYPE, c.CHARACTER_MAXIMUM_LENGTH, c.NUMERIC_PRECISION, c.NUMERIC_SCALE
FROM INFORMATION_SCHEMA.COLUMNS c
WHERE c.TABLE_SCHEMA = N'dbo' AND c.TABLE_NAME IN (${list("t", tables.length)})`,
    listParams("t", tables),
  );
}

/**
 * Zero rows from a table, or from columns of it: SQL Server resolves the names first (208 no such table,
 * 207 no such column), then checks the login's SELECT permission (229 on the table, 230 on a column). The
 * schema check probes a table or column INFORMATION_SCHEMA did not list (it hides a table the login has no
 * permission on), and the listed columns of each table (it lists a column under DENY). Only tables and
 * columns of the schema-check list (used_columns.ts) are named: they are not parameters, so they are checked.
 */
export function tableAccessQuery(table: string, columns: readonly string[] = []): NebimStatement {
  const read: Record<string, readonly string[]> = { ...usedColumns("basePrice"), ...USED_COLUMNS.priceList };
  const known = Object.hasOwn(read, table) ? read[table] : undefined;
  if (!known) throw new RangeError(`${table} is not a table the agent reads`);
  const unknown = columns.find((c) => !known.includes(c));
  if (unknown !== undefined) throw new RangeError(`${table}.${unknown} is not a column the agent reads`);
  const list = columns.length ? columns.map((c) => `a.${c}`).join(", ") : "1 AS Probe";
  return statement("tableAccess", `SELECT TOP (0) ${list} FROM ${table} a WITH (NOLOCK)`, []);
}
