/**
 * The in-memory Nebim database behind the TDS and Integrator simulators: table name → rows, with the
 * columns, keys and defaults of `schema.ts`. Loaded from (and written to) the data-set file format of
 * DESIGN §9: one JSON object, table name → array of rows with Nebim's own column names.
 * @module
 */

import { ciKey } from "./handlers/collate.ts";
import type { TableDef } from "./column_defs.ts";
import { NEBIM_TABLES, requiredColumns, tableDef } from "./schema.ts";
import { type Cell, DataSetError, defaultCell, formatCell, parseCell } from "./cell.ts";
import { localWallClock, roundDatetime } from "./sql_dates.ts";

export { type Cell, DataSetError } from "./cell.ts";
export { parseSqlDate, parseSqlTime, roundDatetime } from "./sql_dates.ts";

export type Row = Record<string, Cell>;

export interface DataSetOptions {
  /**
   * SQL Server's clock (GETDATE()): defaults for audit columns and the signpost the agent reads. Default: the
   * host's wall clock, as a real server's.
   */
  clock?: () => Date;
}

export class NebimDataSet {
  readonly clock: () => Date;
  #tables = new Map<string, Row[]>();
  #keys = new Map<string, Set<string>>();
  /** Bumped on every write, so readers can cache indexes per version. */
  version = 0;
  /**
   * Warehouse codes taken from trStock because the loaded file had no cdWarehouse table (an export made
   * before the agent read it, which checks catalog.warehouses there); empty when it had one.
   */
  readonly derivedWarehouses: string[] = [];
  /**
   * When SQL Server made the database (sys.databases.create_date): the data set's start, and the end of each
   * RESTORE (`restored`), which makes it anew.
   */
  databaseCreated: Date;

  constructor(options: DataSetOptions = {}) {
    this.clock = options.clock ?? (() => localWallClock());
    this.databaseCreated = roundDatetime(this.clock());
    for (const t of NEBIM_TABLES) {
      this.#tables.set(t.name, []);
      this.#keys.set(t.name, new Set());
    }
  }

  /** A RESTORE DATABASE ended: the database is made anew, now (what it brought back is the caller's to load). */
  restored(): void {
    this.databaseCreated = roundDatetime(this.clock());
  }

  /** Loads a data-set object (as parsed from JSON); throws DataSetError naming table, row and column. */
  static fromJson(data: unknown, options: DataSetOptions = {}): NebimDataSet {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      throw new DataSetError(
        "Cannot load the Nebim data set: expected one JSON object of table name → rows",
        "",
      );
    }
    const ds = new NebimDataSet(options);
    for (const [name, rows] of Object.entries(data as Record<string, unknown>)) {
      const table = tableDef(name);
      if (!table) {
        throw new DataSetError(
          `Cannot load table "${name}": unknown table (known: ${NEBIM_TABLES.map((t) => t.name).join(", ")})`,
          name,
        );
      }
      if (!Array.isArray(rows)) {
        throw new DataSetError(`Cannot load table "${name}": expected an array of rows`, name);
      }
      rows.forEach((raw, i) => {
        if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
          throw new DataSetError(`Cannot load ${table.name} row ${i}: expected an object`, table.name, i);
        }
        ds.#insert(table, raw as Record<string, unknown>, i);
      });
    }
    if (!Object.keys(data).some((name) => tableDef(name)?.name === "cdWarehouse")) ds.#warehousesOfStock();
    return ds;
  }

  /** A cdWarehouse row for each warehouse trStock names (first spelling kept): the file had no cdWarehouse. */
  #warehousesOfStock(): void {
    const seen = new Set<string>();
    for (const s of this.rows("trStock")) {
      const code = s.WarehouseCode;
      if (typeof code !== "string" || seen.has(ciKey(code))) continue;
      seen.add(ciKey(code));
      this.insert("cdWarehouse", { WarehouseCode: code });
      this.derivedWarehouses.push(code);
    }
  }

  /** The rows of a table, in insertion order. Do not mutate: use insert/update. */
  rows(table: string): readonly Row[] {
    const def = this.#def(table);
    return this.#tables.get(def.name)!;
  }

  /** Inserts one row, filling defaults; throws DataSetError on a missing required column or a duplicate key. */
  insert(table: string, row: Record<string, unknown>): Row {
    const def = this.#def(table);
    const out = this.#insert(def, row, this.#tables.get(def.name)!.length);
    return out;
  }

  /** Applies `patch` to every row matching `where`; stamps LastUpdatedDate when the table has it. */
  update(table: string, where: (row: Row) => boolean, patch: Partial<Row>): number {
    const def = this.#def(table);
    const stamp = def.columns.some((c) => c.name === "LastUpdatedDate");
    let n = 0;
    for (const row of this.#tables.get(def.name)!) {
      if (!where(row)) continue;
      Object.assign(row, patch);
      if (stamp && !("LastUpdatedDate" in patch)) row.LastUpdatedDate = roundDatetime(this.clock());
      n++;
    }
    if (n) this.version++;
    return n;
  }

  /** Deletes every row matching `where`. */
  delete(table: string, where: (row: Row) => boolean): number {
    const def = this.#def(table);
    const rows = this.#tables.get(def.name)!;
    const keep = rows.filter((r) => !where(r));
    const n = rows.length - keep.length;
    if (n) {
      this.#tables.set(def.name, keep);
      this.#keys.set(def.name, new Set(keep.map((r) => keyOf(def, r))));
      this.version++;
    }
    return n;
  }

  /** The data set in file form: dates as ISO text without a zone (SQL Server has none). */
  toJson(): Record<string, Record<string, unknown>[]> {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const t of NEBIM_TABLES) {
      const rows = this.#tables.get(t.name)!;
      if (!rows.length) continue;
      out[t.name] = rows.map((r) => {
        const o: Record<string, unknown> = {};
        for (const c of t.columns) o[c.name] = formatCell(c, r[c.name] ?? null);
        // Extra columns a loaded file carried go back out as they came in.
        for (const k of Object.keys(r)) {
          if (!(k in o)) {
            o[k] = r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k];
          }
        }
        return o;
      });
    }
    return out;
  }

  #def(table: string): TableDef {
    const def = tableDef(table);
    if (!def) throw new DataSetError(`Unknown table "${table}"`, table);
    return def;
  }

  #insert(def: TableDef, given: Record<string, unknown>, index: number): Row {
    const spec = compiled(def);
    const raw = nebimNames(def, spec, given, index);
    // Cloning one template per table keeps every row of a table on one hidden class (fast, compact).
    const row: Row = { ...spec.template };
    let found = 0;
    for (const c of def.columns) {
      const v = raw[c.name];
      if (v === undefined) {
        if (spec.required.has(c.name)) {
          throw new DataSetError(
            `Cannot load ${def.name} row ${index}: missing required column "${c.name}"`,
            def.name,
            index,
            c.name,
          );
        }
        row[c.name] = defaultCell(c, this.clock);
        continue;
      }
      found++;
      row[c.name] = parseCell(def, c, v, index);
    }
    // A data set may carry more columns than the agent reads (DESIGN §9): keep them as they are.
    const keys = Object.keys(raw);
    if (keys.length > found) {
      for (const col of keys) if (!spec.known.has(col) && raw[col] !== undefined) row[col] = raw[col] as Cell;
    }
    const key = keyOf(def, row);
    const seen = this.#keys.get(def.name)!;
    if (seen.has(key)) {
      throw new DataSetError(
        `Cannot load ${def.name} row ${index}: duplicate key (${def.key.join(", ")}) = (${
          def.key.map((k) =>
            JSON.stringify(formatCell(def.columns.find((c) => c.name === k)!, row[k] ?? null))
          )
            .join(", ")
        })`,
        def.name,
        index,
        def.key[0],
      );
    }
    seen.add(key);
    this.#tables.get(def.name)!.push(row);
    this.version++;
    return row;
  }
}

/**
 * The row with its columns under Nebim's spelling: SQL Server compares column names case-insensitively, and
 * FOR JSON writes each as the SELECT spelt it (`itemcode`), so an export may hold any case. Without this, a
 * column spelt otherwise was kept as an extra one and its value lost (an item blocked in Nebim loaded as for
 * sale). The row itself when every key is spelt as Nebim does (the usual case, and the generator's).
 */
function nebimNames(
  def: TableDef,
  spec: CompiledTable,
  raw: Record<string, unknown>,
  index: number,
): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(raw)) {
    if (spec.known.has(key)) continue;
    const name = spec.byLowerCase.get(key.toLowerCase());
    if (name === undefined) continue; // a column the schema does not know: kept as it is
    out ??= { ...raw };
    if (out[name] !== undefined) {
      throw new DataSetError(
        `Cannot load ${def.name} row ${index}: column "${key}" is "${name}" again (column names ignore case)`,
        def.name,
        index,
        key,
      );
    }
    out[name] = raw[key];
    delete out[key];
  }
  return out ?? raw;
}

interface CompiledTable {
  known: Set<string>;
  /** Nebim's spelling of each column by its lower-case name. */
  byLowerCase: Map<string, string>;
  required: Set<string>;
  template: Row;
}

const COMPILED = new Map<string, CompiledTable>();

function compiled(def: TableDef): CompiledTable {
  let c = COMPILED.get(def.name);
  if (!c) {
    const template: Row = {};
    for (const col of def.columns) template[col.name] = null;
    c = {
      known: new Set(def.columns.map((x) => x.name)),
      byLowerCase: new Map(def.columns.map((x) => [x.name.toLowerCase(), x.name])),
      required: new Set(requiredColumns(def)),
      template,
    };
    COMPILED.set(def.name, c);
  }
  return c;
}

function keyOf(def: TableDef, row: Row): string {
  return def.key.map((k) => {
    const v = row[k];
    // Nebim's collation (Turkish_CI_AS): "abc", "ABC " and "i", "İ" collide in a key.
    return v instanceof Date ? v.toISOString() : ciKey(v);
  }).join("\u0000");
}
