/**
 * The rows of INFORMATION_SCHEMA.COLUMNS for the simulated Nebim database, made from schema.ts with the
 * values SQL Server itself reports (precision, octet lengths, collation, defaults).
 * @module
 */

import type { ColumnDef } from "../column_defs.ts";
import { NEBIM_TABLES } from "../schema.ts";
import type { ResultColumn } from "../../tds/server.ts";

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
const NUMERIC_PRECISION: Partial<Record<string, number>> = {
  tinyint: 3,
  smallint: 5,
  int: 10,
  bigint: 19,
  float: 53,
};
const DATETIME_PRECISION: Partial<Record<string, number>> = { date: 0, datetime: 3 };

function columnDefault(c: ColumnDef): string | null {
  const d = c.default;
  if (d === undefined || d === null) return null;
  if (d === "now") return "(getdate())";
  if (d === "newid") return "(newid())";
  if (typeof d === "boolean") return d ? "((1))" : "((0))";
  if (typeof d === "number") return `((${d}))`;
  return `(N'${d.replaceAll("'", "''")}')`;
}

export function infoRows(database: string): InfoRow[] {
  return NEBIM_TABLES.flatMap((t) =>
    t.columns.map((c, i): InfoRow => {
      const text = c.type === "nvarchar" || c.type === "varchar";
      const length = text ? (c.length ?? (c.type === "nvarchar" ? 4000 : 8000)) : null;
      const decimal = c.type === "decimal";
      return {
        TABLE_CATALOG: database,
        TABLE_SCHEMA: "dbo",
        TABLE_NAME: t.name,
        COLUMN_NAME: c.name,
        ORDINAL_POSITION: i + 1,
        COLUMN_DEFAULT: columnDefault(c),
        IS_NULLABLE: c.nullable ? "YES" : "NO",
        DATA_TYPE: c.type,
        CHARACTER_MAXIMUM_LENGTH: length,
        CHARACTER_OCTET_LENGTH: length === null
          ? null
          : length === -1
          ? -1
          : c.type === "nvarchar"
          ? length * 2
          : length,
        NUMERIC_PRECISION: decimal ? (c.precision ?? 18) : NUMERIC_PRECISION[c.type] ?? null,
        NUMERIC_PRECISION_RADIX: decimal || NUMERIC_PRECISION[c.type] !== undefined
          ? (c.type === "float" ? 2 : 10)
          : null,
        NUMERIC_SCALE: decimal
          ? (c.scale ?? 0)
          : c.type === "float" || NUMERIC_PRECISION[c.type] === undefined
          ? null
          : 0,
        DATETIME_PRECISION: c.type === "datetime2" || c.type === "time"
          ? (c.scale ?? 7)
          : DATETIME_PRECISION[c.type] ?? null,
        CHARACTER_SET_CATALOG: null,
        CHARACTER_SET_SCHEMA: null,
        CHARACTER_SET_NAME: text ? (c.type === "nvarchar" ? "UNICODE" : "cp1254") : null,
        COLLATION_CATALOG: null,
        COLLATION_SCHEMA: null,
        COLLATION_NAME: text ? "Turkish_CI_AS" : null,
        DOMAIN_CATALOG: null,
        DOMAIN_SCHEMA: null,
        DOMAIN_NAME: null,
      };
    })
  );
}
