/**
 * The statements that prove the other Nebim codes the catalog settings name — the base price code or price
 * group, the barcode type, the descriptions' language — by the rows the sync reads them from. A code no row
 * has is no error to SQL Server: the sync finds nothing and holds every item (no price, no stock code) or
 * names none. Each has a `…Used` statement (is it used?) and one listing the codes that are, for what a
 * typo was meant to be. Same rules as queries.ts.
 * @module
 */

import {
  momentParams,
  type NebimParam,
  type NebimStatement,
  statement,
  UNIT_BARCODE,
  validMoment,
} from "./statement.ts";
import { BASE_UNIT } from "./price_queries.ts";

/** Where one kind of code is used: the column, and the rows (FROM … WHERE …) the sync reads it in. */
interface CodeUse {
  column: string;
  rows: string;
  params: NebimParam[];
}

const basePrices = (countryCode: string): CodeUse => ({
  column: "p.BasePriceCode",
  rows: `FROM prItemBasePrice p WITH (NOLOCK)
WHERE p.ItemTypeCode = 1 AND p.CountryCode = @countryCode`,
  params: [{ name: "countryCode", type: "nvarchar", value: countryCode }],
});

/**
 * Lines in force as of `asOf` of confirmed, completed lists, not disabled, in the item's own unit: as
 * priceListPricesQuery reads them (a group of box prices only would hold every item all the same).
 */
const priceLists = (asOf: Date): CodeUse => ({
  column: "h.PriceGroupCode",
  rows: `FROM trPriceListHeader h WITH (NOLOCK)
JOIN trPriceListLine l WITH (NOLOCK) ON l.PriceListHeaderID = h.PriceListHeaderID
JOIN cdItem i WITH (NOLOCK) ON i.ItemTypeCode = l.ItemTypeCode AND i.ItemCode = l.ItemCode
WHERE l.ItemTypeCode = 1 AND ${BASE_UNIT} AND h.IsConfirmed = 1 AND h.IsCompleted = 1 AND l.IsDisabled = 0
  AND ${validMoment("h", "<=", "asOf")} AND ${validMoment("l", "<=", "asOf")}`,
  params: momentParams("asOf", asOf),
});

const barcodes: CodeUse = {
  column: "b.BarcodeTypeCode",
  rows: `FROM prItemBarcode b WITH (NOLOCK)
WHERE b.ItemTypeCode = 1 AND ${UNIT_BARCODE}`,
  params: [],
};

const descriptions: CodeUse = {
  column: "d.LangCode",
  rows: `FROM cdItemDesc d WITH (NOLOCK)
WHERE d.ItemTypeCode = 1`,
  params: [],
};

/**
 * One row (Code) when some row uses the code (compared by the server's collation), none when none does; a
 * number is a tinyint (BasePriceCode), text an nvarchar.
 */
function used(name: string, use: CodeUse, param: string, value: string | number): NebimStatement {
  const type = typeof value === "number" ? "tinyint" : "nvarchar";
  return statement(
    name,
    `
SELECT TOP (1) ${use.column} AS Code
${use.rows} AND ${use.column} = @${param}`,
    [...use.params, { name: param, type, value }],
  );
}

/** Up to `take` codes the rows use (Code), distinct, in code order. */
function codes(name: string, use: CodeUse, take: number): NebimStatement {
  return statement(
    name,
    `
SELECT DISTINCT TOP (@take) ${use.column} AS Code
${use.rows}
ORDER BY ${use.column}`,
    [...use.params, { name: "take", type: "int", value: take }],
  );
}

export function basePriceCodeUsedQuery(basePriceCode: number, countryCode: string): NebimStatement {
  return used("basePriceCodeUsed", basePrices(countryCode), "basePriceCode", basePriceCode);
}

export function basePriceCodesQuery(countryCode: string, take: number): NebimStatement {
  return codes("basePriceCodes", basePrices(countryCode), take);
}

export function priceGroupUsedQuery(priceGroupCode: string, asOf: Date): NebimStatement {
  return used("priceGroupUsed", priceLists(asOf), "priceGroupCode", priceGroupCode);
}

export function priceGroupsQuery(asOf: Date, take: number): NebimStatement {
  return codes("priceGroups", priceLists(asOf), take);
}

export function barcodeTypeUsedQuery(barcodeTypeCode: string): NebimStatement {
  return used("barcodeTypeUsed", barcodes, "barcodeTypeCode", barcodeTypeCode);
}

export function barcodeTypesQuery(take: number): NebimStatement {
  return codes("barcodeTypes", barcodes, take);
}

export function langCodeUsedQuery(langCode: string): NebimStatement {
  return used("langCodeUsed", descriptions, "langCode", langCode);
}

export function langCodesQuery(take: number): NebimStatement {
  return codes("langCodes", descriptions, take);
}
