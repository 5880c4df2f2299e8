/**
 * Every table and column the statements of queries.ts use, by price source: `verifySchema` checks these
 * against the live INFORMATION_SCHEMA, and the lint test proves the list covers every column the SQL
 * names (a column added to a query but not here fails it).
 * @module
 */

import { COMMITMENT_STAGES } from "./committed_queries.ts";

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
