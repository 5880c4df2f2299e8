/**
 * Result-set column metadata taken from schema.ts, so the simulator answers with Nebim's own types
 * (nvarchar lengths, decimal(19,4) prices, float quantities, datetime audit columns, bit flags).
 * @module
 */

import { tableDef } from "../schema.ts";
import type { ResultColumn } from "../../tds/server.ts";

export interface ColumnOptions {
  /** The output name (`AS x`); default the column's own name. */
  as?: string;
  /** Force nullable, e.g. for the outer side of a LEFT JOIN. */
  nullable?: boolean;
}

export function col(table: string, column: string, o: ColumnOptions = {}): ResultColumn {
  const def = tableDef(table)?.columns.find((c) => c.name === column);
  if (!def) throw new Error(`schema.ts has no column ${table}.${column}`);
  const out: ResultColumn = { name: o.as ?? def.name, type: def.type, nullable: o.nullable ?? def.nullable };
  if (def.length !== undefined) out.length = def.length;
  if (def.precision !== undefined) out.precision = def.precision;
  if (def.scale !== undefined) out.scale = def.scale;
  return out;
}
