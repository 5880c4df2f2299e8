/**
 * Stock queries: nebim:onHand (the trStock ledger summed per variant over the listed warehouses) and
 * nebim:reserved (the open quantity of reservations, dispatch orders and picking per variant, through each
 * order line: commitments.ts).
 * @module
 */

import type { Row } from "../dataset.ts";
import type { QueryResult, ResultColumn } from "../../tds/server.ts";
import { ciKey } from "./collate.ts";
import { col } from "./columns.ts";
import { type HandlerContext, itemKeys, itemRows, keySet } from "./context.ts";
import type { NebimIndexes } from "./indexes.ts";
import { openQuantity } from "./commitments.ts";

function variantColumns(table: string): ResultColumn[] {
  return ["ItemCode", "ColorCode", "ItemDim1Code", "ItemDim2Code", "ItemDim3Code"].map((c) => col(table, c));
}

/** GROUP BY the variant columns: the first row of a group gives the codes, as SQL Server returns one. */
class VariantSums {
  readonly #groups = new Map<string, { row: Row; sum: number }>();
  constructor(readonly idx: NebimIndexes) {}

  add(row: Row, qty: number): void {
    const k = this.idx.variantKey(row);
    const g = this.#groups.get(k);
    if (g) g.sum += qty;
    else this.#groups.set(k, { row, sum: qty });
  }

  rows(): unknown[][] {
    return [...this.#groups.values()].map(({ row, sum }) => [
      row.ItemCode,
      row.ColorCode,
      row.ItemDim1Code,
      row.ItemDim2Code,
      row.ItemDim3Code,
      sum,
    ]);
  }
}

export function onHand(ctx: HandlerContext): QueryResult {
  const warehouses = keySet(ctx, "w");
  const sums = new VariantSums(ctx.idx);
  for (const key of itemKeys(ctx, "s")) {
    for (const s of itemRows(ctx, "trStock", "s", key)) {
      if (warehouses.has(ciKey(s.WarehouseCode))) {
        sums.add(s, Number(s.In_Qty1 ?? 0) - Number(s.Out_Qty1 ?? 0));
      }
    }
  }
  return {
    resultSets: [{
      columns: [...variantColumns("trStock"), { name: "OnHand", type: "float", nullable: true }],
      rows: sums.rows(),
    }],
  };
}

export function reserved(ctx: HandlerContext): QueryResult {
  const warehouses = keySet(ctx, "w");
  const sums = new VariantSums(ctx.idx);
  for (const key of itemKeys(ctx, "o")) {
    for (const o of itemRows(ctx, "trOrderLine", "o", key)) {
      const open = openQuantity(ctx.idx, o, warehouses);
      if (open !== undefined) sums.add(o, open);
    }
  }
  return {
    resultSets: [{
      columns: [...variantColumns("trOrderLine"), { name: "Reserved", type: "float", nullable: true }],
      rows: sums.rows(),
    }],
  };
}
