/**
 * What the agent's read-only login may read, as SQL Server enforces it. Everything is granted until a test
 * takes something away (live: a grant may go during a run):
 *
 * - a table the login was never granted SELECT on: a statement naming it fails with error 229, and
 *   INFORMATION_SCHEMA leaves the table out (metadata visibility: only objects the login has some
 *   permission on are listed), so to a metadata query it looks missing;
 * - a column under DENY SELECT (table granted): a statement naming it fails with error 230, but
 *   INFORMATION_SCHEMA still lists it: sys.columns, under INFORMATION_SCHEMA.COLUMNS, filters by the
 *   table's visibility (`has_access('CO', object_id)`), not the column's permission.
 *
 * A statement "names" a table or column when the word appears in it outside comments and literals; the
 * agent's statements name no column they do not read, so this is all the precision the tests need.
 * @module
 */

import { SqlError } from "../../tds/server.ts";
import { tableDef } from "../schema.ts";
import { ciKey } from "./collate.ts";

export class SqlPermissions {
  /** ciKey → name of each table without SELECT permission. */
  readonly #ungranted = new Map<string, string>();
  /** ciKey of a table → its name and its denied columns (ciKey → name). */
  readonly #denied = new Map<string, { name: string; columns: Map<string, string> }>();

  /** The login loses SELECT on the table (as if its GRANT was never made). */
  revoke(table: string): this {
    const { name } = known(table);
    this.#ungranted.set(ciKey(name), name);
    return this;
  }

  /** `DENY SELECT ON dbo.<table> (<column>) TO <login>`. */
  denyColumn(table: string, column: string): this {
    const def = known(table);
    const col = def.columns.find((c) => ciKey(c.name) === ciKey(column));
    if (!col) throw new Error(`schema.ts has no column ${def.name}.${column}`);
    const key = ciKey(def.name);
    const entry = this.#denied.get(key) ?? { name: def.name, columns: new Map<string, string>() };
    entry.columns.set(ciKey(col.name), col.name);
    this.#denied.set(key, entry);
    return this;
  }

  /** Every table and column readable again. */
  grantAll(): this {
    this.#ungranted.clear();
    this.#denied.clear();
    return this;
  }

  /** Whether INFORMATION_SCHEMA lists the table (and so every column of it) to the login. */
  visible(table: string): boolean {
    return !this.#ungranted.has(ciKey(table));
  }

  /**
   * Throws SQL Server's error for the first table (229), then column (230), the statement names and the
   * login may not read. `stripped` is the SQL without comments and literals.
   */
  check(stripped: string, database: string): void {
    if (this.#ungranted.size === 0 && this.#denied.size === 0) return;
    const words = (stripped.match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? []).map(ciKey);
    const named = new Set(words);
    for (const w of words) {
      const table = this.#ungranted.get(w);
      if (table === undefined) continue;
      throw new SqlError(
        `The SELECT permission was denied on the object '${table}', database '${database}', schema 'dbo'.`,
        229,
        5,
        14,
      );
    }
    for (const [key, table] of this.#denied) {
      if (!named.has(key)) continue;
      for (const [columnKey, column] of table.columns) {
        if (!named.has(columnKey)) continue;
        throw new SqlError(
          `The SELECT permission was denied on the column '${column}' of the object '${table.name}', ` +
            `database '${database}', schema 'dbo'.`,
          230,
          1,
          14,
        );
      }
    }
  }
}

function known(table: string) {
  const def = tableDef(table);
  if (!def) throw new Error(`schema.ts has no table ${table}`);
  return def;
}
