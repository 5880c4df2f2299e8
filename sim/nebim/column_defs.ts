/**
 * How sim/nebim/schema.ts describes a Nebim table: column and table definitions in SQL Server's types, and
 * the builders for the column shapes Nebim repeats (codes, flags, money, audit columns, the variant key, a
 * stage of committed stock).
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

export const nvarchar = (name: string, length: number, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "nvarchar",
  length,
  nullable: false,
  ...extra,
});
export const code = (name: string, length = 30): ColumnDef => nvarchar(name, length, { default: "" });
export const flag = (name: string, dflt = false): ColumnDef => ({
  name,
  type: "bit",
  nullable: false,
  default: dflt,
});
export const int = (name: string, type: SqlTypeName = "int", extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type,
  nullable: false,
  ...extra,
});
export const money = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "decimal",
  precision: 19,
  scale: 4,
  nullable: false,
  default: 0,
  ...extra,
});
export const qty = (name: string): ColumnDef => ({ name, type: "float", nullable: false, default: 0 });
export const date = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
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
export const time = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "time",
  nullable: false,
  default: "00:00:00",
  ...extra,
});
export const guid = (name: string, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  type: "uniqueidentifier",
  nullable: false,
  default: "newid",
  ...extra,
});
// Nebim's audit columns are `datetime` (3.33 ms resolution), not datetime2: a real quirk worth keeping.
export const audit: ColumnDef[] = [
  nvarchar("CreatedUserName", 20, { default: "V3" }),
  { name: "CreatedDate", type: "datetime", nullable: false, default: "now" },
  nvarchar("LastUpdatedUserName", 20, { default: "V3" }),
  { name: "LastUpdatedDate", type: "datetime", nullable: false, default: "now" },
];
export const itemType = int("ItemTypeCode", "tinyint");
/**
 * One stage of committed stock: `tr<Stage>Header` (warehouse), `tr<Stage>Line` (order line, quantity) and
 * `st<Stage>` (open quantity, keyed as Nebim keys it; `earlier` names the stages a line may come from).
 */
export function commitmentStage(
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
        nvarchar(numberColumn, 30),
        date(dateColumn),
        code("OfficeCode", 5),
        nvarchar("WarehouseCode", 10),
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

export const variantKey: ColumnDef[] = [
  itemType,
  nvarchar("ItemCode", 30),
  code("ColorCode", 10),
  code("ItemDim1Code", 10),
  code("ItemDim2Code", 10),
  code("ItemDim3Code", 10),
];
export const VARIANT_KEY = [
  "ItemTypeCode",
  "ItemCode",
  "ColorCode",
  "ItemDim1Code",
  "ItemDim2Code",
  "ItemDim3Code",
];
