/**
 * Lazy indexes over the in-memory data set, so a 500-item batch is answered by lookups instead of scans
 * of 100,000+ rows per query.
 *
 * Revalidation is per table, not per `data.version`: orders posted through the Integrator simulator bump
 * the version without touching a catalogue table, and rebuilding every index then would cost a benchmark
 * hundreds of milliseconds per order. A table's rows array keeps its identity across inserts (rows are
 * appended: only the new ones are indexed) and is replaced by a delete (full rebuild). Updates change rows
 * in place, so indexes see them through the row references; since an update could change a key column,
 * every handler re-checks the key of each row it takes from an index.
 * @module
 */

import type { NebimDataSet, Row } from "../dataset.ts";
import { ciKey, compareKeys } from "./collate.ts";

interface Grouping {
  rows: readonly Row[];
  indexed: number;
  groups: Map<string, Row[]>;
}

interface Sorted {
  rows: readonly Row[];
  length: number;
  codes: { key: string; code: string }[];
}

/** The case-blind ItemCode key of a product row (ItemTypeCode 1), or undefined for other item types. */
export function productKey(row: Row): string | undefined {
  return row.ItemTypeCode === 1 ? ciKey(row.ItemCode) : undefined;
}

/** The case-blind key of a variant row's ItemCode, ColorCode, ItemDim1..3Code. */
export function variantKey(r: Row): string {
  return `${ciKey(r.ItemCode)}\u0000${ciKey(r.ColorCode)}\u0000${ciKey(r.ItemDim1Code)}\u0000${
    ciKey(r.ItemDim2Code)
  }\u0000${ciKey(r.ItemDim3Code)}`;
}

export class NebimIndexes {
  readonly #data: NebimDataSet;
  readonly #groupings = new Map<string, Grouping>();
  readonly #sorted: (Sorted | undefined)[] = [];
  /**
   * Variant keys per row, computed once: building and hashing a fresh composite string for every row of
   * every batch cost more than the rest of a stock query together.
   */
  readonly #variantKeys = new WeakMap<Row, { raw: unknown[]; key: string }>();

  constructor(data: NebimDataSet) {
    this.#data = data;
  }

  /** Rows of `table` grouped by `key(row)` (rows with an undefined key left out); cached under `name`. */
  groups(table: string, name: string, key: (row: Row) => string | undefined): Map<string, Row[]> {
    const rows = this.#data.rows(table);
    const id = `${table}:${name}`;
    let g = this.#groupings.get(id);
    if (!g || g.rows !== rows || g.indexed > rows.length) {
      g = { rows, indexed: 0, groups: new Map() };
      this.#groupings.set(id, g);
    }
    for (let i = g.indexed; i < rows.length; i++) {
      const row = rows[i]!;
      const k = key(row);
      if (k === undefined) continue;
      const list = g.groups.get(k);
      if (list) list.push(row);
      else g.groups.set(k, [row]);
    }
    g.indexed = rows.length;
    return g.groups;
  }

  /** Product rows (ItemTypeCode 1) of a table by ItemCode key. */
  byItem(table: string): Map<string, Row[]> {
    return this.groups(table, "item", productKey);
  }

  /** Rows of a table by the key of one column (ids, codes). */
  byColumn(table: string, column: string): Map<string, Row[]> {
    return this.groups(table, column, (r) => ciKey(r[column]));
  }

  /** {@link variantKey} of a row, cached while its five code cells stay the same values. */
  variantKey(row: Row): string {
    const cached = this.#variantKeys.get(row);
    if (
      cached && cached.raw[0] === row.ItemCode && cached.raw[1] === row.ColorCode &&
      cached.raw[2] === row.ItemDim1Code && cached.raw[3] === row.ItemDim2Code &&
      cached.raw[4] === row.ItemDim3Code
    ) {
      return cached.key;
    }
    const key = variantKey(row);
    this.#variantKeys.set(row, {
      raw: [row.ItemCode, row.ColorCode, row.ItemDim1Code, row.ItemDim2Code, row.ItemDim3Code],
      key,
    });
    return key;
  }

  /**
   * cdItem product codes in key order, for keyset paging (re-sorted when cdItem changes size); with
   * `allTypes`, the codes of every item type (a code two types share is listed once).
   */
  sortedItemCodes(allTypes = false): { key: string; code: string }[] {
    const rows = this.#data.rows("cdItem");
    const s = this.#sorted[allTypes ? 1 : 0];
    if (s && s.rows === rows && s.length === rows.length) return s.codes;
    const byKey = new Map<string, string>();
    for (const r of rows) {
      const key = ciKey(r.ItemCode);
      if ((allTypes || r.ItemTypeCode === 1) && !byKey.has(key)) byKey.set(key, String(r.ItemCode));
    }
    const codes = [...byKey].map(([key, code]) => ({ key, code }));
    codes.sort((a, b) => compareKeys(a.key, b.key));
    this.#sorted[allTypes ? 1 : 0] = { rows, length: rows.length, codes };
    return codes;
  }
}
