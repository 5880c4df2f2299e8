/**
 * The rows of INFORMATION_SCHEMA.COLUMNS for the simulated Nebim database, made from schema.ts with the
 * values SQL Server itself reports (precision, octet lengths, collation, defaults).
 * @module
 */

import type { ColumnDef } from "../column_defs.ts";
import { NEBIM_TABLES } from "../schema.ts";
import type { ResultColumn } from "../../tds/server.ts";
import type { RetypedColumns, SqlType } from "./retyped_columns.ts";

export type Value = string | number | null;
export type InfoRow = Record<string, Value>;

const S128 = { type: "nvarchar", length: 128 } as const;
export const INFO_COLUMNS: ResultColumn[] = [
  { name: "TABLE_CATALOG", ...S128 },
  { name: "TABLE_SCHEMA", ...S128 },
  { name: "TABLE_NAME", ...S128, nullable: false },
  { name: "COLUMN_NAME", ...S128 },
  { name: "ORDINAL_POSITION", type: "int" },
  { name: "COLUMN_DEFAULT", type: "nvarchar", length: 4000 },
  { name: "IS_NULLABLE", type: "varchar", length: 3 },
  { name: "DATA_TYPE", ...S128 },
  { name: "CHARACTER_MAXIMUM_LENGTH", type: "int" },
  { name: "CHARACTER_OCTET_LENGTH", type: "int" },
  { name: "NUMERIC_PRECISION", type: "tinyint" },
  { name: "NUMERIC_PRECISION_RADIX", type: "smallint" },
  { name: "NUMERIC_SCALE", type: "int" },
  { name: "DATETIME_PRECISION", type: "smallint" },
  { name: "CHARACTER_SET_CATALOG", ...S128 },
  { name: "CHARACTER_SET_SCHEMA", ...S128 },
  { name: "CHARACTER_SET_NAME", ...S128 },
  { name: "COLLATION_CATALOG", ...S128 },
  { name: "COLLATION_SCHEMA", ...S128 },
  { name: "COLLATION_NAME", ...S128 },
  { name: "DOMAIN_CATALOG", ...S128 },
  { name: "DOMAIN_SCHEMA", ...S128 },
  { name: "DOMAIN_NAME", ...S128 },
];
/** Precision and scale of the numeric types that fix them (decimal and numeric carry their own). */
const NUMERIC: Partial<Record<string, [precision: number, scale: number | null]>> = {
  tinyint: [3, 0],
  smallint: [5, 0],
  int: [10, 0],
  bigint: [19, 0],
  money: [19, 4],
  smallmoney: [10, 4],
  float: [53, null],
  real: [24, null],
};
const DATETIME_PRECISION: Partial<Record<string, number>> = { date: 0, datetime: 3, smalldatetime: 0 };
/** ntext's and text's fixed CHARACTER_MAXIMUM_LENGTH. */
const LOB_LENGTH: Partial<Record<string, number>> = { ntext: 1073741823, text: 2147483647 };

/** The type columns of INFORMATION_SCHEMA.COLUMNS, as SQL Server reports them for the type. */
function typeColumns(c: SqlType): InfoRow {
  const text = /char|text/.test(c.type);
  const unicode = text && c.type.startsWith("n");
  const length = text ? (LOB_LENGTH[c.type] ?? c.length ?? (unicode ? 4000 : 8000)) : null;
  const decimal = c.type === "decimal" || c.type === "numeric";
  const numeric = NUMERIC[c.type];
  return {
    DATA_TYPE: c.type,
    CHARACTER_MAXIMUM_LENGTH: length,
    CHARACTER_OCTET_LENGTH: length === null || length === -1
      ? length
      : unicode
      ? Math.min(length * 2, 2147483646)
      : length,
    NUMERIC_PRECISION: decimal ? (c.precision ?? 18) : numeric?.[0] ?? null,
    NUMERIC_PRECISION_RADIX: decimal || numeric ? (c.type === "float" || c.type === "real" ? 2 : 10) : null,
    NUMERIC_SCALE: decimal ? (c.scale ?? 0) : numeric?.[1] ?? null,
    DATETIME_PRECISION: ["datetime2", "time", "datetimeoffset"].includes(c.type)
      ? (c.scale ?? 7)
      : DATETIME_PRECISION[c.type] ?? null,
    CHARACTER_SET_CATALOG: null,
    CHARACTER_SET_SCHEMA: null,
    CHARACTER_SET_NAME: text ? (unicode ? "UNICODE" : "cp1254") : null,
    COLLATION_CATALOG: null,
    COLLATION_SCHEMA: null,
    COLLATION_NAME: text ? "Turkish_CI_AS" : null,
  };
}

function columnDefault(c: ColumnDef): string | null {
  const d = c.default;
  if (d === undefined || d === null) return null;
  if (d === "now") return "(getdate())";
  if (d === "newid") return "(newid())";
  if (typeof d === "boolean") return d ? "((1))" : "((0))";
  if (typeof d === "number") return `((${d}))`;
  return `(N'${d.replaceAll("'", "''")}')`;
}

/** The rows, with the columns `retyped` names under the type it gives them. */
export function infoRows(database: string, retyped?: RetypedColumns): InfoRow[] {
  return NEBIM_TABLES.flatMap((t) =>
    t.columns.map((c, i): InfoRow => ({
      TABLE_CATALOG: database,
      TABLE_SCHEMA: "dbo",
      TABLE_NAME: t.name,
      COLUMN_NAME: c.name,
      ORDINAL_POSITION: i + 1,
      COLUMN_DEFAULT: columnDefault(c),
      IS_NULLABLE: c.nullable ? "YES" : "NO",
      ...typeColumns(retyped?.typeOf(t.name, c.name) ?? c),
      DOMAIN_CATALOG: null,
      DOMAIN_SCHEMA: null,
      DOMAIN_NAME: null,
    }))
  );
}
