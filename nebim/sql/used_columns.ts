/**
 * Every table and column the statements of queries.ts use, by price source: `verifySchema` checks these
 * against the live INFORMATION_SCHEMA, and the lint test proves the list covers every column the SQL
 * names (a column added to a query but not here fails it). Each column's kind says which SQL Server types the
 * agent can read it as ({@link READABLE_TYPES}): a Nebim version, a customisation or a view in a table's place
 * can keep a column's name and change its type.
 * @module
 */

import { COMMITMENT_STAGES } from "./committed_queries.ts";
import { codeKey } from "../code_key.ts";

const KEY = ["ItemTypeCode", "ItemCode", "ColorCode", "ItemDim1Code", "ItemDim2Code", "ItemDim3Code"];

/** The three stages' tables (committed_queries.ts): header, line, open state. */
function committedStock(): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const s of COMMITMENT_STAGES) {
    out[s.header] = [s.headerId, "WarehouseCode", "LastUpdatedDate"];
    out[s.line] = [s.lineId, s.headerId, "OrderLineID", "LastUpdatedDate"];
    out[s.state] = ["OrderLineID", s.lineId, "Qty1"];
  }
  return out;
}

export const USED_COLUMNS = {
  common: {
    cdItem: [
      "ItemTypeCode",
      "ItemCode",
      "ItemDimTypeCode",
      "ItemTaxGrCode",
      "UnitOfMeasureCode1",
      "UseInternet",
      "IsBlocked",
      "LastUpdatedDate",
    ],
    cdItemDesc: ["ItemTypeCode", "ItemCode", "LangCode", "ItemDescription", "LastUpdatedDate"],
    prItemVariant: [...KEY, "UseInternet", "IsBlocked", "LastUpdatedDate"],
    prItemBarcode: [...KEY, "Barcode", "BarcodeTypeCode", "Qty", "LastUpdatedDate"],
    cdColorDesc: ["ColorCode", "LangCode", "ColorDescription", "LastUpdatedDate"],
    trStock: [...KEY, "WarehouseCode", "In_Qty1", "Out_Qty1", "LastUpdatedDate"],
    trOrderLine: ["OrderLineID", ...KEY, "LastUpdatedDate"],
    ...committedStock(),
    cdItemTaxGr: ["ItemTaxGrCode"],
    prItemTaxGrAtt: ["ItemTaxGrCode", "CountryCode", "ProcessCode", "SellVatCode", "LastUpdatedDate"],
    cdVat: ["VatCode", "VatRate", "LastUpdatedDate"],
    // catalog.warehouses is checked against it before stock is read (warehouse_check.ts).
    cdWarehouse: ["WarehouseCode"],
  },
  basePrice: {
    prItemBasePrice: [
      "ItemTypeCode",
      "ItemCode",
      "CountryCode",
      "SeasonCode",
      "BasePriceCode",
      "PriceDate",
      "CurrencyCode",
      "Price",
      "LastUpdatedDate",
    ],
  },
  priceList: {
    trPriceListHeader: [
      "PriceListHeaderID",
      "PriceListNumber",
      "PriceListDate",
      "PriceGroupCode",
      "ValidDate",
      "ValidTime",
      "DocCurrencyCode",
      "IsTaxIncluded",
      "IsCompleted",
      "IsConfirmed",
      "LastUpdatedDate",
    ],
    trPriceListLine: [
      "PriceListHeaderID",
      "SortOrder",
      ...KEY,
      "UnitOfMeasureCode",
      "DocCurrencyCode",
      "Price",
      "IsDisabled",
      "DisableDate",
      "ValidDate",
      "ValidTime",
      "LastUpdatedDate",
    ],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

/** The tables and columns needed with this price source. */
export function usedColumns(priceSource: "basePrice" | "priceList"): Record<string, readonly string[]> {
  return { ...USED_COLUMNS.common, ...USED_COLUMNS[priceSource] };
}

type ColumnKind =
  | "code"
  | "name"
  | "flag"
  | "whole"
  | "money"
  | "number"
  | "day"
  | "validDate"
  | "time"
  | "moment"
  | "id";

/** Each used column's kind, by name: a name means the same in every Nebim table the agent reads. */
const KINDS: Record<ColumnKind, readonly string[]> = {
  code: [
    ...KEY.slice(1),
    ...["ItemTaxGrCode", "UnitOfMeasureCode1", "UnitOfMeasureCode", "LangCode", "Barcode", "BarcodeTypeCode"],
    ...["WarehouseCode", "CountryCode", "ProcessCode", "SellVatCode", "VatCode", "SeasonCode"],
    ...["CurrencyCode", "DocCurrencyCode", "PriceGroupCode", "PriceListNumber"],
  ],
  name: ["ItemDescription", "ColorDescription"],
  flag: ["UseInternet", "IsBlocked", "IsTaxIncluded", "IsCompleted", "IsConfirmed", "IsDisabled"],
  whole: ["ItemTypeCode", "ItemDimTypeCode", "BasePriceCode", "SortOrder"],
  money: ["Price"],
  number: ["Qty", "In_Qty1", "Out_Qty1", "Qty1", "VatRate"],
  day: ["PriceDate", "PriceListDate", "DisableDate"],
  validDate: ["ValidDate"],
  time: ["ValidTime"],
  moment: ["LastUpdatedDate"],
  id: ["OrderLineID", "PriceListHeaderID", ...COMMITMENT_STAGES.flatMap((s) => [s.headerId, s.lineId])],
};

const TEXT = ["nvarchar", "varchar"];
const WHOLE = ["tinyint", "smallint", "int", "bigint"];
const EXACT = ["decimal", "numeric", "money", "smallmoney", ...WHOLE];
const PADDED =
  "fixed length: each code is read padded with spaces to the column's length, and so goes to the store";
const DATED_EARLY =
  "a change may be dated before the moment it was made, and a sync window that has passed that " +
  "moment misses it until the next full reconciliation";
const TIME_IN_DATE =
  "a time of day in it puts the line in force only from the next day (the agent takes the time " +
  "from ValidTime)";
const each = (types: string[], loss: string) => Object.fromEntries(types.map((t) => [t, loss]));

/**
 * The SQL Server types (INFORMATION_SCHEMA DATA_TYPE) each kind of column is read as, by the statements and
 * the mapping (map.ts, assemble.ts, costs.ts): `ok` exactly, `lossy` with what is lost (`check` warns). Any
 * other type fails `check`: it would fail a statement, or misread rows, only at sync time.
 */
export const READABLE_TYPES: Record<ColumnKind, { ok: readonly string[]; lossy?: Record<string, string> }> = {
  // Joined and compared as text: an int code loses leading zeros and fails a join with a text one (245).
  code: { ok: TEXT, lossy: each(["nchar", "char"], PADDED) },
  name: { ok: [...TEXT, "nchar", "char", "ntext", "text"] },
  // flagOf: 1 is set, anything else is not.
  flag: { ok: ["bit"], lossy: each(WHOLE, "a value other than 0 and 1 is read as 0") },
  whole: { ok: WHOLE },
  // toKurus rounds the value's decimal text half-up to the kuruş: exact for the decimal types.
  money: {
    ok: EXACT,
    lossy: {
      float: "a binary fraction: a price stored as 10.005 may be 10.00499… and round to the kuruş below",
      real: "about 7 significant digits: a price above about 65,000 TL may be a kuruş off",
    },
  },
  // Summed and subtracted in SQL: text fails there (8117); any number is read.
  number: { ok: [...EXACT, "float", "real"] },
  day: { ok: ["date", "datetime", "datetime2", "smalldatetime"] },
  // Compared with the day of a moment, whose time of day ValidTime gives (statement.ts validMoment).
  validDate: { ok: ["date"], lossy: each(["datetime", "datetime2", "smalldatetime"], TIME_IN_DATE) },
  // Compared with a time parameter: a datetime is a type clash (402).
  time: { ok: ["time"] },
  // The sync windows [since, until) compare it with the server's clock, to the millisecond.
  moment: {
    ok: ["datetime", "datetime2"],
    lossy: { smalldatetime: `rounded to the minute: ${DATED_EARLY}`, date: `no time of day: ${DATED_EARLY}` },
  },
  // Only joined with each other: another type is a type clash with the rest (206).
  id: { ok: ["uniqueidentifier"] },
};

const KIND_OF = new Map(
  Object.entries(KINDS).flatMap(([kind, columns]) => columns.map((c) => [codeKey(c), kind as ColumnKind])),
);

/** The kind of a used column (undefined for one no kind lists: the unit test proves there is none). */
function columnKind(column: string): ColumnKind | undefined {
  return KIND_OF.get(codeKey(column));
}

/**
 * How the agent reads a used column of this DATA_TYPE: `ok`, with a loss (its text), or `unreadable`.
 */
export function typeReading(column: string, dataType: string): "ok" | "unreadable" | { loss: string } {
  const kind = columnKind(column);
  if (!kind) return "ok";
  const readable = READABLE_TYPES[kind];
  const type = dataType.toLowerCase();
  if (readable.ok.includes(type)) return "ok";
  const loss = readable.lossy && Object.hasOwn(readable.lossy, type) ? readable.lossy[type] : undefined;
  return loss === undefined ? "unreadable" : { loss };
}

/** The types the agent reads a used column as, exactly ones first. */
export function readableTypes(column: string): string[] {
  const kind = columnKind(column);
  return kind ? [...READABLE_TYPES[kind].ok, ...Object.keys(READABLE_TYPES[kind].lossy ?? {})] : [];
}
