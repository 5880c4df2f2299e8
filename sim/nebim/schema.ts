/**
 * The Nebim V3 tables the agent reads and the Integrator simulator writes, with Nebim's own column names
 * and SQL Server types (research/nebim.md §4.8, §5). One description serves the TDS simulator
 * (INFORMATION_SCHEMA.COLUMNS and result-set metadata), the data-set loader (required columns, keys,
 * defaults) and the generator.
 * @module
 */

export type SqlTypeName =
  | "nvarchar"
  | "varchar"
  | "tinyint"
  | "smallint"
  | "int"
  | "bigint"
  | "bit"
  | "decimal"
  | "float"
  | "date"
  | "datetime"
  | "datetime2"
  | "time"
  | "uniqueidentifier";

export interface ColumnDef {
  name: string;
  type: SqlTypeName;
  /** Characters for (n)varchar; -1 = MAX. */
  length?: number;
  precision?: number;
  /** decimal scale, or the fractional-second digits of datetime2/time (default 7). */
  scale?: number;
  nullable: boolean;
  /**
   * What a row that leaves the column out gets. `"now"` = the load time (Nebim's `DEFAULT GETDATE()`),
   * `"newid"` = a fresh uniqueidentifier. A column with no default and not nullable is required in a
   * data-set file.
   */
  default?: string | number | boolean | null | "now" | "newid";
}

export interface TableDef {
  name: string;
  columns: ColumnDef[];
  /** Primary key columns: a second row with the same values is a duplicate key. */
  key: string[];
}

const s = (name: string, length: number, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "nvarchar",
  length,
  nullable: false,
  ...extra,
});
const code = (name: string, length = 30): ColumnDef => s(name, length, { default: "" });
const flag = (name: string, dflt = false): ColumnDef => ({
  name,
  type: "bit",
  nullable: false,
  default: dflt,
});
const int = (name: string, type: SqlTypeName = "int", extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type,
  nullable: false,
  ...extra,
});
const money = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "decimal",
  precision: 19,
  scale: 4,
  nullable: false,
  default: 0,
  ...extra,
});
const qty = (name: string): ColumnDef => ({ name, type: "float", nullable: false, default: 0 });
const date = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "date",
  nullable: false,
  default: "now",
  ...extra,
});
/**
 * A time of day: SQL Server's `time`, its default scale 7 (Nebim pairs a `date` column with one, e.g.
 * ValidDate + ValidTime; research/nebim.md §5.7). The default is midnight.
 */
const time = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "time",
  nullable: false,
  default: "00:00:00",
  ...extra,
});
const guid = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "uniqueidentifier",
  nullable: false,
  default: "newid",
  ...extra,
});
// Nebim's audit columns are `datetime` (3.33 ms resolution), not datetime2: a real quirk worth keeping.
const audit: ColumnDef[] = [
  s("CreatedUserName", 20, { default: "V3" }),
  { name: "CreatedDate", type: "datetime", nullable: false, default: "now" },
  s("LastUpdatedUserName", 20, { default: "V3" }),
  { name: "LastUpdatedDate", type: "datetime", nullable: false, default: "now" },
];
const itemType = int("ItemTypeCode", "tinyint");
/**
 * One stage of committed stock: `tr<Stage>Header` (warehouse), `tr<Stage>Line` (order line, quantity) and
 * `st<Stage>` (open quantity, keyed as Nebim keys it; `earlier` names the stages a line may come from).
 */
function commitmentStage(
  stage: string,
  numberColumn: string,
  dateColumn: string,
  earlier: string[],
): TableDef[] {
  const headerId = `${stage}HeaderID`;
  const lineId = `${stage}LineID`;
  const from = earlier.map((e) => guid(`${e}LineID`, { nullable: true, default: null }));
  return [
    {
      name: `tr${stage}Header`,
      key: [headerId],
      columns: [
        guid(headerId, { default: undefined }),
        s(numberColumn, 30),
        date(dateColumn),
        code("OfficeCode", 5),
        s("WarehouseCode", 10),
        flag("IsCompleted", true),
        ...audit,
      ],
    },
    {
      name: `tr${stage}Line`,
      key: [lineId],
      columns: [
        guid(lineId, { default: undefined }),
        guid(headerId, { default: undefined }),
        int("SortOrder", "int", { default: 0 }),
        qty("Qty1"),
        guid("OrderLineID", { default: undefined }),
        ...from,
        ...audit,
      ],
    },
    {
      name: `st${stage}`,
      // stReserve is keyed by order line and reservation line; the later stages by their own line.
      key: stage === "Reserve" ? ["OrderLineID", lineId] : [lineId],
      columns: [
        guid("OrderLineID", { default: undefined }),
        ...from,
        guid(lineId, { default: undefined }),
        qty("Qty1"),
      ],
    },
  ];
}

const variantKey: ColumnDef[] = [
  itemType,
  s("ItemCode", 30),
  code("ColorCode", 10),
  code("ItemDim1Code", 10),
  code("ItemDim2Code", 10),
  code("ItemDim3Code", 10),
];
const VARIANT_KEY = ["ItemTypeCode", "ItemCode", "ColorCode", "ItemDim1Code", "ItemDim2Code", "ItemDim3Code"];

export const NEBIM_TABLES: readonly TableDef[] = [
  {
    name: "cdItem",
    key: ["ItemTypeCode", "ItemCode"],
    columns: [
      itemType,
      s("ItemCode", 30),
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
      s("ItemCode", 30),
      s("LangCode", 5),
      // Longer than any store allows on purpose: the agent, not the loader, must catch an over-long name.
      s("ItemDescription", 500, { nullable: true, default: null }),
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
      s("Barcode", 30),
      s("BarcodeTypeCode", 20),
      ...variantKey,
      code("UnitOfMeasureCode", 5),
      { name: "Qty", type: "float", nullable: false, default: 1 },
      ...audit,
    ],
  },
  {
    name: "cdColorDesc",
    key: ["ColorCode", "LangCode"],
    columns: [s("ColorCode", 10), s("LangCode", 5), s("ColorDescription", 200, { default: "" }), ...audit],
  },
  {
    name: "cdItemDim1Desc",
    key: ["ItemDim1Code", "LangCode"],
    columns: [
      s("ItemDim1Code", 10),
      s("LangCode", 5),
      s("ItemDim1Description", 200, { default: "" }),
      ...audit,
    ],
  },
  {
    name: "prItemBasePrice",
    key: ["ItemTypeCode", "ItemCode", "CountryCode", "SeasonCode", "BasePriceCode"],
    columns: [
      itemType,
      s("ItemCode", 30),
      code("CountryCode", 10),
      code("SeasonCode", 5),
      int("BasePriceCode", "tinyint"),
      date("PriceDate"),
      s("CurrencyCode", 10, { default: "TRY" }),
      money("Price", { default: undefined }),
      ...audit,
    ],
  },
  {
    name: "trPriceListHeader",
    key: ["PriceListHeaderID"],
    columns: [
      guid("PriceListHeaderID", { default: undefined }),
      s("PriceListNumber", 30),
      date("PriceListDate"),
      code("PriceListTypeCode", 10),
      code("CompanyCode", 10),
      s("PriceGroupCode", 10),
      date("ValidDate"),
      time("ValidTime"),
      s("DocCurrencyCode", 10, { default: "TRY" }),
      s("Description", 200, { default: "" }),
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
      s("DocCurrencyCode", 10, { default: "TRY" }),
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
      s("WarehouseCode", 10),
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
    columns: [s("ItemTaxGrCode", 10), flag("IsBlocked")],
  },
  {
    name: "prItemTaxGrAtt",
    key: ["ItemTaxGrCode", "CountryCode", "ProcessCode"],
    columns: [
      s("ItemTaxGrCode", 10),
      s("CountryCode", 10),
      s("ProcessCode", 5),
      code("PurcVatCode", 10),
      s("SellVatCode", 10),
      code("PurcPCTCode", 10),
      code("SellPCTCode", 10),
      ...audit,
    ],
  },
  {
    name: "cdVat",
    key: ["VatCode"],
    columns: [
      s("VatCode", 10),
      { name: "VatRate", type: "decimal", precision: 5, scale: 2, nullable: false },
      flag("IsBlocked"),
      ...audit,
    ],
  },
  {
    name: "cdWarehouse",
    key: ["WarehouseCode"],
    columns: [
      s("WarehouseCode", 10),
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
    columns: [s("OfficeCode", 5), code("CompanyCode", 10), flag("IsBlocked")],
  },
  {
    name: "cdCurrAcc",
    key: ["CurrAccTypeCode", "CurrAccCode"],
    columns: [
      int("CurrAccTypeCode", "tinyint"),
      s("CurrAccCode", 30),
      s("FirstLastName", 100, { default: "" }),
      code("OfficeCode", 5),
      flag("IsBlocked"),
      ...audit,
    ],
  },
  {
    name: "cdDeliveryCompany",
    key: ["DeliveryCompanyCode"],
    columns: [s("DeliveryCompanyCode", 10), flag("IsBlocked")],
  },
  {
    name: "cdCreditCardType",
    key: ["CreditCardTypeCode"],
    columns: [s("CreditCardTypeCode", 10), flag("IsBlocked")],
  },
  {
    name: "cdOrderCancelReason",
    key: ["OrderCancelReasonCode"],
    columns: [s("OrderCancelReasonCode", 10), flag("IsBlocked")],
  },
  {
    name: "trOrderHeader",
    key: ["OrderHeaderID"],
    columns: [
      guid("OrderHeaderID"),
      int("OrderTypeCode", "tinyint", { default: 1 }),
      s("ProcessCode", 5),
      s("OrderNumber", 30),
      flag("IsCancelOrder"),
      date("OrderDate"),
      code("DocumentNumber", 30),
      code("Description", 200),
      code("InternalDescription", 200),
      int("CurrAccTypeCode", "tinyint"),
      s("CurrAccCode", 30),
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
      s("CurrencyCode", 10),
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
