/**
 * The bindings table: one row per stock code. Bulk writes run prepared statements inside one
 * transaction (100,000 rows: 1.5–2.5 s on the 2-core test machine); whole-table reads stream page by
 * page or build a Map.
 * @module
 */

import type { VariantKey } from "../nebim/types.ts";
import type { SQLInputValue } from "node:sqlite";
import { checkBindingState, checkBindingUpsert, checkPushRecord, usableFailures } from "./check_binding.ts";
import type { Context } from "./connection.ts";
import {
  type BindingRow,
  COLUMNS,
  DELETE_REFUSED,
  DELETE_UNSENT,
  END_REFUSED_RETRY,
  FORGET_PUSHED,
  INSERT_PUSH,
  KEY_COLUMN_COUNT,
  KEY_COLUMNS,
  MARK_FAILED,
  PAGE,
  parsePushed,
  PUSH_ARGS_NO_KEY,
  pushArgs,
  returnArrays,
  type SummaryRow,
  toBinding,
  UPDATE_PUSH,
  UPDATE_PUSH_KEY,
  UPSERT,
  upsertArgs,
  withPushArgs,
} from "./binding_sql.ts";
import { selectIn } from "./in_list.ts";
import type {
  Binding,
  BindingCounts,
  BindingState,
  BindingSummary,
  BindingUpsert,
  DirtyRecord,
  ProblemReport,
  PushRecord,
} from "./types.ts";

/** Whether the key columns of two rows (from index `i` and `j`, KEY_COLUMNS in order) are equal. */
function sameKey(a: readonly unknown[], i: number, b: readonly unknown[], j: number): boolean {
  for (let k = 0; k < KEY_COLUMN_COUNT; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/** Rows per page of `eachBinding()`: a few MB of rows at once, not every one. */
const SUMMARY_PAGE = 5000;

/** A table read a page at a time after the last row's key (keyset), no statement open between pages. */
function* keysetPages<R, K>(read: (after: K, n: number) => R[], size: number, first: K, keyOf: (r: R) => K) {
  for (let after = first;;) {
    const rows = read(after, size);
    yield rows;
    if (rows.length < size) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

/** The binding queries, bound to one open ledger. */
export function bindingQueries({ db, transaction, now }: Context) {
  const upsert = db.prepare(UPSERT);
  const markFailed = db.prepare(MARK_FAILED);
  const deleteRefused = db.prepare(DELETE_REFUSED);
  const forgetPushed = db.prepare(FORGET_PUSHED);
  const deleteUnsent = db.prepare(DELETE_UNSENT);
  const endRefusedRetry = db.prepare(END_REFUSED_RETRY);
  const insertPush = db.prepare(INSERT_PUSH);
  const insertPushRow = insertPush.get.bind(insertPush);
  const totalChanges = db.prepare("SELECT total_changes() AS n");
  const changesSoFar = () => Number(totalChanges.get()!.n);
  const updatePush = db.prepare(UPDATE_PUSH);
  const updatePushKey = db.prepare(UPDATE_PUSH_KEY);
  const storedKeys = selectIn(
    db,
    (list) => `SELECT stock_code, ${KEY_COLUMNS} FROM bindings WHERE stock_code IN (${list})`,
  );
  const byCode = db.prepare(`SELECT ${COLUMNS} FROM bindings WHERE stock_code = ?`);
  const byProduct = db.prepare(`SELECT ${COLUMNS} FROM bindings WHERE product_code = ? ORDER BY stock_code`);
  const byVariant = db.prepare(
    `SELECT ${COLUMNS} FROM bindings WHERE item_code = ? AND color_code = ? ` +
      "AND dim1 = ? AND dim2 = ? AND dim3 = ? AND item_type_code = ? ORDER BY stock_code",
  );
  // Whole-table reads: all() with rows as arrays is about three times faster than iterate() with objects, and
  // a page at a time (in the order the rows were made) keeps no copy of every row: at 100,000 bindings an
  // index built from them peaked at 100 MB against 143 read whole (iterate(): 100 MB, but half again slower).
  const summaries = db.prepare(
    "SELECT rowid, stock_code, product_code, item_code, pushed_fields, state, dirty, " +
      "pushed_fields IS NULL AND pushed_at IS NOT NULL FROM bindings " +
      "WHERE rowid > ? ORDER BY rowid LIMIT ?",
  );
  returnArrays(summaries);
  const eachBinding = (f: (b: BindingSummary) => void): void => {
    const read = (after: number, n: number) => summaries.all(after, n) as unknown as SummaryRow[];
    for (const rows of keysetPages(read, SUMMARY_PAGE, 0, (r) => r[0])) {
      for (const [, stockCode, productCode, itemCode, pushed, state, dirty, lost] of rows) {
        const b: BindingSummary = {
          stockCode,
          productCode,
          itemCode,
          pushed: pushed === null ? null : parsePushed(pushed),
          vanished: state === "vanished",
          dirty: dirty === 1,
        };
        if (lost) b.lost = true;
        f(b);
      }
    }
  };
  // Walks go page by page (keyset), so no read statement stays open between a caller's steps.
  const page = db.prepare(`SELECT ${COLUMNS} FROM bindings WHERE stock_code > ? ORDER BY stock_code LIMIT ?`);
  const counts = db.prepare(
    "SELECT count(*) AS total, coalesce(sum(state = 'active'), 0) AS active, " +
      "coalesce(sum(state = 'vanished'), 0) AS vanished, coalesce(sum(state = 'held'), 0) AS held, " +
      "coalesce(sum(dirty), 0) AS dirty FROM bindings",
  );
  const markDirtyOne = db.prepare(
    "UPDATE bindings SET dirty = 1, reason = coalesce(?, reason), updated_at = ? WHERE stock_code = ?",
  );
  const setStateOne = db.prepare(
    "UPDATE bindings SET state = ?, reason = ?, updated_at = ? WHERE stock_code = ?",
  );
  const dirtyCodes = db.prepare("SELECT stock_code FROM bindings WHERE dirty = 1 ORDER BY stock_code");
  const dirtyItems = db.prepare("SELECT DISTINCT item_code FROM bindings WHERE dirty = 1 ORDER BY item_code");

  function writeUpserts(bs: readonly BindingUpsert[], setKey: (b: BindingUpsert) => boolean): void {
    for (const b of bs) checkBindingUpsert(b);
    const at = now();
    transaction(() => {
      for (const b of bs) upsert.run(...upsertArgs(b, at, setKey(b)));
    });
  }

  function updateEach(stockCodes: readonly string[], run: (code: string) => number | bigint): number {
    let changed = 0;
    transaction(() => {
      for (const code of stockCodes) changed += Number(run(code));
    });
    return changed;
  }

  /**
   * After the bulk insert every code is in the table, but some were there before it and kept their old
   * values: update each record, keeping a vanished code's stored key. (A code the insert took is rewritten
   * with the same values.)
   */
  function rewritePushes(written: readonly PushRecord[], args: readonly SQLInputValue[][]): void {
    // stock code → a row holding its stored key columns from `at` on (a stored row: after the code;
    // pushArgs() of a code rewritten earlier in this batch: from PUSH_ARGS_NO_KEY), compared in place.
    const stored = new Map<string, { row: readonly unknown[]; at: number }>();
    for (const row of storedKeys(written.map((w) => w.stockCode))) {
      stored.set(row[0] as string, { row, at: 1 });
    }
    written.forEach((w, i) => {
      const a = args[i]!;
      // A vanished code's write is built from the binding summary, which lacks the full key: keep the
      // stored identity rather than overwrite it.
      const had = stored.get(w.stockCode)!;
      if (w.vanished || sameKey(had.row, had.at, a, PUSH_ARGS_NO_KEY)) {
        updatePush.run(...a.slice(0, PUSH_ARGS_NO_KEY));
      } else {
        updatePushKey.run(...a);
        stored.set(w.stockCode, { row: a, at: PUSH_ARGS_NO_KEY });
      }
    });
  }

  return {
    getBinding(stockCode: string): Binding | undefined {
      const r = byCode.get(stockCode) as BindingRow | undefined;
      return r && toBinding(r);
    },

    *allBindings(): Generator<Binding, void, undefined> {
      const read = (after: string, n: number) => page.all(after, n) as unknown as BindingRow[];
      for (const rows of keysetPages(read, PAGE, "", (r) => r.stock_code)) {
        for (const r of rows) yield toBinding(r);
      }
    },

    bindingsByProduct(productCode: string): Binding[] {
      return (byProduct.all(productCode) as unknown as BindingRow[]).map(toBinding);
    },

    bindingsByVariant(k: VariantKey): Binding[] {
      const rows = byVariant.all(
        k.itemCode,
        k.colorCode,
        k.itemDim1Code,
        k.itemDim2Code,
        k.itemDim3Code,
        k.itemTypeCode,
      );
      return (rows as unknown as BindingRow[]).map(toBinding);
    },

    bindings(): Map<string, BindingSummary> {
      const out = new Map<string, BindingSummary>();
      eachBinding((b) => out.set(b.stockCode, b));
      return out;
    },

    eachBinding,

    bindingCounts(): BindingCounts {
      const r = counts.get() as unknown as BindingCounts;
      return { total: r.total, active: r.active, vanished: r.vanished, held: r.held, dirty: r.dirty };
    },

    upsertBindings(bs: readonly BindingUpsert[]): void {
      writeUpserts(bs, () => true);
    },

    recordWrites(
      written: readonly PushRecord[],
      failed: readonly DirtyRecord[],
      refused: readonly string[] = [],
    ): ProblemReport[] {
      // forEach: no iterator result per record while this runs unoptimised (most of a full sync's batches).
      written.forEach(checkPushRecord);
      const { ok, bad } = usableFailures(failed);
      const at = now();
      transaction(() => {
        // Insert first, without looking: in a first full sync every code is new, and when every insert
        // took (counted by SQLite's total_changes()) that is all. `get` rather than `run`: no result object
        // per row, about a quarter of each insert's cost.
        const before = changesSoFar();
        written.forEach((w) => withPushArgs(w, at, insertPushRow));
        if (changesSoFar() - before !== written.length) {
          rewritePushes(written, written.map((w) => pushArgs(w, at)));
        }
        // Before the failures: a code both failed and refused stays to retry.
        for (const code of refused) {
          deleteRefused.run(code);
          endRefusedRetry.run(at, code);
        }
        for (const d of ok) {
          const k = d.variantKey;
          markFailed.run(
            d.stockCode,
            k?.itemTypeCode ?? null,
            k?.itemCode ?? d.itemCode,
            k?.colorCode ?? null,
            k?.itemDim1Code ?? null,
            k?.itemDim2Code ?? null,
            k?.itemDim3Code ?? null,
            d.reason,
            at,
          );
        }
      });
      return bad;
    },

    forgetPushed(stockCodes: readonly string[]): void {
      const at = now();
      transaction(() => {
        for (const code of stockCodes) forgetPushed.run(at, code);
      });
    },

    dropUnsent(stockCodes: readonly string[]): string[] {
      const dropped: string[] = [];
      transaction(() => {
        for (const code of stockCodes) if (deleteUnsent.run(code).changes) dropped.push(code);
      });
      return dropped;
    },

    markDirty(stockCodes: readonly string[], reason?: string): number {
      const at = now();
      return updateEach(stockCodes, (code) => markDirtyOne.run(reason ?? null, at, code).changes);
    },

    setBindingState(
      stockCodes: readonly string[],
      state: BindingState,
      reason: string | null = null,
    ): number {
      checkBindingState(state);
      const at = now();
      return updateEach(stockCodes, (code) => setStateOne.run(state, reason, at, code).changes);
    },

    dirtyStockCodes(): string[] {
      return dirtyCodes.all().map((r) => String(r.stock_code));
    },

    dirtyItemCodes(): string[] {
      return dirtyItems.all().map((r) => String(r.item_code));
    },
  };
}
