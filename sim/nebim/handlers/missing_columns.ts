/**
 * Columns this Nebim database does not have (an older version, or one a partner customised), as SQL Server
 * answers for them: INFORMATION_SCHEMA.COLUMNS does not list them, and a statement naming one fails as it
 * compiles, before any row, with 207 "Invalid column name" (the column alone: SQL Server names no table). A
 * statement names a missing column as permissions.ts reads a denied one: the words of its table and of the
 * column appear outside comments and literals.
 * @module
 */

import { SqlError } from "../../tds/server.ts";
import { tableDef } from "../schema.ts";
import { ciKey } from "./collate.ts";

export class MissingColumns {
  /** ciKey of a table → its missing columns (ciKey → name). */
  readonly #tables = new Map<string, Map<string, string>>();

  /** The database has no such column (schema.ts must know it: a test names a real Nebim column). */
  drop(table: string, column: string): this {
    const def = tableDef(table);
    const col = def?.columns.find((c) => ciKey(c.name) === ciKey(column));
    if (!def || !col) throw new Error(`schema.ts has no column ${table}.${column}`);
    const columns = this.#tables.get(ciKey(def.name)) ?? new Map<string, string>();
    columns.set(ciKey(col.name), col.name);
    this.#tables.set(ciKey(def.name), columns);
    return this;
  }

  has(table: string, column: string): boolean {
    return this.#tables.get(ciKey(table))?.has(ciKey(column)) ?? false;
  }

  /** Throws 207 for the first missing column the statement names; `stripped` is without comments and literals. */
  check(stripped: string): void {
    if (this.#tables.size === 0) return;
    const named = new Set((stripped.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []).map(ciKey));
    for (const [table, columns] of this.#tables) {
      if (!named.has(table)) continue;
      for (const [key, column] of columns) {
        if (named.has(key)) throw new SqlError(`Invalid column name '${column}'.`, 207, 1, 16);
      }
    }
  }
}
