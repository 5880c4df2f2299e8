/**
 * Columns whose type this Nebim database changed (a customised version, or a view the merchant's IT put in a
 * table's place that casts one: a price as float, a code as int), as INFORMATION_SCHEMA.COLUMNS then lists
 * them: under the new type, with the lengths, precision and scale SQL Server reports for it. Only the listing
 * changes: the named queries' rows keep schema.ts's types (a test of how the reader maps a value of another
 * JS type hands the mapping that value itself).
 * @module
 */

import { tableDef } from "../schema.ts";
import { ciKey } from "./collate.ts";

/** A SQL Server type as INFORMATION_SCHEMA names it (DATA_TYPE), with its length, precision and scale. */
export interface SqlType {
  type: string;
  /** Characters of a text type; -1 = MAX. */
  length?: number;
  precision?: number;
  /** decimal/numeric scale, or the fractional-second digits of datetime2/time/datetimeoffset. */
  scale?: number;
}

export class RetypedColumns {
  /** ciKey of table and column → the type the database has for it. */
  readonly #types = new Map<string, SqlType>();

  /**
   * The database has the column as `type`, written as in T-SQL: "float", "nvarchar(20)", "decimal(18,2)",
   * "money" (schema.ts must know the column: a test retypes a real Nebim column).
   */
  retype(table: string, column: string, type: string): this {
    const def = tableDef(table);
    if (!def?.columns.some((c) => ciKey(c.name) === ciKey(column))) {
      throw new Error(`schema.ts has no column ${table}.${column}`);
    }
    this.#types.set(key(table, column), parseType(type));
    return this;
  }

  typeOf(table: string, column: string): SqlType | undefined {
    return this.#types.get(key(table, column));
  }
}

const key = (table: string, column: string) => `${ciKey(table)}.${ciKey(column)}`;

function parseType(text: string): SqlType {
  const m = /^(\w+)\s*(?:\(\s*(max|\d+)\s*(?:,\s*(\d+)\s*)?\))?$/i.exec(text.trim());
  if (!m) throw new Error(`not a SQL Server type: ${text}`);
  const type = m[1]!.toLowerCase();
  const n = m[2] === undefined ? undefined : m[2].toLowerCase() === "max" ? -1 : Number(m[2]);
  if (/char|binary/.test(type)) return n === undefined ? { type } : { type, length: n };
  if (type === "decimal" || type === "numeric") return { type, precision: n ?? 18, scale: Number(m[3] ?? 0) };
  // float(1..24) is real, as SQL Server stores and lists it.
  if (type === "float") return { type: n !== undefined && n <= 24 ? "real" : "float" };
  return n === undefined ? { type } : { type, scale: n };
}
