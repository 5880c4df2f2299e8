/**
 * A plan's actions and the rows that explain them (`sync products --dry-run`, `--csv`).
 * @module
 */

import { formatKurus } from "../pricing/money.ts";
import type { PushedFields } from "./binding_index.ts";
import type { StockPriceWrite } from "./plan.ts";

export type Action =
  | "create"
  | "addVariant"
  | "adopt"
  | "rename"
  | "vat"
  | "barcode"
  | "label"
  | "stock"
  | "price"
  | "zero"
  | "held";

export interface PlanRow {
  stockCode: string;
  productCode: string;
  action: Action;
  why: string;
  /**
   * The variant's stock and prices (kuruş) once this cycle's writes are done; a held one's are Nebim's, an
   * adopted one's the store's as found (its stock or price row follows when Nebim's differ).
   */
  quantity: number;
  price: number | null;
  marketplacePrice: number | null;
}

/** What a row states about its variant: the quantity and prices it has (or would have) after the cycle. */
export type RowValues = Pick<
  PlanRow,
  "stockCode" | "productCode" | "quantity" | "price" | "marketplacePrice"
>;

/** What a plan tallies and explains. */
export interface Noted {
  rows: PlanRow[];
  counts: Record<Action, number>;
}

export const tl = (k: number | null) => (k === null ? "—" : formatKurus(k));

/** Every action at zero: a plan's `counts` start here, and so does a cycle's tally of them. */
export function noActions(): Record<Action, number> {
  return {
    create: 0,
    addVariant: 0,
    adopt: 0,
    rename: 0,
    vat: 0,
    barcode: 0,
    label: 0,
    stock: 0,
    price: 0,
    zero: 0,
    held: 0,
  };
}

/**
 * Counts the action, and tells whether the plan is explained: then the caller adds its row (addRow). The row
 * and its reason are built only then, with no closure per action (a full sync has one for every variant).
 */
export function note(plan: Noted, explain: boolean, action: Action): boolean {
  plan.counts[action]++;
  return explain;
}

/** Keeps an action's row. */
export function addRow(plan: Noted, action: Action, r: RowValues, why: string): void {
  plan.rows.push({
    stockCode: r.stockCode,
    productCode: r.productCode,
    action,
    why,
    quantity: r.quantity,
    price: r.price,
    marketplacePrice: r.marketplacePrice,
  });
}

/** A reason, saying why a write of values the ledger already holds goes out again. */
export function again(doubt: boolean, why: string): string {
  return doubt ? `${why} (sent again: its last write failed or went unanswered)` : why;
}

/** The reason of a stock or price write: what it changes, from what. */
export function changeWhy(was: PushedFields, write: StockPriceWrite): string {
  const why: string[] = [];
  if (write.quantity !== undefined) why.push(`quantity ${was.quantity} → ${write.quantity}`);
  if (write.price !== undefined) {
    why.push(
      `price ${tl(was.price)}/${tl(was.marketplacePrice)} → ${tl(write.price)}/${
        tl(write.marketplacePrice ?? null)
      }`,
    );
  }
  return why.join("; ");
}
