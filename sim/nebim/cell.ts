/**
 * A cell of the simulated Nebim database as a data-set file gives it: parsed and checked against its
 * column's SQL Server type, a left-out column's default, and the cell written back to the file format.
 * @module
 */

import type { ColumnDef, TableDef } from "./column_defs.ts";
import { cachedDate, dateOnly, dayStart, parseSqlTime, roundDatetime } from "./sql_dates.ts";

/** A cell: strings (also uniqueidentifier, upper case), numbers, booleans (bit), Dates (UTC wall clock), null. */
export type Cell = string | number | boolean | Date | null;

/** A malformed data set: names the table, the row (0-based index in the file) and the column. */
export class DataSetError extends Error {
  constructor(
    message: string,
    readonly table: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = "DataSetError";
  }
}

export function defaultCell(c: ColumnDef, clock: () => Date): Cell {
  if (c.default === "now") return c.type === "date" ? dateOnly(clock()) : roundDatetime(clock());
  if (c.default === "newid") return crypto.randomUUID().toUpperCase();
  // A temporal default is written as text (SQL Server's `DEFAULT ('1900-01-01')`), stored as its value.
  if (typeof c.default === "string" && c.type === "time") return parseSqlTime(c.default) ?? null;
  if (
    typeof c.default === "string" && (c.type === "date" || c.type === "datetime" || c.type === "datetime2")
  ) {
    return cachedDate(c.type, c.default);
  }
  return c.default === undefined ? null : c.default;
}

export function parseCell(def: TableDef, c: ColumnDef, v: unknown, index: number): Cell {
  const fail = (why: string): never => {
    throw new DataSetError(
      `Cannot load ${def.name} row ${index}: column "${c.name}" ${why} (got ${JSON.stringify(v)})`,
      def.name,
      index,
      c.name,
    );
  };
  if (v === null) return c.nullable ? null : fail("may not be null");
  switch (c.type) {
    case "nvarchar":
    case "varchar": {
      if (typeof v !== "string") return fail("must be a string");
      if (c.length !== undefined && c.length > 0 && v.length > c.length) {
        return fail(`is longer than ${c.type}(${c.length})`);
      }
      return v;
    }
    case "uniqueidentifier":
      if (
        typeof v !== "string" || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
      ) {
        return fail("must be a uniqueidentifier");
      }
      return v.toUpperCase();
    case "bit":
      if (typeof v === "boolean") return v;
      if (v === 0 || v === 1) return v === 1;
      return fail("must be true/false or 0/1");
    case "tinyint":
    case "smallint":
    case "int":
    case "bigint": {
      const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
      if (typeof n !== "number" || !Number.isInteger(n)) return fail("must be an integer");
      return n;
    }
    case "decimal":
    case "float": {
      const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
      if (typeof n !== "number" || !Number.isFinite(n)) return fail("must be a number");
      return n;
    }
    case "date":
    case "datetime":
    case "datetime2": {
      if (v instanceof Date && !Number.isNaN(v.getTime())) {
        return c.type === "date" ? dateOnly(v) : c.type === "datetime" ? roundDatetime(v) : v;
      }
      if (typeof v !== "string") return fail("must be a date text such as 2026-11-01T10:00:00.000");
      return cachedDate(c.type, v) ?? fail("must be a date text such as 2026-11-01T10:00:00.000");
    }
    case "time": {
      // A Date gives its time of day, as SQL Server converts a datetime to time.
      if (v instanceof Date && !Number.isNaN(v.getTime())) return new Date(v.getTime() - dayStart(v));
      if (typeof v !== "string") return fail("must be a time text such as 14:00:00");
      return parseSqlTime(v) ?? fail("must be a time text such as 14:00:00");
    }
  }
}

export function formatCell(c: ColumnDef, v: Cell): unknown {
  if (v instanceof Date) {
    const iso = v.toISOString();
    return c.type === "date" ? iso.slice(0, 10) : c.type === "time" ? iso.slice(11, 23) : iso.slice(0, 23);
  }
  return v;
}
