/**
 * The SQL text of the bindings table and the mapping between its rows and the agent's records.
 * @module
 */

import type { SQLInputValue, StatementSync } from "node:sqlite";
import type { Binding, BindingState, BindingUpsert, PushedFields, PushRecord } from "./types.ts";

export const COLUMNS = "stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, product_code, " +
  "qukasoft_product_id, qukasoft_variant_id, pushed_fields, pushed_at, state, reason, dirty, " +
  "created_at, updated_at";

// One statement for insert and update, with numbered parameters (binding by name costs twice as much).
// For an optional field, a ?set_x flag says whether the caller gave it (update it) or left it out (keep
// the stored value); ?9 = 0 keeps the stored identity. upsertArgs() gives them in this numbering.
export const UPSERT = `
  INSERT INTO bindings (${COLUMNS})
  VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?12, ?14, iif(?14 IS NULL, NULL, ?20),
    coalesce(?16, 'active'), ?17, coalesce(?19, ?14 IS NULL), ?20, ?20)
  ON CONFLICT (stock_code) DO UPDATE SET
    item_type_code = iif(?9, excluded.item_type_code, bindings.item_type_code),
    item_code = iif(?9, excluded.item_code, bindings.item_code),
    color_code = iif(?9, excluded.color_code, bindings.color_code),
    dim1 = iif(?9, excluded.dim1, bindings.dim1),
    dim2 = iif(?9, excluded.dim2, bindings.dim2),
    dim3 = iif(?9, excluded.dim3, bindings.dim3),
    product_code = iif(?9, excluded.product_code, bindings.product_code),
    qukasoft_product_id = iif(?11, excluded.qukasoft_product_id, bindings.qukasoft_product_id),
    qukasoft_variant_id = iif(?13, excluded.qukasoft_variant_id, bindings.qukasoft_variant_id),
    pushed_fields = iif(?15, excluded.pushed_fields, bindings.pushed_fields),
    pushed_at = iif(?15, excluded.pushed_at, bindings.pushed_at),
    state = coalesce(?16, bindings.state),
    reason = iif(?18, excluded.reason, bindings.reason),
    dirty = coalesce(?19, bindings.dirty),
    updated_at = excluded.updated_at`;

// recordWrites splits what UPSERT does in one statement: a stock code not in the table yet is inserted
// (about three times cheaper than an UPSERT; a known one conflicts, changes nothing and is left to an
// UPDATE), a known one gets an UPDATE that rewrites the key columns only when they changed. Only the
// stock code's conflict is let pass: any other constraint still fails the write. All three share
// pushArgs()'s numbering.
export const INSERT_PUSH = `
  INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, product_code,
    qukasoft_product_id, pushed_fields, pushed_at, state, dirty, created_at, updated_at)
  VALUES (?1, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?3, ?4, ?6, ?5, 0, ?6, ?6)
  ON CONFLICT (stock_code) DO NOTHING`;

const SET_PUSHED = "qukasoft_product_id = iif(?2, ?3, qukasoft_product_id), pushed_fields = ?4, " +
  "pushed_at = ?6, state = ?5, reason = NULL, dirty = 0, updated_at = ?6";

/** Takes the first PUSH_ARGS_NO_KEY values of pushArgs(). */
export const UPDATE_PUSH = `UPDATE bindings SET ${SET_PUSHED} WHERE stock_code = ?1`;
export const PUSH_ARGS_NO_KEY = 6;

export const UPDATE_PUSH_KEY = `UPDATE bindings SET ${SET_PUSHED}, item_type_code = ?7, item_code = ?8,
  color_code = ?9, dim1 = ?10, dim2 = ?11, dim3 = ?12, product_code = ?13 WHERE stock_code = ?1`;

/** The key columns of a stored binding as pushArgs() numbers them (?7–?13), for a change test. */
export const KEY_COLUMNS = "item_type_code, item_code, color_code, dim1, dim2, dim3, product_code";
export const KEY_COLUMN_COUNT = 7;

/** The parameters of INSERT_PUSH and UPDATE_PUSH_KEY (UPDATE_PUSH: the first seven), as an array. */
export function pushArgs(w: PushRecord, now: string): SQLInputValue[] {
  return withPushArgs(w, now, (...args) => args);
}

/**
 * Calls `f` with pushArgs() as its arguments, without the array: the bulk insert passes a statement's
 * bound `get`, and only the rare rewrite of known codes needs the values kept (~15 MB of arrays at 100,000).
 */
export function withPushArgs<T>(w: PushRecord, now: string, f: (...args: SQLInputValue[]) => T): T {
  const k = w.variantKey;
  return f(
    w.stockCode, // ?1
    w.productId === undefined ? 0 : 1,
    w.productId ?? null,
    pushedJson(w.pushed), // ?4
    w.vanished ? "vanished" : "active",
    now, // ?6
    k.itemTypeCode,
    w.itemCode,
    k.colorCode,
    k.itemDim1Code, // ?10
    k.itemDim2Code,
    k.itemDim3Code,
    w.productCode, // ?13
  );
}

/** Only the seven known fields are stored, in a fixed order, whatever else the object carries. */
function pushedJson(p: PushedFields): string {
  // One flat string from JSON.stringify (the same text the stored rows have: checkPushed allows only
  // integers, finite numbers, strings or null): a template joining the parts costs twice the memory in
  // pieces, and SQLite copies them into one string again.
  return JSON.stringify({
    quantity: p.quantity,
    price: p.price,
    marketplacePrice: p.marketplacePrice,
    name: p.name,
    vatRate: p.vatRate,
    barcode: p.barcode,
    label: p.label ?? undefined, // not known: left out, as in a row written before the agent kept it
  });
}

/**
 * The stored pushed fields. A row written before the agent kept the VAT rate or the barcode has none: not
 * known (null), until a full reconciliation reads the store's; so too the colour label, left out. No
 * migration: the JSON column takes new fields.
 */
export function parsePushed(json: string): PushedFields {
  const p = JSON.parse(json) as PushedFields;
  p.vatRate ??= null;
  p.barcode ??= null;
  return p;
}

// A failed write of a stock code the ledger may not know yet (its create failed): keep it as a
// provisional binding, known only by item code, so the item is read again next cycle. A known code read now
// (?3 the item code and ?2, ?4–?7 the rest of its key: NULL when not read) follows the variant that holds it,
// so the retry reads the item it moved to, not the one it left (whose read takes it for gone).
export const MARK_FAILED = `
  INSERT INTO bindings (stock_code, item_type_code, item_code, color_code, dim1, dim2, dim3, product_code,
    dirty, reason, created_at, updated_at)
  VALUES (?1, coalesce(?2, 1), ?3, coalesce(?4, ''), coalesce(?5, ''), coalesce(?6, ''), coalesce(?7, ''), '',
    1, ?8, ?9, ?9)
  ON CONFLICT (stock_code) DO UPDATE SET dirty = 1, reason = excluded.reason, updated_at = excluded.updated_at,
    item_type_code = iif(?2 IS NULL, bindings.item_type_code, excluded.item_type_code),
    item_code = iif(?2 IS NULL, bindings.item_code, excluded.item_code),
    color_code = iif(?2 IS NULL, bindings.color_code, excluded.color_code),
    dim1 = iif(?2 IS NULL, bindings.dim1, excluded.dim1),
    dim2 = iif(?2 IS NULL, bindings.dim2, excluded.dim2),
    dim3 = iif(?2 IS NULL, bindings.dim3, excluded.dim3)`;

/**
 * Codes a full cycle found gone from the store (deleted in its panel): the row says what the store has, nothing,
 * so the cycle that can creates them (this one, or a later one when this one holds them: no VAT rate, no price).
 * `pushed_at` stays: the mark of a code the store had (its product made again comes back passive,
 * sync/plan_new.ts).
 */
export const FORGET_PUSHED = "UPDATE bindings SET pushed_fields = NULL, dirty = 0, updated_at = ?1 " +
  "WHERE stock_code = ?2 AND pushed_fields IS NOT NULL";

/**
 * A create the store refused: the row a failure of it left (never pushed) goes, and its retry with it. Not one of
 * a code the store had and lost (FORGET_PUSHED): END_REFUSED_RETRY ends its retry, and it stays lost.
 */
export const DELETE_REFUSED =
  "DELETE FROM bindings WHERE stock_code = ? AND pushed_fields IS NULL AND pushed_at IS NULL";

/**
 * A provisional binding (a create that failed: no pushed fields) of a code Nebim no longer sells: nothing of
 * it is in the store to zero, so it goes, and its retry with it. Not while a send row names the code: that
 * create may have reached the store, and a full cycle settles it first (sync/sends_in_doubt.ts).
 */
export const DELETE_UNSENT = "DELETE FROM bindings WHERE stock_code = ?1 AND pushed_fields IS NULL AND " +
  "NOT EXISTS (SELECT 1 FROM sending s, json_each(s.codes) c WHERE json_extract(c.value, '$[0]') = ?1)";

/**
 * A write the store refused of a code the store has or had (a vanished code's zero, a code the store lost
 * created again): the row stays as it was, only the retry a failure left ends.
 */
export const END_REFUSED_RETRY = "UPDATE bindings SET dirty = 0, reason = NULL, updated_at = ? " +
  "WHERE stock_code = ? AND dirty = 1 AND (pushed_fields IS NOT NULL OR pushed_at IS NOT NULL)";

/** Bindings per page of `allBindings()`. */
export const PAGE = 1000;

/** A row of `summaries`, returned as an array; the last is 1 for a code the store lost (FORGET_PUSHED). */
export type SummaryRow = [number, string, string, string, string | null, string, number, number];

export interface BindingRow {
  stock_code: string;
  item_type_code: number;
  item_code: string;
  color_code: string;
  dim1: string;
  dim2: string;
  dim3: string;
  product_code: string;
  qukasoft_product_id: number | null;
  qukasoft_variant_id: number | null;
  pushed_fields: string | null;
  pushed_at: string | null;
  state: string;
  reason: string | null;
  dirty: number;
  created_at: string;
  updated_at: string;
}

export function toBinding(r: BindingRow): Binding {
  return {
    stockCode: r.stock_code,
    key: {
      itemTypeCode: r.item_type_code,
      itemCode: r.item_code,
      colorCode: r.color_code,
      itemDim1Code: r.dim1,
      itemDim2Code: r.dim2,
      itemDim3Code: r.dim3,
    },
    productCode: r.product_code,
    qukasoftProductId: r.qukasoft_product_id,
    qukasoftVariantId: r.qukasoft_variant_id,
    pushed: r.pushed_fields === null ? null : parsePushed(r.pushed_fields),
    pushedAt: r.pushed_at,
    state: r.state as BindingState,
    reason: r.reason,
    dirty: r.dirty === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The parameters of UPSERT, in its numbering. */
export function upsertArgs(b: BindingUpsert, now: string, setKey: boolean): SQLInputValue[] {
  const k = b.key;
  const p = b.pushed;
  return [
    b.stockCode, // ?1
    k.itemTypeCode,
    k.itemCode,
    k.colorCode,
    k.itemDim1Code, // ?5
    k.itemDim2Code,
    k.itemDim3Code,
    b.productCode,
    setKey ? 1 : 0,
    b.qukasoftProductId ?? null, // ?10
    b.qukasoftProductId === undefined ? 0 : 1,
    b.qukasoftVariantId ?? null,
    b.qukasoftVariantId === undefined ? 0 : 1,
    p ? pushedJson(p) : null, // ?14
    p === undefined ? 0 : 1,
    b.state ?? null,
    b.reason ?? null,
    b.reason === undefined ? 0 : 1, // ?18
    b.dirty === undefined ? null : b.dirty ? 1 : 0,
    now, // ?20
  ];
}

/** Rows as arrays (node:sqlite has it; the Node types bundled with Deno 2.9.6 do not declare it yet). */
export function returnArrays(stmt: StatementSync): void {
  (stmt as StatementSync & { setReturnArrays(on: boolean): void }).setReturnArrays(true);
}
