/**
 * The Nebim V3 tables the agent reads and the Integrator simulator writes, with Nebim's own column names
 * and SQL Server types (research/nebim.md §4.8, §5). One description serves the TDS simulator
 * (INFORMATION_SCHEMA.COLUMNS and result-set metadata), the data-set loader (required columns, keys,
 * defaults) and the generator.
 * @module
 */

import {
  audit,
  code,
  commitmentStage,
  date,
  flag,
  guid,
  int,
  itemType,
  money,
  nvarchar,
  qty,
  type TableDef,
  time,
  VARIANT_KEY,
  variantKey,
} from "./column_defs.ts";

export const NEBIM_TABLES: readonly TableDef[] = [
  {
    name: "cdItem",
    key: ["ItemTypeCode", "ItemCode"],
    columns: [
      itemType,
      nvarchar("ItemCode", 30),
      int("ItemDimTypeCode", "tinyint", { default: 0 }),
      code("ProductTypeCode", 10),
      code("ItemTaxGrCode", 10),
      code("UnitOfMeasureCode1", 5),
      flag("UseInternet", true),
      flag("UsePOS", true),
      flag("IsBlocked"),
      flag("IsLocked"),
      flag("IsSalesOrderClosed"),
      ...audit,
    ],
  },
  {
    name: "cdItemDesc",
    key: ["ItemTypeCode", "ItemCode", "LangCode"],
    columns: [
      itemType,
      nvarchar("ItemCode", 30),
      nvarchar("LangCode", 5),
      // Longer than any store allows on purpose: the agent, not the loader, must catch an over-long name.
      nvarchar("ItemDescription", 500, { nullable: true, default: null }),
      ...audit,
    ],
  },
  {
    name: "prItemVariant",
    key: VARIANT_KEY,
    columns: [
      ...variantKey,
      flag("UseInternet", true),
      flag("IsBlocked"),
      flag("IsLocked"),
      flag("IsSalesOrderClosed"),
      ...audit,
    ],
  },
  {
    name: "prItemBarcode",
    // The barcode is not unique across variants in the data: a duplicate barcode is bad input the agent
    // must report, so the simulator must be able to hold one.
    key: ["Barcode", "BarcodeTypeCode", ...VARIANT_KEY, "UnitOfMeasureCode"],
    columns: [
      nvarchar("Barcode", 30),
      nvarchar("BarcodeTypeCode", 20),
      ...variantKey,
      code("UnitOfMeasureCode", 5),
      { name: "Qty", type: "float", nullable: false, default: 1 },
      ...audit,
    ],
  },
  {
    name: "cdColorDesc",
    key: ["ColorCode", "LangCode"],
    columns: [
      nvarchar("ColorCode", 10),
      nvarchar("LangCode", 5),
      nvarchar("ColorDescription", 200, { default: "" }),
      ...audit,
    ],
  },
  {
    name: "cdItemDim1Desc",
    key: ["ItemDim1Code", "LangCode"],
    columns: [
      nvarchar("ItemDim1Code", 10),
      nvarchar("LangCode", 5),
      nvarchar("ItemDim1Description", 200, { default: "" }),
      ...audit,
    ],
  },
  {
    name: "prItemBasePrice",
    key: ["ItemTypeCode", "ItemCode", "CountryCode", "SeasonCode", "BasePriceCode"],
    columns: [
      itemType,
      nvarchar("ItemCode", 30),
      code("CountryCode", 10),
      code("SeasonCode", 5),
      int("BasePriceCode", "tinyint"),
      date("PriceDate"),
      nvarchar("CurrencyCode", 10, { default: "TRY" }),
      money("Price", { default: undefined }),
      ...audit,
    ],
  },
  {
    name: "trPriceListHeader",
    key: ["PriceListHeaderID"],
    columns: [
      guid("PriceListHeaderID", { default: undefined }),
      nvarchar("PriceListNumber", 30),
      date("PriceListDate"),
      code("PriceListTypeCode", 10),
      code("CompanyCode", 10),
      nvarchar("PriceGroupCode", 10),
      date("ValidDate"),
      time("ValidTime"),
      nvarchar("DocCurrencyCode", 10, { default: "TRY" }),
      nvarchar("Description", 200, { default: "" }),
      flag("IsTaxIncluded"),
      flag("IsCompleted", true),
      flag("IsConfirmed", true),
      flag("IsLocked"),
      ...audit,
    ],
  },
  {
    name: "trPriceListLine",
    key: ["PriceListLineID"],
    columns: [
      guid("PriceListLineID", { default: undefined }),
      guid("PriceListHeaderID", { default: undefined }),
      int("SortOrder", "int", { default: 0 }),
      ...variantKey,
      code("UnitOfMeasureCode", 5),
      // Left out, a line states no currency (not lira): its header's then stands (nebim/sql/costs.ts).
      nvarchar("DocCurrencyCode", 10, { default: "" }),
      money("Price", { default: undefined }),
      flag("IsDisabled"),
      { name: "DisableDate", type: "date", nullable: true, default: null },
      // A line's own validity and group (research/nebim.md §5.7, S10/S32). A row that leaves the date out gets
      // 1900-01-01 00:00, long past: the header's start then governs the line alone.
      code("PriceGroupCode", 10),
      date("ValidDate", { default: "1900-01-01" }),
      time("ValidTime"),
      ...audit,
    ],
  },
  {
    name: "trStock",
    key: ["StockID"],
    columns: [
      int("StockID", "bigint"),
      int("TransTypeCode", "tinyint", { default: 1 }),
      code("ProcessCode", 5),
      code("DocumentNumber", 30),
      date("DocumentDate"),
      date("OperationDate"),
      ...variantKey,
      code("CompanyCode", 10),
      code("OfficeCode", 5),
      code("StoreCode", 30),
      nvarchar("WarehouseCode", 10),
      qty("In_Qty1"),
      qty("Out_Qty1"),
      ...audit,
    ],
  },
  // Stock committed to open orders, in three stages (reservation → dispatch order → picking), each a
  // header with its warehouse, lines, and a state table with the still-open quantity per line. No line
  // carries the item: it is the order line's (OrderLineID), as in Nebim's qry_GetItemInventory_Shipment.
  ...commitmentStage("Reserve", "ReserveNumber", "ReserveDate", []),
  ...commitmentStage("DispOrder", "DispOrderNumber", "DispOrderDate", ["Reserve"]),
  ...commitmentStage("Picking", "PickingNumber", "PickingDate", ["Reserve", "DispOrder"]),
  {
    name: "cdItemTaxGr",
    key: ["ItemTaxGrCode"],
    columns: [nvarchar("ItemTaxGrCode", 10), flag("IsBlocked")],
  },
  {
    name: "prItemTaxGrAtt",
    key: ["ItemTaxGrCode", "CountryCode", "ProcessCode"],
    columns: [
      nvarchar("ItemTaxGrCode", 10),
      nvarchar("CountryCode", 10),
      nvarchar("ProcessCode", 5),
      code("PurcVatCode", 10),
      nvarchar("SellVatCode", 10),
      code("PurcPCTCode", 10),
      code("SellPCTCode", 10),
      ...audit,
    ],
  },
  {
    name: "cdVat",
    key: ["VatCode"],
    columns: [
      nvarchar("VatCode", 10),
      { name: "VatRate", type: "decimal", precision: 5, scale: 2, nullable: false },
      flag("IsBlocked"),
      ...audit,
    ],
  },
  {
    name: "cdWarehouse",
    key: ["WarehouseCode"],
    columns: [
      nvarchar("WarehouseCode", 10),
      code("OfficeCode", 5),
      int("WarehouseTypeCode", "tinyint", { default: 1 }),
      int("CurrAccTypeCode", "tinyint", { default: 0 }),
      code("CurrAccCode", 30),
      flag("IsBlocked"),
    ],
  },
  {
    name: "cdOffice",
    key: ["OfficeCode"],
    columns: [nvarchar("OfficeCode", 5), code("CompanyCode", 10), flag("IsBlocked")],
  },
  {
    name: "cdCurrAcc",
    key: ["CurrAccTypeCode", "CurrAccCode"],
    columns: [
      int("CurrAccTypeCode", "tinyint"),
      nvarchar("CurrAccCode", 30),
      nvarchar("FirstLastName", 100, { default: "" }),
      code("OfficeCode", 5),
      flag("IsBlocked"),
      ...audit,
    ],
  },
  {
    name: "cdDeliveryCompany",
    key: ["DeliveryCompanyCode"],
    columns: [nvarchar("DeliveryCompanyCode", 10), flag("IsBlocked")],
  },
  {
    name: "cdCreditCardType",
    key: ["CreditCardTypeCode"],
    columns: [nvarchar("CreditCardTypeCode", 10), flag("IsBlocked")],
  },
  {
    name: "cdOrderCancelReason",
    key: ["OrderCancelReasonCode"],
    columns: [nvarchar("OrderCancelReasonCode", 10), flag("IsBlocked")],
  },
  {
    name: "trOrderHeader",
    key: ["OrderHeaderID"],
    columns: [
      guid("OrderHeaderID"),
      int("OrderTypeCode", "tinyint", { default: 1 }),
      nvarchar("ProcessCode", 5),
      nvarchar("OrderNumber", 30),
      flag("IsCancelOrder"),
      date("OrderDate"),
      code("DocumentNumber", 30),
      code("Description", 200),
      code("InternalDescription", 200),
      int("CurrAccTypeCode", "tinyint"),
      nvarchar("CurrAccCode", 30),
      code("CompanyCode", 10),
      code("OfficeCode", 5),
      code("StoreCode", 30),
      { name: "POSTerminalID", type: "smallint", nullable: false, default: 0 },
      code("WarehouseCode", 10),
      code("DeliveryCompanyCode", 10),
      code("ShipmentMethodCode", 10),
      flag("IsSalesViaInternet"),
      flag("IsCompleted", true),
      flag("IsInclutedVat", true),
      code("LocalCurrencyCode", 10),
      ...audit,
    ],
  },
  {
    name: "trOrderLine",
    key: ["OrderLineID"],
    columns: [
      // Required: committed stock reaches its item through it (a made-up id would leave it unmatched).
      guid("OrderLineID", { default: undefined }),
      guid("OrderHeaderID", { default: undefined }),
      int("SortOrder", "int", { default: 0 }),
      ...variantKey,
      qty("Qty1"),
      qty("CancelQty1"),
      { name: "CancelDate", type: "date", nullable: true, default: null },
      { name: "OrderCancelReasonCode", type: "nvarchar", length: 10, nullable: true, default: null },
      code("UsedBarcode", 30),
      code("LineDescription", 200),
      code("VatCode", 10),
      { name: "VatRate", type: "decimal", precision: 5, scale: 2, nullable: false, default: 0 },
      money("Price"),
      code("DocCurrencyCode", 10),
      ...audit,
    ],
  },
  {
    name: "trOrderLineCurrency",
    key: ["OrderLineID", "CurrencyCode"],
    columns: [
      guid("OrderLineID", { default: undefined }),
      nvarchar("CurrencyCode", 10),
      money("PriceVI"),
      money("AmountVI"),
      money("Vat"),
      money("NetAmount"),
    ],
  },
  {
    name: "tpOrdersViaInternetInfo",
    key: ["OrderHeaderID"],
    columns: [
      guid("OrderHeaderID", { default: undefined }),
      code("SalesURL", 30),
      int("PaymentTypeCode", "tinyint", { default: 0 }),
      code("PaymentTypeDescription", 100),
      code("PaymentAgent", 100),
      { name: "PaymentDate", type: "date", nullable: true, default: null },
      { name: "SendDate", type: "date", nullable: true, default: null },
    ],
  },
];

const BY_NAME = new Map(NEBIM_TABLES.map((t) => [t.name.toLowerCase(), t]));

/** The table of that name (SQL Server compares names case-insensitively), or undefined. */
export function tableDef(name: string): TableDef | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Columns a data-set row must carry: not nullable and with no default. */
export function requiredColumns(table: TableDef): string[] {
  return table.columns.filter((c) => !c.nullable && c.default === undefined).map((c) => c.name);
}
